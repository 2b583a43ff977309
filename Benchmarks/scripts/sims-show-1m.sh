#!/usr/bin/env bash
# Issue 4, acceptance 7: `sims bookin` of 1,000,000 ICCIDs through the release
# provctl (end to end, timed), then `provctl sims show ICCID` on that store with
# hyperfine (median over at least 100 runs, each a fresh process).
#
#   Benchmarks/scripts/sims-show-1m.sh [COUNT] [WORKDIR]
#
# COUNT defaults to 1000000; WORKDIR (default: a fresh mktemp -d) receives the
# ICCID file, the store and hyperfine's JSON. Run from anywhere in the repository.
set -euo pipefail

count=${1:-1000000}
work=${2:-$(mktemp -d)}
source "$(dirname "$0")/common.sh"
iccids=$(iccid_file "$count" "$work")
store="$work/store-$count"

rm -rf "$store"
"$provctl" --store "$store" init --distributor Mobilise --admin mike --admin-email mike@example.com >/dev/null
echo "== sims bookin of $count ICCIDs through provctl (release), end to end"
/usr/bin/time -f "wall %e s, max RSS %M KiB" \
    "$provctl" --store "$store" --as mike sims bookin --sim-type MXG-ET085 --form physical --file "$iccids" >/dev/null
du -sh "$store"

middle=$(sed -n "$((count / 2 + 1))p" "$iccids")
echo "== provctl sims show $middle on a store of $count SIMs"
hyperfine --warmup 5 --runs 200 -N \
    --export-json "$work/sims-show-$count.json" \
    "$provctl --store $store sims show $middle"
echo "(store and files in $work)"
