"""Event and quote cue lists, loaded once from events/data/*.yaml and folded for matching."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as importlib_resources
from typing import Any

import ahocorasick
import yaml

from didar.text.normalize import fold_plain
from didar.text.resources import YAML_LOADER


class CueBank:
    """One Aho-Corasick automaton over the words of every cue set made through it, so that a
    document is scanned once for all of them (CueIndex), not once per set and sentence."""

    def __init__(self) -> None:
        self.sets: list[CueSet] = []
        self.automaton: Any = None

    def add(self, words: tuple[str, ...], arabic: bool) -> int:
        self.automaton = None
        return len(self.sets)

    def build(self) -> None:
        table: dict[str, set[int]] = {}
        for cs in self.sets:
            for w in cs.words:
                for variant in ([p + w for p in ARABIC_PREFIXES] if cs.arabic else [w]):
                    table.setdefault(variant, set()).add(cs.uid)
        automaton = ahocorasick.Automaton()
        for w, uids in table.items():
            automaton.add_word(w, (len(w), tuple(sorted(uids))))
        automaton.make_automaton()
        self.automaton = automaton

    def scan(self, key: str) -> dict[int, list[tuple[int, int]]]:
        """Every cue set's matches in `key`: word boundaries, leftmost-longest, no overlaps."""
        if self.automaton is None:
            self.build()
        n = len(key)
        found: dict[int, list[tuple[int, int]]] = {}
        for end, (length, uids) in self.automaton.iter(key):
            start = end - length + 1
            if (start > 0 and _is_word_char(key[start - 1])) or \
                    (end + 1 < n and _is_word_char(key[end + 1])):
                continue
            for uid in uids:
                found.setdefault(uid, []).append((start, end + 1))
        for uid, matches in found.items():
            matches.sort(key=lambda m: (m[0], m[0] - m[1]))
            kept: list[tuple[int, int]] = []
            for m in matches:
                if not kept or m[0] >= kept[-1][1]:
                    kept.append(m)
            found[uid] = kept
        return found


def _is_word_char(ch: str) -> bool:
    return ch.isalpha() or ch == "_"


@dataclass(frozen=True, slots=True, eq=False)
class CueSet:
    """Folded cues of one kind, found at word boundaries (by a regex on one string, or through
    the bank's automaton for a whole document)."""

    words: tuple[str, ...]
    regex: re.Pattern[str] | None
    arabic: bool = False
    bank: CueBank | None = None
    uid: int = -1

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
ARABIC_PREFIXES = ("", "و", "ف", "س", "وس", "فس")


def cue_set(words: list[str], arabic: bool = False, bank: CueBank | None = None) -> CueSet:
    folded = tuple(sorted({fold_plain(w).strip() for w in words if w.strip()}, key=len,
                          reverse=True))
    regex = None
    if folded:
        alt = "|".join(re.escape(w) for w in folded)
        prefix = ARABIC_PREFIX if arabic else ""
        regex = re.compile(rf"(?<![^\W\d_]){prefix}(?:{alt})(?![^\W\d_])")
    if bank is None:
        return CueSet(folded, regex, arabic)
    cs = CueSet(folded, regex, arabic, bank, bank.add(folded, arabic))
    bank.sets.append(cs)
    return cs


class CueIndex:
    """The matches of every cue set in one document's key, found in one automaton pass; each
    sentence then asks for the matches in its span (bisect)."""

    __slots__ = ("_hits", "key")

    def __init__(self, key: str) -> None:
        self.key = key
        self._hits: dict[int, tuple[CueBank, dict[int, tuple[list[int], list[tuple[int, int]]]]]]
        self._hits = {}

    def _all(self, cues: CueSet) -> tuple[list[int], list[tuple[int, int]]]:
        bank = cues.bank
        if bank is None:
            matches = cues.find(self.key)
            return [a for a, _ in matches], matches
        scanned = self._hits.get(id(bank))
        if scanned is None or scanned[0] is not bank:
            by_uid = {uid: ([a for a, _ in m], m) for uid, m in bank.scan(self.key).items()}
            scanned = (bank, by_uid)
            self._hits[id(bank)] = scanned
        return scanned[1].get(cues.uid, ([], []))

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
    return yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)


def load_event_resources() -> EventResources:
    cues_raw = _read("cues.yaml")
    bank = CueBank()
    cues: dict[str, dict[str, CueSet]] = {}
    for kind, by_lang in cues_raw.items():
        langs = {lg: list(ws) for lg, ws in by_lang.items()}
        allw = [w for ws in langs.values() for w in ws]
        cues[kind] = {lg: cue_set(ws + langs.get("any", []), arabic=lg == "ar"
                                  and kind in ARABIC_VERB_CUES, bank=bank)
                      for lg, ws in langs.items()}
        cues[kind]["any"] = cue_set(allw, bank=bank)
    speech_raw = _read("speech.yaml")
    ar_verbs = list(speech_raw["ar"])
    ar_verbs += ["ف" + v for v in speech_raw["ar"] if not v.startswith(("و", "ف"))]
    ar_verbs += ["و" + v for v in speech_raw["ar"] if not v.startswith(("و", "ف"))]
    speech = {
        "reported_ar": cue_set(speech_raw["reported_ar"], bank=bank),
        "according_to_ar": cue_set(speech_raw["according_to_ar"], bank=bank),
        "fa": cue_set(speech_raw["fa"], bank=bank),
        "honorific_fa": cue_set(speech_raw["honorific_fa"], bank=bank),
        "ar": cue_set(ar_verbs, bank=bank),
        "complementizers_fa": cue_set(speech_raw["complementizers"]["fa"], bank=bank),
        "complementizers_ar": cue_set(speech_raw["complementizers"]["ar"], bank=bank),
        "unnamed_fa": cue_set(speech_raw["unnamed"]["fa"], bank=bank),
        "unnamed_ar": cue_set(speech_raw["unnamed"]["ar"], bank=bank),
        "first_side": cue_set(speech_raw["sides"]["first"], bank=bank),
        "second_side": cue_set(speech_raw["sides"]["second"], bank=bank),
        "side_words": cue_set(speech_raw["sides"]["by_country"], bank=bank),
        "other_side": cue_set(speech_raw["sides"]["other"], bank=bank),
        "joint": cue_set(speech_raw["joint"], bank=bank),
    }
    discontinuous = tuple(
        (fold_plain(a), fold_plain(b)) for a, b in speech_raw.get("discontinuous_fa", [])
    )
    speech["discontinuous_fa_end"] = cue_set([b for _, b in speech_raw["discontinuous_fa"]],
                                             bank=bank)
    bank.build()
    return EventResources(cues=cues, codes=_read("codes.yaml"), speech=speech, raw=speech_raw,
                          discontinuous=discontinuous)
