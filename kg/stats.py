"""Counts that describe a store: articles, quads, entities and events by type."""

from __future__ import annotations

from pyoxigraph import Store

from kg.query import select


def store_stats(store: Store) -> dict:
    """Articles, quads, entities by type and asserted events by PLOVER type."""
    articles = select(store, "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kg:Article }").rows[0][0]
    entities = select(store, "SELECT ?t (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a kg:Entity ; kg:entityType ?t } "
                             "GROUP BY ?t ORDER BY DESC(?n) ?t").rows
    events = select(store, "SELECT ?t (COUNT(?e) AS ?n) WHERE { ?e a kg:Event ; kg:eventType ?c "
                           "BIND(STRAFTER(STR(?c), STR(plover:)) AS ?t) } GROUP BY ?t ORDER BY DESC(?n) ?t").rows
    return {"articles": articles, "quads": len(store), "entities": dict(entities), "events": dict(events)}
