"""kg's streaming GEXF writer: escaping, undirected graphs and edge attributes, read back whole."""

import io

import networkx as nx
import pytest
from lxml import etree

from kg.gephi import write_gexf

from conftest import ROOT

SCHEMA = ROOT / "tests" / "data" / "gexf-1.2draft" / "gexf.xsd"
AWKWARD = ['plain', 'a "quoted" <name> & more', "it's", 'both \' and "', "tab\tnew\nline", "قوات سوريا"]


@pytest.mark.parametrize("directed", [True, False])
def test_awkward_values_and_both_kinds_of_graph_read_back_exactly(directed):
    graph = nx.DiGraph(projection="test") if directed else nx.Graph(projection="test")
    for i, text in enumerate(AWKWARD):
        graph.add_node(f"n{i} {text}", kind="actor", label=text, label_ar=text, date=f"2016-{i + 1:02d}")
    nodes = list(graph)
    for i, a in enumerate(nodes):
        for b in nodes[i + 1:]:
            graph.add_edge(a, b, role=AWKWARD[i], weight=i + 1, date="2016-12" if i % 2 else "2016")
    graph.add_edge(nodes[0], nodes[0], role="self", weight=2, date="2016-12-10")
    out = io.StringIO()
    write_gexf(graph, out)
    etree.XMLSchema(etree.parse(str(SCHEMA))).assertValid(etree.fromstring(out.getvalue().encode()))
    back = nx.read_gexf(io.BytesIO(out.getvalue().encode()))
    assert set(back) == set(graph)
    assert back.number_of_edges() == graph.number_of_edges()
    for node, data in graph.nodes(data=True):
        assert back.nodes[node]["label"] == data["label"] and back.nodes[node]["label_ar"] == data["label_ar"]
    for a, b, data in graph.edges(data=True):
        got = back.get_edge_data(a, b) if back.has_edge(a, b) else back.get_edge_data(b, a)
        assert (got["role"], got["weight"]) == (data["role"], data["weight"])
    ids = [int(e.get("id")) for e in etree.fromstring(out.getvalue().encode()).iter("{*}edge")]
    assert ids == list(range(graph.number_of_edges()))
