"""Fixtures for the didar.text tests (corpus helpers are in textcorpus.py)."""

from __future__ import annotations

import pytest

from didar.text.resources import TextResources, load_text_resources


@pytest.fixture(scope="session")
def res() -> TextResources:
    return load_text_resources()
