#!/usr/bin/env bash
# A developer's life with the shipped golden paths: create a service at the first version,
# make the edits teams make, then upgrade version by version. Every upgrade must merge
# without conflicts, keep every edit, and leave a service that passes its own checks.
# - go-microservice 1.0.0 -> 1.1.0 -> 2.0.0, once per database choice: a new handler with
#   its test and route, an OpenAPI entry (the file moves in 1.1.0), a README change, a
#   dependency in go.mod, a Makefile target; `go vet` and `go test` after each step.
# - python-service 1.0.0 -> 1.1.0: a new route, a test appended to the test file that
#   1.1.0 moves, a README change, a dependency in pyproject.toml; `pytest` after each step.
#
# Environment:
#   SCAFFOLD    the scaffold executable (default: .build/debug/scaffold): uses `scaffold new`
#               and `scaffold upgrade --in-place`.
#   CATALOG     the golden path catalog (default: golden-paths)
#   VENV        virtual environment with pytest, fastapi and httpx (default: .venv)
# Prints "upgrade-scenario: N passed, M failed" and exits 1 when anything failed.
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
catalog=${CATALOG:-$root/golden-paths}
scaffold=${SCAFFOLD:-$root/.build/debug/scaffold}
export PATH="${VENV:-$root/.venv}/bin:$PATH"
export GOTOOLCHAIN=local GOPROXY=off GOFLAGS=-buildvcs=false GOWORK=off
export GOCACHE=${GOCACHE:-${TMPDIR:-/tmp}/scaffold-golden-paths-gocache}
export GIT_AUTHOR_NAME=Developer GIT_AUTHOR_EMAIL=dev@example.com
export GIT_COMMITTER_NAME=Developer GIT_COMMITTER_EMAIL=dev@example.com

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

fail() { echo "FAIL: $*"; return 1; }

# Creates the service as a repository with one commit.
create() { # DIR GOLDEN_PATH NAME VERSION SET...
  local dir=$1 gp=$2 name=$3 version=$4; shift 4
  local sets=()
  for kv in "$@"; do sets+=(--set "$kv"); done
  "$scaffold" new "$gp" "$name" --catalog "$catalog" --version "$version" "${sets[@]}" \
    --no-input --output "$dir" >/dev/null
}

# Upgrades the service in place to VERSION.
upgrade() { # DIR VERSION
  (cd "$1" && "$scaffold" upgrade --to "$2" --in-place) || return 1
}

# The upgrade left a clean, conflict-free work tree at VERSION.
check_merged() { # VERSION (in the service's folder)
  [ -z "$(git status --porcelain)" ] || fail "work tree not clean after upgrade to $1" || return 1
  [ -z "$(git ls-files -u)" ] || fail "conflicts after upgrade to $1" || return 1
  grep -Eq "^version: '?$1'?$" .scaffold.yaml || fail ".scaffold.yaml not at $1"
}

# The edits a Go team makes in its first weeks.
edit_go() { # DIR
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

check_go() { # DIR VERSION [TEAM]
  local dir=$1 version=$2 team=${3:-payments-team}
  (
    cd "$dir" || exit 1
    check_merged "$version" || exit 1
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
      grep -q "owner: $team" catalog-info.yaml || fail "team not carried over" || exit 1
      grep -q "^  team: $team" .scaffold.yaml || fail ".scaffold.yaml keeps owner" || exit 1
      ! grep -q '^  owner:' .scaffold.yaml || fail ".scaffold.yaml still has owner" || exit 1
    fi
    go vet ./... && go test -count=1 ./... >/dev/null || fail "go vet/test after $version" || exit 1
  )
}

# The edits a Python team makes in its first weeks.
edit_python() { # DIR
  (
    cd "$1" || exit 1
    pkg=src/inventory
    printf '\n\n@app.get("/version")\ndef version() -> dict[str, str]:\n    return {"version": "dev"}\n' \
      >> "$pkg/app.py"
    printf '\n\ndef test_version():\n    response = TestClient(app).get("/version")\n    assert response.json() == {"version": "dev"}\n' \
      >> tests/test_api.py
    sed -i 's|^from inventory.app import create_app$|from inventory.app import app, create_app|' tests/test_api.py
    sed -i 's|^    "uvicorn\[standard\]>=0.29",$|&\n    "structlog>=24",|' pyproject.toml
    sed -i 's|^curl -s localhost:\([0-9]*\)/healthz$|&\ncurl -s localhost:\1/version|' README.md
    grep -q structlog pyproject.toml && grep -q '/version$' README.md || exit 1
    python -m pytest -q -p no:cacheprovider >/dev/null || exit 1
    git add -A && git commit -qm "Add /version"
  )
}

check_python() { # DIR VERSION
  local dir=$1 version=$2
  (
    cd "$dir" || exit 1
    check_merged "$version" || exit 1
    tests=tests/test_api.py
    [ "$version" = 1.0.0 ] || tests=tests/api/test_api.py
    grep -q 'def test_version' "$tests" || fail "test edit did not follow to $tests" || exit 1
    grep -q '"/version"' src/inventory/app.py || fail "route lost" || exit 1
    grep -q structlog pyproject.toml || fail "dependency lost" || exit 1
    grep -q '/version$' README.md || fail "README edit lost" || exit 1
    if [ "$version" = 1.1.0 ]; then
      [ -f ruff.toml ] || fail "ruff.toml not added" || exit 1
      [ ! -e tests/test_api.py ] || fail "moved test file left at its old path" || exit 1
      grep -q 'must be > 90%' .github/workflows/ci.yaml || fail "coverage gate not raised" || exit 1
    fi
    python -m pytest -q -p no:cacheprovider >/dev/null || fail "pytest after $version" || exit 1
  )
}

# With redis, the owner team is an explicit answer, which 2.0.0's migration renames to `team`.
for database in none postgres redis; do
  dir="$work/payments-$database"
  owner=() team=()
  if [ "$database" = redis ]; then
    owner=("owner=payments-squad")
    team=(payments-squad)
  fi
  if create "$dir" go-microservice payments 1.0.0 "database=$database" "${owner[@]}" && edit_go "$dir" &&
    check_go "$dir" 1.0.0 &&
    upgrade "$dir" 1.1.0 &&
    check_go "$dir" 1.1.0 &&
    upgrade "$dir" 2.0.0 &&
    check_go "$dir" 2.0.0 "${team[@]}"; then
    passed=$((passed + 1)); echo "ok   go-microservice 1.0.0 -> 1.1.0 -> 2.0.0 (database=$database)"
  else
    failed=$((failed + 1)); echo "FAIL go-microservice 1.0.0 -> 1.1.0 -> 2.0.0 (database=$database)"
  fi
done

dir="$work/inventory"
if create "$dir" python-service inventory 1.0.0 && edit_python "$dir" && check_python "$dir" 1.0.0 &&
  upgrade "$dir" 1.1.0 && check_python "$dir" 1.1.0; then
  passed=$((passed + 1)); echo "ok   python-service 1.0.0 -> 1.1.0"
else
  failed=$((failed + 1)); echo "FAIL python-service 1.0.0 -> 1.1.0"
fi

echo "upgrade-scenario: $passed passed, $failed failed"
[ "$failed" = 0 ]
