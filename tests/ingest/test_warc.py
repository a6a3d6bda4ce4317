"""Web archives: WARC and WARC.gz built with warcio from the real articles in ../shared/corpus."""

from __future__ import annotations

import html
import io
from pathlib import Path

import pytest

from didar.errors import WarcError
from didar.ingest.readers import Item, ReadFailure, expand

warcio = pytest.importorskip("warcio")
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev"
pytestmark = pytest.mark.skipif(
    not CORPUS.is_dir(), reason=f"the real articles are not at {CORPUS} (../shared/corpus/dev)"
)
FILES = ["fa_farex_10.txt", "fa_farex_11.txt", "ar_snn_16.txt"]


def page(text: str, title: str) -> bytes:
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in text.split("\n") if p.strip())
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        f"</head><body><nav>خانه | سیاسی</nav><article>{body}</article></body></html>"
    ).encode()


def build_warc(path: Path, gz: bool) -> list[str]:
    """A small crawl: a request, three article responses, an image and a redirect."""
    uris = []
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for n, name in enumerate(FILES):
            uri = f"https://agency.example/news/{n}"
            text = (CORPUS / name).read_text(encoding="utf-8")
            req = writer.create_warc_record(uri, "request", payload=io.BytesIO(b"GET / HTTP/1.1"))
            writer.write_record(req)
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            rec = writer.create_warc_record(
                uri,
                "response",
                payload=io.BytesIO(page(text, name)),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2030-01-02T03:04:05Z"},
            )
            writer.write_record(rec)
            uris.append(uri)
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://agency.example/logo.png",
                "response",
                payload=io.BytesIO(b"\x89PNG...."),
                http_headers=image,
            )
        )
        moved = StatusAndHeaders(
            "301 Moved", [("Content-Type", "text/html"), ("Location", "/x")], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                "https://agency.example/old",
                "response",
                payload=io.BytesIO(b"<html>moved</html>"),
                http_headers=moved,
            )
        )
    return uris


@pytest.mark.parametrize("name,gz", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc_pages_become_items(tmp_path: Path, name: str, gz: bool) -> None:
    path = tmp_path / name
    uris = build_warc(path, gz)
    results = list(expand([str(path)]))
    assert all(isinstance(r, Item) for r in results)
    assert [r.source for r in results] == uris
    first = results[0]
    assert first.meta["url"] == uris[0]
    assert first.meta["crawled"] == "2030-01-02T03:04:05Z"
    assert "published" not in first.meta  # the crawl date is never the publication date
    assert first.meta["format"] == "html" and first.meta["charset"] == "utf-8"
    assert "فواد حسین".encode() in first.data or "فؤاد حسین".encode() in first.data


def test_truncated_warc_gz_yields_what_it_holds_and_one_error(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc.gz"
    build_warc(whole, True)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    partial = 0
    for percent in range(5, 100, 5):  # wherever the cut falls: the pages before it, one error
        cut.write_bytes(data[: len(data) * percent // 100])
        results = list(expand([str(cut)]))
        items = [r for r in results if isinstance(r, Item)]
        failures = [r for r in results if isinstance(r, ReadFailure)]
        assert len(failures) == 1, percent
        assert results[-1] is failures[0], percent
        assert len(items) <= len(FILES)
        partial += bool(items)
    assert partial >= 5  # most cuts leave whole pages before them, and those are read
    assert isinstance(failures[0].error, WarcError)
    assert failures[0].source == str(cut)
    assert "truncated" in str(failures[0].error)


def test_warc_ingest_end_to_end(tmp_path: Path) -> None:
    """`didar ingest crawl.warc.gz` stores the pages with their URLs as sources."""
    from click.testing import CliRunner

    from didar.cli.main import main

    path = tmp_path / "crawl.warc.gz"
    uris = build_warc(path, True)
    db = tmp_path / "d.db"
    result = CliRunner().invoke(main, ["ingest", str(path), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    assert "stored 3" in result.output
    from didar.store import open_store

    with open_store(str(db)) as store:
        for uri in uris:
            record = store.get(store_id_of(store, uri))["record"]
            assert record["url"] == uri
            assert record["published"] != "2030-01-02"  # the crawl date is not the article's
            assert "خانه | سیاسی" not in record["text"]  # page chrome left out


def store_id_of(store, uri: str) -> str:
    row = store._db.execute(
        "SELECT d.id FROM document_sources s JOIN documents d ON d.pk = s.doc_pk "
        "WHERE s.source = ?",
        (uri,),
    ).fetchone()
    assert row is not None, uri
    return row[0]
