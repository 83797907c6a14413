#!/usr/bin/env bash
# `scaffold upgrade --all --repos FILE --open-prs` over repositories on the local code host of the
# tests (Tests/CodeHost/codehost.py: GitHub's API and git over smart HTTP through Debian's
# `git http-backend`), as whole processes, with wall time and peak memory from /usr/bin/time -v
# and the API calls per service from the report:
#   first run:  clone each repository, upgrade go-microservice 1.0.0 -> 1.1.0, push, open the PR
#   second run: fetch each repository, find its PR up to date: no write, no push
#
#   Benchmarks/remote/bench.sh [REPOSITORIES...]   (default 200 1000; JOBS, default 4)
#
# The repositories are copies (cp -a of one bare repository) of a service made by `scaffold new`
# with a team edit; the code host runs on this machine too, so its CPU (a git http-backend
# process per git request) is part of the wall time. Goals (issue 15, 2 cores, 1,000
# repositories, --api-interval 0): first run < 60 s, second < 15 s with at most 3 read calls and
# no write per service, memory flat in fleet size.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
sizes=${*:-200 1000}
jobs=${JOBS:-4}
work=$(mktemp -d)
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com
export SCAFFOLD_CATALOG=$root/golden-paths
(cd "$root" && swift build -c release --product scaffold --static-swift-stdlib >/dev/null)
scaffold=$root/.build/release/scaffold

server_pid=
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

"$scaffold" new go-microservice payments --version 1.0.0 --no-input --output "$work/source" >/dev/null
sed -i "1i # the team's Dockerfile" "$work/source/Dockerfile"
git -C "$work/source" commit -qam "team edit"
git clone -q --bare "$work/source" "$work/template.git"

# Busy CPU seconds of the whole machine so far (user + nice + system, from /proc/stat).
busy() { awk '/^cpu / { printf "%.2f", ($2 + $3 + $4) / 100 }' /proc/stat; }

# One run as a whole process: prints "SECONDS PEAK_MB CPU HOST_CPU MAX_READS MAX_WRITES OUTCOMES",
# CPU being scaffold's own and HOST_CPU the rest of the machine's (the code host and its git).
run() {
  local report=$1; shift
  local before; before=$(busy)
  /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$scaffold" upgrade --all --repos "$work/fleet.txt" --open-prs \
    --api-url "http://127.0.0.1:$port/api/v3" --api-interval 0 --jobs "$jobs" --workspace "$work/workspace" \
    --to 1.1.0 --report "$report" >/dev/null 2>&1 || true
  local after; after=$(busy)
  read -r seconds kb user system < "$work/time"
  python3 - "$report" "$seconds" "$kb" "$user" "$system" "$before" "$after" <<'PY'
import json, sys, collections
report, seconds, kb = json.load(open(sys.argv[1])), float(sys.argv[2]), int(sys.argv[3])
own = float(sys.argv[4]) + float(sys.argv[5])
host = float(sys.argv[7]) - float(sys.argv[6]) - own
rows = report["services"]
reads = max((r.get("api_calls") or {}).get("reads", 0) for r in rows)
writes = max((r.get("api_calls") or {}).get("writes", 0) for r in rows)
outcomes = collections.Counter(r["outcome"] for r in rows)
print(f"{seconds:8.1f} {kb // 1024:8d} {own:6.1f} {host:8.1f} {reads:6d} {writes:7d}  "
      + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))
PY
}

printf '%-6s %-7s %8s %8s %6s %8s %6s %7s  %s\n' REPOS RUN SECONDS PEAK_MB CPU HOST_CPU READS WRITES OUTCOMES
for size in $sizes; do
  rm -rf "$work/host" "$work/workspace" && mkdir -p "$work/host/acme"
  for i in $(seq 1 "$size"); do cp -a "$work/template.git" "$work/host/acme/svc-$i.git"; done
  mkfifo "$work/in-$size"
  python3 "$root/Tests/CodeHost/codehost.py" --root "$work/host" --token bench-token < "$work/in-$size" > "$work/port" &
  server_pid=$!
  exec 3> "$work/in-$size"
  while [ ! -s "$work/port" ]; do sleep 0.1; done
  port=$(head -1 "$work/port")
  seq 1 "$size" | sed "s|^|http://127.0.0.1:$port/acme/svc-|; s|$|.git|" > "$work/fleet.txt"
  export GITHUB_TOKEN=bench-token
  printf '%-6s %-7s ' "$size" first; run "$work/first.json"
  printf '%-6s %-7s ' "$size" second; run "$work/second.json"
  exec 3>&-
  wait "$server_pid" 2>/dev/null || true
  server_pid=
  rm -f "$work/port"
done
