"""The language detector is built on first use, once (loading lingua's models costs a second)."""

from didar.text.resources import load_text_resources


def test_lingua_is_built_lazily() -> None:
    res = load_text_resources()
    assert res._detector._detector is None
    assert res.detector is res.detector  # built once, then reused
