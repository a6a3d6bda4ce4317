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
  # The web app's browser tests drive Debian's Chromium with Playwright (Playwright's own
  # browser download is not used: it needs the internet). Set DIDAR_CHROMIUM to use another.
  if [ -z "${DIDAR_CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "installing Debian's chromium for the browser tests" >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >&2 \
        || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >&2; }
    else
      echo "note: the browser tests need Chromium: sudo apt-get install chromium" >&2
    fi
  fi
else
  "$VENV/bin/python" -m pip install -q -e . >&2
fi
