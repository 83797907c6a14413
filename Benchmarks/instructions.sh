#!/usr/bin/env bash
# Instruction counts, which do not swing with the machine's load as wall times do (3x between
# runs here), so a regression of a few percent shows: valgrind's callgrind counts every
# instruction a run executes (perf's hardware counters are not available in this VM; callgrind
# needs none). Swift's hashing is seeded per process, so SWIFT_DETERMINISTIC_HASHING=1 makes
# dictionary and set work the same each run.
#
#   Benchmarks/instructions.sh                       # writes Benchmarks/out/instructions.json
#   BASELINE=old.json Benchmarks/instructions.sh     # and prints each count's change against old.json
#
# Rows: `scaffold new` of the shipped go-microservice (the whole process), an upgrade of it
# from 1.0.0 to 1.1.0 in place (a service with a team edit), the same as a dry run with the
# structural merge at work (the team's edit next to a YAML change), and per iteration, parse +
# render of each template of Benchmarks/templates ((count for N iterations - count for 0) / N).
# Needs valgrind (apt-get install valgrind).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
command -v valgrind >/dev/null || { echo "install valgrind (apt-get install valgrind)" >&2; exit 2; }
swift build -c release --product scaffold --static-swift-stdlib >/dev/null
swift build -c release --product scaffold-bench >/dev/null
bench=$root/.build/release/scaffold-bench
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Valgrind 3.19 gives up on the DWARF 5 debug information of the static binary; counts do not
# need it, so a stripped copy is measured.
strip -o "$work/scaffold" "$root/.build/release/scaffold"
scaffold=$work/scaffold
export SWIFT_DETERMINISTIC_HASHING=1 GIT_CONFIG_NOSYSTEM=1 HOME=$work
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com
export GIT_AUTHOR_DATE="2026-12-01T12:00:00Z" GIT_COMMITTER_DATE="2026-12-01T12:00:00Z"
cat=$root/golden-paths

# Instructions executed by the command (all its threads), from callgrind's log.
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null --log-file="$work/vg.log" "$@" >/dev/null
  local n
  n=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/vg.log" | tail -1)
  [ -n "$n" ] || { cat "$work/vg.log" >&2; echo "valgrind counted nothing: $*" >&2; exit 1; }
  echo "$n"
}

declare -A counts
counts[new]=$(count "$scaffold" new go-microservice payments --catalog "$cat" --no-input --output "$work/new")

"$scaffold" new go-microservice payments --catalog "$cat" --version 1.0.0 --no-input --output "$work/s0" >/dev/null
echo "Notes the team added." >> "$work/s0/README.md"
sed -i 's/              cpu: "500m"/              cpu: "1"  # the team needs a full core/' "$work/s0/deploy/k8s/deployment.yaml"
git -C "$work/s0" commit -qam "team edits"
cp -a "$work/s0" "$work/s1"
counts[upgrade]=$(cd "$work/s1" && count "$scaffold" upgrade --to 1.1.0 --in-place --catalog "$cat")
counts[upgrade_dry_run]=$(cd "$work/s0" && count "$scaffold" upgrade --to 1.1.0 --dry-run --catalog "$cat")

iterations=50
names=(deployment.yaml.j2 workflow.yaml.j2 service.go.j2 large.txt.j2)
for name in "${names[@]}"; do
  zero=$(count "$bench" templates --dir Benchmarks/templates --iterations 0 "$name")
  many=$(count "$bench" templates --dir Benchmarks/templates --iterations "$iterations" "$name")
  counts["template:$name"]=$(( (many - zero) / iterations ))
done

mkdir -p Benchmarks/out
{
  echo "{"
  first=1
  for key in $(printf '%s\n' "${!counts[@]}" | sort); do
    [ $first = 1 ] || echo ","
    first=0
    printf '  "%s": %s' "$key" "${counts[$key]}"
  done
  printf '\n}\n'
} > Benchmarks/out/instructions.json

python3 - Benchmarks/out/instructions.json "${BASELINE:-}" <<'PY'
import json, sys
now = json.load(open(sys.argv[1]))
base = json.load(open(sys.argv[2])) if sys.argv[2] else {}
for key, value in now.items():
    line = f"{key:<34} {value:>15,} instructions"
    if key in base and base[key]:
        line += f"   {100.0 * (value - base[key]) / base[key]:+6.2f}% against the baseline"
    print(line)
PY
