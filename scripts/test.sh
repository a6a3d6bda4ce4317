#!/bin/sh
# Install the test dependencies and run every test (and the linter).
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh test
VENV="${DIDAR_VENV:-.venv}"
"$VENV/bin/ruff" check src tests scripts
exec "$VENV/bin/pytest" -q "$@"
