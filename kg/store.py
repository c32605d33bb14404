"""The on-disk Oxigraph store: one named graph per article, written atomically.

A store records the kg and ontology versions that wrote it (in the store graph);
each article graph records when it was ingested and by which kg version.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, Store

from kg import __version__, vocab as v
from kg.errors import StoreError

DEFAULT_STORE = Path("kg-store")
STORE_NODE = NamedNode(v.ID + "store")


def open_store(path: str | Path | None = None, *, read_only: bool = False, create: bool = True) -> Store:
    """The Oxigraph store at ``path`` (default ``./kg-store``), checked for a compatible version."""
    path = Path(path or DEFAULT_STORE)
    if read_only or not create:
        if not (path / "CURRENT").exists():
            raise StoreError(f"{path}: no kg store here; create one with `kg ingest ARTICLES --store {path}`")
    try:
        store = Store.read_only(str(path)) if read_only else Store(str(path))
    except OSError as exc:
        if "lock" in str(exc).lower():
            raise StoreError(f"{path}: the store is in use by another kg process (an ingest?); "
                             "wait for it to finish, or use another --store") from None
        raise StoreError(f"{path}: cannot open the store: {exc}") from None
    _check_version(store, path, write=not read_only)
    return store


def _check_version(store: Store, path: Path, *, write: bool) -> None:
    found = [q.object.value for q in store.quads_for_pattern(STORE_NODE, v.K["ontologyVersion"], None, v.STORE_GRAPH)]
    if found and found[0].split(".")[:2] != v.ONTOLOGY_VERSION.split(".")[:2]:
        raise StoreError(f"{path}: written with ontology {found[0]}, this kg uses {v.ONTOLOGY_VERSION}; "
                         f"re-ingest the articles into a new store (kg ingest … --store NEW)")
    if write and not found:
        store.extend([
            Quad(STORE_NODE, v.A, v.K["Store"], v.STORE_GRAPH),
            Quad(STORE_NODE, v.K["kgVersion"], Literal(__version__), v.STORE_GRAPH),
            Quad(STORE_NODE, v.K["ontologyVersion"], Literal(v.ONTOLOGY_VERSION), v.STORE_GRAPH),
        ])


def article_graphs(store: Store, article_id: str) -> list[NamedNode]:
    """The graphs that hold an article with this id (one, unless a write was interrupted)."""
    return [q.graph_name for q in store.quads_for_pattern(None, v.K["articleId"], Literal(article_id), None)
            if isinstance(q.graph_name, NamedNode) and q.subject == q.graph_name]


def write_article(store: Store, graph: NamedNode, article_id: str, quads: Iterable[Quad],
                  background: Iterable[Quad] = ()) -> str:
    """Store one article's graph in one transaction, replacing an older version of it.

    Returns "stored", "replaced" or "unchanged" (the same content was already stored).
    """
    old = article_graphs(store, article_id)
    if old == [graph]:
        return "unchanged"
    quads = _undescribed(store, quads) + list(background)
    if not old:
        store.extend(quads)  # one transaction: all of the article or none of it
        return "stored"
    # Dropping the old graph and inserting the new one in one update keeps the
    # replacement atomic: a kill leaves either version, never both or half.
    drops = " ".join(f"DROP SILENT GRAPH {g} ;" for g in old)
    inserts = "\n".join(f"GRAPH {q.graph_name} {{ {q.subject} {q.predicate} {q.object} }}" for q in quads)
    store.update(f"{drops} INSERT DATA {{ {inserts} }}")
    return "replaced"


def _undescribed(store: Store, quads: Iterable[Quad]) -> list[Quad]:
    """The quads, less the descriptions of entities the entities graph already holds
    (a lexicon entity is described once, not once per article that names it)."""
    known: dict[object, bool] = {}
    out = []
    for q in quads:
        if q.graph_name == v.ENTITIES_GRAPH:
            if q.subject not in known:
                known[q.subject] = any(True for _ in store.quads_for_pattern(q.subject, None, None, v.ENTITIES_GRAPH))
            if known[q.subject]:
                continue
        out.append(q)
    return out
