"""`didar export`: the stored events as a file to put beside POLECAT, ICEWS or GDELT.

Formats: PLOVER JSON Lines (`plover`), a CAMEO-style tab-separated file (`cameo`), and didar's
own event rows as CSV, JSON Lines or Parquet. The events are read through `didar.query.events`
in pages, so a large store is never held in memory at once (Parquet excepted: it needs every row
to choose its column types). What was exported and what was left out, and why, goes to stderr.
Every field and choice is described in docs/exports.md.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

import click

from didar.cli.main import (
    _open_for_reading,
    _version,
    db_option,
    event_filter_options,
    handles_errors,
    note,
    verbosity,
)

PAGE_SIZE = 1000  # events read from the store at a time
RECORD_CACHE = 256  # stored records kept while exporting (events of a document sit close by)
EXPORT_FORMATS = ("plover", "cameo", "csv", "jsonl", "parquet")
EVENT_DATA_FORMATS = ("plover", "cameo")  # occurred events only unless --all-statuses


def _pages(store: Any, filters: Mapping[str, Any], page_size: int) -> Iterator[list[dict]]:
    from didar import query

    offset = 0
    while True:
        page = query.events(store, **filters, limit=page_size, offset=offset)
        if page:
            yield page
        if len(page) < page_size:
            return
        offset += len(page)


def _rows(pages: Iterable[list[dict]]) -> Iterator[dict]:
    for page in pages:
        yield from page


@contextlib.contextmanager
def _output(out: str | None) -> Iterator[IO[bytes]]:
    """The file to write: stdout, or --out written under a temporary name and renamed when
    complete, so that a failed export never leaves a half-written file under the real name."""
    if out is None:
        stream = sys.stdout.buffer
        yield stream
        stream.flush()
        return
    path = Path(out)
    part = path.with_name(path.name + ".part")
    try:
        with part.open("wb") as f:
            yield f
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)


def _summary(fmt: str, out: str | None, exported: int, skipped: Mapping[str, int]) -> str:
    where = f" to {out}" if out else ""
    lines = [f"exported {exported} event{'s' if exported != 1 else ''} ({fmt}){where}"]
    for reason, n in sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0])):
        if n:
            lines.append(f"  skipped {n}: {reason}")
    return "\n".join(lines)


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    default="plover",
    show_default=True,
    help="plover: PLOVER 0.7b1 JSON Lines; cameo: CAMEO-style TSV (Phoenix/ICEWS columns plus "
    "didar's); csv, jsonl, parquet: didar's event rows as `didar events` lists them.",
)
@click.option(
    "--out",
    metavar="FILE",
    type=click.Path(dir_okay=False, writable=True),
    help="Write to FILE instead of stdout (needed for parquet).",
)
@event_filter_options
@click.option(
    "--status",
    "statuses",
    multiple=True,
    metavar="STATUS",
    help="occurred, planned, denied, conditional (repeat or comma-separate; plover and cameo "
    "need --all-statuses for any but occurred).",
)
@click.option(
    "--all-statuses",
    is_flag=True,
    help="plover, cameo: also planned, denied and conditional events (marked by their status; "
    "PLOVER context future, negation, hypothetical). Default: occurred events only.",
)
@click.option(
    "--undated",
    type=click.Choice(("skip", "published")),
    default="skip",
    show_default=True,
    help="plover, cameo: an event without a day date is skipped, or dated by its document's "
    "published date (date precision 'published').",
)
@click.option(
    "--include-statements",
    is_flag=True,
    help="plover: keep CAMEO 01/02 events (statements, appeals: dropped in PLOVER) that didar "
    "gives a PLOVER category.",
)
@db_option
@verbosity
@handles_errors
def export(
    fmt: str,
    out: str | None,
    actor: str | None,
    country: str | None,
    since: str | None,
    until: str | None,
    types: tuple[str, ...],
    statuses: tuple[str, ...],
    language: str | None,
    outlet: str | None,
    topic: str | None,
    all_statuses: bool,
    undated: str,
    include_statements: bool,
    db: str,
) -> None:
    """Export stored events for analysis beside other event data sets.

    Writes to --out or stdout; a summary of what was exported and what was skipped (and why)
    goes to stderr unless --quiet. Field tables and every choice: docs/exports.md.
    """
    from didar import export as ex
    from didar import query
    from didar.store.base import EVENT_KEYS

    if fmt == "parquet" and out is None:
        raise click.UsageError("parquet is binary: give --out FILE")
    chosen = query.parse_choices(statuses or None, query.EVENT_STATUSES, "status")
    event_data = fmt in EVENT_DATA_FORMATS
    if event_data and not all_statuses and chosen and chosen != {"occurred"}:
        raise click.UsageError(
            f"--format {fmt} exports occurred events only; add --all-statuses for "
            + ", ".join(sorted(chosen - {"occurred"}))
        )
    filters: dict[str, Any] = {
        "actor": actor,
        "country": country,
        "since": since,
        "until": until,
        "type": types or None,
        "status": sorted(chosen) if chosen else None,
        "language": language,
        "outlet": outlet,
        "topic": topic,
    }
    tally = ex.ExportTally()
    with _open_for_reading(db) as store:
        query.event_filter(store, **filters)  # a bad filter fails here, before any output
        if event_data and not all_statuses and not chosen:
            others = sorted(query.EVENT_STATUSES - {"occurred"})
            left_out = query.count_events(store, **{**filters, "status": others})
            if left_out:
                tally.skipped[ex.SKIP_STATUS] += left_out
            filters["status"] = ["occurred"]
        pages = _pages(store, filters, PAGE_SIZE)
        with _output(out) as sink:
            if fmt in ("csv", "jsonl"):
                for chunk in ex.stream_rows(_counted(pages, tally), fmt, EVENT_KEYS):
                    sink.write(chunk)
            elif fmt == "parquet":
                rows = list(_rows(_counted(pages, tally)))
                sink.write(ex.write_rows(rows, "parquet", EVENT_KEYS))
            else:
                options = ex.ExportOptions(
                    all_statuses=all_statuses,
                    undated=undated,
                    include_statements=include_statements,
                    coder=f"didar {_version()}",
                )
                record_of = functools.lru_cache(maxsize=RECORD_CACHE)(store.get)
                for line in ex.export_events(_rows(pages), fmt, record_of, options, tally=tally):
                    sink.write(line.encode("utf-8"))
    note(_summary(fmt, out, tally.exported, tally.skipped))


def _counted(pages: Iterable[list[dict]], tally: Any) -> Iterator[list[dict]]:
    for page in pages:
        tally.exported += len(page)
        yield page


def register(main: click.Group) -> None:
    main.add_command(export)
