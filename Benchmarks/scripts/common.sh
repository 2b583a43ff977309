# Sourced by the scripts here: builds the release provctl (`$provctl`), and
# `iccid_file COUNT DIR` writes DIR/iccids-COUNT.txt once (Benchmarks/scripts/iccids.py)
# and prints its path. Sets `root` (the repository) and runs from it.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
swift build -c release --product provctl >/dev/null
provctl="$(swift build -c release --show-bin-path)/provctl"

iccid_file() {
    local file="$2/iccids-$1.txt"
    mkdir -p "$2"
    if [ ! -s "$file" ]; then python3 "$root/Benchmarks/scripts/iccids.py" "$1" > "$file"; fi
    echo "$file"
}
