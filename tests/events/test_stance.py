"""Stances as users rely on them: who, in a quote, is hostile (-1) or friendly (+1) to which
actor, on what words (the evidence span), and when a quote or a sentence yields none.

Records are built the way users build them (didar.pipeline.extract with the real resources);
the sentences are in Persian and Arabic script, the actors those of the real dictionary
(speakers: Abbas Araghchi, Fuad Hussein, Mustafa al-Kadhimi, Ali Shamkhani).
"""

from __future__ import annotations

from importlib import resources as importlib_resources

import pytest
import yaml

from didar.pipeline import extract
from didar.record import Document
from didar.resources import Resources, load_resources
from didar.text.normalize import fold_plain

ARAGHCHI, HUSSEIN, KADHIMI = "araghchi-abbas", "hussein-fuad", "kadhimi-mustafa"
FA = "عباس عراقچی وزیر امور خارجه ایران"
AR = "وزير الخارجية العراقي فؤاد حسين"


@pytest.fixture(scope="module")
def res() -> Resources:
    return load_resources()


def run(text: str, res: Resources) -> Document:
    doc = extract(text, res, meta={"published": "2024-03-23"})
    for s in doc.stances:
        assert 0 <= s.evidence.start < s.evidence.end <= len(doc.text), s
        assert s.quote is not None and doc.quotes[s.quote].speaker == s.source, s
        assert doc.actor(s.target) is not None, s
        assert s.evidence.rule, s
    return doc


def stances(doc: Document) -> list[tuple[str, str, int, str]]:
    return [(s.source, s.target, s.polarity, doc.text[s.evidence.start:s.evidence.end])
            for s in doc.stances]


# (text, speaker, target, polarity, the cue as written in the text)
POLAR = [
    # a noun predicated of the clause's subject
    (f"{FA} گفت: آمریکا به معنای واقعی کلمه دشمن ملت ایران است.",
     ARAGHCHI, "USA", -1, "دشمن"),
    # indirect speech (که) is still the speaker's
    (f"{FA} گفت که آمریکا به معنای واقعی کلمه دشمن ملت ایران است.",
     ARAGHCHI, "USA", -1, "دشمن"),
    # epithets that are the actor itself
    (f"{FA} گفت: رژیم صهیونیستی عامل اصلی ناامنی در منطقه است.",
     ARAGHCHI, "ISR", -1, "رژیم صهیونیستی"),
    (f"{FA} گفت: این رژیم غاصب هیچ توانی در برابر ملت‌های منطقه ندارد.",
     ARAGHCHI, "ISR", -1, "رژیم غاصب"),
    (f"{FA} گفت: شیطان بزرگ هرگز به تعهدات خود پایبند نبوده است.",
     ARAGHCHI, "USA", -1, "شیطان بزرگ"),
    (f"وقال {AR} إن الكيان الغاصب يهدد أمن المنطقة.",
     HUSSEIN, "ISR", -1, "الكيان الغاصب"),
    (f"وقال {AR} إن قوات الاحتلال الأمريكي يجب أن تغادر البلاد.",
     HUSSEIN, "USA", -1, "قوات الاحتلال الأمريكي"),
    # brotherly praise: a noun before its actor, a noun predicated of the object (را)
    (f"{FA} گفت: ما ملت برادر عراق را در این مسیر تنها نمی‌گذاریم.",
     ARAGHCHI, "IRQ", 1, "ملت برادر"),
    (f"{FA} گفت: ما همه مردم عراق را، فارغ از قومیت و مذهب، برادران خود می‌دانیم.",
     ARAGHCHI, "IRQ", 1, "برادران"),
    # an adjective after its actor
    (f"وأكد {AR} أن العراق يقف مع مصر الشقيقة في مواجهة الإرهاب.",
     HUSSEIN, "EGY", 1, "الشقيقة"),
    # condemnation: the quote's own verb, a verb inside the quote
    (f"{FA} حمله آمریکا به نیروهای عراقی در مناطق مرزی را محکوم کرد.",
     ARAGHCHI, "USA", -1, "محکوم کرد"),
    (f"وقال {AR}: ندين العدوان التركي على الأراضي العراقية.",
     HUSSEIN, "TUR", -1, "ندين"),
    # an Arabic nominal sentence; a demonym after a noun of enmity
    (f"وقال {AR} إن أمريكا عدو للشعب العراقي.", HUSSEIN, "USA", -1, "عدو"),
    (f"{FA} گفت: ملت ایران در برابر دشمنان آمریکایی ایستاده است.",
     ARAGHCHI, "USA", -1, "دشمنان"),
    # an abstract noun of hostility: the name after it is its agent
    (f"{FA} گفت: دشمنی آمریکا با ملت ایران پایان‌ناپذیر است.", ARAGHCHI, "USA", -1, "دشمنی"),
    # friends and brothers "in" a country are its people
    (f"وقال {AR} إن العلاقات مع الأشقاء في السعودية ممتازة.",
     HUSSEIN, "SAU", 1, "الأشقاء في"),
    # condemnation of an act: its agent, not the one it was done to
    ("فواد حسین وزیر امور خارجه عراق حمله ترکیه به خاک عراق را محکوم کرد.",
     HUSSEIN, "TUR", -1, "محکوم کرد"),
    # fighting against an actor
    (f"{FA} گفت: ایران در نبرد علیه داعش در کنار مردم عراق ایستاد.",
     ARAGHCHI, "isis", -1, "نبرد علیه"),
    (f"وقال {AR} إن العراق ماض في محاربة داعش حتى النهاية.", HUSSEIN, "isis", -1, "محاربة"),
    # the frame before the speech verb is the speaker's too
    ("مصطفی الکاظمی نخست وزیر عراق با قدردانی از حمایت‌های ایران گفت: مردم عراق این "
     "حمایت‌ها را هرگز فراموش نخواهند کرد.",
     KADHIMI, "IRN", 1, "با قدردانی از"),
]


@pytest.mark.parametrize(("text", "speaker", "target", "polarity", "cue"), POLAR)
def test_polar_cue_ties_to_its_target(res: Resources, text: str, speaker: str, target: str,
                                      polarity: int, cue: str) -> None:
    doc = run(text, res)
    assert (speaker, target, polarity, cue) in stances(doc)


@pytest.mark.parametrize(("text", "speaker", "target", "polarity", "cue"), POLAR)
def test_evidence_is_the_cue_inside_or_framing_the_quote(
        res: Resources, text: str, speaker: str, target: str, polarity: int, cue: str) -> None:
    doc = run(text, res)
    (s,) = [s for s in doc.stances if s.target == target]
    assert doc.text[s.evidence.start:s.evidence.end] == cue
    assert s.evidence.start == doc.text.find(cue)


MEETING_FA = ("عباس عراقچی وزیر امور خارجه ایران امروز در تهران با فواد حسین وزیر امور خارجه "
              "عراق دیدار کرد. ")
MEETING_AR = (f"التقى {AR} اليوم في بغداد وزير الخارجية الإيراني عباس عراقجي. ")

# "the two brotherly peoples": the other side of the speaker's meeting
DUALS = [
    (MEETING_FA + "عراقچی در این دیدار گفت: روابط دو ملت برادر ریشه در تاریخ دارد.",
     ARAGHCHI, "IRQ", "دو ملت برادر"),
    (MEETING_AR + "وقال حسين إن العلاقات بين الشعبين الجارين تاريخية وعميقة.",
     HUSSEIN, "IRN", "الشعبين الجارين"),
]


@pytest.mark.parametrize(("text", "speaker", "target", "cue"), DUALS)
def test_two_brotherly_peoples_is_the_other_side(res: Resources, text: str, speaker: str,
                                                 target: str, cue: str) -> None:
    doc = run(text, res)
    assert (speaker, target, 1, cue) in stances(doc)


def test_two_brotherly_peoples_without_a_meeting_names_no_one(res: Resources) -> None:
    doc = run(f"وقال {AR} إن العلاقات بين الشعبين الجارين تاريخية.", res)
    assert doc.quotes and doc.stances == []


NONE = {
    # negation cancels the cue (not our enemy is not friendship either)
    "negated-fa": f"{FA} گفت: آمریکا دشمن ما نیست و ما با مردم آمریکا مشکلی نداریم.",
    "negated-ar": f"وقال {AR} إن إيران ليست عدوا للشعب العراقي.",
    # someone else's claim reported inside the quote does not transfer to the speaker
    "claim-fa": f"{FA} گفت: برخی رسانه‌ها ادعا می‌کنند که عربستان دشمن منطقه است.",
    "claim-ar": f"وقال {AR} إن بعض الأطراف تزعم أن الولايات المتحدة عدو.",
    # a quote with no speaker: nobody's stance
    "no-speaker": "منابع آگاه گفتند: آمریکا دشمن اصلی ملت‌های منطقه است.",
    # the reporter's narration: no quote, no stance
    "narration": "رژیم صهیونیستی بار دیگر به غزه حمله کرد و دشمنی خود را نشان داد.",
    "narration-ar": "واصل الكيان الغاصب عدوانه على غزة لليوم العاشر.",
    # a quote without a polar cue: no guessed 0
    "neutral": f"{FA} گفت: ما تحولات عراق و آمریکا را با دقت دنبال می‌کنیم.",
    # a name after a noun of enmity is the one it is an enemy of, not the target
    "enemies-of-fa": f"{FA} گفت: ما در کنار مردم عراق با دشمنان عراق مقابله می‌کنیم.",
    "enemies-of-ar": f"وقال {AR} إن أعداء سوريا يريدون تقسيمها.",
    # condemning an attack on someone is no stance toward them
    "victim-fa": "فواد حسین وزیر امور خارجه عراق گفت: ما حمله به سفارت ایران در بغداد را "
                 "محکوم می‌کنیم.",
    "victim-ar": f"وقال {AR}: ندين الهجوم على السفارة الإيرانية في بغداد.",
    # a hostile noun and a place, an object or a victim after a preposition
    "locative": "وقال وزير الخارجية الإيراني عباس عراقجي إن مكافحة الإرهاب في العراق أولوية.",
    "from": f"وقال {AR} إن انسحاب قوات الاحتلال من سوريا ضروري.",
    "on": "وقال وزير الخارجية الإيراني عباس عراقجي إن العدوان على سوريا مرفوض.",
    # the speaker's own country is never a target ("our brotherly nation" of Iran's minister)
    "own-side": f"{FA} گفت: ملت برادر ایران در برابر تحریم‌ها ایستاده است.",
}


@pytest.mark.parametrize("text", NONE.values(), ids=NONE.keys())
def test_no_stance(res: Resources, text: str) -> None:
    assert run(text, res).stances == []


ONLY = [
    # "عدو للشعب العراقي": the Iraqi people are not the enemy's target of this stance
    ("وقال وزير الخارجية الإيراني عباس عراقجي إن أمريكا عدو للشعب العراقي.", [("USA", -1)]),
    # coordinated subjects of a predicate (the epithet and the noun: one stance each)
    (f"{FA} گفت: رژیم صهیونیستی و آمریکا دشمنان ملت‌های منطقه هستند.",
     [("ISR", -1), ("USA", -1)]),
    (f"{FA} حمله آمریکا به نیروهای عراقی در مناطق مرزی عراق و سوریه را محکوم کرد.",
     [("USA", -1)]),
]


@pytest.mark.parametrize(("text", "expected"), ONLY)
def test_only_the_target_gets_the_stance(res: Resources, text: str,
                                         expected: list[tuple[str, int]]) -> None:
    doc = run(text, res)
    assert [(s.target, s.polarity) for s in doc.stances] == expected


def test_claim_without_the_claim_verb_would_be_a_stance(res: Resources) -> None:
    """The pair to "claim-fa": the same words said by the speaker himself."""
    doc = run(f"{FA} گفت: عربستان دشمن منطقه است.", res)
    assert [(s.target, s.polarity) for s in doc.stances] == [("SAU", -1)]


def test_narration_before_a_quote_is_not_the_speakers(res: Resources) -> None:
    doc = run("رژیم صهیونیستی دیروز به غزه حمله کرد. " + FA
              + " گفت: ما تحولات منطقه را با دقت دنبال می‌کنیم.", res)
    assert doc.quotes and doc.stances == []


def test_unnamed_group_designation_becomes_a_discovered_actor(res: Resources) -> None:
    doc = run("علی شمخانی دبیر شورای عالی امنیت ملی گفت: ایران اجازه نمی‌دهد تروریست‌های "
              "مسلح از خاک عراق امنیت مرزها را تهدید کنند.", res)
    (s,) = doc.stances
    group = doc.actor(s.target)
    assert (s.source, s.polarity) == ("shamkhani-ali", -1)
    assert group is not None and not group.known and group.type == "organization"
    assert (group.name, group.native) == ("armed terrorists", "تروریست‌های مسلح")
    assert doc.text[s.evidence.start:s.evidence.end] == "تروریست‌های مسلح"


def test_epithet_actor_is_added_with_its_mention(res: Resources) -> None:
    doc = run(f"{FA} گفت: شیطان بزرگ هرگز به تعهدات خود پایبند نبوده است.", res)
    usa = doc.actor("USA")
    assert usa is not None and usa.known
    assert [doc.text[m.start:m.end] for m in usa.mentions] == ["شیطان بزرگ"]


def test_stance_record_round_trip(res: Resources) -> None:
    doc = run(f"{FA} گفت: رژیم صهیونیستی عامل اصلی ناامنی در منطقه است.", res)
    (s,) = doc.to_dict()["stances"]
    assert s == {"source": ARAGHCHI, "target": "ISR", "polarity": -1, "quote": 0,
                 "evidence": {"start": doc.text.find("رژیم"),
                              "end": doc.text.find("رژیم") + len("رژیم صهیونیستی"),
                              "rule": "epithet"}}


# ---------------------------------------------------------------- the data file

def _data() -> dict:
    path = importlib_resources.files("didar.events") / "data" / "stance.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _lists(node: object, where: str = "") -> list[tuple[str, list[str]]]:
    if isinstance(node, list) and all(isinstance(x, str) for x in node):
        return [(where, node)]
    if isinstance(node, list):
        return [x for i, v in enumerate(node) for x in _lists(v, f"{where}[{i}]")]
    if isinstance(node, dict):
        return [x for k, v in node.items() if k != "name" for x in _lists(v, f"{where}.{k}")]
    return []


def test_epithets_map_to_dictionary_actors(res: Resources) -> None:
    for actor in _data()["epithets"]:
        assert actor in res.actors.entries, actor


def test_cue_lists_have_no_duplicates_and_are_in_their_script() -> None:
    for where, words in _lists(_data()):
        folded = [fold_plain(w) for w in words]
        assert len(folded) == len(set(folded)), where
        if where.endswith(".fa") or where.endswith("_fa"):
            assert not any(ch in w for w in words for ch in "يكة"), where
        if where.endswith(".ar"):
            assert not any(ch in w for w in words for ch in "یکگچپژ"), where
