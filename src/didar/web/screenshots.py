"""`python -m didar.web.screenshots --db didar.db --out screenshots/ [--width 1280]`: every page
of the web app over a database as a full-page PNG, taken by headless Chromium.

The app runs as `didar serve` on a free 127.0.0.1 port while the pages are taken, and stops
after. The browser is Debian's Chromium (`/usr/bin/chromium`, or $DIDAR_CHROMIUM) driven by
Playwright with a fresh profile: Playwright's own browser download is never used (it needs the
internet). `chromium_path`, `launch` and `serving` are shared with the browser tests.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from didar.errors import DidarError

CHROMIUM_ENV = "DIDAR_CHROMIUM"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--headless=new",
    "--no-sandbox",  # root in a container has no user namespace for the sandbox
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
SERVER_START_SECONDS = 60  # the first request loads the actor dictionary
PAGE_TIMEOUT_MS = 30_000
VIEWPORT_HEIGHT = 800  # the shots are full-page: only the width matters


class BrowserError(DidarError):
    code = "E501"
    hint = (
        "the browser pages need Debian's Chromium and Playwright: run 'sh scripts/setup.sh test' "
        f"(it installs both), or point ${CHROMIUM_ENV} at a Chromium binary"
    )


class ServerError(DidarError):
    code = "E502"
    hint = "run 'didar serve --db FILE' by hand to see why the web app does not start"


def chromium_path(explicit: str | None = None) -> str:
    """The Chromium binary: `explicit`, else $DIDAR_CHROMIUM, else `chromium` on the PATH."""
    exe = explicit or os.environ.get(CHROMIUM_ENV) or shutil.which("chromium") or DEFAULT_CHROMIUM
    if not (os.path.isfile(exe) and os.access(exe, os.X_OK)):
        raise BrowserError(f"no Chromium at {exe}")
    return exe


def launch(playwright: Any, chromium: str | None = None) -> Any:
    """A headless Chromium browser (Playwright `Browser`) with a fresh temporary profile."""
    return playwright.chromium.launch(
        executable_path=chromium_path(chromium), headless=True, args=list(CHROMIUM_ARGS)
    )


def _sync_playwright() -> Any:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise BrowserError("the Python package 'playwright' is not installed") from exc
    return sync_playwright()


@contextmanager
def serving(db: str | Path, token: str | None = None) -> Iterator[str]:
    """`didar serve --db DB --port 0` in a subprocess (with `token`: ingest on); yields its
    base URL (`http://127.0.0.1:PORT`, no trailing slash) once it answers, stops it after."""
    env = {**os.environ, "DIDAR_TOKEN": token or ""}
    cmd = [sys.executable, "-m", "didar.cli.main", "serve", "--db", str(db), "--port", "0"]
    with tempfile.TemporaryFile("w+", encoding="utf-8") as errors:
        proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=errors, stdin=subprocess.DEVNULL, text=True, env=env
        )
        try:
            line = proc.stdout.readline() if proc.stdout else ""
            m = re.search(r"http://127\.0\.0\.1:\d+", line)
            if not m:
                proc.wait(timeout=10)
                errors.seek(0)
                raise ServerError(f"'didar serve' did not start: {errors.read().strip()}", str(db))
            base = m[0]
            _wait_until_up(base, proc)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            if proc.stdout:
                proc.stdout.close()


def _wait_until_up(base: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while True:
        try:
            with urllib.request.urlopen(base + "/api/stats", timeout=10) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise ServerError(f"'didar serve' did not answer at {base}")
        time.sleep(0.2)


def get_json(base: str, path: str, **params: Any) -> Any:
    """GET `path` (with query `params`) from the app at `base`, as JSON."""
    query = urllib.parse.urlencode({k: v for k, v in params.items() if v is not None})
    url = base + urllib.parse.quote(path, safe="/") + (f"?{query}" if query else "")
    with urllib.request.urlopen(url, timeout=30) as r:
        return json.load(r)


@dataclass(frozen=True, slots=True)
class Shot:
    """One page to take: the file stem and the URL path (with its query)."""

    name: str
    path: str


def plan(base: str) -> list[Shot]:
    """The pages to take over the store behind `base`. Pages that need an id (an actor, a
    Persian and an Arabic document) are left out when the store holds none."""
    stats = get_json(base, "/api/stats")
    facets = stats.get("facets") or {}
    shots = [Shot("01-overview", "/"), Shot("02-events", "/events")]
    types = facets.get("types") or []
    if types:
        query = urllib.parse.urlencode({"type": types[-1]})
        shots.append(Shot("03-events-filtered", f"/events?{query}"))
    shots.append(Shot("04-actors", "/actors"))
    events = get_json(base, "/events.json")["items"]
    actor = next((p for e in events for p in e.get("participant_ids") or []), None)
    if actor:
        shots.append(Shot("05-actor", "/actors/" + urllib.parse.quote(actor, safe="")))
    for n, lang in ((6, "fa"), (7, "ar")):
        items = get_json(base, "/events.json", language=lang)["items"]
        if items:
            shots.append(Shot(f"0{n}-document-{lang}", "/documents/" + items[0]["doc_id"]))
    shots += [
        Shot("08-network", "/network"),
        Shot("09-search", "/search?" + urllib.parse.urlencode({"q": "عراق"})),
        Shot("10-docs", "/docs"),
    ]
    return shots


def take(
    db: str | Path, out: str | Path, width: int = 1280, chromium: str | None = None
) -> list[Path]:
    """Serve `db`, take every page of `plan` as `out/NAME.png`; return the files written."""
    out = Path(out)
    chromium_path(chromium)  # fail before starting anything
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with serving(db) as base, _sync_playwright() as p:
        browser = launch(p, chromium)
        try:
            context = browser.new_context(
                viewport={"width": width, "height": VIEWPORT_HEIGHT}, locale="en-US"
            )
            page = context.new_page()
            page.set_default_timeout(PAGE_TIMEOUT_MS)
            for shot in plan(base):
                page.goto(base + shot.path, wait_until="networkidle")
                if shot.path == "/docs":  # Swagger UI (or the plain list) renders after load
                    page.wait_for_selector(".opblock, li.endpoint", state="attached")
                file = out / f"{shot.name}.png"
                page.screenshot(path=str(file), full_page=True)
                written.append(file)
        finally:
            browser.close()
    return written


@click.command()
@click.option(
    "--db",
    envvar="DIDAR_DB",
    default="didar.db",
    show_default=True,
    type=click.Path(dir_okay=False, exists=True),
    help="The database file.",
)
@click.option(
    "--out",
    default="screenshots",
    show_default=True,
    type=click.Path(file_okay=False),
    help="The folder the PNGs are written to (created if missing).",
)
@click.option(
    "--width",
    type=click.IntRange(320, 4000),
    default=1280,
    show_default=True,
    help="The browser window's width in pixels (each page is taken at its full height).",
)
@click.option(
    "--chromium",
    envvar=CHROMIUM_ENV,
    show_envvar=True,
    default=None,
    help=f"The Chromium binary (default: chromium on the PATH, else {DEFAULT_CHROMIUM}).",
)
def screenshots(db: str, out: str, width: int, chromium: str | None) -> None:
    """Full-page PNGs of every page of the web app over the database, by headless Chromium."""
    try:
        files = take(db, out, width, chromium)
    except DidarError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    for f in files:
        click.echo(str(f))


def register(main: click.Group) -> None:
    main.add_command(screenshots)


if __name__ == "__main__":  # pragma: no cover
    screenshots()
