"""Reading and checking a gold file in the format of ../shared/eval/README.md."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from didar.errors import DidarError

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LANGS = {"fa", "ar", "en", "und"}
_KINDS = {"meeting", "visit", "phone_call"}
_STATUSES = {"occurred", "planned", "denied", "conditional"}


class GoldFormatError(DidarError):
    code = "E401"
    hint = "fix the gold file: its format is described in ../shared/eval/README.md"


def load_gold(path: str | Path) -> dict[str, Any]:
    """Read a gold file; raise GoldFormatError listing every problem found."""
    path = Path(path)
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise GoldFormatError(f"cannot read gold file: {e}", source=str(path)) from e
    problems = check_gold(gold)
    if problems:
        raise GoldFormatError("; ".join(problems[:10]), source=str(path))
    return gold


def _date_ok(value: Any, *, allow_null: bool = True) -> bool:
    if value is None:
        return allow_null
    if isinstance(value, str):
        return bool(_DATE.match(value))
    if isinstance(value, list):
        return bool(value) and all(
            v is None or (isinstance(v, str) and _DATE.match(v)) for v in value
        )
    return False


def gold_names(doc: dict[str, Any]) -> set[str]:
    """Every actor name a gold document refers to."""
    names: set[str] = set()
    for m in doc.get("meetings", []) + doc.get("planned", []):
        names.update(m.get("participants", []))
        names.update(m.get("optional", []))
    names.update(doc.get("speakers", []))
    names.update(q["speaker"] for q in doc.get("quotes", []))
    for s in doc.get("stances", []) + doc.get("threats", []):
        names.update((s["source"], s["target"]))
    for a in doc.get("acts", []):
        names.update(n for n in (a.get("source"), a.get("target")) if n)
    names.update(doc.get("absent_actors", []))
    return names


def check_gold(gold: Any) -> list[str]:
    """Problems in a gold structure (empty list when it is well formed)."""
    if not isinstance(gold, dict) or not isinstance(gold.get("documents"), list):
        return ["top level must be an object with 'actors' and a 'documents' list"]
    problems: list[str] = []
    actors = gold.get("actors", {})
    if not isinstance(actors, dict):
        problems.append("'actors' must be an object")
        actors = {}
    for name, entry in actors.items():
        if not isinstance(entry, dict) or not entry.get("keys"):
            problems.append(f"actor {name!r} has no keys")
    seen: set[str] = set()
    for i, doc in enumerate(gold["documents"]):
        where = doc.get("doc", f"document #{i}")
        if not doc.get("doc"):
            problems.append(f"{where}: no 'doc' file name")
        if where in seen:
            problems.append(f"{where}: listed twice")
        seen.add(where)
        if doc.get("language") not in _LANGS:
            problems.append(f"{where}: language must be one of {sorted(_LANGS)}")
        if not _date_ok(doc.get("published")):
            problems.append(f"{where}: published must be YYYY-MM-DD, null or a list")
        for m in doc.get("meetings", []):
            if not m.get("participants"):
                problems.append(f"{where}: a meeting without participants")
            if not _date_ok(m.get("date")):
                problems.append(f"{where}: bad meeting date {m.get('date')!r}")
            if not isinstance(m.get("location_any_of", [None]), list):
                problems.append(f"{where}: location_any_of must be a list")
            if m.get("kind", "meeting") not in _KINDS:
                problems.append(f"{where}: meeting kind must be one of {sorted(_KINDS)}")
        for m in doc.get("planned", []):
            if not m.get("participants"):
                problems.append(f"{where}: a planned entry without participants")
        for q in doc.get("quotes", []):
            if not q.get("snippet") or not q.get("speaker"):
                problems.append(f"{where}: a quote needs a snippet and a speaker")
        for s in doc.get("stances", []):
            if s.get("polarity") not in (-1, 0, 1):
                problems.append(f"{where}: stance polarity must be -1, 0 or 1")
        for a in doc.get("acts", []):
            if not a.get("type") or not a.get("source"):
                problems.append(f"{where}: an act needs a type and a source")
            status = a.get("status", "occurred")
            statuses = status if isinstance(status, list) else [status]
            if not all(x in _STATUSES for x in statuses):
                problems.append(f"{where}: act status must be one of {sorted(_STATUSES)}")
        missing = sorted(n for n in gold_names(doc) if n not in actors)
        if missing and actors:
            # not fatal for scoring (the name is its own key) but the gold should say how to match
            problems.append(f"{where}: names without an 'actors' entry: {', '.join(missing)}")
    return problems
