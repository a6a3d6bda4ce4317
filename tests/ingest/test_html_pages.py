"""Saved web pages: main text and metadata from pages in agency layouts built from the real
articles of ../shared/corpus (see agency_pages.py), and the traps of trafilatura each tested:
ZWNJ deleted, "read also" stories kept, invented dates, comment prompts, Windows-1256."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))

from agency_pages import (
    CHROME,
    CORPUS,
    READ_ALSO_MARK,
    READ_ALSO_MARK_FA,
    SKIP_REASON,
    ZWNJ,
    PageSpec,
    agency_page,
    corpus_available,
    read_article,
)

from didar.errors import EmptyDocumentError
from didar.ingest.html import decode_html, extract_page, tag_date
from didar.text.html import html_to_text

needs_corpus = pytest.mark.skipif(not corpus_available(), reason=SKIP_REASON)


def squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def res():
    from didar.resources import load_resources

    return load_resources()


def _seed(name: str) -> list[str]:
    return read_article(next((CORPUS / "seeds").glob(f"{name}_*.txt")))


def ilna_page(**kw) -> PageSpec:
    """Seed 000 (ILNA) with the ZWNJs the scraper lost put back where Persian writes them."""
    fixes = {
        "رئیس جمهور": "رئیس‌جمهور",
        "رئیسجمهور": "رئیس‌جمهور",
        "ریشهدار": "ریشه‌دار",
        "میکنند": "می‌کنند",
    }
    paras = _seed("000")
    for old, new in fixes.items():
        paras = [p.replace(old, new) for p in paras]
    paras.append("مردم دو کشور از یکپارچگی منطقه دفاع می‌کنند و همکاری‌ها ادامه دارد.")
    spec = PageSpec(
        paragraphs=paras,
        title="پزشکیان در دیدار عمار حکیم: مرزها توان جدایی دو ملت را ندارد",
        lang="fa",
        outlet="ایلنا",
        url="https://www.ilna.ir/news/1234/",
        published_meta=None,
    )
    for k, v in kw.items():
        setattr(spec, k, v)
    return spec


def baghdad_today_page(**kw) -> PageSpec:
    """Seed 002 (Baghdad Today, Arabic): the article's own paragraphs, without the teaser and
    related list the scraper kept (the page builder puts its own read-also box inside)."""
    paras = _seed("002")
    end = next(i for i, p in enumerate(paras) if p.startswith("المصدر"))
    spec = PageSpec(
        paragraphs=paras[1:end],
        title="الحكيم يبحث مع السفير الإيراني تعزيز التعاون بين العراق وإيران",
        lang="ar",
        outlet="بغداد اليوم",
        url="https://baghdadtoday.news/news/243910",
    )
    for k, v in kw.items():
        setattr(spec, k, v)
    return spec


def assert_has_paragraphs(text: str, paragraphs: list[str]) -> None:
    body = squash(text)
    for p in paragraphs:
        assert squash(p) in body, f"paragraph missing: {p[:60]}"


# --------------------------------------------------------------------------- ZWNJ


@needs_corpus
def test_zwnj_survives_extraction():
    spec = ilna_page()
    page = extract_page(agency_page(spec))
    assert "رئیس‌جمهور" in page.text
    assert "می‌کنند" in page.text
    assert "ریشه‌دار" in page.text
    assert "رئیسجمهور" not in page.text and "میکنند" not in page.text
    assert page.text.count(ZWNJ) == sum(p.count(ZWNJ) for p in spec.paragraphs)
    assert page.extractor == "trafilatura"


@needs_corpus
def test_zwnj_survives_in_title_and_every_dev_word():
    paras = read_article(CORPUS / "dev" / "fa_farex_09.txt")
    spec = PageSpec(
        paragraphs=paras,
        title="دیدار فواد حسین با ظریف؛ گفت‌وگو درباره نشست بغداد",
        lang="fa",
        outlet="اقتصادآنلاین",
        read_also="none",
    )
    page = extract_page(agency_page(spec))
    assert page.title == spec.title
    words = {w for p in paras for w in p.split() if ZWNJ in w}
    assert words, "the dev article holds ZWNJ words"
    for w in words:
        assert w in page.text


@needs_corpus
def test_zwnj_survives_end_to_end(res):
    from didar import extract

    doc = extract(agency_page(ilna_page()).encode("utf-8"), res, source="ilna.html")
    assert "رئیس‌جمهور" in doc.text and "می‌کنند" in doc.text
    assert "رئیسجمهور" not in doc.text


def test_zwnj_protection_with_placeholder_already_on_the_page():
    # a page that holds the first placeholder pair still gets its ZWNJ back
    html = (
        "<html><body><article><p>\U00010000 \U00010001 رئیس‌جمهور و نمایندگان مجلس امروز "
        "درباره بودجه گفت‌وگو کردند و گفتند که کارها را دنبال می‌کنند. "
        * 4
        + "</p></article></body></html>"
    )
    page = extract_page(html)
    assert "رئیس‌جمهور" in page.text and "می‌کنند" in page.text
    assert "\U00010000" in page.text


# --------------------------------------------------------------------------- read also


@needs_corpus
@pytest.mark.parametrize("layout", ["box", "inline"])
def test_read_also_story_inside_article_removed(layout):
    spec = baghdad_today_page(read_also=layout)
    page = extract_page(agency_page(spec))
    assert_has_paragraphs(page.text, spec.paragraphs)
    assert READ_ALSO_MARK not in page.text
    assert "إقرأ أيضاً" not in page.text and "أمريكا بمختلف المجالات" not in page.text


@needs_corpus
def test_persian_read_also_box_removed():
    spec = ilna_page(read_also="box")
    page = extract_page(agency_page(spec))
    assert READ_ALSO_MARK_FA not in page.text and "بیشتر بخوانید" not in page.text
    assert_has_paragraphs(page.text, spec.paragraphs)


@needs_corpus
def test_flat_read_also_removed_end_to_end(res):
    """A marker among the article's own <p>s: the extractor keeps it, didar's clean stage cuts
    from it to the end."""
    from didar import extract

    spec = baghdad_today_page(read_also="flat")
    doc = extract(agency_page(spec), res, source="flat.html")
    assert READ_ALSO_MARK not in doc.text
    assert_has_paragraphs(doc.text, spec.paragraphs)
    assert not any("dbeibah" in a.id or "الدبيبة" in a.native for a in doc.actors)


@needs_corpus
def test_read_also_box_removed_end_to_end(res):
    from didar import extract

    doc = extract(agency_page(baghdad_today_page()).encode("utf-8"), res, source="bt.html")
    assert READ_ALSO_MARK not in doc.text
    assert {p for e in doc.events for p in e.participants} >= {"hakim-ammar"}


@needs_corpus
def test_article_wrapper_with_a_box_class_is_kept():
    """A body wrapper whose class happens to say "related" or "comments" is not a box."""
    spec = baghdad_today_page()
    html = agency_page(spec).replace(
        '<div class="news-body">', '<div class="news-body related-content has-comments">'
    )
    page = extract_page(html)
    assert_has_paragraphs(page.text, spec.paragraphs)


# --------------------------------------------------------------------------- comments, chrome


@needs_corpus
@pytest.mark.parametrize("lang", ["fa", "ar"])
def test_comments_and_chrome_do_not_leak(lang):
    spec = ilna_page() if lang == "fa" else baghdad_today_page()
    page = extract_page(agency_page(spec))
    c = CHROME[lang]
    for leak in (
        c["policy"],
        c["comment_body"],
        c["send"],
        c["footer"],
        c["most_read"],
        c["nav"][0],
        c["tags"],
        c["related"],
    ):
        assert squash(leak) not in squash(page.text), leak
    assert_has_paragraphs(page.text, spec.paragraphs)


@needs_corpus
def test_comment_prompt_without_comment_class_removed():
    spec = baghdad_today_page()
    html = agency_page(spec).replace('id="comments" class="comments"', 'class="box-x"')
    html = html.replace('class="comment-policy"', "").replace('class="comment-item"', "")
    html = html.replace("</div>\n</article>", "</div>\n</article>", 1)
    page = extract_page(html)
    assert squash(CHROME["ar"]["policy"]) not in squash(page.text)
    assert squash(CHROME["ar"]["comment_body"]) not in squash(page.text)


# --------------------------------------------------------------------------- dates


@needs_corpus
def test_no_date_meta_published_from_didar_not_trafilatura(res):
    """ "اليوم السبت (23 آذار 2024)" in the text and no date tag: trafilatura would say
    2024-01-01; the page says nothing, didar's resolution says 2024-03-23."""
    from didar import extract

    html = agency_page(baghdad_today_page())
    page = extract_page(html)
    assert page.published is None
    doc = extract(html, res, source="bt.html")
    assert doc.published == "2024-03-23"


@needs_corpus
def test_solar_hijri_byline_read_by_didar(res):
    from didar import extract

    paras = _seed("003")
    start = next(i for i, p in enumerate(paras) if p.startswith("مردم بزرگ عراق با همبستگی عمیق"))
    end = next(i for i, p in enumerate(paras) if p.startswith("انتهای پیام"))
    spec = PageSpec(
        paragraphs=paras[start:end],
        title="ولایتی: ملت عراق با همبستگی از یکپارچگی این کشور دفاع می‌کنند",
        lang="fa",
        outlet="دفاع‌پرس",
        byline="تاریخ انتشار: ۰۶ آبان ۱۳۹۹ - ۲۰:۰۰",
        read_also="none",
    )
    html = agency_page(spec)
    page = extract_page(html)
    assert page.published is None and page.byline == spec.byline
    doc = extract(html, res, source="defa.html")
    assert doc.published == "2020-10-27"


@needs_corpus
@pytest.mark.parametrize(
    "field, value, expected",
    [
        ("published_meta", "2024-03-24T09:15:00+03:00", "2024-03-24"),
        ("json_ld_date", "2024-03-25T10:00:00Z", "2024-03-25"),
    ],
)
def test_date_tag_trusted(res, field, value, expected):
    from didar import extract

    html = agency_page(baghdad_today_page(**{field: value}))
    page = extract_page(html)
    assert page.published == expected
    assert extract(html, res, source="bt.html").published == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-03-23T10:00:00+03:00", "2024-03-23"),
        ("2024/03/23", "2024-03-23"),
        ("1404/06/16", "2025-09-07"),
        ("۱۴۰۴-۰۷-۲۹ ۱۴:۳۰", "2025-10-21"),
        ("2024-02-30", None),
        ("Saturday", None),
        ("23 آذار 2024", None),
    ],
)
def test_tag_date(value, expected):
    assert tag_date(value) == expected


# --------------------------------------------------------------------------- metadata


@needs_corpus
def test_metadata_from_page():
    spec = baghdad_today_page(author="بقلم: أحمد الربيعي")
    page = extract_page(agency_page(spec), url="file:///saved/bt.html")
    assert page.title == spec.title
    assert page.outlet == "بغداد اليوم"
    assert page.url == spec.url  # canonical beats the address it was read from
    assert page.language == "ar"
    assert page.author == "أحمد الربيعي"
    assert page.meta() == {"title": spec.title, "url": spec.url, "outlet": "بغداد اليوم"}


def test_relative_canonical_resolved_against_the_address():
    html = (
        '<html><head><link rel="canonical" href="/news/5"></head><body><article>'
        + "<p>أكد وزير الخارجية العراقي فؤاد حسين أهمية تعزيز العلاقات مع إيران.</p>" * 5
        + "</article></body></html>"
    )
    assert extract_page(html, url="https://agency.example/x?y=1").url == (
        "https://agency.example/news/5"
    )
    assert extract_page(html).url is None


@needs_corpus
def test_saved_from_comment_gives_url():
    html = agency_page(baghdad_today_page()).replace(
        '<link rel="canonical" href="https://baghdadtoday.news/news/243910">', ""
    )
    html = "<!-- saved from url=(0038)https://baghdadtoday.news/news/777 -->\n" + html
    assert extract_page(html).url == "https://baghdadtoday.news/news/777"


# --------------------------------------------------------------------------- encodings


@needs_corpus
@pytest.mark.parametrize(
    "meta_charset, declared, codec",
    [
        ("windows-1256", None, "cp1256"),  # the page's meta tag
        (None, "windows-1256", "cp1256"),  # the HTTP header
        (None, None, "cp1256"),  # detection
        ("utf-8", None, "utf-8"),
        (None, "UTF8", "utf-8"),
    ],
)
def test_page_encodings(meta_charset, declared, codec):
    spec = baghdad_today_page(charset=meta_charset)
    raw = agency_page(spec).encode(codec)
    page = extract_page(raw, encoding=declared)
    assert page.encoding == codec
    assert_has_paragraphs(page.text, spec.paragraphs)


def test_header_charset_wrong_latin_overruled_by_utf8():
    raw = "<html><body><p>سلام</p></body></html>".encode()
    text, codec, warnings = decode_html(raw, "iso-8859-1")
    assert codec == "utf-8" and "سلام" in text and warnings


def test_meta_charset_lies_then_detection():
    raw = '<html><head><meta charset="utf-8"></head><body><p>عمار الحكيم</p></body></html>'
    text, codec, warnings = decode_html(raw.encode("cp1256"))
    assert codec == "cp1256" and "عمار الحكيم" in text and warnings


@needs_corpus
def test_windows_1256_end_to_end(res):
    from didar import extract

    raw = agency_page(baghdad_today_page(charset="windows-1256")).encode("cp1256")
    doc = extract(raw, res, source="bt.html", meta={"format": "html"})
    assert doc.encoding == "cp1256" and doc.published == "2024-03-23"
    assert doc.language == "ar"


# --------------------------------------------------------------------------- fallback


def test_basic_reader_when_trafilatura_finds_nothing():
    html = "<html><body><div>عاجل</div></body></html>"
    page = extract_page(html)
    assert page.extractor == "basic" and "عاجل" in page.text
    assert any("basic reader" in w for w in page.warnings)
    assert html_to_text(html)[0] == "عاجل"


def test_empty_page_is_a_typed_error():
    with pytest.raises(EmptyDocumentError):
        extract_page("<html><body><script>var a=1;</script></body></html>")


# --------------------------------------------------------------------------- every real article


@needs_corpus
def test_every_dev_article_survives_its_page():
    """All 27 dev articles, wrapped in the layout of their language: every paragraph of the
    article is in the extracted text, and the read-also story is not."""
    for path in sorted((CORPUS / "dev").glob("*.txt")):
        lang = path.name[:2]
        paras = read_article(path)
        spec = PageSpec(
            paragraphs=paras[1:] if len(paras) > 1 else paras,
            title=paras[0][:120],
            lang=lang,
            read_also="box",
            read_also_at=min(2, len(paras) - 1),
        )
        page = extract_page(agency_page(spec))
        assert_has_paragraphs(page.text, spec.paragraphs)
        mark = READ_ALSO_MARK if lang == "ar" else READ_ALSO_MARK_FA
        assert mark not in page.text, path.name


# --------------------------------------------------------------------------- the command


@needs_corpus
def test_cli_ingest_saved_pages(tmp_path):
    from didar.cli.main import main

    folder = tmp_path / "saved_pages"
    folder.mkdir()
    (folder / "bt.htm").write_bytes(
        agency_page(baghdad_today_page(charset="windows-1256")).encode("cp1256")
    )
    page = tmp_path / "page.html"
    page.write_text(agency_page(ilna_page()), encoding="utf-8")
    db = tmp_path / "d.db"
    result = CliRunner().invoke(main, ["ingest", str(page), f"{folder}/", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "stored 2" in result.output
    with sqlite3.connect(db) as con:
        rows = con.execute("SELECT url, published, outlet, text FROM documents").fetchall()
    docs = {r[0]: r for r in rows}
    assert set(docs) == {"https://www.ilna.ir/news/1234/", "https://baghdadtoday.news/news/243910"}
    assert docs["https://baghdadtoday.news/news/243910"][1:3] == ("2024-03-23", "بغداد اليوم")
    assert "رئیس‌جمهور" in docs["https://www.ilna.ir/news/1234/"][3]


def test_the_pipeline_reads_html_with_the_article_extractor(res):
    """didar.extract hands read_input the article extractor of didar.ingest.html."""
    from didar import extract

    body = "".join(
        f"<p>وزیر امور خارجه ایران با همتای عراقی خود در بغداد دیدار کرد {i}.</p>" for i in range(6)
    )
    html = (
        f"<html><head><title>دیدار</title></head><body><nav>خانه | اخبار</nav>"
        f"<article>{body}</article></body></html>"
    ).encode()
    doc = extract(html, res, source="page.html")
    assert any("trafilatura extractor" in w for w in doc.warnings), doc.warnings
    assert "خانه" not in doc.text and "بغداد" in doc.text
