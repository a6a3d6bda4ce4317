"""The cost of storing and clustering one new article as the store grows.

    .venv/bin/python scripts/bench_cluster.py [--sizes 1000,10000,100000] [--probe 200]

Builds synthetic records from the real ones (../shared/corpus/dev and seeds, extracted once):
each a real record whose text is a reshuffle of real sentences plus words of its own (so it is
not a near-duplicate of another), whose meetings get participants drawn from a pool of actor ids
(pairs recur, as they do in the news: the same ministers meet again) and dates over ten years;
REPORTED_AGAIN of the events are one more report of a recent meeting (same people, same day),
so clusters grow as they do when several agencies cover a meeting.
Fills a fresh SQLite store up to each size, then stores `--probe` more articles one at a time
and reports the mean time per article of the whole store step, and of its two new parts:
the near-duplicate lookup (LSH candidates) and the clustering (participant-pair candidates),
with how many candidates each compared. Flat numbers across sizes mean the work per article
does not grow with the store.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REPORTED_AGAIN = 0.3  # share of synthetic events that are one more report of an earlier one
SHARED = REPO.parent / "shared" / "corpus"


def real_records() -> list:
    from didar.pipeline import extract
    from didar.resources import load_resources

    res = load_resources()
    files = sorted((SHARED / "dev").glob("*.txt")) + sorted((SHARED / "seeds").glob("*.txt"))
    if not files:
        sys.exit(f"no real articles at {SHARED}")
    return [extract(f.read_bytes(), res, source=str(f)) for f in files]


def synthetic(base: list, n: int, rng: random.Random, pool: list[str] | None):
    """`n` synthetic records (see the module docstring). With `pool` None, each event keeps
    its real participants (and only its date changes): for stores that the web app shows."""
    from didar.record import Analysis

    sentences = [s for d in base for s in d.text.split(".") if len(s) > 40]
    start = date(2015, 1, 1)
    seen: list[tuple[list[str], str]] = []  # meetings reported so far: (participants, day)
    for i in range(n):
        doc = copy.deepcopy(rng.choice(base))
        doc.analysis = Analysis()
        own = " ".join(f"w{rng.randrange(5000)}" for _ in range(40))
        doc.text = ".".join(rng.sample(sentences, 6)) + "\n\n" + own
        doc.source = f"synthetic/{i}.txt"
        doc.url = None
        day = (start + timedelta(days=rng.randrange(3650))).isoformat()
        for e in doc.events:
            if seen and rng.random() < REPORTED_AGAIN:  # another outlet's report of a meeting
                e.participants, day = rng.choice(seen[-2000:])
            else:
                if pool is not None:
                    e.participants = rng.sample(pool, 2)
                seen.append((e.participants, day))
            e.status, e.date, e.date_precision, e.weekday = "occurred", day, "day", None
        doc.published = day
        doc.id = hashlib.sha256(doc.text.encode()).hexdigest()[:16]
        yield doc


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--probe", type=int, default=200)
    ap.add_argument("--actors", type=int, default=300, help="size of the participant pool")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]

    import didar.store.clusters as clusters_mod
    import didar.store.sqlite as sqlite_store
    from didar.store import SQLiteStore

    timings = {"near": [0.0, 0], "cluster": [0.0, 0]}
    compared = {"texts": 0, "clusters": 0}  # candidates actually compared, summed over probes
    real_near, real_cluster = sqlite_store.near_duplicate_of, sqlite_store.cluster_document
    real_is_near, real_choose = clusters_mod.minhash.is_near_duplicate, clusters_mod.choose

    class CountingMinhash:  # clusters.minhash with its comparison counted
        def __getattr__(self, name):
            return getattr(real_minhash, name)

        @staticmethod
        def is_near_duplicate(*a):
            compared["texts"] += 1
            return real_is_near(*a)

    def counting_choose(report, candidates):
        compared["clusters"] += len(candidates)
        return real_choose(report, candidates)

    real_minhash = clusters_mod.minhash
    clusters_mod.minhash = CountingMinhash()
    clusters_mod.choose = counting_choose

    def near(*a):
        t = time.perf_counter()
        try:
            return real_near(*a)
        finally:
            timings["near"][0] += time.perf_counter() - t
            timings["near"][1] += 1

    def cluster(*a):
        t = time.perf_counter()
        try:
            return real_cluster(*a)
        finally:
            timings["cluster"][0] += time.perf_counter() - t
            timings["cluster"][1] += 1

    sqlite_store.near_duplicate_of, sqlite_store.cluster_document = near, cluster

    rng = random.Random(args.seed)
    base = [d for d in real_records() if d.events]
    pool = [f"actor-{i}" for i in range(args.actors)]
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "bench.db")
        gen = synthetic(base, sizes[-1] + args.probe * len(sizes), rng, pool)
        stored = 0
        for size in sizes:
            t0 = time.perf_counter()
            while stored < size:
                chunk = [next(gen) for _ in range(min(500, size - stored))]
                store.put_many(chunk)
                stored += len(chunk)
            fill = time.perf_counter() - t0
            for v in timings.values():
                v[0], v[1] = 0.0, 0
            compared["texts"] = compared["clusters"] = 0
            t1 = time.perf_counter()
            for _ in range(args.probe):
                store.put_many([next(gen)])
            per = (time.perf_counter() - t1) / args.probe
            stored += args.probe
            db = store._db
            row = {
                "documents": db.execute("SELECT COUNT(*) FROM documents").fetchone()[0],
                "events": db.execute("SELECT COUNT(*) FROM events").fetchone()[0],
                "clusters": db.execute("SELECT COUNT(*) FROM clusters").fetchone()[0],
                "fill_docs_per_s": round(size / fill) if fill else None,
                "store_one_article_ms": round(per * 1e3, 2),
                "near_duplicate_lookup_ms": round(
                    timings["near"][0] / max(1, timings["near"][1]) * 1e3, 3
                ),
                "clustering_ms": round(
                    timings["cluster"][0] / max(1, timings["cluster"][1]) * 1e3, 3
                ),
                "texts_compared_per_article": round(compared["texts"] / args.probe, 1),
                "clusters_compared_per_article": round(compared["clusters"] / args.probe, 1),
                "db_mb": round(Path(store.path).stat().st_size / 2**20),
            }
            out.append(row)
            print(json.dumps(row), flush=True)
        store.close()


if __name__ == "__main__":
    main()
