"""HTML pages, each with a `.json` twin at the same path plus `.json`, both from one view
function (`didar.web.views`). Twins are declared before their pages so that `/x/{id}.json`
is not taken for an id."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from didar.web import charts, views
from didar.web.deps import (
    ActorFiltersDep,
    EventFiltersDep,
    NetworkFiltersDep,
    PagingDep,
    QuoteFiltersDep,
    ReaderDep,
    variants_for,
)
from didar.web.markup import highlight

router = APIRouter(include_in_schema=False)

Text = Annotated[str | None, Query()]


def render(request: Request, template: str, context: dict[str, Any]) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, template, context)


# -- overview ------------------------------------------------------------------------------------


@router.get("/index.json")
@router.get("/.json")
def overview_json(store: ReaderDep) -> dict[str, Any]:
    with store() as s:
        return views.overview(s)


@router.get("/", response_class=HTMLResponse)
def overview_page(request: Request, store: ReaderDep) -> HTMLResponse:
    with store() as s:
        data = views.overview(s)
    charts_ = {
        "by_pair": charts.stacked_bars(
            data.get("by_pair", []), "pair", "meetings per month by country pair", "chart-pairs"
        ),
        "by_topic": charts.stacked_bars(
            data.get("by_topic", []), "topic", "events per month by topic", "chart-topics"
        ),
    }
    return render(request, "overview.html", {"data": data, "charts": charts_, "page": "overview"})


# -- events --------------------------------------------------------------------------------------


@router.get("/events.json")
def events_json(
    request: Request, store: ReaderDep, filters: EventFiltersDep, paging: PagingDep
) -> dict[str, Any]:
    with store() as s:
        return views.events(s, filters, paging, variants_for(request, filters.actor))


@router.get("/events", response_class=HTMLResponse)
def events_page(
    request: Request, store: ReaderDep, filters: EventFiltersDep, paging: PagingDep
) -> HTMLResponse:
    with store() as s:
        data = views.events(s, filters, paging, variants_for(request, filters.actor))
        facets = views.facets(s, request.app.state.memo)
    return render(
        request,
        "events.html",
        {
            "data": data,
            "facets": facets,
            "filters": filters.given(),
            "timeline": charts.timeline(data["items"], "events-timeline"),
            "page": "events",
        },
    )


# -- quotes --------------------------------------------------------------------------------------


def _quotes(request: Request, store: ReaderDep, paging: PagingDep, filters: QuoteFiltersDep):
    with store() as s:
        return views.quotes(
            s, paging, **filters.given(), variants=variants_for(request, filters.speaker)
        )


@router.get("/quotes.json")
def quotes_json(
    request: Request, store: ReaderDep, paging: PagingDep, filters: QuoteFiltersDep
) -> dict[str, Any]:
    return _quotes(request, store, paging, filters)


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(
    request: Request, store: ReaderDep, paging: PagingDep, filters: QuoteFiltersDep
) -> HTMLResponse:
    data = _quotes(request, store, paging, filters)
    return render(request, "quotes.html", {"data": data, "page": "quotes"})


# -- actors --------------------------------------------------------------------------------------


def _actors(request: Request, store: ReaderDep, paging: PagingDep, filters: ActorFiltersDep):
    with store() as s:
        return views.actors(
            s, paging, **filters.given(), variants=variants_for(request, filters.name)
        )


@router.get("/actors.json")
def actors_json(
    request: Request, store: ReaderDep, paging: PagingDep, filters: ActorFiltersDep
) -> dict[str, Any]:
    return _actors(request, store, paging, filters)


@router.get("/actors", response_class=HTMLResponse)
def actors_page(
    request: Request, store: ReaderDep, paging: PagingDep, filters: ActorFiltersDep
) -> HTMLResponse:
    data = _actors(request, store, paging, filters)
    return render(request, "actors.html", {"data": data, "page": "actors"})


@router.get("/actors/{actor_id}.json")
def actor_json(actor_id: str, store: ReaderDep) -> dict[str, Any]:
    with store() as s:
        return views.actor(s, actor_id)


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor_page(request: Request, actor_id: str, store: ReaderDep) -> HTMLResponse:
    with store() as s:
        data = views.actor(s, actor_id)
    chart = charts.timeline(data["events"], "actor-timeline")
    return render(request, "actor.html", {"a": data, "timeline": chart, "page": "actors"})


# -- documents -----------------------------------------------------------------------------------


@router.get("/documents/{doc_id}.json")
def document_json(doc_id: str, store: ReaderDep) -> dict[str, Any]:
    with store() as s:
        return views.document(s, doc_id)


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str, store: ReaderDep) -> HTMLResponse:
    with store() as s:
        doc = views.document(s, doc_id)
    record = doc["record"]
    anchors = {e["fact"]: f"e{e['index']}" for e in doc["events"] if e.get("fact") is not None}
    anchors |= {q["fact"]: f"q{q['index']}" for q in doc["quotes"] if q.get("fact") is not None}
    body = highlight(record.get("text") or "", doc["facts"], anchors=anchors)
    return render(request, "document.html", {"doc": doc, "r": record, "body": body, "page": ""})


# -- search --------------------------------------------------------------------------------------


@router.get("/search.json")
def search_json(store: ReaderDep, paging: PagingDep, q: Text = None) -> dict[str, Any]:
    with store() as s:
        return views.search(s, q or "", paging)


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request, store: ReaderDep, paging: PagingDep, q: Text = None
) -> HTMLResponse:
    data = None
    if q and q.strip():
        with store() as s:
            data = views.search(s, q, paging)
        for r in data["items"]:
            r["snippet_html"] = highlight(
                r.get("snippet") or "", [{**h, "kind": "hit", "label": ""} for h in r["hits"]]
            )
    return render(request, "search.html", {"data": data, "q": q or "", "page": "search"})


# -- network -------------------------------------------------------------------------------------


def _network(request: Request, store: ReaderDep, filters: NetworkFiltersDep):
    with store() as s:
        return views.network(s, **filters.given(), variants=variants_for(request, filters.actor))


@router.get("/network.json")
def network_json(request: Request, store: ReaderDep, filters: NetworkFiltersDep) -> dict[str, Any]:
    return _network(request, store, filters)


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, store: ReaderDep, filters: NetworkFiltersDep) -> HTMLResponse:
    data = _network(request, store, filters)
    key = "network-svg:" + repr(sorted(data["filters"].items()))
    svg = request.app.state.memo.get(key, lambda: charts.network_svg(data))
    return render(request, "network.html", {"data": data, "svg": svg, "page": "network"})
