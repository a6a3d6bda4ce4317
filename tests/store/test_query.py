"""The query layer: user input checked and folded, names resolved, rows shaped."""

from __future__ import annotations

import pytest
from store_records import (
    PEZESHKIAN_FA,
    araghchi_planned,
    corpus,
    pezeshkian_meeting,
    scraped_call,
    sudani_meeting,
)

from didar import query
from didar.store import SQLiteStore
from didar.store.keys import name_key

# A fictional dictionary: name key -> ids, as query.load_actor_variants() builds from the data.
VARIANTS = {
    name_key(v): frozenset({actor_id})
    for actor_id, names in {
        "pezeshkian-masoud": ["Masoud Pezeshkian", "مسعود پزشکیان", "مسعود بزشكيان", "Pezeshkian"],
        "sudani-mohammed-shia": [
            "Mohammed Shia al-Sudani",
            "محمد شیاع السودانی",
            "السوداني",
            "Mohammed Shia' al-Sudani",
        ],
        "hakim-ammar": ["Ammar al-Hakim", "عمار حکیم", "عمار الحكيم"],
    }.items()
    for v in names
}


@pytest.fixture
def store(tmp_path):
    with SQLiteStore(tmp_path / "d.db") as s:
        s.put_many(corpus())
        yield s


@pytest.mark.parametrize(
    "name",
    [
        "Masoud Pezeshkian",  # English
        "masoud  PEZESHKIAN",  # case and spacing
        "مسعود پزشکیان",  # native, as written
        "مسعود پزشكيان",  # native with Arabic kaf and yeh
        "مسعود بزشكيان",  # the Arabic spelling, known only to the dictionary
        "pezeshkian-masoud",  # the id
        "Pezeshkian",  # a dictionary short form
    ],
)
def test_events_by_actor_any_spelling(store, name):
    rows = query.events(store, actor=name, variants=VARIANTS)
    assert [r["doc_id"] for r in rows] == [pezeshkian_meeting().id]


def test_actor_words_match_when_no_name_matches_exactly(store):
    # "Hakim" is no actor's full name: names holding it as a word match
    assert query.resolve_actor(store, "Hakim", VARIANTS) == {"hakim-ammar"}
    assert query.resolve_actor(store, "Nobody Atall", VARIANTS) == frozenset()
    assert query.events(store, actor="Nobody Atall", variants=VARIANTS) == []


def test_exact_names_win_over_words(store):
    # "Iran" is the country's exact name; it is not widened to every name holding "iran"
    assert query.resolve_actor(
        store,
        "Iran",
        {name_key("Iran"): frozenset({"IRN"}), name_key("Iran Air"): frozenset({"iran-air"})},
    ) == {"IRN"}


def test_events_filters_from_user_input(store):
    def dates(**kw):
        return [r["date"] for r in query.events(store, variants=VARIANTS, **kw)]

    assert dates(country="irq") == ["2024-03-23", "2025-09-07", None]
    assert dates(since="2025") == ["2025-09-07", "2025-09-23"]
    assert dates(until="2024-03") == ["2024-03-23"]  # a month means its last day
    assert dates(since="2025-09", until="2025-09") == ["2025-09-07", "2025-09-23"]
    assert dates(type="meeting,phone_call") == ["2024-03-23", "2025-09-07", "2025-09-23"]
    assert dates(type=["visit"], status="planned") == [None]
    assert dates(actor="السوداني", since="2024-03-23", until="2024-03-23") == ["2024-03-23"]
    assert dates(limit=2, offset=1) == ["2025-09-07", "2025-09-23"]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"since": "yesterday"}, "not a date"),
        ({"until": "2025-02-30"}, "not a date"),
        ({"country": "Iraq"}, "alpha-3"),
        ({"type": "summit"}, "unknown event type: summit"),
        ({"status": "happened"}, "unknown status"),
        ({"limit": -1}, "limit"),
    ],
)
def test_bad_input_is_a_query_error(store, kwargs, message):
    with pytest.raises(query.QueryError, match=message):
        query.events(store, **kwargs)


def test_quotes_by_speaker_name(store):
    rows = query.quotes(store, speaker="عمار الحكيم", variants=VARIANTS)
    assert [(r["speaker"], r["verb"]) for r in rows] == [("Ammar al-Hakim", "گفت")]
    assert query.quotes(store, direct=True, since="2025-10", variants=VARIANTS)[0]["text"] == (
        "روابط تهران و بغداد راهبردی است"
    )


def test_actors_listing(store):
    discovered = query.actors(store, known=False)
    assert [r["id"] for r in discovered] == ["x-mohammad-kazem-al-sadegh"]
    assert [r["id"] for r in query.actors(store, name="Fuad Hussein", variants={})] == [
        "hussein-fuad"
    ]
    assert {r["id"] for r in query.actors(store, country="IRQ", type="person")} == {
        "hakim-ammar",
        "sudani-mohammed-shia",
        "kadhimi-mustafa",
        "hussein-fuad",
    }


def test_search_folds_the_query_like_the_index(store):
    meeting, scraped = pezeshkian_meeting().id, scraped_call().id
    assert {r["doc_id"] for r in query.search(store, "رييس جمهور")} == {meeting, scraped}
    assert {r["doc_id"] for r in query.search(store, "رئیس‌جمهور")} == {meeting, scraped}
    assert {r["doc_id"] for r in query.search(store, "رئيس‌جمهور")} == {meeting, scraped}
    assert [r["doc_id"] for r in query.search(store, '"حسين أمير"')] == [sudani_meeting().id]
    assert [r["doc_id"] for r in query.search(store, "راهبر*")] == [araghchi_planned().id]
    with pytest.raises(query.QueryError):
        query.search(store, "  «» ")


def test_parse_search_keeps_zwnj_words_together():
    assert query.parse_search('رئیس‌جمهور "حشد شعبی" عراق*') == (
        ("رییس", "جمهور"),
        ("حشد", "شعبی"),
        ("عراق*",),
    )


def test_document_with_facts(store):
    doc = query.document(store, pezeshkian_meeting().id[:8])
    assert doc["record"]["text"] == PEZESHKIAN_FA
    facts = doc["facts"]
    assert [f["start"] for f in facts] == sorted(f["start"] for f in facts)
    actor_fact = next(f for f in facts if f["kind"] == "actor")
    assert (actor_fact["label"], actor_fact["words"]) == ("Masoud Pezeshkian", "مسعود پزشکیان")
    assert PEZESHKIAN_FA[actor_fact["start"] : actor_fact["end"]] == "مسعود پزشکیان"
    kinds = {f["kind"] for f in facts}
    assert kinds == {"date", "actor", "event", "quote"}
    event_fact = next(f for f in facts if f["kind"] == "event")
    assert event_fact["label"].startswith("meeting occurred: Masoud Pezeshkian, Ammar al-Hakim")


def test_missing_document(store):
    with pytest.raises(query.DocumentNotFoundError):
        query.document(store, "ffffffffffffffff")
    with pytest.raises(query.QueryError):
        query.document(store, " ")


def test_the_real_dictionary_variants_load_as_name_keys():
    variants = query.load_actor_variants()
    assert len(variants) > 100  # the package ships a dictionary
    assert all(k == name_key(k) for k in variants)
    ids = set().union(*variants.values())
    assert all(name_key(i) in variants for i in ids)  # every actor is found by its id too
