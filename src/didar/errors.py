"""Typed errors. Each carries the document it concerns and says what to do."""

from __future__ import annotations


class DidarError(Exception):
    """Base class: `source` is the document (path, URL or id) the error concerns."""

    code = "E000"
    hint = ""

    def __init__(self, message: str, source: str | None = None) -> None:
        self.source = source
        self.message = message
        super().__init__(message)

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}[{self.code}] {self.message}{hint}"


class EmptyDocumentError(DidarError):
    code = "E101"
    hint = "the input holds no article text; check the file or the JSON 'text' field"


class BinaryInputError(DidarError):
    code = "E102"
    hint = "the input looks like binary data, not text or HTML"


class DecodingError(DidarError):
    code = "E103"
    hint = "save the file as UTF-8, UTF-16 or Windows-1256"


class InputTooLargeError(DidarError):
    code = "E104"
    hint = "split the file, or raise the limit with --max-bytes"


class InputFormatError(DidarError):
    code = "E105"
    hint = "JSON input needs one object per line with a 'text' field"


class ResourceError(DidarError):
    code = "E201"
    hint = "a data file in the package is invalid; run the data tests"


class StoreError(DidarError):
    code = "E301"
    hint = "check the --db path and that the file is a didar database"


class WorkerPoolError(DidarError):
    code = "E902"
    hint = "rerun with --jobs 1 to see the underlying error; what was stored so far is kept"


class InputNotFoundError(DidarError):
    code = "E110"
    hint = "check the path; folders are read recursively for .txt, .html, .json and .jsonl files"


class InputReadError(DidarError):
    code = "E111"
    hint = "the file exists but could not be read; check its permissions"


class QueryError(DidarError):
    code = "E401"
    hint = "see `didar COMMAND --help` for the accepted values"


class DocumentNotFoundError(DidarError):
    code = "E404"
    hint = "list stored documents with `didar events` or `didar quotes`; ids are in `doc_id`"


class ActorNotFoundError(DidarError):
    code = "E405"
    hint = "list stored actors with `didar actors`; ids are in `id`"


class AmbiguousIdError(DidarError):
    code = "E302"
    hint = "give more characters of the document id"


class FeedError(DidarError):
    """A feed poll failed; `source` is the feed URL. The poll is recorded, the next feed goes on."""

    code = "E120"
    hint = "the failure is recorded in `didar feeds list`; the feed is retried later with backoff"


class FetchError(FeedError):
    """The server could not be reached, timed out or answered with an HTTP error."""

    code = "E121"
    hint = "check the feed address in a browser; a down or slow server is retried later"

    def __init__(self, message: str, source: str | None = None, *, retryable: bool = False,
                 status: int | None = None) -> None:
        super().__init__(message, source)
        self.retryable = retryable
        self.status = status


class ResponseTooLargeError(FeedError):
    code = "E122"
    hint = "the response is larger than the size cap; raise it with --max-bytes if the feed is real"


class FeedFormatError(FeedError):
    code = "E123"
    hint = "the address does not serve RSS or Atom; check it (the starter list is unverified)"


class WarcError(DidarError):
    code = "E112"
    hint = "the web archive is truncated or damaged; the records before the damage were read"


class PageFetchError(DidarError):
    """One web page (`didar ingest URL`) could not be fetched; `source` is the URL."""

    code = "E130"
    hint = "check the address in a browser; the other inputs were still processed"


class HttpStatusError(PageFetchError):
    code = "E131"
    hint = "the server answered with an HTTP error; check the address or try again later"

    def __init__(self, message: str, source: str | None = None, status: int | None = None):
        super().__init__(message, source)
        self.status = status


class FetchTimeoutError(PageFetchError):
    code = "E132"
    hint = "the server was too slow; try again later or raise --timeout"


class PageTooLargeError(PageFetchError):
    code = "E133"
    hint = "the response is larger than the size cap; save the page and ingest the file"


class NotHtmlError(PageFetchError):
    code = "E134"
    hint = "the address does not serve an HTML page (feeds: `didar feeds add`; files: save them)"


class TooManyRedirectsError(PageFetchError):
    code = "E135"
    hint = "the address redirects too often (a loop?); open it in a browser"
