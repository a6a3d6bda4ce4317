#!/bin/sh
# The main job on the bundled samples: install, ingest samples/ into didar.db, print what was
# found, then serve the web app over it on http://127.0.0.1:8000/ (Ctrl+C stops it).
# DIDAR_SERVE=0 stops after printing; DIDAR_PORT picks another port (0: any free port).
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
VENV="${DIDAR_VENV:-.venv}"
DB="${DIDAR_DB:-didar.db}"
"$VENV/bin/didar" demo --db "$DB"
if [ "${DIDAR_SERVE:-1}" != 0 ]; then
  exec "$VENV/bin/didar" serve --db "$DB" --port "${DIDAR_PORT:-8000}"
fi
