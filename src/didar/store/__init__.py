"""didar.store: where records are kept. `open_store(path)` gives the default (SQLite) backend;
`Store` is the contract other backends implement (see `base.py`)."""

from __future__ import annotations

from pathlib import Path

from didar.errors import AmbiguousIdError
from didar.store.base import (
    DUPLICATE,
    FAILED,
    NEW_VERSION,
    STORED,
    ActorFilter,
    EventFilter,
    Page,
    PutResult,
    QuoteFilter,
    SearchQuery,
    Store,
)
from didar.store.sqlite import SQLiteStore


def open_store(path: str | Path, *, create: bool = True) -> Store:
    """The store at `path` (an SQLite file, made with its schema when `create` is true)."""
    return SQLiteStore(path, create=create)


__all__ = [
    "DUPLICATE",
    "FAILED",
    "NEW_VERSION",
    "STORED",
    "ActorFilter",
    "AmbiguousIdError",
    "EventFilter",
    "Page",
    "PutResult",
    "QuoteFilter",
    "SQLiteStore",
    "SearchQuery",
    "Store",
    "open_store",
]
