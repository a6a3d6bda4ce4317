"""Near-duplicate documents and event clusters in the SQLite store (tables of migration 3).

- `doc_minhash` (one row per stored document: shingle count and MinHash signature) and
  `doc_lsh` (band key -> document): a new text is compared only with the documents that share
  an LSH band with it (`didar.text.minhash`), never with every stored one.
- `near_duplicates`: each text that was not stored because it is a near-duplicate of a stored
  document: its source, its own id and the estimated similarity. Its sources are added to the
  stored document's sources.
- `clusters` (one row per real-world event: the reports' agreement as JSON counts, see
  `didar.events.cluster.Summary`), `cluster_members` (event -> cluster) and `cluster_keys`
  (participant pair -> cluster, with the cluster's pk so the newest come first): a new report
  is compared only with the clusters that share a participant pair with it (at most
  MAX_CANDIDATES, newest first).

These functions run inside the store's write transaction (`SQLiteStore._put_one`).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from typing import Any

from didar.events.cluster import Report, Summary, agreed, choose, pair_keys, reports_of
from didar.record import Document, document_from_dict
from didar.text import minhash

MAX_CANDIDATES = 50  # clusters compared per participant pair (newest first)
MAX_LSH_CANDIDATES = 50  # stored documents compared per new text (most shared bands first)
MAX_PER_BAND = 20  # documents read per LSH band (newest first): bounds a band everyone shares

STATEMENTS = (
    """CREATE TABLE doc_minhash (
    doc_pk INTEGER PRIMARY KEY REFERENCES documents (pk),
    shingles INTEGER NOT NULL,
    signature BLOB NOT NULL
)""",
    """CREATE TABLE doc_lsh (
    band_key INTEGER NOT NULL,
    doc_pk INTEGER NOT NULL REFERENCES documents (pk),
    PRIMARY KEY (band_key, doc_pk)
) WITHOUT ROWID""",
    """CREATE TABLE near_duplicates (
    doc_pk INTEGER NOT NULL REFERENCES documents (pk),
    source TEXT NOT NULL,
    variant_id TEXT NOT NULL,
    similarity REAL NOT NULL,
    first_seen TEXT NOT NULL,
    PRIMARY KEY (doc_pk, source, variant_id)
) WITHOUT ROWID""",
    """CREATE TABLE clusters (
    pk INTEGER PRIMARY KEY,
    summary TEXT NOT NULL,
    date TEXT,
    reports INTEGER NOT NULL,
    updated_at TEXT NOT NULL
)""",
    "CREATE INDEX clusters_date ON clusters (date)",
    """CREATE TABLE cluster_members (
    event_pk INTEGER PRIMARY KEY REFERENCES events (pk),
    cluster_pk INTEGER NOT NULL REFERENCES clusters (pk),
    doc_pk INTEGER NOT NULL REFERENCES documents (pk)
)""",
    "CREATE INDEX cluster_members_cluster ON cluster_members (cluster_pk)",
    """CREATE TABLE cluster_keys (
    key TEXT NOT NULL,
    cluster_pk INTEGER NOT NULL REFERENCES clusters (pk),
    PRIMARY KEY (key, cluster_pk)
) WITHOUT ROWID""",
)


# -- near-duplicates ------------------------------------------------------------------------------


def near_duplicate_of(
    db: sqlite3.Connection, doc: Document, signed: tuple[Any, int]
) -> tuple[int, float] | None:
    """(pk, estimated containment) of a stored document this text is a near-duplicate of
    (`signed` is `text_signature(doc)`)."""
    sig, count = signed
    if sig is None:
        return None
    keys = minhash.band_keys(sig)
    one_band = (
        "SELECT * FROM (SELECT doc_pk FROM doc_lsh WHERE band_key = ? ORDER BY doc_pk DESC LIMIT ?)"
    )
    # the newest documents of each band, a bounded number (one statement for all bands)
    shared = Counter(
        r[0]
        for r in db.execute(
            " UNION ALL ".join([one_band] * len(keys)),
            [x for key in keys for x in (key, MAX_PER_BAND)],
        )
    )
    chosen = [pk for pk, _ in sorted(shared.items(), key=lambda x: (-x[1], -x[0]))]
    # CROSS JOIN fixes the order: from the candidates to their rows by primary key. A plain
    # JOIN let SQLite scan every latest document by the is_latest index (a cost that grew with
    # the store: 10 ms a lookup at 30k documents)
    rows = db.execute(
        "SELECT m.doc_pk, m.shingles, m.signature, 0 FROM json_each(?) j "
        "CROSS JOIN doc_minhash m ON m.doc_pk = j.value "
        "CROSS JOIN documents d ON d.pk = m.doc_pk WHERE d.is_latest = 1",  # not superseded
        (json.dumps(chosen[:MAX_LSH_CANDIDATES]),),
    ).fetchall()
    best: tuple[int, float] | None = None
    for pk, shingles, blob, _ in rows:
        other = minhash.from_blob(blob)
        if minhash.is_near_duplicate(sig, count, other, shingles) and _same_story(db, pk, doc):
            score = minhash.containment(sig, count, other, shingles)
            if best is None or score > best[1]:
                best = (pk, score)
    return best


def _same_story(db: sqlite3.Connection, pk: int, doc: Document) -> bool:
    """Near-identical texts that state different dates are different reports (an agency's
    template reused for another meeting): their publication dates and their sets of event
    dates must not contradict each other."""
    published = db.execute("SELECT published FROM documents WHERE pk = ?", (pk,)).fetchone()[0]
    if published and doc.published and published != doc.published:
        return False
    stored = {
        r[0]
        for r in db.execute(
            "SELECT DISTINCT date FROM events WHERE doc_pk = ? AND date IS NOT NULL", (pk,)
        )
    }
    mine = {e.date for e in doc.events if e.date}
    return not (stored and mine and stored != mine)


def record_near_duplicate(
    db: sqlite3.Connection, pk: int, doc: Document, similarity: float, now: str
) -> None:
    db.executemany(
        "INSERT OR IGNORE INTO near_duplicates VALUES (?, ?, ?, ?, ?)",
        [(pk, s, doc.id, round(similarity, 3), now) for s in {doc.source, doc.url} if s],
    )


def index_text(db: sqlite3.Connection, pk: int, signed: tuple[Any, int]) -> None:
    sig, count = signed
    if sig is None:
        return
    db.execute(
        "INSERT OR REPLACE INTO doc_minhash VALUES (?, ?, ?)", (pk, count, minhash.to_blob(sig))
    )
    db.executemany(
        "INSERT OR IGNORE INTO doc_lsh VALUES (?, ?)", [(k, pk) for k in minhash.band_keys(sig)]
    )


def text_signature(doc: Document) -> tuple[Any, int]:
    """(MinHash signature or None when too short, number of distinct shingles) of the text:
    computed once per stored document and handed to `near_duplicate_of` and `index_text`."""
    hashes = minhash.shingle_hashes(doc.text)
    return minhash.signature_of(hashes), len(hashes)


# -- clusters -------------------------------------------------------------------------------------


def cluster_document(db: sqlite3.Connection, pk: int, doc: Document, now: str) -> list[int]:
    """Put each occurred meeting, visit or call of the stored document `pk` into its cluster
    (an existing one it agrees with, or a new one). Returns the cluster pks."""
    reports = reports_of(doc)
    if not reports:
        return []
    event_pk = dict(
        (idx, epk) for epk, idx in db.execute("SELECT pk, idx FROM events WHERE doc_pk = ?", (pk,))
    )
    out = []
    for idx, report in reports:
        cluster = _place(db, report, now)
        db.execute(
            "INSERT OR REPLACE INTO cluster_members VALUES (?, ?, ?)", (event_pk[idx], cluster, pk)
        )
        out.append(cluster)
    return out


def _place(db: sqlite3.Connection, report: Report, now: str) -> int:
    keys = pair_keys(report.participants)
    rows = db.execute(
        "SELECT c.pk, c.summary FROM clusters c WHERE c.pk IN ("
        "SELECT DISTINCT cluster_pk FROM cluster_keys WHERE key IN "
        "(SELECT value FROM json_each(?)) ORDER BY cluster_pk DESC LIMIT ?) ORDER BY c.pk DESC",
        (json.dumps(keys), MAX_CANDIDATES),
    ).fetchall()
    candidates = [(r[0], Summary.from_json(json.loads(r[1]))) for r in rows]
    chosen = choose(report, candidates)
    if chosen is None:
        summary = Summary(frozenset())
        summary.add(report)
        cur = db.execute(
            "INSERT INTO clusters (summary, date, reports, updated_at) VALUES (?, ?, ?, ?)",
            (json.dumps(summary.to_json(), ensure_ascii=False), report.date, 1, now),
        )
        chosen = cur.lastrowid
    else:
        summary = dict(candidates)[chosen]
        summary.add(report)
        db.execute(
            "UPDATE clusters SET summary = ?, date = ?, reports = ?, updated_at = ? WHERE pk = ?",
            (
                json.dumps(summary.to_json(), ensure_ascii=False),
                agreed(summary.dates),
                summary.reports,
                now,
                chosen,
            ),
        )
    db.executemany(
        "INSERT OR IGNORE INTO cluster_keys VALUES (?, ?)",
        [(k, chosen) for k in pair_keys(summary.participants)],
    )
    return chosen


def detach_superseded(db: sqlite3.Connection, lineage: str, now: str) -> None:
    """Before a new version of `lineage` is stored: take the current version's reports out of
    their clusters and rebuild those clusters from the reports that remain (a cluster left
    with none is removed). The new version is then clustered as any new document."""
    rows = db.execute(
        "SELECT m.event_pk, m.cluster_pk FROM documents d JOIN cluster_members m "
        "ON m.doc_pk = d.pk WHERE d.lineage = ? AND d.is_latest = 1",
        (lineage,),
    ).fetchall()
    if not rows:
        return
    db.executemany("DELETE FROM cluster_members WHERE event_pk = ?", [(r[0],) for r in rows])
    for cluster in sorted({r[1] for r in rows}):
        rebuild(db, cluster, now)


def rebuild(db: sqlite3.Connection, cluster: int, now: str) -> None:
    """Recount a cluster's summary from its member reports (as stored in their records)."""
    members = db.execute(
        "SELECT d.record, e.idx FROM cluster_members m JOIN events e ON e.pk = m.event_pk "
        "JOIN documents d ON d.pk = m.doc_pk WHERE m.cluster_pk = ? ORDER BY m.event_pk",
        (cluster,),
    ).fetchall()
    if not members:
        db.execute("DELETE FROM cluster_keys WHERE cluster_pk = ?", (cluster,))
        db.execute("DELETE FROM clusters WHERE pk = ?", (cluster,))
        return
    summary = Summary(frozenset())
    records: dict[str, Document] = {}
    for record, idx in members:
        doc = records.setdefault(record, document_from_dict(json.loads(record)))
        for i, report in reports_of(doc):
            if i == idx:
                summary.add(report)
    db.execute(
        "UPDATE clusters SET summary = ?, date = ?, reports = ?, updated_at = ? WHERE pk = ?",
        (
            json.dumps(summary.to_json(), ensure_ascii=False),
            agreed(summary.dates),
            summary.reports,
            now,
            cluster,
        ),
    )


def clusters(
    db: sqlite3.Connection,
    *,
    limit: int | None,
    offset: int,
    since: str | None = None,
    until: str | None = None,
    actor_ids: frozenset[str] | None = None,
) -> list[dict[str, Any]]:
    """One row per cluster (CLUSTER_KEYS), by agreed date (undated last), with its reports."""
    where, params = ["1 = 1"], []
    if since:
        where.append("c.date >= ?")
        params.append(since)
    if until:
        where.append("c.date <= ?")
        params.append(until)
    if actor_ids is not None:
        where.append(
            "c.pk IN (SELECT m.cluster_pk FROM cluster_members m JOIN event_actors ea "
            "ON ea.event_pk = m.event_pk WHERE ea.actor_id IN (SELECT value FROM json_each(?)))"
        )
        params.append(json.dumps(sorted(actor_ids)))
    rows = db.execute(
        f"SELECT c.pk, c.summary, c.date FROM clusters c WHERE {' AND '.join(where)} "
        "AND EXISTS (SELECT 1 FROM cluster_members m JOIN documents d ON d.pk = m.doc_pk "
        "WHERE m.cluster_pk = c.pk AND d.is_latest = 1) "
        "ORDER BY c.date IS NULL, c.date, c.pk LIMIT ? OFFSET ?",
        [*params, -1 if limit is None else limit, offset],
    ).fetchall()
    out = []
    for pk, summary_json, agreed_date in rows:
        s = json.loads(summary_json)
        reports = []
        names: dict[str, str] = {}
        people: dict[str, int] = {}
        for r in db.execute(
            "SELECT d.id, d.outlet, d.language, d.published, d.source, e.pk, e.idx, e.date, "
            "e.type, e.location, d.pk FROM cluster_members m "
            "JOIN documents d ON d.pk = m.doc_pk JOIN events e ON e.pk = m.event_pk "
            "WHERE m.cluster_pk = ? AND d.is_latest = 1 ORDER BY d.published IS NULL, "
            "d.published, d.id, e.idx",
            (pk,),
        ):
            sources = [
                x[0]
                for x in db.execute(
                    "SELECT source FROM document_sources WHERE doc_pk = ? "
                    "ORDER BY first_seen, source",
                    (r[10],),
                )
            ]
            for actor_id, name in db.execute(
                "SELECT ea.actor_id, COALESCE(a.name, ea.actor_id) FROM event_actors ea "
                "LEFT JOIN actors a ON a.doc_pk = ? AND a.actor_id = ea.actor_id "
                "WHERE ea.event_pk = ? AND ea.role = 'participant' ORDER BY ea.position",
                (r[10], r[5]),
            ):
                names.setdefault(actor_id, name)
                people[actor_id] = people.get(actor_id, 0) + 1
            reports.append(
                {
                    "doc_id": r[0],
                    "outlet": r[1],
                    "language": r[2],
                    "published": r[3],
                    "event_index": r[6],
                    "date": r[7],
                    "type": r[8],
                    "sources": sources,
                }
            )
        agreed_people = [a for a, n in people.items() if 2 * n >= len(reports)] or list(people)
        out.append(
            {
                "cluster": pk,
                "date": agreed_date,
                "dates": s["dates"],
                "weekdays": s["weekdays"],
                "participants": [names[a] for a in agreed_people],
                "participant_ids": agreed_people,
                "participant_counts": {names[a]: n for a, n in people.items()},
                "places": s["places"],
                "types": s["kinds"],
                "reports": len(reports),
                "outlets": sorted({x["outlet"] or "?" for x in reports}),
                "languages": sorted({x["language"] for x in reports}),
                "sources": reports,
            }
        )
    return out


CLUSTER_KEYS = (
    "cluster",
    "date",
    "dates",
    "weekdays",
    "participants",
    "participant_ids",
    "participant_counts",
    "places",
    "types",
    "reports",
    "outlets",
    "languages",
    "sources",
)
