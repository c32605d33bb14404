"""Tallies kept at ingest always equal a recount of the store's articles."""

import json

from kg.ingest import ingest
from kg.store import open_store
from kg.tally import TALLIES_GRAPH, ensure_tallies, recount

from conftest import EXAMPLES
from test_link_incremental import STRIKES, _corpus


def _tallies(store) -> set[str]:
    return {str(q) for q in store.quads_for_pattern(None, None, None, TALLIES_GRAPH)}


def test_tallies_after_batches_and_a_replacement_equal_a_recount(tmp_path):
    first, second = _corpus(tmp_path / "a.jsonl", 0, 30), _corpus(tmp_path / "b.jsonl", 30, 30)
    ingest([first, EXAMPLES], store=tmp_path / "s")
    ingest([second], store=tmp_path / "s")
    record = json.loads(first.read_text(encoding="utf-8").splitlines()[1])
    record["text"] = STRIKES[3].format(day="السبت")
    (tmp_path / "changed.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert ingest([tmp_path / "changed.jsonl"], store=tmp_path / "s").replaced == 1
    store = open_store(tmp_path / "s", read_only=True)
    tallies = _tallies(store)
    kinds = {q.object.value for q in store.quads_for_pattern(None, None, None, TALLIES_GRAPH)
             if q.predicate.value.endswith("tallyKind")}
    assert kinds == {"actor-target", "actor-role", "claimant", "type-month", "relation", "co-actors"}
    assert tallies == {str(q) for q in recount(store)}


def test_a_store_without_tallies_gets_them_counted(tmp_path):
    ingest([EXAMPLES], store=tmp_path / "s")
    store = open_store(tmp_path / "s")
    expected = _tallies(store)
    assert expected
    store.update(f"DROP GRAPH {TALLIES_GRAPH}")  # as a store from before tallies
    assert ensure_tallies(store) and _tallies(store) == expected
    assert not ensure_tallies(store)
