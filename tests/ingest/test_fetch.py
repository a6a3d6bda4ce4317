"""Fetching one URL (`didar ingest https://...`) from a local HTTP server on 127.0.0.1 that the
tests start: pages, a slow page, redirects, an oversized response, a 404 and non-HTML types.
Nothing here reaches the internet."""

from __future__ import annotations

import sqlite3
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))

from agency_pages import CORPUS, SKIP_REASON, PageSpec, agency_page, corpus_available, read_article

from didar.errors import (
    FetchTimeoutError,
    HttpStatusError,
    NotHtmlError,
    PageFetchError,
    PageTooLargeError,
    TooManyRedirectsError,
)
from didar.ingest.http import USER_AGENT, fetch_page, is_url
from didar.ingest.readers import ReadFailure, expand, fetch_item

needs_corpus = pytest.mark.skipif(not corpus_available(), reason=SKIP_REASON)

SIMPLE = (
    "<html lang='ar'><head><meta charset='utf-8'><title>خبر</title></head><body><article>"
    + "<p>أكد رئيس تيار الحكمة الوطني عمار الحكيم أهمية تعزيز التعاون بين العراق وإيران "
    "خلال لقائه السفير الإيراني في بغداد اليوم.</p>" * 3 + "</article></body></html>"
)


class _Site:
    """What the server serves: path -> (status, headers, body); `seen` records requests."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.seen: list[tuple[str, str]] = []  # (path, user agent)
        self.slow_seconds = 2.0


def _handler(site: _Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            site.seen.append((self.path, self.headers.get("User-Agent", "")))
            if self.path == "/slow":
                time.sleep(site.slow_seconds)
            if self.path == "/trickle":  # headers at once, then the body too slowly
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                for _ in range(20):
                    self.wfile.write(b"<p>" + b"x" * 100 + b"</p>")
                    self.wfile.flush()
                    time.sleep(0.1)
                return
            if self.path == "/huge-chunked":  # no Content-Length, more than the cap
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                for _ in range(64):
                    self.wfile.write(b"<p>" + "خبر ".encode() * 2000 + b"</p>")
                return
            status, headers, body = site.pages.get(self.path, (404, {}, b"not found"))
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            if "Content-Length" not in headers:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        pass  # the client hung up on purpose (timeouts, size cap)


@pytest.fixture
def server() -> Iterator[tuple[str, _Site]]:
    site = _Site()
    httpd = _QuietServer(("127.0.0.1", 0), _handler(site))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    html = {"Content-Type": "text/html; charset=utf-8"}
    site.pages.update(
        {
            "/page": (200, html, SIMPLE.encode()),
            "/moved": (301, {"Location": "/page"}, b""),
            "/moved-twice": (302, {"Location": "/moved"}, b""),
            "/loop": (302, {"Location": "/loop"}, b""),
            "/feed.xml": (200, {"Content-Type": "application/rss+xml"}, b"<rss></rss>"),
            "/doc.pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4"),
            "/big": (200, {"Content-Type": "text/html", "Content-Length": str(50_000_000)}, b""),
            "/gone": (410, {}, b"gone"),
            "/error": (500, {}, b"oops"),
            "/slow": (200, html, SIMPLE.encode()),
            "/ftp-redirect": (302, {"Location": "ftp://127.0.0.1/x"}, b""),
        }
    )
    try:
        yield base, site
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_is_url():
    assert is_url("https://www.irna.ir/news/1") and is_url("http://127.0.0.1:8000/x")
    assert not is_url("page.html") and not is_url("ftp://x/y") and not is_url("https://")


def test_fetch_page_sends_user_agent(server):
    base, site = server
    fetched = fetch_page(f"{base}/page")
    assert fetched.body == SIMPLE.encode() and fetched.charset == "utf-8"
    assert site.seen == [("/page", USER_AGENT)]
    assert "didar" in USER_AGENT


def test_redirects_followed_and_bounded(server):
    base, site = server
    fetched = fetch_page(f"{base}/moved-twice")
    assert fetched.final_url == f"{base}/page" and fetched.url == f"{base}/moved-twice"
    with pytest.raises(TooManyRedirectsError) as err:
        fetch_page(f"{base}/loop")
    assert err.value.source == f"{base}/loop"
    assert len(site.seen) < 20
    with pytest.raises(PageFetchError):
        fetch_page(f"{base}/ftp-redirect")


@pytest.mark.parametrize("path, status", [("/missing", 404), ("/gone", 410), ("/error", 500)])
def test_http_errors_typed(server, path, status):
    base, _ = server
    with pytest.raises(HttpStatusError) as err:
        fetch_page(base + path)
    assert err.value.status == status and err.value.code == "E131"
    assert str(status) in str(err.value)


@pytest.mark.parametrize("path", ["/feed.xml", "/doc.pdf"])
def test_non_html_refused(server, path):
    base, _ = server
    with pytest.raises(NotHtmlError):
        fetch_page(base + path)


def test_timeouts(server):
    base, _ = server
    with pytest.raises(FetchTimeoutError):
        fetch_page(f"{base}/slow", timeout=0.5)
    with pytest.raises(FetchTimeoutError):
        fetch_page(f"{base}/trickle", timeout=0.5)


def test_oversized_refused(server):
    base, _ = server
    with pytest.raises(PageTooLargeError):  # announced by Content-Length
        fetch_page(f"{base}/big")
    with pytest.raises(PageTooLargeError):  # streamed, no length: stopped at the cap
        fetch_page(f"{base}/huge-chunked", max_bytes=200_000)


def test_unreachable_server_typed():
    with pytest.raises(PageFetchError):
        fetch_page("http://127.0.0.1:9/nothing", timeout=2)


def test_expand_url_item_and_failure(server):
    base, _ = server
    results = list(expand([f"{base}/page", f"{base}/missing"]))
    item, failure = results
    assert item.source == f"{base}/page" and item.meta["url"] == f"{base}/page"
    assert item.meta["format"] == "html" and item.meta["charset"] == "utf-8"
    assert isinstance(failure, ReadFailure) and isinstance(failure.error, HttpStatusError)


@needs_corpus
def test_header_charset_windows_1256(server):
    base, site = server
    paras = read_article(CORPUS / "dev" / "ar_snn_01.txt")
    spec = PageSpec(
        paragraphs=paras[1:],
        title=paras[0],
        lang="ar",
        charset=None,
        outlet="واع",
        url="https://agency.example/ar/1",
    )
    site.pages["/cp1256"] = (
        200,
        {"Content-Type": "text/html; charset=windows-1256"},
        agency_page(spec).encode("cp1256"),
    )
    item = fetch_item(f"{base}/cp1256")
    from didar.text.decode import read_input

    doc = read_input(item.data, source=item.source, meta=item.meta)
    assert doc.encoding == "cp1256"
    assert "".join(paras[1].split()) in "".join(doc.text.split())
    assert doc.url == f"{base}/cp1256"  # the URL asked for is the record's url


def _docs(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as con:
        return con.execute(
            "SELECT source, url, version, is_latest, text FROM documents ORDER BY pk"
        ).fetchall()


@needs_corpus
def test_cli_ingest_url_and_refetch_is_new_version(server, tmp_path):
    from didar.cli.main import main

    base, site = server
    paras = read_article(next((CORPUS / "seeds").glob("000_*.txt")))
    spec = PageSpec(
        paragraphs=paras,
        title="پزشکیان در دیدار عمار حکیم",
        lang="fa",
        outlet="ایلنا",
        url="https://www.ilna.ir/news/1234/",
    )
    html = {"Content-Type": "text/html; charset=utf-8"}
    site.pages["/news/1"] = (200, html, agency_page(spec).encode())
    url = f"{base}/news/1"
    db = tmp_path / "d.db"
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", url, f"{base}/missing", "--db", str(db)])
    assert first.exit_code == 1, first.output  # one input failed, the page was stored
    assert "stored 1" in first.output and "E131" in first.output and "404" in first.output
    [(source, record_url, version, _, _)] = _docs(db)
    assert source == url and record_url == url and version == 1

    again = runner.invoke(main, ["ingest", url, "--db", str(db)])
    assert again.exit_code == 0 and "duplicates 1" in again.output, again.output

    spec.paragraphs = [*paras, "رئیس‌جمهور در پایان بر ادامه همکاری‌ها تأکید کرد."]
    site.pages["/news/1"] = (200, html, agency_page(spec).encode())
    third = runner.invoke(main, ["ingest", url, "--db", str(db)])
    assert third.exit_code == 0 and "new versions 1" in third.output, third.output
    rows = _docs(db)
    assert [(r[0], r[2], r[3]) for r in rows] == [(url, 1, 0), (url, 2, 1)]
    assert "همکاری‌ها تأکید کرد" in rows[1][4]
