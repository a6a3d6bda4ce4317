"""The data files of didar.text are valid: no duplicates, right script, regexes compile."""

from __future__ import annotations

import re
from importlib import resources as importlib_resources
from typing import Any

import pytest
import yaml

from didar.text.resources import JOINING, ZWNJ, cue_key, first_word

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF\u200c ]+")
PERSIAN_ONLY_WORD = re.compile(r"[اآبپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیئء\u200c]+")


def load(name: str) -> Any:
    path = importlib_resources.files("didar.text") / "data" / name
    return yaml.safe_load(path.read_text(encoding="utf-8"))


BOILERPLATE = load("boilerplate.yaml")
LIST_KEYS = [k for k, v in BOILERPLATE.items() if isinstance(v, list)]
REGEX_KEYS = [k for k, v in BOILERPLATE.items() if isinstance(v, dict)]


def test_boilerplate_sections() -> None:
    assert set(LIST_KEYS) == {
        "read_also",
        "related_lists",
        "comment_prompts",
        "end_markers",
        "chrome_lines",
        "chrome_prefixes",
        "title_footers",
        "link_teasers",
        "source_lines",
    }
    assert set(REGEX_KEYS) == {"segment_regex", "trailing_regex"}


@pytest.mark.parametrize("key", LIST_KEYS)
def test_boilerplate_cues(key: str) -> None:
    cues = BOILERPLATE[key]
    assert cues and all(isinstance(c, str) for c in cues)
    keys = [cue_key(c) for c in cues]
    assert all(keys), key
    duplicates = {k for k in keys if keys.count(k) > 1}
    assert not duplicates, duplicates
    for cue in cues:
        assert ARABIC_SCRIPT.fullmatch(cue.replace("|", "")), cue
        assert first_word(cue), cue


def test_whole_line_cues_do_not_overlap() -> None:
    whole = ["read_also", "related_lists", "comment_prompts", "chrome_lines"]
    seen: dict[str, str] = {}
    for key in whole:
        for cue in BOILERPLATE[key]:
            k = cue_key(cue)
            assert k not in seen or seen[k] == key, f"{cue!r} in {key} and {seen.get(k)}"
            seen[k] = key


@pytest.mark.parametrize("key", REGEX_KEYS)
def test_boilerplate_regexes(key: str) -> None:
    for rule, spec in BOILERPLATE[key].items():
        assert set(spec) <= {"regex", "needs"}, rule
        regex = re.compile(spec["regex"])
        assert not regex.search(""), rule  # never matches nothing
        if spec.get("needs"):
            # the pre-check literal is part of every match
            assert spec["needs"] in spec["regex"].replace("\\", ""), rule


ZWNJ_DATA = load("zwnj.yaml")


def _no_duplicates(items: list[str]) -> None:
    duplicates = {x for x in items if items.count(x) > 1}
    assert not duplicates, duplicates


def test_zwnj_compounds() -> None:
    compounds = ZWNJ_DATA["compounds"]
    _no_duplicates(compounds)
    for form in compounds:
        assert PERSIAN_ONLY_WORD.fullmatch(form), form
        assert ZWNJ in form, form
        for i, ch in enumerate(form):
            if ch == ZWNJ:
                assert 0 < i < len(form) - 1 and form[i - 1] in JOINING, form


@pytest.mark.parametrize("key", ["compound_right", "verb_stems", "keep"])
def test_zwnj_word_lists(key: str) -> None:
    words = ZWNJ_DATA[key]
    _no_duplicates(words)
    for word in words:
        assert PERSIAN_ONLY_WORD.fullmatch(word) and ZWNJ not in word, word


LANGUAGE = load("language.yaml")


def test_language_words() -> None:
    fa, ar = LANGUAGE["fa"], LANGUAGE["ar"]
    _no_duplicates(fa)
    _no_duplicates(ar)
    unify = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی"})
    assert not {w.translate(unify) for w in fa} & {w.translate(unify) for w in ar}
    for word in fa:
        assert not set(word) & set("يكةى"), word
    for word in ar:
        assert not set(word) & set("پچژگیک"), word
