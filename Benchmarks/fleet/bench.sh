#!/usr/bin/env bash
# The fleet commands on a generated fleet: `scaffold upgrade --all --jobs 2` and `scaffold status`
# (and `status --drift`), each as a whole process, with wall time and peak memory from
# /usr/bin/time -v.
#
#   Benchmarks/fleet/bench.sh [SERVICES]     (default 1000; FLEET_DIR keeps the fleet somewhere)
#
# How the fleet is made, fast: one service from go-microservice 1.0.0 with `scaffold new`, then
# SERVICES copies (cp -a: each its own .git) with a few edits committed by the git CLI in each:
#   - README.md's Layout list gets a line (2.0.0 changes README elsewhere: a clean merge),
#   - Dockerfile gets a comment on top (a file the template does not change),
#   - cmd/<name>/ gets the team's own file,
#   - every 10th service rewords the Makefile's `## lint:` line, which 2.0.0 rewords too: a conflict.
# Goals (issue 7, 2 cores): 1,000 upgrades < 20 s, status < 2 s, peak RSS < 300 MB.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
count=${1:-1000}
work=${FLEET_DIR:-$(mktemp -d)}
[ -n "${FLEET_DIR:-}" ] || trap 'rm -rf "$work"' EXIT
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com
export SCAFFOLD_CATALOG=$root/golden-paths

(cd "$root" && swift build -c release --product scaffold --static-swift-stdlib >/dev/null)
scaffold=$root/.build/release/scaffold

echo "building a fleet of $count services in $work/fleet"
start=$(date +%s.%N)
"$scaffold" new go-microservice svc --version 1.0.0 --no-input --output "$work/template" >/dev/null
mkdir -p "$work/fleet"
for i in $(seq 1 "$count"); do
  service=$work/fleet/team-$((i % 20))/svc-$i
  mkdir -p "$(dirname "$service")"
  cp -a "$work/template" "$service"
  sed -i "/^- \`internal\/repository\/\`/a - \`internal/team$((i % 20))/\`: team $((i % 20))'s own code" "$service/README.md"
  sed -i "1i # service $i" "$service/Dockerfile"
  printf 'package main\n\n// Team code %d.\nconst teamCode = %d\n' "$i" "$i" > "$service/cmd/svc/team.go"
  if [ $((i % 10)) -eq 0 ]; then sed -i 's/^## lint: static checks$/## lint: vet, staticcheck/' "$service/Makefile"; fi
  git -C "$service" add -A
  git -C "$service" commit -qm "team edits"
done
printf 'fleet built in %.1f s\n' "$(echo "$(date +%s.%N) - $start" | bc)"

measure() {
  local label=$1; shift
  /usr/bin/time -v "$@" > "$work/out.txt" 2> "$work/time.txt" || true
  local wall rss
  wall=$(grep 'Elapsed (wall clock)' "$work/time.txt" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$work/time.txt" | awk '{print $NF}')
  printf '%-34s %10s  peak RSS %6d MB\n' "$label" "$wall" $((rss / 1024))
  tail -n 1 "$work/out.txt" | sed 's/^/    /'
}

echo
echo "$count services, $(nproc) cores"
measure "status" "$scaffold" status "$work/fleet"
measure "status --drift" "$scaffold" status --drift "$work/fleet"
measure "upgrade --all --jobs 2" "$scaffold" upgrade --all "$work/fleet" --jobs 2 --report "$work/report.json"
measure "upgrade --all --jobs 2 (again)" "$scaffold" upgrade --all "$work/fleet" --jobs 2
