#!/usr/bin/env bash
# Issue 5, acceptance 7: whole-store listings of the past on 1,000,000 SIMs.
# Builds a store (release provctl) where 1M SIMs are booked in, reserved and
# allocated (snapshots at about 1M, 2M and 3M events), 20,000 of them go ACTIVE
# through `subscriber provision` (numbers imported first), then 900,000 are
# unallocated: the head is about 980,000 events past the last snapshot, the worst
# fold the default interval allows. Then times, with user + sys CPU:
#   sims list --at SNAPSHOT|HEAD --status active|reserved, numbers list --at,
#   subscriber list --at.
#
#   Benchmarks/scripts/time-travel-list-1m.sh [WORKDIR]
#   PROVCTL=/path/to/provctl ... to time another build on the same store;
#   KEEP_STORE=1 ... to reuse WORKDIR/store as it is.
set -euo pipefail

work=${1:-$(mktemp -d)}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
if [ -z "${PROVCTL:-}" ]; then
    swift build -c release --product provctl >/dev/null
    PROVCTL="$(swift build -c release --show-bin-path)/provctl"
fi
provctl=$PROVCTL
mkdir -p "$work"
store="$work/store"
t() { /usr/bin/time -f "  wall %e s, user %U s, sys %S s, max RSS %M KiB" "$@"; }

if [ -z "${KEEP_STORE:-}" ]; then
python3 - "$work" "$root/Benchmarks/scripts" <<'PY'
import json, sys
work = sys.argv[1]
sys.path.insert(0, sys.argv[2])
import iccids as generator
iccids = generator.iccids(1_000_000)
numbers = [str(18_330_000_000 + n) for n in range(20_000)]
def write(name, items):
    with open(f"{work}/{name}", "w") as out:
        out.write("\n".join(items) + "\n")
write("all.txt", iccids)
write("numbers.txt", numbers)
write("unallocate.txt", iccids[100_000:])
def line(command, args):
    return json.dumps({"command": command, "as": "mike", "args": args})
setup = [
    line("network-profile define", {"name": "Mobile-X", "spn": "Mobile-X"}),
    line("bundle define", {"code": "BUN-USN-RATECARD", "name": "Ratecard", "home-location": "USA"}),
    line("roaming-policy define", {"name": "PLCY_RMG_UNRESTRICTED", "home-location": "ALL"}),
    line("reseller create", {"name": "Talk_Mail", "home-location": "GBR,USA", "country": "GBR", "address1": "1 High St"}),
    line("network-profiles assign", {"reseller": "Talk_Mail", "codes": ["Mobile-X"]}),
    line("group create", {"name": "Trial", "reseller": "Talk_Mail", "domain": "0f3c2b9e-6a43-4f0e-9d55-1c7a8e2b4d10", "home-location": "USA"}),
    line("network-profiles assign", {"group": "Trial", "codes": ["Mobile-X"]}),
    line("bundles default", {"group": "Trial", "code": "BUN-USN-RATECARD"}),
    line("roaming-policies default", {"group": "Trial", "code": "PLCY_RMG_UNRESTRICTED"}),
]
write("setup.jsonl", setup)
write("provision.jsonl", [
    line("subscriber provision", {"group": "Trial", "name": f"Sub{n}", "first-name": "Ann", "last-name": "Lee",
        "email": "ann@example.com", "home-location": "USA", "number": number, "form": "physical"})
    for n, number in enumerate(numbers)])
PY

rm -rf "$store"
"$provctl" --store "$store" init --distributor Mobilise --admin mike --admin-email mike@example.com >/dev/null
"$provctl" --store "$store" --as mike run "$work/setup.jsonl"
echo "== building: bookin, reserve, allocate 1M; import 20k numbers; provision 20k; unallocate 900k"
t "$provctl" --store "$store" --as mike sims bookin --sim-type MXG-ET085 --form physical --file "$work/all.txt" >/dev/null
t "$provctl" --store "$store" --as mike sims reserve --reseller Talk_Mail --file "$work/all.txt" >/dev/null
t "$provctl" --store "$store" --as mike sims allocate --group Trial --file "$work/all.txt" >/dev/null
"$provctl" --store "$store" --as mike numbers import --reseller Talk_Mail --file "$work/numbers.txt" >/dev/null
t "$provctl" --store "$store" --as mike run "$work/provision.jsonl"
t "$provctl" --store "$store" --as mike sims unallocate --file "$work/unallocate.txt" >/dev/null
fi

"$provctl" --store "$store" snapshots list
head=$("$provctl" --store "$store" stats --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["head-position"])')
last=$("$provctl" --store "$store" snapshots list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["snapshots"][-1]["position"])')
echo "head $head, last snapshot $last"; uptime
for p in "$last" "$head"; do
    for status in active reserved; do
        echo "-- sims list --at $p --status $status ($(("$p" - "$last")) events after the snapshot)"
        t "$provctl" --store "$store" sims list --at "$p" --status "$status" | wc -l
    done
done
echo "-- numbers list --at $head"
t "$provctl" --store "$store" numbers list --at "$head" | wc -l
echo "-- subscriber list --at $head"
t "$provctl" --store "$store" subscriber list --at "$head" | wc -l
echo "-- sims list --status active, live read models"
t "$provctl" --store "$store" sims list --status active | wc -l
uptime
echo "(store and files in $work)"
