"""Helpers of the web tests, importable by name (the browser tests use them too): the samples
folder, `build_sample_db`, and the hostile strings of the escaping tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from didar.ingest.batch import IngestSummary, ingest
from didar.ingest.readers import expand
from didar.store import SQLiteStore

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

# Hostile input: markup and a right-to-left override inside an article (see hostile_db).
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
RLO = "\u202e"
HOSTILE_TEXT = (
    "عباس عراقچی، وزیر امور خارجه ایران، روز دوشنبه در بغداد با فؤاد حسین دیدار کرد. "
    f"{SCRIPT} و {IMG} پایان.\n"
    "وی گفت: «روابط دو کشور خوب است»."
)


def build_sample_db(path: str | Path, res: Any = None) -> Path:
    """Ingest every file of samples/ into a new database at `path`; return the path."""
    path = Path(path)
    summary = IngestSummary()
    with SQLiteStore(path) as store:
        for outcome in ingest(store, expand([str(SAMPLES)]), res=res, jobs=1):
            summary.add(outcome)
    assert not summary.failed, summary.as_dict()
    assert summary.stored >= 10, summary.as_dict()
    return path
