"""Fetch one web page (`didar ingest https://...`) with the standard library.

    fetch_page(url) -> Fetched(url, final_url, body, charset, content_type)
    fetch_item(url) -> Item(url, body, meta={"url": url, "format": "html", "charset": ...})

A clear User-Agent; a timeout on connecting and on every read, and a deadline for the whole
response; at most MAX_REDIRECTS redirects, to http(s) only; the body read as a stream and
refused past MAX_BYTES (also when Content-Length announces more); only HTML (or XHTML) content
types. Failures are typed (`didar.errors`): HttpStatusError, FetchTimeoutError,
PageTooLargeError, NotHtmlError, TooManyRedirectsError, PageFetchError for the rest.
The URL as given is the record's source and url: a later fetch of the same URL with a changed
text is stored as a new version of it. Nothing here prints.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlsplit

from didar.errors import (
    FetchTimeoutError,
    HttpStatusError,
    NotHtmlError,
    PageFetchError,
    PageTooLargeError,
    TooManyRedirectsError,
)
from didar.ingest.readers import Item

USER_AGENT = "didar/0.1 (+news event extraction; one page on request)"
TIMEOUT_SECONDS = 20.0  # to connect, for each read, and for the whole response
MAX_BYTES = 20_000_000  # as didar.text.decode.MAX_BYTES
MAX_REDIRECTS = 5
CHUNK_BYTES = 64 * 1024
SCHEMES = ("http", "https")
HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_url(value: str) -> bool:
    """Is this input an http(s) address rather than a path?"""
    parts = urlsplit(value)
    return parts.scheme.lower() in SCHEMES and bool(parts.netloc)


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # as asked
    final_url: str  # after redirects
    body: bytes
    charset: str | None  # from the Content-Type header
    content_type: str


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS
    max_repeats = 2

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if urlsplit(newurl).scheme.lower() not in SCHEMES:
            raise PageFetchError(f"redirect to a non-HTTP address {newurl!r} refused",
                                 req.full_url)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch_page(url: str, *, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_BYTES,
               user_agent: str = USER_AGENT) -> Fetched:
    """GET one HTML page. Raises a PageFetchError subclass (see the module docstring)."""
    if not is_url(url):
        raise PageFetchError("not an http(s) address", url)
    opener = urllib.request.build_opener(_Redirects())
    request = urllib.request.Request(url, headers={
        "User-Agent": user_agent,
        "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
        "Accept-Language": "fa,ar;q=0.9,en;q=0.5",
    })
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            headers: Message = response.headers
            content_type = headers.get_content_type()
            if content_type not in HTML_TYPES:
                raise NotHtmlError(f"the server sent {content_type}, not an HTML page", url)
            length = headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise PageTooLargeError(
                    f"the server announces {int(length):,} bytes, more than {max_bytes:,}", url)
            body = _read_capped(response, url, max_bytes, deadline)
            return Fetched(url, response.geturl(), body, headers.get_content_charset(),
                           content_type)
    except urllib.error.HTTPError as exc:
        if exc.code in (301, 302, 303, 307, 308):
            raise TooManyRedirectsError(f"more than {MAX_REDIRECTS} redirects "
                                        f"(last: HTTP {exc.code})", url) from exc
        raise HttpStatusError(f"HTTP {exc.code} {exc.reason}", url, status=exc.code) from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise FetchTimeoutError(f"no answer within {timeout:g} s", url) from exc
        raise PageFetchError(f"cannot reach the server: {exc.reason}", url) from exc
    except TimeoutError as exc:
        raise FetchTimeoutError(f"no complete answer within {timeout:g} s", url) from exc
    except OSError as exc:  # connection reset, and the like
        raise PageFetchError(f"the connection failed: {exc}", url) from exc


def _read_capped(response, url: str, max_bytes: int, deadline: float) -> bytes:  # type: ignore[no-untyped-def]
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise FetchTimeoutError("the response did not complete in time", url)
        chunk = response.read(CHUNK_BYTES)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise PageTooLargeError(f"the response is larger than {max_bytes:,} bytes", url)
        chunks.append(chunk)


def fetch_item(url: str, **options: float | int | str) -> Item:
    """The page at `url` as an Item for the pipeline: its bytes, the URL as source and url, and
    the charset of the HTTP header for the HTML decoder."""
    fetched = fetch_page(url, **options)  # type: ignore[arg-type]
    meta: dict[str, str] = {"url": url, "format": "html"}
    if fetched.charset:
        meta["charset"] = fetched.charset
    return Item(url, fetched.body, meta)
