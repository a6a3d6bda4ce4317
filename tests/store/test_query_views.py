"""The query layer's views for the web app: event summaries and filters, overview counts,
filter values, an actor's page, the network, and stances as stored."""

from __future__ import annotations

import pytest
from store_records import PEZESHKIAN_FA, at, corpus, pezeshkian_meeting, sudani_meeting

from didar import query
from didar.errors import ActorNotFoundError, QueryError
from didar.events.summary import summarize
from didar.record import Evidence, Stance
from didar.store import SQLiteStore


@pytest.fixture
def store(tmp_path):
    with SQLiteStore(tmp_path / "d.db") as s:
        s.put_many(corpus())
        yield s


def test_event_rows_carry_an_english_summary_topics_and_roles(store):
    [row] = query.events(store, actor="pezeshkian-masoud", variants={})
    assert row["summary"] == (
        "2025-09-07 — Masoud Pezeshkian (President of Iran) met Ammar al-Hakim "
        "(Leader of the National Wisdom Movement)"
    )
    assert row["topics"] == ["diplomacy", "islamic_unity"]
    assert row["roles"]["hakim-ammar"] == "Leader of the National Wisdom Movement"


def test_a_planned_visit_reads_as_planned(store):
    [row] = query.events(store, status="planned", variants={})
    assert row["summary"] == (
        "date not stated — Abbas Araghchi (Foreign Minister of Iran) is to visit Baghdad"
    )


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({"language": "ar"}, 1),
        ({"language": "fa"}, 3),
        ({"language": "fa,ar"}, 4),
        ({"outlet": "ILNA"}, 1),
        ({"outlet": "Baghdad Today, Mehr"}, 2),
        ({"topic": "security"}, 1),
        ({"topic": "diplomacy"}, 2),
        ({"topic": "nothing_like_this"}, 0),
        ({"type": "meeting", "language": "fa"}, 1),
    ],
)
def test_event_filters_by_language_outlet_and_topic(store, filters, expected):
    rows = query.events(store, limit=None, variants={}, **filters)
    assert len(rows) == expected
    assert query.count_events(store, variants={}, **filters) == expected
    if "language" in filters and "," not in filters["language"]:
        assert {r["language"] for r in rows} == {filters["language"]}


def test_count_ignores_paging(store):
    assert query.count_events(store, limit=1, offset=3, variants={}) == 4


def test_an_unknown_language_is_refused(store):
    with pytest.raises(QueryError, match="language"):
        query.events(store, language="xx", variants={})


def test_facets_list_what_the_store_holds(store):
    f = query.facets(store)
    assert f["languages"] == ["ar", "fa"]
    assert f["outlets"][0] in {"ILNA", "Baghdad Today", "Mehr"}
    assert set(f["outlets"]) == {"ILNA", "Baghdad Today", "Mehr"}
    assert {"IRN", "IRQ"} <= {c["code"] for c in f["countries"]}
    assert {"Iran", "Iraq"} <= {c["name"] for c in f["countries"]}
    assert f["topics"] == ["diplomacy", "islamic_unity", "security"]
    assert set(f["types"]) == {"meeting", "visit", "phone_call"}


def test_overview_counts_contact_events_by_month_and_country_pair(store):
    o = query.overview(store)
    assert o["counts"]["documents"] == 4
    pairs = {(r["month"], r["pair"]): r["count"] for r in o["by_pair"]}
    # the two occurred meetings are Iran-Iraq; the call has one country only; the visit is planned
    assert pairs == {("2024-03", "IRN-IRQ"): 1, ("2025-09", "IRN-IRQ"): 1}
    topics = {(r["month"], r["topic"]) for r in o["by_topic"]}
    assert ("2025-09", "islamic_unity") in topics and ("2024-03", "security") in topics
    latest_dates = [r["date"] for r in o["latest"]]
    assert latest_dates == sorted(latest_dates, reverse=True)
    assert all(r["status"] == "occurred" for r in o["latest"])


def test_overview_period_can_be_narrowed(store):
    o = query.overview(store, since="2025", until="2025")
    assert {r["month"] for r in o["by_pair"]} == {"2025-09"}
    assert o["period"] == {"since": "2025-01-01", "until": "2025-12-31"}


def test_an_actor_page_has_names_roles_events_counterparts_and_quotes(store):
    a = query.actor(store, "hakim-ammar")
    assert a["name"] == "Ammar al-Hakim"
    # names and roles over time come from the real dictionary for a dictionary id
    assert "عمار الحكيم" in a["names"]["ar"] and any("حکیم" in n for n in a["names"]["fa"])
    assert [r["start"] for r in a["roles"]] == sorted(r["start"] for r in a["roles"])
    assert any("National Wisdom Movement" in r["label"] for r in a["roles"])
    assert [e["doc_id"] for e in a["events"]] == [pezeshkian_meeting().id]
    assert a["counterparts"] == [
        {
            "id": "pezeshkian-masoud",
            "name": "Masoud Pezeshkian",
            "meetings": 1,
            "last": "2025-09-07",
        }
    ]
    assert [q["text"] for q in a["quotes"]] == ["عراق قدردان حمایت‌های ایران است"]
    assert a["stances"] == []


def test_an_actor_outside_the_dictionary_keeps_its_names_as_written(tmp_path):
    d = sudani_meeting()
    d.actors[0].id = "someone-new"
    d.actors[0].known = False
    for e in d.events:
        e.participants = [
            "someone-new" if p == "sudani-mohammed-shia" else p for p in e.participants
        ]
    with SQLiteStore(tmp_path / "d.db") as s:
        s.put_many([d])
        a = query.actor(s, "someone-new")
    assert a["names"]["ar"] == ["محمد شياع السوداني"] and a["roles"] == []
    assert a["known"] is False


def test_an_unknown_actor_is_not_found(store):
    with pytest.raises(ActorNotFoundError):
        query.actor(store, "nobody-at-all")


def test_stances_are_stored_and_listed_for_their_speaker(tmp_path):
    d = pezeshkian_meeting()
    start, end = at(PEZESHKIAN_FA, "این دو ملت برادر")
    d.stances = [Stance("pezeshkian-masoud", "IRQ", 1, Evidence(start, end, "cue:برادر"))]
    with SQLiteStore(tmp_path / "d.db") as s:
        s.put_many([d])
        [st] = query.actor(s, "pezeshkian-masoud")["stances"]
    assert st == {
        "target": "IRQ",
        "target_name": "Iraq",
        "date": "2025-09-07",
        "polarity": 1,
        "doc_id": d.id,
        "evidence": "این دو ملت برادر",
    }


def test_network_edges_join_participants_of_occurred_contact_events(store):
    net = query.network(store, variants={})
    edges = {(e["source"], e["target"]): e for e in net["edges"]}
    assert set(edges) == {
        ("hakim-ammar", "pezeshkian-masoud"),
        ("amirabdollahian-hossein", "sudani-mohammed-shia"),
    }
    e = edges[("hakim-ammar", "pezeshkian-masoud")]
    assert (e["weight"], e["first"], e["doc_ids"]) == (1, "2025-09-07", [pezeshkian_meeting().id])
    names = {n["id"]: n["name"] for n in net["nodes"]}
    assert names["pezeshkian-masoud"] == "Masoud Pezeshkian"
    assert set(names) == {a for pair in edges for a in pair}


def test_network_filters_by_period_and_actor(store):
    assert len(query.network(store, since="2025", variants={})["edges"]) == 1
    assert query.network(store, until="2023", variants={}) == {"nodes": [], "edges": []}
    only = query.network(store, actor="sudani-mohammed-shia", variants={})
    assert [(e["source"], e["target"]) for e in only["edges"]] == [
        ("amirabdollahian-hossein", "sudani-mohammed-shia")
    ]
    with pytest.raises(QueryError):
        query.network(store, country="Iraq", variants={})


@pytest.mark.parametrize(
    "row, expected",
    [
        (
            {
                "type": "meeting",
                "status": "occurred",
                "date": "2025-09-01",
                "date_precision": "month",
                "participant_ids": ["a", "b", "c"],
            },
            "2025-09 — A met B and C",
        ),
        (
            {
                "type": "phone_call",
                "status": "occurred",
                "weekday": "Tuesday",
                "participant_ids": ["a", "b"],
            },
            "a Tuesday (date not stated) — A spoke by phone with B",
        ),
        (
            {
                "type": "visit",
                "status": "occurred",
                "date": "2025-03-09",
                "date_precision": "day",
                "participant_ids": ["a", "b"],
                "guest_id": "b",
                "host_id": "a",
                "location_id": "baghdad",
                "roles": {"a": "Prime Minister of Iraq"},
            },
            "2025-03-09 — B visited Baghdad, received by A (Prime Minister of Iraq)",
        ),
        (
            {"type": "visit", "status": "planned", "participant_ids": ["b"], "guest_id": "b"},
            "date not stated — B is to visit an unnamed place",
        ),
        (
            {
                "type": "meeting",
                "status": "denied",
                "date": "2025-01-02",
                "date_precision": "day",
                "participant_ids": ["a", "b"],
                "location_id": "baghdad",
            },
            "2025-01-02 — a meeting of A with B was denied in Baghdad",
        ),
        (
            {"type": "something_new", "status": "occurred", "participant_ids": ["a"]},
            "date not stated — A — something new",
        ),
    ],
)
def test_summaries_are_built_from_the_fields_only(row, expected):
    names = {"a": "A", "b": "B", "c": "C", "baghdad": "Baghdad"}
    assert summarize(row, names) == expected


@pytest.mark.parametrize("value", ["2025-13", "2025-00", "2025-13-01"])
def test_a_month_outside_1_12_is_not_a_date(value):
    with pytest.raises(QueryError, match="not a date"):
        query.parse_day(value, end=True)


def test_huge_offsets_are_refused_before_the_store(store):
    with pytest.raises(QueryError, match="at most"):
        query.events(store, offset=2**63, variants={})
    assert query.events(store, offset=10**9, variants={}) == []


def test_kept_aggregates_follow_every_change_of_the_store(tmp_path):
    with SQLiteStore(tmp_path / "d.db") as s:
        s.put_many([pezeshkian_meeting()])
        assert query.counts(s)["events"] == 1
        assert query.count_events(s, country="IRQ", variants={}) == 1
        s.put_many([sudani_meeting()])  # a new document: every kept value is stale
        assert query.counts(s)["events"] == 2
        assert query.count_events(s, country="IRQ", variants={}) == 2
        assert len(query.network(s, variants={})["edges"]) == 2
        # a corrected article (same source, another text) replaces its old version
        fixed = pezeshkian_meeting(text=PEZESHKIAN_FA + "\n\nتصحیح: متن کامل شد.")
        assert s.put_many([fixed])[0].status == "new_version"
        assert query.counts(s)["events"] == 2 and query.counts(s)["versions"] == 3
        assert query.count_events(s, country="IRQ", variants={}) == 2
        assert query.count_events(s, country="IRQ", all_versions=True, variants={}) == 3
        assert [e["doc_id"] for e in query.events(s, actor="hakim-ammar", variants={})] == [
            fixed.id
        ]
        # the actor's page counts the latest version only
        assert query.actor(s, "hakim-ammar")["documents"] == 1


def test_kept_values_are_copies(store):
    first = query.overview(store)
    first["latest"].clear()
    assert query.overview(store)["latest"]


def test_every_event_type_the_pipeline_codes_can_be_filtered():
    from didar.events.resources import _read

    coded = {k.split("_military")[0].split("_withdrawal")[0] for k in _read("codes.yaml")}
    assert coded - {"host"} <= query.EVENT_TYPES
