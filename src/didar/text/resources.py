"""Resources of the text stages, built once by `load_text_resources()` and passed in.

Holds the boilerplate cue lists (data/boilerplate.yaml), the language cue words
(data/language.yaml), the Persian lexicon for ZWNJ repair (wordfreq's Persian list plus
data/zwnj.yaml) with a bounded per-word decision cache, and the lingua language detector,
built on first use (its models load offline from the wheel; building it costs about a second).
"""

from __future__ import annotations

import math
import re
import threading
from dataclasses import dataclass, field
from importlib import resources as importlib_resources
from typing import Any

import yaml

from didar.errors import ResourceError

YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available

ZWNJ = "\u200c"

# Letters that join to the following letter: a ZWNJ only makes sense after one of these.
JOINING = frozenset("بپتثجچحخسشصضطظعغفقکگلمنهیئيكـ")

# Arabic and Persian letter variants unified for cue matching (see cue_key).
_CUE_TABLE = str.maketrans(
    {
        "ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه",
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و",
        ZWNJ: " ", "\u00a0": " ", "\t": " ", "ـ": None,
        **{chr(c): None for c in range(0x064B, 0x0660)},
        "\u0670": None,
    }
)
_SPACES = re.compile(r" {2,}")
# Punctuation cut from both ends of a line key: colons, bars, dashes, dots, bullets, quotes.
_KEY_STRIP = " :：|｜-–—ـ.…•·*▪●►«»\"'“”()[]،,؛;!؟?"


def cue_key(text: str) -> str:
    """The light key line cues are compared on (letter variants unified, ends trimmed)."""
    key = text.translate(_CUE_TABLE)
    if "  " in key:
        key = _SPACES.sub(" ", key)
    return key.strip(_KEY_STRIP)


# Letter unification for the language word tier: keyboard variants only (hamza forms kept).
LANGUAGE_WORD_TABLE = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی"})


@dataclass(frozen=True, slots=True)
class Rule:
    """A regex cue, tried only when the text contains `needs` (if given)."""

    regex: re.Pattern[str]
    needs: str = ""

    def applies(self, text: str) -> bool:
        return not self.needs or self.needs in text


@dataclass(frozen=True, slots=True)
class BoilerplateCues:
    read_also: frozenset[str]
    related_lists: frozenset[str]
    comment_prompts: frozenset[str]
    end_markers: tuple[str, ...]
    chrome_lines: frozenset[str]
    chrome_prefixes: tuple[str, ...]
    title_footers: tuple[str, ...]
    link_teasers: frozenset[str]
    source_lines: tuple[str, ...]
    segment_regex: dict[str, Rule]
    trailing_regex: dict[str, Rule]
    first_words: frozenset[str]  # first word of every line cue: lines starting otherwise pass


def first_word(text: str) -> str:
    """The first word of `text`'s cue key (a line whose first word is no cue's first word
    cannot match a line cue). Cheap: it looks at the first few dozen characters only."""
    for token in text[:48].split(None, 2)[:2]:
        word = token.strip(_KEY_STRIP)
        for sep in ":|｜":
            if sep in word:
                word = word.partition(sep)[0].strip(_KEY_STRIP)
        if word:
            return word.translate(_CUE_TABLE).partition(" ")[0]
    return ""


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Persian words with their Zipf frequency, for ZWNJ repair."""

    zipf: dict[str, float]  # word as written (ZWNJ forms included) -> Zipf frequency
    zwnj_forms: dict[str, tuple[str, float]]  # glued spelling -> best ZWNJ spelling, its Zipf
    compounds: dict[str, str]  # glued -> ZWNJ form, from data/zwnj.yaml
    compound_right: frozenset[str]
    verb_forms: frozenset[str]  # X such that می‌X or نمی‌X is a known word
    verb_stems: frozenset[str]
    keep: frozenset[str]


class _LazyDetector:
    """Builds the lingua detector on first use, once, under a lock."""

    __slots__ = ("_detector", "_lock")

    def __init__(self) -> None:
        self._detector: Any = None
        self._lock = threading.Lock()

    def get(self) -> Any:
        if self._detector is None:
            with self._lock:
                if self._detector is None:
                    from lingua import Language, LanguageDetectorBuilder

                    self._detector = LanguageDetectorBuilder.from_languages(
                        Language.PERSIAN, Language.ARABIC, Language.ENGLISH
                    ).build()
        return self._detector


# Bound of the per-word ZWNJ decision cache; it is emptied when full (decisions are cheap).
ZWNJ_CACHE_MAX = 200_000


@dataclass(frozen=True, slots=True)
class TextResources:
    cues: BoilerplateCues
    lexicon: Lexicon
    fa_words: frozenset[str]
    ar_words: frozenset[str]
    # ZWNJ decisions per space-separated token: changed ones (token -> (repaired, whether by
    # morphology)) and tokens seen to need no change. Both bounded by ZWNJ_CACHE_MAX.
    zwnj_cache: dict[str, tuple[str, bool]] = field(default_factory=dict, repr=False, compare=False)
    zwnj_stable: set[str] = field(default_factory=set, repr=False, compare=False)
    _detector: _LazyDetector = field(default_factory=_LazyDetector, repr=False, compare=False)

    @property
    def detector(self) -> Any:
        """The lingua detector restricted to Persian, Arabic and English (built on first use)."""
        return self._detector.get()


def _read(name: str) -> Any:
    path = importlib_resources.files("didar.text") / "data" / name
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise ResourceError(f"cannot read text/data/{name}: {exc}", source=name) from exc


def _strings(data: dict[str, Any], key: str, name: str) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
        raise ResourceError(f"text/data/{name}: '{key}' must be a list of strings", source=name)
    return [x.strip() for x in value]


def _regexes(data: dict[str, Any], key: str, name: str) -> dict[str, Rule]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise ResourceError(f"text/data/{name}: '{key}' must be a mapping", source=name)
    out = {}
    for rule, spec in value.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("regex"), str):
            raise ResourceError(f"text/data/{name}: {key}.{rule} needs a 'regex'", source=name)
        try:
            regex = re.compile(spec["regex"])
        except re.error as exc:
            raise ResourceError(f"text/data/{name}: {key}.{rule}: {exc}", source=name) from exc
        out[str(rule)] = Rule(regex=regex, needs=str(spec.get("needs") or ""))
    return out


def load_boilerplate_cues() -> BoilerplateCues:
    name = "boilerplate.yaml"
    data = _read(name)

    def keys(key: str) -> list[str]:
        return [cue_key(x) for x in _strings(data, key, name)]

    line_cues = [
        "read_also", "related_lists", "comment_prompts", "end_markers", "chrome_lines",
        "chrome_prefixes", "title_footers", "link_teasers", "source_lines",
    ]
    return BoilerplateCues(
        first_words=frozenset(first_word(c) for k in line_cues for c in keys(k)),
        read_also=frozenset(keys("read_also")),
        related_lists=frozenset(keys("related_lists")),
        comment_prompts=frozenset(keys("comment_prompts")),
        end_markers=tuple(keys("end_markers")),
        chrome_lines=frozenset(keys("chrome_lines")),
        chrome_prefixes=tuple(keys("chrome_prefixes")),
        title_footers=tuple(keys("title_footers")),
        link_teasers=frozenset(keys("link_teasers")),
        source_lines=tuple(keys("source_lines")),
        segment_regex=_regexes(data, "segment_regex", name),
        trailing_regex=_regexes(data, "trailing_regex", name),
    )


_PERSIANIZE = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی"})
# Endings stripped from the lexicon's می‌X forms to collect verb stems.
_VERB_ENDINGS = ("", "م", "ی", "د", "یم", "ید", "ند")


def _zwnj_ok(word: str) -> bool:
    """Every ZWNJ follows a joining letter and precedes a letter."""
    i = word.find(ZWNJ)
    while i != -1:
        if i == 0 or i == len(word) - 1 or word[i - 1] not in JOINING or word[i + 1] == ZWNJ:
            return False
        i = word.find(ZWNJ, i + 1)
    return True


def load_lexicon() -> Lexicon:
    """wordfreq's Persian list (about 31,000 words, Zipf >= 3) plus data/zwnj.yaml."""
    try:
        from wordfreq import get_frequency_dict
    except ImportError as exc:  # pragma: no cover - wordfreq is a dependency
        raise ResourceError("the wordfreq package is required for ZWNJ repair") from exc
    name = "zwnj.yaml"
    data = _read(name)
    zipf: dict[str, float] = {}
    for word, freq in get_frequency_dict("fa").items():
        w = word.translate(_PERSIANIZE)
        z = math.log10(freq) + 9.0
        if z > zipf.get(w, 0.0):
            zipf[w] = z
    zwnj_forms: dict[str, tuple[str, float]] = {}
    verb_forms: set[str] = set()
    for w, z in zipf.items():
        if ZWNJ not in w or not _zwnj_ok(w):
            continue
        glued = w.replace(ZWNJ, "")
        best = zwnj_forms.get(glued)
        if best is None or z > best[1]:
            zwnj_forms[glued] = (w, z)
        head, _, rest = w.partition(ZWNJ)
        if head in ("می", "نمی") and ZWNJ not in rest and len(rest) >= 2:
            verb_forms.add(rest)
    stems = set(_strings(data, "verb_stems", name))
    for form in verb_forms:
        for ending in _VERB_ENDINGS:
            if ending and form.endswith(ending) and len(form) - len(ending) >= 2:
                stems.add(form[: -len(ending)])
        stems.add(form)
    compounds: dict[str, str] = {}
    for form in _strings(data, "compounds", name):
        if ZWNJ not in form or not _zwnj_ok(form):
            raise ResourceError(f"text/data/{name}: compound {form!r} needs a valid ZWNJ")
        compounds[form.replace(ZWNJ, "")] = form
    return Lexicon(
        zipf=zipf,
        zwnj_forms=zwnj_forms,
        compounds=compounds,
        compound_right=frozenset(_strings(data, "compound_right", name)),
        verb_forms=frozenset(verb_forms),
        verb_stems=frozenset(stems),
        keep=frozenset(_strings(data, "keep", name)),
    )


def load_text_resources() -> TextResources:
    name = "language.yaml"
    lang = _read(name)
    return TextResources(
        cues=load_boilerplate_cues(),
        lexicon=load_lexicon(),
        fa_words=frozenset(w.translate(LANGUAGE_WORD_TABLE) for w in _strings(lang, "fa", name)),
        ar_words=frozenset(w.translate(LANGUAGE_WORD_TABLE) for w in _strings(lang, "ar", name)),
    )


def text_resources(res: Any) -> TextResources:
    """The TextResources held by `res` (the pipeline's Resources), or `res` itself."""
    if isinstance(res, TextResources):
        return res
    inner = getattr(res, "text", None)
    if isinstance(inner, TextResources):
        return inner
    raise TypeError(f"expected TextResources or Resources, not {type(res).__name__}")
