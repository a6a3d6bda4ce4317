"""Batch extraction and ingest, with a stand-in extractor so these tests do not depend on the
pipeline's stages (the CLI tests run the real one)."""

from __future__ import annotations

import hashlib

import pytest

from didar.errors import EmptyDocumentError, StoreError
from didar.ingest.batch import (
    INTERNAL_ERROR,
    Failure,
    IngestSummary,
    WorkerPoolError,
    extract_items,
    ingest,
)
from didar.ingest.readers import Item, ReadFailure
from didar.record import Actor, Document, Mention
from didar.store import DUPLICATE, NEW_VERSION, STORED, SQLiteStore

ARTICLES = [
    "مسعود پزشکیان رئیس‌جمهور در دیدار عمار حکیم گفت: روابط دو ملت عمیق است.",
    "استقبل محمد شياع السوداني وزير الخارجية الإيراني في بغداد.",
    "عباس عراقچی هفته آینده به بغداد سفر خواهد کرد.",
]


def fake_loader() -> dict:
    """Stands for load_resources(): runs once per process."""
    return {"loaded": True}


def fake_extract(item: Item, res: dict) -> Document:
    """A stand-in pipeline: typed errors for empty input, a crash on a marker, else a record."""
    assert res == {"loaded": True}
    text = item.data.decode("utf-8") if isinstance(item.data, bytes) else item.data
    if not text.strip():
        raise EmptyDocumentError("the input holds no article text", item.source)
    if "CRASH" in text:
        raise IndexError("list index out of range")
    doc = Document(source=item.source, language="fa", text=text, url=item.meta.get("url"))
    doc.actors = [
        Actor(
            "x-first-word",
            text.split()[0],
            text.split()[0],
            "person",
            None,
            None,
            False,
            [Mention(0, len(text.split()[0]))],
        )
    ]
    doc.id = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return doc


def items(*texts: str) -> list[Item]:
    return [Item(f"in/{i}.txt", t.encode("utf-8")) for i, t in enumerate(texts)]


def run(inputs, jobs=1):
    return list(extract_items(inputs, jobs=jobs, loader=fake_loader, extractor=fake_extract))


def test_failures_are_per_item_typed_and_in_order():
    inputs = [
        *items(ARTICLES[0], "   ", "CRASH here", ARTICLES[1]),
        ReadFailure("gone.txt", EmptyDocumentError("x", "gone.txt")),
    ]
    results = run(inputs)
    assert [type(r).__name__ for r in results] == [
        "Document",
        "Failure",
        "Failure",
        "Document",
        "Failure",
    ]
    assert results[1].code == "E101" and results[1].source == "in/1.txt"
    assert results[2].code == INTERNAL_ERROR and "IndexError" in results[2].message
    assert results[4].source == "gone.txt"


def test_a_pool_gives_the_same_results_in_the_same_order():
    inputs = items(*(ARTICLES * 20), "", "CRASH")
    one = run(inputs)
    two = run(inputs, jobs=2)
    assert [r.id if isinstance(r, Document) else r.code for r in two] == [
        r.id if isinstance(r, Document) else r.code for r in one
    ]
    assert all(isinstance(r, Document) and r.actors for r in two[:60])


def test_ingest_summary_counts_everything(tmp_path):
    with SQLiteStore(tmp_path / "d.db") as store:
        summary = IngestSummary()
        inputs = [
            *items(*ARTICLES),
            *items(ARTICLES[0]),
            *items(""),
            Item("in/0.txt", (ARTICLES[0] + " ویرایش").encode()),
        ]
        for outcome in ingest(
            store, inputs, loader=fake_loader, extractor=fake_extract, chunk_size=2
        ):
            summary.add(outcome)
        assert (
            summary.read,
            summary.stored,
            summary.duplicates,
            summary.new_versions,
            summary.failed,
        ) == (6, 3, 1, 1, 1)
        assert summary.failures[0].source == "in/0.txt" and summary.failures[0].code == "E101"
        assert store.counts()["documents"] == 3
        assert summary.as_dict()["failures"][0]["code"] == "E101"


def test_outcome_statuses(tmp_path):
    with SQLiteStore(tmp_path / "d.db") as store:
        first = list(ingest(store, items(*ARTICLES), loader=fake_loader, extractor=fake_extract))
        again = list(ingest(store, items(*ARTICLES), loader=fake_loader, extractor=fake_extract))
        changed = list(
            ingest(
                store,
                [Item("in/2.txt", b"a changed text")],
                loader=fake_loader,
                extractor=fake_extract,
            )
        )
    assert [o.status for o in first] == [STORED] * 3
    assert [o.status for o in again] == [DUPLICATE] * 3
    assert [(o.status, o.version) for o in changed] == [(NEW_VERSION, 2)]


def test_a_store_failure_ends_the_batch_keeping_committed_chunks(tmp_path, monkeypatch):
    texts = [f"{ARTICLES[i % 3]} {i}" for i in range(10)]
    with SQLiteStore(tmp_path / "d.db") as store:
        real = store.put_many
        calls = []

        def put_many(docs):
            calls.append(len(docs))
            if len(calls) == 3:
                raise StoreError("disk full", "d.db")
            return real(docs)

        monkeypatch.setattr(store, "put_many", put_many)
        seen = []
        with pytest.raises(StoreError):
            for outcome in ingest(
                store, items(*texts), loader=fake_loader, extractor=fake_extract, chunk_size=3
            ):
                seen.append(outcome)
        assert len(seen) == 6 and store.counts()["documents"] == 6
        monkeypatch.undo()
        rerun = [
            o.status
            for o in ingest(
                store, items(*texts), loader=fake_loader, extractor=fake_extract, chunk_size=3
            )
        ]
    assert rerun == [DUPLICATE] * 6 + [STORED] * 4


def test_failure_from_an_error_keeps_its_message():
    f = Failure.from_error("a.txt", EmptyDocumentError("no text"))
    assert f.message.startswith("a.txt: [E101] no text")


def broken_loader() -> dict:
    raise MemoryError("no room for the resources")


def test_a_dead_worker_pool_is_a_typed_error():
    with pytest.raises(WorkerPoolError, match="worker process died"):
        list(extract_items(items(*ARTICLES), jobs=2, loader=broken_loader, extractor=fake_extract))
