"""POST /api/ingest: off without a token, 401 with a wrong one, stores with the right one."""

from __future__ import annotations

import shutil

import pytest
from fastapi.testclient import TestClient

from didar.web import create_app

TOKEN = "s3cret-token"
ARTICLE = {
    "text": (
        "به گزارش خبرگزاری نمونه، عباس عراقچی، وزیر امور خارجه ایران، روز یکشنبه ۱۰ فروردین "
        "۱۴۰۴ در مسقط با بدر البوسعیدی، وزیر خارجه عمان، دیدار و گفت‌وگو کرد."
    ),
    "title": "دیدار عراقچی و وزیر خارجه عمان در مسقط",
    "url": "https://example.org/news/1",
    "published": "2025-03-30",
    "outlet": "خبرگزاری نمونه",
}


@pytest.fixture
def writable(tmp_path, sample_db, web_resources):
    """A copy of the sample store, and an app over it with the ingest token."""
    path = tmp_path / "copy.db"
    shutil.copy(sample_db, path)
    app = create_app(path, token=TOKEN)
    app.state.resources = lambda: web_resources  # built once per session
    with TestClient(app) as c:
        yield c


def test_ingest_is_off_without_a_token(client):
    r = client.post("/api/ingest", json=ARTICLE)
    assert r.status_code == 403
    assert r.json()["error"]["status"] == 403
    r = client.post("/api/ingest", json=ARTICLE, headers={"Authorization": "Bearer x"})
    assert r.status_code == 403


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}, {"Authorization": "Basic x"}],
)
def test_wrong_or_missing_token_is_401(writable, headers):
    r = writable.post("/api/ingest", json=ARTICLE, headers=headers)
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"


def test_right_token_stores_and_lists(writable):
    before = writable.get("/api/stats").json()["counts"]["documents"]
    r = writable.post("/api/ingest", json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["stored"] == 1 and body["failed"] == 0
    doc_id = body["results"][0]["doc_id"]
    assert writable.get("/api/stats").json()["counts"]["documents"] == before + 1
    doc = writable.get(f"/api/documents/{doc_id}").json()
    assert doc["record"]["title"] == ARTICLE["title"]
    assert doc["record"]["url"] == ARTICLE["url"]
    listed = writable.get("/events.json", params={"actor": "عراقچی", "since": "2025-03-30"})
    assert doc_id in {e["doc_id"] for e in listed.json()["items"]}
    found = writable.get("/api/search", params={"q": "مسقط"}).json()["items"]
    assert doc_id in {d["doc_id"] for d in found}
    # the same article again is a duplicate, a list is accepted
    again = writable.post(
        "/api/ingest", json=[ARTICLE], headers={"Authorization": f"Bearer {TOKEN}"}
    ).json()
    assert again["duplicates"] == 1


@pytest.mark.parametrize(
    "body", [{"title": "no text"}, {"text": ""}, [], {"text": "x", "extra": 1}, "text"]
)
def test_bad_ingest_body_is_400(writable, body):
    r = writable.post("/api/ingest", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 400


def test_too_large_body_is_413(writable):
    app = writable.app
    app.state.settings = type(app.state.settings)(
        db_path=app.state.settings.db_path, token=TOKEN, max_ingest_bytes=100
    )
    r = writable.post("/api/ingest", json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 413
