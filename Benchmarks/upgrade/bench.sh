#!/usr/bin/env bash
# Upgrading the shipped go-microservice from 1.0.0 to 1.1.0 as a whole process, next to
# `copier update` on an equivalent template (copier's template made from scaffold's renders of
# the two versions, as two tags of one template repository). Both services carry the same
# developer edit, and both upgrade in place, as copier does.
#
#   Benchmarks/upgrade/bench.sh      (needs hyperfine; BENCH_VENV with copier, default .venv-bench)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
venv=${BENCH_VENV:-$root/.venv-bench}
runs=${RUNS:-20}
command -v hyperfine >/dev/null || { echo "install hyperfine (apt-get install hyperfine)" >&2; exit 2; }
if [ ! -x "$venv/bin/copier" ]; then python3 -m venv "$venv"; "$venv/bin/pip" install --quiet cookiecutter copier; fi
swift build -c release --product scaffold --static-swift-stdlib >/dev/null
scaffold=$root/.build/release/scaffold
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com
cat=$root/golden-paths
edit() { echo "Notes the team added." >> "$1/README.md"; git -C "$1" commit -qam "team edit"; }

# scaffold: a service at 1.0.0 with a developer edit.
"$scaffold" new go-microservice payments --catalog "$cat" --version 1.0.0 --no-input --output "$work/s0" >/dev/null
edit "$work/s0"

# copier: the same two versions as tags of one template repository, and a project made from v1.
"$scaffold" preview go-microservice --catalog "$cat" --version 1.0.0 --set name=payments --output "$work/r1" >/dev/null
"$scaffold" preview go-microservice --catalog "$cat" --version 1.1.0 --set name=payments --output "$work/r2" >/dev/null
python3 Benchmarks/lib/equivalent_template.py copier "$work/r1" "$work/tpl" payments
git -C "$work/tpl" init -q && git -C "$work/tpl" add -A && git -C "$work/tpl" commit -qm v1 && git -C "$work/tpl" tag v1.0.0
rm -rf "$work/tpl/template" && python3 Benchmarks/lib/equivalent_template.py copier "$work/r2" "$work/tpl" payments
git -C "$work/tpl" add -A && git -C "$work/tpl" commit -qm v2 && git -C "$work/tpl" tag v1.1.0
"$venv/bin/copier" copy --quiet --defaults --vcs-ref v1.0.0 "$work/tpl" "$work/p0"
git -C "$work/p0" init -q && git -C "$work/p0" add -A && git -C "$work/p0" commit -qm init
edit "$work/p0"

mkdir -p Benchmarks/out
hyperfine --warmup 2 --runs "$runs" --export-json "$root/Benchmarks/out/upgrade.json" \
  -n "scaffold upgrade --in-place" --prepare "rm -rf $work/s && cp -a $work/s0 $work/s" \
  "$scaffold upgrade $work/s --catalog $cat --to 1.1.0 --in-place" \
  -n "copier update" --prepare "rm -rf $work/p && cp -a $work/p0 $work/p" \
  "cd $work/p && $venv/bin/copier update --quiet --defaults --vcs-ref v1.1.0"

python3 - "$root/Benchmarks/out/upgrade.json" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
ours = r["scaffold upgrade --in-place"]
print()
for name, median in r.items():
    print(f"{name:<30} {median*1000:8.1f} ms   {median/ours:6.1f}x scaffold")
PY
