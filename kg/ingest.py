"""read → extract → graph → store, article by article: the composition and nothing else.

With ``jobs > 1`` extraction and quad building run in worker processes, batch by
batch (memory stays flat however long the input), and this process alone writes,
while the workers prepare the next batch. Articles are written a batch at a time
(``store.write_articles``), each batch with the event links of its new articles.
"""

from __future__ import annotations

import datetime as dt
import itertools
import multiprocessing
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg import __version__
from kg.errors import KgError, ReadError
from kg.extract import Extractor, Settings
from kg.graph import article_iri, background_quads, by_subject, quads
from kg.link import Linker, ensure_link_keys, events_of
from kg.tally import counted, ensure_tallies, tallies_for
from kg.model import Analysis, Article
from kg.read import read_articles
from kg.store import ArticleQuads, open_store, write_articles

BATCH = 64  # articles handed to the workers, and written, at a time; fewer than this run in-process
WRITE_EVERY_S = 0.25  # in one process, a batch is written at least this often


@dataclass
class IngestReport:
    stored: int = 0
    replaced: int = 0
    unchanged: int = 0
    links: int | None = None  # event links this ingest added across articles, when it wrote any article
    errors: list[KgError] = field(default_factory=list)

    @property
    def done(self) -> int:
        return self.stored + self.replaced + self.unchanged


def ingest(paths: Iterable[str | Path], *, store: str | Path | None = None, settings: Settings = Settings(),
           published: dt.date | None = None, source: str | None = None, encoding: str | None = None,
           jobs: int = 1, progress: Callable[[IngestReport], None] | None = None) -> IngestReport:
    """Read, extract and store every article under ``paths``; bad inputs are collected, not raised."""
    target = open_store(store)
    ensure_tallies(target)  # a store written before kg kept tallies and link keys gets them once
    ensure_link_keys(target)
    report = IngestReport()
    linker = Linker()
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    items = _new_only(target, read_articles(paths, published=published, source=source, encoding=encoding),
                      report, progress)
    first = list(itertools.islice(items, BATCH))
    if settings.ner_model is not None and jobs > 1:
        from kg.bert import BertRecogniser
        BertRecogniser.load(settings.ner_model)  # fail here: a worker whose initializer raises is restarted forever
    if jobs > 1 and len(first) == BATCH:
        with multiprocessing.get_context("spawn").Pool(jobs, _start_worker, (settings, now)) as pool:
            batches = _batches(itertools.chain(first, items))
            chunks = max(1, BATCH // (jobs * 4))
            running = pool.map_async(_prepare_in_worker, next(batches), chunksize=chunks)
            for batch in batches:
                # The workers prepare the next batch while this process writes the last one;
                # two batches at most are in memory.
                upcoming = pool.map_async(_prepare_in_worker, batch, chunksize=chunks)
                _write(target, running.get(), report, progress, linker)
                running = upcoming
            _write(target, running.get(), report, progress, linker)
    else:
        extractor = Extractor(settings)
        batch, started = [], time.monotonic()
        for item in itertools.chain(first, items):
            batch.append(_prepare(extractor, item, now))
            # A batch ends at BATCH articles, or sooner on a slow run, so that what is
            # extracted is soon stored (and seen by readers).
            if len(batch) == BATCH or time.monotonic() - started > WRITE_EVERY_S:
                _write(target, batch, report, progress, linker)
                batch, started = [], time.monotonic()
        _write(target, batch, report, progress, linker)
    target.flush()
    return report


def _new_only(target, items, report: IngestReport, progress):
    """The items still to extract: an article whose graph is already stored is unchanged."""
    for item in items:
        if not isinstance(item, ReadError) and target.contains_named_graph(article_iri(item.id, item.text)):
            report.unchanged += 1
            if progress:
                progress(report)
            continue
        yield item


def _batches(items):
    while batch := list(itertools.islice(items, BATCH)):
        yield batch


def _prepare(extractor: Extractor, item: Article | ReadError, now: str) -> ArticleQuads | KgError:
    if isinstance(item, ReadError):
        return item
    try:
        analysis = extractor.extract(item)
        return prepared(analysis, extractor.lexicon, now)
    except KgError as err:
        return err
    except Exception as exc:  # an extractor bug must not lose the rest of the batch
        return KgError(f"{item.origin}: internal error while extracting ({type(exc).__name__}: {exc}); "
                       "please report it")


def store_articles(target, prepared: list[ArticleQuads], linker: Linker) -> list[str]:
    """Write prepared articles as one batch with their event links (``linker``, one per ingest)
    and tallies; the outcome of each article."""
    return write_articles(target, prepared, derive=(linker, tallies_for))


def prepared(analysis: Analysis, lexicon, now: str) -> ArticleQuads:
    """An analysis as quads ready to write, with what the writer's event links and tallies read of it."""
    graph = article_iri(analysis.article.id, analysis.article.text)
    article_quads = list(quads(analysis, ingested_at=now, kg_version=__version__))
    subjects = by_subject(q for q in article_quads if q.graph_name == graph)
    return ArticleQuads(analysis.article.id, graph, article_quads, list(background_quads(analysis, lexicon)),
                        {"events": events_of(subjects), "tallies": counted(graph, subjects)})


def _write(target, results: list[ArticleQuads | KgError], report: IngestReport, progress, linker: Linker) -> None:
    prepared = [r for r in results if not isinstance(r, KgError)]
    report.errors += [r for r in results if isinstance(r, KgError)]
    if prepared:
        try:
            before = linker.added
            outcomes = store_articles(target, prepared, linker)
            links = linker.added - before
        except OSError as exc:
            report.errors += [KgError(f"{p.article_id}: cannot write to the store: {exc}") for p in prepared]
        else:
            for outcome in outcomes:
                setattr(report, outcome, getattr(report, outcome) + 1)
            if report.stored or report.replaced:
                report.links = (report.links or 0) + links
    if progress:
        progress(report)


_worker: tuple[Extractor, str] | None = None


def _start_worker(settings: Settings, now: str) -> None:
    global _worker
    _worker = (Extractor(settings), now)


def _prepare_in_worker(item: Article | ReadError) -> ArticleQuads | KgError:
    extractor, now = _worker
    return _prepare(extractor, item, now)
