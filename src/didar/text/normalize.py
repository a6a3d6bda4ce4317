"""Normalization for matching, without touching the record's text.

`fold(text)` returns a matching key and a map from key offsets to text offsets. The key unifies
Arabic and Persian letter variants (ي/ی/ى, ك/ک, ة/ه, أ/إ/آ/ٱ → ا, ؤ → و), maps Persian and
Arabic-Indic digits to ASCII, turns ZWNJ and other joiners into spaces, drops tatweel and
diacritics, and lowercases Latin letters. Every matcher runs on the key and converts its spans
back with `to_text_span`, so offsets always index the record's `text`.

`display_normalize(text, language)` makes the record's text itself: in Persian text the Arabic
forms ي and ك become ی and ک (same length, so offsets are unaffected).
"""

from __future__ import annotations

import re

# Characters dropped from the key: Arabic diacritics (harakat, shadda, sukun, superscript alef),
# Quranic annotation marks, tatweel, and invisible format characters other than ZWNJ.
_DROP = set(
    [chr(c) for c in range(0x064B, 0x0660)]
    + [chr(0x0670), chr(0x0640)]
    + [chr(c) for c in range(0x06D6, 0x06DD)]
    + [chr(c) for c in range(0x06DF, 0x06E9)]
    + [chr(c) for c in range(0x06EA, 0x06EE)]
    + ["\u200b", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff"]
)

_MAP = {
    "ي": "ی", "ى": "ی", "ئ": "ئ", "ك": "ک", "ة": "ه", "ۀ": "ه", "ہ": "ه", "ە": "ه",
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و",
    "\u200c": " ", "\u00a0": " ", "\u202f": " ", "\t": " ",
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‘": "'", "’": "'",
    "ـ": "",
}
for _i, _d in enumerate("۰۱۲۳۴۵۶۷۸۹"):
    _MAP[_d] = str(_i)
for _i, _d in enumerate("٠١٢٣٤٥٦٧٨٩"):
    _MAP[_d] = str(_i)


def fold_char(ch: str) -> str:
    if ch in _DROP:
        return ""
    m = _MAP.get(ch)
    if m is not None:
        return m
    return ch.lower() if ch.isascii() else ch


# One translation table does the whole fold (every character maps to at most one character).
_TABLE: dict[int, str | None] = {ord(c): None for c in _DROP}
_TABLE.update({ord(c): (m or None) for c, m in _MAP.items()})
_TABLE.update({c: chr(c).lower() for c in range(ord("A"), ord("Z") + 1)})
_DROPPED = re.compile("[" + re.escape("".join(sorted(_DROP | {"ـ"}))) + "]")


def fold(text: str) -> tuple[str, list[int]]:
    """Return (key, key_to_text): key_to_text[i] is the text offset of key char i.

    The map has len(key) + 1 entries; the last one is len(text), so a key span [s, e) maps to
    the text span [key_to_text[s], key_to_text[e - 1] + 1).
    """
    key = text.translate(_TABLE)
    if len(key) == len(text):
        return key, list(range(len(text) + 1))
    dropped = {m.start() for m in _DROPPED.finditer(text)}
    offsets = [i for i in range(len(text)) if i not in dropped]
    offsets.append(len(text))
    return key, offsets


def fold_plain(text: str) -> str:
    """The key alone, for dictionary entries and cue lists."""
    return text.translate(_TABLE)


def to_text_span(key_to_text: list[int], start: int, end: int) -> tuple[int, int]:
    """Convert a key span [start, end) to a text span."""
    if end <= start:
        s = key_to_text[start]
        return s, s
    return key_to_text[start], key_to_text[end - 1] + 1


def display_normalize(text: str, language: str) -> str:
    """Letter unification that belongs in the displayed text (same length: offsets unchanged).
    (Three str.replace calls: several times faster than str.translate on long texts.)"""
    if language == "fa":
        return text.replace("ي", "ی").replace("ك", "ک").replace("ى", "ی")
    return text


def to_key_offset(key_to_text: list[int], t: int) -> int:
    """The first key offset at or after text offset `t`."""
    from bisect import bisect_left

    return bisect_left(key_to_text, t, 0, len(key_to_text) - 1)
