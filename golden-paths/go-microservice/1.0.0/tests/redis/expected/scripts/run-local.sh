#!/bin/sh
# Runs sessions from source with local development settings.
set -eu
cd "$(dirname "$0")/.."
export PORT="${PORT:-8080}"
exec go run ./cmd/sessions
