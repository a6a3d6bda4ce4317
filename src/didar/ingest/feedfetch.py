"""Polite HTTP GET for feeds: conditional requests, a delay per host, timeouts, retries with
exponential backoff, and a size cap on every response, read as a stream.

    fetcher = Fetcher(host_delay=2.0)
    response = fetcher.get(url, etag=..., last_modified=...)   # status 200 (body) or 304

Errors are typed (`didar.errors`): `FetchError` (unreachable, timed out, HTTP error; `retryable`
says whether another attempt may help), `ResponseTooLargeError`. Only http and https are read,
also after a redirect. Nothing here prints; `sleep` and `clock` are injectable for tests.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import Message
from urllib.parse import urlsplit

from didar.errors import FetchError, ResponseTooLargeError

USER_AGENT = "didar/0.1 (news feed reader)"
TIMEOUT_SECONDS = 20.0  # to connect, for each read, and for the whole response
MAX_BYTES = 10 * 1024 * 1024  # a feed larger than 10 MB is not a news feed
RETRIES = 2  # attempts after the first, for retryable failures only
BACKOFF_SECONDS = 2.0  # wait before retry n: BACKOFF_SECONDS * 2 ** (n - 1)
HOST_DELAY_SECONDS = 2.0  # at least this long between two requests to the same host
CHUNK_BYTES = 64 * 1024
RETRYABLE_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
SCHEMES = ("http", "https")


@dataclass(slots=True)
class Response:
    url: str  # after redirects
    status: int  # 200 (or another 2xx) with a body, 304 not modified
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    attempts: int = 1

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if urlsplit(newurl).scheme.lower() not in SCHEMES:
            raise FetchError(f"redirect to a non-HTTP address {newurl!r} refused", req.full_url)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def host_of(url: str) -> str:
    return (urlsplit(url).netloc or url).lower()


class Fetcher:
    """GETs with a per-host delay; one instance per `watch` run keeps the hosts' clocks."""

    def __init__(
        self,
        *,
        timeout: float = TIMEOUT_SECONDS,
        max_bytes: int = MAX_BYTES,
        retries: int = RETRIES,
        backoff: float = BACKOFF_SECONDS,
        host_delay: float = HOST_DELAY_SECONDS,
        user_agent: str = USER_AGENT,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.retries = retries
        self.backoff = backoff
        self.host_delay = host_delay
        self.user_agent = user_agent
        self._sleep = sleep
        self._clock = clock
        self._last_request: dict[str, float] = {}
        self._opener = urllib.request.build_opener(_HttpOnlyRedirects)

    def get(self, url: str, *, etag: str | None = None,
            last_modified: str | None = None) -> Response:
        """The response to a GET of `url` (conditional when `etag`/`last_modified` are given),
        retrying retryable failures with exponential backoff. Raises FetchError or
        ResponseTooLargeError after the last attempt."""
        if urlsplit(url).scheme.lower() not in SCHEMES:
            raise FetchError("only http and https addresses can be polled", url)
        attempt = 0
        while True:
            attempt += 1
            self._wait_for_host(host_of(url))
            try:
                response = self._get_once(url, etag, last_modified)
            except FetchError as exc:
                if not exc.retryable or attempt > self.retries:
                    exc.message = f"{exc.message} (after {attempt} attempt(s))"
                    raise
                self._sleep(self.backoff * 2 ** (attempt - 1))
                continue
            response.attempts = attempt
            return response

    def _wait_for_host(self, host: str) -> None:
        last = self._last_request.get(host)
        if last is not None:
            wait = last + self.host_delay - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last_request[host] = self._clock()

    def _get_once(self, url: str, etag: str | None, last_modified: str | None) -> Response:
        headers = {"User-Agent": self.user_agent, "Accept-Encoding": "identity",
                   "Accept": "application/rss+xml, application/atom+xml, application/xml, "
                             "text/xml;q=0.9, */*;q=0.5"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        request = urllib.request.Request(url, headers=headers)
        started = self._clock()
        try:
            with self._opener.open(request, timeout=self.timeout) as raw:
                head = _headers(raw.headers)
                body = self._read_capped(raw, url, head, started)
                return Response(raw.geturl(), raw.status, body, head)
        except urllib.error.HTTPError as exc:
            head = _headers(exc.headers)
            exc.close()
            if exc.code == 304:
                return Response(url, 304, b"", head)
            raise FetchError(f"HTTP {exc.code} {exc.reason}", url,
                             retryable=exc.code in RETRYABLE_STATUS, status=exc.code) from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError):
                raise FetchError(f"timed out after {self.timeout:g} s", url,
                                 retryable=True) from None
            raise FetchError(f"cannot reach the server: {reason}", url, retryable=True) from None
        except TimeoutError:
            raise FetchError(f"timed out after {self.timeout:g} s", url, retryable=True) from None
        except (ConnectionError, OSError) as exc:  # reset, refused mid-read, bad status line
            raise FetchError(f"connection failed: {exc}", url, retryable=True) from None
        except ValueError as exc:  # urllib: malformed address
            raise FetchError(f"not a usable address: {exc}", url) from None

    def _read_capped(self, raw: object, url: str, head: dict[str, str], started: float) -> bytes:
        declared = head.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise ResponseTooLargeError(
                f"the server announces {int(declared):,} bytes, more than the cap of "
                f"{self.max_bytes:,}", url)
        parts: list[bytes] = []
        total = 0
        while True:
            chunk = raw.read(CHUNK_BYTES)  # type: ignore[attr-defined]
            if not chunk:
                break
            total += len(chunk)
            if total > self.max_bytes:
                raise ResponseTooLargeError(
                    f"the response passed the cap of {self.max_bytes:,} bytes; reading stopped",
                    url)
            parts.append(chunk)
            if self._clock() - started > self.timeout:
                raise FetchError(f"the response took longer than {self.timeout:g} s", url,
                                 retryable=True)
        return b"".join(parts)


def _headers(message: Message | None) -> dict[str, str]:
    if message is None:
        return {}
    return {k.lower(): v for k, v in message.items()}
