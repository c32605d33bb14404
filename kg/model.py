"""The values that flow between the stages: articles in, analyses out.

Every span is a pair of character offsets (code points, end exclusive) into the
article text exactly as read; ``text`` fields always equal ``article.text[start:end]``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from a file or a JSON line."""

    id: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    source: str | None = None
    origin: str = ""  # "path" or "path:line", for messages
    metadata: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Token:
    """A word with its offsets; ``key`` is its normalised lookup form, ``stem`` the key without clitics."""

    start: int
    end: int
    text: str
    key: str
    stems: tuple[str, ...]  # key with 0, 1, 2 leading clitics removed (most stripped last)


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the text that names an entity."""

    start: int
    end: int
    text: str
    type: str  # PER, ORG, GPE, LOC
    how: str = "lexicon"  # lexicon, pattern, statistical, coreference, nisba


@dataclass(frozen=True, slots=True)
class Entity:
    id: str  # "e0", "e1", … within the analysis
    type: str
    label_ar: str
    label_en: str | None
    mentions: tuple[Mention, ...]
    key: str  # lexicon id, or "name:<normalised Arabic>" for names the lexicons don't know
    kind: str | None = None
    wikidata: str | None = None
    geonames: str | None = None
    lat: float | None = None
    lon: float | None = None
    parent: str | None = None  # lexicon id of the containing place / organisation
    country: str | None = None
    label_romanised: bool = False  # label_en is kg.romanise's rendering of label_ar, not a known name


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    type: str  # PLOVER
    start: int  # trigger span
    end: int
    text: str
    sentence: int
    trigger: str = ""  # the trigger as the trigger table lists it (normalised)
    mode: str | None = None
    actors: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    date: str | None = None
    date_precision: str | None = None
    date_is_fallback: bool = False
    source: str | None = None  # entity id of the claimant
    modality: str = "asserted"  # asserted, negated, future, hypothetical
    confidence: float = 0.5


@dataclass(frozen=True, slots=True)
class Count:
    type: str
    number: int
    start: int
    end: int
    text: str
    sentence: int
    low: int | None = None
    high: int | None = None
    qualifier: str | None = None
    what: str | None = None
    event: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Relation:
    subject: str
    predicate: str
    object: str
    start: int
    end: int
    text: str
    sentence: int


@dataclass(frozen=True, slots=True)
class Analysis:
    article: Article
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    counts: tuple[Count, ...] = ()
    relations: tuple[Relation, ...] = ()
    background: tuple[tuple[str, str, str], ...] = field(default=())  # (lexicon id, LOCATED_IN, lexicon id)
