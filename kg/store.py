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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store, parse, serialize

from kg import __version__, vocab as v
from kg.errors import StoreError

try:
    import fcntl
    msvcrt = None
except ImportError:  # pragma: no cover - Windows: a byte-range lock on the lock file instead of flock
    fcntl = None
    import msvcrt

DEFAULT_STORE = Path("kg-store")
STORE_NODE = NamedNode(v.ID + "store")

SNAPSHOTS = "kg-snapshots"  # inside the store folder: RocksDB leaves alone the names it did not make
OPEN_LOCK = "kg-open.lock"
PUBLISH_EVERY_S = 1.0  # how stale a reader's view of a running ingest may be
LOCK_WAIT_S = 60.0  # the longest wait for the open lock before giving up
PENDING = v.K["pendingGraph"]  # kgid:store kg:pendingGraph G: G is being written (write_articles)
BULK_MIN_QUADS = 5_000  # below this a batch is written in transactions: the bulk loader makes files
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
        _recover(store)
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
                    _recover(probe)  # no writer holds the store: clear what a killed one left
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
    """Hold the store's open lock; yields None (and locks nothing) when not ``needed``
    and the lock file cannot be made."""
    try:
        fd = os.open(path / OPEN_LOCK, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        if needed:
            raise StoreError(f"{path}: cannot lock the store: {exc.strerror or exc}") from None
        yield None
        return
    try:
        deadline = time.monotonic() + LOCK_WAIT_S
        while not _try_lock(fd):
            if time.monotonic() > deadline:
                raise StoreError(f"{path}: another kg process has held the store's open lock for over "
                                 f"{LOCK_WAIT_S:g} s; is one stopped (Ctrl-Z)?") from None
            time.sleep(0.01)
        yield fd
    finally:
        if msvcrt is not None:  # pragma: no cover - Windows frees a lock on close only eventually
            with contextlib.suppress(OSError):
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        os.close(fd)  # releases the flock


def _try_lock(fd: int) -> bool:
    """Take the exclusive lock on an open file without waiting; False while another process holds it."""
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False
    os.lseek(fd, 0, os.SEEK_SET)  # pragma: no cover - Windows
    try:  # pragma: no cover
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        return True
    except OSError:  # pragma: no cover
        return False


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
    if os.name == "nt":  # pragma: no cover - there os.kill(pid, 0) would end the process
        return _alive_on_windows(int(pid))
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # e.g. another user's process
    return True


def _alive_on_windows(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return ctypes.get_last_error() != 87  # ERROR_INVALID_PARAMETER: no such process
    try:
        code = ctypes.c_ulong()
        return bool(kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


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


@dataclass(frozen=True, slots=True)
class ArticleQuads:
    """One article's quads, ready to write: its own graph's, the descriptions of the entities it
    names (entities graph) and its places' hierarchy (background graph)."""

    article_id: str
    graph: NamedNode
    quads: list[Quad]
    background: list[Quad] = field(default_factory=list)
    # What the derive steps read of the article (kg.link.events_of, kg.tally.counted), made
    # where the article is prepared (a worker process) so that the one writer need not;
    # a step computes what is missing here.
    summary: dict = field(default_factory=dict)

    def __reduce__(self):
        # Between processes the quads travel as N-Quads: pickling pyoxigraph terms one by one
        # costs the writer ~13 ms an article to unpickle, parsing N-Quads ~1.5 ms.
        return _article_quads, (self.article_id, self.graph.value, serialize(self.quads, format=RdfFormat.N_QUADS),
                                serialize(self.background, format=RdfFormat.N_QUADS), self.summary)


def _article_quads(article_id: str, graph: str, quads: bytes, background: bytes, summary: dict) -> ArticleQuads:
    return ArticleQuads(article_id, NamedNode(graph), list(parse(quads, format=RdfFormat.N_QUADS)),
                        list(parse(background, format=RdfFormat.N_QUADS)), summary)


# What a batch write asks of the stages that derive quads from articles (kg.link.Linker,
# kg.tally.tallies_for): given the store with the new articles' graphs in it, the new
# articles and the graphs about to be dropped, the quads to add and to remove with them.
# Plain callables: store.py stands above those modules.
Derive = Callable[[Store, list[ArticleQuads], list[NamedNode]], tuple[list[Quad], list[Quad]]]


def write_article(store: Store, graph: NamedNode, article_id: str, quads: Iterable[Quad],
                  background: Iterable[Quad] = ()) -> str:
    """Store one article's graph in one transaction, replacing an older version of it.

    Returns "stored", "replaced" or "unchanged" (the same content was already stored).
    """
    return write_articles(store, [ArticleQuads(article_id, graph, list(quads), list(background))])[0]


def write_articles(store: Store, articles: Iterable[ArticleQuads], *, derive: Sequence[Derive] = ()) -> list[str]:
    """Store a batch of articles, each whole or not at all, replacing older versions of them,
    with what ``derive`` adds and removes for them (event links, tallies) in the same transaction.

    Returns each article's outcome ("stored", "replaced" or "unchanged"), in order. An
    article id met twice ends the batch there (the second version then replaces the first,
    as it would one by one).

    Large batches write the article graphs with pyoxigraph's bulk loader (about four times
    faster than a transaction, but not atomic), fenced by the store's pending list: the
    graphs are listed as pending in one transaction before the bulk write, and unlisted in
    the transaction that then adds the entity descriptions, background and links and drops
    replaced versions. A graph still pending when a store is opened was cut off by a crash,
    and goes (``_recover``); snapshots for readers are published only between batches.
    """
    outcomes: list[str] = []
    batch: list[ArticleQuads] = []
    for article in articles:
        if any(article.article_id == other.article_id for other in batch):
            _write_batch(store, batch, outcomes, derive)
            batch = []
        batch.append(article)
    _write_batch(store, batch, outcomes, derive)
    return outcomes


def _write_batch(store: Store, batch: list[ArticleQuads], outcomes: list[str], derive: Sequence[Derive]) -> None:
    new: list[ArticleQuads] = []
    dropped: list[NamedNode] = []
    for article in batch:
        old = article_graphs(store, article.article_id)
        if old == [article.graph]:
            outcomes.append("unchanged")
            continue
        outcomes.append("replaced" if old else "stored")
        dropped += [g for g in old if g != article.graph]
        if article.graph not in old:  # else only the other versions go
            new.append(article)
    if not new and not dropped:
        return
    graphs = [article.graph for article in new]
    own = [q for article in new for q in article.quads if q.graph_name == article.graph]
    pending = [Quad(STORE_NODE, PENDING, g, v.STORE_GRAPH) for g in graphs]
    # Deriving reads the new graphs from the store, so they go in before the final update.
    staged = bool(derive) or len(own) >= BULK_MIN_QUADS
    if staged:
        store.extend(pending)
        if len(own) >= BULK_MIN_QUADS:
            store.bulk_extend(own)
        else:
            store.extend(own)
    inserts = [] if staged else own
    inserts += _undescribed(store, new)
    inserts += [q for q in dict.fromkeys(q for article in new for q in article.background) if q not in store]
    deletes = pending if staged else []
    for step in derive:
        added, removed = step(store, new, dropped)
        inserts += added
        deletes += removed
    # One update, one transaction: the batch is stored, or (after _recover) not at all.
    store.update(" ".join([*(f"DROP SILENT GRAPH {g} ;" for g in dropped),
                           f"DELETE DATA {{ {_quad_data(deletes)} }} ;",
                           f"INSERT DATA {{ {_quad_data(inserts)} }}"]))
    _maybe_publish(store)


def _quad_data(quads: Iterable[Quad]) -> str:
    by_graph: dict[NamedNode, list[str]] = {}
    for q in quads:
        by_graph.setdefault(q.graph_name, []).append(f"{q.subject} {q.predicate} {q.object} .")
    return " ".join(f"GRAPH {g} {{ {' '.join(triples)} }}" for g, triples in by_graph.items())


def _recover(store: Store) -> int:
    """Drop the article graphs that a killed batch write left pending; returns how many."""
    pending = list(store.quads_for_pattern(STORE_NODE, PENDING, None, v.STORE_GRAPH))
    if pending:
        store.update(" ".join([*(f"DROP SILENT GRAPH {q.object} ;" for q in pending),
                               f"DELETE DATA {{ {_quad_data(pending)} }}"]))
    return len(pending)


def _undescribed(store: Store, articles: list[ArticleQuads]) -> list[Quad]:
    """The quads of the articles outside their own graphs, less the descriptions of entities
    the entities graph already holds or an earlier article of the batch describes (a lexicon
    entity is described once, by the first article that names it, not once per article)."""
    owner: dict[object, int] = {}
    out = []
    for n, article in enumerate(articles):
        for q in article.quads:
            if q.graph_name == article.graph:
                continue
            if q.graph_name == v.ENTITIES_GRAPH:
                if q.subject not in owner:
                    described = any(True for _ in store.quads_for_pattern(q.subject, None, None, v.ENTITIES_GRAPH))
                    owner[q.subject] = -1 if described else n
                if owner[q.subject] != n:
                    continue
            out.append(q)
    return out
