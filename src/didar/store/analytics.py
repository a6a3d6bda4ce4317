"""Aggregates over the SQLite store for the overview, the actor page and the network: counts
by month and country pair or topic, filter values present, co-participation edges, stances.

Only latest versions count. "Meetings" here are the contact events (meeting, visit, phone call)
that occurred and carry a date; a pair of countries is the set of countries of an event's
participants (an actor's country, or the country itself), taken two by two.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

CONTACT_TYPES = ("meeting", "visit", "phone_call")
MAX_OUTLETS = 200  # filter values listed for outlets, most frequent first
MAX_EDGE_DOCS = 50  # document ids listed per network edge, newest first (weight counts all)

# one row per (contact event, country of a participant); reused by the counts below
_EVENT_COUNTRIES = """
SELECT DISTINCT e.pk AS pk, substr(e.date, 1, 7) AS month,
       CASE WHEN a.type = 'country' THEN upper(a.actor_id) ELSE a.country END AS country
FROM events e
JOIN documents d ON d.pk = e.doc_pk AND d.is_latest = 1
JOIN event_actors ea ON ea.event_pk = e.pk AND ea.role = 'participant'
JOIN actors a ON a.doc_pk = e.doc_pk AND a.actor_id = ea.actor_id
WHERE e.type IN ('meeting', 'visit', 'phone_call') AND e.status = 'occurred'
  AND e.date IS NOT NULL AND e.date >= ? AND e.date <= ?
"""


def facets(db: sqlite3.Connection) -> dict[str, Any]:
    """The filter values present in the store (latest versions)."""

    def column(sql: str, *params: Any) -> list[Any]:
        return [r[0] for r in db.execute(sql, params) if r[0] is not None]

    latest = "JOIN documents d ON d.pk = x.doc_pk AND d.is_latest = 1"
    countries = db.execute(
        "SELECT code, MAX(name) FROM ("
        "SELECT upper(actor_id) AS code, name FROM actors WHERE type = 'country' "
        "UNION ALL SELECT country AS code, NULL FROM actors WHERE country IS NOT NULL) "
        "GROUP BY code ORDER BY MAX(name) IS NULL, MAX(name), code"
    ).fetchall()
    return {
        "types": column("SELECT DISTINCT type FROM events ORDER BY type"),
        "statuses": column("SELECT DISTINCT status FROM events ORDER BY status"),
        "languages": column(
            "SELECT DISTINCT language FROM documents WHERE is_latest = 1 ORDER BY language"
        ),
        "outlets": column(
            "SELECT outlet FROM documents WHERE is_latest = 1 AND outlet IS NOT NULL "
            "GROUP BY outlet ORDER BY COUNT(*) DESC, outlet LIMIT ?",
            MAX_OUTLETS,
        ),
        "countries": [{"code": c, "name": n or c} for c, n in countries if c],
        "topics": column(f"SELECT DISTINCT x.topic FROM topics x {latest} ORDER BY x.topic"),
    }


def by_country_pair(db: sqlite3.Connection, since: str, until: str) -> list[dict[str, Any]]:
    """Contact events per month and pair of countries, between `since` and `until`."""
    rows = db.execute(
        f"WITH ec AS ({_EVENT_COUNTRIES}) "
        "SELECT x.month, x.country, y.country, COUNT(*) FROM ec x JOIN ec y "
        "ON x.pk = y.pk AND x.country < y.country "
        "GROUP BY x.month, x.country, y.country ORDER BY x.month, x.country, y.country",
        (since, until),
    ).fetchall()
    return [{"month": m, "pair": f"{a}-{b}", "count": n} for m, a, b, n in rows]


def by_topic(db: sqlite3.Connection, since: str, until: str) -> list[dict[str, Any]]:
    """Contact events per month and topic of their document, between `since` and `until`."""
    rows = db.execute(
        "SELECT substr(e.date, 1, 7) AS month, t.topic, COUNT(*) FROM events e "
        "JOIN documents d ON d.pk = e.doc_pk AND d.is_latest = 1 "
        "JOIN topics t ON t.doc_pk = e.doc_pk "
        "WHERE e.type IN ('meeting', 'visit', 'phone_call') AND e.status = 'occurred' "
        "AND e.date IS NOT NULL AND e.date >= ? AND e.date <= ? "
        "GROUP BY month, t.topic ORDER BY month, t.topic",
        (since, until),
    ).fetchall()
    return [{"month": m, "topic": t, "count": n} for m, t, n in rows]


def date_range(db: sqlite3.Connection) -> tuple[str | None, str | None]:
    """The first and last dates of contact events."""
    first = db.execute(
        "SELECT MIN(date) FROM events WHERE type IN ('meeting', 'visit', 'phone_call') "
        "AND status = 'occurred' AND date IS NOT NULL"
    ).fetchone()[0]
    last = db.execute(
        "SELECT MAX(date) FROM events WHERE type IN ('meeting', 'visit', 'phone_call') "
        "AND status = 'occurred' AND date IS NOT NULL"
    ).fetchone()[0]
    return first, last


def network(
    db: sqlite3.Connection,
    *,
    since: str | None,
    until: str | None,
    country: str | None,
    actor_ids: frozenset[str] | None,
    max_edges: int,
) -> dict[str, Any]:
    """Actors who took part in occurred contact events together: nodes and weighted edges (the
    heaviest `max_edges` edges and their nodes)."""
    where = ["e.type IN ('meeting', 'visit', 'phone_call')", "e.status = 'occurred'"]
    params: list[Any] = []
    if not all_latest(db):  # corrected articles: only the latest versions count
        where.append("e.doc_pk IN (SELECT pk FROM documents WHERE is_latest = 1)")
    if since:
        where.append("e.date >= ?")
        params.append(since)
    if until:
        where.append("e.date <= ?")
        params.append(until)
    if actor_ids is not None:
        where.append(
            "e.pk IN (SELECT event_pk FROM event_actors WHERE role = 'participant' "
            "AND actor_id IN (SELECT value FROM json_each(?)))"
        )
        params.append(json.dumps(sorted(actor_ids)))
    if country:
        where.append("e.pk IN (SELECT event_pk FROM event_countries WHERE country = ?)")
        params.append(country)
    # pairs of participants from the events table alone (joining the documents here cost
    # seconds on a 100k store); document ids are looked up for the chosen edges only
    edges = db.execute(
        "SELECT x.actor_id, y.actor_id, COUNT(DISTINCT e.pk), MIN(e.date), MAX(e.date), "
        "json_group_array(DISTINCT e.doc_pk) FROM events e "
        "JOIN event_actors x ON x.event_pk = e.pk AND x.role = 'participant' "
        "JOIN event_actors y ON y.event_pk = e.pk AND y.role = 'participant' "
        f"AND x.actor_id < y.actor_id WHERE {' AND '.join(where)} "
        "GROUP BY x.actor_id, y.actor_id ORDER BY COUNT(DISTINCT e.pk) DESC, x.actor_id, "
        "y.actor_id LIMIT ?",
        [*params, max_edges],
    ).fetchall()
    doc_pks = {
        (a, b): sorted(json.loads(docs), reverse=True)[:MAX_EDGE_DOCS] for a, b, *_, docs in edges
    }
    wanted = sorted({pk for pks in doc_pks.values() for pk in pks})
    doc_id = dict(
        db.execute(
            "SELECT pk, id FROM documents WHERE pk IN (SELECT value FROM json_each(?))",
            (json.dumps(wanted),),
        ).fetchall()
    )
    ids = sorted({a for a, b, *_ in edges} | {b for a, b, *_ in edges})
    weight: dict[str, int] = {}
    for a, b, n, *_ in edges:
        weight[a] = weight.get(a, 0) + n
        weight[b] = weight.get(b, 0) + n
    # name, type and country from each actor's newest stored mention (its largest doc pk)
    nodes = [
        {
            "id": r[0],
            "name": r[1] or r[0],
            "type": r[2],
            "country": r[3],
            "meetings": weight.get(r[0], 0),
        }
        for r in db.execute(
            "SELECT a.actor_id, a.name, a.type, a.country FROM actors a "
            "JOIN (SELECT actor_id, MAX(doc_pk) AS newest FROM actors "
            "WHERE actor_id IN (SELECT value FROM json_each(?)) GROUP BY actor_id) n "
            "ON a.actor_id = n.actor_id AND a.doc_pk = n.newest ORDER BY a.actor_id",
            (json.dumps(ids),),
        )
    ]
    return {
        "nodes": nodes,
        "edges": [
            {
                "source": a,
                "target": b,
                "weight": n,
                "first": first,
                "last": last,
                "doc_ids": sorted(doc_id[pk] for pk in doc_pks[(a, b)]),
            }
            for a, b, n, first, last, _ in edges
        ],
    }


def all_latest(db: sqlite3.Connection) -> bool:
    """Is every stored document the latest version of its lineage (no corrections)?"""
    return not db.execute("SELECT EXISTS (SELECT 1 FROM documents WHERE is_latest = 0)").fetchone()[
        0
    ]


def counterparts(db: sqlite3.Connection, actor_id: str, limit: int) -> list[dict[str, Any]]:
    """Who took part in occurred contact events with `actor_id`, most events first (names
    from each counterpart's most recently stored mention)."""
    latest = (
        "" if all_latest(db) else "AND e.doc_pk IN (SELECT pk FROM documents WHERE is_latest = 1) "
    )
    rows = db.execute(
        "SELECT y.actor_id, COUNT(DISTINCT e.pk), MAX(e.date) FROM event_actors x "
        "JOIN events e ON e.pk = x.event_pk "
        "JOIN event_actors y ON y.event_pk = e.pk AND y.role = 'participant' "
        "AND y.actor_id != x.actor_id "
        "WHERE x.actor_id = ? AND x.role = 'participant' "
        "AND e.type IN ('meeting', 'visit', 'phone_call') AND e.status = 'occurred' "
        f"{latest}GROUP BY y.actor_id ORDER BY COUNT(DISTINCT e.pk) DESC, y.actor_id LIMIT ?",
        (actor_id, limit),
    ).fetchall()
    names = dict(
        db.execute(
            "SELECT a.actor_id, a.name FROM actors a JOIN (SELECT actor_id, MAX(doc_pk) AS newest "
            "FROM actors WHERE actor_id IN (SELECT value FROM json_each(?)) GROUP BY actor_id) n "
            "ON a.actor_id = n.actor_id AND a.doc_pk = n.newest",
            (json.dumps([r[0] for r in rows]),),
        ).fetchall()
    )
    return [
        {"id": r[0], "name": names.get(r[0]) or r[0], "meetings": r[1], "last": r[2]} for r in rows
    ]


def stances_of(db: sqlite3.Connection, actor_id: str, limit: int) -> list[dict[str, Any]]:
    """The stances `actor_id` took (as a quote's speaker), by the document's date."""
    rows = db.execute(
        "SELECT s.target, MAX(a.name), d.published, s.polarity, d.id, "
        "substr(d.text, s.start + 1, s.end - s.start) FROM stances s "
        "JOIN documents d ON d.pk = s.doc_pk AND d.is_latest = 1 "
        "LEFT JOIN actors a ON a.doc_pk = s.doc_pk AND a.actor_id = s.target "
        "WHERE s.source = ? GROUP BY s.doc_pk, s.idx "
        "ORDER BY d.published IS NULL, d.published, d.id, s.idx LIMIT ?",
        (actor_id, limit),
    ).fetchall()
    return [
        {
            "target": r[0],
            "target_name": r[1] or r[0],
            "date": r[2],
            "polarity": r[3],
            "doc_id": r[4],
            "evidence": r[5],
        }
        for r in rows
    ]


def actor_summary(db: sqlite3.Connection, actor_id: str) -> dict[str, Any] | None:
    """Name, type, country, role and document count of an actor, the names from its most
    recently stored mention (latest versions only)."""
    if all_latest(db):  # every row counts: the actor index answers without the documents
        documents = db.execute(
            "SELECT COUNT(*) FROM actors WHERE actor_id = ?", (actor_id,)
        ).fetchone()[0]
        row = db.execute(
            "SELECT name, native, type, country, role, known FROM actors WHERE actor_id = ? "
            "ORDER BY doc_pk DESC LIMIT 1",
            (actor_id,),
        ).fetchone()
        natives_sql = (
            "SELECT DISTINCT native FROM actors WHERE actor_id = ? AND native IS NOT NULL LIMIT 20"
        )
    else:
        documents = db.execute(
            "SELECT COUNT(*) FROM actors a JOIN documents d ON d.pk = a.doc_pk "
            "AND d.is_latest = 1 WHERE a.actor_id = ?",
            (actor_id,),
        ).fetchone()[0]
        row = db.execute(
            "SELECT a.name, a.native, a.type, a.country, a.role, a.known FROM actors a "
            "JOIN documents d ON d.pk = a.doc_pk AND d.is_latest = 1 WHERE a.actor_id = ? "
            "ORDER BY a.doc_pk DESC LIMIT 1",
            (actor_id,),
        ).fetchone()
        natives_sql = (
            "SELECT DISTINCT a.native FROM actors a JOIN documents d ON d.pk = a.doc_pk "
            "AND d.is_latest = 1 WHERE a.actor_id = ? AND a.native IS NOT NULL LIMIT 20"
        )
    if row is None or documents == 0:
        return None
    return {
        "id": actor_id,
        "name": row[0] or actor_id,
        "native": row[1],
        "type": row[2],
        "country": row[3],
        "role": row[4],
        "known": bool(row[5]),
        "documents": documents,
        "natives": [r[0] for r in db.execute(natives_sql, (actor_id,))],
    }
