#!/bin/sh
# Full-page PNGs of every page of the web app, taken by headless Chromium (Debian's chromium;
# run 'sh scripts/setup.sh test' first).
# Usage: sh scripts/screenshots.sh [--db didar.db] [--out screenshots/] [--width 1280]
set -eu
cd "$(dirname "$0")/.."
exec "${DIDAR_VENV:-.venv}/bin/python" -m didar.web.screenshots "$@"
