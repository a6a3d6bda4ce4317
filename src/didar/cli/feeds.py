"""`didar feeds add|list|remove|polls` and `didar watch`: the feed list kept in the database and
the poller that ingests what is new (library: `didar.ingest.feeds`, `didar.store.feeds`)."""

from __future__ import annotations

import re
import sys
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import click

from didar.cli.main import (
    EXIT_FAILED_INPUTS,
    EXIT_NOT_FOUND,
    EXIT_OK,
    db_option,
    format_option,
    handles_errors,
    note,
    verbosity,
)
from didar.cli.output import Column, render
from didar.ingest.http import (
    HOST_DELAY_SECONDS,
    MAX_BYTES,
    RETRIES,
    TIMEOUT_SECONDS,
)

FEED_COLUMNS = (
    Column("id", "ID"),
    Column("name", "NAME", 16),
    Column("url", "URL", 44),
    Column("last_status", "LAST"),
    Column("last_polled", "POLLED"),
    Column("next_poll", "NEXT"),
    Column("failures", "FAILS"),
    Column("items", "ITEMS"),
    Column("last_error", "ERROR", 40),
)
POLL_COLUMNS = (
    Column("finished_at", "TIME"),
    Column("feed", "FEED", 16),
    Column("status", "STATUS"),
    Column("http_status", "HTTP"),
    Column("items", "ITEMS"),
    Column("new_items", "NEW"),
    Column("stored", "STORED"),
    Column("duplicates", "DUPS"),
    Column("failed_items", "FAILED"),
    Column("error", "ERROR", 48),
)
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(value: str) -> timedelta:
    """`15m`, `30s`, `1h`, `1d`, or plain seconds."""
    m = _DURATION.match(value)
    if not m:
        raise click.BadParameter(f"{value!r} is not a duration such as 30s, 15m, 1h")
    return timedelta(seconds=float(m[1]) * _UNITS[m[2]])


def _registry(store: Any) -> Any:
    from didar.store.feeds import FeedRegistry

    return FeedRegistry(store)


@click.group()
def feeds() -> None:
    """The feeds `didar watch` polls, kept in the database.

    add a feed (or the bundled starter list of Iranian and Iraqi agencies, whose addresses are
    unverified), list them with their last poll, remove one, or show the record of polls.
    """


@feeds.command("add")
@click.argument("url", required=False)
@click.option("--name", metavar="NAME", help="A short name, used as the outlet of its items.")
@click.option(
    "--starter",
    is_flag=True,
    help="Add the bundled list of the main Iranian and Iraqi agencies "
    "(unverified addresses: check them).",
)
@db_option
@verbosity
@handles_errors
def feeds_add(url: str | None, name: str | None, starter: bool, db: str) -> None:
    """Follow the RSS or Atom feed at URL (http or https)."""
    from didar.store import open_store

    if not url and not starter:
        raise click.UsageError("give a feed URL, or --starter for the bundled list")
    if url and urlsplit(url).scheme.lower() not in ("http", "https"):
        raise click.BadParameter(f"{url!r} is not an http or https address", param_hint="URL")
    with open_store(db) as store:
        registry = _registry(store)
        if url:
            added = registry.add(url, name)
            click.echo(f"{'added' if added else 'already followed'}: {name or ''} {url}".strip())
        if starter:
            from didar.ingest.feeds import starter_feeds

            count = 0
            for feed in starter_feeds():
                count += registry.add(feed.url, feed.name)
            click.echo(f"added {count} starter feed(s) to {db}")
            note(
                "the starter addresses are unverified: check them, and watch `didar feeds "
                "list` for feeds that fail"
            )


@feeds.command("list")
@format_option()
@db_option
@verbosity
@handles_errors
def feeds_list(fmt: str, db: str) -> None:
    """List the followed feeds with their last poll, schedule and failures in a row."""
    from didar.store import open_store
    from didar.store.feeds import FEED_KEYS

    with open_store(db, create=False) as store:
        rows = _registry(store).listing()
    if fmt == "table" and not rows:
        note("no feeds; add one with `didar feeds add URL --name NAME`")
        return
    click.echo(render(rows, fmt, FEED_KEYS, FEED_COLUMNS), nl=False)


@feeds.command("remove")
@click.argument("feed", metavar="FEED")
@db_option
@verbosity
@handles_errors
def feeds_remove(feed: str, db: str) -> None:
    """Stop following FEED (its URL, name or id). Documents it brought stay in the store."""
    from didar.store import open_store

    with open_store(db, create=False) as store:
        removed = _registry(store).remove(feed)
    if not removed:
        click.echo(f"error: no feed {feed!r}; see `didar feeds list`", err=True)
        sys.exit(EXIT_NOT_FOUND)
    click.echo(f"removed: {feed}")


@feeds.command("polls")
@click.argument("feed", metavar="FEED", required=False)
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=50,
    show_default=True,
    help="Show at most this many polls (0: all).",
)
@format_option()
@db_option
@verbosity
@handles_errors
def feeds_polls(feed: str | None, limit: int, fmt: str, db: str) -> None:
    """The record of polls, newest first: new, unchanged or failed and why (of FEED only, when
    given)."""
    from didar.store import open_store
    from didar.store.feeds import POLL_KEYS

    with open_store(db, create=False) as store:
        registry = _registry(store)
        feed_id = None
        if feed:
            found = registry.find(feed)
            if found is None:
                click.echo(f"error: no feed {feed!r}; see `didar feeds list`", err=True)
                sys.exit(EXIT_NOT_FOUND)
            feed_id = found.id
        rows = registry.polls(feed_id, limit or None)
    if fmt == "table" and not rows:
        note("no polls yet; run `didar watch --once`")
        return
    click.echo(render(rows, fmt, POLL_KEYS, POLL_COLUMNS), nl=False)


def _describe(poll: Any, name: str) -> str:
    if poll.status == "failed":
        return f"{name}: failed: {poll.error}"
    if poll.http_status == 304:
        return f"{name}: unchanged (304 not modified)"
    line = (
        f"{name}: {poll.status}: {poll.items} item(s), {poll.new_items} new: stored "
        f"{poll.stored}, duplicates {poll.duplicates}, failed {poll.failed_items}"
    )
    return f"{line} ({poll.error})" if poll.error else line


@click.command()
@click.option(
    "--interval",
    default="15m",
    show_default=True,
    metavar="DURATION",
    help="Time between two polls of a feed (30s, 15m, 1h); failing feeds wait "
    "longer, doubling with each failure in a row (up to 6 h).",
)
@click.option("--once", is_flag=True, help="Poll the feeds that are due once, then exit.")
@click.option("--force", is_flag=True, help="With --once: poll every feed, due or not.")
@click.option(
    "--delay",
    type=click.FloatRange(min=0),
    default=HOST_DELAY_SECONDS,
    show_default=True,
    help="Seconds between two requests to the same host.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=TIMEOUT_SECONDS,
    show_default=True,
    help="Seconds to wait for a server (connect, read, whole response).",
)
@click.option(
    "--retries",
    type=click.IntRange(min=0),
    default=RETRIES,
    show_default=True,
    help="Retries of a failed request (timeouts, 5xx), with exponential backoff.",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=MAX_BYTES,
    show_default=True,
    help="Size cap of every response (feeds, and the article pages of short items); "
    "larger ones fail.",
)
@click.option(
    "--pages/--no-pages",
    default=True,
    show_default=True,
    help="Fetch the article page of items whose feed text is only a short lead "
    "(didar.ingest.feeds.FULL_PAGE_MIN_CHARS); the feed's text when it fails.",
)
@db_option
@verbosity
@handles_errors
def watch(
    interval: str,
    once: bool,
    force: bool,
    delay: float,
    timeout: float,
    retries: int,
    max_bytes: int,
    pages: bool,
    db: str,
) -> None:
    """Poll every feed politely and ingest its new items.

    Each poll is a conditional GET (a 304 is `unchanged`); the new items of a feed go through
    the pipeline into the store; every poll is recorded (`didar feeds polls`). A feed that is
    down, slow, oversized or malformed is recorded as failed and the next feed goes on. Items
    already seen are skipped, so a restart continues where the last run stopped. An item
    whose feed text is only a short lead is read from its article page (same politeness and
    caps); when the page fails, from the feed's text, and the poll says why. Without
    --once, runs until interrupted (Ctrl-C). With --once the exit code is 1 if a poll failed.
    """
    from didar.ingest.feeds import PollContext, poll_round
    from didar.ingest.feeds import watch as watch_feeds
    from didar.ingest.http import HttpClient
    from didar.resources import load_resources
    from didar.store import open_store

    every = parse_duration(interval)
    with open_store(db) as store:
        registry = _registry(store)
        names = {f.id: f.name or f.url for f in registry.feeds()}
        if not names:
            note("no feeds to watch; add one with `didar feeds add URL --name NAME`")
            return
        client = HttpClient(timeout=timeout, max_bytes=max_bytes, retries=retries, host_delay=delay)
        ctx = PollContext(
            store, registry, client, load_resources(), interval=every, fetch_pages=pages
        )
        polls = poll_round(ctx, force=force) if once else watch_feeds(ctx)
        failed = new = 0
        try:
            for poll in polls:
                if poll.feed_id not in names:
                    names = {f.id: f.name or f.url for f in registry.feeds()}
                click.echo(_describe(poll, names.get(poll.feed_id, str(poll.feed_id))))
                failed += poll.status == "failed"
                new += poll.stored
        except KeyboardInterrupt:
            note("stopped")
    if once:
        note(f"stored {new} new document(s); {failed} feed(s) failed")
    sys.exit(EXIT_FAILED_INPUTS if once and failed else EXIT_OK)


def register(main: click.Group) -> None:
    main.add_command(feeds)
    main.add_command(watch)
