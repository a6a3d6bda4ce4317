"""read_input: encodings, binary/empty/huge input, character cleanup, metadata."""

from __future__ import annotations

import pytest
from textcorpus import SEEDS, read_corpus

from didar.errors import (
    BinaryInputError,
    DecodingError,
    EmptyDocumentError,
    InputTooLargeError,
)
from didar.text.decode import read_input

FA = "رئیس‌جمهور پزشکیان با عمار حکیم دیدار کرد."
AR = "أكد رئيس تيار الحكمة الوطني عمار الحكيم أهمية تعزيز التعاون بين العراق وإيران."
FA_CP1256 = "رئيس جمهور پزشكيان با عمار حكيم ديدار كرد."  # Persian as old sites wrote it


@pytest.mark.parametrize(
    ("data", "encoding", "text"),
    [
        (FA.encode("utf-8"), "utf-8", FA),
        (b"\xef\xbb\xbf" + FA.encode("utf-8"), "utf-8-sig", FA),
        (FA.encode("utf-16"), "utf-16-le", FA),  # BOM + little-endian
        (b"\xfe\xff" + FA.encode("utf-16-be"), "utf-16-be", FA),
        (FA.encode("utf-16-le"), "utf-16-le", FA),  # no BOM: detected by byte pattern
        (AR.encode("utf-16-be"), "utf-16-be", AR),
        ("hello world\n".encode("utf-16-le"), "utf-16-le", "hello world\n"),
        (AR.encode("utf-32"), "utf-32-le", AR),
        (AR.encode("cp1256"), "cp1256", AR),
        (FA_CP1256.encode("cp1256"), "cp1256", FA_CP1256),
        ("plain English text".encode("ascii"), "utf-8", "plain English text"),
    ],
)
def test_encodings(data: bytes, encoding: str, text: str) -> None:
    doc = read_input(data, source="x.txt")
    assert doc.encoding == encoding
    assert doc.text == text
    assert doc.source == "x.txt"


def test_str_input_is_not_decoded() -> None:
    doc = read_input(AR)
    assert doc.text == AR
    assert doc.encoding is None


def test_real_seed_in_every_encoding() -> None:
    text = read_corpus(SEEDS / "001_b58dd79c0fba1f76.txt").decode("utf-8")
    for codec, name in [
        ("utf-8", "utf-8"),
        ("utf-16-le", "utf-16-le"),
        ("utf-16", "utf-16-le"),
        ("utf-16-be", "utf-16-be"),
    ]:
        assert read_input(text.encode(codec)).text == text, name
    assert (
        read_input(
            read_corpus(SEEDS / "002_7635f888cb97365b.txt")
            .decode("utf-8")
            .encode("cp1256", errors="ignore")
        ).encoding
        == "cp1256"
    )


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \n\t  \r\n",
        "   \n ".encode("utf-16"),
        b"\xef\xbb\xbf",
        "\u202e\u200f \n".encode("utf-8"),  # only invisible controls
    ],
)
def test_empty(data: bytes) -> None:
    with pytest.raises(EmptyDocumentError):
        read_input(data, source="empty.txt")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"\xff\xd8\xff\xe0\x00\x10JFIF",
        b"PK\x03\x04\x14\x00\x00\x00",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3",
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00",
        b"some text\x00with a NUL \x00 inside and more text here",
        bytes(range(1, 9)) * 20 + b"text",  # control bytes
        b"\x00" * 64,
    ],
)
def test_binary(data: bytes) -> None:
    with pytest.raises(BinaryInputError) as err:
        read_input(data, source="blob.bin")
    assert err.value.source == "blob.bin"


def test_too_large() -> None:
    with pytest.raises(InputTooLargeError):
        read_input(b"a" * 101, max_bytes=100)
    with pytest.raises(InputTooLargeError):
        read_input("ی" * 60, max_bytes=100)  # 120 bytes in UTF-8
    assert read_input(b"a" * 100, max_bytes=100).text == "a" * 100


def test_undecodable() -> None:
    latin1 = "Déjà vu: élève, où êtes-vous? çà et là, très français.".encode("latin-1")
    with pytest.raises(DecodingError):
        read_input(latin1)


def test_utf8_mojibake_is_not_taken_for_cp1256() -> None:
    data = (AR * 5).encode("utf-8")
    broken = data[:40] + b"\xff\xfe\xff\xfe" + data[41:]  # many bad bytes in UTF-8 Arabic
    with pytest.raises(DecodingError):
        read_input(broken)


def test_broken_utf8_with_a_few_bad_bytes_is_repaired_with_a_warning() -> None:
    text = AR * 20
    broken = text[:100].encode("utf-8") + b"\xff" + text[100:].encode("utf-8")
    doc = read_input(broken)
    assert doc.encoding == "utf-8"
    assert doc.text.count("\ufffd") == 1
    assert any("invalid UTF-8" in w for w in doc.warnings)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("سطر یک\r\nسطر دو\rسطر سه", "سطر یک\nسطر دو\nسطر سه"),
        ("الف\u2028ب\u2029ج", "الف\nب\nج"),
        ("متن\u202eمعکوس\u202c", "متنمعکوس"),  # bidi override (an attack vector) removed
        ("a\u2066b\u2067c\u2068d\u2069e\u202af\u202bg\u202dh", "abcdefgh"),
        ("می\u200cکنند", "می\u200cکنند"),  # ZWNJ kept
        ("لا\u200dم", "لا\u200dم"),  # ZWJ kept
        ("ستون\tدوم", "ستون\tدوم"),  # tab kept
        ("نا\x07قوس\x1b[0m", "ناقوس[0m"),  # controls removed
        ("\ufeffمتن\u200f", "متن"),  # stray BOM and RLM removed
        ("ي\u0654", "ئ"),  # NFC: yeh + hamza above composes
        ("ا\u0653", "آ"),  # NFC: alef + madda composes
        ("e\u0301", "é"),
    ],
)
def test_character_cleanup(raw: str, expected: str) -> None:
    assert read_input(raw).text == expected
    assert read_input(raw.encode("utf-8")).text == expected


def test_broken_str_input() -> None:
    doc = read_input("متن \udcff شکسته \ud800")  # lone surrogates, as from a bad decoder
    assert doc.text == "متن  شکسته "
    doc.text.encode("utf-8")  # downstream hashing must not fail
    assert read_input("متن \ufffd").warnings


def test_meta() -> None:
    doc = read_input(
        FA,
        source="https://example.org/a",
        meta={
            "title": "  عنوان \u202e خبر ",
            "url": "https://example.org/a",
            "published": "2025-10-21",
            "outlet": "Mehr",
            "other": 1,
        },
    )
    assert doc.title == "عنوان خبر"
    assert doc.url == "https://example.org/a"
    assert doc.published == "2025-10-21"
    assert doc.outlet == "Mehr"
    assert doc.warnings == []


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2024-03-23", "2024-03-23"),
        ("2024-03-23T10:15:00+03:00", "2024-03-23"),
        ("2024-02-30", None),
        ("23/03/2024", None),
        ("۱۴۰۴-۰۷-۲۹", None),
        (20240323, None),
    ],
)
def test_meta_published(published: object, expected: str | None) -> None:
    doc = read_input(FA, meta={"published": published})
    assert doc.published == expected
    assert bool(doc.warnings) == (expected is None)


def test_wrong_type() -> None:
    with pytest.raises(TypeError):
        read_input(12345)  # type: ignore[arg-type]
