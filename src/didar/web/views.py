"""What each page shows, as plain data: the HTML page renders it, its `.json` twin and the API
return it. Every function asks `didar.query` (the one query layer) and nothing else."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

from didar import query
from didar.store.base import Store
from didar.store.keys import search_key_with_offsets
from didar.web.deps import EventFilters, Paging

LATEST = 10  # events on the overview


def listing(items: list[dict[str, Any]], paging: Paging, total: int | None, **extra: Any) -> dict:
    """A page of rows: `items`, `limit`, `offset`, `total` (None when unknown), `next_offset`
    (None on the last page), plus what the caller adds (filters, facets)."""
    more = len(items) == paging.limit if total is None else paging.offset + len(items) < total
    return {
        **extra,
        "total": total,
        "limit": paging.limit,
        "offset": paging.offset,
        "next_offset": paging.offset + len(items) if more else None,
        "items": items,
    }


def overview(store: Store, latest: int = LATEST) -> dict[str, Any]:
    return query.overview(store, latest=latest)


def facets(store: Store, memo: Memo | None = None) -> dict[str, Any]:
    """The filter values present in the store (for dropdowns); kept for `memo`'s lifetime
    when given, as they scan whole tables and change only with ingests."""
    if memo is None:
        return query.facets(store)
    return memo.get("facets", lambda: query.facets(store))


class Memo:
    """Values kept for `seconds` (thread-safe): what is costly on a large store and may lag
    an ingest by that long."""

    def __init__(self, seconds: float, size: int = 256) -> None:
        self.seconds = seconds
        self.size = size  # the oldest values are dropped past this many
        self._lock = threading.Lock()
        self._values: dict[str, tuple[float, Any]] = {}

    def get(self, key: str, compute: Callable[[], Any]) -> Any:
        now = time.monotonic()
        with self._lock:
            kept = self._values.get(key)
        if kept is not None and now - kept[0] < self.seconds:
            return kept[1]
        value = compute()
        with self._lock:
            self._values[key] = (now, value)
            while len(self._values) > self.size:
                del self._values[min(self._values, key=lambda k: self._values[k][0])]
        return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()


def events(
    store: Store,
    filters: EventFilters,
    paging: Paging,
    variants: query.Variants | None = None,
) -> dict[str, Any]:
    given = filters.given()
    rows = query.events(store, **given, limit=paging.limit, offset=paging.offset, variants=variants)
    total = query.count_events(store, **given, variants=variants)
    return listing(rows, paging, total, filters=given)


def all_events(
    store: Store, filters: EventFilters, limit: int, variants: query.Variants | None = None
) -> list[dict[str, Any]]:
    """Every event of a filter (up to `limit`), for downloads."""
    return query.events(store, **filters.given(), limit=limit, offset=0, variants=variants)


def quotes(
    store: Store,
    paging: Paging,
    *,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
    direct: bool | None = None,
    variants: query.Variants | None = None,
) -> dict[str, Any]:
    given = {
        k: v
        for k, v in {"speaker": speaker, "since": since, "until": until, "direct": direct}.items()
        if v is not None
    }
    rows = query.quotes(store, **given, limit=paging.limit, offset=paging.offset, variants=variants)
    return listing(rows, paging, None, filters=given)


def actors(
    store: Store,
    paging: Paging,
    *,
    name: str | None = None,
    country: str | None = None,
    type: str | None = None,
    known: bool | None = None,
    variants: query.Variants | None = None,
) -> dict[str, Any]:
    given = {
        k: v
        for k, v in {"name": name, "country": country, "type": type, "known": known}.items()
        if v is not None
    }
    rows = query.actors(store, **given, limit=paging.limit, offset=paging.offset, variants=variants)
    return listing(rows, paging, None, filters=given)


def actor(store: Store, actor_id: str) -> dict[str, Any]:
    return query.actor(store, actor_id)


def document(store: Store, doc_id: str) -> dict[str, Any]:
    """The stored document (DOCUMENT_KEYS, `record`, `facts`) with its `events` (rows with
    their English summary) and `quotes`, each with `fact`: the index of its highlight in
    `facts` (None when none has its span)."""
    row = query.document(store, doc_id)
    evs = query.events(store, doc_ids=[row["id"]], limit=None)
    where = {(f["start"], f["end"]): n for n, f in enumerate(row["facts"]) if f["kind"] == "event"}
    for e in evs:
        e["fact"] = where.get((e["start"], e["end"]))
    row["events"] = evs
    row["quotes"] = query.quotes(store, doc_ids=[row["id"]], limit=None)
    where = {(f["start"], f["end"]): n for n, f in enumerate(row["facts"]) if f["kind"] == "quote"}
    for q in row["quotes"]:
        q["fact"] = where.get((q["start"], q["end"]))
    return row


def search(store: Store, q: str, paging: Paging) -> dict[str, Any]:
    rows = query.search(store, q, limit=paging.limit, offset=paging.offset)
    phrases = query.parse_search(q)
    for r in rows:
        r["hits"] = hits(r.get("snippet") or "", phrases)
    return listing(rows, paging, None, q=q)


def hits(text: str, phrases: tuple[tuple[str, ...], ...]) -> list[dict[str, int]]:
    """Where the words of a search occur in `text` (folded like the index: ی/ي, ک/ك, ZWNJ,
    diacritics), as `start`/`end` offsets into `text`."""
    key, offsets = search_key_with_offsets(text)
    lowered = key.lower()
    found: list[dict[str, int]] = []
    for phrase in phrases:
        for token in phrase:
            word = token.rstrip("*").lower()
            if not word:
                continue
            at = lowered.find(word)
            while at >= 0:
                end = at + len(word)
                start_off = offsets[at] if at < len(offsets) else len(text)
                end_off = offsets[end - 1] + 1 if end - 1 < len(offsets) else len(text)
                found.append({"start": start_off, "end": end_off})
                at = lowered.find(word, end)
    return sorted({(h["start"], h["end"]): h for h in found}.values(), key=lambda h: h["start"])


def network(
    store: Store,
    *,
    since: str | None = None,
    until: str | None = None,
    country: str | None = None,
    actor: str | None = None,
    variants: query.Variants | None = None,
) -> dict[str, Any]:
    given = {
        k: v
        for k, v in {"since": since, "until": until, "country": country, "actor": actor}.items()
        if v is not None
    }
    return {"filters": given, **query.network(store, **given, variants=variants)}


def stats(store: Store) -> dict[str, Any]:
    return {"counts": query.counts(store)}


def event_gloss(e: Mapping[str, Any]) -> str:
    """An event's English one-line summary: the query layer's `summary`."""
    return str(e.get("summary") or "")


def ingest_items(articles: list[Mapping[str, Any]]) -> list[Any]:
    """Articles posted to the API as batch items: the source is the URL, else `api#N` (an item
    of a collection, so that two different posts never count as versions of each other)."""
    from didar.ingest.readers import META_FIELDS, Item

    items = []
    for n, a in enumerate(articles, start=1):
        meta = {k: a[k] for k in META_FIELDS if isinstance(a.get(k), str) and a[k].strip()}
        items.append(Item(source=meta.get("url") or f"api#{n}", data=a["text"], meta=meta))
    return items
