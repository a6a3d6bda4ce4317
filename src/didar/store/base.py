"""The store contract: what every backend (SQLite today) does, and the rows it returns.

A store keeps document records and answers the few questions the query layer asks. The query
layer (`didar.query`) validates user input and resolves names; a store receives already-checked
filters and returns plain rows (dicts) whose keys are listed below, so that the CLI, the API and
the web pages read the same shapes whatever the backend. `tests/store/test_contract.py` holds the
contract tests every backend must pass.

Rules of the contract:
- `put_many(docs)` is one atomic unit: either every outcome it returns is stored, or it raises
  `StoreError` and nothing of that call is stored. A document that cannot be stored (bad data)
  fails alone, with status `failed`; the others of the call are still stored.
- The same article twice is one record (same `id`, the hash of its normalized text): the second
  is a `duplicate`, and its source is added to the record's sources.
- A changed article is a new version: when a document's lineage key (its `url`, else its
  `source` when that is a plain path: not `-` and not `path#line`) was seen before with another
  text, it becomes version n+1 of that lineage (`new_version`); older versions are kept.
- Listings return the latest version of each lineage unless `all_versions` is set.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from didar.record import Document

STORED = "stored"
DUPLICATE = "duplicate"
NEW_VERSION = "new_version"
FAILED = "failed"

# Keys of the rows each listing returns, in display order.
EVENT_KEYS = (
    "doc_id",
    "index",
    "type",
    "status",
    "date",
    "date_precision",
    "weekday",
    "participants",
    "participant_ids",
    "source",
    "source_id",
    "target",
    "target_id",
    "location",
    "location_id",
    "host_id",
    "guest_id",
    "plover",
    "mode",
    "cameo",
    "goldstein",
    "quote",
    "evidence",
    "start",
    "end",
    "rule",
    "title",
    "published",
    "outlet",
    "language",
    "url",
    "topics",
    "roles",
    "countries",
    "summary",
)
QUOTE_KEYS = (
    "doc_id",
    "index",
    "speaker",
    "speaker_id",
    "text",
    "verb",
    "direct",
    "start",
    "end",
    "speaker_rule",
    "title",
    "published",
    "outlet",
    "language",
)
ACTOR_KEYS = (
    "id",
    "name",
    "native",
    "type",
    "country",
    "role",
    "known",
    "documents",
    "mentions",
)
SEARCH_KEYS = (
    "doc_id",
    "title",
    "language",
    "outlet",
    "published",
    "source",
    "version",
    "snippet",
)
DOCUMENT_KEYS = (
    "id",
    "version",
    "latest",
    "lineage",
    "sources",
    "versions",
    "content_hash",
    "ingested_at",
    "record",
)


@dataclass(frozen=True, slots=True)
class PutResult:
    """What happened to one document handed to `put_many`."""

    doc_id: str
    source: str | None
    status: str  # stored | duplicate | new_version | failed
    version: int = 0
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Page:
    limit: int = 100
    offset: int = 0


@dataclass(frozen=True, slots=True)
class EventFilter:
    actor_ids: frozenset[str] | None = None  # any participant, source, target, host, guest, place
    country: str | None = None  # ISO3 of an actor of the event, or of its place
    since: str | None = None  # event date >= (YYYY-MM-DD); undated events are left out
    until: str | None = None  # event date <= (YYYY-MM-DD)
    types: frozenset[str] | None = None
    statuses: frozenset[str] | None = None
    doc_ids: frozenset[str] | None = None
    languages: frozenset[str] | None = None  # the document's language
    outlets: frozenset[str] | None = None  # the document's outlet, as stored
    topics: frozenset[str] | None = None  # a topic of the document
    all_versions: bool = False


@dataclass(frozen=True, slots=True)
class QuoteFilter:
    speaker_ids: frozenset[str] | None = None
    since: str | None = None  # on the document's published date
    until: str | None = None
    direct: bool | None = None
    doc_ids: frozenset[str] | None = None
    all_versions: bool = False


@dataclass(frozen=True, slots=True)
class ActorFilter:
    known: bool | None = None
    actor_ids: frozenset[str] | None = None
    country: str | None = None
    types: frozenset[str] | None = None
    all_versions: bool = False


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """Full-text query on the search key (see `didar.store.search_key`): every phrase must occur;
    a phrase is a run of adjacent tokens; a token ending in `*` is a prefix."""

    phrases: tuple[tuple[str, ...], ...]
    all_versions: bool = False


class Store(ABC):
    """A place to keep records. Use as a context manager, or call `close()`."""

    @abstractmethod
    def put_many(self, docs: Sequence[Document]) -> list[PutResult]:
        """Store `docs` atomically (see the module rules); one result per document, in order."""

    @abstractmethod
    def get(self, doc_id: str) -> dict[str, Any] | None:
        """The stored document whose id is `doc_id` (or the only one starting with it), as a row
        with DOCUMENT_KEYS; None when absent. Raises `AmbiguousIdError` for a shared prefix."""

    @abstractmethod
    def actor_ids_named(self, key: str, *, partial: bool = False) -> set[str]:
        """Ids of stored actors whose id, name, native name or a mention's words, as a name key
        (`didar.store.keys.name_key`), equal `key`; with `partial`, also those that contain it
        as whole words ("hakim" in "ammar al hakim")."""

    @abstractmethod
    def events(self, f: EventFilter, page: Page) -> list[dict[str, Any]]:
        """Events (EVENT_KEYS), ordered by date (undated last), then document (in the order
        they were stored) and position."""

    @abstractmethod
    def count_events(self, f: EventFilter) -> int:
        """How many events `events(f, ...)` lists in all pages."""

    @abstractmethod
    def quotes(self, f: QuoteFilter, page: Page) -> list[dict[str, Any]]:
        """Quotes (QUOTE_KEYS), ordered by published date (undated last), document, position."""

    @abstractmethod
    def actors(self, f: ActorFilter, page: Page) -> list[dict[str, Any]]:
        """Actors (ACTOR_KEYS), one row per actor id, most documents first."""

    @abstractmethod
    def search(self, q: SearchQuery, page: Page) -> list[dict[str, Any]]:
        """Documents (SEARCH_KEYS) matching the query, best first."""

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """Numbers of documents (latest), versions, events, quotes and actors."""

    # aggregates for the overview, actor pages and the network (latest versions only; contact
    # events are meetings, visits and phone calls that occurred)

    @abstractmethod
    def facets(self) -> dict[str, Any]:
        """Filter values present: types, statuses, languages, outlets, countries, topics."""

    @abstractmethod
    def contact_dates(self) -> tuple[str | None, str | None]:
        """The first and last dates of contact events."""

    @abstractmethod
    def by_country_pair(self, since: str, until: str) -> list[dict[str, Any]]:
        """Contact events per month and country pair: {month, pair "AAA-BBB", count}."""

    @abstractmethod
    def by_topic(self, since: str, until: str) -> list[dict[str, Any]]:
        """Contact events per month and document topic: {month, topic, count}."""

    @abstractmethod
    def network(
        self,
        *,
        since: str | None,
        until: str | None,
        country: str | None,
        actor_ids: frozenset[str] | None,
        max_edges: int,
    ) -> dict[str, Any]:
        """Co-participants of contact events: {nodes: [...], edges: [...]}."""

    @abstractmethod
    def actor_summary(self, actor_id: str) -> dict[str, Any] | None:
        """Name, native, type, country, role, known, documents, natives of a stored actor."""

    @abstractmethod
    def counterparts(self, actor_id: str, limit: int) -> list[dict[str, Any]]:
        """Co-participants of an actor's contact events: {id, name, meetings, last}."""

    @abstractmethod
    def stances_of(self, actor_id: str, limit: int) -> list[dict[str, Any]]:
        """Stances of an actor: {target, target_name, date, polarity, doc_id, evidence}."""

    def generation(self) -> tuple[str, Any] | None:
        """(identity, state) that changes whenever stored documents change (None: unknown, do
        not cache): the query layer keeps store-wide aggregates per generation."""
        return None

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
