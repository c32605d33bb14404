"""A killed ingest leaves no half article; running it again completes the store."""

import json
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from pyoxigraph import DefaultGraph

from kg.store import open_store

from conftest import EXAMPLES

KG = str(Path(sys.executable).parent / "kg")


def _graphs(store_path):
    """Quads per article graph, and the whole content less ingest times and event links
    (links across articles are recomputed as articles come; the event-link graph alone
    holds most of the store's quads, and reading it would double the test's time)."""
    store = open_store(store_path, read_only=True)
    per_graph, content = Counter(), []
    for graph in [*store.named_graphs(), DefaultGraph()]:
        if "event-link" in str(graph):
            continue
        for q in store.quads_for_pattern(None, None, None, graph):
            if "/article/" in str(graph):
                per_graph[graph.value] += 1
            if not q.subject.value.endswith("/ingest") and "endedAtTime" not in str(q.predicate) \
                    and "event-link" not in str(q):
                content.append(str(q))
    return per_graph, sorted(content)


def _started(batch, store) -> subprocess.Popen:
    """`kg ingest` of the batch, once it has stored its first articles (its first progress line).

    Waiting for that, rather than for a fixed time after the start, keeps the kills inside
    the batch however long the start takes: on a loaded machine the start once outlasted
    every kill of a fixed 1.5-3 s wait, and no kill landed mid-batch."""
    process = subprocess.Popen([KG, "ingest", str(batch), "--store", str(store), "--jobs", "1"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    said = []
    for line in process.stderr:
        if line.startswith("…"):  # "… 64 articles (…/s), 0 failed"
            return process
        said.append(line)
    pytest.fail(f"kg ingest ended (exit {process.wait()}) before storing an article: {''.join(said)}")


@pytest.mark.slow
def test_sigkill_at_random_points_never_leaves_half_an_article(tmp_path):
    text = (EXAMPLES / "idlib-strikes-2019-05-12.txt").read_text(encoding="utf-8")
    batch = tmp_path / "batch.jsonl"
    with batch.open("w", encoding="utf-8") as out:
        for n in range(150):
            out.write(json.dumps({"id": f"a{n}", "text": text.replace("12", str(n + 1)),
                                  "published": "2019-05-12"}, ensure_ascii=False) + "\n")
    clean = tmp_path / "clean"
    process = _started(batch, clean)
    started = time.monotonic()
    log = process.stderr.read()
    assert process.wait() == 0, log
    writing_s = time.monotonic() - started  # from the first article to the end
    clean_graphs, clean_content = _graphs(clean)
    assert len(clean_graphs) == 150

    killed = tmp_path / "killed"
    rng = random.Random(3)
    seen = []  # articles in the store after each kill
    for _attempt in range(3):
        process = _started(batch, killed)
        # A random point of the rest of the run: the clean run took writing_s for it.
        time.sleep(rng.uniform(0.0, 0.3 * writing_s))
        process.send_signal(signal.SIGKILL)
        process.wait()
        process.stderr.close()
        graphs, _ = _graphs(killed)
        seen.append(len(graphs))
        for graph, count in graphs.items():
            assert count == clean_graphs[graph], f"{graph} is half written"
    assert any(0 < n < 150 for n in seen), f"no kill landed in the middle of the batch: {seen} articles stored"
    subprocess.run([KG, "ingest", str(batch), "--store", str(killed), "--jobs", "1"], check=True,
                   capture_output=True)
    graphs, content = _graphs(killed)
    assert graphs == clean_graphs
    assert content == clean_content
