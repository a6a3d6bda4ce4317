"""The REST API under /api/: read-only listings and lookups (the same view functions as the
pages), and the token-gated POST /api/ingest."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query, Request

from didar.web import views
from didar.web.deps import (
    ActorFiltersDep,
    EventFiltersDep,
    NetworkFiltersDep,
    PagingDep,
    QuoteFiltersDep,
    ReaderDep,
    WriterDep,
    limit_body,
    require_token,
    variants_for,
)
from didar.web.models import (
    ActorOut,
    ActorPage,
    Article,
    DocumentOut,
    ErrorOut,
    EventPage,
    IngestOut,
    IngestResult,
    NetworkOut,
    QuotePage,
    SearchPage,
    Stats,
)

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "a bad filter or parameter"},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    404: {"model": ErrorOut, "description": "no such id (or a prefix shared by several)"},
}

router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)

@router.get("/stats", response_model=Stats, summary="How much the store holds")
def stats(request: Request, store: ReaderDep) -> dict[str, Any]:
    with store() as s:
        return {**views.stats(s), "facets": views.facets(s, request.app.state.memo)}


@router.get(
    "/documents",
    response_model=SearchPage,
    summary="Documents matching a full-text query (title and text, any script)",
)
def documents(
    store: ReaderDep,
    paging: PagingDep,
    q: Annotated[str, Query(min_length=1, description='words; "a phrase"; prefix*')],
) -> dict[str, Any]:
    with store() as s:
        return views.search(s, q, paging)


@router.get(
    "/documents/{doc_id}",
    response_model=DocumentOut,
    responses=NOT_FOUND,
    summary="One document: its record, facts (highlights), events and quotes",
)
def document(doc_id: str, store: ReaderDep) -> dict[str, Any]:
    with store() as s:
        return views.document(s, doc_id)


@router.get("/events", response_model=EventPage, summary="Events, filtered and paginated")
def events(
    request: Request, store: ReaderDep, filters: EventFiltersDep, paging: PagingDep
) -> dict[str, Any]:
    with store() as s:
        return views.events(s, filters, paging, variants_for(request, filters.actor))


@router.get("/quotes", response_model=QuotePage, summary="Quotes, filtered and paginated")
def quotes(
    request: Request, store: ReaderDep, paging: PagingDep, filters: QuoteFiltersDep
) -> dict[str, Any]:
    with store() as s:
        return views.quotes(
            s, paging, **filters.given(), variants=variants_for(request, filters.speaker)
        )


@router.get("/actors", response_model=ActorPage, summary="Actors, most documents first")
def actors(
    request: Request, store: ReaderDep, paging: PagingDep, filters: ActorFiltersDep
) -> dict[str, Any]:
    with store() as s:
        return views.actors(
            s, paging, **filters.given(), variants=variants_for(request, filters.name)
        )


@router.get(
    "/actors/{actor_id}",
    response_model=ActorOut,
    responses=NOT_FOUND,
    summary="One actor: names, roles, events, counterparts, quotes, stances",
)
def actor(actor_id: str, store: ReaderDep) -> dict[str, Any]:
    with store() as s:
        return views.actor(s, actor_id)


@router.get("/search", response_model=SearchPage, summary="Full-text search across languages")
def search(
    store: ReaderDep,
    paging: PagingDep,
    q: Annotated[str, Query(min_length=1, description='words; "a phrase"; prefix*')],
) -> dict[str, Any]:
    with store() as s:
        return views.search(s, q, paging)


@router.get("/network", response_model=NetworkOut, summary="Who meets whom")
def network(request: Request, store: ReaderDep, filters: NetworkFiltersDep) -> dict[str, Any]:
    with store() as s:
        return views.network(s, **filters.given(), variants=variants_for(request, filters.actor))


@router.post(
    "/ingest",
    response_model=IngestOut,
    dependencies=[Depends(require_token), Depends(limit_body)],
    responses={
        401: {"model": ErrorOut, "description": "missing or wrong bearer token"},
        403: {"model": ErrorOut, "description": "ingest is off (no token configured)"},
        413: {"model": ErrorOut, "description": "the body is too large"},
    },
    summary="Extract and store articles (needs the server's token)",
)
def ingest(
    request: Request,
    store: WriterDep,
    body: Annotated[Article | list[Article], Body()],
) -> dict[str, Any]:
    from didar.ingest.batch import Failure
    from didar.ingest.batch import ingest as run_batch

    articles = body if isinstance(body, list) else [body]
    settings = request.app.state.settings
    if not articles or len(articles) > settings.max_ingest_items:
        from didar.errors import QueryError

        raise QueryError(f"send 1 to {settings.max_ingest_items} articles per request")
    items = views.ingest_items([a.model_dump() for a in articles])
    res = request.app.state.resources()
    results: list[IngestResult] = []
    counts = {"stored": 0, "new_version": 0, "duplicate": 0, "failed": 0}
    with store() as s:
        for outcome in run_batch(s, items, res=res, jobs=1):
            if isinstance(outcome, Failure):
                r = IngestResult(source=outcome.source, status="failed", error=outcome.message)
            else:
                r = IngestResult(
                    source=outcome.source or "",
                    status=outcome.status,
                    doc_id=outcome.doc_id or None,
                    version=outcome.version or None,
                    error=outcome.error,
                )
            counts[r.status] = counts.get(r.status, 0) + 1
            results.append(r)
    request.app.state.memo.clear()  # new outlets, languages, topics
    return {
        "read": len(results),
        "stored": counts["stored"],
        "new_versions": counts["new_version"],
        "duplicates": counts["duplicate"],
        "failed": counts["failed"],
        "results": results,
    }
