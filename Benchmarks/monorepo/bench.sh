#!/usr/bin/env bash
# One service inside repositories of growing size: does an upgrade cost follow the template or
# the repository? For each size, a repository of SIZE other files (in folders of 100) holds
# go-microservice 1.0.0 at services/billing (added with `scaffold new --into`), with a team edit;
# then, as whole processes, median of RUNS rounds:
#   scaffold upgrade services/billing --to 2.0.0      (the branch deleted between rounds)
#   git status --porcelain && git merge-tree --write-tree HEAD <that upgrade branch>
# The git line is the floor for the same work in git terms: one scan of the work tree and one
# three-way merge of the repository's trees. Goal (issue 14): scaffold within 2x of it at every size.
#
#   Benchmarks/monorepo/bench.sh [SIZES...]     (default 1000 20000 100000; RUNS, default 5)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
runs=${RUNS:-5}
sizes=${*:-1000 20000 100000}
swift build -c release --product scaffold --static-swift-stdlib >/dev/null
scaffold=$root/.build/release/scaffold
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com
branch=scaffold/upgrade-billing-go-microservice-2.0.0

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
seconds() { local start end; start=$(date +%s%N); "$@" >/dev/null 2>&1; end=$(date +%s%N); echo $(( (end - start) / 1000000 )); }

printf '%-8s %12s %12s %7s\n' FILES "SCAFFOLD ms" "GIT ms" RATIO
for size in $sizes; do
  repo=$work/repo-$size
  mkdir -p "$repo" && git -C "$repo" init -q -b main
  python3 - "$repo" "$size" <<'PY'
import os, sys
root, size = sys.argv[1], int(sys.argv[2])
for i in range(size):
    folder = os.path.join(root, "lib", f"d{i // 100}")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, f"f{i}.txt"), "w") as f:
        f.write(f"file {i}\n")
PY
  git -C "$repo" add -A && git -C "$repo" commit -qm "the rest of the monorepo"
  "$scaffold" new go-microservice billing --into "$repo" --catalog golden-paths --version 1.0.0 --no-input --in-place >/dev/null
  echo "Notes the team added." >> "$repo/services/billing/README.md"
  git -C "$repo" commit -qam "team edit"
  ours=() theirs=()
  for _ in $(seq "$runs"); do
    git -C "$repo" branch -q -D "$branch" 2>/dev/null || true
    ours+=("$(seconds "$scaffold" upgrade "$repo/services/billing" --to 2.0.0 --catalog golden-paths)")
    theirs+=("$(seconds sh -c "git -C '$repo' status --porcelain && git -C '$repo' merge-tree --write-tree HEAD $branch")")
  done
  s=$(printf '%s\n' "${ours[@]}" | median)
  g=$(printf '%s\n' "${theirs[@]}" | median)
  printf '%-8s %12s %12s %6sx\n' "$size" "$s" "$g" "$(awk -v s="$s" -v g="$g" 'BEGIN { printf "%.1f", s / (g > 0 ? g : 1) }')"
done
