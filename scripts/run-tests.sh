#!/usr/bin/env bash
# Start the servers the tests use, then run pytest (extra args pass through).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${VENV:-.venv}/bin
export DETENTE_TEST_POSTGRES_URL="${DETENTE_TEST_POSTGRES_URL:-$(bash scripts/start-postgres.sh)}"
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
exec "$BIN/python" -m pytest -q "$@"
