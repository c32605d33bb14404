"""Sentences with triggers → events: type, mode, actors, targets, places, date,
modality and the claimant who reported them."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import replace
from collections.abc import Sequence

from kg.analyse import key
from kg.entities import CAPITALS
from kg.lexicon import Lexicon
from kg.model import Entity, Event, Sentence, Token
from kg.triggers import FIRST_WORDS, LONGEST, NOT_FOLLOWED_BY, TRIGGERS

# Verbs and phrases that introduce reported speech: the entity after them is the claimant.
REPORTING = {key(w) for w in (
    "أفاد", "افاد", "أفادت", "قال", "قالت", "أعلن", "أعلنت", "اعلن", "اعلنت", "أكد", "أكدت",
    "ذكر", "ذكرت", "أشار", "أشارت", "أوضح", "أوضحت", "صرح", "وفق", "وفقا", "بحسب", "حسب",
    "نقلت", "نقل", "أضاف", "أضافت", "أورد", "أوردت", "تحدث", "روى", "يقول", "تقول", "يفيد",
    "اعتبر", "اعتبرت", "أفادت", "بيان",
)}
NEGATION = {key(w) for w in ("لن", "لم", "لا", "ما", "ليس", "نفى", "نفت", "ينفي", "تنفي", "دون", "عدم")}
FUTURE = {key(w) for w in ("سوف", "سيتم", "المقرر", "يعتزم", "تعتزم", "ستقوم", "سيقوم", "يتوقع", "غدا")}
HYPOTHETICAL = {key(w) for w in ("قد", "إذا", "اذا", "لو", "ربما", "حال", "يمكن", "احتمال", "محتمل")}
# Words before an entity that make it the target: على، ضد، مواقع X، مقتل 45 عنصرا من X،
# and the other party of a meeting or a deal (التقى مع X، الحوار مع X).
TARGET_CUES = {key(w) for w in ("على", "ضد", "تحت", "سيطرة", "بأيدي", "معاقل", "مواقع", "مقرات", "مسلحي",
                                 "مقاتلي", "عناصر", "عنصرا", "مقاتلا", "مقاتلين", "قتلى", "عناصرها", "قياديين",
                                 "قياديا", "أوكار", "تجمعات", "استهداف", "مع")}
ACTOR_TYPES = {"ORG", "PER"}


class _Tokens(tuple):
    """A sentence's tokens with an index by character offset, so that the words before,
    at or between offsets cost a binary search, not a scan: role assignment looks
    around every mention, and a scan made it cubic in the sentence's length."""

    def __new__(cls, tokens: Sequence[Token]):
        self = super().__new__(cls, tokens)
        self.starts = [t.start for t in self]
        self.ends = [t.end for t in self]
        return self

    def before(self, offset: int, n: int) -> tuple[Token, ...]:
        """The last n tokens that end at or before offset."""
        k = bisect_right(self.ends, offset)
        return self[max(0, k - n):k]

    def at(self, offset: int) -> Token | None:
        k = bisect_right(self.starts, offset) - 1
        return self[k] if k >= 0 and self[k].end > offset else None

    def between(self, start: int, end: int) -> tuple[Token, ...]:
        """The tokens that start strictly between two offsets."""
        return self[bisect_right(self.starts, start):bisect_left(self.starts, end)]


def find_events(text: str, sentences: Sequence[Sentence], tokens_by_sentence: Sequence[Sequence[Token]],
                entities: Sequence[Entity], lexicon: Lexicon, dates_by_sentence, published: dt.date | None,
                ) -> tuple[tuple[Event, ...], dict[int, str]]:
    """The events of an article, and the claimant entity id of each sentence that has one."""
    mentions = sorted(((m.start, m.end, e) for e in entities for m in e.mentions), key=lambda x: x[0])
    named = {e.key: e.id for e in reversed(entities)}  # lexicon id → the article's first entity with it
    claimants: dict[int, str] = {}
    events: list[Event] = []
    for sentence, sentence_tokens in zip(sentences, tokens_by_sentence):
        toks = _Tokens(sentence_tokens)
        in_sentence = [(a, b, e) for a, b, e in mentions if sentence.start <= a < sentence.end]
        claimant = _claimant(toks, in_sentence)
        if claimant is None and sentence.index - 1 in claimants and toks and \
                any(s in ("اضاف", "اشار", "تابع", "اوضح", "اكد") for s in toks[0].stems):
            claimant = claimants[sentence.index - 1]  # وأضاف … continues the last speaker
        if claimant:
            claimants[sentence.index] = claimant
        found = _sending_aid([hit for hit in _triggers(toks) if not _inside_mention(toks, hit, in_sentence)])
        spans = [(toks[i].start, toks[j - 1].end) for i, (j, *_rest) in found]
        locative = _locatives(toks, in_sentence) if found else set()
        for n, (i, (j, type_, mode, trigger)) in enumerate(found):
            start, end = spans[n]
            actors, targets, places = _roles(toks, in_sentence, locative, lexicon, mentions, named, spans, n,
                                             claimant, type_)
            date, precision, fallback = _date(text, dates_by_sentence.get(sentence.index, ()), (start, end), published, toks)
            events.append(Event(
                id=f"v{len(events)}", type=type_, start=start, end=end, text=text[start:end],
                sentence=sentence.index, trigger=trigger, mode=mode, actors=actors, targets=targets,
                places=places, date=date, date_precision=precision, date_is_fallback=fallback,
                source=claimant, modality=_modality(toks, i),
                confidence=round(0.4 + 0.15 * bool(actors) + 0.15 * bool(places) + 0.1 * (j - i > 1), 2),
            ))
    headline = bool(sentences) and text[sentences[0].end - 1:sentences[0].end] == "\n"
    return tuple(_one_per_type(_inherit_actors(_inherit_dates(events, headline)))), claimants


def _inherit_actors(events: list[Event]) -> list[Event]:
    """A re-report (القصف، الغارات) without a named actor takes the actors of the last
    event of its type that named them: arguments are event-level."""
    last: dict[str, Event] = {}
    out = []
    for event in events:
        if not event.actors and event.modality == "asserted" and event.type in last:
            prior = last[event.type]
            event = replace(event, actors=tuple(a for a in prior.actors if a not in event.targets),
                            confidence=round(event.confidence - 0.1, 2))
        if event.actors:
            last[event.type] = event
        out.append(event)
    return out


def _inherit_dates(events: list[Event], headline: bool) -> list[Event]:
    """Dates for the events their sentence does not date. A headline event takes the date
    of the nearest body event of its type (the headline's strike is the body's strike);
    any other takes the day the article dates most often, when it dates one: the story's
    day is usually stated once and then assumed. Only with neither does the publication
    date stand in, flagged as a fallback."""
    dated = [e for e in events if e.date and not e.date_is_fallback]
    days = Counter(e.date for e in dated if e.date_precision == "day")
    story_day = days.most_common(1)[0][0] if days else None
    out = []
    for event in events:
        if event.date_is_fallback:
            same = [d for d in dated if d.type == event.type] if headline and event.sentence == 0 else []
            if not same:
                # القصف … القصف: the same noun again is the same event again
                noun = event.trigger.split()[0].removeprefix("ال")
                same = [d for d in dated if d.type == event.type and d.sentence < event.sentence
                        and d.trigger.split()[0].removeprefix("ال") == noun]
            if same:
                source = min(same, key=lambda d: (abs(d.sentence - event.sentence), d.sentence))
                event = replace(event, date=source.date, date_precision=source.date_precision,
                                date_is_fallback=False, confidence=round(event.confidence - 0.1, 2))
            elif story_day:
                event = replace(event, date=story_day, date_precision="day", date_is_fallback=False,
                                confidence=round(event.confidence - 0.1, 2))
        out.append(event)
    return out


def _sending_aid(found):
    """أرسلت … مساعدات: sending aid is AID, not a deployment."""
    aid_at = [i for i, (_j, type_, *_rest) in found if type_ == "AID"]
    return [(i, hit) for i, hit in found
            if not (hit[1] == "MOBILIZE" and any(0 < a - i <= 4 for a in aid_at))]


def _inside_mention(toks, hit, in_sentence) -> bool:
    """A trigger word inside a name (الهيئة العليا للمفاوضات) is no event."""
    i, (j, *_rest) = hit
    start, end = toks[i].start, toks[j - 1].end
    return any(a <= start and end <= b for a, b, _e in in_sentence)


def _triggers(toks: Sequence[Token]):
    for i, tok in enumerate(toks):
        for first in tok.stems + _future_stems(tok):
            if first not in FIRST_WORDS:
                continue
            for n in range(min(LONGEST, len(toks) - i), 0, -1):
                words = (first,) + tuple(t.key for t in toks[i + 1:i + n])
                hit = TRIGGERS.get(words)
                if hit:
                    # تحت سيطرة is a state and وقف إطلاق النار a ceasefire, not attacks.
                    before = {s for t in toks[max(0, i - 2):i] for s in t.stems}
                    if hit[0] == "ASSAULT" and ("تحت" in before or "وقف" in before):
                        break
                    following = toks[i + n].key if i + n < len(toks) else ""
                    if (words[-1].removeprefix("ال"), following) in NOT_FOLLOWED_BY:
                        break
                    yield i, (i + n, hit[0], hit[1], " ".join(words))
                    break
            else:
                continue
            break


def _future_stems(tok: Token) -> tuple[str, ...]:
    """Stems of a verb with the future prefix سـ removed: سيبحث → يبحث."""
    word = tok.stems[-1] if tok.stems else tok.key
    if word.startswith("س") and word[1:2] in ("ي", "ت", "ن") and len(word) > 4:
        return (word[1:],)
    return ()


def _modality(toks: Sequence[Token], i: int) -> str:
    if _future_stems(toks[i]):
        return "future"
    window = {s for t in toks[max(0, i - 3):i] for s in t.stems}
    if window & NEGATION:
        return "negated"
    if window & FUTURE:
        return "future"
    if window & HYPOTHETICAL:
        return "hypothetical"
    return "asserted"


def _speaks(toks: Sequence[Token], start: int) -> bool:
    """Whether a mention comes within a few words after a reporting verb."""
    return any(REPORTING.intersection(t.stems) for t in toks.before(start, 8))


def _claimant(toks: _Tokens, in_sentence) -> str | None:
    for i, tok in enumerate(toks):
        if not set(tok.stems) & REPORTING:
            continue
        limit = toks[min(i + 4, len(toks) - 1)].end
        for a, _b, entity in in_sentence:
            if tok.end <= a <= limit and entity.type in ACTOR_TYPES and not _posted_to(toks, a):
                return entity.id
    return None


POSTED_TO = key("لدى")


def _posted_to(toks: _Tokens, start: int) -> bool:
    """Whether a name is where an envoy is posted (السفير الروسي لدى الأمم المتحدة): the
    envoy speaks, not the body."""
    return any(POSTED_TO in t.stems for t in toks.before(start, 1))


# Events done with force or means, not words: a person who tells of them (a director,
# a spokesman) is not their actor, though an organisation that announces one often is.
FORCE_TYPES = {"ASSAULT", "MOBILIZE", "COERCE", "RETREAT", "AID", "SANCTION", "PROTEST"}
# Entities that report and publish rather than act: never actors or targets.
NON_ACTOR_KINDS = {"media", "ngo"}
LOCATIVE = {key(w) for w in ("في", "إلى", "الى", "داخل", "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي",
                              "شرقي", "غربي", "وسط", "قرب", "أنحاء", "انحاء", "نحو", "باتجاه", "على", "عبر")}


def _roles(toks, in_sentence, locative: set[int], lexicon: Lexicon, mentions, named: dict[str, str], spans, n,
           claimant, type_: str):
    """Actors, targets and places of the n-th trigger of a sentence: each mention goes to
    the trigger it is nearest to, places to the trigger before them where there is one."""
    trigger_start, trigger_end = spans[n]
    actors: list[str] = []
    targets: list[str] = []
    places: list[str] = []
    by_id = {e.id: e for _a, _b, e in in_sentence}
    actor_end = -1
    for a, b, entity in in_sentence:
        # Places belong to every event of the sentence (the gold ties them all);
        # actors and targets to the trigger they are nearest to.
        if entity.type in ("GPE", "LOC"):
            if entity.key in CAPITALS and a not in locative:
                continue  # الحوار مع دمشق: the government, not a place of the event
            if entity.kind != "country" or a in locative:
                places.append(entity.id)
                continue
            if entity.type == "LOC":
                continue
        cue = _preceding_cue(toks, a)
        # The object of a verb (على مواقع X) belongs to the trigger before it.
        owner = _preceding_trigger(spans, a) if cue else None
        if (owner if owner is not None else _nearest(spans, a, b)) != n:
            continue
        if entity.kind in NON_ACTOR_KINDS or entity.type not in ACTOR_TYPES | {"GPE"}:
            continue
        if entity.type == "PER" and (entity.id == claimant or _speaks(toks, a)):
            continue  # the one who tells of an event (قال مدير المرصد رامي …) is not its actor
        if entity.id in actors or entity.id in targets:
            continue
        if cue and (a >= trigger_end or trigger_start - b < 80):
            targets.append(entity.id)
        elif a >= trigger_end:
            if a - trigger_end < 40 and not actors or actors and _joined(toks, actor_end, a):
                actors.append(entity.id)  # verb–subject order, and the subjects joined to it
                actor_end = b
        elif trigger_start - b < 80:
            if not (actors and _joined(toks, actor_end, a)):
                actors = []
            actors.append(entity.id)  # the nearest subject before the trigger
            actor_end = b
    if claimant in by_id and by_id[claimant].kind not in NON_ACTOR_KINDS and not (
            by_id[claimant].type == "PER" and type_ in FORCE_TYPES):
        first = min(m.start for m in by_id[claimant].mentions)
        if first < trigger_start and claimant not in targets:
            actors = [claimant]  # أعلنت X بدء عملية: the claimant announces its own action
    actors += [a for a in _nisba_parties(toks, trigger_end, in_sentence, named, lexicon) if a not in actors]
    places += _containing_places(places, in_sentence, mentions, lexicon)
    return (tuple(a for a in actors if a not in targets), tuple(targets), tuple(dict.fromkeys(places)))


# Words that end a trigger's noun phrase: a nationality after them is not the trigger's.
PHRASE_BREAKS = {key(w) for w in ("على", "في", "من", "إلى", "الى", "ضد", "مع", "عن", "بين", "ل", "و", "أن", "ان", "إن")}


def _nisba_parties(toks: _Tokens, trigger_end: int, in_sentence, named: dict[str, str], lexicon: Lexicon) -> list[str]:
    """The countries a trigger's nationality adjectives name, where the article names them
    too (``named``): اتفاق أمريكي تركي، الموقف الروسي، غارة جوية عراقية."""
    after = toks.between(trigger_end - 1, trigger_end + 40)[:3]
    out = []
    for tok in after:
        if any(a <= tok.start < b for a, b, _e in in_sentence):
            break  # a name of its own (الطيران الروسي) is read as one
        country = lexicon.country_of_nisba(tok.key)
        if country is None:
            if out or set(tok.stems) & PHRASE_BREAKS or tok.key[:1] in "لب":
                break
            continue  # غارة جوية عراقية، طائرات "أف 16" عراقية
        if country.id in named:
            out.append(named[country.id])
    return out


def _joined(toks: _Tokens, end: int, start: int) -> bool:
    """Whether a mention starting at start is joined by و to one ending at end."""
    here = toks.at(start)
    before = toks.before(here.start, 1) if here is not None else ()
    return bool(before) and here.key[:1] == "و" and before[-1].end == end


def _nearest(spans, a: int, b: int) -> int:
    """The index of the trigger a mention belongs to: the one it follows most closely,
    unless a later trigger is much nearer."""
    best, best_distance = 0, None
    for n, (start, end) in enumerate(spans):
        distance = a - end if a >= end else (start - b) * 1.5
        if best_distance is None or distance < best_distance:
            best, best_distance = n, distance
    return best


def _preceding_trigger(spans, a: int) -> int | None:
    before = [n for n, (_start, end) in enumerate(spans) if end <= a]
    return before[-1] if before else None


def _locatives(toks: _Tokens, in_sentence) -> set[int]:
    """The starts of the place mentions of a sentence that are introduced as places."""
    place_ends = {b for _a, b, e in in_sentence if e.type in ("GPE", "LOC")}
    return {a for a, _b, e in in_sentence if e.type in ("GPE", "LOC") and _locative(toks, a, place_ends)}


def _locative(toks: _Tokens, start: int, place_ends) -> bool:
    """Whether a place name is introduced as a place: في باريس، وفي باريس، بسوريا، and
    the second of في فرنسا وسويسرا."""
    here = toks.at(start)
    for tok in toks.before(start, 1):
        if (set(tok.stems) | {tok.key.removeprefix("و")}) & LOCATIVE:
            return True
        if tok.end in place_ends and here is not None and here.key.startswith("و"):
            return True
    return bool(here and here.key[:1] == "ب" and start > here.start)


def _preceding_cue(toks, start: int) -> bool:
    return any(set(t.stems) & TARGET_CUES for t in toks.before(start, 3))


def _containing_places(places, in_sentence, mentions, lexicon: Lexicon) -> list[str]:
    """The city around a neighbourhood or site: from the lexicon, or the last city named before it."""
    out = []
    by_id = {e.id: e for _a, _b, e in mentions}
    for place in places:
        entity = by_id[place]
        if entity.type != "LOC":
            continue
        parent = lexicon.get(entity.parent)
        if parent is not None:
            match = next((e.id for e in by_id.values() if e.key == parent.id), None)
            if match:
                out.append(match)
                continue
        first = entity.mentions[0].start
        cities = [(a, e) for a, _b, e in mentions if a < first and e.type == "GPE" and e.kind in ("city", "town", None)
                  and not e.key.startswith("name:")]
        if cities:
            out.append(cities[-1][1].id)
    return out


DAY_AFTER = {key(w) for w in ("غداة",)}  # غداة X: the sentence is the day after X
RELATIVE_PRONOUNS = {key(w) for w in ("التي", "الذي", "الذين", "اللذين", "اللتين", "اللواتي", "اللاتي")}


def _in_relative_clause(text: str, toks: _Tokens, date, trigger: tuple[int, int]) -> bool:
    """Whether a date sits in a relative clause apart from the trigger: روسيا، التي
    تدخلت … عام 2015، … قصف / الاستقالة … لماي التي شغلت المنصب بين عامي 2010 و2016.
    A short clause on the trigger itself dates it (الهجوم الذي وقع يوم السبت), and so does one
    that runs on into the trigger without a break (المنشور الذي يحمل تاريخ الأحد مهلة)."""
    start, end = trigger
    if date.start > start:
        after = [t for t in toks.between(start, date.start) if t.start >= end]
        if after and after[0].key in RELATIVE_PRONOUNS and len(after) <= 6:
            return False  # a short clause on the trigger itself
        return any(t.key in RELATIVE_PRONOUNS for t in after)
    before = toks.before(date.start, 10)
    return any(t.key in RELATIVE_PRONOUNS for t in before) and _apart(text, date, trigger)


_CLAUSE_BREAK = re.compile("[،,؛;]")


def _apart(text: str, date, trigger: tuple[int, int]) -> bool:
    """Whether a clause break stands between a date and the trigger."""
    start, end = (date.end, trigger[0]) if date.start < trigger[0] else (trigger[1], date.start)
    return _CLAUSE_BREAK.search(text, start, end) is not None


def _date(text: str, candidates, trigger: tuple[int, int], published: dt.date | None, toks: _Tokens):
    candidates = [d for d in candidates if not _in_relative_clause(text, toks, d, trigger)
                  and not (d.forward and d.start > trigger[0])]
    if candidates:
        nearest = min(candidates, key=lambda d: (_apart(text, d, trigger), abs(d.start - trigger[0])))
        if nearest.precision == "day" and any(DAY_AFTER & set(t.stems) for t in toks.before(trigger[0], 5)):
            # غداة الإعلان عن الاتفاق، أعلنت … الثلاثاء: the agreement was the day before
            return (dt.date.fromisoformat(nearest.value) - dt.timedelta(days=1)).isoformat(), "day", False
        return nearest.value, nearest.precision, False
    if published:
        return published.isoformat(), "day", True
    return None, None, False


def _one_per_type(events: list[Event]) -> list[Event]:
    """One event per type and sentence unless their participants differ (the gold rule)."""
    out: list[Event] = []
    seen: dict[tuple[int, str], Event] = {}
    for event in events:
        prior = seen.get((event.sentence, event.type))
        if prior and (not event.actors or set(event.actors) == set(prior.actors)):
            continue
        seen[(event.sentence, event.type)] = event
        out.append(event)
    return out
