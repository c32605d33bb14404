"""Read articles from plain-text files, JSON Lines files and folders of them.

``read_articles`` yields an ``Article`` for every good article and a ``ReadError``
(not raised) for every bad file or line, so that one bad line never stops a batch.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import ReadError
from kg.model import Article

SUFFIXES = (".txt", ".jsonl")
JSONL_FIELDS = ("id", "text", "title", "published", "url", "source")
# The longest line of a JSON Lines file, and the largest .txt file, that kg reads: no
# article comes near it, and a file without line breaks (a JSON array, a binary file
# named .jsonl) costs this much memory at most instead of its whole size.
MAX_ARTICLE_BYTES = 16 * 2**20
_DATE_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d\d)-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])(?!\d)")


def read_articles(paths: Iterable[str | Path], *, published: dt.date | None = None,
                  source: str | None = None, encoding: str | None = None) -> Iterator[Article | ReadError]:
    """Yield the articles of every file under ``paths``, and a ReadError for each bad one.

    ``published`` and ``source`` fill in what an article does not say itself;
    ``encoding`` forces a text encoding instead of detecting UTF-8, UTF-16 or
    Windows-1256 (see "decoding" below).
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
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            return ReadError(origin, f"{size / 2**20:.0f} MB, larger than any article "
                                     f"(the most kg reads is {MAX_ARTICLE_BYTES // 2**20} MB); skipped")
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
        try:
            for number, line in _jsonl_lines(handle, origin, encoding):
                if isinstance(line, ReadError):
                    yield line
                elif line.strip():
                    try:
                        yield _article_from_json(line, f"{origin}:{number}", path, number, published, source)
                    except ReadError as err:
                        yield err
        except OSError as exc:
            yield ReadError(origin, f"cannot read: {exc.strerror}")


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


# --- decoding -------------------------------------------------------------------------
#
# With no --encoding, a file is read as the encoding it can only be: a BOM says UTF-8,
# UTF-16 or UTF-32; NUL bytes in the pattern of text say UTF-16 without a BOM; text that
# is not UTF-8 but reads as Arabic in Windows-1256 is Windows-1256. Anything else is
# refused with what was tried (docs/reliability.md has the rules and their figures).

_BOMS = (  # (BOM, codec, name); UTF-32 first: its little-endian BOM begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"), (b"%PDF-", "a PDF document"), (b"PK\x03\x04", "a ZIP archive, .docx or .odt"),
    (b"PK\x05\x06", "a ZIP archive"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a .doc or .xls document"),
    (b"{\\rtf", "an RTF document"), (b"\x1f\x8b", "a gzip file"), (b"BZh", "a bzip2 file"),
    (b"\xfd7zXZ\x00", "an xz file"), (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"), (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program"), (b"SQLite format 3\x00", "an SQLite database"),
)
# High bytes of the UTF-16 code units of Arabic news text: ASCII and Latin-1 (00),
# Arabic and its supplements (06-08), general punctuation with the bidi and zero-width
# marks (20), Arabic presentation forms (FB-FE).
_NOT_UTF16_HIGH = bytes(b for b in range(256) if b not in b"\x00\x06\x07\x08\x20\xfb\xfc\xfd\xfe")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # C0 and C1 controls, less tab, newlines, form feed
_ARABIC = "\u0600-\u063f\u0641-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefe"  # less tatweel
_ARABIC_LETTER = re.compile(f"[{_ARABIC}]")
_ARABIC_WORD = re.compile(f"[{_ARABIC}\u0640]+")
# An Arabic letter run straight into a Latin one (no space, no tatweel): what Latin-1,
# ISO-8859-6 or UTF-8 bytes misread as Windows-1256 give, and Arabic text never has.
_RUN_TOGETHER = re.compile(f"[{_ARABIC}][A-Za-z\u00c0-\u024f]|[A-Za-z\u00c0-\u024f][{_ARABIC}]")
MIN_ARABIC_SHARE = 0.6  # of the letters the non-ASCII bytes decode to
MAX_RUN_TOGETHER = 0.02  # per Arabic word
TRIED = "tried UTF-8, UTF-16 and Windows-1256"
HOW_TO_FORCE = "re-save it as UTF-8, or pass --encoding NAME (e.g. cp1256, iso-8859-6, cp720, utf-16)"


def _decode(data: bytes, origin: str, encoding: str | None, *, whole_file: bool = True) -> str:
    """The text of a file (or, with ``whole_file=False``, of one JSON Lines line), or ReadError."""
    if encoding:
        return _forced(data, origin, encoding, whole_file)
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise ReadError(_at(origin, data, exc.start, whole_file),
                                f"starts with a {name} byte-order mark but is not {name} ({exc.reason}); "
                                f"{HOW_TO_FORCE}") from None
    if whole_file:
        _refuse_magic(data, origin)
    if b"\x00" in data:
        # UTF-16 before UTF-8: UTF-16 of ASCII text is valid UTF-8, NULs and all.
        text = _utf16_text(data) if whole_file else None
        if text is None:
            raise ReadError(_at(origin, data, data.index(b"\x00"), whole_file),
                            "binary file (NUL bytes, not in the pattern of UTF-16 text), not a text article; "
                            "skipped (if it is text, pass --encoding)")
        return text
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    else:
        # UTF-16 of Arabic with no ASCII character (so no NUL) can be valid UTF-8 too,
        # made of control characters: 0x06 is every other byte.
        if whole_file and _CONTROLS.search(text):
            return _utf16_text(data) or text
        return text
    if whole_file:
        text = _utf16_text(data)
        if text is not None:
            return text
    text, reason = _cp1256(data)
    if reason is None:
        return text
    raise _not_utf8(origin, data, first_bad, whole_file, reason)


def _forced(data: bytes, origin: str, encoding: str, whole_file: bool) -> str:
    try:
        return data.decode(encoding)
    except LookupError:
        raise ReadError(origin, f"unknown encoding {encoding!r} (--encoding); e.g. cp1256, iso-8859-6, utf-16") from None
    except UnicodeDecodeError as exc:
        raise ReadError(_at(origin, data, exc.start, whole_file), f"cannot decode as {encoding}: {exc.reason} "
                        f"(byte 0x{data[exc.start]:02x}); check the --encoding") from None


def _at(origin: str, data: bytes, offset: int, whole_file: bool) -> str:
    """``origin:line`` for a byte offset into a whole file; a JSON Lines origin has its line already."""
    if not whole_file:
        return origin
    line = data.count(b"\n", 0, offset) + 1
    return f"{origin}:{line}"


def _not_utf8(origin: str, data: bytes, offset: int, whole_file: bool, reason: str) -> ReadError:
    return ReadError(_at(origin, data, offset, whole_file),
                     f"not UTF-8 (byte 0x{data[offset]:02x}), and {reason}; {TRIED}: {HOW_TO_FORCE}")


def _refuse_magic(data: bytes, origin: str) -> None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ReadError(origin, f"binary file ({what}), not a text article; skipped")


def _utf16_order(head: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when the bytes have the pattern of UTF-16 text without a BOM.

    With NUL bytes (the high byte of every ASCII character), nearly all of them sit at
    odd offsets (little-endian) or at even ones (big-endian): no 8-bit text has NULs.
    Without (Arabic with no ASCII character at all), nearly every other byte is a high
    byte of Arabic text (0x06, …: at least half of them Arabic letters) and the bytes
    between are not; a text of fewer than 8 characters is too short to tell.
    """
    head = head[: len(head) // 2 * 2]
    if not head:
        return None
    odd, even = head[1::2].count(0), head[0::2].count(0)
    if odd or even:
        if odd >= 20 * even:
            return "utf-16-le"
        if even >= 20 * odd:
            return "utf-16-be"
        return None
    units = len(head) // 2
    if units < 8:
        return None  # too short to tell
    shares = [len(head[i::2].translate(None, _NOT_UTF16_HIGH)) / units for i in (1, 0)]
    arabic = [sum(head[i::2].count(b) for b in (6, 7, 8)) / units for i in (1, 0)]
    for codec, share, other, letters in (("utf-16-le", *shares, arabic[0]), ("utf-16-be", *reversed(shares), arabic[1])):
        # Spaces (0x20) are the one common byte that may stand on either side.
        if share >= 0.95 and other <= 0.6 and letters >= 0.5:
            return codec
    return None


def _utf16_text(data: bytes) -> str | None:
    """The text of UTF-16 data without a BOM, or None when it is not that."""
    codec = _utf16_order(data[:65536]) if len(data) % 2 == 0 else None
    if codec is None:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return None if _CONTROLS.search(text) else text


def _cp1256(data: bytes) -> tuple[str, str | None]:
    """The data as Windows-1256, and None, or why it is not Windows-1256 Arabic.

    Windows-1256 decodes any bytes, so the test is whether the result reads as Arabic:
    at least MIN_ARABIC_SHARE of the letters that the non-ASCII bytes give are Arabic (the
    ASCII bytes read the same in every candidate, so they say nothing), Arabic letters do
    not run into Latin ones, and there are no control characters.
    """
    text = data.decode("cp1256")
    if _CONTROLS.search(text):
        return text, "not Windows-1256 text either (it has control characters)"
    lines = data.split(b"\n")
    utf8 = next((n for n, line in enumerate(lines, 1) if _clearly_utf8(line)), None)
    if utf8 is not None:
        return text, f"line {utf8} is UTF-8: the file mixes encodings"
    letters = [c for c in text if ord(c) >= 0x80 and c.isalpha()]
    arabic = sum(1 for c in letters if _ARABIC_LETTER.match(c))
    if arabic < 2 or arabic < MIN_ARABIC_SHARE * len(letters):
        return text, (f"not Windows-1256 Arabic either (only {arabic} of its {len(letters)} non-ASCII letters "
                      f"would be Arabic)")
    words = len(_ARABIC_WORD.findall(text))
    together = len(_RUN_TOGETHER.findall(text))
    if together > MAX_RUN_TOGETHER * words:
        return text, (f"not Windows-1256 Arabic either (read so, {together} of its {words} Arabic words run "
                      f"into Latin letters, as another encoding misread does)")
    return text, None


def _clearly_utf8(line: bytes) -> bool:
    """Valid UTF-8 with at least two multibyte characters (Windows-1256 Arabic never is)."""
    if line.isascii():
        return False
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return sum(ord(c) >= 0x80 for c in text) >= 2


def _jsonl_lines(handle, origin: str, encoding: str | None) -> Iterator[tuple[int, str | ReadError]]:
    """(line number, text or ReadError) for each line of a JSON Lines file, read as a stream.

    A UTF-16 or UTF-32 file (BOM, NUL pattern or --encoding) is decoded as a stream of
    text. Otherwise each line is UTF-8 if it can be; the first line that is not decides
    for the whole file whether such lines are Windows-1256 (it reads as Arabic) or are
    refused (it does not), so that one file is not read in two ways.
    """
    head = handle.read(4096)
    handle.seek(0)
    if not encoding:
        try:
            _refuse_magic(head, origin)
        except ReadError as err:
            yield 0, err
            return
    wide = _wide_codec(head, encoding)
    if wide:
        yield from _wide_lines(handle, origin, wide)
        return
    if not encoding and head.count(0) > len(head) // 100:
        yield 0, ReadError(origin, "binary file (NUL bytes, not in the pattern of UTF-16 text), not a text "
                                   "article; skipped (if it is text, pass --encoding)")
        return
    decided: str | int | None = None  # "cp1256", or the number of the line that was not
    for number, raw in enumerate(_bounded_lines(handle, MAX_ARTICLE_BYTES), start=1):
        where = f"{origin}:{number}"
        if raw is None:
            yield number, _too_long(where)
            continue
        if not raw.strip():
            continue
        if encoding or raw.startswith(codecs.BOM_UTF8) or b"\x00" in raw:
            try:
                yield number, _decode(raw, where, encoding, whole_file=False)
            except ReadError as err:
                yield number, err
            continue
        try:
            yield number, raw.decode("utf-8")
            continue
        except UnicodeDecodeError as exc:
            bad = exc.start
        if decided is None:
            text, reason = _cp1256(raw)
            decided = "cp1256" if reason is None else number
            yield number, text if reason is None else _not_utf8(where, raw, bad, False, reason)
        elif decided == "cp1256":
            yield number, raw.decode("cp1256")
        else:
            yield number, ReadError(where, f"not UTF-8 (byte 0x{raw[bad]:02x}), and this file's first line that "
                                           f"is not (line {decided}) was not Windows-1256 Arabic; {TRIED}: {HOW_TO_FORCE}")


def _wide_codec(head: bytes, encoding: str | None) -> str | None:
    """The codec of a JSON Lines file whose lines cannot be split as bytes (UTF-16, UTF-32), or None."""
    if encoding:
        try:
            return None if "a\n".encode(encoding).endswith(b"a\n") else encoding
        except (LookupError, UnicodeError):
            return None  # the per-line decoding reports it
    for bom, codec, _name in _BOMS:
        if head.startswith(bom):
            return codec if codec != "utf-8-sig" else None
    codec = _utf16_order(head) if b"\x00" in head else None
    if codec is None:
        return None
    try:  # incremental: the head may end in the middle of a character
        text = codecs.getincrementaldecoder(codec)().decode(head, final=False)
    except UnicodeDecodeError:
        return None
    return None if _CONTROLS.search(text) else codec


def _wide_lines(handle, origin: str, codec: str) -> Iterator[tuple[int, str | ReadError]]:
    stream = io.TextIOWrapper(handle, encoding=codec, newline="\n")
    number = 0
    try:
        for number, line in enumerate(_bounded_lines(stream, MAX_ARTICLE_BYTES // 2), start=1):
            if line is None:
                yield number, _too_long(f"{origin}:{number}")
            else:
                yield number, line.lstrip("\ufeff") if number == 1 else line
    except UnicodeDecodeError as exc:
        where = f"{origin}:{number + 1}"
        yield number + 1, ReadError(where, f"not {codec.upper()} from this line or one soon after ({exc.reason}); "
                                           f"the rest of the file is skipped; {HOW_TO_FORCE}")
    finally:
        stream.detach()


def _bounded_lines(stream, limit: int) -> Iterator[bytes | str | None]:
    """The lines of a stream one by one, None for each line longer than ``limit``: such
    a line is read in pieces and dropped, never held whole."""
    while line := stream.readline(limit + 1):
        if len(line) <= limit:
            yield line
            continue
        newline = "\n" if isinstance(line, str) else b"\n"
        while line and not line.endswith(newline):
            line = stream.readline(1 << 20)
        yield None


def _too_long(where: str) -> ReadError:
    return ReadError(where, f"a line of more than {MAX_ARTICLE_BYTES // 2**20} MB, larger than any article "
                            f"(the most kg reads); skipped: is this a JSON Lines file, one object per line?")
