"""Downloads of what a page shows: the current filter of /events and /quotes as CSV, JSON
Lines or Parquet, and the network as GraphML or GEXF (for Gephi), written by `didar.export`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from didar import export, query
from didar.store.base import QUOTE_KEYS
from didar.web import views
from didar.web.deps import EventFiltersDep, ReaderDep, SettingsDep, variants_for

router = APIRouter(include_in_schema=False)

Text = Annotated[str | None, Query()]
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


def _clean(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


def _events(request: Request, store: ReaderDep, filters: Any, settings: Any, fmt: str):
    with store() as s:
        variants = variants_for(request, filters.actor)
        rows = views.all_events(s, filters, settings.export_limit, variants)
    return _file(export.write_rows(rows, fmt, EVENT_EXPORT_KEYS), fmt, "events")


def _quotes(request, store, settings, fmt, speaker, since, until, direct):
    given = {
        k: v
        for k, v in {
            "speaker": _clean(speaker),
            "since": _clean(since),
            "until": _clean(until),
            "direct": direct,
        }.items()
        if v is not None
    }
    with store() as s:
        rows = query.quotes(
            s, **given, limit=settings.export_limit, variants=variants_for(request, speaker)
        )
    return _file(export.write_rows(rows, fmt, QUOTE_KEYS), fmt, "quotes")


def _network(request, store, fmt, since, until, country, actor):
    with store() as s:
        net = views.network(
            s,
            since=_clean(since),
            until=_clean(until),
            country=_clean(country),
            actor=_clean(actor),
            variants=variants_for(request, actor),
        )
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
        request: Request,
        store: ReaderDep,
        settings: SettingsDep,
        speaker: Text = None,
        since: Text = None,
        until: Text = None,
        direct: bool | None = None,
    ) -> Response:
        return _quotes(request, store, settings, fmt, speaker, since, until, direct)


def _add_graph_download(fmt: str) -> None:
    @router.get(f"/network.{fmt}", name=f"network_{fmt}")
    def network_file(
        request: Request,
        store: ReaderDep,
        since: Text = None,
        until: Text = None,
        country: Text = None,
        actor: Text = None,
    ) -> Response:
        return _network(request, store, fmt, since, until, country, actor)


for _fmt in export.ROW_FORMATS:
    _add_row_downloads(_fmt)
for _fmt in export.GRAPH_FORMATS:
    _add_graph_download(_fmt)
