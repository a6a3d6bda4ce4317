"""The web app in a real browser: `didar serve` in a subprocess on 127.0.0.1, driven by Debian's
Chromium through Playwright (headless, fresh profile, no Playwright download).

Every page must load with no console error, no failed request and no request anywhere but
127.0.0.1 (no CDN). The events filters, the highlights of a Persian and an Arabic article, the
network drawing, search across spelling variants, hostile article text, and the screenshots
command are checked as a user sees them.

Chromium missing is a failure, not a skip: `sh scripts/setup.sh test` installs it."""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import sys
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from didar.errors import DidarError
from didar.web.screenshots import get_json, launch, serving

BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
TOKEN = "browser-test-token"
TIMEOUT_MS = 30_000


# -- fixtures ------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def server(sample_db: Path) -> Iterator[str]:
    """`didar serve` over the samples: its base URL, e.g. http://127.0.0.1:PORT."""
    with serving(sample_db) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        try:
            b = launch(p)
        except DidarError as exc:
            pytest.fail(f"{exc}\nInstall Chromium for the browser tests: sh scripts/setup.sh test")
        yield b
        b.close()


@dataclass
class Watch:
    """What went wrong while a page was open: console errors, uncaught exceptions, failed or
    refused requests, requests to anywhere but 127.0.0.1, dialogs."""

    problems: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def attach(self, page: Any) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.problems.append(f"page error: {exc}"))
        page.on("request", self._request)
        page.on(
            "requestfailed",
            lambda r: self.problems.append(f"request failed: {r.url} ({r.failure})"),
        )
        page.on("response", self._response)
        page.on("dialog", self._dialog)

    def _console(self, msg: Any) -> None:
        if msg.type in ("error", "assert"):
            self.problems.append(f"console {msg.type}: {msg.text} at {msg.location}")

    def _request(self, request: Any) -> None:
        if not is_local(request.url):
            self.problems.append(f"request off 127.0.0.1: {request.url}")

    def _response(self, response: Any) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()


def is_local(url: str) -> bool:
    u = urllib.parse.urlsplit(url)
    if u.scheme in ("data", "blob", "about"):
        return True
    return u.hostname == "127.0.0.1"


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, Watch]]:
    """A fresh context and page; requests off 127.0.0.1 are recorded and refused."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    context.route(lambda url: not is_local(url), lambda route: route.abort())
    p = context.new_page()
    p.set_default_timeout(TIMEOUT_MS)
    watch = Watch()
    watch.attach(p)
    yield p, watch
    context.close()


def visit(page: Any, url: str) -> None:
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.status == 200, (url, response and response.status)


@pytest.fixture(scope="session")
def ids(server: str) -> dict[str, str]:
    """Ids on the samples: an actor, a Persian and an Arabic document (with events)."""
    out = {}
    for lang in ("fa", "ar"):
        items = get_json(server, "/events.json", language=lang)["items"]
        assert items, f"the samples hold no {lang} events"
        out[lang] = items[0]["doc_id"]
    out["actor"] = get_json(server, "/events.json")["items"][0]["participant_ids"][0]
    return out


# -- every page, clean ---------------------------------------------------------------------------

PAGES = {
    "overview": "/",
    "events": "/events",
    "events-filtered": "/events?language=ar",
    "quotes": "/quotes",
    "actors": "/actors",
    "actor": "/actors/{actor}",
    "document-fa": "/documents/{fa}",
    "document-ar": "/documents/{ar}",
    "network": "/network",
    "search-form": "/search",
    "search": "/search?q=%D8%B9%D8%B1%D8%A7%D9%82",  # عراق
    "docs": "/docs",
}


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_clean_and_local(server, ids, page, name):
    p, watch = page
    visit(p, server + PAGES[name].format(**ids))
    if name == "docs":  # Swagger UI (or the plain list) is drawn by script after load
        p.wait_for_selector(".opblock, li.endpoint", state="attached")
        p.wait_for_load_state("networkidle")
    assert p.locator("main, #swagger-ui").first.is_visible()
    assert watch.problems == []
    assert watch.dialogs == []


# -- events filters ------------------------------------------------------------------------------


def rows(p: Any) -> list[tuple[str, str, str]]:
    return [
        (r.get_attribute("data-doc"), r.get_attribute("data-index"), r.get_attribute("data-type"))
        for r in p.locator("#results tr.event-row").all()
    ]


@pytest.mark.parametrize(
    ("name", "value"), [("country", "SAU"), ("type", "phone_call"), ("language", "ar")]
)
def test_events_filter_changes_results(server, page, name, value):
    p, watch = page
    visit(p, server + "/events")
    every = rows(p)
    assert len(every) == get_json(server, "/events.json")["total"]
    p.select_option(f"#filters select[name={name}]", value)
    with p.expect_navigation(wait_until="networkidle"):
        p.click("#filters [type=submit]")
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(p.url).query)
    assert query.get(name) == [value], p.url
    assert p.locator(f"#filters select[name={name}]").input_value() == value
    shown = rows(p)
    assert 0 < len(shown) < len(every)
    expected = get_json(server, "/events.json", **{name: value})["items"]
    assert [(r[0], r[1]) for r in shown] == [(e["doc_id"], str(e["index"])) for e in expected]
    if name == "type":
        assert {r[2] for r in shown} == {value}
    assert watch.problems == []


# -- article highlights --------------------------------------------------------------------------

MARKS_JS = """
root => [...root.querySelectorAll('mark')].map(m => {
  const r = document.createRange();
  r.setStart(root, 0);
  r.setEndBefore(m);
  return {
    offset: r.toString().length,
    text: m.textContent,
    fact: m.dataset.fact,
    kind: m.dataset.kind,
    start: +m.dataset.start,
    end: +m.dataset.end,
    title: m.getAttribute('title'),
    cls: m.className,
    leaf: m.querySelector('mark') === null,
  };
})
"""


@pytest.mark.parametrize("lang", ["fa", "ar"])
def test_document_highlights_sit_on_their_words(server, ids, page, lang):
    p, watch = page
    doc_id = ids[lang]
    doc = get_json(server, f"/documents/{doc_id}.json")
    text = doc["record"]["text"]
    visit(p, f"{server}/documents/{doc_id}")
    body = p.locator("#text")
    assert body.get_attribute("dir") == "rtl"
    assert body.get_attribute("lang") == lang
    assert body.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert body.evaluate("e => e.textContent") == BIDI.sub("\ufffd", text)

    marks = body.evaluate(MARKS_JS)
    assert marks
    parts: dict[str, list[dict]] = {}
    for m in marks:
        parts.setdefault(m["fact"], []).append(m)
        # every mark, whole or a continuation, holds the text found at its place
        assert text[m["offset"] : m["offset"] + len(m["text"])] == m["text"], m
        assert m["start"] <= m["offset"] and m["offset"] + len(m["text"]) <= m["end"], m
        assert m["cls"].split()[:2] == ["fact", f"fact-{m['kind']}"], m
        assert m["title"], m  # the explanation shown on hover
    for n, ms in parts.items():
        first = ms[0]
        assert "fact-cont" not in first["cls"]
        assert first["offset"] == first["start"], first
        assert "".join(m["text"] for m in ms) == text[first["start"] : first["end"]], n
        if len(ms) == 1:  # not split by a crossing fact: the mark is exactly its slice
            assert first["text"] == text[first["start"] : first["end"]]
    # every fact of the record is drawn once, with its label
    facts = doc["facts"]
    assert len(parts) == len(facts)
    for n, f in enumerate(facts):
        first = parts[str(n)][0]
        assert (first["start"], first["end"], first["kind"]) == (f["start"], f["end"], f["kind"])
        assert first["title"] == f["label"]
        assert f["words"] == text[f["start"] : f["end"]]
    assert {m["kind"] for m in marks} >= {"actor", "event"}

    # clicking a highlight explains it in the panel; so does Enter on a focused highlight
    detail = p.locator("#fact-detail")
    assert detail.is_hidden()
    for kind in ("actor", "date", "event"):
        leaf = next((m for m in marks if m["kind"] == kind and m["leaf"]), None)
        if leaf is None:
            continue
        target = p.locator(f'#text mark[data-fact="{leaf["fact"]}"]').first
        target.hover()
        target.click()
        assert detail.is_visible()
        assert detail.get_attribute("data-fact") == leaf["fact"]
        assert detail.locator(".detail-label").inner_text() == leaf["title"]
        assert detail.locator(".detail-kind").inner_text() == kind
        words = detail.locator(".detail-words").evaluate("e => e.textContent")
        assert words == text[leaf["start"] : leaf["end"]]
    other = next(m for m in marks if m["leaf"] and m["fact"] != detail.get_attribute("data-fact"))
    p.locator(f'#text mark[data-fact="{other["fact"]}"]').first.focus()
    p.keyboard.press("Enter")
    assert detail.get_attribute("data-fact") == other["fact"]
    assert watch.problems == []


# -- network -------------------------------------------------------------------------------------


def test_network_draws_nodes_and_edges(server, page):
    p, watch = page
    data = get_json(server, "/network.json")
    assert data["nodes"] and data["edges"]
    visit(p, server + "/network")
    svg = p.locator("svg#network-svg")
    assert svg.is_visible()
    box = svg.bounding_box()
    assert box["width"] > 100 and box["height"] > 100
    nodes = p.locator("svg#network-svg a.node")
    assert nodes.count() == len(data["nodes"])
    assert {n.get_attribute("data-id") for n in nodes.all()} == {n["id"] for n in data["nodes"]}
    assert p.locator("svg#network-svg line.edge").count() == len(data["edges"])
    for circle in p.locator("svg#network-svg a.node circle").all():
        c = circle.bounding_box()
        assert c and c["width"] > 0
        assert box["x"] <= c["x"] and c["x"] + c["width"] <= box["x"] + box["width"] + 1
        assert box["y"] <= c["y"] and c["y"] + c["height"] <= box["y"] + box["height"] + 1
    assert watch.problems == []


# -- search across spellings ---------------------------------------------------------------------

ZWNJ = "\u200c"
SPELLINGS = {
    # as written in the samples (Persian ی and ZWNJ), Arabic ي and a space, Persian ی and a space
    "president": (f"رئیس{ZWNJ}جمهور", "رئيس جمهور", "رئیس جمهور"),
    "country": ("کشور", "كشور"),  # Persian and Arabic kaf
    "minister": ("وزیر", "وزير"),  # Persian and Arabic yeh
    "turkey": ("ترکیه", "تركيه"),  # both letters
    "talks": (f"گفت{ZWNJ}وگو", "گفت وگو"),
}


def search_in_page(p: Any, server: str, q: str) -> list[str]:
    visit(p, server + "/search")
    p.fill("#filters input[name=q]", q)
    with p.expect_navigation(wait_until="networkidle"):
        p.press("#filters input[name=q]", "Enter")
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(p.url).query)["q"] == [q]
    found = [r.get_attribute("data-doc") for r in p.locator("#results li.search-row").all()]
    # every result shows at least one marked hit
    for r in p.locator("#results li.search-row").all():
        assert r.locator(".snippet mark").count() >= 1, r.inner_text()
    return found


@pytest.mark.parametrize("word", SPELLINGS)
def test_search_finds_the_same_documents_for_every_spelling(server, page, word):
    p, watch = page
    written, *variants = SPELLINGS[word]
    expected = search_in_page(p, server, written)
    assert expected, f"{written} is in the samples"
    for v in variants:
        assert search_in_page(p, server, v) == expected, v
    assert watch.problems == []


# -- hostile article text ------------------------------------------------------------------------

SCRIPT = "<script>window.__xss=1</script>"
IMG = '"><img src=x onerror="window.__xss=2">'
RLO, LRI, PDI = "\u202e", "\u2066", "\u2069"
HOSTILE = (
    "عباس عراقچی، وزیر امور خارجه ایران، روز دوشنبه در بغداد با فؤاد حسین دیدار کرد. "
    f"{SCRIPT} و {IMG} پایان. {RLO}متن وارونه{LRI}abc{PDI} ادامه.\n"
    "وی گفت: «روابط دو کشور خوب است»."
)
HOSTILE_AR = (
    "استقبل رئيس الوزراء محمد شياع السوداني في بغداد يوم الأحد وزير الخارجية التركي هاكان فيدان. "
    f"{SCRIPT} ثم {IMG} انتهى. {RLO}نص معكوس{LRI}abc{PDI} تابع.\n"
    "وقال السوداني إن العلاقات بين البلدين متينة."
)


@pytest.fixture(scope="session")
def hostile(tmp_path_factory, sample_db, web_resources) -> Iterator[tuple[str, list[str]]]:
    """A server with the ingest token over a copy of the samples, holding two hostile
    articles: an Arabic one posted to POST /api/ingest, and a Persian record that kept its
    bidi controls (the pipeline drops them; a record from elsewhere may not) stored directly.
    Yields the base URL and the two document ids."""
    from didar.pipeline import extract
    from didar.store import SQLiteStore

    path = tmp_path_factory.mktemp("hostile-browser") / "hostile.db"
    shutil.copy(sample_db, path)
    doc = extract(HOSTILE, web_resources, source="hostile-record.txt")
    doc.text += f" {RLO}{LRI}متن وارونه {SCRIPT}"  # after every fact: offsets stay valid
    doc.title = f"{SCRIPT} {RLO}عنوان{LRI} {IMG}"
    doc.outlet = f"{IMG}{RLO}"
    with SQLiteStore(path) as store:
        (stored,) = store.put_many([doc])
    with serving(path, token=TOKEN) as base:
        article = {
            "text": HOSTILE_AR,
            "title": f"{SCRIPT} {RLO}عنوان",
            "outlet": f"{IMG}{LRI}",
            "url": "javascript:window.__xss=3",
        }
        req = urllib.request.Request(
            base + "/api/ingest",
            data=json.dumps(article).encode(),
            headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=60) as r:
            body = json.load(r)
        assert body["stored"] == 1, body
        yield base, [body["results"][0]["doc_id"], stored.doc_id]


@pytest.mark.parametrize("which", ["posted", "stored"])
def test_hostile_text_is_shown_as_text(hostile, page, which):
    base, doc_ids = hostile
    doc_id = doc_ids[0 if which == "posted" else 1]
    p, watch = page
    record = get_json(base, f"/documents/{doc_id}.json")["record"]
    assert SCRIPT in record["text"] and IMG in record["text"]
    if which == "stored":  # the record holds the controls: the page must neutralise them
        assert RLO in record["text"] and LRI in record["title"]
    visit(p, f"{base}/documents/{doc_id}")
    assert p.evaluate("typeof window.__xss") == "undefined"
    assert watch.dialogs == []
    # the markup is text, visible as such
    shown = p.locator("#text").inner_text()
    assert SCRIPT in shown
    assert "<img src=x" in shown
    assert SCRIPT in p.locator("#doc-title").inner_text()
    assert p.locator("#text script, #text img, #document img, img[src=x]").count() == 0
    scripts = p.eval_on_selector_all("script", "ss => ss.map(s => s.getAttribute('src'))")
    assert scripts and all(s and s.startswith("/static/") for s in scripts), scripts
    assert p.locator("a[href^='javascript:']").count() == 0
    # no bidi control reaches the page: not in its text, its title, nor any attribute
    page_text = p.evaluate("document.documentElement.textContent + document.title")
    assert not BIDI.search(page_text), [hex(ord(c)) for c in BIDI.findall(page_text)]
    attrs = p.evaluate(
        "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.value))"
    )
    assert not any(BIDI.search(a) for a in attrs)
    # ... and the page keeps its order: the nav reads left to right, the body right to left
    xs = [a.bounding_box()["x"] for a in p.locator("#nav a").all()]
    assert xs == sorted(xs), xs
    assert p.locator("#text").evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert watch.problems == []


# -- screenshots command -------------------------------------------------------------------------

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SHOTS = (sys.executable, "-m", "didar.web.screenshots")


def test_screenshots_command_writes_every_page(sample_db, tmp_path):
    out = tmp_path / "shots"
    r = subprocess.run(
        [*SHOTS, "--db", str(sample_db), "--out", str(out), "--width", "1024"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    listed = [Path(x) for x in r.stdout.split()]
    names = sorted(f.stem for f in out.glob("*.png"))
    assert names == sorted(f.stem for f in listed)
    expected = ("overview", "events", "events-filtered", "actors", "actor", "document-fa")
    expected += ("document-ar", "network", "search", "docs")
    assert [n.split("-", 1)[1] for n in names] == list(expected)
    for f in listed:
        data = f.read_bytes()
        assert data[:8] == PNG_SIGNATURE, f
        assert data[12:16] == b"IHDR"
        width, height = struct.unpack(">II", data[16:24])
        assert width == 1024 and height >= 300, (f, width, height)
        assert len(data) > 10_000, f


def test_screenshots_command_says_how_to_get_chromium(sample_db, tmp_path):
    r = subprocess.run(
        [*SHOTS, "--db", str(sample_db), "--out", str(tmp_path), "--chromium", "/no/chromium"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 1
    assert "scripts/setup.sh test" in r.stderr
    assert not list(tmp_path.glob("*.png"))
