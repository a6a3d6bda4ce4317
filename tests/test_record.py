"""The document record (../shared/spec/record.md): real extracted records survive
`to_dict` -> JSON -> `document_from_dict`, and every offset they carry indexes `text`.

The records come from the seed articles in /work/shared/corpus/seeds/ (skipped with a message
when that folder is not there), run through the whole pipeline with the real dictionary.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import didar
from didar.record import (
    Actor,
    DateMention,
    Document,
    Event,
    Evidence,
    Mention,
    Quote,
    Stance,
    document_from_dict,
)

SEEDS = Path("/work/shared/corpus/seeds")
SEED_FILES = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
NO_SEEDS = f"seed articles not found: {SEEDS} is absent or empty (the shared corpus is not mounted)"



@pytest.fixture(scope="module")
def records() -> dict[str, Document]:
    if not SEED_FILES:
        pytest.skip(NO_SEEDS)
    res = didar.load_resources()
    return {p.name: didar.extract(p.read_bytes(), res, source=str(p)) for p in SEED_FILES}


def seed_ids() -> list[str]:
    return [p.name for p in SEED_FILES] or ["no-seeds"]


@pytest.fixture(params=seed_ids())
def doc(request, records) -> Document:
    return records[request.param]


def spans(doc: Document) -> list[tuple[str, int, int]]:
    """Every (what, start, end) offset pair the record carries."""
    out = [(f"date {d.text}", d.start, d.end) for d in doc.dates]
    out += [(f"actor {a.id}", m.start, m.end) for a in doc.actors for m in a.mentions]
    out += [(f"event {e.evidence.rule}", e.evidence.start, e.evidence.end) for e in doc.events]
    out += [(f"quote {q.verb}", q.start, q.end) for q in doc.quotes]
    out += [(f"stance {s.source}", s.evidence.start, s.evidence.end) for s in doc.stances]
    return out


def test_seed_records_are_not_empty(doc):
    assert doc.text.strip()
    assert doc.language in ("fa", "ar")
    assert doc.actors and doc.events and doc.quotes


def test_round_trip_through_json(doc):
    d = doc.to_dict()
    line = json.dumps(d, ensure_ascii=False)
    assert "\n" not in line  # one record per line (JSON Lines)
    back = document_from_dict(json.loads(line))
    assert back.to_dict() == d
    assert isinstance(back, Document)
    assert all(isinstance(x, DateMention) for x in back.dates)
    assert all(isinstance(a, Actor) for a in back.actors)
    assert all(isinstance(m, Mention) for a in back.actors for m in a.mentions)
    assert all(isinstance(e, Event) and isinstance(e.evidence, Evidence) for e in back.events)
    assert all(isinstance(q, Quote) for q in back.quotes)


def test_round_trip_keeps_the_analysis_out(doc):
    d = doc.to_dict()
    assert "analysis" not in d
    back = document_from_dict(d)
    assert back.analysis.key == ""


def test_every_offset_indexes_text(doc):
    n = len(doc.text)
    for what, start, end in spans(doc):
        assert 0 <= start < end <= n, (what, start, end, n)
        assert doc.text[start:end].strip(), (what, start, end)


def test_spans_hold_what_the_record_says(doc):
    for d in doc.dates:
        assert doc.text[d.start:d.end] == d.text
    for q in doc.quotes:
        assert doc.text[q.start:q.end] == q.text
    for a in doc.actors:
        # "native": the name as first written (a role phrase only when no name is written)
        names = [m for m in a.mentions if m.kind != "role"] or a.mentions
        assert doc.text[names[0].start:names[0].end] == a.native, a


def test_references_point_to_actors_of_the_record(doc):
    ids = {a.id for a in doc.actors}
    assert len(ids) == len(doc.actors), "actor ids are unique"
    for e in doc.events:
        assert set(e.participants) <= ids
        assert e.source is None or e.source in ids
        assert e.target is None or e.target in ids
        assert e.location is None or doc.actor(e.location).type in ("place", "country")
    for q in doc.quotes:
        assert q.speaker is None or q.speaker in ids


def test_stances_round_trip_and_offsets():
    """The pipeline writes no stances yet; the record still carries them faithfully."""
    text = "حذر فاضل المنهالي اليوم زروان من التدخل في شؤون بلاده."
    doc = Document(id="x", language="ar", text=text,
                   stances=[Stance("minhali-fadel", "xza", -1, Evidence(0, len(text) - 1, "warn"))])
    back = document_from_dict(json.loads(json.dumps(doc.to_dict(), ensure_ascii=False)))
    (s,) = back.stances
    assert (s.source, s.target, s.polarity) == ("minhali-fadel", "xza", -1)
    assert isinstance(s.evidence, Evidence)
    assert back.text[s.evidence.start:s.evidence.end] == text[:-1]


def test_unknown_keys_are_ignored():
    d = Document(id="abc", language="fa", text="متن").to_dict()
    d["added_later"] = {"a": 1}
    assert document_from_dict(d).to_dict() == Document(id="abc", language="fa",
                                                       text="متن").to_dict()
