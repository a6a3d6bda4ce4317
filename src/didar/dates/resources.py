"""Date resources: month, weekday and relative-day names, labels and era markers, loaded once
from the TSV files in `didar/dates/data/` and compiled into per-language matchers.

Every name is folded with `text.normalize.fold_plain` (the key `find_dates` works on), so
ي/ی, ك/ک, ة/ه, أ/إ/آ/ا, hamza and digit variants need no separate entries. A space inside a
name matches a space, a ZWNJ (folded to a space) or nothing: سه‌شنبه = سه شنبه = سهشنبه.

For each language ("fa", "ar", and "any" = everything) there is one Aho-Corasick automaton
over all date words and digits (one pass over the key finds every trigger), and a few regexes
that `find_dates` anchors at a trigger with `pattern.match(key, pos)`; none of them scans.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources as importlib_resources
from typing import Any

import ahocorasick

from didar.errors import ResourceError
from didar.text.normalize import fold_plain

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CALENDARS = ("jalali", "hijri", "gregorian")
LANGS = ("fa", "ar", "any")
MODIFIER_KINDS = ("prev", "this", "next", "prev_year", "this_year", "next_year")
LABEL_KINDS = ("published", "updated")
WORD_ROLES = ("day_word", "month_word", "year_word", "year_prep", "range", "of", "part_of_day",
              "not_date", "future")

# Kinds of automaton entries (first item of each entry tuple).
K_DIGIT = "digit"
K_MONTH = "month"  # (K_MONTH, calendar, month)
K_WEEKDAY = "weekday"  # (K_WEEKDAY, weekday index Monday=0, needs_day_word)
K_RELATIVE = "relative"  # (K_RELATIVE, offset, is_today)
K_MODIFIER = "modifier"  # (K_MODIFIER, kind)
K_LABEL = "label"  # (K_LABEL, kind, needs_colon)
# and each role of words.tsv: (role,)


@dataclass(frozen=True, slots=True)
class LangMatchers:
    """Compiled matchers for one language (see module docstring)."""

    automaton: Any  # ahocorasick.Automaton: key word -> (length, {kind: entry tuple})
    months: dict[str, tuple[str, int]]  # squashed month key -> (calendar, month number)
    eras: dict[str, str]  # squashed era key -> calendar
    day_month: re.Pattern[str]  # at a digit: [day range] day month [(month)] [year] [era] [mod]
    month_day_year: re.Pattern[str]  # at a month: month day, year  (خرداد 20, 1400)
    # at a month: month [(month)] [year [era] | modifier]; no comma before the year, so that
    # "خبرگزاری مهر، ۱۴۰۰ نفر" is no date
    month_tail: re.Pattern[str]
    year_era: re.Pattern[str]  # at a digit: year era  (۱۳۹۷ ه.ش, 2024م)
    bare_year: re.Pattern[str]  # at a digit: a 4-digit year [era]
    year_range_tail: re.Pattern[str]  # after a year: "تا ۲۰۲۰", "- 2020"
    year_prep_before: re.Pattern[str]  # searched right before a year: "در ", "في "
    numeric: re.Pattern[str]  # at a digit: 2025-10-21, 03.02.2021, 1400/03/19 [era]
    modifiers: dict[str, str]  # squashed modifier key -> kind


@dataclass(frozen=True, slots=True)
class DateResources:
    """Everything `find_dates` needs, built once by `load_date_resources()`."""

    matchers: dict[str, LangMatchers]  # "fa" | "ar" | "any"
    clock_after: re.Pattern[str]  # at a date's end: " - 14:30", "، ۱۰:۱۲"
    clock_before: re.Pattern[str]  # searched in the few characters before a date
    # Raw tables, for review and tests: (name as written, folded key, ...)
    month_rows: tuple[tuple[str, str, str, int, str], ...]  # name, key, calendar, month, lang
    weekday_rows: tuple[tuple[str, str, int, str, bool], ...]  # name, key, weekday, lang, needs
    relative_rows: tuple[tuple[str, str, int, str, bool], ...]  # name, key, offset, lang, today
    label_rows: tuple[tuple[str, str, str, str, bool], ...]  # name, key, kind, lang, needs_colon
    era_rows: tuple[tuple[str, str, str], ...]  # name, key, calendar
    modifier_rows: tuple[tuple[str, str, str, str], ...]  # name, key, kind, lang
    word_rows: tuple[tuple[str, str, str, str], ...]  # role, name, key, lang

    def for_language(self, language: str) -> LangMatchers:
        return self.matchers.get(language) or self.matchers["any"]


def squash(key: str) -> str:
    """A folded name without its spaces: the lookup key for names matched with optional spaces."""
    return key.replace(" ", "")


def _read_tsv(name: str, columns: int) -> list[list[str]]:
    try:
        raw = importlib_resources.files("didar.dates").joinpath("data", name).read_text("utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise ResourceError(f"date data file {name} is missing: {exc}") from exc
    rows: list[list[str]] = []
    header_seen = False
    for n, line in enumerate(raw.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if not header_seen:
            header_seen = True
            continue
        if len(cells) < columns or any(not c for c in cells[:columns]):
            raise ResourceError(f"{name}:{n}: expected {columns} tab-separated fields: {line!r}")
        rows.append(cells[:columns])
    return rows


def _key(name: str) -> str:
    return " ".join(fold_plain(name).split())


def _check(cond: bool, file: str, row: list[str], what: str) -> None:
    if not cond:
        raise ResourceError(f"{file}: {what}: {row!r}")


def _yes(value: str, file: str, row: list[str]) -> bool:
    _check(value in ("yes", "no"), file, row, "expected yes or no")
    return value == "yes"


def _alternation(keys: Iterable[str], abbrev_dot: bool = False) -> str:
    """Regex alternation over folded names, longest first; a space matches any run of spaces
    (or none). Short Latin abbreviations may carry a dot (oct.)."""
    alts: set[str] = set()
    for k in keys:
        pat = " *".join(re.escape(t) for t in k.split())
        alts.add(pat)
        if abbrev_dot and k.isascii() and len(k) <= 4:
            alts.add(pat + r"\.")
    return "|".join(sorted(alts, key=lambda p: (-len(p), p)))


# A letter (not a digit, not an underscore): names must not continue into one.
_NOT_LETTER_AFTER = r"(?![^\W\d_])"


_NOT_TRIGGERS = ("range", "of", "year_prep")


def _in_lang(lang: str, target: str) -> bool:
    return target == "any" or lang in ("any", target)


def _build_matchers(target: str, res: dict[str, Any]) -> LangMatchers:
    months = [r for r in res["months"] if _in_lang(r[4], target)]
    weekdays = [r for r in res["weekdays"] if _in_lang(r[3], target)]
    relatives = [r for r in res["relatives"] if _in_lang(r[3], target)]
    labels = [r for r in res["labels"] if _in_lang(r[3], target)]
    modifiers = [r for r in res["modifiers"] if _in_lang(r[3], target)]
    words = [r for r in res["words"] if _in_lang(r[3], target)]
    eras = res["eras"]

    month_map: dict[str, tuple[str, int]] = {}
    for _name, key, cal, month, _lang in months:
        old = month_map.setdefault(squash(key), (cal, month))
        if old != (cal, month):
            raise ResourceError(f"months.tsv: {key!r} is two different months in {target}")
    modifier_map = {squash(key): kind for _n, key, kind, _l in modifiers}
    era_map = {squash(key): cal for _n, key, cal in eras}

    def role_keys(role: str) -> list[str]:
        return [key for r, _n, key, _l in words if r == role]

    mon = _alternation((m[1] for m in months), abbrev_dot=True)
    era = _alternation(e[1] for e in eras)
    mod = _alternation(m[1] for m in modifiers)
    year_word = _alternation(role_keys("year_word"))
    rng = _alternation(role_keys("range"))
    of = _alternation(role_keys("of"))
    month_suffix = r"(?: *ماه)?"  # تیرماه, شهریور ماه
    mon2 = rf"(?: *[(/] *(?P<mon2x>(?P<mon2>{mon}){month_suffix}){_NOT_LETTER_AFTER} *\)?)?"
    year = r"(?P<y>[0-9]{4})(?![0-9]|:[0-9])"
    era_opt = rf"(?: *(?P<era>{era}){_NOT_LETTER_AFTER})?"
    mod_opt = rf"(?: *(?P<mod>{mod}){_NOT_LETTER_AFTER})?"
    month_grp = rf"(?P<monx>(?P<mon>{mon}){month_suffix}){_NOT_LETTER_AFTER}"

    day_month = re.compile(
        rf"(?:(?P<d1>[0-9]{{1,2}}) *(?:(?:{rng}){_NOT_LETTER_AFTER}|[-–]) *(?=[0-9]))?"
        rf"(?P<d>[0-9]{{1,2}})(?![0-9]|[:./][0-9])"
        rf"(?: *(?:ام|th|st|nd|rd){_NOT_LETTER_AFTER})?"
        rf"(?: *(?:{of}){_NOT_LETTER_AFTER})? *"
        rf"{month_grp}{mon2}"
        rf"(?: *[,،/-]? *(?:(?:{year_word}) *)?{year}{era_opt})?"
        rf"{mod_opt}"
    )
    month_day_year = re.compile(
        rf"{month_grp} *(?P<d>[0-9]{{1,2}})(?![0-9]) *[,،] *{year}{era_opt}"
    )
    month_tail = re.compile(
        rf"{month_grp}{mon2}"
        rf"(?: *(?:(?:{year_word}) *)?{year}{era_opt}"
        rf"| *(?P<mod>{mod}){_NOT_LETTER_AFTER})?"
    )
    year_era = re.compile(rf"{year} *(?P<era>{era}){_NOT_LETTER_AFTER}")
    bare_year = re.compile(rf"{year}{era_opt}")
    year_range_tail = re.compile(
        rf" *(?:(?:{rng}){_NOT_LETTER_AFTER}|[-–]) *(?P<y>[0-9]{{4}})(?![0-9]|:[0-9]){era_opt}"
    )
    year_prep_before = re.compile(rf"(?<![^\W\d_])(?:{_alternation(role_keys('year_prep'))}) +$")
    numeric = re.compile(
        r"(?P<a>[0-9]{1,4})(?P<sep>[./-])(?P<b>[0-9]{1,2})(?P=sep)(?P<c>[0-9]{1,4})"
        rf"(?![0-9]|[./-][0-9]){era_opt}"
    )

    automaton = ahocorasick.Automaton()
    entries: dict[str, list[tuple[Any, ...]]] = {}

    def add(key: str, entry: tuple[Any, ...]) -> None:
        variants = {key, key.replace(" ", "")}
        for v in variants:
            lst = entries.setdefault(v, [])
            if entry not in lst:
                lst.append(entry)

    for d in "0123456789":
        add(d, (K_DIGIT,))
    for _n, key, cal, month, _l in months:
        add(key, (K_MONTH, cal, month))
    for _n, key, wd, _l, needs in weekdays:
        add(key, (K_WEEKDAY, wd, needs))
    for _n, key, off, _l, today in relatives:
        add(key, (K_RELATIVE, off, today))
    for _n, key, kind, _l in modifiers:
        add(key, (K_MODIFIER, kind))
    for _n, key, kind, _l, colon in labels:
        add(key, (K_LABEL, kind, colon))
    for role, _n, key, _l in words:
        if role not in _NOT_TRIGGERS:  # used inside regexes only; far too frequent to trigger
            add(key, (role,))
    for word, lst in entries.items():
        automaton.add_word(word, (len(word), {e[0]: e for e in lst}))
    automaton.make_automaton()

    return LangMatchers(
        automaton=automaton, months=month_map, eras=era_map, day_month=day_month,
        month_day_year=month_day_year, month_tail=month_tail, year_era=year_era,
        bare_year=bare_year, year_range_tail=year_range_tail,
        year_prep_before=year_prep_before, numeric=numeric,
        modifiers=modifier_map,
    )


def load_date_resources() -> DateResources:
    """Read and validate the data files and compile the matchers (call once, then pass around)."""
    months = []
    for row in _read_tsv("months.tsv", 4):
        name, cal, month, lang = row
        _check(cal in CALENDARS, "months.tsv", row, "unknown calendar")
        _check(month.isdigit() and 1 <= int(month) <= 12, "months.tsv", row, "month not 1-12")
        _check(lang in LANGS, "months.tsv", row, "unknown language")
        months.append((name, _key(name), cal, int(month), lang))
    weekdays = []
    for row in _read_tsv("weekdays.tsv", 4):
        name, wd, lang, needs = row
        _check(wd in WEEKDAYS, "weekdays.tsv", row, "weekday must be an English name")
        _check(lang in LANGS, "weekdays.tsv", row, "unknown language")
        weekdays.append((name, _key(name), WEEKDAYS.index(wd), lang,
                         _yes(needs, "weekdays.tsv", row)))
    relatives = []
    for row in _read_tsv("relative.tsv", 4):
        name, off, lang, today = row
        _check(re.fullmatch(r"-?[0-9]+", off) is not None, "relative.tsv", row, "bad offset")
        _check(lang in LANGS, "relative.tsv", row, "unknown language")
        relatives.append((name, _key(name), int(off), lang, _yes(today, "relative.tsv", row)))
    labels = []
    for row in _read_tsv("labels.tsv", 4):
        name, kind, lang, colon = row
        _check(kind in LABEL_KINDS, "labels.tsv", row, "unknown kind")
        _check(lang in LANGS, "labels.tsv", row, "unknown language")
        labels.append((name, _key(name), kind, lang, _yes(colon, "labels.tsv", row)))
    eras = []
    for row in _read_tsv("eras.tsv", 2):
        name, cal = row
        _check(cal in CALENDARS, "eras.tsv", row, "unknown calendar")
        eras.append((name, _key(name), cal))
    modifiers = []
    for row in _read_tsv("modifiers.tsv", 3):
        name, kind, lang = row
        _check(kind in MODIFIER_KINDS, "modifiers.tsv", row, "unknown kind")
        _check(lang in LANGS, "modifiers.tsv", row, "unknown language")
        modifiers.append((name, _key(name), kind, lang))
    words = []
    for row in _read_tsv("words.tsv", 3):
        role, name, lang = row
        _check(role in WORD_ROLES, "words.tsv", row, "unknown role")
        _check(lang in LANGS, "words.tsv", row, "unknown language")
        words.append((role, name, _key(name), lang))

    tables = {"months": months, "weekdays": weekdays, "relatives": relatives, "labels": labels,
              "eras": eras, "modifiers": modifiers, "words": words}
    return DateResources(
        matchers={lang: _build_matchers(lang, tables) for lang in LANGS},
        clock_after=re.compile(r" *(?:[-–—,،|/] *)?(?:ساعت *|الساعه *)?[0-9]{1,2}:[0-9]{2}"),
        clock_before=re.compile(r"[0-9]{1,2}:[0-9]{2} *(?:[-–—,،|/] *)?$"),
        month_rows=tuple(months), weekday_rows=tuple(weekdays),
        relative_rows=tuple(relatives), label_rows=tuple(labels), era_rows=tuple(eras),
        modifier_rows=tuple(modifiers), word_rows=tuple(words),
    )
