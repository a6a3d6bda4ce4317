"""Shared fixtures for the dates tests.

`run(text, language, published=None)` builds a Document the way the pipeline does before the
dates stage (text, language, matching key and offset map; optional metadata date) and runs
`find_dates` on it. The stage only reads `res.dates`, so a namespace holding the date
resources stands in for the full `Resources`.
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

import pytest

from didar.dates.extract import find_dates
from didar.dates.resources import DateResources, load_date_resources
from didar.record import Document
from didar.text.normalize import fold


@pytest.fixture(scope="session")
def date_res() -> DateResources:
    return load_date_resources()


def make_doc(text: str, language: str, published: str | None = None) -> Document:
    doc = Document(text=text)
    doc.language = language
    doc.published = published
    doc.analysis.key, doc.analysis.key_to_text = fold(text)
    return doc


@pytest.fixture(scope="session")
def new_doc() -> Callable[..., Document]:
    """make_doc: a Document ready for the dates stage, not yet run."""
    return make_doc


@pytest.fixture(scope="session")
def run(date_res: DateResources) -> Callable[..., Document]:
    res = SimpleNamespace(dates=date_res)

    def _run(text: str, language: str, published: str | None = None) -> Document:
        return find_dates(make_doc(text, language, published), res)  # type: ignore[arg-type]

    return _run
