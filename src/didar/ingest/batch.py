"""Batch work: extract many articles (in this process or a pool) and store them.

Extraction is a pure function over one item, so the same code runs in this process (`jobs=1`)
or in a pool of worker processes: each worker builds the resources once, extracts, and sends the
record back; this process is the one writer that stores them, in chunks (one transaction each:
`chunk_size` documents, or whatever `chunk_seconds` gathered). A failure (unreadable input,
typed extraction error, even a bug in a stage) is a `Failure` of that article only: the batch
goes on. Results keep the input order. Nothing here prints.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from didar.errors import DidarError, StoreError, WorkerPoolError
from didar.ingest.readers import Item, ReadFailure, ReadResult
from didar.record import Analysis, Document
from didar.store.base import DUPLICATE, FAILED, NEW_VERSION, STORED, PutResult, Store

log = logging.getLogger(__name__)

CHUNK_SIZE = 500  # documents per store transaction
CHUNK_SECONDS = 2.0  # ... or fewer, when extracting them took this long (bounds lost work)
WINDOW_PER_JOB = 16  # items in flight per worker process (bounds memory on huge inputs)
INTERNAL_ERROR = "E999"

Extractor = Callable[[Item, Any], Document]
Loader = Callable[[], Any]


@dataclass(frozen=True, slots=True)
class Failure:
    """An article that produced no record, and why."""

    source: str
    code: str
    message: str  # the full message, with the source and what to do

    @classmethod
    def from_error(cls, source: str, error: BaseException) -> Failure:
        if isinstance(error, DidarError):
            if error.source is None:
                error.source = source
            return cls(source, error.code, str(error))
        return cls(
            source,
            INTERNAL_ERROR,
            f"{source}: [{INTERNAL_ERROR}] internal error {type(error).__name__}: {error} "
            "(a bug in didar; rerun with -vv for the traceback and report it)",
        )


Outcome = PutResult | Failure


def extract_item(item: Item, res: Any) -> Document:
    """The default extractor: the full pipeline on one article."""
    from didar.pipeline import extract

    return extract(item.data, res, source=item.source, meta=item.meta or None)


def default_loader() -> Any:
    from didar.resources import load_resources

    return load_resources()


def _extract_safely(item: Item, res: Any, extractor: Extractor) -> Document | Failure:
    try:
        return extractor(item, res)
    except DidarError as exc:
        return Failure.from_error(item.source, exc)
    except Exception as exc:  # a bug in one stage must not stop the batch: report it per item
        log.debug("internal error on %s", item.source, exc_info=True)
        return Failure.from_error(item.source, exc)


# Worker processes keep their own resources here, built once by the pool initializer.
_worker: dict[str, Any] = {}


def _init_worker(loader: Loader, extractor: Extractor) -> None:
    _worker["res"] = loader()
    _worker["extractor"] = extractor


def _work(item: Item) -> Document | Failure:
    result = _extract_safely(item, _worker["res"], _worker["extractor"])
    if isinstance(result, Document):
        result.analysis = Analysis()  # working data is not part of the record: don't ship it
    return result


def extract_items(
    inputs: Iterable[ReadResult],
    *,
    res: Any = None,
    jobs: int = 1,
    loader: Loader = default_loader,
    extractor: Extractor = extract_item,
) -> Iterator[Document | Failure]:
    """A record or a Failure for each input, in input order. With `jobs > 1`, a pool of that
    many processes extracts (each builds its resources with `loader`); `res` is used only when
    `jobs == 1` (built with `loader` if not given)."""
    if jobs <= 1:
        if res is None:
            res = loader()
        for r in inputs:
            if isinstance(r, ReadFailure):
                yield Failure.from_error(r.source, r.error)
            else:
                yield _extract_safely(r, res, extractor)
        return
    try:
        yield from _extract_in_pool(inputs, jobs, loader, extractor)
    except BrokenProcessPool as exc:
        raise WorkerPoolError(
            "an extraction worker process died (out of memory, or its resources failed to load)"
        ) from exc


def _extract_in_pool(
    inputs: Iterable[ReadResult], jobs: int, loader: Loader, extractor: Extractor
) -> Iterator[Document | Failure]:
    window: deque[Future | Failure] = deque()
    limit = jobs * WINDOW_PER_JOB
    with ProcessPoolExecutor(
        max_workers=jobs, initializer=_init_worker, initargs=(loader, extractor)
    ) as pool:
        for r in inputs:
            if isinstance(r, ReadFailure):
                window.append(Failure.from_error(r.source, r.error))
            else:
                window.append(pool.submit(_work, r))
            while len(window) >= limit or (window and _ready(window[0])):
                yield _result(window.popleft())
        while window:
            yield _result(window.popleft())


def _ready(x: Future | Failure) -> bool:
    return isinstance(x, Failure) or x.done()


def _result(x: Future | Failure) -> Document | Failure:
    return x if isinstance(x, Failure) else x.result()


def ingest(
    store: Store,
    inputs: Iterable[ReadResult],
    *,
    res: Any = None,
    jobs: int = 1,
    chunk_size: int = CHUNK_SIZE,
    chunk_seconds: float = CHUNK_SECONDS,
    loader: Loader = default_loader,
    extractor: Extractor = extract_item,
) -> Iterator[Outcome]:
    """Extract and store every input; yield one outcome per input: a `Failure` as soon as it
    happens, a `PutResult` when its chunk is committed. A `StoreError` (the database itself
    failed) ends the batch: earlier chunks stay stored, and a rerun finds them as duplicates."""
    pending: list[Document] = []
    started = time.monotonic()
    for result in extract_items(inputs, res=res, jobs=jobs, loader=loader, extractor=extractor):
        if isinstance(result, Failure):
            yield result
            continue
        if not pending:
            started = time.monotonic()
        pending.append(result)
        if len(pending) >= chunk_size or time.monotonic() - started >= chunk_seconds:
            yield from store.put_many(pending)
            pending = []
    if pending:
        yield from store.put_many(pending)


@dataclass(slots=True)
class IngestSummary:
    """What a batch did: inputs read, documents stored, new versions, duplicates, failures."""

    read: int = 0
    stored: int = 0
    new_versions: int = 0
    duplicates: int = 0
    failures: list[Failure] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)  # every stored or duplicate document

    def add(self, outcome: Outcome) -> None:
        self.read += 1
        if isinstance(outcome, Failure):
            self.failures.append(outcome)
        elif outcome.status == FAILED:
            code = StoreError.code
            self.failures.append(
                Failure(outcome.source or "?", code, f"{outcome.source}: [{code}] {outcome.error}")
            )
        else:
            self.doc_ids.append(outcome.doc_id)
            if outcome.status == STORED:
                self.stored += 1
            elif outcome.status == NEW_VERSION:
                self.new_versions += 1
            elif outcome.status == DUPLICATE:
                self.duplicates += 1

    @property
    def failed(self) -> int:
        return len(self.failures)

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "stored": self.stored,
            "new_versions": self.new_versions,
            "duplicates": self.duplicates,
            "failed": self.failed,
            "failures": [
                {"source": f.source, "code": f.code, "message": f.message} for f in self.failures
            ],
        }
