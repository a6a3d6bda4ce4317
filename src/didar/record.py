"""The document record (contract v1, ../shared/spec/record.md) as typed dataclasses.

Every stage of the pipeline takes a `Document` and returns it with more fields filled in.
All offsets (`start`, `end`, end exclusive) index `Document.text`.
`Analysis` holds derived working data (matching key, offset map, sentences) that stages share;
it is never serialized.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field, fields
from typing import Any


@dataclass(slots=True)
class Span:
    start: int
    end: int


@dataclass(slots=True)
class Evidence:
    start: int
    end: int
    rule: str = ""


@dataclass(slots=True)
class DateMention:
    text: str
    start: int
    end: int
    calendar: str  # jalali | hijri | gregorian | relative
    value: str | None  # YYYY-MM-DD (Gregorian) or None when the text does not support one
    precision: str  # day | month | year | weekday
    weekday: str | None = None  # English weekday name written or implied by the text
    weekday_conflict: bool = False  # a written weekday contradicts the date: value not trusted
    rule: str = ""


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    kind: str = "name"  # name | short | role | pronoun | honorific_verb | side


@dataclass(slots=True)
class Actor:
    id: str
    name: str
    native: str
    type: str  # person | organization | country | place
    country: str | None
    role: str | None
    known: bool
    mentions: list[Mention] = field(default_factory=list)
    role_native: str | None = None  # the role as written, for discovered actors
    lat: float | None = None
    lon: float | None = None


@dataclass(slots=True)
class Event:
    type: str  # meeting | visit | phone_call | agreement | threat | accusation | demand | statement
    status: str  # occurred | planned | denied | conditional
    plover: str
    cameo: str | None
    participants: list[str]
    source: str | None
    target: str | None
    date: str | None
    date_precision: str  # day | month | year | weekday | unknown
    weekday: str | None
    location: str | None
    evidence: Evidence
    host: str | None = None
    guest: str | None = None
    mode: str | None = None  # PLOVER mode (meet, visit, host, phone, ...), or None
    goldstein: float | None = None  # Goldstein scale of the CAMEO code (-10 .. +10), or None
    quote: int | None = None  # index of the quote the event was stated in, if any


@dataclass(slots=True)
class Quote:
    speaker: str | None
    text: str
    start: int
    end: int
    verb: str
    direct: bool
    speaker_rule: str = ""
    topics: list[str] = field(default_factory=list)  # topic ids of what was said


@dataclass(slots=True)
class Stance:
    source: str
    target: str
    polarity: int
    evidence: Evidence
    quote: int | None = None  # index of the quote the stance was taken in


@dataclass(slots=True)
class TopicTag:
    """Why a document has a topic: the lexicon cue that matched, at its span."""

    topic: str
    start: int
    end: int
    cue: str


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int


@dataclass(slots=True)
class Ref:
    """One resolved actor mention (working data for the event and quote stages)."""

    start: int
    end: int
    actor: str  # actor id
    kind: str  # name | short | alias | role | discovered | demonym | pronoun
    type: str  # person | organization | country | place
    role: str | None = None  # role key when the mention is (or is attached to) a role phrase
    role_end: int | None = None  # end of an attached role phrase
    ks: int = -1  # the same span in the matching key (set by the actor stage)
    ke: int = -1


@dataclass(slots=True)
class Analysis:
    """Working data shared by stages; not part of the record."""

    key: str = ""  # matching key: folded text (see text.normalize.fold)
    key_to_text: list[int] = field(default_factory=list)  # key offset -> text offset (len(key)+1)
    sentences: list[Sentence] = field(default_factory=list)
    paragraphs: list[Span] = field(default_factory=list)
    boilerplate: list[Span] = field(default_factory=list)  # spans of text kept but not article body
    reference_date: str | None = None  # date relative expressions resolve against
    refs: list[Ref] = field(default_factory=list)  # resolved actor mentions, by start offset
    day: str | None = None  # the date roles are resolved at (reference date or dated event)


@dataclass(slots=True)
class Document:
    id: str = ""
    source: str | None = None
    language: str = "und"
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    text: str = ""
    dates: list[DateMention] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    topic_evidence: list[TopicTag] = field(default_factory=list)  # the spans behind `topics`
    url: str | None = None
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
    analysis: Analysis = field(default_factory=Analysis)

    def actor(self, actor_id: str) -> Actor | None:
        for a in self.actors:
            if a.id == actor_id:
                return a
        return None

    def to_dict(self) -> dict[str, Any]:
        return _to_plain(self)


_SKIP = {"analysis"}


def _to_plain(obj: Any) -> Any:
    if isinstance(obj, list):
        return [_to_plain(x) for x in obj]
    if hasattr(obj, "__dataclass_fields__"):
        return {f.name: _to_plain(getattr(obj, f.name)) for f in fields(obj) if f.name not in _SKIP}
    return obj


def document_from_dict(d: dict[str, Any]) -> Document:
    """Rebuild a Document from its serialized record (unknown keys are ignored)."""

    def build(cls: type, data: dict[str, Any]) -> Any:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})

    nested = {"dates", "actors", "events", "quotes", "stances", "topic_evidence"}
    doc = build(Document, {k: v for k, v in d.items() if k not in nested})
    doc.dates = [build(DateMention, x) for x in d.get("dates", [])]
    doc.actors = []
    for a in d.get("actors", []):
        actor = build(Actor, {k: v for k, v in a.items() if k != "mentions"})
        actor.mentions = [build(Mention, m) for m in a.get("mentions", [])]
        doc.actors.append(actor)
    doc.events = [
        build(Event, {**e, "evidence": build(Evidence, e["evidence"])})
        for e in d.get("events", [])
    ]
    doc.quotes = [build(Quote, q) for q in d.get("quotes", [])]
    doc.stances = [
        build(Stance, {**s, "evidence": build(Evidence, s["evidence"])})
        for s in d.get("stances", [])
    ]
    doc.topic_evidence = [build(TopicTag, t) for t in d.get("topic_evidence", [])]
    return doc


def in_boilerplate(doc: Document, offset: int) -> bool:
    """Is a text offset inside a span kept as evidence but not article body (a dateline,
    "المصدر: ...")?"""
    return any(b.start <= offset < b.end for b in doc.analysis.boilerplate)


def refs_between(doc: Document, start: int, end: int) -> list[Ref]:
    """The resolved mentions starting in [start, end) (refs are sorted by start)."""
    refs = doc.analysis.refs
    lo = bisect_left(refs, start, key=lambda r: r.start)
    hi = bisect_left(refs, end, lo, key=lambda r: r.start)
    return refs[lo:hi]
