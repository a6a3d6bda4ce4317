"""Bytes or text of one article to a `Document` whose `text` is clean Unicode.

Decoding order: binary signatures (images, archives, PDF ...) are refused; a byte-order mark
decides (UTF-8, UTF-16, UTF-32); UTF-16 without a BOM is recognised by its byte pattern (NULs or
the 0x06 high byte of Arabic letters in every other byte); then strict UTF-8; then Windows-1256
(older Arabic and Persian sites), accepted only when the result reads as Arabic-script text.
NULs or many control bytes outside UTF-16 mean binary input.

The decoded text gets: newlines unified to \\n; control characters removed (\\n and \\t kept,
ZWNJ and ZWJ kept); bidi embedding, override and isolate characters (U+202A-U+202E,
U+2066-U+2069) and invisible direction marks removed (they can reorder what a reader sees);
NFC composition.

HTML is read here as text only: its bytes are decoded with the charset the HTTP header declared
(meta "charset"), else the page's <meta charset>, else the detection above (`decode_html`), and
the article is taken out of the page by a `PageReader` the caller passes in (the pipeline passes
the article extractor of `didar.ingest.html`); without one, or when it fails on a page, the
basic reader of `didar.text.html` reads the page and a warning says so. The text stage never
imports the ingest layer.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from didar.errors import (
    BinaryInputError,
    DecodingError,
    EmptyDocumentError,
    InputTooLargeError,
)
from didar.record import Document
from didar.text.html import html_to_text, looks_like_html

MAX_BYTES = 20_000_000

# Leading bytes of binary formats that are sometimes passed by mistake.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF file (extract its text first)"),
    (b"PK\x03\x04", "a zip archive (or a docx/xlsx/epub file)"),
    (b"PK\x05\x06", "an empty zip archive"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"RIFF", "a RIFF media file"),
    (b"OggS", "an Ogg media file"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x00\x00\x01\x00", "an icon"),
)
# (BOM, codec): UTF-32 before UTF-16, whose little-endian BOM is a prefix of UTF-32's.
BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

# UTF-16 without BOM: bytes looked at, and the share of high bytes (the byte of each code unit
# that holds the block) that must be 0x00 (ASCII), 0x06 (Arabic), 0x20 (punctuation, ZWNJ)
# or 0xFB-0xFE (presentation forms).
SAMPLE_BYTES = 65_536
UTF16_HIGH_BYTES = bytes([0x00, 0x06, 0x20, 0xFB, 0xFC, 0xFD, 0xFE])
UTF16_MIN_HIGH_SHARE = 0.9
UTF16_MIN_UNITS = 2

# Control bytes that do not occur in text (tab, newlines, form feed, escape excluded).
CONTROL_BYTES = bytes([*range(0x01, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20)])
# More control bytes than this (absolute, or per byte) means binary input; fewer are dropped.
MAX_CONTROL_BYTES = 8
MAX_CONTROL_SHARE = 0.001

# A strict UTF-8 failure with at most this many bad bytes (or this share) is decoded as UTF-8
# with U+FFFD replacements and a warning, rather than read as Windows-1256.
MAX_UTF8_BAD_BYTES = 3
MAX_UTF8_BAD_SHARE = 0.001

# Windows-1256 is accepted when Arabic-block letters make up this share of the non-ASCII
# characters, and the mojibake signature of UTF-8 read as Windows-1256 (every other character
# ط ظ ع غ, the lead bytes 0xD8-0xDB) stays below MAX_CP1256_LEAD_SHARE of the Arabic letters.
CP1256_MIN_ARABIC_SHARE = 0.8
MAX_CP1256_LEAD_SHARE = 0.3
CP1256_MIN_LETTERS = 3

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
# Removed from the text: C0/C1 controls except \t \n, DEL, bidi embeddings, overrides and
# isolates, invisible direction marks (LRM, RLM, ALM), stray BOMs, soft hyphens, lone
# surrogates.
_REMOVE = {c: None for c in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]}
_REMOVE.update({c: None for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]})
_REMOVE.update({c: None for c in (0x200E, 0x200F, 0x061C, 0xFEFF, 0x00AD)})
_REMOVE.update({c: None for c in range(0xD800, 0xE000)})  # lone surrogates (broken str input)
_CONTROL_BYTE = re.compile(b"[" + re.escape(CONTROL_BYTES) + b"]")
_NEEDS_CLEANING = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ufeff\xad"
    "\r\u2028\u2029\ud800-\udfff]"
)
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:$|[T ])")

# Bytes of an HTML page looked at for a <meta charset>.
CHARSET_SNIFF_BYTES = 4096
# Declared charsets that servers put on pages they did not check; UTF-8 bytes overrule them.
LATIN_CHARSETS = frozenset({"ascii", "iso8859-1", "cp1252", "iso8859-15"})
_CHARSET_META = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I
)


@dataclass(slots=True)
class PageText:
    """What a page reader took out of an HTML page: the article text, the metadata the page
    states (title, url, published, outlet), and what the reader has to say about it."""

    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


# A page reader: (html, url or None, source or None) -> PageText. It raises EmptyDocumentError
# for a page with no text; any other exception sends the page to the basic reader.
PageReader = Callable[[str, str | None, str | None], PageText]


def basic_page_reader(html: str, url: str | None = None, source: str | None = None) -> PageText:
    """The standard library's reader (`didar.text.html`): paragraphs, scripts and navigation
    dropped, no attempt to tell the article from the page around it."""
    text, title = html_to_text(html)
    return PageText(
        text,
        {"title": title} if title else {},
        ["read as HTML by the basic reader (no article extractor given)"],
    )


def read_input(
    data: bytes | str,
    source: str | None = None,
    meta: dict[str, Any] | None = None,
    max_bytes: int = MAX_BYTES,
    page_reader: PageReader | None = None,
) -> Document:
    """Decode one article and its metadata (title, url, published, outlet) into a Document.

    An HTML page (meta "format": "html", or input that looks like HTML) is decoded with its
    charset (meta "charset", the HTTP header's, then the page's meta tag) and read by
    `page_reader` (the pipeline passes the article extractor of `didar.ingest.html`; the basic
    reader when None, or when the reader fails on the page); the title, canonical URL, outlet
    and publication date it finds fill what `meta` does not give.

    Raises EmptyDocumentError, BinaryInputError, DecodingError or InputTooLargeError.
    """
    as_html = bool(meta) and meta.get("format") == "html"
    warnings: list[str] = []
    if isinstance(data, str):
        if len(data) > max_bytes or (
            len(data) * 4 > max_bytes and len(data.encode("utf-8", "surrogatepass")) > max_bytes
        ):
            raise InputTooLargeError(f"the text is larger than {max_bytes:,} bytes", source)
        text, encoding = data, None
        if "\ufffd" in text:
            warnings.append("the input text holds U+FFFD replacement characters")
    elif isinstance(data, (bytes, bytearray, memoryview)):
        raw = bytes(data)
        if len(raw) > max_bytes:
            raise InputTooLargeError(
                f"the input has {len(raw):,} bytes, more than {max_bytes:,}", source
            )
        if as_html or looks_like_html(raw[:4000].decode("latin-1")):
            charset = meta.get("charset") if meta else None
            text, encoding, notes = decode_html(
                raw, charset if isinstance(charset, str) else None, source
            )
            warnings.extend(notes)
        else:
            text, encoding = decode_bytes(raw, source, warnings)
    else:
        raise TypeError(f"read_input takes bytes or str, not {type(data).__name__}")
    text = clean_characters(text)
    page_meta = None
    if as_html or looks_like_html(text):
        url = meta.get("url") if meta else None
        page = _read_page(text, url if isinstance(url, str) else None, source, page_reader)
        text, page_meta = page.text, page.meta
        warnings.extend(page.warnings)
        if not text.strip():
            raise EmptyDocumentError("the HTML page holds no text", source)
    if not text.strip():
        raise EmptyDocumentError("the input holds nothing but whitespace", source)
    doc = Document(source=source, text=text, encoding=encoding)
    doc.warnings.extend(warnings)
    if page_meta:
        _apply_meta(doc, page_meta)
    if meta:
        _apply_meta(doc, meta)
    return doc


def _read_page(
    html: str, url: str | None, source: str | None, page_reader: PageReader | None
) -> PageText:
    """The article of an HTML page: `page_reader`'s, or the basic reader's when there is none
    or it fails on the page."""
    if page_reader is None:
        return basic_page_reader(html, url, source)
    try:
        return page_reader(html, url, source)
    except EmptyDocumentError:
        raise
    except Exception as exc:  # a bug of the extractor on one page: read it plainly, say so
        text, title = html_to_text(html)
        return PageText(
            text,
            {"title": title} if title else {},
            [
                f"read as HTML by the basic reader: the article extractor failed "
                f"({type(exc).__name__}: {exc})"
            ],
        )


def decode_html(
    raw: bytes, declared: str | None = None, source: str | None = None
) -> tuple[str, str, list[str]]:
    """(text, codec, warnings) of an HTML page's bytes: BOM, declared charset (HTTP header),
    <meta charset>, then didar's detection (`decode_bytes`)."""
    warnings: list[str] = []
    if raw.startswith(tuple(bom for bom, _ in BOMS)):
        return (*decode_bytes(raw, source, warnings), warnings)
    sources = (("the HTTP header", declared), ("the page's meta tag", _meta_charset(raw)))
    for where, name in sources:
        codec = _codec(name)
        if codec is None:
            if name:
                warnings.append(f"unknown charset {name!r} in {where}; detected instead")
            continue
        if codec in LATIN_CHARSETS and not raw.isascii():
            try:
                return (
                    raw.decode("utf-8"),
                    "utf-8",
                    [*warnings, f"{where} says {name} but the page is UTF-8"],
                )
            except UnicodeDecodeError:
                pass
        try:
            return raw.decode(codec), codec, warnings
        except UnicodeDecodeError:
            warnings.append(f"{where} says {name} but the page does not decode as it; detected")
    text, codec = decode_bytes(raw, source, warnings)
    return text, codec, warnings


def _meta_charset(raw: bytes) -> str | None:
    m = _CHARSET_META.search(raw[:CHARSET_SNIFF_BYTES])
    return m[1].decode("ascii") if m else None


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def decode_bytes(
    raw: bytes, source: str | None = None, warnings: list[str] | None = None
) -> tuple[str, str]:
    """(text, codec name) of `raw`, following the order in the module docstring."""
    if not raw.strip():
        raise EmptyDocumentError("the input is empty", source)
    for signature, what in BINARY_SIGNATURES:
        if raw.startswith(signature):
            raise BinaryInputError(f"the input is {what}", source)
    for bom, codec in BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec).lstrip("\ufeff"), codec
            except UnicodeDecodeError as exc:
                raise DecodingError(
                    f"the input starts with a {codec} byte-order mark but is not valid {codec} "
                    f"(byte {exc.start})",
                    source,
                ) from exc
    codec16 = _utf16_without_bom(raw)
    if codec16 is not None:
        try:
            return raw.decode(codec16), codec16
        except UnicodeDecodeError as exc:
            raise DecodingError(
                f"the input looks like {codec16} but does not decode (byte {exc.start})", source
            ) from exc
    if b"\x00" in raw:
        raise BinaryInputError("the input holds NUL bytes and is not UTF-16 text", source)
    if _CONTROL_BYTE.search(raw):
        controls = len(raw) - len(raw.translate(None, CONTROL_BYTES))
        if controls > max(MAX_CONTROL_BYTES, MAX_CONTROL_SHARE * len(raw)):
            raise BinaryInputError(f"the input holds {controls} control bytes", source)
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = raw.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad <= max(MAX_UTF8_BAD_BYTES, MAX_UTF8_BAD_SHARE * len(raw)) and bad < len(text) // 2:
        if warnings is not None:
            warnings.append(f"{bad} invalid UTF-8 byte sequence(s) replaced by U+FFFD")
        return text, "utf-8"
    text = raw.decode("cp1256")
    if _plausible_cp1256(text):
        return text, "cp1256"
    raise DecodingError("the input is not UTF-8, UTF-16 or Windows-1256 text", source)


def _utf16_without_bom(raw: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when every other byte looks like a UTF-16 high byte."""
    head = raw[:64]
    if head.count(0) + head.count(6) < len(head) // 4:
        return None  # fast reject: UTF-16 of Arabic, Persian or Latin text is full of 00 / 06
    sample = raw[:SAMPLE_BYTES]
    units = len(sample) // 2
    if units < UTF16_MIN_UNITS:
        return None
    odd, even = sample[1 : 2 * units : 2], sample[0 : 2 * units : 2]
    for high, low, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        share = (len(high) - len(high.translate(None, UTF16_HIGH_BYTES))) / units
        # the other byte must not look the same (that would be NUL padding or binary)
        if share >= UTF16_MIN_HIGH_SHARE and low.count(0) < units // 2:
            return codec
    return None


def _plausible_cp1256(text: str) -> bool:
    non_ascii = [c for c in text if ord(c) > 0x7F and not c.isspace()]
    arabic = [c for c in non_ascii if "\u0600" <= c <= "\u06ff" and c.isalpha()]
    if len(arabic) < CP1256_MIN_LETTERS or len(arabic) < CP1256_MIN_ARABIC_SHARE * len(non_ascii):
        return False
    lead = sum(1 for c in arabic if c in "طظعغ")
    return lead < MAX_CP1256_LEAD_SHARE * len(arabic)


def clean_characters(text: str) -> str:
    """Unify newlines, drop control and bidi-control characters, compose to NFC."""
    if _NEEDS_CLEANING.search(text):
        text = _NEWLINES.sub("\n", text)
        text = text.translate(_REMOVE)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def _apply_meta(doc: Document, meta: dict[str, Any]) -> None:
    for key in ("title", "url", "outlet"):
        value = meta.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            doc.warnings.append(f"meta '{key}' is not a string; ignored")
            continue
        value = " ".join(clean_characters(value).split())
        if value:
            setattr(doc, key, value)
    published = meta.get("published")
    if published is None or published == "":
        return
    value = published.isoformat() if isinstance(published, date) else published
    valid = _valid_date(value) if isinstance(value, str) else None
    if valid is None:
        doc.warnings.append(f"meta 'published' {published!r} is not a YYYY-MM-DD date; ignored")
    else:
        doc.published = valid


def _valid_date(value: str) -> str | None:
    """YYYY-MM-DD (or the date part of an ISO timestamp) if it is a real date."""
    m = _DATE.match(value.strip())
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None
