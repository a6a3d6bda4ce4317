"""Output formats for the CLI: one JSON array, CSV with a header, or a table for the terminal.

Tables align columns by display width (combining marks and ZWNJ take no room, wide East Asian
characters two) and print Persian and Arabic text as is, in logical order: the terminal lays out
right-to-left runs itself.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

FORMATS = ("table", "json", "csv")
LIST_SEPARATOR = "; "  # joins list values in CSV cells
ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str
    width: int | None = None  # most display columns a table cell takes; None: unlimited


def char_width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf", "Cc"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    return sum(char_width(c) for c in text)


def truncate(text: str, width: int | None) -> str:
    if width is None or display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = char_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out).rstrip() + ELLIPSIS


def cell_text(value: Any, sep: str = ", ") -> str:
    """A value as one line of text: lists joined, None empty, booleans yes/no."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return sep.join(cell_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return " ".join(str(value).split())


def to_json(rows: Sequence[Mapping[str, Any]] | Mapping[str, Any]) -> str:
    """One JSON document (for listings: one array), UTF-8 text kept readable."""
    return json.dumps(rows, ensure_ascii=False, indent=2)


def to_csv(rows: Iterable[Mapping[str, Any]], keys: Sequence[str]) -> str:
    """CSV with a header row of `keys`; lists joined with '; ', booleans true/false."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(keys)
    for row in rows:
        writer.writerow([_csv_value(row.get(k)) for k in keys])
    return buf.getvalue()


def _csv_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(cell_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else str(value)


def to_table(rows: Iterable[Mapping[str, Any]], columns: Sequence[Column]) -> str:
    """An aligned table with a header and a rule under it."""
    cells = [[truncate(cell_text(row.get(c.key)), c.width) for c in columns] for row in rows]
    headers = [c.header for c in columns]
    widths = [
        max([display_width(h)] + [display_width(r[i]) for r in cells])
        for i, h in enumerate(headers)
    ]
    lines = [_line(headers, widths), _line(["-" * w for w in widths], widths)]
    lines += [_line(r, widths) for r in cells]
    return "\n".join(lines) + "\n"


def _line(values: Sequence[str], widths: Sequence[int]) -> str:
    padded = [v + " " * (w - display_width(v)) for v, w in zip(values, widths, strict=True)]
    return "  ".join(padded).rstrip()


def render(
    rows: Sequence[Mapping[str, Any]], fmt: str, keys: Sequence[str], columns: Sequence[Column]
) -> str:
    """A listing in `fmt`: json (every key), csv (header of `keys`), or table (`columns`)."""
    if fmt == "json":
        return to_json(list(rows)) + "\n"
    if fmt == "csv":
        return to_csv(rows, keys)
    return to_table(rows, columns)


def render_document(doc: Mapping[str, Any], words_width: int = 80) -> str:
    """`didar show` as text: what the document is, its text, then every fact found, with its span
    and the words it covers: `[120:134] actor Masoud Pezeshkian «مسعود پزشکیان»`."""
    record = doc["record"]
    latest = "latest" if doc["latest"] else "not the latest"
    head = [
        ("id", doc["id"]),
        ("version", f"{doc['version']} of {len(doc['versions'])} ({latest})"),
        ("sources", ", ".join(doc["sources"])),
        ("language", record.get("language")),
        ("title", record.get("title")),
        ("outlet", record.get("outlet")),
        ("published", record.get("published")),
        ("topics", ", ".join(record.get("topics") or [])),
        ("ingested", doc["ingested_at"]),
    ]
    if len(doc["versions"]) > 1:
        head.append(("versions", ", ".join(f"{v['version']}: {v['id']}" for v in doc["versions"])))
    width = max(len(k) for k, _ in head)
    lines = [f"{k.ljust(width)}  {cell_text(v)}" for k, v in head]
    lines += ["", "text", "----", record.get("text", ""), "", "found", "-----"]
    for f in doc["facts"]:
        words = truncate(" ".join(f["words"].split()), words_width)
        lines.append(f"[{f['start']}:{f['end']}] {f['kind']} {f['label']} «{words}»")
    if not doc["facts"]:
        lines.append("(nothing)")
    return "\n".join(lines) + "\n"
