"""Export formats shared by the web app, the REST API and the CLI.

Two pure functions return bytes and never write files; the caller decides where they go:

* `write_rows(rows, fmt, keys)` writes tabular rows (events, quotes, actors) as CSV, JSON Lines
  or Parquet;
* `graph(net, fmt)` writes an actor network (the shape `query.network` returns) as GraphML or
  GEXF, both of which Gephi opens.

`MEDIA_TYPES` and `EXTENSIONS` give the HTTP media type and the file extension of every format,
so the web app, the API and the CLI name and serve a download the same way.

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
import io
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import networkx as nx
import pyarrow as pa
import pyarrow.parquet as pq

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
    rows: list[Mapping[str, Any]], columns: list[str], *, bom: bool, guard_formulas: bool
) -> bytes:
    if not columns:
        return b""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf)  # RFC 4180: minimal quoting, CRLF line ends
    writer.writerow([_csv_cell(c, guard_formulas) for c in columns])
    for row in rows:
        writer.writerow([_csv_cell(row.get(c), guard_formulas) for c in columns])
    return buf.getvalue().encode("utf-8-sig" if bom else "utf-8")


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
