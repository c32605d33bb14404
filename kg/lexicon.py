"""Lexicons of actors and places: TSV files (docs/lexicons.md) → an index of names.

The shipped lexicons live in ``kg/lexicons/``; users add their own files, whose
rows replace shipped rows with the same ``id``.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.analyse import key
from kg.errors import LexiconError

SHIPPED = Path(__file__).parent / "lexicons"
COMMON_WORDS = SHIPPED / "common-words.txt"
COLUMNS = ("id", "type", "kind", "en", "en_aliases", "ar", "wikidata", "geonames", "lat", "lon",
           "parent", "country", "nisba", "forces")
TYPES = {"PER", "ORG", "GPE", "LOC", "EVENT"}
PLACE_TYPES = {"GPE", "LOC"}
_LONG_VOWELS = str.maketrans("", "", "اوي")
_MEMO_LIMIT = 200_000  # word forms (or sequences) that Lexicon.starting and .match remember


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    type: str
    kind: str
    en: str
    en_aliases: tuple[str, ...]
    ar: tuple[str, ...]
    wikidata: str | None
    geonames: str | None
    lat: float | None
    lon: float | None
    parent: str | None
    country: str | None
    nisba: tuple[str, ...]
    forces: str | None

    @property
    def is_place(self) -> bool:
        return self.type in PLACE_TYPES


@lru_cache(maxsize=200_000)
def loose(name_key: str) -> str:
    """A spelling-tolerant form of a normalised multi-letter name: long vowels
    dropped inside words (الديموقراطية = الديمقراطية, أميركية = أمريكية)."""
    return " ".join(w[0] + w[1:].translate(_LONG_VOWELS) for w in name_key.split())


class Lexicon:
    """Every entry by id, and the entries each normalised Arabic name can denote."""

    def __init__(self, entries: Iterable[Entry], common_words: Iterable[str] = ()):
        self.common_words = frozenset(common_words)
        self.entries: dict[str, Entry] = {}
        for entry in entries:
            self.entries[entry.id] = entry
        self.names: dict[str, list[str]] = defaultdict(list)
        self.loose_names: dict[str, list[str]] = defaultdict(list)
        self.nisba: dict[str, str] = {}  # nisba key (masculine, no article) → country id
        # Every word-prefix of every name, exact and loose, so a matcher stops
        # extending a span as soon as no name can start with it.
        self.prefixes: set[str] = set()
        self.longest = 1
        for entry in self.entries.values():
            for name in entry.ar:
                name_key = key(name)
                if not name_key:
                    continue
                self.names[name_key].append(entry.id)
                words = name_key.split()
                self.longest = max(self.longest, len(words))
                loose_key = loose(name_key)
                # Tolerance only for names of several words, long enough not to collide
                # by chance (السحول and الساحل share a loose form).
                if " " in loose_key and len(loose_key.replace(" ", "")) >= 7:
                    self.loose_names[loose_key].append(entry.id)
                    loose_words = loose_key.split()
                    self.prefixes.update(" ".join(loose_words[:n]) for n in range(1, len(loose_words) + 1))
                self.prefixes.update(" ".join(words[:n]) for n in range(1, len(words) + 1))
            for adjective in entry.nisba:
                self.nisba[key(adjective)] = entry.id
        self._starting = _Memo(self._find_starting)
        self._matches = _Memo(self._find_match)

    def may_start(self, words_key: str) -> bool:
        """Whether some name begins with these words (exactly or in their loose form)."""
        return words_key in self.prefixes or loose(words_key) in self.prefixes

    def starting(self, forms: tuple[str, ...]) -> tuple[str, ...]:
        """The forms of a word (a token's ``stems``) that some name begins with, in order."""
        return self._starting[forms]

    def starting_positions(self, tokens: Sequence) -> list[tuple[int, tuple[str, ...]]]:
        """(index, ``starting`` forms) of each token (anything with ``stems``) that has any."""
        starting = self._starting
        return [(i, forms) for i, token in enumerate(tokens) if (forms := starting[token.stems])]

    def match(self, words_key: str) -> tuple[Entry, ...] | None:
        """None where no name begins with these words (``may_start``), else the entries
        they name (``lookup``, often none)."""
        return self._matches[words_key]

    def _find_starting(self, forms: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(f for f in forms if self.may_start(f))

    def _find_match(self, words_key: str) -> tuple[Entry, ...] | None:
        return tuple(self.lookup(words_key)) if self.may_start(words_key) else None

    def lookup(self, name_key: str) -> list[Entry]:
        """Entries an exact normalised name denotes, or failing that its loose form."""
        ids = self.names.get(name_key) or self.loose_names.get(loose(name_key), [])
        return [self.entries[i] for i in dict.fromkeys(ids)]

    def get(self, entry_id: str | None) -> Entry | None:
        return self.entries.get(entry_id) if entry_id else None

    def country_of_nisba(self, word_key: str) -> Entry | None:
        """The country a nationality adjective names: سوري، السورية، الروسيين، الأمريكية …"""
        word = word_key[2:] if word_key.startswith("ال") else word_key
        for suffix in ("يين", "يون", "يان", "يتين", "يتان", "يه", "ي"):
            if word.endswith(suffix) and len(word) > len(suffix) + 1:
                country = self.nisba.get(word[: -len(suffix)] + "ي")
                if country:
                    return self.entries[country]
        return None

    def ancestors(self, entry_id: str) -> list[Entry]:
        """The containing places of a place, nearest first."""
        out, seen = [], {entry_id}
        entry = self.entries.get(entry_id)
        while entry and entry.parent and entry.parent not in seen:
            seen.add(entry.parent)
            entry = self.entries.get(entry.parent)
            if entry:
                out.append(entry)
        return out


class _Memo(dict):
    """A dict that fills itself: a missing key gets ``compute(key)``. It is emptied when it
    holds _MEMO_LIMIT values, so that a long stream of new words cannot fill memory."""

    def __init__(self, compute):
        super().__init__()
        self.compute = compute

    def __missing__(self, key):
        if len(self) >= _MEMO_LIMIT:
            self.clear()
        value = self[key] = self.compute(key)
        return value


def read_lexicon_file(path: Path) -> list[Entry]:
    """The entries of one lexicon TSV file; LexiconError names the line of a bad row."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read lexicon: {exc.strerror}") from None
    with handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = [c for c in ("id", "type", "ar") if c not in (reader.fieldnames or ())]
        if missing:
            raise LexiconError(f"{path}:1: lexicon header lacks column(s) {', '.join(missing)}; "
                               f"expected {' '.join(COLUMNS)} (see docs/lexicons.md)")
        return [_entry(row, f"{path}:{reader.line_num}") for row in reader]


def _entry(row: dict[str, str | None], where: str) -> Entry:
    def cell(name: str) -> str:
        return (row.get(name) or "").strip()

    def many(name: str) -> tuple[str, ...]:
        return tuple(v.strip() for v in cell(name).split("|") if v.strip())

    def number(name: str) -> float | None:
        try:
            return float(cell(name)) if cell(name) else None
        except ValueError:
            raise LexiconError(f"{where}: column {name} is not a number: {cell(name)!r}") from None

    if not cell("id"):
        raise LexiconError(f"{where}: empty id")
    if cell("type") not in TYPES:
        raise LexiconError(f"{where}: type {cell('type')!r} is not one of {', '.join(sorted(TYPES))}")
    return Entry(
        id=cell("id"), type=cell("type"), kind=cell("kind"), en=cell("en") or cell("id"),
        en_aliases=many("en_aliases"), ar=many("ar"), wikidata=cell("wikidata") or None,
        geonames=cell("geonames") or None, lat=number("lat"), lon=number("lon"),
        parent=cell("parent") or None, country=cell("country") or None, nisba=many("nisba"),
        forces=cell("forces") or None,
    )


def load_lexicon(extra: Sequence[Path] = ()) -> Lexicon:
    """The shipped lexicons plus the user's files (later rows replace earlier ones by id)."""
    return _load(tuple(Path(p).resolve() for p in extra))


@lru_cache(maxsize=8)
def _load(extra: tuple[Path, ...]) -> Lexicon:
    entries: list[Entry] = []
    for path in sorted(SHIPPED.glob("*.tsv")) + list(extra):
        entries.extend(read_lexicon_file(path))
    common = COMMON_WORDS.read_text(encoding="utf-8").split("\n")[1:] if COMMON_WORDS.exists() else ()
    return Lexicon(entries, (w for w in common if w))
