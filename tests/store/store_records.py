"""Hand-built records in real Persian and Arabic, for store, query and CLI tests.

They do not depend on the pipeline: offsets are found in the text, ids computed the way the
pipeline computes them (a hash of the folded text). Actor ids are fictional-style slugs; the
tests pass their own dictionary variants instead of reading the real actor dictionary.
"""

from __future__ import annotations

import hashlib
import random

from didar.record import Actor, DateMention, Document, Event, Evidence, Mention, Quote
from didar.text.normalize import fold

PEZESHKIAN_FA = (
    "به گزارش ایلنا، مسعود پزشکیان رئیس‌جمهور شامگاه یکشنبه ۱۶ شهریور ۱۴۰۴ در دیدار سید "
    "عمار حکیم رهبر جریان حکمت ملی عراق، روابط میان دو ملت ایران و عراق را عمیق و ریشه‌دار "
    "توصیف کرد.\n\nرئیس‌جمهور تأکید کرد: مرزهای جغرافیایی هرگز توان جدایی این دو ملت برادر "
    "را ندارد.\n\nحکیم نیز گفت که عراق قدردان حمایت‌های ایران است."
)

SUDANI_AR = (
    "بغداد اليوم - بغداد\n\nاستقبل رئيس مجلس الوزراء محمد شياع السوداني، اليوم السبت "
    "(23 آذار 2024)، وزير الخارجية الإيراني حسين أمير عبد اللهيان في بغداد، بحضور محمد كاظم "
    "آل صادق سفير الجمهورية الإسلامية الإيرانية.\n\nوقال السوداني إن العراق يرفض أن يكون ساحة "
    "لتصفية الحسابات، مؤكداً أهمية الحوار. وأكد الكاظمي في وقت سابق دعم الحكومة."
)

ARAGHCHI_PLANNED_FA = (
    "خبرگزاری مهر: سید عباس عراقچی وزیر امور خارجه روز سه‌شنبه ۲۹ مهر ۱۴۰۴ اعلام کرد که هفته "
    "آینده به بغداد سفر خواهد کرد و با فواد حسین دیدار خواهد داشت.\n\nعراقچی افزود: روابط "
    "تهران و بغداد راهبردی است."
)

# Persian text as scraped from a site that writes Arabic yeh and kaf and lost its ZWNJ.
SCRAPED_FA = (
    "رييس جمهور ايران در تماس تلفني با نخست وزير عراق درباره همكاري هاي اقتصادي گفت و گو كرد. "
    "در این تماس که روز ۱۴۰۴/۰۷/۰۱ انجام شد، دو طرف بر توسعه روابط تأكيد كردند."
)


def doc_id(text: str) -> str:
    """The record id as the pipeline makes it: a hash of the folded text."""
    return hashlib.sha256(fold(text)[0].encode("utf-8")).hexdigest()[:16]


def at(text: str, words: str, nth: int = 0) -> tuple[int, int]:
    """The span of the nth occurrence of `words` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return start, start + len(words)


def actor(
    text: str,
    actor_id: str,
    name: str,
    native: str,
    *,
    type: str = "person",
    country: str | None = None,
    role: str | None = None,
    known: bool = True,
    mentions: tuple[str, ...] = (),
) -> Actor:
    spans = [Mention(*at(text, native))] + [Mention(*at(text, m), kind="short") for m in mentions]
    return Actor(actor_id, name, native, type, country, role, known, spans)


def event(
    text: str,
    type: str,
    status: str,
    participants: list[str],
    cue: str,
    *,
    date: str | None = None,
    location: str | None = None,
    source: str | None = None,
    target: str | None = None,
) -> Event:
    start, end = at(text, cue)
    plover, cameo = {
        "meeting": ("CONSULT", "040"),
        "visit": ("CONSULT", "042"),
        "phone_call": ("CONSULT", "040"),
    }[type]
    return Event(
        type,
        status,
        plover,
        cameo,
        participants,
        source,
        target,
        date,
        "day" if date else "unknown",
        None,
        location,
        Evidence(start, end, f"cue:{cue}"),
    )


def quote(text: str, speaker: str | None, words: str, verb: str, *, direct: bool) -> Quote:
    start, end = at(text, words)
    return Quote(speaker, words, start, end, verb, direct)


def finish(doc: Document) -> Document:
    doc.id = doc_id(doc.text)
    return doc


def pezeshkian_meeting(source: str = "news/ilna-1.txt", text: str = PEZESHKIAN_FA) -> Document:
    t = text
    d = Document(
        source=source,
        language="fa",
        title="دیدار پزشکیان با عمار حکیم",
        outlet="ILNA",
        published="2025-09-07",
        text=t,
    )
    d.actors = [
        actor(
            t,
            "pezeshkian-masoud",
            "Masoud Pezeshkian",
            "مسعود پزشکیان",
            country="IRN",
            role="President of Iran",
        ),
        actor(
            t,
            "hakim-ammar",
            "Ammar al-Hakim",
            "عمار حکیم",
            country="IRQ",
            role="Leader of the National Wisdom Movement",
            mentions=("حکیم نیز",),
        ),
        actor(t, "IRN", "Iran", "ایران", type="country", country="IRN"),
        actor(t, "IRQ", "Iraq", "عراق", type="country", country="IRQ"),
    ]
    d.actors[1].mentions[1].end -= len(" نیز")
    d.dates = [
        DateMention(
            "۱۶ شهریور ۱۴۰۴", *at(t, "۱۶ شهریور ۱۴۰۴"), "jalali", "2025-09-07", "day", "Sunday"
        )
    ]
    d.events = [
        event(
            t,
            "meeting",
            "occurred",
            ["pezeshkian-masoud", "hakim-ammar"],
            "در دیدار",
            date="2025-09-07",
        )
    ]
    d.quotes = [
        quote(
            t,
            "pezeshkian-masoud",
            "مرزهای جغرافیایی هرگز توان جدایی این دو ملت برادر را ندارد",
            "تأکید کرد",
            direct=True,
        ),
        quote(t, "hakim-ammar", "عراق قدردان حمایت‌های ایران است", "گفت", direct=False),
    ]
    d.topics = ["diplomacy", "islamic_unity"]
    return finish(d)


def sudani_meeting(source: str = "news/baghdad-today.txt") -> Document:
    t = SUDANI_AR
    d = Document(
        source=source,
        language="ar",
        title="السوداني يستقبل عبد اللهيان",
        outlet="Baghdad Today",
        published="2024-03-23",
        text=t,
    )
    d.actors = [
        actor(
            t,
            "sudani-mohammed-shia",
            "Mohammed Shia al-Sudani",
            "محمد شياع السوداني",
            country="IRQ",
            role="Prime Minister of Iraq",
            mentions=("السوداني إن",),
        ),
        actor(
            t,
            "amirabdollahian-hossein",
            "Hossein Amir-Abdollahian",
            "حسين أمير عبد اللهيان",
            country="IRN",
            role="Foreign Minister of Iran",
        ),
        actor(
            t,
            "x-mohammad-kazem-al-sadegh",
            "Mohammad Kazem Al-e Sadegh",
            "محمد كاظم آل صادق",
            country="IRN",
            known=False,
            role="Ambassador of Iran to Iraq",
        ),
        actor(t, "baghdad", "Baghdad", "بغداد", type="place", country="IRQ"),
        actor(t, "kadhimi-mustafa", "Mustafa al-Kadhimi", "الكاظمي", country="IRQ"),
    ]
    d.actors[0].mentions[1].end -= len(" إن")
    d.dates = [
        DateMention(
            "اليوم السبت (23 آذار 2024)",
            *at(t, "اليوم السبت (23 آذار 2024)"),
            "gregorian",
            "2024-03-23",
            "day",
            "Saturday",
        )
    ]
    d.events = [
        event(
            t,
            "meeting",
            "occurred",
            ["sudani-mohammed-shia", "amirabdollahian-hossein"],
            "استقبل",
            date="2024-03-23",
            location="baghdad",
        )
    ]
    d.quotes = [
        quote(
            t,
            "sudani-mohammed-shia",
            "العراق يرفض أن يكون ساحة لتصفية الحسابات",
            "قال",
            direct=False,
        )
    ]
    d.topics = ["diplomacy", "security"]
    return finish(d)


def araghchi_planned(source: str = "news/mehr-araghchi.txt") -> Document:
    t = ARAGHCHI_PLANNED_FA
    d = Document(
        source=source, language="fa", title=None, outlet="Mehr", published="2025-10-21", text=t
    )
    d.actors = [
        actor(
            t,
            "araghchi-abbas",
            "Abbas Araghchi",
            "عباس عراقچی",
            country="IRN",
            role="Foreign Minister of Iran",
            mentions=("عراقچی افزود",),
        ),
        actor(
            t,
            "hussein-fuad",
            "Fuad Hussein",
            "فواد حسین",
            country="IRQ",
            role="Foreign Minister of Iraq",
        ),
        actor(t, "baghdad", "Baghdad", "بغداد", type="place", country="IRQ"),
    ]
    d.actors[0].mentions[1].end -= len(" افزود")
    d.events = [
        event(
            t,
            "visit",
            "planned",
            ["araghchi-abbas", "hussein-fuad"],
            "سفر خواهد کرد",
            location="baghdad",
        )
    ]
    d.quotes = [quote(t, "araghchi-abbas", "روابط تهران و بغداد راهبردی است", "افزود", direct=True)]
    return finish(d)


def scraped_call(source: str = "news/scraped.txt") -> Document:
    t = SCRAPED_FA
    d = Document(source=source, language="fa", title=None, outlet=None, published=None, text=t)
    d.actors = [actor(t, "IRN", "Iran", "ايران", type="country", country="IRN")]
    d.events = [event(t, "phone_call", "occurred", ["IRN"], "تماس تلفني", date="2025-09-23")]
    return finish(d)


def corpus() -> list[Document]:
    return [pezeshkian_meeting(), sudani_meeting(), araghchi_planned(), scraped_call()]


def filler(n: int, source_prefix: str = "bulk/") -> list[Document]:
    """`n` distinct small Persian/Arabic documents (for chunking and speed tests)."""
    out = []
    for i in range(n):
        text = PEZESHKIAN_FA if i % 2 == 0 else SUDANI_AR
        # a paragraph of its own, so that the fillers are distinct articles, not near-duplicates
        pick = random.Random(i)  # words of a small vocabulary, in an order of its own
        own = " ".join(f"w{pick.randrange(300)}" for _ in range(60))
        text = f"{text}\n\nشماره {i}\n\n{own}"
        build = pezeshkian_meeting if i % 2 == 0 else _sudani_with_text
        out.append(build(f"{source_prefix}{i:05d}.txt", text))
    return out


def _sudani_with_text(source: str, text: str) -> Document:
    d = sudani_meeting(source)
    d.text = text
    return finish(d)
