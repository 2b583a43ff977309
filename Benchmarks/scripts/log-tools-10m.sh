#!/usr/bin/env bash
# Issue 5, acceptance 7: the log tools on a store of about 10,000,000 events
# (1,000,000 SIMs through their lifecycle, 100,000 subscribers).
#
#   Benchmarks/scripts/log-tools-10m.sh [WORKDIR] [generate-store options...]
#
# WORKDIR (default /tmp/bench10m, outside the work tree) receives the store
# (WORKDIR/store), its description (WORKDIR/generated.json, written last: a store
# without it is incomplete and is rebuilt), a copy for replay, and hyperfine's JSON.
# The store is generated once by the deterministic, seeded `generate-store`
# (Benchmarks/Sources/StoreGenerator) through the Engine, and reused afterwards.
# Extra arguments go to generate-store (e.g. --sims 10000 --subscribers 1000 for a
# small trial store; use another WORKDIR for it).
#
# Then, with the release provctl:
#   - per process, with hyperfine (fresh process each run, no shell):
#     audit sim ICCID, subscriber show SUBUID --at T, sims list --at T --status active;
#   - replay of every read model, on a copy of the store (events/s);
#   - verify (events/s).
set -euo pipefail

work=${1:-/tmp/bench10m}
shift || true
root=$(cd "$(dirname "$0")/../.." && pwd)
runs=${RUNS:-50}

cd "$root"
swift build -c release --product provctl >/dev/null
provctl="$(swift build -c release --show-bin-path)/provctl"
(cd Benchmarks && swift build -c release --product generate-store >/dev/null)
generate="$(cd Benchmarks && swift build -c release --show-bin-path)/generate-store"

mkdir -p "$work"
store="$work/store"
if [ ! -s "$work/generated.json" ]; then
    rm -rf "$store"
    echo "== generating the store in $store (load: $(uptime | sed 's/.*load average: //'))"
    /usr/bin/time -f "generation: wall %e s, max RSS %M KiB" "$generate" "$work" "$@" >/dev/null
fi
field() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$work/generated.json" "$1"; }
events=$(field events)
iccid=$(field sampleICCID)
subuid=$(field sampleSubUID)
at=$(field sampleTime)
echo "== store: $events events, $(du -sh "$store" | cut -f1) on disk; generated in $(field seconds) s; head $(field headHash)"
echo "== load before measuring: $(uptime | sed 's/.*load average: //')"

export PROVCTL_STORE="$store"
hyperfine --warmup 5 --runs "$runs" -N --export-json "$work/audit-sim.json" \
    "$provctl audit sim $iccid"
hyperfine --warmup 5 --runs "$runs" -N --export-json "$work/subscriber-show-at.json" \
    "$provctl subscriber show $subuid --at $at"
hyperfine --warmup 1 --runs "${LIST_RUNS:-5}" -N --output=pipe --export-json "$work/sims-list-at.json" \
    "$provctl sims list --at $at --status active"

echo "== verify (load: $(uptime | sed 's/.*load average: //'))"
hyperfine --runs "${SCAN_RUNS:-2}" -N --output=pipe --export-json "$work/verify.json" "$provctl verify"
python3 - "$work/verify.json" "$events" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))["results"][0]
events = int(sys.argv[2])
print("verify: median %.2f s, %.0f events/s" % (result["median"], events / result["median"]))
PY

echo "== replay into every read model, on a copy (load: $(uptime | sed 's/.*load average: //'))"
rm -rf "$work/replay-copy" && mkdir -p "$work/replay-copy"
mdb_copy -c "$store" "$work/replay-copy"
hyperfine --runs "${SCAN_RUNS:-2}" -N --output=pipe --export-json "$work/replay.json" \
    "$provctl --store $work/replay-copy replay"
python3 - "$work/replay.json" "$events" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))["results"][0]
events = int(sys.argv[2])
print("replay: median %.2f s, %.0f events/s" % (result["median"], events / result["median"]))
PY
"$provctl" --store "$work/replay-copy" replay --check >/dev/null && echo "replayed copy: read models equal a replay"
rm -rf "$work/replay-copy"
