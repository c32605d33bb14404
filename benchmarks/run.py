"""kg's benchmark: one command, figures as ratios measured in the same run.

    .venv/bin/python benchmarks/run.py [--articles N] [--jobs J] [--scale 1000000,10000000]
                                       [--curve 10000] [--gexf-edges 1000000] [--networkx-gexf]

Builds a corpus from the real dev articles in ../shared/corpus, recombined sentence by
sentence with varied ids and dates (deterministic: article i is the same whatever N),
then measures in one run:

- extraction articles/s in one process and in J processes;
- pyoxigraph loading: per-quad add, one transaction per article, and the bulk loader;
- ingest of N articles end to end (`kg ingest --jobs J` in a subprocess): articles/s,
  quads/s, store size per article (without the readers' snapshots), peak memory;
- every shipped query (p50/p95) on that store, and on rdflib's in-memory Dataset
  loaded with the first articles of it (``--rdflib-articles``), each query in a
  subprocess with a timeout;
- with ``--scale``: stores of about that many quads, written by kg's own batch writer
  (bulk loader, event links, tallies) from extractions cached under ``--cache``
  (made once with J processes), and every shipped query's p50/p95 on each;
- with ``--curve M``: an ingest of M articles (J workers) sampled every 1,000 articles:
  seconds per article and the writer's and workers' memory along the way;
- the actor–event–place projection of the N-article store, its GEXF (kg's streaming
  writer) and GraphML (networkx) export, and GEXF of a synthetic graph of
  ``--gexf-edges`` edges and a tenth as many nodes (with networkx's ``write_gexf``
  beside it when ``--networkx-gexf``).

Prints Markdown tables; docs/performance.md records a run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import multiprocessing
import os
import pickle
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import __version__, analyse  # noqa: E402
from kg.extract import Extractor  # noqa: E402
from kg.gephi import to_networkx, write_gexf, write_graphml  # noqa: E402
from kg.graph import quads  # noqa: E402
from kg.ingest import prepared, store_articles  # noqa: E402
from kg.link import Linker  # noqa: E402
from kg.model import Article  # noqa: E402
from kg.query import named_queries, run  # noqa: E402
from kg.store import SNAPSHOTS, open_store  # noqa: E402
from kg.vocab import PREFIXES  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"
KG = Path(sys.executable).parent / "kg"
CHUNK = 500  # articles per cached extraction file
# The modules whose output is an extraction; a change to any of them invalidates the cache.
DOWNSTREAM = {"graph.py", "store.py", "link.py", "tally.py", "ingest.py", "query.py", "gephi.py", "export.py",
              "serve.py", "cli.py", "api.py", "stats.py", "__init__.py", "vocab.py"}


# --- the corpus ----------------------------------------------------------------------------


def _sentences() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SHARED.rglob("*.txt"))]
    if not texts:
        raise SystemExit(f"no articles under {SHARED}: the benchmark needs ../shared beside the checkout")
    return [t[s.start:s.end].strip() for t in texts for s in analyse.sentences(t) if len(t[s.start:s.end]) > 40]


def corpus(n: int, start: int = 0):
    """Articles start…n-1 of the benchmark corpus, as JSON-ready records."""
    sentences = _sentences()
    rng = random.Random(7)
    first = dt.date(2015, 1, 1)
    for i in range(n):
        body = " ".join(rng.sample(sentences, 12))
        published = (first + dt.timedelta(days=rng.randrange(1500))).isoformat()
        if i >= start:
            yield {"id": f"bench-{i}", "text": body, "title": body[:60], "published": published}


def write_corpus(n: int, path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for record in corpus(n):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def article(record: dict) -> Article:
    return Article(id=record["id"], text=record["text"], title=record["title"],
                   published=dt.date.fromisoformat(record["published"]))


# --- helpers -------------------------------------------------------------------------------


def timed(fn, *args, **kw):
    t = time.perf_counter()
    result = fn(*args, **kw)
    return result, time.perf_counter() - t


def store_size(path: Path) -> int:
    """Bytes of the store's own files: not the readers' snapshots (hard links to the same files)."""
    return sum(p.stat().st_size for p in path.rglob("*")
               if p.is_file() and SNAPSHOTS not in p.relative_to(path).parts)


def rss_mib(pid: int | str = "self") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[max(0, round(len(ordered) * 0.95) - 1)]


def time_queries(store, runs: int) -> dict[str, tuple[float, float, int]]:
    """p50 and p95 in ms, and the rows, of every shipped query."""
    out = {}
    for name, path in named_queries().items():
        text = path.read_text(encoding="utf-8")
        list(run(store, text))  # warm the caches once
        times, rows = [], 0
        for _ in range(runs):
            result, seconds = timed(lambda: list(run(store, text)))
            times.append(seconds * 1000)
            rows = len(result)
        out[name] = (*percentiles(times), rows)
    return out


# --- extraction, cached --------------------------------------------------------------------


def _code_key() -> str:
    """A hash of everything extraction depends on: kg's extracting modules, lexicons and models."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "kg").rglob("*")):
        if path.is_file() and path.suffix != ".pyc" and not (path.parent.name == "kg" and path.name in DOWNSTREAM) \
                and "static" not in path.parts:
            digest.update(path.relative_to(ROOT).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:12]


_extractor: Extractor | None = None


def _extract_chunk(job: tuple[int, Path]) -> int:
    global _extractor
    start, out = job
    if _extractor is None:
        _extractor = Extractor()
    analyses = [_extractor.extract(article(r)) for r in corpus(start + CHUNK, start)]
    temporary = out.with_suffix(".tmp")
    temporary.write_bytes(pickle.dumps(analyses, protocol=pickle.HIGHEST_PROTOCOL))
    temporary.rename(out)
    return start


def cached_analyses(n: int, cache: Path, jobs: int):
    """The analyses of articles 0…n-1, extracted once (J processes) and cached by chunks."""
    folder = cache / _code_key()
    folder.mkdir(parents=True, exist_ok=True)
    missing = [(s, folder / f"{s:07d}.pickle") for s in range(0, n, CHUNK)
               if not (folder / f"{s:07d}.pickle").exists()]
    if missing:
        print(f"extracting {len(missing) * CHUNK} articles into {folder} …", file=sys.stderr)
        with multiprocessing.get_context("spawn").Pool(jobs) as pool:
            for done in pool.imap_unordered(_extract_chunk, missing):
                print(f"  {done + CHUNK}", file=sys.stderr)
    left = n
    for start in range(0, n, CHUNK):
        for analysis in pickle.loads((folder / f"{start:07d}.pickle").read_bytes())[:left]:
            yield analysis
        left -= CHUNK


def build_store(path: Path, analyses, target_quads: int, lexicon) -> tuple[int, int, float]:
    """A store of about ``target_quads`` quads written by kg's batch writer, from analyses
    prepared as an ingest's workers prepare them; articles, quads, and the writer's seconds."""
    shutil.rmtree(path, ignore_errors=True)
    store = open_store(path)
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    batch, articles, written, seconds, linker = [], 0, 0, 0.0, Linker()
    for analysis in analyses:
        batch.append(prepared(analysis, lexicon, now))
        if len(batch) == 64 or written + sum(len(x.quads) for x in batch) >= target_quads:
            _, took = timed(store_articles, store, batch, linker)
            seconds += took
            articles += len(batch)
            written += sum(len(x.quads) for x in batch)
            batch = []
            if written >= target_quads:
                break
    if batch:
        _, took = timed(store_articles, store, batch, linker)
        seconds += took
        articles += len(batch)
    store.flush()
    return articles, len(store), seconds


# --- rdflib --------------------------------------------------------------------------------

RDFLIB_RUN = """
import sys, time, json
from rdflib import Dataset
ds = Dataset(default_union=True)
ds.parse(sys.argv[1], format="nquads")
text, prefixes, runs = open(sys.argv[2], encoding="utf-8").read(), json.loads(sys.argv[3]), int(sys.argv[4])
times = []
for _ in range(runs):
    t = time.perf_counter(); rows = len(list(ds.query(text, initNs=prefixes))); times.append(time.perf_counter() - t)
print(json.dumps({"times": times, "rows": rows}))
"""


def rdflib_queries(nquads: Path, runs: int, timeout: float) -> dict[str, tuple[float, int] | str]:
    out = {}
    for name, path in named_queries().items():
        try:
            done = subprocess.run([sys.executable, "-c", RDFLIB_RUN, str(nquads), str(path), json.dumps(PREFIXES),
                                   str(runs)], capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            out[name] = f"over {timeout:.0f} s"
            continue
        if done.returncode:
            out[name] = "error: " + done.stderr.strip().splitlines()[-1][:80]
            continue
        result = json.loads(done.stdout)
        out[name] = (statistics.median(result["times"]) * 1000, result["rows"])
    return out


# --- GEXF at scale -------------------------------------------------------------------------


def synthetic_graph(nodes: int, edges: int):
    """A directed graph shaped like kg's projections: typed, labelled nodes, weighted dated edges."""
    import networkx as nx
    rng = random.Random(1)
    graph = nx.DiGraph(projection="synthetic")
    for i in range(nodes):
        kind = ("actor", "place", "event")[i % 3]
        graph.add_node(f"https://w3id.org/arabic-news-kg/id/entity/n{i}", kind=kind, entity_type="ORG",
                       label=f"node {i}", label_ar="قوات سوريا الديمقراطية", label_en=f"Node {i}", wikidata=f"Q{i}",
                       geonames="", event_type="ASSAULT" if kind == "event" else "",
                       date=f"2016-{1 + i % 12:02d}-{1 + i % 28:02d}" if kind == "event" else "")
    ids = list(graph)
    made = 0
    while made < edges:
        a, b = rng.choice(ids), rng.choice(ids)
        if a != b and not graph.has_edge(a, b):
            graph.add_edge(a, b, role=rng.choice(("actor", "target", "place")), weight=rng.randint(1, 5),
                           date=f"2016-{rng.randint(1, 12):02d}")
            made += 1
    return graph


# --- the run -------------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--out", type=Path, help="working folder (default: a new temporary one)")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench-cache",
                    help="where extractions for --scale are cached")
    ap.add_argument("--query-runs", type=int, default=7)
    ap.add_argument("--scale", default="", help="quad counts of stores to query, e.g. 1000000,10000000")
    ap.add_argument("--curve", type=int, default=0, help="articles of the cost and memory curve (0: none)")
    ap.add_argument("--curve-unlinked", action="store_true", help="also the curve without event links")
    ap.add_argument("--rdflib-articles", type=int, default=100)
    ap.add_argument("--rdflib-timeout", type=float, default=120)
    ap.add_argument("--gexf-edges", type=int, default=1_000_000)
    ap.add_argument("--networkx-gexf", action="store_true", help="also time networkx's write_gexf (slow)")
    a = ap.parse_args()
    work = Path(a.out or tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows: list[tuple[str, str]] = []

    def row(name: str, figure: str) -> None:
        rows.append((name, figure))
        print(f"| {name} | {figure} |", file=sys.stderr)

    corpus_path = work / "corpus.jsonl"
    write_corpus(a.articles, corpus_path)
    sample = [article(r) for r in corpus(min(a.articles, 500))]

    # extraction
    extractor = Extractor()
    for x in sample[:20]:
        extractor.extract(x)  # warm the caches
    _, seconds = timed(lambda: [extractor.extract(x) for x in sample])
    one = len(sample) / seconds
    row("extraction, 1 process", f"{one:.0f} articles/s")
    with multiprocessing.get_context("spawn").Pool(a.jobs, _warm) as pool:
        pool.map(_extract_one, sample[:a.jobs * 4])
        _, seconds = timed(pool.map, _extract_one, sample, 8)
    row(f"extraction, {a.jobs} processes", f"{len(sample) / seconds:.0f} articles/s ({len(sample) / seconds / one:.1f}×)")
    try:
        import transformers  # noqa: F401
        bert = "installed: run with --ner-model DIR (kg ingest) to compare"
    except ImportError:
        bert = "not installed here (torch/transformers are left out of the environment; docs/install.md)"
    row("camel-tools BERT NER", bert)

    # loading
    analyses = [extractor.extract(x) for x in sample[:200]]
    per_article = [list(quads(x)) for x in analyses]
    all_quads = [q for qs in per_article for q in qs]
    load = {}
    for name, how in (("per-quad add", "add"), ("one transaction per article (Store.extend)", "extend"),
                      ("bulk loader (Store.bulk_extend)", "bulk")):
        target = work / f"load-{how}"
        shutil.rmtree(target, ignore_errors=True)
        store = open_store(target)
        if how == "add":
            _, seconds = timed(lambda: [store.add(q) for q in all_quads])
        elif how == "extend":
            _, seconds = timed(lambda: [store.extend(qs) for qs in per_article])
        else:
            _, seconds = timed(store.bulk_extend, all_quads)
        load[how] = len(all_quads) / seconds
        row(f"store load, {name}", f"{load[how]:,.0f} quads/s ({load[how] / load['add']:.1f}× per-quad add)")
        del store
    del analyses, per_article, all_quads

    # ingest end to end
    store_path = work / "store"
    shutil.rmtree(store_path, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    subprocess.run([str(KG), "ingest", str(corpus_path), "--store", str(store_path), "--jobs", str(a.jobs)],
                   check=True, capture_output=True)
    seconds = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    store = open_store(store_path, read_only=True)
    n_quads = len(store)
    row(f"ingest end to end, {a.jobs} workers (`kg ingest`, process start included)",
        f"{a.articles / seconds:.0f} articles/s, {n_quads / seconds:,.0f} quads/s "
        f"({a.articles} articles, {n_quads:,} quads, {n_quads / a.articles:.0f} quads/article)")
    row("store size", f"{store_size(store_path) / a.articles / 1024:.0f} KiB per article (without kg-snapshots/)")
    row("peak memory of one ingest process", f"{max(peak, before) / 1024:.0f} MiB (largest of the writer and workers)")

    timings = time_queries(store, a.query_runs)
    for name, (p50, p95, n) in timings.items():
        row(f"query {name} ({a.articles} articles)", f"p50 {p50:.0f} ms, p95 {p95:.0f} ms, {n} rows")

    # rdflib on the first articles of the same store
    if a.rdflib_articles:
        small = work / "rdflib-store"
        write_corpus(a.rdflib_articles, work / "rdflib.jsonl")
        shutil.rmtree(small, ignore_errors=True)
        subprocess.run([str(KG), "ingest", str(work / "rdflib.jsonl"), "--store", str(small), "--jobs", "1"],
                       check=True, capture_output=True)
        nquads = work / "rdflib.nq"
        subprocess.run([str(KG), "export", "--format", "nquads", "--out", str(nquads), "--store", str(small)],
                       check=True, capture_output=True)
        mine = time_queries(open_store(small, read_only=True), 3)
        theirs = rdflib_queries(nquads, 3, a.rdflib_timeout)
        for name, (p50, _p95, n) in mine.items():
            other = theirs[name]
            figure = (f"kg {p50:.0f} ms, rdflib {other[0]:,.0f} ms ({other[0] / max(p50, 0.01):,.0f}×), {n} rows"
                      if isinstance(other, tuple) else f"kg {p50:.0f} ms, rdflib {other}")
            row(f"query {name} vs rdflib Dataset ({a.rdflib_articles} articles)", figure)

    # graphs
    graph, seconds = timed(to_networkx, store)
    row(f"actor–event–place projection ({a.articles} articles)",
        f"{seconds:.2f} s for {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges")
    with (work / "g.gexf").open("w", encoding="utf-8") as out:
        _, gexf = timed(write_gexf, graph, out)
    _, graphml = timed(write_graphml, graph, work / "g.graphml")
    row("GEXF export of it (kg's streaming writer)", f"{gexf:.2f} s")
    row("GraphML export of it (networkx)", f"{graphml:.2f} s ({graphml / gexf:.1f}× GEXF)")
    del graph, store
    if a.gexf_edges:
        big = synthetic_graph(a.gexf_edges // 10, a.gexf_edges)
        with (work / "big.gexf").open("w", encoding="utf-8") as out:
            _, seconds = timed(write_gexf, big, out)
        figure = f"{seconds:.2f} s, {(work / 'big.gexf').stat().st_size / 2**20:.0f} MiB"
        if a.networkx_gexf:
            import networkx as nx
            before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            _, theirs = timed(nx.write_gexf, big, work / "big-nx.gexf")
            extra = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
            figure += f"; networkx write_gexf {theirs:.1f} s ({theirs / seconds:.0f}×), +{extra:,.0f} MiB peak"
        row(f"GEXF of a synthetic {a.gexf_edges // 10:,}-node, {a.gexf_edges:,}-edge graph", figure)
        del big

    # stores at scale
    for target in [int(x) for x in a.scale.split(",") if x]:
        estimate = target // 600 + 2 * 64  # articles to extract: about 650 quads each
        path = work / f"scale-{target}"
        (articles, n_quads, seconds), _ = timed(build_store, path, cached_analyses(estimate, a.cache, a.jobs),
                                                target, extractor.lexicon)
        row(f"batch writer into a {n_quads / 1e6:.1f}M-quad store (bulk loader, links, tallies)",
            f"{articles / seconds:.0f} articles/s, {n_quads / seconds:,.0f} quads/s ({articles:,} articles)")
        store = open_store(path, read_only=True)
        for name, (p50, p95, n) in time_queries(store, a.query_runs).items():
            row(f"query {name} ({n_quads / 1e6:.1f}M quads)", f"p50 {p50:.0f} ms, p95 {p95:.0f} ms, {n} rows")
        del store
        shutil.rmtree(path, ignore_errors=True)

    # the cost and memory curve of a long ingest
    if a.curve:
        rows.extend(curve(a.curve, a.jobs, work))
        if a.curve_unlinked:
            rows.extend(curve(a.curve, a.jobs, work, linked=False))

    rows.append(("peak memory of this benchmark process",
                 f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"))
    print(f"| measure ({a.articles} articles, {a.jobs} processes, {os.cpu_count()} cores) | figure |\n| --- | --- |")
    for name, figure in rows:
        print(f"| {name} | {figure} |")


def _warm() -> None:
    global _extractor
    _extractor = Extractor()


def _extract_one(x: Article):
    _extractor.extract(x)
    return None


CURVE_RUN = """
import json, multiprocessing, sys, time
from pathlib import Path
import kg.ingest
from kg.ingest import ingest
from kg.link import Linker
class Unlinked(Linker):  # for a curve without event links: how much of the cost is theirs
    def __call__(self, store, new, dropped):
        return [], []
if sys.argv[5] == "unlinked":
    kg.ingest.Linker = Unlinked
every, marks, started = int(sys.argv[3]), [], time.perf_counter()
def rss(pid="self"):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0
def progress(report):
    if report.done >= (len(marks) + 1) * every:
        workers = [rss(p.pid) for p in multiprocessing.active_children()]
        marks.append((report.done, time.perf_counter() - started, rss(), max(workers, default=0.0), report.links or 0))
        print(json.dumps(marks[-1]), flush=True)
ingest([sys.argv[1]], store=sys.argv[2], jobs=int(sys.argv[4]), progress=progress)
"""


def curve(n: int, jobs: int, work: Path, every: int = 1000, linked: bool = True) -> list[tuple[str, str]]:
    """Seconds per article, event links and memory along one ingest of n articles, every ``every``
    articles; without event links when not ``linked``."""
    path = work / "curve.jsonl"
    write_corpus(n, path)
    store = work / "curve-store"
    shutil.rmtree(store, ignore_errors=True)
    done = subprocess.run([sys.executable, "-c", CURVE_RUN, str(path), str(store), str(every), str(jobs),
                           "linked" if linked else "unlinked"], capture_output=True, text=True, check=True, cwd=ROOT)
    marks = [json.loads(line) for line in done.stdout.splitlines()]
    out = []
    last = (0, 0.0, 0)
    what = "ingest" if linked else "ingest without event links,"
    for count, seconds, writer, worker, links in marks:
        out.append((f"{what} articles {last[0] + 1:,}–{count:,}",
                    f"{(seconds - last[1]) / (count - last[0]) * 1000:.1f} ms/article, {links - last[2]:,} links; "
                    f"writer {writer:.0f} MiB, largest worker {worker:.0f} MiB"))
        last = (count, seconds, links)
    out.append((f"store after the curve{'' if linked else ' without links'}",
                f"{store_size(store) / n / 1024:.0f} KiB per article"))
    shutil.rmtree(store, ignore_errors=True)
    return out


if __name__ == "__main__":
    main()
