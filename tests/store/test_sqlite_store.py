"""The SQLite backend: schema migrations, WAL, transactions under failure and crash, speed."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from store_records import filler, pezeshkian_meeting

from didar.errors import StoreError
from didar.store import DUPLICATE, STORED, SQLiteStore
from didar.store.migrations import MIGRATIONS

HERE = Path(__file__).parent


def consistent(path: Path) -> dict[str, int]:
    """Check the database's integrity and that every document has all its parts; return counts."""
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        docs = db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        fts = db.execute("SELECT COUNT(*) FROM documents_fts").fetchone()[0]
        assert fts == docs
        # every filler document has one event and at least one quote
        assert (
            db.execute(
                "SELECT COUNT(*) FROM documents d WHERE NOT EXISTS "
                "(SELECT 1 FROM events e WHERE e.doc_pk = d.pk)"
            ).fetchone()[0]
            == 0
        )
        assert (
            db.execute(
                "SELECT COUNT(*) FROM documents d WHERE NOT EXISTS "
                "(SELECT 1 FROM document_sources s WHERE s.doc_pk = d.pk)"
            ).fetchone()[0]
            == 0
        )
        return {"documents": docs}
    finally:
        db.close()


def test_migrations_are_recorded_and_run_once(tmp_path):
    path = tmp_path / "d.db"
    with SQLiteStore(path) as s:
        assert s.migrations() == [(m.number, m.name) for m in MIGRATIONS]
        s.put_many([pezeshkian_meeting()])
    with SQLiteStore(path) as s:  # reopening neither re-runs a step nor loses data
        assert len(s.migrations()) == len(MIGRATIONS)
        assert s.counts()["documents"] == 1


def test_wal_mode(tmp_path):
    SQLiteStore(tmp_path / "d.db").close()
    db = sqlite3.connect(tmp_path / "d.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_refuses_what_is_not_a_didar_database(tmp_path):
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(StoreError, match="not a didar database"):
        SQLiteStore(other)
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a usable didar database"):
        SQLiteStore(garbage)
    with pytest.raises(StoreError, match="no database"):
        SQLiteStore(tmp_path / "missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()


def test_refuses_a_newer_schema(tmp_path):
    path = tmp_path / "d.db"
    SQLiteStore(path).close()
    db = sqlite3.connect(path)
    db.execute("INSERT INTO migrations VALUES (999, 'from_the_future', 'x')")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="newer didar"):
        SQLiteStore(path)


def test_a_database_error_mid_chunk_loses_nothing_committed_and_a_rerun_continues(
    tmp_path, monkeypatch
):
    path = tmp_path / "d.db"
    docs = filler(30)
    store = SQLiteStore(path)
    assert {r.status for r in store.put_many(docs[:10])} == {STORED}  # chunk 1 committed

    real_put_one = SQLiteStore._put_one
    calls = {"n": 0}

    def failing_put_one(self, doc, now):
        calls["n"] += 1
        if calls["n"] == 6:  # the sixth document of chunk 2: the disk "fills up"
            raise sqlite3.OperationalError("database or disk is full")
        return real_put_one(self, doc, now)

    monkeypatch.setattr(SQLiteStore, "_put_one", failing_put_one)
    with pytest.raises(StoreError, match="nothing of this chunk was stored"):
        store.put_many(docs[10:20])
    monkeypatch.undo()
    assert consistent(path) == {"documents": 10}  # chunk 1 intact, chunk 2 wholly rolled back

    # the rerun of the whole batch: what was stored is a duplicate, the rest is stored
    results = store.put_many(docs[:20]) + store.put_many(docs[20:])
    assert [r.status for r in results[:10]] == [DUPLICATE] * 10
    assert [r.status for r in results[10:]] == [STORED] * 20
    assert consistent(path) == {"documents": 30}
    store.close()


CRASHING_WRITER = textwrap.dedent("""
    import os, sys
    sys.path.insert(0, {here!r})
    from store_records import filler
    from didar.store import SQLiteStore

    docs = filler(30)
    store = SQLiteStore({path!r})
    store.put_many(docs[:10])
    real = SQLiteStore._put_one
    count = [0]
    def put_one_then_die(self, doc, now):
        count[0] += 1
        if count[0] == 6:
            os._exit(9)  # the process dies mid-transaction: no cleanup, no rollback call
        return real(self, doc, now)
    SQLiteStore._put_one = put_one_then_die
    store.put_many(docs[10:20])
""")


def test_a_crash_mid_chunk_leaves_the_database_consistent(tmp_path):
    path = tmp_path / "d.db"
    script = CRASHING_WRITER.format(here=str(HERE), path=str(path))
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 9, proc.stderr
    assert consistent(path) == {"documents": 10}
    with SQLiteStore(path) as store:
        results = store.put_many(filler(30))
    assert [r.status for r in results].count(DUPLICATE) == 10
    assert consistent(path) == {"documents": 30}
