"""HTML given as a plain input: read into paragraphs, broken markup tolerated."""

import pytest

from didar.errors import EmptyDocumentError
from didar.text.decode import read_input
from didar.text.html import html_to_text, looks_like_html


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            "<html><body><p>مسعود پزشکیان گفت: روابط ممتاز است.</p></body></html>",
            "مسعود پزشکیان گفت: روابط ممتاز است.",
        ),
        # broken: unclosed tags and a stray closing tag
        (
            "<div><p>التقى وزير الخارجية<br>نظيره العراقي</span><div>",
            "التقى وزير الخارجية\nنظيره العراقي",
        ),
        # scripts, styles and navigation are not text; entities are decoded
        (
            "<body><nav>خانه | اخبار</nav><script>var a='<p>x</p>';</script><style>p{}</style>"
            "<p>دیدار &amp; گفت‌وگو</p></body>",
            "دیدار & گفت‌وگو",
        ),
    ],
)
def test_html_to_text(html, expected):
    text, _ = html_to_text(html)
    assert text == expected


def test_title_and_zwnj_survive():
    text, title = html_to_text(
        "<html><head><title>رئیس‌جمهور در بغداد</title></head><body><p>می‌کنند</p></body></html>"
    )
    assert title == "رئیس‌جمهور در بغداد"
    assert text == "می‌کنند"


@pytest.mark.parametrize(
    ("text", "is_html"),
    [
        ("<!DOCTYPE html><html></html>", True),
        ("<p>الف</p><p>ب</p><div>ج</div>", True),
        ("به گزارش ایلنا، روابط <دو> کشور", False),
        ("date 2025-10-21 متن خبر", False),
    ],
)
def test_looks_like_html(text, is_html):
    assert looks_like_html(text) is is_html


def test_read_input_reads_html_and_says_so():
    doc = read_input(
        "<html><head><title>عنوان</title></head><body><p>متن خبر</p></body></html>".encode(),
        source="page.html",
    )
    assert doc.text == "متن خبر"
    assert doc.title == "عنوان"
    assert any("HTML" in w for w in doc.warnings)


def test_html_without_text_is_an_empty_document():
    with pytest.raises(EmptyDocumentError):
        read_input(b"<html><body><script>x()</script></body></html>", source="empty.html")


def test_the_text_layer_never_imports_the_ingest_layer():
    """Dependencies point ingest -> text: no module of didar.text imports didar.ingest."""
    import ast
    from pathlib import Path

    import didar.text

    for path in Path(didar.text.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(n.startswith("didar.ingest") for n in names), (path.name, names)


PAGE = (
    "<html><head><title>عنوان</title></head><body><nav>خانه</nav><p>متن خبر</p></body></html>"
).encode()


def test_read_input_uses_the_page_reader_it_is_given():
    from didar.text.decode import PageText

    seen = []

    def reader(html, url, source):
        seen.append((url, source))
        return PageText("متن مقاله", {"title": "از خواننده", "outlet": "ایرنا"}, ["my reader"])

    doc = read_input(PAGE, source="p.html", meta={"url": "https://x.example/1"}, page_reader=reader)
    assert seen == [("https://x.example/1", "p.html")]
    assert doc.text == "متن مقاله" and doc.title == "از خواننده" and doc.outlet == "ایرنا"
    assert doc.url == "https://x.example/1" and "my reader" in doc.warnings


def test_a_failing_page_reader_falls_back_to_the_basic_reader_with_a_warning():
    def broken(html, url, source):
        raise RuntimeError("boom")

    doc = read_input(PAGE, source="p.html", page_reader=broken)
    assert doc.text == "متن خبر" and doc.title == "عنوان"
    assert any("basic reader" in w and "RuntimeError: boom" in w for w in doc.warnings)


def test_an_empty_page_from_the_reader_is_an_empty_document():
    from didar.text.decode import PageText

    with pytest.raises(EmptyDocumentError):
        read_input(PAGE, source="p.html", page_reader=lambda *a: PageText("  "))
