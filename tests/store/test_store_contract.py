"""Contract tests: what every Store backend guarantees (see didar/store/base.py)."""

from __future__ import annotations

import dataclasses

import pytest
from store_records import (
    PEZESHKIAN_FA,
    araghchi_planned,
    corpus,
    doc_id,
    filler,
    pezeshkian_meeting,
    scraped_call,
    sudani_meeting,
)

from didar.store import (
    DUPLICATE,
    FAILED,
    NEW_VERSION,
    STORED,
    ActorFilter,
    AmbiguousIdError,
    EventFilter,
    Page,
    QuoteFilter,
)
from didar.store.base import (
    ACTOR_KEYS,
    DOCUMENT_KEYS,
    EVENT_KEYS,
    QUOTE_KEYS,
    SEARCH_KEYS,
    SearchQuery,
)
from didar.store.keys import search_tokens

ALL = Page(limit=None)


def test_a_stored_record_comes_back_whole(store):
    doc = sudani_meeting()
    [result] = store.put_many([doc])
    assert (result.status, result.version, result.doc_id) == (STORED, 1, doc.id)
    row = store.get(doc.id)
    assert set(row) == set(DOCUMENT_KEYS)
    assert row["record"] == doc.to_dict()
    assert row["sources"] == ["news/baghdad-today.txt"]
    assert row["version"] == 1 and row["latest"] is True


def test_get_accepts_a_unique_prefix_and_refuses_an_ambiguous_one(store):
    docs = filler(40)
    store.put_many(docs)
    assert store.get(docs[0].id[:10])["id"] == docs[0].id
    assert store.get("0000000000000000") is None
    first_chars = [d.id[0] for d in docs]
    shared = max(set(first_chars), key=first_chars.count)  # 40 ids: some share a first digit
    with pytest.raises(AmbiguousIdError):
        store.get(shared)


def test_the_same_article_twice_is_one_record_with_both_sources(store):
    first = pezeshkian_meeting(source="a/ilna.txt")
    again = pezeshkian_meeting(source="b/copy-of-ilna.txt")
    assert [r.status for r in store.put_many([first])] == [STORED]
    assert [r.status for r in store.put_many([again, first])] == [DUPLICATE, DUPLICATE]
    assert store.counts()["documents"] == 1
    assert store.counts()["events"] == 1
    assert store.get(first.id)["sources"] == ["a/ilna.txt", "b/copy-of-ilna.txt"]


def test_duplicates_inside_one_call_are_found(store):
    results = store.put_many([sudani_meeting(), sudani_meeting(source="elsewhere.txt")])
    assert [r.status for r in results] == [STORED, DUPLICATE]
    assert store.counts()["versions"] == 1


def test_a_changed_text_from_the_same_source_is_a_new_version(store):
    v1 = pezeshkian_meeting(source="news/ilna-1.txt")
    edited = PEZESHKIAN_FA.replace("عمیق و ریشه‌دار", "بسیار عمیق و ریشه‌دار")
    v2 = pezeshkian_meeting(source="news/ilna-1.txt", text=edited)
    assert v1.id != v2.id
    store.put_many([v1])
    [result] = store.put_many([v2])
    assert (result.status, result.version) == (NEW_VERSION, 2)

    old, new = store.get(v1.id), store.get(v2.id)
    assert old["record"]["text"] == PEZESHKIAN_FA  # the old version is kept
    assert (old["latest"], new["latest"]) == (False, True)
    assert new["lineage"] == old["lineage"] == v1.id
    assert [(v["version"], v["id"]) for v in new["versions"]] == [(1, v1.id), (2, v2.id)]
    # listings show the latest version only, unless asked for all
    assert [e["doc_id"] for e in store.events(EventFilter(), ALL)] == [v2.id]
    assert {e["doc_id"] for e in store.events(EventFilter(all_versions=True), ALL)} == {
        v1.id,
        v2.id,
    }
    assert store.counts()["documents"] == 1 and store.counts()["versions"] == 2


def test_the_url_keys_a_lineage_across_files(store):
    a = pezeshkian_meeting(source="monday.jsonl#3")
    a.url = "https://www.ilna.ir/news/1"
    b = pezeshkian_meeting(source="tuesday.jsonl#9", text=PEZESHKIAN_FA + "\n\nویرایش شد.")
    b.url = "https://www.ilna.ir/news/1"
    store.put_many([a])
    assert [(r.status, r.version) for r in store.put_many([b])] == [(NEW_VERSION, 2)]
    assert "https://www.ilna.ir/news/1" in store.get(a.id)["sources"]


def test_stdin_and_collection_items_are_not_lineages(store):
    """Two different articles read from stdin, or from the same line number of two JSON Lines
    files, are different documents, not versions of each other."""
    results = store.put_many(
        [
            pezeshkian_meeting(source="-"),
            sudani_meeting(source="-"),
            araghchi_planned(source="feed.jsonl#1"),
            scraped_call(source="feed.jsonl#1"),
        ]
    )
    assert [r.status for r in results] == [STORED] * 4


def test_a_document_with_bad_data_fails_alone(store):
    good1, bad, good2 = pezeshkian_meeting(), sudani_meeting(), araghchi_planned()
    bad.events[0].evidence = None  # not storable
    results = store.put_many([good1, bad, good2])
    assert [r.status for r in results] == [STORED, FAILED, STORED]
    assert "evidence" in results[1].error or "NoneType" in results[1].error
    assert store.get(bad.id) is None  # nothing half-stored
    assert store.counts()["documents"] == 2
    assert store.put_many([sudani_meeting()])[0].status == STORED  # and it can come later


def test_a_document_without_id_fails(store):
    doc = dataclasses.replace(sudani_meeting(), id="")
    [result] = store.put_many([doc])
    assert result.status == FAILED and "no id" in result.error


def test_search_folds_yeh_kaf_and_zwnj_both_ways(store):
    store.put_many(corpus())
    meeting, scraped = pezeshkian_meeting().id, scraped_call().id

    def found(*phrases: str) -> set[str]:
        """Each phrase as the query layer hands it over: a tuple of search-key tokens."""
        tokens = [search_tokens(p) for p in phrases]
        for p, t in zip(phrases, tokens, strict=True):
            if p.endswith("*"):
                t[-1] += "*"
        q = SearchQuery(tuple(tuple(t) for t in tokens))
        return {r["doc_id"] for r in store.search(q, ALL)}

    # رئیس‌جمهور (Persian yeh, hamza, ZWNJ) and رييس جمهور (Arabic yeh, space) meet
    assert found("رئیس‌جمهور") == {meeting, scraped}
    assert found("رييس جمهور") == {meeting, scraped}
    # ک/ك: همكاري is written with Arabic kaf and yeh in the text, searched with Persian ones
    assert found("همکاری") == {scraped}
    # ك/ک the other way: الكاظمي (Arabic kaf and yeh) found by الکاظمی
    assert found("الکاظمی") == {sudani_meeting().id}
    # ۱۴۰۴ and 1404 are the same token
    assert found("1404") == found("۱۴۰۴") == {meeting, araghchi_planned().id, scraped}
    assert found("عراق", "حکمت") == {meeting}  # every phrase must occur
    assert found("عبد اللهيان") == {sudani_meeting().id}
    assert found("اللهيان عبد") == set()  # a phrase keeps its order
    assert found("راهبرد*") == {araghchi_planned().id}  # prefix
    assert found("nonexistentword") == set()


def test_search_rows_have_the_contract_keys_and_a_snippet(store):
    store.put_many(corpus())
    [row] = store.search(SearchQuery((("حکمت",),)), ALL)
    assert set(row) == set(SEARCH_KEYS)
    assert "حکمت" in row["snippet"]


def test_search_lists_latest_versions_only(store):
    v1 = pezeshkian_meeting(source="x.txt")
    v2 = pezeshkian_meeting(source="x.txt", text=PEZESHKIAN_FA + "\n\nبه‌روز شد.")
    store.put_many([v1, v2])
    q = (("حکمت",),)
    assert [r["doc_id"] for r in store.search(SearchQuery(q), ALL)] == [v2.id]
    assert len(store.search(SearchQuery(q, all_versions=True), ALL)) == 2


def test_event_rows(store):
    store.put_many(corpus())
    rows = store.events(EventFilter(), ALL)
    assert all(set(r) == set(EVENT_KEYS) for r in rows)
    # by date, undated last
    assert [r["date"] for r in rows] == ["2024-03-23", "2025-09-07", "2025-09-23", None]
    sudani = rows[0]
    assert sudani["participants"] == ["Mohammed Shia al-Sudani", "Hossein Amir-Abdollahian"]
    assert sudani["participant_ids"] == ["sudani-mohammed-shia", "amirabdollahian-hossein"]
    assert sudani["location"] == "Baghdad" and sudani["location_id"] == "baghdad"
    assert sudani["evidence"] == "استقبل"
    assert sudani["outlet"] == "Baghdad Today"


def test_event_filters(store):
    store.put_many(corpus())

    def dates(**kw):
        return [r["date"] for r in store.events(EventFilter(**kw), ALL)]

    assert dates(actor_ids=frozenset({"hakim-ammar"})) == ["2025-09-07"]
    assert dates(actor_ids=frozenset({"baghdad"})) == ["2024-03-23", None]  # the place counts
    assert dates(actor_ids=frozenset()) == []
    assert dates(country="IRQ") == ["2024-03-23", "2025-09-07", None]
    assert dates(country="IRN") == ["2024-03-23", "2025-09-07", "2025-09-23", None]
    assert dates(since="2025-01-01") == ["2025-09-07", "2025-09-23"]
    assert dates(until="2025-09-07") == ["2024-03-23", "2025-09-07"]
    assert dates(types=frozenset({"visit", "phone_call"})) == ["2025-09-23", None]
    assert dates(statuses=frozenset({"planned"})) == [None]
    assert dates(doc_ids=frozenset({sudani_meeting().id})) == ["2024-03-23"]


def test_pagination_is_stable_and_disjoint(store):
    store.put_many(filler(30))
    pages = [store.events(EventFilter(), Page(limit=7, offset=o)) for o in range(0, 35, 7)]
    keys = [(r["doc_id"], r["index"]) for page in pages for r in page]
    assert len(keys) == 30 == len(set(keys))
    assert [len(p) for p in pages] == [7, 7, 7, 7, 2]


def test_quote_rows_and_speaker_filter(store):
    store.put_many(corpus())
    rows = store.quotes(QuoteFilter(), ALL)
    assert all(set(r) == set(QUOTE_KEYS) for r in rows)
    assert len(rows) == 4
    hakim = store.quotes(QuoteFilter(speaker_ids=frozenset({"hakim-ammar"})), ALL)
    assert [(r["speaker"], r["text"], r["direct"]) for r in hakim] == [
        ("Ammar al-Hakim", "عراق قدردان حمایت‌های ایران است", False)
    ]
    assert len(store.quotes(QuoteFilter(direct=True), ALL)) == 2
    assert [r["published"] for r in store.quotes(QuoteFilter(since="2025-10-01"), ALL)] == [
        "2025-10-21"
    ]


def test_actor_rows_known_and_discovered(store):
    store.put_many(corpus())
    rows = store.actors(ActorFilter(), ALL)
    assert all(set(r) == set(ACTOR_KEYS) for r in rows)
    by_id = {r["id"]: r for r in rows}
    assert by_id["baghdad"]["documents"] == 2  # most documents first
    assert rows[0]["documents"] == 2
    discovered = store.actors(ActorFilter(known=False), ALL)
    assert [(r["id"], r["native"]) for r in discovered] == [
        ("x-mohammad-kazem-al-sadegh", "محمد كاظم آل صادق")
    ]
    assert all(r["known"] for r in store.actors(ActorFilter(known=True), ALL))
    assert {r["id"] for r in store.actors(ActorFilter(types=frozenset({"country"})), ALL)} == {
        "IRN",
        "IRQ",
    }


def test_actor_names_fold_spelling_variants(store):
    store.put_many(corpus())
    assert store.actor_ids_named("masoud pezeshkian") == {"pezeshkian-masoud"}
    # the native name as written, and with Arabic letters for the Persian ones
    from didar.store.keys import name_key

    assert store.actor_ids_named(name_key("مسعود پزشكيان")) == {"pezeshkian-masoud"}
    assert store.actor_ids_named(name_key("الکاظمی")) == {"kadhimi-mustafa"}
    assert store.actor_ids_named("hakim") == set()  # not an exact name ...
    assert store.actor_ids_named("hakim", partial=True) == {"hakim-ammar"}  # ... but a word of one
    assert store.actor_ids_named(name_key("حکیم")) == {"hakim-ammar"}  # a short mention


def test_counts(store):
    store.put_many(corpus())
    assert store.counts() == {"documents": 4, "versions": 4, "events": 4, "quotes": 4, "actors": 11}


def test_ids_are_content_hashes():
    assert pezeshkian_meeting().id == doc_id(PEZESHKIAN_FA)
