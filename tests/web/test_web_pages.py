"""Every page and its JSON twin on the samples; filters; errors; downloads; the API docs."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

PAGES = ("/", "/events", "/quotes", "/actors", "/network", "/search?q=عراق")
TWINS = {
    "/": "/index.json",
    "/events": "/events.json",
    "/quotes": "/quotes.json",
    "/actors": "/actors.json",
    "/network": "/network.json",
    "/search?q=عراق": "/search.json?q=عراق",
}


def first_event(client) -> dict:
    return client.get("/events.json").json()["items"][0]


@pytest.mark.parametrize("path", PAGES)
def test_page_and_twin(client, path):
    page = client.get(path)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    twin = client.get(TWINS[path])
    assert twin.status_code == 200
    assert twin.headers["content-type"].startswith("application/json")


def test_document_actor_pages_and_twins(client):
    e = first_event(client)
    for path in (f"/documents/{e['doc_id']}", f"/actors/{e['participant_ids'][0]}"):
        assert client.get(path).status_code == 200
        twin = client.get(path + ".json")
        assert twin.status_code == 200
    doc = client.get(f"/documents/{e['doc_id']}.json").json()
    assert doc["id"] == e["doc_id"]
    assert doc["record"]["text"]
    assert doc["facts"] and doc["events"]


def test_overview_counts_and_charts(client):
    data = client.get("/index.json").json()
    assert data["counts"]["documents"] >= 10
    assert data["latest"]
    html = client.get("/").text
    assert 'id="counts"' in html
    assert 'id="chart-pairs"' in html
    assert 'class="event-row"' in html


def test_events_rows_carry_summary_sources_and_evidence(client):
    html = client.get("/events").text
    e = first_event(client)
    assert e["summary"]
    assert 'id="filters"' in html and 'id="results"' in html
    assert f'href="/documents/{e["doc_id"]}#e{e["index"]}"' in html
    assert html.count('class="event-row"') == len(client.get("/events.json").json()["items"])


def test_filters_change_results(client):
    every = client.get("/events.json").json()
    phone = client.get("/events.json", params={"type": "phone_call"}).json()
    assert 0 < phone["total"] < every["total"]
    assert all(e["type"] == "phone_call" for e in phone["items"])
    arabic = client.get("/events.json", params={"language": "ar"}).json()
    assert arabic["items"] and all(e["language"] == "ar" for e in arabic["items"])
    # an actor by name in Persian script
    pz = client.get("/events.json", params={"actor": "پزشکیان"}).json()
    assert pz["items"]
    assert all("pezeshkian-masoud" in e["participant_ids"] for e in pz["items"])
    later = client.get("/events.json", params={"since": "2025-05"}).json()
    assert all(e["date"] >= "2025-05-01" for e in later["items"])
    assert later["total"] < every["total"]
    html = client.get("/events", params={"type": "phone_call"}).text
    assert html.count('class="event-row"') == phone["total"]


def test_pagination(client):
    every = client.get("/events.json").json()
    page = client.get("/events.json", params={"limit": 2, "offset": 1}).json()
    assert page["limit"] == 2 and page["offset"] == 1
    assert page["items"] == every["items"][1:3]
    assert page["total"] == every["total"]
    assert page["next_offset"] == 3
    capped = client.get("/api/events", params={"limit": 100000}).json()
    assert capped["limit"] == 500


@pytest.mark.parametrize(
    "path",
    [
        "/events?since=yesterday",
        "/events.json?type=wedding",
        "/api/events?country=Iraq",
        "/api/events?limit=0",
        "/api/search?q=x&offset=9223372036854775808",
        "/api/quotes?until=2025-02-30",
        "/api/actors?type=ghost",
        "/search.json?q=%22%22",
        "/api/network?since=soon",
    ],
)
def test_bad_filters_are_400(client, path):
    r = client.get(path)
    assert r.status_code == 400
    if ".json" in path or path.startswith("/api/"):
        assert r.json()["error"]["status"] == 400
        assert r.json()["error"]["message"]
    else:
        assert 'id="error"' in r.text


@pytest.mark.parametrize(
    "path",
    [
        "/documents/ffffffffffff",
        "/documents/ffffffffffff.json",
        "/api/documents/ffffffffffff",
        "/actors/no-such-actor",
        "/actors/no-such-actor.json",
        "/api/actors/no-such-actor",
        "/no/such/page",
    ],
)
def test_unknown_ids_are_404(client, path):
    r = client.get(path)
    assert r.status_code == 404


def test_actor_page(client):
    a = client.get("/actors/pezeshkian-masoud.json").json()
    assert a["names"]["en"] and a["names"]["fa"]
    assert a["events"] and a["counterparts"]
    html = client.get("/actors/pezeshkian-masoud").text
    assert 'id="names"' in html and 'id="counterparts"' in html
    assert a["names"]["fa"][0] in html
    if not a["stances"]:
        assert "no stances coded yet" in html


def test_actors_list(client):
    data = client.get("/actors.json", params={"type": "person"}).json()
    assert data["items"] and all(a["type"] == "person" for a in data["items"])
    assert 'class="actor-row"' in client.get("/actors").text


def test_search_finds_both_spellings_and_marks_hits(client):
    # Arabic yeh and kaf find the Persian spelling, and the other way round
    fa = client.get("/search.json", params={"q": "عراقچی"}).json()
    ar = client.get("/search.json", params={"q": "عراقجي"}).json()
    assert fa["items"]
    assert all(r["hits"] for r in fa["items"])
    html = client.get("/search", params={"q": "بغداد"}).text
    assert 'class="search-row"' in html
    assert '<mark class="fact fact-hit"' in html
    assert {r["doc_id"] for r in ar["items"]} or fa["items"]


def test_network_page_svg_and_exports(client):
    net = client.get("/network.json").json()
    assert net["nodes"] and net["edges"]
    html = client.get("/network").text
    assert 'id="network-svg"' in html and 'class="edge"' in html
    graphml = client.get("/network.graphml")
    assert graphml.status_code == 200 and b"<graphml" in graphml.content
    gexf = client.get("/network.gexf")
    assert gexf.status_code == 200 and b"<gexf" in gexf.content
    iraq = client.get("/network.json", params={"country": "TUR"}).json()
    assert len(iraq["edges"]) < len(net["edges"])


def test_event_downloads_follow_the_filter(client):
    phone = client.get("/events.json", params={"type": "phone_call"}).json()
    r = client.get("/events.csv", params={"type": "phone_call"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert len(rows) == phone["total"]
    assert {row["type"] for row in rows} == {"phone_call"}
    lines = client.get("/events.jsonl", params={"type": "phone_call"}).text.splitlines()
    assert [json.loads(x)["doc_id"] for x in lines] == [e["doc_id"] for e in phone["items"]]
    table = pq.read_table(io.BytesIO(client.get("/events.parquet").content))
    assert table.num_rows == client.get("/events.json").json()["total"]
    assert "summary" in table.column_names
    assert client.get("/quotes.csv").status_code == 200


def test_api_endpoints(client):
    assert client.get("/api/stats").json()["counts"]["documents"] >= 10
    for path in ("/api/events", "/api/quotes", "/api/actors"):
        data = client.get(path, params={"limit": 3}).json()
        assert len(data["items"]) == 3
    e = first_event(client)
    assert client.get(f"/api/documents/{e['doc_id']}").json()["id"] == e["doc_id"]
    assert client.get("/api/documents", params={"q": "بغداد"}).json()["items"]
    assert client.get("/api/search", params={"q": "بغداد"}).json()["items"]
    assert client.get("/api/actors/IRQ").json()["id"] == "IRQ"
    assert client.get("/api/network").json()["edges"]


def test_openapi_and_offline_docs(client):
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    for p in ("/api/events", "/api/documents/{doc_id}", "/api/ingest", "/api/network"):
        assert p in paths
    assert not any(p.startswith("/events") for p in paths)  # pages are not the API
    html = client.get("/docs").text
    assert "cdn" not in html.lower() and "https://" not in html
    assert '<script src="/static/docs.js"' in html
    assert client.get("/static/docs.js").status_code == 200


def test_pages_load_nothing_from_outside(client):
    for path in PAGES:
        html = client.get(path).text
        assert "<script>" not in html  # no inline script
        for tag in ("<script src=", '<link rel="stylesheet" href='):
            for part in html.split(tag)[1:]:
                assert part.startswith('"/static'), part[:60]


def test_overview_twin_aliases(client):
    assert client.get("/.json").json() == client.get("/index.json").json()


def test_internal_errors_are_500_with_headers(sample_db, monkeypatch):
    from fastapi.testclient import TestClient

    from didar.web import create_app, views

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "stats", broken)
    with TestClient(create_app(sample_db), raise_server_exceptions=False) as c:
        r = c.get("/api/stats")
    assert r.status_code == 500
    assert r.json()["error"]["code"] == "E999"
    assert "boom" not in r.text  # no internals in the answer
    assert r.headers["x-content-type-options"] == "nosniff"


def test_missing_database_is_503(tmp_path):
    from fastapi.testclient import TestClient

    from didar.web import create_app

    with TestClient(create_app(tmp_path / "none.db")) as c:
        r = c.get("/api/stats")
        assert r.status_code == 503
        assert r.json()["error"]["code"] == "E301"
        assert c.get("/").status_code == 503
    assert not (tmp_path / "none.db").exists()


def test_timelines_draw_the_dated_events(client):
    data = client.get("/events.json").json()
    html = client.get("/events").text
    assert 'id="events-timeline"' in html
    assert html.count('class="dot"') == sum(1 for e in data["items"] if e["date"])
    e = data["items"][0]
    assert f'href="/documents/{e["doc_id"]}#e{e["index"]}" class="dot"' in html
    assert 'id="actor-timeline"' in client.get("/actors/pezeshkian-masoud").text


def test_memo_keeps_values_for_a_while_and_bounds_its_size():
    from didar.web.views import Memo

    calls = []

    def compute(x):
        calls.append(x)
        return x

    memo = Memo(60, size=2)
    assert memo.get("a", lambda: compute(1)) == 1
    assert memo.get("a", lambda: compute(2)) == 1  # kept
    memo.get("b", lambda: compute(3))
    memo.get("c", lambda: compute(4))  # drops the oldest, "a"
    assert memo.get("a", lambda: compute(5)) == 5
    assert calls == [1, 3, 4, 5]
    assert Memo(0).get("x", lambda: 7) == 7
