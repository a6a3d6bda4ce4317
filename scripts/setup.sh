#!/bin/sh
# Create the virtualenv (.venv, or $DIDAR_VENV) and install didar into it.
# Usage: sh scripts/setup.sh [test]   ("test" also installs the test dependencies)
set -eu
cd "$(dirname "$0")/.."
VENV="${DIDAR_VENV:-.venv}"
PYTHON="${PYTHON:-python3}"
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --upgrade pip >&2
if [ "${1:-}" = "test" ]; then
  "$VENV/bin/python" -m pip install -q -e ".[test]" >&2
else
  "$VENV/bin/python" -m pip install -q -e . >&2
fi
