"""Event and quote cue lists, loaded once from events/data/*.yaml and folded for matching."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as importlib_resources
from typing import Any

import yaml

from didar.text.normalize import fold_plain


@dataclass(frozen=True, slots=True)
class CueSet:
    """Folded cues of one kind and a regex finding them at word boundaries."""

    words: tuple[str, ...]
    regex: re.Pattern[str] | None

    @property
    def words_set(self) -> frozenset[str]:
        return frozenset(self.words)

    def find(self, key: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        if self.regex is None:
            return []
        end = len(key) if end is None else end
        return [(m.start(), m.end()) for m in self.regex.finditer(key, start, end)]

    def first(self, key: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
        if self.regex is None:
            return None
        m = self.regex.search(key, start, len(key) if end is None else end)
        return (m.start(), m.end()) if m else None


# Arabic glues the conjunctions و / ف and the future prefix س to verbs: "والتقى", "فأشار",
# "سيلتقي". An Arabic cue set accepts them in front of every cue.
ARABIC_PREFIX = "(?:[وف]?س?)"


def cue_set(words: list[str], arabic: bool = False) -> CueSet:
    folded = sorted({fold_plain(w).strip() for w in words if w.strip()}, key=len, reverse=True)
    if not folded:
        return CueSet((), None)
    alt = "|".join(re.escape(w) for w in folded)
    prefix = ARABIC_PREFIX if arabic else ""
    return CueSet(tuple(folded), re.compile(rf"(?<![^\W\d_]){prefix}(?:{alt})(?![^\W\d_])"))


class CueIndex:
    """Every match of a cue set in one document's key, found once per set; then each sentence
    asks for the matches in its span (bisect), instead of running every regex per sentence."""

    __slots__ = ("_hits", "key")

    def __init__(self, key: str) -> None:
        self.key = key
        self._hits: dict[int, tuple[CueSet, list[int], list[tuple[int, int]]]] = {}

    def _all(self, cues: CueSet) -> tuple[list[int], list[tuple[int, int]]]:
        found = self._hits.get(id(cues))
        if found is None or found[0] is not cues:
            matches = cues.find(self.key)
            found = (cues, [a for a, _ in matches], matches)
            self._hits[id(cues)] = found
        return found[1], found[2]

    def find(self, cues: CueSet, start: int = 0, end: int | None = None
             ) -> list[tuple[int, int]]:
        end = len(self.key) if end is None else end
        starts, matches = self._all(cues)
        i = bisect_left(starts, start)
        out = []
        while i < len(matches) and matches[i][0] < end:
            if matches[i][1] <= end:
                out.append(matches[i])
            i += 1
        return out

    def first(self, cues: CueSet, start: int = 0, end: int | None = None
              ) -> tuple[int, int] | None:
        found = self.find(cues, start, end)
        return found[0] if found else None


@lru_cache(maxsize=8)
def cue_index(key: str) -> CueIndex:
    """The cue index of a document's key (the few documents in flight are memoized)."""
    return CueIndex(key)


@dataclass(frozen=True, slots=True)
class EventResources:
    cues: dict[str, dict[str, CueSet]]  # kind -> language -> cues
    codes: dict[str, dict[str, str]]
    speech: dict[str, CueSet]  # fa | ar | honorific_fa | complementizers_fa ...
    raw: dict[str, Any]
    discontinuous: tuple[tuple[str, str], ...] = ()

    def cue(self, kind: str, language: str) -> CueSet:
        return self.cues[kind].get(language) or self.cues[kind]["any"]


# Cue kinds whose Arabic entries are verbs or nouns that take glued prefixes.
ARABIC_VERB_CUES = ("meeting", "phone_call", "host", "visit")


def _read(name: str) -> Any:
    path = importlib_resources.files("didar.events") / "data" / name
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def load_event_resources() -> EventResources:
    cues_raw = _read("cues.yaml")
    cues: dict[str, dict[str, CueSet]] = {}
    for kind, by_lang in cues_raw.items():
        langs = {lg: list(ws) for lg, ws in by_lang.items()}
        allw = [w for ws in langs.values() for w in ws]
        cues[kind] = {lg: cue_set(ws + langs.get("any", []), arabic=lg == "ar"
                                  and kind in ARABIC_VERB_CUES)
                      for lg, ws in langs.items()}
        cues[kind]["any"] = cue_set(allw)
    speech_raw = _read("speech.yaml")
    ar_verbs = list(speech_raw["ar"])
    ar_verbs += ["ف" + v for v in speech_raw["ar"] if not v.startswith(("و", "ف"))]
    ar_verbs += ["و" + v for v in speech_raw["ar"] if not v.startswith(("و", "ف"))]
    speech = {
        "reported_ar": cue_set(speech_raw["reported_ar"]),
        "according_to_ar": cue_set(speech_raw["according_to_ar"]),
        "fa": cue_set(speech_raw["fa"]),
        "honorific_fa": cue_set(speech_raw["honorific_fa"]),
        "ar": cue_set(ar_verbs),
        "complementizers_fa": cue_set(speech_raw["complementizers"]["fa"]),
        "complementizers_ar": cue_set(speech_raw["complementizers"]["ar"]),
        "unnamed_fa": cue_set(speech_raw["unnamed"]["fa"]),
        "unnamed_ar": cue_set(speech_raw["unnamed"]["ar"]),
        "first_side": cue_set(speech_raw["sides"]["first"]),
        "second_side": cue_set(speech_raw["sides"]["second"]),
        "side_words": cue_set(speech_raw["sides"]["by_country"]),
        "other_side": cue_set(speech_raw["sides"]["other"]),
        "joint": cue_set(speech_raw["joint"]),
    }
    discontinuous = tuple(
        (fold_plain(a), fold_plain(b)) for a, b in speech_raw.get("discontinuous_fa", [])
    )
    speech["discontinuous_fa_end"] = cue_set([b for _, b in speech_raw["discontinuous_fa"]])
    return EventResources(cues=cues, codes=_read("codes.yaml"), speech=speech, raw=speech_raw,
                          discontinuous=discontinuous)
