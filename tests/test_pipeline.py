"""`didar.extract` end to end: input encodings, typed errors for unusable input, stable ids, and
the record's fields as ../shared/spec/record.md defines them (names, types, vocabularies)."""

from __future__ import annotations

import json
import re

import pytest

import didar
from didar import errors

ARTICLE_AR = (
    "بغداد اليوم - بغداد\n\n"
    "التقى رئيس الوزراء محمد شياع السوداني، اليوم السبت (23 آذار 2024)، رئيس تيار الحكمة "
    "عمار الحكيم في بغداد، وبحث الجانبان تطورات الأوضاع السياسية في البلاد.\n\n"
    "وقال الحكيم في بيان إن \"المرحلة المقبلة تتطلب تعزيز التعاون بين القوى السياسية\".\n\n"
    "وأضاف أن الحكومة ماضية في تنفيذ برنامجها الخدمي في جميع المحافظات."
)
ARTICLE_FA = (
    "به گزارش ایلنا، مسعود پزشکیان رئیس‌جمهور عصر امروز در تهران با فؤاد حسین، وزیر امور خارجه "
    "عراق، دیدار و درباره همکاری‌های دوجانبه گفت‌وگو کرد.\n\n"
    "رئیس‌جمهور در این دیدار گفت: روابط ایران و عراق ریشه در پیوندهای تاریخی و فرهنگی دارد.\n\n"
    "وی افزود که دو کشور باید مبادلات تجاری را افزایش دهند."
)


@pytest.fixture(scope="module")
def res() -> didar.Resources:
    return didar.load_resources()


# --- encodings ------------------------------------------------------------------------------

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1256"]


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_same_arabic_article_in_any_encoding_gives_the_same_record(res, encoding):
    reference = didar.extract(ARTICLE_AR.encode("utf-8"), res)
    doc = didar.extract(ARTICLE_AR.encode(encoding), res)
    assert doc.id == reference.id
    assert doc.text == reference.text
    assert doc.language == "ar"
    strip = {"encoding", "warnings"}
    assert ({k: v for k, v in doc.to_dict().items() if k not in strip}
            == {k: v for k, v in reference.to_dict().items() if k not in strip})


def test_str_and_bytes_give_the_same_id(res):
    assert didar.extract(ARTICLE_AR, res).id == didar.extract(ARTICLE_AR.encode(), res).id


def test_persian_article_in_utf16_and_utf8(res):
    a = didar.extract(ARTICLE_FA.encode("utf-8"), res)
    b = didar.extract(ARTICLE_FA.encode("utf-16"), res)
    assert a.id == b.id
    assert a.language == b.language == "fa"


# --- ids ------------------------------------------------------------------------------------


def test_same_text_twice_gives_the_same_id(res):
    a = didar.extract(ARTICLE_AR, res, meta={"published": "2024-03-23"})
    b = didar.extract(ARTICLE_AR, res, meta={"published": "2024-03-23"})
    assert a.id == b.id
    assert re.fullmatch(r"[0-9a-f]{16}", a.id)
    assert a.to_dict() == b.to_dict()


def test_id_depends_on_the_text_only(res):
    base = didar.extract(ARTICLE_AR, res).id
    assert didar.extract(ARTICLE_AR, res, source="a.txt",
                         meta={"published": "2024-03-23"}).id == base
    assert didar.extract(ARTICLE_AR.replace("\n", "\r\n"), res).id == base
    assert didar.extract(ARTICLE_AR.replace("بغداد،", "النجف،"), res).id != base
    assert didar.extract(ARTICLE_FA, res).id != base


# --- unusable input -------------------------------------------------------------------------

BAD_INPUT = [
    (b"", errors.EmptyDocumentError),
    (b"  \n\t \r\n", errors.EmptyDocumentError),
    ("", errors.EmptyDocumentError),
    ("   \n  ", errors.EmptyDocumentError),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), errors.BinaryInputError),
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", errors.BinaryInputError),
    (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", errors.BinaryInputError),
    (b"\x00\x01\x02\x03\x04\x05\x06\x07" * 20, errors.BinaryInputError),
    ("Le café de la façade est très élégant à Paris.".encode("latin-1") * 5,
     errors.DecodingError),
]


@pytest.mark.parametrize(("data", "error"), BAD_INPUT)
def test_unusable_input_raises_a_typed_error(res, data, error):
    with pytest.raises(error) as info:
        didar.extract(data, res, source="input/article.txt")
    e = info.value
    assert isinstance(e, errors.DidarError)
    assert e.source == "input/article.txt"
    assert e.code.startswith("E") and e.code in str(e)
    assert e.hint and e.hint in str(e)


def test_wrong_argument_type_is_a_type_error(res):
    with pytest.raises(TypeError):
        didar.extract(12345, res)  # type: ignore[arg-type]


# --- the record's fields (record.md) ----------------------------------------------------------

DATE = r"\d{4}-\d{2}-\d{2}"


def is_date(v) -> bool:
    return v is None or (isinstance(v, str) and re.fullmatch(DATE, v) is not None)


def is_span(d: dict, n: int) -> bool:
    return (isinstance(d["start"], int) and isinstance(d["end"], int)
            and 0 <= d["start"] < d["end"] <= n)


@pytest.fixture(scope="module", params=["ar", "fa"])
def record(request, res) -> dict:
    text, published = {"ar": (ARTICLE_AR, "2024-03-23"), "fa": (ARTICLE_FA, "2025-03-23")}[
        request.param]
    doc = didar.extract(text.encode("utf-8"), res, source=f"article-{request.param}.txt",
                        meta={"published": published})
    return json.loads(json.dumps(doc.to_dict(), ensure_ascii=False))


def test_record_top_level_fields(record):
    keys = {"id", "source", "language", "title", "outlet", "published", "text", "dates",
            "actors", "events", "quotes", "topics", "stances"}
    assert keys <= set(record)
    assert isinstance(record["id"], str) and record["id"]
    assert record["source"].startswith("article-")
    assert record["language"] in ("fa", "ar")
    assert record["title"] is None or isinstance(record["title"], str)
    assert record["outlet"] in ("Baghdad Today", "Iranian Labour News Agency")
    assert record["published"] in ("2024-03-23", "2025-03-23")
    assert isinstance(record["text"], str) and record["text"]
    for k in ("dates", "actors", "events", "quotes", "topics", "stances"):
        assert isinstance(record[k], list), k
    assert all(isinstance(t, str) for t in record["topics"])


def test_record_dates(record):
    n = len(record["text"])
    assert record["dates"]
    for d in record["dates"]:
        assert {"text", "start", "end", "calendar", "value", "precision"} <= set(d)
        assert is_span(d, n)
        assert record["text"][d["start"]:d["end"]] == d["text"]
        assert d["calendar"] in ("jalali", "hijri", "gregorian", "relative")
        assert is_date(d["value"])
        assert d["precision"] in ("day", "month", "year", "weekday")


def test_record_actors(record):
    n = len(record["text"])
    assert record["actors"]
    for a in record["actors"]:
        assert {"id", "name", "native", "type", "country", "role", "known", "mentions"} <= set(a)
        assert isinstance(a["id"], str) and a["id"]
        assert isinstance(a["name"], str) and a["name"]
        assert isinstance(a["native"], str) and a["native"]
        assert a["type"] in ("person", "organization", "country", "place")
        assert a["country"] is None or re.fullmatch(r"[A-Z]{3}", a["country"])
        assert a["role"] is None or isinstance(a["role"], str)
        assert isinstance(a["known"], bool)
        assert a["mentions"] and all(is_span(m, n) for m in a["mentions"])


def test_record_events(record):
    n = len(record["text"])
    ids = {a["id"] for a in record["actors"]}
    assert record["events"]
    for e in record["events"]:
        assert {"type", "status", "plover", "cameo", "participants", "source", "target", "date",
                "date_precision", "weekday", "location", "evidence"} <= set(e)
        assert e["type"] in ("meeting", "visit", "phone_call", "agreement", "threat",
                             "accusation", "demand", "statement")
        assert e["status"] in ("occurred", "planned", "denied", "conditional")
        assert isinstance(e["plover"], str) and e["plover"].isupper()
        assert re.fullmatch(r"\d{3,4}", e["cameo"])
        assert e["participants"] and set(e["participants"]) <= ids
        assert e["source"] is None or e["source"] in ids
        assert e["target"] is None or e["target"] in ids
        assert is_date(e["date"])
        assert e["date_precision"] in ("day", "month", "year", "weekday", "unknown")
        assert e["weekday"] is None or e["weekday"] in (
            "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
        assert e["location"] is None or e["location"] in ids
        assert {"start", "end", "rule"} <= set(e["evidence"]) and is_span(e["evidence"], n)


def test_record_quotes(record):
    n = len(record["text"])
    ids = {a["id"] for a in record["actors"]}
    assert record["quotes"]
    for q in record["quotes"]:
        assert {"speaker", "text", "start", "end", "verb", "direct"} <= set(q)
        assert q["speaker"] is None or q["speaker"] in ids
        assert is_span(q, n) and record["text"][q["start"]:q["end"]] == q["text"]
        assert isinstance(q["verb"], str) and q["verb"]
        assert isinstance(q["direct"], bool)


def test_article_content(res):
    """What a user reads out of the articles: who met whom, when, where, who said what."""
    doc = didar.extract(ARTICLE_AR, res)
    assert doc.outlet == "Baghdad Today"
    assert [(e.type, e.status, e.participants, e.date, e.location) for e in doc.events] == [
        ("meeting", "occurred", ["sudani-mohammed-shia", "hakim-ammar"], "2024-03-23",
         "baghdad")]
    assert [(q.speaker, q.direct) for q in doc.quotes] == [("hakim-ammar", True),
                                                          ("hakim-ammar", False)]
    doc = didar.extract(ARTICLE_FA, res, meta={"published": "2025-03-23"})
    assert doc.outlet == "Iranian Labour News Agency"
    assert [(e.type, e.status, e.participants, e.date, e.location) for e in doc.events] == [
        ("meeting", "occurred", ["pezeshkian-masoud", "hussein-fuad"], "2025-03-23", "tehran")]
    assert doc.actor("pezeshkian-masoud").role == "President of Iran"
    assert [(q.speaker, q.direct) for q in doc.quotes] == [("pezeshkian-masoud", True),
                                                          ("pezeshkian-masoud", False)]
