"""The dates stage: every date expression in a document, its publication date and the reference
date that relative expressions resolve against.

How it works (all on the matching key `doc.analysis.key`; every offset returned indexes
`doc.text` through `key_to_text`):

1. One Aho-Corasick pass over the key (`DateResources`) finds every trigger: digit runs, month,
   weekday and relative-day names, labels, era and structural words, each checked for word
   boundaries (an Arabic clitic و/ف/ب/ل may precede a word).
2. Anchored regexes grow triggers into candidates, in this order: numeric dates and day-month
   forms at digit runs; month-first, month-year and "ماه/شهر + month" forms at month names;
   years marked by an era, a year word (سال, عام) or a preposition with punctuation after;
   then relative words and bare weekdays. Whatever an earlier candidate covers is skipped.
   A date takes in the weekday, "today", part-of-day and day words written just before it
   ("بعد از ظهر امروز سه‌شنبه ۲۹ مهر ۱۴۰۴", "اليوم السبت (23 آذار 2024)").
3. Values: a day, month and year are converted to Gregorian (a date that does not exist gives
   None). A month-precision value is the first day of that month in its own calendar, a
   year-precision value the first day of that year. "15 بهمن (3 فوریه)": a date and its
   parenthesised equivalent lend each other a year when the conversion agrees.
4. Publication date (see `_stated_publication`): metadata the reader put in `doc.published`
   if it is a valid date; otherwise, from the text, in this order: a date after a publication
   label; a byline date with a clock time in the header; "today" with a full date; a numeric
   date stamp (or a date alone on its line) in the header. A date after an "updated" label
   never counts. The reference date is the publication date.
5. With a reference date: relative words resolve (اليوم, دیروز, منذ يومين); a day and month
   with no year take the year that puts them nearest the reference date (within half a year;
   a modifier such as الماضي or سال جاری decides instead when present); a bare weekday takes
   the most recent such day on or before the reference date, unless the sentence speaks of
   the future (then None) or a modifier says next/last. Our call on year inference: only the
   document's own stated date fixes a missing year. Another full date in the body may be
   historical ("22 بهمن 1357"), so it is not used; without a stated date the value stays None.
6. A written weekday that contradicts the value sets `weekday_conflict` (the value is kept as
   written; a warning is added when that date is the publication date).
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from didar.dates import calendars
from didar.dates.resources import (
    CALENDARS,
    K_DIGIT,
    K_LABEL,
    K_MODIFIER,
    K_MONTH,
    K_RELATIVE,
    K_WEEKDAY,
    WEEKDAYS,
    DateResources,
    LangMatchers,
    squash,
)
from didar.record import DateMention, Document
from didar.text.normalize import fold, to_text_span

if TYPE_CHECKING:
    from didar.resources import Resources

# A date in the first HEADER_CHARS characters of the text may be a byline or a date stamp.
HEADER_CHARS = 800
# A day and month without a year take the year nearest the reference date, if within this.
YEARLESS_WINDOW_DAYS = 183
# Years accepted as written, per calendar; anything else is not read as a year.
PLAUSIBLE_YEARS = {"jalali": (1300, 1499), "hijri": (1300, 1500), "gregorian": (1800, 2100)}
# At most this many words (weekday, today, part of day, day word) join a date from the left.
CHAIN_MAX_WORDS = 5
# Characters skipped between a date and the words before it / between a label and its date.
_CHAIN_SEP = " (),،"
_LABEL_SEP = " :：-–\n"
_LABEL_SEP_MAX = 6
_CLITICS = "وفبل"
_SENTENCE_END = ".!?؟\n"
# fold of اليوم: followed by another ال-word it is "the day", not today
_TODAY_KEY_AR = "الیوم"
# Tatweel and Arabic diacritics: dropped from the key, kept at the end of a mention's text.
_TRAILING_MARKS = frozenset(chr(c) for c in (*range(0x064B, 0x0660), 0x0670, 0x0640))


@dataclass(slots=True)
class _Hit:
    start: int
    end: int
    kinds: dict[str, tuple[Any, ...]]  # kind -> entry (see resources.K_*)


@dataclass(slots=True)
class _Cand:
    ks: int
    ke: int
    calendar: str
    precision: str
    rule: str
    y: int | None = None
    m: int | None = None
    d: int | None = None
    wd: int | None = None
    offset: int | None = None
    today: bool = False
    mod: str | None = None
    explicit_year: bool = False
    numeric: bool = False
    value: date | None = None
    conflict: bool = False


@dataclass(slots=True)
class _Scan:
    key: str
    lm: LangMatchers
    runs: list[int]  # starts of digit runs
    hits: list[_Hit]  # word hits with a valid left boundary, by start
    by_end: dict[int, list[_Hit]]
    by_start: dict[int, list[_Hit]]
    covered: bytearray
    arabic: bool
    clock_after: re.Pattern[str]
    clock_before: re.Pattern[str]


# --------------------------------------------------------------------------- scanning


def _scan(key: str, dr: DateResources, lm: LangMatchers, arabic: bool) -> _Scan:
    runs: list[int] = []
    hits: list[_Hit] = []
    by_end: dict[int, list[_Hit]] = {}
    by_start: dict[int, list[_Hit]] = {}
    n = len(key)
    last_digit = -2
    for end_idx, (length, kinds) in lm.automaton.iter(key):
        start = end_idx - length + 1
        if K_DIGIT in kinds:
            if start != last_digit + 1:
                runs.append(start)
            last_digit = start
            continue
        end = end_idx + 1
        if start > 0 and key[start - 1].isalpha():
            ok = (arabic and key[start - 1] in _CLITICS
                  and (start == 1 or not key[start - 2].isalpha()))
            if not ok:
                continue
        if end < n and key[end].isalpha() and K_MONTH not in kinds:
            continue
        h = _Hit(start, end, kinds)
        hits.append(h)
        by_end.setdefault(end, []).append(h)
        by_start.setdefault(start, []).append(h)
    hits.sort(key=lambda h: (h.start, -h.end))
    return _Scan(key, lm, runs, hits, by_end, by_start, bytearray(n), arabic, dr.clock_after,
                 dr.clock_before)


def _best(hits: list[_Hit] | None, kinds: tuple[str, ...]) -> tuple[_Hit, tuple[Any, ...]] | None:
    """The longest hit among `hits` having an entry of one of `kinds` (first kind preferred)."""
    best: tuple[_Hit, tuple[Any, ...]] | None = None
    for h in hits or ():
        for kind in kinds:
            e = h.kinds.get(kind)
            if e is not None:
                if best is None or h.end - h.start > best[0].end - best[0].start:
                    best = (h, e)
                break
    return best


def _skip_back(key: str, pos: int, chars: str, limit: int = 8) -> int:
    q = pos
    while q > 0 and pos - q < limit and key[q - 1] in chars:
        q -= 1
    return q


def _skip_fwd(key: str, pos: int, chars: str, limit: int = 8) -> int:
    q = pos
    n = len(key)
    while q < n and q - pos < limit and key[q] in chars:
        q += 1
    return q


def _word_before(sc: _Scan, pos: int, kind: str) -> _Hit | None:
    b = _best(sc.by_end.get(_skip_back(sc.key, pos, " ")), (kind,))
    return b[0] if b else None


def _chain_back(sc: _Scan, c: _Cand, allow_weekday: bool = True) -> None:
    """Extend a candidate leftwards over weekday, today, part-of-day and day words."""
    key = sc.key
    p = c.ks
    for _ in range(CHAIN_MAX_WORDS):
        q = _skip_back(key, p, _CHAIN_SEP)
        found = _best(sc.by_end.get(q), (K_WEEKDAY, K_RELATIVE, "part_of_day", "day_word"))
        if found is None:
            break
        h, e = found
        if e[0] == K_WEEKDAY:
            if not allow_weekday or c.wd is not None:
                break
            if e[2] and _word_before(sc, h.start, "day_word") is None:
                break
            c.wd = e[1]
        elif e[0] == K_RELATIVE:
            if not e[2] or c.today:  # only "today" joins a date
                break
            c.today = True
        p = h.start
    c.ks = p


def _weekday_after(sc: _Scan, c: _Cand) -> None:
    """A weekday written right after a date: "۱۵ بهمن ۱۳۹۹ (چهارشنبه)"."""
    if c.wd is not None:
        return
    j = _skip_fwd(sc.key, c.ke, " (،,", 3)
    found = _best(sc.by_start.get(j), (K_WEEKDAY,))
    if found is not None and not found[1][2]:
        c.wd = found[1][1]
        c.ke = found[0].end


def _close_paren(key: str, c: _Cand) -> None:
    """Take in the ")" that closes a "(" inside the span: اليوم السبت (23 آذار 2024)."""
    span = key[c.ks:c.ke]
    if span.count("(") > span.count(")"):
        q = _skip_fwd(key, c.ke, " ", 2)
        if q < len(key) and key[q] == ")":
            c.ke = q + 1


def _mark(sc: _Scan, c: _Cand) -> None:
    sc.covered[c.ks:c.ke] = b"\x01" * (c.ke - c.ks)


def _plausible(calendar: str, y: int) -> bool:
    lo, hi = PLAUSIBLE_YEARS[calendar]
    return lo <= y <= hi


def _year_calendar(y: int, language: str) -> str | None:
    if _plausible("gregorian", y) and y >= 1900:
        return "gregorian"
    if 1300 <= y <= 1499:
        return {"fa": "jalali", "ar": "hijri"}.get(language)
    return None


# --------------------------------------------------------------------------- candidates


def _month_of(lm: LangMatchers, text: str | None) -> tuple[str, int] | None:
    if not text:
        return None
    return lm.months.get(squash(text.rstrip(".")))


def _apply_year(c: _Cand, m: Any, cut: int) -> None:
    """Set the year of candidate c from match m (the month's calendar decides how it is read;
    an era marker is only taken into the span). An implausible year is left out of the span,
    which is cut back to `cut`."""
    ytxt = m.group("y")
    if not ytxt:
        return
    y = int(ytxt)
    if _plausible(c.calendar, y):
        c.y = y
        c.explicit_year = True
    else:
        c.ke = cut
        c.mod = None


def _at_digits(sc: _Scan, s: int, language: str) -> list[_Cand]:
    key, lm = sc.key, sc.lm
    if s >= 2 and key[s - 1] in "./-:" and key[s - 2].isdigit():
        return []  # inside 2025-10-21 or the minutes of a clock time
    m = lm.numeric.match(key, s)
    if m:
        c = _numeric(m, lm, language)
        if c:
            return [c]
    m = lm.day_month.match(key, s)
    if not m:
        return []
    mon = _month_of(lm, m.group("mon"))
    if mon is None:
        return []
    calendar, month = mon
    d = int(m.group("d"))
    if not 1 <= d <= 31:
        return []
    c = _Cand(s, m.end(), calendar, "day", f"day_month_{calendar}", m=month, d=d)
    mon2 = _month_of(lm, m.group("mon2"))
    cut = m.end("monx")
    if mon2 is not None and mon2 != mon:
        c.ke = cut  # "أبريل (نيسان)" pairs must name the same month
    else:
        if mon2 is not None:
            cut = m.end("mon2x")
        if m.group("mod"):
            c.mod = lm.modifiers.get(squash(m.group("mod")))
        _apply_year(c, m, cut)
    if c.y is not None:
        c.rule = f"day_month_year_{calendar}"
    out = [c]
    if m.group("d1"):
        d1 = int(m.group("d1"))
        c.ks = m.start("d")
        if 1 <= d1 < d:
            out.append(_Cand(s, m.end("d1"), calendar, "day", c.rule + "_range", y=c.y, m=month,
                             d=d1, mod=c.mod, explicit_year=c.explicit_year))
    return out


def _numeric(m: Any, lm: LangMatchers, language: str) -> _Cand | None:
    a, b, cc = m.group("a"), m.group("b"), m.group("c")
    if len(a) == 4 and len(cc) <= 2:
        y, mo, d = int(a), int(b), int(cc)
    elif len(cc) == 4 and len(a) <= 2:
        y, mo, d = int(cc), int(b), int(a)
        if mo > 12 and d <= 12:  # 12/25/2020: month first
            mo, d = d, mo
    else:
        return None
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    era = m.group("era")
    calendar = lm.eras.get(squash(era)) if era else None
    if calendar is None or not _plausible(calendar, y):
        calendar = _year_calendar(y, language)
    if calendar is None:
        return None
    return _Cand(m.start(), m.end(), calendar, "day", f"numeric_{calendar}", y=y, m=mo, d=d,
                 explicit_year=True, numeric=True)


def _at_month(sc: _Scan, h: _Hit) -> _Cand | None:
    key, lm = sc.key, sc.lm
    m = lm.month_day_year.match(key, h.start)
    if m:
        mon = _month_of(lm, m.group("mon"))
        d = int(m.group("d"))
        if mon and 1 <= d <= 31:
            calendar, month = mon
            c = _Cand(h.start, m.end(), calendar, "day", f"month_day_year_{calendar}",
                      m=month, d=d)
            _apply_year(c, m, m.end("monx"))
            if c.y is not None:
                return c
    m = lm.month_tail.match(key, h.start)
    if not m:
        return None
    mon = _month_of(lm, m.group("mon"))
    if mon is None:
        return None
    calendar, month = mon
    mon2 = _month_of(lm, m.group("mon2"))
    if mon2 is not None and mon2 != mon:
        return None
    c = _Cand(h.start, m.end(), calendar, "month", f"month_{calendar}", m=month)
    cut = m.end("mon2x") if mon2 else m.end("monx")
    if m.group("y"):
        _apply_year(c, m, cut)
        if c.y is not None:
            c.rule = f"month_year_{calendar}"
            return c
    elif m.group("mod"):
        c.mod = lm.modifiers.get(squash(m.group("mod")))
        c.rule = f"month_modifier_{calendar}"
        return c
    c.ke = cut
    word = _word_before(sc, h.start, "month_word")
    if word is not None:
        c.ks = word.start
        c.rule = f"month_word_{calendar}"
        return c
    return None


def _at_year(sc: _Scan, s: int, language: str) -> list[_Cand]:
    key, lm = sc.key, sc.lm
    m = lm.bare_year.match(key, s)
    if not m:
        return []
    y = int(m.group("y"))
    era = m.group("era")
    calendar = lm.eras.get(squash(era)) if era else None
    rule = "year_era"
    if calendar is None:
        if _word_before(sc, s, "year_word") is not None:
            rule = "year_word"
        elif (lm.year_prep_before.search(key, max(0, s - 8), s) and 1900 <= y <= 2099
              and (m.end() >= len(key) or key[_skip_fwd(key, m.end(), " ")] in ".,،؛;:)]\n")):
            rule = "year_prep"
        else:
            return []
        calendar = _year_calendar(y, language)
    if calendar is None or not _plausible(calendar, y):
        return []
    c = _Cand(s, m.end(), calendar, "year", rule, y=y, explicit_year=True)
    out = [c]
    t = lm.year_range_tail.match(key, m.end())
    if t:
        y2 = int(t.group("y"))
        if _plausible(calendar, y2) and abs(y2 - y) < 200:
            out.append(_Cand(t.start("y"), t.end(), calendar, "year", rule + "_range", y=y2,
                             explicit_year=True))
    return out


# Prepositions that begin with ال after folding ("إلى" → "الی"): "اليوم إلى ملكار" is today.
_PREPOSITIONS_AL = frozenset({"الی"})


def _at_word(sc: _Scan, h: _Hit) -> _Cand | None:
    """A relative-day word or a bare weekday, with the words that belong to it."""
    key = sc.key
    rel = h.kinds.get(K_RELATIVE)
    if rel is not None:
        c = _Cand(h.start, h.end, "relative", "day", "relative", offset=rel[1], today=rel[2])
        if key[h.start:h.end] == _TODAY_KEY_AR:
            j = _skip_fwd(key, h.end, " ")
            nxt = key[j:j + 8].split(" ", 1)[0]
            if (key.startswith("ال", j) and nxt not in _PREPOSITIONS_AL
                    and _best(sc.by_start.get(j), (K_WEEKDAY,)) is None):
                return None  # اليوم الأول, اليوم الوطني: "the day", not today
        j = _skip_fwd(key, h.end, " (")
        wd = _best(sc.by_start.get(j), (K_WEEKDAY,))
        if wd is not None and not wd[1][2]:
            c.wd = wd[1][1]
            c.ke = wd[0].end
            c.rule = "relative_weekday"
        _chain_back(sc, c, allow_weekday=False)
        _close_paren(key, c)
        return c
    wd_e = h.kinds.get(K_WEEKDAY)
    if wd_e is None:
        return None
    if wd_e[2] and _word_before(sc, h.start, "day_word") is None:
        return None
    c = _Cand(h.start, h.end, "relative", "weekday", "weekday", wd=wd_e[1])
    j = _skip_fwd(key, h.end, " ")
    mod = _best(sc.by_start.get(j), (K_MODIFIER,))
    if mod is not None and mod[1][1] in ("prev", "this", "next"):
        c.mod = mod[1][1]
        c.ke = mod[0].end
    wd = c.wd
    c.wd = None
    _chain_back(sc, c)
    if c.wd is not None and c.wd != wd:
        c.ks = h.start  # two different weekdays: keep the core only
    c.wd = wd
    return c


def _candidates(sc: _Scan, language: str) -> list[_Cand]:
    out: list[_Cand] = []
    key = sc.key
    # 1. numeric dates and day-month forms at digit runs
    for s in sc.runs:
        if sc.covered[s]:
            continue
        for c in _at_digits(sc, s, language):
            if c.precision == "day" and not c.rule.endswith("_range"):
                _chain_back(sc, c)
                _weekday_after(sc, c)
                _close_paren(key, c)
            out.append(c)
            _mark(sc, c)
    # 2. month-first, month-year, month + modifier, month word + month
    last_start = -1
    for h in sc.hits:
        if h.start == last_start or sc.covered[h.start] or h.kinds.get(K_MONTH) is None:
            continue
        last_start = h.start
        c = _at_month(sc, h)
        if c is not None:
            if c.precision == "day":
                _chain_back(sc, c)
                _weekday_after(sc, c)
                _close_paren(key, c)
            out.append(c)
            _mark(sc, c)
    # 3. years
    for s in sc.runs:
        if sc.covered[s] or (s + 4 < len(key) and key[s + 4].isdigit()):
            continue
        for c in _at_year(sc, s, language):
            out.append(c)
            _mark(sc, c)
    # 4. relative words and bare weekdays
    last_start = -1
    for h in sc.hits:
        if h.start == last_start or sc.covered[h.start]:
            continue
        if h.kinds.get(K_RELATIVE) is None and h.kinds.get(K_WEEKDAY) is None:
            continue
        best = _best(sc.by_start.get(h.start), (K_RELATIVE, K_WEEKDAY))
        if best is None or best[0] is not h:
            continue
        last_start = h.start
        c = _at_word(sc, h)
        if c is not None and not any(sc.covered[c.ks:c.ke]):
            out.append(c)
            _mark(sc, c)
    # phrases that only look like dates
    blocked = [(h.start, h.end) for h in sc.hits if h.kinds.get("not_date") is not None]
    if blocked:
        out = [c for c in out if not any(s < c.ke and c.ks < e for s, e in blocked)]
    out.sort(key=lambda c: c.ks)
    return out


# --------------------------------------------------------------------------- values


def _set_values(cands: list[_Cand]) -> None:
    for c in cands:
        if c.calendar == "relative" or c.y is None:
            continue
        if c.precision == "day" and c.m and c.d:
            c.value = calendars.to_gregorian(c.calendar, c.y, c.m, c.d)
            if c.value is None:
                c.rule += "_invalid"
        elif c.precision == "month" and c.m:
            c.value = calendars.to_gregorian(c.calendar, c.y, c.m, 1)
        elif c.precision == "year":
            c.value = calendars.to_gregorian(c.calendar, c.y, 1, 1)


def _link_pairs(key: str, cands: list[_Cand]) -> None:
    """"15 بهمن ۱۳۹۹ (3 فوریه)": the same day in two calendars; a missing year comes from the
    other one when their conversion agrees."""
    for a, b in itertools.pairwise(cands):
        if a.precision != "day" or b.precision != "day" or a.calendar == b.calendar:
            continue
        if "relative" in (a.calendar, b.calendar) or key[a.ke:b.ks].strip(" ") not in ("(", "/"):
            continue
        for src, dst in ((a, b), (b, a)):
            if src.value is not None and dst.value is None and dst.y is None and dst.m and dst.d:
                conv = calendars.from_gregorian(dst.calendar, src.value)
                if conv is not None and conv[1:] == (dst.m, dst.d):
                    dst.y = conv[0]
                    dst.value = src.value
                    dst.rule += "_paired"


# Rule suffix of a date in page chrome (a publication label, a byline with a clock time, a
# header stamp, an "updated" stamp): it dates the page, never an event.
CHROME = ":chrome"


def _stated_publication(sc: _Scan, cands: list[_Cand], k2t: list[int]) -> _Cand | None:
    """The date the text states as its own, by the priority in the module docstring."""
    key = sc.key
    full = [c for c in cands if c.precision == "day" and c.explicit_year and c.value is not None]
    if not full:
        return None
    labelled: list[_Cand] = []
    byline: list[_Cand] = []
    today: list[_Cand] = []
    stamp: list[_Cand] = []
    for c in full:
        label = _label_before(sc, c.ks)
        if label == "updated":
            c.rule += CHROME
            continue
        header = k2t[c.ks] < HEADER_CHARS
        if label == "published":
            labelled.append(c)
            c.rule += CHROME
        elif header and _has_clock(sc, c):
            byline.append(c)
            c.rule += CHROME
        elif c.today:
            today.append(c)
        elif header and (c.numeric or _alone_on_line(key, c)):
            stamp.append(c)
            c.rule += CHROME
    for group in (labelled, byline, today, stamp):
        if group:
            return group[0]
    return None


def _label_before(sc: _Scan, pos: int) -> str | None:
    key = sc.key
    q = _skip_back(key, pos, _LABEL_SEP, _LABEL_SEP_MAX)
    found = _best(sc.by_end.get(q), (K_LABEL,))
    if found is None:
        return None
    _h, e = found
    if e[2] and ":" not in key[q:pos]:
        return None
    return str(e[1])


def _has_clock(sc: _Scan, c: _Cand) -> bool:
    return bool(sc.clock_after.match(sc.key, c.ke)
                or sc.clock_before.search(sc.key, max(0, c.ks - 12), c.ks))


def _alone_on_line(key: str, c: _Cand) -> bool:
    ls = key.rfind("\n", 0, c.ks) + 1
    le = key.find("\n", c.ke)
    le = len(key) if le < 0 else le
    rest = key[ls:c.ks] + key[c.ke:le]
    return not rest.strip(" -–|,،:0123456789")


def _in_year(calendar: str, ref: date, month: int, day: int, mod: str | None) -> date | None:
    """The date of `day` `month` (calendar) placed by the reference date and a modifier."""
    rc = calendars.from_gregorian(calendar, ref)
    if rc is None:
        return None
    ry, rm = rc[0], rc[1]
    if mod in ("prev_year", "this_year", "next_year"):
        y = ry + {"prev_year": -1, "this_year": 0, "next_year": 1}[mod]
        return calendars.to_gregorian(calendar, y, month, day)
    if mod == "this":
        return calendars.to_gregorian(calendar, ry, month, day)
    if mod == "prev":
        y = ry if month < rm else ry - 1
        return calendars.to_gregorian(calendar, y, month, day)
    if mod == "next":
        y = ry if month > rm else ry + 1
        return calendars.to_gregorian(calendar, y, month, day)
    best: date | None = None
    for y in (ry - 1, ry, ry + 1):
        g = calendars.to_gregorian(calendar, y, month, day)
        if g is not None and abs((g - ref).days) <= YEARLESS_WINDOW_DAYS:
            if best is None or abs((g - ref).days) < abs((best - ref).days):
                best = g
    return best


def _resolve(sc: _Scan, cands: list[_Cand], ref: date | None) -> None:
    key = sc.key
    future = [h.start for h in sc.hits if h.kinds.get("future") is not None]
    for c in cands:
        if ref is None:
            if c.calendar == "relative" and c.wd is not None:
                c.precision = "weekday"
            continue
        if c.calendar in CALENDARS and c.y is None and c.m:
            if c.precision == "day" and c.d:
                c.value = _in_year(c.calendar, ref, c.m, c.d, c.mod)
            elif c.precision == "month" and c.mod is not None:
                c.value = _in_year(c.calendar, ref, c.m, 1, c.mod)
            if c.value is not None:
                c.rule += "_ref"
        elif c.calendar == "relative" and c.offset is not None:
            c.value = ref + timedelta(days=c.offset)
        elif c.calendar == "relative" and c.wd is not None:
            back = (ref.weekday() - c.wd) % 7
            if c.mod == "next":
                c.value = ref + timedelta(days=(c.wd - ref.weekday()) % 7 or 7)
            elif c.mod == "prev":
                c.value = ref - timedelta(days=back or 7)
            elif not _future_sentence(key, c.ks, future):
                c.value = ref - timedelta(days=back)
            if c.value is not None:
                c.precision = "day"
    _link_pairs(key, cands)
    for c in cands:
        if c.calendar == "relative" and c.value is None and c.wd is not None:
            c.precision = "weekday"


def _future_sentence(key: str, pos: int, future: list[int]) -> bool:
    if not future:
        return False
    s0 = max(key.rfind(ch, 0, pos) for ch in _SENTENCE_END) + 1
    ends = [i for i in (key.find(ch, pos) for ch in _SENTENCE_END) if i >= 0]
    s1 = min(ends) if ends else len(key)
    i = bisect.bisect_left(future, s0)
    return i < len(future) and future[i] < s1


def _flag_conflicts(cands: list[_Cand]) -> None:
    for c in cands:
        if c.wd is not None and c.value is not None and c.value.weekday() != c.wd:
            c.conflict = True


def _valid_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


# --------------------------------------------------------------------------- the stage


def find_dates(doc: Document, res: Resources) -> Document:
    """Fill doc.dates, doc.published and doc.analysis.reference_date (see module docstring)."""
    if doc.text and not doc.analysis.key:
        doc.analysis.key, doc.analysis.key_to_text = fold(doc.text)
    key, k2t = doc.analysis.key, doc.analysis.key_to_text
    lm = res.dates.for_language(doc.language)
    sc = _scan(key, res.dates, lm, arabic=doc.language != "fa")
    cands = _candidates(sc, doc.language)
    _set_values(cands)
    _link_pairs(key, cands)

    meta = _valid_iso(doc.published)
    if doc.published and meta is None:
        doc.warnings.append(f"dates: metadata published {doc.published!r} is not a date; ignored")
    stated = _stated_publication(sc, cands, k2t)
    if meta is not None:
        published: date | None = meta
        if stated is not None and stated.value != meta:
            doc.warnings.append(f"dates: metadata published {meta.isoformat()} but the text "
                                f"states {stated.value.isoformat() if stated.value else None}")
    else:
        published = stated.value if stated is not None else None
    _resolve(sc, cands, published)
    _flag_conflicts(cands)
    if meta is None and stated is not None and stated.conflict:
        wd = WEEKDAYS[stated.wd] if stated.wd is not None else "?"
        doc.warnings.append(f"dates: the stated date {published} is not a {wd} as the text says")

    doc.published = published.isoformat() if published else None
    doc.analysis.reference_date = doc.published
    mentions = []
    text = doc.text
    for c in cands:
        s, e = to_text_span(k2t, c.ks, c.ke)
        while e < len(text) and text[e] in _TRAILING_MARKS:  # هـ: keep the tatweel
            e += 1
        mentions.append(DateMention(
            text=doc.text[s:e], start=s, end=e, calendar=c.calendar,
            value=c.value.isoformat() if c.value else None, precision=c.precision,
            weekday=WEEKDAYS[c.wd] if c.wd is not None else None,
            weekday_conflict=c.conflict, rule=c.rule,
        ))
    doc.dates = mentions
    return doc


def date_for_span(doc: Document, start: int, end: int) -> DateMention | None:
    """The date mention governing an event found at text span [start, end) (its cue): the
    nearest date mention (by character gap; 0 when they overlap; a tie goes to the earlier one)
    inside the same sentence of doc.analysis.sentences (the whole text when there are none),
    else None. A mention that only states the document's own date (a byline, "today, <date>")
    or whose weekday contradicts it gives way to any other day-precise mention in the sentence:
    "۹ مهر ۱۴۰۰ ... بعدازظهر پنجشنبه" dates the call by the Thursday, not the byline."""
    if not doc.dates:
        return None
    s0, s1 = 0, len(doc.text)
    sents = doc.analysis.sentences
    if sents:
        i = bisect.bisect_right([s.start for s in sents], start) - 1
        if i < 0 or sents[i].end <= start:
            return None
        s0, s1 = sents[i].start, sents[i].end
    best: DateMention | None = None
    best_rank: tuple[int, int] = (0, 0)
    for m in doc.dates:
        if m.start < s0 or m.end > s1 or m.rule.endswith(CHROME):
            continue
        if m.end <= start:
            gap = start - m.end
        elif m.start >= end:
            gap = m.start - end
        else:
            gap = 0
        demoted = m.weekday_conflict or (
            m.value is not None and m.value == doc.published and m.calendar != "relative"
        )
        if m.precision not in ("day", "weekday"):
            demoted = True
        rank = (int(demoted), gap)
        if best is None or rank < best_rank:
            best, best_rank = m, rank
    return best
