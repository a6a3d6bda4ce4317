"""Typed settings of the web app, from arguments or the environment (DIDAR_DB, DIDAR_TOKEN)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_LIMIT = 50  # rows per page when the request names no limit
MAX_LIMIT = 500  # the most rows one request may ask for (pages, twins and API alike)
MAX_OFFSET = 1_000_000_000  # SQLite integers are 64-bit: larger offsets are a 400, not a crash
EXPORT_LIMIT = 100_000  # the most rows one download holds
MAX_INGEST_BYTES = 2_000_000  # the largest POST /api/ingest body
MAX_INGEST_ITEMS = 100  # the most articles one POST /api/ingest may carry
MEMO_SECONDS = 60.0  # filter dropdown values (facets) are recomputed at most this often


@dataclass(frozen=True, slots=True)
class Settings:
    """`db_path`: the SQLite store; `token`: when set, POST /api/ingest is on and requires
    `Authorization: Bearer <token>`; without it the app is read-only."""

    db_path: Path
    token: str | None = None
    default_limit: int = DEFAULT_LIMIT
    max_limit: int = MAX_LIMIT
    export_limit: int = EXPORT_LIMIT
    max_ingest_bytes: int = MAX_INGEST_BYTES
    max_ingest_items: int = MAX_INGEST_ITEMS
    memo_seconds: float = MEMO_SECONDS

    @classmethod
    def from_env(cls, db_path: str | Path | None = None, token: str | None = None) -> Settings:
        db = db_path or os.environ.get("DIDAR_DB") or "didar.db"
        return cls(db_path=Path(db), token=token or os.environ.get("DIDAR_TOKEN") or None)
