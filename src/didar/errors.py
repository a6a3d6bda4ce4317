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


class AmbiguousIdError(DidarError):
    code = "E302"
    hint = "give more characters of the document id"
