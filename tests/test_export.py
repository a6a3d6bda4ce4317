"""Exports (didar.export): rows in real Persian and Arabic script survive CSV, JSON Lines and
Parquet, and an actor network survives GraphML and GEXF, each read back with the reader a user's
tool would use (csv with utf-8-sig as Excel does, json, pyarrow, networkx as Gephi stands in)."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from didar.export import EXTENSIONS, MEDIA_TYPES, graph, write_rows

PEZESHKIAN = "مسعود پزشکیان"
HAKIM = "عمار الحكيم"
ZWNJ_VERB = "می‌کنند"  # with a zero-width non-joiner, U+200C

ROWS = [
    {
        "doc_id": "d1",
        "actor": PEZESHKIAN,
        "verb": ZWNJ_VERB,
        "meetings": 3,
        "score": 0.75,
        "confirmed": True,
        "aliases": ["پزشکیان", "رئیس‌جمهور"],
        "where": {"city": "تهران", "country": "IR"},
        "note": None,
    },
    {
        "doc_id": "d2",
        "actor": HAKIM,
        "verb": "قال",
        "meetings": 1,
        "score": 2,
        "confirmed": False,
        "aliases": [],
        "where": None,
        "note": "رئيس تيار الحكمة",
    },
]


def read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def read_jsonl(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


def read_parquet(data: bytes) -> pa.Table:
    return pq.read_table(pa.BufferReader(data))


# --- formats --------------------------------------------------------------------------------


def test_every_format_has_a_media_type_and_an_extension():
    assert set(MEDIA_TYPES) == set(EXTENSIONS) == {"csv", "jsonl", "parquet", "graphml", "gexf"}
    assert MEDIA_TYPES["csv"] == "text/csv; charset=utf-8"
    assert all(ext == f".{fmt}" for fmt, ext in EXTENSIONS.items())


@pytest.mark.parametrize("fmt", ["xlsx", "json", "CSV", "graphml"])
def test_unknown_row_format_names_the_allowed_ones(fmt):
    with pytest.raises(ValueError, match="csv, jsonl, parquet") as err:
        write_rows(ROWS, fmt)
    assert repr(fmt) in str(err.value)


@pytest.mark.parametrize("fmt", ["csv", "dot"])
def test_unknown_graph_format_names_the_allowed_ones(fmt):
    with pytest.raises(ValueError, match="graphml, gexf"):
        graph({"nodes": [], "edges": []}, fmt)


# --- CSV ------------------------------------------------------------------------------------


def test_csv_round_trip_keeps_persian_and_arabic_and_zwnj():
    data = write_rows(ROWS, "csv")
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    header, first, second = read_csv(data)
    assert header == list(ROWS[0])
    record = dict(zip(header, first, strict=True))
    assert record["actor"] == PEZESHKIAN
    assert record["verb"] == ZWNJ_VERB and "\u200c" in record["verb"]
    assert dict(zip(header, second, strict=True))["actor"] == HAKIM


def test_csv_without_bom():
    data = write_rows(ROWS, "csv", bom=False)
    assert data.startswith(b"doc_id,")
    assert read_csv(data)[1][1] == PEZESHKIAN


def test_csv_flattens_lists_dicts_none_and_booleans():
    header, first, second = read_csv(write_rows(ROWS, "csv"))
    one = dict(zip(header, first, strict=True))
    two = dict(zip(header, second, strict=True))
    assert one["aliases"] == "پزشکیان; رئیس‌جمهور"
    assert json.loads(one["where"]) == {"city": "تهران", "country": "IR"}
    assert "تهران" in one["where"]  # JSON without \u escapes
    assert one["note"] == "" and two["where"] == "" and two["aliases"] == ""
    assert (one["confirmed"], two["confirmed"]) == ("true", "false")
    assert (one["meetings"], one["score"]) == ("3", "0.75")


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x","کلیک")', '\'=HYPERLINK("http://x","کلیک")'),
        ("+98 21 1234", "'+98 21 1234"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("-1", "'-1"),  # text that looks like a number is still text
        (["=cmd", "x"], "'=cmd; x"),  # the joined list is the cell
        (-1, "-1"),  # numbers stored as numbers are data, not formulas
        (-2.5, "-2.5"),
        ("پزشکیان = رئیس‌جمهور", "پزشکیان = رئیس‌جمهور"),  # only the first character counts
        ("a-b", "a-b"),
    ],
)
def test_csv_formula_guard(value, cell):
    rows = read_csv(write_rows([{"v": value}], "csv"))
    assert rows == [["v"], [cell]]


def test_csv_formula_guard_can_be_turned_off():
    rows = read_csv(write_rows([{"v": "=1+1"}], "csv", guard_formulas=False))
    assert rows[1] == ["=1+1"]


def test_csv_quotes_commas_quotes_and_newlines():
    value = 'گفت: "ما، با هم"\nسطر دوم'
    assert read_csv(write_rows([{"v": value}], "csv"))[1] == [value]


# --- JSON Lines -----------------------------------------------------------------------------


def test_jsonl_round_trip_keeps_types_and_script():
    data = write_rows(ROWS, "jsonl")
    text = data.decode("utf-8")
    assert PEZESHKIAN in text and "\\u" not in text  # ensure_ascii=False
    assert text.endswith("\n") and text.count("\n") == 2
    assert read_jsonl(data) == ROWS


def test_jsonl_writes_nan_as_null():
    assert read_jsonl(write_rows([{"x": float("nan")}], "jsonl")) == [{"x": None}]


# --- Parquet --------------------------------------------------------------------------------


def test_parquet_round_trip_infers_column_types():
    table = read_parquet(write_rows(ROWS, "parquet"))
    schema = table.schema
    assert schema.field("actor").type == pa.string()
    assert schema.field("meetings").type == pa.int64()
    assert schema.field("score").type == pa.float64()  # 0.75 and 2 make one float column
    assert schema.field("confirmed").type == pa.bool_()
    assert schema.field("aliases").type == pa.list_(pa.string())
    assert schema.field("where").type == pa.string()  # dicts as JSON text
    assert schema.field("note").type == pa.string()
    data = table.to_pylist()
    assert data[0]["actor"] == PEZESHKIAN and data[1]["actor"] == HAKIM
    assert data[0]["verb"] == ZWNJ_VERB
    assert data[0]["aliases"] == ["پزشکیان", "رئیس‌جمهور"] and data[1]["aliases"] == []
    assert json.loads(data[0]["where"]) == {"city": "تهران", "country": "IR"}
    assert data[1]["where"] is None and data[0]["note"] is None
    assert [r["score"] for r in data] == [0.75, 2.0]


def test_parquet_all_none_column_is_string_and_mixed_column_is_text():
    rows = [{"empty": None, "mixed": 1}, {"empty": None, "mixed": "یک"}]
    table = read_parquet(write_rows(rows, "parquet"))
    assert table.schema.field("empty").type == pa.string()
    assert table.schema.field("mixed").type == pa.string()
    assert table.column("mixed").to_pylist() == ["1", "یک"]


def test_parquet_list_of_ints_and_ints_beyond_int64():
    rows = [{"ids": [1, 2], "big": 2**70}, {"ids": None, "big": 5}]
    table = read_parquet(write_rows(rows, "parquet"))
    assert table.schema.field("ids").type == pa.list_(pa.int64())
    assert table.column("ids").to_pylist() == [[1, 2], None]
    assert table.column("big").to_pylist() == [str(2**70), "5"]


# --- keys and empty input -------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_keys_select_and_order_columns(fmt):
    keys = ["actor", "missing", "doc_id"]
    data = write_rows(ROWS, fmt, keys=keys)
    if fmt == "csv":
        assert read_csv(data) == [keys, [PEZESHKIAN, "", "d1"], [HAKIM, "", "d2"]]
    elif fmt == "jsonl":
        lines = read_jsonl(data)
        assert [list(line) for line in lines] == [keys, keys]
        assert lines[0] == {"actor": PEZESHKIAN, "missing": None, "doc_id": "d1"}
    else:
        table = read_parquet(data)
        assert table.column_names == keys
        assert table.column("missing").to_pylist() == [None, None]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_default_columns_are_the_union_in_first_seen_order(fmt):
    rows = [{"b": 1, "a": "الف"}, {"c": "ج", "a": "ب"}]
    data = write_rows(iter(rows), fmt)  # any iterable, consumed once
    if fmt == "csv":
        assert read_csv(data) == [["b", "a", "c"], ["1", "الف", ""], ["", "ب", "ج"]]
    elif fmt == "jsonl":
        lines = read_jsonl(data)
        assert [list(line) for line in lines] == [["b", "a", "c"]] * 2
        assert lines[1] == {"b": None, "a": "ب", "c": "ج"}
    else:
        assert read_parquet(data).column_names == ["b", "a", "c"]


def test_duplicate_keys_are_refused():
    with pytest.raises(ValueError, match="duplicate keys: actor"):
        write_rows(ROWS, "csv", keys=["actor", "actor"])


def test_rows_must_be_dicts():
    with pytest.raises(TypeError, match="row 1 is a list"):
        write_rows([{"a": 1}, ["a", 1]], "jsonl")


def test_empty_csv_is_the_header_with_keys_and_nothing_without():
    assert read_csv(write_rows([], "csv", keys=["actor", "verb"])) == [["actor", "verb"]]
    assert write_rows([], "csv") == b""


def test_empty_jsonl_is_empty():
    assert write_rows([], "jsonl", keys=["actor"]) == b""


def test_empty_parquet_has_the_keys_as_string_columns():
    table = read_parquet(write_rows([], "parquet", keys=["actor", "meetings"]))
    assert table.num_rows == 0
    assert table.schema == pa.schema([("actor", pa.string()), ("meetings", pa.string())])
    assert read_parquet(write_rows([], "parquet")).num_columns == 0


# --- graphs ---------------------------------------------------------------------------------

NET = {
    "nodes": [
        {"id": "a1", "name": PEZESHKIAN, "type": "person", "country": "IR", "meetings": 3},
        {"id": "a2", "name": HAKIM, "type": "person", "country": "IQ", "meetings": 2},
        {"id": "a3", "name": "سازمان ملل", "type": "org", "country": None, "meetings": 1},
    ],
    "edges": [
        {
            "source": "a1",
            "target": "a2",
            "weight": 2,
            "first": "2024-08-01",
            "last": "2024-09-11",
            "doc_ids": ["d1", "d7"],
        },
        {
            "source": "a1",
            "target": "a3",
            "weight": 1,
            "first": "2024-09-24",
            "last": "2024-09-24",
            "doc_ids": ["d9"],
            "type": "meeting",
        },
    ],
}

READERS = {"graphml": nx.read_graphml, "gexf": nx.read_gexf}


def read_graph(data: bytes, fmt: str) -> nx.Graph:
    return READERS[fmt](io.BytesIO(data))


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_round_trip_keeps_nodes_edges_weights_and_names(fmt):
    g = read_graph(graph(NET, fmt), fmt)
    assert not g.is_directed()
    assert set(g.nodes) == {"a1", "a2", "a3"}
    assert {frozenset(e) for e in g.edges} == {frozenset({"a1", "a2"}), frozenset({"a1", "a3"})}
    assert g.nodes["a1"]["label"] == PEZESHKIAN
    assert g.nodes["a2"]["label"] == HAKIM
    assert g.nodes["a2"]["name"] == HAKIM
    assert g.nodes["a1"]["meetings"] == 3
    assert g.edges["a1", "a2"]["weight"] == 2
    assert g.edges["a1", "a2"]["doc_ids"] == "d1; d7"
    assert g.edges["a1", "a3"]["first"] == "2024-09-24"
    assert "country" not in g.nodes["a3"]  # None is dropped, not written as "None"


def test_graph_output_is_utf8_xml_with_the_script_unescaped():
    for fmt in ("graphml", "gexf"):
        text = graph(NET, fmt).decode("utf-8")
        assert text.startswith("<?xml") and "encoding='utf-8'" in text
        assert PEZESHKIAN in text and "&#" not in text


def test_gexf_writes_reserved_keys_as_attributes_not_structure():
    data = graph(NET, "gexf")
    g = read_graph(data, "gexf")
    assert g.edges["a1", "a3"]["type_"] == "meeting"
    assert 'defaultedgetype="undirected"' in data.decode("utf-8")
    # GraphML has no such keys: the name stays as given
    assert read_graph(graph(NET, "graphml"), "graphml").edges["a1", "a3"]["type"] == "meeting"


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_attribute_gets_one_type_across_nodes(fmt):
    net = {
        "nodes": [
            {"id": "x", "name": "الف", "score": 1, "tag": 5},
            {"id": "y", "name": "ب", "score": 1.5, "tag": "پنج"},
        ],
        "edges": [{"source": "x", "target": "y", "weight": 1}],
    }
    g = read_graph(graph(net, fmt), fmt)
    assert (g.nodes["x"]["score"], g.nodes["y"]["score"]) == (1.0, 1.5)
    assert (g.nodes["x"]["tag"], g.nodes["y"]["tag"]) == ("5", "پنج")


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_edge_to_an_unlisted_node_adds_it_labelled_by_id(fmt):
    net = {"nodes": [{"id": "a1", "name": PEZESHKIAN}], "edges": [{"source": "a1", "target": "z"}]}
    g = read_graph(graph(net, fmt), fmt)
    assert set(g.nodes) == {"a1", "z"} and g.nodes["z"]["label"] == "z"


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_empty_graph_is_valid(fmt):
    g = read_graph(graph({"nodes": [], "edges": []}, fmt), fmt)
    assert g.number_of_nodes() == 0 and g.number_of_edges() == 0


@pytest.mark.parametrize(
    ("net", "message"),
    [
        ({"nodes": [{"name": HAKIM}], "edges": []}, "node without an id"),
        ({"nodes": [], "edges": [{"source": "a1"}]}, "without source or target"),
        (
            {
                "nodes": [],
                "edges": [{"source": "a", "target": "b"}, {"source": "b", "target": "a"}],
            },
            "appears twice",
        ),
    ],
)
def test_graph_refuses_malformed_networks(net, message):
    with pytest.raises(ValueError, match=message):
        graph(net, "graphml")
