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

from kg.store import open_store

from conftest import EXAMPLES

KG = str(Path(sys.executable).parent / "kg")


def _graphs(store_path):
    """Quads per article graph, and the whole content less ingest times."""
    store = open_store(store_path, read_only=True)
    per_graph = Counter(q.graph_name.value for q in store if "/article/" in q.graph_name.value)
    content = sorted(str(q) for q in store if not q.subject.value.endswith("/ingest")
                     and "endedAtTime" not in str(q.predicate) and "event-link" not in str(q))
    return per_graph, content


@pytest.mark.slow
def test_sigkill_at_random_points_never_leaves_half_an_article(tmp_path):
    text = (EXAMPLES / "idlib-strikes-2019-05-12.txt").read_text(encoding="utf-8")
    batch = tmp_path / "batch.jsonl"
    with batch.open("w", encoding="utf-8") as out:
        for n in range(150):
            out.write(json.dumps({"id": f"a{n}", "text": text.replace("12", str(n + 1)),
                                  "published": "2019-05-12"}, ensure_ascii=False) + "\n")
    clean = tmp_path / "clean"
    subprocess.run([KG, "ingest", str(batch), "--store", str(clean), "--jobs", "1"], check=True,
                   capture_output=True)
    clean_graphs, clean_content = _graphs(clean)
    assert len(clean_graphs) == 150

    killed = tmp_path / "killed"
    rng = random.Random(3)
    partial = 0
    for _attempt in range(3):
        process = subprocess.Popen([KG, "ingest", str(batch), "--store", str(killed), "--jobs", "1"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(1.5, 3.0))
        process.send_signal(signal.SIGKILL)
        process.wait()
        graphs, _ = _graphs(killed)
        partial += 0 < len(graphs) < 150
        for graph, count in graphs.items():
            assert count == clean_graphs[graph], f"{graph} is half written"
    assert partial, "no kill landed in the middle of the batch"
    subprocess.run([KG, "ingest", str(batch), "--store", str(killed), "--jobs", "1"], check=True,
                   capture_output=True)
    graphs, content = _graphs(killed)
    assert graphs == clean_graphs
    assert content == clean_content
