"""The store as RDF files (N-Quads, TriG, Turtle, JSON-LD) and as an ACLED-shaped event table."""

from __future__ import annotations

import csv
from typing import BinaryIO, TextIO

from pyoxigraph import DefaultGraph, Quad, RdfFormat, Store

from kg import vocab
from kg.query import select

RDF_FORMATS = {"nquads": RdfFormat.N_QUADS, "trig": RdfFormat.TRIG, "turtle": RdfFormat.TURTLE,
               "jsonld": RdfFormat.JSON_LD}


def write_rdf(store: Store, fmt: str, output: BinaryIO) -> None:
    """Serialise the store: every graph for N-Quads/TriG/JSON-LD; Turtle, which has no
    graphs, gets the union of all graphs."""
    if fmt in ("nquads", "trig", "jsonld"):
        store.dump(output, format=RDF_FORMATS[fmt], prefixes=vocab.PREFIXES if fmt != "nquads" else None)
        return
    seen = set()
    triples = []
    for q in store.quads_for_pattern(None, None, None, None):
        triple = (q.subject, q.predicate, q.object)
        if triple not in seen:
            seen.add(triple)
            triples.append(Quad(q.subject, q.predicate, q.object, DefaultGraph()))
    from pyoxigraph import serialize
    serialize(triples, output, format=RdfFormat.TURTLE, prefixes=vocab.PREFIXES)


EVENT_TABLE = """
SELECT DISTINCT ?event ?date ?precision ?fallback ?type ?mode ?modality ?actor1 ?actor2 ?place ?wkt
       ?fatalities ?claimant ?article ?source ?sentence
WHERE {
  ?event a kg:Event ; kg:eventType ?t ; kg:modality ?m ; kg:inArticle ?article ; kg:inSentence ?s .
  ?s kg:text ?sentence .
  BIND(STRAFTER(STR(?t), STR(plover:)) AS ?type)
  BIND(STRAFTER(STR(?m), "#") AS ?modality)
  OPTIONAL { ?event kg:date ?d ; kg:datePrecision ?p ; kg:dateIsFallback ?fallback .
             BIND(STR(?d) AS ?date) BIND(LCASE(STRAFTER(STR(?p), "#")) AS ?precision) }
  OPTIONAL { ?event kg:mode ?mode }
  OPTIONAL { SELECT ?event (MIN(?a1) AS ?actor1) WHERE {
      ?event kg:actor ?a . ?a rdfs:label ?a1 FILTER(LANG(?a1) = "en") } GROUP BY ?event }
  OPTIONAL { SELECT ?event (MIN(?a2) AS ?actor2) WHERE {
      ?event kg:target ?b . ?b rdfs:label ?a2 FILTER(LANG(?a2) = "en") } GROUP BY ?event }
  OPTIONAL { SELECT ?event (SAMPLE(?pl) AS ?place) (SAMPLE(?w) AS ?wkt) WHERE {
      ?event kg:place ?pn . ?pn rdfs:label ?pl FILTER(LANG(?pl) = "en")
      OPTIONAL { ?pn geo:hasGeometry/geo:asWKT ?w } } GROUP BY ?event }
  OPTIONAL { SELECT ?event (SUM(?n) AS ?fatalities) WHERE {
      ?c kg:countOf ?event ; kg:countType kgc:KILL ; kg:number ?n } GROUP BY ?event }
  OPTIONAL { ?event prov:wasAttributedTo ?cl . ?cl rdfs:label ?claimant FILTER(LANG(?claimant) = "en") }
  OPTIONAL { ?article kg:source ?source }
}
ORDER BY ?date ?event
"""

CSV_COLUMNS = ("event_id", "event_date", "time_precision", "date_is_fallback", "event_type", "mode",
               "modality", "actor1", "actor2", "location", "latitude", "longitude", "fatalities",
               "claimant", "source", "article", "sentence")


def write_event_csv(store: Store, output: TextIO) -> int:
    """The events as an ACLED-shaped table, one row per event; returns the row count."""
    rows = select(store, EVENT_TABLE)
    index = {name: i for i, name in enumerate(rows.variables)}
    writer = csv.writer(output, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows.rows:
        value = lambda name: row[index[name]]  # noqa: E731
        lat, lon = _point(value("wkt"))
        writer.writerow([
            value("event"), value("date") or "", value("precision") or "",
            "" if value("fallback") is None else str(value("fallback")).lower(), value("type"),
            value("mode") or "", value("modality"), value("actor1") or "", value("actor2") or "",
            value("place") or "", lat, lon, value("fatalities") or 0, value("claimant") or "",
            value("source") or "", value("article"), " ".join(str(value("sentence")).split()),
        ])
    return len(rows.rows)


def _point(wkt: object) -> tuple[str, str]:
    if not isinstance(wkt, str) or not wkt.startswith("POINT("):
        return "", ""
    lon, lat = wkt[6:-1].split()
    return lat, lon
