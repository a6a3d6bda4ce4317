"""Downloads of what a page shows: the current filter of /events and /quotes as CSV, JSON
Lines or Parquet, and the network as GraphML or GEXF (for Gephi), written by `didar.export`."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from didar import export, query
from didar.store.base import QUOTE_KEYS
from didar.web import views
from didar.web.deps import (
    EventFiltersDep,
    NetworkFilters,
    NetworkFiltersDep,
    QuoteFilters,
    QuoteFiltersDep,
    ReaderDep,
    SettingsDep,
    variants_for,
)

router = APIRouter(include_in_schema=False)

EVENT_EXPORT_KEYS = (
    "doc_id", "index", "date", "date_precision", "weekday", "type", "status", "summary",
    "participants", "participant_ids", "source", "source_id", "target", "target_id",
    "location", "location_id", "plover", "cameo", "topics", "evidence", "start", "end", "rule",
    "title", "published", "outlet", "language",
)  # fmt: skip


def _file(data: bytes, fmt: str, stem: str) -> Response:
    return Response(
        data,
        media_type=export.MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{stem}{export.EXTENSIONS[fmt]}"'},
    )


def _events(request: Request, store: ReaderDep, filters: Any, settings: Any, fmt: str):
    with store() as s:
        variants = variants_for(request, filters.actor)
        rows = views.all_events(s, filters, settings.export_limit, variants)
    return _file(export.write_rows(rows, fmt, EVENT_EXPORT_KEYS), fmt, "events")


def _quotes(request: Request, store: ReaderDep, settings, fmt: str, filters: QuoteFilters):
    with store() as s:
        rows = query.quotes(
            s,
            **filters.given(),
            limit=settings.export_limit,
            variants=variants_for(request, filters.speaker),
        )
    return _file(export.write_rows(rows, fmt, QUOTE_KEYS), fmt, "quotes")


def _network(request: Request, store: ReaderDep, fmt: str, filters: NetworkFilters):
    with store() as s:
        net = views.network(s, **filters.given(), variants=variants_for(request, filters.actor))
    net.pop("filters", None)
    return _file(export.graph(net, fmt), fmt, "network")


def _add_row_downloads(fmt: str) -> None:
    @router.get(f"/events.{fmt}", name=f"events_{fmt}")
    def events_file(
        request: Request, store: ReaderDep, filters: EventFiltersDep, settings: SettingsDep
    ) -> Response:
        return _events(request, store, filters, settings, fmt)

    @router.get(f"/quotes.{fmt}", name=f"quotes_{fmt}")
    def quotes_file(
        request: Request, store: ReaderDep, settings: SettingsDep, filters: QuoteFiltersDep
    ) -> Response:
        return _quotes(request, store, settings, fmt, filters)


def _add_graph_download(fmt: str) -> None:
    @router.get(f"/network.{fmt}", name=f"network_{fmt}")
    def network_file(request: Request, store: ReaderDep, filters: NetworkFiltersDep) -> Response:
        return _network(request, store, fmt, filters)


for _fmt in export.ROW_FORMATS:
    _add_row_downloads(_fmt)
for _fmt in export.GRAPH_FORMATS:
    _add_graph_download(_fmt)
