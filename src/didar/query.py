"""The one query layer: what the CLI, the REST API and the web pages ask the store.

Each function takes a `Store`, checks and normalizes what the user typed (dates, codes, names),
and returns plain rows (dicts) with stable keys (`didar.store.base.*_KEYS`), paginated with
`limit` / `offset` (`limit=None`: everything). Bad input raises `QueryError`; a missing document
`DocumentNotFoundError`.

Actor names (`actor=`, `speaker=`, `name=`) match an actor id, or the English name, the native
name, a name as written in a stored document, or any variant in the actor dictionary, compared
as name keys (`didar.store.keys.name_key`: ی/ي, ک/ك, alef forms, ZWNJ and punctuation folded).
Exact matches win; when there is none, names that contain the query as whole words match
("Hakim" finds Ammar al-Hakim).
"""

from __future__ import annotations

import copy
import functools
import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

from didar.actors.dictionary import ActorEntry, load_entries, load_roles
from didar.errors import ActorNotFoundError, DocumentNotFoundError, QueryError, ResourceError
from didar.store.base import (
    ActorFilter,
    EventFilter,
    Page,
    QuoteFilter,
    SearchQuery,
    Store,
)
from didar.store.keys import name_key, search_tokens

log = logging.getLogger(__name__)

DEFAULT_LIMIT = 100
MAX_OFFSET = 2**53  # limit/offset beyond this overflow SQLite's integers; no store is that big
EVENT_TYPES = frozenset(
    {
        "meeting",
        "visit",
        "phone_call",
        "agreement",
        "threat",
        "accusation",
        "demand",
        "appeal",
        "praise",
        "denial",
        "condolence",
        "invitation",
        "statement",
    }
)
EVENT_STATUSES = frozenset({"occurred", "planned", "denied", "conditional"})
ACTOR_TYPES = frozenset({"person", "organization", "country", "place"})
LANGUAGES = frozenset({"fa", "ar", "en"})
CONTACT_TYPES = frozenset({"meeting", "visit", "phone_call"})
OVERVIEW_MONTHS = 36  # the overview's charts cover the last three years with contact events
ACTOR_LIMIT = 500  # events, quotes, counterparts and stances shown on an actor's page
NETWORK_MAX_EDGES = 400
_LANG_KEYS = ("fa", "ar", "en")

Variants = Mapping[str, frozenset[str]]  # name key -> actor ids, from the actor dictionary


class _Aggregates:
    """Store-wide aggregates (counts, filter values, the overview, the network, actor pages,
    event totals) kept per store generation (`Store.generation()`), so that a long-running
    reader such as the web app computes each once per change of the store. Thread-safe;
    the least recently used values go past `size`."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._values: OrderedDict[tuple, Any] = OrderedDict()

    def get(self, store: Store, key: tuple, compute: Callable[[], Any]) -> Any:
        generation = store.generation()
        if generation is None:
            return compute()
        full = (generation, *key)
        with self._lock:
            if full in self._values:
                self._values.move_to_end(full)
                return copy.deepcopy(self._values[full])
        value = compute()
        with self._lock:
            self._values[full] = value
            while len(self._values) > self.size:
                self._values.popitem(last=False)
        return copy.deepcopy(value)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()


AGGREGATES = _Aggregates()


# -- user input ---------------------------------------------------------------------------------


def parse_day(value: str | None, *, end: bool = False) -> str | None:
    """`2025`, `2025-03` or `2025-03-07` to a day (the first of the period, or its last when
    `end`)."""
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text)
    if not m:
        raise QueryError(f"not a date: {text!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = int(m[1]), int(m[2] or (12 if end else 1)), m[3]
    if not 1 <= month <= 12:
        raise QueryError(f"not a date: {text!r} (month {month} is not 1-12)")
    try:
        if day is not None:
            return date(year, month, int(day)).isoformat()
        if end:
            nxt = date(year + month // 12, month % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1).isoformat()
        return date(year, month, 1).isoformat()
    except ValueError as exc:
        raise QueryError(f"not a date: {text!r} ({exc})") from exc


def parse_country(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    code = value.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise QueryError(f"not an ISO 3166-1 alpha-3 country code: {value!r} (e.g. IRN, IRQ)")
    return code


def parse_choices(
    value: str | Iterable[str] | None, allowed: frozenset[str], what: str
) -> frozenset[str] | None:
    """`meeting,visit` or ["meeting", "visit"] to a checked set; None when nothing is given."""
    if value is None:
        return None
    items = [value] if isinstance(value, str) else list(value)
    chosen = {p.strip().lower() for item in items for p in item.split(",") if p.strip()}
    if not chosen:
        return None
    unknown = chosen - allowed
    if unknown:
        raise QueryError(
            f"unknown {what}: {', '.join(sorted(unknown))} (one of: {', '.join(sorted(allowed))})"
        )
    return frozenset(chosen)


def _page(limit: int | None, offset: int) -> Page:
    if limit is not None and limit < 0:
        raise QueryError("limit must be 0 or more")
    if offset < 0:
        raise QueryError("offset must be 0 or more")
    if offset > MAX_OFFSET or (limit is not None and limit > MAX_OFFSET):
        raise QueryError(f"limit and offset must be at most {MAX_OFFSET}")
    return Page(limit=limit, offset=offset)


# -- actor names --------------------------------------------------------------------------------


@functools.cache
def dictionary() -> Mapping[str, ActorEntry]:
    """The package's actor dictionary entries by id (`didar/actors/data/*.yaml`; format in its
    README), read once. Empty when the dictionary cannot be read."""
    try:
        return load_entries()
    except ResourceError as exc:
        log.warning("cannot read the actor dictionary: %s", exc)
        return {}


def load_actor_variants() -> dict[str, frozenset[str]]:
    """Name key -> actor ids, for every name and variant in the package's actor dictionary."""
    out: dict[str, set[str]] = {}
    for entry in dictionary().values():
        for name in _entry_names(entry):
            key = name_key(name)
            if key:
                out.setdefault(key, set()).add(entry.id)
    return {k: frozenset(v) for k, v in out.items()}


def _entry_names(entry: ActorEntry) -> Iterable[str]:
    yield entry.id
    yield entry.name
    for names in (entry.names, entry.short):
        for lang in _LANG_KEYS:
            yield from names.get(lang, ())


def resolve_actor(store: Store, name: str, variants: Variants | None = None) -> frozenset[str]:
    """Ids of the actors `name` stands for (see the module docstring); empty when none."""
    key = name_key(name)
    if not key:
        raise QueryError("an empty actor name matches nothing")
    variants = load_actor_variants() if variants is None else variants
    exact = set(store.actor_ids_named(key)) | set(variants.get(key, ()))
    if exact:
        return frozenset(exact)
    padded = f" {key} "
    partial = set(store.actor_ids_named(key, partial=True))
    for k, ids in variants.items():
        if padded in f" {k} ":
            partial |= ids
    return frozenset(partial)


# -- listings -----------------------------------------------------------------------------------


def events(
    store: Store,
    *,
    actor: str | None = None,
    country: str | None = None,
    since: str | None = None,
    until: str | None = None,
    type: str | Iterable[str] | None = None,
    status: str | Iterable[str] | None = None,
    language: str | Iterable[str] | None = None,
    outlet: str | Iterable[str] | None = None,
    topic: str | Iterable[str] | None = None,
    doc_ids: Iterable[str] | None = None,
    all_versions: bool = False,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
    variants: Variants | None = None,
) -> list[dict[str, Any]]:
    """Events (EVENT_KEYS), by event date (undated last). `actor` matches any participant,
    source, target, host, guest or place; `country` an ISO3 code of an actor or the place;
    `since`/`until` bound the event date (undated events are left out when either is given);
    `language` (fa, ar, en), `outlet` (as stored) and `topic` (a topic id of the document) take
    one value or several (comma-separated or a list). Each row has an English `summary`."""
    f = event_filter(
        store,
        actor=actor,
        country=country,
        since=since,
        until=until,
        type=type,
        status=status,
        language=language,
        outlet=outlet,
        topic=topic,
        doc_ids=doc_ids,
        all_versions=all_versions,
        variants=variants,
    )
    return store.events(f, _page(limit, offset))


def count_events(store: Store, **filters: Any) -> int:
    """How many events `events(store, **filters)` finds over all pages."""
    filters.pop("limit", None)
    filters.pop("offset", None)
    f = event_filter(store, **filters)
    return AGGREGATES.get(store, ("count_events", f), lambda: store.count_events(f))


def event_filter(
    store: Store,
    *,
    actor: str | None = None,
    country: str | None = None,
    since: str | None = None,
    until: str | None = None,
    type: str | Iterable[str] | None = None,
    status: str | Iterable[str] | None = None,
    language: str | Iterable[str] | None = None,
    outlet: str | Iterable[str] | None = None,
    topic: str | Iterable[str] | None = None,
    doc_ids: Iterable[str] | None = None,
    all_versions: bool = False,
    variants: Variants | None = None,
) -> EventFilter:
    """The checked `EventFilter` of what a user typed (see `events`)."""
    return EventFilter(
        actor_ids=resolve_actor(store, actor, variants) if actor else None,
        country=parse_country(country),
        since=parse_day(since),
        until=parse_day(until, end=True),
        types=parse_choices(type, EVENT_TYPES, "event type"),
        statuses=parse_choices(status, EVENT_STATUSES, "status"),
        doc_ids=frozenset(doc_ids) if doc_ids is not None else None,
        languages=parse_choices(language, LANGUAGES, "language"),
        outlets=_values(outlet),
        topics=_values(topic),
        all_versions=all_versions,
    )


def _values(value: str | Iterable[str] | None) -> frozenset[str] | None:
    """Free values (outlets, topics): comma-separated or a list, as written; None when empty."""
    if value is None:
        return None
    items = [value] if isinstance(value, str) else list(value)
    chosen = {p.strip() for item in items for p in item.split(",") if p.strip()}
    return frozenset(chosen) or None


def clusters(
    store: Store,
    *,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
    variants: Variants | None = None,
) -> list[dict[str, Any]]:
    """Event clusters (`didar.store.clusters.CLUSTER_KEYS`): one row per real-world meeting,
    visit or call, with every report of it (doc id, outlet, language, published, sources) and
    the reports' agreement as counts (`dates`, `participant_counts`, ...). `since`/`until`
    bound the agreed date (undated clusters are left out when either is given)."""
    if not hasattr(store, "clusters"):
        raise QueryError("this store keeps no event clusters")
    page = _page(limit, offset)
    return store.clusters(
        limit=page.limit,
        offset=page.offset,
        since=parse_day(since),
        until=parse_day(until, end=True),
        actor_ids=resolve_actor(store, actor, variants) if actor else None,
    )


def quotes(
    store: Store,
    *,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
    direct: bool | None = None,
    doc_ids: Iterable[str] | None = None,
    all_versions: bool = False,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
    variants: Variants | None = None,
) -> list[dict[str, Any]]:
    """Quotes (QUOTE_KEYS), by publication date; `since`/`until` bound the document's date."""
    f = QuoteFilter(
        speaker_ids=resolve_actor(store, speaker, variants) if speaker else None,
        since=parse_day(since),
        until=parse_day(until, end=True),
        direct=direct,
        doc_ids=frozenset(doc_ids) if doc_ids is not None else None,
        all_versions=all_versions,
    )
    return store.quotes(f, _page(limit, offset))


def actors(
    store: Store,
    *,
    known: bool | None = None,
    name: str | None = None,
    country: str | None = None,
    type: str | Iterable[str] | None = None,
    all_versions: bool = False,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
    variants: Variants | None = None,
) -> list[dict[str, Any]]:
    """Actors (ACTOR_KEYS) of stored documents, most documents first. `known`: True for
    dictionary actors, False for actors discovered in the text, None for both."""
    f = ActorFilter(
        known=known,
        actor_ids=resolve_actor(store, name, variants) if name else None,
        country=parse_country(country),
        types=parse_choices(type, ACTOR_TYPES, "actor type"),
        all_versions=all_versions,
    )
    page = _page(limit, offset)
    return AGGREGATES.get(store, ("actors", f, page), lambda: store.actors(f, page))


def search(
    store: Store,
    q: str,
    *,
    all_versions: bool = False,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Documents (SEARCH_KEYS) whose title or text holds every word of `q`, best first. Words
    are folded like the index (ی/ي, ک/ك, ZWNJ, digits, diacritics), so spelling variants meet;
    "double quotes" keep words together as a phrase; a trailing * matches a prefix."""
    phrases = parse_search(q)
    if not phrases:
        raise QueryError(f"nothing to search for in {q!r}")
    return store.search(SearchQuery(phrases, all_versions), _page(limit, offset))


def parse_search(q: str) -> tuple[tuple[str, ...], ...]:
    """Phrases of a search: each quoted part, and each word (a word the folding splits, such as
    رئیس‌جمهور, stays one phrase of adjacent tokens). A trailing * marks a prefix."""
    phrases = []
    for quoted, word in re.findall(r'"([^"]*)"|(\S+)', q):
        raw = quoted or word
        tokens = search_tokens(raw)
        if tokens and raw.rstrip().endswith("*"):
            tokens[-1] += "*"
        if tokens:
            phrases.append(tuple(tokens))
    return tuple(phrases)


# -- one document -------------------------------------------------------------------------------


def document(store: Store, doc_id: str) -> dict[str, Any]:
    """A stored document (DOCUMENT_KEYS) with its `record` and `facts` (see `facts`). `doc_id`
    may be a unique prefix."""
    doc_id = doc_id.strip()
    if not doc_id:
        raise QueryError("give a document id")
    row = store.get(doc_id)
    if row is None:
        raise DocumentNotFoundError(f"no document with id {doc_id!r}", doc_id)
    row["facts"] = facts(row["record"])
    return row


def facts(record: Mapping[str, Any]) -> list[dict[str, Any]]:
    """What was found where: one row per date, actor mention, event, quote and stance, with its
    span, the words it covers, and a label; ordered by position."""
    text = record.get("text") or ""
    names = {a["id"]: a.get("name") or a["id"] for a in record.get("actors", [])}

    def name(actor_id: str | None) -> str:
        return names.get(actor_id, actor_id) if actor_id else "?"

    out: list[dict[str, Any]] = []

    def add(kind: str, start: int, end: int, label: str) -> None:
        out.append(
            {"start": start, "end": end, "kind": kind, "label": label, "words": text[start:end]}
        )

    for d in record.get("dates", []):
        add(
            "date",
            d["start"],
            d["end"],
            f"{d.get('value') or '?'} ({d.get('calendar')}, {d.get('precision')})",
        )
    for a in record.get("actors", []):
        for m in a.get("mentions", []):
            kind = m.get("kind", "name")
            suffix = "" if kind == "name" else f" ({kind})"
            add("actor", m["start"], m["end"], f"{a.get('name') or a['id']}{suffix}")
    for e in record.get("events", []):
        who = ", ".join(name(p) for p in e.get("participants", []))
        details = [e.get("date") or e.get("weekday") or "undated"]
        if e.get("location"):
            details.append(f"in {name(e['location'])}")
        ev = e.get("evidence") or {}
        add(
            "event",
            ev.get("start", 0),
            ev.get("end", 0),
            f"{e['type']} {e['status']}: {who} ({'; '.join(details)}; rule {ev.get('rule')})",
        )
    for q in record.get("quotes", []):
        how = "direct" if q.get("direct") else "indirect"
        add("quote", q["start"], q["end"], f"{name(q.get('speaker'))} ({q.get('verb')}, {how})")
    for s in record.get("stances", []):
        ev = s.get("evidence") or {}
        add(
            "stance",
            ev.get("start", 0),
            ev.get("end", 0),
            f"{name(s['source'])} -> {name(s['target'])} ({s['polarity']:+d})",
        )
    order = {"date": 0, "actor": 1, "event": 2, "quote": 3, "stance": 4}
    out.sort(key=lambda f: (f["start"], order[f["kind"]], f["end"]))
    return out


def counts(store: Store) -> dict[str, int]:
    """How much the store holds: documents (latest versions), versions, events, quotes, actors."""
    return AGGREGATES.get(store, ("counts",), store.counts)


# -- overview, filters, actors, network ---------------------------------------------------------


def facets(store: Store) -> dict[str, Any]:
    """The values present in the store for each filter: types, statuses, languages, outlets,
    countries ({code, name}), topics."""
    return AGGREGATES.get(store, ("facets",), store.facets)


def overview(
    store: Store,
    *,
    latest: int = 10,
    since: str | None = None,
    until: str | None = None,
    variants: Variants | None = None,
) -> dict[str, Any]:
    """Counts, the latest `latest` contact events (meetings, visits, calls that occurred), and
    contact events per month by country pair (`by_pair`: month, pair "IRN-IRQ", count) and by
    topic (`by_topic`). The charts span `since`..`until`, by default the last OVERVIEW_MONTHS
    months that have contact events (`period` in the result)."""
    key = ("overview", latest, since, until)
    return AGGREGATES.get(store, key, lambda: _overview(store, latest, since, until))


def _overview(store: Store, latest: int, since: str | None, until: str | None) -> dict[str, Any]:
    first, last = store.contact_dates()
    end = parse_day(until, end=True) or last
    start = parse_day(since)
    if start is None and end is not None:
        y, m = int(end[:4]), int(end[5:7])
        months = y * 12 + m - 1 - (OVERVIEW_MONTHS - 1)
        start = max(first or "", date(months // 12, months % 12 + 1, 1).isoformat())
    period = {"since": start, "until": end}
    recent = []
    if last is not None:
        total = store.count_events(
            EventFilter(types=CONTACT_TYPES, statuses=frozenset({"occurred"}), until=last)
        )
        recent = store.events(
            EventFilter(types=CONTACT_TYPES, statuses=frozenset({"occurred"}), until=last),
            Page(limit=latest, offset=max(0, total - latest)),
        )[::-1]
    return {
        "counts": store.counts(),
        "period": period,
        "latest": recent,
        "by_pair": store.by_country_pair(start, end) if start and end else [],
        "by_topic": store.by_topic(start, end) if start and end else [],
    }



def actor(store: Store, actor_id: str) -> dict[str, Any]:
    """One actor: names in English, Persian and Arabic (from the dictionary, else as written),
    roles over time (dictionary), contact events and other events, counterparts, quotes and
    stances. Raises `ActorNotFoundError` when no stored document mentions `actor_id`."""
    actor_id = actor_id.strip()
    return AGGREGATES.get(store, ("actor", actor_id), lambda: _actor(store, actor_id))


def _actor(store: Store, actor_id: str) -> dict[str, Any]:
    found = store.actor_summary(actor_id) if actor_id else None
    if found is None:
        raise ActorNotFoundError(f"no stored document mentions an actor {actor_id!r}", actor_id)
    entry = dictionary().get(actor_id)
    if entry is not None:
        names = {lang: list(entry.names.get(lang, ())) for lang in _LANG_KEYS}
    else:
        names = {"en": [found["name"]], "fa": [], "ar": []}
        for native in found["natives"]:
            lang = "fa" if re.search("[پچژگکی]", native) else "ar"
            names[lang].append(native)
    found.pop("natives")
    ids = frozenset({actor_id})
    return {
        **found,
        "names": names,
        "roles": roles_of(entry) if entry is not None else [],
        "events": store.events(EventFilter(actor_ids=ids), Page(limit=ACTOR_LIMIT)),
        "counterparts": store.counterparts(actor_id, ACTOR_LIMIT),
        "quotes": store.quotes(QuoteFilter(speaker_ids=ids), Page(limit=ACTOR_LIMIT)),
        "stances": store.stances_of(actor_id, ACTOR_LIMIT),
    }


def roles_of(entry: ActorEntry) -> list[dict[str, Any]]:
    """An entry's roles over time, earliest first, with English titles."""
    titles = _role_titles()
    d = dictionary()
    out = []
    for r in sorted(entry.roles, key=lambda r: r.start):
        where = r.org or r.country
        out.append(
            {
                "role": titles.get(r.role, r.role.replace("_", " ")),
                "org": d[r.org].name if r.org and r.org in d else r.org,
                "country": r.country,
                "start": r.start or None,
                "end": r.end,
                "source": "dictionary",
                "label": titles.get(r.role, r.role)
                + (f" of {d[where].name}" if where and where in d else ""),
            }
        )
    return out


@functools.cache
def _role_titles() -> dict[str, str]:
    try:
        return {key: r.en for key, r in load_roles().items()}
    except ResourceError:
        return {}


def network(
    store: Store,
    *,
    since: str | None = None,
    until: str | None = None,
    country: str | None = None,
    actor: str | None = None,
    max_edges: int = NETWORK_MAX_EDGES,
    variants: Variants | None = None,
) -> dict[str, Any]:
    """Who meets whom: actors as `nodes` (id, name, type, country, meetings) and occurred
    meetings, visits and calls as `edges` (source, target, weight, first, last, doc_ids)
    between two participants; the heaviest `max_edges` edges. `country` keeps the events with
    a participant of that country, `actor` those of that actor."""
    if max_edges < 1:
        raise QueryError("max_edges must be 1 or more")
    args = {
        "since": parse_day(since),
        "until": parse_day(until, end=True),
        "country": parse_country(country),
        "actor_ids": resolve_actor(store, actor, variants) if actor else None,
        "max_edges": max_edges,
    }
    key = ("network", *sorted(args.items()))
    return AGGREGATES.get(store, key, lambda: store.network(**args))
