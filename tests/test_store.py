import datetime as dt

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from kg import vocab
from kg.errors import StoreError
from kg.graph import article_iri, quads
from kg.model import Article
import kg.store
from kg.store import ArticleQuads, article_graphs, open_store, write_article, write_articles

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


def _articles(extractor, n, published=dt.date(2016, 12, 10)):
    out = []
    for i in range(n):
        article = Article(id=f"b{i}", text=TEXT + f" وقتل {i + 2} مدنيين.", published=published)
        out.append(ArticleQuads(article.id, article_iri(article.id, article.text),
                                list(quads(extractor.extract(article), kg_version="t"))))
    return out


def test_a_batch_cut_off_before_it_completes_is_never_seen_and_goes_on_open(tmp_path, extractor, monkeypatch):
    monkeypatch.setattr(kg.store, "BULK_MIN_QUADS", 1)  # the bulk loader even for a small batch
    path = tmp_path / "s"
    store = open_store(path)
    first, cut = _articles(extractor, 2), _articles(extractor, 4)[2:]
    assert write_articles(store, first) == ["stored", "stored"]

    def crash(*_args):  # derived quads come between the bulk write and the completing transaction
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_articles(store, cut, derive=[crash])
    assert all(store.contains_named_graph(a.graph) for a in cut)  # written, but still pending
    del store
    reader = open_store(path, read_only=True)
    assert {g for g in reader.named_graphs() if "/article/" in g.value} == {a.graph for a in first}
    writer = open_store(path)
    assert not any(writer.quads_for_pattern(None, kg.store.PENDING, None, None))
    assert not any(writer.contains_named_graph(a.graph) for a in cut)
    assert write_articles(writer, cut) == ["stored", "stored"]
    assert all(writer.contains_named_graph(a.graph) for a in cut)


def test_a_batch_describes_an_entity_once_as_its_first_article_does(tmp_path, extractor):
    batch = _articles(extractor, 3)
    one_by_one, together = open_store(tmp_path / "a"), open_store(tmp_path / "b")
    for article in batch:
        write_articles(one_by_one, [article])
    assert write_articles(together, batch) == ["stored"] * 3
    assert set(one_by_one) == set(together)
