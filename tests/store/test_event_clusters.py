"""Event clusters: the compatibility rules (a table of cases), the store's incremental
clustering with visible disagreement, and `didar events --clustered`."""

from __future__ import annotations

import json

import pytest
from store_records import PEZESHKIAN_FA, pezeshkian_meeting

from didar.events.cluster import Report, Summary, choose, compatible, pair_keys
from didar.store import SQLiteStore

A, B, C = "zarif", "hussein-fuad", "shamkhani"


def report(people=(A, B), kind="meeting", **kw) -> Report:
    return Report(frozenset(people), kind, **kw)


def summary(*reports: Report) -> Summary:
    s = Summary(frozenset())
    for r in reports:
        s.add(r)
    return s


CASES = [
    # (stored report, new report, compatible?)
    (report(date="2021-02-27"), report(date="2021-02-27"), True),
    (report(date="2021-02-27"), report(date="2021-02-28"), True),  # a day apart
    (report(date="2021-02-27"), report(date="2021-08-10"), False),
    (report(weekday="Saturday"), report(weekday="Tuesday"), False),
    (report(date="2021-02-27"), report(weekday="Saturday"), True),  # 27 Feb 2021 is a Saturday
    (report(date="2021-02-27"), report(weekday="Sunday"), False),
    (report(date="2021-02-27"), report(published="2021-02-28"), True),
    (report(date="2021-02-27"), report(published="2021-03-30"), False),
    (report(published="2021-02-27"), report(published="2021-02-28"), True),
    (report(), report(), True),  # nothing stated: nothing contradicts
    (report(kind="phone_call"), report(kind="meeting"), False),
    (report(kind="visit"), report(kind="meeting"), True),
    (report((A, B, C)), report((A, B)), True),  # one outlet names an extra attendee
    (report((A, B)), report((A, C)), False),
    (
        report(place="tehran", place_country="IRN"),
        report(place="baghdad", place_country="IRQ"),
        False,
    ),
    (report(place="IRQ", place_country="IRQ"), report(place="baghdad", place_country="IRQ"), True),
]


@pytest.mark.parametrize("stored,new,expected", CASES)
def test_compatibility(stored, new, expected):
    assert compatible(new, summary(stored)) is expected


def test_an_undated_report_joins_only_an_unambiguous_cluster():
    feb, aug = summary(report(weekday="Saturday")), summary(report(weekday="Tuesday"))
    assert choose(report(), [(1, feb)]) == 1
    assert choose(report(), [(1, feb), (2, aug)]) is None  # which one? not guessed
    assert choose(report(weekday="Tuesday"), [(1, feb), (2, aug)]) == 2


def test_pair_keys():
    assert pair_keys([B, A]) == ["hussein-fuad|zarif"]
    assert pair_keys([A]) == [A]
    assert len(pair_keys([A, B, C])) == 3


def _report_of(source: str, outlet: str, published: str | None, date: str | None, n: int):
    d = pezeshkian_meeting(
        source, f"{PEZESHKIAN_FA}\n\nگزارش {n} " + " ".join(f"x{n}y{j}" for j in range(40))
    )
    d.outlet, d.published = outlet, published
    for e in d.events:
        e.date, e.date_precision = date, ("day" if date else "unknown")
        e.weekday = None
    return d


def test_store_clusters_reports_and_keeps_disagreement_visible(tmp_path):
    docs = [
        _report_of("a.txt", "ILNA", "2025-09-07", "2025-09-07", 1),
        _report_of("b.txt", "Mehr", "2025-09-07", "2025-09-07", 2),
        _report_of("c.txt", "IRNA", "2025-09-08", None, 3),
        _report_of("d.txt", "Fars", "2026-01-20", "2026-01-20", 4),  # another meeting
    ]
    with SQLiteStore(tmp_path / "d.db") as store:
        store.put_many(docs)
        rows = store.clusters(limit=None, offset=0)
    assert [r["reports"] for r in rows] == [3, 1]
    first = rows[0]
    assert first["date"] == "2025-09-07"
    assert first["dates"] == {"2025-09-07": 2, "null": 1}
    assert first["outlets"] == ["ILNA", "IRNA", "Mehr"]
    assert {s["doc_id"] for s in first["sources"]} == {d.id for d in docs[:3]}
    assert "Masoud Pezeshkian" in first["participants"]


def test_events_clustered_command(tmp_path):
    from click.testing import CliRunner

    from didar.cli.main import main

    db = tmp_path / "d.db"
    with SQLiteStore(db) as store:
        store.put_many(
            [
                _report_of("a.txt", "ILNA", "2025-09-07", "2025-09-07", 1),
                _report_of("b.txt", "Mehr", "2025-09-08", None, 2),
            ]
        )
    runner = CliRunner()
    out = runner.invoke(main, ["events", "--clustered", "--db", str(db), "--format", "json"])
    assert out.exit_code == 0, out.output
    [row] = json.loads(out.output)
    assert row["reports"] == 2 and row["dates"] == {"2025-09-07": 1, "null": 1}
    table = runner.invoke(main, ["events", "--clustered", "--db", str(db)])
    assert "2025-09-07: 1, null: 1" in table.output and "ILNA" in table.output
    csv = runner.invoke(main, ["events", "--clustered", "--db", str(db), "--format", "csv"])
    assert csv.output.splitlines()[0].startswith("cluster,date,dates")


def test_a_new_version_replaces_its_old_report_in_the_cluster(tmp_path):
    a = _report_of("a.txt", "ILNA", "2025-09-07", "2025-09-07", 1)
    b = _report_of("b.txt", "Mehr", "2025-09-07", "2025-09-07", 2)
    # b.txt corrected: the agency now dates the meeting a day later (same source: a new version)
    b2 = _report_of("b.txt", "Mehr", "2025-09-08", "2025-09-08", 5)
    with SQLiteStore(tmp_path / "d.db") as store:
        store.put_many([a, b])
        assert [r["dates"] for r in store.clusters(limit=None, offset=0)] == [{"2025-09-07": 2}]
        [result] = store.put_many([b2])
        assert result.status == "new_version"
        rows = store.clusters(limit=None, offset=0)
        # the old report of b.txt is gone from every count; the new one is counted once
        assert sum(r["reports"] for r in rows) == 2
        assert all(sum(r["dates"].values()) == r["reports"] for r in rows)
        assert {s["doc_id"] for r in rows for s in r["sources"]} == {a.id, b2.id}
        assert "2025-09-07" in rows[0]["dates"] and rows[0]["dates"]["2025-09-07"] == 1


def test_a_cluster_left_without_reports_is_removed(tmp_path):
    a = _report_of("a.txt", "ILNA", "2025-09-07", "2025-09-07", 1)
    a2 = _report_of("a.txt", "ILNA", "2026-02-01", "2026-02-01", 6)  # now another meeting
    with SQLiteStore(tmp_path / "d.db") as store:
        store.put_many([a])
        store.put_many([a2])
        rows = store.clusters(limit=None, offset=0)
        left = store._db.execute("SELECT COUNT(*) FROM clusters").fetchone()[0]
    assert [r["dates"] for r in rows] == [{"2026-02-01": 1}]
    assert left == 1
