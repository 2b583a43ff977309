#!/usr/bin/env bash
# Issue 4, acceptance 7: `sims bookin` of 1,000,000 ICCIDs through the release
# provctl, end to end (a fresh process on a fresh store each run, the change durable
# before it exits), RUNS times: each run's wall time, then the median and its rate.
#
#   Benchmarks/scripts/bookin-1m.sh [RUNS] [COUNT] [WORKDIR]
#
# RUNS defaults to 10, COUNT to 1000000; WORKDIR (default: a fresh mktemp -d)
# receives the ICCID file and the store. The VMs this was measured on vary by a
# third from one minute to the next: compare builds run by run, alternated, never
# one batch against a batch taken earlier.
set -euo pipefail

runs=${1:-10}
count=${2:-1000000}
work=${3:-$(mktemp -d)}
source "$(dirname "$0")/common.sh"
iccids=$(iccid_file "$count" "$work")
store="$work/store"

echo "== sims bookin of $count ICCIDs through provctl (release), $runs runs"
walls=()
for run in $(seq 1 "$runs"); do
    rm -rf "$store"
    "$provctl" --store "$store" init --distributor Mobilise --admin mike --admin-email mike@example.com >/dev/null
    wall=$( { /usr/bin/time -f "%e %U %S %M" "$provctl" --store "$store" --as mike \
        sims bookin --sim-type MXG-ET085 --form physical --file "$iccids" >/dev/null; } 2>&1 | tail -1)
    read -r seconds user system rss <<<"$wall"
    echo "run $run: wall $seconds s, user $user s, system $system s, max RSS $rss KiB"
    walls+=("$seconds")
done
median=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
echo "median wall $median s: $(awk -v n="$count" -v s="$median" 'BEGIN { printf "%d", n / s }') events/s"
rm -rf "$store"
echo "(files in $work)"
