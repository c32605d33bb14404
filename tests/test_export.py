import io

import networkx as nx
import pytest
import rdflib
from lxml import etree

from kg.export import write_event_csv, write_rdf
from kg.gephi import Filters, to_networkx, write_gexf, write_graphml

from conftest import ROOT

SCHEMA = ROOT / "tests" / "data" / "gexf-1.2draft" / "gexf.xsd"


def test_nquads_parse_with_rdflib_and_hold_every_quad(seed_store):
    out = io.BytesIO()
    write_rdf(seed_store, "nquads", out)
    dataset = rdflib.Dataset()
    dataset.parse(data=out.getvalue().decode(), format="nquads")
    assert len(list(dataset.quads((None, None, None, None)))) == len(seed_store)


@pytest.mark.parametrize("fmt, rdflib_format", [("trig", "trig"), ("turtle", "turtle"), ("jsonld", "json-ld")])
def test_other_rdf_formats_parse(seed_store, fmt, rdflib_format):
    out = io.BytesIO()
    write_rdf(seed_store, fmt, out)
    graph = rdflib.Dataset() if fmt != "turtle" else rdflib.Graph()
    graph.parse(data=out.getvalue().decode(), format=rdflib_format)
    assert len(graph) > 1000


@pytest.mark.parametrize("projection", ["actor-event-place", "actor-actor", "place-place"])
def test_gexf_validates_and_reads_back_with_attributes(seed_store, projection, tmp_path):
    graph = to_networkx(seed_store, projection)
    assert graph.number_of_edges() > 0
    path = tmp_path / "g.gexf"
    with path.open("w", encoding="utf-8") as handle:
        write_gexf(graph, handle)
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    schema.assertValid(etree.parse(str(path)))
    back = nx.read_gexf(path)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    kinds = {data["kind"] for _n, data in back.nodes(data=True)}
    assert kinds <= {"actor", "place", "event"}
    labelled = [d for _n, d in back.nodes(data=True) if d.get("label_en") and d.get("label_ar")]
    assert labelled
    assert all(d["weight"] >= 1 for _a, _b, d in back.edges(data=True))


def test_actor_event_place_has_kinds_dates_and_identifiers(seed_store):
    graph = to_networkx(seed_store)
    kinds = {d["kind"] for _n, d in graph.nodes(data=True)}
    assert kinds == {"actor", "place", "event"}
    assert any(d.get("wikidata") for _n, d in graph.nodes(data=True))
    assert any(d.get("date") for _n, d in graph.nodes(data=True) if d["kind"] == "event")


def test_filters(seed_store):
    everything = to_networkx(seed_store)
    assaults = to_networkx(seed_store, filters=Filters(event_types=("ASSAULT",)))
    types = {d.get("event_type") for _n, d in assaults.nodes(data=True) if d["kind"] == "event"}
    assert types == {"ASSAULT"}
    late = to_networkx(seed_store, filters=Filters(since="2018-01-01"))
    assert all(d["date"] >= "2018" for _n, d in late.nodes(data=True) if d["kind"] == "event")
    assert late.number_of_nodes() < everything.number_of_nodes()
    heavy = to_networkx(seed_store, "actor-actor", Filters(min_weight=2))
    assert all(d["weight"] >= 2 for _a, _b, d in heavy.edges(data=True))


def test_graphml_reads_back(seed_store, tmp_path):
    graph = to_networkx(seed_store, "actor-actor")
    path = tmp_path / "g.graphml"
    write_graphml(graph, path)
    back = nx.read_graphml(path)
    assert back.number_of_edges() == graph.number_of_edges()
    assert back.number_of_nodes() == graph.number_of_nodes() > 0
    assert all(d["kind"] in ("actor", "place") and "label_ar" in d for _n, d in back.nodes(data=True))


def test_event_csv_has_acled_columns(seed_store):
    out = io.StringIO()
    rows = write_event_csv(seed_store, out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("event_id,event_date,time_precision,date_is_fallback,event_type")
    assert rows == len(lines) - 1 > 10
