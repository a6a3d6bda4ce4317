"""Printing an evaluation report: a table for people, JSON for machines."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from didar.eval.score import Counts, Report

# (metric, label, gated by issue 2?) in display order
_ROWS: tuple[tuple[str, str, bool], ...] = (
    ("meeting_precision", "meeting precision", False),
    ("meeting_recall", "meeting recall", False),
    ("meeting_f1", "meeting F1", True),
    ("meeting_date_accuracy", "meeting date accuracy", True),
    ("meeting_place_accuracy", "meeting place accuracy", False),
    ("meeting_kind_accuracy", "meeting kind agreement", False),
    ("planned_as_occurred", "planned reported as occurred (FP)", False),
    ("quote_coverage", "quote coverage", False),
    ("quote_speaker_accuracy", "quote speaker accuracy (of gold quotes)", True),
    ("quote_speaker_accuracy_of_found", "quote speaker accuracy (of found quotes)", False),
    ("speaker_recall", "speakers found", False),
    ("language_accuracy", "language accuracy", True),
    ("published_accuracy", "published accuracy", False),
    ("noise", "noise (absent actors in events/quotes)", True),
    ("topics_recall", "topics recall (required topics)", False),
    ("topics_precision", "topics precision (inside allowed)", False),
    ("stance_recall", "stance accuracy (gold stances, same polarity)", False),
    ("threat_recall", "threats found", False),
    ("planned_found", "planned entries found as planned [info]", False),
    ("act_recall", "other events found (gold acts)", False),
    ("act_precision", "other events right (of predicted)", False),
    ("act_status_accuracy", "other events' status", False),
)


def _counts_text(metric: str, c: Counts, n_docs: int, noisy: int) -> str:
    m = c.meetings
    match metric:
        case "meeting_precision":
            return f"{m.matched}/{m.predicted} predicted"
        case "meeting_recall":
            return f"{m.matched}/{m.gold} gold"
        case "meeting_f1":
            return f"{m.matched} matched, {m.predicted} predicted, {m.gold} gold"
        case "meeting_date_accuracy":
            return f"{c.meeting_date.hits}/{c.meeting_date.total} matched"
        case "meeting_place_accuracy":
            return f"{c.meeting_place.hits}/{c.meeting_place.total} matched"
        case "meeting_kind_accuracy":
            return f"{c.meeting_kind.hits}/{c.meeting_kind.total} matched"
        case "planned_as_occurred":
            return "predicted occurred meetings that gold lists as planned"
        case "quote_coverage":
            return f"{c.quote_found.hits}/{c.quote_found.total} gold snippets found"
        case "quote_speaker_accuracy":
            return f"{c.speaker_of_gold.hits}/{c.speaker_of_gold.total} gold quotes"
        case "quote_speaker_accuracy_of_found":
            return f"{c.speaker_of_found.hits}/{c.speaker_of_found.total} found quotes"
        case "speaker_recall":
            return f"{c.speakers.hits}/{c.speakers.total} gold speakers"
        case "language_accuracy":
            return f"{c.language.hits}/{c.language.total} documents"
        case "published_accuracy":
            return f"{c.published.hits}/{c.published.total} documents"
        case "noise":
            return f"in {noisy} of {n_docs} documents"
        case "topics_recall":
            return f"{c.topics_recall.hits}/{c.topics_recall.total} required topics"
        case "topics_precision":
            return f"{c.topics_precision.hits}/{c.topics_precision.total} predicted topics"
        case "stance_recall":
            return f"{c.stances.hits}/{c.stances.total} gold stances"
        case "threat_recall":
            return f"{c.threats.hits}/{c.threats.total} gold threats"
        case "act_recall":
            return f"{c.acts_found.hits}/{c.acts_found.total} gold acts"
        case "act_precision":
            return f"{c.acts_right.hits}/{c.acts_right.total} predicted, in documents with acts"
        case "act_status_accuracy":
            return f"{c.act_status.hits}/{c.act_status.total} found acts"
        case "planned_found":
            return f"{c.planned_found.hits}/{c.planned_found.total} gold planned entries"
    return ""


def _value(metric: str, v: float | None) -> str:
    if v is None:
        return "-"
    if metric in ("noise", "planned_as_occurred"):
        return str(int(v))
    return f"{v:.3f}"


def _doc_summary(d: Any) -> str:
    c = d.counts
    m = c.meetings
    parts = [
        f"meetings {m.matched}/{m.gold} found, {m.predicted - m.matched} spurious",
        f"dates {c.meeting_date.hits}/{c.meeting_date.total}",
        f"places {c.meeting_place.hits}/{c.meeting_place.total}",
        f"quotes {c.quote_found.hits}/{c.quote_found.total} (speaker {c.speaker_of_gold.hits})",
        "lang ok" if c.language.hits else "LANG",
        "published ok" if c.published.hits else "PUBLISHED",
        f"noise {c.noise}",
    ]
    return "  ".join(parts)


def format_table(report: Report) -> str:
    lines = [f"didar eval: {report.gold} ({len(report.documents)} documents)", ""]
    metrics = report.metrics
    width = max(len(label) for _, label, _ in _ROWS)
    lines.append(f"{'metric':<{width}}  {'score':>6}  counts")
    lines.append(f"{'-' * width}  {'-' * 6}  {'-' * 30}")
    noisy = len(report.noisy_documents)
    for metric, label, _gated in _ROWS:
        value = _value(metric, metrics[metric])
        counts = _counts_text(metric, report.totals, len(report.documents), noisy)
        lines.append(f"{label:<{width}}  {value:>6}  {counts}")
    lines += ["", "per document (- missed, + spurious, ~ wrong, ! noise)"]
    for d in report.documents:
        lines.append(f"{d.doc}  {_doc_summary(d)}")
        if d.error:
            lines.append(f"    ERROR {d.error}")
        lines += [f"    - {x}" for x in d.missed]
        lines += [f"    + {x}" for x in d.spurious]
        lines += [f"    ~ {x}" for x in d.wrong]
        lines += [f"    ! {x}" for x in d.noise]
    return "\n".join(lines)


def format_report(report: Report, fmt: str = "table") -> str:
    """The report as a table (summary, then per-document lines) or as JSON."""
    if fmt == "json":
        return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
    if fmt == "table":
        return format_table(report)
    raise ValueError(f"unknown report format {fmt!r}: use 'table' or 'json'")
