"""Fixtures of the web tests (and of the browser tests, which reuse them): a store built once
per session by ingesting the project's samples/, and clients of the app over it.

`web_samples.build_sample_db(path)` is the helper: it ingests samples/ into a new database at
`path` and returns the path. The session fixture `sample_db` calls it once."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

warnings.filterwarnings("ignore", message=".*httpx.*")
from fastapi.testclient import TestClient  # noqa: E402
from web_samples import HOSTILE_TEXT, IMG, RLO, SCRIPT, build_sample_db  # noqa: E402

from didar.store import SQLiteStore  # noqa: E402
from didar.web import create_app  # noqa: E402


@pytest.fixture(scope="session")
def web_resources() -> Any:
    from didar.resources import load_resources

    return load_resources()


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory, web_resources: Any) -> Path:
    """The samples ingested once per session (read-only: copy it before writing)."""
    return build_sample_db(tmp_path_factory.mktemp("web") / "samples.db", web_resources)


@pytest.fixture(scope="session")
def client(sample_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(sample_db), raise_server_exceptions=True) as c:
        yield c


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory: pytest.TempPathFactory, web_resources: Any) -> tuple[Path, str]:
    """A store holding one article with markup and a bidi override in its text, title and
    outlet; returns the path and the document id."""
    from didar.pipeline import extract

    doc = extract(
        HOSTILE_TEXT,
        web_resources,
        source="hostile.txt",
        meta={"title": f"{SCRIPT} عنوان", "outlet": IMG},
    )
    # the pipeline drops bidi controls; a record from elsewhere may still hold them: append
    # one at the end of the text (offsets of the facts stay valid) and in the title
    doc.text += f" {RLO}متن وارونه"
    doc.title = f"{SCRIPT} {RLO}عنوان"
    doc.outlet = IMG
    path = tmp_path_factory.mktemp("hostile") / "hostile.db"
    with SQLiteStore(path) as store:
        (result,) = store.put_many([doc])
    assert result.status == "stored", result
    return path, result.doc_id
