"""Validation of the actor dictionary's data files (src/didar/actors/data/*.yaml).

The files are read straight from the package folder with PyYAML, independently of the loader, and
checked against the format of data/README.md:

* roles*.yaml: role keys with an English label, fa/ar title lists and a scope; roles from all
  roles*.yaml files are merged in file-name order (a later file may add titles to a role an
  earlier file defined, without repeating en/scope; `same_as` must name a role).
  cues*.yaml and names_*.yaml (word lists, mappings) are only parsed, as the loader skips them.
* every other *.yaml: a list of entries with unique ids (lowercase ASCII slugs; a country's id is
  its ISO 3166-1 alpha-3 code, as role spans refer to countries by that code), a type of
  person / organization / country / place, 3-letter upper-case country codes, and names.
* persons: at least one role; every role has a key from roles.yaml, an ISO start date (YYYY,
  YYYY-MM or YYYY-MM-DD; PyYAML reads full dates as `date`, years as `int`), start <= end, an
  org (organization scope) that exists in organizations.yaml once that file exists.
* letters: Persian strings (fa) use Persian ی ک, so ي ك ى are refused; Arabic strings (ar) hold
  no Persian-only letter (پ چ ژ گ ی ک). Decision on ة: it is ALLOWED in fa strings, because
  Iranian agencies keep it in Arabic proper names and organisation names (حزب الدعوة،
  عصائب أهل الحق) and the matcher folds ة/ه anyway; person names in fa normally write ه.
* names carry no honorific at their start (آقای، سید، دکتر، حضرت، آیت‌الله، الشيخ، السيد ...).
* the whole dictionary holds at least 400 entries; that check waits (skips) until every file
  of the dictionary exists, since several people write them in parallel.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

DATA = (Path(__file__).parent / ".." / ".." / "src" / "didar" / "actors" / "data").resolve()
TODAY = "2026-11-22"

ENTITY_TYPES = {"person", "organization", "country", "place"}
SCOPES = {"country", "organization", "none"}
LANGS = ("fa", "ar", "en")
# Word-list files (mappings, not entries), skipped by the loader as by these checks.
WORDLIST_PREFIXES = ("cues", "names_")
# Every file of the finished dictionary; the total count is checked once all exist.
DICTIONARY_FILES = (
    "roles.yaml",
    "people_iran.yaml",
    "people_iraq.yaml",
    "people_region.yaml",
    "countries.yaml",
    "places.yaml",
    "organizations.yaml",
)
MIN_TOTAL_ENTRIES = 400
MIN_ENTRIES = {"people_iran.yaml": 130, "people_iraq.yaml": 130}
REQUIRED_ROLES = (
    "supreme_leader",
    "president",
    "first_vice_president",
    "vice_president",
    "prime_minister",
    "deputy_prime_minister",
    "foreign_minister",
    "deputy_foreign_minister",
    "foreign_ministry_spokesman",
    "defence_minister",
    "interior_minister",
    "oil_minister",
    "intelligence_minister",
    "finance_minister",
    "culture_minister",
    "industry_minister",
    "economy_minister",
    "roads_minister",
    "health_minister",
    "national_security_adviser",
    "snsc_secretary",
    "parliament_speaker",
    "judiciary_chief",
    "chief_of_staff",
    "irgc_commander",
    "quds_force_commander",
    "leader_adviser_international",
    "ambassador",
    "party_leader",
    "head",
    "secretary_general",
    "commander",
    "king",
    "crown_prince",
    "deputy_crown_prince",
    "emir",
    "marja",
    "kurdistan_region_president",
    "kurdistan_region_prime_minister",
    "kurdistan_region_interior_minister",
    "un_special_representative",
    "atomic_energy_chief",
)
# Keys a person's role may carry (see the header of roles.yaml).
ROLE_FIELDS = {
    "role",
    "country",
    "org",
    "posted",
    "start",
    "end",
    "acting",
    "start_is_lower_bound",
    "province",
    "city",
    "unit",
    "portfolio",
    "note",
}

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ROLE_KEY = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
ISO3 = re.compile(r"^[A-Z]{3}$")
ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
LATIN = re.compile(r"[A-Za-z]")
ZWNJ = "\u200c"

FA_FORBIDDEN = {
    "ي": "Arabic yeh ي (Persian uses ی)",
    "ك": "Arabic kaf ك (Persian uses ک)",
    "ى": "alef maksura ى (Persian uses ی)",
}
AR_FORBIDDEN = {
    "پ": "Persian pe پ",
    "چ": "Persian che چ",
    "ژ": "Persian zhe ژ",
    "گ": "Persian gaf گ",
    "ی": "Persian yeh ی (Arabic uses ي / ى)",
    "ک": "Persian kaf ک (Arabic uses ك)",
}
HONORIFICS_FA = (
    "آقای",
    "خانم",
    "سید",
    "سیده",
    "دکتر",
    "مهندس",
    "حضرت",
    "آیت‌الله",
    "آیت الله",
    "آیت اله",
    "آیت‌اله",
    "حجت‌الاسلام",
    "حجت الاسلام",
    "شیخ",
    "سردار",
    "سرلشکر",
    "سرتیپ",
    "دریادار",
    "جناب",
    "سرکار",
)
HONORIFICS_AR = (
    "الشيخ",
    "السيد",
    "السيدة",
    "الدكتور",
    "الدكتورة",
    "الأستاذ",
    "المهندس",
    "سماحة",
    "فخامة",
    "معالي",
    "سمو",
    "جلالة",
    "آية الله",
    "اية الله",
    "الأمير",
    "الأميرة",
    "الملك",
    "الجنرال",
    "اللواء",
    "العميد",
    "الفريق",
    "المرجع",
    "حجة الإسلام",
)
HONORIFICS_EN = (
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Sheikh",
    "Shaikh",
    "Sayyid",
    "Sayed",
    "Seyed",
    "Ayatollah",
    "Grand Ayatollah",
    "Hojatoleslam",
    "His Excellency",
    "HE",
    "Prince",
    "King",
    "General",
)


# --- loading ------------------------------------------------------------------------------------
def yaml_files() -> list[Path]:
    return sorted(DATA.glob("*.yaml"))


@cache
def load(name: str) -> Any:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def role_files() -> list[str]:
    return [p.name for p in yaml_files() if p.name.startswith("roles")]


def entity_files() -> list[str]:
    return [p.name for p in yaml_files() if not p.name.startswith(("roles", *WORDLIST_PREFIXES))]


@cache
def roles() -> dict[str, dict[str, Any]]:
    """Roles merged as the loader merges them: files in name order; a later entry of a key adds
    titles to the earlier one and may leave out `en` and `scope`."""
    out: dict[str, dict[str, Any]] = {}
    for name in role_files():
        for r in load(name) or []:
            if not (isinstance(r, dict) and isinstance(r.get("role"), str)):
                continue
            old = out.get(r["role"])
            if old is None:
                out[r["role"]] = dict(r)
                continue
            for lg in LANGS[:2]:
                old[lg] = list(old.get(lg) or []) + list(r.get(lg) or [])
            for field in ("en", "scope", "same_as"):
                if r.get(field):
                    old[field] = r[field]
    return out


def entries() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for name in entity_files():
        data = load(name) or []
        if isinstance(data, list):
            out.extend((name, e) for e in data if isinstance(e, dict))
    return out


def org_ids() -> set[str] | None:
    """Ids of organisations, once organizations.yaml exists (None before)."""
    if not (DATA / "organizations.yaml").exists():
        return None
    return {str(e.get("id")) for _, e in entries() if e.get("type") == "organization"}


def country_ids() -> set[str] | None:
    if not (DATA / "countries.yaml").exists():
        return None
    return {str(e.get("id")) for _, e in entries() if e.get("type") == "country"}


def where(name: str, e: dict[str, Any]) -> str:
    return f"{name}:{e.get('id', '?')}"


def as_iso(v: Any) -> str | None:
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, int) and not isinstance(v, bool):
        return str(v)
    if isinstance(v, str):
        return v
    return None


def iso_ok(s: str) -> bool:
    m = ISO_DATE.match(s)
    if not m:
        return False
    y, mo, d = int(m[1]), int(m[2] or 1), int(m[3] or 1)
    try:
        date(y, mo, d)
    except ValueError:
        return False
    return 1900 <= y <= int(TODAY[:4])


def low(s: str) -> str:
    """Earliest day an ISO date of any precision stands for."""
    return s + {4: "-01-01", 7: "-01"}.get(len(s), "")


def high(s: str) -> str:
    """Latest day an ISO date of any precision stands for."""
    return s + {4: "-12-31", 7: "-31"}.get(len(s), "")


def names_of(e: dict[str, Any]) -> dict[str, list[tuple[str, Any]]]:
    """Every name string of an entry by language, each with where it came from."""
    out: dict[str, list[tuple[str, Any]]] = {lg: [] for lg in LANGS}
    for lg in LANGS:
        for n in e.get(lg) or []:
            out[lg].append((lg, n))
        for n in (e.get("short") or {}).get(lg) or []:
            out[lg].append((f"short.{lg}", n))
        for n in (e.get("demonyms") or {}).get(lg) or []:
            out[lg].append((f"demonyms.{lg}", n))
    return out


def fold(s: str) -> str:
    """A light matching key: Arabic/Persian letter variants, hamza seats and spacing unified."""
    table = str.maketrans(
        {
            "ي": "ی",
            "ى": "ی",
            "ك": "ک",
            "ة": "ه",
            "أ": "ا",
            "إ": "ا",
            "آ": "ا",
            "ٱ": "ا",
            ZWNJ: " ",
            "ـ": None,
        }
    )
    return " ".join(s.translate(table).split())


def report(problems: list[str]) -> str:
    head = "\n".join(problems[:60])
    more = f"\n... and {len(problems) - 60} more" if len(problems) > 60 else ""
    return f"{len(problems)} problem(s):\n{head}{more}"


def text_problems(s: Any, lang: str) -> list[str]:
    """What is wrong with one title / name string of language `lang`."""
    if not isinstance(s, str) or not s.strip():
        return [f"not a non-empty string: {s!r}"]
    out = []
    if s != s.strip() or "  " in s:
        out.append(f"stray spaces in {s!r}")
    if s.startswith(ZWNJ) or s.endswith(ZWNJ) or f" {ZWNJ}" in s or f"{ZWNJ} " in s:
        out.append(f"stray ZWNJ in {s!r}")
    if lang == "fa":
        out += [f"{why} in fa {s!r}" for ch, why in FA_FORBIDDEN.items() if ch in s]
    if lang == "ar":
        out += [f"{why} in ar {s!r}" for ch, why in AR_FORBIDDEN.items() if ch in s]
        if ZWNJ in s:
            out.append(f"ZWNJ in ar {s!r}")
    if lang in ("fa", "ar") and LATIN.search(s):
        out.append(f"Latin letters in {lang} {s!r}")
    return out


# --- files ------------------------------------------------------------------------------------
def test_data_folder_has_the_dictionary():
    assert DATA.is_dir(), DATA
    assert (DATA / "README.md").exists()
    names = {p.name for p in yaml_files()}
    assert "roles.yaml" in names


@pytest.mark.parametrize("name", [p.name for p in yaml_files()])
def test_file_parses(name: str):
    data = load(name)
    if name.startswith(WORDLIST_PREFIXES):
        assert isinstance(data, dict), f"{name}: expected a mapping of word lists"
        return
    assert isinstance(data, list), f"{name}: expected a list of entries"
    bad = [i for i, e in enumerate(data) if not isinstance(e, dict)]
    assert not bad, f"{name}: items {bad} are not mappings"


# --- roles ------------------------------------------------------------------------------------
def test_roles_are_valid():
    """Each roles*.yaml entry is well formed; a key defined twice in one file is an error, while
    a later file may extend a role of an earlier one (more titles) without repeating en/scope."""
    problems: list[str] = []
    first: dict[str, str] = {}
    for name in role_files():
        in_file: set[str] = set()
        for r in load(name) or []:
            key = r.get("role")
            if not isinstance(key, str) or not ROLE_KEY.match(key):
                problems.append(f"{name}: bad role key {key!r}")
                continue
            if key in in_file:
                problems.append(f"{name}: role {key} defined twice in the file")
            in_file.add(key)
            defines = key not in first
            first.setdefault(key, name)
            en, scope = r.get("en"), r.get("scope")
            if (defines or en is not None) and not (isinstance(en, str) and en.strip()):
                problems.append(f"{name}:{key}: needs an English label `en`")
            if (defines or scope is not None) and scope not in SCOPES:
                problems.append(f"{name}:{key}: scope {scope!r} not in {sorted(SCOPES)}")
            for lg in ("fa", "ar"):
                titles = r.get(lg)
                if titles is None and not defines:
                    continue
                if not isinstance(titles, list):
                    problems.append(f"{name}:{key}: {lg} must be a list")
                    continue
                dups = {t for t in titles if titles.count(t) > 1}
                if dups:
                    problems.append(f"{name}:{key}: {lg} titles listed twice: {sorted(dups)}")
                for t in titles:
                    problems += [f"{name}:{key}: {p}" for p in text_problems(t, lg)]
    merged = roles()
    for key, r in merged.items():
        same = r.get("same_as")
        if same is not None and same not in merged:
            problems.append(f"role {key}: same_as {same!r} is not a role")
    assert not problems, report(problems)


def test_required_roles_exist():
    missing = [k for k in REQUIRED_ROLES if k not in roles()]
    assert not missing, f"roles.yaml lacks {missing}"


def test_required_roles_have_titles():
    bare = [
        k
        for k in REQUIRED_ROLES
        if k in roles() and not (roles()[k].get("fa") and roles()[k].get("ar"))
    ]
    assert not bare, f"roles without fa and ar titles: {bare}"


# --- entries ----------------------------------------------------------------------------------
def test_ids_unique_and_slug_shaped():
    problems: list[str] = []
    seen: dict[str, str] = {}
    for name, e in entries():
        eid = e.get("id")
        if not isinstance(eid, str):
            problems.append(f"{name}: entry without a string id: {e.get('name')!r}")
            continue
        if e.get("type") == "country":
            if not ISO3.match(eid) and not SLUG.match(eid):
                problems.append(f"{name}: country id {eid!r} is neither ISO alpha-3 nor a slug")
        elif not SLUG.match(eid):
            problems.append(f"{name}: id {eid!r} is not a lowercase ASCII slug")
        if eid in seen:
            problems.append(f"{name}: id {eid} already used in {seen[eid]}")
        seen[eid] = name
    assert not problems, report(problems)


def test_entries_are_well_formed():
    problems: list[str] = []
    for name, e in entries():
        w = where(name, e)
        if e.get("type") not in ENTITY_TYPES:
            problems.append(f"{w}: type {e.get('type')!r} not in {sorted(ENTITY_TYPES)}")
        if not isinstance(e.get("name"), str) or not e["name"].strip():
            problems.append(f"{w}: needs an English `name`")
        c = e.get("country")
        if c is not None and not (isinstance(c, str) and ISO3.match(c)):
            problems.append(f"{w}: country {c!r} is not a 3-letter upper-case code")
        for lg in LANGS:
            v = e.get(lg)
            if v is not None and not isinstance(v, list):
                problems.append(f"{w}: {lg} must be a list")
        short = e.get("short")
        if short is not None:
            if not isinstance(short, dict) or set(short) - set(LANGS):
                problems.append(f"{w}: short must map fa/ar/en to lists")
            elif any(not isinstance(v, list) for v in short.values() if v is not None):
                problems.append(f"{w}: short.* must be lists")
        if not (e.get("fa") or e.get("ar")):
            problems.append(f"{w}: needs fa or ar names")
        for lat_lon, lim in (("lat", 90), ("lon", 180)):
            v = e.get(lat_lon)
            if v is not None and not (isinstance(v, (int, float)) and -lim <= v <= lim):
                problems.append(f"{w}: {lat_lon} {v!r} out of range")
    assert not problems, report(problems)


def test_name_strings_use_the_right_letters():
    problems: list[str] = []
    for name, e in entries():
        for lg, items in names_of(e).items():
            seen: set[str] = set()
            for src, n in items:
                problems += [f"{where(name, e)} {src}: {p}" for p in text_problems(n, lg)]
                if isinstance(n, str):
                    if (src, n) in seen:
                        problems.append(f"{where(name, e)} {src}: {n!r} listed twice")
                    seen.add((src, n))
    assert not problems, report(problems)


def _honorific(n: str, lang: str) -> str | None:
    words = {"fa": HONORIFICS_FA, "ar": HONORIFICS_AR, "en": HONORIFICS_EN}[lang]
    for h in words:
        if n == h or n.startswith((h + " ", h + ZWNJ, h + ".")):
            return h
    return None


def test_person_names_carry_no_honorifics():
    problems: list[str] = []
    for name, e in entries():
        if e.get("type") != "person":
            continue
        for lg, items in names_of(e).items():
            for src, n in items:
                h = _honorific(n, lg) if isinstance(n, str) else None
                if h:
                    problems.append(f"{where(name, e)} {src}: {n!r} starts with {h!r}")
    assert not problems, report(problems)


def test_person_names_do_not_collide():
    """One folded name or short form stands for one person: the automaton maps it to one id."""
    owner: dict[tuple[str, str], str] = {}
    problems: list[str] = []
    for name, e in entries():
        if e.get("type") != "person":
            continue
        for lg, items in names_of(e).items():
            for _, n in items:
                if not isinstance(n, str):
                    continue
                key = (lg, fold(n))
                other = owner.setdefault(key, str(e.get("id")))
                if other != e.get("id"):
                    problems.append(f"{lg} {n!r}: both {other} and {where(name, e)}")
    assert not problems, report(problems)


# --- persons' roles ---------------------------------------------------------------------------
def test_person_roles_are_dated_and_known():
    known = roles()
    problems: list[str] = []
    for name, e in entries():
        if e.get("type") != "person":
            continue
        w = where(name, e)
        spans = e.get("roles")
        if not isinstance(spans, list) or not spans:
            problems.append(f"{w}: a person needs at least one role")
            continue
        for r in spans:
            if not isinstance(r, dict):
                problems.append(f"{w}: role {r!r} is not a mapping")
                continue
            key = r.get("role")
            extra = set(r) - ROLE_FIELDS
            if extra:
                problems.append(f"{w} {key}: unknown role fields {sorted(extra)}")
            if key not in known:
                problems.append(f"{w}: role key {key!r} is not in roles*.yaml")
            start, end = as_iso(r.get("start")), as_iso(r.get("end"))
            if start is None or not iso_ok(start):
                problems.append(f"{w} {key}: start {r.get('start')!r} is not an ISO date")
                continue
            if start > TODAY:
                problems.append(f"{w} {key}: start {start} is after today ({TODAY})")
            if r.get("end") is not None:
                if end is None or not iso_ok(end):
                    problems.append(f"{w} {key}: end {r.get('end')!r} is not an ISO date")
                elif low(start) > high(end):
                    problems.append(f"{w} {key}: start {start} after end {end}")
            for flag in ("acting", "start_is_lower_bound"):
                if flag in r and not isinstance(r[flag], bool):
                    problems.append(f"{w} {key}: {flag} must be true/false")
            for field in ("country", "posted"):
                v = r.get(field)
                if v is not None and not (isinstance(v, str) and ISO3.match(v)):
                    problems.append(f"{w} {key}: {field} {v!r} is not a 3-letter code")
            scope = (known.get(key) or {}).get("scope")
            if scope == "country" and not (r.get("country") or e.get("country")):
                problems.append(f"{w} {key}: a country-scoped role needs a country")
            if scope == "organization" and not (r.get("org") or r.get("unit")):
                problems.append(f"{w} {key}: an organization-scoped role needs `org` (or `unit`)")
            org = r.get("org")
            if org is not None and not (isinstance(org, str) and SLUG.match(org)):
                problems.append(f"{w} {key}: org {org!r} is not an id")
    assert not problems, report(problems)


def test_role_org_references_exist():
    ids = org_ids()
    if ids is None:
        pytest.skip("organizations.yaml not written yet")
    problems = [
        f"{where(name, e)} {r.get('role')}: org {r['org']!r} is not in organizations.yaml"
        for name, e in entries()
        if e.get("type") == "person"
        for r in e.get("roles") or []
        if isinstance(r, dict) and r.get("org") is not None and r["org"] not in ids
    ]
    assert not problems, report(problems)


def test_country_references_exist():
    ids = country_ids()
    if ids is None:
        pytest.skip("countries.yaml not written yet")
    problems: list[str] = []
    for name, e in entries():
        codes = [("country", e.get("country"))]
        for r in e.get("roles") or []:
            if isinstance(r, dict):
                codes += [("role country", r.get("country")), ("posted", r.get("posted"))]
        for what, c in codes:
            if c is not None and c not in ids:
                problems.append(f"{where(name, e)}: {what} {c!r} is not in countries.yaml")
    assert not problems, report(problems)


# --- counts -------------------------------------------------------------------------------------
@pytest.mark.parametrize("name,minimum", sorted(MIN_ENTRIES.items()))
def test_file_minimum_entries(name: str, minimum: int):
    if not (DATA / name).exists():
        pytest.skip(f"{name} not written yet")
    persons = [e for e in load(name) or [] if isinstance(e, dict) and e.get("type") == "person"]
    assert len(persons) >= minimum, f"{name}: {len(persons)} persons, want >= {minimum}"


def test_whole_dictionary_size():
    missing = [f for f in DICTIONARY_FILES if not (DATA / f).exists()]
    if missing:
        pytest.skip(f"dictionary files not written yet: {missing}")
    total = len(entries())
    assert total >= MIN_TOTAL_ENTRIES, f"{total} entries, want >= {MIN_TOTAL_ENTRIES}"
