"""RSS and Atom feeds: parse them, poll them politely, ingest what is new.

    parse_feed(body, url, dates)                 -> ParsedFeed (items: title, link, text, date)
    poll_feed(feed, ctx)                         -> PollRecord (new | unchanged | failed)
    poll_round(ctx, force=False)                 -> a PollRecord per due feed
    watch(ctx, interval=...)                     -> PollRecords, forever (polls as feeds fall due)

A poll: a conditional GET (ETag / Last-Modified from the previous poll) through the run's
`HttpClient` (didar.ingest.http: per-host delay, timeouts, retries with backoff, size cap); a
304 is `unchanged`; otherwise the feed is parsed with feedparser and every item not seen before
(its guid, else link, else a hash of its title and text) goes through the normal pipeline and
store (`didar.ingest.batch.ingest`): the item's content, else its summary, else its title as the
text, with title, link, published date and outlet (the feed's name) as metadata. Agency feeds
often carry only a lead: an item whose text is shorter than FULL_PAGE_MIN_CHARS is ingested from
its article page (its link), fetched through the same client (same politeness, timeouts and
caps) and read by the article extractor, the feed's title, date and outlet kept. When the page
cannot be fetched, or holds no article text, the feed's own text is ingested and the poll
records why (`error`). Items are marked seen after their records are stored, so a restart
continues where the last run stopped; the store's idempotent ingest catches what falls between
the two.

A feed that is down, slow, oversized or malformed gives a `failed` poll with the reason; the
next feed goes on, and the failing feed is polled again after a growing delay (BACKOFF_*).
A database error is not a feed's fault: it ends the round. Nothing here prints.
"""

from __future__ import annotations

import email.utils
import hashlib
import logging
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import feedparser

from didar.dates.parse import parse_date_text
from didar.dates.resources import DateResources
from didar.errors import DidarError, FeedError, FeedFormatError, StoreError
from didar.ingest.batch import Failure, IngestSummary, ingest
from didar.ingest.http import HttpClient, is_url
from didar.ingest.readers import Item, fetch_item
from didar.store.base import FAILED as PUT_FAILED
from didar.store.base import Store
from didar.store.feeds import FAILED, NEW, UNCHANGED, Feed, FeedRegistry, PollRecord, iso
from didar.text.html import html_to_text

log = logging.getLogger(__name__)

DEFAULT_INTERVAL = timedelta(minutes=15)
BACKOFF_MIN = timedelta(minutes=1)  # a failing feed waits at least this long ...
BACKOFF_MAX = timedelta(hours=6)  # ... and at most this long before its next poll
MAX_ITEMS_PER_POLL = 500  # a feed listing more items is cut (its newest first, as feeds list)
# An item whose own text (content, else summary) is shorter than this is a lead, not the article:
# its page is fetched. Agency leads run 150-400 characters; whole articles in a feed run 1,000+.
FULL_PAGE_MIN_CHARS = 600
MAX_PAGES_PER_POLL = 100  # article pages fetched in one poll at most (at the host's delay each)
MAX_PAGE_NOTES = 3  # page failures spelled out in the poll's record; the rest are counted
MIN_YEAR = 1900  # a Gregorian year below this in a pubDate is a Solar Hijri or Hijri year
_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")
_MARKUP = re.compile(r"<[a-zA-Z/!][^>]*>")


@dataclass(slots=True)
class FeedItem:
    key: str  # guid, else link, else a hash of title and text
    title: str | None
    link: str | None
    text: str
    published: str | None  # YYYY-MM-DD, or None when the item's date cannot be read
    published_raw: str | None = None


@dataclass(slots=True)
class ParsedFeed:
    title: str | None
    items: list[FeedItem]
    warning: str | None = None  # what feedparser tolerated in malformed XML


# -- parsing ---------------------------------------------------------------------------------


def parse_feed(
    body: bytes, url: str, dates: DateResources, headers: dict[str, str] | None = None
) -> ParsedFeed:
    """The items of an RSS or Atom document. Raises FeedFormatError when `body` is not a
    feed (feedparser found neither a feed version nor any item)."""
    parsed = feedparser.parse(body, response_headers=headers or {})
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not parsed.get("version") and not parsed.entries:
        why = f": {problem}" if problem else ""
        raise FeedFormatError(f"not an RSS or Atom feed{why}", url)
    items = []
    for entry in parsed.entries[:MAX_ITEMS_PER_POLL]:
        item = feed_item(entry, dates)
        if item is not None:
            items.append(item)
    title = parsed.feed.get("title") or None
    return ParsedFeed(title, items, f"tolerated malformed XML: {problem}" if problem else None)


def feed_item(entry: Any, dates: DateResources) -> FeedItem | None:
    """One feedparser entry as a FeedItem; None when it holds no text at all."""
    title = _plain(entry.get("title") or "") or None
    link = (entry.get("link") or "").strip() or None
    text = _entry_text(entry) or title or ""
    if not text:
        return None
    key = (entry.get("id") or "").strip() or link
    if not key:
        key = "sha256:" + hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()[:32]
    # dict.get: FeedParserDict.get maps updated to published with a deprecation warning
    raw = dict.get(entry, "published") or dict.get(entry, "updated") or dict.get(entry, "created")
    parsed = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
    published = item_date(raw, parsed, dates)
    return FeedItem(key, title, link, text, published, raw)


def _entry_text(entry: Any) -> str:
    """The longest of the entry's content blocks, else its summary, as plain text."""
    values = [c.get("value") or "" for c in entry.get("content") or []]
    best = max(values, key=len, default="")
    if len(_plain(best)) < len(_plain(entry.get("summary") or "")):
        best = entry.get("summary") or ""
    return _plain(best or entry.get("summary") or "")


def _plain(value: str) -> str:
    if _MARKUP.search(value):
        return html_to_text(value)[0]
    return value.strip()


def item_date(raw: str | None, parsed: Any, dates: DateResources) -> str | None:
    """YYYY-MM-DD of an item: the calendar date as written in an RFC 822 or ISO date (not
    shifted to UTC), else feedparser's parse, else didar's date resolution (Solar Hijri,
    Hijri, Persian and Arabic month names, which feedparser cannot read)."""
    if raw:
        rfc = email.utils.parsedate_tz(raw)
        if rfc and rfc[0] >= MIN_YEAR:
            found = _date(rfc[0], rfc[1], rfc[2])
            if found:
                return found
        m = _ISO_DATE.match(raw)
        if m and int(m[1]) >= MIN_YEAR:
            found = _date(int(m[1]), int(m[2]), int(m[3]))
            if found:
                return found
    if parsed and parsed[0] >= MIN_YEAR:
        found = _date(parsed[0], parsed[1], parsed[2])
        if found:
            return found
    return parse_date_text(raw, dates) if raw else None


def _date(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


# -- polling ---------------------------------------------------------------------------------


@dataclass(slots=True)
class PollContext:
    """What polls share: the store and its feed registry, the HTTP client (one per run: its
    per-host clocks), the pipeline's resources (loaded once), the schedule, and the clock
    (injectable for tests)."""

    store: Store
    registry: FeedRegistry
    client: HttpClient
    res: Any
    interval: timedelta = DEFAULT_INTERVAL
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    fetch_pages: bool = True  # fetch the article page of items shorter than FULL_PAGE_MIN_CHARS


def backoff(failures: int, interval: timedelta) -> timedelta:
    """How long a feed that failed `failures` times in a row waits before its next poll: twice
    the interval after one failure, doubling with each further one, up to BACKOFF_MAX."""
    base = max(interval, BACKOFF_MIN)
    return min(base * 2 ** max(failures, 0), max(BACKOFF_MAX, interval))


def poll_feed(feed: Feed, ctx: PollContext) -> PollRecord:
    """Poll one feed, ingest its new items, record the poll; returns the record. A feed's
    own failure is recorded, never raised; a StoreError (the database failed) is raised."""
    started = ctx.now()
    poll = PollRecord(feed.id, iso(started), iso(started), FAILED)
    try:
        response = ctx.client.get(feed.url, etag=feed.etag, last_modified=feed.last_modified)
        poll.http_status, poll.attempts, poll.bytes = (
            response.status,
            response.attempts,
            len(response.body),
        )
        if response.status == 304:
            poll.status = UNCHANGED
        else:
            parsed = parse_feed(response.body, feed.url, ctx.res.dates, response.headers)
            notes = _ingest_new(feed, parsed, ctx, poll)
            poll.error = "; ".join(n for n in (parsed.warning, *notes) if n) or None
    except Exception as exc:  # a feed that fails, or a bug on its data, must not stop the round
        if isinstance(exc, StoreError):  # the database failed: not this feed's fault
            raise
        poll.status = FAILED
        if isinstance(exc, FeedError):
            poll.http_status = getattr(exc, "status", None) or poll.http_status
            poll.error = f"[{exc.code}] {exc.message}"
        else:  # a bug (in feedparser or didar) on this feed's data: record it, go on
            log.debug("internal error polling %s", feed.url, exc_info=True)
            poll.error = f"internal error: {type(exc).__name__}: {exc}"
        finished = ctx.now()
        poll.finished_at = iso(finished)
        ctx.registry.record_poll(
            poll, next_poll=finished + backoff(feed.failures + 1, ctx.interval)
        )
        return poll
    finished = ctx.now()
    poll.finished_at = iso(finished)
    ctx.registry.record_poll(
        poll,
        next_poll=finished + ctx.interval,
        etag=response.etag,
        last_modified=response.last_modified,
    )
    return poll


def _ingest_new(feed: Feed, parsed: ParsedFeed, ctx: PollContext, poll: PollRecord) -> list[str]:
    """Ingest the items of `parsed` not seen before; returns notes for the poll's record (why a
    short item was ingested from the feed's text rather than its page)."""
    poll.items = len(parsed.items)
    unseen = ctx.registry.unseen(feed.id, [i.key for i in parsed.items])
    new: dict[str, FeedItem] = {}
    for item in parsed.items:
        if item.key in unseen and item.key not in new:
            new[item.key] = item
    poll.new_items = len(new)
    poll.status = NEW if new else UNCHANGED
    if not new:
        return []
    outlet = feed.name or parsed.title
    by_source: dict[str, list[FeedItem]] = defaultdict(list)
    inputs: list[Item] = []
    feed_text: dict[str, Item] = {}  # source -> the feed-text input of an item read from its page
    failures: list[str] = []
    pages = 0
    for item in new.values():
        source = item.link or f"{feed.url}#{item.key}"
        by_source[source].append(item)
        meta = {
            "title": item.title,
            "url": item.link,
            "published": item.published,
            "outlet": outlet,
        }
        own = Item(source, item.text, {k: v for k, v in meta.items() if v})
        if not _wants_page(item, ctx):
            inputs.append(own)
            continue
        if pages >= MAX_PAGES_PER_POLL:
            failures.append(f"{item.link}: not fetched, {MAX_PAGES_PER_POLL} pages per poll")
            inputs.append(own)
            continue
        pages += 1
        try:
            page = fetch_item(item.link or "", ctx.client)
        except DidarError as exc:  # down, 404, not HTML, too large ...: the feed's text it is
            failures.append(f"{item.link}: [{exc.code}] {exc.message}")
            inputs.append(own)
            continue
        inputs.append(Item(source, page.data, {**page.meta, **own.meta}))
        feed_text[source] = own
    summary = IngestSummary()
    seen: list[tuple[str, str | None, str | None]] = []
    retry: list[Item] = []
    for outcome in ingest(ctx.store, inputs, res=ctx.res):
        source = outcome.source or ""
        if isinstance(outcome, Failure) and source in feed_text:  # the page held no article
            failures.append(f"{source}: the page gave no text ([{outcome.code}])")
            retry.append(feed_text.pop(source))
            continue
        _count(outcome, by_source[source].pop(0), summary, seen)
    for outcome in ingest(ctx.store, retry, res=ctx.res) if retry else ():
        _count(outcome, by_source[outcome.source or ""].pop(0), summary, seen)
    ctx.registry.mark_seen(feed.id, seen, ctx.now())
    poll.stored = summary.stored + summary.new_versions
    poll.duplicates = summary.duplicates
    poll.failed_items = summary.failed
    if not failures:
        return []
    shown = "; ".join(failures[:MAX_PAGE_NOTES])
    more = f"; and {len(failures) - MAX_PAGE_NOTES} more" if len(failures) > MAX_PAGE_NOTES else ""
    return [f"feed text used for {len(failures)} short item(s) whose page failed: {shown}{more}"]


def _wants_page(item: FeedItem, ctx: PollContext) -> bool:
    """Is this item a lead whose article page should be fetched?"""
    return (
        ctx.fetch_pages
        and len(item.text) < FULL_PAGE_MIN_CHARS
        and bool(item.link)
        and is_url(item.link or "")
    )


def _count(
    outcome: Any,
    item: FeedItem,
    summary: IngestSummary,
    seen: list[tuple[str, str | None, str | None]],
) -> None:
    summary.add(outcome)
    if isinstance(outcome, Failure):  # unusable text: it will not get better on a retry
        seen.append((item.key, item.link, None))
    elif outcome.status != PUT_FAILED:
        seen.append((item.key, item.link, outcome.doc_id))


def poll_round(ctx: PollContext, *, force: bool = False) -> Iterator[PollRecord]:
    """Poll every due feed once (every feed when `force`), in list order."""
    feeds = ctx.registry.feeds() if force else ctx.registry.due(ctx.now())
    for feed in feeds:
        yield poll_feed(feed, ctx)


def watch(
    ctx: PollContext, *, sleep: Callable[[float], None] = time.sleep, max_wait: float = 60.0
) -> Iterator[PollRecord]:
    """Poll feeds as they fall due, forever (stop with KeyboardInterrupt or by closing the
    generator). The feed list is re-read every round, so feeds added meanwhile are polled."""
    while True:
        yield from poll_round(ctx)
        pending = [f.next_poll for f in ctx.registry.feeds() if f.next_poll]
        now = ctx.now()
        wait = max_wait
        if pending:
            soonest = datetime.strptime(min(pending), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
            wait = min(max((soonest - now).total_seconds(), 1.0), max_wait)
        sleep(wait)


# -- the starter list ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StarterFeed:
    name: str
    url: str
    country: str
    language: str
    verified: bool
    note: str | None = None


def starter_feeds() -> list[StarterFeed]:
    """The bundled feed list of the main Iranian and Iraqi agencies (`data/feeds.yaml`): addresses
    written from public knowledge and marked unverified. Raises ResourceError if it is invalid."""
    from importlib.resources import files

    import yaml

    from didar.errors import ResourceError

    where = "didar/ingest/data/feeds.yaml"
    try:
        data = yaml.safe_load(files("didar.ingest").joinpath("data/feeds.yaml").read_text("utf-8"))
        rows = data["feeds"]
        feeds = [
            StarterFeed(
                str(r["name"]),
                str(r["url"]),
                str(r["country"]),
                str(r["language"]),
                bool(r["verified"]),
                r.get("note"),
            )
            for r in rows
        ]
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise ResourceError(f"the starter feed list is unreadable: {exc!r}", where) from exc
    urls = [f.url for f in feeds]
    if len(set(urls)) != len(urls) or len({f.name for f in feeds}) != len(feeds):
        raise ResourceError("the starter feed list repeats a name or an address", where)
    return feeds
