"""Meetings, visits and phone calls as users rely on them: one event per encounter, with its
status, participants, host and guest, place, date, PLOVER/CAMEO codes and evidence offsets.

All sentences are new and use the invented world of tests/validation/fictional/ (README there),
so these grammar tests do not depend on the real actor dictionary. Zarvan (XZA): president
Azarmehr (2021-), foreign minister Ladani, leader Sorkhabi; cities Varandeh, Sepidkuh. Kastria
(XKA): prime minister al-Minhali (2022-), foreign minister al-Rawdhani, defence minister
al-Marsumi; cities Melkar, Dirwan. Ormila (XOR): city Dalmira, foreign minister Turki. Beloria
(XBE): president Karadoruk.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import didar
from didar.record import Document

FICTIONAL = Path(__file__).parent.parent / "validation" / "fictional" / "actors"
PUBLISHED = "2023-03-14"  # a Tuesday

AZ, LA, RA, MI, MA = ("azarmehr-shirin", "ladani-siavash", "rawdhani-yasin", "minhali-fadel",
                      "marsumi-qais")
KA, TU = "karadoruk-selim", "nahran-turki"


@pytest.fixture(scope="module")
def fic() -> didar.Resources:
    return didar.load_resources(actor_dir=FICTIONAL)


def run(text: str, res: didar.Resources, published: str | None = PUBLISHED) -> Document:
    meta = {"published": published} if published else None
    doc = didar.extract(text, res, meta=meta)
    for e in doc.events:
        ev = e.evidence
        assert 0 <= ev.start < ev.end <= len(doc.text), e
        assert doc.text[ev.start:ev.end].strip(), e
        assert ev.rule
    return doc


def encounters(doc: Document) -> list[tuple[str, str, frozenset[str]]]:
    """The meeting-like events (acts such as praise or denials are tests/events/test_acts.py's)."""
    return sorted((e.type, e.status, frozenset(e.participants)) for e in doc.events
                  if e.type in ("meeting", "visit", "phone_call"))


# --- each cue, both languages ---------------------------------------------------------------

# (text, type, participants); every one occurred, on the published date
CUES = [
    ("شیرین آذرمهر امروز در ورنده با یاسین الروضانی دیدار کرد.", "meeting", {AZ, RA}),
    ("شیرین آذرمهر امروز در ورنده با یاسین الروضانی ملاقات کرد.", "meeting", {AZ, RA}),
    ("شیرین آذرمهر امروز در ورنده با یاسین الروضانی گفت‌وگو کرد.", "meeting", {AZ, RA}),
    ("شیرین آذرمهر امروز در ورنده با یاسین الروضانی گفتگو کرد.", "meeting", {AZ, RA}),
    ("شیرین آذرمهر و یاسین الروضانی امروز در ورنده درباره تجارت رایزنی کردند.",
     "meeting", {AZ, RA}),
    ("شیرین آذرمهر امروز در تماس تلفنی با یاسین الروضانی درباره تجارت گفت‌وگو کرد.",
     "phone_call", {AZ, RA}),
    ("شیرین آذرمهر امروز به ملکار سفر کرد.", "visit", {AZ}),
    ("سیاوش لادنی امروز با استقبال یاسین الروضانی وارد ملکار شد.", "visit", {LA}),
    ("فاضل المنهالی امروز در ملکار از شیرین آذرمهر استقبال کرد.", "visit", {MI, AZ}),
    ("فاضل المنهالی امروز در ملکار میزبان سیاوش لادنی بود.", "visit", {MI, LA}),
    ("التقت الرئيسة شيرين آذرمهر اليوم في ملكار رئيس الوزراء فاضل المنهالي.",
     "meeting", {AZ, MI}),
    ("جرى اليوم لقاء بين شيرين آذرمهر وفاضل المنهالي في ملكار.", "meeting", {AZ, MI}),
    ("استقبل فاضل المنهالي اليوم في ملكار شيرين آذرمهر.", "visit", {MI, AZ}),
    ("بحث فاضل المنهالي مع شيرين آذرمهر اليوم في ملكار العلاقات الثنائية.",
     "meeting", {MI, AZ}),
    ("تلقى فاضل المنهالي اليوم اتصالا هاتفيا من شيرين آذرمهر بحثا خلاله العلاقات الثنائية.",
     "phone_call", {MI, AZ}),
    ("أجرى فاضل المنهالي اليوم اتصال هاتفي مع شيرين آذرمهر.", "phone_call", {MI, AZ}),
    ("بدأت شيرين آذرمهر اليوم زيارة رسمية إلى ملكار.", "visit", {AZ}),
    ("عقد فاضل المنهالي وشيرين آذرمهر اليوم جولة مباحثات في ملكار.", "meeting", {MI, AZ}),
]


@pytest.mark.parametrize(("text", "etype", "participants"), CUES)
def test_meeting_cue(fic, text, etype, participants):
    doc = run(text, fic)
    assert encounters(doc) == [(etype, "occurred", frozenset(participants))]
    assert doc.events[0].date == PUBLISHED
    assert doc.events[0].date_precision == "day"


# --- codes -----------------------------------------------------------------------------------

CODES = [
    ("شیرین آذرمهر امروز در ورنده با یاسین الروضانی دیدار کرد.", "CONSULT", "040"),
    ("شیرین آذرمهر امروز در تماس تلفنی با یاسین الروضانی گفت‌وگو کرد.", "CONSULT", "041"),
    ("شیرین آذرمهر امروز به ملکار سفر کرد.", "CONSULT", "042"),
    ("استقبل فاضل المنهالي اليوم في ملكار شيرين آذرمهر.", "CONSULT", "043"),
    ("شیرین آذرمهر هفته آینده با یاسین الروضانی در ملکار دیدار خواهد کرد.", "CONSULT", "036"),
    ("سيزور وزير الخارجية الزرواني سياوش لادني ملكار الأسبوع المقبل.", "CONSULT", "036"),
]


@pytest.mark.parametrize(("text", "plover", "cameo"), CODES)
def test_plover_and_cameo_codes(fic, text, plover, cameo):
    doc = run(text, fic)
    assert [(e.plover, e.cameo) for e in doc.events] == [(plover, cameo)]


# --- one event per encounter -------------------------------------------------------------------


def test_meeting_told_in_three_paragraphs_is_one_event(fic):
    doc = run("شیرین آذرمهر امروز در ورنده با یاسین الروضانی دیدار کرد.\n\n"
              "در این دیدار دو طرف درباره تجارت مرزی گفت‌وگو کردند.\n\n"
              "آذرمهر در پایان این دیدار از الروضانی برای سفر به زروان تشکر کرد.", fic)
    assert encounters(doc) == [("meeting", "occurred", frozenset({AZ, RA}))]


def test_meeting_told_in_three_arabic_paragraphs_is_one_event(fic):
    doc = run("استقبل فاضل المنهالي اليوم في ملكار وزير الخارجية الزرواني سياوش لادني.\n\n"
              "وبحث الجانبان خلال اللقاء سبل تعزيز التعاون الاقتصادي.\n\n"
              "وأكد المنهالي خلال اللقاء أن بلاده حريصة على توسيع العلاقات مع زروان.", fic)
    assert encounters(doc) == [("visit", "occurred", frozenset({MI, LA}))]


def test_arrival_and_meeting_are_one_encounter(fic):
    doc = run("سیاوش لادنی امروز وارد ملکار شد و با فاضل المنهالی دیدار کرد.", fic)
    assert encounters(doc) == [("meeting", "occurred", frozenset({LA, MI}))]
    assert doc.events[0].location == "melkar"


LISTS = [
    "شیرین آذرمهر امروز در ورنده با یاسین الروضانی، سلیم کارادوروک و ترکی بن راشد آل نهران "
    "دیدار کرد.",
    "التقى رئيس الوزراء الكاستري فاضل المنهالي، اليوم الثلاثاء، في ملكار كلا من ياسين "
    "الروضاني وسليم كارادوروك وتركي بن راشد آل نهران.",
]


@pytest.mark.parametrize("text", LISTS)
def test_subject_meeting_a_list_gives_one_bilateral_event_per_person(fic, text):
    doc = run(text, fic)
    subject = AZ if "آذرمهر" in text else MI
    assert encounters(doc) == sorted(
        ("meeting", "occurred", frozenset({subject, other})) for other in (RA, KA, TU))
    assert all(e.source == subject for e in doc.events)
    assert {e.target for e in doc.events} == {RA, KA, TU}


def test_multilateral_meeting_is_one_event(fic):
    doc = run("شیرین آذرمهر، یاسین الروضانی و سلیم کارادوروک امروز در ورنده نشست سه جانبه "
              "برگزار کردند و گفت‌وگو کردند.", fic)
    assert encounters(doc) == [("meeting", "occurred", frozenset({AZ, RA, KA}))]


# --- status ------------------------------------------------------------------------------------

STATUS = [
    ("شیرین آذرمهر هفته آینده با یاسین الروضانی در ملکار دیدار خواهد کرد.",
     "meeting", {AZ, RA}, "planned"),
    ("قرار است شیرین آذرمهر هفته آینده با یاسین الروضانی در ملکار دیدار کند.",
     "meeting", {AZ, RA}, "planned"),
    ("سیاوش لادنی فردا به ملکار سفر خواهد کرد.", "visit", {LA}, "planned"),
    ("سيزور وزير الخارجية الزرواني سياوش لادني ملكار الأسبوع المقبل.", "visit", {LA}, "planned"),
    ("من المقرر أن يلتقي سياوش لادني بنظيره الكاستري ياسين الروضاني في ملكار غدا.",
     "meeting", {LA, RA}, "planned"),
    ("سیاوش لادنی خبر دیدار خود با یاسین الروضانی در ملکار را تکذیب کرد.",
     "meeting", {LA, RA}, "denied"),
    ("نفت وزارة الخارجية الكاسترية عقد أي لقاء بين ياسين الروضاني وسياوش لادني.",
     "meeting", {LA, RA}, "denied"),
    ("شیرین آذرمهر دیروز در ملکار با فاضل المنهالی دیدار کرد.", "meeting", {AZ, MI}, "occurred"),
]


@pytest.mark.parametrize(("text", "etype", "participants", "status"), STATUS)
def test_status(fic, text, etype, participants, status):
    doc = run(text, fic)
    assert encounters(doc) == [(etype, status, frozenset(participants))]


def test_planned_and_occurred_differ_only_by_the_cue(fic):
    occurred = run("سیاوش لادنی امروز با یاسین الروضانی در ملکار دیدار کرد.", fic)
    planned = run("سیاوش لادنی فردا با یاسین الروضانی در ملکار دیدار خواهد کرد.", fic)
    assert [e.status for e in occurred.events] == ["occurred"]
    assert [e.status for e in planned.events] == ["planned"]
    assert planned.events[0].date == "2023-03-15"


def test_recalled_earlier_meeting_is_no_new_event(fic):
    doc = run("سیاوش لادنی گفته بود که پیشتر با یاسین الروضانی در ملکار دیدار کرده است.", fic)
    assert doc.events == []


# --- host and guest -------------------------------------------------------------------------

HOSTS = [
    ("استقبل فاضل المنهالي في ملكار الرئيسة الزروانية شيرين آذرمهر.", MI, AZ),
    ("استقبلت الرئيسة الزروانية شيرين آذرمهر رئيس الوزراء الكاستري فاضل المنهالي في ورندة.",
     AZ, MI),
    ("فاضل المنهالی امروز در ملکار از شیرین آذرمهر استقبال کرد.", MI, AZ),
    # no host verb: the one at home in the place hosts
    ("شیرین آذرمهر امروز در ملکار با فاضل المنهالی دیدار کرد.", MI, AZ),
    ("شیرین آذرمهر امروز در ورنده با یاسین الروضانی دیدار کرد.", AZ, RA),
]


@pytest.mark.parametrize(("text", "host", "guest"), HOSTS)
def test_host_and_guest(fic, text, host, guest):
    doc = run(text, fic)
    assert len(doc.events) == 1
    e = doc.events[0]
    assert (e.host, e.guest) == (host, guest)
    assert doc.to_dict()["events"][0]["host"] == host


def test_welcoming_person_on_arrival_is_not_a_participant(fic):
    doc = run("سیاوش لادنی امروز با استقبال یاسین الروضانی وارد ملکار شد.", fic)
    assert encounters(doc) == [("visit", "occurred", frozenset({LA}))]
    assert doc.events[0].guest == LA


def test_attendees_join_the_event(fic):
    doc = run("استقبل فاضل المنهالي في ملكار الرئيسة الزروانية شيرين آذرمهر. وحضر الاستقبال "
              "وزير الخارجية ياسين الروضاني ووزير الدفاع قيس المرسومي.", fic)
    assert len(doc.events) == 1
    e = doc.events[0]
    assert e.participants[:2] == [MI, AZ]
    assert set(e.participants) == {MI, AZ, RA, MA}
    assert (e.host, e.guest) == (MI, AZ)


# --- location -------------------------------------------------------------------------------

LOCATIONS = [
    ("شیرین آذرمهر امروز در ملکار با فاضل المنهالی دیدار کرد.", "melkar"),
    ("التقى فاضل المنهالي شيرين آذرمهر في ملكار.", "melkar"),
    ("التقى فاضل المنهالي شيرين آذرمهر بدالميرا.", "dalmira"),
    ("التقى فاضل المنهالي شيرين آذرمهر في قصر السلام بمدينة دالميرا.", "dalmira"),
    ("زار سياوش لادني اليوم الثلاثاء مدينة ديروان.", "dirwan"),
    ("شیرین آذرمهر امروز به ملکار سفر کرد.", "melkar"),
    ("سیاوش لادنی که امروز به ملکار سفر کرده است، با فاضل المنهالی دیدار کرد.", "melkar"),
    # a phone call has no setting
    ("شیرین آذرمهر امروز در تماس تلفنی با یاسین الروضانی گفت‌وگو کرد.", None),
]


@pytest.mark.parametrize(("text", "location"), LOCATIONS)
def test_location(fic, text, location):
    doc = run(text, fic)
    assert [e.location for e in doc.events] == [location]
    if location:
        place = doc.actor(location)
        assert place is not None and place.type == "place"


# --- dates ----------------------------------------------------------------------------------

# (text, published, date, precision, weekday)
DATES = [
    ("شیرین آذرمهر روز دوشنبه ۲۲ اسفند ۱۴۰۱ در ملکار با فاضل المنهالی دیدار کرد.", None,
     "2023-03-13", "day", "Monday"),
    ("التقى فاضل المنهالي شيرين آذرمهر في ملكار يوم الاثنين 13 آذار/مارس 2023.", None,
     "2023-03-13", "day", "Monday"),
    ("التقى فاضل المنهالي شيرين آذرمهر في ملكار يوم 13 مارس 2023.", None,
     "2023-03-13", "day", None),
    ("التقى فاضل المنهالي شيرين آذرمهر في ملكار يوم 21 شعبان 1444 هـ.", None,
     "2023-03-13", "day", None),
    ("شیرین آذرمهر امروز در ملکار با فاضل المنهالی دیدار کرد.", PUBLISHED,
     PUBLISHED, "day", None),
    ("شیرین آذرمهر دیروز در ملکار با فاضل المنهالی دیدار کرد.", PUBLISHED,
     "2023-03-13", "day", None),
    ("التقى فاضل المنهالي، اليوم الثلاثاء، في ملكار شيرين آذرمهر.", PUBLISHED,
     PUBLISHED, "day", "Tuesday"),
    # no date in the text: null even though the document is dated
    ("التقى فاضل المنهالي شيرين آذرمهر في ملكار.", PUBLISHED, None, "unknown", None),
    # a bare weekday with no document date: the weekday only
    ("شیرین آذرمهر روز دوشنبه در ملکار با فاضل المنهالی دیدار کرد.", None,
     None, "weekday", "Monday"),
]


@pytest.mark.parametrize(("text", "published", "date", "precision", "weekday"), DATES)
def test_event_date_from_its_sentence(fic, text, published, date, precision, weekday):
    doc = run(text, fic, published)
    assert len(doc.events) == 1
    e = doc.events[0]
    assert (e.date, e.date_precision, e.weekday) == (date, precision, weekday)


def test_date_of_another_sentence_does_not_date_the_event(fic):
    doc = run("وصل سياوش لادني إلى ملكار يوم الاثنين 13 آذار/مارس 2023.\n\n"
              "والتقى فاضل المنهالي ياسين الروضاني في ديروان.", fic, None)
    meeting = [e for e in doc.events if set(e.participants) == {MI, RA}]
    assert len(meeting) == 1
    assert meeting[0].date is None


# --- evidence -------------------------------------------------------------------------------


def test_evidence_covers_the_cue_sentence(fic):
    text = ("سیاوش لادنی امروز در ورنده سخنرانی کرد.\n\n"
            "شیرین آذرمهر امروز در ملکار با فاضل المنهالی دیدار کرد.")
    doc = run(text, fic)
    assert len(doc.events) == 1
    ev = doc.events[0].evidence
    assert "دیدار" in doc.text[ev.start:ev.end]
    assert ev.start >= doc.text.index("شیرین")
    assert ev.rule.startswith("meeting:")


# --- text that is not the article ---------------------------------------------------------

READ_ALSO = [
    "شیرین آذرمهر امروز در ورنده با یاسین الروضانی دیدار کرد و درباره گسترش تجارت مرزی میان دو "
    "کشور گفت‌وگو کرد.\n\nبیشتر بخوانید: سلیم کارادوروک با ترکی بن راشد آل نهران در دالمیرا دیدار "
    "کرد\n\nآذرمهر در این دیدار گفت: روابط دو کشور رو به گسترش است و باید تقویت شود.",
    "التقى فاضل المنهالي اليوم في ملكار شيرين آذرمهر، وبحث الجانبان سبل تعزيز التعاون الثنائي "
    "بين البلدين.\n\nاقرأ أيضا: سليم كارادوروك يلتقي تركي بن راشد آل نهران في دالميرا\n\n"
    "وقال المنهالي إن العلاقات بين البلدين تشهد تطورا كبيرا في كل المجالات.",
]


@pytest.mark.parametrize("text", READ_ALSO)
def test_read_also_teaser_gives_no_event_and_no_actor(fic, text):
    doc = run(text, fic)
    assert len(doc.events) == 1
    assert KA not in doc.events[0].participants
    ids = {a.id for a in doc.actors}
    assert not ids & {KA, TU, "dalmira"}
    assert "کارادوروک" not in doc.text and "كارادوروك" not in doc.text
    assert all("کارادوروک" not in q.text and "كارادوروك" not in q.text for q in doc.quotes)
