"""The `didar` command: a thin layer over the library (`didar.ingest`, `didar.store`,
`didar.query`). It decides where output goes: records and listings to stdout, progress, logs
and errors to stderr.

Exit codes: 0 success; 1 some inputs failed (the others were still processed); 2 bad usage or
bad option value; 3 not found (document id, samples folder); 4 database error; 5 didar cannot
run: a part is missing, its data is invalid, or its worker processes died.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from didar.cli.output import FORMATS, Column, render, render_document, to_json
from didar.errors import DidarError, ResourceError, StoreError

if TYPE_CHECKING:
    from didar.ingest.batch import IngestSummary

EXIT_OK = 0
EXIT_FAILED_INPUTS = 1
EXIT_USAGE = 2
EXIT_NOT_FOUND = 3
EXIT_STORE = 4
EXIT_UNAVAILABLE = 5

DEFAULT_DB = "didar.db"
POOL_THRESHOLD = 1000  # with no --jobs, batches of at least this many articles use every core

log = logging.getLogger("didar.cli")

EVENT_COLUMNS = (
    Column("date", "DATE"),
    Column("type", "TYPE"),
    Column("status", "STATUS"),
    Column("summary", "SUMMARY", 72),
    Column("doc_id", "DOC"),
    Column("evidence", "EVIDENCE", 40),
)
QUOTE_COLUMNS = (
    Column("published", "PUBLISHED"),
    Column("speaker", "SPEAKER", 28),
    Column("verb", "VERB", 14),
    Column("text", "QUOTE", 72),
    Column("doc_id", "DOC"),
)
CLUSTER_COLUMNS = (
    Column("cluster", "CLUSTER"),
    Column("date", "DATE"),
    Column("dates", "DATES (REPORTS)", 28),
    Column("participants", "PARTICIPANTS", 40),
    Column("reports", "N"),
    Column("sources", "REPORTS (DOC OUTLET LANG PUBLISHED)", 90),
)
ACTOR_COLUMNS = (
    Column("id", "ID", 32),
    Column("name", "NAME", 30),
    Column("native", "NATIVE", 30),
    Column("type", "TYPE"),
    Column("country", "COUNTRY"),
    Column("role", "ROLE", 36),
    Column("known", "KNOWN"),
    Column("documents", "DOCS"),
    Column("mentions", "MENTIONS"),
)


# -- shared options ------------------------------------------------------------------------------


def _set_verbosity(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    root = ctx.find_root()
    root.ensure_object(dict)
    if param.name == "verbose":
        root.obj["verbose"] = max(root.obj.get("verbose", 0), value or 0)
        level = {0: logging.WARNING, 1: logging.INFO}.get(root.obj["verbose"], logging.DEBUG)
        logging.basicConfig(
            level=level, stream=sys.stderr, force=True, format="%(levelname)s %(name)s: %(message)s"
        )
    elif value:
        root.obj["quiet"] = True
    return value


def verbosity(f: Callable) -> Callable:
    f = click.option(
        "-v",
        "--verbose",
        count=True,
        expose_value=False,
        callback=_set_verbosity,
        help="Log to stderr (-v: steps, -vv: debug with tracebacks).",
    )(f)
    return click.option(
        "-q",
        "--quiet",
        is_flag=True,
        expose_value=False,
        callback=_set_verbosity,
        help="No progress bar and no notes on stderr (errors still show).",
    )(f)


def db_option(f: Callable) -> Callable:
    return click.option(
        "--db",
        "db",
        envvar="DIDAR_DB",
        default=DEFAULT_DB,
        show_default=True,
        show_envvar=True,
        type=click.Path(dir_okay=False),
        help="The database file.",
    )(f)


def format_option(choices: tuple[str, ...] = FORMATS) -> Callable:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default="table",
        show_default=True,
        help="table for the terminal, json for one JSON value, csv with a header.",
    )


def event_filter_options(f: Callable) -> Callable:
    """The event filters `didar events` and `didar export` share (their --status differs)."""
    options = [
        click.option(
            "--actor",
            metavar="NAME",
            help="An actor id, or a name in English, Persian or "
            "Arabic (any spelling variant): events where it takes part.",
        ),
        click.option(
            "--country",
            metavar="ISO3",
            help="Events with an actor or a place of this country (e.g. IRQ, IRN).",
        ),
        click.option("--since", metavar="DATE", help="Events on or after DATE (YYYY[-MM[-DD]])."),
        click.option("--until", metavar="DATE", help="Events on or before DATE (YYYY[-MM[-DD]])."),
        click.option(
            "--type",
            "types",
            multiple=True,
            metavar="TYPE",
            help="meeting, visit, phone_call, agreement, threat, accusation, demand, appeal, "
            "praise, denial, condolence, invitation, statement (repeat or comma-separate).",
        ),
        click.option(
            "--language", metavar="LANG", help="fa, ar or en (comma-separate for several)."
        ),
        click.option(
            "--outlet", metavar="NAME", help="Reports of this outlet, as stored (e.g. ILNA)."
        ),
        click.option(
            "--topic", metavar="TOPIC", help="Reports with this topic id (e.g. transport)."
        ),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def page_options(f: Callable) -> Callable:
    f = click.option(
        "--offset",
        type=click.IntRange(min=0),
        default=0,
        show_default=True,
        help="Skip this many rows (pagination).",
    )(f)
    return click.option(
        "--limit",
        type=click.IntRange(min=0),
        default=100,
        show_default=True,
        help="Show at most this many rows (0: all).",
    )(f)


def jobs_option(f: Callable) -> Callable:
    return click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=1),
        default=None,
        help=f"Worker processes for extraction (default: 1, or one per CPU core for batches "
        f"of {POOL_THRESHOLD}+ articles).",
    )(f)


def _quiet() -> bool:
    ctx = click.get_current_context()
    return bool((ctx.find_root().obj or {}).get("quiet"))


def note(message: str) -> None:
    """A remark for the user on stderr, unless --quiet."""
    if not _quiet():
        click.echo(message, err=True)


def exit_code_for(error: DidarError) -> int:
    from didar.errors import (
        AmbiguousIdError,
        DocumentNotFoundError,
        QueryError,
        WorkerPoolError,
    )

    if isinstance(error, QueryError):
        return EXIT_USAGE
    if isinstance(error, DocumentNotFoundError | AmbiguousIdError):
        return EXIT_NOT_FOUND
    if isinstance(error, StoreError):
        return EXIT_STORE
    if isinstance(error, ResourceError | WorkerPoolError):
        return EXIT_UNAVAILABLE
    return EXIT_FAILED_INPUTS


def handles_errors(f: Callable) -> Callable:
    """Typed errors end the command with their message on stderr and a meaningful exit code."""

    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return f(*args, **kwargs)
        except DidarError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(exit_code_for(exc))

    return wrapper


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("didar")
    except PackageNotFoundError:
        return "unknown"


# -- the group -----------------------------------------------------------------------------------


@click.group(
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Exit codes: 0 ok, 1 some inputs failed, 2 bad usage, 3 not found, "
    "4 database error, 5 didar cannot run (part missing, data invalid, workers died).",
)
@click.version_option(_version(), prog_name="didar")
@verbosity
def main() -> None:
    """didar: Persian and Arabic political news to structured event data.

    extract prints records without a database; ingest stores them; events, quotes, actors and
    show read the store.
    """


def _choose_jobs(jobs: int | None, total: int | None) -> int:
    if jobs is not None:
        return jobs
    if total is not None and total >= POOL_THRESHOLD:
        return max(1, os.cpu_count() or 1)
    return 1


def _stdin() -> Any:
    return sys.stdin.buffer


@contextlib.contextmanager
def _progress(total: int | None, label: str) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr when it is a terminal (and not --quiet); yields `advance(n)`."""
    if _quiet() or total is None or not sys.stderr.isatty():
        yield lambda n: None
        return
    with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
        yield bar.update


@main.command()
@click.argument("paths", nargs=-1, required=True)
@jobs_option
@verbosity
@handles_errors
def extract(paths: tuple[str, ...], jobs: int | None) -> None:
    """Print one record per article as JSON Lines, without a database.

    PATHS are files, folders (read recursively for .txt, .html, .json and .jsonl), http(s)
    URLs (fetched once), or - for stdin.
    Each record's `source` is the input's path as given (path#line inside JSON Lines).
    Failures go to stderr; the exit code is 1 if any article failed.
    """
    from didar.ingest.batch import Failure, extract_items
    from didar.ingest.readers import count_items, expand

    jobs = _choose_jobs(jobs, count_items(paths))
    failed = 0
    for result in extract_items(expand(paths, stdin=_stdin()), jobs=jobs):
        if isinstance(result, Failure):
            failed += 1
            click.echo(f"error: {result.message}", err=True)
        else:
            click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    sys.exit(EXIT_FAILED_INPUTS if failed else EXIT_OK)


def _run_ingest(
    articles: tuple[str, ...], db: str, jobs: int | None, show_summary: bool = True
) -> IngestSummary:
    """Ingest `articles` into `db` and print the summary (unless not `show_summary`)."""
    from didar.ingest.batch import IngestSummary, ingest
    from didar.ingest.readers import count_items, expand
    from didar.store import open_store

    total = count_items(articles)
    jobs = _choose_jobs(jobs, total)
    summary = IngestSummary()
    log.info("ingesting into %s with %d job(s)", db, jobs)
    with open_store(db) as store, _progress(total, "ingesting") as advance:
        try:
            for outcome in ingest(store, expand(articles, stdin=_stdin()), jobs=jobs):
                summary.add(outcome)
                advance(1)
        except DidarError:  # the batch stopped (database or worker pool): say what was done
            _print_summary(summary, db)
            raise
    if show_summary:
        _print_summary(summary, db)
    return summary


def _print_summary(summary: IngestSummary, db: str) -> None:
    click.echo(
        f"read {summary.read}, stored {summary.stored}, new versions "
        f"{summary.new_versions}, duplicates {summary.duplicates}, failed "
        f"{summary.failed} (database: {db})"
    )
    for failure in summary.failures:
        click.echo(f"  failed: {failure.message}")


@main.command("ingest")
@click.argument("articles", nargs=-1, required=True)
@db_option
@jobs_option
@verbosity
@handles_errors
def ingest_command(articles: tuple[str, ...], db: str, jobs: int | None) -> None:
    """Extract ARTICLES and store their records.

    ARTICLES are files, folders (read recursively for .txt, .html, .json and .jsonl), saved
    web pages (.html, .htm: main text and metadata by the article extractor), http(s) URLs
    (fetched once: the URL is the record's source and url), .json files
    (an object with a `text` field, or a list of them), .jsonl files (one article per line:
    `text`, optional title, url, published, outlet), or - for stdin. The same article twice is
    stored once (a duplicate); a changed text from the same path or URL is a new version.
    Ends with a summary: read, stored, new versions, duplicates, failed (with why). The exit
    code is 1 if any article failed; the others are stored.
    """
    summary = _run_ingest(articles, db, jobs)
    sys.exit(EXIT_FAILED_INPUTS if summary.failed else EXIT_OK)


def _cluster_cells(row: dict[str, Any]) -> dict[str, str]:
    """A cluster's counts and reports as one line each, for tables and CSV."""

    def counts(c: dict[str, int]) -> str:
        return ", ".join(f"{k}: {n}" for k, n in c.items())

    reports = "; ".join(
        f"{r['doc_id'][:10]} {r['outlet'] or '?'} {r['language']} {r['published'] or '-'}"
        for r in row["sources"]
    )
    return {
        "dates": counts(row["dates"]),
        "weekdays": counts(row["weekdays"]),
        "places": counts(row["places"]),
        "types": counts(row["types"]),
        "participant_counts": counts(row["participant_counts"]),
        "sources": reports,
    }


def _open_for_reading(db: str) -> Any:
    from didar.store import open_store

    return open_store(db, create=False)


def _emit(
    rows: list[dict[str, Any]],
    fmt: str,
    keys: tuple[str, ...],
    columns: tuple[Column, ...],
    what: str,
    limit: int | None,
) -> None:
    if fmt == "table" and not rows:
        note(f"no {what} found")
        return
    click.echo(render(rows, fmt, keys, columns), nl=False)
    if limit and len(rows) == limit:
        note(f"showing the first {limit} {what}; use --limit and --offset for more")


@main.command()
@event_filter_options
@click.option(
    "--status",
    "statuses",
    multiple=True,
    metavar="STATUS",
    help="occurred, planned, denied, conditional (repeat or comma-separate).",
)
@click.option(
    "--doc",
    "doc_ids",
    multiple=True,
    metavar="DOC-ID",
    help="Only events of this document (repeatable).",
)
@click.option("--all-versions", is_flag=True, help="Include older versions of changed articles.")
@click.option(
    "--clustered",
    is_flag=True,
    help="One row per real-world meeting, visit or call, with every report of it (outlet, "
    "language, published) and where the reports disagree (dates as counts). Takes --actor, "
    "--since, --until.",
)
@page_options
@format_option()
@db_option
@verbosity
@handles_errors
def events(
    actor: str | None,
    country: str | None,
    since: str | None,
    until: str | None,
    types: tuple[str, ...],
    statuses: tuple[str, ...],
    doc_ids: tuple[str, ...],
    language: str | None,
    outlet: str | None,
    topic: str | None,
    all_versions: bool,
    clustered: bool,
    limit: int,
    offset: int,
    fmt: str,
    db: str,
) -> None:
    """List stored events (meetings, visits, calls, ...), by date, each with an English
    one-line summary built from its fields (the SUMMARY column; `summary` in JSON and CSV)."""
    from didar import query
    from didar.store.base import EVENT_KEYS

    if clustered:
        from didar.store.clusters import CLUSTER_KEYS

        with _open_for_reading(db) as store:
            rows = query.clusters(
                store, actor=actor, since=since, until=until, limit=limit or None, offset=offset
            )
        if fmt != "json":
            rows = [{**r, **_cluster_cells(r)} for r in rows]
        _emit(rows, fmt, CLUSTER_KEYS, CLUSTER_COLUMNS, "event clusters", limit)
        return
    with _open_for_reading(db) as store:
        rows = query.events(
            store,
            actor=actor,
            country=country,
            since=since,
            until=until,
            type=types or None,
            status=statuses or None,
            doc_ids=doc_ids or None,
            language=language,
            outlet=outlet,
            topic=topic,
            all_versions=all_versions,
            limit=limit or None,
            offset=offset,
        )
    _emit(rows, fmt, EVENT_KEYS, EVENT_COLUMNS, "events", limit)


@main.command()
@click.option(
    "--speaker",
    metavar="NAME",
    help="An actor id, or a name in English, Persian or Arabic (any spelling variant).",
)
@click.option("--since", metavar="DATE", help="Quotes published on or after DATE.")
@click.option("--until", metavar="DATE", help="Quotes published on or before DATE.")
@click.option("--direct/--indirect", default=None, help="Only direct or only indirect quotes.")
@click.option(
    "--doc",
    "doc_ids",
    multiple=True,
    metavar="DOC-ID",
    help="Only quotes of this document (repeatable).",
)
@click.option("--all-versions", is_flag=True, help="Include older versions of changed articles.")
@page_options
@format_option()
@db_option
@verbosity
@handles_errors
def quotes(
    speaker: str | None,
    since: str | None,
    until: str | None,
    direct: bool | None,
    doc_ids: tuple[str, ...],
    all_versions: bool,
    limit: int,
    offset: int,
    fmt: str,
    db: str,
) -> None:
    """List stored quotes with their speakers."""
    from didar import query
    from didar.store.base import QUOTE_KEYS

    with _open_for_reading(db) as store:
        rows = query.quotes(
            store,
            speaker=speaker,
            since=since,
            until=until,
            direct=direct,
            doc_ids=doc_ids or None,
            all_versions=all_versions,
            limit=limit or None,
            offset=offset,
        )
    _emit(rows, fmt, QUOTE_KEYS, QUOTE_COLUMNS, "quotes", limit)


@main.command()
@click.option(
    "--known/--discovered",
    default=None,
    help="Only dictionary actors, or only actors discovered in the text.",
)
@click.option("--name", metavar="NAME", help="Actors with this id or name (any spelling).")
@click.option("--country", metavar="ISO3", help="Actors of this country.")
@click.option(
    "--type",
    "types",
    multiple=True,
    metavar="TYPE",
    help="person, organization, country, place (repeat or comma-separate).",
)
@click.option("--all-versions", is_flag=True, help="Include older versions of changed articles.")
@page_options
@format_option()
@db_option
@verbosity
@handles_errors
def actors(
    known: bool | None,
    name: str | None,
    country: str | None,
    types: tuple[str, ...],
    all_versions: bool,
    limit: int,
    offset: int,
    fmt: str,
    db: str,
) -> None:
    """List the actors of stored documents, most documents first."""
    from didar import query
    from didar.store.base import ACTOR_KEYS

    with _open_for_reading(db) as store:
        rows = query.actors(
            store,
            known=known,
            name=name,
            country=country,
            type=types or None,
            all_versions=all_versions,
            limit=limit or None,
            offset=offset,
        )
    _emit(rows, fmt, ACTOR_KEYS, ACTOR_COLUMNS, "actors", limit)


@main.command()
@click.argument("doc_id", metavar="DOC-ID")
@format_option(("table", "json"))
@db_option
@verbosity
@handles_errors
def show(doc_id: str, fmt: str, db: str) -> None:
    """Show a stored document: its record, its text, and what was found where.

    DOC-ID is a document id as listed in `doc_id` (a unique prefix is enough). The table form
    lists every fact with its span and the words it covers; json prints one object: the
    stored document with its `record`, `sources`, `versions` and `facts`.
    """
    from didar import query

    with _open_for_reading(db) as store:
        doc = query.document(store, doc_id)
    click.echo(to_json(doc) if fmt == "json" else render_document(doc), nl=fmt == "json")


@main.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--corpus",
    required=True,
    type=click.Path(exists=True, file_okay=False),
    help="The folder of the articles the gold file annotates.",
)
@format_option(("table", "json"))
@verbosity
@handles_errors
def eval_command(gold: str, corpus: str, fmt: str) -> None:
    """Score extraction against GOLD annotations (format: ../shared/eval/README.md)."""
    try:
        from didar.eval.score import evaluate, format_report
    except ImportError as exc:
        click.echo(f"error: evaluation is not available in this install ({exc})", err=True)
        sys.exit(EXIT_UNAVAILABLE)
    from didar.resources import load_resources

    report = evaluate(Path(gold), Path(corpus), load_resources())
    click.echo(format_report(report, fmt))


def find_samples() -> Path | None:
    """The bundled samples folder: $DIDAR_SAMPLES if set, else ./samples in the current
    directory, else samples/ at the root of the checkout the package runs from."""
    import didar

    env = os.environ.get("DIDAR_SAMPLES")
    candidates = [Path(env)] if env else []
    candidates += [Path.cwd() / "samples", Path(didar.__file__).resolve().parents[2] / "samples"]
    for folder in candidates:
        if folder.is_dir():
            return folder
    return None


@main.command()
@db_option
@click.option(
    "--samples",
    type=click.Path(exists=True, file_okay=False),
    help="The folder to ingest (default: $DIDAR_SAMPLES, else ./samples, else the "
    "samples/ folder of the didar checkout).",
)
@format_option()
@jobs_option
@verbosity
@handles_errors
def demo(db: str, samples: str | None, fmt: str, jobs: int | None) -> None:
    """Ingest the bundled samples and print the events and quotes found in them."""
    from didar import query
    from didar.store.base import EVENT_KEYS, QUOTE_KEYS

    folder = Path(samples) if samples else find_samples()
    if folder is None:
        click.echo(
            "error: no samples folder found; run from a didar checkout, set "
            "DIDAR_SAMPLES, or pass --samples DIR",
            err=True,
        )
        sys.exit(EXIT_NOT_FOUND)
    note(f"ingesting {folder} into {db}")
    summary = _run_ingest((str(folder),), db, jobs, show_summary=fmt != "json")
    with _open_for_reading(db) as store:
        found_events = query.events(store, doc_ids=summary.doc_ids, limit=None)
        found_quotes = query.quotes(store, doc_ids=summary.doc_ids, limit=None)
    if fmt == "json":
        click.echo(
            to_json({"summary": summary.as_dict(), "events": found_events, "quotes": found_quotes})
        )
    else:
        click.echo(f"\nevents ({len(found_events)})")
        _emit(found_events, fmt, EVENT_KEYS, EVENT_COLUMNS, "events", None)
        click.echo(f"\nquotes ({len(found_quotes)})")
        _emit(found_quotes, fmt, QUOTE_KEYS, QUOTE_COLUMNS, "quotes", None)
    sys.exit(EXIT_FAILED_INPUTS if summary.failed else EXIT_OK)


if __name__ != "__main__":  # feeds and watch live in cli/feeds.py, which imports this module
    from didar.cli.export import register as _register_export
    from didar.cli.feeds import register as _register_feeds
    from didar.cli.serve import register as _register_serve
    from didar.web.screenshots import register as _register_screenshots

    _register_export(main)
    _register_feeds(main)
    _register_serve(main)
    _register_screenshots(main)


if __name__ == "__main__":  # pragma: no cover
    from didar.cli.main import main as _main  # the module proper, with every command

    _main()
