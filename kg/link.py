"""Across articles: the same real event reported by several articles, linked as one.

Two asserted events of different articles are one real event when they have the
same PLOVER type, share a place and (where both name any) an actor or target, and
their dates lie within a window. Links live in their own graph, with the evidence
that made them; a link a researcher rejects (``kg unlink``) stays rejected.
Entities need no linking: one identifier is already one node.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, Quad, Store

from kg import vocab as v
from kg.errors import KgError
from kg.query import select

LINKS_GRAPH = NamedNode(v.ID + "graph/event-links")
WINDOW_DAYS = 2

_EVENTS = """
SELECT ?event ?article ?type ?date ?role ?entity WHERE {
  ?event a kg:Event ; kg:modality kg:Asserted ; kg:eventType ?type ; kg:inArticle ?article .
  OPTIONAL { ?event kg:date ?d BIND(STR(?d) AS ?date) }
  { ?event kg:place ?entity BIND("place" AS ?role) } UNION
  { ?event kg:actor ?entity BIND("party" AS ?role) } UNION
  { ?event kg:target ?entity BIND("party" AS ?role) }
}
"""


@dataclass(frozen=True, slots=True)
class EventLink:
    iri: str
    members: tuple[str, str]
    evidence: str


def _day(date: str | None) -> dt.date | None:
    if not date:
        return None
    try:
        return dt.date.fromisoformat((date + "-01-01")[:10] if len(date) == 4 else (date + "-01")[:10])
    except ValueError:
        return None


def _short(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def candidate_links(store: Store, window_days: int = WINDOW_DAYS) -> list[EventLink]:
    """The pairs of events of different articles that report one real event."""
    events: dict[str, dict] = {}
    for event, article, type_, date, role, entity in select(store, _EVENTS).rows:
        info = events.setdefault(event, {"article": article, "type": type_, "date": date, "day": _day(date),
                                         "place": set(), "party": set()})
        info[role].add(entity)
    # Events of one type at one place, in date order: only neighbours within the
    # window are compared, so the cost grows with the events of a busy place, not its square.
    by_key: dict[tuple[str, str], list[str]] = defaultdict(list)
    for event, info in events.items():
        if info["day"] is not None:
            for place in info["place"]:
                by_key[(info["type"], place)].append(event)
    pairs: set[tuple[str, str]] = set()
    for members in by_key.values():
        members.sort(key=lambda e: (events[e]["day"], e))
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if (events[b]["day"] - events[a]["day"]).days > window_days:
                    break
                if events[a]["article"] != events[b]["article"]:
                    pairs.add((min(a, b), max(a, b)))
    links = []
    for a, b in sorted(pairs):
        first, second = events[a], events[b]
        shared_parties = first["party"] & second["party"]
        if first["party"] and second["party"] and not shared_parties:
            continue
        places = ", ".join(sorted(map(_short, first["place"] & second["place"])))
        evidence = (f"same type {_short(first['type'])}; shared place {places}; "
                    f"dates {first['date']} and {second['date']}"
                    + (f"; shared participants {', '.join(sorted(map(_short, shared_parties)))}"
                       if shared_parties else ""))
        iri = v.ID + "event-link/" + hashlib.sha256(f"{a}\n{b}".encode()).hexdigest()[:16]
        links.append(EventLink(iri, (a, b), evidence))
    return links


def rejected_links(store: Store) -> set[str]:
    return {q.subject.value for q in store.quads_for_pattern(None, v.K["rejected"], None, LINKS_GRAPH)}


def link_events(store: Store, window_days: int = WINDOW_DAYS) -> int:
    """Recompute the event links of the whole store (rejected ones stay out); returns how many."""
    rejected = rejected_links(store)
    kept = [q for q in store.quads_for_pattern(None, None, None, LINKS_GRAPH) if q.subject.value in rejected]
    quads = list(kept)
    links = [link for link in candidate_links(store, window_days) if link.iri not in rejected]
    for link in links:
        node = NamedNode(link.iri)
        quads.append(Quad(node, v.A, v.K["EventLink"], LINKS_GRAPH))
        for member in link.members:
            quads.append(Quad(node, v.K["member"], NamedNode(member), LINKS_GRAPH))
        quads.append(Quad(node, v.K["linkEvidence"], Literal(link.evidence), LINKS_GRAPH))
    # One update: the old links go and the new ones come in a single transaction.
    body = " ".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
    store.update(f"DROP SILENT GRAPH {LINKS_GRAPH} ; INSERT DATA {{ GRAPH {LINKS_GRAPH} {{ {body} }} }}")
    return len(links)


def unlink(store: Store, link_iri: str) -> None:
    """Reject a link: its events are reported as separate events from now on."""
    node = NamedNode(link_iri)
    if not any(store.quads_for_pattern(node, v.A, v.K["EventLink"], LINKS_GRAPH)):
        raise KgError(f"no event link {link_iri} in this store; list them with "
                      "`kg query \"SELECT ?l WHERE {{ ?l a kg:EventLink }}\"`")
    store.add(Quad(node, v.K["rejected"], Literal("true", datatype=v.XSD_BOOLEAN), LINKS_GRAPH))
