import datetime as dt

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from kg import vocab
from kg.errors import StoreError
from kg.graph import article_iri, quads
from kg.model import Article
from kg.store import article_graphs, open_store, write_article

TEXT = "استهدفت غارات جوية مدينة حلب السبت، وفق ما أفاد المرصد السوري لحقوق الإنسان."


def _write(store, article, extractor):
    analysis = extractor.extract(article)
    return write_article(store, article_iri(article.id, article.text), article.id,
                         quads(analysis, ingested_at="2020-01-01T00:00:00+00:00", kg_version="t"))


def test_same_article_is_unchanged_and_new_content_replaces_its_graph(tmp_path, extractor):
    store = open_store(tmp_path / "s")
    first = Article(id="a1", text=TEXT, published=dt.date(2016, 12, 10))
    other = Article(id="a2", text=TEXT + " نص آخر.", published=dt.date(2016, 12, 10))
    assert _write(store, first, extractor) == "stored"
    assert _write(store, other, extractor) == "stored"
    before = set(store)
    assert _write(store, first, extractor) == "unchanged"
    assert set(store) == before
    edited = Article(id="a1", text=TEXT.replace("حلب", "إدلب"), published=dt.date(2016, 12, 10))
    assert _write(store, edited, extractor) == "replaced"
    assert article_graphs(store, "a1") == [article_iri("a1", edited.text)]
    assert not store.contains_named_graph(article_iri("a1", TEXT))
    # the other article's graph is untouched
    graph = article_iri("a2", other.text)
    assert {q for q in before if q.graph_name == graph} == {q for q in store if q.graph_name == graph}


def test_store_records_its_versions_and_refuses_an_incompatible_one(tmp_path):
    path = tmp_path / "s"
    store = open_store(path)
    node = NamedNode(vocab.ID + "store")
    assert [q.object.value for q in store.quads_for_pattern(node, vocab.K["ontologyVersion"], None, None)] \
        == [vocab.ONTOLOGY_VERSION]
    store.remove(Quad(node, vocab.K["ontologyVersion"], Literal(vocab.ONTOLOGY_VERSION), vocab.STORE_GRAPH))
    store.add(Quad(node, vocab.K["ontologyVersion"], Literal("99.0.0"), vocab.STORE_GRAPH))
    del store
    with pytest.raises(StoreError, match="re-ingest"):
        open_store(path)


def test_a_second_writer_fails_with_a_clear_message(tmp_path):
    first = open_store(tmp_path / "s")
    with pytest.raises(StoreError, match="in use by another kg process"):
        open_store(tmp_path / "s")
    del first


def test_reading_a_missing_store_says_how_to_make_one(tmp_path):
    with pytest.raises(StoreError, match="kg ingest"):
        open_store(tmp_path / "nothing", read_only=True)
