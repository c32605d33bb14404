import datetime as dt

from pyoxigraph import NamedNode

from kg import vocab
from kg.graph import article_iri, quads
from kg.model import Article

TEXT = ("اجتماع في باريس\n\nقصفت القوات الروسية مدينة حلب أمس، وقال المرصد السوري لحقوق الإنسان إن "
        "الغارات أسفرت عن مقتل 12 مدنيا.")


def test_same_input_same_quads_and_offsets_slice_to_text(extractor):
    article = Article(id="x", text=TEXT, published=dt.date(2016, 12, 10))
    first = list(quads(extractor.extract(article)))
    second = list(quads(extractor.extract(article)))
    assert first == second
    graph = article_iri("x", TEXT)
    assert {q.graph_name for q in first} == {graph, vocab.ENTITIES_GRAPH}
    described = {q.subject for q in first if q.graph_name == vocab.ENTITIES_GRAPH}
    assert described == {q.object for q in first if q.predicate == vocab.K["denotes"]} | {
        q.subject for q in first if q.graph_name == vocab.ENTITIES_GRAPH and "/geometry" in q.subject.value}
    starts = {q.subject: int(q.object.value) for q in first if q.predicate == vocab.K["start"]}
    ends = {q.subject: int(q.object.value) for q in first if q.predicate == vocab.K["end"]}
    texts = {q.subject: q.object.value for q in first if q.predicate == vocab.K["text"]}
    sentences = {q.subject for q in first if q.object == vocab.K["Sentence"]}
    for node, start in starts.items():
        if node not in sentences:
            assert TEXT[start:ends[node]] == texts[node]


def test_every_event_links_to_its_article_and_sentence(extractor):
    article = Article(id="x", text=TEXT, published=dt.date(2016, 12, 10))
    all_quads = list(quads(extractor.extract(article)))
    events = {q.subject for q in all_quads if q.object == vocab.K["Event"]}
    assert events
    for event in events:
        props = {q.predicate for q in all_quads if q.subject == event}
        assert {vocab.K["inArticle"], vocab.K["inSentence"], vocab.K["start"], vocab.K["end"]} <= props


def test_article_iri_depends_on_id_and_content():
    assert article_iri("a", "x") == article_iri("a", "x")
    assert article_iri("a", "x") != article_iri("a", "y")
    assert article_iri("a", "x") != article_iri("b", "x")
    assert isinstance(article_iri("مقال 1/2", "x"), NamedNode)
