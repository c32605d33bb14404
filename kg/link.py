"""Across articles: the same real event reported by several articles, linked as one.

Two asserted events of different articles are one real event when they have the
same PLOVER type, share a place and (where both name any) an actor or target, and
their dates lie within a window. Links live in their own graph, with the evidence
that made them; a link a researcher rejects (``kg unlink``) stays rejected.
Entities need no linking: one identifier is already one node.

Ingest links incrementally (``Linker``): only the new articles' events, against the
events of the same type at one of their places within the window, found through their
``kg:linkKey``; the result is the same as recomputing the whole store (``link_events``,
``kg link``), which a test checks.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, Quad, Store

from kg import vocab as v
from kg.errors import KgError
from kg.graph import by_subject, day_of, link_key
from kg.query import select
from kg.store import ArticleQuads

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
_ROLES = {v.K["place"].value: "place", v.K["actor"].value: "party", v.K["target"].value: "party"}


@dataclass(frozen=True, slots=True)
class EventLink:
    iri: str
    members: tuple[str, str]
    evidence: str


@dataclass(slots=True)
class _Event:
    """What linking reads of one asserted event."""

    article: str
    type: str
    date: str | None
    day: dt.date | None
    place: set[str] = field(default_factory=set)
    party: set[str] = field(default_factory=set)


def _short(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def _link(a: str, b: str, first: _Event, second: _Event) -> EventLink | None:
    """The link between two events (a < b) that already share a type, a place and a window, if
    their participants allow it."""
    shared_parties = first.party & second.party
    if first.party and second.party and not shared_parties:
        return None
    places = ", ".join(sorted(map(_short, first.place & second.place)))
    evidence = (f"same type {_short(first.type)}; shared place {places}; dates {first.date} and {second.date}"
                + (f"; shared participants {', '.join(sorted(map(_short, shared_parties)))}"
                   if shared_parties else ""))
    iri = v.ID + "event-link/" + hashlib.sha256(f"{a}\n{b}".encode()).hexdigest()[:16]
    return EventLink(iri, (a, b), evidence)


def _close(first: _Event, second: _Event, window_days: int) -> bool:
    return (first.article != second.article and first.type == second.type
            and abs((first.day - second.day).days) <= window_days and bool(first.place & second.place))


def candidate_links(store: Store, window_days: int = WINDOW_DAYS) -> list[EventLink]:
    """The pairs of events of different articles that report one real event (the whole store)."""
    events: dict[str, _Event] = {}
    for event, article, type_, date, role, entity in select(store, _EVENTS).rows:
        info = events.get(event)
        if info is None:
            info = events[event] = _Event(article, type_, date, day_of(date))
        getattr(info, role).add(entity)
    # Events of one type at one place, in date order: only neighbours within the
    # window are compared, so the cost grows with the events of a busy place, not its square.
    by_key: dict[tuple[str, str], list[str]] = defaultdict(list)
    for event, info in events.items():
        if info.day is not None:
            for place in info.place:
                by_key[(info.type, place)].append(event)
    pairs: set[tuple[str, str]] = set()
    for members in by_key.values():
        members.sort(key=lambda e: (events[e].day, e))
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if (events[b].day - events[a].day).days > window_days:
                    break
                if events[a].article != events[b].article:
                    pairs.add((min(a, b), max(a, b)))
    links = (_link(a, b, events[a], events[b]) for a, b in sorted(pairs))
    return [link for link in links if link is not None]


def _link_quads(link: EventLink) -> list[Quad]:
    node = NamedNode(link.iri)
    return [Quad(node, v.A, v.K["EventLink"], LINKS_GRAPH),
            *(Quad(node, v.K["member"], NamedNode(member), LINKS_GRAPH) for member in link.members),
            Quad(node, v.K["linkEvidence"], Literal(link.evidence), LINKS_GRAPH)]


def rejected_links(store: Store) -> set[str]:
    return {q.subject.value for q in store.quads_for_pattern(None, v.K["rejected"], None, LINKS_GRAPH)}


def link_events(store: Store, window_days: int = WINDOW_DAYS) -> int:
    """Recompute the event links of the whole store (rejected ones stay out); returns how many."""
    rejected = rejected_links(store)
    quads = [q for q in store.quads_for_pattern(None, None, None, LINKS_GRAPH) if q.subject.value in rejected]
    links = [link for link in candidate_links(store, window_days) if link.iri not in rejected]
    for link in links:
        quads += _link_quads(link)
    # One update: the old links go and the new ones come in a single transaction.
    body = " ".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
    store.update(f"DROP SILENT GRAPH {LINKS_GRAPH} ; INSERT DATA {{ GRAPH {LINKS_GRAPH} {{ {body} }} }}")
    return len(links)


def _event(facts: dict[str, set]) -> _Event | None:
    """An event (its facts by predicate IRI) as the full recomputation's query sees it; None unless
    asserted and linkable (a type, an article, a place or participant)."""
    types, articles = facts.get(_TYPE, ()), facts.get(_ARTICLE, ())
    if v.K["Asserted"] not in facts.get(_MODALITY, ()) or not types or not articles \
            or not any(p in facts for p in _ROLES):
        return None
    date = min((d.value for d in facts.get(_DATE, ())), default=None)
    info = _Event(min(a.value for a in articles), min(t.value for t in types), date, day_of(date))
    for predicate, role in _ROLES.items():
        getattr(info, role).update(o.value for o in facts.get(predicate, ()))
    return info


_TYPE, _ARTICLE, _MODALITY, _DATE, _KEY = (v.K[name].value for name in
                                           ("eventType", "inArticle", "modality", "date", "linkKey"))
_READ = (_TYPE, _ARTICLE, _MODALITY, _DATE, *_ROLES)


def events_of(subjects: dict[NamedNode, dict[str, set]]) -> dict[str, tuple[_Event | None, frozenset[str]]]:
    """An article's events (its quads by subject, ``graph.by_subject``) as the linker reads them,
    with their link keys."""
    return {subject.value: (_event(facts), frozenset(k.value for k in facts.get(_KEY, ())))
            for subject, facts in subjects.items() if v.K["Event"] in facts.get(v.A.value, ())}


class Linker:
    """Links the events of each batch of new articles as it is written (a ``store.write_articles``
    hook): the links graph stays what ``link_events`` would compute for the whole store.

    Pairs among older events are unchanged by new articles, so only pairs with a new event
    are looked for: through the new event's kg:linkKey for each day of its window, which
    finds exactly the events of the same type at one of its places within the window.
    The events read are kept (their IRIs name their content, so what is read stays true)
    up to ``cache_size``, so a batch mostly finds its candidates without reading the store.
    """

    def __init__(self, window_days: int = WINDOW_DAYS, cache_size: int = 100_000):
        self.window_days = window_days
        self.cache_size = cache_size
        self._events: OrderedDict[str, _Event | None] = OrderedDict()
        self.added = 0  # links added so far

    def _remember(self, event: str, info: _Event | None) -> None:
        self._events[event] = info
        self._events.move_to_end(event)
        while len(self._events) > self.cache_size:
            self._events.popitem(last=False)

    def _read(self, store: Store, event: NamedNode, graph: NamedNode) -> _Event | None:
        if event.value in self._events:
            self._events.move_to_end(event.value)
            return self._events[event.value]
        facts = {p: set(q.object for q in store.quads_for_pattern(event, NamedNode(p), None, graph)) for p in _READ}
        info = _event({p: objects for p, objects in facts.items() if objects})
        self._remember(event.value, info)
        return info

    def __call__(self, store: Store, new: list[ArticleQuads], dropped: list[NamedNode]) -> tuple[list[Quad], list[Quad]]:
        """The link quads to add for the events of the ``new`` articles (already in the store) and
        to remove for those of the ``dropped`` graphs (about to be dropped)."""
        dropped_set = set(dropped)
        remove: list[Quad] = []
        for graph in dropped:
            for typed in store.quads_for_pattern(None, v.A, v.K["Event"], graph):
                for membership in store.quads_for_pattern(None, v.K["member"], typed.subject, LINKS_GRAPH):
                    node = membership.subject
                    if not any(store.quads_for_pattern(node, v.K["rejected"], None, LINKS_GRAPH)):
                        remove += store.quads_for_pattern(node, None, None, LINKS_GRAPH)

        fresh: dict[str, tuple[_Event, frozenset[str]]] = {}
        for article in new:
            events = article.summary.get("events")
            if events is None:
                events = events_of(by_subject(q for q in article.quads if q.graph_name == article.graph))
            for event, (info, keys) in events.items():
                self._remember(event, info)
                if info is not None and info.day is not None and info.place and keys:
                    fresh[event] = (info, keys)
        pairs: dict[tuple[str, str], tuple[_Event, _Event]] = {}
        looked_up: dict[str, list[tuple[NamedNode, NamedNode]]] = {}
        for a, (first, keys) in fresh.items():
            for key in keys:
                prefix = key.rsplit(" ", 1)[0]
                for offset in range(-self.window_days, self.window_days + 1):
                    other = f"{prefix} {(first.day + dt.timedelta(days=offset)).isoformat()}"
                    if other not in looked_up:
                        looked_up[other] = [(q.subject, q.graph_name) for q in
                                            store.quads_for_pattern(None, v.K["linkKey"], Literal(other), None)
                                            if q.graph_name not in dropped_set]
                    for event, graph in looked_up[other]:
                        second = self._read(store, event, graph)
                        b = event.value
                        if second is not None and second.day is not None and _close(first, second, self.window_days):
                            pairs[min(a, b), max(a, b)] = (first, second) if a < b else (second, first)
        add: list[Quad] = []
        rejected = rejected_links(store) if pairs else set()
        for (a, b), (first, second) in sorted(pairs.items()):
            link = _link(a, b, first, second)
            if link is not None and link.iri not in rejected:
                add += _link_quads(link)
                self.added += 1
        return add, list(dict.fromkeys(remove))


def ensure_link_keys(store: Store) -> bool:
    """Index the events of a store written before kg wrote kg:linkKey; True if it had to."""
    if next(store.quads_for_pattern(None, v.K["linkKey"], None, None), None) is not None \
            or next(store.quads_for_pattern(None, v.K["date"], None, None), None) is None:
        return False
    rows = store.query("SELECT ?event ?g ?t ?p ?d WHERE { GRAPH ?g { ?event kg:modality kg:Asserted ; "
                       "kg:eventType ?t ; kg:place ?p ; kg:date ?d } }", prefixes=v.PREFIXES)
    keys = [Quad(row["event"], v.K["linkKey"], link_key(row["t"], row["p"], day), row["g"])
            for row in rows if (day := day_of(row["d"].value)) is not None]
    store.extend(keys)  # one transaction
    return True


def unlink(store: Store, link_iri: str) -> None:
    """Reject a link: its events are reported as separate events from now on."""
    node = NamedNode(link_iri)
    if not any(store.quads_for_pattern(node, v.A, v.K["EventLink"], LINKS_GRAPH)):
        raise KgError(f"no event link {link_iri} in this store; list them with "
                      "`kg query \"SELECT ?l WHERE {{ ?l a kg:EventLink }}\"`")
    store.add(Quad(node, v.K["rejected"], Literal("true", datatype=v.XSD_BOOLEAN), LINKS_GRAPH))
