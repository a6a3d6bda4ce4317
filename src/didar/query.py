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

import logging
import re
from collections.abc import Iterable, Mapping
from datetime import date
from importlib import resources
from typing import Any

from didar.errors import DocumentNotFoundError, QueryError
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
EVENT_TYPES = frozenset(
    {"meeting", "visit", "phone_call", "agreement", "threat", "accusation", "demand", "statement"}
)
EVENT_STATUSES = frozenset({"occurred", "planned", "denied", "conditional"})
ACTOR_TYPES = frozenset({"person", "organization", "country", "place"})
_LANG_KEYS = ("fa", "ar", "en")

Variants = Mapping[str, frozenset[str]]  # name key -> actor ids, from the actor dictionary


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
    return Page(limit=limit, offset=offset)


# -- actor names --------------------------------------------------------------------------------


def load_actor_variants() -> dict[str, frozenset[str]]:
    """Name key -> actor ids, for every name and variant in the package's actor dictionary
    (`didar/actors/data/*.yaml`; format in its README). Empty when the dictionary is absent."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    out: dict[str, set[str]] = {}
    try:
        folder = resources.files("didar.actors") / "data"
        files = sorted(
            (f for f in folder.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name
        )
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        return {}
    for file in files:
        try:
            entries = yaml.load(file.read_text(encoding="utf-8"), Loader=loader)
        except (OSError, yaml.YAMLError) as exc:
            log.warning("cannot read actor data %s: %s", file.name, exc)
            continue
        for entry in entries if isinstance(entries, list) else []:
            if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
                continue
            for name in _entry_names(entry):
                key = name_key(name)
                if key:
                    out.setdefault(key, set()).add(entry["id"])
    return {k: frozenset(v) for k, v in out.items()}


def _entry_names(entry: dict[str, Any]) -> Iterable[str]:
    yield entry["id"]
    if isinstance(entry.get("name"), str):
        yield entry["name"]
    short = entry.get("short") if isinstance(entry.get("short"), dict) else {}
    for source in (entry, short):
        for lang in _LANG_KEYS:
            names = source.get(lang)
            if isinstance(names, str):
                names = [names]
            if isinstance(names, list):
                yield from (n for n in names if isinstance(n, str))


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
    doc_ids: Iterable[str] | None = None,
    all_versions: bool = False,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
    variants: Variants | None = None,
) -> list[dict[str, Any]]:
    """Events (EVENT_KEYS), by event date (undated last). `actor` matches any participant,
    source, target, host, guest or place; `country` an ISO3 code of an actor or the place;
    `since`/`until` bound the event date (undated events are left out when either is given)."""
    f = EventFilter(
        actor_ids=resolve_actor(store, actor, variants) if actor else None,
        country=parse_country(country),
        since=parse_day(since),
        until=parse_day(until, end=True),
        types=parse_choices(type, EVENT_TYPES, "event type"),
        statuses=parse_choices(status, EVENT_STATUSES, "status"),
        doc_ids=frozenset(doc_ids) if doc_ids is not None else None,
        all_versions=all_versions,
    )
    return store.events(f, _page(limit, offset))


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
    return store.actors(f, _page(limit, offset))


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
    return store.counts()
