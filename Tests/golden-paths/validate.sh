#!/usr/bin/env bash
# Renders every shipped golden path, every version, with several answer sets (each database
# choice, each CI provider) and checks the result the way a platform team would before
# publishing: `scaffold lint` and `scaffold test`, yamllint on every YAML file, kubernetes-validate --strict on
# the Kubernetes manifests, actionlint and check-jsonschema on the CI pipeline, and the
# service's own checks (go vet + go test + gofmt, or pytest).
#
# Environment:
#   SCAFFOLD    the scaffold executable (default: .build/debug/scaffold)
#   VENV        virtual environment holding yamllint, kubernetes-validate, actionlint,
#               check-jsonschema, pytest, fastapi and httpx (default: .venv)
#   CATALOG     the golden path catalog (default: golden-paths); the catalog
#               Tests/golden-paths/edge-catalog, which drives the built-in platform
#               templates through their edge cases, is always checked too.
#   ONLY        optional golden path name to restrict the run to.
# Prints "golden-paths: N passed, M failed" and exits 1 when anything failed.
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
catalog=${CATALOG:-$root/golden-paths}
venv=${VENV:-$root/.venv}
scaffold=${SCAFFOLD:-$root/.build/debug/scaffold}
export PATH="$venv/bin:$PATH"
# The services must build offline with the installed Go toolchain alone.
export GOTOOLCHAIN=local GOPROXY=off GOFLAGS=-buildvcs=false GOWORK=off
export GOCACHE=${GOCACHE:-${TMPDIR:-/tmp}/scaffold-golden-paths-gocache}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
failures=()

# Answer sets per golden path version: each line is one case, a list of KEY=VALUE.
answer_sets() { # GOLDEN_PATH VERSION_DIR
  case "$1" in
    go-microservice)
      echo "database=none"
      echo "database=postgres"
      echo "database=redis port=9090 resources.requests.memory=200Mi"
      echo "database=none autoscaling.enabled=false replicas=3"
      ;;
    python-service)
      echo "port=8000"
      echo "port=9000 package=pricing autoscaling.enabled=false replicas=3"
      ;;
  esac
  # Each CI provider, for versions that offer the choice.
  if grep -q 'name: ci_provider' "$2/golden-path.yaml"; then
    echo "ci_provider=github-actions"
    if grep -q 'name: database' "$2/golden-path.yaml"; then
      echo "ci_provider=gitlab-ci database=postgres"
    else
      echo "ci_provider=gitlab-ci"
    fi
  fi
}

render() { # CATALOG GOLDEN_PATH NAME VERSION OUT SET...
  local catalog=$1 gp=$2 name=$3 version=$4 out=$5; shift 5
  local sets=()
  for kv in "$@"; do sets+=(--set "$kv"); done
  "$scaffold" new "$gp" "$name" --catalog "$catalog" --version "$version" "${sets[@]}" \
    --no-input --output "$out"
}

# Runs every check on a rendered service; prints the log only when a check fails.
check_service() { # DIR LANGUAGE
  local dir=$1 language=$2 log="$1.log"
  if check_service_verbose "$dir" "$language" >"$log" 2>&1; then
    return 0
  fi
  tail -n 60 "$log"
  return 1
}

check_service_verbose() { # DIR LANGUAGE
  local dir=$1 language=$2 ok=0
  (
    cd "$dir" || exit 1
    [ -d .git ] || { git init -q . && git add -A; } || exit 1
    # Warnings count for the template's own files; .scaffold.yaml is written by the engine.
    mapfile -t yamls < <(find . -path ./.git -prune -o -type f \( -name '*.yaml' -o -name '*.yml' \) \
      ! -path ./.scaffold.yaml -print | sort)
    yamllint --strict "${yamls[@]}" || { echo "FAIL yamllint"; exit 1; }
    yamllint .scaffold.yaml || { echo "FAIL yamllint .scaffold.yaml"; exit 1; }
    kubernetes-validate --strict --quiet deploy/k8s/*.yaml || { echo "FAIL kubernetes-validate"; exit 1; }
    if [ -f .github/workflows/ci.yaml ]; then
      actionlint .github/workflows/ci.yaml || { echo "FAIL actionlint"; exit 1; }
      check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/ci.yaml \
        || { echo "FAIL check-jsonschema github-workflows"; exit 1; }
    elif [ -f .gitlab-ci.yml ]; then
      check-jsonschema --builtin-schema vendor.gitlab-ci .gitlab-ci.yml \
        || { echo "FAIL check-jsonschema gitlab-ci"; exit 1; }
    else
      echo "FAIL no CI pipeline rendered"; exit 1
    fi
    case "$language" in
      go)
        unformatted=$(gofmt -l .)
        [ -z "$unformatted" ] || { echo "FAIL gofmt: $unformatted"; exit 1; }
        go vet ./... && go test -count=1 ./... || { echo "FAIL go vet/test"; exit 1; }
        ;;
      python)
        python -m pytest -q -p no:cacheprovider || { echo "FAIL pytest"; exit 1; }
        # The lint stage's tool, when installed (PyPI ruff).
        if command -v ruff >/dev/null; then
          ruff check . && ruff format --check . || { echo "FAIL ruff"; exit 1; }
        fi
        ;;
    esac
  ) || ok=1
  return $ok
}

for gpdir in "$catalog"/*/ "$root/Tests/golden-paths/edge-catalog"/*/; do
  gp=$(basename "$gpdir")
  gpcatalog=$(dirname "$gpdir")
  [ -n "${ONLY:-}" ] && [ "$gp" != "$ONLY" ] && continue
  for vdir in "$gpdir"*/; do
    [ -f "$vdir/golden-path.yaml" ] || continue
    version=$(basename "$vdir")
    language=$(sed -n 's/^  language: *//p' "$vdir/golden-path.yaml" | head -1)
    if "$scaffold" lint "${vdir%/}"; then
      passed=$((passed + 1)); echo "ok   $gp $version: scaffold lint"
    else
      failed=$((failed + 1)); failures+=("$gp $version: scaffold lint"); echo "FAIL $gp $version: scaffold lint"
    fi
    # Golden tests, once `scaffold test --update` has recorded their expected trees.
    if compgen -G "${vdir}tests/*/expected" >/dev/null; then
      if "$scaffold" test "${vdir%/}"; then
        passed=$((passed + 1)); echo "ok   $gp $version: scaffold test"
      else
        failed=$((failed + 1)); failures+=("$gp $version: scaffold test"); echo "FAIL $gp $version: scaffold test"
      fi
    fi
    mapfile -t cases < <(answer_sets "$gp" "$vdir")
    i=0
    for case_args in "${cases[@]}"; do
      i=$((i + 1))
      out="$work/$gp-$version-$i/svc-$i"
      mkdir -p "$(dirname "$out")"
      label="$gp $version [${case_args:-defaults}]"
      # shellcheck disable=SC2086 # the answer set is a space-separated list of KEY=VALUE
      if render "$gpcatalog" "$gp" "svc-$i" "$version" "$out" $case_args >"$out.render.log" 2>&1 &&
        check_service "$out" "$language"; then
        passed=$((passed + 1)); echo "ok   $label"
      else
        [ -d "$out" ] || cat "$out.render.log"
        failed=$((failed + 1)); failures+=("$label"); echo "FAIL $label"
      fi
    done
  done
done

for f in "${failures[@]+"${failures[@]}"}"; do echo "failed: $f"; done
echo "golden-paths: $passed passed, $failed failed"
[ "$failed" = 0 ]
