"""Relations the text states between entities: who leads, speaks for, belongs to,
supports or controls whom, and which place lies in which."""

from __future__ import annotations

from collections.abc import Sequence

from kg.analyse import key
from kg.model import Entity, Relation, Sentence, Token

# cue word → (predicate, direction): "person-after-org" means the role noun is
# followed by the organisation, then the person (مدير المرصد السوري رامي عبد الرحمن).
LEADER_CUES = {key(w) for w in (
    "رئيس", "رئيسة", "مدير", "مديرة", "قائد", "زعيم", "الأمين العام", "ملك", "أمير", "رئيسا",
)}
MEMBER_CUES = {key(w) for w in (
    "وزير", "وزيرة", "مندوب", "مندوبة", "سفير", "سفيرة", "مبعوث", "المبعوث", "عضو", "نائب",
    "مسؤول", "المسؤول", "القيادي", "لاعب", "اللاعب", "مستشار",
)}
SPOKESPERSON_CUES = {key(w) for w in ("المتحدث باسم", "الناطق باسم", "المتحدثة باسم", "متحدث باسم")}
SUPPORT_CUES = {key(w) for w in ("الداعمة", "الداعم", "الداعمين", "تدعم", "يدعم", "دعم")}
SUPPORTED_CUES = {key(w) for w in ("المدعومة", "المدعوم", "مدعومة", "مدعوم", "المدعومين")}
CONTROL_CUES = {key(w) for w in ("سيطرة",)}
HEAD_CUES = {key(w) for w in ("رأسها", "راسها", "رأسه")}
ALLY_CUES = {key(w) for w in ("حليف", "حليفة", "حلفاء", "المتحالفة", "المتحالف", "حليفها", "حليفه")}
ORG_TYPES = {"ORG", "GPE"}


def find_relations(text: str, sentences: Sequence[Sentence], tokens_by_sentence: Sequence[Sequence[Token]],
                   entities: Sequence[Entity]) -> tuple[Relation, ...]:
    """The relations each sentence states, with the span of words that states it."""
    mentions = sorted(((m.start, m.end, e) for e in entities for m in e.mentions), key=lambda x: x[0])
    out: dict[tuple[str, str, str], Relation] = {}
    for sentence, toks in zip(sentences, tokens_by_sentence):
        here = [(a, b, e) for a, b, e in mentions if sentence.start <= a < sentence.end]
        for subject, predicate, obj, start, end in _sentence_relations(toks, here):
            if subject.id != obj.id:
                out.setdefault((subject.id, predicate, obj.id),
                               Relation(subject.id, predicate, obj.id, start, end, text[start:end], sentence.index))
    return tuple(out.values())


def _after(here, pos, types, limit=80):
    return next(((a, b, e) for a, b, e in here if pos <= a <= pos + limit and e.type in types), None)


def _before(here, pos, types, limit=80):
    return next(((a, b, e) for a, b, e in reversed(here) if pos - limit <= b <= pos and e.type in types), None)


def _sentence_relations(toks: Sequence[Token], here):
    for i, tok in enumerate(toks):
        stems = set(tok.stems)
        two = {s + " " + toks[i + 1].key for s in tok.stems} if i + 1 < len(toks) else set()
        if stems & LEADER_CUES or two & LEADER_CUES or two & SPOKESPERSON_CUES or stems & MEMBER_CUES:
            predicate = ("SPOKESPERSON_OF" if two & SPOKESPERSON_CUES else
                         "LEADER_OF" if stems & LEADER_CUES or two & LEADER_CUES else "MEMBER_OF")
            org = _after(here, tok.end, ORG_TYPES, 40)
            if org is None:
                continue
            person = _after(here, org[1], {"PER"}, 120) or _before(here, tok.start, {"PER"}, 20)
            if person:
                yield person[2], predicate, org[2], min(tok.start, person[0]), max(org[1], person[1])
        elif stems & HEAD_CUES:
            leader = _after(here, tok.end, {"ORG"}, 20)
            group = _before(here, tok.start, {"ORG"}, 200)
            if leader and group:
                yield leader[2], "LEADER_OF", group[2], tok.start, leader[1]
        elif stems & SUPPORT_CUES or stems & SUPPORTED_CUES:
            left = _before(here, tok.start, ORG_TYPES, 30)
            right = _after(here, tok.end, ORG_TYPES, 20)
            if left and right:
                supporter, supported = (left, right) if stems & SUPPORT_CUES else (right, left)
                yield supporter[2], "SUPPORTS", supported[2], left[0], right[1]
        elif stems & CONTROL_CUES and i and toks[i - 1].key == "تحت":
            controller = _after(here, tok.end, {"ORG"}, 20)
            place = _before(here, toks[i - 1].start, {"LOC", "GPE"}, 60)
            if controller and place:
                yield controller[2], "CONTROLS", place[2], place[0], controller[1]
        elif stems & ALLY_CUES:
            left = _before(here, tok.start, ORG_TYPES, 30)
            right = _after(here, tok.end, ORG_TYPES, 20)
            if left and right:
                yield left[2], "ALLIED_WITH", right[2], left[0], right[1]
        elif tok.key == "في" and i:
            inner = _before(here, tok.start, {"LOC", "GPE"}, 2)
            outer = _after(here, tok.end, {"GPE"}, 12)
            if inner and outer and inner[2].kind != "country":
                yield inner[2], "LOCATED_IN", outer[2], inner[0], outer[1]
