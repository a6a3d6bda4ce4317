#!/usr/bin/env python
"""Benchmark didar's `extract` and `ingest` on a corpus built from the real articles.

    .venv/bin/python scripts/bench.py                  # 10,000 articles, 1 worker
    .venv/bin/python scripts/bench.py --n 2000 --jobs 2 --out /tmp/didar-bench

The corpus: the 32 real articles (../shared/corpus/seeds and ../shared/corpus/dev) varied so
that no two are byte-identical, written to a temporary folder outside the project (third-party
text is never copied into the repository). Article i is built from real article i mod 32 with a
generator seeded by i:
  - its first paragraph (title / lead / dateline) stays first; with probability 0.7 the other
    paragraphs are shuffled (a one-paragraph article is split into sentences first);
  - its length is mixed: a half article (first half of its paragraphs), the article, or the
    article followed by the paragraphs of one or two other articles of the same language
    (weights 1 : 2 : 1 : 1), so that sizes range from ~0.4 to ~15 KB;
  - a counter line `bench <i>` follows the lead paragraph, so every article is a distinct
    document (at the end it would be cut with an agency footer such as انتهای پیام or المصدر).
Files go into shards of 500 (`shard_000/…`), so `ingest` can be given the first k articles.

Measured, each in its own process so that peak memory (getrusage ru_maxrss) belongs to it:
  - extract: `didar.extract` on every file, single process, reading bytes from disk; throughput
    and peak RSS at every growth checkpoint (1k, 5k, 10k, ...); the Python heap peak of one
    `extract` call from tracemalloc on a 100-article sample (timed separately: tracemalloc is slow);
  - extract with --jobs N > 1: a process pool of N workers (resources loaded once per worker);
  - ingest: `didar ingest <shards> --db <fresh file> --quiet` for each growth size (the CLI,
    as a user runs it), or, with --ingest api or when the CLI has no `ingest` yet, extract +
    `didar.store.open_store(db).put_many` in batches of 200 in one process.
Per core = documents per second of wall time divided by the number of worker processes; CPU
seconds (user + system) are shown too. Prints a Markdown table for the README and the command.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DIDAR_SHARED", REPO.parent / "shared"))
SOURCES = (SHARED / "corpus" / "seeds", SHARED / "corpus" / "dev")
SHARD = 500
GROWTH = (1000, 5000, 10000)
SAMPLE_TRACEMALLOC = 100
INGEST_BATCH = 200

_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")


# ------------------------------------------------------------------ corpus


def _language(text: str) -> str:
    return "fa" if re.search("[پچژگکی]", text) else "ar"


def _units(text: str) -> tuple[list[str], str]:
    """Paragraphs (non-empty lines), or sentences when the article is one line."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if len(lines) > 2:
        return lines, "\n\n"
    return [s for s in _SENTENCE_END.split(text.strip()) if s], " "


def load_articles() -> list[tuple[str, str]]:
    articles = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            articles.append((text, _language(text)))
    if not articles:
        sys.exit(f"no articles found in {', '.join(map(str, SOURCES))}: set DIDAR_SHARED")
    return articles


def vary(i: int, articles: list[tuple[str, str]]) -> str:
    rng = random.Random(i)
    text, lang = articles[i % len(articles)]
    units, sep = _units(text)
    head, body = units[:1], units[1:]
    if rng.random() < 0.7:
        rng.shuffle(body)
    size = rng.choices(("half", "one", "two", "three"), weights=(1, 2, 1, 1))[0]
    if size == "half":
        body = body[: max(1, len(body) // 2)]
    elif size in ("two", "three"):
        same = [a for a in articles if a[1] == lang and a[0] != text]
        for other, _ in rng.sample(same, 1 if size == "two" else 2):
            body += _units(other)[0]
    # the counter goes after the lead: a trailing line would be cut with an agency footer
    return "\n\n".join([*head, f"bench {i}", sep.join(body)]) + "\n"


def build_corpus(out: Path, n: int) -> list[Path]:
    articles = load_articles()
    files = []
    for i in range(n):
        shard = out / f"shard_{i // SHARD:03d}"
        if i % SHARD == 0:
            shard.mkdir(parents=True, exist_ok=True)
        path = shard / f"bench_{i:05d}.txt"
        path.write_text(vary(i, articles), encoding="utf-8")
        files.append(path)
    return files


# ------------------------------------------------------------------ measured phases (children)


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def phase_extract(files: list[Path], checkpoints: list[int]) -> dict:
    from didar import extract, load_resources
    from didar.errors import DidarError

    t0 = time.perf_counter()
    res = load_resources()
    load_s = time.perf_counter() - t0
    rss_loaded = _maxrss_mb()
    cpu0 = _cpu()
    points, failed, chars = [], 0, 0
    start = time.perf_counter()
    for k, path in enumerate(files, 1):
        data = path.read_bytes()
        chars += len(data)
        try:
            extract(data, res, source=str(path))
        except DidarError:
            failed += 1
        if k in checkpoints:
            points.append(
                {
                    "docs": k,
                    "wall": time.perf_counter() - start,
                    "cpu": _cpu() - cpu0,
                    "rss_mb": _maxrss_mb(),
                }
            )
    heap = _tracemalloc_sample(files[:SAMPLE_TRACEMALLOC], res)
    return {
        "load_s": load_s,
        "rss_loaded_mb": rss_loaded,
        "points": points,
        "failed": failed,
        "bytes": chars,
        "heap_peak_mb": heap,
    }


def _tracemalloc_sample(files: list[Path], res) -> float:
    """Largest Python heap growth during one `extract` call, over a sample."""
    import tracemalloc

    from didar import extract
    from didar.errors import DidarError

    tracemalloc.start()
    peak = 0
    for path in files:
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        try:
            doc = extract(path.read_bytes(), res, source=str(path))
            del doc
        except DidarError:
            pass
        peak = max(peak, tracemalloc.get_traced_memory()[1] - base)
    tracemalloc.stop()
    return peak / 2**20


_worker_res = None


def _worker_init() -> None:
    global _worker_res
    from didar import load_resources

    _worker_res = load_resources()


def _worker_extract(path: str) -> int:
    from didar import extract
    from didar.errors import DidarError

    try:
        extract(Path(path).read_bytes(), _worker_res, source=path)
        return 0
    except DidarError:
        return 1


def phase_extract_pool(files: list[Path], jobs: int) -> dict:
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(jobs, initializer=_worker_init) as pool:
        list(pool.map(_worker_extract, [str(files[0])] * jobs))  # workers loaded and warm
        start = time.perf_counter()
        failed = sum(pool.map(_worker_extract, map(str, files), chunksize=64))
        wall = time.perf_counter() - start
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "docs": len(files),
        "wall": wall,
        "failed": failed,
        "cpu": kids.ru_utime + kids.ru_stime,
        "rss_mb": kids.ru_maxrss / 1024,
    }


def phase_ingest_api(files: list[Path], db: Path) -> dict:
    from didar import extract, load_resources
    from didar.errors import DidarError
    from didar.store import open_store

    res = load_resources()
    cpu0 = _cpu()
    start = time.perf_counter()
    store = open_store(db)
    statuses: dict[str, int] = {}
    batch = []
    for k, path in enumerate(files, 1):
        try:
            batch.append(extract(path.read_bytes(), res, source=str(path)))
        except DidarError:
            statuses["failed"] = statuses.get("failed", 0) + 1
        if len(batch) == INGEST_BATCH or k == len(files):
            for r in store.put_many(batch):
                statuses[r.status] = statuses.get(r.status, 0) + 1
            batch = []
    store.close()
    return {
        "docs": len(files),
        "wall": time.perf_counter() - start,
        "cpu": _cpu() - cpu0,
        "rss_mb": _maxrss_mb(),
        "statuses": statuses,
    }


def run_child(args: list[str]) -> dict:
    """Run a phase of this script in a fresh interpreter; it prints its result as JSON."""
    cmd = [sys.executable, str(Path(__file__).resolve()), *args]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"benchmark phase {args[0]} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------ ingest through the CLI


def didar_cli() -> list[str] | None:
    """The `didar` command of this interpreter's environment, if it has an `ingest` command."""
    exe = Path(sys.executable).with_name("didar")
    found = str(exe) if exe.exists() else shutil.which("didar")
    if found is None:
        return None
    cmd = [found]
    probe = subprocess.run([*cmd, "ingest", "--help"], capture_output=True, text=True)
    return cmd if probe.returncode == 0 else None


def ingest_argv(cmd: list[str], shards: list[Path], db: Path, jobs: int) -> tuple[list[str], int]:
    """The `didar ingest` command line for these shards, and how many processes it will use."""
    help_text = subprocess.run([*cmd, "ingest", "--help"], capture_output=True, text=True).stdout
    argv = [*cmd, "ingest", *map(str, shards), "--db", str(db)]
    if "--quiet" in help_text:
        argv.append("--quiet")
    workers = 1
    if "--jobs" in help_text:  # always explicit: the CLI's default uses every core for 1000+
        argv += ["--jobs", str(jobs)]
        workers = jobs
    return argv, workers


def phase_ingest_cli(argv: list[str]) -> dict:
    """Run `didar ingest`; this interpreter has no other children, so RUSAGE_CHILDREN is its."""
    start = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):  # 1: some articles failed, the others were stored
        raise SystemExit(f"didar ingest failed ({proc.returncode}): {proc.stderr[-2000:]}")
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "wall": wall,
        "cpu": ru.ru_utime + ru.ru_stime,
        "rss_mb": ru.ru_maxrss / 1024,
        "summary": (proc.stdout + proc.stderr).strip().splitlines()[-3:],
    }


# ------------------------------------------------------------------ orchestration


def _row(name: str, docs: int, wall: float, cpu: float, rss: float, workers: int) -> str:
    rate = docs / wall if wall else 0.0
    return (
        f"| {name} | {docs:,} | {wall:.1f} | {rate:,.0f} | {rate / workers:,.0f} | "
        f"{docs / cpu if cpu else 0:,.0f} | {rss:,.0f} |"
    )


def real_only(passes: int = 3) -> None:
    """Articles per CPU-second of `extract` on the real articles, unvaried (after a warm-up
    pass that fills the romanizer's cache): the best of `passes` passes."""
    from didar import extract, load_resources

    res = load_resources()
    docs = [text for text, _ in load_articles()]
    for text in docs:
        extract(text, res)
    best = 0.0
    for _ in range(passes):
        cpu0 = _cpu()
        for text in docs:
            extract(text, res)
        best = max(best, len(docs) / (_cpu() - cpu0))
    mean_kb = sum(len(t.encode("utf-8")) for t in docs) / len(docs) / 1024
    print(f"extract on the {len(docs)} real articles (mean {mean_kb:.1f} KB): "
          f"{best:.0f} articles per CPU-second (best of {passes} passes)")


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=10000, help="articles in the corpus (default 10000)")
    p.add_argument("--jobs", type=int, default=1, help="worker processes for a parallel run")
    p.add_argument(
        "--out",
        type=Path,
        help="folder for the corpus and databases (kept); "
        "default: a temporary folder, removed afterwards",
    )
    p.add_argument(
        "--ingest",
        choices=("auto", "cli", "api", "none"),
        default="auto",
        help="ingest through the `didar ingest` CLI, the store API, or not at all",
    )
    p.add_argument(
        "--real-only",
        action="store_true",
        help="only time extract on the real articles as they are (best of 3 passes)",
    )
    args = p.parse_args(argv)
    if args.n < 1:
        p.error("--n must be positive")
    if args.real_only:
        real_only()
        return

    work = args.out or Path(tempfile.mkdtemp(prefix="didar-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        run(args, work)
    finally:
        if args.out is None:
            shutil.rmtree(work, ignore_errors=True)


def run(args: argparse.Namespace, work: Path) -> None:
    corpus = work / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    t = time.perf_counter()
    files = build_corpus(corpus, args.n)
    size_mb = sum(f.stat().st_size for f in files) / 2**20
    print(
        f"corpus: {len(files):,} articles, {size_mb:.1f} MB in {corpus} "
        f"({time.perf_counter() - t:.1f} s to build)",
        file=sys.stderr,
    )
    sizes = sorted({s for s in GROWTH if s < args.n} | {args.n})
    sizes = [s for s in sizes if s % SHARD == 0 or s == args.n]

    rows = []
    print("extract, single process ...", file=sys.stderr)
    ex = run_child(["_extract", "--checkpoints", ",".join(map(str, sizes)), str(corpus)])
    for pt in ex["points"]:
        rows.append(_row("extract", pt["docs"], pt["wall"], pt["cpu"], pt["rss_mb"], 1))
    if args.jobs > 1:
        print(f"extract, {args.jobs} processes ...", file=sys.stderr)
        pool = run_child(["_extract_pool", "--jobs", str(args.jobs), str(corpus)])
        rows.append(
            _row(
                f"extract ×{args.jobs} processes",
                pool["docs"],
                pool["wall"],
                pool["cpu"],
                pool["rss_mb"],
                args.jobs,
            )
        )

    how = args.ingest
    cli = didar_cli() if how in ("auto", "cli") else None
    if how == "cli" and cli is None:
        raise SystemExit("`didar ingest` is not available in this environment")
    if how == "auto":
        how = "cli" if cli else "api"
    ingest_notes = []
    if how != "none":
        shards = sorted(corpus.glob("shard_*"))
        for size in sizes:
            db = work / f"ingest-{size}.db"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
            part = shards[: -(-size // SHARD)]
            print(f"ingest {size:,} via {how} ...", file=sys.stderr)
            if how == "cli":
                ingest, workers = ingest_argv(cli, part, db, args.jobs)
                r = run_child(["_ingest_cli", "--argv", json.dumps(ingest)])
                ingest_notes.append(f"ingest {size:,}: " + " / ".join(r["summary"]))
            else:
                r = run_child(["_ingest_api", "--db", str(db), "--n", str(size), str(corpus)])
                workers = 1
                ingest_notes.append(f"ingest {size:,}: {r['statuses']}")
            db_mb = db.stat().st_size / 2**20 if db.exists() else 0.0
            rows.append(
                _row(
                    f"ingest ({how}, db {db_mb:,.0f} MB)",
                    size,
                    r["wall"],
                    r["cpu"],
                    r["rss_mb"],
                    workers,
                )
            )

    cmd = shlex.join(
        [
            os.path.relpath(sys.executable, REPO)
            if sys.executable.startswith(str(REPO))
            else sys.executable,
            "scripts/bench.py",
            *sys.argv[1:],
        ]
    )
    print(
        f"\nMachine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; corpus {args.n:,} articles ({size_mb:.1f} MB, "
        f"mean {size_mb * 2**20 / args.n / 1024:.1f} KB) built from the 32 real articles."
    )
    print(
        f"Resources load: {ex['load_s']:.2f} s, {ex['rss_loaded_mb']:.0f} MB RSS; "
        f"Python heap peak of one extract (tracemalloc, {SAMPLE_TRACEMALLOC} articles): "
        f"{ex['heap_peak_mb']:.1f} MB; extract failures: {ex['failed']}.\n"
    )
    print(
        "| run | articles | wall s | articles/s | articles/s per core | articles per CPU-s |"
        " peak RSS MB |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(rows))
    for note in ingest_notes:
        print(f"\n{note}", end="")
    print(f"\n\nCommand: `{cmd}`")


def child(argv: list[str]) -> None:
    phase = argv[0]
    p = argparse.ArgumentParser()
    p.add_argument("paths", nargs="*")
    p.add_argument("--checkpoints", default="")
    p.add_argument("--jobs", type=int, default=1)
    p.add_argument("--db")
    p.add_argument("--n", type=int)
    p.add_argument("--argv")
    a = p.parse_args(argv[1:])
    if phase == "_ingest_cli":
        result = phase_ingest_cli(json.loads(a.argv))
    else:
        files = sorted(Path(a.paths[0]).glob("shard_*/*.txt"))
        if phase == "_extract":
            result = phase_extract(files, [int(x) for x in a.checkpoints.split(",") if x])
        elif phase == "_extract_pool":
            result = phase_extract_pool(files, a.jobs)
        elif phase == "_ingest_api":
            result = phase_ingest_api(files[: a.n], Path(a.db))
        else:
            raise SystemExit(f"unknown phase {phase}")
    print(json.dumps(result))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1].startswith("_"):
        child(sys.argv[1:])
    else:
        main()
