"""The on-disk Oxigraph store: one named graph per article, written atomically.

A store records the kg and ontology versions that wrote it (in the store graph);
each article graph records when it was ingested and by which kg version.

Readers and one writer at a time. pyoxigraph says opening a store read-only while
another process writes it is undefined behaviour, and with pyoxigraph 0.5.13 it is:
such an open fails now and then ("Corruption: … No such file", the store being fine),
replays the writer's whole unflushed log, and once in a few hundred opens reads garbage
and aborts the process (docs/reliability.md). So no reader opens the live store while a
writer has it open:

- a writer (``open_store(read_only=False)``) publishes a snapshot of the store
  (``Store.backup``: hard links, consistent at a transaction boundary) under
  ``kg-snapshots/`` when it opens and then at most every ``PUBLISH_EVERY_S`` seconds
  after an article is written;
- a reader (``open_store(read_only=True)``) takes a private snapshot and opens that
  read-only: of the live store when no writer holds it (it holds the store's lock for
  the few milliseconds that takes), else of the writer's latest published snapshot.
  A reader therefore sees whole articles, never fewer than an earlier reader saw, and
  keeps its view for as long as it keeps the store open;
- every open that touches the live store or ``kg-snapshots/`` does so under one
  advisory lock (``kg-open.lock``), so a writer that starts while a reader takes its
  snapshot waits for it instead of failing, and a second writer fails at once.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, Store

from kg import __version__, vocab as v
from kg.errors import StoreError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no flock; readers open the live store as before
    fcntl = None

DEFAULT_STORE = Path("kg-store")
STORE_NODE = NamedNode(v.ID + "store")

SNAPSHOTS = "kg-snapshots"  # inside the store folder: RocksDB leaves alone the names it did not make
OPEN_LOCK = "kg-open.lock"
PUBLISH_EVERY_S = 1.0  # how stale a reader's view of a running ingest may be
LOCK_WAIT_S = 60.0  # the longest wait for the open lock before giving up
KEEP_LOGS = 5  # RocksDB keeps up to 1,000 LOG.old.* files, one per open; kg keeps this many

# Writers opened by this process: id(store) → (its folder, monotonic time of its last
# snapshot). pyoxigraph's Store takes no weak references, so an entry outlives its store;
# a later store that reuses the id is registered anew by open_store.
_writers: dict[int, tuple[Path, float]] = {}
_serial = itertools.count()


def open_store(path: str | Path | None = None, *, read_only: bool = False, create: bool = True) -> Store:
    """The Oxigraph store at ``path`` (default ``./kg-store``), checked for a compatible version.

    Read-only, it is a private snapshot of the store as of now, safe to read while an
    ingest writes (see the module's docstring).
    """
    path = Path(path or DEFAULT_STORE)
    if read_only or not create:
        if not (path / "CURRENT").exists():
            raise StoreError(f"{path}: no kg store here; create one with `kg ingest ARTICLES --store {path}`")
    if read_only:
        store = _open_reader(path)
        _check_version(store, path, write=False)
        return store
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{path}: cannot create the store folder: {exc.strerror or exc}") from None
    with _open_lock(path, needed=True):
        store = _open(path, read_only=False)
        _check_version(store, path, write=True)
        # Any published snapshot was an earlier writer's, older than the store now.
        _clean(path, holding_store=True)
        _publish(store, path)
    return store


def _open(path: Path, *, read_only: bool) -> Store:
    try:
        return Store.read_only(str(path)) if read_only else Store(str(path))
    except OSError as exc:
        if _locked(exc):
            raise StoreError(f"{path}: the store is in use by another kg process (an ingest?); "
                             "wait for it to finish, or use another --store") from None
        raise StoreError(f"{path}: cannot open the store: {exc}") from None
    except RuntimeError as exc:  # pyoxigraph reports some RocksDB errors this way
        raise StoreError(f"{path}: cannot open the store: {exc}") from None


def _locked(exc: OSError) -> bool:
    # RocksDB: "While lock file: …/LOCK: Resource temporarily unavailable" (another
    # process) or "lock hold by current process" (this one).
    return "lock" in str(exc).lower()


def _open_reader(path: Path) -> Store:
    """A read-only store over a private snapshot of ``path``."""
    try:
        with _open_lock(path, needed=False) as lock:
            if lock is None:  # no advisory locks here, or the folder is not ours to write
                return _open(path, read_only=True)
            try:
                probe = Store(str(path))
            except RuntimeError as exc:  # pyoxigraph reports some RocksDB errors this way
                raise StoreError(f"{path}: cannot open the store: {exc}") from None
            except OSError as exc:
                if not _locked(exc):
                    return _open(path, read_only=True)  # e.g. a read-only folder: nobody writes it
                source = _newest_published(path)
                if source is None:
                    raise StoreError(f"{path}: the store is being written by a process that publishes no "
                                     f"snapshot for readers (not kg {__version__}?); wait for it to finish") from None
                target = _private_name(path)
                _copy_snapshot(source, target)
            else:
                target = _private_name(path)
                try:
                    probe.backup(str(target))
                finally:
                    del probe  # closes it: the store's lock is free again
                _clean(path, holding_store=True)
            _clean(path, holding_store=False)
    except OSError as exc:
        raise StoreError(f"{path}: cannot take a snapshot of the store to read: {exc}") from None
    return _open(target, read_only=True)


@contextlib.contextmanager
def _open_lock(path: Path, *, needed: bool) -> Iterator[object | None]:
    """Hold the store's open lock; yields None (and locks nothing) where there are no
    advisory locks, or, when not ``needed``, where the lock file cannot be made."""
    if fcntl is None:
        yield None
        return
    try:
        fd = os.open(path / OPEN_LOCK, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        if needed:
            raise StoreError(f"{path}: cannot lock the store: {exc.strerror or exc}") from None
        yield None
        return
    try:
        deadline = time.monotonic() + LOCK_WAIT_S
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise StoreError(f"{path}: another kg process has held the store's open lock for over "
                                     f"{LOCK_WAIT_S:g} s; is one stopped (Ctrl-Z)?") from None
                time.sleep(0.01)
        yield fd
    finally:
        os.close(fd)  # releases the flock


def _publish(store: Store, path: Path) -> None:
    """Publish a snapshot of the writer's store for readers, and drop older ones (under the open lock)."""
    folder = path / SNAPSHOTS
    folder.mkdir(exist_ok=True)
    temporary = folder / f"tmp-{os.getpid()}-{next(_serial)}"
    try:
        store.backup(str(temporary))
        os.rename(temporary, folder / f"w-{time.time_ns():020d}")
    except OSError:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    for old in sorted(folder.glob("w-*"))[:-1]:
        shutil.rmtree(old, ignore_errors=True)
    _writers[id(store)] = (path, time.monotonic())


def _maybe_publish(store: Store) -> None:
    entry = _writers.get(id(store))
    if entry is None or time.monotonic() - entry[1] < PUBLISH_EVERY_S:
        return
    path = entry[0]
    try:
        with _open_lock(path, needed=True):
            _publish(store, path)
    except (OSError, StoreError):
        # Readers keep the previous snapshot; the next article tries again. The
        # article itself is stored: a failed snapshot must not report it as failed.
        _writers[id(store)] = (path, time.monotonic())


def _newest_published(path: Path) -> Path | None:
    published = sorted((path / SNAPSHOTS).glob("w-*"))
    return published[-1] if published else None


def _private_name(path: Path) -> Path:
    folder = path / SNAPSHOTS
    folder.mkdir(exist_ok=True)
    return folder / f"r-{os.getpid()}-{next(_serial)}-{time.time_ns()}"


def _copy_snapshot(source: Path, target: Path) -> None:
    """Copy a published snapshot: hard links for the immutable table files, copies for the rest."""
    target.mkdir()
    for item in source.iterdir():
        if item.suffix == ".sst":
            try:
                os.link(item, target / item.name)
                continue
            except OSError:
                pass  # no hard links on this file system
        shutil.copy2(item, target / item.name)


def _clean(path: Path, *, holding_store: bool) -> None:
    """Remove the snapshots nobody can use any more (under the open lock).

    A private or half-made snapshot belongs to the process named in it, and goes once that
    process has ended. Holding the store's own lock (no writer is running), published
    snapshots are stale and go too, and so do RocksDB's old info logs beyond a few.
    """
    folder = path / SNAPSHOTS
    if folder.is_dir():
        for item in folder.iterdir():
            kind, _, rest = item.name.partition("-")
            if kind == "w" and holding_store:
                shutil.rmtree(item, ignore_errors=True)
            elif kind in ("r", "tmp") and not _alive(rest.split("-")[0]):
                shutil.rmtree(item, ignore_errors=True)
    if holding_store:
        for old in sorted(path.glob("LOG.old.*"))[:-KEEP_LOGS]:
            with contextlib.suppress(OSError):
                old.unlink()


def _alive(pid: str) -> bool:
    if not pid.isdigit():
        return True  # not a name kg gives: leave it
    if int(pid) == os.getpid():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # e.g. another user's process
    return True


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
        _maybe_publish(store)
        return "stored"
    # Dropping the old graph and inserting the new one in one update keeps the
    # replacement atomic: a kill leaves either version, never both or half.
    drops = " ".join(f"DROP SILENT GRAPH {g} ;" for g in old)
    inserts = "\n".join(f"GRAPH {q.graph_name} {{ {q.subject} {q.predicate} {q.object} }}" for q in quads)
    store.update(f"{drops} INSERT DATA {{ {inserts} }}")
    _maybe_publish(store)
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
