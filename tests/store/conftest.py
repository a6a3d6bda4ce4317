from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from didar.store import SQLiteStore, Store

# Every backend that implements didar.store.base.Store: the contract tests run on each.
BACKENDS: dict[str, Callable[[Path], Store]] = {
    "sqlite": lambda tmp: SQLiteStore(tmp / "didar.db"),
}


@pytest.fixture(params=sorted(BACKENDS))
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    s = BACKENDS[request.param](tmp_path)
    yield s
    s.close()
