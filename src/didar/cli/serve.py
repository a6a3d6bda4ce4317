"""`didar serve`: the web app and REST API (`didar.web`) on 127.0.0.1, never on another
interface. The address is printed on stdout once the port is bound (port 0: any free port)."""

from __future__ import annotations

import socket
import threading

import click

from didar.cli.main import db_option, handles_errors, note, verbosity

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
    # the actor dictionary takes seconds to read: read it while the first pages are served
    threading.Thread(target=app.state.variants, name="didar-warm-up", daemon=True).start()
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    server.run(sockets=[sock])


def register(main: click.Group) -> None:
    main.add_command(serve)
