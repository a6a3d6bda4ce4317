"""Paragraphs and sentences of a text, as offsets.

Paragraphs are lines (split at every newline: the seeds put single newlines between
paragraphs; blank lines just separate them more), trimmed. Sentences end at . ! ? ؟ ۔ and an
ellipsis, with the closing quotes and brackets that follow, and also where a full stop is glued
to the next word ("قرار دارد.وی افزود"). No break:
- inside a number or a dotted date ("3.5", "03.02.2021") or a Latin token ("www.leader.ir");
- after a single letter ("U.S.", "ج.ا.ا") or a listed abbreviation ("Dr.", "Gen.");
- inside a quotation «...», “...” or "..." that closes in the same paragraph, so that a quote
  of several sentences stays in one sentence; a quote ending with a full stop ends the sentence.
"""

from __future__ import annotations

import re

from didar.record import Sentence, Span

# Latin abbreviations followed by a period that do not end a sentence (compared lowercased).
ABBREVIATIONS = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "col", "lt", "sgt", "capt",
     "maj", "adm", "gov", "sen", "rep", "no", "vs", "etc", "inc", "ltd", "co", "corp", "dept",
     "fig", "e.g", "i.e", "approx", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
     "sept", "oct", "nov", "dec"]
)
# How far back the word before a full stop is looked for (abbreviation check).
MAX_WORD_CHARS = 30
# A quotation longer than this is not protected (an unclosed quote must not swallow a text).
MAX_QUOTE_CHARS = 1500

QUOTE_PAIRS = {"«": "»", "“": "”"}
STRAIGHT_QUOTE = '"'
CLOSERS = "»”’)]}"
_AFTER_BREAK = CLOSERS + '"'
_OPENERS = "«(\"“"
_TERMINATOR = re.compile(r"[.!?؟۔…]+")
_QUOTE = re.compile(r'[«»“”"]')
_LINE = re.compile(r"[^\n]+")
_DOTTED_LATIN = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u066E-\u06D3\u06FA-\u06FF]")


def split_sentences(text: str) -> tuple[list[Span], list[Sentence]]:
    """(paragraphs, sentences) of `text`; each sentence carries its paragraph index."""
    paragraphs: list[Span] = []
    sentences: list[Sentence] = []
    for m in _LINE.finditer(text):
        start, end = _trim(text, m.start(), m.end())
        if start >= end:
            continue
        index = len(paragraphs)
        paragraphs.append(Span(start, end))
        for s, e in _split_paragraph(text, start, end):
            sentences.append(Sentence(s, e, index))
    return paragraphs, sentences


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    segment = text[start:end]
    stripped = segment.lstrip()
    return start + len(segment) - len(stripped), start + len(stripped.rstrip()) + (
        len(segment) - len(stripped))


def _quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quotations closed within the paragraph: (position of opener, position of closer)."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    straight: int | None = None
    for m in _QUOTE.finditer(text, start, end):
        ch, pos = m.group(), m.start()
        if ch == STRAIGHT_QUOTE:
            if straight is None:
                straight = pos
            else:
                if pos - straight <= MAX_QUOTE_CHARS:
                    spans.append((straight, pos))
                straight = None
        elif ch in QUOTE_PAIRS:
            stack.append((QUOTE_PAIRS[ch], pos))
        elif stack and stack[-1][0] == ch:
            _, opened = stack.pop()
            if not stack and pos - opened <= MAX_QUOTE_CHARS:
                spans.append((opened, pos))
    return spans


def _inside(pos: int, quotes: list[tuple[int, int]]) -> bool:
    return any(a < pos < b for a, b in quotes)


def _is_break(text: str, pos: int, end: int, par_end: int) -> bool:
    """Whether the terminator text[pos:end] ends a sentence."""
    mark = text[pos:end]
    nxt = text[end] if end < par_end else ""
    if nxt and not nxt.isspace() and nxt not in _AFTER_BREAK:
        # glued: only a full stop before a Persian/Arabic letter breaks ("دارد.وی")
        if mark != "." or not _ARABIC_LETTER.match(nxt) or text[pos - 1].isdigit():
            return False
    if mark != "." or pos == 0:
        return True
    prev, before = text[pos - 1], text[pos - 2] if pos > 1 else " "
    if not prev.isascii():
        # Persian/Arabic: only a single letter is an abbreviation ("ق.م", "ج.ا.ا")
        return not (prev.isalpha() and (before.isspace() or before in _OPENERS + "."))
    lo = max(0, pos - MAX_WORD_CHARS)
    k = max(text.rfind(" ", lo, pos), text.rfind("\n", lo, pos), text.rfind("\t", lo, pos))
    word = text[max(k + 1, lo):pos].lstrip(_OPENERS)
    if len(word) == 1 and word.isalpha():
        return False
    if word.lower().rstrip(".") in ABBREVIATIONS or _DOTTED_LATIN.fullmatch(word):
        return False  # Dr. / U.S. / e.g.
    k = end
    while k < par_end and text[k].isspace():
        k += 1
    return not (k < par_end and text[k].isascii() and text[k].islower())


def _split_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    quotes = _quotes(text, start, end) if _QUOTE.search(text, start, end) else []
    breaks: list[int] = []
    for m in _TERMINATOR.finditer(text, start, end):
        pos, stop = m.start(), m.end()
        if (quotes and _inside(pos, quotes)) or not _is_break(text, pos, stop, end):
            continue
        while stop < end and text[stop] in CLOSERS:
            stop += 1
        if quotes and stop < end and text[stop] == STRAIGHT_QUOTE and any(
            b == stop for _, b in quotes
        ):
            stop += 1
        breaks.append(stop)
    for _, close in quotes:
        # a quote that ends with a full stop ends the sentence: «... است.» سپس
        if text[close - 1] in ".!?؟۔" and close + 1 < end and text[close + 1].isspace():
            breaks.append(close + 1)
    if not breaks:
        return [(start, end)]
    if quotes:
        breaks = sorted(set(breaks))
    out: list[tuple[int, int]] = []
    cur = start
    for stop in breaks:
        if stop <= cur:
            continue
        s, e = _trim(text, cur, stop)
        if s < e:
            out.append((s, e))
        cur = stop
    s, e = _trim(text, cur, end)
    if s < e:
        out.append((s, e))
    return out
