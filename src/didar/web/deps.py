"""Dependencies of the routes: settings, the store, paging, filters and the ingest token.

sqlite3 connections belong to the thread that opened them, and FastAPI runs a sync dependency
and the sync endpoint that uses it on different pool threads. So the store dependency hands out
an opener, and each endpoint opens the store in its own thread (`with store() as s:`), read-only
for reading (`create=False`: a missing file is an error, never a new empty database).
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, fields
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from didar.store import SQLiteStore, Store
from didar.web.settings import MAX_OFFSET, Settings

StoreOpener = Callable[[], AbstractContextManager[Store]]


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_reader(settings: SettingsDep) -> StoreOpener:
    """Opens the store for reading (in the calling thread)."""
    return lambda: SQLiteStore(settings.db_path, create=False)


def get_writer(settings: SettingsDep) -> StoreOpener:
    """Opens the store for writing (made when missing)."""
    return lambda: SQLiteStore(settings.db_path, create=True)


ReaderDep = Annotated[StoreOpener, Depends(get_reader)]


def variants_for(request: Request, name: str | None) -> Any:
    """The actor dictionary's name variants when a name is to be resolved, else None (they
    take seconds to build the first time: requests without a name never wait for them)."""
    return request.app.state.variants() if name and name.strip() else None


WriterDep = Annotated[StoreOpener, Depends(get_writer)]


@dataclass(frozen=True, slots=True)
class Paging:
    limit: int
    offset: int


def get_paging(
    settings: SettingsDep,
    limit: Annotated[int | None, Query(ge=1, description="Rows per page (capped).")] = None,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")] = 0,
) -> Paging:
    cap = settings.max_limit
    return Paging(min(limit or settings.default_limit, cap), offset)


PagingDep = Annotated[Paging, Depends(get_paging)]


def _text(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


class _Given:
    """What a set of filters was given (unset filters are None)."""

    __slots__ = ()

    def given(self) -> dict[str, Any]:
        return {f.name: v for f in fields(self) if (v := getattr(self, f.name)) is not None}


@dataclass(frozen=True, slots=True)
class EventFilters(_Given):
    """The filters of /events, its twin, its downloads and /api/events (empty means unset)."""

    since: str | None = None
    until: str | None = None
    actor: str | None = None
    country: str | None = None
    type: str | None = None
    status: str | None = None
    topic: str | None = None
    language: str | None = None
    outlet: str | None = None


def get_event_filters(
    since: Annotated[str | None, Query(description="YYYY, YYYY-MM or YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(description="YYYY, YYYY-MM or YYYY-MM-DD")] = None,
    actor: Annotated[str | None, Query(description="actor id or name, any script")] = None,
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-3, e.g. IRQ")] = None,
    type: Annotated[str | None, Query(description="event types, comma-separated")] = None,
    status: Annotated[str | None, Query(description="statuses, comma-separated")] = None,
    topic: Annotated[str | None, Query(description="topic ids, comma-separated")] = None,
    language: Annotated[str | None, Query(description="fa, ar or en")] = None,
    outlet: Annotated[str | None, Query(description="the outlet as stored")] = None,
) -> EventFilters:
    return EventFilters(
        *(_text(v) for v in (since, until, actor, country, type, status, topic, language, outlet))
    )


EventFiltersDep = Annotated[EventFilters, Depends(get_event_filters)]


_DAY = "YYYY, YYYY-MM or YYYY-MM-DD"


@dataclass(frozen=True, slots=True)
class QuoteFilters(_Given):
    """The filters of /quotes, its twin, its downloads and /api/quotes."""

    speaker: str | None = None
    since: str | None = None
    until: str | None = None
    direct: bool | None = None


def get_quote_filters(
    speaker: Annotated[str | None, Query(description="actor id or name, any script")] = None,
    since: Annotated[str | None, Query(description=_DAY)] = None,
    until: Annotated[str | None, Query(description=_DAY)] = None,
    direct: Annotated[bool | None, Query(description="direct quotes only (or indirect)")] = None,
) -> QuoteFilters:
    return QuoteFilters(_text(speaker), _text(since), _text(until), direct)


QuoteFiltersDep = Annotated[QuoteFilters, Depends(get_quote_filters)]


@dataclass(frozen=True, slots=True)
class ActorFilters(_Given):
    """The filters of /actors, its twin and /api/actors."""

    name: str | None = None
    country: str | None = None
    type: str | None = None
    known: bool | None = None


def get_actor_filters(
    name: Annotated[str | None, Query(description="actor id or name, any script")] = None,
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-3, e.g. IRQ")] = None,
    type: Annotated[str | None, Query(description="person, organization, country, place")] = None,
    known: Annotated[bool | None, Query(description="dictionary actors (or discovered)")] = None,
) -> ActorFilters:
    return ActorFilters(_text(name), _text(country), _text(type), known)


ActorFiltersDep = Annotated[ActorFilters, Depends(get_actor_filters)]


@dataclass(frozen=True, slots=True)
class NetworkFilters(_Given):
    """The filters of /network, its twin, its downloads and /api/network."""

    since: str | None = None
    until: str | None = None
    country: str | None = None
    actor: str | None = None


def get_network_filters(
    since: Annotated[str | None, Query(description=_DAY)] = None,
    until: Annotated[str | None, Query(description=_DAY)] = None,
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-3, e.g. IRQ")] = None,
    actor: Annotated[str | None, Query(description="actor id or name, any script")] = None,
) -> NetworkFilters:
    return NetworkFilters(_text(since), _text(until), _text(country), _text(actor))


NetworkFiltersDep = Annotated[NetworkFilters, Depends(get_network_filters)]


bearer = HTTPBearer(
    auto_error=False,
    description="The token `didar serve --token` (or DIDAR_TOKEN) was started with.",
)


def require_token(
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)] = None,
) -> None:
    """Writing is off (403) unless the app was started with a token; then the request must
    carry `Authorization: Bearer <token>` (401 otherwise)."""
    if not settings.token:
        raise HTTPException(403, "ingest is off: start `didar serve` with --token to enable it")
    given = credentials.credentials.strip() if credentials is not None else ""
    if not hmac.compare_digest(given.encode(), settings.token.encode()):
        raise HTTPException(401, "missing or wrong token", headers={"WWW-Authenticate": "Bearer"})


def limit_body(request: Request, settings: SettingsDep) -> None:
    """A write request larger than `max_ingest_bytes` is refused (413) before it is read."""
    size = request.headers.get("content-length")
    if size is None or not size.isdigit():
        raise HTTPException(411, "send a Content-Length header")
    if int(size) > settings.max_ingest_bytes:
        raise HTTPException(
            413, f"the body is larger than {settings.max_ingest_bytes} bytes: send fewer articles"
        )
