"""Ingest with worker processes writes exactly what a single process writes."""

import json

from kg.ingest import BATCH, ingest
from kg.store import open_store

from conftest import EXAMPLES


def _content(store_path):
    store = open_store(store_path, read_only=True)
    # the ingest time is the one thing two runs may differ in
    return sorted(str(q) for q in store if "ingest" not in str(q.subject))


def test_jobs_give_the_same_quads_as_one_process(tmp_path):
    text = (EXAMPLES / "idlib-strikes-2019-05-12.txt").read_text(encoding="utf-8")
    batch = tmp_path / "batch.jsonl"
    with batch.open("w", encoding="utf-8") as out:
        for n in range(BATCH + 6):
            out.write(json.dumps({"id": f"a{n}", "text": text.replace("12", str(n + 1)),
                                  "published": "2019-05-12"}, ensure_ascii=False) + "\n")
    one = ingest([batch], store=tmp_path / "one", jobs=1)
    two = ingest([batch], store=tmp_path / "two", jobs=2)
    assert (one.stored, two.stored, one.errors, two.errors) == (BATCH + 6, BATCH + 6, [], [])
    assert _content(tmp_path / "one") == _content(tmp_path / "two")
    again = ingest([batch], store=tmp_path / "two", jobs=2)
    assert (again.stored, again.unchanged) == (0, BATCH + 6)
