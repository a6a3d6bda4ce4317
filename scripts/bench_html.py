"""Pages per second for HTML: the article extractor alone (main text + metadata) and the whole
pipeline (`didar.extract` on the page's bytes).

    .venv/bin/python scripts/bench_html.py [--n 500] [--repeat 3]

Pages are built from the real articles of ../shared/corpus (seeds and dev) in the agency layouts
of tests/ingest/agency_pages.py (header, navigation, a read-also box inside the article, tags,
related links, comments with their policy, footer): paragraphs shuffled and lengths mixed (half
an article, one, or one plus another), each page different. Prints one line per measurement,
best of `--repeat` passes, in pages per CPU-second (one process, one core).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "ingest"))

from agency_pages import CORPUS, PageSpec, agency_page, corpus_available, read_article  # noqa: E402


def build_pages(n: int, seed: int = 7) -> list[bytes]:
    rng = random.Random(seed)
    articles = [(p.name[:2] if p.parent.name == "dev" else ("ar" if "002_" in p.name else "fa"),
                 read_article(p))
                for p in sorted((CORPUS / "seeds").glob("*.txt")) + sorted(
                    (CORPUS / "dev").glob("*.txt"))]
    pages = []
    for i in range(n):
        lang, paras = articles[i % len(articles)]
        paras = list(paras)
        kind = rng.random()
        if kind < 0.25:
            paras = paras[: max(1, len(paras) // 2)]
        elif kind > 0.75:
            same = [a for lg, a in articles if lg == lang]
            paras = paras + rng.choice(same)
        body = paras[1:] if len(paras) > 2 else paras
        rng.shuffle(body)
        spec = PageSpec(paragraphs=body, title=paras[0][:120], lang=lang,
                        url=f"https://agency.example/{lang}/news/{i}",
                        read_also=rng.choice(["box", "inline", "none"]),
                        read_also_at=min(2, len(body) - 1))
        pages.append(agency_page(spec).encode("utf-8"))
    return pages


def best_rate(run, items, repeat: int) -> float:
    best = 0.0
    for _ in range(repeat):
        t0 = time.process_time()  # CPU time: the machine is shared
        for x in items:
            run(x)
        best = max(best, len(items) / (time.process_time() - t0))
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if not corpus_available():
        sys.exit(f"the real articles are absent ({CORPUS})")
    from didar import extract, load_resources
    from didar.ingest.html import extract_page
    from didar.text.resources import load_boilerplate_cues

    pages = build_pages(args.n)
    size = sum(len(p) for p in pages) / len(pages) / 1024
    cues = load_boilerplate_cues()
    extract_page(pages[0], cues=cues)  # warm-up (imports)
    rate = best_rate(lambda p: extract_page(p, cues=cues), pages, args.repeat)
    print(f"html extraction (text + metadata): {args.n} pages, mean {size:.1f} KB: "
          f"{rate:.0f} pages/CPU-s")
    res = load_resources()
    extract(pages[0], res, source="warm-up")
    rate = best_rate(lambda p: extract(p, res, source="bench.html"), pages, args.repeat)
    print(f"end-to-end didar.extract on the pages: {rate:.0f} pages/CPU-s")


if __name__ == "__main__":
    main()
