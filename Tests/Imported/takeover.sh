#!/usr/bin/env bash
# Projects copier and cruft made, taken over by scaffold (run by `make test`):
# a template repository with tags v1.0.0 and v1.1.0; a project made from v1.0.0 by the tool
# itself; a "team" edit committed; `scaffold upgrade --to 1.1.0` (on a branch, then merged, and
# in place); then: the edit survives, the tool's answers file names v1.1.0, the tree is what the
# tool makes from v1.1.0 plus the edit, and the tool itself accepts the result
# (`copier update` has nothing to do, `cruft check` says up to date).
#
# Needs SCAFFOLD (the binary) and VENV (with copier and cruft). Uses git as the oracle.
set -euo pipefail

: "${SCAFFOLD:?set SCAFFOLD to the scaffold binary}"
: "${VENV:?set VENV to the test virtualenv}"
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d /tmp/scaffold-takeover.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export HOME="$WORK/home" XDG_CACHE_HOME="$WORK/cache" GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=Team GIT_AUTHOR_EMAIL=team@example.com GIT_COMMITTER_NAME=Team GIT_COMMITTER_EMAIL=team@example.com
mkdir -p "$HOME"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# A template repository from a fixture: v1.0.0, then v1.1.0 with one more line in $2.
# Lines the tools themselves cannot update cleanly are left out (copier's _folder_name is its
# temporary folder's name during `copier update`; cruft has no _cookiecutter).
template_repo() {  # fixture, file changed in v1.1.0, pattern of lines to drop, destination
  cp -r "$1" "$4"
  find "$4" -type f -name '*.md*' -exec sed -i "/$3/d" {} +
  git -C "$4" init -q -b main
  git -C "$4" add -A
  git -C "$4" commit -qm "template 1.0.0"
  git -C "$4" tag v1.0.0
  echo "Added in 1.1.0" >> "$4/$2"
  git -C "$4" commit -qam "template 1.1.0"
  git -C "$4" tag v1.1.0
}

# The project as the tool made it, in git, with the team's edit committed.
team_project() {  # folder
  git -C "$1" init -q -b main
  git -C "$1" add -A
  git -C "$1" commit -qm "made by the tool"
  sed -i '1a Edited by the team.' "$1/README.md"
  git -C "$1" commit -qam "team edit"
}

same_tree() {  # ours, theirs, what
  if ! diff -r -x .git <(cd "$1" && find . -type f -not -path './.git/*' | sort) <(cd "$2" && find . -type f -not -path './.git/*' | sort) >/dev/null; then
    fail "$3: the files differ from the tool's own project"
  fi
  for f in $(cd "$2" && find . -type f -not -path './.git/*'); do
    if [ "$f" = ./README.md ]; then
      diff <(sed '/Edited by the team./d' "$1/$f") "$2/$f" >/dev/null || fail "$3: $f differs beyond the team's edit"
    else
      cmp -s "$1/$f" "$2/$f" || fail "$3: $f differs from the tool's"
    fi
  done
}

# --- copier -------------------------------------------------------------------------------
template_repo "$HERE/copier/webapp" template/README.md.jinja "_folder_name" "$WORK/copier-template"
"$VENV/bin/copier" copy --defaults --quiet --vcs-ref v1.0.0 "$WORK/copier-template" "$WORK/web" >/dev/null
"$VENV/bin/copier" copy --defaults --quiet --vcs-ref v1.1.0 "$WORK/copier-template" "$WORK/expected/web" >/dev/null
team_project "$WORK/web"

check=$(cd "$WORK/web" && "$SCAFFOLD" check || true)  # exits 1 when behind
grep -q "1.1.0 is available" <<<"$check" || fail "copier: check does not see 1.1.0: $check"
(cd "$WORK/web" && "$SCAFFOLD" upgrade --to 1.1.0 >/dev/null) || fail "copier: upgrade failed"
branch=$(git -C "$WORK/web" branch --format='%(refname:short)' | grep '^scaffold/upgrade-' || true)
[ "$branch" = scaffold/upgrade-copier-template-1.1.0 ] || fail "copier: the upgrade branch is '$branch'"
git -C "$WORK/web" merge -q --no-edit "$branch"
grep -q "Edited by the team." "$WORK/web/README.md" || fail "copier: the team's edit is lost"
grep -q "Added in 1.1.0" "$WORK/web/README.md" || fail "copier: 1.1.0's change is missing"
grep -q "^_commit: v1.1.0$" "$WORK/web/.copier-answers.yml" || fail "copier: the answers file does not name v1.1.0"
[ ! -e "$WORK/web/.scaffold.yaml" ] || fail "copier: scaffold wrote its own answers file into a copier project"
same_tree "$WORK/web" "$WORK/expected/web" "copier"
git -C "$WORK/web" fsck --strict --no-progress 2>/dev/null || fail "copier: git fsck"
(cd "$WORK/web" && "$VENV/bin/copier" update --defaults --quiet >/dev/null 2>&1) || fail "copier update refused the result"
[ -z "$(git -C "$WORK/web" status --porcelain)" ] || fail "copier update found something to change: $(git -C "$WORK/web" status --porcelain)"
status=$(cd "$WORK/web" && "$SCAFFOLD" status . || true)
grep -q "1.1.0" <<<"$status" || fail "copier: status does not show 1.1.0: $status"

# --- cruft --------------------------------------------------------------------------------
template_repo "$HERE/cookiecutter/service" "{{cookiecutter.project_slug}}/partials/footer.md" "_cookiecutter" "$WORK/cruft-template"
mkdir -p "$WORK/cruft" "$WORK/expected-cruft"
(cd "$WORK/cruft" && "$VENV/bin/cruft" create --no-input --checkout v1.0.0 "$WORK/cruft-template" >/dev/null)
(cd "$WORK/expected-cruft" && "$VENV/bin/cruft" create --no-input --checkout v1.1.0 "$WORK/cruft-template" >/dev/null)
service="$WORK/cruft/payments-service"
team_project "$service"

(cd "$service" && "$SCAFFOLD" upgrade --to 1.1.0 --in-place >/dev/null) || fail "cruft: upgrade failed"
grep -q "Edited by the team." "$service/README.md" || fail "cruft: the team's edit is lost"
grep -q "Added in 1.1.0" "$service/partials/footer.md" || fail "cruft: 1.1.0's change is missing"
[ "$(git -C "$WORK/cruft-template" rev-parse v1.1.0)" = "$("$VENV/bin/python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["commit"])' "$service/.cruft.json")" ] \
  || fail "cruft: .cruft.json does not name v1.1.0's commit"
same_tree "$service" "$WORK/expected-cruft/payments-service" "cruft"
[ -z "$(git -C "$service" status --porcelain)" ] || fail "cruft: the upgrade left the work tree dirty"
(cd "$service" && "$VENV/bin/cruft" check >/dev/null 2>&1) || fail "cruft check says the project is not up to date"

# --- a project naming a template with tasks: their code never runs, even with --trust ------
template_repo "$HERE/copier/tasks" src/README.md.jinja "NOTHING-TO-DROP" "$WORK/tasks-template"
"$VENV/bin/copier" copy --defaults --quiet --trust --vcs-ref v1.0.0 "$WORK/tasks-template" "$WORK/tasks" >/dev/null
team_project "$WORK/tasks"
before=$(git -C "$WORK/tasks" rev-parse HEAD)
if out=$(cd "$WORK/tasks" && "$SCAFFOLD" upgrade --to 1.1.0 --trust 2>&1); then
  fail "tasks: a template the project names ran with --trust"
fi
grep -q "never runs, even with --trust" <<<"$out" || fail "tasks: unclear refusal: $out"
[ "$(git -C "$WORK/tasks" rev-parse HEAD)" = "$before" ] && [ -z "$(git -C "$WORK/tasks" status --porcelain)" ] \
  || fail "tasks: the refused upgrade changed the repository"

if [ "$failures" -gt 0 ]; then
  echo "takeover: $failures failures"
  exit 1
fi
echo "takeover: copier and cruft projects upgraded, and the tools accept them"
