"""The scorer itself, on hand-made gold and predicted records, so that its numbers can be trusted.

Each test builds the smallest gold document and record that show one rule of
../shared/eval/README.md. Names are fictional where the rule does not need real script.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from didar.eval.gold import GoldFormatError, check_gold, load_gold
from didar.eval.keys import ActorKeys, norm
from didar.eval.score import evaluate, format_report, score

ACTORS = {
    "Ali Rostami": {"keys": ["rostami", "رستمی", "رستمي"]},
    "Karim al-Najjar": {"keys": ["najjar", "النجار"]},
    "Hadi Sami": {"keys": ["hadi sami", "هادی سامی", "هادي سامي"]},
    "Omid Sami": {"keys": ["omid sami", "امید سامی"]},
    "Sami": {"keys": ["sami", "سامی", "سامي"]},
    "Baghdad": {"keys": ["baghdad", "بغداد"]},
    "Tehran": {"keys": ["tehran", "طهران"]},
    "Ruritania": {"keys": ["ruritania", "روریتانیا"]},
}

A = {"id": "rostami-ali", "name": "Ali Rostami", "native": "علی رستمی", "type": "person"}
B = {"id": "najjar-karim", "name": "Karim al-Najjar", "native": "كريم النجار", "type": "person"}
C = {"id": "sami-hadi", "name": "Hadi Sami", "native": "هادي سامي", "type": "person"}
X = {"id": "x-unknown", "name": "Zed Unknown", "native": "زد", "type": "person", "known": False}
BAGHDAD = {"id": "baghdad", "name": "Baghdad", "native": "بغداد", "type": "place"}
RURITANIA = {"id": "rur", "name": "Ruritania", "native": "روریتانیا", "type": "country"}


def gold_doc(**kw):
    doc = {
        "doc": "d1.txt",
        "language": "fa",
        "published": None,
        "meetings": [],
        "planned": [],
        "speakers": [],
        "quotes": [],
        "topics_required": [],
        "topics_allowed": [],
        "stances": [],
        "threats": [],
        "absent_actors": [],
        "note": "",
    }
    doc.update(kw)
    return doc


def meeting(participants, optional=(), date=None, places=(None,), kind="meeting"):
    return {
        "participants": list(participants),
        "optional": list(optional),
        "date": date,
        "location_any_of": list(places),
        "kind": kind,
    }


def event(participants, *, type="meeting", status="occurred", date=None, location=None):
    return {
        "type": type,
        "status": status,
        "participants": [p["id"] for p in participants],
        "source": None,
        "target": None,
        "date": date,
        "location": location,
        "evidence": {"start": 0, "end": 1, "rule": "test"},
    }


def record(actors=(), events=(), quotes=(), **kw):
    rec = {
        "id": "r",
        "language": "fa",
        "published": None,
        "text": "",
        "actors": list(actors),
        "events": list(events),
        "quotes": list(quotes),
        "topics": [],
        "stances": [],
    }
    rec.update(kw)
    return rec


def run(doc, rec):
    gold = {"actors": ACTORS, "documents": [doc]}
    return score(gold, {"d1.txt": rec})


# ------------------------------------------------------------------ normalization


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("علي", "علی"),  # ي / ی
        ("مصطفى", "مصطفی"),  # ى / ی
        ("الكاظمي", "الکاظمی"),  # ك / ک
        ("مدينة", "مدینه"),  # ة / ه
        ("الأعرجي", "الاعرجی"),  # أ / ا
        ("إبراهيم", "ابراهیم"),  # إ / ا
        ("آمریکا", "امریکا"),  # آ / ا
        ("ٱلله", "الله"),  # ٱ / ا
        ("رئیس‌جمهور", "رئیسجمهور"),  # ZWNJ removed
        ("رئیس جمهور", "رئیسجمهور"),  # spaces removed
        ("عـــراق", "عراق"),  # tatweel
        ("بيّنا", "بینا"),  # shadda (diacritic)
        ("مُحَمَّد", "محمد"),  # harakat
        ("Amir-Abdollahian", "amirabdollahian"),  # hyphen, case
        ("Ka'bi", "kabi"),  # apostrophe
        ("S. Jaishankar", "sjaishankar"),  # dot
        ("Café", "cafe"),  # Latin diacritic
    ],
)
def test_norm_unifies(a, b):
    assert norm(a) == norm(b)


def test_norm_keeps_hamza_letters_the_readme_does_not_unify():
    # ؤ and ئ are not in the README's list: they must survive (no NFD decomposition of Arabic)
    assert "ؤ" in norm("مؤتمر")
    assert "ئ" in norm("رئیس")


# ------------------------------------------------------------------ actor keys


def test_longest_key_wins():
    keys = ActorKeys(ACTORS)
    # "سامی" (Sami) and "هادی سامی" (Hadi Sami) both occur: the longer, more specific key wins
    assert keys.match_actor("Hadi Sami", "هادي سامي", "x") == "Hadi Sami"
    assert keys.match_actor("Sami", "سامي", "x") == "Sami"
    assert keys.match_actor("Omid Sami", None, None) == "Omid Sami"


def test_id_is_consulted_only_when_name_and_native_match_nothing():
    keys = ActorKeys(ACTORS)
    assert keys.match_actor("Nobody", "هیچکس", "rostami-ali") == "Ali Rostami"
    assert keys.match_actor("Karim al-Najjar", "", "rostami-ali") == "Karim al-Najjar"
    assert keys.match_actor("Nobody", "هیچکس", "nobody") is None


def test_key_matching_is_normalized():
    keys = ActorKeys(ACTORS)
    assert keys.match_actor(None, "رستمي", None) == "Ali Rostami"  # Arabic yeh vs Persian key
    assert keys.match_actor("ROSTAMI", None, None) == "Ali Rostami"


# ------------------------------------------------------------------ meetings


def test_exact_participants_match():
    r = run(
        gold_doc(meetings=[meeting(["Ali Rostami", "Karim al-Najjar"])]),
        record([A, B], [event([A, B])]),
    )
    m = r.metrics
    assert (m["meeting_precision"], m["meeting_recall"], m["meeting_f1"]) == (1.0, 1.0, 1.0)


def test_extra_participant_does_not_match():
    r = run(
        gold_doc(meetings=[meeting(["Ali Rostami", "Karim al-Najjar"])]),
        record([A, B, C], [event([A, B, C])]),
    )
    assert r.totals.meetings.matched == 0
    assert r.metrics["meeting_f1"] == 0.0
    d = r.documents[0]
    assert any("Ali Rostami + Karim al-Najjar" in x for x in d.missed)
    assert any("Hadi Sami" in x for x in d.spurious)


def test_unknown_participant_is_outside_the_gold_participants():
    r = run(
        gold_doc(meetings=[meeting(["Ali Rostami", "Karim al-Najjar"])]),
        record([A, B, X], [event([A, B, X])]),
    )
    assert r.totals.meetings.matched == 0
    assert any("?Zed Unknown" in x for x in r.documents[0].spurious)


def test_missing_participant_does_not_match():
    r = run(
        gold_doc(meetings=[meeting(["Ali Rostami", "Karim al-Najjar"])]), record([A], [event([A])])
    )
    assert r.totals.meetings.matched == 0


@pytest.mark.parametrize("with_optional", [True, False])
def test_optional_participants_may_be_present_or_left_out(with_optional):
    parts = [A, B, C] if with_optional else [A, B]
    r = run(
        gold_doc(meetings=[meeting(["Ali Rostami", "Karim al-Najjar"], ["Hadi Sami"])]),
        record([A, B, C], [event(parts)]),
    )
    assert r.metrics["meeting_f1"] == 1.0


def test_only_occurred_meeting_types_count():
    events = [
        event([A, B], status="planned"),
        event([A, B], status="denied"),
        event([A, B], type="statement"),
        event([A, B], type="agreement"),
    ]
    r = run(
        gold_doc(meetings=[meeting(["Ali Rostami", "Karim al-Najjar"])]), record([A, B], events)
    )
    assert r.totals.meetings.predicted == 0
    assert r.metrics["meeting_recall"] == 0.0


@pytest.mark.parametrize("kind", ["meeting", "visit", "phone_call"])
def test_status_absent_counts_as_occurred(kind):
    ev = event([A, B], type=kind)
    del ev["status"]
    r = run(
        gold_doc(meetings=[meeting(["Ali Rostami", "Karim al-Najjar"], kind=kind)]),
        record([A, B], [ev]),
    )
    assert r.metrics["meeting_f1"] == 1.0
    assert r.metrics["meeting_kind_accuracy"] == 1.0


def test_planned_gold_entry_predicted_as_occurred_is_a_false_positive():
    doc = gold_doc(
        meetings=[meeting(["Ali Rostami", "Karim al-Najjar"])],
        planned=[{"participants": ["Ali Rostami", "Hadi Sami"], "date": None}],
    )
    r = run(doc, record([A, B, C], [event([A, B]), event([A, C])]))
    assert r.totals.meetings.matched == 1
    assert r.totals.meetings.predicted == 2
    assert r.metrics["meeting_precision"] == 0.5
    assert r.totals.planned_as_occurred == 1
    assert any("PLANNED in gold" in x for x in r.documents[0].spurious)


def test_planned_gold_entry_predicted_as_planned_is_fine():
    doc = gold_doc(planned=[{"participants": ["Ali Rostami"], "date": None, "kind": "visit"}])
    r = run(doc, record([A], [event([A], type="visit", status="planned")]))
    assert r.totals.meetings.predicted == 0
    assert r.totals.planned_as_occurred == 0
    assert r.metrics["planned_found"] == 1.0


def test_matching_is_one_to_one():
    # two predicted events for one gold meeting: one matches, the other is spurious
    r = run(
        gold_doc(meetings=[meeting(["Ali Rostami", "Karim al-Najjar"])]),
        record([A, B], [event([A, B]), event([B, A])]),
    )
    assert (r.totals.meetings.matched, r.totals.meetings.predicted) == (1, 2)
    # two gold meetings with the same people, one predicted event: recall 1/2
    r = run(
        gold_doc(
            meetings=[
                meeting(["Ali Rostami", "Karim al-Najjar"]),
                meeting(["Ali Rostami", "Karim al-Najjar"]),
            ]
        ),
        record([A, B], [event([A, B])]),
    )
    assert (r.totals.meetings.matched, r.totals.meetings.gold) == (1, 2)


def test_matching_is_maximal_not_greedy():
    # G1 (A, optional B) fits both events and prefers P1 (right date); G2 (A, B) fits only P1.
    # A greedy assignment would leave G2 unmatched; the maximum matching gives G1 -> P2.
    doc = gold_doc(
        meetings=[
            meeting(["Ali Rostami"], ["Karim al-Najjar"], date="2020-01-01"),
            meeting(["Ali Rostami", "Karim al-Najjar"]),
        ]
    )
    r = run(doc, record([A, B], [event([A, B], date="2020-01-01"), event([A])]))
    assert r.totals.meetings.matched == 2


def test_duplicate_actor_entries_for_one_person_still_match():
    a2 = dict(A, id="discovered-1", name="Ali Rostami", native="رستمی", known=False)
    r = run(
        gold_doc(meetings=[meeting(["Ali Rostami", "Karim al-Najjar"])]),
        record([A, a2, B], [event([A, a2, B])]),
    )
    assert r.metrics["meeting_f1"] == 1.0


# ------------------------------------------------------------------ meeting date and place


@pytest.mark.parametrize(
    ("gold_date", "predicted", "right"),
    [
        ("2025-09-07", "2025-09-07", True),
        ("2025-09-07", "2025-09-08", False),
        ("2025-09-07", None, False),
        (None, None, True),
        (None, "2025-09-07", False),  # null gold: the text does not support a date
        (["2016-02-17", "2017-02-17"], "2017-02-17", True),
        (["2016-02-17", "2017-02-17"], None, False),
    ],
)
def test_meeting_date(gold_date, predicted, right):
    r = run(
        gold_doc(meetings=[meeting(["Ali Rostami", "Karim al-Najjar"], date=gold_date)]),
        record([A, B], [event([A, B], date=predicted)]),
    )
    assert r.metrics["meeting_date_accuracy"] == (1.0 if right else 0.0)


@pytest.mark.parametrize(
    ("places", "location", "right"),
    [
        (["Baghdad"], BAGHDAD, True),
        (["Baghdad"], dict(BAGHDAD, name="Baghdad Governorate"), True),  # name contains it
        (["Baghdad"], dict(BAGHDAD, name="Bagdad", native="بغداد"), True),  # native, by its keys
        (["Baghdad"], RURITANIA, False),
        (["Baghdad"], None, False),
        ([None, "Baghdad"], None, True),
        ([None], None, True),
        ([None], BAGHDAD, False),  # a place the text does not state
        (["New York"], {"id": "ny", "name": "New York City", "native": "نیویورک"}, True),
    ],
)
def test_meeting_place(places, location, right):
    actors = [A, B] + ([location] if location else [])
    ev = event([A, B], location=location["id"] if location else None)
    r = run(
        gold_doc(meetings=[meeting(["Ali Rostami", "Karim al-Najjar"], places=places)]),
        record(actors, [ev]),
    )
    assert r.metrics["meeting_place_accuracy"] == (1.0 if right else 0.0)


def test_matching_prefers_the_event_with_the_right_date():
    r = run(
        gold_doc(meetings=[meeting(["Ali Rostami", "Karim al-Najjar"], date="2021-01-02")]),
        record([A, B], [event([A, B], date="2021-01-01"), event([A, B], date="2021-01-02")]),
    )
    assert r.metrics["meeting_date_accuracy"] == 1.0


# ------------------------------------------------------------------ quotes and speakers


def quote(speaker, text):
    return {
        "speaker": speaker["id"] if speaker else None,
        "text": text,
        "start": 0,
        "end": 1,
        "verb": "گفت",
        "direct": True,
    }


def test_quote_coverage_and_speaker_accuracy():
    doc = gold_doc(
        speakers=["Ali Rostami", "Karim al-Najjar"],
        quotes=[
            {"snippet": "روابط دو کشور ممتاز است", "speaker": "Ali Rostami"},
            {"snippet": "همکاری‌های امنیتی", "speaker": "Ali Rostami"},
            {"snippet": "أكدنا أهمية التعاون", "speaker": "Karim al-Najjar"},
            {"snippet": "جمله‌ای که نیامده", "speaker": "Karim al-Najjar"},
        ],
    )
    rec = record(
        [A, B],
        quotes=[
            # ي/ك, missing ZWNJ and extra spaces do not hide a snippet
            quote(A, "گفت: روابط دو كشور  ممتاز است و همکاریهای امنیتی ادامه دارد"),
            quote(A, "أكّدنا أهميّة التعاون بين البلدين"),  # right text, wrong speaker
        ],
    )
    r = run(doc, rec)
    m = r.metrics
    assert m["quote_coverage"] == 0.75
    assert m["quote_speaker_accuracy_of_found"] == pytest.approx(2 / 3)
    assert m["quote_speaker_accuracy"] == 0.5  # of all gold quotes
    assert m["speaker_recall"] == 0.5  # Karim al-Najjar is nobody's speaker
    d = r.documents[0]
    assert any("جمله‌ای که نیامده" in x for x in d.missed)
    assert any("predicted Ali Rostami, gold Karim al-Najjar" in x for x in d.wrong)
    assert "speaker Karim al-Najjar" in d.missed


def test_quote_with_null_speaker_is_found_but_wrong():
    doc = gold_doc(quotes=[{"snippet": "متن", "speaker": "Ali Rostami"}])
    r = run(doc, record([A], quotes=[quote(None, "متن کامل")]))
    assert r.metrics["quote_coverage"] == 1.0
    assert r.metrics["quote_speaker_accuracy"] == 0.0


# ------------------------------------------------------------------ language, published


@pytest.mark.parametrize(
    ("gold_pub", "predicted", "right"),
    [
        ("2024-03-23", "2024-03-23", True),
        ("2024-03-23", None, False),
        (None, None, True),
        (None, "2024-03-23", False),  # null gold: predicted must be null
        (["2016-02-19", "2017-02-19"], "2016-02-19", True),
    ],
)
def test_published(gold_pub, predicted, right):
    r = run(gold_doc(published=gold_pub), record(published=predicted))
    assert r.metrics["published_accuracy"] == (1.0 if right else 0.0)


def test_language():
    assert run(gold_doc(language="ar"), record(language="ar")).metrics["language_accuracy"] == 1
    r = run(gold_doc(language="ar"), record(language="fa"))
    assert r.metrics["language_accuracy"] == 0
    assert "language: predicted fa, gold ar" in r.documents[0].wrong


# ------------------------------------------------------------------ noise


def test_noise_counts_absent_actors_in_events_and_quotes():
    doc = gold_doc(absent_actors=["Hadi Sami"])
    rec = record([A, C], [event([A, C])], [quote(C, "حرف"), quote(A, "هادي سامي گفت")])
    r = run(doc, rec)
    assert r.totals.noise == 3  # participant, speaker, named inside a quote
    assert not r.documents[0].passes_noise
    assert r.noisy_documents == ["d1.txt"]


def test_no_noise_when_absent_actor_only_in_actors_list():
    doc = gold_doc(absent_actors=["Hadi Sami"])
    r = run(doc, record([A, B, C], [event([A, B])], [quote(A, "حرف")]))
    assert r.totals.noise == 0
    assert r.documents[0].passes_noise


# ------------------------------------------------------------------ later issues


def test_topics_stances_threats():
    doc = gold_doc(
        topics_required=["diplomacy", "security"],
        topics_allowed=["diplomacy", "security", "border"],
        stances=[{"source": "Ali Rostami", "target": "Ruritania", "polarity": -1}],
        threats=[{"source": "Ali Rostami", "target": "Ruritania"}],
    )
    threat = dict(event([A, RURITANIA], type="threat"), source=A["id"], target=RURITANIA["id"])
    rec = record(
        [A, RURITANIA],
        [threat],
        topics=["diplomacy", "energy"],
        stances=[
            {
                "source": A["id"],
                "target": RURITANIA["id"],
                "polarity": -1,
                "evidence": {"start": 0, "end": 1},
            }
        ],
    )
    m = run(doc, rec).metrics
    assert m["topics_recall"] == 0.5
    assert m["topics_precision"] == 0.5
    assert m["stance_recall"] == 1.0
    assert m["threat_recall"] == 1.0
    assert run(doc, record()).metrics["stance_recall"] == 0.0


# ------------------------------------------------------------------ reports and inputs


def test_missing_record_scores_zero_and_says_why():
    gold = {
        "actors": ACTORS,
        "documents": [gold_doc(meetings=[meeting(["Ali Rostami", "Karim al-Najjar"])])],
    }
    r = score(gold, {})
    assert r.documents[0].error == "no predicted record"
    assert r.metrics["meeting_recall"] == 0.0


def test_records_may_be_keyed_by_path():
    gold = {"actors": ACTORS, "documents": [gold_doc(language="ar")]}
    r = score(gold, {"/some/where/d1.txt": record(language="ar")})
    assert r.metrics["language_accuracy"] == 1.0


def test_micro_average_over_documents():
    g1 = gold_doc(doc="a.txt", meetings=[meeting(["Ali Rostami", "Karim al-Najjar"])])
    g2 = gold_doc(
        doc="b.txt",
        meetings=[meeting(["Ali Rostami", "Hadi Sami"]), meeting(["Karim al-Najjar", "Hadi Sami"])],
    )
    gold = {"actors": ACTORS, "documents": [g1, g2]}
    r = score(
        gold,
        {"a.txt": record([A, B], [event([A, B])]), "b.txt": record([A, B, C], [event([A, C])])},
    )
    assert (r.totals.meetings.matched, r.totals.meetings.gold) == (2, 3)
    assert r.metrics["meeting_recall"] == pytest.approx(2 / 3)


def test_evaluate_with_given_records_and_format(tmp_path: Path):
    gold = {
        "actors": ACTORS,
        "documents": [
            gold_doc(meetings=[meeting(["Ali Rostami", "Karim al-Najjar"], date="2020-10-27")])
        ],
    }
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    r = evaluate(path, tmp_path, None, records={"d1.txt": record([A, B, C], [event([A, C])])})
    table = format_report(r)
    assert "meeting F1" in table and "d1.txt" in table
    assert "- meeting Ali Rostami + Karim al-Najjar (date 2020-10-27)" in table
    assert "+ meeting Ali Rostami + Hadi Sami" in table
    data = json.loads(format_report(r, "json"))
    assert data["metrics"]["meeting_f1"] == 0.0
    assert data["per_document"][0]["doc"] == "d1.txt"
    with pytest.raises(ValueError):
        format_report(r, "xml")


def test_gold_format_errors(tmp_path: Path):
    assert check_gold({"actors": ACTORS, "documents": [gold_doc()]}) == []
    bad = gold_doc(
        language="xx",
        published="23/03/2024",
        meetings=[meeting([], date="2024")],
        quotes=[{"snippet": "", "speaker": "Ali Rostami"}],
        speakers=["Not In Actors"],
    )
    problems = check_gold({"actors": ACTORS, "documents": [bad, gold_doc()]})
    text = " | ".join(problems)
    for part in (
        "language",
        "published",
        "without participants",
        "bad meeting date",
        "snippet",
        "Not In Actors",
        "listed twice",
    ):
        assert part in text
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"actors": ACTORS, "documents": [bad]}), encoding="utf-8")
    with pytest.raises(GoldFormatError):
        load_gold(path)


def test_every_metric_has_a_row_in_the_table():
    from didar.eval.report import _ROWS
    from didar.eval.score import METRICS

    assert [row[0] for row in _ROWS] == list(METRICS)


def _act(type, source, target, status="occurred"):
    e = event([source] + ([target] if target else []), type=type, status=status)
    return dict(e, source=source["id"], target=target["id"] if target else None)


def test_acts_are_matched_on_type_source_and_target_one_to_one():
    doc = gold_doc(
        acts=[
            {"type": "agreement", "source": "Ali Rostami", "target": "Ruritania"},
            {"type": "demand", "source": "Ali Rostami", "target": None, "status": "planned"},
            {"type": "threat", "source": "Ali Rostami", "target": "Ruritania"},
        ]
    )
    rec = record(
        [A, RURITANIA],
        [
            _act("agreement", A, RURITANIA),
            _act("agreement", A, RURITANIA),  # the same act twice: one is spurious
            _act("demand", A, RURITANIA),  # any target accepted; the status is wrong
            _act("threat", RURITANIA, A),  # source and target swapped: not the gold threat
            event([A, RURITANIA]),  # meetings are not acts
        ],
    )
    report = run(doc, rec)
    m = report.metrics
    assert m["act_recall"] == 2 / 3
    assert m["act_precision"] == 2 / 4
    assert m["act_status_accuracy"] == 1 / 2
    assert any("act threat" in x for x in report.documents[0].missed)


def test_acts_are_not_scored_where_the_gold_has_none():
    rec = record([A, RURITANIA], [_act("agreement", A, RURITANIA)])
    m = run(gold_doc(), rec).metrics
    assert m["act_recall"] is None and m["act_precision"] is None


def test_an_act_needs_a_type_and_a_source_in_the_gold():
    from didar.eval.gold import check_gold

    gold = {"actors": ACTORS, "documents": [gold_doc(acts=[{"type": "threat"}])]}
    assert any("act needs a type and a source" in p for p in check_gold(gold))
