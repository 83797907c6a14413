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
swift build -c release --product scaffold >/dev/null
scaffold=$root/.build/release/scaffold

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com

# The reference output, and the equivalent cookiecutter and copier templates made from it.
"$scaffold" new go-microservice payments --catalog golden-paths --no-git --output "$work/ref" >/dev/null
python3 - "$work" <<'PY'
import json, os, sys
work = sys.argv[1]
ref = os.path.join(work, "ref")
cc = os.path.join(work, "cookiecutter")
cp = os.path.join(work, "copier")
os.makedirs(cc); os.makedirs(os.path.join(cp, "template"))
json.dump({"name": "payments"}, open(os.path.join(cc, "cookiecutter.json"), "w"))
open(os.path.join(cp, "copier.yml"), "w").write(
    "_subdirectory: template\n_templates_suffix: ''\nname:\n  type: str\n  default: payments\n")
for dirpath, _, files in os.walk(ref):
    for f in files:
        src = os.path.join(dirpath, f)
        rel = os.path.relpath(src, ref)
        text = open(src, encoding="utf-8").read()
        def templated(var):
            if "{{" in text or "{%" in text or "{#" in text:
                return "{% raw %}" + text + "{% endraw %}"
            return text.replace("payments", "{{ " + var + " }}")
        for base, var, prefix in ((cc, "cookiecutter.name", "{{cookiecutter.name}}"), (os.path.join(cp, "template"), "name", "")):
            out = os.path.join(base, prefix, rel.replace("payments", "{{ " + var + " }}"))
            os.makedirs(os.path.dirname(out), exist_ok=True)
            open(out, "w", encoding="utf-8").write(templated(var))
            os.chmod(out, os.stat(src).st_mode)
PY
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
