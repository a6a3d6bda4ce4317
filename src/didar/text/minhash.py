"""Near-duplicate texts: MinHash over word shingles, with LSH banding.

    sig = signature(text)              # NUM_PERM 32-bit values, deterministic across runs
    keys = band_keys(sig)              # BANDS integer keys: two texts sharing one are candidates
    similarity(sig_a, sig_b)           # estimated Jaccard similarity of their shingle sets

Words are those of the search key (`didar.store.keys.search_tokens`: ی/ي, ک/ك, alef forms,
ZWNJ, digits and diacritics folded), so the same agency text in two spellings meets. Shingles
are runs of SHINGLE_WORDS words: each word hashed with CRC-32 (never Python's `hash()`, which
changes from run to run), a shingle's hash a fixed mix of its words' hashes; the permutations
are `(a*x + b) mod 2^32` with fixed seeds derived from blake2b. Pure functions; numpy does the
arithmetic.

Two texts are one article (`is_near_duplicate`) when the estimated containment (the share of
the smaller text's shingles found in the other) reaches NEAR_DUPLICATE and the estimated
Jaccard similarity reaches MIN_JACCARD. Chosen on the real pairs in ../shared/corpus/dev
(`tests/store/test_near_duplicates.py` pins them): fa_farex_05/06 (the same IRNA tweet report,
one with Iran Press's header and byline) score Jaccard 0.66, containment 0.83; fa_farex_07/09
are identical after cleaning (1.0). The closest pair of different articles scores containment
0.47 / Jaccard 0.12 (ar_snn_11/15, two Saudi royal-court items), and fa_farex_02/03 (two
agencies on the same trip, different texts) 0.36 / 0.19: they are clustered as one event, not
merged. With BANDS x ROWS = 32 x 4, a pair of Jaccard s becomes a candidate with probability
1 - (1 - s^4)^32: 0.98 at 0.6, 0.87 at 0.5, 0.07 at 0.2.
"""

from __future__ import annotations

import functools
import hashlib
import zlib
from collections.abc import Sequence

import numpy as np

from didar.store.keys import search_tokens

SHINGLE_WORDS = 3  # words per shingle
NUM_PERM = 128  # MinHash permutations
BANDS = 32  # LSH bands ...
ROWS = NUM_PERM // BANDS  # ... of this many values each
NEAR_DUPLICATE = 0.7  # estimated containment from which two texts are one article ...
MIN_JACCARD = 0.35  # ... provided they also share this much (a brief inside a long report is not)
MIN_SHINGLES = 20  # texts of fewer shingles (~22 words) are too short to call near-duplicates

_MAX32 = np.uint64(0xFFFFFFFF)


def _seeds() -> tuple[np.ndarray, np.ndarray]:
    """Fixed permutation parameters, derived from blake2b so every run and machine agree."""
    a, b = [], []
    for i in range(NUM_PERM):
        digest = hashlib.blake2b(f"didar-minhash-{i}".encode(), digest_size=8).digest()
        a.append((int.from_bytes(digest[:4], "big") | 1) & 0xFFFFFFFF)
        b.append(int.from_bytes(digest[4:], "big"))
    return np.array(a, dtype=np.uint64), np.array(b, dtype=np.uint64)


_A, _B = _seeds()


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[str]:
    """The word shingles of `text` as strings (for inspection and tests; `signature` hashes
    them without building the strings)."""
    words = search_tokens(text)
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


@functools.lru_cache(maxsize=1 << 16)
def _folded(token: str) -> tuple[str, ...]:
    return tuple(search_tokens(token))


def _words(text: str) -> list[str]:
    """`search_tokens(text)`, folding each distinct whitespace-separated token once (folding
    never joins tokens across whitespace, so the result is the same, several times faster)."""
    return [w for token in text.split() for w in _folded(token)]


def _hash32(word: str) -> int:
    return zlib.crc32(word.encode("utf-8"))


_MIX = np.array([0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D], dtype=np.uint64)[:SHINGLE_WORDS]


def shingle_hashes(text: str) -> np.ndarray:
    """The distinct 32-bit hashes of the text's word shingles: each distinct word hashed once
    with blake2b, a shingle's hash a fixed mix of its words' hashes (deterministic)."""
    words = _words(text)
    if not words:
        return np.zeros(0, dtype=np.uint64)
    vocab: dict[str, int] = {}
    ids = [vocab.setdefault(w, len(vocab)) for w in words]
    table = np.fromiter((_hash32(w) for w in vocab), dtype=np.uint64, count=len(vocab))
    h = table[np.array(ids)]
    k = min(SHINGLE_WORDS, len(h))
    n = len(h) - k + 1
    mixed = np.zeros(n, dtype=np.uint64)
    for i in range(k):
        mixed = (mixed + h[i : i + n] * _MIX[i]) & _MAX32
        mixed ^= mixed >> np.uint64(15)
    return np.unique(mixed)


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature of `text` (NUM_PERM uint32), or None for a text too short to
    compare (fewer than MIN_SHINGLES distinct shingles)."""
    return signature_of(shingle_hashes(text))


def signature_of(x: np.ndarray) -> np.ndarray | None:
    """The MinHash signature of distinct shingle hashes (None for fewer than MIN_SHINGLES)."""
    if len(x) < MIN_SHINGLES:
        return None
    # (a*x + b) mod 2^32 : a universal-enough family for 32-bit values, exact in uint64
    values = (np.outer(_A, x) + _B[:, None]) & _MAX32
    return values.min(axis=1).astype(np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity: the share of positions where the signatures agree."""
    return float(np.count_nonzero(a == b)) / len(a)


def containment(a: np.ndarray, na: int, b: np.ndarray, nb: int) -> float:
    """Estimated share of the smaller shingle set found in the other (from the Jaccard estimate
    and the set sizes: |A & B| = J (|A| + |B|) / (1 + J)): a text with a header or footer added
    still contains nearly all of the other."""
    j = similarity(a, b)
    return min(1.0, j * (na + nb) / (1 + j) / max(1, min(na, nb)))


def is_near_duplicate(a: np.ndarray, na: int, b: np.ndarray, nb: int) -> bool:
    """One article, republished with small differences (see NEAR_DUPLICATE, MIN_JACCARD)."""
    return similarity(a, b) >= MIN_JACCARD and containment(a, na, b, nb) >= NEAR_DUPLICATE


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per band (band number mixed in), for an SQLite integer index."""
    out = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=band.to_bytes(2, "big")).digest()
        out.append(int.from_bytes(digest, "big", signed=True))
    return out


def to_blob(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)


def best_match(sig: np.ndarray, candidates: Sequence[tuple[int, bytes]]) -> tuple[int, float]:
    """(key, similarity) of the most similar candidate (key, signature blob); (-1, 0.0) if none."""
    best, score = -1, 0.0
    for key, blob in candidates:
        s = similarity(sig, from_blob(blob))
        if s > score:
            best, score = key, s
    return best, score
