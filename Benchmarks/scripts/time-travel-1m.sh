#!/usr/bin/env bash
# Issue 5, time travel: a store of 1,000,000 SIMs through book-in, reserve and
# allocate (about 2.1M events) built with the release provctl, then
# `sims list --at P --status reserved` timed at positions at, just after and far
# after a snapshot, with the snapshots and without them (interval 0 and a replay),
# and the cost of taking one snapshot of the 1M-SIM state.
#
#   Benchmarks/scripts/time-travel-1m.sh [WORKDIR]
set -euo pipefail

work=${1:-$(mktemp -d)}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
swift build -c release --product provctl >/dev/null
provctl="$(swift build -c release --show-bin-path)/provctl"
mkdir -p "$work"
store="$work/store"
t() { /usr/bin/time -f "  wall %e s, max RSS %M KiB" "$@"; }

python3 "$root/Benchmarks/scripts/iccids.py" 1000000 > "$work/all.txt"
head -n 800000 "$work/all.txt" > "$work/reserve-a.txt"   # 800k reserved to Talk_Mail
head -n 300000 "$work/all.txt" > "$work/allocate.txt"    # 300k of them allocated to Trial

rm -rf "$store"
P() { "$provctl" --store "$store" --as mike "$@" >/dev/null; }
"$provctl" --store "$store" init --distributor Mobilise --admin mike --admin-email mike@example.com >/dev/null
P reseller create Talk_Mail --home-location GBR,USA --country GBR --address1 "1 High St"
P group create Trial --reseller Talk_Mail --domain 0f3c2b9e-6a43-4f0e-9d55-1c7a8e2b4d10 --home-location USA
echo "== sims bookin of 1,000,000 ICCIDs (crosses position 1,000,000: takes a snapshot)"
t "$provctl" --store "$store" --as mike sims bookin --sim-type MXG-ET085 --form physical --file "$work/all.txt" >/dev/null
echo "== sims reserve of 800,000"
t "$provctl" --store "$store" --as mike sims reserve --reseller Talk_Mail --file "$work/reserve-a.txt" >/dev/null
echo "== sims allocate of 300,000 (crosses position 2,000,000: takes a snapshot)"
t "$provctl" --store "$store" --as mike sims allocate --group Trial --file "$work/allocate.txt" >/dev/null
"$provctl" --store "$store" snapshots list
head=$("$provctl" --store "$store" stats --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["head-position"])')
first=$("$provctl" --store "$store" snapshots list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["snapshots"][0]["position"])')
du -sh "$store"

positions="$first $((first + 1)) $((first + 500000)) 1999999 $head"
measure() {
    for p in $positions; do
        echo "-- sims list --at $p --status reserved ($1)"
        t "$provctl" --store "$store" sims list --at "$p" --status reserved >/dev/null
    done
}
measure "with snapshots"

echo "== the cost of one snapshot: a one-SIM change with interval 1 vs 0"
sim=$(sed -n 800000p "$work/all.txt")   # reserved, not allocated
"$provctl" --store "$store" snapshots set --every 0 >/dev/null
t "$provctl" --store "$store" --as mike sims unreserve "$sim" >/dev/null
t "$provctl" --store "$store" --as mike sims reserve --reseller Talk_Mail "$sim" >/dev/null
"$provctl" --store "$store" snapshots set --every 1 >/dev/null
t "$provctl" --store "$store" --as mike sims unreserve "$sim" >/dev/null
t "$provctl" --store "$store" --as mike sims reserve --reseller Talk_Mail "$sim" >/dev/null
"$provctl" --store "$store" snapshots list

echo "== replay --to 1999999 --into (starts from the snapshot at $first)"
t "$provctl" --store "$store" replay --to 1999999 --into "$work/copy-with"
echo "== without snapshots: interval 0, replay (removes them)"
"$provctl" --store "$store" snapshots set --every 0 >/dev/null
t "$provctl" --store "$store" replay
measure "without snapshots"
echo "== replay --to 1999999 --into (from the first event)"
t "$provctl" --store "$store" replay --to 1999999 --into "$work/copy-without"
echo "(store and files in $work)"
