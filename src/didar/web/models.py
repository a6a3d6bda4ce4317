"""Typed shapes of the API's answers (for OpenAPI and validation). Rows keep the stable keys
of `didar.store.base`; `extra="allow"` lets keys added to the query layer pass through."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Row(BaseModel):
    model_config = ConfigDict(extra="allow")


class EventRow(Row):
    doc_id: str
    index: int
    type: str
    status: str
    date: str | None = None
    date_precision: str | None = None
    weekday: str | None = None
    participants: list[str] = []
    participant_ids: list[str] = []
    source_id: str | None = None
    target_id: str | None = None
    location_id: str | None = None
    evidence: str | None = None
    start: int
    end: int
    rule: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    language: str | None = None
    topics: list[str] = []
    summary: str | None = Field(None, description="English one-line summary")


class QuoteRow(Row):
    doc_id: str
    index: int
    speaker: str | None = None
    speaker_id: str | None = None
    text: str
    verb: str | None = None
    direct: bool | None = None
    start: int
    end: int
    published: str | None = None
    outlet: str | None = None
    language: str | None = None


class ActorRow(Row):
    id: str
    name: str | None = None
    native: str | None = None
    type: str | None = None
    country: str | None = None
    role: str | None = None
    known: bool
    documents: int
    mentions: int


class SearchRow(Row):
    doc_id: str
    title: str | None = None
    language: str | None = None
    outlet: str | None = None
    published: str | None = None
    version: int | None = None
    snippet: str
    hits: list[dict[str, int]] = Field(description="offsets of the matched words in the snippet")


class Listing(BaseModel):
    total: int | None = Field(description="rows over all pages, when known")
    limit: int
    offset: int
    next_offset: int | None = Field(description="the offset of the next page; null on the last")
    filters: dict[str, Any] = {}


class EventPage(Listing):
    items: list[EventRow]


class QuotePage(Listing):
    items: list[QuoteRow]


class ActorPage(Listing):
    items: list[ActorRow]


class SearchPage(Listing):
    q: str
    items: list[SearchRow]


class Fact(BaseModel):
    start: int
    end: int
    kind: str
    label: str
    words: str


class DocumentOut(Row):
    id: str
    version: int
    latest: bool
    sources: list[str]
    record: dict[str, Any]
    facts: list[Fact]
    events: list[EventRow]
    quotes: list[QuoteRow]


class ActorOut(Row):
    id: str
    name: str | None = None
    type: str | None = None
    country: str | None = None
    known: bool
    names: dict[str, list[str]]
    roles: list[dict[str, Any]]
    events: list[EventRow]
    counterparts: list[dict[str, Any]]
    quotes: list[QuoteRow]
    stances: list[dict[str, Any]]
    documents: int


class Node(Row):
    id: str
    name: str | None = None
    type: str | None = None
    country: str | None = None
    meetings: int


class Edge(Row):
    source: str
    target: str
    weight: int
    first: str | None = None
    last: str | None = None
    doc_ids: list[str] = []


class NetworkOut(Row):
    filters: dict[str, Any] = {}
    nodes: list[Node]
    edges: list[Edge]


class Stats(Row):
    counts: dict[str, int]
    facets: dict[str, Any] = {}


class Article(BaseModel):
    """One article to ingest: its text, and what is known about it."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, description="the article text (or HTML)")
    title: str | None = None
    url: str | None = None
    published: str | None = Field(None, description="YYYY-MM-DD")
    outlet: str | None = None


class IngestResult(BaseModel):
    source: str
    status: str = Field(description="stored | duplicate | new_version | failed")
    doc_id: str | None = None
    version: int | None = None
    error: str | None = None


class IngestOut(BaseModel):
    read: int
    stored: int
    new_versions: int
    duplicates: int
    failed: int
    results: list[IngestResult]


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str
    hint: str = ""
    source: str | None = None


class ErrorOut(BaseModel):
    error: ErrorDetail
