"""A local HTTP server (127.0.0.1, a free port, a thread) serving RSS and Atom feeds built from
the real articles in ../shared/corpus/dev, plus slow, malformed, oversized and failing ones.
Used by tests/ingest/test_feeds.py and tests/cli/test_feeds_cli.py. Never reaches the internet.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from email.utils import formatdate
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev"
SKIP_REASON = f"the real articles are not at {CORPUS} (../shared/corpus/dev)"

# pubDates as Iranian and Iraqi agencies write them: Solar Hijri, Arabic (Levantine) months
JALALI_DATES = [
    ("سه‌شنبه ۲۴ فروردین ۱۴۰۰ - ۱۰:۳۰", "2021-04-13"),
    ("۱۵ فروردین ۱۴۰۰", "2021-04-04"),
    ("Tue, 13 Apr 2021 09:15:00 +0430", "2021-04-13"),  # an ordinary RFC 822 date among them
]
ARABIC_DATES = [
    ("الأحد 7 آذار 2021 - 14:05", "2021-03-07"),
    ("السبت 10 نيسان 2021", "2021-04-10"),
    ("2021-04-17T08:00:00+03:00", "2021-04-17"),
]


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "application/rss+xml; charset=utf-8"
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0  # seconds before answering
    stream_bytes: int = 0  # send this many filler bytes without a Content-Length
    fail_first: int = 0  # answer 500 to the first n requests
    hits: int = 0


@dataclass
class FeedServer:
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self) -> Counter:
        return Counter(path for path, _ in self.requests)

    def start(self) -> FeedServer:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep the test output clean
                pass

            def do_GET(self) -> None:
                try:
                    self._answer()
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout, size cap): what the test wants

            def _answer(self) -> None:
                owner.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                route = owner.routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return
                route.hits += 1
                if route.delay:
                    time.sleep(route.delay)
                if route.hits <= route.fail_first or route.status >= 400:
                    self.send_response(500 if route.hits <= route.fail_first else route.status)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                inm = self.headers.get("If-None-Match")
                ims = self.headers.get("If-Modified-Since")
                if (route.etag and inm == route.etag) or (
                    route.last_modified and not route.etag and ims == route.last_modified
                ):
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", route.content_type)
                if route.etag:
                    self.send_header("ETag", route.etag)
                if route.last_modified:
                    self.send_header("Last-Modified", route.last_modified)
                if route.stream_bytes:
                    self.send_header("Connection", "close")
                    self.end_headers()
                    chunk = b"<!-- filler -->" * 4096
                    sent = 0
                    try:
                        while sent < route.stream_bytes:
                            self.wfile.write(chunk)
                            sent += len(chunk)
                    except (BrokenPipeError, ConnectionResetError):
                        pass  # the client stopped reading at its cap: what we want
                    return
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


# -- feeds built from the corpus --------------------------------------------------------------


def article(name: str) -> tuple[str, str]:
    """(title, body) of a corpus article: its first non-blank line, and the rest."""
    lines = [line.strip() for line in (CORPUS / name).read_text("utf-8").splitlines()]
    lines = [line for line in lines if line]
    return lines[0][:200], "\n\n".join(lines[1:])


def rss(items: list[tuple[str, str, str, str]], title: str = "خبرگزاری آزمون") -> bytes:
    """RSS 2.0; items are (guid/link, title, body, pubDate). Bodies go in as HTML paragraphs."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
        f"<channel><title>{escape(title)}</title><link>http://127.0.0.1/</link>",
        "<description>آخرین اخبار</description>",
    ]
    for link, head, body, date in items:
        html = "".join(f"<p>{escape(p)}</p>" for p in body.split("\n\n"))
        parts.append(
            f"<item><title>{escape(head)}</title><link>{escape(link)}</link>"
            f'<guid isPermaLink="true">{escape(link)}</guid><pubDate>{escape(date)}</pubDate>'
            f"<description>{escape(body[:200])}</description>"
            f"<content:encoded><![CDATA[{html}]]></content:encoded></item>"
        )
    parts.append("</channel></rss>")
    return "\n".join(parts).encode("utf-8")


def atom(entries: list[tuple[str, str, str, str]], title: str = "وكالة الاختبار") -> bytes:
    """Atom 1.0; entries are (id/link, title, body, published)."""
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>{escape(title)}</title><id>urn:test:atom</id>",
        "<updated>2021-04-17T08:00:00Z</updated>",
    ]
    for link, head, body, date in entries:
        parts.append(
            f"<entry><title>{escape(head)}</title><id>{escape(link)}</id>"
            f'<link rel="alternate" href="{escape(link)}"/>'
            f"<published>{escape(date)}</published><updated>{escape(date)}</updated>"
            f'<content type="text">{escape(body)}</content></entry>'
        )
    parts.append("</feed>")
    return "\n".join(parts).encode("utf-8")


PERSIAN = ["fa_farex_02.txt", "fa_farex_03.txt", "fa_farex_05.txt"]
ARABIC = ["ar_snn_01.txt", "ar_snn_03.txt", "ar_snn_04.txt"]
MALFORMED = b"<!DOCTYPE html><html><body><h1>\xd8\xae\xd8\xb7\xd8\xa7</h1><p>503</p></body></html>"


def persian_items(base: str, names: list[str] = PERSIAN) -> list[tuple[str, str, str, str]]:
    return [
        (f"{base}/fa/news/{i}", *article(name), JALALI_DATES[i % len(JALALI_DATES)][0])
        for i, name in enumerate(names)
    ]


def arabic_items(base: str, names: list[str] = ARABIC) -> list[tuple[str, str, str, str]]:
    return [
        (f"{base}/ar/news/{i}", *article(name), ARABIC_DATES[i % len(ARABIC_DATES)][0])
        for i, name in enumerate(names)
    ]


def standard_server() -> FeedServer:
    """RSS (ETag), Atom (Last-Modified only), slow, malformed, oversized and 500 routes."""
    server = FeedServer().start()
    base = server.base
    server.routes["/rss.xml"] = Route(
        rss(persian_items(base)), etag='"rss-v1"', last_modified=formatdate(1618300000, usegmt=True)
    )
    server.routes["/atom.xml"] = Route(
        atom(arabic_items(base)),
        content_type="application/atom+xml; charset=utf-8",
        last_modified=formatdate(1618600000, usegmt=True),
    )
    server.routes["/slow.xml"] = Route(rss(persian_items(base)[:1]), delay=2.0)
    server.routes["/broken.xml"] = Route(MALFORMED, content_type="text/html")
    server.routes["/big.xml"] = Route(stream_bytes=3 * 1024 * 1024)
    server.routes["/error.xml"] = Route(status=500)
    return server
