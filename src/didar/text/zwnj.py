"""Repair of missing ZWNJ (U+200C, نیم‌فاصله) in Persian text.

Text that went through some extractors lost every ZWNJ: می‌کنند became میکنند, رئیس‌جمهور
became رئیسجمهور. `repair_zwnj` puts them back, word by word, and changes nothing else: the only
edit it makes is inserting ZWNJ characters inside words.

A word is changed only when the glued spelling is not itself a good word and a spelling with
ZWNJ is clearly better, decided in this order:

1. `data/zwnj.yaml` compounds (عالی‌رتبه, رفت‌وآمد ...): explicit, always applied.
2. The lexicon (wordfreq's Persian list, which holds ZWNJ forms): the ZWNJ form is taken when
   the glued form is unknown or at least SPLIT_MARGIN Zipf less frequent (گروههای → گروه‌های,
   but همچنین and بیشتر stay), or for a می‌/نمی‌ verb within VERB_PREFIX_TOLERANCE (میکنم).
3. A glued form the lexicon knows stays as written.
4. Morphology, for words the lexicon does not know at all: a known stem with suffixes
   (ها های هایی تر ترین after a joining letter; ای ام اش ات ایم اید اند only after a final ه),
   the می/نمی verb prefix before a verb form, بی/هم before a known word, and compound elements
   from the data (تفرقه‌انگیز). Analyses are scored by the Zipf frequency of their stem minus
   a penalty per piece; explanations that need no ZWNJ (همکاران+م) compete with the others.

Words starting with ال (Arabic names: الکاظمی, الأعرجی), words with Arabic-only letters,
diacritics or an existing ZWNJ, and words shorter than MIN_WORD_LEN are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from didar.text.resources import JOINING, ZWNJ, ZWNJ_CACHE_MAX, Lexicon, TextResources

# Shortest word considered for repair.
MIN_WORD_LEN = 4
# A lexicon ZWNJ form replaces a known glued form only when this much more frequent (Zipf).
SPLIT_MARGIN = 0.3
# ... except verbs with می‌/نمی‌: glued میکنم is common web spelling, the ZWNJ form is the norm.
VERB_PREFIX_TOLERANCE = 0.5
# Morphological analyses: stems must be known words at least this frequent (Zipf) ...
MIN_STEM_ZIPF = 3.0
# ... each extra piece (prefix, suffix, compound element) costs this much ...
PIECE_PENALTY = 0.3
# ... a final ه + vowel suffix (منطقه+ای, برداشته+ایم) is the classic lost-ZWNJ pattern and is
# preferred over a ها-suffix reading of the same letters (منطق+های) ...
H_SUFFIX_BONUS = 1.0
# ... and an analysis is applied only when its score reaches this.
MIN_ANALYSIS_SCORE = 2.5
# Score of a verb with می/نمی whose form or stem is known.
VERB_SCORE = 4.0
# Score of a data compound used as a stem.
COMPOUND_SCORE = 4.0
# Shortest stem left after removing a suffix (مه+ام, من+ها are not analysed) ...
MIN_STEM_LEN = 3
# ... and after removing بی or هم, with its least frequency (بیرنت, بینما stay as written).
MIN_PREFIXED_STEM_LEN = 4
MIN_PREFIXED_STEM_ZIPF = 3.5
# No change inside Arabic: when the CONTEXT_WORDS words on either side hold ة or an Arabic
# function word, or (for morphological changes) ARABIC_AL_WORDS words starting with ال
# (عملها, جانبها are Arabic "its work", "its side" in a quoted Arabic sentence).
CONTEXT_WORDS = 4
ARABIC_AL_WORDS = 2
ARABIC_CONTEXT_WORDS = frozenset(
    ["فی", "التی", "الذی", "الذین", "إلی", "الی", "عن", "أن", "إن", "هذا", "هذه", "ذلک", "کان",
     "کانت", "قال", "وقال", "لم", "لقد", "منذ"]
)
# How deep suffixes and clitics may stack on a stem (پیمان+ان+ش).
MAX_DEPTH = 2

VERB_PREFIXES = ("برنمی", "درنمی", "نمی", "برمی", "درمی", "می")
NOMINAL_PREFIXES = ("بی", "هم")
# Suffixes written with ZWNJ after a joining letter (and glued after ا د ذ ر ز ژ و).
ZWNJ_SUFFIXES = ("هایشان", "هایتان", "هایمان", "هایی", "هایم", "هایت", "هایش", "های", "ها",
                 "ترین", "تری", "تر")
# Suffixes written with ZWNJ only after a final ه (نشانه‌ای, بوده‌ایم).
H_SUFFIXES = ("ایم", "اید", "اند", "ای", "ام", "ات", "اش")
# Endings glued directly to the stem (plural ان/ین/ات, clitics, indefinite ی): no ZWNJ.
GLUED_ENDINGS = ("شان", "تان", "مان", "ان", "ین", "ات", "ش", "م", "ت", "ی")
# Personal endings of verbs (longest first).
VERB_ENDINGS = ("ند", "ید", "یم", "د", "م", "ی", "")

PERSIAN_LETTERS = frozenset("اآبپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیئء")
_WORD = re.compile(r"[\u0621-\u065F\u0670-\u06D3\u06D5\u06FA-\u06FF\u200c\u200d]+")
_SPLIT = re.compile(f"({_WORD.pattern})")

Analysis = tuple[str, float]  # (spelling, score)


def repair_zwnj(text: str, res: TextResources) -> str:
    """Insert missing ZWNJ in the Persian words of `text`; no other character changes."""
    cache, stable, lexicon = res.zwnj_cache, res.zwnj_stable, res.lexicon
    tokens = text.split(" ")
    changes: list[tuple[int, str]] = []
    arabic_here: bool | None = None  # whether the text has any Arabic marker (decided lazily)
    for k in [k for k, token in enumerate(tokens) if token not in stable]:
        token = tokens[k]
        hit = cache.get(token)
        if hit is None:
            hit = _decide_token(token, lexicon)
            if hit is None:
                if len(stable) >= ZWNJ_CACHE_MAX:
                    stable.clear()
                stable.add(token)
                continue
            if len(cache) >= ZWNJ_CACHE_MAX:
                cache.clear()
            cache[token] = hit
        if arabic_here is None:
            arabic_here = "ة" in text or not ARABIC_CONTEXT_WORDS.isdisjoint(tokens)
        if not ((arabic_here or hit[1]) and _arabic_context(tokens, k, hit[1])):
            changes.append((k, hit[0]))
    if not changes:
        return text
    for k, form in changes:
        tokens[k] = form
    return " ".join(tokens)


def _decide_token(token: str, lex: Lexicon) -> tuple[str, bool] | None:
    """(repaired token, whether by morphology), or None when the token needs no change."""
    parts = _SPLIT.split(token)
    if len(parts) == 1:
        return None
    changed = morphology = False
    for i in range(1, len(parts), 2):
        form, by_morphology = _decide(parts[i], lex)
        if form != parts[i]:
            parts[i] = form
            changed = True
            morphology = morphology or by_morphology
    return ("".join(parts), morphology) if changed else None


def _arabic_context(tokens: list[str], k: int, by_morphology: bool) -> bool:
    """Whether tokens[k] sits in Arabic (a quote): ة or an Arabic function word among the
    CONTEXT_WORDS tokens on either side, or for morphological changes also several ال words
    (Persian text names Arabs: المالکی, الاعرجی)."""
    window = " ".join(tokens[max(0, k - CONTEXT_WORDS): k + CONTEXT_WORDS + 1])
    if "ة" in window:
        return True
    words = window.split()
    if by_morphology and sum(1 for w in words if w.startswith("ال")) >= ARABIC_AL_WORDS:
        return True
    return any(w.strip(".,،:؛«»\"()") in ARABIC_CONTEXT_WORDS for w in words)


def decide(word: str, lex: Lexicon) -> str:
    """The spelling of one word out of context: `word` itself or `word` with ZWNJ inserted."""
    return _decide(word, lex)[0]


def _decide(word: str, lex: Lexicon) -> tuple[str, bool]:
    """(spelling, whether it comes from the morphological analysis)."""
    if (
        len(word) < MIN_WORD_LEN
        or word.startswith("ال")
        or not PERSIAN_LETTERS.issuperset(word)
        or word in lex.keep
    ):
        return word, False
    compound = lex.compounds.get(word)
    if compound is not None:
        return compound, False
    glued = lex.zipf.get(word, 0.0)
    alt = lex.zwnj_forms.get(word)
    if alt is not None:
        form, z = alt
        if glued == 0.0 or z >= glued + SPLIT_MARGIN:
            return form, False
        if _is_verb_prefix_form(form) and z >= glued - VERB_PREFIX_TOLERANCE:
            return form, False
    if glued > 0.0:
        return word, False
    best: Analysis | None = None
    for form, score in _analyses(word, lex):
        if best is None or score > best[1] or (
            score == best[1] and form.count(ZWNJ) < best[0].count(ZWNJ)
        ):
            best = (form, score)
    if best is not None and best[0] != word and best[1] >= MIN_ANALYSIS_SCORE:
        return best[0], True
    return word, False


def _is_verb_prefix_form(form: str) -> bool:
    head, _, rest = form.partition(ZWNJ)
    return head in VERB_PREFIXES and ZWNJ not in rest


def _analyses(word: str, lex: Lexicon) -> Iterator[Analysis]:
    yield from _stem_analyses(word, lex, 0)
    for prefix in VERB_PREFIXES:
        rest = word[len(prefix):]
        if word.startswith(prefix) and len(rest) >= MIN_STEM_LEN and _is_verb(rest, lex):
            yield prefix + ZWNJ + rest, VERB_SCORE
    for prefix in NOMINAL_PREFIXES:
        rest = word[len(prefix):]
        if word.startswith(prefix) and len(rest) >= MIN_PREFIXED_STEM_LEN:
            for form, score in _stem_analyses(rest, lex, 1):
                if score >= MIN_PREFIXED_STEM_ZIPF:
                    yield prefix + ZWNJ + form, score - PIECE_PENALTY


def _is_verb(rest: str, lex: Lexicon) -> bool:
    if rest in lex.verb_forms:
        return True
    for ending in VERB_ENDINGS:
        if rest.endswith(ending):
            stem = rest[: len(rest) - len(ending)]
            if len(stem) >= MIN_STEM_LEN and stem in lex.verb_stems:
                return True
    return False


def _known(stem: str, lex: Lexicon) -> Analysis | None:
    """A known word (glued spelling `stem`) with its best spelling and Zipf frequency."""
    compound = lex.compounds.get(stem)
    if compound is not None:
        return compound, COMPOUND_SCORE
    z = lex.zipf.get(stem, 0.0)
    alt = lex.zwnj_forms.get(stem)
    if alt is not None and (z == 0.0 or alt[1] >= z + SPLIT_MARGIN):
        return alt
    if z >= MIN_STEM_ZIPF:
        return stem, z
    return None


def _stem_analyses(word: str, lex: Lexicon, depth: int) -> Iterator[Analysis]:
    """Readings of `word` as a known stem followed by suffixes or a compound element."""
    known = _known(word, lex)
    if known is not None:
        yield known
        return  # a known word is not taken apart (دیدار is not دی+دار)
    if depth >= MAX_DEPTH:
        return
    for suffix in ZWNJ_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM_LEN:
            for form, score in _stem_analyses(word[: -len(suffix)], lex, depth + 1):
                joiner = ZWNJ if form[-1] in JOINING else ""
                yield form + joiner + suffix, score - PIECE_PENALTY
    for suffix in H_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM_LEN:
            stem = word[: -len(suffix)]
            if stem.endswith("ه"):
                for form, score in _stem_analyses(stem, lex, depth + 1):
                    if form.endswith("ه"):
                        yield form + ZWNJ + suffix, score - PIECE_PENALTY + H_SUFFIX_BONUS
    for ending in GLUED_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM_LEN:
            for form, score in _stem_analyses(word[: -len(ending)], lex, depth + 1):
                if not form.endswith("ه"):
                    yield form + ending, score - PIECE_PENALTY
    for element in lex.compound_right:
        left = word[: -len(element)]
        if word.endswith(element) and len(left) >= MIN_STEM_LEN:
            head = _known(left, lex)
            if head is not None:
                joiner = ZWNJ if head[0][-1] in JOINING else ""
                yield head[0] + joiner + element, head[1] - PIECE_PENALTY
