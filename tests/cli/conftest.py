from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

# The hand-built records live with the store tests; the CLI tests list them too.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))

from store_records import corpus

from didar.store import SQLiteStore


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={"DIDAR_DB": None, "DIDAR_SAMPLES": None})


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A database holding the four hand-built documents of store_records."""
    path = tmp_path / "listing.db"
    with SQLiteStore(path) as store:
        store.put_many(corpus())
    return str(path)
