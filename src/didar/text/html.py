"""Plain text from an HTML page, with the standard library's tolerant parser.

A saved page or an HTML fragment given as an article is read into paragraphs: script, style and
navigation elements are dropped, block elements end a paragraph, entities are decoded, and the
<title> becomes the title. Broken markup (unclosed tags, stray closing tags) is tolerated. This
is the basic reader for HTML that arrives as a plain input; it does not try to tell an article
from the page chrome around it beyond the elements named below.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements whose content is never article text.
SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "button",
        "select",
        "iframe",
        "head",
    }
)
# Elements that end a paragraph.
BLOCK = frozenset(
    {
        "p",
        "div",
        "article",
        "section",
        "main",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "table",
        "tr",
        "blockquote",
        "pre",
        "figure",
        "figcaption",
        "dd",
        "dt",
        "hr",
        "body",
        "html",
    }
)
_LOOKS_HTML = re.compile(
    r"^\s*(?:<!doctype html|<html\b|<head\b|<body\b|<meta\b|<article\b|<div\b|<p\b)", re.I
)
_TAGS = re.compile(r"</?(?:p|div|br|span|a|b|i|strong|em|h[1-6]|li|ul|body|html)\b[^>]*>", re.I)
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANKS = re.compile(r"\n\s*\n+")


def looks_like_html(text: str) -> bool:
    """Does this input look like an HTML page or fragment rather than plain text?"""
    if _LOOKS_HTML.match(text):
        return True
    head = text[:4000]
    return len(_TAGS.findall(head)) >= 3


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self.skip_depth = 0
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        elif tag in SKIP:
            self.skip_depth += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        elif self.skip_depth == 0:
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str, str | None]:
    """(text, title) of an HTML page; paragraphs are separated by blank lines."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    lines = [_SPACES.sub(" ", line).strip() for line in "".join(parser.parts).split("\n")]
    text = _BLANKS.sub("\n\n", "\n".join(lines)).strip()
    title = _SPACES.sub(" ", "".join(parser.title_parts)).strip() or None
    return text, title
