"""ontology/kg.ttl: it parses, it agrees with kg/vocab.py both ways, and the
examples in docs/ontology.md are valid data that its queries answer."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg import vocab

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "kg.ttl"
DOC = ROOT / "docs" / "ontology.md"
# The seed article the documentation's example comes from (../shared beside the repo).
SEED = ROOT.parent / "shared" / "corpus" / "seed" / "aleppo-raqqa-2016-12-10.txt"

KG = Namespace(vocab.KG)
PLOVER = Namespace(vocab.PLOVER)
KGC = Namespace(vocab.COUNT_TYPE)
KGR = Namespace(vocab.RELATION)
SEM = Namespace(vocab.SEM)
PROV = Namespace(vocab.PROV)
SCHEMA = Namespace(vocab.SCHEMA)
GEO = Namespace(vocab.GEO)
TIME = Namespace(vocab.TIME)
ACLED = vocab.BASE + "acled/"
ONTOLOGY_IRI = URIRef(vocab.BASE + "ontology")
CAMEO_IRI = re.compile(r"^http://eventdata\.parusanalytics\.com/cameo/(0[1-9]|1[0-9]|20)$")

MAPPINGS = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch,
            SKOS.relatedMatch)
INDIVIDUALS = {**vocab.MODALITIES, **vocab.PRECISIONS}
# Used both on an ingest activity and on the store's own record (kg/store.py).
WITHOUT_DOMAIN = {"kgVersion", "ontologyVersion"}
# The classes whose Arabic label the documentation and UIs show.
MAIN_CLASSES = ("Article", "Sentence", "Mention", "Entity", "Person", "Organization",
                "GeopoliticalEntity", "Location", "NamedEvent", "Event", "Count",
                "RelationStatement")


def iri(node: pyoxigraph.NamedNode) -> URIRef:
    """The rdflib IRI of a vocab term."""
    return URIRef(node.value)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def used_iris(graph: Graph) -> set[URIRef]:
    """Every IRI in any position of any triple."""
    return {node for triple in graph for node in triple if isinstance(node, URIRef)}


def in_namespace(graph: Graph, namespace: str) -> set[URIRef]:
    return {node for node in used_iris(graph) if str(node).startswith(namespace)}


def concept_iris() -> dict[str, set[URIRef]]:
    """The SKOS concepts vocab.py names, by namespace."""
    return {
        vocab.PLOVER: {iri(vocab.plover(name)) for name in vocab.PLOVER_TYPES},
        vocab.COUNT_TYPE: {iri(vocab.count_type(name)) for name in vocab.COUNT_TYPES},
        vocab.RELATION: {iri(vocab.relation_type(name)) for name in vocab.RELATION_TYPES},
    }


# --- parsing ----------------------------------------------------------------


def test_parses_with_rdflib(onto):
    assert len(onto) > 500
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto


def test_loads_into_pyoxigraph(onto):
    store = pyoxigraph.Store()
    store.load(path=str(ONTOLOGY), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(onto)
    ask = f"ASK {{ <{ONTOLOGY_IRI}> a <{OWL.Ontology}> }}"
    assert store.query(ask)


def test_prefixes_match_vocab():
    declared = dict(re.findall(r"@prefix\s+(\w*):\s*<([^>]*)>", ONTOLOGY.read_text("utf-8")))
    for prefix, namespace in vocab.PREFIXES.items():
        if prefix in declared:
            assert declared[prefix] == namespace, prefix
    assert {"kg", "plover", "kgc", "kgr"} <= declared.keys()


def test_version_info_is_vocab_version(onto):
    assert list(onto.objects(ONTOLOGY_IRI, OWL.versionInfo)) == [Literal(vocab.ONTOLOGY_VERSION)]
    version_iri = onto.value(ONTOLOGY_IRI, OWL.versionIRI)
    assert str(version_iri).endswith("/" + vocab.ONTOLOGY_VERSION)


# --- kg: terms, both directions ----------------------------------------------


@pytest.mark.parametrize("name", sorted(vocab.K))
def test_every_vocab_term_is_declared(onto, name):
    term = iri(vocab.K[name])
    types = set(onto.objects(term, RDF.type))
    if vocab.K[name] in INDIVIDUALS.values():
        assert OWL.NamedIndividual in types
    elif name[0].isupper():
        assert OWL.Class in types
    else:
        assert types & {OWL.ObjectProperty, OWL.DatatypeProperty}
        assert not {OWL.ObjectProperty, OWL.DatatypeProperty} <= types, "both kinds"
        if name not in WITHOUT_DOMAIN:
            assert onto.value(term, RDFS.domain) is not None, "no rdfs:domain"
    labels = [label for label in onto.objects(term, RDFS.label) if label.language == "en"]
    comments = [c for c in onto.objects(term, RDFS.comment) if c.language == "en"]
    assert len(labels) == 1 and comments


def test_every_kg_term_in_the_ontology_is_in_vocab(onto):
    known = {iri(node) for node in vocab.K.values()}
    assert in_namespace(onto, vocab.KG) - known == set()


@pytest.mark.parametrize("name", MAIN_CLASSES)
def test_main_classes_have_arabic_labels(onto, name):
    assert any(label.language == "ar" for label in onto.objects(KG[name], RDFS.label))


def test_individuals(onto):
    for individual in vocab.MODALITIES.values():
        assert (iri(individual), RDF.type, KG.Modality) in onto
    for precision, individual in vocab.PRECISIONS.items():
        assert (iri(individual), RDF.type, KG.DatePrecision) in onto
        assert (iri(individual), OWL.sameAs, iri(vocab.TIME_UNITS[precision])) in onto


def test_entity_classes_are_entities(onto):
    for cls in vocab.ENTITY_CLASSES.values():
        assert (iri(cls), RDFS.subClassOf, KG.Entity) in onto


@pytest.mark.parametrize(("term", "axiom", "target"), [
    (KG.Article, RDFS.subClassOf, SCHEMA.NewsArticle),
    (KG.Event, RDFS.subClassOf, SEM.Event),
    (KG.IngestActivity, RDFS.subClassOf, PROV.Activity),
    (KG.Person, RDFS.subClassOf, SCHEMA.Person),
    (KG.Organization, RDFS.subClassOf, SCHEMA.Organization),
    (KG.Location, RDFS.subClassOf, SCHEMA.Place),
    (KG.GeopoliticalEntity, RDFS.subClassOf, GEO.Feature),
    (KG.Location, RDFS.subClassOf, GEO.Feature),
    (KG.GeopoliticalEntity, RDFS.subClassOf, SEM.Place),
    (KG.Person, RDFS.subClassOf, SEM.Actor),
    (KG.RelationStatement, RDFS.subClassOf, RDF.Statement),
    (KG.actor, RDFS.subPropertyOf, SEM.hasActor),
    (KG.place, RDFS.subPropertyOf, SEM.hasPlace),
    (KG.locatedIn, RDFS.subPropertyOf, KGR.locatedIn),
])
def test_alignments(onto, term, axiom, target):
    assert (term, axiom, target) in onto


def test_outside_terms_the_data_uses_are_declared(onto):
    """Every schema:, prov:, time:, sem:, geo: term vocab.py writes is described."""
    nodes = [value for value in vars(vocab).values() if isinstance(value, pyoxigraph.NamedNode)]
    nodes += list(vocab.TIME_UNITS.values()) + list(vocab.TIME_IN_XSD.values())
    outside = (vocab.SCHEMA, vocab.PROV, vocab.TIME, vocab.SEM, vocab.GEO)
    missing = [node.value for node in nodes
               if node.value.startswith(outside) and (iri(node), RDF.type, None) not in onto]
    assert missing == []


# --- SKOS schemes -------------------------------------------------------------


@pytest.mark.parametrize("namespace", [vocab.PLOVER, vocab.COUNT_TYPE, vocab.RELATION])
def test_every_vocab_concept_is_declared(onto, namespace):
    scheme = URIRef(namespace)
    assert (scheme, RDF.type, SKOS.ConceptScheme) in onto
    for concept in concept_iris()[namespace]:
        assert (concept, RDF.type, SKOS.Concept) in onto, concept
        assert (concept, SKOS.inScheme, scheme) in onto, concept
        assert (scheme, SKOS.hasTopConcept, concept) in onto, concept
        assert onto.value(concept, SKOS.notation) == Literal(str(concept)[len(namespace):])


@pytest.mark.parametrize("namespace", [vocab.PLOVER, vocab.COUNT_TYPE, vocab.RELATION])
def test_every_concept_in_the_ontology_is_in_vocab(onto, namespace):
    known = concept_iris()[namespace] | {URIRef(namespace)}
    if namespace == vocab.RELATION:
        known |= {iri(prop) for prop in vocab.RELATION_PROPERTIES.values()}
    assert in_namespace(onto, namespace) - known == set()


@pytest.mark.parametrize("name", vocab.RELATION_TYPES)
def test_relation_properties(onto, name):
    prop = iri(vocab.RELATION_PROPERTIES[name])
    assert (prop, RDF.type, OWL.ObjectProperty) in onto
    assert (iri(vocab.relation_type(name)), RDFS.seeAlso, prop) in onto
    assert onto.value(prop, RDFS.label) is not None
    symmetric = (prop, RDF.type, OWL.SymmetricProperty) in onto
    transitive = (prop, RDF.type, OWL.TransitiveProperty) in onto
    assert symmetric == (name in {"ALLIED_WITH", "OPPOSES"})
    if name == "LOCATED_IN":
        assert transitive


@pytest.mark.parametrize("name", vocab.PLOVER_TYPES)
def test_plover_concept_labels_and_mappings(onto, name):
    concept = iri(vocab.plover(name))
    languages = {label.language for label in onto.objects(concept, SKOS.prefLabel)}
    assert {"en", "ar"} <= languages
    assert any(d.language == "en" for d in onto.objects(concept, SKOS.definition))
    targets = {str(t) for mapping in MAPPINGS for t in onto.objects(concept, mapping)}
    cameo = {t for t in targets if CAMEO_IRI.match(t)}
    acled = {t for t in targets if t.startswith(ACLED)}
    assert cameo, "no CAMEO mapping"
    assert acled, "no ACLED mapping"
    for target in cameo | acled:
        assert (URIRef(target), RDF.type, SKOS.Concept) in onto, target
    assert targets == cameo | acled, "a mapping to neither CAMEO nor ACLED"


@pytest.mark.parametrize("name", vocab.COUNT_TYPES + vocab.RELATION_TYPES)
def test_count_and_relation_concepts_have_labels(onto, name):
    concept = (iri(vocab.count_type(name)) if name in vocab.COUNT_TYPES
               else iri(vocab.relation_type(name)))
    languages = {label.language for label in onto.objects(concept, SKOS.prefLabel)}
    assert {"en", "ar"} <= languages


def test_acled_and_cameo_schemes(onto):
    acled_scheme, cameo_scheme = URIRef(ACLED), URIRef("http://eventdata.parusanalytics.com/cameo/")
    tops = set(onto.objects(acled_scheme, SKOS.hasTopConcept))
    assert len(tops) == 6
    subs = {c for c in onto.subjects(SKOS.inScheme, acled_scheme)} - tops
    assert len(subs) == 25
    assert all(onto.value(sub, SKOS.broader) in tops for sub in subs)
    cameo = set(onto.subjects(SKOS.inScheme, cameo_scheme))
    assert {str(c)[-2:] for c in cameo} == {f"{n:02d}" for n in range(1, 21)}


# --- the examples of docs/ontology.md ----------------------------------------


def doc_blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOC.read_text("utf-8"), flags=re.S)


@pytest.fixture(scope="module")
def doc_data() -> Graph:
    """The Turtle snippets of docs/ontology.md, read as one document."""
    return Graph().parse(data="\n".join(doc_blocks("turtle")), format="turtle")


def test_doc_examples_use_declared_terms(onto, doc_data):
    declared = {s for s in onto.subjects(RDF.type, None)}
    for namespace in (vocab.KG, vocab.PLOVER, vocab.COUNT_TYPE, vocab.RELATION):
        assert in_namespace(doc_data, namespace) - declared == set(), namespace


def test_doc_examples_keep_offsets_consistent(doc_data):
    """Where the example gives a span's text, its length is end - start."""
    for node in doc_data.subjects(KG.text, None):
        text = str(doc_data.value(node, KG.text))
        if text == "…":  # a sentence the doc does not reproduce
            continue
        start, end = doc_data.value(node, KG.start), doc_data.value(node, KG.end)
        assert end.toPython() - start.toPython() == len(text), node


@pytest.mark.skipif(not SEED.exists(), reason="../shared/corpus/seed is not checked out")
def test_doc_examples_quote_the_seed_article(doc_data):
    """Offsets in the example are real: text[start:end] is the kg:text shown."""
    text = SEED.read_text(encoding="utf-8")
    spans = 0
    for node in doc_data.subjects(KG.start, None):
        start = doc_data.value(node, KG.start).toPython()
        end = doc_data.value(node, KG.end).toPython()
        shown = str(doc_data.value(node, KG.text) or "…")
        if shown != "…":
            assert text[start:end] == shown, node
            spans += 1
        sentence = doc_data.value(node, KG.inSentence)
        # The doc describes one sentence only; None would be a wildcard.
        if sentence is not None and (sentence, KG.start, None) in doc_data:
            assert doc_data.value(sentence, KG.start).toPython() <= start
            assert end <= doc_data.value(sentence, KG.end).toPython()
    assert spans >= 4


def test_doc_queries_answer(doc_data):
    queries = doc_blocks("sparql")
    assert len(queries) == 2
    store = pyoxigraph.Store()
    graph = pyoxigraph.NamedNode(vocab.ID + "article/aleppo-raqqa-2016-12-10/example")
    store.load(doc_data.serialize(format="nt"), format=pyoxigraph.RdfFormat.N_TRIPLES,
               to_graph=graph)
    answers = [list(store.query(q, use_default_graph_as_union=True)) for q in queries]
    # What the documentation says each query returns.
    (sohr,) = answers[0]
    assert sohr["type"].value == vocab.plover("ASSAULT").value
    assert sohr["outlet"].value == "AFP"
    names = sorted(row["name"].value for row in answers[1])
    assert names == ["Aleppo", "Aleppo", "Bustan al-Qasr", "al-Firdous", "al-Maadi"]
