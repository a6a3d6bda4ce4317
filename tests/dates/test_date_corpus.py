"""The dates stage on the real articles in ../shared (read from there, never copied here):
published dates against ../shared/eval/dev.json and the seed expectations, the date decisions
the gold notes explain, offsets, and speed. Skips without ../shared (or $DIDAR_SHARED)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from didar.record import Document

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("DIDAR_SHARED", REPO.parent / "shared"))

DEV = SHARED / "corpus" / "dev"
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "eval" / "dev.json"

needs_shared = pytest.mark.skipif(
    not GOLD.is_file() or not SEEDS.is_dir(),
    reason=f"real articles not found at {SHARED} (set DIDAR_SHARED to the shared folder)",
)

SEED_PUBLISHED = {"000": None, "001": "2025-10-21", "002": "2024-03-23", "003": "2020-10-27",
                  "004": None}
SEED_LANG = {"000": "fa", "001": "fa", "002": "ar", "003": "fa", "004": "fa"}


def _gold() -> list[dict]:
    return json.loads(GOLD.read_text("utf-8"))["documents"] if GOLD.is_file() else []


def _seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def _dev_doc(run, name: str) -> Document:
    lang = "ar" if name.startswith("ar_") else "fa"
    return run((DEV / name).read_text("utf-8"), lang)


@needs_shared
@pytest.mark.parametrize("prefix", sorted(SEED_PUBLISHED))
def test_seed_published(run, prefix):
    doc = run(_seed(prefix).read_text("utf-8"), SEED_LANG[prefix])
    assert doc.published == SEED_PUBLISHED[prefix]
    assert doc.analysis.reference_date == doc.published


@needs_shared
@pytest.mark.parametrize("gold", _gold(), ids=lambda g: g["doc"])
def test_dev_published(run, gold):
    doc = run((DEV / gold["doc"]).read_text("utf-8"), gold["language"])
    expected = gold["published"]
    accepted = expected if isinstance(expected, list) else [expected]
    assert doc.published in accepted


@needs_shared
@pytest.mark.parametrize("path", sorted(DEV.glob("*.txt")) + sorted(SEEDS.glob("*.txt"))
                         if DEV.is_dir() and SEEDS.is_dir() else [], ids=lambda p: p.name)
def test_offsets_and_values(run, path):
    lang = "ar" if path.name.startswith(("ar_", "002")) else "fa"
    doc = run(path.read_text("utf-8"), lang)
    last = 0
    for m in doc.dates:
        assert doc.text[m.start:m.end] == m.text
        assert m.start >= last
        last = m.end
        assert m.calendar in ("jalali", "hijri", "gregorian", "relative")
        assert m.precision in ("day", "month", "year", "weekday")
        assert m.value is None or len(m.value) == 10


@needs_shared
def test_seed_000_meeting_date_is_not_the_publication_date(run):
    doc = run(_seed("000").read_text("utf-8"), "fa")
    m = doc.dates[0]
    assert (m.text, m.value, m.weekday, m.weekday_conflict) == (
        "شامگاه یکشنبه ۱۶ شهریور ۱۴۰۴", "2025-09-07", "Sunday", False)
    assert doc.published is None
    assert all(m.value is None for m in doc.dates[1:])  # "امروز" has nothing to resolve against


@needs_shared
def test_seed_002_agency_name_is_not_today(run):
    doc = run(_seed("002").read_text("utf-8"), "ar")
    assert [m.text for m in doc.dates if m.calendar == "relative"] == []


@needs_shared
def test_seed_003_news_code_and_footer_are_not_dates(run):
    doc = run(_seed("003").read_text("utf-8"), "fa")
    assert "۴۲۳۷۳۸" not in " ".join(m.text for m in doc.dates)
    assert "341" not in " ".join(m.text for m in doc.dates)


@needs_shared
def test_fa_farex_18_thursday_before_a_friday_byline(run):
    doc = _dev_doc(run, "fa_farex_18.txt")
    assert doc.published == "2021-10-01"
    m = next(m for m in doc.dates if m.text == "بعدازظهر پنجشنبه")
    assert (m.value, m.weekday) == ("2021-09-30", "Thursday")


@needs_shared
def test_fa_farex_06_updated_stamp_is_not_published(run):
    doc = _dev_doc(run, "fa_farex_06.txt")
    assert doc.published == "2021-06-10"
    assert any(m.value == "2021-10-25" for m in doc.dates)  # [Updated: آبان 03, 1400 ...]


@needs_shared
def test_fa_farex_07_no_year_no_value(run):
    doc = _dev_doc(run, "fa_farex_07.txt")
    m = next(m for m in doc.dates if "۱۹ مرداد" in m.text)
    assert (m.value, m.weekday) == (None, "Tuesday")


@needs_shared
def test_fa_farex_14_stamp_dates_the_arrival(run):
    doc = _dev_doc(run, "fa_farex_14.txt")
    assert doc.published == "2021-02-03"
    today = [m for m in doc.dates if "15 بهمن" in m.text]
    assert today and all(m.value == "2021-02-03" and not m.weekday_conflict for m in today)


@needs_shared
def test_fa_farex_22_mixed_digits(run):
    doc = _dev_doc(run, "fa_farex_22.txt")
    m = next(m for m in doc.dates if "تیرماه" in m.text)
    assert (m.value, m.weekday, m.weekday_conflict) == ("2021-07-11", "Sunday", False)


@needs_shared
def test_ar_ant_05_conflict_flagged(run):
    doc = _dev_doc(run, "ar_ant_05.txt")
    m = doc.dates[0]
    assert (m.value, m.weekday, m.weekday_conflict) == ("2016-02-19", "Sunday", True)
    assert doc.warnings


@needs_shared
def test_ar_ant_03_council_session_number_is_not_a_date(run):
    doc = _dev_doc(run, "ar_ant_03.txt")
    assert not any("147" in m.text for m in doc.dates)
