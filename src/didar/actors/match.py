"""Dictionary matches in the matching key: one Aho-Corasick pass, word boundaries (with the
Arabic clitics و ف ب ل ك), leftmost-longest selection, and small helpers on key positions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from didar.actors.dictionary import ActorResources

CLITICS_AR = ("و", "ف", "ب", "ل", "ک", "وب", "ول", "فب", "فل", "وک", "لل", "ولل", "بال", "وبال")


OTHER_LANGUAGE = {"fa": ("ar",), "ar": ("fa",)}


KIND_RANK = {"name": 0, "short": 1, "role": 2, "demonym": 3, "honorific": 4}


class Covered:
    """Key positions already taken by a match (a byte mask: overlap tests cost no scan)."""

    __slots__ = ("mask",)

    def __init__(self, n: int, spans: list[tuple[int, int]]) -> None:
        self.mask = bytearray(n + 1)
        for span in spans:
            self.append(span)

    def append(self, span: tuple[int, int]) -> None:
        a, b = span
        self.mask[a:b] = b"\x01" * (b - a)

    def overlaps(self, a: int, b: int) -> bool:
        return a < b and self.mask.find(1, a, b) != -1


@dataclass(slots=True)
class Hit:
    ks: int
    ke: int
    kind: str
    targets: tuple[str, ...]
    lang: str


def is_letter(ch: str) -> bool:
    return ch.isalpha()


def scan(key: str, ar: ActorResources, language: str) -> list[Hit]:
    """All boundary-checked matches, leftmost-longest, non-overlapping."""
    cands: list[Hit] = []
    n = len(key)
    for end, (pattern, pats) in ar.automaton.iter(key):
        ks = end - len(pattern) + 1
        ke = end + 1
        if ke < n and is_letter(key[ke]):
            continue
        if ks > 0 and is_letter(key[ks - 1]):
            if language != "ar" or not clitic_before(key, ks):
                continue
        by_kind: dict[str, list[str]] = {}
        langs = {}
        for p in pats:
            if p.lang in OTHER_LANGUAGE.get(language, ()):
                # a Persian spelling in Arabic text (مدینه "Medina" vs مدينة "city") or the
                # reverse is another word
                continue
            targets = by_kind.setdefault(p.kind, [])
            if p.target not in targets:
                targets.append(p.target)
            langs[p.kind] = p.lang
        if not by_kind:
            continue
        kind = min(by_kind, key=lambda k: KIND_RANK.get(k, 9))
        targets = tuple(by_kind[kind])
        if kind == "name" and outlet_as_place(key, ks, targets, ar):
            continue
        cands.append(Hit(ks, ke, kind, targets, langs[kind]))
    cands.sort(key=lambda h: (h.ks, -(h.ke - h.ks), KIND_RANK.get(h.kind, 9)))
    out: list[Hit] = []
    last_end = -1
    for h in cands:
        if h.ks >= last_end:
            out.append(h)
            last_end = h.ke
    return out


PLACE_PREPOSITIONS = ("فی", "در", "الی", "من", "به", "از")


def outlet_as_place(key: str, ks: int, targets: tuple[str, ...], ar: ActorResources) -> bool:
    """"في بغداد اليوم" is "in Baghdad today", not the outlet Baghdad Today (an outlet named
    after a place, right after a preposition)."""
    if not all(ar.entries[t].outlet for t in targets if t in ar.entries):
        return False
    first = key[ks:].split(" ", 1)[0]
    found = ar.automaton.get(first, None)
    if not found or not any(ar.entries[p.target].type in ("place", "country")
                            for p in found[1] if p.target in ar.entries):
        return False
    words = key[max(0, ks - 6):ks].split()
    glued = ks > 0 and key[ks - 1] == "ب"
    return glued or (bool(words) and words[-1] in PLACE_PREPOSITIONS)


def clitic_before(key: str, ks: int) -> bool:
    for c in CLITICS_AR:
        s = ks - len(c)
        if s >= 0 and key[s:ks] == c and (s == 0 or not is_letter(key[s - 1])):
            return True
    return False


LINEAGE = re.compile(r" (?:بن|ابن|بنت|ال) [^\W\d_]+")


def lineage_end(key: str, ke: int, limit: int) -> int:
    """Extend a name over the lineage that follows it (" بن عبدالعزيز آل سعود")."""
    while True:
        m = LINEAGE.match(key, ke)
        if m is None or m.end() > limit:
            return ke
        ke = m.end()


def find_all(key: str, s: str) -> list[int]:
    out = []
    i = key.find(s)
    while i != -1:
        before_ok = i == 0 or not is_letter(key[i - 1])
        after_ok = i + len(s) >= len(key) or not is_letter(key[i + len(s)])
        if before_ok and after_ok:
            out.append(i)
        i = key.find(s, i + 1)
    return out
