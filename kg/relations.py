"""Relations the text states between entities: who leads, speaks for, belongs to,
supports or controls whom, and which place lies in which."""

from __future__ import annotations

from collections.abc import Sequence

from kg.analyse import key
from kg.lexicon import Lexicon
from kg.model import Entity, Relation, Sentence, Token


def _keys(*words: str) -> set[str]:
    return {key(w) for w in words}


# Titles of a head of state, government or organisation: رئيس، الملك، المرشد …
LEADER_CUES = _keys("رئيس", "رئيسة", "الرئيس", "الرئيسة", "مدير", "مديرة", "قائد", "القائد", "زعيم",
                    "الزعيم", "ملك", "الملك", "أمير", "الأمير", "المرشد", "مرشد", "رئيسا", "مدرب", "المدرب")
LEADER_PHRASES = _keys("الأمين العام", "رئيس الوزراء", "رئيسة الوزراء", "رئيس الحكومة", "المرشد الأعلى",
                       "القائد العام")
# Members of an organisation or a government: وزير، سفير، عضو …
MEMBER_CUES = _keys("وزير", "وزيرة", "الوزير", "مندوب", "مندوبة", "المندوب", "سفير", "سفيرة", "السفير",
                    "السفيرة", "مبعوث", "المبعوث", "عضو", "نائب", "مسؤول", "المسؤول", "القيادي", "لاعب",
                    "اللاعب", "مستشار", "مدافع", "مهاجم", "حارس", "وزيرا")
SPOKESPERSON_PHRASES = _keys("المتحدث باسم", "الناطق باسم", "المتحدثة باسم", "متحدث باسم", "الناطقة باسم",
                             "الناطق الرسمي", "المتحدث الرسمي")
SUPPORT_CUES = _keys("الداعمة", "الداعم", "الداعمين", "تدعم", "يدعم", "دعم", "الدعم")
SUPPORTED_CUES = _keys("المدعومة", "المدعوم", "مدعومة", "مدعوم", "المدعومين", "مدعومين", "مسنودين",
                       "مسنودة", "بدعم")
LED_BY_CUES = _keys("بقيادة", "بزعامة", "يقوده", "تقوده", "يقودها", "تقودها", "يتزعمه", "يتزعمها")
PART_CUES = _keys("التابع", "التابعة", "تابع", "تابعة")
CONTROL_CUES = _keys("سيطرة",)
# سيطرت قوات X على Y، المناطق التي يسيطر عليها X
CONTROL_VERBS = _keys("سيطر", "سيطرت", "يسيطر", "تسيطر", "يسيطرون", "تسيطران", "يسيطران")
ON = _keys("على", "عليها", "عليه")
ON_PLACE = key("على")
CONTROLLED_BY_CUES = _keys("معاقل", "معقل")
HEAD_CUES = _keys("رأسها", "راسها", "رأسه")
ALLY_CUES = _keys("حليف", "حليفة", "حلفاء", "المتحالفة", "المتحالف", "حليفها", "حليفه", "حليفتها")
WITHIN_CUES = _keys("في", "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "وسط",
                    "بمحافظة", "بريف", "ريف")
ORG_TYPES = {"ORG", "GPE"}
ANY_CUE = (LEADER_CUES | MEMBER_CUES | SUPPORT_CUES | SUPPORTED_CUES | LED_BY_CUES | PART_CUES | CONTROL_CUES
           | CONTROL_VERBS | CONTROLLED_BY_CUES | HEAD_CUES | ALLY_CUES | WITHIN_CUES
           | {phrase.split()[0] for phrase in LEADER_PHRASES | SPOKESPERSON_PHRASES})
PHRASE_FIRST_WORDS = {phrase.split()[0] for phrase in LEADER_PHRASES | SPOKESPERSON_PHRASES | LEADER_CUES
                      if " " in phrase}
PLACE_TYPES = {"GPE", "LOC"}


def find_relations(text: str, sentences: Sequence[Sentence], tokens_by_sentence: Sequence[Sequence[Token]],
                   entities: Sequence[Entity], lexicon: Lexicon | None = None) -> tuple[Relation, ...]:
    """The relations each sentence states, with the span of words that states it."""
    mentions = sorted(((m.start, m.end, e) for e in entities for m in e.mentions), key=lambda x: x[0])
    by_key = {e.key: e for e in entities}
    out: dict[tuple[str, str, str], Relation] = {}
    for sentence, toks in zip(sentences, tokens_by_sentence):
        here = [(a, b, e) for a, b, e in mentions if sentence.start <= a < sentence.end]
        for subject, predicate, obj, start, end in _sentence_relations(toks, here, lexicon, by_key):
            if subject.id != obj.id:
                out.setdefault((subject.id, predicate, obj.id),
                               Relation(subject.id, predicate, obj.id, start, end, text[start:end], sentence.index))
    return tuple(out.values())


def _after(here, pos, types, limit=80):
    return next(((a, b, e) for a, b, e in here if pos <= a <= pos + limit and e.type in types), None)


def _before(here, pos, types, limit=80):
    return next(((a, b, e) for a, b, e in reversed(here) if pos - limit <= b <= pos and e.type in types), None)


def _is_actor(mention) -> bool:
    """Organisations, and countries (not cities) standing for their state."""
    entity = mention[2]
    return entity.type == "ORG" or (entity.type == "GPE" and entity.kind == "country")


def _phrase(toks, i) -> set[str]:
    """The two-word phrases starting at token i that some cue list holds."""
    if i + 1 >= len(toks) or not PHRASE_FIRST_WORDS.intersection(toks[i].stems):
        return set()
    return {s + " " + toks[i + 1].key for s in toks[i].stems}


def _sentence_relations(toks: Sequence[Token], here, lexicon, by_key):
    for i, tok in enumerate(toks):
        if not ANY_CUE.intersection(tok.stems) and not (tok.key[:1] == "ب" and _clitic_place(tok, here)):
            continue
        stems = set(tok.stems)
        two = _phrase(toks, i)
        if two & SPOKESPERSON_PHRASES:
            org = _after(here, toks[i + 1].end, ORG_TYPES | {"PER"}, 4)
            person = _after(here, org[1], {"PER"}, 60) if org else None
            if org and person:
                yield person[2], "SPOKESPERSON_OF", org[2], tok.start, person[1]
            continue
        leader = bool(stems & LEADER_CUES or two & LEADER_PHRASES)
        if leader or stems & MEMBER_CUES:
            yield from _role(toks, i, here, "LEADER_OF" if leader else "MEMBER_OF", lexicon, by_key)
        elif stems & HEAD_CUES:
            head = _after(here, tok.end, {"ORG"}, 20)
            group = _before(here, tok.start, {"ORG"}, 200)
            if head and group:
                yield head[2], "LEADER_OF", group[2], tok.start, head[1]
        elif stems & LED_BY_CUES:
            head = _nisba_country(toks, i, lexicon, by_key, 1) or _after(here, tok.end, ORG_TYPES | {"PER"}, 25)
            group = _before(here, tok.start, {"ORG"}, 60)
            if head and group and (head[2].type == "PER" or _is_actor(head)):
                yield head[2], "LEADER_OF", group[2], group[0], head[1]
        elif stems & PART_CUES:
            whole = _after(here, tok.end, {"ORG"}, 25)
            part = _before(here, tok.start, {"ORG"}, 40)
            if whole and part:
                yield part[2], "PART_OF", whole[2], part[0], whole[1]
        elif stems & SUPPORT_CUES or stems & SUPPORTED_CUES:
            left = _before(here, tok.start, ORG_TYPES, 30)
            right = _after(here, tok.end, ORG_TYPES, 25)
            nisba = _nisba_country(toks, i, lexicon, by_key, 1)
            if nisba and stems & SUPPORT_CUES:
                left = nisba  # الدعم الأمريكي للوحدات الكردية
            elif nisba:
                right = nisba  # قوات مدعومة أميركيا، بدعم أمريكي
            if left and right and _is_actor(left) and _is_actor(right):
                supporter, supported = (left, right) if stems & SUPPORT_CUES else (right, left)
                yield supporter[2], "SUPPORTS", supported[2], min(left[0], right[0]), max(left[1], right[1])
        elif stems & CONTROL_CUES and i and toks[i - 1].key == "تحت":
            controller = _after(here, tok.end, {"ORG"}, 20)
            place = _before(here, toks[i - 1].start, PLACE_TYPES, 60)
            if controller and place:
                yield controller[2], "CONTROLS", place[2], place[0], controller[1]
        elif stems & (CONTROL_CUES | CONTROL_VERBS):
            yield from _controls(toks, i, here)
        elif stems & CONTROLLED_BY_CUES:
            controller = _after(here, tok.end, {"ORG"}, 15)
            place = _before(here, tok.start, PLACE_TYPES, 40)
            if controller and place:
                yield controller[2], "CONTROLS", place[2], place[0], controller[1]
        elif stems & ALLY_CUES:
            left = _before(here, tok.start, ORG_TYPES, 30)
            right = _after(here, tok.end, ORG_TYPES, 20)
            if left and right and _is_actor(left) and _is_actor(right):
                yield left[2], "ALLIED_WITH", right[2], left[0], right[1]
        if stems & WITHIN_CUES or _clitic_place(tok, here):
            yield from _located_in(toks, i, here)


def _controls(toks, i, here):
    """سيطرة داعش على تدمر، سيطرت قوات X على Y، X سيطرت على Y، المناطق التي يسيطر عليها X."""
    tok = toks[i]
    on = next((j for j in range(i + 1, min(i + 8, len(toks))) if toks[j].key in ON), None)
    if on is None:
        return
    if toks[on].key == ON_PLACE:
        place = _after(here, toks[on].end, PLACE_TYPES, 12)
        controller = _after(here, tok.end, {"ORG"}, 40)
        if controller is None or controller[0] > toks[on].start:
            controller = _before(here, tok.start, {"ORG"}, 25)
    else:  # the place is the antecedent, the controller comes after عليها
        place = _before(here, tok.start, PLACE_TYPES, 40)
        controller = _after(here, toks[on].end, {"ORG"}, 25)
    if controller and place:
        yield controller[2], "CONTROLS", place[2], min(controller[0], place[0]), max(controller[1], place[1])


def _clitic_place(tok: Token, here) -> bool:
    """بسوريا، بمحافظة: a place name with a ب clitic says where the place before it lies."""
    return tok.key[:1] == "ب" and any(tok.start < a < tok.end for a, _b, _e in here)


def _located_in(toks, i, here):
    tok = toks[i]
    inner = _before(here, tok.start, PLACE_TYPES, 3)
    if inner is None and i and toks[i - 1].text in ("،", ",", "("):
        inner = _before(here, toks[i - 1].start, PLACE_TYPES, 3)
    outer = _after(here, tok.start + (1 if _clitic_place(tok, here) else len(tok.text)), {"GPE"}, 14)
    if inner and outer and inner[2].kind != "country" and inner[2].id != outer[2].id:
        yield inner[2], "LOCATED_IN", outer[2], inner[0], outer[1]


def _role(toks, i, here, predicate, lexicon, by_key):
    """رئيس الهيئة العليا … رياض حجاب، الرئيس السوري بشار الأسد، إيران، عضو أوبك."""
    tok = toks[i]
    around = next(((a, b, e) for a, b, e in here if a <= tok.start and tok.end <= b), None)
    if around is not None and around[2].type == "ORG":
        org = around  # قوات نظام الرئيس بشار الأسد: the title ends the organisation's name
    else:
        org = _after(here, tok.end, ORG_TYPES, 30)
        person_after = _after(here, tok.end, {"PER"}, 120)
        if org and person_after and person_after[0] < org[0]:
            org = None
    if org is None:
        org = _nisba_country(toks, i, lexicon, by_key)
    if org is None:
        return
    if around is not None and around[2].type == "PER":
        person = around  # the title is part of the person's mention: الرئيس السوري بشار الأسد
    else:
        person = _after(here, org[1], {"PER"}, 120) or _before(here, tok.start, {"PER"}, 20)
    if person is None and predicate == "MEMBER_OF" and tok.key == "عضو":
        person = _before(here, tok.start, {"GPE", "ORG"}, 20)  # إيران، عضو أوبك
    if person:
        yield person[2], predicate, org[2], min(tok.start, person[0]), max(org[1], person[1])


def _nisba_country(toks, i, lexicon, by_key, within: int = 3):
    """The country a nationality adjective within the few words after token i names, if
    the article names it too."""
    if lexicon is None:
        return None
    for tok in toks[i + 1:i + 1 + within]:
        # أميركيا، روسيا (adverbs: "by America") read as the adjective they come from
        adverb = tok.key[:-1] if tok.key.endswith("يا") and len(tok.key) > 4 else None
        country = lexicon.country_of_nisba(tok.key) or (adverb and lexicon.country_of_nisba(adverb))
        if country and country.id in by_key:
            entity = by_key[country.id]
            return (tok.start, tok.end, entity)
    return None
