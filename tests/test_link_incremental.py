"""Ingest links events incrementally, and the links equal a recomputation of the whole store."""

import datetime as dt
import json

from kg import vocab
from kg.ingest import ingest
from kg.link import LINKS_GRAPH, ensure_link_keys, link_events, unlink
from kg.store import open_store

from conftest import EXAMPLES

STRIKES = [
    "قصف على حلب\n\nقصفت قوات النظام السوري أحياء في مدينة حلب {day}، وفق المرصد السوري لحقوق الإنسان.\n",
    "غارات على حلب\n\nاستهدفت قوات النظام بالقصف مدينة حلب {day}.\n",
    "قصف على إدلب\n\nقصفت قوات النظام مدينة إدلب {day}.\n",
    "غارات روسية على إدلب\n\nشنت طائرات حربية روسية غارات جوية على مدينة إدلب {day}، ما أسفر عن مقتل 12 مدنيا.\n",
    "معارك في حلب\n\nهاجمت قوات النظام السوري مقاتلي قوات سوريا الديمقراطية في حلب {day}.\n",
]
DAYS = ["الجمعة", "السبت", "الخميس", "أمس"]


def _corpus(path, first: int, count: int):
    """Articles about strikes on Aleppo and Idlib on nearby days, and the example articles."""
    with path.open("w", encoding="utf-8") as out:
        for n in range(first, first + count):
            published = dt.date(2016, 12, 5) + dt.timedelta(days=n % 9)
            text = STRIKES[n % len(STRIKES)].format(day=DAYS[n % len(DAYS)])
            out.write(json.dumps({"id": f"s{n}", "text": text, "published": published.isoformat()},
                                 ensure_ascii=False) + "\n")
    return path


def _links(path) -> set[str]:
    store = open_store(path, read_only=True)
    return {str(q) for q in store.quads_for_pattern(None, None, None, LINKS_GRAPH)}


def _recomputed(path) -> set[str]:
    store = open_store(path)
    link_events(store)
    del store
    return _links(path)


def test_two_batches_link_as_one_and_as_a_recomputation(tmp_path):
    first, second = _corpus(tmp_path / "a.jsonl", 0, 30), _corpus(tmp_path / "b.jsonl", 30, 30)
    one = ingest([first, second, EXAMPLES], store=tmp_path / "one")
    ingest([first, EXAMPLES], store=tmp_path / "two")
    two = ingest([second], store=tmp_path / "two")
    assert one.errors == two.errors == []
    links = _links(tmp_path / "one")
    assert len(links) > 100 and one.links > 20 and 0 < two.links < one.links
    assert _links(tmp_path / "two") == links
    assert _recomputed(tmp_path / "two") == links


def test_a_rejected_link_stays_rejected_across_ingests(tmp_path):
    first, second = _corpus(tmp_path / "a.jsonl", 0, 20), _corpus(tmp_path / "b.jsonl", 20, 20)
    ingest([first], store=tmp_path / "s")
    store = open_store(tmp_path / "s")
    rejected = sorted(q.subject.value for q in store.quads_for_pattern(None, None, None, LINKS_GRAPH))[0]
    unlink(store, rejected)
    del store
    ingest([second], store=tmp_path / "s")
    links = _links(tmp_path / "s")
    assert any(rejected in q and "rejected" in q for q in links)
    assert _recomputed(tmp_path / "s") == links


def test_a_replaced_article_takes_its_links_with_it(tmp_path):
    first = _corpus(tmp_path / "a.jsonl", 0, 20)
    ingest([first], store=tmp_path / "s")
    before = _links(tmp_path / "s")
    changed = tmp_path / "changed.jsonl"
    lines = first.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[1])
    record["text"] = STRIKES[2].format(day="السبت")  # s1 was about Aleppo; now about Idlib
    changed.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    report = ingest([changed], store=tmp_path / "s")
    assert report.replaced == 1
    links = _links(tmp_path / "s")
    assert links != before
    assert _recomputed(tmp_path / "s") == links


def test_a_store_without_link_keys_gets_them(tmp_path):
    ingest([_corpus(tmp_path / "a.jsonl", 0, 10)], store=tmp_path / "s")
    store = open_store(tmp_path / "s")
    keys = set(store.quads_for_pattern(None, vocab.K["linkKey"], None, None))
    assert keys
    for q in keys:
        store.remove(q)  # as a store written before link keys
    assert ensure_link_keys(store) and set(store.quads_for_pattern(None, vocab.K["linkKey"], None, None)) == keys
    assert not ensure_link_keys(store)
