"""Tallies: counts over every article of the store, kept up to date as articles are written.

A question about the whole store (who acted against whom, how many events of each type
per month) would otherwise read every event at query time: at 10 million quads that
takes seconds (docs/performance.md). Each tally is one node in the tallies graph,
``kg:Tally`` with its kind, the entities or values it counts for and ``kg:tallyCount``.
A batch write adds what its new articles count and takes away what the graphs it
replaces counted, in the transaction that stores the batch (``tallies_for``, a hook of
``store.write_articles``), so the tallies always equal a recount of the store's articles
(``recount``; a test checks, and tests/test_queries.py checks that the queries reading
them answer as plain SPARQL over every event does).
"""

from __future__ import annotations

import hashlib
from collections import Counter

from pyoxigraph import Literal, NamedNode, Quad, Store

from kg import vocab as v
from kg.graph import by_subject
from kg.store import ArticleQuads

TALLIES_GRAPH = v.TALLIES_GRAPH
COUNT = v.K["tallyCount"]
_ENTITY, _OTHER, _TYPE = v.K["tallyEntity"], v.K["tallyOther"], v.K["tallyType"]
_ROLE, _MONTH, _SOURCE = v.K["tallyRole"], v.K["tallyMonth"], v.K["tallySource"]
# What each kind's key holds, in order (an absent value is None).
KINDS = {
    "actor-target": (_ENTITY, _OTHER, _TYPE),  # asserted events by actor, target, type (actor-pairs.rq)
    "actor-role": (_ENTITY, _ROLE, _TYPE, _MONTH),  # events by entity, role, type, month (actor-profile.rq)
    "claimant": (_ENTITY, _SOURCE),  # facts by claimant and outlet (claimants.rq)
    "type-month": (_TYPE, _MONTH),  # asserted dated events by type and month (events-by-type-per-month.rq)
    "relation": (_ENTITY, _TYPE, _OTHER),  # relation statements (relations.rq)
    "co-actors": (_ENTITY, _OTHER),  # articles where both act or are targets, both ways (co-actors.rq)
}
_ROLES = (("actor", v.K["actor"].value), ("target", v.K["target"].value), ("claimant", v.PROV_ATTRIBUTED.value))
_A, _EVENT, _ASSERTED = v.A.value, v.K["Event"], v.K["Asserted"]
_STATEMENT = v.K["RelationStatement"]


def _month(date: Literal) -> Literal:
    return Literal(date.value[:7])  # as SPARQL's SUBSTR(STR(?d), 1, 7)


def counted(graph: NamedNode, subjects: dict[NamedNode, dict[str, set]]) -> Counter:
    """What one article graph counts, by (kind, key), from its quads by subject
    (``graph.by_subject``), read as the plain SPARQL queries of tests/test_queries.py read the store."""
    counts: Counter = Counter()
    sources = subjects.get(graph, {}).get(v.K["source"].value) or {None}
    actors: set[NamedNode] = set()
    for node, facts in subjects.items():
        kinds = facts.get(_A, ())
        claimants = facts.get(v.PROV_ATTRIBUTED.value, ())
        if claimants and facts.get(v.K["inArticle"].value):
            for claimant in claimants:
                for source in sources:
                    counts["claimant", (claimant, source)] += 1
        if _STATEMENT in kinds:
            for s in facts.get(v.K["subject"].value, ()):
                for p in facts.get(v.K["predicate"].value, ()):
                    for o in facts.get(v.K["object"].value, ()):
                        counts["relation", (s, p, o)] += 1
        if _EVENT not in kinds:
            continue
        types = facts.get(v.K["eventType"].value, ())
        months = {_month(d) for d in facts.get(v.K["date"].value, ())}
        for role, predicate in _ROLES:
            for entity in facts.get(predicate, ()):
                for t in types:
                    for month in months or {None}:
                        counts["actor-role", (entity, Literal(role), t, month)] += 1
        if _ASSERTED not in facts.get(v.K["modality"].value, ()):
            continue
        for t in types:
            for a in facts.get(v.K["actor"].value, ()):
                for b in facts.get(v.K["target"].value, ()):
                    counts["actor-target", (a, b, t)] += 1
            for d in facts.get(v.K["date"].value, ()):
                counts["type-month", (t, _month(d))] += 1
        actors |= facts.get(v.K["actor"].value, set()) | facts.get(v.K["target"].value, set())
    for a in actors:
        for b in actors:
            if a != b:
                counts["co-actors", (a, b)] += 1
    return counts


def _node(kind: str, key: tuple) -> NamedNode:
    text = "\n".join([kind, *("" if term is None else str(term) for term in key)])
    return NamedNode(f"{v.ID}tally/{kind}/{hashlib.sha256(text.encode()).hexdigest()[:16]}")


def _description(kind: str, node: NamedNode, key: tuple) -> list[Quad]:
    quads = [Quad(node, v.A, v.K["Tally"], TALLIES_GRAPH), Quad(node, v.K["tallyKind"], Literal(kind), TALLIES_GRAPH)]
    quads += [Quad(node, prop, term, TALLIES_GRAPH) for prop, term in zip(KINDS[kind], key) if term is not None]
    return quads


def _count(node: NamedNode, n: int) -> Quad:
    return Quad(node, COUNT, Literal(str(n), datatype=v.XSD_INTEGER), TALLIES_GRAPH)


def tallies_for(store: Store, new: list[ArticleQuads], dropped: list[NamedNode]) -> tuple[list[Quad], list[Quad]]:
    """The tally quads to add and to remove when the ``new`` articles come in and the ``dropped``
    graphs go (a ``store.write_articles`` hook)."""
    delta: Counter = Counter()
    for article in new:
        tallies = article.summary.get("tallies")
        if tallies is None:
            tallies = counted(article.graph, by_subject(q for q in article.quads if q.graph_name == article.graph))
        delta.update(tallies)
    for graph in dropped:
        delta.subtract(counted(graph, by_subject(store.quads_for_pattern(None, None, None, graph))))
    add: list[Quad] = []
    remove: list[Quad] = []
    for (kind, key), change in delta.items():
        if change == 0:
            continue
        node = _node(kind, key)
        old = next(store.quads_for_pattern(node, COUNT, None, TALLIES_GRAPH), None)
        before = int(old.object.value) if old else 0
        if old:
            remove.append(old)
        if before + change > 0:
            if not old:
                add += _description(kind, node, key)
            add.append(_count(node, before + change))
        else:
            remove += [q for q in store.quads_for_pattern(node, None, None, TALLIES_GRAPH) if q.predicate != COUNT]
    return add, remove


def _article_graphs(store: Store) -> list[NamedNode]:
    return [q.subject for q in store.quads_for_pattern(None, v.A, v.K["Article"], None)
            if isinstance(q.graph_name, NamedNode) and q.subject == q.graph_name]


def recount(store: Store) -> list[Quad]:
    """The tallies of the whole store, counted afresh from its article graphs."""
    counts: Counter = Counter()
    for graph in _article_graphs(store):
        counts.update(counted(graph, by_subject(store.quads_for_pattern(None, None, None, graph))))
    quads = []
    for (kind, key), n in counts.items():
        node = _node(kind, key)
        quads += _description(kind, node, key) + [_count(node, n)]
    return quads


def ensure_tallies(store: Store) -> bool:
    """Count the tallies of a store written before kg kept them; True if it had to."""
    if store.contains_named_graph(TALLIES_GRAPH):
        return False
    quads = recount(store)
    body = " ".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
    store.update(f"CREATE SILENT GRAPH {TALLIES_GRAPH} ; INSERT DATA {{ GRAPH {TALLIES_GRAPH} {{ {body} }} }}")
    return True
