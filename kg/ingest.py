"""read → extract → graph → store, article by article: the composition and nothing else."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg import __version__
from kg.errors import KgError, ReadError
from kg.extract import Extractor, Settings
from kg.graph import article_iri, background_quads, quads
from kg.link import link_events
from kg.read import read_articles
from kg.store import open_store, write_article


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


def ingest(paths: Iterable[str | Path], *, store: str | Path | None = None, settings: Settings = Settings(),
           published: dt.date | None = None, source: str | None = None, encoding: str | None = None,
           progress: Callable[[IngestReport], None] | None = None) -> IngestReport:
    """Read, extract and store every article under ``paths``; bad inputs are collected, not raised."""
    target = open_store(store)
    extractor = Extractor(settings)
    report = IngestReport()
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    for item in read_articles(paths, published=published, source=source, encoding=encoding):
        if isinstance(item, ReadError):
            report.errors.append(item)
        else:
            try:
                analysis = extractor.extract(item)
                graph = article_iri(item.id, item.text)
                outcome = write_article(target, graph, item.id,
                                        quads(analysis, ingested_at=now, kg_version=__version__),
                                        background_quads(analysis, extractor.lexicon))
            except KgError as err:
                report.errors.append(err)
            except Exception as exc:  # an extractor bug must not lose the rest of the batch
                report.errors.append(KgError(f"{item.origin}: internal error while extracting "
                                             f"({type(exc).__name__}: {exc}); please report it"))
            else:
                setattr(report, outcome, getattr(report, outcome) + 1)
        if progress:
            progress(report)
    if report.stored or report.replaced:
        report.links = link_events(target)
    target.flush()
    return report
