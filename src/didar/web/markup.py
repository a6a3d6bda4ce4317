"""Article text to safe HTML with nested highlights, and the neutralising of untrusted text.

Article text is untrusted: every piece is escaped, and the bidi embedding, override and isolate
controls (U+202A–U+202E, U+2066–U+2069) are replaced so that a document cannot reorder the page
around it. The replacement keeps the length, so character offsets stay valid in the display.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
BIDI_REPLACEMENT = "\ufffd"  # visible, one character: offsets into the text stay valid
KIND_ORDER = {"quote": 0, "stance": 1, "event": 2, "date": 3, "actor": 4}  # outer to inner


def neutralise(value: Any) -> Any:
    """`value` with every bidi control replaced (strings only; other values as they are)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return BIDI_CONTROLS.sub(BIDI_REPLACEMENT, value)
    return value


@dataclass(frozen=True, slots=True)
class Span:
    """One fact to highlight: its index in the facts list, its offsets, kind and label."""

    n: int
    start: int
    end: int
    kind: str
    label: str

    @property
    def rank(self) -> tuple[int, int, int]:
        # longer spans open first (outside), then by kind so nesting is stable
        return (self.start, -(self.end - self.start), KIND_ORDER.get(self.kind, 9))


def _open(span: Span, continued: bool, anchor: str | None = None) -> str:
    cls = f"fact fact-{span.kind}" + (" fact-cont" if continued else "")
    ident = "" if continued else f' id="{escape(anchor or f"f{span.n}")}"'
    return (
        f'<mark class="{escape(cls)}"{ident} data-fact="{span.n}" '
        f'data-kind="{escape(span.kind)}" data-start="{span.start}" data-end="{span.end}" '
        f'title="{escape(neutralise(span.label))}">'
    )


def highlight(
    text: str, facts: Sequence[Mapping[str, Any]], anchors: Mapping[int, str] | None = None
) -> Markup:
    """`text` as HTML with one `<mark class="fact fact-KIND">` per fact (`start`, `end`,
    `kind`, `label`; offsets into `text`). Overlapping facts nest: where two cross, the inner
    one is closed and reopened as a continuation (`fact-cont`, same `data-fact`), so that the
    markup stays well formed and the text of every mark with `data-fact=N` joins to fact N's
    words. The first mark of fact N has the id `fN`, or `anchors[N]` when given (events:
    `e<index>`). Facts with empty or out-of-range spans are skipped."""
    anchors = anchors or {}
    spans = sorted(
        (
            Span(n, int(f["start"]), int(f["end"]), str(f["kind"]), str(f.get("label") or ""))
            for n, f in enumerate(facts)
            if 0 <= int(f["start"]) < int(f["end"]) <= len(text)
        ),
        key=lambda s: s.rank,
    )
    bounds = sorted({0, len(text)} | {s.start for s in spans} | {s.end for s in spans})
    starting: dict[int, list[Span]] = {}
    for s in spans:
        starting.setdefault(s.start, []).append(s)
    out: list[str] = []
    stack: list[Span] = []
    for i, pos in enumerate(bounds):
        # close what ends here; anything opened inside it is closed and reopened after
        if any(s.end == pos for s in stack):
            reopen = []
            while any(s.end == pos for s in stack):
                top = stack.pop()
                out.append("</mark>")
                if top.end != pos:
                    reopen.append(top)
            for s in reversed(reopen):
                out.append(_open(s, continued=True))
                stack.append(s)
        for s in starting.get(pos, ()):
            out.append(_open(s, continued=False, anchor=anchors.get(s.n)))
            stack.append(s)
        if i + 1 < len(bounds):
            out.append(str(escape(neutralise(text[pos : bounds[i + 1]]))))
    while stack:  # only spans ending at len(text), already closed above; kept for safety
        stack.pop()
        out.append("</mark>")
    return Markup("".join(out))
