"""The actor stage as users see it: who a document names, under which id, role and offsets.

Golden (input, expected) tables in real Persian and Arabic script, run through the whole
pipeline (`didar.extract`). Tests that depend on who holds a post use the real dictionary with
the dates of src/didar/actors/data/people_*.yaml (Rouhani 2013-08-03..2021-08-03, Raisi
2021-08-03..2024-05-19, Pezeshkian 2024-07-28..); grammar tests (role phrases, discovery) also
run on the invented world of tests/validation/fictional/ so they do not break when the real
dictionary changes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import didar
from didar.record import Document

FICTIONAL = Path(__file__).parent.parent / "validation" / "fictional" / "actors"


@pytest.fixture(scope="module")
def real() -> didar.Resources:
    return didar.load_resources()


@pytest.fixture(scope="module")
def fic() -> didar.Resources:
    return didar.load_resources(actor_dir=FICTIONAL)


def run(text: str, res: didar.Resources, published: str | None = None) -> Document:
    meta = {"published": published} if published else None
    doc = didar.extract(text, res, meta=meta)
    assert_offsets(doc)
    return doc


def assert_offsets(doc: Document) -> None:
    """Every mention indexes doc.text and covers a non-empty, unpadded span."""
    for a in doc.actors:
        assert a.mentions, a.id
        for m in a.mentions:
            assert 0 <= m.start < m.end <= len(doc.text), (a.id, m)
            span = doc.text[m.start:m.end]
            assert span == span.strip(), (a.id, span)


def mentions(doc: Document, actor_id: str) -> list[str]:
    actor = doc.actor(actor_id)
    assert actor is not None, f"{actor_id} not in {[a.id for a in doc.actors]}"
    return [doc.text[m.start:m.end] for m in actor.mentions]


def person_ids(doc: Document) -> set[str]:
    return {a.id for a in doc.actors if a.type == "person"}


# --- dictionary names: honorifics, letter variants, ZWNJ, diacritics, digits, clitics ----------

# (text, published, actor id, the mention as it stands in doc.text)
NAMES = [
    # honorifics are not part of the name's span
    ("آقای مسعود پزشکیان امروز در تهران سخنرانی کرد.", "2025-01-10",
     "pezeshkian-masoud", "مسعود پزشکیان"),
    ("سید عمار حکیم امروز به تهران رفت.", "2025-01-10", "hakim-ammar", "عمار حکیم"),
    ("دکتر عباس عراقچی امروز در تهران سخنرانی کرد.", "2025-01-10",
     "araghchi-abbas", "عباس عراقچی"),
    ("حضرت آیت‌الله علی خامنه‌ای امروز در تهران سخنرانی کرد.", "2025-01-10",
     "khamenei-ali", "علی خامنه‌ای"),
    ("حضرت آیت‌الله خامنه‌ای امروز در حسینیه امام خمینی سخنرانی کردند.", "2025-01-10",
     "khamenei-ali", "خامنه‌ای"),
    ("وصل الشيخ قيس الخزعلي إلى بغداد اليوم.", "2025-01-10", "khazali-qais", "قيس الخزعلي"),
    ("استقبل السيد عمار الحكيم في مكتبه ببغداد وفدا إيرانيا.", "2025-01-10",
     "hakim-ammar", "عمار الحكيم"),
    # Arabic ي ك in Persian text: the record's text has Persian letters, the name is found
    ("مسعود پزشكيان امروز در تهران سخنرانی کرد.", "2025-01-10",
     "pezeshkian-masoud", "مسعود پزشکیان"),
    # final ى for ي in Arabic
    ("قال محمد شياع السودانى إن العراق يرفض الحرب.", "2025-01-10",
     "sudani-mohammed-shia", "محمد شياع السودانى"),
    # ZWNJ present, replaced by a space, or missing (the text gets it back)
    ("علی خامنه‌ای امروز در تهران سخنرانی کرد.", "2025-01-10", "khamenei-ali", "علی خامنه‌ای"),
    ("علی خامنه ای امروز در تهران سخنرانی کرد.", "2025-01-10", "khamenei-ali", "علی خامنه ای"),
    ("علی خامنهای امروز در تهران سخنرانی کرد.", "2025-01-10", "khamenei-ali", "علی خامنه‌ای"),
    # diacritics and tatweel inside a name stay in the span
    ("قال مُحَمَّد شياع السوداني إن العراق يرفض الحرب.", "2025-01-10",
     "sudani-mohammed-shia", "مُحَمَّد شياع السوداني"),
    ("قال محمـــد شيـاع السوداني إن العراق يرفض الحرب.", "2025-01-10",
     "sudani-mohammed-shia", "محمـــد شيـاع السوداني"),
    # Persian and Arabic-Indic digits next to a name
    ("در سال ۲۰۲۴ مسعود پزشکیان ۳ بار به بغداد سفر کرد.", "2025-01-10",
     "pezeshkian-masoud", "مسعود پزشکیان"),
    ("۱۲مسعود پزشکیان۳۴ امروز سخنرانی کرد.", "2025-01-10",
     "pezeshkian-masoud", "مسعود پزشکیان"),
    ("بحث رئيس الوزراء مع عمار الحكيم٢ الأوضاع في ٣ محافظات.", "2025-01-10",
     "hakim-ammar", "عمار الحكيم"),
    # Arabic clitics: the span starts after و / ب / لل
    ("التقى رئيس الوزراء محمد شياع السوداني والحكيم في بغداد.", "2025-01-10",
     "hakim-ammar", "الحكيم"),
    ("أشاد السفير بالعراق ودوره في المنطقة.", "2025-01-10", "IRQ", "العراق"),
    ("وقال إن للعراق مكانة خاصة في المنطقة.", "2025-01-10", "IRQ", "عراق"),
]


@pytest.mark.parametrize(("text", "published", "actor_id", "written"), NAMES)
def test_dictionary_name_is_found_with_its_span(real, text, published, actor_id, written):
    doc = run(text, real, published)
    actor = doc.actor(actor_id)
    assert actor is not None, [a.id for a in doc.actors]
    assert actor.known is True
    assert written in mentions(doc, actor_id)


def test_honorific_is_not_an_actor_and_not_in_native(real):
    doc = run("حضرت آیت‌الله علی خامنه‌ای امروز در تهران سخنرانی کرد.", real, "2025-01-10")
    assert doc.actor("khamenei-ali").native == "علی خامنه‌ای"
    assert all("آیت" not in a.native and "حضرت" not in a.native for a in doc.actors)


def test_full_name_then_surname_are_one_actor(real):
    doc = run("التقى رئيس الوزراء محمد شياع السوداني عمار الحكيم في بغداد. "
              "وقال الحكيم إن العراق يرفض الحرب في المنطقة.", real, "2025-01-10")
    assert mentions(doc, "hakim-ammar") == ["عمار الحكيم", "الحكيم"]
    assert doc.actor("hakim-ammar").native == "عمار الحكيم"


# --- the actor record ---------------------------------------------------------------------


def test_actor_record_fields(real):
    text = ("مسعود پزشکیان روز دوشنبه ۱۴ آبان ۱۴۰۳ در تهران با فؤاد حسین، وزیر امور خارجه عراق، "
            "دیدار کرد.")
    doc = run(text, real)
    got = {a.id: a for a in doc.actors}
    expected = {
        "pezeshkian-masoud": ("Masoud Pezeshkian", "مسعود پزشکیان", "person", "IRN",
                              "President of Iran"),
        "tehran": ("Tehran", "تهران", "place", "IRN", None),
        "hussein-fuad": ("Fuad Hussein", "فؤاد حسین", "person", "IRQ", "Foreign Minister of Iraq"),
        "IRQ": ("Iraq", "عراق", "country", "IRQ", None),
    }
    assert set(got) == set(expected)
    for aid, (name, native, typ, country, role) in expected.items():
        a = got[aid]
        assert (a.name, a.native, a.type, a.country, a.role, a.known) == (
            name, native, typ, country, role, True)
    rec = doc.to_dict()["actors"]
    for a in rec:
        assert {"id", "name", "native", "type", "country", "role", "known", "mentions"} <= set(a)
        for m in a["mentions"]:
            assert text[m["start"]:m["end"]] in (a["native"], "وزیر امور خارجه عراق")


# --- roles at the document's date -----------------------------------------------------------

ROLE_AT_DATE = [
    # (text, published, holder, mention)
    ("رئیس‌جمهور امروز در تهران گفت: ایران به دنبال جنگ نیست و صلح می‌خواهد.", "2020-05-10",
     "rouhani-hassan", "رئیس‌جمهور"),
    ("رئیس‌جمهور امروز در تهران گفت: ایران به دنبال جنگ نیست و صلح می‌خواهد.", "2022-05-10",
     "raisi-ebrahim", "رئیس‌جمهور"),
    ("رئیس‌جمهور امروز در تهران گفت: ایران به دنبال جنگ نیست و صلح می‌خواهد.", "2025-05-10",
     "pezeshkian-masoud", "رئیس‌جمهور"),
    ("رئیس جمهور امروز در تهران گفت: ایران به دنبال جنگ نیست و صلح می‌خواهد.", "2025-05-10",
     "pezeshkian-masoud", "رئیس جمهور"),
    ("قال رئيس الجمهورية الإيراني اليوم إن بلاده لا تريد الحرب مع أحد.", "2020-05-10",
     "rouhani-hassan", "رئيس الجمهورية الإيراني"),
    ("قال رئيس الجمهورية الإيراني اليوم إن بلاده لا تريد الحرب مع أحد.", "2025-05-10",
     "pezeshkian-masoud", "رئيس الجمهورية الإيراني"),
    ("نخست‌وزیر عراق امروز در تهران گفت: عراق به دنبال ثبات منطقه است.", "2025-05-10",
     "sudani-mohammed-shia", "نخست‌وزیر عراق"),
]


@pytest.mark.parametrize(("text", "published", "holder", "written"), ROLE_AT_DATE)
def test_bare_role_resolves_to_the_holder_at_the_document_date(real, text, published, holder,
                                                               written):
    doc = run(text, real, published)
    presidents = {"rouhani-hassan", "raisi-ebrahim", "pezeshkian-masoud", "sudani-mohammed-shia"}
    assert person_ids(doc) & presidents == {holder}
    assert mentions(doc, holder) == [written]
    assert doc.actor(holder).known is True
    assert [q.speaker for q in doc.quotes] == [holder]


def test_bare_role_in_undated_document_is_not_guessed(real):
    doc = run("رئیس‌جمهور امروز در تهران گفت: ایران باید با جهان تعامل کند و تحریم‌ها را بشکند.",
              real)
    assert person_ids(doc) == set()
    assert [q.speaker for q in doc.quotes] == [None]


def test_date_in_text_dates_the_roles_when_nothing_is_published(real):
    doc = run("مسعود پزشکیان روز دوشنبه ۱۴ آبان ۱۴۰۳ در تهران با فؤاد حسین دیدار کرد.", real)
    assert doc.actor("hussein-fuad").role == "Foreign Minister of Iraq"  # 2024-11-04
    doc = run("عباس عراقچی روز دوشنبه ۲۳ اردیبهشت ۱۳۹۸ در تهران با فؤاد حسین دیدار کرد.", real)
    assert doc.actor("hussein-fuad").role == "Finance Minister of Iraq"  # 2019-05-13


FORMER = [
    ("نخست‌وزیر سابق عراق امروز در تهران گفت: عراق به دنبال ثبات منطقه است.", "2025-05-10"),
    ("نخست‌وزیر پیشین عراق امروز در تهران گفت: عراق به دنبال ثبات منطقه است.", "2025-05-10"),
    ("قال رئيس الوزراء العراقي السابق اليوم إن العراق يريد الاستقرار في المنطقة.", "2025-05-10"),
    ("رئیس‌جمهور سابق امروز در تهران گفت: ایران باید با جهان تعامل کند.", "2025-05-10"),
]


@pytest.mark.parametrize(("text", "published"), FORMER)
def test_former_role_does_not_resolve_to_the_current_holder(real, text, published):
    doc = run(text, real, published)
    assert person_ids(doc) == set()
    assert all(q.speaker is None for q in doc.quotes)


# (text, published, person, role label at that date)
ROLE_NEXT_TO_NAME = [
    ("التقى فؤاد حسين نائب رئيس مجلس الوزراء اليوم في بغداد وفدا إيرانيا.", "2024-05-10",
     "hussein-fuad", "Deputy Prime Minister of Iraq"),
    ("التقى فؤاد حسين اليوم في بغداد وفدا إيرانيا.", "2024-05-10",
     "hussein-fuad", "Foreign Minister of Iraq"),
    ("عباس عراقچی معاون وزیر امور خارجه امروز در تهران با فؤاد حسین دیدار کرد.", "2019-05-10",
     "araghchi-abbas", "Deputy Foreign Minister of Iran"),
    ("وزیر امور خارجه کشورمان عباس عراقچی امروز وارد بغداد شد.", "2025-01-10",
     "araghchi-abbas", "Foreign Minister of Iran"),
    ("عباس عراقجي وزير الخارجية الإيراني وصل إلى بغداد.", "2025-01-10",
     "araghchi-abbas", "Foreign Minister of Iran"),
    ("حیدر العبادی نخست‌وزیر سابق عراق امروز در تهران با عباس عراقچی دیدار کرد.", "2025-05-10",
     "abadi-haider", None),
]


@pytest.mark.parametrize(("text", "published", "person", "role"), ROLE_NEXT_TO_NAME)
def test_role_next_to_a_name_is_that_persons_role(real, text, published, person, role):
    doc = run(text, real, published)
    assert doc.actor(person).role == role


def test_role_before_name_is_a_mention_of_that_person_not_of_another(real):
    doc = run("أكد وزير الخارجية العراقي فؤاد حسين أهمية الحوار مع إيران.", real, "2025-01-10")
    assert person_ids(doc) == {"hussein-fuad"}


# --- roles at the date, fictional world (grammar only) --------------------------------------

FICTIONAL_ROLES = [
    ("رئیس‌جمهور زروان امروز در سپیدکوه گفت: دولت برای توسعه استان سبزدار برنامه تازه‌ای دارد.",
     "2009-04-01", "ranjbaran-parviz"),
    ("رئیس‌جمهور زروان امروز در سپیدکوه گفت: دولت برای توسعه استان سبزدار برنامه تازه‌ای دارد.",
     "2016-04-01", "hirmandi-kamran"),
    ("رئیس‌جمهور زروان امروز در سپیدکوه گفت: دولت برای توسعه استان سبزدار برنامه تازه‌ای دارد.",
     "2022-04-01", "azarmehr-shirin"),
    ("قال رئيس الوزراء الكاستري اليوم في ديروان إن الحكومة ستطلق خطة جديدة للإعمار.",
     "2010-04-01", "bardani-hatem"),
    ("قال رئيس الوزراء الكاستري اليوم في ديروان إن الحكومة ستطلق خطة جديدة للإعمار.",
     "2018-04-01", "zubaydani-majid"),
    ("قال رئيس الوزراء الكاستري اليوم في ديروان إن الحكومة ستطلق خطة جديدة للإعمار.",
     "2023-04-01", "minhali-fadel"),
]


@pytest.mark.parametrize(("text", "published", "holder"), FICTIONAL_ROLES)
def test_fictional_role_resolves_by_date(fic, text, published, holder):
    doc = run(text, fic, published)
    assert person_ids(doc) == {holder}
    assert [q.speaker for q in doc.quotes] == [holder]


def test_posted_ambassador_role_resolves_and_attaches(fic):
    text = "استقبل وزير الخارجية الكاستري ياسين الروضاني، اليوم في ملكار، سفير زروان لدى كاستريا."
    doc = run(text, fic, "2023-04-01")
    assert mentions(doc, "ostovar-behzad") == ["سفير زروان لدى كاستريا"]
    named = run(text[:-1] + " بهزاد أستوار.", fic, "2023-04-01")
    assert mentions(named, "ostovar-behzad") == ["سفير زروان لدى كاستريا", "بهزاد أستوار"]


# --- discovered actors ---------------------------------------------------------------------

# (text, published, native, country, role, later mentions by surname)
DISCOVERED_REAL = [
    ("مسعود پزشکیان امروز در تهران با «هاشم الدلفی» مشاور امنیت ملی عراق دیدار کرد.",
     "2025-05-10", "هاشم الدلفی", "IRQ", "National Security Adviser of Iraq", []),
    ("مسعود پزشکیان امروز در تهران با هاشم الدلفی مشاور امنیت ملی عراق دیدار کرد.",
     "2025-05-10", "هاشم الدلفی", "IRQ", "National Security Adviser of Iraq", []),
    ("مسعود پزشکیان امروز با «کامران نیکپور» مشاور امنیت ملی عراق دیدار کرد. "
     "نیکپور در این دیدار گفت: عراق خواهان گسترش روابط با ایران است.",
     "2025-05-10", "کامران نیکپور", "IRQ", "National Security Adviser of Iraq", ["نیکپور"]),
    ("التقى سفير اليابان لدى العراق كازويا ناكاجيما، اليوم، وزير الخارجية فؤاد حسين في بغداد. "
     "وأكد ناكاجيما أن بلاده تدعم العراق في كل المجالات.",
     "2025-05-10", "كازويا ناكاجيما", "JPN", "Ambassador of Japan", ["ناكاجيما"]),
]


@pytest.mark.parametrize(("text", "published", "native", "country", "role", "later"),
                         DISCOVERED_REAL)
def test_discovered_actor_from_a_role_cue(real, text, published, native, country, role, later):
    doc = run(text, real, published)
    found = [a for a in doc.actors if not a.known]
    assert len(found) == 1, [(a.id, a.native) for a in doc.actors]
    a = found[0]
    assert (a.native, a.type, a.country, a.role) == (native, "person", country, role)
    assert a.id.startswith("x-")
    assert mentions(doc, a.id) == [native, *later]
    # a romanization: Latin letters, not the native script
    assert re.fullmatch(r"[A-Za-z][A-Za-z' .-]+", a.name), a.name
    # the dictionary's holder of the post is not put in their place
    assert "araji-qasim" not in person_ids(doc)
    # a discovered actor takes part in events and speaks
    assert any(a.id in e.participants for e in doc.events)
    if later:
        assert [q.speaker for q in doc.quotes] == [a.id]


def test_discovered_actor_id_is_stable(real):
    text = "مسعود پزشکیان امروز در تهران با «هاشم الدلفی» مشاور امنیت ملی عراق دیدار کرد."
    a = next(x for x in run(text, real, "2025-05-10").actors if not x.known)
    b = next(x for x in run("«هاشم الدلفی» مشاور امنیت ملی عراق امروز وارد تهران شد.",
                            real, "2025-05-10").actors if not x.known)
    assert a.id == b.id
    assert a.name == b.name


DISCOVERED_FICTIONAL = [
    ("شیرین آذرمهر امروز در ورنده با «عادل الشمری» مشاور امنیت ملی کاستریا دیدار کرد. "
     "الشمری در این دیدار گفت: کاستریا خواهان گسترش همکاری‌های امنیتی است.",
     "عادل الشمری", "XKA", ["الشمری"]),
    ("استقبل وزير الخارجية الكاستري ياسين الروضاني، اليوم في ملكار، "
     "سفير بيلوريا لدى كاستريا أورهان يلدز.", "أورهان يلدز", "XBE", []),
]


@pytest.mark.parametrize(("text", "native", "country", "later"), DISCOVERED_FICTIONAL)
def test_discovered_actor_fictional(fic, text, native, country, later):
    doc = run(text, fic, "2023-04-01")
    found = [a for a in doc.actors if not a.known]
    assert [(a.native, a.country) for a in found] == [(native, country)]
    assert mentions(doc, found[0].id) == [native, *later]
    assert any(found[0].id in e.participants for e in doc.events)


def test_unnamed_official_is_not_discovered(real):
    doc = run("یک مقام آگاه امروز گفت: عراق به دنبال گسترش روابط با ایران است.", real,
              "2025-05-10")
    assert person_ids(doc) == set()


# --- outlets -------------------------------------------------------------------------------

OUTLETS = [
    ("به گزارش ایلنا، مسعود پزشکیان امروز در تهران با محمد شیاع السودانی دیدار کرد.",
     "Iranian Labour News Agency", "ilna"),
    ("به گزارش خبرگزاری مهر، مسعود پزشکیان امروز در تهران با محمد شیاع السودانی دیدار کرد.",
     "Mehr News Agency", "mehr"),
    ("بغداد اليوم - بغداد\n\nالتقى رئيس الوزراء محمد شياع السوداني، اليوم، رئيس تيار الحكمة "
     "عمار الحكيم.", "Baghdad Today", "baghdad-today"),
    ("بغداد/ واع\n\nالتقى رئيس الوزراء محمد شياع السوداني، اليوم، رئيس تيار الحكمة عمار الحكيم.",
     "Iraqi News Agency", "ina"),
]


@pytest.mark.parametrize(("text", "outlet", "outlet_id"), OUTLETS)
def test_outlet_from_attribution_or_dateline(real, text, outlet, outlet_id):
    doc = run(text, real, "2025-05-10")
    assert doc.outlet == outlet
    assert doc.to_dict()["outlet"] == outlet
    # the agency reports the meeting; it does not take part in it
    assert len(doc.events) == 1
    assert outlet_id not in doc.events[0].participants


def test_baghdad_today_after_fi_is_the_place(real):
    doc = run("التقى رئيس الوزراء محمد شياع السوداني في بغداد اليوم رئيس تيار الحكمة عمار الحكيم.",
              real, "2025-05-10")
    assert doc.outlet is None
    assert doc.actor("baghdad-today") is None
    assert mentions(doc, "baghdad") == ["بغداد"]
    assert [e.location for e in doc.events] == ["baghdad"]
    assert [d.value for d in doc.dates if d.text == "اليوم"] == ["2025-05-10"]


def test_metadata_outlet_is_kept(real):
    doc = didar.extract("مسعود پزشکیان امروز در تهران سخنرانی کرد.", real,
                        meta={"published": "2025-01-10", "outlet": "IRNA"})
    assert doc.outlet == "IRNA"
