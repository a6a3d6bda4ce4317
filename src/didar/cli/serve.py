"""`didar serve`: the web app and REST API (`didar.web`) on 127.0.0.1, never on another
interface. The address is printed on stdout once the port is bound (port 0: any free port)."""

from __future__ import annotations

import logging
import socket
import threading
from typing import Any

import click

from didar.cli.main import db_option, handles_errors, note, verbosity

log = logging.getLogger(__name__)
HOST = "127.0.0.1"  # the app serves one analyst's machine: never 0.0.0.0


def bind(port: int) -> socket.socket:
    """A listening socket on 127.0.0.1:`port` (0: a free port chosen by the system)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
    except OSError as exc:
        sock.close()
        raise click.ClickException(f"cannot listen on {HOST}:{port}: {exc.strerror}") from exc
    sock.listen(128)
    return sock


@click.command()
@db_option
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="The port on 127.0.0.1 (0: any free port).",
)
@click.option(
    "--token",
    envvar="DIDAR_TOKEN",
    show_envvar=True,
    default=None,
    help="Turn on POST /api/ingest, for requests with 'Authorization: Bearer TOKEN' "
    "(prefer the environment variable: a command line is visible to other users).",
)
@verbosity
@handles_errors
def serve(db: str, port: int, token: str | None) -> None:
    """Serve the web app and the REST API over the database, on 127.0.0.1 only.

    Read-only unless --token is given. API documentation at /docs (no internet needed)."""
    import uvicorn

    from didar.store import SQLiteStore
    from didar.web import create_app

    SQLiteStore(db, create=bool(token)).close()  # a missing database is an error unless writing
    app = create_app(db, token=token)
    sock = bind(port)
    address = f"http://{HOST}:{sock.getsockname()[1]}/"
    click.echo(f"didar: serving {db} at {address}")
    note("read-only" if not token else "POST /api/ingest is on (bearer token)")
    note("press Ctrl+C to stop")
    # the actor dictionary and the store-wide aggregates take seconds on a large store:
    # compute them while the first pages are served
    threading.Thread(target=warm_up, args=(app, db), name="didar-warm-up", daemon=True).start()
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    server.run(sockets=[sock])


def warm_up(app: Any, db: str) -> None:
    """Read the actor dictionary and compute what the overview, the filters, the actor list and
    the network show (kept by the query layer until the store changes)."""
    from didar import query
    from didar.errors import DidarError
    from didar.store import SQLiteStore

    app.state.variants()
    limit = app.state.settings.default_limit
    try:
        with SQLiteStore(db, create=False) as store:
            query.overview(store)
            query.facets(store)
            query.counts(store)
            query.actors(store, limit=limit, offset=0, variants={})
            query.network(store, variants={})
            query.count_events(store, variants={})
    except DidarError as exc:  # a warm-up only: the requests report errors themselves
        log.warning("warm-up stopped: %s", exc)


def register(main: click.Group) -> None:
    main.add_command(serve)
