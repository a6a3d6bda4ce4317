"""English one-line summaries of events, built from the structured fields only.

    2025-09-07 — Masoud Pezeshkian (President of Iran) met Ammar al-Hakim (Head of the
    National Wisdom Movement) in Baghdad

Nothing is translated: the sentence is a template (events/data/summary.yaml, per event type
and status) filled with the actors' English names and their English roles at the document's
date, the event's date at its stated precision, and its place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def templates() -> dict[str, Any]:
    text = (resources.files("didar.events") / "data" / "summary.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def when(row: Mapping[str, Any]) -> str:
    """The event's date at the precision the text gives it."""
    t = templates()
    day, precision = row.get("date"), row.get("date_precision")
    if day:
        return {"month": day[:7], "year": day[:4]}.get(precision or "day", day)
    if row.get("weekday"):
        return t["weekday"].format(weekday=row["weekday"])
    return t["undated"]


def summarize(row: Mapping[str, Any], names: Mapping[str, str]) -> str:
    """The summary of an event row (`didar.store.base.EVENT_KEYS`: type, status, date,
    participant_ids, source_id, target_id, host_id, guest_id, location_id, roles) with `names`
    mapping actor ids to English names."""
    t = templates()
    kind, status = row.get("type") or "event", row.get("status") or "occurred"
    roles: Mapping[str, str] = row.get("roles") or {}

    def who(actor: str) -> str:
        name = names.get(actor) or actor
        role = roles.get(actor)
        return f"{name} ({role})" if role else name

    parts = list(row.get("participant_ids") or [])
    location = row.get("location_id")
    if kind == "visit":
        subject = row.get("guest_id") or row.get("source_id") or (parts[0] if parts else None)
        host = row.get("host_id")
        others = [host] if host and host != subject else []
    else:
        subject = row.get("source_id") or (parts[0] if parts else None)
        target = row.get("target_id")
        others = [p for p in parts if p != subject]
        if target and target != subject and target not in others:
            others.append(target)
    by_type = t.get(kind) or t["default"]
    forms = by_type.get(status) or t["default"].get(status) or t["default"]["occurred"]
    form = forms["with"] if others else forms["alone"]
    sentence = form.format(
        subject=who(subject) if subject else "someone",
        others=_join([who(o) for o in others]),
        place=names.get(location, location) if location else t["no_place"],
        type=kind.replace("_", " "),
    )
    if location and kind != "visit":
        sentence += f" in {names.get(location, location)}"
    return f"{when(row)} — {sentence}"


def _join(items: Sequence[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
