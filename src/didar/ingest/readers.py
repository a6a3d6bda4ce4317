"""Readers: expand what a user hands didar into articles, one `Item` at a time.

    expand(["a.txt", "news.jsonl", "folder/", "-"]) -> Item | ReadFailure, ...

- a file is read as bytes (the pipeline detects its encoding), whatever its extension, except
  `.json` (one object with a `text` field, or a list of them) and `.jsonl` (one object per line);
- `.warc` and `.warc.gz` web archives are streamed page by page (`didar.ingest.warc`);
- a folder is walked recursively in name order, keeping `.txt`, `.html`, `.json`, `.jsonl`,
  `.warc` and `.warc.gz` files and
  skipping hidden files and folders (names starting with a dot);
- `.html` / `.htm` files are saved web pages (the article extractor of `didar.ingest.html`);
- an `http://` or `https://` address is fetched (`didar.ingest.http`): the URL is the source
  and url, the charset of the HTTP header goes to the HTML decoder;
- `-` reads standard input: JSON Lines when its first non-blank line is a JSON object, a JSON
  document when the whole input parses as one, otherwise one article as bytes.

`source` is the path as given; an article inside a JSON Lines file is `path#line` (1-based line
number), inside a JSON list `path#n` (1-based position). A bad line or a missing `text` field is a
`ReadFailure` for that item only: the iteration goes on. JSON Lines are streamed line by line, never
read whole. Nothing here prints or writes.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from didar.errors import DidarError, InputFormatError, InputNotFoundError, InputReadError

if TYPE_CHECKING:
    from didar.ingest.http import HttpClient

STDIN = "-"
FOLDER_SUFFIXES = (".txt", ".json", ".jsonl", ".html", ".htm", ".warc", ".warc.gz")
META_FIELDS = ("title", "url", "published", "outlet")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


@dataclass(frozen=True, slots=True)
class Item:
    """One article to extract: what `didar.extract(data, res, source=..., meta=...)` takes."""

    source: str
    data: bytes | str
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """An input that could not be turned into an article."""

    source: str
    error: DidarError


ReadResult = Item | ReadFailure


def expand(paths: Iterable[str], stdin: IO[bytes] | None = None) -> Iterator[ReadResult]:
    """Every article in `paths`, in order. `stdin` is the byte stream `-` reads."""
    for given in paths:
        if given == STDIN:
            if stdin is None:
                yield ReadFailure(STDIN, InputReadError("no standard input to read", STDIN))
                continue
            yield from read_stream(stdin, STDIN)
            continue
        if given.lower().startswith(("http://", "https://")):  # one web page: didar.ingest.http
            yield read_url(given)
            continue
        path = Path(given)
        if path.is_dir():
            for file in walk_folder(path):
                yield from read_file(file, _as_given(given, path, file))
        elif path.exists():
            yield from read_file(path, given)
        else:
            yield ReadFailure(given, InputNotFoundError(f"no such file or folder: {given}", given))


def walk_folder(folder: Path) -> Iterator[Path]:
    """Files under `folder` with a readable suffix, recursively, sorted, hidden ones skipped."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(FOLDER_SUFFIXES):
                yield Path(root) / name


def _as_given(given: str, folder: Path, file: Path) -> str:
    """The file's path spelled from the folder as the user gave it (`corpus/` -> `corpus/a.txt`)."""
    rel = file.relative_to(folder).as_posix()
    return given + rel if given.endswith(("/", os.sep)) else f"{given}/{rel}"


def read_file(path: Path, source: str) -> Iterator[ReadResult]:
    """The article(s) in one file."""
    suffix = path.suffix.lower()
    if path.name.lower().endswith((".warc", ".warc.gz")):  # web archives: didar.ingest.warc
        from didar.ingest.warc import read_warc

        yield from read_warc(path, source)
        return
    try:
        if suffix == ".jsonl":
            with path.open("rb") as fh:
                yield from read_jsonl(fh, source)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield ReadFailure(source, InputReadError(f"cannot read {source}: {exc.strerror}", source))
        return
    if suffix == ".json":
        yield from read_json(data, source)
    elif suffix in HTML_SUFFIXES:  # a saved page: the article extractor, whatever it starts with
        yield Item(source, data, {"format": "html"})
    else:
        yield Item(source, data)


def read_url(url: str, client: HttpClient | None = None) -> ReadResult:
    """The page at an http(s) address (fetched now), or why it could not be fetched."""
    try:
        return fetch_item(url, client)
    except DidarError as exc:
        return ReadFailure(url, exc)


def fetch_item(url: str, client: HttpClient | None = None) -> Item:
    """The HTML page at `url` as an Item for the pipeline: its bytes, the URL as source and
    url (a later fetch of the same URL with a changed text is a new version of it), and the
    charset of the HTTP header for the HTML decoder. `client` is the run's HttpClient (its
    politeness and caps); without one, the page is fetched as `didar ingest URL` does.
    Raises a PageFetchError subclass."""
    from didar.ingest.http import fetch_page

    page = client.get_page(url) if client is not None else fetch_page(url)
    meta: dict[str, str] = {"url": url, "format": "html"}
    if page.charset:
        meta["charset"] = page.charset
    return Item(url, page.body, meta)


def read_stream(stream: IO[bytes], source: str = STDIN) -> Iterator[ReadResult]:
    """Standard input: JSON Lines if its first non-blank line is a JSON object, else a JSON
    document if it parses as one, else one article (bytes, for the pipeline to decode)."""
    head: list[bytes] = []
    for line in stream:
        head.append(line)
        if line.strip():
            break
    first = b"".join(head)
    if _parse_object(first.strip()) is not None:
        lines = _chain(head, stream)
        yield from read_jsonl(lines, source)
        return
    data = first + stream.read()
    stripped = data.lstrip(b"\xef\xbb\xbf").strip()
    if stripped[:1] in (b"{", b"["):
        try:
            json.loads(stripped)
        except ValueError:
            pass
        else:
            yield from read_json(data, source)
            return
    yield Item(source, data)


def _chain(first: list[bytes], rest: Iterable[bytes]) -> Iterator[bytes]:
    yield from first
    yield from rest


def _parse_object(line: bytes) -> dict[str, Any] | None:
    if not line.startswith((b"{", b"\xef\xbb\xbf{")):
        return None
    try:
        value = json.loads(line.decode("utf-8-sig"))
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def read_jsonl(lines: Iterable[bytes], path: str) -> Iterator[ReadResult]:
    """One article per non-blank line; a bad line is a failure of that line only."""
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        source = f"{path}#{number}"
        try:
            value = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
        except UnicodeDecodeError:
            yield ReadFailure(source, InputFormatError("line is not valid UTF-8", source))
            continue
        except ValueError as exc:
            yield ReadFailure(source, InputFormatError(f"line is not valid JSON: {exc}", source))
            continue
        yield article_from_object(value, source)


def read_json(data: bytes, path: str) -> Iterator[ReadResult]:
    """A JSON file: one article object, or a list of them (`path#n` each)."""
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        yield ReadFailure(path, InputFormatError(f"not valid JSON: {exc}", path))
        return
    if isinstance(value, list):
        for n, obj in enumerate(value, start=1):
            yield article_from_object(obj, f"{path}#{n}")
    else:
        yield article_from_object(value, path)


def article_from_object(value: Any, source: str) -> ReadResult:
    """A JSON article: `text` (required) plus optional title, url, published, outlet."""
    if not isinstance(value, dict):
        return ReadFailure(source, InputFormatError("expected a JSON object", source))
    text = value.get("text")
    if not isinstance(text, str) or not text.strip():
        return ReadFailure(source, InputFormatError("no non-empty 'text' field", source))
    meta = {k: value[k] for k in META_FIELDS if isinstance(value.get(k), str) and value[k].strip()}
    return Item(source, text, meta)


def count_items(paths: Iterable[str]) -> int | None:
    """A cheap upper estimate of how many items `expand(paths)` yields (for a progress bar):
    one per file, one per non-blank line of JSON Lines, the length of JSON lists. None when
    standard input is among the paths (its length is unknown until read)."""
    total = 0
    for given in paths:
        if given == STDIN:
            return None
        path = Path(given)
        files = walk_folder(path) if path.is_dir() else [path]
        for file in files:
            total += _count_file(file)
    return total


def _count_file(path: Path) -> int:
    suffix = path.suffix.lower()
    try:
        if suffix == ".jsonl":
            with path.open("rb") as fh:
                return sum(1 for line in fh if line.strip())
        if suffix == ".json":
            value = json.loads(path.read_bytes().decode("utf-8-sig"))
            return len(value) if isinstance(value, list) else 1
    except (OSError, UnicodeDecodeError, ValueError):
        return 1
    return 1
