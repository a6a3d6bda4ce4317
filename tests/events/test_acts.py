"""Acts beyond meetings (didar.events.acts) as users rely on them: type, status, source, target,
PLOVER/CAMEO codes with Goldstein scores, the quote an act was stated in, and evidence offsets.

All sentences are new and use the invented world of tests/validation/fictional/ (README there),
so these grammar tests do not depend on the real actor dictionary. Zarvan (XZA, demonym
زروانی / الزرواني): president Azarmehr, foreign minister Ladani; city Varandeh. Kastria (XKA,
کاستریایی / الكاستري): foreign minister al-Rawdhani; city Melkar.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
import yaml

import didar
from didar.events.acts import find_acts
from didar.record import Document, Span

FICTIONAL = Path(__file__).parent.parent / "validation" / "fictional" / "actors"
PUBLISHED = "2023-03-14"
AZ, LA, RA = "azarmehr-shirin", "ladani-siavash", "rawdhani-yasin"
XZA, XKA = "xza", "xka"
MEETING_TYPES = ("meeting", "visit", "phone_call")


@pytest.fixture(scope="module")
def fic() -> didar.Resources:
    return didar.load_resources(actor_dir=FICTIONAL)


def run(text: str, res: didar.Resources) -> Document:
    doc = didar.extract(text, res, meta={"published": PUBLISHED})
    for e in doc.events:
        ev = e.evidence
        assert 0 <= ev.start < ev.end <= len(doc.text), e
        assert doc.text[ev.start:ev.end].strip(), e
        assert ev.rule
    return doc


def acts(doc: Document) -> list[tuple[str, str, str | None, str | None]]:
    return [(e.type, e.status, e.source, e.target) for e in doc.events
            if e.type not in MEETING_TYPES]


# --- each act type, both languages: (text, type, status, source, target) ---------------------

CASES = [
    # agreements
    ("شیرین آذرمهر امروز یک تفاهم‌نامه همکاری با یاسین الروضانی امضا کرد.",
     "agreement", "occurred", AZ, RA),
    ("شیرین آذرمهر و یاسین الروضانی قرار است هفته آینده سند همکاری امضا کنند.",
     "agreement", "planned", AZ, RA),
    ("سیاوش لادنی تفاهم‌نامه را امضا نکرد.", "agreement", "denied", LA, None),
    ("وقع وزير الخارجية الكاستري ياسين الروضاني مع نظيره الزرواني سياوش لادني اليوم مذكرة تفاهم"
     " للتعاون التجاري.", "agreement", "occurred", RA, LA),
    ("سيوقع ياسين الروضاني اتفاقية تعاون مع سياوش لادني.", "agreement", "planned", RA, LA),
    ("ومن المقرر أن يوقع ياسين الروضاني وسياوش لادني اتفاقية للتعاون الأسبوع المقبل.",
     "agreement", "planned", RA, LA),
    ("لم يوقع ياسين الروضاني أي اتفاقية مع سياوش لادني.", "agreement", "denied", RA, LA),
    # threats
    ("سیاوش لادنی کاستریا را تهدید کرد.", "threat", "occurred", LA, XKA),
    ("سیاوش لادنی کاستریا را تهدید به حمله نظامی کرد.", "threat", "occurred", LA, XKA),
    ("هدد ياسين الروضاني زروان بالرد العسكري.", "threat", "occurred", RA, XZA),
    ("توعد ياسين الروضاني زروان.", "threat", "occurred", RA, XZA),
    # accusations
    ("سیاوش لادنی، وزیر خارجه زروان، کاستریا را به دخالت در امور داخلی متهم کرد.",
     "accusation", "occurred", LA, XKA),
    ("اتهم ياسين الروضاني زروان بالتدخل في الشؤون الداخلية.", "accusation", "occurred", RA, XZA),
    ("وحمل ياسين الروضاني زروان المسؤولية الكاملة عن التصعيد.",
     "accusation", "occurred", RA, XZA),
    # demands: the forces of a country -> that country
    ("شیرین آذرمهر خواستار خروج نیروهای کاستریایی از ورنده شد.", "demand", "occurred", AZ, XKA),
    ("طالب ياسين الروضاني بانسحاب القوات الزروانية من مدينة ملكار.",
     "demand", "occurred", RA, XZA),
    # appeals
    ("سیاوش لادنی از یاسین الروضانی درخواست کرد که مرز را باز کند.",
     "appeal", "occurred", LA, RA),
    ("دعا ياسين الروضاني جميع الأطراف إلى ضبط النفس.", "appeal", "occurred", RA, None),
    ("ناشد ياسين الروضاني زروان وقف التصعيد.", "appeal", "occurred", RA, XZA),
    # praise
    ("سیاوش لادنی از یاسین الروضانی قدردانی کرد.", "praise", "occurred", LA, RA),
    ("سیاوش لادنی با قدردانی از مواضع و حمایت‌های کاستریا گفت که روابط دو کشور راهبردی است.",
     "praise", "occurred", LA, XKA),
    ("أشاد ياسين الروضاني بجهود سياوش لادني.", "praise", "occurred", RA, LA),
    # denials
    ("سیاوش لادنی گزارش‌ها درباره دیدار با یاسین الروضانی را تکذیب کرد.",
     "denial", "occurred", LA, None),
    ("نفى ياسين الروضاني الأنباء عن زيارة سرية إلى زروان.", "denial", "occurred", RA, None),
    ("كذب ياسين الروضاني أي اتفاق سري مع زروان.", "denial", "occurred", RA, None),
    # condolences
    ("شیرین آذرمهر به ملت کاستریا تسلیت گفت.", "condolence", "occurred", AZ, XKA),
    ("قدم ياسين الروضاني التعازي إلى الشعب الزرواني.", "condolence", "occurred", RA, XZA),
    # invitations
    ("شیرین آذرمهر از یاسین الروضانی برای سفر به ورنده دعوت کرد.",
     "invitation", "occurred", AZ, RA),
    ("وجه ياسين الروضاني دعوة رسمية إلى سياوش لادني لزيارة ملكار.",
     "invitation", "occurred", RA, LA),
]


@pytest.mark.parametrize(("text", "etype", "status", "source", "target"), CASES)
def test_act(fic, text, etype, status, source, target):
    assert (etype, status, source, target) in acts(run(text, fic))


# --- conditions, quotes: the agent is the speaker or the subject of the main clause ----------

QUOTED = [
    # «we will answer any aggression» said by Azarmehr: she threatens (military force)
    ("شیرین آذرمهر گفت: «ما به هر تجاوزی پاسخ کوبنده خواهیم داد.»",
     "threat", "occurred", AZ, None),
    # if Kastria attacks, Zarvan will strike back: Zarvan's president speaks for Zarvan
    ("شیرین آذرمهر گفت اگر کاستریا حمله کند، زروان ضربه متقابل را به کاستریا خواهد زد.",
     "threat", "conditional", AZ, XKA),
    ("وقال ياسين الروضاني إن كاستريا سترد بقوة إذا تعرضت لأي اعتداء.",
     "threat", "conditional", RA, None),
    # «we demand that Zarvan withdraw its forces» said by al-Rawdhani
    ("وقال ياسين الروضاني: «نطالب زروان بسحب قواتها من ملكار».", "demand", "occurred", RA, XZA),
    ("وقال ياسين الروضاني: «نشيد بجهود سياوش لادني».", "praise", "occurred", RA, LA),
]


@pytest.mark.parametrize(("text", "etype", "status", "source", "target"), QUOTED)
def test_act_in_quote(fic, text, etype, status, source, target):
    doc = run(text, fic)
    assert (etype, status, source, target) in acts(doc)
    act = next(e for e in doc.events if e.type == etype)
    assert act.quote is not None
    assert doc.quotes[act.quote].speaker == source
    assert act.evidence.rule.endswith(":in-quote")


def test_conditional_clause_names_no_agent(fic):
    """The country in the condition ("if Kastria attacks") is not who threatens."""
    doc = run("شیرین آذرمهر گفت اگر کاستریا حمله کند، زروان ضربه متقابل را خواهد زد.", fic)
    threats = [e for e in doc.events if e.type == "threat"]
    assert [e.source for e in threats] == [AZ]
    assert threats[0].status == "conditional"


def test_denied_signing_inside_a_denial(fic):
    """"He denied having signed": the signing is denied; the denial itself occurred."""
    doc = run("نفى ياسين الروضاني أن يكون قد وقع أي اتفاقية مع زروان.", fic)
    got = acts(doc)
    assert ("agreement", "denied", RA, XZA) in got
    assert ("denial", "occurred", RA, None) in got
    agreement = next(e for e in doc.events if e.type == "agreement")
    assert agreement.cameo is None and agreement.goldstein is None


# --- precision: no cue, no source, background or boilerplate -> nothing -----------------------

NOTHING = [
    "وقع انفجار في مدينة ملكار اليوم.",  # وقع "took place": no document signed
    "تفاهم‌نامه‌ای امروز در ورنده امضا شد.",  # a signing with no agent named
    "وجرى الحديث عن آفاق التعاون بعد توقيع الاتفاقية بين زروان وكاستريا.",  # background
    "طالب جامعي من زروان فاز بالجائزة.",  # طالب: a student
    "سیاوش لادنی طرح پیشنهادی را رد کرد.",  # a rejected proposal is not a denied report
    "قال ياسين الروضاني إن الكذب لا يبني علاقات.",  # الكذب: a lie, no denial
    "شیرین آذرمهر امروز با یاسین الروضانی در ورنده دیدار کرد.",  # a meeting only
]


@pytest.mark.parametrize("text", NOTHING)
def test_no_act(fic, text):
    assert acts(run(text, fic)) == []


def test_boilerplate_yields_no_act(fic):
    text = "سیاوش لادنی از یاسین الروضانی قدردانی کرد."
    doc = run(text, fic)
    assert acts(doc)
    doc.events = [e for e in doc.events if e.type in MEETING_TYPES]
    doc.analysis.boilerplate = [Span(0, len(doc.text))]
    assert acts(find_acts(doc, fic)) == []


def test_one_act_per_document_for_a_repeated_report(fic):
    text = ("سیاوش لادنی از یاسین الروضانی قدردانی کرد.\n\n"
            "سیاوش لادنی همچنین از یاسین الروضانی قدردانی کرد.")
    assert acts(run(text, fic)) == [("praise", "occurred", LA, RA)]


# --- codes -------------------------------------------------------------------------------------

CODES = [
    # (text, plover, mode, cameo, goldstein)
    ("شیرین آذرمهر امروز یک تفاهم‌نامه همکاری با یاسین الروضانی امضا کرد.",
     "AGREE", "sign", "057", 8.0),
    ("سيوقع ياسين الروضاني اتفاقية تعاون مع سياوش لادني.", "AGREE", "sign", "030", 4.0),
    ("سیاوش لادنی کاستریا را تهدید کرد.", "THREATEN", None, "130", -4.4),
    ("هدد ياسين الروضاني زروان بالرد العسكري.", "THREATEN", "military", "138", -7.0),
    ("اتهم ياسين الروضاني زروان بالتدخل في الشؤون الداخلية.", "ACCUSE", "accuse", "112", -2.0),
    ("شیرین آذرمهر خواستار خروج نیروهای کاستریایی از ورنده شد.",
     "REQUEST", "demand", "1056", -5.0),
    ("دعا ياسين الروضاني جميع الأطراف إلى ضبط النفس.", "REQUEST", "appeal", "020", 3.0),
    ("أشاد ياسين الروضاني بجهود سياوش لادني.", "SUPPORT", "praise", "051", 3.4),
    ("قدم ياسين الروضاني التعازي إلى الشعب الزرواني.", "SUPPORT", "empathize", "018", 3.4),
    ("شیرین آذرمهر از یاسین الروضانی برای سفر به ورنده دعوت کرد.", "AGREE", "meet", "036", 4.0),
]


@pytest.mark.parametrize(("text", "plover", "mode", "cameo", "goldstein"), CODES)
def test_codes(fic, text, plover, mode, cameo, goldstein):
    act = next(e for e in run(text, fic).events if e.type not in MEETING_TYPES)
    assert (act.plover, act.mode, act.cameo, act.goldstein) == (plover, mode, cameo, goldstein)


def test_meetings_carry_mode_and_goldstein(fic):
    doc = run("شیرین آذرمهر امروز در ورنده با یاسین الروضانی دیدار کرد.", fic)
    meeting = next(e for e in doc.events if e.type == "meeting")
    assert (meeting.plover, meeting.mode, meeting.cameo, meeting.goldstein) == \
        ("CONSULT", "meet", "040", 1.0)


def test_act_date_from_its_sentence(fic):
    doc = run("سیاوش لادنی امروز از یاسین الروضانی قدردانی کرد.", fic)
    act = next(e for e in doc.events if e.type == "praise")
    assert (act.date, act.date_precision) == (PUBLISHED, "day")


# --- the data files ----------------------------------------------------------------------------

def _data(name: str):
    path = resources.files("didar.events") / "data" / name
    return yaml.safe_load(path.read_text(encoding="utf-8")), path.read_text(encoding="utf-8")


PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def test_codes_yaml_is_complete_and_commented():
    codes, text = _data("codes.yaml")
    for name, code in codes.items():
        assert code["plover"] in PLOVER, name
        for k in ("cameo", "planned_cameo", "conditional_cameo"):
            if k in code:
                assert re.fullmatch(r"\d{3,4}", code[k]), (name, k)
                score = code[k.replace("cameo", "goldstein")]
                assert -10.0 <= score <= 10.0, (name, k)
    # every code line says what the code is (a comment per line)
    for line in text.splitlines():
        if re.search(r'cameo: "\d', line):
            assert "#" in line, line


def test_acts_yaml_kinds_are_valid():
    acts_raw, _ = _data("acts.yaml")
    codes, _ = _data("codes.yaml")
    summary, _ = _data("summary.yaml")
    names = [k["kind"] for k in acts_raw["kinds"]]
    assert len(names) == len(set(names))
    persian, arabic_only = re.compile(r"[پچژگکی]"), re.compile(r"[يكة]")
    for k in acts_raw["kinds"]:
        assert k["code"] in codes, k["kind"]
        assert k["type"] in summary, k["kind"]
        assert k.get("target", "before") in ("before", "after", "none")
        for w in k.get("fa") or []:
            assert not arabic_only.search(w), (k["kind"], w)
        for w in k.get("ar") or []:
            assert not persian.search(w), (k["kind"], w)
    for sc in acts_raw["subcodes"]:
        assert sc["code"] in codes and sc["of"] in codes
