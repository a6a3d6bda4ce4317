"""Readers: files, folders, JSON, JSON Lines and stdin into articles."""

from __future__ import annotations

import io
import json

import pytest

from didar.errors import InputFormatError
from didar.ingest.readers import (
    InputNotFoundError,
    Item,
    ReadFailure,
    count_items,
    expand,
    read_jsonl,
    read_stream,
)

FA = "به گزارش ایلنا، مسعود پزشکیان رئیس‌جمهور در دیدار عمار حکیم گفت: روابط دو ملت عمیق است."
AR = "استقبل رئيس مجلس الوزراء محمد شياع السوداني، اليوم السبت، وزير الخارجية الإيراني."


def sources(results):
    return [r.source for r in results]


def test_a_text_file_is_one_item_of_bytes_with_the_path_as_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(FA, encoding="utf-8")
    [item] = expand(["a.txt"])
    assert item == Item("a.txt", FA.encode("utf-8"), {})


def test_a_file_in_another_encoding_is_passed_as_bytes(tmp_path):
    path = tmp_path / "ar.txt"
    path.write_bytes(AR.encode("cp1256"))
    [item] = expand([str(path)])
    assert item.data == AR.encode("cp1256")  # decoding is the pipeline's job (it says which)


def test_folders_recursively_sorted_hidden_and_other_files_skipped(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    corpus = tmp_path / "corpus"
    (corpus / "fa" / "2025").mkdir(parents=True)
    (corpus / ".cache").mkdir()
    (corpus / "b.txt").write_text(AR, encoding="utf-8")
    (corpus / "a.txt").write_text(FA, encoding="utf-8")
    (corpus / "fa" / "2025" / "c.TXT").write_text(FA + " ۲", encoding="utf-8")
    (corpus / "fa" / "d.json").write_text(json.dumps({"text": AR}), encoding="utf-8")
    (corpus / ".hidden.txt").write_text("x", encoding="utf-8")
    (corpus / ".cache" / "e.txt").write_text("x", encoding="utf-8")
    (corpus / "notes.md").write_text("x", encoding="utf-8")
    (corpus / "image.png").write_bytes(b"\x89PNG")
    assert sources(expand(["corpus"])) == [
        "corpus/a.txt",
        "corpus/b.txt",
        "corpus/fa/d.json",
        "corpus/fa/2025/c.TXT",
    ]
    assert sources(expand(["corpus/"]))[0] == "corpus/a.txt"
    assert count_items(["corpus"]) == 4


def test_json_object_and_list(tmp_path):
    one = tmp_path / "one.json"
    one.write_text(
        json.dumps(
            {
                "text": FA,
                "title": "دیدار",
                "url": "https://ilna.ir/1",
                "published": "2025-09-07",
                "outlet": "ILNA",
                "extra": 1,
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    [item] = expand([str(one)])
    assert item.source == str(one)
    assert item.data == FA
    assert item.meta == {
        "title": "دیدار",
        "url": "https://ilna.ir/1",
        "published": "2025-09-07",
        "outlet": "ILNA",
    }
    many = tmp_path / "many.json"
    many.write_text(
        json.dumps([{"text": FA}, {"title": "no text"}, {"text": AR}]), encoding="utf-8"
    )
    results = list(expand([str(many)]))
    assert sources(results) == [f"{many}#1", f"{many}#2", f"{many}#3"]
    assert isinstance(results[1], ReadFailure)
    assert isinstance(results[1].error, InputFormatError)
    assert "text" in str(results[1].error)
    assert count_items([str(many)]) == 3


def test_broken_json_file_is_one_failure(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"text": "unterminated', encoding="utf-8")
    [failure] = expand([str(bad)])
    assert isinstance(failure, ReadFailure) and failure.source == str(bad)
    assert "[E105]" in str(failure.error)


def test_jsonl_with_a_bad_line_goes_on(tmp_path):
    path = tmp_path / "news.jsonl"
    lines = [
        json.dumps({"text": FA, "title": "دیدار", "outlet": "ILNA"}, ensure_ascii=False),
        "",  # blank lines are skipped, but keep their number
        '{"text": "broken',
        json.dumps({"title": "no text here"}),
        json.dumps(["not", "an", "object"]),
        json.dumps(
            {"text": AR, "url": "https://baghdadtoday.news/1", "published": None},
            ensure_ascii=False,
        ),
    ]
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    results = list(expand([str(path)]))
    assert sources(results) == [f"{path}#{n}" for n in (1, 3, 4, 5, 6)]
    kinds = [type(r).__name__ for r in results]
    assert kinds == ["Item", "ReadFailure", "ReadFailure", "ReadFailure", "Item"]
    assert results[0].meta == {"title": "دیدار", "outlet": "ILNA"}
    assert results[4].meta == {"url": "https://baghdadtoday.news/1"}
    assert "not valid JSON" in str(results[1].error)
    assert count_items([str(path)]) == 5


def test_jsonl_bad_utf8_line_and_bom(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_bytes(
        b"\xef\xbb\xbf" + json.dumps({"text": FA}).encode() + b"\n" + b'{"text": "\xff\xfe"}\n'
    )
    first, second = expand([str(path)])
    assert isinstance(first, Item) and first.data == FA
    assert isinstance(second, ReadFailure) and "UTF-8" in str(second.error)


def test_jsonl_is_streamed_not_read_whole():
    def lines():
        yield json.dumps({"text": FA}).encode() + b"\n"
        raise AssertionError("read past the first article before it was consumed")

    first = next(read_jsonl(lines(), "big.jsonl"))
    assert first.source == "big.jsonl#1"


def test_missing_paths_fail_alone(tmp_path):
    (tmp_path / "a.txt").write_text(FA, encoding="utf-8")
    results = list(expand([str(tmp_path / "nope.txt"), str(tmp_path / "a.txt")]))
    assert isinstance(results[0], ReadFailure)
    assert isinstance(results[0].error, InputNotFoundError)
    assert isinstance(results[1], Item)


def test_stdin_text():
    [item] = read_stream(io.BytesIO(("\n" + FA).encode("utf-8")))
    assert item == Item("-", ("\n" + FA).encode("utf-8"), {})


def test_stdin_json_lines():
    data = "\n".join(
        json.dumps({"text": t, "outlet": o}, ensure_ascii=False)
        for t, o in ((FA, "ILNA"), (AR, "Baghdad Today"))
    )
    results = list(read_stream(io.BytesIO(b"\n" + data.encode("utf-8"))))
    assert sources(results) == ["-#2", "-#3"]
    assert [r.meta["outlet"] for r in results] == ["ILNA", "Baghdad Today"]


def test_stdin_json_document():
    data = json.dumps([{"text": FA}, {"text": AR}], indent=2).encode("utf-8")
    assert sources(read_stream(io.BytesIO(data))) == ["-#1", "-#2"]


def test_stdin_through_expand():
    results = list(expand(["-"], stdin=io.BytesIO(FA.encode("utf-8"))))
    assert sources(results) == ["-"]
    assert count_items(["-"]) is None
    [failure] = expand(["-"], stdin=None)
    assert isinstance(failure, ReadFailure)


@pytest.mark.parametrize("text", ["{not json at all", "[1, 2"])
def test_stdin_text_that_looks_like_json_stays_text(text):
    [item] = read_stream(io.BytesIO(text.encode()))
    assert isinstance(item, Item) and item.data == text.encode()
