#!/usr/bin/env bash
# The structural YAML merge's cost: upgrading the shipped go-microservice from 1.0.0 to 1.1.0
# where the team changed deploy/k8s/deployment.yaml next to what 1.1.0 changes, so git's line
# merge conflicts there and scaffold merges the file by key; `--merge line` (git's merge alone)
# beside it in the same run (it exits 1: the conflict). Dry runs, so every round plans the same merge.
#
#   Benchmarks/upgrade/structural.sh      (needs hyperfine)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
runs=${RUNS:-30}
command -v hyperfine >/dev/null || { echo "install hyperfine (apt-get install hyperfine)" >&2; exit 2; }
swift build -c release --product scaffold --static-swift-stdlib >/dev/null
scaffold=$root/.build/release/scaffold
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com
"$scaffold" new go-microservice payments --catalog "$root/golden-paths" --version 1.0.0 --no-input --output "$work/s" >/dev/null
sed -i 's|              cpu: "500m"|              cpu: "1"  # a full core at peak|' "$work/s/deploy/k8s/deployment.yaml"
git -C "$work/s" commit -qam "team edit next to the limits 1.1.0 raises"
mkdir -p Benchmarks/out
cd "$work/s"
hyperfine --warmup 3 --runs "$runs" --ignore-failure --export-json "$root/Benchmarks/out/structural.json" \
  -n "structural merge" "$scaffold upgrade --to 1.1.0 --dry-run --catalog $root/golden-paths" \
  -n "line merge" "$scaffold upgrade --to 1.1.0 --dry-run --merge line --catalog $root/golden-paths"
