"""Topics as users rely on them: the right topic ids for a document and for each quote, from
Persian, Arabic and English cues in any spelling, not from passing mentions (condolences,
enumerations, boilerplate), each with evidence offsets that point at the cue in doc.text.

Every text is a new short article written for these tests (no corpus text).
"""

from __future__ import annotations

import pytest

from didar.record import Document
from didar.text.normalize import fold_plain
from didar.topics.lexicon import load_lexicon

ZWNJ = "\u200c"


def lexical_evidence(doc: Document) -> list:
    return [t for t in doc.topic_evidence if not t.cue.startswith("event:")]


# --- one cue (or two) in the lead is a topic, in each language --------------------------------

# (text, a topic it must have)
ONE_TOPIC = [
    ("مذاکرات درباره تکمیل راه‌آهن شلمچه-بصره امروز در تهران ادامه یافت.", "transport"),
    ("بحث الجانبان مشروع الربط السككي بين البلدين.", "transport"),
    ("The two ministers discussed the rail link between Basra and Shalamcheh.", "transport"),
    ("میلیون‌ها زائر برای مراسم اربعین به کربلا سفر کردند.", "religion"),
    ("استقبلت العتبات المقدسة في كربلاء آلاف الزوار هذا العام.", "religion"),
    ("فرمانده حشد الشعبی از آمادگی کامل نیروهایش خبر داد.", "armed_groups"),
    ("أعلن الحشد الشعبي انطلاق عملية جديدة في صحراء الأنبار.", "armed_groups"),
    ("سفیر ایران در بغداد استوارنامه خود را تقدیم کرد.", "diplomacy"),
    ("قدم السفير الجديد أوراق اعتماده إلى رئيس الجمهورية.", "diplomacy"),
    ("نیروهای عراقی حمله گروه تروریستی داعش به یک روستا را دفع کردند.", "terrorism"),
    ("تبنى تنظيم داعش الإرهابي التفجير الذي وقع صباح اليوم.", "terrorism"),
    ("نیروهای آمریکایی امروز از پایگاه خود در غرب عراق خارج شدند.", "us"),
    ("قالت واشنطن إن القوات الأمريكية باقية في العراق.", "us"),
    ("رژیم صهیونیستی بار دیگر مناطق مسکونی غزه را بمباران کرد.", "israel"),
    ("رژیم صهیونیستی بار دیگر مناطق مسکونی غزه را بمباران کرد.", "palestine_gaza"),
    ("رژیم صهیونیستی بار دیگر مناطق مسکونی غزه را بمباران کرد و ده‌ها نفر در این حمله "
     "کشته شدند.", "war_conflict"),  # war, security and us need a second cue (scoring.yaml)
    ("يواصل الكيان الصهيوني عدوانه على غزة والقدس.", "israel"),
    ("يواصل الكيان الصهيوني عدوانه على غزة والقدس.", "palestine_gaza"),
    ("صادرات گاز و برق ایران به عراق در سال جاری افزایش یافت.", "energy"),
    ("ارتفعت صادرات النفط والغاز خلال الشهر الماضي.", "energy"),
    ("تحریم‌های آمریکا فروش نفت ایران را کاهش داده است.", "sanctions"),
    ("رفع العقوبات كان محور المحادثات بين الجانبين.", "sanctions"),
    ("تردد زائران از گذرگاه مرزی مهران از امروز آغاز شد.", "border"),
    ("أعيد فتح المنافذ الحدودية بين البلدين صباح اليوم.", "border"),
    ("هیئتی از اقلیم کردستان عراق امروز وارد تهران شد.", "kurdistan"),
    ("وصل وفد من إقليم كردستان إلى بغداد.", "kurdistan"),
    ("انتخابات پارلمانی عراق ماه آینده برگزار می‌شود.", "elections"),
    ("تتواصل المشاورات بين الكتل السياسية بشأن تشكيل الحكومة.", "elections"),
    ("کاهش آب رودخانه دجله و خشکسالی کشاورزان را نگران کرده است.", "water"),
    ("انخفض منسوب المياه في نهر دجلة بسبب الجفاف.", "water"),
    ("دو طرف بر برقراری آتش‌بس و پایان جنگ تأکید کردند.", "war_conflict"),
    ("دعا الجانبان إلى وقف إطلاق النار وإنهاء الحرب.", "war_conflict"),
    ("وی بر وحدت امت اسلامی و همبستگی کشورهای اسلامی تأکید کرد.", "islamic_unity"),
    ("شدد الطرفان على أهمية الوحدة الإسلامية ونبذ الفتنة الطائفية.", "islamic_unity"),
    ("حجم تجارت و سرمایه‌گذاری دو کشور در سال گذشته افزایش یافت.", "economy_trade"),
    ("بحث الجانبان سبل تعزيز التبادل التجاري والاستثمار.", "economy_trade"),
    ("دو کشور بر گسترش همکاری امنیتی و مبارزه با قاچاق تأکید کردند.", "security"),
    ("اتفق البلدان على تعزيز التعاون الأمني وتبادل المعلومات.", "security"),
]


@pytest.mark.parametrize(("text", "topic"), ONE_TOPIC)
def test_a_cue_in_the_lead_makes_a_topic(run, text, topic):
    doc = run(text)
    assert topic in doc.topics, (doc.topics, [(t.topic, t.cue) for t in doc.topic_evidence])
    assert any(t.topic == topic for t in doc.topic_evidence)


def test_an_article_about_nothing_has_no_topics(run):
    doc = run("هوای تهران امروز آفتابی است و دمای هوا به بیست درجه می‌رسد.")
    assert doc.topics == []
    assert doc.topic_evidence == []


# --- spelling variants: written once, found in every form ------------------------------------

# (variant text, topic): ی/ي, ک/ك, ZWNJ present, absent or a space, diacritics, tatweel,
# glued prefixes and plural suffixes, Arabic-Indic or Persian digits (irrelevant)
VARIANTS = [
    ("مذاکرات درباره تکمیل راهآهن شلمچه-بصره ادامه یافت.", "transport"),  # ZWNJ lost
    ("مذاکرات درباره تکمیل راه آهن شلمچه-بصره ادامه یافت.", "transport"),  # a space
    (f"مذاکرات درباره تکمیل راه{ZWNJ}آهن شلمچه-بصره ادامه یافت.", "transport"),
    ("فرمانده حشد الشعبي از آمادگی نیروهایش خبر داد.", "armed_groups"),  # Arabic ي in Persian
    ("أعلن الحشد الشعبی انطلاق عملية جديدة.", "armed_groups"),  # Persian ی in Arabic
    ("أعلن الحَشْدُ الشَّعْبِيُّ انطلاق عملية جديدة.", "armed_groups"),  # diacritics
    ("أعلن الحـشـد الشـعبي انطلاق عملية جديدة.", "armed_groups"),  # tatweel
    ("وأكد قادة والحشد الشعبي استعدادهم.", "armed_groups"),  # glued و
    ("وصل وفد من إقليم کردستان إلى بغداد.", "kurdistan"),  # Persian ک in Arabic
    ("وصل وفد من اقليم كردستان إلى بغداد.", "kurdistan"),  # hamza left out
    ("هیئتی از اقليم كردستان عراق امروز وارد تهران شد.", "kurdistan"),  # Arabic letters in fa
    ("تحریمهای آمریکا فروش نفت ایران را کاهش داده است.", "sanctions"),  # plural glued
    ("تحریم های آمریکا فروش نفت ایران را کاهش داده است.", "sanctions"),  # plural spaced
    ("اتفق البلدان بالأمس على تعزيز التعاون الأمني.", "security"),
    ("ارتفعت صادرات النفط ٣٠ بالمئة عام ٢٠٢٤.", "energy"),  # Arabic-Indic digits
    ("صادرات گاز ایران به عراق در سال ۱۴۰۳ افزایش یافت.", "energy"),  # Persian digits
    ("سفیران کشورهای عضو امروز در وزارت خارجه حضور یافتند.", "diplomacy"),  # plural ان
    ("التقى للسفير الإيراني عدد من المسؤولين.", "diplomacy"),  # ل + ال
]


@pytest.mark.parametrize(("text", "topic"), VARIANTS)
def test_spelling_variants_match(run, text, topic):
    assert topic in run(text).topics


# --- ambiguity: words that contain a cue or share its letters --------------------------------

# (text, topics it must NOT have)
AMBIGUOUS = [
    ("وزیر خارجه روز دهم آبان با همتای خود در تالاری با دیوارهای آبی دیدار کرد.", {"water"}),
    ("وزیر خارجه پس از دیدار با همتای خود به تهران رفت و گفت‌وگو را مثبت ارزیابی کرد.",
     {"kurdistan", "water"}),  # کرد "did", می‌رود "goes"
    ("ارتباط دو کشور به سرعت برقرار شد و هیئت‌ها برقآسا به توافق رسیدند.", {"energy"}),
    ("سفر وزیر خارجه به آمریکای لاتین و کشورهای آمریکای جنوبی آغاز شد.", {"us"}),
    ("ناقش مجلس الأمن الدولي مشروع القرار الجديد أمس.", {"security"}),
    ("زار قائد فيلق القدس بغداد أمس.", {"palestine_gaza"}),
    ("أكد الوزير أن القاعدة الأساسية للتعاون هي الاحترام المتبادل.", {"terrorism"}),
]


@pytest.mark.parametrize(("text", "absent"), AMBIGUOUS)
def test_words_that_only_look_like_cues_are_not_topics(run, text, absent):
    doc = run(text)
    assert not absent & set(doc.topics), doc.topics
    hits = load_lexicon().scan(fold_plain(doc.text), frozenset({doc.language, "en"}))
    assert not absent & {h.cue.topic for h in hits}, [(h.cue.topic, h.cue.text) for h in hits]


# --- passing mentions are not topics ------------------------------------------------------------

MEETING_FA = (
    "وزیر امور خارجه ایران امروز در تهران با همتای عراقی خود دیدار و درباره گسترش روابط "
    "دوجانبه گفت‌وگو کرد. دو وزیر بر ادامه رایزنی‌های سیاسی میان دو کشور تأکید کردند. "
    "وزیر خارجه عراق از میزبانی ایران قدردانی کرد و گفت روابط دو کشور برادرانه است. "
)
MEETING_AR = (
    "استقبل وزير الخارجية العراقي اليوم في بغداد نظيره الكويتي وبحث معه العلاقات الثنائية. "
    "وأكد الوزيران أهمية مواصلة التشاور السياسي بين البلدين. "
    "وأعرب الوزير الكويتي عن شكره لحفاوة الاستقبال. "
)

PASSING = [
    # condolences at the end: terrorism, water, war named once in a condolence list
    (MEETING_FA + "وی همچنین درگذشت قربانیان سیل و حادثه تروریستی اخیر را تسلیت گفت.",
     {"terrorism", "water", "war_conflict"}),
    (MEETING_AR + "وقدم الوزير التعازي بضحايا الهجوم الإرهابي والفيضانات الأخيرة.",
     {"terrorism", "war_conflict", "water"}),
    # a greeting on a religious occasion is not a religious article
    (MEETING_FA + "وزیر خارجه ایران در پایان فرا رسیدن ماه رمضان را به مردم عراق تبریک گفت.",
     {"religion"}),
    # one item in an enumeration of many, in the body
    ("وزیر بازرگانی ایران امروز با همتای عراقی خود درباره افزایش حجم تجارت دو کشور گفت‌وگو "
     "کرد. دو طرف بر توسعه مبادلات تجاری تأکید کردند. در نمایشگاه امسال مواد غذایی، "
     "لوازم خانگی، پوشاک، فرآورده‌های نفتی، دارو و مصالح ساختمانی عرضه شد. "
     "نمایشگاه تا پایان هفته ادامه دارد.", {"energy"}),
    # one mention in the body of a long article
    (MEETING_AR + "وكان الوزير قد زار واشنطن الشهر الماضي. "
     "واختتم الوزير الكويتي زيارته مساء اليوم.", {"us"}),
]


@pytest.mark.parametrize(("text", "absent"), PASSING)
def test_a_passing_mention_is_not_a_topic(run, text, absent):
    doc = run(text)
    assert "diplomacy" in doc.topics or "economy_trade" in doc.topics, doc.topics
    assert not absent & set(doc.topics), doc.topics


def test_repeated_cues_in_the_body_make_a_topic(run):
    doc = run(MEETING_AR + "وبحث الجانبان التعاون في مجال الطاقة وصادرات النفط والغاز. "
              "وأشار الوزير إلى أهمية أسعار النفط للبلدين. "
              "واختتم الوزير الكويتي زيارته مساء اليوم.")
    assert "energy" in doc.topics


def test_boilerplate_gives_no_topic(run):
    # the source line is kept in the text but is not article body; a "read also" teaser is cut
    doc = run("بحث الجانبان مشروع الربط السككي بين البلدين. وأكد الوزيران أهمية إنجاز المشروع "
              "في موعده لأنه يخدم حركة المسافرين والبضائع بين البلدين الجارين.\n"
              "المصدر: وكالة أنباء النفط والغاز والكهرباء\n"
              "إقرأ أيضاً:\nغارات أمريكية على مواقع تنظيم داعش الإرهابي في سوريا\n"
              "قصفت الطائرات الأمريكية مواقع لتنظيم داعش الإرهابي وقتلت عشرات المسلحين.")
    assert doc.topics == ["transport"]
    assert "النفط" in doc.text  # the source line stayed in the text, and counted for nothing


# --- diplomacy from the document's events ----------------------------------------------------

def test_a_meeting_between_states_is_diplomacy(run):
    doc = run("مسعود پزشکیان امروز در تهران با محمد شیاع السودانی دیدار کرد.")
    assert "diplomacy" in doc.topics
    tag = next(t for t in doc.topic_evidence if t.cue == "event:meeting")
    event = doc.events[0]
    assert (tag.topic, tag.start, tag.end) == ("diplomacy", event.evidence.start,
                                               event.evidence.end)


def test_a_visit_to_another_country_is_diplomacy(run):
    doc = run("عباس عراقچی امروز برای سفری دو روزه وارد بغداد شد.")
    assert [e.type for e in doc.events] == ["visit"]
    assert "diplomacy" in doc.topics
    assert any(t.cue == "event:visit" for t in doc.topic_evidence)


def test_a_meeting_inside_one_state_is_not_diplomacy_by_itself(run):
    doc = run("مسعود پزشکیان امروز در تهران با عباس عراقچی دیدار کرد.")
    assert doc.events
    assert "diplomacy" not in doc.topics
    assert not any(t.cue.startswith("event:") for t in doc.topic_evidence)


# --- quotes --------------------------------------------------------------------------------------

QUOTES = [
    ("وزیر خارجه ایران در دیدار با همتای عراقی خود گفت: «تحریم‌های ظالمانه علیه ملت ایران "
     "باید لغو شود.»", {"sanctions"}),
    ('وقال الوزير العراقي: "إن المياه المشتركة ونهر دجلة يحتاجان إلى اتفاق عادل".', {"water"}),
    ("وزیر کشور ایران گفت: «همکاری امنیتی دو کشور در مرزها ادامه دارد.»", {"security", "border"}),
]


@pytest.mark.parametrize(("text", "topics"), QUOTES)
def test_a_quote_has_the_topics_of_what_was_said(run, text, topics):
    doc = run(text)
    assert doc.quotes, "the quote was found"
    q = doc.quotes[0]
    assert topics <= set(q.topics), q.topics


def test_a_quote_without_cues_has_no_topics(run):
    doc = run("وزیر خارجه ایران گفت: «ما از این دیدار بسیار خرسند هستیم.»")
    assert doc.quotes
    assert doc.quotes[0].topics == []


def test_a_weak_cue_alone_does_not_tag_a_quote(run):
    # استثمار is "investment" but also "making use of": alone it is too weak for a topic
    doc = run('وقال الوزير العراقي: "نؤكد أهمية استثمار المشتركات بين الشعبين الجارين".')
    assert doc.quotes
    assert "economy_trade" not in doc.quotes[0].topics


def test_only_what_is_inside_the_quote_counts_for_it(run):
    doc = run("وزیر خارجه ایران درباره تحریم‌های آمریکا گفت: «ما از این دیدار خرسند هستیم.»")
    assert doc.quotes
    assert "sanctions" not in doc.quotes[0].topics


# --- evidence ---------------------------------------------------------------------------------

EVIDENCE = [
    "مذاکرات درباره تکمیل راه‌آهن شلمچه-بصره امروز در تهران ادامه یافت.",
    "میلیون‌ها زائر برای مراسم اربعین به کربلا سفر کردند و عتبات عالیات میزبان آنها بود.",
    "أعلن الحـشد الشَّعبي أن «قوات الحشد الشعبي مستعدة لحماية الحدود».",
    "وأكد الوزير أن القوات الأمريكية ستغادر العراق وأن واشنطن ملتزمة بذلك.",
    "تحریمهای آمریکا و تحریم‌های اروپا فروش نفت ایران را کاهش داده است.",
]


@pytest.mark.parametrize("text", EVIDENCE)
def test_evidence_offsets_point_at_the_cue(run, text):
    doc = run(text)
    tags = lexical_evidence(doc)
    assert tags
    for t in tags:
        assert t.topic in doc.topics
        assert 0 <= t.start < t.end <= len(doc.text)
        span = doc.text[t.start:t.end]
        # the span is the cue itself (glued prefixes and suffixes left out), in any spelling
        assert fold_plain(span).replace(" ", "") == fold_plain(t.cue).replace(" ", ""), (span, t)
    assert tags == sorted(tags, key=lambda t: (t.start, t.end, t.topic))


def test_every_topic_has_evidence_in_the_text(run):
    doc = run(MEETING_AR + "وبحث الجانبان التعاون في مجال الطاقة وصادرات النفط والغاز.")
    assert doc.topics
    assert {t.topic for t in doc.topic_evidence} == set(doc.topics)


def test_topics_are_in_the_record(run):
    d = run("بحث الجانبان مشروع الربط السككي بين البلدين.").to_dict()
    assert d["topics"] == ["transport"]
    assert d["topic_evidence"][0]["topic"] == "transport"
    assert set(d["topic_evidence"][0]) == {"topic", "start", "end", "cue"}


# --- the title ------------------------------------------------------------------------------

BODY_ONE_SANCTIONS = (
    "استقبل وزير الخارجية العراقي اليوم في بغداد نظيره الإيراني وبحث معه العلاقات الثنائية. "
    "وأكد الوزيران أهمية مواصلة التشاور السياسي بين البلدين. "
    "وتطرق الجانبان إلى آثار العقوبات على التجارة بين البلدين. "
    "واختتم الوزير الإيراني زيارته مساء اليوم."
)


def test_a_cue_in_the_title_counts_more(res):
    import didar

    plain = didar.extract(BODY_ONE_SANCTIONS, res)
    titled = didar.extract(BODY_ONE_SANCTIONS, res,
                           meta={"title": "العقوبات على إيران في محادثات بغداد"})
    assert "sanctions" not in plain.topics
    assert "sanctions" in titled.topics
    # the evidence stays in the text: the body's cue, not the title's
    tags = [t for t in titled.topic_evidence if t.topic == "sanctions"]
    assert tags and all(titled.text[t.start:t.end] == "العقوبات" for t in tags)
