"""The reading commands (events, quotes, actors, show) on a database of hand-built records."""

from __future__ import annotations

import csv
import io
import json

import pytest
from store_records import PEZESHKIAN_FA, pezeshkian_meeting, sudani_meeting

from didar.cli.main import main
from didar.store.base import ACTOR_KEYS, EVENT_KEYS, QUOTE_KEYS


def ok(runner, *args):
    result = runner.invoke(main, list(args))
    assert result.exit_code == 0, (result.output, result.stderr, result.exception)
    return result


@pytest.mark.parametrize(
    "command, keys", [("events", EVENT_KEYS), ("quotes", QUOTE_KEYS), ("actors", ACTOR_KEYS)]
)
def test_json_is_one_array_with_the_contract_keys(runner, db, command, keys):
    result = ok(runner, command, "--db", db, "--format", "json")
    rows = json.loads(result.stdout)  # the whole output parses as one JSON value
    assert isinstance(rows, list) and rows
    assert all(list(r) == list(keys) for r in rows)


@pytest.mark.parametrize(
    "command, keys", [("events", EVENT_KEYS), ("quotes", QUOTE_KEYS), ("actors", ACTOR_KEYS)]
)
def test_csv_has_a_header(runner, db, command, keys):
    result = ok(runner, command, "--db", db, "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == list(keys)
    assert len(rows) > 1 and all(len(r) == len(keys) for r in rows)


def test_csv_joins_lists(runner, db):
    result = ok(
        runner,
        "events",
        "--db",
        db,
        "--format",
        "csv",
        "--type",
        "meeting",
        "--country",
        "IRN",
        "--until",
        "2024",
    )
    [row] = list(csv.DictReader(io.StringIO(result.stdout)))
    assert row["participants"] == "Mohammed Shia al-Sudani; Hossein Amir-Abdollahian"


def test_table_is_aligned_and_keeps_rtl_text(runner, db):
    result = ok(runner, "quotes", "--db", db)
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["PUBLISHED", "SPEAKER", "VERB", "QUOTE", "DOC"]
    assert set(lines[1]) <= {"-", " "}
    assert any("مرزهای جغرافیایی هرگز" in line for line in lines)  # RTL text as is
    # the DOC column starts at the same display column on every line
    from didar.cli.output import display_width

    doc = sudani_meeting().id
    row = next(line for line in lines if line.endswith(doc))
    assert display_width(row) - len(doc) == display_width(lines[0]) - len("DOC")


def test_events_filters(runner, db):
    result = ok(runner, "events", "--db", db, "--actor", "مسعود پزشکیان", "--format", "json")
    assert [r["doc_id"] for r in json.loads(result.stdout)] == [pezeshkian_meeting().id]
    result = ok(
        runner,
        "events",
        "--db",
        db,
        "--since",
        "2025-01-01",
        "--type",
        "meeting",
        "--type",
        "phone_call",
        "--format",
        "json",
    )
    assert [r["date"] for r in json.loads(result.stdout)] == ["2025-09-07", "2025-09-23"]
    result = ok(runner, "events", "--db", db, "--status", "planned", "--format", "json")
    assert [r["type"] for r in json.loads(result.stdout)] == ["visit"]
    result = ok(runner, "events", "--db", db, "--limit", "1", "--offset", "1", "--format", "json")
    assert [r["date"] for r in json.loads(result.stdout)] == ["2025-09-07"]
    assert "--limit and --offset" in result.stderr


def test_no_rows(runner, db):
    result = ok(runner, "events", "--db", db, "--actor", "Nobody Atall")
    assert result.stdout == "" and "no events found" in result.stderr
    assert (
        ok(
            runner, "events", "--db", db, "--actor", "Nobody Atall", "--format", "json"
        ).stdout.strip()
        == "[]"
    )
    assert ok(
        runner, "events", "--db", db, "--actor", "Nobody Atall", "--format", "csv"
    ).stdout.splitlines() == [",".join(EVENT_KEYS)]
    quiet = ok(runner, "events", "--db", db, "--actor", "Nobody Atall", "--quiet")
    assert quiet.stderr == ""


def test_quotes_by_speaker_and_actors_known(runner, db):
    result = ok(runner, "quotes", "--db", db, "--speaker", "Ammar al-Hakim", "--format", "json")
    assert [r["verb"] for r in json.loads(result.stdout)] == ["گفت"]
    result = ok(runner, "actors", "--db", db, "--discovered", "--format", "json")
    assert [r["native"] for r in json.loads(result.stdout)] == ["محمد كاظم آل صادق"]
    result = ok(runner, "actors", "--db", db, "--known", "--format", "json")
    assert len(json.loads(result.stdout)) == 10


def test_db_from_the_environment(runner, db):
    result = runner.invoke(main, ["events", "--format", "json"], env={"DIDAR_DB": db})
    assert result.exit_code == 0 and len(json.loads(result.stdout)) == 4


def test_show_table_lists_each_fact_with_its_span_and_words(runner, db):
    doc = pezeshkian_meeting()
    result = ok(runner, "show", doc.id[:8], "--db", db)
    out = result.stdout
    assert PEZESHKIAN_FA in out
    start = PEZESHKIAN_FA.index("مسعود پزشکیان")
    assert f"[{start}:{start + 13}] actor Masoud Pezeshkian «مسعود پزشکیان»" in out
    assert "event meeting occurred: Masoud Pezeshkian, Ammar al-Hakim" in out
    assert "quote Masoud Pezeshkian (تأکید کرد, direct)" in out
    assert "date 2025-09-07 (jalali, day) «۱۶ شهریور ۱۴۰۴»" in out
    assert "ILNA" in out


def test_show_json_is_one_object_with_the_record(runner, db):
    doc = sudani_meeting()
    result = ok(runner, "show", doc.id, "--db", db, "--format", "json")
    shown = json.loads(result.stdout)
    assert shown["record"] == doc.to_dict()
    assert shown["sources"] == ["news/baghdad-today.txt"]
    assert {f["kind"] for f in shown["facts"]} >= {"actor", "event", "quote", "date"}


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["show", "ffffffffffff"], 3, "no document with id"),
        (["events", "--since", "last week"], 2, "not a date"),
        (["events", "--country", "Iraq"], 2, "alpha-3"),
        (["events", "--type", "summit"], 2, "unknown event type"),
        (["events", "--format", "xml"], 2, "xml"),
    ],
)
def test_bad_requests_have_meaningful_exit_codes(runner, db, args, code, message):
    result = runner.invoke(main, [*args, "--db", db])
    assert result.exit_code == code
    assert message in result.stderr


def test_reading_a_missing_database_is_an_error_not_a_new_file(runner, tmp_path):
    missing = tmp_path / "nothing-here.db"
    result = runner.invoke(main, ["events", "--db", str(missing)])
    assert result.exit_code == 4
    assert "no database" in result.stderr and "didar ingest" in result.stderr
    assert not missing.exists()


def test_a_file_that_is_not_a_database(runner, tmp_path):
    bogus = tmp_path / "bogus.db"
    bogus.write_text("hello " * 1000)
    result = runner.invoke(main, ["quotes", "--db", str(bogus)])
    assert result.exit_code == 4 and "not a usable didar database" in result.stderr


@pytest.mark.parametrize(
    "option, value, expected",
    [
        ("--language", "ar", {"ar"}),
        ("--language", "fa", {"fa"}),
        ("--outlet", "ILNA", {"fa"}),
        ("--topic", "security", {"ar"}),
    ],
)
def test_events_by_language_outlet_and_topic(runner, db, option, value, expected):
    result = ok(runner, "events", "--db", db, "--format", "json", option, value)
    rows = json.loads(result.stdout)
    assert rows and {r["language"] for r in rows} == expected
    assert all(r["summary"].startswith((r["date"] or "", "date not stated", "a ")) for r in rows)


def test_the_table_shows_the_english_summary(runner, db):
    result = ok(runner, "events", "--db", db, "--outlet", "ILNA")
    assert "SUMMARY" in result.stdout.splitlines()[0]
    assert "Masoud Pezeshkian (President of Iran) met" in result.stdout
