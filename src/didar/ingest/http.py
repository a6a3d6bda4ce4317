"""didar's one HTTP client (standard library only): the page of `didar ingest https://...`, the
feeds of `didar watch` and the article pages of short feed items all go through it.

    client = HttpClient(host_delay=2.0)             # one per run: it keeps the hosts' clocks
    client.get(feed_url, etag=..., last_modified=...)  # Response: status 200 (body) or 304
    client.get_page(url)                            # one HTML page, page errors E130-E135
    fetch_page(url)                                 # the same, with a client of its own

Every request: one User-Agent; a timeout on connecting and on every read, and a deadline for
the whole response; at most MAX_REDIRECTS redirects, to http(s) only; a delay per host
(`host_delay`) between two requests to the same host; the body read as a stream and refused
past `max_bytes` (also when Content-Length announces more); conditional GET when an ETag or
Last-Modified is given (a 304 is a Response with no body); retryable failures (timeouts,
unreachable, 408/425/429/5xx) retried with exponential backoff.

Failures are typed (`didar.errors`), in the family the caller asks for: feeds get FetchError
(E121, with `retryable` and `status`) and ResponseTooLargeError (E122); pages get
HttpStatusError, FetchTimeoutError, PageTooLargeError, NotHtmlError, TooManyRedirectsError and
PageFetchError for the rest (E130-E135). Nothing here prints; `sleep` and `clock` are
injectable for tests.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import Message
from typing import Any
from urllib.parse import urlsplit

from didar.errors import (
    DidarError,
    FetchError,
    FetchTimeoutError,
    HttpStatusError,
    NotHtmlError,
    PageFetchError,
    PageTooLargeError,
    ResponseTooLargeError,
    TooManyRedirectsError,
)

USER_AGENT = "didar/0.1 (+news event extraction; feeds and the pages they link, politely)"
TIMEOUT_SECONDS = 20.0  # to connect, for each read, and for the whole response
MAX_BYTES = 10 * 1024 * 1024  # a feed (or a feed item's page) larger than 10 MB is not news
PAGE_MAX_BYTES = 20_000_000  # one page asked for by name: as didar.text.decode.MAX_BYTES
MAX_REDIRECTS = 5
RETRIES = 2  # attempts after the first, for retryable failures only
PAGE_RETRIES = 0  # `didar ingest URL`: the user sees the failure at once and can run it again
BACKOFF_SECONDS = 2.0  # wait before retry n: BACKOFF_SECONDS * 2 ** (n - 1)
HOST_DELAY_SECONDS = 2.0  # at least this long between two requests to the same host
CHUNK_BYTES = 64 * 1024
RETRYABLE_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
REDIRECT_STATUS = frozenset({301, 302, 303, 307, 308})
SCHEMES = ("http", "https")
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml, text/xml;q=0.9, */*;q=0.5"
)
PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
ACCEPT_LANGUAGE = "fa,ar;q=0.9,en;q=0.5"


@dataclass(frozen=True, slots=True)
class ErrorKinds:
    """The typed error raised for each kind of failure, by caller (feeds or pages)."""

    failed: type[DidarError]  # unreachable, connection reset, refused redirect, bad address
    status: type[DidarError]  # an HTTP error status
    timeout: type[DidarError]
    too_large: type[DidarError]
    redirects: type[DidarError]  # too many redirects, or a loop
    not_html: type[DidarError]


FEED_ERRORS = ErrorKinds(
    FetchError, FetchError, FetchError, ResponseTooLargeError, FetchError, FetchError
)
PAGE_ERRORS = ErrorKinds(
    PageFetchError,
    HttpStatusError,
    FetchTimeoutError,
    PageTooLargeError,
    TooManyRedirectsError,
    NotHtmlError,
)


def _error(
    kind: type[DidarError],
    message: str,
    url: str,
    *,
    retryable: bool = False,
    status: int | None = None,
) -> DidarError:
    if issubclass(kind, FetchError):
        exc: DidarError = kind(message, url, retryable=retryable, status=status)  # type: ignore[call-arg]
    elif issubclass(kind, HttpStatusError):
        exc = kind(message, url, status=status)  # type: ignore[call-arg]
    else:
        exc = kind(message, url)
    exc.retryable = retryable  # type: ignore[attr-defined]
    exc.status = status  # type: ignore[attr-defined]
    return exc


def is_url(value: str) -> bool:
    """Is this input an http(s) address rather than a path?"""
    parts = urlsplit(value)
    return parts.scheme.lower() in SCHEMES and bool(parts.netloc)


def host_of(url: str) -> str:
    return (urlsplit(url).netloc or url).lower()


@dataclass(slots=True)
class Response:
    url: str  # as asked
    status: int  # 200 (or another 2xx) with a body, 304 not modified
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    final_url: str = ""  # after redirects
    attempts: int = 1

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")

    @property
    def content_type(self) -> str:
        return _message(self.headers).get_content_type()

    @property
    def charset(self) -> str | None:
        """The charset the Content-Type header declares."""
        return _message(self.headers).get_content_charset()


class _RefusedRedirect(Exception):
    def __init__(self, newurl: str) -> None:
        super().__init__(newurl)
        self.newurl = newurl


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, max_redirects: int) -> None:
        super().__init__()
        self.max_redirections = max_redirects
        self.max_repeats = 2

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if urlsplit(newurl).scheme.lower() not in SCHEMES:
            raise _RefusedRedirect(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class HttpClient:
    """GETs with a per-host delay, retries and caps; one instance per run keeps the hosts'
    clocks, so feeds and the pages they link share one politeness schedule."""

    def __init__(
        self,
        *,
        timeout: float = TIMEOUT_SECONDS,
        max_bytes: int = MAX_BYTES,
        retries: int = RETRIES,
        backoff: float = BACKOFF_SECONDS,
        host_delay: float = HOST_DELAY_SECONDS,
        max_redirects: int = MAX_REDIRECTS,
        user_agent: str = USER_AGENT,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.retries = retries
        self.backoff = backoff
        self.host_delay = host_delay
        self.max_redirects = max_redirects
        self.user_agent = user_agent
        self._sleep = sleep
        self._clock = clock
        self._last_request: dict[str, float] = {}
        self._opener = urllib.request.build_opener(_HttpOnlyRedirects(max_redirects))

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = FEED_ACCEPT,
        errors: ErrorKinds = FEED_ERRORS,
        content_types: tuple[str, ...] | None = None,
    ) -> Response:
        """The response to a GET of `url` (conditional when `etag`/`last_modified` are given),
        retrying retryable failures with exponential backoff. `content_types`: the only
        types accepted (else `errors.not_html`). Raises an error of `errors` after the last
        attempt."""
        if urlsplit(url).scheme.lower() not in SCHEMES:
            raise _error(errors.failed, "only http and https addresses can be fetched", url)
        attempt = 0
        while True:
            attempt += 1
            self._wait_for_host(host_of(url))
            try:
                response = self._get_once(url, etag, last_modified, accept, errors, content_types)
            except DidarError as exc:
                if not getattr(exc, "retryable", False) or attempt > self.retries:
                    if attempt > 1 or self.retries:
                        exc.message = f"{exc.message} (after {attempt} attempt(s))"
                    raise
                self._sleep(self.backoff * 2 ** (attempt - 1))
                continue
            response.attempts = attempt
            return response

    def get_page(self, url: str) -> Response:
        """One HTML (or XHTML) page. Raises a PageFetchError subclass (module docstring)."""
        if not is_url(url):
            raise PageFetchError("not an http(s) address", url)
        return self.get(url, accept=PAGE_ACCEPT, errors=PAGE_ERRORS, content_types=HTML_TYPES)

    def _wait_for_host(self, host: str) -> None:
        last = self._last_request.get(host)
        if last is not None:
            wait = last + self.host_delay - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last_request[host] = self._clock()

    def _get_once(
        self,
        url: str,
        etag: str | None,
        last_modified: str | None,
        accept: str,
        errors: ErrorKinds,
        content_types: tuple[str, ...] | None,
    ) -> Response:
        headers = {
            "User-Agent": self.user_agent,
            "Accept-Encoding": "identity",
            "Accept": accept,
            "Accept-Language": ACCEPT_LANGUAGE,
        }
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        request = urllib.request.Request(url, headers=headers)
        started = self._clock()
        try:
            with self._opener.open(request, timeout=self.timeout) as raw:
                head = _headers(raw.headers)
                if content_types is not None:
                    kind = _message(head).get_content_type()
                    if kind not in content_types:
                        raise _error(
                            errors.not_html, f"the server sent {kind}, not an HTML page", url
                        )
                body = self._read_capped(raw, url, head, started, errors)
                return Response(url, raw.status, body, head, raw.geturl())
        except urllib.error.HTTPError as exc:
            head = _headers(exc.headers)
            exc.close()
            if exc.code == 304:
                return Response(url, 304, b"", head, url)
            if exc.code in REDIRECT_STATUS:  # urllib gave up: too many, or a loop
                raise _error(
                    errors.redirects,
                    f"more than {self.max_redirects} redirects or a loop (last: HTTP {exc.code})",
                    url,
                    status=exc.code,
                ) from None
            raise _error(
                errors.status,
                f"HTTP {exc.code} {exc.reason}",
                url,
                retryable=exc.code in RETRYABLE_STATUS,
                status=exc.code,
            ) from None
        except _RefusedRedirect as exc:
            raise _error(
                errors.failed, f"redirect to a non-HTTP address {exc.newurl!r} refused", url
            ) from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise _error(
                    errors.timeout, f"timed out after {self.timeout:g} s", url, retryable=True
                ) from None
            raise _error(
                errors.failed, f"cannot reach the server: {exc.reason}", url, retryable=True
            ) from None
        except TimeoutError:
            raise _error(
                errors.timeout, f"timed out after {self.timeout:g} s", url, retryable=True
            ) from None
        except OSError as exc:  # reset, refused mid-read, bad status line
            raise _error(errors.failed, f"connection failed: {exc}", url, retryable=True) from None
        except ValueError as exc:  # urllib: malformed address
            raise _error(errors.failed, f"not a usable address: {exc}", url) from None

    def _read_capped(
        self, raw: Any, url: str, head: dict[str, str], started: float, errors: ErrorKinds
    ) -> bytes:
        declared = head.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise _error(
                errors.too_large,
                f"the server announces {int(declared):,} bytes, more "
                f"than the cap of {self.max_bytes:,}",
                url,
            )
        parts: list[bytes] = []
        total = 0
        while True:
            chunk = raw.read(CHUNK_BYTES)
            if not chunk:
                break
            total += len(chunk)
            if total > self.max_bytes:
                raise _error(
                    errors.too_large,
                    f"the response passed the cap of {self.max_bytes:,} bytes; reading stopped",
                    url,
                )
            parts.append(chunk)
            if self._clock() - started > self.timeout:
                raise _error(
                    errors.timeout,
                    f"the response took longer than {self.timeout:g} s (timed out)",
                    url,
                    retryable=True,
                )
        return b"".join(parts)


def fetch_page(
    url: str,
    *,
    timeout: float = TIMEOUT_SECONDS,
    max_bytes: int = PAGE_MAX_BYTES,
    user_agent: str = USER_AGENT,
    retries: int = PAGE_RETRIES,
) -> Response:
    """GET one HTML page with a client of its own (`didar ingest URL`). Raises a
    PageFetchError subclass."""
    client = HttpClient(
        timeout=timeout, max_bytes=max_bytes, user_agent=user_agent, retries=retries, host_delay=0.0
    )
    return client.get_page(url)


def _headers(message: Message | None) -> dict[str, str]:
    if message is None:
        return {}
    return {k.lower(): v for k, v in message.items()}


def _message(headers: dict[str, str]) -> Message:
    message = Message()
    for name, value in headers.items():
        message[name] = value
    return message
