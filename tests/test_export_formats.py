"""Event data exports (didar.export): PLOVER JSON Lines and the CAMEO-style TSV, on hand-built
Persian and Arabic records in a real store, and the rules behind them as (input, expected)
tables: PLOVER categories and quad codes, CAMEO quad classes, sector codes, who is source."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "store"))

from store_records import actor, at, corpus, finish

from didar import export as ex
from didar.record import Document, Event, Evidence
from didar.store import SQLiteStore

# PLOVER manual 0.7b1, "Sector Primary Codes"
PLOVER_SECTORS = {
    "GOV", "JUD", "LEG", "MIL", "COP", "OPP", "PTY", "REB", "PRM", "SPY", "UAF",
    "CVL", "ELI", "BUS", "EDU", "MED", "LAB", "AGR", "JRN", "REF", "REL", "SOC", "CRM",
}  # fmt: skip
REQUIRED_PLOVER = ("id", "date", "source", "event")

# An Arabic report: a hosted visit (with a place that has coordinates), a demand whose cue holds
# a tab, a statement (CAMEO 010, dropped in PLOVER) and a visit planned for next month.
RASHID_AR = (
    "بغداد - استقبل الرئيس العراقي عبد اللطيف رشيد في بغداد اليوم الأحد الرئيس الإيراني "
    "مسعود بزشكيان.\n\nوطالب\tرشيد بانسحاب القوات الأجنبية. وقال بزشكيان إن العلاقات تاريخية. "
    "وسيزور بزشكيان كربلاء الشهر المقبل."
)


def _event(text: str, cue: str, **kw) -> Event:
    start, end = at(text, cue)
    values = {
        "type": "meeting",
        "status": "occurred",
        "plover": "CONSULT",
        "cameo": "040",
        "participants": [],
        "source": None,
        "target": None,
        "date": "2025-09-14",
        "date_precision": "day",
        "weekday": "Sunday",
        "location": None,
        "evidence": Evidence(start, end, f"cue:{cue}"),
    }
    values.update(kw)
    return Event(**values)


def rashid_report() -> Document:
    t = RASHID_AR
    d = Document(
        source="news/rashid.txt",
        language="ar",
        title="رشيد يستقبل بزشكيان",
        outlet="INA",
        published="2025-09-14",
        text=t,
        url="https://example.org/rashid",
    )
    baghdad = actor(t, "baghdad", "Baghdad", "بغداد", type="place", country="IRQ")
    baghdad.lat, baghdad.lon = 33.3152, 44.3661
    d.actors = [
        actor(t, "rashid-abdul-latif", "Abdul Latif Rashid", "عبد اللطيف رشيد",
              country="IRQ", role="President of Iraq"),
        actor(t, "pezeshkian-masoud", "Masoud Pezeshkian", "مسعود بزشكيان",
              country="IRN", role="President of Iran"),
        baghdad,
        actor(t, "karbala", "Karbala", "كربلاء", type="place", country="IRQ"),
    ]  # fmt: skip
    people = ["rashid-abdul-latif", "pezeshkian-masoud"]
    d.events = [
        _event(t, "استقبل", type="visit", cameo="043", participants=people,
               location="baghdad", host="rashid-abdul-latif", guest="pezeshkian-masoud",
               mode="host", goldstein=2.8),
        _event(t, "وطالب\tرشيد", type="demand", plover="REQUEST", cameo="1056",
               participants=["rashid-abdul-latif"], source="rashid-abdul-latif",
               mode="demand", goldstein=-5.0),
        _event(t, "وقال", type="statement", plover="", cameo="010",
               participants=["pezeshkian-masoud"], source="pezeshkian-masoud"),
        _event(t, "وسيزور", type="visit", status="planned", cameo="036", participants=people,
               location="karbala", date="2025-10-01", date_precision="month", weekday=None),
    ]  # fmt: skip
    d.topics = ["diplomacy", "armed_groups"]
    return finish(d)


@pytest.fixture
def store(tmp_path):
    with SQLiteStore(tmp_path / "export.db") as s:
        s.put_many([*corpus(), rashid_report()])
        yield s


def all_rows(store) -> list[dict]:
    from didar import query

    return query.events(store, limit=None)


def export_lines(store, fmt: str, **options) -> tuple[list[str], ex.ExportTally]:
    tally = ex.ExportTally()
    lines = list(
        ex.export_events(all_rows(store), fmt, store.get, ex.ExportOptions(**options), tally=tally)
    )
    return lines, tally


def plover(store, **options) -> tuple[list[dict], ex.ExportTally]:
    lines, tally = export_lines(store, "plover", **options)
    return [json.loads(line) for line in lines], tally


# --- rules as tables --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "plover_value, cameo, expected",
    [
        ("CONSULT", "040", ("CONSULT", None)),
        ("CONSULT", "036", ("CONSULT", None)),  # a planned meeting stays CONSULT (+ future)
        ("REQUEST", "100", ("DEMAND", None)),  # didar's REQUEST is PLOVER 0.7b1's DEMAND
        ("REQUEST", "1056", ("DEMAND", None)),
        ("REQUEST", "020", (None, ex.SKIP_DROPPED)),  # an appeal: dropped in PLOVER
        ("SUPPORT", "018", (None, ex.SKIP_DROPPED)),  # a statement, whatever didar's category
        ("REJECT", "016", (None, ex.SKIP_DROPPED)),
        ("THREATEN", "138", ("THREATEN", None)),
        (None, "0874", ("RETREAT", None)),  # no didar value: the CAMEO root is translated
        (None, "081", ("CONCEDE", None)),
        (None, "112", ("ACCUSE", None)),
        (None, "190", ("ASSAULT", None)),
        (None, None, (None, ex.SKIP_NO_PLOVER)),
        ("REQUEST", None, (None, ex.SKIP_NO_PLOVER)),
    ],
)
def test_plover_category(plover_value, cameo, expected):
    assert ex.plover_category({"plover": plover_value, "cameo": cameo}) == expected


@pytest.mark.parametrize(
    "categories, quad",
    [
        (("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
        (("COOPERATE", "AID", "RETREAT", "INVESTIGATE"), 2),
        (("DEMAND", "ACCUSE", "REJECT", "SANCTION", "THREATEN"), 3),
        (("PROTEST", "MOBILIZE", "COERCE", "ASSAULT"), 4),
    ],
)
def test_plover_quad_codes_follow_the_manual(categories, quad):
    assert {ex.PLOVER_QUADS[c] for c in categories} == {quad}


@pytest.mark.parametrize(
    "cameo, quad",
    [("010", 1), ("040", 1), ("057", 1), ("061", 2), ("0874", 2), ("1056", 3), ("112", 3),
     ("138", 3), ("145", 4), ("163", 4), ("190", 4), (None, None), ("x1", None)],
)  # fmt: skip
def test_cameo_quad_class(cameo, quad):
    assert ex.cameo_quad(cameo) == quad


@pytest.mark.parametrize(
    "actor_fields, sector",
    [
        ({"type": "person", "role": "President of Iran"}, "GOV"),
        ({"type": "person", "role": "Prime Minister of Iraq"}, "GOV"),
        ({"type": "person", "role": "Foreign Minister of Iran"}, "GOV"),
        ({"type": "person", "role": "Intelligence Minister of Iran"}, "GOV"),
        ({"type": "person", "role": "Supreme Leader of Iran"}, "GOV"),
        ({"type": "person", "role": "Speaker of Parliament of Iran"}, "LEG"),
        ({"type": "person", "role": "Deputy Speaker of Parliament of Iraq"}, "LEG"),
        ({"type": "person", "role": "Commander of the Quds Force"}, "MIL"),
        ({"type": "person", "role": "Chief of Staff of the Armed Forces of Iran"}, "MIL"),
        ({"type": "person", "role": "Head of the Judiciary of Iran"}, "JUD"),
        ({"type": "person", "role": "Chief of Police of Iran"}, "COP"),
        ({"type": "person", "role": "Director of the National Intelligence Service"}, "SPY"),
        ({"type": "person", "role": "Grand Ayatollah (marja)"}, "REL"),
        ({"type": "person", "role": "Leader of the National Wisdom Movement"}, "PTY"),
        ({"type": "organization", "name": "Popular Mobilization Forces"}, "PRM"),
        ({"type": "organization", "name": "Islamic Revolutionary Guard Corps"}, "MIL"),
        ({"type": "person", "role": "Poet"}, None),  # no rule: no guessed sector
        ({"type": "person", "role": None}, None),
        ({"type": "country", "role": "President"}, None),  # a country is its code alone
    ],
)
def test_actor_sector(actor_fields, sector):
    assert ex.actor_sector(actor_fields) == sector


def test_sector_rules_are_valid_plover_sectors():
    rules = ex.load_sectors()
    assert rules, "cameo_sectors.yaml has no rules"
    assert {r.sector for r in rules} <= PLOVER_SECTORS
    patterns = [r.pattern.pattern for r in rules]
    assert len(patterns) == len(set(patterns))


@pytest.mark.parametrize(
    "actor_fields, code",
    [
        ({"type": "person", "country": "IRN", "role": "President of Iran"}, "IRNGOV"),
        ({"type": "person", "country": "IRQ", "role": "Prime Minister of Iraq"}, "IRQGOV"),
        ({"type": "country", "country": "IRN"}, "IRN"),
        ({"type": "person", "country": "IRQ", "role": None}, "IRQ"),
        ({"type": "person", "country": None, "role": "President"}, ""),
        (None, ""),
    ],
)
def test_cameo_actor_code(actor_fields, code):
    assert ex.cameo_actor_code(actor_fields) == code


@pytest.mark.parametrize(
    "row, category, expected",
    [
        # CONSULT, manual: a visitor is source, the host recipient, whatever didar's source says
        ({"source_id": "h", "target_id": "g", "host_id": "h", "guest_id": "g",
          "participant_ids": ["h", "g"]}, "CONSULT", (["g"], ["h"])),
        # CONSULT with no host named: every participant is a source, no recipient
        ({"source_id": "a", "target_id": "b", "participant_ids": ["a", "b", "c"]}, "CONSULT",
         (["a", "b", "c"], [])),
        ({"participant_ids": ["a", "b"]}, "CONSULT", (["a", "b"], [])),
        # other categories: the stated source and target
        ({"source_id": "a", "target_id": "b", "participant_ids": ["a", "b"]}, "DEMAND",
         (["a"], ["b"])),
        ({"source_id": "a", "participant_ids": ["a"]}, "ACCUSE", (["a"], [])),
        ({"target_id": "b", "participant_ids": ["a", "b"]}, "THREATEN", (["a"], ["b"])),
        ({"participant_ids": []}, "AGREE", ([], [])),
    ],
)  # fmt: skip
def test_plover_sides(row, category, expected):
    assert ex.event_sides(row, category) == expected


@pytest.mark.parametrize(
    "row, expected",
    [
        ({"host_id": "h", "guest_id": "g", "cameo": "042", "participant_ids": ["h", "g"]},
         ("g", "h")),  # make a visit: the visitor is the source
        ({"host_id": "h", "guest_id": "g", "cameo": "043", "participant_ids": ["h", "g"]},
         ("h", "g")),  # host a visit: the host is the source
        ({"participant_ids": ["a", "b", "c"]}, ("a", "b")),
        ({"source_id": "s", "participant_ids": ["s"]}, ("s", None)),
        ({"participant_ids": []}, (None, None)),
    ],
)  # fmt: skip
def test_cameo_sides(row, expected):
    assert ex.cameo_sides(row) == expected


@pytest.mark.parametrize(
    "row, undated, expected",
    [
        ({"date": "2025-09-07", "date_precision": "day"}, "skip", ("2025-09-07", "day")),
        ({"date": "2025-09-07", "date_precision": "weekday"}, "skip", ("2025-09-07", "weekday")),
        ({"date": "2025-09-01", "date_precision": "month"}, "skip", (None, None)),
        ({"date": None, "date_precision": "unknown", "published": "2025-10-21"}, "skip",
         (None, None)),
        ({"date": None, "date_precision": "unknown", "published": "2025-10-21"}, "published",
         ("2025-10-21", "published")),
        ({"date": None, "date_precision": "unknown", "published": None}, "published",
         (None, None)),
    ],
)  # fmt: skip
def test_event_day_never_invents_a_date(row, undated, expected):
    assert ex.event_day(row, undated) == expected


def test_tsv_cells_never_hold_tabs_or_line_breaks():
    row = {
        "doc_id": "d1",
        "index": 0,
        "status": "occurred",
        "cameo": "040",
        "date": "2025-09-07",
        "date_precision": "day",
        "participant_ids": ["a", "b"],
        "evidence": "دیدار\tبا\nعمار\r\nحکیم",
        "summary": "met\u2028again",
    }
    cells, why = ex.cameo_row(row, None)
    assert why is None
    line = ex.tsv_line(cells)
    assert line.count("\t") == len(ex.CAMEO_COLUMNS) - 1
    assert line.endswith("\n") and line.count("\n") == 1
    by_name = dict(zip(ex.CAMEO_COLUMNS, cells, strict=True))
    assert by_name["Evidence"] == "دیدار با عمار حکیم"
    assert by_name["Summary"] == "met again"


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_stream_rows_is_write_rows_in_pages(fmt):
    rows = [{"doc_id": f"d{i}", "text": "عمار حکیم", "n": i, "tags": ["a", "b"]} for i in range(5)]
    keys = ("doc_id", "text", "n", "tags")
    pages = [rows[:2], rows[2:4], rows[4:]]
    assert b"".join(ex.stream_rows(pages, fmt, keys)) == ex.write_rows(rows, fmt, keys)


def test_stream_rows_without_rows_is_a_header_only_csv():
    assert b"".join(ex.stream_rows([], "csv", ("a", "b"))) == ex.write_rows([], "csv", ("a", "b"))
    assert b"".join(ex.stream_rows([[]], "jsonl", ("a",))) == b""


# --- PLOVER on a real store -------------------------------------------------------------------


def test_plover_lines_parse_and_have_the_required_fields(store):
    events, tally = plover(store)
    assert events and tally.exported == len(events)
    for e in events:
        for key in REQUIRED_PLOVER:
            assert e.get(key), f"{e['id']} lacks {key}"
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", e["date"])
        assert all(c in ex.PLOVER_CATEGORIES for c in e["event"])
        assert e["quad_code"] == ex.PLOVER_QUADS[e["event"][0]]
        assert e["cite_info"]["codebook"] == "plover-0.7b1 + didar extensions"
        assert e["id"] == f"{e['didar_doc_id']}:{e['didar_event_index']}"


def test_plover_ids_are_unique_and_stable(store):
    first, _ = export_lines(store, "plover", all_statuses=True, undated="published")
    second, _ = export_lines(store, "plover", all_statuses=True, undated="published")
    assert first == second  # the same store gives byte-identical lines
    ids = [json.loads(line)["id"] for line in first]
    assert len(ids) == len(set(ids))


def test_plover_offsets_index_the_record_text_and_keep_the_script(store):
    lines, _ = export_lines(store, "plover", all_statuses=True, undated="published")
    assert any("عمار حکیم" in line or "بزشكيان" in line for line in lines)  # not \u escapes
    for line in lines:
        e = json.loads(line)
        text = store.get(e["didar_doc_id"])["record"]["text"]
        start, end = e["text_info"]["start"], e["text_info"]["end"]
        assert text[start:end] == e["event_text"][0]


def test_plover_hosted_visit_demand_and_place(store):
    events, _ = plover(store)
    by_type = {e["didar_type"]: e for e in events if e["didar_doc_id"] == rashid_report().id}
    visit = by_type["visit"]
    assert [a["identifier_id"] for a in visit["source"]] == ["pezeshkian-masoud"]  # visitor
    assert [a["identifier_id"] for a in visit["recipient"]] == ["rashid-abdul-latif"]  # host
    assert visit["mode"] == "visit" and visit["didar_mode"] == "host"
    assert visit["event_scale"] == 2.8
    assert visit["source"][0] == {
        "code": "IRN",
        "sector": "GOV",
        "actor_text": "مسعود بزشكيان",
        "identifier_id": "pezeshkian-masoud",
        "identifier_text": "Masoud Pezeshkian",
        "office": "President of Iran",
    }
    assert visit["event_loc"] == {
        "name": "Baghdad",
        "cc3": "IRQ",
        "latitude": 33.3152,
        "longitude": 44.3661,
    }
    assert sorted(visit["context"]) == ["armed_groups", "diplomacy"]
    assert visit["cite_info"]["url"] == "https://example.org/rashid"
    demand = by_type["demand"]
    assert demand["event"] == ["DEMAND"] and demand["quad_code"] == 3
    assert demand["didar_plover"] == "REQUEST" and demand["didar_cameo"] == "1056"
    assert demand["recipient"] == []
    assert "statement" not in by_type  # CAMEO 010: dropped


def test_plover_meeting_without_host_has_every_participant_as_source(store):
    events, _ = plover(store)
    meeting = next(e for e in events if e["didar_summary"].startswith("2025-09-07"))
    assert [a["identifier_id"] for a in meeting["source"]] == ["pezeshkian-masoud", "hakim-ammar"]
    assert meeting["recipient"] == []
    assert meeting["source"][1]["code"] == "IRQ" and meeting["source"][1]["sector"] == "PTY"


def test_plover_skips_are_counted_by_reason(store):
    events, tally = plover(store)
    statuses = {e["didar_status"] for e in events}
    assert statuses == {"occurred"}
    assert tally.skipped[ex.SKIP_STATUS] == 2  # the planned visits (Araghchi, Karbala)
    assert tally.skipped[ex.SKIP_DROPPED] == 1  # the statement
    assert tally.exported == len(events) == 5


def test_plover_all_statuses_marks_planned_events_and_keeps_dates_honest(store):
    events, tally = plover(store, all_statuses=True)
    assert all(e["didar_status"] == "occurred" for e in events)  # planned ones are undated
    assert tally.skipped[ex.SKIP_UNDATED] == 2
    events, tally = plover(store, all_statuses=True, undated="published")
    planned = [e for e in events if e["didar_status"] == "planned"]
    assert len(planned) == 2
    for e in planned:
        assert "future" in e["context"]
        assert e["date"] == e["didar_published"]
        assert e["didar_date_precision"] == "published"
    karbala = next(e for e in planned if e["event_loc"]["name"] == "Karbala")
    assert karbala["didar_event_date"] == "2025-10-01"  # the month-precision date is kept aside
    assert karbala["event"] == ["CONSULT"]


def test_plover_include_statements_needs_a_category(store):
    _, tally = plover(store, include_statements=True)
    # the statement has no didar category: still left out, now as "no PLOVER category"
    assert tally.skipped[ex.SKIP_DROPPED] == 0 and tally.skipped[ex.SKIP_NO_PLOVER] == 1


@pytest.mark.parametrize(
    "status, context", [("planned", "future"), ("denied", "negation"),
                        ("conditional", "hypothetical")]
)  # fmt: skip
def test_plover_status_contexts(status, context):
    row = {
        "doc_id": "d",
        "index": 3,
        "status": status,
        "plover": "THREATEN",
        "cameo": "138",
        "date": "2025-01-02",
        "date_precision": "day",
        "source_id": "a",
        "participant_ids": ["a"],
        "topics": ["security"],
    }
    skipped, why = ex.plover_event(row, None)
    assert skipped is None and why == ex.SKIP_STATUS
    event, why = ex.plover_event(row, None, ex.ExportOptions(all_statuses=True))
    assert why is None and event["context"] == ["security", context]
    assert event["didar_status"] == status and event["id"] == "d:3"


# --- CAMEO TSV on a real store ----------------------------------------------------------------


def test_cameo_tsv_header_columns_dates_and_actor_codes(store):
    lines, tally = export_lines(store, "cameo")
    header = lines[0].rstrip("\n").split("\t")
    assert header == list(ex.CAMEO_COLUMNS) and header[:7] == [
        "EventID", "Date", "SourceActorCode", "TargetActorCode", "CAMEOCode", "QuadClass",
        "Goldstein",
    ]  # fmt: skip
    rows = [dict(zip(header, line.rstrip("\n").split("\t"), strict=True)) for line in lines[1:]]
    assert len(rows) == tally.exported == 6  # the statement has a CAMEO code: it stays
    for row in rows:
        assert re.fullmatch(r"\d{8}", row["Date"])
        assert row["Status"] == "occurred"
    by_id = {r["EventID"]: r for r in rows}
    sudani = next(r for r in rows if r["SourceId"] == "sudani-mohammed-shia")
    assert (sudani["SourceActorCode"], sudani["TargetActorCode"]) == ("IRQGOV", "IRNGOV")
    assert sudani["Date"] == "20240323" and sudani["QuadClass"] == "1"
    assert sudani["Evidence"] == "استقبل" and sudani["Location"] == "Baghdad"
    doc = rashid_report().id
    visit = by_id[f"{doc}:0"]  # CAMEO 043 host a visit: the host is the source
    assert (visit["SourceActorCode"], visit["TargetActorCode"]) == ("IRQGOV", "IRNGOV")
    assert (visit["Latitude"], visit["Longitude"]) == ("33.3152", "44.3661")
    assert visit["Goldstein"] == "2.8" and visit["Mode"] == "host"
    demand = by_id[f"{doc}:1"]
    assert demand["Evidence"] == "وطالب رشيد"  # the tab inside the cue became a space
    assert demand["QuadClass"] == "3" and demand["PLOVER"] == "REQUEST"
    assert demand["TargetActorCode"] == "" and demand["Participants"] == "rashid-abdul-latif"


@pytest.mark.parametrize(
    "extra, sources, recipients, mode",
    [
        # didar: the host as source (CAMEO 043); PLOVER: the visitor as source, mode visit
        ({"source_id": "h", "target_id": "g", "host_id": "h", "guest_id": "g", "mode": "meet"},
         ["g"], ["h"], "visit"),
        ({"source_id": "a", "target_id": "b", "mode": "phone", "cameo": "041"},
         ["a", "b"], [], "phone"),
        ({"source_id": "a", "target_id": "b", "mode": "meet"}, ["a", "b"], [], None),
    ],
)  # fmt: skip
def test_plover_consult_sides_and_modes(extra, sources, recipients, mode):
    row = {
        "doc_id": "d",
        "index": 0,
        "status": "occurred",
        "plover": "CONSULT",
        "cameo": "040",
        "date": "2025-03-04",
        "date_precision": "day",
        "participant_ids": ["h", "g"] if "host_id" in extra else ["a", "b"],
        **extra,
    }
    event, why = ex.plover_event(row, None)
    assert why is None
    assert [a["identifier_id"] for a in event["source"]] == sources
    assert [a["identifier_id"] for a in event["recipient"]] == recipients
    assert event["mode"] == mode
    assert event["didar_source_id"] == extra["source_id"]  # didar's own sides are kept


def _row(**kw) -> dict:
    row = {
        "doc_id": "d",
        "index": 1,
        "status": "occurred",
        "date": "2025-05-19",
        "date_precision": "day",
        "source_id": "a",
        "target_id": "b",
        "participant_ids": ["a", "b"],
    }
    row.update(kw)
    return row


def test_include_statements_keeps_a_statement_with_a_plover_category():
    condolence = _row(plover="SUPPORT", cameo="018")
    assert ex.plover_event(condolence, None) == (None, ex.SKIP_DROPPED)
    event, why = ex.plover_event(condolence, None, ex.ExportOptions(include_statements=True))
    assert why is None and event["event"] == ["SUPPORT"] and event["quad_code"] == 1
    assert event["didar_cameo"] == "018"


def test_cameo_row_skips_an_event_without_a_cameo_code():
    denied = _row(status="denied", plover="CONSULT", cameo=None)
    options = ex.ExportOptions(all_statuses=True)
    assert ex.cameo_row(denied, None, options) == (None, ex.SKIP_NO_CAMEO)
    assert ex.cameo_row(_row(plover="CONSULT", cameo="040"), None)[1] is None
