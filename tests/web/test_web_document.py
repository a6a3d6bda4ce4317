"""The article page: highlights at the right offsets (Persian and Arabic samples), nesting,
and hostile text (markup, bidi overrides) shown as text under a strict CSP."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient
from web_samples import IMG, RLO, SCRIPT

from didar.web import create_app
from didar.web.markup import highlight


class TextMarks(HTMLParser):
    """Reads the `#text` element: its plain text, and the words under each `data-fact`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # element depth inside #text (0: outside)
        self.text = ""
        self.stack: list[dict[str, str]] = []
        self.words: dict[int, str] = {}
        self.starts: dict[int, int] = {}  # fact -> offset where its first mark opened
        self.attrs: dict[int, dict[str, str]] = {}

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if self.depth:
            self.depth += 1
            if tag == "mark":
                n = int(a["data-fact"])
                self.stack.append(a)
                self.attrs.setdefault(n, a)
                self.starts.setdefault(n, len(self.text))
                self.words.setdefault(n, "")
        elif a.get("id") == "text":
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            if tag == "mark":
                self.stack.pop()

    def handle_data(self, data):
        if self.depth:
            self.text += data
            for a in self.stack:
                self.words[int(a["data-fact"])] += data


def read_text(html: str) -> TextMarks:
    p = TextMarks()
    p.feed(html)
    return p


def doc_of_language(client, lang: str) -> str:
    items = client.get("/events.json", params={"language": lang}).json()["items"]
    return items[0]["doc_id"]


@pytest.mark.parametrize("lang", ["fa", "ar"])
def test_highlights_sit_at_the_fact_offsets(client, lang):
    doc_id = doc_of_language(client, lang)
    doc = client.get(f"/documents/{doc_id}.json").json()
    text, facts = doc["record"]["text"], doc["facts"]
    html = client.get(f"/documents/{doc_id}").text
    assert f'dir="rtl" lang="{lang}"' in html
    page = read_text(html)
    assert page.text == text  # the article shows whole, in order
    assert set(page.words) == set(range(len(facts)))
    for n, f in enumerate(facts):
        assert page.words[n] == f["words"], (n, f)
        assert page.starts[n] == f["start"]
        a = page.attrs[n]
        assert (int(a["data-start"]), int(a["data-end"])) == (f["start"], f["end"])
        assert a["data-kind"] == f["kind"]
        assert a["title"] == f["label"]
        assert f"fact-{f['kind']}" in a["class"]
    kinds = {f["kind"] for f in facts}
    assert {"actor", "date", "event", "quote"} <= kinds


def test_event_anchor_and_gloss(client):
    doc_id = doc_of_language(client, "fa")
    doc = client.get(f"/documents/{doc_id}.json").json()
    html = client.get(f"/documents/{doc_id}").text
    for e in doc["events"]:
        assert f'id="e{e["index"]}"' in html  # the evidence link's target is the event span
        assert e["summary"] in html
    for q in doc["quotes"]:
        if q["fact"] is not None:
            assert f'id="q{q["index"]}"' in html  # quote links land on the quote span
    assert 'id="panel"' in html and 'id="fact-detail"' in html


def test_real_script_words_are_marked(client):
    doc_id = doc_of_language(client, "fa")
    marks = read_text(client.get(f"/documents/{doc_id}").text)
    assert "مسعود پزشکیان" in marks.words.values()
    doc_id = doc_of_language(client, "ar")
    marks = read_text(client.get(f"/documents/{doc_id}").text)
    assert any("السوداني" in w for w in marks.words.values())


@pytest.mark.parametrize(
    "facts",
    [
        [(0, 10, "quote"), (2, 8, "event"), (3, 5, "actor")],  # nested three deep
        [(0, 6, "event"), (3, 9, "quote"), (4, 5, "actor")],  # crossing
        [(2, 4, "actor"), (2, 4, "date"), (0, 12, "event")],  # same span twice
        [(0, 12, "quote"), (0, 12, "event")],
    ],
)
def test_overlapping_highlights_stay_well_formed(facts):
    text = "ابcdefghijkl"
    rows = [{"start": s, "end": e, "kind": k, "label": k} for s, e, k in facts]
    html = f'<div id="text">{highlight(text, rows)}</div>'
    assert html.count("<mark") == html.count("</mark>")
    page = read_text(html)
    assert page.text == text
    for n, (s, e, _) in enumerate(facts):
        assert page.words[n] == text[s:e]


def test_bad_spans_are_skipped():
    html = str(
        highlight(
            "abc", [{"start": 2, "end": 9, "kind": "actor"}, {"start": 1, "end": 1, "kind": "date"}]
        )
    )
    assert html == "abc"


@pytest.fixture(scope="module")
def hostile(hostile_db):
    path, doc_id = hostile_db
    with TestClient(create_app(path)) as c:
        yield c, doc_id


@pytest.mark.parametrize("path", ["/documents/{id}", "/events", "/", "/search?q=عنوان"])
def test_hostile_text_is_escaped(hostile, path):
    client, doc_id = hostile
    r = client.get(path.format(id=doc_id))
    assert r.status_code == 200
    html = r.text
    assert SCRIPT not in html
    assert "<img" not in html
    assert RLO not in html
    assert "onerror=alert(1)>" not in html.replace("&gt;", "")  # only as escaped text
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'self'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_hostile_document_shows_the_markup_as_text(hostile):
    client, doc_id = hostile
    html = client.get(f"/documents/{doc_id}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    page = read_text(html)
    assert SCRIPT in page.text and IMG in page.text  # shown, as text
    assert RLO not in page.text and "\ufffd" in page.text
    # the JSON twin keeps the record as stored
    assert RLO in client.get(f"/documents/{doc_id}.json").json()["record"]["text"]


def test_every_response_has_security_headers(client):
    for path in ("/", "/events.json", "/api/stats", "/docs", "/static/style.css", "/nothing"):
        r = client.get(path)
        assert r.headers["x-content-type-options"] == "nosniff"
        assert "script-src 'self'" in r.headers["content-security-policy"]
