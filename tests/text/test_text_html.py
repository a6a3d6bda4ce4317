"""HTML given as a plain input: read into paragraphs, broken markup tolerated."""

import pytest

from didar.errors import EmptyDocumentError
from didar.text.decode import read_input
from didar.text.html import html_to_text, looks_like_html


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<html><body><p>مسعود پزشکیان گفت: روابط ممتاز است.</p></body></html>",
         "مسعود پزشکیان گفت: روابط ممتاز است."),
        # broken: unclosed tags and a stray closing tag
        ("<div><p>التقى وزير الخارجية<br>نظيره العراقي</span><div>",
         "التقى وزير الخارجية\nنظيره العراقي"),
        # scripts, styles and navigation are not text; entities are decoded
        ("<body><nav>خانه | اخبار</nav><script>var a='<p>x</p>';</script><style>p{}</style>"
         "<p>دیدار &amp; گفت‌وگو</p></body>", "دیدار & گفت‌وگو"),
    ],
)
def test_html_to_text(html, expected):
    text, _ = html_to_text(html)
    assert text == expected


def test_title_and_zwnj_survive():
    text, title = html_to_text("<html><head><title>رئیس‌جمهور در بغداد</title></head>"
                               "<body><p>می‌کنند</p></body></html>")
    assert title == "رئیس‌جمهور در بغداد"
    assert text == "می‌کنند"


@pytest.mark.parametrize(
    ("text", "is_html"),
    [("<!DOCTYPE html><html></html>", True), ("<p>الف</p><p>ب</p><div>ج</div>", True),
     ("به گزارش ایلنا، روابط <دو> کشور", False), ("date 2025-10-21 متن خبر", False)],
)
def test_looks_like_html(text, is_html):
    assert looks_like_html(text) is is_html


def test_read_input_reads_html_and_says_so():
    doc = read_input("<html><head><title>عنوان</title></head><body><p>متن خبر</p></body></html>"
                     .encode(), source="page.html")
    assert doc.text == "متن خبر"
    assert doc.title == "عنوان"
    assert any("HTML" in w for w in doc.warnings)


def test_html_without_text_is_an_empty_document():
    with pytest.raises(EmptyDocumentError):
        read_input(b"<html><body><script>x()</script></body></html>", source="empty.html")
