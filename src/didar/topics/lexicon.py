"""The topic lexicon (data/lexicon.yaml) and scoring rules (data/scoring.yaml), loaded once.

Every cue is expanded into its written variants (Arabic prefixes, Persian suffixes, a ZWNJ
left out), folded like the text (didar.text.normalize.fold_plain) and put into one
Aho-Corasick automaton, so a document's key is scanned once for every topic and language.
Matches respect word boundaries; where matches overlap the leftmost-longest wins (so the
`ignore` phrases of the lexicon silence the cues inside them). data/README.md has the format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources as importlib_resources
from typing import Any

import ahocorasick
import yaml

from didar.text.normalize import fold_plain

ZWNJ = "\u200c"
LANGUAGES = ("fa", "ar", "en")
IGNORE = ""  # the topic of an `ignore` phrase: it matches, and counts for nothing

# Persian: plural and ezafe/adjective endings glued without a ZWNJ ("تحریمها", "سفیران").
FA_SUFFIXES = ("", "ها", "های", "هایی", "ی", "ان")
# Arabic: conjunctions, prepositions and the article glued in front ("والحشد", "بالعقوبات").
AR_PREFIXES = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")
AR_ARTICLE_PREFIXES = ("", "و", "ف", "ب", "ك", "وب", "فب", "وك")  # before a written ال


@dataclass(frozen=True, slots=True)
class Cue:
    topic: str  # a topic id, or IGNORE
    text: str  # as written in the lexicon (without markers)
    language: str  # fa | ar | en | any
    weight: float


@dataclass(frozen=True, slots=True)
class Entry:
    cue: int  # index into Lexicon.cues
    core_start: int  # the cue itself inside the matched variant (affixes excluded)
    core_end: int
    open_end: bool  # the word may go on (cue written with *)


@dataclass(frozen=True, slots=True)
class Hit:
    start: int  # key offsets of the cue itself
    end: int
    cue: Cue


@dataclass(frozen=True, slots=True, eq=False)
class Lexicon:
    cues: tuple[Cue, ...]
    topics: tuple[str, ...]
    scoring: dict[str, Any]
    automaton: Any
    condolence: re.Pattern[str]  # a sentence of condolences or greetings
    agenda: re.Pattern[str]  # "including", "about": what follows are the talks' subjects

    def scan(self, key: str, languages: frozenset[str] | None = None) -> list[Hit]:
        """Cue matches in a folded key: whole words (or word starts for cue*), leftmost-longest,
        no overlaps; `ignore` phrases win over the cues inside them and are not returned.
        `languages` restricts the cues used (None: all)."""
        n = len(key)
        found: list[tuple[int, int, Entry]] = []
        for end, (length, entries) in self.automaton.iter(key):
            start = end - length + 1
            if start > 0 and _is_word_char(key[start - 1]):
                continue
            closed = end + 1 >= n or not _is_word_char(key[end + 1])
            for e in entries:
                if not (closed or e.open_end):
                    continue
                lang = self.cues[e.cue].language
                if languages is not None and lang != "any" and lang not in languages:
                    continue
                found.append((start, end + 1, e))
        found.sort(key=lambda m: (m[0], m[0] - m[1]))
        hits: list[Hit] = []
        taken_end = -1
        span: tuple[int, int] | None = None
        for start, end, e in found:
            if span is not None and (start, end) == span:
                pass  # another cue on the very same span (a word of two topics)
            elif start < taken_end:
                continue
            else:
                span, taken_end = (start, end), end
            cue = self.cues[e.cue]
            if cue.topic == IGNORE:
                continue
            hit = Hit(start + e.core_start, start + e.core_end, cue)
            if hits and hits[-1].cue.topic == cue.topic and (start, end) == span \
                    and hits[-1].start >= start:
                # two cues of one topic on one word count once, as the heavier
                if cue.weight > hits[-1].cue.weight:
                    hits[-1] = hit
                continue
            hits.append(hit)
        return hits


def _is_word_char(ch: str) -> bool:
    return ch.isalpha() or ch == "_"


def _norm(s: str) -> str:
    return " ".join(fold_plain(s).split())


def parse_cue(raw: str) -> tuple[str, float, bool, bool]:
    """'cue* | 0.5' -> (text, weight, open_end, exact)."""
    text, _, weight = str(raw).partition("|")
    text = text.strip()
    exact = text.startswith("=")
    text = text.lstrip("=").strip()
    open_end = text.endswith("*")
    text = text.rstrip("*").strip()
    return text, float(weight) if weight.strip() else 1.0, open_end, exact


def variants(text: str, language: str, open_end: bool, exact: bool
             ) -> list[tuple[str, int, int]]:
    """The written forms of a cue: (folded variant, core start, core end)."""
    out: list[tuple[str, int, int]] = []
    bases = [text]
    if ZWNJ in text:
        bases.append(text.replace(ZWNJ, ""))
    for base in bases:
        core = _norm(base)
        if exact:
            out.append((core, 0, len(core)))
        elif language == "fa":
            suffixes = ("",) if open_end else FA_SUFFIXES
            out += [(core + s, 0, len(core)) for s in suffixes]
        elif language == "ar":
            if core.startswith("ال"):
                out += [(_norm(p) + core, len(_norm(p)), len(_norm(p)) + len(core))
                        for p in AR_ARTICLE_PREFIXES]
                rest = core[2:]
                out += [(p + rest, 0, len(p) + len(rest)) for p in ("لل", "ولل", "فلل")]
            else:
                for p in AR_PREFIXES:
                    fp = _norm(p)
                    out.append((fp + core, len(fp), len(fp) + len(core)))
                for p in ("ال", "وال", "فال", "بال", "کال"):
                    out.append((p + core, 0, len(p) + len(core)))
                out += [(p + core, 0, len(p) + len(core)) for p in ("لل", "ولل", "فلل")]
        else:
            out.append((core, 0, len(core)))
    return out


def _read(name: str) -> Any:
    path = importlib_resources.files("didar.topics") / "data" / name
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def build_lexicon(lexicon: dict[str, Any], scoring: dict[str, Any]) -> Lexicon:
    cues: list[Cue] = []
    table: dict[str, dict[tuple[int, int, int, bool], None]] = {}

    def add(topic: str, language: str, raw: str) -> None:
        text, weight, open_end, exact = parse_cue(raw)
        cues.append(Cue(topic, text, language, weight))
        for form, cs, ce in variants(text, language, open_end, exact):
            if form:
                table.setdefault(form, {})[(len(cues) - 1, cs, ce, open_end)] = None

    topics = tuple(lexicon["topics"])
    for topic, by_lang in lexicon["topics"].items():
        for language, words in by_lang.items():
            for raw in words:
                add(topic, language, raw)
    for language, words in (lexicon.get("ignore") or {}).items():
        for raw in words:
            add(IGNORE, language, raw)
    automaton = ahocorasick.Automaton()
    for form, entries in table.items():
        automaton.add_word(form, (len(form), tuple(Entry(*e) for e in entries)))
    automaton.make_automaton()
    return Lexicon(tuple(cues), topics, scoring, automaton,
                   _word_start_regex(scoring.get("condolence_cues", [])),
                   _word_start_regex(scoring.get("agenda_cues", [])))


def _word_start_regex(words: list[str]) -> re.Pattern[str]:
    """Any of the words (folded) starting at a word boundary."""
    folded = sorted({_norm(w.rstrip("*")) for w in words}, key=len, reverse=True)
    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(map(re.escape, folded)) + ")")


@cache
def load_lexicon() -> Lexicon:
    """The package's lexicon, built on first use and kept for the process."""
    return build_lexicon(_read("lexicon.yaml"), _read("scoring.yaml"))
