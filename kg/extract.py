"""Article → Analysis: the composition of the extraction stages, and its JSON form
(the "Analysis" shape of shared/gold/FORMAT.md)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from kg import analyse
from kg.counts import find_counts
from kg.dates import find_dates
from kg.entities import find_entities
from kg.events import find_events
from kg.lexicon import Lexicon, load_lexicon
from kg.model import Analysis, Article, Count, Entity
from kg.relations import find_relations
from kg.romanise import romanise


@dataclass(frozen=True, slots=True)
class Settings:
    """What extraction needs besides the article: the user's lexicons and the recogniser."""

    lexicons: tuple[Path, ...] = ()
    statistical: bool = True
    ner_model: Path | None = None  # a local BERT NER model folder (kg.bert); None: the shipped CRF


class Extractor:
    """Loads lexicons and models once; ``extract`` is then a pure function of the article."""

    def __init__(self, settings: Settings = Settings()):
        self.settings = settings
        self.lexicon: Lexicon = load_lexicon(settings.lexicons)
        self.recogniser = _recogniser(settings.ner_model) if settings.statistical else None

    def extract(self, article: Article) -> Analysis:
        """The entities, events, counts and relations of one article."""
        text = article.text
        sentences = analyse.sentences(text)
        tokens = [analyse.tokens(text, s.start, s.end) for s in sentences]
        dates = find_dates(text, article.published)
        entities = tuple(_with_english_label(e) for e in
                         _outside_dates(find_entities(text, sentences, tokens, self.lexicon, self.recogniser), dates))
        dates_by_sentence = defaultdict(list)
        for date in dates:
            date = _year_edge(text, date)
            if not _comparison_bound(text, date.start) and not (
                    date.precision == "year" and _SINCE_START.search(text[max(0, date.start - 60):date.start])):
                dates_by_sentence[_sentence_at(sentences, date.start)].append(date)
        events, claimants = find_events(text, sentences, tokens, entities, self.lexicon,
                                        dates_by_sentence, article.published)
        counts = []
        for found in find_counts(text):
            if found.vague:
                continue
            index = _sentence_at(sentences, found.start)
            near = [e for e in events if e.sentence == index]
            event = min(near, key=lambda e: abs(e.start - found.start)).id if near else None
            counts.append(Count(
                type=found.type, number=found.number, start=found.start, end=found.end, text=found.text,
                sentence=index, low=found.low, high=found.high, qualifier=found.qualifier,
                what=found.what, event=event, source=claimants.get(index)))
        relations = find_relations(text, sentences, tokens, entities, self.lexicon)
        background = tuple(sorted({
            (e.key, "LOCATED_IN", e.parent) for e in entities
            if e.parent and e.type in ("GPE", "LOC") and self.lexicon.get(e.parent)}))
        return Analysis(article, sentences, entities, events, tuple(counts), relations, background)


def _outside_dates(entities, dates) -> list[Entity]:
    """The entities without their mentions inside a date: ليل الخميس is a night, not Lille,
    تموز a month. An entity left with no mention is dropped."""
    spans = [(d.start, d.end) for d in dates]
    out = []
    for entity in entities:
        kept = tuple(m for m in entity.mentions if not any(a < m.end and m.start < b for a, b in spans))
        if kept == entity.mentions:
            out.append(entity)
        elif kept:
            out.append(replace(entity, mentions=kept))
    return out


def _with_english_label(entity: Entity) -> Entity:
    """A person or place no lexicon knows gets a romanisation of its Arabic name as its
    English label, marked as such; an organisation's name wants translating, not that."""
    if entity.label_en or entity.type not in ("PER", "GPE", "LOC"):
        return entity
    return replace(entity, label_en=romanise(entity.label_ar, kind=entity.type), label_romanised=True)


def _recogniser(ner_model: Path | None = None):
    """The BERT recogniser in ``ner_model`` (kg.bert.BertModelError if it cannot be used: the
    user asked for it), else the shipped statistical recogniser, or None where its model is
    not available."""
    if ner_model is not None:
        from kg.bert import BertRecogniser
        return BertRecogniser.load(ner_model)
    try:
        from kg.recogniser import default_recogniser
        return default_recogniser()
    except (ImportError, OSError, FileNotFoundError):
        return None


# An elative: ال + أ + two or three root letters (الأعنف، الأشد، الأسوأ), or الأول; not
# the nouns of that shape that news puts before منذ (الأمم المتحدة منذ 2006).
_SINCE_SUPERLATIVE = re.compile(r"(?:^|\s)(?!ال[أا](?:مم|من|رض|سد|مس|ردن|مير)(?!\w))(?:ال[أا]\w{2,3}|الأولى?)(?!\w)"
                                r"(?:\s+\S+){0,4}\s+منذ\s+(?:\S+\s+){0,6}$")


# "منذ بدء النزاع في سوريا عام 2011": the year a background conflict began.
_SINCE_START = re.compile(r"منذ\s+(?:بدء|بداية|اندلاع|انطلاق)\s+(?:\S+\s+){0,5}$")


# "نهاية عام 2017" is December 2017, "مطلع العام 2016" January 2016.
_YEAR_EDGE = re.compile(r"(نهاية|أواخر|اواخر|بداية|مطلع|أوائل|اوائل|مستهل)\s+(?:ال)?عام\s+\S*$")


def _year_edge(text: str, date):
    """A year named by its end or its start, as that month."""
    match = date.precision == "year" and _YEAR_EDGE.search(text[max(0, date.start - 20):date.end])
    if not match:
        return date
    month = "12" if match.group(1) in ("نهاية", "أواخر", "اواخر") else "01"
    return replace(date, value=f"{date.value}-{month}", precision="month")


def _comparison_bound(text: str, start: int) -> bool:
    """Whether a date closes "the X-est since …" (الأعنف منذ … العام الماضي): the bound
    of a comparison, not the date of the event."""
    return bool(_SINCE_SUPERLATIVE.search(text[max(0, start - 80):start]))


def _sentence_at(sentences: Sequence, pos: int) -> int:
    for sentence in sentences:
        if sentence.start <= pos < sentence.end:
            return sentence.index
    return len(sentences) - 1


def analysis_json(analysis: Analysis) -> dict:
    """The analysis in the shape of shared/gold/FORMAT.md."""
    article = analysis.article
    return {
        "article": {"id": article.id, "published": article.published.isoformat() if article.published else None,
                    "title": article.title, "source": article.source, "url": article.url},
        "entities": [
            {"id": e.id, "type": e.type, "label_en": e.label_en, "label_ar": e.label_ar, "key": e.key,
             "label_romanised": e.label_romanised,
             "kind": e.kind, "wikidata": e.wikidata, "geonames": e.geonames, "lat": e.lat, "lon": e.lon,
             "mentions": [{"start": m.start, "end": m.end, "text": m.text, "how": m.how} for m in e.mentions]}
            for e in analysis.entities],
        "events": [
            {"id": v.id, "type": v.type, "mode": v.mode, "start": v.start, "end": v.end, "text": v.text,
             "actors": list(v.actors), "targets": list(v.targets), "places": list(v.places),
             "date": v.date, "date_precision": v.date_precision, "date_is_fallback": v.date_is_fallback,
             "source": v.source, "modality": v.modality, "confidence": v.confidence}
            for v in analysis.events],
        "counts": [
            {"type": c.type, "number": c.number, "low": c.low, "high": c.high, "qualifier": c.qualifier,
             "what": c.what, "start": c.start, "end": c.end, "text": c.text, "event": c.event,
             "source": c.source}
            for c in analysis.counts],
        "relations": [
            {"subject": r.subject, "predicate": r.predicate, "object": r.object, "start": r.start,
             "end": r.end, "text": r.text}
            for r in analysis.relations],
    }
