#!/bin/sh
# Runs payments from source with local development settings.
set -eu
cd "$(dirname "$0")/.."
export PORT="${PORT:-8080}"
exec go run ./cmd/payments
