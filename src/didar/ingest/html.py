"""The article in a web page: main text and metadata, with trafilatura configured for news.

    extract_page(html, url=..., encoding=..., cues=...) -> Page(text, title, published, outlet,
                                                                author, url, language, ...)
    article_reader(cues) -> the page reader the pipeline hands `didar.text.decode.read_input`

A cascade of plain steps:

1. Decode (bytes only, `didar.text.decode.decode_html`): a byte-order mark, else the charset
   the HTTP header declared, else the page's <meta charset> / http-equiv, else didar's
   detection (UTF-8, then Windows-1256). A declared Latin charset on bytes that are valid UTF-8
   is overruled (servers lie).
2. Protect ZWNJ and ZWJ: trafilatura drops every character `str.isprintable()` refuses, which
   turns رئیس‌جمهور into رئیسجمهور (and a private-use placeholder too). Each is replaced by a
   printable placeholder letter the page does not contain, and put back at the end.
3. Metadata from the page's own tags (`_page_meta`): canonical URL, site name, language, and the
   publication date ONLY as a meta tag, JSON-LD `datePublished`, microdata or <time pubdate>
   states it. trafilatura's date is never used: with no date tag it invents one (2024-01-01 from
   "23 آذار 2024") and it cannot read Solar Hijri. Without a date tag `published` stays None and
   didar's own date resolution reads the text; a visible date line of the page (a byline such as
   "تاریخ انتشار: ۰۶ آبان ۱۳۹۹ - ۲۰:۰۰") is put at the top of the text for it.
4. Prune (`_prune`): "read also" boxes, related-headline lists and comment sections: elements
   whose class or id says so, and the box around a marker whose text starts with a cue of
   text/data/boilerplate.yaml ("إقرأ أيضاً", "بیشتر بخوانید", "نظر شما" ...), when that box is
   a small part of what surrounds it. A marker alone among the article's paragraphs is left to
   the clean stage, which cuts from it to the end.
5. trafilatura's main-text extraction (comments off, precision favoured, no fallback
   extractors, nothing downloaded); its title and author are used. When it finds no main text,
   the basic reader of `didar.text.html` reads the page and a warning says so.

Nothing here prints, writes or touches the network.
"""

from __future__ import annotations

import functools
import json
import re
from configparser import ConfigParser
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from didar.errors import EmptyDocumentError
from didar.text.decode import PageReader, PageText, decode_html
from didar.text.html import html_to_text

ZWNJ, ZWJ = "\u200c", "\u200d"
# Printable letters (Linear B syllables) that stand in for ZWNJ / ZWJ while trafilatura works:
# letters, so that the word they sit in stays one word. The first pair absent from the page is
# used.
PLACEHOLDERS = (("\U00010000", "\U00010001"), ("\U00010002", "\U00010003"),
                ("\U00010005", "\U00010006"))


# A "read also" / related / comment box is removed when its text is at most this share of the
# text of the element around it (else it is the article itself) ...
BOX_MAX_SHARE = 0.6
# ... and at most this many characters.
BOX_MAX_CHARS = 4000
# An element holding more than this share of the page's paragraph text (or the <h1>) is the
# article, whatever its class says.
ARTICLE_MIN_SHARE = 0.5
# A marker line with a headline after it ("بیشتر بخوانید: <headline>") is removed up to this
# length (as text.clean.TEASER_LINE_MAX_CHARS).
TEASER_LINE_MAX_CHARS = 300
# A visible date line of the page (byline) is taken up to this length.
BYLINE_MAX_CHARS = 120
# A visible author line is taken up to this length.
AUTHOR_MAX_CHARS = 80
# Years accepted in date tags: Gregorian, or Solar Hijri (some Iranian sites write 1404/06/16).
GREGORIAN_YEARS = range(1900, 2101)
JALALI_YEARS = range(1300, 1500)

# Tags whose content is never searched for markers and that are never boxes.
INLINE = frozenset({"a", "b", "strong", "span", "em", "i", "u", "label", "small", "font", "mark"})
CONTAINERS = frozenset({"div", "aside", "section", "ul", "ol", "table", "blockquote", "figure",
                        "dl", "nav", "details"})
CHROME_TAGS = frozenset({"header", "nav", "footer", "aside"})
STOP_AT = frozenset({"article", "main", "body", "html"})

# class / id words of boxes that are never article text.
_BOX_CLASS = re.compile(
    r"(?:^|[\s_-])(?:read-?also|read-?more|see-?also|also-?read|related|more-?news|"
    r"comments?|comment-?form|comment-?list|disqus|most-?read|popular-?news)(?:$|[\s_-])",
    re.I)
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)\s*(https?://[^\s>]+)\s*-->", re.I)
_ISO_DATE = re.compile(r"\s*([0-9۰-۹٠-٩]{4})[-/.]([0-9۰-۹٠-٩]{1,2})[-/.]([0-9۰-۹٠-٩]{1,2})"
                       r"(?![0-9۰-۹٠-٩])")
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_DATE_CLASS = re.compile(r"(?:^|[\s_-])(?:date|time|publish\w*|pub-?date|news-?date|"
                         r"datetime|dateline|byline)(?:$|[\s_-])", re.I)
_AUTHOR_CLASS = re.compile(r"(?:^|[\s_-])(?:author|byline-?name|writer|reporter)(?:$|[\s_-])",
                           re.I)
_HAS_DIGIT = re.compile(r"[0-9۰-۹٠-٩]")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BYLINE_PREFIX = re.compile(r"^\s*(?:بقلم|كتب|كتبت|نویسنده|نوشته|by)\s*[:：]?\s*", re.I)

# Meta tags that state a publication date, in order of trust (name or property, lower case).
DATE_META = ("article:published_time", "og:article:published_time", "og:published_time",
             "datepublished", "publishdate", "publish-date", "publish_date", "pubdate",
             "dc.date.issued", "dcterms.issued", "dcterms.created", "dc.date", "date",
             "sailthru.date", "parsely-pub-date", "article.published", "original-publish-date")
SITE_META = ("og:site_name", "application-name", "twitter:site", "publisher")
EXTRACTOR_TRAFILATURA = "trafilatura"
EXTRACTOR_BASIC = "basic"


@dataclass(slots=True)
class Page:
    """What a web page holds: the article text and the metadata its own tags state."""

    text: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD, only from the page's date tags
    published_from: str | None = None  # the tag that stated it
    outlet: str | None = None
    author: str | None = None
    url: str | None = None  # canonical URL (or the one given)
    language: str | None = None  # the page's lang attribute, e.g. "fa", "ar"
    byline: str | None = None  # a visible date line put at the top of `text`
    encoding: str | None = None
    extractor: str = EXTRACTOR_TRAFILATURA
    warnings: list[str] = field(default_factory=list)

    def meta(self) -> dict[str, Any]:
        """The metadata `didar.extract(..., meta=...)` takes."""
        return {k: v for k, v in (("title", self.title), ("url", self.url),
                                  ("published", self.published), ("outlet", self.outlet))
                if v}


# ------------------------------------------------------------------------------- extraction


def extract_page(html: str | bytes, *, url: str | None = None, encoding: str | None = None,
                 cues: Any = None, source: str | None = None) -> Page:
    """The article in one page. `encoding` is the charset an HTTP header declared (bytes only);
    `cues` the BoilerplateCues of the text resources (loaded here when not given).
    Raises EmptyDocumentError for a page with no text, DecodingError for undecodable bytes."""
    warnings: list[str] = []
    codec = None
    if isinstance(html, (bytes, bytearray, memoryview)):
        html, codec, warnings = decode_html(bytes(html), encoding, source)
    if cues is None:
        from didar.text.resources import load_boilerplate_cues

        cues = load_boilerplate_cues()
    zwnj, zwj = next(((a, b) for a, b in PLACEHOLDERS if a not in html and b not in html),
                     (None, None))
    if zwnj is None:  # a page holding every placeholder: extract without protection
        warnings.append("ZWNJ could not be protected on this page (placeholders in use)")
        protected = html
    else:
        protected = html.replace(ZWNJ, zwnj).replace(ZWJ, zwj)

    page = _extract(protected, url, cues, warnings)
    if zwnj is not None:
        _restore(page, zwnj, zwj)
    if not page.url:
        m = _SAVED_FROM.search(html[:2000])
        if m:
            page.url = m[1]
    page.encoding = codec
    if not page.text.strip():
        raise EmptyDocumentError("the HTML page holds no text", source)
    return page


def article_reader(cues: Any = None) -> PageReader:
    """The page reader `didar.text.decode.read_input` takes: `extract_page` with the
    boilerplate `cues` (loaded by `extract_page` when None), its metadata and warnings."""

    def read(html: str, url: str | None, source: str | None) -> PageText:
        page = extract_page(html, url=url, cues=cues, source=source)
        return PageText(page.text, page.meta(),
                        [f"read as HTML ({page.extractor} extractor)", *page.warnings])

    return read


def _restore(page: Page, zwnj: str, zwj: str) -> None:
    table = str.maketrans({zwnj: ZWNJ, zwj: ZWJ})
    for name in ("text", "title", "outlet", "author", "byline"):
        value = getattr(page, name)
        if value:
            setattr(page, name, value.translate(table))


def _extract(html: str, url: str | None, cues: Any, warnings: list[str]) -> Page:
    import lxml.etree
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError) as exc:
        text, title = html_to_text(html)
        warnings.append(f"the page could not be parsed as HTML ({exc}); read by the basic reader")
        return Page(text=text, title=title, url=url, extractor=EXTRACTOR_BASIC,
                    warnings=warnings)
    meta = _page_meta(tree)
    byline = None if meta["published"] else _visible_date_line(tree)
    removed = _prune(tree, cues)
    if removed:
        warnings.append(f"removed before extraction: {', '.join(removed)}")
    doc = _trafilatura(tree, url or meta["url"])
    text = _paragraphs(doc.text) if doc is not None and doc.text else ""
    title = meta["title"]
    extractor = EXTRACTOR_TRAFILATURA
    if not text.strip():
        text, basic_title = html_to_text(html)
        title = title or basic_title
        extractor = EXTRACTOR_BASIC
        warnings.append("trafilatura found no main text; the page was read by the basic reader "
                        "(navigation and scripts dropped, the rest kept)")
    if byline and _squash(byline) not in _squash(text[:2000]):
        text = f"{byline}\n\n{text}"
    else:
        byline = None
    author = meta["author"]
    return Page(
        text=text,
        title=_clean_line(title),
        published=meta["published"],
        published_from=meta["published_from"],
        outlet=_clean_line(meta["site"]),
        author=_clean_line(_BYLINE_PREFIX.sub("", author)) if author else None,
        url=_absolute(meta["url"], url) or url,
        language=meta["language"],
        byline=byline,
        extractor=extractor,
        warnings=warnings,
    )


@functools.cache
def _trafilatura_config() -> ConfigParser:
    """trafilatura's settings for this job (built once, never changed after)."""
    from trafilatura.settings import DEFAULT_CONFIG

    config = ConfigParser()
    config.read_dict({s: dict(DEFAULT_CONFIG[s]) for s in DEFAULT_CONFIG.sections()})
    config["DEFAULT"].update(DEFAULT_CONFIG["DEFAULT"])
    config["DEFAULT"]["EXTENSIVE_DATE_SEARCH"] = "off"  # its dates are not used anyway
    config["DEFAULT"]["EXTRACTION_TIMEOUT"] = "0"  # no signal-based timeouts inside a library
    return config


def _trafilatura(tree: Any, url: str | None) -> Any:
    import trafilatura

    return trafilatura.bare_extraction(
        tree,
        url=url,
        fast=True,  # no readability/jusText fallbacks: precision on agency layouts
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        with_metadata=False,  # metadata come from the page's tags (_page_meta): its dates
        # are invented when no tag states one, and skipping it halves the time per page
        config=_trafilatura_config(),
    )


def _paragraphs(text: str) -> str:
    """trafilatura's lines as paragraphs separated by blank lines (as the basic reader does)."""
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n\n".join(line for line in lines if line)


def _absolute(found: str | None, base: str | None) -> str | None:
    """A canonical URL made absolute against the page's address; None if it cannot be."""
    from urllib.parse import urljoin, urlsplit

    if not found:
        return None
    if base:
        found = urljoin(base, found)
    return found if urlsplit(found).scheme in ("http", "https") else None


def _clean_line(value: str | None) -> str | None:
    if not value:
        return None
    value = " ".join(value.split())
    return value or None


def _squash(text: str) -> str:
    return "".join(text.split())


# ------------------------------------------------------------------------------- metadata


def _page_meta(tree: Any) -> dict[str, Any]:
    """Canonical URL, site name, title, author, language and a stated publication date."""
    out: dict[str, Any] = {"url": None, "site": None, "title": None, "author": None,
                           "language": None, "published": None, "published_from": None}
    dates: dict[str, str] = {}
    site: dict[str, str] = {}
    for el in tree.iter("meta", "link", "time", "script", "html"):
        tag = el.tag
        if tag == "meta":
            key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
            content = (el.get("content") or "").strip()
            if not key or not content:
                continue
            if key in DATE_META:
                dates.setdefault(key, content)
            elif key in SITE_META:
                site.setdefault(key, content)
            elif key == "author" and not out["author"]:
                out["author"] = content
            elif key == "og:title" and not out["title"]:
                out["title"] = content
            elif key == "og:url" and not out["url"]:
                out["url"] = content
            elif key == "og:locale" and not out["language"]:
                out["language"] = content.split("_")[0].lower()
        elif tag == "link":
            if "canonical" in (el.get("rel") or "").lower().split() and el.get("href"):
                out["url"] = el.get("href").strip()  # canonical beats og:url
        elif tag == "time":
            if el.get("pubdate") is not None or (el.get("itemprop") or "") == "datePublished":
                value = el.get("datetime") or el.get("content")
                if value:
                    dates.setdefault("time[pubdate]", value)
        elif tag == "script":
            if (el.get("type") or "").lower() == "application/ld+json" and el.text:
                _json_ld(el.text, dates, site)
        elif tag == "html" and el.get("lang"):
            out["language"] = el.get("lang").split("-")[0].lower()
    if not out["title"]:
        h1 = tree.find(".//h1")
        heading = " ".join(h1.text_content().split()) if h1 is not None else ""
        title = tree.find(".//title")
        out["title"] = heading or (" ".join((title.text or "").split()) if title is not None
                                   else None)
    if not out["author"]:
        out["author"] = site.pop("json-ld author", None) or _visible_author(tree)
    for el in tree.xpath('//*[@itemprop="datePublished"][@content or @datetime]'):
        dates.setdefault("itemprop=datePublished", el.get("content") or el.get("datetime"))
    for key in (*DATE_META[:4], "json-ld datePublished", "itemprop=datePublished",
                "time[pubdate]", *DATE_META[4:]):
        if key in dates:
            value = tag_date(dates[key])
            if value:
                out["published"], out["published_from"] = value, key
                break
    for key in ("og:site_name", "json-ld publisher", "application-name", "publisher",
                "twitter:site"):
        value = site.get(key, "").strip()
        if value and not (key == "twitter:site" and value.startswith("@")):
            out["site"] = value
            break
    return out


def _json_ld(text: str, dates: dict[str, str], site: dict[str, str]) -> None:
    try:
        data = json.loads(text)
    except ValueError:
        return
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            value = node.get("datePublished")
            if isinstance(value, str):
                dates.setdefault("json-ld datePublished", value)
            author = node.get("author")
            if isinstance(author, list) and author:
                author = author[0]
            if isinstance(author, dict) and isinstance(author.get("name"), str):
                site.setdefault("json-ld author", author["name"])
            publisher = node.get("publisher")
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                site.setdefault("json-ld publisher", publisher["name"])
            stack.extend(v for v in node.values() if isinstance(v, (list, dict)))


def tag_date(value: str) -> str | None:
    """YYYY-MM-DD of a date tag's value ("2024-03-23T10:00:00+03:00", "1404/06/16"), or None
    when it does not start with a real year-month-day."""
    from didar.dates.calendars import gregorian_date, jalali_to_gregorian

    m = _ISO_DATE.match(value.translate(_DIGITS))
    if not m:
        return None
    y, mo, d = int(m[1]), int(m[2]), int(m[3])
    if y in GREGORIAN_YEARS:
        day = gregorian_date(y, mo, d)
    elif y in JALALI_YEARS:
        day = jalali_to_gregorian(y, mo, d)
    else:
        day = None
    return day.isoformat() if isinstance(day, date) else None


def _visible_author(tree: Any) -> str | None:
    """A short byline in an element whose class or id names the author."""
    for el in tree.iter("div", "span", "p", "a", "address"):
        if _AUTHOR_CLASS.search(f"{el.get('class') or ''} {el.get('id') or ''}"):
            text = " ".join(el.text_content().split())
            if text and len(text) <= AUTHOR_MAX_CHARS:
                return text
    return None


def _visible_date_line(tree: Any) -> str | None:
    """The page's visible publication line (an element whose class or id names a date, or a
    <time> element), for didar's date resolution to read."""
    for el in tree.iter("time", "span", "div", "p", "li", "small"):
        if el.tag != "time" and not _DATE_CLASS.search(
                f"{el.get('class') or ''} {el.get('id') or ''}"):
            continue
        if any(a.tag in CHROME_TAGS for a in el.iterancestors()):
            continue  # today's date in the site header is not the article's
        text = " ".join(el.text_content().split())
        if text and len(text) <= BYLINE_MAX_CHARS and _HAS_DIGIT.search(text):
            return text
    return None


# ------------------------------------------------------------------------------- pruning


def _prune(tree: Any, cues: Any) -> list[str]:
    """Remove read-also boxes, related lists and comment sections; say what went."""
    from didar.text.resources import cue_key, first_word

    body = tree.find("body")
    if body is None:
        return []
    targets: list[tuple[Any, str]] = []
    paragraphs = _p_text(body)
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        label = f"{el.get('class') or ''} {el.get('id') or ''}"
        if el.tag == "form" or (label.strip() and _BOX_CLASS.search(label)):
            if not _holds_article(el, paragraphs):
                targets.append((el, "form" if el.tag == "form" else f"box .{label.split()[0]}"))
            continue
        own = (el.text or "").strip()
        if not own or first_word(own) not in cues.first_words:
            continue
        key = cue_key(own[:60])
        kind = _marker_kind(key, cues)
        if kind is None:
            continue
        box = _marker_box(el, key)
        if box is not None and not _holds_article(box, paragraphs):
            targets.append((box, kind))
    removed = []
    for el, what in targets:
        if el.getparent() is not None and not _detached(el):
            el.drop_tree()
            removed.append(what)
    return removed


def _marker_kind(key: str, cues: Any) -> str | None:
    for kind, cue_set in (("read also", cues.read_also), ("related list", cues.related_lists),
                          ("comments", cues.comment_prompts)):
        for cue in cue_set:
            if key == cue or (key.startswith(cue) and not key[len(cue):len(cue) + 1].isalpha()):
                return kind
    return None


def _detached(el: Any) -> bool:
    """Was an ancestor of `el` already removed?"""
    node = el
    while node.getparent() is not None:
        node = node.getparent()
    return node.tag != "html"


def _text_len(el: Any) -> int:
    return len(_squash(el.text_content()))


def _p_text(el: Any) -> int:
    """Characters in the <p> elements under `el` (the article's paragraphs, roughly)."""
    return sum(len(_squash(p.text_content())) for p in el.iter("p"))


def _holds_article(el: Any, page_paragraphs: int) -> bool:
    """Does `el` hold the page's headline or most of its paragraphs (a wrapper, not a box)?"""
    if el.tag in STOP_AT or el.find(".//h1") is not None:
        return True
    return _p_text(el) > ARTICLE_MIN_SHARE * page_paragraphs


def _marker_box(marker: Any, key: str) -> Any:
    """The element to remove for a marker: its line when a headline follows the cue on it,
    else the small box around it; None when the marker stands among the article's paragraphs."""
    block = marker
    while block.tag in INLINE and block.getparent() is not None:
        block = block.getparent()
    if block.tag in STOP_AT:
        return None
    line = " ".join(block.text_content().split())
    size = len(_squash(line))
    if block.tag not in CONTAINERS and len(_squash(key)) + 3 < size <= TEASER_LINE_MAX_CHARS:
        return block
    node = block if block.tag in CONTAINERS else block.getparent()
    while node is not None and node.tag not in CONTAINERS and node.tag not in STOP_AT:
        node = node.getparent()
    if node is None or node.tag in STOP_AT:
        return None
    parent = node.getparent()
    size = _text_len(node)
    if parent is None or size > BOX_MAX_CHARS or size > BOX_MAX_SHARE * _text_len(parent):
        return None
    return node

