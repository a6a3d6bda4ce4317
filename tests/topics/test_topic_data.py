"""The topic data files (src/didar/topics/data/) are well formed: every topic id is one of the
record's, every cue parses, is in the script its language claims and is listed once, and the
scoring file has every number the tagger reads."""

from __future__ import annotations

import os
import re
from importlib import resources as importlib_resources
from pathlib import Path

import pytest
import yaml

from didar.text.normalize import fold_plain
from didar.topics.lexicon import load_lexicon, parse_cue

DATA = importlib_resources.files("didar.topics") / "data"
LEXICON = yaml.safe_load((DATA / "lexicon.yaml").read_text(encoding="utf-8"))
SCORING = yaml.safe_load((DATA / "scoring.yaml").read_text(encoding="utf-8"))

# The "Topics" table of ../shared/spec/record.md (contract v1).
TOPICS = {"diplomacy", "security", "border", "economy_trade", "energy", "transport", "religion",
          "elections", "us", "israel", "palestine_gaza", "terrorism", "armed_groups", "kurdistan",
          "islamic_unity", "war_conflict", "water", "sanctions"}

PERSIAN_ONLY = set("پچژگکی")
ARABIC_ONLY = set("يكةى")
SPEC = Path(os.environ.get("DIDAR_SHARED", Path(__file__).resolve().parents[2].parent / "shared")
            ) / "spec" / "record.md"


def _entries(section: dict) -> list[tuple[str, str, str]]:
    return [(topic, lang, raw) for topic, by_lang in section.items()
            for lang, words in by_lang.items() for raw in words]


ALL = _entries(LEXICON["topics"]) + [("ignore", lang, raw)
                                     for lang, words in LEXICON["ignore"].items()
                                     for raw in words]


def test_every_topic_of_the_record_has_cues_in_every_language():
    assert set(LEXICON["topics"]) == TOPICS
    for topic, by_lang in LEXICON["topics"].items():
        assert set(by_lang) == {"fa", "ar", "en"}, topic
        assert all(by_lang[lang] for lang in by_lang), topic


@pytest.mark.skipif(not SPEC.is_file(), reason="the shared spec is not here")
def test_topic_ids_are_those_of_the_record_spec():
    table = SPEC.read_text(encoding="utf-8").split("## Topics", 1)[1]
    assert set(re.findall(r"^\| ([a-z_]+) \|", table, re.M)) - {"id"} == TOPICS


@pytest.mark.parametrize(("topic", "lang", "raw"), ALL, ids=lambda x: str(x))
def test_cue_is_well_formed_and_in_its_script(topic, lang, raw):
    text, weight, _, _ = parse_cue(raw)
    assert text and text == text.strip(), raw
    assert 0 < weight <= 3, raw
    letters = {c for c in text if c.isalpha()}
    if lang == "en":
        assert text.isascii() and text == text.lower(), raw
    elif lang == "fa":
        assert not letters & ARABIC_ONLY, f"Arabic letter in a Persian cue: {raw}"
        assert all(not c.isascii() for c in letters), raw
    else:
        assert lang == "ar"
        assert not letters & PERSIAN_ONLY, f"Persian letter in an Arabic cue: {raw}"
        assert all(not c.isascii() for c in letters), raw


def test_no_cue_is_listed_twice_for_a_topic_and_language():
    seen: dict[tuple[str, str, str], str] = {}
    for topic, lang, raw in ALL:
        text, _, open_end, exact = parse_cue(raw)
        k = (topic, lang, fold_plain(text) + ("*" if open_end else "") + ("=" if exact else ""))
        assert k not in seen, f"{raw} repeats {seen[k]} ({topic}, {lang})"
        seen[k] = raw


def test_scoring_has_every_number_the_tagger_reads():
    for k in ("threshold", "thresholds", "relative_floor", "quote_threshold", "repeat_decay",
              "bonuses", "penalties", "lead_sentences", "list_separators",
              "list_min_separators", "agenda_cues", "condolence_cues", "event_topics"):
        assert k in SCORING, k
    assert set(SCORING["bonuses"]) == {"title", "lead", "event_sentence", "quote"}
    assert set(SCORING["penalties"]) == {"list", "condolence", "closing", "boilerplate"}
    assert all(v >= 1 for v in SCORING["bonuses"].values())
    assert all(0 <= v <= 1 for v in SCORING["penalties"].values())
    assert set(SCORING["thresholds"]) <= TOPICS
    assert set(SCORING["event_topics"]) <= TOPICS


def test_lexicon_loads_once():
    assert load_lexicon() is load_lexicon()
    assert set(load_lexicon().topics) == TOPICS
