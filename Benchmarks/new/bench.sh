#!/usr/bin/env bash
# `scaffold new` as a whole process, next to cookiecutter and copier on an equivalent template
# (the same files, the service name templated), and next to the floor of doing the same with
# the git CLI: `git init && git add -A && git commit` on the rendered output.
#
#   Benchmarks/new/bench.sh            (needs hyperfine, and a venv with cookiecutter and copier:
#                                       BENCH_VENV, default .venv-bench, made if missing)
# Prints hyperfine's table and the ratios, then the median ratio to the floor over paired rounds
# (PAIRS, default 40); writes Benchmarks/out/new.json.
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

# Issue 19's measure: paired rounds, scaffold and the floor back to back, so both see the same
# moment of this shared machine; the median of the per-round ratios (floor time / scaffold time).
python3 - "$scaffold" "$root/golden-paths" "$work" "${PAIRS:-40}" <<'PY'
import os, shutil, statistics, subprocess, sys, time
scaffold, catalog, work, pairs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
out = os.path.join(work, "paired")
def timed(command, cwd=None):
    start = time.perf_counter()
    subprocess.run(command, shell=True, check=True, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start
def ours():
    shutil.rmtree(out, ignore_errors=True)
    return timed(f"{scaffold} new go-microservice payments --catalog {catalog} --no-input --output {out}")
def floor():
    shutil.rmtree(out, ignore_errors=True)
    return timed(f"cp -r {work}/ref {out} && cd {out} && git init -q -b main && git add -A && git commit -qm init")
ratios = []
for round in range(pairs):
    # Which goes first alternates, so neither always runs just after the other's deletion.
    if round % 2 == 0:
        a = ours(); b = floor()
    else:
        b = floor(); a = ours()
    ratios.append(a / b)
print(f"\npaired rounds ({pairs}): scaffold new / floor, median {statistics.median(ratios):.2f}x "
      f"(quartiles {statistics.quantiles(ratios, n=4)[0]:.2f}x-{statistics.quantiles(ratios, n=4)[2]:.2f}x)")
PY
