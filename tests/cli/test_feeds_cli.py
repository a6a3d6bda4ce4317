"""`didar feeds add|list|remove|polls` and `didar watch`, run as a user would, against feeds
served by a local server on 127.0.0.1 (built from the real articles in ../shared/corpus)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ingest"))

from feedserver import CORPUS, SKIP_REASON, persian_items, rss, standard_server

from didar.cli.main import main
from didar.store import SQLiteStore

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=SKIP_REASON)
QUICK = ["--delay", "0", "--timeout", "0.5", "--retries", "0"]


@pytest.fixture(scope="module")
def resources():
    from didar.resources import load_resources

    return load_resources()


@pytest.fixture
def fast_resources(monkeypatch, resources):
    """`watch` loads the resources once per run; the tests share one load."""
    import didar.resources

    monkeypatch.setattr(didar.resources, "load_resources", lambda *a, **k: resources)


@pytest.fixture
def server():
    if not CORPUS.is_dir():
        pytest.skip(SKIP_REASON)
    s = standard_server()
    yield s
    s.stop()


def documents(db: Path) -> int:
    with SQLiteStore(db, create=False) as store:
        return store.counts()["documents"]


def test_feeds_add_list_remove(runner, tmp_path):
    db = str(tmp_path / "f.db")
    result = runner.invoke(main, ["feeds", "add", "https://agency.example/rss", "--name",
                                  "Agency", "--db", db])
    assert result.exit_code == 0 and "added: Agency https://agency.example/rss" in result.output
    again = runner.invoke(main, ["feeds", "add", "https://agency.example/rss", "--db", db])
    assert again.exit_code == 0 and "already followed" in again.output

    listing = runner.invoke(main, ["feeds", "list", "--format", "json", "--db", db])
    rows = json.loads(listing.output)
    assert [(r["name"], r["url"], r["failures"], r["items"]) for r in rows] == [
        ("Agency", "https://agency.example/rss", 0, 0)]

    assert runner.invoke(main, ["feeds", "remove", "Agency", "--db", db]).exit_code == 0
    missing = runner.invoke(main, ["feeds", "remove", "Agency", "--db", db])
    assert missing.exit_code == 3 and "no feed" in missing.output
    empty = runner.invoke(main, ["feeds", "list", "--format", "json", "--db", db])
    assert json.loads(empty.output) == []


def test_feeds_add_refuses_bad_input(runner, tmp_path):
    db = str(tmp_path / "f.db")
    assert runner.invoke(main, ["feeds", "add", "--db", db]).exit_code == 2
    bad = runner.invoke(main, ["feeds", "add", "file:///etc/passwd", "--db", db])
    assert bad.exit_code == 2 and "http" in bad.output


def test_feeds_add_starter_list(runner, tmp_path):
    db = str(tmp_path / "f.db")
    result = runner.invoke(main, ["feeds", "add", "--starter", "--db", db])
    assert result.exit_code == 0 and "unverified" in result.output
    rows = json.loads(runner.invoke(main, ["feeds", "list", "--format", "json",
                                           "--db", db]).output)
    names = {r["name"] for r in rows}
    assert {"IRNA", "ISNA", "INA"} <= names and len(rows) >= 10
    again = runner.invoke(main, ["feeds", "add", "--starter", "--db", db])
    assert "added 0 starter feed(s)" in again.output  # nothing twice


def test_watch_without_feeds_says_so(runner, tmp_path):
    result = runner.invoke(main, ["watch", "--once", "--db", str(tmp_path / "f.db")])
    assert result.exit_code == 0 and "no feeds" in result.output


@needs_corpus
def test_watch_once_then_again_then_restart(runner, server, fast_resources, tmp_path):
    db = tmp_path / "watch.db"
    for path, name in [("/rss.xml", "IRNA-test"), ("/atom.xml", "INA-test"),
                       ("/broken.xml", "broken"), ("/error.xml", "down"),
                       ("/slow.xml", "slow"), ("/big.xml", "big")]:
        assert runner.invoke(main, ["feeds", "add", server.url(path), "--name", name,
                                    "--db", str(db)]).exit_code == 0

    first = runner.invoke(main, ["watch", "--once", *QUICK, "--max-bytes", "1000000",
                                 "--db", str(db)])
    assert first.exit_code == 1, first.output  # some feeds failed; the others were ingested
    out = first.output
    assert "IRNA-test: new: 3 item(s), 3 new: stored 3" in out
    assert "INA-test: new: 3 item(s), 3 new: stored 3" in out
    assert "broken: failed: [E123] not an RSS or Atom feed" in out
    assert "down: failed: [E121] HTTP 500" in out
    assert "slow: failed: [E121] timed out" in out
    assert "big: failed: [E122]" in out
    assert "stored 6 new document(s); 4 feed(s) failed" in out
    assert documents(db) == 6

    # the same feeds again: nothing is due yet, and nothing new is ingested
    again = runner.invoke(main, ["watch", "--once", *QUICK, "--db", str(db)])
    assert again.exit_code == 0 and "stored 0 new document(s); 0 feed(s) failed" in again.output
    # forced: the good feeds answer 304 and are recorded as unchanged
    forced = runner.invoke(main, ["watch", "--once", "--force", *QUICK, "--db", str(db)])
    assert "IRNA-test: unchanged (304 not modified)" in forced.output
    assert "INA-test: unchanged (304 not modified)" in forced.output
    assert documents(db) == 6

    polls = json.loads(runner.invoke(main, ["feeds", "polls", "IRNA-test", "--format", "json",
                                            "--db", str(db)]).output)
    assert [p["status"] for p in polls] == ["unchanged", "new"]
    assert polls[0]["http_status"] == 304 and polls[1]["stored"] == 3
    feeds = {r["name"]: r for r in json.loads(runner.invoke(
        main, ["feeds", "list", "--format", "json", "--db", str(db)]).output)}
    assert feeds["down"]["failures"] == 2 and "HTTP 500" in feeds["down"]["last_error"]
    assert feeds["IRNA-test"]["failures"] == 0 and feeds["IRNA-test"]["items"] == 3

    # a restart in a new process: the agency added one item; only that one is ingested
    base = server.base
    items = persian_items(base, ["fa_farex_20.txt"]) + persian_items(base)
    items[0] = (f"{base}/fa/news/new", *items[0][1:])
    server.routes["/rss.xml"].body = rss(items)
    server.routes["/rss.xml"].etag = '"rss-v2"'
    env = {**os.environ, "DIDAR_DB": ""}
    proc = subprocess.run(
        [sys.executable, "-m", "didar.cli.main", "watch", "--once", "--force", *QUICK,
         "--db", str(db)],
        capture_output=True, text=True, timeout=120, env=env,
    )
    assert "IRNA-test: new: 4 item(s), 1 new: stored 1, duplicates 0" in proc.stdout, proc.stderr
    assert documents(db) == 7
