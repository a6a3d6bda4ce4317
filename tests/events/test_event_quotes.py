"""Quotes as users rely on them: what was said, by whom, direct or not, and where in the text.

Every speech verb listed in src/didar/events/data/speech.yaml is run at least once through a
template sentence, and a hand-written table covers the grammar: direct speech after a colon and
in «» / "", indirect speech with که / أن, speakers found through pronouns (وی، ایشان، او), the
plural of respect (گفتند) for a senior figure, role mentions, a verb with no subject (وأضاف),
"من جانبه" and "طرف اول / طرف دوم", and unnamed sources (a null speaker, never a guess).
The actors are the invented ones of tests/validation/fictional/ (see the README there).
"""

from __future__ import annotations

from importlib import resources as importlib_resources
from pathlib import Path

import pytest
import yaml

import didar
from didar.record import Document
from didar.text.normalize import fold_plain

FICTIONAL = Path(__file__).parent.parent / "validation" / "fictional" / "actors"
PUBLISHED = "2023-03-14"

AZ, LA, RA, MI, SO = ("azarmehr-shirin", "ladani-siavash", "rawdhani-yasin", "minhali-fadel",
                      "sorkhabi-javad")


def _speech() -> dict:
    path = importlib_resources.files("didar.events") / "data" / "speech.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


SPEECH = _speech()
# Verbs whose subject is two people ("the two ministers affirmed", "they agreed"): run separately.
DUAL_AR = {v for v in SPEECH["ar"] if v.endswith(("ا", "الوزيران")) and v.startswith(
    ("اتفق", "أكد الوزيران", "واتفق"))}


@pytest.fixture(scope="module")
def fic() -> didar.Resources:
    return didar.load_resources(actor_dir=FICTIONAL)


def run(text: str, res: didar.Resources, published: str | None = PUBLISHED) -> Document:
    meta = {"published": published} if published else None
    doc = didar.extract(text, res, meta=meta)
    for q in doc.quotes:
        assert 0 <= q.start < q.end <= len(doc.text), q
        assert doc.text[q.start:q.end] == q.text, q
        assert q.text == q.text.strip(" «»\"'“”:،,.\n"), q.text
        assert q.verb, q
    return doc


def said(doc: Document) -> list[tuple[str | None, bool, str]]:
    return [(q.speaker, q.direct, q.text) for q in doc.quotes]


def norm(s: str) -> str:
    return " ".join(fold_plain(s.replace("\u200c", "")).split())


# --- every listed speech verb -----------------------------------------------------------------

STATEMENT_FA = "روابط دو کشور باید بیش از پیش گسترش یابد"
STATEMENT_AR = "العلاقات بين البلدين يجب أن تتطور أكثر"


@pytest.mark.parametrize("verb", SPEECH["fa"])
def test_every_persian_speech_verb_direct_and_indirect(fic, verb):
    direct = run(f"سیاوش لادنی امروز در ورنده {verb}: {STATEMENT_FA}.", fic)
    assert said(direct) == [(LA, True, STATEMENT_FA)]
    assert norm(direct.quotes[0].verb) == norm(verb)
    indirect = run(f"سیاوش لادنی امروز در ورنده {verb} که {STATEMENT_FA}.", fic)
    assert said(indirect) == [(LA, False, STATEMENT_FA)]


@pytest.mark.parametrize("verb", SPEECH["honorific_fa"])
def test_every_persian_honorific_verb_goes_to_the_senior_figure(fic, verb):
    doc = run(f"شیرین آذرمهر امروز در ورنده با جواد سرخابی دیدار کرد. در این دیدار {verb}: "
              f"{STATEMENT_FA}.", fic)
    assert said(doc) == [(SO, True, STATEMENT_FA)]
    assert norm(doc.quotes[0].verb) == norm(verb)


def _arabic_template(verb: str) -> tuple[str, str]:
    if fold_plain(verb).lstrip("وف").startswith("م") and len(verb) > 4:
        # a participle ("مؤكدا", "مشيرا") follows a clause with its own subject
        return (f"وتحدث ياسين الروضاني اليوم في ملكار عن العلاقات مع زروان، {verb} أن "
                f"{STATEMENT_AR}.", f"{verb}: {STATEMENT_AR}")
    return (f"{verb} ياسين الروضاني اليوم أن {STATEMENT_AR}.",
            f"{verb} ياسين الروضاني: {STATEMENT_AR}.")


@pytest.mark.parametrize("verb", [v for v in SPEECH["ar"] if v not in DUAL_AR])
def test_every_arabic_speech_verb_indirect(fic, verb):
    indirect, _ = _arabic_template(verb)
    doc = run(indirect, fic)
    assert said(doc) == [(RA, False, STATEMENT_AR)]
    assert norm(doc.quotes[0].verb) == norm(verb)


@pytest.mark.parametrize("verb", [v for v in SPEECH["ar"] if v not in DUAL_AR
                                  and not fold_plain(v).lstrip("وف").startswith("م")])
def test_every_arabic_speech_verb_direct(fic, verb):
    _, direct = _arabic_template(verb)
    doc = run(direct, fic)
    assert said(doc) == [(RA, True, STATEMENT_AR)]


@pytest.mark.parametrize("verb", sorted(DUAL_AR))
def test_arabic_dual_speech_verbs_give_the_statement(fic, verb):
    doc = run(f"التقى ياسين الروضاني وسياوش لادني في ملكار. و{verb.removeprefix('و')} على أن "
              f"{STATEMENT_AR}.", fic)
    assert [q.text for q in doc.quotes] == [STATEMENT_AR]


# --- natural sentences: direct and indirect ----------------------------------------------------

# (text, [(speaker, direct, a fragment of the quote)])
QUOTES = [
    # direct after a colon, in «» and in ""
    ("سیاوش لادنی امروز در ورنده گفت: زروان آماده گسترش همکاری‌های اقتصادی با کاستریا است.",
     [(LA, True, "زروان آماده گسترش همکاری‌های اقتصادی")]),
    ("سیاوش لادنی امروز در ورنده گفت «زروان آماده گسترش همکاری‌های اقتصادی با کاستریا است».",
     [(LA, True, "زروان آماده گسترش همکاری‌های اقتصادی")]),
    ('سیاوش لادنی امروز در ورنده گفت: "زروان آماده گسترش همکاری‌های اقتصادی با کاستریا است".',
     [(LA, True, "زروان آماده گسترش همکاری‌های اقتصادی")]),
    ("قال ياسين الروضاني: «العلاقات مع زروان تشهد تطورا كبيرا في كل المجالات».",
     [(RA, True, "العلاقات مع زروان تشهد تطورا كبيرا")]),
    ('قال ياسين الروضاني اليوم في ملكار: "إن العلاقات مع زروان تشهد تطورا كبيرا".',
     [(RA, True, "العلاقات مع زروان تشهد تطورا كبيرا")]),
    # indirect with که / أن / إن
    ("سیاوش لادنی امروز تأکید کرد که زروان آماده گسترش همکاری‌های اقتصادی با کاستریا است.",
     [(LA, False, "زروان آماده گسترش همکاری‌های اقتصادی")]),
    ("قال ياسين الروضاني اليوم في ملكار إن العلاقات مع زروان تشهد تطورا كبيرا.",
     [(RA, False, "العلاقات مع زروان تشهد تطورا كبيرا")]),
    ("أكدت الرئيسة الزروانية شيرين آذرمهر اليوم أن بلادها مستعدة لتوسيع التعاون مع كاستريا.",
     [(AZ, False, "بلادها مستعدة لتوسيع التعاون")]),
    # Persian verb-final: the words before the verb
    ("سیاوش لادنی امروز در ورنده بر ضرورت گسترش همکاری‌های اقتصادی با کاستریا تأکید کرد.",
     [(LA, False, "ضرورت گسترش همکاری‌های اقتصادی با کاستریا")]),
    ("سیاوش لادنی امروز در ورنده گسترش همکاری‌های اقتصادی با کاستریا را ضروری دانست.",
     [(LA, False, "گسترش همکاری‌های اقتصادی با کاستریا را ضروری")]),
    ("سیاوش لادنی امروز در ورنده خواستار گسترش همکاری‌های اقتصادی با کاستریا شد.",
     [(LA, False, "گسترش همکاری‌های اقتصادی با کاستریا")]),
]


@pytest.mark.parametrize(("text", "expected"), QUOTES)
def test_quote_text_speaker_and_directness(fic, text, expected):
    doc = run(text, fic)
    assert len(doc.quotes) == len(expected)
    for q, (speaker, direct, fragment) in zip(doc.quotes, expected, strict=True):
        assert (q.speaker, q.direct) == (speaker, direct)
        assert norm(fragment) in norm(q.text)
    # quotation marks are not part of the quote
    assert all(not q.text.startswith(("«", '"')) for q in doc.quotes)


# --- who said it: pronouns, honorifics, roles, no subject, sides -------------------------------

SPEAKERS = [
    # pronouns refer back to the subject of the story
    ("سیاوش لادنی امروز در ورنده با یاسین الروضانی دیدار کرد. وی در این دیدار گفت: زروان آماده "
     "گسترش همکاری‌های اقتصادی با کاستریا است.", [LA]),
    ("سیاوش لادنی امروز در ورنده با یاسین الروضانی دیدار کرد. او گفت: زروان آماده گسترش "
     "همکاری‌های اقتصادی با کاستریا است.", [LA]),
    ("سیاوش لادنی امروز در ورنده با یاسین الروضانی دیدار کرد. ایشان تأکید کرد که زروان آماده "
     "گسترش همکاری‌های اقتصادی با کاستریا است.", [LA]),
    ("سیاوش لادنی امروز در ورنده با یاسین الروضانی دیدار کرد.\n\nالروضانی در این دیدار گفت: "
     "کاستریا از گسترش روابط استقبال می‌کند.\n\nوی افزود: دو کشور باید تجارت مرزی را گسترش "
     "دهند.", [RA, RA]),
    # the plural of respect: the Leader, also when another person is the story's subject
    ("جواد سرخابی امروز در ورنده با شیرین آذرمهر دیدار کرد. ایشان در این دیدار گفتند: ملت زروان "
     "همواره در کنار دولت خواهد ماند.", [SO]),
    ("شیرین آذرمهر امروز در ورنده با جواد سرخابی دیدار کرد و گزارشی از فعالیت‌های دولت ارائه "
     "داد. در این دیدار گفتند: ملت زروان همواره در کنار دولت خواهد ماند.", [SO]),
    ("شیرین آذرمهر امروز در ورنده با جواد سرخابی دیدار کرد. رهبر زروان در این دیدار گفتند: ملت "
     "زروان همواره در کنار دولت خواهد ماند.", [SO]),
    # role mentions refer to the participant holding the role
    ("شیرین آذرمهر امروز در ورنده با فاضل المنهالی دیدار کرد. رئیس‌جمهور زروان در این دیدار "
     "گفت: دو کشور باید همکاری‌های مرزی را گسترش دهند.", [AZ]),
    ("سیاوش لادنی امروز در ورنده با یاسین الروضانی دیدار کرد.\n\nوزیر امور خارجه زروان در این "
     "دیدار گفت: دو کشور باید تجارت مرزی را گسترش دهند.", [LA]),
    ("استقبل فاضل المنهالي اليوم في ملكار شيرين آذرمهر. وقال رئيس الوزراء الكاستري خلال اللقاء "
     "إن بلاده حريصة على تعزيز العلاقات مع زروان.", [MI]),
    # a verb with no subject continues the last speaker
    ("قال فاضل المنهالي اليوم إن بلاده حريصة على تعزيز العلاقات مع زروان. وأضاف أن التعاون "
     "الاقتصادي بين البلدين يجب أن يتوسع.", [MI, MI]),
    ("قال ياسين الروضاني اليوم في ملكار إن العلاقات مع زروان تشهد تطورا كبيرا.\n\nوأضاف: "
     "\"سنعمل على توسيع التعاون في مجال الطاقة\".", [RA, RA]),
    # "for his/her part" and the guest / the first and second side
    ("استقبل فاضل المنهالي اليوم في ملكار شيرين آذرمهر. وقال المنهالي إن بلاده حريصة على تعزيز "
     "العلاقات مع زروان. من جانبها، أكدت آذرمهر أن زروان مستعدة لتوسيع التعاون الاقتصادي.",
     [MI, AZ]),
    ("استقبل فاضل المنهالي اليوم في ملكار شيرين آذرمهر. وقال المنهالي إن بلاده حريصة على تعزيز "
     "العلاقات مع زروان. من جانبه، أكد الضيف أن زروان مستعدة لتوسيع التعاون الاقتصادي.",
     [MI, AZ]),
    ("شیرین آذرمهر امروز در ورنده با فاضل المنهالی دیدار کرد. طرف اول در این دیدار گفت: زروان "
     "آماده گسترش همکاری‌های اقتصادی با کاستریا است. طرف دوم نیز گفت: کاستریا از این همکاری‌ها "
     "استقبال می‌کند.", [AZ, MI]),
]


@pytest.mark.parametrize(("text", "speakers"), SPEAKERS)
def test_speaker_resolution(fic, text, speakers):
    doc = run(text, fic)
    assert [q.speaker for q in doc.quotes] == speakers


# --- unnamed sources: a null speaker, never a guess --------------------------------------------

UNNAMED = [
    "قالت مصادر مطلعة اليوم إن فاضل المنهالي سيزور ورندة الأسبوع المقبل.",
    "وقال مسؤول كاستري رفيع إن الحكومة تدرس مقترحا جديدا بشأن الحدود مع زروان.",
    "یک مقام آگاه امروز گفت: شیرین آذرمهر هفته آینده به ملکار سفر خواهد کرد.",
    "منابع آگاه امروز گفتند که شیرین آذرمهر هفته آینده به ملکار سفر خواهد کرد.",
    # after a named speaker, an unnamed source is still not that speaker
    "قال فاضل المنهالي اليوم إن بلاده حريصة على تعزيز العلاقات مع زروان. وقالت مصادر مطلعة إن "
    "الحكومة الكاسترية تدرس مقترحا جديدا بشأن الحدود.",
]


@pytest.mark.parametrize("text", UNNAMED)
def test_unnamed_source_has_no_speaker(fic, text):
    doc = run(text, fic)
    assert doc.quotes
    last = doc.quotes[-1]
    assert last.speaker is None
    # the named person inside what was said is not made its speaker
    assert all(q.speaker != AZ for q in doc.quotes)


def test_quote_record_fields(fic):
    doc = run("سیاوش لادنی امروز در ورنده گفت: زروان آماده گسترش همکاری‌های اقتصادی با کاستریا "
              "است.", fic)
    (q,) = doc.to_dict()["quotes"]
    assert q["speaker"] == LA
    assert q["verb"] == "گفت"
    assert q["direct"] is True
    assert q["text"] == "زروان آماده گسترش همکاری‌های اقتصادی با کاستریا است"
    assert doc.text[q["start"]:q["end"]] == q["text"]
    assert doc.actor(q["speaker"]) is not None
