"""Response times of the web pages and the REST API on a large store.

    .venv/bin/python scripts/bench_web.py [--n 100000] [--db /tmp/didar-web-100k.db] [--rounds 20]

1. Builds the store at --db when it does not exist yet (kept for later runs): --n synthetic
   articles made from the real ones (../shared/corpus/dev and seeds, extracted once) as in
   scripts/bench_cluster.py, but every event keeps its real participants (real actors with
   their names and roles), dates spread over ten years, a share re-reported as another
   outlet's report of the same meeting; stored through the store's `put_many` in chunks of 500.
2. Starts `didar serve --db DB` on 127.0.0.1 (a free port) in its own process.
3. Requests every page and API route --rounds times each (40 paths per route), with filters
   that vary from one request to the next (actors, countries, years, languages, search words,
   pages deep into the listing), after one warm-up request per route, one request at a time;
   prints p50 / p95 / max per route and a Markdown table for the README. The server keeps
   store-wide aggregates per store state (didar.query), so a route whose filters repeat is
   mostly answered from memory: the first request of each filter shows the cold cost (max).
   The goal (issue 4): p95 under 200 ms for every route.
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))


def build(db: Path, n: int, seed: int) -> None:
    import bench_cluster

    from didar.store import SQLiteStore

    rng = random.Random(seed)
    base = [d for d in bench_cluster.real_records() if d.events]
    gen = bench_cluster.synthetic(base, n, rng, None)
    t0 = time.perf_counter()
    with SQLiteStore(db) as store:
        done = 0
        while done < n:
            chunk = [next(gen) for _ in range(min(500, n - done))]
            for i, d in enumerate(chunk):  # outlets and sources vary as in a real collection
                d.outlet = OUTLETS[(done + i) % len(OUTLETS)]
            store.put_many(chunk)
            done += len(chunk)
            if done % 5000 == 0:
                rate = done / (time.perf_counter() - t0)
                print(f"  stored {done:,} ({rate:.0f}/s)", file=sys.stderr, flush=True)


OUTLETS = ["IRNA", "ILNA", "Mehr", "Tasnim", "ISNA", "Baghdad Today", "Shafaq News", "INA", "Rudaw"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def routes(db: Path, rng: random.Random) -> dict[str, list[str]]:
    """Paths per route, each with its own filters."""
    import sqlite3

    con = sqlite3.connect(db)
    actors = [r[0] for r in con.execute(
        "SELECT actor_id FROM actors WHERE type = 'person' GROUP BY actor_id "
        "ORDER BY COUNT(*) DESC LIMIT 40")]
    docs = [r[0] for r in con.execute(
        "SELECT id FROM documents ORDER BY random() LIMIT 200")]
    con.close()
    words = ["عراق", "ایران", "دیدار", "السوداني", "همکاری", "الحكيم", "پزشکیان", "بغداد",
             "وزير الخارجية", "رئیس‌جمهور", "ريال", "تهران"]
    countries = ["IRQ", "IRN", "SAU", "TUR", "SYR", "USA"]

    def some(items, k):
        return [rng.choice(items) for _ in range(k)]

    def year():
        return str(rng.randrange(2015, 2025))

    k = 40
    return {
        "/": ["/"] * k,
        "/.json": ["/.json"] * k,
        "/events": [f"/events?country={c}&since={year()}" for c in some(countries, k)],
        "/events (actor)": [f"/events?actor={a}" for a in some(actors, k)],
        "/events (deep page)": [f"/events?offset={rng.randrange(0, 100000)}" for _ in range(k)],
        "/events.json": [f"/events.json?type=meeting&language={rng.choice(['fa', 'ar'])}"
                         f"&since={year()}" for _ in range(k)],
        # a download is the whole filter: every event of the actor (hundreds to thousands)
        "/events.csv (all of an actor)": [f"/events.csv?actor={a}" for a in some(actors, k)],
        "/actors": ["/actors"] * k,
        "/actors/{id}": [f"/actors/{a}" for a in some(actors, k)],
        "/actors/{id}.json": [f"/actors/{a}.json" for a in some(actors, k)],
        "/documents/{id}": [f"/documents/{d}" for d in some(docs, k)],
        "/documents/{id}.json": [f"/documents/{d}.json" for d in some(docs, k)],
        "/network": [f"/network?since={year()}" for _ in range(k)],
        "/network (all)": ["/network"] * k,
        "/network.graphml": [f"/network.graphml?country={c}" for c in some(countries, k)],
        "/search": [f"/search?q={urllib.request.quote(w)}" for w in some(words, k)],
        "/api/events": [f"/api/events?actor={a}&limit=50" for a in some(actors, k)],
        "/api/quotes": [f"/api/quotes?speaker={a}" for a in some(actors, k)],
        "/api/search": [f"/api/search?q={urllib.request.quote(w)}" for w in some(words, k)],
        "/api/stats": ["/api/stats"] * k,
    }


def timed_get(url: str) -> tuple[float, int]:
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as e:
        status = e.code
    return (time.perf_counter() - t) * 1e3, status


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--db", default="/tmp/didar-web-100k.db")
    ap.add_argument("--rounds", type=int, default=1, help="passes over each route's paths")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--build-only", action="store_true", help="build the store and stop")
    args = ap.parse_args()
    db = Path(args.db)
    if not db.exists():
        print(f"building {db} with {args.n:,} articles", file=sys.stderr)
        build(db, args.n, args.seed)
    if args.build_only:
        return
    port = free_port()
    server = subprocess.Popen(
        [str(REPO / ".venv" / "bin" / "didar"), "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/api/stats", timeout=5).read()
                break
            except OSError:
                time.sleep(0.2)
        else:
            sys.exit("the server did not start: " + server.stderr.read().decode()[-2000:])
        rng = random.Random(args.seed)
        plan = routes(db, rng)
        for paths in plan.values():  # warm-up: the first request of each route
            timed_get(base + paths[0])
        results = {}
        for name, paths in plan.items():
            times, bad = [], 0
            for _ in range(args.rounds):
                for path in paths:
                    ms, status = timed_get(base + path)
                    times.append(ms)
                    bad += status >= 400
            q = statistics.quantiles(times, n=20)
            results[name] = {"p50": round(statistics.median(times), 1), "p95": round(q[18], 1),
                             "max": round(max(times), 1), "requests": len(times), "errors": bad}
            print(json.dumps({"route": name, **results[name]}), flush=True)
    finally:
        server.terminate()
        server.wait(10)
    con = __import__("sqlite3").connect(db)
    docs = con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    events = con.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    print(f"\n{docs:,} documents, {events:,} events, {db.stat().st_size / 2**20:.0f} MB\n")
    print("| route | p50 ms | p95 ms | max ms | requests |")
    print("| --- | --- | --- | --- | --- |")
    for name, r in results.items():
        print(f"| `{name}` | {r['p50']} | {r['p95']} | {r['max']} | {r['requests']} |")


if __name__ == "__main__":
    main()
