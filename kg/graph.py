"""Analysis → RDF quads in the article's own named graph (the shape of ontology/kg.ttl).

IRIs are derived from content: the same article gives the same IRIs and quads.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator

from pyoxigraph import Literal, NamedNode, Quad

from kg import vocab as v
from kg.model import Analysis, Entity

K = v.K
_UNSAFE = re.compile(r"[\s<>\"{}|\\^`#?%/\[\]]+")


def article_iri(article_id: str, text: str) -> NamedNode:
    """The IRI of an article's named graph: its id and a hash of its content."""
    digest = hashlib.sha256(f"{article_id}\n{text}".encode()).hexdigest()[:16]
    return NamedNode(f"{v.ID}article/{slug(article_id)}/{digest}")


def slug(text: str) -> str:
    """A piece of an IRI path: the text with unsafe characters replaced by '-'."""
    return _UNSAFE.sub("-", text.strip()).strip("-") or "_"


def entity_iri(entity: Entity) -> NamedNode:
    """One IRI per real-world referent: the lexicon id, or the type and normalised name."""
    if entity.key.startswith("name:"):
        return NamedNode(f"{v.ID}entity/{entity.type.lower()}/{slug(entity.key[5:])}")
    return NamedNode(f"{v.ID}entity/{slug(entity.key)}")


def place_iri(lexicon_id: str) -> NamedNode:
    return NamedNode(f"{v.ID}entity/{slug(lexicon_id)}")


def day_of(date: str | None) -> dt.date | None:
    """The day an event date stands for when comparing dates: its first day at month or year precision."""
    if not date:
        return None
    try:
        return dt.date.fromisoformat((date + "-01-01")[:10] if len(date) == 4 else (date + "-01")[:10])
    except ValueError:
        return None


def link_key(event_type: NamedNode, place: NamedNode, day: dt.date) -> Literal:
    """An event's kg:linkKey for one of its places: what the reports of one event share (kg/link.py)."""
    return Literal(f"{event_type.value} {place.value} {day.isoformat()}")


def by_subject(quads: Iterable[Quad]) -> dict[NamedNode, dict[str, set]]:
    """Quads by subject, then by predicate IRI: the set of objects."""
    out: dict[NamedNode, dict[str, set]] = {}
    for q in quads:
        out.setdefault(q.subject, {}).setdefault(q.predicate.value, set()).add(q.object)
    return out


def _int(n: int) -> Literal:
    return Literal(str(n), datatype=v.XSD_INTEGER)


def quads(analysis: Analysis, *, ingested_at: str | None = None, kg_version: str = "") -> Iterator[Quad]:
    """Every quad of one article: its named graph, and the description of the
    entities it mentions in the shared entities graph."""
    article = analysis.article
    g = article_iri(article.id, article.text)
    base = g.value

    def q(s, p, o):
        return Quad(s, p, o, g)

    yield q(g, v.A, K["Article"])
    yield q(g, v.A, v.NEWS_ARTICLE)
    yield q(g, K["articleId"], Literal(article.id))
    yield q(g, K["contentHash"], Literal(g.value.rsplit("/", 1)[1]))
    if article.title:
        yield q(g, v.HEADLINE, Literal(article.title))
    if article.published:
        yield q(g, v.DATE_PUBLISHED, Literal(article.published.isoformat(), datatype=v.XSD_DATE))
    if article.url:
        yield q(g, v.URL, Literal(article.url))
    if article.source:
        yield q(g, K["source"], Literal(article.source))
    if article.metadata:
        yield q(g, K["metadata"], Literal(json.dumps(dict(article.metadata), ensure_ascii=False, sort_keys=True)))
    if ingested_at:
        activity = NamedNode(base + "/ingest")
        yield q(g, v.PROV_GENERATED_BY, activity)
        yield q(activity, v.A, K["IngestActivity"])
        yield q(activity, v.PROV_ENDED, Literal(ingested_at, datatype=v.XSD_DATETIME))
        yield q(activity, K["kgVersion"], Literal(kg_version))
        yield q(activity, K["ontologyVersion"], Literal(v.ONTOLOGY_VERSION))

    sentence_iris = {}
    for s in analysis.sentences:
        node = NamedNode(f"{base}/s{s.index}")
        sentence_iris[s.index] = node
        yield q(node, v.A, K["Sentence"])
        yield q(node, K["inArticle"], g)
        yield q(node, K["index"], _int(s.index))
        yield q(node, K["start"], _int(s.start))
        yield q(node, K["end"], _int(s.end))
        yield q(node, K["text"], Literal(article.text[s.start:s.end]))

    def sentence_of(pos: int) -> NamedNode:
        for s in analysis.sentences:
            if s.start <= pos < s.end:
                return sentence_iris[s.index]
        return sentence_iris[analysis.sentences[-1].index]

    def anchored(node: NamedNode, start: int, end: int, text: str):
        yield q(node, K["inArticle"], g)
        yield q(node, K["inSentence"], sentence_of(start))
        yield q(node, K["start"], _int(start))
        yield q(node, K["end"], _int(end))
        yield q(node, K["text"], Literal(text))

    entity_nodes = {}
    for e in analysis.entities:
        node = entity_iri(e)
        entity_nodes[e.id] = node
        yield from _entity(node, e)
        for m in e.mentions:
            mention = NamedNode(f"{base}/m{m.start}-{m.end}")
            yield q(mention, v.A, K["Mention"])
            yield q(mention, K["denotes"], node)
            yield q(mention, K["mentionType"], Literal(m.how))
            yield from anchored(mention, m.start, m.end, m.text)

    event_nodes = {}
    for ev in analysis.events:
        node = NamedNode(f"{base}/{ev.id}")
        event_nodes[ev.id] = node
        yield q(node, v.A, K["Event"])
        yield q(node, v.A, v.SEM_EVENT)
        yield q(node, K["eventType"], v.plover(ev.type))
        yield q(node, K["trigger"], Literal(ev.trigger))
        if ev.mode:
            yield q(node, K["mode"], Literal(ev.mode))
        for prop, ids in ((K["actor"], ev.actors), (K["target"], ev.targets), (K["place"], ev.places)):
            for entity_id in ids:
                yield q(node, prop, entity_nodes[entity_id])
        if ev.date and ev.date_precision:
            yield q(node, K["date"], Literal(ev.date, datatype=v.XSD_FOR_PRECISION[ev.date_precision]))
            yield q(node, K["datePrecision"], v.PRECISIONS[ev.date_precision])
            yield q(node, K["dateIsFallback"], Literal("true" if ev.date_is_fallback else "false",
                                                       datatype=v.XSD_BOOLEAN))
            instant = NamedNode(f"{base}/{ev.id}/time")
            yield q(node, v.TIME_HAS_TIME, instant)
            yield q(instant, v.A, v.TIME_INSTANT)
            yield q(instant, v.TIME_IN_XSD[ev.date_precision],
                    Literal(ev.date, datatype=v.XSD_FOR_PRECISION[ev.date_precision]))
            yield q(instant, v.TIME_UNIT, v.TIME_UNITS[ev.date_precision])
        yield q(node, K["modality"], v.MODALITIES[ev.modality])
        day = day_of(ev.date) if ev.date and ev.date_precision else None
        if ev.modality == "asserted" and day is not None:
            # The linker's index: one literal per place finds the reports of one event among millions.
            for place in dict.fromkeys(entity_nodes[entity_id] for entity_id in ev.places):
                yield q(node, K["linkKey"], link_key(v.plover(ev.type), place, day))
        yield q(node, K["confidence"], Literal(f"{ev.confidence:.2f}", datatype=v.XSD_DECIMAL))
        if ev.source:
            yield q(node, v.PROV_ATTRIBUTED, entity_nodes[ev.source])
        yield from anchored(node, ev.start, ev.end, ev.text)

    for n, c in enumerate(analysis.counts):
        node = NamedNode(f"{base}/c{n}")
        yield q(node, v.A, K["Count"])
        yield q(node, K["countType"], v.count_type(c.type))
        yield q(node, K["number"], _int(c.number))
        for prop, value in ((K["low"], c.low), (K["high"], c.high)):
            if value is not None:
                yield q(node, prop, _int(int(value)))
        if c.qualifier:
            yield q(node, K["qualifier"], Literal(c.qualifier))
        if c.what:
            yield q(node, K["counted"], Literal(c.what))
        if c.event:
            yield q(node, K["countOf"], event_nodes[c.event])
        if c.source:
            yield q(node, v.PROV_ATTRIBUTED, entity_nodes[c.source])
        yield from anchored(node, c.start, c.end, c.text)

    for n, r in enumerate(analysis.relations):
        node = NamedNode(f"{base}/r{n}")
        subject, obj = entity_nodes[r.subject], entity_nodes[r.object]
        yield q(node, v.A, K["RelationStatement"])
        yield q(node, K["subject"], subject)
        yield q(node, K["predicate"], v.relation_type(r.predicate))
        yield q(node, K["object"], obj)
        yield q(subject, v.RELATION_PROPERTIES[r.predicate], obj)
        yield from anchored(node, r.start, r.end, r.text)


def _entity(node: NamedNode, e: Entity):
    """The entity's description, in the shared entities graph."""
    def q(s, p, o):
        return Quad(s, p, o, v.ENTITIES_GRAPH)

    yield q(node, v.A, K["Entity"])
    yield q(node, v.A, v.ENTITY_CLASSES[e.type])
    yield q(node, K["entityType"], Literal(e.type))
    yield q(node, v.LABEL, Literal(e.label_ar, language="ar"))
    if e.label_en:
        # A romanisation is Arabic written in Latin letters (BCP 47 ar-Latn), not an English name.
        yield q(node, v.LABEL, Literal(e.label_en, language="ar-Latn" if e.label_romanised else "en"))
    if e.kind:
        yield q(node, K["kind"], Literal(e.kind))
    if not e.key.startswith("name:"):
        yield q(node, K["lexiconId"], Literal(e.key))
    if e.wikidata:
        wikidata = NamedNode(v.WD + e.wikidata)
        yield q(node, K["wikidata"], wikidata)
        yield q(node, v.SAME_AS, wikidata)
    if e.geonames:
        geonames = NamedNode(f"{v.GN}{e.geonames}/")
        yield q(node, K["geonames"], geonames)
        yield q(node, v.SAME_AS, geonames)
    if e.lat is not None and e.lon is not None:
        geometry = NamedNode(node.value + "/geometry")
        yield q(node, v.GEO_HAS_GEOMETRY, geometry)
        yield q(geometry, v.A, v.GEO_GEOMETRY)
        yield q(geometry, v.GEO_AS_WKT, Literal(f"POINT({e.lon} {e.lat})", datatype=v.GEO_WKT))
    if e.parent:
        yield q(node, K["locatedIn" if e.type in ("GPE", "LOC") else "partOf"], place_iri(e.parent))
    if e.country:
        yield q(node, K["country"], place_iri(e.country))


def background_quads(analysis: Analysis, lexicon) -> Iterator[Quad]:
    """LOCATED_IN facts from the lexicon hierarchy, in the background graph: knowledge, not claims."""
    g = v.BACKGROUND_GRAPH
    for child, predicate, parent in analysis.background:
        chain = [child] + [a.id for a in lexicon.ancestors(child)]
        for inner, outer in zip(chain, chain[1:]):
            entry = lexicon.get(outer)
            yield Quad(place_iri(inner), v.RELATION_PROPERTIES[predicate], place_iri(outer), g)
            yield Quad(place_iri(inner), K["locatedIn"], place_iri(outer), g)
            if entry:
                yield Quad(place_iri(outer), v.LABEL, Literal(entry.en, language="en"), g)
                for name in entry.ar[:1]:
                    yield Quad(place_iri(outer), v.LABEL, Literal(name, language="ar"), g)
