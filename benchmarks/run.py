"""kg's benchmark: one command, figures as ratios measured in the same run.

    .venv/bin/python benchmarks/run.py [--articles N] [--jobs J] [--out DIR]

Builds a corpus of N articles from the real dev articles in ../shared/corpus,
recombined sentence by sentence with varied ids and dates (deterministic), then
measures in one run: extraction articles/s in one process and with J workers,
ingest into the on-disk store (articles/s, quads/s), store size per article,
pyoxigraph bulk loading against per-quad transactions, the latency of every
shipped query (p50/p95), GEXF and GraphML export time, and peak memory.
Prints a Markdown table; docs/performance.md records a run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import analyse  # noqa: E402
from kg.extract import Extractor  # noqa: E402
from kg.gephi import to_networkx, write_gexf, write_graphml  # noqa: E402
from kg.graph import quads  # noqa: E402
from kg.ingest import ingest  # noqa: E402
from kg.model import Article  # noqa: E402
from kg.query import named_queries, run  # noqa: E402
from kg.store import open_store  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"


def build_corpus(n: int, path: Path) -> int:
    """Write n articles recombined from the dev articles' sentences as JSON Lines."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SHARED.rglob("*.txt"))]
    if not texts:
        raise SystemExit(f"no articles under {SHARED}: the benchmark needs ../shared beside the checkout")
    sentences = [t[s.start:s.end].strip() for t in texts for s in analyse.sentences(t) if len(t[s.start:s.end]) > 40]
    rng = random.Random(7)
    start = dt.date(2015, 1, 1)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            body = " ".join(rng.sample(sentences, 12))
            out.write(json.dumps({"id": f"bench-{i}", "text": body, "title": body[:60],
                                  "published": (start + dt.timedelta(days=rng.randrange(1500))).isoformat()},
                                 ensure_ascii=False) + "\n")
    return n


def articles(path: Path) -> list[Article]:
    out = []
    for line in path.open(encoding="utf-8"):
        record = json.loads(line)
        out.append(Article(id=record["id"], text=record["text"], published=dt.date.fromisoformat(record["published"])))
    return out


def timed(fn, *args, **kw):
    t = time.perf_counter()
    result = fn(*args, **kw)
    return result, time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--query-runs", type=int, default=5)
    a = ap.parse_args()
    work = Path(a.out or tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus.jsonl"
    build_corpus(a.articles, corpus)
    sample = articles(corpus)[: min(a.articles, 500)]
    rows = []

    extractor = Extractor()
    for article in sample[:20]:
        extractor.extract(article)  # warm the caches
    _, seconds = timed(lambda: [extractor.extract(x) for x in sample])
    rows.append(("extraction, 1 process", f"{len(sample) / seconds:.0f} articles/s"))
    analyses = [extractor.extract(x) for x in sample[:200]]
    all_quads = [q for analysis in analyses for q in quads(analysis)]

    for name, load in (("per-quad add in transactions", "add"), ("bulk_extend", "bulk")):
        target = work / f"load-{load}"
        shutil.rmtree(target, ignore_errors=True)
        store = open_store(target)
        if load == "add":
            _, seconds = timed(lambda: [store.add(q) for q in all_quads])
        else:
            _, seconds = timed(store.bulk_extend, all_quads)
        rows.append((f"store load, {name}", f"{len(all_quads) / seconds:,.0f} quads/s"))
        del store

    store_path = work / "store"
    shutil.rmtree(store_path, ignore_errors=True)
    report, seconds = timed(ingest, [corpus], store=store_path, jobs=a.jobs)
    store = open_store(store_path, read_only=True)
    size = sum(p.stat().st_size for p in store_path.rglob("*") if p.is_file())
    rows.append((f"ingest end to end, {a.jobs} workers", f"{report.done / seconds:.0f} articles/s, "
                 f"{len(store) / seconds:,.0f} quads/s ({report.done} articles, {len(store):,} quads)"))
    rows.append(("store size", f"{size / report.done / 1024:.1f} KiB per article"))

    for name, path in named_queries().items():
        text = path.read_text(encoding="utf-8")
        times = []
        for _ in range(a.query_runs):
            _, seconds = timed(lambda: list(run(store, text)))
            times.append(seconds * 1000)
        p95 = sorted(times)[max(0, int(len(times) * 0.95) - 1)]
        rows.append((f"query {name}", f"p50 {statistics.median(times):.0f} ms, p95 {p95:.0f} ms"))

    graph, seconds = timed(to_networkx, store)
    rows.append(("graph projection (actor-event-place)",
                 f"{seconds:.2f} s for {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges"))
    with (work / "g.gexf").open("w", encoding="utf-8") as out:
        _, seconds = timed(write_gexf, graph, out)
    rows.append(("GEXF export (streaming writer)", f"{seconds:.2f} s"))
    _, seconds = timed(write_graphml, graph, work / "g.graphml")
    rows.append(("GraphML export (networkx)", f"{seconds:.2f} s"))
    rows.append(("peak memory of this process", f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"))

    print(f"| measure ({a.articles} articles) | figure |\n| --- | --- |")
    for name, figure in rows:
        print(f"| {name} | {figure} |")


if __name__ == "__main__":
    main()
