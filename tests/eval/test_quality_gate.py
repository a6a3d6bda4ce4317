"""The quality gate: the scoring of `didar eval`, on real data, against pinned floors.

Runs the pipeline on ../shared/corpus/dev (gold ../shared/eval/dev.json) and, separately, on the
five seeds in ../shared/corpus/seeds (gold tests/eval/seeds_gold.json, ours). The floors are in
tests/eval/floors.py. The corpus is third-party text: it is read from ../shared, never copied
here; without ../shared (or $DIDAR_SHARED) these tests skip.
"""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest

from didar.eval.gold import check_gold
from didar.eval.keys import norm
from didar.eval.score import METRICS, format_report, score

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SHARED = Path(os.environ.get("DIDAR_SHARED", REPO.parent / "shared"))
SEEDS_GOLD = HERE / "seeds_gold.json"

SETS = {
    "dev": (SHARED / "eval" / "dev.json", SHARED / "corpus" / "dev", "DEV_FLOORS"),
    "seeds": (SEEDS_GOLD, SHARED / "corpus" / "seeds", "SEED_FLOORS"),
    # didar's own annotation of non-meeting events ("acts") on the dev articles
    "dev_acts": (HERE / "dev_acts.json", SHARED / "corpus" / "dev", "DEV_ACTS_FLOORS"),
}

needs_shared = pytest.mark.skipif(
    not (SHARED / "eval" / "dev.json").is_file(),
    reason=f"real evaluation data not found at {SHARED} (set DIDAR_SHARED to the shared folder)",
)


def _floors_module():
    spec = importlib.util.spec_from_file_location("didar_eval_floors", HERE / "floors.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FLOORS = _floors_module()


@pytest.fixture(scope="module")
def resources():
    from didar.resources import load_resources

    return load_resources()


@pytest.fixture(scope="module")
def reports(resources):
    """Each corpus is extracted once, and each set scored once, for all the gate's assertions."""
    from didar.eval.gold import load_gold
    from didar.eval.score import extract_records

    extracted: dict[Path, tuple] = {}
    out = {}
    for name, (gold, corpus, _) in SETS.items():
        if corpus not in extracted:
            extracted[corpus] = extract_records(load_gold(SETS[name][0]), corpus, resources)
        records, errors = extracted[corpus]
        out[name] = score(load_gold(gold), records, errors=errors, name=Path(gold).name)
    return out


def _gate_cases():
    for name, (_, _, floors_name) in SETS.items():
        for metric, floor in getattr(FLOORS, floors_name).items():
            yield pytest.param(name, metric, floor, id=f"{name}-{metric}")


@needs_shared
@pytest.mark.parametrize(("set_name", "metric", "floor"), list(_gate_cases()))
def test_quality_floor(reports, set_name, metric, floor):
    report = reports[set_name]
    value = report.metrics[metric]
    # the whole report, with per-document lines, is the failure message: it says why
    detail = format_report(report)
    if metric == "noise":
        assert value <= floor, f"noise {value:g} > ceiling {floor} on {set_name}\n{detail}"
    else:
        assert value is not None, f"{metric} has nothing to measure on {set_name}\n{detail}"
        assert value >= floor, f"{metric} {value:.3f} < floor {floor} on {set_name}\n{detail}"


@needs_shared
@pytest.mark.parametrize("set_name", list(SETS))
def test_every_document_was_extracted(reports, set_name):
    errors = {d.doc: d.error for d in reports[set_name].documents if d.error}
    assert not errors, f"the pipeline failed on: {errors}"


# ------------------------------------------------------------------ the floors and gold themselves


def test_floors_are_well_formed():
    for floors in (FLOORS.DEV_FLOORS, FLOORS.SEED_FLOORS):
        assert set(FLOORS.TARGETS) <= set(floors), "every issue target has a pinned floor"
    for floors in (FLOORS.DEV_FLOORS, FLOORS.SEED_FLOORS, FLOORS.DEV_ACTS_FLOORS):
        for metric, floor in floors.items():
            assert metric in METRICS
            if metric != "noise":
                assert 0.0 <= floor <= 1.0


def test_seed_gold_is_well_formed():
    gold = json.loads(SEEDS_GOLD.read_text(encoding="utf-8"))
    assert check_gold(gold) == []
    assert len(gold["documents"]) == 5
    for doc in gold["documents"]:
        assert doc["quotes"], f"{doc['doc']}: seed gold annotates several quotes per article"
        for q in doc.get("quotes", []):
            assert len(q["snippet"]) <= 80, "snippets are short fragments, not whole passages"


@needs_shared
@pytest.mark.parametrize("set_name", list(SETS))
def test_gold_matches_its_corpus(set_name):
    """Every gold file exists, every snippet is words of its article, every absent actor
    is named in the text (so that noise is measurable)."""
    gold_path, corpus, _ = SETS[set_name]
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    assert check_gold(gold) == []
    for doc in gold["documents"]:
        path = corpus / doc["doc"]
        assert path.is_file(), f"{path} is missing"
        text = norm(path.read_text(encoding="utf-8"))
        for q in doc.get("quotes", []):
            assert norm(q["snippet"]) in text, f"{doc['doc']}: snippet not in text: {q['snippet']}"
        for name in doc.get("absent_actors", []):
            keys = [norm(k) for k in gold["actors"][name]["keys"]]
            assert any(k in text for k in keys), f"{doc['doc']}: {name} not in the text"
