"""Export formats shared by the web app, the REST API and the CLI.

Two pure functions return bytes and never write files; the caller decides where they go:

* `write_rows(rows, fmt, keys)` writes tabular rows (events, quotes, actors) as CSV, JSON Lines
  or Parquet;
* `graph(net, fmt)` writes an actor network (the shape `query.network` returns) as GraphML or
  GEXF, both of which Gephi opens.

`MEDIA_TYPES` and `EXTENSIONS` give the HTTP media type and the file extension of every format,
so the web app, the API and the CLI name and serve a download the same way.

For large exports and for the event data formats analysts put beside POLECAT, ICEWS or GDELT:

* `stream_rows(pages, fmt, keys)` writes CSV or JSON Lines one page of rows at a time, the same
  bytes `write_rows` gives for all the rows at once;
* `export_events(rows, fmt, record_of, options)` writes event rows (`didar.query.events`) as
  PLOVER 0.7b1 JSON Lines ("plover") or a CAMEO-style tab-separated file ("cameo"), line by line,
  and counts what it leaves out and why (`ExportTally`). The role -> sector rules of CAMEO actor
  codes (IRNGOV) live in `didar/events/data/cameo_sectors.yaml`. docs/exports.md documents every
  field and choice (dates, statuses, dropped CAMEO categories, compound actors).

Choices worth knowing:

* CSV is UTF-8 with a byte order mark by default (`bom=True`): without it Excel reads a CSV as
  the local ANSI code page and shows Persian and Arabic as mojibake. Pass `bom=False` for tools
  that treat the mark as part of the first column name (Python's `csv` with plain `utf-8`).
* CSV cells are guarded against formula injection as OWASP recommends: a text cell beginning
  with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe, so a spreadsheet
  shows it as text instead of evaluating it. Numbers stored as numbers (`-1`, `-2.5`) are left
  alone: they are data, not formulas. The text `"-1"` is guarded like any text. Turn the guard
  off with `guard_formulas=False` when the CSV is read by a program, not a spreadsheet.
* CSV flattens: lists are joined with "; ", dicts become JSON, None becomes an empty cell and
  booleans `true`/`false`. JSON Lines keeps lists and dicts as they are. Parquet keeps lists as
  list columns and stores dicts as JSON strings.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources as importlib_resources
from typing import Any

import networkx as nx
import pyarrow as pa
import pyarrow.parquet as pq
import yaml

ROW_FORMATS = ("csv", "jsonl", "parquet")
GRAPH_FORMATS = ("graphml", "gexf")

MEDIA_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson",
    "parquet": "application/vnd.apache.parquet",
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
}

EXTENSIONS: dict[str, str] = {
    "csv": ".csv",
    "jsonl": ".jsonl",
    "parquet": ".parquet",
    "graphml": ".graphml",
    "gexf": ".gexf",
}

LIST_SEPARATOR = "; "

# OWASP "CSV Injection": cells starting with these are read as formulas by spreadsheets.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

# Keys that networkx's GEXF writer takes as GEXF structure rather than as attributes (an "end"
# would make the graph dynamic, an edge "type" must be directed/undirected). Input keys with
# these names are written as attributes with a trailing underscore instead.
_GEXF_RESERVED_NODE = frozenset({"pid", "start", "end", "parents", "spells", "slices", "viz"})
_GEXF_RESERVED_EDGE = frozenset({"id", "type", "start", "end", "spells", "slices", "viz"})

_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1


# --- shared value helpers ---------------------------------------------------------------------


def _check_format(fmt: str, allowed: Sequence[str]) -> None:
    if fmt not in allowed:
        raise ValueError(f"unknown export format {fmt!r}; choose one of: {', '.join(allowed)}")


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    return str(value)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_json_default)


def _scalar_text(value: Any) -> str:
    """One non-container value as text: booleans as JSON spells them, dates in ISO 8601."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, Mapping | list | tuple | set | frozenset):
        return _json(value)
    return str(value)


def _joined(values: Iterable[Any]) -> str:
    return LIST_SEPARATOR.join(_scalar_text(v) for v in values)


def _is_list(value: Any) -> bool:
    return isinstance(value, list | tuple)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _columns(rows: list[Mapping[str, Any]], keys: Sequence[str] | None) -> list[str]:
    if keys is not None:
        keys = list(keys)
        if len(set(keys)) != len(keys):
            dupes = sorted({k for k in keys if keys.count(k) > 1})
            raise ValueError(f"duplicate keys: {', '.join(dupes)}")
        return keys
    seen: dict[str, None] = {}
    for row in rows:
        for key in row:
            seen.setdefault(key, None)
    return list(seen)


def _materialize(rows: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    out = list(rows)
    for i, row in enumerate(out):
        if not isinstance(row, Mapping):
            raise TypeError(f"row {i} is a {type(row).__name__}, not a dict")
    return out


# --- rows ---------------------------------------------------------------------------------------


def write_rows(
    rows: Iterable[Mapping[str, Any]],
    fmt: str,
    keys: Sequence[str] | None = None,
    *,
    bom: bool = True,
    guard_formulas: bool = True,
) -> bytes:
    """Write `rows` as `fmt` ("csv", "jsonl" or "parquet") and return the file's bytes.

    `keys` selects and orders the columns; a row lacking a key gets None there and keys not
    listed are dropped. Without `keys` the columns are the union of the rows' keys in the order
    first seen. `bom` and `guard_formulas` apply to CSV only (see the module docstring).

    No rows give a valid empty file: CSV is just the header (nothing at all without `keys`),
    JSON Lines is empty, Parquet has zero rows and every key as a string column.
    """
    _check_format(fmt, ROW_FORMATS)
    materialized = _materialize(rows)
    columns = _columns(materialized, keys)
    if fmt == "csv":
        return _csv(materialized, columns, bom=bom, guard_formulas=guard_formulas)
    if fmt == "jsonl":
        return _jsonl(materialized, columns)
    return _parquet(materialized, columns)


def _csv_cell(value: Any, guard_formulas: bool) -> str:
    if value is None:
        return ""
    if _is_number(value):
        return str(value)  # a number, even a negative one, is never a formula
    text = _joined(value) if _is_list(value) else _scalar_text(value)
    if guard_formulas and text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def _csv(
    rows: list[Mapping[str, Any]],
    columns: list[str],
    *,
    bom: bool,
    guard_formulas: bool,
    header: bool = True,
) -> bytes:
    if not columns:
        return b""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf)  # RFC 4180: minimal quoting, CRLF line ends
    if header:
        writer.writerow([_csv_cell(c, guard_formulas) for c in columns])
    for row in rows:
        writer.writerow([_csv_cell(row.get(c), guard_formulas) for c in columns])
    return buf.getvalue().encode("utf-8-sig" if bom and header else "utf-8")


def _json_value(value: Any) -> Any:
    # NaN and infinity are not JSON: write them as null rather than emit invalid lines
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _jsonl(rows: list[Mapping[str, Any]], columns: list[str]) -> bytes:
    lines = [
        json.dumps(
            {c: _json_value(row.get(c)) for c in columns},
            ensure_ascii=False,
            default=_json_default,
        )
        for row in rows
    ]
    return "".join(line + "\n" for line in lines).encode("utf-8")


def _scalar_type(values: list[Any]) -> pa.DataType:
    """The Arrow type for non-None, non-list values: bool, int64, float64, else string."""
    if not values:
        return pa.string()
    if all(isinstance(v, bool) for v in values):
        return pa.bool_()
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        if all(_INT64_MIN <= v <= _INT64_MAX for v in values):
            return pa.int64()
        return pa.string()  # beyond int64: keep every digit as text
    if all(_is_number(v) for v in values):
        return pa.float64()
    return pa.string()


def _arrow_scalar(value: Any, type_: pa.DataType) -> Any:
    if value is None:
        return None
    if pa.types.is_string(type_):
        return _scalar_text(value)  # dicts and lists in a text column become JSON
    if pa.types.is_floating(type_):
        return float(value)
    return value


def _arrow_column(values: list[Any]) -> pa.Array:
    present = [v for v in values if v is not None]
    if present and all(_is_list(v) for v in present):
        items = [item for v in present for item in v if item is not None]
        item_type = _scalar_type(items)
        if any(_is_list(i) or isinstance(i, Mapping) for i in items):
            item_type = pa.string()
        data = [None if v is None else [_arrow_scalar(i, item_type) for i in v] for v in values]
        return pa.array(data, type=pa.list_(item_type))
    if any(_is_list(v) for v in present):
        type_ = pa.string()  # lists mixed with scalars: one text column, lists as JSON
    else:
        type_ = _scalar_type(present)
    return pa.array([_arrow_scalar(v, type_) for v in values], type=type_)


def _parquet(rows: list[Mapping[str, Any]], columns: list[str]) -> bytes:
    if rows:
        arrays = [_arrow_column([row.get(c) for row in rows]) for c in columns]
        table = pa.Table.from_arrays(arrays, names=columns)
    else:
        table = pa.table({c: pa.array([], type=pa.string()) for c in columns})
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    return sink.getvalue().to_pybytes()


# --- graphs -------------------------------------------------------------------------------------


def _attr_value(value: Any) -> Any:
    """A graph attribute value GraphML and GEXF can hold, or None to drop it."""
    if value is None:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, bool | int | float | str):
        return value
    if _is_list(value):
        return _joined(v for v in value if v is not None)
    return _scalar_text(value)  # dicts as JSON, dates in ISO 8601


def _uniform(records: list[dict[str, Any]]) -> None:
    """Give each attribute one type across all records (Gephi wants one type per column):
    ints mixed with floats become floats; any other mix becomes text."""
    types: dict[str, set[type]] = {}
    for record in records:
        for key, value in record.items():
            types.setdefault(key, set()).add(type(value))
    for key, seen in types.items():
        if len(seen) < 2:
            continue
        to_float = seen <= {int, float}
        for record in records:
            if key in record:
                value = record[key]
                record[key] = float(value) if to_float else _scalar_text(value)


def _attrs(item: Mapping[str, Any], skip: set[str], reserved: frozenset[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in item.items():
        if key in skip:
            continue
        value = _attr_value(value)
        if value is not None:
            out[f"{key}_" if key in reserved else key] = value
    return out


def graph(net: Mapping[str, Any], fmt: str) -> bytes:
    """Write an actor network as `fmt` ("graphml" or "gexf") and return the file's bytes.

    `net` is {"nodes": [{"id", "name", ...}], "edges": [{"source", "target", "weight", ...}]}.
    The graph is undirected. Every node gets `label` = its name (its id when it has no name),
    which Gephi shows. Other keys become attributes: None is dropped (GraphML cannot hold it),
    lists are joined with "; ", dicts become JSON. In GEXF, keys that GEXF itself uses (such as
    an edge's "type" or "id", a node's "start") are written with a trailing underscore.

    An edge naming a node not in "nodes" adds that node with its id as label. A node without
    an id, an edge without source or target, or the same pair twice raise ValueError.
    """
    _check_format(fmt, GRAPH_FORMATS)
    gexf = fmt == "gexf"
    node_reserved = _GEXF_RESERVED_NODE if gexf else frozenset()
    edge_reserved = _GEXF_RESERVED_EDGE if gexf else frozenset()

    nodes: dict[Any, dict[str, Any]] = {}
    for node in net.get("nodes") or ():
        node_id = node.get("id")
        if node_id is None:
            raise ValueError(f"network node without an id: {node!r}")
        attrs = nodes.setdefault(node_id, {})
        attrs.update(_attrs(node, {"id"}, node_reserved))

    edges: dict[frozenset[Any], tuple[Any, Any, dict[str, Any]]] = {}
    for edge in net.get("edges") or ():
        source, target = edge.get("source"), edge.get("target")
        if source is None or target is None:
            raise ValueError(f"network edge without source or target: {edge!r}")
        pair = frozenset((source, target))
        if pair in edges:
            raise ValueError(f"network edge {source!r}-{target!r} appears twice")
        edges[pair] = (source, target, _attrs(edge, {"source", "target"}, edge_reserved))
        for end in (source, target):
            nodes.setdefault(end, {})

    for node_id, attrs in nodes.items():
        attrs["label"] = attrs.get("name", attrs.get("label", str(node_id)))
    _uniform(list(nodes.values()))
    _uniform([attrs for _, _, attrs in edges.values()])

    g = nx.Graph()
    g.add_nodes_from(nodes.items())
    g.add_edges_from(edges.values())

    buf = io.BytesIO()
    if gexf:
        nx.write_gexf(g, buf, encoding="utf-8")
    else:
        nx.write_graphml(g, buf, encoding="utf-8")
    return buf.getvalue()


# --- streaming rows -----------------------------------------------------------------------------


def stream_rows(
    pages: Iterable[Iterable[Mapping[str, Any]]],
    fmt: str,
    keys: Sequence[str],
    *,
    bom: bool = True,
    guard_formulas: bool = True,
) -> Iterator[bytes]:
    """`write_rows` for CSV and JSON Lines, one page of rows at a time: the chunks joined are
    the bytes `write_rows(all rows, fmt, keys)` gives, without holding every row at once.
    `keys` is required (the header cannot wait for the last page). Parquet needs every row to
    choose its column types: use `write_rows`."""
    _check_format(fmt, ("csv", "jsonl"))
    columns = _columns([], keys)
    first = True
    for page in pages:
        rows = _materialize(page)
        if fmt == "csv":
            chunk = _csv(rows, columns, bom=bom, guard_formulas=guard_formulas, header=first)
        else:
            chunk = _jsonl(rows, columns)
        first = False
        if chunk:
            yield chunk
    if first and fmt == "csv":  # no page at all: still the header
        yield _csv([], columns, bom=bom, guard_formulas=guard_formulas)


# --- event data formats: PLOVER JSON Lines and CAMEO-style TSV ----------------------------------
#
# Both read the event rows of `didar.query.events` (`didar.store.base.EVENT_KEYS`) and, for the
# names as written, coordinates and the text the offsets index, the stored record of each row's
# document (`Store.get(doc_id)["record"]`). docs/exports.md documents every field and choice.

PLOVER_VERSION = "0.7b1"
PLOVER_CODEBOOK = f"plover-{PLOVER_VERSION} + didar extensions"

# PLOVER manual 0.7b1, "PLOVER quad categories" (the table as printed, INVESTIGATE included
# although the manual merged it into ACCUSE; SANCTION under verbal conflict as the table has it).
PLOVER_QUADS: dict[str, int] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT", "INVESTIGATE"), 2),
    **dict.fromkeys(("DEMAND", "ACCUSE", "REJECT", "SANCTION", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}
PLOVER_CATEGORIES = frozenset(PLOVER_QUADS)

# PLOVER manual 0.7b1, "CAMEO to PLOVER translation": the 2-digit CAMEO root to the PLOVER
# category (None: "dropped"). Root 08 splits: 081-083 CONCEDE, 084-087 RETREAT.
CAMEO_ROOT_TO_PLOVER: dict[str, str | None] = {
    "01": None,
    "02": None,
    "03": "AGREE",
    "04": "CONSULT",
    "05": "SUPPORT",
    "06": "COOPERATE",
    "07": "AID",
    "08": "CONCEDE",
    "09": "ACCUSE",
    "10": "DEMAND",
    "11": "ACCUSE",
    "12": "REJECT",
    "13": "THREATEN",
    "14": "PROTEST",
    "15": "MOBILIZE",
    "16": "SANCTION",
    "17": "COERCE",
    "18": "ASSAULT",
    "19": "ASSAULT",
    "20": "ASSAULT",
}
DROPPED_CAMEO_ROOTS = frozenset({"01", "02"})  # statements and appeals: not coded in PLOVER

# didar's mode labels (codes.yaml) that name a mode the PLOVER manual lists for the category.
# CONSULT "host": the event is written with the visitor as source and the host as recipient,
# which PLOVER calls mode "visit". Any other didar mode stays in didar_mode only.
PLOVER_MODES: dict[tuple[str, str], str] = {
    ("CONSULT", "visit"): "visit",
    ("CONSULT", "host"): "visit",
    ("CONSULT", "phone"): "phone",
    ("THREATEN", "military"): "violence",
}

# A status other than occurred as a PLOVER context (manual 0.7b1, "Event, Mode, and Context").
STATUS_CONTEXTS: dict[str, str] = {
    "planned": "future",
    "conditional": "hypothetical",
    "denied": "negation",
}

# CAMEO quad classes of the 2-digit root, as GDELT and ICEWS number them.
CAMEO_QUADS: dict[str, int] = {
    **dict.fromkeys(("01", "02", "03", "04", "05"), 1),
    **dict.fromkeys(("06", "07", "08"), 2),
    **dict.fromkeys(("09", "10", "11", "12", "13"), 3),
    **dict.fromkeys(("14", "15", "16", "17", "18", "19", "20"), 4),
}

CAMEO_COLUMNS = (
    "EventID",
    "Date",
    "SourceActorCode",
    "TargetActorCode",
    "CAMEOCode",
    "QuadClass",
    "Goldstein",
    "SourceId",
    "SourceName",
    "TargetId",
    "TargetName",
    "Participants",
    "Location",
    "LocationCountry",
    "Latitude",
    "Longitude",
    "PLOVER",
    "Mode",
    "Status",
    "DatePrecision",
    "Language",
    "Outlet",
    "URL",
    "DocId",
    "EventIndex",
    "Evidence",
    "Summary",
)

# Why an event is left out (the keys of `ExportTally.skipped`).
SKIP_STATUS = "not occurred (planned, denied or conditional; --all-statuses exports them)"
SKIP_UNDATED = "no day date (--undated published uses the document's published date)"
SKIP_DROPPED = "CAMEO 01/02 statement or appeal: no PLOVER category (--include-statements)"
SKIP_NO_PLOVER = "no PLOVER category"
SKIP_NO_CAMEO = "no CAMEO code"
SKIP_NO_SOURCE = "no source actor"

UNDATED_CHOICES = ("skip", "published")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_DAY_PRECISIONS = frozenset({"day", "weekday"})  # a weekday with a date is a certain day
_TSV_BREAKS = re.compile(r"[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")


@dataclass
class ExportTally:
    """What an export wrote and what it left out, by reason."""

    exported: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    def skip(self, reason: str) -> None:
        self.skipped[reason] += 1


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """Choices shared by the PLOVER and CAMEO exports (docs/exports.md explains each)."""

    all_statuses: bool = False  # export planned, denied and conditional events too
    undated: str = "skip"  # skip | published: an event without a day date
    include_statements: bool = False  # PLOVER: keep CAMEO 01/02 events that have a category
    coder: str = "didar"  # "didar <version>"


@dataclass(frozen=True, slots=True)
class Sector:
    sector: str
    pattern: re.Pattern[str]


@functools.cache
def load_sectors() -> tuple[Sector, ...]:
    """The role -> sector rules of `didar/events/data/cameo_sectors.yaml`, in order."""
    path = importlib_resources.files("didar.events") / "data" / "cameo_sectors.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(Sector(r["sector"], re.compile(r["pattern"], re.IGNORECASE)) for r in raw["rules"])


def actor_sector(actor: Mapping[str, Any], sectors: Sequence[Sector] | None = None) -> str | None:
    """The sector code (GOV, MIL, ...) the actor's English role (or, for an organization
    without a role, its name) matches first; None for countries, places and no match."""
    if actor.get("type") in ("country", "place"):
        return None
    text = actor.get("role") or (actor.get("name") if actor.get("type") == "organization" else "")
    if not text:
        return None
    for rule in sectors if sectors is not None else load_sectors():
        if rule.pattern.search(text):
            return rule.sector
    return None


def cameo_actor_code(
    actor: Mapping[str, Any] | None, sectors: Sequence[Sector] | None = None
) -> str:
    """ISO3 + sector (IRNGOV), the ISO3 alone, or "" when the country is not known."""
    if not actor or not actor.get("country"):
        return ""
    return actor["country"] + (actor_sector(actor, sectors) or "")


def cameo_root(cameo: str | None) -> str | None:
    return cameo[:2] if cameo and len(cameo) >= 2 and cameo[:2].isdigit() else None


def cameo_quad(cameo: str | None) -> int | None:
    """The CAMEO quad class (1-4) of a CAMEO code, from its 2-digit root."""
    return CAMEO_QUADS.get(cameo_root(cameo) or "")


def plover_category(row: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """(PLOVER 0.7b1 category, None) for an event row, or (None, why not).

    didar's own `plover` value is kept when it is a PLOVER 0.7b1 category; didar's REQUEST
    (not a 0.7b1 category) is DEMAND for a CAMEO 10 demand; with no usable value the CAMEO
    root is translated by the manual's table. CAMEO 01 and 02 (statements, appeals) are
    "dropped" in PLOVER: (None, SKIP_DROPPED), whatever didar's value."""
    root = cameo_root(row.get("cameo"))
    if root in DROPPED_CAMEO_ROOTS:
        return None, SKIP_DROPPED
    plover = (row.get("plover") or "").upper()
    if plover in PLOVER_CATEGORIES:
        return plover, None
    if root is not None and CAMEO_ROOT_TO_PLOVER.get(root):
        category = CAMEO_ROOT_TO_PLOVER[root]
        if root == "08" and row["cameo"][:3] in ("084", "085", "086", "087"):
            category = "RETREAT"
        return category, None
    return None, SKIP_NO_PLOVER


def event_day(row: Mapping[str, Any], undated: str = "skip") -> tuple[str | None, str | None]:
    """(YYYY-MM-DD, precision) of an event row: its own day date, or with `undated`
    "published" the document's published date (precision "published"); (None, None) else."""
    date = row.get("date")
    if date and _DAY.fullmatch(date) and row.get("date_precision") in _DAY_PRECISIONS:
        return date, row.get("date_precision")
    if undated == "published" and row.get("published") and _DAY.fullmatch(row["published"]):
        return row["published"], "published"
    return None, None


def _actor_info(
    actor_id: str, row: Mapping[str, Any], actors: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    """One actor as the record has it, filled from the event row when the record lacks it."""
    found = dict(actors.get(actor_id) or {})
    found.setdefault("id", actor_id)
    if not found.get("name"):
        names = dict(
            zip(row.get("participant_ids") or [], row.get("participants") or [], strict=False)
        )
        names.update({row.get(f"{k}_id"): row.get(k) for k in ("source", "target", "location")})
        found["name"] = names.get(actor_id) or actor_id
    if not found.get("country"):
        found["country"] = (row.get("countries") or {}).get(actor_id)
    if not found.get("role"):
        found["role"] = (row.get("roles") or {}).get(actor_id)
    return found


def event_sides(row: Mapping[str, Any], category: str | None = None) -> tuple[list[str], list[str]]:
    """(source ids, recipient ids) as PLOVER writes them for an event of `category`.

    CONSULT follows the PLOVER manual ("CONSULT", "Compound and Reciprocal Actors"): when one
    side hosts and the other visits, the visitor is the source and the host the recipient,
    whatever didar's source and target say (didar writes the host as source, as CAMEO 043
    does); with no host named, every participant is a source and there is no recipient.
    Other categories: the stated source (recipient: the stated target); with no stated source,
    every participant but the target is a source."""
    source, target = row.get("source_id"), row.get("target_id")
    host, guest = row.get("host_id"), row.get("guest_id")
    participants = list(row.get("participant_ids") or [])
    if category == "CONSULT":
        if host and guest and host != guest:
            return [guest], [host]
        everyone = participants + [a for a in (source, target) if a and a not in participants]
        return everyone, []
    if source:
        return [source], [target] if target and target != source else []
    if host and guest and host != guest:
        return [guest], [host]
    sources = [p for p in participants if p != target]
    return sources, [target] if target else []


def _plover_actor(actor: Mapping[str, Any], sectors: Sequence[Sector] | None) -> dict[str, Any]:
    out: dict[str, Any] = {"code": actor.get("country")}
    sector = actor_sector(actor, sectors)
    if sector:
        out["sector"] = sector
    out["actor_text"] = actor.get("native") or actor.get("name")
    out["identifier_id"] = actor.get("id")
    out["identifier_text"] = actor.get("name")
    if actor.get("role"):
        out["office"] = actor["role"]
    return out


def _evidence(row: Mapping[str, Any], record: Mapping[str, Any] | None) -> str:
    text = (record or {}).get("text")
    start, end = row.get("start"), row.get("end")
    if text and isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text):
        return text[start:end]
    return row.get("evidence") or ""


def _actors_of(record: Mapping[str, Any] | None) -> dict[str, Mapping[str, Any]]:
    return {a["id"]: a for a in (record or {}).get("actors") or () if a.get("id")}


def _status_ok(row: Mapping[str, Any], options: ExportOptions) -> bool:
    return options.all_statuses or row.get("status") == "occurred"


def plover_event(
    row: Mapping[str, Any],
    record: Mapping[str, Any] | None,
    options: ExportOptions = ExportOptions(),
    *,
    coded_date: str | None = None,
    sectors: Sequence[Sector] | None = None,
) -> tuple[dict[str, Any] | None, str | None]:
    """One event row as a PLOVER 0.7b1 JSON object, or (None, why it is left out).

    `record` is the stored record of the row's document (names as written, coordinates, the
    text `text_info` indexes); `coded_date` the day didar coded it (the document's ingest)."""
    if not _status_ok(row, options):
        return None, SKIP_STATUS
    category, why = plover_category(row)
    if category is None and why == SKIP_DROPPED and options.include_statements:
        plover = (row.get("plover") or "").upper()
        category = plover if plover in PLOVER_CATEGORIES else None
        why = None if category else SKIP_NO_PLOVER
    if category is None:
        return None, why
    day, precision = event_day(row, options.undated)
    if day is None:
        return None, SKIP_UNDATED
    source_ids, recipient_ids = event_sides(row, category)
    if not source_ids:
        return None, SKIP_NO_SOURCE
    actors = _actors_of(record)
    source = [_plover_actor(_actor_info(a, row, actors), sectors) for a in source_ids]
    recipient = [_plover_actor(_actor_info(a, row, actors), sectors) for a in recipient_ids]
    context = list(row.get("topics") or [])
    status_context = STATUS_CONTEXTS.get(row.get("status") or "")
    if status_context:
        context.append(status_context)
    event_loc = None
    if row.get("location_id"):
        place = _actor_info(row["location_id"], row, actors)
        event_loc = {"name": place.get("name"), "cc3": place.get("country")}
        if place.get("lat") is not None and place.get("lon") is not None:
            event_loc["latitude"] = place["lat"]
            event_loc["longitude"] = place["lon"]
    hosted = bool(row.get("host_id") and row.get("guest_id") and row["host_id"] != row["guest_id"])
    if category == "CONSULT" and hosted:
        mode = "visit"  # PLOVER: "source actor is visiting, recipient is hosting"
    else:
        mode = PLOVER_MODES.get((category, row.get("mode") or ""))
    out: dict[str, Any] = {
        "id": f"{row['doc_id']}:{row['index']}",
        "date": day,
        "source": source,
        "recipient": recipient,
        "event": [category],
        "mode": mode,
        "context": context,
        "quad_code": PLOVER_QUADS[category],
        "event_scale": _json_value(row.get("goldstein")),
        "event_loc": event_loc,
        "event_text": [_evidence(row, record)],
        "text_info": {"start": row.get("start"), "end": row.get("end")},
        "cite_info": {
            "url": row.get("url"),
            "title": row.get("title"),
            "language": row.get("language"),
            "publication": row.get("outlet"),
            "coder": options.coder,
            "codebook": PLOVER_CODEBOOK,
        },
        "coder": options.coder,
        "coded_date": coded_date,
        "didar_doc_id": row["doc_id"],
        "didar_event_index": row["index"],
        "didar_type": row.get("type"),
        "didar_status": row.get("status"),
        "didar_plover": row.get("plover"),
        "didar_mode": row.get("mode"),
        "didar_source_id": row.get("source_id"),
        "didar_target_id": row.get("target_id"),
        "didar_host_id": row.get("host_id"),
        "didar_guest_id": row.get("guest_id"),
        "didar_cameo": row.get("cameo"),
        "didar_rule": row.get("rule"),
        "didar_event_date": row.get("date"),
        "didar_date_precision": precision,
        "didar_published": row.get("published"),
        "didar_summary": row.get("summary"),
    }
    return out, None


def plover_line(event: Mapping[str, Any]) -> str:
    """A PLOVER object as one JSON Lines line (UTF-8 text kept as is, newline at the end)."""
    return json.dumps(event, ensure_ascii=False, default=_json_default) + "\n"


def _tsv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        value = _json_value(value)
        return "" if value is None else repr(value)
    text = _joined(value) if _is_list(value) else _scalar_text(value)
    return _TSV_BREAKS.sub(" ", text).strip() if _TSV_BREAKS.search(text) else text


def cameo_sides(row: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """(source id, target id) of the one CAMEO row an event gives: the stated source and target;
    else for a hosted visit the visitor and host for 042 (make a visit), the host and visitor
    otherwise (043 host a visit); else the first participant and the next one."""
    source, target = row.get("source_id"), row.get("target_id")
    participants = list(row.get("participant_ids") or [])
    host, guest = row.get("host_id"), row.get("guest_id")
    if not source and host and guest:
        if row.get("cameo") == "042":
            source, target = guest, target or host
        else:
            source, target = host, target or guest
    if not source:
        rest = [p for p in participants if p != target]
        source = rest[0] if rest else None
    if not target:
        others = [p for p in participants if p != source]
        target = others[0] if others else None
    return source, target


def cameo_row(
    row: Mapping[str, Any],
    record: Mapping[str, Any] | None,
    options: ExportOptions = ExportOptions(),
    *,
    sectors: Sequence[Sector] | None = None,
) -> tuple[list[str] | None, str | None]:
    """One event row as the cells of CAMEO_COLUMNS, or (None, why it is left out)."""
    if not _status_ok(row, options):
        return None, SKIP_STATUS
    if not row.get("cameo"):
        return None, SKIP_NO_CAMEO
    day, precision = event_day(row, options.undated)
    if day is None:
        return None, SKIP_UNDATED
    source_id, target_id = cameo_sides(row)
    if source_id is None:
        return None, SKIP_NO_SOURCE
    actors = _actors_of(record)
    source = _actor_info(source_id, row, actors)
    target = _actor_info(target_id, row, actors) if target_id else None
    place = _actor_info(row["location_id"], row, actors) if row.get("location_id") else {}
    values: dict[str, Any] = {
        "EventID": f"{row['doc_id']}:{row['index']}",
        "Date": day.replace("-", ""),
        "SourceActorCode": cameo_actor_code(source, sectors),
        "TargetActorCode": cameo_actor_code(target, sectors),
        "CAMEOCode": row["cameo"],
        "QuadClass": cameo_quad(row["cameo"]),
        "Goldstein": row.get("goldstein"),
        "SourceId": source_id,
        "SourceName": source.get("name"),
        "TargetId": target_id,
        "TargetName": (target or {}).get("name"),
        "Participants": ";".join(row.get("participant_ids") or []),
        "Location": place.get("name"),
        "LocationCountry": place.get("country"),
        "Latitude": place.get("lat"),
        "Longitude": place.get("lon"),
        "PLOVER": row.get("plover"),
        "Mode": row.get("mode"),
        "Status": row.get("status"),
        "DatePrecision": precision,
        "Language": row.get("language"),
        "Outlet": row.get("outlet"),
        "URL": row.get("url"),
        "DocId": row["doc_id"],
        "EventIndex": row["index"],
        "Evidence": _evidence(row, record),
        "Summary": row.get("summary"),
    }
    return [_tsv_cell(values[c]) for c in CAMEO_COLUMNS], None


def tsv_line(cells: Sequence[str]) -> str:
    return "\t".join(_tsv_cell(c) for c in cells) + "\n"


def export_events(
    rows: Iterable[Mapping[str, Any]],
    fmt: str,
    record_of: Callable[[str], Mapping[str, Any] | None],
    options: ExportOptions = ExportOptions(),
    *,
    tally: ExportTally | None = None,
) -> Iterator[str]:
    """Event rows as PLOVER JSON Lines (`fmt` "plover") or CAMEO-style TSV ("cameo", with a
    header line first), one line at a time. `record_of(doc_id)` gives the stored record of a
    document ({"record": ..., "ingested_at": ...} as `Store.get` returns, or None). What is
    written and left out is counted in `tally`."""
    _check_format(fmt, ("plover", "cameo"))
    tally = tally if tally is not None else ExportTally()
    sectors = load_sectors()
    if fmt == "cameo":
        yield tsv_line(CAMEO_COLUMNS)
    for row in rows:
        stored = record_of(row["doc_id"]) or {}
        record = stored.get("record")
        if fmt == "plover":
            ingested = stored.get("ingested_at")
            event, why = plover_event(
                row,
                record,
                options,
                coded_date=str(ingested)[:10] if ingested else None,
                sectors=sectors,
            )
            line = plover_line(event) if event is not None else None
        else:
            cells, why = cameo_row(row, record, options, sectors=sectors)
            line = tsv_line(cells) if cells is not None else None
        if line is None:
            tally.skip(why or "unknown")
        else:
            tally.exported += 1
            yield line
