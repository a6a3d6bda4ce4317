"""The SQLite store: one file, stdlib `sqlite3`, WAL mode, FTS5 over the search key.

Writes: `put_many` runs one `BEGIN IMMEDIATE ... COMMIT` transaction per call (the caller chunks
a batch), with a savepoint per document so that a document with bad data fails alone. A crash
or a database error rolls the whole call back: what earlier calls committed stays, and a rerun
finds those documents as duplicates. The schema and the meaning of each table are in
`migrations.py`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from didar.errors import AmbiguousIdError, StoreError
from didar.events.summary import summarize
from didar.record import Document
from didar.store import analytics
from didar.store.base import (
    DUPLICATE,
    FAILED,
    NEW_VERSION,
    STORED,
    ActorFilter,
    EventFilter,
    Page,
    PutResult,
    QuoteFilter,
    SearchQuery,
    Store,
)
from didar.store.clusters import (
    cluster_document,
    detach_superseded,
    index_text,
    near_duplicate_of,
    record_near_duplicate,
    text_signature,
)
from didar.store.clusters import clusters as event_clusters
from didar.store.keys import name_key, search_key, search_key_with_offsets
from didar.store.migrations import MIGRATIONS

log = logging.getLogger(__name__)

# Exceptions that mean "this document's data cannot be stored": the document fails alone.
# Anything else (disk full, database locked, interrupted) aborts the whole call.
_DATA_ERRORS = (
    AttributeError,
    TypeError,
    ValueError,
    KeyError,
    IndexError,
    sqlite3.IntegrityError,
    sqlite3.InterfaceError,
    sqlite3.ProgrammingError,
)
_NAME_MENTION_KINDS = {"name", "short"}  # mention kinds whose words name the actor
SNIPPET_CHARS = 70  # characters of context either side of the first hit in a search snippet


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def lineage_keys(doc: Document) -> list[str]:
    """The keys under which a changed text of this document is a new version of it: its URL,
    and its source when that is a plain path (not `-`, not an item `path#n` of a collection)."""
    keys = []
    if doc.url:
        keys.append(doc.url)
    if doc.source and doc.source != "-" and "#" not in doc.source:
        keys.append(doc.source)
    return keys


class SQLiteStore(Store):
    """A store in one SQLite file. `create=False` refuses to make a new file (for commands that
    only read)."""

    def __init__(self, path: str | Path, *, create: bool = True, timeout: float = 30.0) -> None:
        self.path = str(path)
        if not create and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"no database at {self.path}; run `didar ingest` first", self.path)
        try:
            self._db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open {self.path}: {exc}", self.path) from exc
        self._db.row_factory = sqlite3.Row
        try:
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute("PRAGMA foreign_keys = ON")
            # 64 MB of page cache (SQLite's default is 2 MB): the near-duplicate and cluster
            # indexes are read for every new article, and at 10k+ articles they outgrow 2 MB
            self._db.execute("PRAGMA cache_size = -65536")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise StoreError(
                f"{self.path} is not a usable didar database: {exc}", self.path
            ) from exc

    # -- schema --------------------------------------------------------------------------

    def _migrate(self) -> None:
        tables = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master")}
        if tables and "migrations" not in tables:
            raise StoreError(f"{self.path} is an SQLite file but not a didar database", self.path)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS migrations (number INTEGER PRIMARY KEY, "
            "name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        known = max(m.number for m in MIGRATIONS)
        applied = self._applied()
        if applied and max(applied) > known:
            raise StoreError(
                f"{self.path} was made by a newer didar (schema {max(applied)}, this version "
                f"knows {known}); upgrade didar",
                self.path,
            )
        for migration in MIGRATIONS:
            if migration.number in applied:
                continue
            self._db.execute("BEGIN IMMEDIATE")
            try:
                if migration.number not in self._applied():  # another process may have run it
                    log.info("applying migration %04d %s", migration.number, migration.name)
                    for statement in migration.statements:
                        self._db.execute(statement)
                    self._db.execute(
                        "INSERT INTO migrations VALUES (?, ?, ?)",
                        (migration.number, migration.name, _now()),
                    )
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _applied(self) -> set[int]:
        return {r[0] for r in self._db.execute("SELECT number FROM migrations")}

    def migrations(self) -> list[tuple[int, str]]:
        """The applied migrations, in order."""
        return [
            (r[0], r[1])
            for r in self._db.execute("SELECT number, name FROM migrations ORDER BY number")
        ]

    def close(self) -> None:
        self._db.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """The open connection, for companion tables kept in the same file (feeds: see
        `didar.store.feeds`). Autocommit mode: callers run their own transactions."""
        return self._db

    # -- writing -------------------------------------------------------------------------

    def put_many(self, docs: Sequence[Document]) -> list[PutResult]:
        now = _now()
        results: list[PutResult] = []
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            for doc in docs:
                db.execute("SAVEPOINT doc")
                try:
                    results.append(self._put_one(doc, now))
                except _DATA_ERRORS as exc:
                    db.execute("ROLLBACK TO doc")
                    log.debug("cannot store %s", doc.source, exc_info=True)
                    results.append(
                        PutResult(
                            getattr(doc, "id", "") or "",
                            doc.source,
                            FAILED,
                            error=f"cannot store: {type(exc).__name__}: {exc}",
                        )
                    )
                db.execute("RELEASE doc")
            db.execute("COMMIT")
        except BaseException as exc:
            if db.in_transaction:
                db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StoreError(
                    f"writing to {self.path} failed, nothing of this chunk was stored: {exc}",
                    self.path,
                ) from exc
            raise
        return results

    def _put_one(self, doc: Document, now: str) -> PutResult:
        if not isinstance(doc.id, str) or not doc.id:
            raise ValueError("the document has no id")
        if not isinstance(doc.text, str):
            raise TypeError("the document's text is not a string")
        db = self._db
        sources = [s for s in (doc.source, doc.url) if s]
        keys = lineage_keys(doc)
        row = db.execute(
            "SELECT pk, lineage, version FROM documents WHERE id = ?", (doc.id,)
        ).fetchone()
        if row is not None:  # the same article again: one record, one more source
            self._add_sources(row["pk"], sources, now)
            db.executemany(
                "INSERT OR IGNORE INTO lineage_keys VALUES (?, ?)",
                [(k, row["lineage"]) for k in keys],
            )
            return PutResult(doc.id, doc.source, DUPLICATE, row["version"])

        lineage, signed = None, None
        for key in keys:
            found = db.execute("SELECT lineage FROM lineage_keys WHERE key = ?", (key,)).fetchone()
            if found:
                lineage = found[0]
                break
        if lineage is None:
            signed = text_signature(doc)
            near = near_duplicate_of(db, doc, signed)
            if near is not None:  # the same article with small differences: one more source
                near_pk, similarity = near
                self._add_sources(near_pk, sources, now)
                record_near_duplicate(db, near_pk, doc, similarity, now)
                kept = db.execute(
                    "SELECT id, version FROM documents WHERE pk = ?", (near_pk,)
                ).fetchone()
                return PutResult(kept["id"], doc.source, DUPLICATE, kept["version"])
            lineage, version, status = doc.id, 1, STORED
        else:
            version = (
                db.execute(
                    "SELECT MAX(version) FROM documents WHERE lineage = ?", (lineage,)
                ).fetchone()[0]
                + 1
            )
            detach_superseded(db, lineage, now)  # the old version's reports leave their clusters
            db.execute(
                "UPDATE documents SET is_latest = 0 WHERE lineage = ? AND is_latest = 1", (lineage,)
            )
            status = NEW_VERSION
        db.executemany(
            "INSERT OR IGNORE INTO lineage_keys VALUES (?, ?)", [(k, lineage) for k in keys]
        )

        record = json.dumps(doc.to_dict(), ensure_ascii=False, separators=(",", ":"))
        content_hash = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
        cur = db.execute(
            "INSERT INTO documents (id, lineage, version, is_latest, source, url, language, "
            "title, outlet, published, text, record, content_hash, ingested_at) "
            "VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc.id,
                lineage,
                version,
                doc.source,
                doc.url,
                doc.language,
                doc.title,
                doc.outlet,
                doc.published,
                doc.text,
                record,
                content_hash,
                now,
            ),
        )
        pk = cur.lastrowid
        self._add_sources(pk, sources, now)
        self._add_facts(pk, doc)
        db.execute(
            "INSERT INTO documents_fts (rowid, title, body) VALUES (?, ?, ?)",
            (pk, search_key(doc.title or ""), search_key(doc.text)),
        )
        # near-duplicate index and event clusters: didar.store.clusters
        index_text(db, pk, signed if signed is not None else text_signature(doc))
        cluster_document(db, pk, doc, now)
        return PutResult(doc.id, doc.source, status, version)

    def generation(self) -> tuple[str, Any] | None:
        """Every stored version adds a document row (a new version, too): the newest pk and
        the count of superseded versions change with every change of the listed documents."""
        if self.path == ":memory:":
            return None
        newest = self._db.execute("SELECT MAX(pk) FROM documents").fetchone()[0]
        return self.path, newest

    # -- aggregates for the overview, actor pages and the network: didar.store.analytics ----

    def facets(self) -> dict[str, Any]:
        return analytics.facets(self._db)

    def contact_dates(self) -> tuple[str | None, str | None]:
        return analytics.date_range(self._db)

    def by_country_pair(self, since: str, until: str) -> list[dict[str, Any]]:
        return analytics.by_country_pair(self._db, since, until)

    def by_topic(self, since: str, until: str) -> list[dict[str, Any]]:
        return analytics.by_topic(self._db, since, until)

    def network(self, **kw: Any) -> dict[str, Any]:
        return analytics.network(self._db, **kw)

    def actor_summary(self, actor_id: str) -> dict[str, Any] | None:
        return analytics.actor_summary(self._db, actor_id)

    def counterparts(self, actor_id: str, limit: int) -> list[dict[str, Any]]:
        return analytics.counterparts(self._db, actor_id, limit)

    def stances_of(self, actor_id: str, limit: int) -> list[dict[str, Any]]:
        return analytics.stances_of(self._db, actor_id, limit)

    def clusters(self, **kw: Any) -> list[dict[str, Any]]:
        """Event clusters (`didar.store.clusters.CLUSTER_KEYS`): see `clusters.clusters`."""
        return event_clusters(self._db, **kw)

    def _add_sources(self, pk: int, sources: Iterable[str], now: str) -> None:
        self._db.executemany(
            "INSERT OR IGNORE INTO document_sources VALUES (?, ?, ?)",
            [(pk, s, now) for s in sources],
        )

    def _add_facts(self, pk: int, doc: Document) -> None:
        db, text = self._db, doc.text
        actor_rows, name_rows = [], set()
        for a in doc.actors:
            first = min((m.start for m in a.mentions), default=None)
            actor_rows.append(
                (
                    pk,
                    a.id,
                    a.name,
                    a.native,
                    a.type,
                    a.country,
                    a.role,
                    int(bool(a.known)),
                    len(a.mentions),
                    first,
                )
            )
            names = [a.name or "", a.native or "", a.id]
            names += [text[m.start : m.end] for m in a.mentions if m.kind in _NAME_MENTION_KINDS]
            name_rows.update((k, a.id) for k in map(name_key, names) if k)
        db.executemany(
            "INSERT OR IGNORE INTO actors VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", actor_rows
        )
        db.executemany("INSERT OR IGNORE INTO actor_names VALUES (?, ?)", sorted(name_rows))

        for i, e in enumerate(doc.events):
            cur = db.execute(
                "INSERT INTO events (doc_pk, idx, type, status, plover, cameo, source, target, "
                "date, date_precision, weekday, location, host, guest, start, end, rule, mode, "
                "goldstein, quote) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "?, ?)",
                (
                    pk,
                    i,
                    e.type,
                    e.status,
                    e.plover,
                    e.cameo,
                    e.source,
                    e.target,
                    e.date,
                    e.date_precision,
                    e.weekday,
                    e.location,
                    e.host,
                    e.guest,
                    e.evidence.start,
                    e.evidence.end,
                    e.evidence.rule,
                    e.mode,
                    e.goldstein,
                    e.quote,
                ),
            )
            roles = [("participant", n, p) for n, p in enumerate(e.participants)]
            roles += [
                (r, 0, v)
                for r, v in (
                    ("source", e.source),
                    ("target", e.target),
                    ("host", e.host),
                    ("guest", e.guest),
                    ("location", e.location),
                )
                if v
            ]
            db.executemany(
                "INSERT OR IGNORE INTO event_actors VALUES (?, ?, ?, ?)",
                [(cur.lastrowid, role, n, actor) for role, n, actor in roles],
            )
            countries = set()
            for _, _, actor_id in roles:
                found = doc.actor(actor_id)
                if found is not None:
                    countries.add(found.country)
                    if found.type == "country":
                        countries.add(found.id.upper())
            db.executemany(
                "INSERT OR IGNORE INTO event_countries VALUES (?, ?)",
                [(c, cur.lastrowid) for c in sorted(countries - {None})],
            )

        db.executemany(
            "INSERT INTO quotes (doc_pk, idx, speaker, text, start, end, verb, direct, "
            "speaker_rule) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    pk,
                    i,
                    q.speaker,
                    q.text,
                    q.start,
                    q.end,
                    q.verb,
                    int(bool(q.direct)),
                    q.speaker_rule,
                )
                for i, q in enumerate(doc.quotes)
            ],
        )
        db.executemany(
            "INSERT INTO dates VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (pk, i, d.text, d.start, d.end, d.calendar, d.value, d.precision)
                for i, d in enumerate(doc.dates)
            ],
        )
        db.executemany("INSERT OR IGNORE INTO topics VALUES (?, ?)", [(pk, t) for t in doc.topics])
        db.executemany(
            "INSERT INTO stances VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (pk, i, s.source, s.target, s.polarity, s.evidence.start, s.evidence.end)
                for i, s in enumerate(doc.stances)
            ],
        )

    # -- reading -------------------------------------------------------------------------

    def get(self, doc_id: str) -> dict[str, Any] | None:
        db = self._db
        rows = db.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchall()
        if not rows:
            pattern = doc_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            rows = db.execute(
                "SELECT * FROM documents WHERE id LIKE ? ESCAPE '\\' LIMIT 2", (pattern,)
            ).fetchall()
        if not rows:
            return None
        if len(rows) > 1:
            raise AmbiguousIdError(f"more than one document id starts with {doc_id!r}", doc_id)
        d = rows[0]
        sources = [
            r[0]
            for r in db.execute(
                "SELECT source FROM document_sources WHERE doc_pk = ? ORDER BY first_seen, source",
                (d["pk"],),
            )
        ]
        versions = [
            {
                "id": r["id"],
                "version": r["version"],
                "latest": bool(r["is_latest"]),
                "ingested_at": r["ingested_at"],
            }
            for r in db.execute(
                "SELECT id, version, is_latest, ingested_at FROM documents "
                "WHERE lineage = ? ORDER BY version",
                (d["lineage"],),
            )
        ]
        return {
            "id": d["id"],
            "version": d["version"],
            "latest": bool(d["is_latest"]),
            "lineage": d["lineage"],
            "sources": sources,
            "versions": versions,
            "content_hash": d["content_hash"],
            "ingested_at": d["ingested_at"],
            "record": json.loads(d["record"]),
        }

    def actor_ids_named(self, key: str, *, partial: bool = False) -> set[str]:
        if not key:
            return set()
        if not partial:
            return {
                r[0]
                for r in self._db.execute(
                    "SELECT DISTINCT actor_id FROM actor_names WHERE key = ?", (key,)
                )
            }
        like = "% " + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + " %"
        return {
            r[0]
            for r in self._db.execute(
                "SELECT DISTINCT actor_id FROM actor_names WHERE key = ? "
                "OR (' ' || key || ' ') LIKE ? ESCAPE '\\'",
                (key, like),
            )
        }

    def events(self, f: EventFilter, page: Page) -> list[dict[str, Any]]:
        # the page's events first, from the events table and its order index alone when the
        # filter needs nothing of the documents (deep pages then skip index entries only)
        where, params = _event_where(f, self._all_latest())
        docs = " JOIN documents d ON d.pk = e.doc_pk" if any("d." in w for w in where) else ""
        order = "ORDER BY COALESCE(e.date, '9999-12-31'), e.doc_pk, e.idx"
        rows = self._db.execute(
            "SELECT e.pk, d.pk AS doc_pk, d.id AS doc_id, e.idx, e.type, e.status, e.date, "
            "e.date_precision, e.weekday, e.plover, e.cameo, e.source, e.target, e.location, "
            "e.host, e.guest, substr(d.text, e.start + 1, e.end - e.start) AS evidence, e.start, "
            "e.end, e.rule, e.mode, e.goldstein, e.quote, d.title, d.published, d.outlet, "
            "d.language, d.url "
            "FROM events e JOIN documents d ON d.pk = e.doc_pk WHERE e.pk IN ("
            f"SELECT e.pk FROM events e{docs} WHERE {' AND '.join(where)} {order} "
            f"LIMIT ? OFFSET ?) {order}",
            [*params, *_page(page)],
        ).fetchall()
        names = self._event_actor_names([r["pk"] for r in rows])
        topics: dict[int, list[str]] = {}
        for doc_pk, topic in self._db.execute(
            "SELECT doc_pk, topic FROM topics WHERE doc_pk IN (SELECT value FROM json_each(?)) "
            "ORDER BY doc_pk, topic",
            (json.dumps(sorted({r["doc_pk"] for r in rows})),),
        ):
            topics.setdefault(doc_pk, []).append(topic)
        out = []
        for r in rows:
            by_role = names.get(r["pk"], {})
            parts = by_role.get("participant", [])
            row = {
                "doc_id": r["doc_id"],
                "index": r["idx"],
                "type": r["type"],
                "status": r["status"],
                "date": r["date"],
                "date_precision": r["date_precision"],
                "weekday": r["weekday"],
                "participants": [name for _, name, _, _ in parts],
                "participant_ids": [actor for actor, _, _, _ in parts],
                "source": _name_of(by_role, "source"),
                "source_id": r["source"],
                "target": _name_of(by_role, "target"),
                "target_id": r["target"],
                "location": _name_of(by_role, "location"),
                "location_id": r["location"],
                "host_id": r["host"],
                "guest_id": r["guest"],
                "plover": r["plover"],
                "mode": r["mode"],
                "cameo": r["cameo"],
                "goldstein": r["goldstein"],
                "quote": r["quote"],
                "evidence": r["evidence"],
                "start": r["start"],
                "end": r["end"],
                "rule": r["rule"],
                "title": r["title"],
                "published": r["published"],
                "outlet": r["outlet"],
                "language": r["language"],
                "url": r["url"],
                "topics": topics.get(r["doc_pk"], []),
                "roles": {
                    actor: role for found in by_role.values() for actor, _, role, _ in found if role
                },
                "countries": {
                    actor: country
                    for found in by_role.values()
                    for actor, _, _, country in found
                    if country
                },
            }
            row["summary"] = summarize(row, _display_names(by_role))
            out.append(row)
        return out

    def count_events(self, f: EventFilter) -> int:
        where, params = _event_where(f, self._all_latest())
        docs = " JOIN documents d ON d.pk = e.doc_pk" if any("d." in w for w in where) else ""
        return self._db.execute(
            f"SELECT COUNT(*) FROM events e{docs} WHERE {' AND '.join(where)}", params
        ).fetchone()[0]

    def _all_latest(self) -> bool:
        """Is every stored document the latest version of its lineage (no corrections)?"""
        return not self._db.execute(
            "SELECT EXISTS (SELECT 1 FROM documents WHERE is_latest = 0)"
        ).fetchone()[0]

    def _event_actor_names(self, event_pks: list[int]) -> dict[int, dict[str, list]]:
        """event pk -> role -> [(actor id, display name, English role at the document's date)],
        in record order."""
        out: dict[int, dict[str, list]] = {}
        if not event_pks:
            return out
        for r in self._db.execute(
            "SELECT ea.event_pk, ea.role, ea.actor_id, a.name, a.role, "
            "CASE WHEN a.type = 'country' THEN upper(a.actor_id) ELSE a.country END "
            "FROM event_actors ea "
            "JOIN events e ON e.pk = ea.event_pk "
            "LEFT JOIN actors a ON a.doc_pk = e.doc_pk AND a.actor_id = ea.actor_id "
            "WHERE ea.event_pk IN (SELECT value FROM json_each(?)) "
            "ORDER BY ea.event_pk, ea.role, ea.position",
            (json.dumps(event_pks),),
        ):
            out.setdefault(r[0], {}).setdefault(r[1], []).append((r[2], r[3] or r[2], r[4], r[5]))
        return out

    def quotes(self, f: QuoteFilter, page: Page) -> list[dict[str, Any]]:
        where, params = _latest(f.all_versions)
        if f.speaker_ids is not None:
            where.append("q.speaker IN (SELECT value FROM json_each(?))")
            params.append(_json_list(f.speaker_ids))
        if f.since:
            where.append("d.published >= ?")
            params.append(f.since)
        if f.until:
            where.append("d.published <= ?")
            params.append(f.until)
        if f.direct is not None:
            where.append("q.direct = ?")
            params.append(int(f.direct))
        if f.doc_ids is not None:  # by the quotes' document index, not a scan of every quote
            where.append(f"q.doc_pk IN ({_DOC_PKS})")
            params.append(_json_list(f.doc_ids))
        # a speaker's or a document's quotes are read from the quotes' own index first (CROSS
        # JOIN fixes that order; SQLite would otherwise walk every document by date)
        narrow = f.speaker_ids is not None or f.doc_ids is not None
        join = "CROSS JOIN" if narrow else "JOIN"
        rows = self._db.execute(
            "SELECT d.id AS doc_id, q.idx, a.name AS speaker, q.speaker AS speaker_id, q.text, "
            "q.verb, q.direct, q.start, q.end, q.speaker_rule, d.title, d.published, d.outlet, "
            f"d.language FROM quotes q {join} documents d ON d.pk = q.doc_pk "
            "LEFT JOIN actors a ON a.doc_pk = q.doc_pk AND a.actor_id = q.speaker "
            f"WHERE {' AND '.join(where)} "
            "ORDER BY d.published IS NULL, d.published, d.id, q.idx LIMIT ? OFFSET ?",
            [*params, *_page(page)],
        ).fetchall()
        return [
            {
                "doc_id": r["doc_id"],
                "index": r["idx"],
                "speaker": r["speaker"] or r["speaker_id"],
                "speaker_id": r["speaker_id"],
                "text": r["text"],
                "verb": r["verb"],
                "direct": bool(r["direct"]),
                "start": r["start"],
                "end": r["end"],
                "speaker_rule": r["speaker_rule"],
                "title": r["title"],
                "published": r["published"],
                "outlet": r["outlet"],
                "language": r["language"],
            }
            for r in rows
        ]

    def actors(self, f: ActorFilter, page: Page) -> list[dict[str, Any]]:
        where, params = _latest(f.all_versions)
        if f.known is not None:
            where.append("a.known = ?")
            params.append(int(f.known))
        if f.country:
            where.append("a.country = ?")
            params.append(f.country)
        _add_in(where, params, "a.actor_id", f.actor_ids)
        _add_in(where, params, "a.type", f.types)
        # name, native and role come from the actor's most recently published document
        rows = self._db.execute(
            "SELECT a.actor_id, a.name, a.native, a.type, a.country, a.role, a.known, "
            "COUNT(*) AS documents, SUM(a.mentions) AS mentions, "
            "MAX(COALESCE(d.published, '') || printf('%012d', d.pk)) AS _newest "
            "FROM actors a JOIN documents d ON d.pk = a.doc_pk "
            f"WHERE {' AND '.join(where)} GROUP BY a.actor_id "
            "ORDER BY documents DESC, mentions DESC, a.actor_id LIMIT ? OFFSET ?",
            [*params, *_page(page)],
        ).fetchall()
        return [
            {
                "id": r["actor_id"],
                "name": r["name"],
                "native": r["native"],
                "type": r["type"],
                "country": r["country"],
                "role": r["role"],
                "known": bool(r["known"]),
                "documents": r["documents"],
                "mentions": r["mentions"],
            }
            for r in rows
        ]

    def search(self, q: SearchQuery, page: Page) -> list[dict[str, Any]]:
        expression = fts_expression(q)
        if not expression:
            return []
        where, params = _latest(q.all_versions)
        rows = self._db.execute(
            "SELECT d.id AS doc_id, d.title, d.language, d.outlet, d.published, d.source, "
            "d.version, d.text FROM documents_fts f JOIN documents d ON d.pk = f.rowid "
            f"WHERE documents_fts MATCH ? AND {' AND '.join(where)} "
            "ORDER BY bm25(documents_fts), d.id LIMIT ? OFFSET ?",
            [expression, *params, *_page(page)],
        ).fetchall()
        first = q.phrases[0][0].rstrip("*") if q.phrases and q.phrases[0] else ""
        return [
            {
                "doc_id": r["doc_id"],
                "title": r["title"],
                "language": r["language"],
                "outlet": r["outlet"],
                "published": r["published"],
                "source": r["source"],
                "version": r["version"],
                "snippet": snippet(r["text"], first),
            }
            for r in rows
        ]

    def counts(self) -> dict[str, int]:
        one = self._db.execute
        latest = "JOIN documents d ON d.pk = x.doc_pk WHERE d.is_latest = 1"
        if self._all_latest():  # no corrected articles: count the tables themselves
            latest = ""
        return {
            "documents": one("SELECT COUNT(*) FROM documents WHERE is_latest = 1").fetchone()[0],
            "versions": one("SELECT COUNT(*) FROM documents").fetchone()[0],
            "events": one(f"SELECT COUNT(*) FROM events x {latest}").fetchone()[0],
            "quotes": one(f"SELECT COUNT(*) FROM quotes x {latest}").fetchone()[0],
            "actors": one(f"SELECT COUNT(DISTINCT actor_id) FROM actors x {latest}").fetchone()[0],
        }


def _latest(all_versions: bool) -> tuple[list[str], list[Any]]:
    return (["1 = 1"] if all_versions else ["d.is_latest = 1"]), []


_DOC_PKS = "SELECT pk FROM documents WHERE id IN (SELECT value FROM json_each(?))"


def _event_where(f: EventFilter, all_latest: bool = False) -> tuple[list[str], list[Any]]:
    """The WHERE terms (over `events e JOIN documents d`) of an event filter; terms naming
    `d.` need the documents (none when `all_latest` and no document filter is given)."""
    where, params = _latest(f.all_versions or all_latest)
    if f.actor_ids is not None:
        where.append(
            "e.pk IN (SELECT event_pk FROM event_actors "
            "WHERE actor_id IN (SELECT value FROM json_each(?)))"
        )
        params.append(_json_list(f.actor_ids))
    if f.country:
        where.append("e.pk IN (SELECT event_pk FROM event_countries WHERE country = ?)")
        params.append(f.country)
    if f.since:
        where.append("e.date >= ?")
        params.append(f.since)
    if f.until:
        where.append("e.date <= ?")
        params.append(f.until)
    _add_in(where, params, "e.type", f.types)
    _add_in(where, params, "e.status", f.statuses)
    # document filters as sets of document pks: the events are then read by their document
    # index (a term on `d.` would make the listing test every event of the order index)
    if f.doc_ids is not None:
        where.append(f"e.doc_pk IN ({_DOC_PKS})")
        params.append(_json_list(f.doc_ids))
    for column, values in (("language", f.languages), ("outlet", f.outlets)):
        if values is not None:
            where.append(
                f"e.doc_pk IN (SELECT pk FROM documents WHERE {column} IN "
                "(SELECT value FROM json_each(?)))"
            )
            params.append(_json_list(values))
    if f.topics is not None:
        where.append(
            "e.doc_pk IN (SELECT doc_pk FROM topics "
            "WHERE topic IN (SELECT value FROM json_each(?)))"
        )
        params.append(_json_list(f.topics))
    return where, params


def _display_names(by_role: dict[str, list]) -> dict[str, str]:
    return {actor: name for found in by_role.values() for actor, name, _, _ in found}


def _add_in(
    where: list[str], params: list[Any], column: str, values: frozenset[str] | None
) -> None:
    if values is not None:
        where.append(f"{column} IN (SELECT value FROM json_each(?))")
        params.append(_json_list(values))


def _json_list(values: Iterable[str]) -> str:
    return json.dumps(sorted(values), ensure_ascii=False)


def _page(page: Page) -> tuple[int, int]:
    return (page.limit if page.limit is not None else -1), page.offset


def _name_of(by_role: dict[str, list], role: str) -> str | None:
    found = by_role.get(role)
    return found[0][1] if found else None


def fts_expression(q: SearchQuery) -> str:
    """The FTS5 MATCH expression: every phrase quoted, prefix phrases starred, ANDed."""
    parts = []
    for phrase in q.phrases:
        tokens = [t.rstrip("*") for t in phrase if t.rstrip("*")]
        if not tokens:
            continue
        star = "*" if phrase[-1].endswith("*") else ""
        parts.append('"' + " ".join(t.replace('"', '""') for t in tokens) + '"' + star)
    return " AND ".join(parts)


def snippet(text: str, token: str, width: int = SNIPPET_CHARS) -> str:
    """A window of `text` around the first place its search key contains `token`."""
    if not text:
        return ""
    at = 0
    if token:
        key, offsets = search_key_with_offsets(text)
        hit = key.find(token)
        if hit >= 0:
            at = offsets[hit]
    start, end = max(0, at - width), min(len(text), at + width)
    body = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + body + ("…" if end < len(text) else "")
