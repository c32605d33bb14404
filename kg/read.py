"""Read articles from plain-text files, JSON Lines files and folders of them.

``read_articles`` yields an ``Article`` for every good article and a ``ReadError``
(not raised) for every bad file or line, so that one bad line never stops a batch.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import ReadError
from kg.model import Article

SUFFIXES = (".txt", ".jsonl")
JSONL_FIELDS = ("id", "text", "title", "published", "url", "source")
_DATE_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d\d)-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])(?!\d)")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def read_articles(paths: Iterable[str | Path], *, published: dt.date | None = None,
                  source: str | None = None, encoding: str | None = None) -> Iterator[Article | ReadError]:
    """Yield the articles of every file under ``paths``, and a ReadError for each bad one.

    ``published`` and ``source`` fill in what an article does not say itself;
    ``encoding`` forces a text encoding instead of detecting UTF-8/UTF-16 by BOM.
    """
    for path in _files(paths):
        if isinstance(path, ReadError):
            yield path
        elif path.suffix == ".jsonl":
            yield from _read_jsonl(path, published, source, encoding)
        else:
            yield _read_txt(path, published, source, encoding)


def _files(paths: Iterable[str | Path]) -> Iterator[Path | ReadError]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in SUFFIXES)
        elif path.is_file():
            yield path
        else:
            yield ReadError(str(path), "no such file or folder")


def _decode(data: bytes, origin: str, encoding: str | None, *, whole_file: bool = True) -> str:
    if encoding:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise ReadError(origin, f"cannot decode as {encoding}: {exc}") from None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec)
    if b"\x00" in data[:8192]:
        raise ReadError(origin, "binary file (NUL bytes), not a text article; skipped")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        where = f"{origin}:{line}" if whole_file else origin
        raise ReadError(where, "not UTF-8 (byte 0x%02x); re-save it as UTF-8 or pass "
                        "--encoding (e.g. cp1256 for Windows Arabic)" % data[exc.start]) from None


def _date_in_name(path: Path) -> dt.date | None:
    match = _DATE_IN_NAME.search(path.stem)
    if not match:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None


def _read_txt(path: Path, published: dt.date | None, source: str | None,
              encoding: str | None) -> Article | ReadError:
    origin = str(path)
    try:
        text = _decode(path.read_bytes(), origin, encoding)
    except ReadError as err:
        return err
    except OSError as exc:
        return ReadError(origin, f"cannot read: {exc.strerror}")
    if not text.strip():
        return ReadError(f"{origin}:1", "empty article (no text)")
    title = text.lstrip("\ufeff").split("\n", 1)[0].strip() or None
    return Article(id=path.stem, text=text, title=title, published=published or _date_in_name(path),
                   source=source, origin=origin)


def _read_jsonl(path: Path, published: dt.date | None, source: str | None,
                encoding: str | None) -> Iterator[Article | ReadError]:
    origin = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield ReadError(origin, f"cannot read: {exc.strerror}")
        return
    with handle:
        for number, raw in enumerate(handle, start=1):
            where = f"{origin}:{number}"
            if not raw.strip():
                continue
            try:
                line = _decode(raw, where, encoding, whole_file=False)
                yield _article_from_json(line, where, path, number, published, source)
            except ReadError as err:
                yield err


def _article_from_json(line: str, where: str, path: Path, number: int,
                       published: dt.date | None, source: str | None) -> Article:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ReadError(where, f"invalid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise ReadError(where, "expected a JSON object with at least a \"text\" field")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ReadError(where, "empty article: the \"text\" field is missing or empty")
    when = record.get("published")
    if when is not None:
        try:
            when = dt.date.fromisoformat(str(when)[:10])
        except ValueError:
            raise ReadError(where, f"\"published\" is not a YYYY-MM-DD date: {when!r}") from None
    ident = record.get("id")
    metadata = tuple(sorted((k, json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v)
                            for k, v in record.items() if k not in JSONL_FIELDS))
    return Article(
        id=str(ident) if ident not in (None, "") else f"{path.stem}-{number}",
        text=text,
        title=_str_or_none(record.get("title")),
        published=when or published,
        url=_str_or_none(record.get("url")),
        source=_str_or_none(record.get("source")) or source,
        origin=where,
        metadata=metadata,
    )


def _str_or_none(value: object) -> str | None:
    return str(value) if value not in (None, "") else None
