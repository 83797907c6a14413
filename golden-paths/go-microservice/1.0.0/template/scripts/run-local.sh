#!/bin/sh
# Runs {{ name }} from source with local development settings.
set -eu
cd "$(dirname "$0")/.."
export PORT="${PORT:-{{ port }}}"
exec go run ./cmd/{{ name }}
