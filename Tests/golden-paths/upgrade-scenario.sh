#!/usr/bin/env bash
# A developer's life with go-microservice: create a service at 1.0.0, make the edits teams
# make (a new handler with its test and route, an OpenAPI entry, a README change, a
# dependency in go.mod, a Makefile target), then upgrade to 1.1.0 and to 2.0.0. Every step
# must merge without conflicts, keep every edit, and still pass `go vet` and `go test`.
# Runs once per database choice.
#
# Environment:
#   SCAFFOLD    the scaffold executable (default: .build/debug/scaffold): uses `scaffold new`
#               and `scaffold upgrade --in-place`.
#   RENDER_CMD  optional stand-in for `scaffold new` (same calling convention as in
#               validate.sh); the upgrade is then reproduced with the git CLI the way
#               `scaffold upgrade` defines it: the new pristine render is committed on top of
#               the previous pristine render and merged into the developer's branch.
#   CATALOG     the golden path catalog (default: golden-paths)
# Prints "upgrade-scenario: N passed, M failed" and exits 1 when anything failed.
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
catalog=${CATALOG:-$root/golden-paths}
scaffold=${SCAFFOLD:-$root/.build/debug/scaffold}
export GOTOOLCHAIN=local GOPROXY=off GOFLAGS=-buildvcs=false GOWORK=off
export GOCACHE=${GOCACHE:-${TMPDIR:-/tmp}/scaffold-golden-paths-gocache}
export GIT_AUTHOR_NAME=Developer GIT_AUTHOR_EMAIL=dev@example.com
export GIT_COMMITTER_NAME=Developer GIT_COMMITTER_EMAIL=dev@example.com

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

fail() { echo "FAIL: $*"; return 1; }

# Creates the service at 1.0.0 as a repository with one commit.
create() { # DIR DATABASE
  local dir=$1 database=$2
  if [ -n "${RENDER_CMD:-}" ]; then
    $RENDER_CMD "$catalog" go-microservice payments --version 1.0.0 --set "database=$database" \
      --output "$dir" >/dev/null || return 1
    git -C "$dir" init -q -b main && git -C "$dir" add -A &&
      git -C "$dir" commit -qm "Scaffold payments from go-microservice 1.0.0" &&
      git -C "$dir" branch pristine
  else
    "$scaffold" new go-microservice payments --catalog "$catalog" --version 1.0.0 \
      --set "database=$database" --no-input --output "$dir" >/dev/null
  fi
}

# Upgrades the service in place to VERSION.
upgrade() { # DIR VERSION DATABASE
  local dir=$1 version=$2 database=$3
  if [ -n "${RENDER_CMD:-}" ]; then
    local next="$work/render-$version-$database"
    $RENDER_CMD "$catalog" go-microservice payments --version "$version" --set "database=$database" \
      --output "$next" >/dev/null || return 1
    (
      cd "$dir" && git checkout -q pristine && git rm -rq . && cp -a "$next"/. . && git add -A &&
        git commit -qm "Scaffold-Template: go-microservice $version" && git checkout -q main &&
        git merge -q --no-edit pristine
    ) || return 1
  else
    (cd "$dir" && "$scaffold" upgrade --to "$version" --in-place) || return 1
  fi
}

# The edits a team makes in its first weeks.
edit_as_developer() { # DIR
  local dir=$1
  (
    cd "$dir" || exit 1
    mkdir -p third_party/buildinfo
    printf 'module example.com/buildinfo\n\ngo 1.19\n' > third_party/buildinfo/go.mod
    printf 'package buildinfo\n\n// Version is set by the release process.\nvar Version = "dev"\n' \
      > third_party/buildinfo/buildinfo.go
    printf '\nrequire example.com/buildinfo v0.0.0\n\nreplace example.com/buildinfo => ./third_party/buildinfo\n' >> go.mod
    cat > internal/handlers/version.go <<'GO'
package handlers

import (
	"net/http"

	"example.com/buildinfo"
)

// version reports the running build.
func (h *handler) version(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"version": buildinfo.Version})
}
GO
    cat > internal/handlers/version_test.go <<'GO'
package handlers

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestVersion(t *testing.T) {
	recorder := httptest.NewRecorder()
	(&handler{}).version(recorder, httptest.NewRequest(http.MethodGet, "/version", nil))
	if recorder.Code != http.StatusOK || recorder.Body.String() != "{\"version\":\"dev\"}\n" {
		t.Errorf("GET /version = %d %q", recorder.Code, recorder.Body.String())
	}
}
GO
    sed -i 's|\tmux.HandleFunc("/v1/items/", h.item)|&\n\tmux.HandleFunc("/version", h.version)|' internal/handlers/handlers.go
    sed -i 's|^paths:$|&\n  /version:\n    get:\n      summary: Running build\n      operationId: version\n      responses:\n        "200":\n          description: The build version.|' api/openapi.yaml
    sed -i 's|^curl -s localhost:\([0-9]*\)/healthz$|&\ncurl -s localhost:\1/version|' README.md
    printf '\n## image: build the container image\nimage:\n\tdocker build --tag payments:dev .\n' >> Makefile
    grep -q 'h.version' internal/handlers/handlers.go && grep -q '/version:' api/openapi.yaml &&
      grep -q '/version$' README.md || exit 1
    go vet ./... && go test -count=1 ./... >/dev/null || exit 1
    git add -A && git commit -qm "Add /version"
  )
}

check_after() { # DIR VERSION
  local dir=$1 version=$2
  (
    cd "$dir" || exit 1
    [ -z "$(git status --porcelain)" ] || fail "work tree not clean after upgrade to $version" || exit 1
    [ -z "$(git ls-files -u)" ] || fail "conflicts after upgrade to $version" || exit 1
    grep -q "^version: $version" .scaffold.yaml || fail ".scaffold.yaml not at $version" || exit 1
    grep -q 'h.version' internal/handlers/handlers.go || fail "route lost" || exit 1
    [ -f internal/handlers/version.go ] || fail "handler lost" || exit 1
    grep -q 'example.com/buildinfo' go.mod || fail "go.mod dependency lost" || exit 1
    grep -q '/version$' README.md || fail "README edit lost" || exit 1
    grep -q '^image:' Makefile || fail "Makefile target lost" || exit 1
    openapi=api/openapi.yaml
    [ "$version" = 1.0.0 ] || openapi=docs/openapi.yaml
    grep -q '/version:' "$openapi" || fail "OpenAPI edit did not follow to $openapi" || exit 1
    if [ "$version" != 1.0.0 ]; then
      [ ! -e scripts/run-local.sh ] || fail "removed file came back" || exit 1
      [ ! -e api/openapi.yaml ] || fail "moved file left at its old path" || exit 1
      grep -q 'gofmt' Makefile || fail "Makefile lint target not updated" || exit 1
      grep -q 'memory: "384Mi"' deploy/k8s/deployment.yaml || fail "memory default not raised" || exit 1
    fi
    if [ "$version" = 2.0.0 ]; then
      grep -q 'owner: payments-team' catalog-info.yaml || fail "team not carried over" || exit 1
      grep -q '^  team: payments-team' .scaffold.yaml || fail ".scaffold.yaml keeps owner" || exit 1
    fi
    go vet ./... && go test -count=1 ./... >/dev/null || fail "go vet/test after $version" || exit 1
  )
}

for database in none postgres redis; do
  dir="$work/payments-$database"
  echo "=== go-microservice upgrade scenario (database=$database)"
  if create "$dir" "$database" && edit_as_developer "$dir" && check_after "$dir" 1.0.0 &&
    upgrade "$dir" 1.1.0 "$database" && check_after "$dir" 1.1.0 &&
    upgrade "$dir" 2.0.0 "$database" && check_after "$dir" 2.0.0; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); echo "failed: upgrade scenario database=$database"
  fi
done
echo "upgrade-scenario: $passed passed, $failed failed"
[ "$failed" = 0 ]
