"""The FastAPI app: `create_app(db_path, token=...)`.

Security: article text is untrusted. Templates autoescape everything and neutralise bidi
controls in every value they print (`markup.neutralise` as Jinja's `finalize`); every response
carries a strict Content-Security-Policy (scripts only from /static, no inline script), nosniff,
no framing and no referrer. Errors are JSON under /api/ and on `.json` twins and downloads, and
an HTML page elsewhere, with the status of the typed error (400 bad filter, 404 not found).
"""

from __future__ import annotations

import functools
import logging
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from didar import __version__ as _didar_version
from didar.errors import (
    AmbiguousIdError,
    DidarError,
    DocumentNotFoundError,
    QueryError,
    StoreError,
)
from didar.web.markup import neutralise
from didar.web.settings import Settings
from didar.web.views import Memo

log = logging.getLogger(__name__)

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
JSON_SUFFIXES = (".json", ".jsonl", ".csv", ".parquet", ".graphml", ".gexf")
DESCRIPTION = (
    "Read-only access to didar's store of Persian and Arabic political news: documents, "
    "events, quotes, actors, full-text search, statistics and the meeting network. Every "
    "listing takes `limit` (capped) and `offset`. Errors are JSON: "
    '`{"error": {"status", "code", "message", "hint"}}`. `POST /api/ingest` is off unless '
    "the server was started with a token."
)


def _package_dir(name: str) -> Path:
    return Path(str(resources.files("didar.web") / name))


def _not_found(exc: DidarError) -> bool:
    return isinstance(exc, DocumentNotFoundError | AmbiguousIdError) or type(exc).__name__.endswith(
        "NotFoundError"
    )


def status_of(exc: DidarError) -> int:
    if _not_found(exc):
        return 404
    if isinstance(exc, QueryError):
        return 400
    if isinstance(exc, StoreError):
        return 503
    return 400


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path.endswith(JSON_SUFFIXES) or path == "/openapi.json"


def make_templates() -> Jinja2Templates:
    env = Environment(
        loader=FileSystemLoader(_package_dir("templates")),
        autoescape=select_autoescape(default=True, default_for_string=True),
        finalize=neutralise,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return Jinja2Templates(env=env)


def create_app(db_path: str | Path | None = None, *, token: str | None = None) -> FastAPI:
    """The web app over the store at `db_path` (default: $DIDAR_DB, else didar.db). With
    `token`, POST /api/ingest is on and requires `Authorization: Bearer <token>`."""
    from didar.web.routes import api, docs, downloads, pages

    settings = Settings.from_env(db_path, token)
    app = FastAPI(
        title="didar",
        version=_didar_version,
        description=DESCRIPTION,
        docs_url=None,  # the default pages load Swagger UI from a CDN: ours are local
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.templates = make_templates()
    app.state.variants = functools.cache(_load_variants)
    app.state.resources = functools.cache(_load_resources)
    app.state.memo = Memo(settings.memo_seconds)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        return response

    def error_response(request: Request, status: int, body: dict[str, Any], headers=None):
        if wants_json(request):
            return JSONResponse({"error": {"status": status, **body}}, status, headers=headers)
        return app.state.templates.TemplateResponse(
            request,
            "error.html",
            {"status": status, "error": body},
            status_code=status,
            headers=headers,
        )

    @app.exception_handler(DidarError)
    async def didar_error(request: Request, exc: DidarError) -> Response:
        status = status_of(exc)
        if status >= 500:
            log.warning("%s", exc)
        body = {"code": exc.code, "message": exc.message, "hint": exc.hint}
        if exc.source:
            body["source"] = exc.source
        return error_response(request, status, body)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg')}"
            for e in exc.errors()
        )
        return error_response(
            request,
            400,
            {"code": QueryError.code, "message": problems or "bad request", "hint": ""},
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        body = {"code": f"HTTP{exc.status_code}", "message": str(exc.detail), "hint": ""}
        return error_response(request, exc.status_code, body, getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        log.error("internal error on %s", request.url.path, exc_info=exc)
        body = {
            "code": "E999",
            "message": f"internal error {type(exc).__name__} (a bug in didar; see the log)",
            "hint": "",
        }
        response = error_response(request, 500, body)
        for k, v in SECURITY_HEADERS.items():  # this answer bypasses the middleware
            response.headers.setdefault(k, v)
        return response

    app.mount("/static", StaticFiles(directory=_package_dir("static")), name="static")
    swagger = docs.swagger_assets()
    if swagger is not None:
        app.mount("/static-docs", StaticFiles(directory=swagger), name="static-docs")
    app.include_router(api.router)
    app.include_router(docs.router)
    app.include_router(downloads.router)
    app.include_router(pages.router)
    return app


def _load_variants() -> Any:
    from didar import query

    return query.load_actor_variants()


def _load_resources() -> Any:
    from didar.resources import load_resources

    return load_resources()
