"""clean: boilerplate cut, article body kept whole, title found."""

from __future__ import annotations

import pytest
from textcorpus import DEV, SEED_002, SEED_003, SEEDS, read_corpus

from didar.record import Document
from didar.text.clean import clean, clean_text
from didar.text.decode import read_input

BODY_FA = (
    "رئیس جمهور در دیدار با رهبر جریان حکمت ملی عراق بر توسعه روابط دو کشور تأکید کرد و گفت "
    "که همکاری میان کشورهای اسلامی در تمامی عرصه‌ها زمینه‌ساز توسعه و پیشرفت خواهد شد."
)
BODY_FA_2 = (
    "وی همچنین از حمایت سیاسی کشورهای عربی و اسلامی از جمهوری اسلامی ایران تمجید کرد و افزود "
    "این حمایت ظرفیت عظیمی برای همگرایی فراهم آورده است."
)
BODY_AR = (
    "أكد رئيس تيار الحكمة الوطني عمار الحكيم، اليوم السبت، أهمية تعزيز التعاون بين العراق "
    "وإيران، وقال إن العلاقات بين البلدين الجارين كانت أبرز المحاور التي بحثها خلال اللقاء."
)


def cleaned(text: str, res) -> str:
    return clean_text(text, res.cues).text


@pytest.mark.parametrize(
    ("text", "expected", "kind"),
    [
        # "read also" marker alone on its line: marker, teaser story and list after it go
        (
            f"{BODY_AR}\n\nإقرأ أيضاً:\n\nعنوان خبر آخر\n\nنص الخبر الآخر عن ليبيا.\n\n"
            "مقالات مشابهة\n  • عنوان",
            BODY_AR,
            "read_also",
        ),
        (f"{BODY_FA}\nبیشتر بخوانید:\nخبر دیگری درباره ونزوئلا", BODY_FA, "read_also"),
        # inline teaser with its headline: that line only
        (f"{BODY_AR}\nاقرأ أيضا: عنوان خبر آخر\n{BODY_AR}", f"{BODY_AR}\n{BODY_AR}", "read_also"),
        (
            f"{BODY_FA}\nبخوانید: عنوان خبری دیگر\n{BODY_FA_2}",
            f"{BODY_FA}\n{BODY_FA_2}",
            "read_also",
        ),
        # related-headline lists and comment prompts: header + short list lines
        (
            f"{BODY_FA}\n\nخبرهای مرتبط\nعنوان یک\nعنوان دو\n\n{BODY_FA_2}",
            f"{BODY_FA}\n\n{BODY_FA_2}",
            "related",
        ),
        (f"{BODY_AR}\nأخبار ذات صلة:\n- عنوان أول\n- عنوان ثان", BODY_AR, "related"),
        (f"{BODY_FA}\nنظر شما\nپربیننده ها\nآخرین اخبار", BODY_FA, "comments"),
        (f"{BODY_FA}\nپربیننده‌ترین‌ها\nعنوان یک", BODY_FA, "related"),
        # agency end markers: the rest goes
        (f"{BODY_FA}\n\nانتهای پیام/341\n\nنظر شما", BODY_FA, "end_marker"),
        (f"{BODY_FA}\nانتهای پیام", BODY_FA, "end_marker"),
        (f"{BODY_FA}\nانتهای پیام/ ۳۴۱", BODY_FA, "end_marker"),  # Persian digits
        # letter variants, diacritics and tatweel in a cue
        (f"{BODY_AR}\n\nاقـرأ ايضاً:\nعنوان آخر", BODY_AR, "read_also"),
        (f"كد خبر: ۴۲۳۷۳۸\n{BODY_FA}", BODY_FA, "chrome"),  # Arabic ك
        (f"{BODY_FA}\nپربیننده‌ها\nعنوان", BODY_FA, "related"),  # ZWNJ inside the cue
        # chrome lines and prefixes
        (f"کد خبر: ۴۲۳۷۳۸\n{BODY_FA}", BODY_FA, "chrome"),
        (f"{BODY_FA}\nدسته بندی ها", BODY_FA, "chrome"),
        (f"{BODY_AR}\n\n ...المزيد", BODY_AR, "chrome"),
        (
            f"{BODY_FA}\nتصاویر بیشتر در لینک زیر:\n\nhttps://mfa.ir/portal/photoslider3/3777",
            BODY_FA,
            "chrome",
        ),
        (
            f"{BODY_FA}\n\nعکس| سفیر جدید رونوشت استوارنامه را تسلیم کرد\n\n{BODY_FA_2}",
            f"{BODY_FA}\n\n{BODY_FA_2}",
            "link_teaser",
        ),
        (f"{BODY_FA}\n117", BODY_FA, "number"),
        # chrome glued into one-line articles
        (
            f"گروه سیاسی الف، ۹ مهر ۱۴۰۰ ۱۳ نظر، ۰ در صف انتشار و ۱۳ تکراری یا غیرقابل انتشار "
            f"{BODY_FA}",
            f"گروه سیاسی الف، ۹ مهر ۱۴۰۰ {BODY_FA}",
            "comment_counter",
        ),
        (
            f"{BODY_FA} 03.02.2021 ~ 31.10.2021 1576513 {BODY_FA_2}",
            f"{BODY_FA} 03.02.2021 {BODY_FA_2}",
            "update_stamp",
        ),
        (f"{BODY_FA} دسته بندی ها : ", BODY_FA, "categories"),
        (f"{BODY_FA} 117 ", BODY_FA, "lone_number"),
        # a title footer loses the repeated title and keeps the outlet
        (
            f"{BODY_AR}\nرابط الخبر بصحيفة الوئام: كيري يلتقي وزراء الخارجية",
            f"{BODY_AR}\nرابط الخبر بصحيفة الوئام",
            "title_footer",
        ),
    ],
)
def test_rules(res, text: str, expected: str, kind: str) -> None:
    result = clean_text(text, res.cues)
    assert result.text == expected
    assert kind in {k for k, _ in result.removed}


@pytest.mark.parametrize(
    "text",
    [
        BODY_FA,
        f"{BODY_FA}\n{BODY_FA_2}",
        f"بغداد اليوم - بغداد\n\n{BODY_AR}\n\nالمصدر: وكالة بغداد اليوم",
        f"تاریخ انتشار: ۰۶ آبان ۱۳۹۹ - ۲۰:۰۰ - 27October 2020\n\n{BODY_FA}",
        f" date 2025-10-21 {BODY_FA}",
        # a body sentence that merely mentions a cue word is not a cue
        "آخرین اخبار از عراق نشان می‌دهد که مذاکرات ادامه دارد و نظر شما درباره آن اهمیت دارد.",
        "وی گفت: بخوانید و بدانید که ما در کنار مردم عراق هستیم.",
        # "read also" too early: only the marker and its headline go, the body stays
        f"{BODY_FA}\n{BODY_FA_2}",
        f"{BODY_AR}\n\n{BODY_AR}",
        "1. نخست\n2. دوم",
    ],
)
def test_body_is_kept(res, text: str) -> None:
    assert cleaned(text, res) == "\n".join(" ".join(x.split()) for x in text.strip().split("\n"))


def test_early_teaser_keeps_the_body(res) -> None:
    text = f"اقرأ أيضا:\nعنوان آخر\n\n{BODY_AR}\n\n{BODY_AR}"
    assert cleaned(text, res) == f"{BODY_AR}\n\n{BODY_AR}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("متن [www.leader.ir](http://www.leader.ir) پایان", "متن www.leader.ir پایان"),
        ("ببینید ![عکس](https://x.ir/a.jpg) اینجا", "ببینید اینجا"),
        ("   سطر   اول  \n\n\n\n\t سطر\u00a0دوم ", "سطر اول\n\nسطر دوم"),
    ],
)
def test_links_and_whitespace(res, text: str, expected: str) -> None:
    assert cleaned(text, res) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a lead repeated after a title block
        (
            f"{BODY_FA} عنوان خبر چهارشنبه 19 خرداد 1400 - 14:30 {BODY_FA} {BODY_FA_2}",
            f"{BODY_FA} عنوان خبر چهارشنبه 19 خرداد 1400 - 14:30 {BODY_FA_2}",
        ),
        # repeated three times
        (f"{BODY_FA} الف {BODY_FA} ب {BODY_FA} {BODY_FA_2}", f"{BODY_FA} الف ب {BODY_FA_2}"),
        # first copy without its full stop, second with
        (f"{BODY_FA[:-1]} {BODY_FA}\n\n{BODY_FA_2}", f"{BODY_FA}\n\n{BODY_FA_2}"),
        # a first copy cut short with an ellipsis goes, the full copy stays
        (f"{BODY_FA[:120]}…     {BODY_FA} {BODY_FA_2}", f"{BODY_FA} {BODY_FA_2}"),
        # not repeated, or only a phrase repeated: unchanged
        (f"{BODY_FA} {BODY_FA_2}", f"{BODY_FA} {BODY_FA_2}"),
        (
            f"{BODY_FA[:60]} چیز دیگر. {BODY_FA[:60]} باز هم.",
            f"{BODY_FA[:60]} چیز دیگر. {BODY_FA[:60]} باز هم.",
        ),
    ],
)
def test_repeated_lead(res, text: str, expected: str) -> None:
    assert cleaned(text, res) == expected


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "صهر ترامب في زيارة رسمية إلى العراق\n\n" + BODY_AR,
            "صهر ترامب في زيارة رسمية إلى العراق",
        ),
        (
            "ولایتی:\n\nملت عراق از یکپارچگی این کشور دفاع می‌کنند\n\n" + BODY_FA,
            "ولایتی: ملت عراق از یکپارچگی این کشور دفاع می‌کنند",
        ),
        ("بغداد اليوم - بغداد\n\n" + BODY_AR, None),  # a dateline is no title
        (BODY_FA + "\n\n" + BODY_FA_2, None),  # a sentence is no title
        ("عنوان کوتاه\n" + BODY_FA, None),  # not set off by a blank line
        ("خبر\n\n" + BODY_FA, None),  # too short
        (
            BODY_AR + "\nرابط الخبر بصحيفة الوئام: كيري يلتقي وزراء الخارجية",
            "كيري يلتقي وزراء الخارجية",
        ),
    ],
)
def test_title(res, text: str, title: str | None) -> None:
    doc = clean(Document(text=text), res)
    assert doc.title == title
    if title and "رابط" not in text:
        assert doc.text.startswith(title.split(":")[0])  # the title stays in the text


def test_title_from_input_is_kept(res) -> None:
    doc = clean(Document(text="عنوان دیگری برای خبر\n\n" + BODY_FA, title="عنوان اصلی"), res)
    assert doc.title == "عنوان اصلی"


def test_kept_boilerplate_spans(res) -> None:
    text = f"بغداد اليوم - بغداد\n\n{BODY_AR}\n\nالمصدر: وكالة بغداد اليوم"
    doc = clean(Document(text=text), res)
    spans = [doc.text[s.start : s.end] for s in doc.analysis.boilerplate]
    assert spans == ["بغداد اليوم - بغداد", "المصدر: وكالة بغداد اليوم"]
    doc = clean(Document(text=f"{BODY_FA}این دومین سفر است.منبع: ایرنا"), res)
    assert [doc.text[s.start : s.end] for s in doc.analysis.boilerplate] == ["منبع: ایرنا"]


def test_everything_boilerplate_keeps_the_text(res) -> None:
    doc = clean(Document(text="نظر شما\nپربیننده ها"), res)
    assert doc.text == "نظر شما\nپربیننده ها"
    assert doc.warnings


def _clean_file(path, res) -> Document:
    return clean(read_input(read_corpus(path), source=path.name), res)


def test_seed_002(res) -> None:
    raw = read_corpus(SEEDS / SEED_002).decode("utf-8")
    doc = _clean_file(SEEDS / SEED_002, res)
    # the Libya-US "read also" story and the related headlines are gone
    for gone in [
        "إقرأ أيضاً",
        "الدبيبة",
        "ليبيا",
        "جيريمي بيرنت",
        "مقالات مشابهة",
        "أردوغان",
        "مونتينيغرو",
        "الحكيم والعبادي",
    ]:
        assert gone not in doc.text, gone
    # the body is kept whole, with its dateline and source line
    body_end = raw.index("المصدر: وكالة بغداد اليوم") + len("المصدر: وكالة بغداد اليوم")
    assert doc.text == "\n".join(" ".join(x.split()) for x in raw[:body_end].split("\n"))
    assert doc.text.startswith("بغداد اليوم - بغداد")
    assert doc.title is None
    assert [doc.text[s.start : s.end] for s in doc.analysis.boilerplate] == [
        "بغداد اليوم - بغداد",
        "المصدر: وكالة بغداد اليوم",
    ]


def test_seed_003(res) -> None:
    raw = read_corpus(SEEDS / SEED_003).decode("utf-8")
    doc = _clean_file(SEEDS / SEED_003, res)
    for gone in ["نظر شما", "پربیننده ها", "آخرین اخبار", "انتهای پیام", "341", "کد خبر"]:
        assert gone not in doc.text, gone
    assert "تاریخ انتشار: ۰۶ آبان ۱۳۹۹ - ۲۰:۰۰ - 27October 2020" in doc.text
    assert doc.title == "ولایتی: ملت عراق با همبستگی از یکپارچگی این کشور دفاع میکنند"
    # every body paragraph is kept
    body = raw[raw.index("مشاور رهبر") : raw.index("انتهای پیام")]
    for paragraph in body.split("\n"):
        if paragraph.strip() and not paragraph.startswith("کد خبر"):
            assert paragraph.strip() in doc.text
    assert doc.text.endswith("هر روز بیشتر رشد خواهد کرد.")


@pytest.mark.parametrize(
    ("name", "gone", "kept"),
    [
        (
            "fa_farex_03.txt",
            ["دسته بندی ها"],
            ["چهارشنبه 19 خرداد 1400 - 14:30", "العالم ـ ایران ـ سیاسی"],
        ),
        ("fa_farex_06.txt", [" 117"], ["خرداد 20, 1400 18:17"]),
        ("fa_farex_14.txt", ["1576513", "~ 31.10.2021"], ["03.02.2021"]),
        ("fa_farex_18.txt", ["در صف انتشار"], ["۹ مهر ۱۴۰۰، ۱۰:۱۲"]),
        ("fa_farex_20.txt", ["تصاویر بیشتر", "https://"], ["جایشانکار"]),
        ("fa_farex_22.txt", ["عکس|"], ["٢٠ تیرماه ١۴٠٠"]),
        ("ar_snn_08.txt", ["الوئام: كيري"], ["رابط الخبر بصحيفة الوئام"]),
        ("ar_snn_10.txt", ["...المزيد"], ["بما يضمن الاستقرار في المنطقة."]),
        ("fa_farex_11.txt", [], ["منبع: ایرنا"]),
    ],
)
def test_dev_boilerplate(res, name: str, gone: list[str], kept: list[str]) -> None:
    doc = _clean_file(DEV / name, res)
    for text in gone:
        assert text not in doc.text, text
    for text in kept:
        assert text in doc.text, text


@pytest.mark.parametrize(
    ("name", "lead"),
    [
        (
            "fa_farex_03.txt",
            "به تبیین سیاست ایران در قبال عراق مبنی بر عراقی قوی، آزاد، آباد، "
            "توسعه‌یافته، متحد و مستقل پرداخت.",
        ),
        ("fa_farex_06.txt", "از توافق خود با مقامات عراقی برای گسترش روابط خبر داد"),
        ("fa_farex_07.txt", "صبح روز سه‌شنبه ۱۹ مرداد، با جواد ظریف در تهران دیدار"),
        ("fa_farex_13.txt", "ابعاد مختلف همکاریهای سیاسی، اقتصادی و تبادلات مرزی"),
        ("fa_farex_14.txt", "به منظور دیدار با مقامات ایرانی وارد تهران شد."),
        ("fa_farex_18.txt", "از ایجاد مشکل در عدم استرداد اموال ایران در بانک‌های کره جنوبی"),
    ],
)
def test_dev_repeated_lead_once(res, name: str, lead: str) -> None:
    raw = " ".join(read_corpus(DEV / name).decode("utf-8").split())
    doc = _clean_file(DEV / name, res)
    assert raw.count(lead) >= 2
    assert doc.text.count(lead) == 1
    # nothing but the repeats went: the rest of the article is all there
    tail = raw.split(lead)[-1].split(".")[1:4]
    for sentence in tail:
        if sentence.strip() and "117" not in sentence and "دسته بندی" not in sentence:
            assert " ".join(sentence.split()) in doc.text


def test_all_titles(res) -> None:
    for path in sorted(DEV.glob("ar_*.txt")) if DEV.is_dir() else []:
        raw = path.read_text(encoding="utf-8")
        doc = _clean_file(path, res)
        assert doc.title == raw.split("\n")[0].strip(), path.name
    for path in sorted(DEV.glob("fa_*.txt")) if DEV.is_dir() else []:
        assert _clean_file(path, res).title is None, path.name
