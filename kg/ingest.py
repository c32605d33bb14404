"""read → extract → graph → store, article by article: the composition and nothing else.

With ``jobs > 1`` extraction and quad building run in worker processes, batch by
batch (memory stays flat however long the input), and this process alone writes.
"""

from __future__ import annotations

import datetime as dt
import itertools
import multiprocessing
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode, Quad

from kg import __version__
from kg.errors import KgError, ReadError
from kg.extract import Extractor, Settings
from kg.graph import article_iri, background_quads, quads
from kg.link import link_events
from kg.model import Article
from kg.read import read_articles
from kg.store import open_store, write_article

BATCH = 64  # articles handed to the workers at a time; fewer than this run in-process


@dataclass
class IngestReport:
    stored: int = 0
    replaced: int = 0
    unchanged: int = 0
    links: int | None = None  # event links across articles, when recomputed
    errors: list[KgError] = field(default_factory=list)

    @property
    def done(self) -> int:
        return self.stored + self.replaced + self.unchanged


@dataclass(frozen=True, slots=True)
class Prepared:
    """One article's quads, ready to write."""

    article_id: str
    graph: NamedNode
    quads: list[Quad]
    background: list[Quad]


def ingest(paths: Iterable[str | Path], *, store: str | Path | None = None, settings: Settings = Settings(),
           published: dt.date | None = None, source: str | None = None, encoding: str | None = None,
           jobs: int = 1, progress: Callable[[IngestReport], None] | None = None) -> IngestReport:
    """Read, extract and store every article under ``paths``; bad inputs are collected, not raised."""
    target = open_store(store)
    report = IngestReport()
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    items = _new_only(target, read_articles(paths, published=published, source=source, encoding=encoding),
                      report, progress)
    first = list(itertools.islice(items, BATCH))
    if settings.ner_model is not None and jobs > 1:
        from kg.bert import BertRecogniser
        BertRecogniser.load(settings.ner_model)  # fail here: a worker whose initializer raises is restarted forever
    if jobs > 1 and len(first) == BATCH:
        with multiprocessing.get_context("spawn").Pool(jobs, _start_worker, (settings, now)) as pool:
            for batch in _batches(itertools.chain(first, items)):
                for result in pool.map(_prepare_in_worker, batch, chunksize=max(1, len(batch) // (jobs * 4))):
                    _write(target, result, report, progress)
    else:
        extractor = Extractor(settings)
        for item in itertools.chain(first, items):
            _write(target, _prepare(extractor, item, now), report, progress)
    if report.stored or report.replaced:
        report.links = link_events(target)
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


def _prepare(extractor: Extractor, item: Article | ReadError, now: str) -> Prepared | KgError:
    if isinstance(item, ReadError):
        return item
    try:
        analysis = extractor.extract(item)
        return Prepared(item.id, article_iri(item.id, item.text),
                        list(quads(analysis, ingested_at=now, kg_version=__version__)),
                        list(background_quads(analysis, extractor.lexicon)))
    except KgError as err:
        return err
    except Exception as exc:  # an extractor bug must not lose the rest of the batch
        return KgError(f"{item.origin}: internal error while extracting ({type(exc).__name__}: {exc}); "
                       "please report it")


def _write(target, result: Prepared | KgError, report: IngestReport, progress) -> None:
    if isinstance(result, KgError):
        report.errors.append(result)
    else:
        try:
            outcome = write_article(target, result.graph, result.article_id, result.quads, result.background)
        except OSError as exc:
            report.errors.append(KgError(f"{result.article_id}: cannot write to the store: {exc}"))
        else:
            setattr(report, outcome, getattr(report, outcome) + 1)
    if progress:
        progress(report)


_worker: tuple[Extractor, str] | None = None


def _start_worker(settings: Settings, now: str) -> None:
    global _worker
    _worker = (Extractor(settings), now)


def _prepare_in_worker(item: Article | ReadError) -> Prepared | KgError:
    extractor, now = _worker
    return _prepare(extractor, item, now)
