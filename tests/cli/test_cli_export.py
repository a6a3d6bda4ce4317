"""`didar export` end to end, as a user runs it: the four hand-built Persian and Arabic
documents of store_records (three occurred events, one planned visit without a date) exported
as PLOVER, CAMEO TSV, CSV, JSON Lines and Parquet, to stdout and to files."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from didar.cli.main import main
from didar.export import CAMEO_COLUMNS
from didar.store.base import EVENT_KEYS


def run(runner, db, *args):
    return runner.invoke(main, ["export", "--db", db, *args])


def plover_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def test_plover_to_stdout_exports_occurred_events_and_says_what_it_skipped(runner, db):
    result = run(runner, db)  # plover is the default format
    assert result.exit_code == 0, result.output
    events = plover_lines(result.stdout)
    assert len(events) == 3
    assert {e["didar_status"] for e in events} == {"occurred"}
    assert len({e["id"] for e in events}) == 3
    assert "exported 3 events (plover)" in result.stderr
    assert "skipped 1: not occurred" in result.stderr and "--all-statuses" in result.stderr
    assert "مسعود پزشکیان" in result.stdout  # the script as written, not \u escapes


def test_plover_all_statuses_with_published_dates_adds_the_planned_visit(runner, db):
    result = run(runner, db, "--format", "plover", "--all-statuses")
    assert len(plover_lines(result.stdout)) == 3  # the planned visit has no date of its own
    assert "skipped 1: no day date" in result.stderr
    result = run(runner, db, "--all-statuses", "--undated", "published")
    assert result.exit_code == 0, result.output
    planned = [e for e in plover_lines(result.stdout) if e["didar_status"] == "planned"]
    assert len(planned) == 1
    assert planned[0]["date"] == "2025-10-21" and planned[0]["context"] == ["future"]
    assert planned[0]["didar_date_precision"] == "published"


def test_plover_to_a_file_leaves_stdout_empty_and_no_partial_file(runner, db, tmp_path):
    out = tmp_path / "events.plover.jsonl"
    result = run(runner, db, "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"to {out}" in result.stderr
    events = plover_lines(out.read_text(encoding="utf-8"))
    assert len(events) == 3 and all(e["event"] == ["CONSULT"] for e in events)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_cameo_tsv_file(runner, db, tmp_path):
    out = tmp_path / "events.tsv"
    result = run(runner, db, "--format", "cameo", "--out", str(out))
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    assert header == list(CAMEO_COLUMNS)
    rows = [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]
    assert len(rows) == 3
    by_source = {r["SourceId"]: r for r in rows}
    assert by_source["sudani-mohammed-shia"]["SourceActorCode"] == "IRQGOV"
    assert by_source["sudani-mohammed-shia"]["TargetActorCode"] == "IRNGOV"
    assert by_source["pezeshkian-masoud"]["SourceActorCode"] == "IRNGOV"
    assert by_source["pezeshkian-masoud"]["Date"] == "20250907"
    assert by_source["IRN"]["SourceActorCode"] == "IRN"  # a country: its code alone


def test_csv_is_the_event_rows_with_every_status(runner, db):
    result = run(runner, db, "--format", "csv")
    assert result.exit_code == 0, result.output
    data = result.stdout_bytes
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for Persian and Arabic
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == list(EVENT_KEYS)
    assert len(rows) == 5  # header + 4 events, the planned one included
    assert {r[rows[0].index("status")] for r in rows[1:]} == {"occurred", "planned"}
    assert "exported 4 events (csv)" in result.stderr


def test_jsonl_is_the_event_rows(runner, db):
    result = run(runner, db, "--format", "jsonl", "--type", "meeting")
    assert result.exit_code == 0, result.output
    rows = plover_lines(result.stdout)
    assert len(rows) == 2 and all(list(r) == list(EVENT_KEYS) for r in rows)
    assert {r["type"] for r in rows} == {"meeting"}


def test_parquet_needs_out_and_is_readable(runner, db, tmp_path):
    result = run(runner, db, "--format", "parquet")
    assert result.exit_code == 2 and "--out" in result.output
    out = tmp_path / "events.parquet"
    result = run(runner, db, "--format", "parquet", "--out", str(out))
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    assert table.num_rows == 4 and table.column_names == list(EVENT_KEYS)
    assert "در دیدار" in table.column("evidence").to_pylist()  # the script survives
    assert ["Masoud Pezeshkian", "Ammar al-Hakim"] in table.column("participants").to_pylist()


def test_filters_work_as_for_didar_events(runner, db):
    result = run(runner, db, "--country", "IRQ", "--since", "2025")
    events = plover_lines(result.stdout)
    assert len(events) == 1 and events[0]["date"] == "2025-09-07"
    result = run(runner, db, "--language", "ar", "--format", "cameo")
    assert len(result.stdout.splitlines()) == 2  # header + the Baghdad Today meeting
    result = run(runner, db, "--actor", "araghchi-abbas", "--all-statuses", "--undated",
                 "published")  # fmt: skip
    assert [e["didar_type"] for e in plover_lines(result.stdout)] == ["visit"]


def test_paging_gives_the_same_file_as_one_page(runner, db, monkeypatch):
    whole = run(runner, db, "--format", "cameo").stdout
    monkeypatch.setattr("didar.cli.export.PAGE_SIZE", 1)  # main is imported first
    assert run(runner, db, "--format", "cameo").stdout == whole
    assert run(runner, db, "--format", "csv").stdout.count("\n") == 5


def test_quiet_prints_no_summary(runner, db):
    result = run(runner, db, "--quiet")
    assert result.exit_code == 0 and result.stderr == ""
    assert len(result.stdout.splitlines()) == 3


@pytest.mark.parametrize(
    "args, message",
    [
        (["--since", "2025-13"], "not a date"),
        (["--country", "Iraq"], "ISO 3166"),
        (["--status", "happened"], "unknown status"),
        (["--type", "battle"], "unknown event type"),
        (["--language", "ku"], "unknown language"),
        (["--status", "planned"], "--all-statuses"),  # plover: occurred only unless asked
        (["--format", "cameo", "--status", "denied"], "--all-statuses"),
    ],
)
def test_bad_filters_exit_2(runner, db, tmp_path, args, message):
    out = tmp_path / "never.jsonl"
    result = run(runner, db, "--out", str(out), *args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert not out.exists()


def test_status_planned_with_all_statuses_is_allowed(runner, db):
    result = run(runner, db, "--status", "planned", "--all-statuses", "--undated", "published")
    assert result.exit_code == 0, result.output
    assert [e["didar_status"] for e in plover_lines(result.stdout)] == ["planned"]


def test_missing_database_exits_4_and_writes_nothing(runner, tmp_path):
    out = tmp_path / "out.jsonl"
    result = run(runner, str(tmp_path / "missing.db"), "--out", str(out))
    assert result.exit_code == 4
    assert "no database" in result.output
    assert not out.exists()
