"""Issue 3's speed measure: analyse + entities, articles/s on one core.

    .venv/bin/python benchmarks/entities.py [--repeat 20] [--rounds 5] [--profile N]

Reads the dev articles and the seed (../shared/corpus/dev/*.txt and
../shared/corpus/seed) and times what issue 3 covers for each article: its
sentences and tokens (``kg.analyse``) and its entities with the shipped lexicons
and statistical recogniser (``kg.entities.find_entities``). Events, dates, counts
and relations are not part of it.

One process, one thread: the figure is articles per second of one core's time
(CPU time, which other jobs on a shared machine do not inflate the way they do
wall-clock time; the wall-clock figure is printed too). After one untimed pass,
each round times ``--repeat`` passes over the articles, and the best round
counts, so the figure is the steady state of a long-running process whose word
caches are warm; the first, cold pass is reported as well. ``--profile N`` prints
the N most expensive functions (cProfile, cumulative time) of one pass.

Outside the test suite: ``pytest -m benchmark tests/test_entities.py`` asserts the
target. docs/performance.md records a run.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import analyse  # noqa: E402
from kg.entities import find_entities  # noqa: E402
from kg.lexicon import load_lexicon  # noqa: E402
from kg.recogniser import default_recogniser  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
TARGET = 500  # articles/s on one core, issue 3


def dev_articles() -> list[str]:
    """The texts of the dev articles and the seed."""
    paths = sorted((CORPUS / "dev").glob("*.txt")) + sorted((CORPUS / "seed").glob("*.txt"))
    if not paths:
        raise SystemExit(f"no articles under {CORPUS}: the benchmark needs ../shared beside the checkout")
    return [p.read_text(encoding="utf-8") for p in paths]


def analyse_and_find(text: str, lexicon, recogniser):
    """What the measure covers for one article: sentences, tokens and entities."""
    sentences = analyse.sentences(text)
    tokens = [analyse.tokens(text, s.start, s.end) for s in sentences]
    return find_entities(text, sentences, tokens, lexicon, recogniser)


def measure(repeat: int = 20, rounds: int = 5, profile: int = 0) -> dict:
    """Articles/s of the cold first pass, and of the best of ``rounds`` rounds of
    ``repeat`` passes over the articles: per second of CPU time and of wall-clock time."""
    texts = dev_articles()
    words = sum(len(t.split()) for t in texts)
    t = time.perf_counter()
    lexicon, recogniser = load_lexicon(), default_recogniser()
    load = time.perf_counter() - t
    cpu, wall = time.process_time(), time.perf_counter()
    for text in texts:
        analyse_and_find(text, lexicon, recogniser)
    cold = len(texts) / (time.process_time() - cpu)
    cold_wall = len(texts) / (time.perf_counter() - wall)
    best_cpu = best_wall = float("inf")
    for _ in range(rounds):
        cpu, wall = time.process_time(), time.perf_counter()
        for _ in range(repeat):
            for text in texts:
                analyse_and_find(text, lexicon, recogniser)
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    if profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for text in texts:
            analyse_and_find(text, lexicon, recogniser)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(profile)
    n = repeat * len(texts)
    return {"articles": len(texts), "words_per_article": words / len(texts), "load_s": load,
            "cold_articles_per_s": cold, "cold_wall_articles_per_s": cold_wall,
            "articles_per_s": n / best_cpu, "wall_articles_per_s": n / best_wall}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=20, help="passes over the articles per round (default 20)")
    ap.add_argument("--rounds", type=int, default=5, help="timed rounds; the best counts (default 5)")
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="print the N costliest functions")
    a = ap.parse_args()
    r = measure(a.repeat, a.rounds, a.profile)
    print(f"{r['articles']} articles of {r['words_per_article']:.0f} words on average, "
          f"lexicons and model loaded in {r['load_s']:.2f} s")
    print(f"first pass (cold caches): {r['cold_articles_per_s']:.0f} articles/s "
          f"({r['cold_wall_articles_per_s']:.0f} wall-clock)")
    print(f"analyse + entities, one core: {r['articles_per_s']:.0f} articles/s "
          f"({r['wall_articles_per_s']:.0f} wall-clock; target {TARGET})")


if __name__ == "__main__":
    main()
