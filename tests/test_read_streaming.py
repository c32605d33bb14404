"""kg.read streams JSON Lines: memory does not grow with the file, whatever its encoding.

The figures for a 1 GB file come from benchmarks/memory.py (docs/reliability.md); these
tests check the same on files of a few tens of MB, with tracemalloc counting every
allocation Python makes while reading.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import tracemalloc
from collections.abc import Callable, Iterator

import pytest

import kg.read
from kg.errors import ReadError
from kg.model import Article
from kg.read import read_articles

SENTENCE = "قصفت طائرات حربية بلدة في ريف إدلب صباح اليوم، وقال الدفاع المدني إن ثلاثة مدنيين قتلوا. "
MB = 2**20


def _jsonl(path, megabytes: int, encoding: str = "utf-8", bom: bytes = b"") -> int:
    """Write a JSON Lines file of about ``megabytes`` MB; the number of articles in it."""
    lines = [json.dumps({"id": f"a{n}", "text": SENTENCE * 60, "published": "2019-05-12"}, ensure_ascii=False)
             .encode(encoding) + "\n".encode(encoding) for n in range(10)]
    count = megabytes * MB // len(lines[0])
    with path.open("wb") as out:
        out.write(bom)
        for n in range(count):
            out.write(lines[n % 10])
    return count


@contextlib.contextmanager
def _traced() -> Iterator[Callable[[], int]]:
    """tracemalloc on, for the block; gives a function of the peak bytes allocated so far."""
    tracemalloc.start()
    try:
        yield lambda: tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _peaks(path) -> tuple[int, int, int]:
    """(bytes allocated at the peak until the first article, at the peak over the whole file, articles)."""
    with _traced() as peak:
        items = read_articles([path])
        first = next(items)
        assert isinstance(first, Article) and first.text == SENTENCE * 60
        first_peak = peak()
        count = 1
        for item in items:
            assert isinstance(item, Article)
            count += 1
        return first_peak, peak(), count


def test_the_first_article_of_a_50_mb_file_is_read_without_reading_the_file(tmp_path):
    path = tmp_path / "big.jsonl"
    _jsonl(path, 50)
    with _traced() as peak:
        first = next(read_articles([path]))
        assert peak() < 1 * MB  # the file is 50 MB
    assert isinstance(first, Article) and first.id == "a0"


def test_memory_does_not_grow_with_the_file(tmp_path):
    small, large = tmp_path / "small.jsonl", tmp_path / "large.jsonl"
    small_count, large_count = _jsonl(small, 2), _jsonl(large, 20)
    _, small_peak, counted_small = _peaks(small)
    _, large_peak, counted_large = _peaks(large)
    assert (counted_small, counted_large) == (small_count, large_count)
    assert large_peak < 1 * MB and large_peak < small_peak + 64 * 1024  # ten times the file, the same memory


@pytest.mark.parametrize("encoding, bom", [
    ("utf-16-le", b""),  # told by the NULs of its first 4 KB
    ("utf-16-be", b""),
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-8", codecs.BOM_UTF8),
    ("cp1256", b""),  # told by its first line that is not UTF-8
])
def test_telling_the_encoding_reads_a_sample_not_the_file(tmp_path, encoding, bom):
    path = tmp_path / "big.jsonl"
    count = _jsonl(path, 10, encoding, bom)
    first_peak, peak, counted = _peaks(path)
    assert counted == count
    assert first_peak < 1 * MB and peak < 1 * MB  # the file is 10 MB


def test_a_line_longer_than_any_article_is_skipped_without_being_held(tmp_path, monkeypatch):
    monkeypatch.setattr(kg.read, "MAX_ARTICLE_BYTES", 100_000)
    path = tmp_path / "array.jsonl"
    good = json.dumps({"id": "after", "text": SENTENCE}, ensure_ascii=False)
    path.write_text("[" + ", ".join([json.dumps({"text": SENTENCE}, ensure_ascii=False)] * 2000) + "]\n"
                    + good + "\n", encoding="utf-8")
    with _traced() as peak:
        items = list(read_articles([path]))
        assert peak() < 1 * MB  # the line is 0.4 MB: read in pieces of at most MAX_ARTICLE_BYTES
    assert isinstance(items[0], ReadError) and str(items[0]).startswith(f"{path}:1: a line of more than")
    assert "one object per line" in str(items[0])
    assert isinstance(items[1], Article) and items[1].id == "after"
    wide = tmp_path / "wide.jsonl"
    wide.write_bytes(codecs.BOM_UTF16_LE + path.read_text(encoding="utf-8").encode("utf-16-le"))
    items = list(read_articles([wide]))
    assert isinstance(items[0], ReadError) and "a line of more than" in str(items[0])
    assert isinstance(items[1], Article) and items[1].id == "after"


def test_a_text_file_larger_than_any_article_is_refused_unread(tmp_path, monkeypatch):
    monkeypatch.setattr(kg.read, "MAX_ARTICLE_BYTES", 100_000)
    path = tmp_path / "huge.txt"
    path.write_text(SENTENCE * 2000, encoding="utf-8")
    [error] = read_articles([path])
    assert isinstance(error, ReadError) and "larger than any article" in str(error)
