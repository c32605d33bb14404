"""The RDF terms kg writes: a mirror of ontology/kg.ttl (a test checks both agree)."""

from __future__ import annotations

from pyoxigraph import NamedNode

BASE = "https://w3id.org/arabic-news-kg/"
KG = BASE + "ontology#"
ID = BASE + "id/"
PLOVER = BASE + "plover/"
COUNT_TYPE = BASE + "count-type/"
RELATION = BASE + "relation/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
TIME = "http://www.w3.org/2006/time#"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
SCHEMA = "https://schema.org/"
GEO = "http://www.opengis.net/ont/geosparql#"
WD = "http://www.wikidata.org/entity/"
GN = "https://sws.geonames.org/"
ACLED = BASE + "acled/"
CAMEO = "http://eventdata.parusanalytics.com/cameo/"

PREFIXES = {
    "kg": KG, "kgid": ID, "plover": PLOVER, "kgc": COUNT_TYPE, "kgr": RELATION,
    "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "owl": OWL, "skos": SKOS, "prov": PROV,
    "time": TIME, "sem": SEM, "schema": SCHEMA, "geo": GEO, "wd": WD, "gn": GN, "acled": ACLED,
    "cameo": CAMEO,
}


def _terms(namespace: str, *names: str) -> dict[str, NamedNode]:
    return {name: NamedNode(namespace + name) for name in names}


# Classes and properties of kg's own ontology.
K = _terms(
    KG,
    # classes
    "Article", "Sentence", "Mention", "Entity", "Person", "Organization",
    "GeopoliticalEntity", "Location", "NamedEvent", "Event", "Count", "RelationStatement",
    "IngestActivity", "Modality", "DatePrecision", "Store",
    # article and text
    "articleId", "contentHash", "text", "start", "end", "index", "inArticle", "inSentence",
    "source", "metadata",
    # mentions and entities
    "denotes", "mentionType", "entityType", "kind", "lexiconId", "wikidata", "geonames",
    "locatedIn", "country", "partOf",
    # events
    "eventType", "mode", "actor", "target", "place", "date", "datePrecision", "dateIsFallback",
    "modality", "confidence", "trigger",
    # counts
    "countType", "number", "low", "high", "qualifier", "counted", "countOf",
    # relations
    "subject", "predicate", "object", "isBackground",
    # the same real event reported by several articles
    "EventLink", "member", "linkEvidence", "rejected", "linkKey",
    # provenance of the store
    "kgVersion", "ontologyVersion", "pendingGraph",
    # tallies: counts over the whole store, kept up to date at ingest (kg/tally.py)
    "Tally", "tallyKind", "tallyCount", "tallyEntity", "tallyOther", "tallyType", "tallyRole", "tallyMonth",
    "tallySource",
    # individuals
    "Asserted", "Negated", "Future", "Hypothetical", "Day", "Month", "Year",
)

MODALITIES = {"asserted": K["Asserted"], "negated": K["Negated"], "future": K["Future"],
              "hypothetical": K["Hypothetical"]}
PRECISIONS = {"day": K["Day"], "month": K["Month"], "year": K["Year"]}

ENTITY_CLASSES = {"PER": K["Person"], "ORG": K["Organization"], "GPE": K["GeopoliticalEntity"],
                  "LOC": K["Location"], "EVENT": K["NamedEvent"]}

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
COUNT_TYPES = ("KILL", "WOUND", "DISPLACE", "ARREST", "KIDNAP", "EVACUATE", "AFFECT")
RELATION_TYPES = (
    "LEADER_OF", "MEMBER_OF", "SPOKESPERSON_OF", "PART_OF", "SUPPORTS", "OPPOSES",
    "ALLIED_WITH", "CONTROLS", "LOCATED_IN",
)
# The direct property each relation also writes (subject kgr:leaderOf object), so a
# query can follow a relation in one hop; the reified kg:RelationStatement keeps the
# sentence and offsets it came from.
RELATION_PROPERTIES = {
    name: NamedNode(RELATION + "".join(part.capitalize() if i else part.lower()
                                       for i, part in enumerate(name.split("_"))))
    for name in RELATION_TYPES
}


def plover(event_type: str) -> NamedNode:
    """The SKOS concept of a PLOVER event type."""
    return NamedNode(PLOVER + event_type)


def count_type(name: str) -> NamedNode:
    """The SKOS concept of a GKG count type."""
    return NamedNode(COUNT_TYPE + name)


def relation_type(name: str) -> NamedNode:
    """The SKOS concept of a relation predicate (the statement's kg:predicate)."""
    return NamedNode(RELATION + name)


A = NamedNode(RDF + "type")
LABEL = NamedNode(RDFS + "label")
SAME_AS = NamedNode(SCHEMA + "sameAs")
HEADLINE = NamedNode(SCHEMA + "headline")
DATE_PUBLISHED = NamedNode(SCHEMA + "datePublished")
URL = NamedNode(SCHEMA + "url")
NEWS_ARTICLE = NamedNode(SCHEMA + "NewsArticle")
SEM_EVENT = NamedNode(SEM + "Event")
PROV_ATTRIBUTED = NamedNode(PROV + "wasAttributedTo")
PROV_GENERATED_BY = NamedNode(PROV + "wasGeneratedBy")
PROV_ENDED = NamedNode(PROV + "endedAtTime")
TIME_HAS_TIME = NamedNode(TIME + "hasTime")
TIME_INSTANT = NamedNode(TIME + "Instant")
TIME_UNIT = NamedNode(TIME + "unitType")
TIME_UNITS = {"day": NamedNode(TIME + "unitDay"), "month": NamedNode(TIME + "unitMonth"),
              "year": NamedNode(TIME + "unitYear")}
TIME_IN_XSD = {"day": NamedNode(TIME + "inXSDDate"), "month": NamedNode(TIME + "inXSDgYearMonth"),
               "year": NamedNode(TIME + "inXSDgYear")}
XSD_FOR_PRECISION = {"day": NamedNode(XSD + "date"), "month": NamedNode(XSD + "gYearMonth"),
                     "year": NamedNode(XSD + "gYear")}
GEO_HAS_GEOMETRY = NamedNode(GEO + "hasGeometry")
GEO_AS_WKT = NamedNode(GEO + "asWKT")
GEO_WKT = NamedNode(GEO + "wktLiteral")
GEO_GEOMETRY = NamedNode(GEO + "Geometry")
XSD_INTEGER = NamedNode(XSD + "integer")
XSD_DECIMAL = NamedNode(XSD + "decimal")
XSD_BOOLEAN = NamedNode(XSD + "boolean")
XSD_DATE = NamedNode(XSD + "date")
XSD_DATETIME = NamedNode(XSD + "dateTime")

# Named graphs outside the articles' own.
STORE_GRAPH = NamedNode(ID + "graph/store")
BACKGROUND_GRAPH = NamedNode(ID + "graph/background")
# What kg knows about each entity (type, labels, identifiers, geometry): one copy for
# the whole store, so that a join on an entity's label does not multiply by the
# number of articles that mention it.
ENTITIES_GRAPH = NamedNode(ID + "graph/entities")
# Counts over every article, kept up to date as articles are written (kg/tally.py), so
# that a question about the whole store reads a few nodes instead of every event.
TALLIES_GRAPH = NamedNode(ID + "graph/tallies")

ONTOLOGY_VERSION = "0.1.0"
