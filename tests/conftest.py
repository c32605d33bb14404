"""Shared fixtures: paths to ../shared (tests that need it skip, saying why, where it
is absent), the seed article, and a store built from the seed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "corpus" / "seed" / "aleppo-raqqa-2016-12-10.txt"
GOLD = SHARED / "gold"
EXAMPLES = ROOT / "examples"

needs_shared = pytest.mark.skipif(
    not SEED.exists(), reason="../shared (seed article, gold, NER data) is not beside this checkout")


def valid_iob2(tags) -> bool:
    """Whether every I-X tag continues a B-X or I-X (what both recognisers promise)."""
    prev = "O"
    for t in tags:
        if t.startswith("I-") and prev[2:] != t[2:]:
            return False
        prev = t
    return True


@pytest.fixture(scope="session")
def extractor():
    from kg.extract import Extractor
    return Extractor()


@pytest.fixture(scope="session")
def seed_article():
    if not SEED.exists():
        pytest.skip("../shared/corpus/seed is not beside this checkout")
    from kg.model import Article
    return Article(id=SEED.stem, text=SEED.read_text(encoding="utf-8"), published=dt.date(2016, 12, 10),
                   origin=str(SEED))


@pytest.fixture(scope="session")
def seed_analysis(extractor, seed_article):
    return extractor.extract(seed_article)


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory):
    """An on-disk store with the seed and dev articles ingested (read-only for tests)."""
    if not SEED.exists():
        pytest.skip("../shared/corpus is not beside this checkout")
    from kg.ingest import ingest
    path = tmp_path_factory.mktemp("store") / "kg-store"
    report = ingest([SEED.parent, SHARED / "corpus" / "dev"], store=path)
    assert not report.errors, report.errors
    from kg.store import open_store
    return open_store(path, read_only=True)


@pytest.fixture()
def example_store(tmp_path):
    """A fresh store with the repository's own example articles."""
    from kg.ingest import ingest
    from kg.store import open_store
    path = tmp_path / "kg-store"
    report = ingest([EXAMPLES], store=path)
    assert not report.errors, report.errors
    return path
