"""Paths to the real articles for the didar.text tests (helpers shared by the test modules).

The real articles are third-party text: they are read from ../shared (or $DIDAR_SHARED), never
copied here; tests that need them skip with a message when the folder is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("DIDAR_SHARED", REPO.parent / "shared"))
SEEDS = SHARED / "corpus" / "seeds"
DEV = SHARED / "corpus" / "dev"

SEED_002 = "002_7635f888cb97365b.txt"
SEED_003 = "003_65e8fecf9260d5ee.txt"


def corpus_files(folder: Path, pattern: str = "*.txt") -> list[Path]:
    return sorted(folder.glob(pattern)) if folder.is_dir() else []


def read_corpus(path: Path) -> bytes:
    if not path.is_file():
        pytest.skip(
            f"real article {path.name} not found under {SHARED} "
            "(set DIDAR_SHARED to the shared folder)"
        )
    return path.read_bytes()


def article_language(path: Path) -> str:
    return "ar" if path.name.startswith(("002_", "ar_")) else "fa"


def all_articles() -> list[Path]:
    files = corpus_files(SEEDS) + corpus_files(DEV)
    if not files:
        pytest.skip(f"real articles not found under {SHARED} (set DIDAR_SHARED)")
    return files
