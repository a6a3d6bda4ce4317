"""Web archives: the pages inside a WARC file (`.warc` or `.warc.gz`), one `Item` each.

    read_warc(Path("crawl.warc.gz"), "crawl.warc.gz") -> Item | ReadFailure, ...

The archive is streamed record by record with warcio: only one record's payload is in memory
at a time (capped at MAX_RECORD_BYTES), so a multi-gigabyte crawl never sits in memory.

- Kept: `response` records (and `resource` records) with status 200 (or no HTTP status) and an
  HTML or plain-text payload. Requests, metadata, redirects, images and the like are skipped
  silently: they are not articles.
- `source` and `url` are the record's `WARC-Target-URI` (so a page archived twice with a changed
  text becomes a new version of the same lineage in the store).
- `WARC-Date` is when the page was *crawled*, not when it was published: it travels as the
  metadata hint `crawled` and is never used as the publication date (a page crawled years after
  it was written would get a wrong date). The publication date comes from the page itself.
- The charset of the HTTP `Content-Type` header decodes the payload when it names one that
  works; otherwise the pipeline detects the encoding (UTF-8, UTF-16, Windows-1256).
- HTML payloads are marked `format: html` (with the header's `charset`), so the pipeline reads
  them with the article extractor of `didar.ingest.html`, as it does saved pages and fetched
  URLs.
- A truncated or corrupt archive yields every record read before the damage and then one
  `ReadFailure` (`WarcError`) for the rest.

Nothing here prints or writes.
"""

from __future__ import annotations

import codecs
import gzip
import os
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from didar.errors import InputReadError, WarcError
from didar.ingest.readers import Item, ReadFailure, ReadResult

WARC_SUFFIXES = (".warc", ".warc.gz")
MAX_RECORD_BYTES = 20 * 1024 * 1024  # a page payload larger than this is not an article
_KEPT_TYPES = ("response", "resource")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain",)


def is_warc(path: Path | str) -> bool:
    return str(path).lower().endswith(WARC_SUFFIXES)


def read_warc(path: Path, source: str) -> Iterator[ReadResult]:
    """Every article page in the archive at `path` (`source` is the path as given)."""
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError:  # pragma: no cover - warcio is a dependency
        yield ReadFailure(source, WarcError("warcio is not installed; pip install warcio", source))
        return
    gz = path.name.lower().endswith(".gz")
    try:
        # gzip.open streams member by member and raises EOFError on a member cut short (warcio
        # alone would end quietly there); warcio reads the decompressed stream as plain WARC
        fh = _StrictGzip(gzip.open(path, "rb")) if gz else path.open("rb")
    except OSError as exc:
        yield ReadFailure(source, InputReadError(f"cannot read {source}: {exc.strerror}", source))
        return
    count = 0
    with fh:
        size = None if gz else os.fstat(fh.fileno()).st_size
        records = ArchiveIterator(fh)
        try:
            for record in records:
                count += 1
                if record.rec_type is None or record.length is None:  # a header cut short
                    raise _Truncated(f"record {count} has no complete WARC header")
                result = _record_item(record, source, count)
                while record.raw_stream.read(1 << 16):  # the rest of a skipped record
                    pass
                if getattr(record.raw_stream, "limit", 0):  # the archive ended inside it
                    raise _Truncated(f"record {count} ends before its Content-Length")
                if result is not None:
                    yield result
        except (
            _Truncated,
            ArchiveLoadFailed,
            EOFError,
            OSError,
            zlib.error,
            ValueError,
            AttributeError,
        ) as exc:  # AttributeError: warcio on a header cut in two
            yield _damaged(source, count, records.offset, f"{type(exc).__name__}: {exc}")
            return
        # warcio may end quietly on a cut plain archive: what it did not reach is the damage
        reached = records.offset if isinstance(records.offset, int) and count else 0
        if size is not None and reached < size:
            yield _damaged(source, count, reached, f"{size - reached} bytes unread")


class _Truncated(Exception):
    """The archive ends inside a record (not an EOFError, which warcio swallows)."""


class _StrictGzip:
    """A gzip stream whose cut-short member raises `_Truncated` instead of EOFError."""

    def __init__(self, inner: gzip.GzipFile) -> None:
        self._inner = inner

    def read(self, size: int = -1) -> bytes:
        try:  # read1: what one step decompressed, so the bytes before a cut are not lost
            return self._inner.read1(size)
        except EOFError as exc:
            raise _Truncated(f"the gzip stream ends early ({exc})") from exc

    def readline(self, size: int = -1) -> bytes:
        try:
            return self._inner.readline(size)
        except EOFError as exc:
            raise _Truncated(f"the gzip stream ends early ({exc})") from exc

    def tell(self) -> int:
        return self._inner.tell()

    def close(self) -> None:
        self._inner.close()

    def __enter__(self) -> _StrictGzip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _damaged(source: str, count: int, offset: Any, why: str) -> ReadFailure:
    return ReadFailure(
        source,
        WarcError(
            f"the archive is truncated or damaged after {count} record(s) (at byte {offset}: "
            f"{why}); the records before it were read",
            source,
        ),
    )


def _record_item(record: Any, archive: str, number: int) -> ReadResult | None:
    """One archive record to an Item, a ReadFailure, or None when it is not an article."""
    if record.rec_type not in _KEPT_TYPES:
        return None
    headers = record.rec_headers
    uri = headers.get_header("WARC-Target-URI") or f"{archive}#{number}"
    http = record.http_headers
    if http is not None:
        status = http.get_statuscode()
        if status and status != "200":
            return None
        content_type = http.get_header("Content-Type") or ""
    else:
        content_type = headers.get_header("Content-Type") or ""
    mime = content_type.split(";")[0].strip().lower()
    is_html = mime in _HTML_TYPES
    if not (is_html or mime in _TEXT_TYPES or (not mime and record.rec_type == "resource")):
        return None
    stream = record.content_stream()
    payload = stream.read(MAX_RECORD_BYTES + 1)
    if len(payload) > MAX_RECORD_BYTES:
        # read the rest away in small pieces so the iterator can go on to the next record
        while stream.read(1 << 16):
            pass
        return ReadFailure(
            uri,
            WarcError(
                f"record {number} of {archive} is larger than {MAX_RECORD_BYTES:,} bytes; skipped",
                uri,
            ),
        )
    meta: dict[str, Any] = {"url": uri, "archive": archive}
    crawled = headers.get_header("WARC-Date")
    if crawled:
        meta["crawled"] = crawled  # a hint only: never the publication date (see above)
    if is_html:  # the article extractor (didar.ingest.html) reads it, with the header charset
        meta["format"] = "html"
        charset = _charset(content_type)
        if charset:
            meta["charset"] = charset
        return Item(uri, payload, meta)
    return Item(uri, _decode(payload, content_type), meta)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _decode(payload: bytes, content_type: str) -> bytes | str:
    """A text payload as text when the HTTP header names a charset that decodes it, else bytes
    (the pipeline detects the encoding)."""
    charset = _charset(content_type)
    if charset:
        try:
            codecs.lookup(charset)
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            return payload
    return payload
