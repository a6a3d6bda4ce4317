"""The date data files: they load, every row is well formed, every name is in the script it
claims, each calendar and variety has its twelve months, and the regexes are compiled once."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from didar.dates.resources import WEEKDAYS, DateResources, load_date_resources, squash

PERSIAN_ONLY = set("پچژگکی")
ARABIC_ONLY = set("يكةى")


def test_loads_and_compiles_once(date_res: DateResources):
    for lang in ("fa", "ar", "any"):
        lm = date_res.for_language(lang)
        for name in ("day_month", "month_day_year", "month_tail", "numeric", "bare_year"):
            assert isinstance(getattr(lm, name), re.Pattern)
    assert date_res.for_language("en") is date_res.matchers["any"]
    assert load_date_resources().month_rows == date_res.month_rows  # deterministic


def _script_ok(name: str, lang: str) -> bool:
    letters = set(name)
    if lang == "fa":
        return not letters & ARABIC_ONLY
    if lang == "ar":
        return not letters & PERSIAN_ONLY
    return True


# index of the language column in each table of DateResources
LANG_COLUMN = {"month_rows": 4, "weekday_rows": 3, "relative_rows": 3, "label_rows": 3,
               "modifier_rows": 3}


@pytest.mark.parametrize("table", sorted(LANG_COLUMN))
def test_names_in_their_script_and_unique(date_res: DateResources, table: str):
    rows = getattr(date_res, table)
    assert rows
    col = LANG_COLUMN[table]
    seen = Counter((r[0], r[col]) for r in rows)
    assert not [k for k, n in seen.items() if n > 1], "duplicate rows"
    for row in rows:
        name = row[0]
        assert _script_ok(name, row[col]), row
        assert name == name.strip() and "  " not in name


def test_every_calendar_and_variety_has_twelve_months(date_res: DateResources):
    by_variety: dict[tuple[str, str], set[int]] = {}
    for _name, _key, cal, month, lang in date_res.month_rows:
        by_variety.setdefault((cal, lang), set()).add(month)
    assert by_variety[("jalali", "fa")] == set(range(1, 13))
    assert by_variety[("hijri", "any")] == set(range(1, 13))
    assert by_variety[("gregorian", "fa")] == set(range(1, 13))
    assert by_variety[("gregorian", "ar")] == set(range(1, 13))
    assert by_variety[("gregorian", "any")] == set(range(1, 13))  # English


@pytest.mark.parametrize(
    ("lang", "name", "calendar", "month"),
    [
        ("fa", "شهریور", "jalali", 6), ("fa", "ربیع‌الاول", "hijri", 3),
        ("ar", "ربيع الأول", "hijri", 3), ("ar", "ربيع الاول", "hijri", 3),
        ("fa", "اوت", "gregorian", 8), ("fa", "آگوست", "gregorian", 8),
        ("ar", "أبريل", "gregorian", 4), ("ar", "نيسان", "gregorian", 4),
        ("ar", "تشرين الأول", "gregorian", 10), ("ar", "كانون الثاني", "gregorian", 1),
        ("ar", "فيفري", "gregorian", 2), ("ar", "جويلية", "gregorian", 7),
        ("ar", "أوت", "gregorian", 8), ("ar", "آذار", "gregorian", 3), ("fa", "آذر", "jalali", 9),
        ("any", "october", "gregorian", 10), ("ar", "ذو الحجة", "hijri", 12),
        ("fa", "ذی‌الحجه", "hijri", 12),
    ],
)
def test_month_lookup(date_res: DateResources, lang, name, calendar, month):
    from didar.text.normalize import fold_plain

    key = squash(" ".join(fold_plain(name).split()))
    assert date_res.for_language(lang).months[key] == (calendar, month)


def test_may_is_never_a_persian_month(date_res: DateResources):
    assert "می" not in date_res.for_language("fa").months
    assert "ماه" not in date_res.for_language("fa").months


def test_weekdays_cover_the_week(date_res: DateResources):
    for lang in ("fa", "ar", "any"):
        wds = {WEEKDAYS[r[2]] for r in date_res.weekday_rows if r[3] == lang}
        assert wds == set(WEEKDAYS), lang
