"""Language of a document, title, sentence or word: fa | ar | en | und.

Rule first, in tiers; lingua (restricted to Persian, Arabic, English) only for what the rule
leaves undecided:

0. Script: no letters at all (digits, punctuation) is `und`; mostly Latin letters is `en`.
1. Letters only one language writes: پ چ ژ گ, ۀ and ZWNJ for Persian; ة and ى for Arabic.
   Decides when one side has STRONG_RATIO times the other (Persian quotes Arabic names,
   Arabic texts spell Persian names).
2. Keyboard letters: ی ک (Persian) against ي ك (Arabic), with KEYBOARD_RATIO.
3. Function words (data/language.yaml) after unifying ي/ی ك/ک, with WORD_RATIO.
4. lingua on the first LINGUA_MAX_CHARS characters: the more confident of Persian and Arabic.
"""

from __future__ import annotations

from typing import Any

from didar.record import Document
from didar.text.resources import LANGUAGE_WORD_TABLE, ZWNJ, TextResources, text_resources

STRONG_FA = ("پ", "چ", "ژ", "گ", "ۀ", ZWNJ)
STRONG_AR = ("ة", "ى")
KEYBOARD_FA = ("ی", "ک")
KEYBOARD_AR = ("ي", "ك")
STRONG_RATIO = 3.0
KEYBOARD_RATIO = 4.0
WORD_RATIO = 2.0
# Latin letters above this share of all letters make the text English.
LATIN_SHARE = 0.5
# The rule and lingua look at this much of a long document.
SAMPLE_CHARS = 6000
LINGUA_MAX_CHARS = 1000
# A document text with fewer letters than this is read together with its title.
MIN_DOC_LETTERS = 20

_ASCII_LETTERS = bytes(range(0x41, 0x5B)) + bytes(range(0x61, 0x7B))
_ARABIC_LEAD_BYTES = b"\xd8\xd9\xda\xdb"  # UTF-8 lead bytes of U+0600-U+06FF
_WORD_PUNCT = ".,،:;؛!?؟«»\"'“”()[]{}-–—…/"


def detect_language(doc: Document, res: Any) -> Document:
    """Stage: set `doc.language` from the text (and the title when the text is tiny)."""
    tres = text_resources(res)
    text = doc.text
    if doc.title and sum(_letter_counts(text)) < MIN_DOC_LETTERS:
        text = f"{doc.title}\n{text}"
    doc.language = language_of(text, tres)
    return doc


def _letter_counts(text: str) -> tuple[int, int]:
    """(Arabic-script characters, ASCII letters), counted on UTF-8 bytes for speed."""
    data = text.encode("utf-8", "surrogatepass")
    arabic = len(data) - len(data.translate(None, _ARABIC_LEAD_BYTES))
    latin = len(data) - len(data.translate(None, _ASCII_LETTERS))
    return arabic, latin


def _decide(fa: float, ar: float, ratio: float) -> str | None:
    if fa > 0 and fa >= ratio * ar:
        return "fa"
    if ar > 0 and ar >= ratio * fa:
        return "ar"
    return None


def language_of(text: str, res: Any) -> str:
    """fa | ar | en | und for any text: a document, a title, a sentence, a word."""
    tres = text_resources(res)
    sample = text[:SAMPLE_CHARS]
    arabic, latin = _letter_counts(sample)
    if arabic + latin == 0:
        return "und"
    if latin > LATIN_SHARE * (arabic + latin):
        return "en"
    decided = _decide(
        sum(sample.count(c) for c in STRONG_FA), sum(sample.count(c) for c in STRONG_AR),
        STRONG_RATIO,
    ) or _decide(
        sum(sample.count(c) for c in KEYBOARD_FA), sum(sample.count(c) for c in KEYBOARD_AR),
        KEYBOARD_RATIO,
    ) or _decide_by_words(sample, tres)
    return decided or _lingua(sample, tres)


def _decide_by_words(sample: str, res: TextResources) -> str | None:
    fa = ar = 0
    for token in sample.translate(LANGUAGE_WORD_TABLE).split():
        word = token.strip(_WORD_PUNCT)
        if word in res.fa_words:
            fa += 1
        elif word in res.ar_words:
            ar += 1
    return _decide(fa, ar, WORD_RATIO)


def _lingua(sample: str, res: TextResources) -> str:
    from lingua import Language

    values = {
        cv.language: cv.value
        for cv in res.detector.compute_language_confidence_values(sample[:LINGUA_MAX_CHARS])
    }
    fa, ar = values.get(Language.PERSIAN, 0.0), values.get(Language.ARABIC, 0.0)
    if fa == 0.0 and ar == 0.0:
        return "und"
    return "fa" if fa >= ar else "ar"
