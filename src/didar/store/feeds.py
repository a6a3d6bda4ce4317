"""The feed list and its history, kept in the store's SQLite file (tables of migration 2):
`feeds` (what to poll, conditional-GET validators, schedule, failures in a row), `polls` (one row
per poll: new | unchanged | failed, counts, error) and `feed_items` (every item already handed
over, so that a restart does not ingest it again).

    registry = FeedRegistry(store)          # an SQLiteStore; shares its connection
    registry.add(url, name="IRNA")
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from didar.errors import StoreError
from didar.store.base import Store

NEW = "new"
UNCHANGED = "unchanged"
FAILED = "failed"

FEED_KEYS = (
    "id",
    "name",
    "url",
    "last_status",
    "last_polled",
    "next_poll",
    "failures",
    "items",
    "last_error",
    "etag",
    "last_modified",
    "added_at",
)
POLL_KEYS = (
    "feed",
    "started_at",
    "finished_at",
    "status",
    "http_status",
    "bytes",
    "items",
    "new_items",
    "stored",
    "duplicates",
    "failed_items",
    "attempts",
    "error",
)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(value: str | None) -> datetime | None:
    if not value:
        return None
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


@dataclass(slots=True)
class Feed:
    id: int
    url: str
    name: str | None
    etag: str | None
    last_modified: str | None
    last_polled: str | None
    next_poll: str | None
    failures: int
    last_status: str | None = None
    last_error: str | None = None


@dataclass(slots=True)
class PollRecord:
    """What one poll did; `status` is new, unchanged or failed."""

    feed_id: int
    started_at: str
    finished_at: str
    status: str
    http_status: int | None = None
    bytes: int = 0
    items: int = 0
    new_items: int = 0
    stored: int = 0
    duplicates: int = 0
    failed_items: int = 0
    attempts: int = 1
    error: str | None = None


class FeedRegistry:
    """Feeds, polls and seen items in an SQLite store's file."""

    def __init__(self, store: Store) -> None:
        db = getattr(store, "connection", None)
        if not isinstance(db, sqlite3.Connection):
            raise StoreError("feeds are kept in an SQLite store only", getattr(store, "path", None))
        self._db = db
        self._path = getattr(store, "path", None)

    def _write(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor:
        try:
            return self._db.execute(sql, tuple(params))
        except sqlite3.Error as exc:
            raise StoreError(f"cannot update the feed list: {exc}", self._path) from exc

    # -- the list ------------------------------------------------------------------------

    def add(self, url: str, name: str | None = None, now: datetime | None = None) -> bool:
        """Follow `url`; False if it is already followed (its name is updated when given)."""
        when = iso(now or datetime.now(UTC))
        cur = self._write(
            "INSERT OR IGNORE INTO feeds (url, name, added_at) VALUES (?, ?, ?)", (url, name, when)
        )
        if cur.rowcount == 0:
            if name:
                self._write("UPDATE feeds SET name = ? WHERE url = ?", (name, url))
            return False
        return True

    def remove(self, url_or_name: str) -> int:
        """Stop following a feed (by URL, name or id), with its polls and seen items; the
        documents it brought stay. The number of feeds removed (0 when none matched)."""
        feed = self.find(url_or_name)
        if feed is None:
            return 0
        self._write("BEGIN IMMEDIATE")
        try:
            self._write("DELETE FROM feed_items WHERE feed_id = ?", (feed.id,))
            self._write("DELETE FROM polls WHERE feed_id = ?", (feed.id,))
            self._write("DELETE FROM feeds WHERE id = ?", (feed.id,))
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._write("COMMIT")
        return 1

    def find(self, url_or_name: str) -> Feed | None:
        row = self._db.execute(
            "SELECT * FROM feeds WHERE url = ? OR name = ? OR CAST(id AS TEXT) = ? "
            "ORDER BY url = ? DESC LIMIT 1",
            (url_or_name, url_or_name, url_or_name, url_or_name),
        ).fetchone()
        return _feed(row) if row else None

    def feeds(self) -> list[Feed]:
        return [_feed(r) for r in self._db.execute("SELECT * FROM feeds ORDER BY id")]

    def due(self, now: datetime) -> list[Feed]:
        """Feeds never polled or whose next poll time has come, in list order."""
        return [f for f in self.feeds() if f.next_poll is None or f.next_poll <= iso(now)]

    def listing(self) -> list[dict[str, Any]]:
        """One row per feed (keys FEED_KEYS), with the number of items seen."""
        rows = self._db.execute(
            "SELECT f.*, (SELECT COUNT(*) FROM feed_items i WHERE i.feed_id = f.id) AS items "
            "FROM feeds f ORDER BY f.id"
        )
        return [{k: r[k] for k in FEED_KEYS} for r in rows]

    def polls(self, feed_id: int | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Polls, newest first (keys POLL_KEYS; `feed` is the feed's name or URL)."""
        sql = (
            "SELECT p.*, COALESCE(f.name, f.url) AS feed FROM polls p "
            "JOIN feeds f ON f.id = p.feed_id"
        )
        params: list[Any] = []
        if feed_id is not None:
            sql += " WHERE p.feed_id = ?"
            params.append(feed_id)
        sql += " ORDER BY p.pk DESC"
        if limit:
            sql += " LIMIT ?"
            params.append(limit)
        return [{k: r[k] for k in POLL_KEYS} for r in self._db.execute(sql, params)]

    # -- items ---------------------------------------------------------------------------

    def unseen(self, feed_id: int, keys: Iterable[str]) -> set[str]:
        keys = list(keys)
        seen: set[str] = set()
        for i in range(0, len(keys), 500):
            part = keys[i : i + 500]
            marks = ",".join("?" * len(part))
            seen.update(
                r[0]
                for r in self._db.execute(
                    f"SELECT item_key FROM feed_items WHERE feed_id = ? AND item_key IN ({marks})",
                    (feed_id, *part),
                )
            )
        return set(keys) - seen

    def mark_seen(
        self, feed_id: int, items: Iterable[tuple[str, str | None, str | None]], now: datetime
    ) -> None:
        """Record items (key, link, doc_id or None) as handed over."""
        when = iso(now)
        try:
            self._db.executemany(
                "INSERT OR IGNORE INTO feed_items VALUES (?, ?, ?, ?, ?)",
                [(feed_id, key, link, doc_id, when) for key, link, doc_id in items],
            )
        except sqlite3.Error as exc:
            raise StoreError(f"cannot record seen feed items: {exc}", self._path) from exc

    # -- polls ---------------------------------------------------------------------------

    def record_poll(
        self,
        poll: PollRecord,
        *,
        next_poll: datetime,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> None:
        """Store the poll and update the feed: validators (kept when the poll brings none),
        schedule, and failures in a row (reset by any successful poll)."""
        failed = poll.status == FAILED
        self._write("BEGIN IMMEDIATE")
        try:
            self._write(
                "INSERT INTO polls (feed_id, started_at, finished_at, status, http_status, bytes,"
                " items, new_items, stored, duplicates, failed_items, attempts, error) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    poll.feed_id,
                    poll.started_at,
                    poll.finished_at,
                    poll.status,
                    poll.http_status,
                    poll.bytes,
                    poll.items,
                    poll.new_items,
                    poll.stored,
                    poll.duplicates,
                    poll.failed_items,
                    poll.attempts,
                    poll.error,
                ),
            )
            self._write(
                "UPDATE feeds SET last_polled = ?, next_poll = ?, last_status = ?, "
                "last_error = ?, failures = CASE WHEN ? THEN failures + 1 ELSE 0 END, "
                "etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified) "
                "WHERE id = ?",
                (
                    poll.finished_at,
                    iso(next_poll),
                    poll.status,
                    poll.error,
                    int(failed),
                    etag,
                    last_modified,
                    poll.feed_id,
                ),
            )
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._write("COMMIT")


def _feed(row: sqlite3.Row) -> Feed:
    return Feed(
        row["id"],
        row["url"],
        row["name"],
        row["etag"],
        row["last_modified"],
        row["last_polled"],
        row["next_poll"],
        row["failures"],
        row["last_status"],
        row["last_error"],
    )
