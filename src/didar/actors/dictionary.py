"""The actor dictionary: loading, validation, dated roles and the name automaton.

Entries come from the YAML files in `didar/actors/data/` (format in data/README.md). Every name
variant is folded with `text.normalize.fold_plain` and put in one Aho-Corasick automaton
together with role titles and country demonyms, so a document is scanned once.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

from didar.errors import ResourceError
from didar.text.normalize import fold_plain

# The period the dictionary covers: an undated document resolves a bare role only when one
# person held it over this whole span.
COVERAGE_START = "2003-01-01"

# Honorifics the matcher ignores before a name (names in the data are listed without them).
# Kept here as data for the matcher's discovery step; see honorifics.yaml.
LANGS = ("fa", "ar", "en")
# libyaml's safe loader when PyYAML was built with it (4x faster on the dictionary; the same
# data), else the pure-Python one
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Romanizing a name the model has not seen costs tens of milliseconds: names are cached.
ROMANIZE_CACHE_MAX = 50_000


@dataclass(frozen=True, slots=True)
class RoleSpan:
    role: str
    country: str | None
    org: str | None
    posted: str | None
    start: str
    end: str | None

    def covers(self, day: str) -> bool:
        return self.start <= day and (self.end is None or day <= _end_bound(self.end))


def _end_bound(end: str) -> str:
    # "2021" or "2021-08" as an end date cover the whole year / month.
    if len(end) == 4:
        return end + "-12-31"
    if len(end) == 7:
        return end + "-31"
    return end


@dataclass(frozen=True, slots=True)
class RoleDef:
    role: str
    en: str
    scope: str
    names: dict[str, tuple[str, ...]]
    same_as: str | None = None  # the same post under another title (secretary_of_state)


@dataclass(slots=True)
class ActorEntry:
    id: str
    name: str
    type: str
    country: str | None
    names: dict[str, list[str]]
    short: dict[str, list[str]]
    roles: list[RoleSpan] = field(default_factory=list)
    demonyms: dict[str, list[str]] = field(default_factory=dict)
    kind: str | None = None
    outlet: bool = False
    lat: float | None = None
    lon: float | None = None
    _folded: tuple[str, ...] | None = None

    def folded_names(self) -> tuple[str, ...]:
        """Every name variant, folded (computed once)."""
        if self._folded is None:
            self._folded = tuple(fold_plain(n) for names in self.names.values() for n in names)
        return self._folded

    def first_native(self, lang: str) -> str | None:
        for lg in (lang, "fa", "ar", "en"):
            if self.names.get(lg):
                return self.names[lg][0]
        return None

    def roles_at(self, day: str | None) -> list[RoleSpan]:
        if day is None:
            return list(self.roles)
        return [r for r in self.roles if r.covers(day)]


@dataclass(frozen=True, slots=True)
class Pattern:
    """What a folded string in the automaton stands for."""

    kind: str  # name | short | role | demonym | honorific
    target: str  # actor id, role key, country code or honorific
    lang: str


@dataclass(slots=True)
class ActorResources:
    entries: dict[str, ActorEntry]
    roles: dict[str, RoleDef]
    automaton: Any
    holders: dict[tuple[str, str | None], list[tuple[RoleSpan, str]]]
    cues: dict[str, list[str]]
    given_names: frozenset[str] = frozenset()
    in_document_roles: frozenset[str] = frozenset()
    folded: dict[str, frozenset[str]] = field(default_factory=dict)  # cue lists, folded
    _romanized: dict[tuple[str, str | None], str] = field(default_factory=dict)
    honorific_words: frozenset[str] = frozenset()
    _romanizer: Any = None

    def romanize(self, native: str, country: str | None = None) -> str:
        """Romanize a discovered name (arabic-name-romanizer, offline, loaded on first use)."""
        cached = self._romanized.get((native, country))
        if cached is not None:
            return cached
        name = self._romanize(native, country)
        if len(self._romanized) < ROMANIZE_CACHE_MAX:
            self._romanized[(native, country)] = name
        return name

    def _romanize(self, native: str, country: str | None) -> str:
        if self._romanizer is None:
            try:
                from arabic_name_romanizer import transliterate
            except ImportError:  # pragma: no cover - dependency declared in pyproject
                self._romanizer = False
            else:
                self._romanizer = transliterate
        if not self._romanizer:
            return native
        iso2 = _ISO2.get(country or "", None)
        try:
            out = self._romanizer(native, country=iso2) if iso2 else self._romanizer(native)
        except Exception:  # the romanizer rejects some strings; keep the native form
            return native
        return str(out) if out else native

    def holders_of(self, role: str, country: str | None, day: str | None,
                   today: str, posted: str | None = None) -> list[str]:
        """Actor ids holding `role` for `country` (or an organisation id) on `day`; with no day,
        the holders over the whole covered period (2003 to today). `posted` keeps only
        ambassadors posted to that country."""
        spans = self.holders.get((role, country), [])
        if posted is not None:
            spans = [(sp, aid) for sp, aid in spans if sp.posted == posted]
        if day is not None:
            return _unique(aid for span, aid in spans if span.covers(day))
        return _unique(
            aid for span, aid in spans
            if (span.end is None or _end_bound(span.end) >= COVERAGE_START) and span.start <= today
        )


_ISO2 = {"IRQ": "IQ", "IRN": "IR", "SAU": "SA", "KWT": "KW", "QAT": "QA", "ARE": "AE",
         "BHR": "BH", "OMN": "OM", "JOR": "JO", "EGY": "EG", "SYR": "SY", "LBN": "LB",
         "TUN": "TN", "DZA": "DZ", "MAR": "MA", "LBY": "LY", "YEM": "YE", "SDN": "SD",
         "PSE": "PS"}


def _unique(items: Any) -> list[str]:
    seen: dict[str, None] = {}
    for x in items:
        seen.setdefault(x, None)
    return list(seen)


def _as_list(v: Any) -> list[str]:
    if v is None:
        return []
    if isinstance(v, str):
        return [v]
    return [str(x) for x in v]


def _iso(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, date):
        return v.isoformat()
    return str(v)


def spacing_variants(folded: str, limit: int = 3) -> set[str]:
    """A name with internal spaces also matches with them glued (محمدجواد / محمد جواد): the
    seeds lost their ZWNJ and agencies differ in spacing."""
    parts = folded.split(" ")
    if len(parts) == 1 or len(parts) - 1 > limit:
        return {folded}
    out = set()
    for joins in itertools.product((" ", ""), repeat=len(parts) - 1):
        s = parts[0]
        for j, p in zip(joins, parts[1:], strict=True):
            s += j + p
        out.add(s)
    return out


def _data_files(folder: Path | None, pattern: str) -> list[tuple[str, str]]:
    if folder is not None:
        return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob(pattern))]
    root = importlib_resources.files("didar.actors") / "data"
    return [
        (p.name, p.read_text(encoding="utf-8"))
        for p in sorted(root.iterdir(), key=lambda p: p.name)
        if Path(p.name).match(pattern)
    ]


def _load_yaml(name: str, text: str) -> list[dict[str, Any]]:
    try:
        data = yaml.load(text, Loader=YAML_LOADER) or []
    except yaml.YAMLError as e:
        raise ResourceError(f"invalid YAML: {e}", source=name) from e
    if not isinstance(data, list):
        raise ResourceError("expected a list of entries", source=name)
    return data


def load_roles() -> dict[str, RoleDef]:
    roles: dict[str, RoleDef] = {}
    for name, text in _data_files(None, "roles*.yaml"):
        for r in _load_yaml(name, text):
            key = r["role"]
            old = roles.get(key)
            names = {lg: tuple(_as_list(r.get(lg))) for lg in LANGS}
            if old is not None:
                # a later file adds spellings to a role defined earlier
                names = {lg: old.names[lg] + names[lg] for lg in LANGS}
            roles[key] = RoleDef(
                role=key,
                en=r.get("en") or (old.en if old else key.replace("_", " ").title()),
                scope=r.get("scope") or (old.scope if old else "country"),
                names=names,
                same_as=r.get("same_as") or (old.same_as if old else None),
            )
    return roles


def canonical_role(roles: dict[str, RoleDef], key: str) -> str:
    """The role a title stands for: secretary_of_state is the foreign_minister of the USA."""
    r = roles.get(key)
    return r.same_as if r is not None and r.same_as else key


def load_cues() -> dict[str, list[str]]:
    """Word lists the actor stage uses (honorifics, pronouns, stop words), from cues.yaml."""
    root = importlib_resources.files("didar.actors") / "data"
    data = yaml.load((root / "cues.yaml").read_text(encoding="utf-8"), Loader=YAML_LOADER)
    data.update(
        yaml.load((root / "names_given.yaml").read_text(encoding="utf-8"), Loader=YAML_LOADER)
    )
    return {k: (v if isinstance(v, dict) else _as_list(v)) for k, v in data.items()}


def parse_entry(raw: dict[str, Any], source: str) -> ActorEntry:
    try:
        roles = [
            RoleSpan(role=r["role"], country=r.get("country") or raw.get("country"),
                     org=r.get("org"), posted=r.get("posted"), start=_iso(r["start"]) or "",
                     end=_iso(r.get("end")))
            for r in raw.get("roles") or []
        ]
        short = raw.get("short") or {}
        return ActorEntry(
            id=str(raw["id"]), name=str(raw["name"]), type=str(raw["type"]),
            country=raw.get("country"),
            names={lg: _as_list(raw.get(lg)) for lg in LANGS},
            short={lg: _as_list(short.get(lg)) for lg in LANGS},
            roles=roles,
            demonyms={lg: _as_list((raw.get("demonyms") or {}).get(lg)) for lg in LANGS},
            kind=raw.get("kind"), outlet=bool(raw.get("outlet", False)),
            lat=raw.get("lat"), lon=raw.get("lon"),
        )
    except (KeyError, TypeError) as e:
        raise ResourceError(f"entry {raw.get('id', '?')}: missing or bad field {e}",
                            source=source) from e


def load_entries(actor_dir: Path | None = None) -> dict[str, ActorEntry]:
    """The dictionary's entries by id (or those of the entity files of `actor_dir`), without
    building the matcher: for readers such as the query layer and the web app."""
    entries: dict[str, ActorEntry] = {}
    for name, text in _data_files(actor_dir, "*.yaml"):
        if name.startswith(("roles", "cues", "names_")):
            continue
        for raw in _load_yaml(name, text):
            entry = parse_entry(raw, name)
            if entry.id in entries:
                raise ResourceError(f"duplicate actor id {entry.id}", source=name)
            entries[entry.id] = entry
    return entries


def load_actor_resources(actor_dir: Path | None = None) -> ActorResources:
    """Load the dictionary (or the entity files of `actor_dir`) and build the automaton."""
    return build_resources(load_entries(actor_dir), load_roles(), load_cues())


# A surname is derived only when it is rarer than this in the language (Zipf scale, wordfreq;
# famous surnames are frequent in news, so the bar is high, and a surname alone still needs
# the full name in the document or a name-like position, see resolve._short_ok):
# روحانی ("clerical"), حسین (a given name), ظریف ("delicate") are ordinary words.
DERIVED_SURNAME_MAX_ZIPF = 4.5


def derived_surnames(entries: dict[str, ActorEntry]) -> dict[tuple[str, str], set[str]]:
    """Surnames for persons the data gives no short form for: the last word of each full name
    (كارتر of آشتون كارتر), when it is at least four letters, not an ordinary word, and no other
    person's name ends with it."""
    from wordfreq import zipf_frequency

    owners: dict[tuple[str, str], set[str]] = {}
    for e in entries.values():
        if e.type != "person":
            continue
        for lg in ("fa", "ar"):
            for n in e.names[lg]:
                words = n.split()
                if len(words) >= 2 and len(words[-1]) >= 4:
                    owners.setdefault((fold_plain(words[-1]), lg), set()).add(e.id)
    out: dict[tuple[str, str], set[str]] = {}
    for e in entries.values():
        if e.type != "person" or any(e.short.get(lg) for lg in ("fa", "ar")):
            continue
        for lg in ("fa", "ar"):
            for n in e.names[lg]:
                last = n.split()[-1]
                if len(n.split()) < 2 or len(last) < 4:
                    continue
                if owners.get((fold_plain(last), lg)) != {e.id}:
                    continue
                if zipf_frequency(last, lg) >= DERIVED_SURNAME_MAX_ZIPF:
                    continue
                out.setdefault((e.id, lg), set()).add(last)
    return out


def build_resources(entries: dict[str, ActorEntry], roles: dict[str, RoleDef],
                    cues: dict[str, list[str]]) -> ActorResources:
    table: dict[str, set[Pattern]] = {}

    def add(s: str, pat: Pattern) -> None:
        key = fold_plain(s).strip()
        if len(key) < 2:
            return
        for variant in spacing_variants(key):
            table.setdefault(variant, set()).add(pat)

    for (aid, lg), surnames in derived_surnames(entries).items():
        for n in surnames:
            add(n, Pattern("short", aid, lg))
    for e in entries.values():
        for lg in LANGS:
            for n in e.names[lg]:
                add(n, Pattern("name", e.id, lg))
            for n in e.short[lg]:
                add(n, Pattern("short", e.id, lg))
            for n in e.demonyms.get(lg, []):
                add(n, Pattern("demonym", e.id, lg))
    for r in roles.values():
        for lg in LANGS:
            for n in r.names[lg]:
                add(n, Pattern("role", r.role, lg))
    for h in cues.get("honorifics", []):
        add(h, Pattern("honorific", h, "any"))

    automaton = ahocorasick.Automaton()
    for key, pats in table.items():
        automaton.add_word(key, (key, tuple(sorted(pats, key=lambda p: (p.kind, p.target)))))
    automaton.make_automaton()

    holders: dict[tuple[str, str | None], list[tuple[RoleSpan, str]]] = {}
    for e in entries.values():
        for span in e.roles:
            keys = {span.role, canonical_role(roles, span.role)}
            for k in keys:
                holders.setdefault((k, span.country), []).append((span, e.id))
                if span.org:
                    holders.setdefault((k, span.org), []).append((span, e.id))
    given = frozenset(fold_plain(n) for n in cues.get("given", []))
    honorific_words = frozenset(
        w for h in cues.get("honorifics", []) for w in fold_plain(h).split()
    )
    folded = {k: frozenset(fold_plain(w) for w in v) for k, v in cues.items()
              if isinstance(v, list)}
    return ActorResources(entries=entries, roles=roles, automaton=automaton, holders=holders,
                          cues=cues, given_names=given, honorific_words=honorific_words,
                          in_document_roles=frozenset(cues.get("roles_in_document_only", [])),
                          folded=folded)
