#!/usr/bin/env bash
# `scaffold new` as a whole process, next to cookiecutter and copier on an equivalent template
# (the same files, the service name templated), and next to the floor of doing the same with
# the git CLI: `git init && git add -A && git commit` on the rendered output.
#
#   Benchmarks/new/bench.sh            (needs hyperfine, and a venv with cookiecutter and copier:
#                                       BENCH_VENV, default .venv-bench, made if missing)
# Prints hyperfine's table and the ratios; writes Benchmarks/out/new.json.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
venv=${BENCH_VENV:-$root/.venv-bench}
runs=${RUNS:-30}

command -v hyperfine >/dev/null || { echo "install hyperfine (apt-get install hyperfine)" >&2; exit 2; }
if [ ! -x "$venv/bin/cookiecutter" ] || [ ! -x "$venv/bin/copier" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet cookiecutter copier
fi
swift build -c release --product scaffold --static-swift-stdlib >/dev/null
scaffold=$root/.build/release/scaffold

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com

# The reference output, and the equivalent cookiecutter and copier templates made from it.
"$scaffold" new go-microservice payments --catalog golden-paths --no-git --output "$work/ref" >/dev/null
python3 Benchmarks/lib/equivalent_template.py cookiecutter "$work/ref" "$work/cookiecutter" payments
python3 Benchmarks/lib/equivalent_template.py copier "$work/ref" "$work/copier" payments
git -C "$work/copier" init -q && git -C "$work/copier" add -A && git -C "$work/copier" commit -qm template && git -C "$work/copier" tag v1

mkdir -p Benchmarks/out
cd "$work"
hyperfine --warmup 3 --runs "$runs" --export-json "$root/Benchmarks/out/new.json" \
  --prepare "rm -rf $work/out" \
  -n "scaffold new" "$scaffold new go-microservice payments --catalog $root/golden-paths --no-input --output $work/out" \
  -n "git init+add+commit (floor)" "cp -r $work/ref $work/out && cd $work/out && git init -q && git add -A && git commit -qm init" \
  -n "cookiecutter --no-input" "$venv/bin/cookiecutter --no-input -o $work/out $work/cookiecutter" \
  -n "copier copy --defaults" "$venv/bin/copier copy --quiet --defaults $work/copier $work/out"

python3 - "$root/Benchmarks/out/new.json" <<'PY'
import json, sys
results = {r["command"]: r["median"] for r in json.load(open(sys.argv[1]))["results"]}
ours = results["scaffold new"]
print()
for name, median in results.items():
    print(f"{name:<30} {median*1000:8.1f} ms   {median/ours:6.1f}x scaffold")
PY
