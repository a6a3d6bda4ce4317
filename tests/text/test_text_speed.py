"""Speed of the text stages (read, clean, language, ZWNJ repair, sentences) on the real articles.

The pipeline must do 300 articles/s per core; these stages should take well under 1 ms of CPU
for a 3 KB article. The assertion is a loose guard (CEILING_MS, for loaded CI machines) against
a regression such as lingua running on every document; run with -s to see the measurement:

    .venv/bin/pytest tests/text/test_text_speed.py -s
"""

from __future__ import annotations

import time

from textcorpus import all_articles

from didar.text.clean import clean
from didar.text.decode import read_input
from didar.text.language import detect_language
from didar.text.normalize import display_normalize
from didar.text.resources import load_text_resources
from didar.text.sentences import split_sentences
from didar.text.zwnj import repair_zwnj

CEILING_MS = 3.0
ROUNDS = 5
REPEAT = 10


def test_text_stages_speed(res) -> None:
    data = [path.read_bytes() for path in all_articles()]
    stages = ("read", "clean", "language", "zwnj", "sentences")
    best = dict.fromkeys(stages, float("inf"))
    clock = time.process_time
    for _ in range(ROUNDS):
        spent = dict.fromkeys(stages, 0.0)
        for _ in range(REPEAT):
            for raw in data:
                t0 = clock()
                doc = read_input(raw)
                t1 = clock()
                clean(doc, res)
                t2 = clock()
                detect_language(doc, res)
                t3 = clock()
                text = display_normalize(doc.text, doc.language)
                t4 = clock()
                if doc.language == "fa":
                    text = repair_zwnj(text, res)
                t5 = clock()
                split_sentences(text)
                t6 = clock()
                for stage, dt in zip(stages, (t1 - t0, t2 - t1, t3 - t2, t5 - t4, t6 - t5),
                                     strict=True):
                    spent[stage] += dt
        for stage in stages:
            best[stage] = min(best[stage], spent[stage] / (REPEAT * len(data)) * 1e3)
    total = sum(best.values())
    size = sum(map(len, data)) / len(data) / 1024
    print(f"\ntext stages, CPU ms per article (mean {size:.1f} KB, best of {ROUNDS}): "
          + ", ".join(f"{k} {v:.3f}" for k, v in best.items()) + f"; total {total:.3f}")
    assert total < CEILING_MS


def test_lingua_is_built_lazily() -> None:
    res = load_text_resources()
    assert res._detector._detector is None
    assert res.detector is res.detector  # built once, then reused
