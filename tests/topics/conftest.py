"""Fixtures for the topic tests: the real resources, loaded once per session, and `run(text)`,
the whole pipeline (didar.extract) on one short article."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import didar
from didar.record import Document


@pytest.fixture(scope="session")
def res() -> didar.Resources:
    return didar.load_resources()


@pytest.fixture(scope="session")
def run(res: didar.Resources) -> Callable[[str], Document]:
    def _run(text: str) -> Document:
        return didar.extract(text, res, meta={"published": "2025-03-04"})

    return _run
