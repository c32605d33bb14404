"""The Python API for notebooks: ``g = kg.open("kg-store")``.

``g.query`` gives rows of Python values, ``g.to_networkx`` a graph projection,
``g.rdflib()`` an rdflib Dataset over the same Oxigraph store (via oxrdflib).
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import QueryError


class KnowledgeGraph:
    """A kg store opened for reading (or writing, with ``read_only=False``)."""

    def __init__(self, path: str | Path = "kg-store", *, read_only: bool = True):
        from kg.store import open_store
        self.path = Path(path)
        self.read_only = read_only
        self.store = open_store(self.path, read_only=read_only, create=not read_only)

    def query(self, sparql: str) -> list[dict[str, object]]:
        """The rows of a SELECT query as dicts of Python values (str, int, float, bool, None).

        On a read-only store the query runs in a child process (``kg.contain``), so that a
        crash of the query engine raises ``QueryError`` instead of ending the notebook's
        kernel; a writable store's background work makes forking it unsafe, so there it
        runs in this process.
        """
        from kg.contain import contained
        from kg.query import select
        if self.read_only:
            rows = contained(lambda: select(self.store, sparql))
        else:
            rows = select(self.store, sparql)
        return [dict(zip(rows.variables, row)) for row in rows.rows]

    def named_query(self, name: str) -> list[dict[str, object]]:
        """The rows of one of the shipped queries (``queries/NAME.rq``)."""
        from kg.query import load_named
        return self.query(load_named(name))

    def to_networkx(self, projection: str = "actor-event-place", *, since: str | None = None,
                    until: str | None = None, event_types: tuple[str, ...] = (), min_weight: int = 1):
        """A networkx DiGraph: ``actor-event-place``, ``actor-actor`` or ``place-place``."""
        from kg.gephi import PROJECTIONS, Filters, to_networkx
        if projection not in PROJECTIONS:
            raise QueryError(f"unknown projection {projection!r}; choose one of {', '.join(PROJECTIONS)}")
        return to_networkx(self.store, projection, Filters(since, until, tuple(event_types), min_weight))

    def rdflib(self):
        """An rdflib Dataset backed by this very store (no copy); its default graph is the
        union of all graphs, as in kg query."""
        import rdflib
        from oxrdflib import OxigraphStore
        return rdflib.Dataset(store=OxigraphStore(store=self.store), default_union=True)

    def stats(self) -> dict:
        """Articles, quads, entities by type, events by type."""
        from kg.stats import store_stats
        return store_stats(self.store)


def open(path: str | Path = "kg-store", *, read_only: bool = True) -> KnowledgeGraph:  # noqa: A001
    """Open a kg store; read-only by default, so that an ingest can run beside it."""
    return KnowledgeGraph(path, read_only=read_only)
