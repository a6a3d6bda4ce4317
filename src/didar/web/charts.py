"""Charts as inline SVG, drawn on the server (no chart library, no script): stacked bars of
counts per month, and the meeting network laid out with networkx. Every label is escaped."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from didar.web.markup import neutralise

PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
)  # fmt: skip
BAR_WIDTH = 40
CHART_HEIGHT = 160
SPRING_BUDGET = 2500  # layout steps x nodes: 50 steps up to 50 nodes, fewer above
SPRING_MIN_STEPS = 10
NETWORK_SIZE = (960, 600)  # width, height of the network picture


def _t(value: Any) -> str:
    return str(escape(neutralise(str(value))))


def stacked_bars(rows: Iterable[Mapping[str, Any]], key: str, title: str, chart_id: str) -> Markup:
    """Counts per month stacked by `key` (e.g. "pair", "topic"): rows of month, key, count."""
    rows = list(rows)
    if not rows:
        return Markup(f'<p class="empty" id="{_t(chart_id)}">no data for {_t(title)}</p>')
    months = sorted({str(r["month"]) for r in rows})
    keys = sorted({str(r[key]) for r in rows})
    color = {k: PALETTE[i % len(PALETTE)] for i, k in enumerate(keys)}
    per: dict[tuple[str, str], int] = {}
    for r in rows:
        per[(str(r["month"]), str(r[key]))] = per.get((str(r["month"]), str(r[key])), 0) + int(
            r["count"]
        )
    top = max(sum(per.get((m, k), 0) for k in keys) for m in months) or 1
    left, bottom, gap = 30, 40, 14
    width = left + len(months) * (BAR_WIDTH + gap) + gap
    height = CHART_HEIGHT + bottom
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{_t(chart_id)}" class="chart" '
        f'role="img" aria-label="{_t(title)}" width="{width}" height="{height + 20 * len(keys)}" '
        f'viewBox="0 0 {width} {height + 20 * len(keys)}">',
        f"<title>{_t(title)}</title>",
        f'<line x1="{left}" y1="{CHART_HEIGHT}" x2="{width}" y2="{CHART_HEIGHT}" stroke="#999"/>',
        f'<text x="2" y="12" font-size="10">{top}</text>',
    ]
    for i, m in enumerate(months):
        x = left + gap + i * (BAR_WIDTH + gap)
        y = CHART_HEIGHT
        for k in keys:
            n = per.get((m, k), 0)
            if not n:
                continue
            h = n / top * (CHART_HEIGHT - 10)
            y -= h
            parts.append(
                f'<rect class="bar" data-month="{_t(m)}" data-key="{_t(k)}" data-count="{n}" '
                f'x="{x}" y="{y:.1f}" width="{BAR_WIDTH}" height="{h:.1f}" fill="{color[k]}">'
                f"<title>{_t(m)} {_t(k)}: {n}</title></rect>"
            )
        parts.append(
            f'<text x="{x + BAR_WIDTH / 2}" y="{CHART_HEIGHT + 14}" font-size="9" '
            f'text-anchor="middle">{_t(m)}</text>'
        )
    for j, k in enumerate(keys):
        y = height + 20 * j
        parts.append(
            f'<rect x="{left}" y="{y}" width="12" height="12" fill="{color[k]}"/>'
            f'<text x="{left + 18}" y="{y + 10}" font-size="11">{_t(k)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def network_svg(net: Mapping[str, Any], size: tuple[int, int] = NETWORK_SIZE) -> Markup:
    """Actors as nodes (sized by meetings), meetings as edges (width by weight); a spring
    layout with a fixed seed, so the same data draws the same picture."""
    import networkx as nx

    nodes = list(net.get("nodes", []))
    edges = list(net.get("edges", []))
    if not nodes:
        return Markup('<p class="empty" id="network-svg">no meetings in this selection</p>')
    g = nx.Graph()
    for n in nodes:
        g.add_node(n["id"])
    for e in edges:
        g.add_edge(e["source"], e["target"], weight=e.get("weight", 1))
    pos = _packed_layout(g, size)

    def xy(node: str) -> tuple[float, float]:
        return pos[node]

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="network-svg" class="chart" role="img" '
        f'aria-label="meeting network" width="{size[0]}" height="{size[1]}" '
        f'viewBox="0 0 {size[0]} {size[1]}"><title>meeting network</title>'
    ]
    for e in edges:
        (x1, y1), (x2, y2) = xy(e["source"]), xy(e["target"])
        w = 1 + math.log2(max(1, int(e.get("weight", 1))))
        parts.append(
            f'<line class="edge" data-source="{_t(e["source"])}" data-target="{_t(e["target"])}" '
            f'data-weight="{int(e.get("weight", 1))}" x1="{x1:.1f}" y1="{y1:.1f}" '
            f'x2="{x2:.1f}" y2="{y2:.1f}" stroke="#888" stroke-width="{w:.1f}">'
            f"<title>{_t(e['source'])} – {_t(e['target'])}: {int(e.get('weight', 1))} "
            f"({_t(e.get('first') or '?')} … {_t(e.get('last') or '?')})</title></line>"
        )
    for n in nodes:
        x, y = xy(n["id"])
        r = 5 + 3 * math.sqrt(max(0, int(n.get("meetings") or 0)))
        href = "/actors/" + quote(str(n["id"]), safe="")
        parts.append(
            f'<a href="{_t(href)}" class="node" data-id="{_t(n["id"])}">'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="#1f77b4" fill-opacity="0.8">'
            f"<title>{_t(n.get('name') or n['id'])}: {int(n.get('meetings') or 0)} meetings"
            f"</title></circle>"
            f'<text x="{x:.1f}" y="{y - r - 3:.1f}" font-size="11" text-anchor="middle">'
            f"{_t(n.get('name') or n['id'])}</text></a>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _packed_layout(g: Any, size: tuple[int, int]) -> dict[str, tuple[float, float]]:
    """Each connected component laid out on its own (spring layout, fixed seed) in a cell of
    a grid, largest first, so that small groups do not fly to the corners."""
    import networkx as nx

    parts = sorted(nx.connected_components(g), key=lambda c: (-len(c), sorted(c)))
    cols = math.ceil(math.sqrt(len(parts)))
    rows = math.ceil(len(parts) / cols)
    cell_w, cell_h = size[0] / cols, size[1] / rows
    pad = 0.18
    out: dict[str, tuple[float, float]] = {}
    for i, part in enumerate(parts):
        sub = g.subgraph(part)
        if len(sub) == 1:
            local = {next(iter(part)): (0.0, 0.0)}
        elif len(sub) == 2:
            a, b = sorted(part)
            local = {a: (-1.0, 0.0), b: (1.0, 0.0)}
        else:
            # Fruchterman-Reingold costs n² a step: fewer steps for large components
            steps = max(SPRING_MIN_STEPS, min(50, SPRING_BUDGET // len(sub)))
            laid = nx.spring_layout(sub, seed=7, iterations=steps)
            local = {k: (float(v[0]), float(v[1])) for k, v in laid.items()}
        xs = [p[0] for p in local.values()]
        ys = [p[1] for p in local.values()]
        span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
        ox, oy = (i % cols) * cell_w, (i // cols) * cell_h
        for node, (x, y) in local.items():
            fx = 0.5 if max(xs) == min(xs) else (x - min(xs)) / span_x
            fy = 0.5 if max(ys) == min(ys) else (y - min(ys)) / span_y
            out[node] = (
                ox + cell_w * (pad + (1 - 2 * pad) * fx),
                oy + cell_h * (pad + (1 - 2 * pad) * fy),
            )
    return out


TYPE_COLORS = {
    "meeting": "#1f77b4",
    "visit": "#2ca02c",
    "phone_call": "#ff7f0e",
    "agreement": "#9467bd",
}


def timeline(events: Iterable[Mapping[str, Any]], chart_id: str, width: int = 900) -> Markup:
    """Dated events as dots on a time axis (one row per type), each linking to its evidence;
    undated events are left out."""
    from datetime import date

    dated = [e for e in events if e.get("date")]
    if not dated:
        return Markup(f'<p class="empty" id="{_t(chart_id)}">no dated events to draw</p>')
    days = [date.fromisoformat(str(e["date"])).toordinal() for e in dated]
    first, last = min(days), max(days)
    span = (last - first) or 1
    types = sorted({str(e["type"]) for e in dated})
    row_h, left, right, top = 22, 90, 20, 10
    height = top + row_h * len(types) + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{_t(chart_id)}" class="chart timeline" '
        f'role="img" aria-label="events over time" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><title>events over time</title>'
    ]
    for i, t in enumerate(types):
        y = top + row_h * i + row_h / 2
        parts.append(
            f'<text x="4" y="{y + 4:.1f}" font-size="11">{_t(t)}</text>'
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#eee"/>'
        )
    for e, day in zip(dated, days, strict=True):
        x = left + (day - first) / span * (width - left - right) if last > first else width / 2
        y = top + row_h * types.index(str(e["type"])) + row_h / 2
        href = f"/documents/{quote(str(e['doc_id']), safe='')}#e{int(e['index'])}"
        color = TYPE_COLORS.get(str(e["type"]), "#7f7f7f")
        opacity = "1" if e.get("status") == "occurred" else "0.35"
        label = e.get("summary") or f"{e['type']}: {', '.join(e.get('participants') or [])}"
        parts.append(
            f'<a href="{_t(href)}" class="dot" data-date="{_t(e["date"])}" '
            f'data-type="{_t(e["type"])}"><circle cx="{x:.1f}" cy="{y:.1f}" r="6" '
            f'fill="{color}" fill-opacity="{opacity}"><title>{_t(label)} '
            f"({_t(e.get('status'))})</title></circle></a>"
        )
    axis_y = top + row_h * len(types) + 14
    for day, anchor in ((first, "start"), (last, "end")):
        x = left if anchor == "start" else width - right
        parts.append(
            f'<text x="{x}" y="{axis_y}" font-size="10" text-anchor="{anchor}">'
            f"{date.fromordinal(day).isoformat()}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
