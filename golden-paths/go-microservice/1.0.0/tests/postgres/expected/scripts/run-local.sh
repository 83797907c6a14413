#!/bin/sh
# Runs orders from source with local development settings.
set -eu
cd "$(dirname "$0")/.."
export PORT="${PORT:-8081}"
exec go run ./cmd/orders
