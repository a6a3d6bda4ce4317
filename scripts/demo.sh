#!/bin/sh
# The main job on the bundled samples: install, ingest samples/ into didar.db, print what was found.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
VENV="${DIDAR_VENV:-.venv}"
exec "$VENV/bin/didar" demo --db "${DIDAR_DB:-didar.db}"
