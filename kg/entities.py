"""Tokens → entity mentions → one entity per referent within an article.

Mentions come from the lexicons (longest match, clitics stripped, spelling
variants folded), nationality adjectives on force nouns (الطيران الروسي), names
introduced by a place noun (حي الكلاسة) or a given name (رياض حجاب), and the
statistical recogniser where it is available. Within an article, a surname
alone (عبد الرحمن) and a generic collective (النظام، المعارضة، التحالف) are
resolved to the entity they stand for.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from kg.analyse import key, stems
from kg.lexicon import Entry, Lexicon
from kg.model import Entity, Mention, Sentence, Token

# Nouns for armed forces or authorities that a nationality adjective turns into
# that state's forces or government: القوات الروسية، الطيران الروسي، الجيش التركي.
FORCE_NOUNS = {key(w) for w in (
    "القوات", "قوات", "الطيران", "طيران", "الطائرات", "طائرات", "المقاتلات", "مقاتلات", "الجيش",
    "جيش", "البحرية", "الحكومة", "حكومة", "السلطات", "سلطات", "الجنود", "جنود", "المدفعية",
    "الشرطة", "القوات الجوية", "الأمن", "قوى الأمن", "الاستخبارات", "المخابرات", "الطائرات الحربية",
    "المروحيات", "مروحيات", "المروحية", "مروحية", "الطائرة", "طائرة", "البوارج", "بوارج",
)}
# Nouns that introduce a place name: حي الكلاسة، بلدة التح، مدينة منبج.
PLACE_NOUNS = {key(w): t for w, t in (
    ("حي", "LOC"), ("أحياء", "LOC"), ("بلدة", "GPE"), ("بلدات", "GPE"), ("مدينة", "GPE"),
    ("قرية", "GPE"), ("قرى", "GPE"), ("محافظة", "GPE"), ("مخيم", "LOC"), ("مطار", "LOC"),
    ("معبر", "LOC"), ("ناحية", "GPE"), ("مديرية", "GPE"), ("قضاء", "GPE"), ("منطقة", "LOC"),
    ("جبل", "LOC"), ("سهل", "LOC"), ("نهر", "LOC"), ("ميناء", "LOC"), ("قاعدة", "LOC"),
    ("مستشفى", "LOC"), ("سجن", "LOC"), ("ساحة", "LOC"), ("شارع", "LOC"), ("وادي", "LOC"),
    ("استاد", "LOC"), ("ملعب", "LOC"), ("معسكر", "LOC"), ("جامعة", "ORG"), ("مستوطنة", "GPE"),
)}
# First words of multi-word place names: خان شيخون، بستان القصر، دير الزور، تل أبيض.
NAME_HEADS = {key(w) for w in (
    "خان", "بستان", "دير", "تل", "عين", "باب", "جسر", "رأس", "راس", "كفر", "بيت", "أبو", "ابو",
    "بني", "جبل", "سوق", "مرج", "قصر", "بئر", "حي", "وادي", "معرة", "مزرعة", "أم", "ام", "سيدي", "دار",
    "شيخ", "الشيخ", "عرب", "ساحة", "حمام", "برج", "قلعة", "مخيم",
)}
# Second words that belong to a place's name: أورم الكبرى، تل أبيض التحتاني.
NAME_TAILS = {key(w) for w in ("الكبرى", "الصغرى", "الفوقا", "التحتا", "الفوقاني", "التحتاني", "الكبير", "الصغير")}
# After these nouns a name is definite (منطقة الغوطة), an indefinite word an adjective (منطقة آمنة).
DEFINITE_AFTER = {key(w) for w in ("منطقة", "مناطق", "ساحة", "قاعدة")}
# Words that are never (the start of) a name after a place or role noun.
STOP = {key(w) for w in (
    "في", "من", "إلى", "الى", "على", "عن", "مع", "التي", "الذي", "الذين", "هذه", "هذا", "ذلك",
    "تلك", "كل", "بعض", "أن", "ان", "إن", "قد", "لا", "لم", "لن", "ما", "هو", "هي", "هم", "بين",
    "حيث", "بعد", "قبل", "منذ", "خلال", "عند", "نحو", "أمس", "اليوم", "الواقعة", "المحاصرة",
    "الشرقية", "الغربية", "الشمالية", "الجنوبية", "الشرقي", "الغربي", "الشمالي", "الجنوبي",
    "المجاورة", "القريبة", "الحدودية", "السورية", "العراقية", "الجديدة", "القديمة", "المدينة",
    "البلدة", "المنطقة", "الرئيسية", "الكبيرة", "الصغيرة", "أخرى", "اخرى", "عدة", "عديدة",
    "سكنية", "الأخرى", "التابعة", "الخاضعة", "المتبقية", "او", "أو", "ثم", "كما", "وفق", "حسب",
    "الواقع", "الخاضع", "المحيطة", "واسعة", "كبيرة", "مناطق", "المناطق", "السكنية", "صناعية",
    "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "وسط", "خفض", "تخفيف", "تصعيد",
    "عمليات", "سيطرة", "نفوذ", "العمليات", "عسكرية", "العسكرية", "حدودية", "محررة", "آمنة", "سكني",
    "شعبي", "تجاري", "صناعي", "عسكري", "الحالي", "الحالية", "الحاليين", "السابق", "السابقة", "السابقين",
    "الجديد", "المقبل", "المقبلة", "الماضي", "الماضية",
)}
# Common given names: a capitalised-looking cue in a script with no capitals.
GIVEN_NAMES = {key(w) for w in (
    "محمد", "أحمد", "محمود", "مصطفى", "علي", "حسن", "حسين", "عمر", "عثمان", "خالد", "سعيد", "سعد",
    "عبد", "عبدالله", "عبدالرحمن", "عبدالعزيز", "عبدالكريم", "عبدالملك", "ابراهيم", "إبراهيم",
    "يوسف", "يحيى", "موسى", "عيسى", "سليمان", "داود", "إسماعيل", "اسماعيل", "رياض", "رامي",
    "سامي", "سمير", "نبيل", "وليد", "فيصل", "فهد", "سلمان", "ناصر", "منصور", "طارق", "زياد",
    "عادل", "عماد", "جمال", "كمال", "هشام", "وائل", "باسل", "بشار", "حافظ", "ماهر", "فاروق",
    "فؤاد", "جواد", "حيدر", "نوري", "مقتدى", "عمار", "هادي", "قاسم", "جعفر", "صالح", "ياسر",
    "أيمن", "ايمن", "أسامة", "اسامة", "حمزة", "طلال", "غسان", "نضال", "نزار", "مازن", "بسام",
    "هيثم", "أنس", "انس", "معاذ", "مهند", "رشيد", "حميد", "مجيد", "كريم", "نجيب", "لطفي",
    "شريف", "رضا", "حسني", "جلال", "عصام", "إياد", "اياد", "زيد", "مروان", "سلام", "نادر",
    "أنور", "انور", "عدنان", "رفيق", "فادي", "شادي", "جورج", "ميشال", "ميشيل", "بطرس", "نجاح",
    "فاطمة", "عائشة", "مريم", "زينب", "سارة", "ليلى", "هدى", "نادية", "رانيا", "سلمى", "نور",
    "رجب", "عبدالفتاح", "عبدربه", "أبو", "ابو", "الشيخ", "شرفان", "صلاح", "نصر", "ماجد", "سيف",
    "راشد", "حمد", "تميم", "مولود", "سيرغي", "سيرجي", "فلاديمير", "دونالد", "باراك", "جون",
    "مايك", "ريكس", "إيمانويل", "ايمانويل", "أنجيلا", "تيريزا", "بوريس", "جو", "هيلاري", "ستيفان",
    "أنطونيو", "انطونيو", "كوفي", "نيكي", "جيمس", "روبرت", "ديفيد", "بول", "بيتر", "مارك",
)}
# Titles and roles that introduce a person: المتحدث باسم، الرئيس، وزير …
ROLE_NOUNS = {key(w) for w in (
    "الرئيس", "رئيس", "الملك", "الأمير", "الامير", "ولي", "الشيخ", "السيد", "السيدة", "الوزير",
    "وزير", "وزيرة", "المتحدث", "المتحدثة", "الناطق", "مدير", "مديرة", "قائد", "القائد", "زعيم",
    "الزعيم", "الأمين", "الامين", "المبعوث", "مبعوث", "السفير", "سفير", "مندوب", "المندوب",
    "مندوبة", "النائب", "نائب", "العميد", "اللواء", "العقيد", "الجنرال", "المستشار", "مستشار",
    "الدكتور", "د", "الناشط", "الصحافي", "الصحفي", "المحلل", "الباحث", "المسؤول", "مسؤول",
    "القيادي", "المدرب", "اللاعب", "الرئيسة", "رئيسة", "محافظ", "رئيسا",
)}
# Collective actors a bare word names, resolved by the article's main country.
COLLECTIVES = {key(w): role for w, role in (
    ("النظام", "government"), ("الحكومة", "government"), ("المعارضة", "opposition"),
    ("الفصائل المعارضة", "opposition"), ("فصائل المعارضة", "opposition"),
    ("الفصائل المعارضة المسلحة", "opposition"), ("المعارضة المسلحة", "opposition"),
    ("التحالف", "coalition"), ("قوات التحالف", "coalition"), ("طيران التحالف", "coalition"),
)}
COLLECTIVE_FIRST_WORDS = {phrase.split()[0] for phrase in COLLECTIVES}
OPPOSITION_OF = {"syria": "syrian-opposition"}
# Capitals that news uses for their governments: موسكو ترفض، الحوار مع دمشق.
CAPITALS = {
    "damascus": "syria", "moscow": "russia", "washington-d-c": "united-states", "ankara": "turkey",
    "tehran": "iran", "baghdad": "iraq", "riyadh": "saudi-arabia", "cairo": "egypt", "beijing": "china",
    "paris": "france", "london": "united-kingdom", "berlin": "germany", "amman": "jordan",
    "beirut": "lebanon", "doha": "qatar", "abu-dhabi": "united-arab-emirates", "tel-aviv": "israel",
    "kabul": "afghanistan", "khartoum": "sudan", "kuwait-city": "kuwait", "muscat": "oman",
    "manama": "bahrain", "rabat": "morocco", "algiers": "algeria", "tunis": "tunisia",
    "brussels": "belgium", "tokyo": "japan", "new-delhi": "india", "islamabad": "pakistan",
}
# Words before a capital that make it a place, not its government: في دمشق، إلى موسكو.
PLACE_BEFORE_CAPITAL = {key(w) for w in ("في", "إلى", "الى", "داخل", "قرب", "العاصمة", "مدينة",
                                          "عاصمة", "وصل", "زار", "زيارة", "شمال", "جنوب", "شرق", "غرب")}
COALITION_OF = {"syria": "cjtf-oir", "iraq": "cjtf-oir", "yemen": "saudi-led-coalition"}


@dataclass(frozen=True, slots=True)
class Found:
    """A mention with what it denotes: a lexicon entry id or a ``name:`` key."""

    mention: Mention
    ref: str


def find_entities(text: str, sentences: Sequence[Sentence], tokens_by_sentence: Sequence[Sequence[Token]],
                  lexicon: Lexicon, recogniser=None) -> tuple[Entity, ...]:
    """The entities of an article, one per referent, with all their mentions."""
    found: list[Found] = []
    tags_by_sentence = _tag(recogniser, tokens_by_sentence) if recogniser is not None else None
    flags_by_sentence = [_token_flags(toks) for toks in tokens_by_sentence]
    for n, toks in enumerate(tokens_by_sentence):
        taken = [False] * len(toks)
        flags = flags_by_sentence[n]
        sentence_found = _lexicon_mentions(text, toks, lexicon, taken)
        sentence_found += _nisba_mentions(text, toks, lexicon, taken, flags)
        sentence_found = _forces(sentence_found, text, toks, lexicon, taken, flags)
        sentence_found += _pattern_mentions(text, toks, taken, lexicon, flags)
        if tags_by_sentence is not None:
            sentence_found += _statistical_mentions(text, toks, taken, tags_by_sentence[n],
                                                    lexicon.common_words)
        found += sentence_found
    found = _resolve_capitals(found, text, lexicon)
    found = _resolve_collectives(found, text, tokens_by_sentence, lexicon, flags_by_sentence)
    found = _resolve_surnames(found, text, tokens_by_sentence, lexicon, flags_by_sentence)
    return _group(found, lexicon)


def _span(text: str, toks: Sequence[Token], i: int, j: int, type_: str, how: str, skip: int = 0) -> Mention:
    """The mention over tokens [i, j), less the first ``skip`` key letters (a clitic: وبحلب)."""
    start, end = toks[i].start, toks[j - 1].end
    if skip:
        start = _advance(text, start, skip)
    return Mention(start, end, text[start:end], type_, how)


def _lexicon_mentions(text: str, toks: Sequence[Token], lexicon: Lexicon, taken: list[bool]) -> list[Found]:
    out: list[Found] = []
    match = lexicon.match
    longest = lexicon.longest
    i = 0  # the first token that no match has taken
    # Only a form some name begins with can start a match; most words have none.
    for at, firsts in lexicon.starting_positions(toks):
        if at < i:
            continue
        i = at
        best = None
        for first in firsts:
            words = first
            for j in range(i + 1, min(len(toks), i + longest) + 1):
                if j > i + 1:
                    words += " " + toks[j - 1].key
                entries = match(words)
                if entries is None:
                    break
                if entries and (best is None or j > best[0]):
                    best = (j, entries, first)
        if best is None:
            continue
        j, entries, first = best
        entry = entries[0] if len(entries) == 1 else _choose(entries, [t.key for t in toks[max(0, i - 3):i]])
        coordinated = bool(out) and out[-1].mention.end == toks[i - 1].end if i else False
        if not _plausible(entry, toks, i, j, first, lexicon, coordinated):
            continue
        # Leave the clitic out of the mention: وبحلب names حلب from its third letter on.
        skip = len(toks[i].key) - len(first) if first != toks[i].key else 0
        if first.startswith("ال") and toks[i].key[skip:skip + 2] == "لل":
            skip += 1  # للرقة: the preposition ل, then the article whose alef is elided
        out.append(Found(_span(text, toks, i, j, entry.type, "lexicon", skip), entry.id))
        for k in range(i, j):
            taken[k] = True
        i = j
    return out


# Words before a small place's name that show it is a place: في إطار is "within the
# framework", في بلدة إطار names a town.
PLACE_CUES = {key(w) for w in ("في", "من", "إلى", "الى", "على", "قرب", "نحو", "باتجاه", "حول", "بين", "شمال", "جنوب",
                                "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "ريف", "أطراف", "مدخل")}


def _plausible(entry: Entry, toks: Sequence[Token], i: int, j: int, first: str, lexicon: Lexicon,
               coordinated: bool = False) -> bool:
    """Whether a one-word match is a name here rather than an everyday word (أفاد، إطار، حصار)."""
    if j - i > 1 or entry.kind == "country":
        return True
    previous = set(toks[i - 1].stems) if i else set()
    introduced = bool(previous & PLACE_NOUNS.keys()) or bool(previous & ROLE_NOUNS)
    if entry.kind == "province" or (toks[i].key[:1] == "و" and coordinated):
        return True  # provinces are no everyday words; نينوى وديالى: the list names places
    if first in lexicon.common_words:
        return introduced
    if entry.kind in ("village", "town"):
        clitic = first != toks[i].key and toks[i].key[:1] in "بل"
        return introduced or clitic or bool(previous & PLACE_CUES)
    return True


def _advance(text: str, start: int, letters: int) -> int:
    """The offset ``letters`` key letters after ``start``, skipping marks the key drops."""
    pos = start
    while letters and pos < len(text):
        if key(text[pos]):
            letters -= 1
        pos += 1
    while pos < len(text) and not key(text[pos]):
        pos += 1
    return pos


PROVINCE_CUES = {key(w) for w in ("محافظة", "محافظتي", "محافظات", "ولاية", "إقليم", "لمحافظة", "بمحافظة",
                                   "ومحافظة", "بمحافظتي", "لمحافظتي", "ريف")}
CITY_CUES = {key(w) for w in ("مدينة", "بمدينة", "لمدينة", "ومدينة", "مدينتي", "بلدة", "العاصمة")}


def _choose(entries: Sequence[Entry], previous_keys: list[str]) -> Entry:
    """The entry an ambiguous name most likely denotes here: a province after محافظة
    (also across a coordination: محافظتي صنعاء وذمار), a city after مدينة, else a
    country before a city before anything else."""
    cue = ""
    for word in reversed(previous_keys):
        forms = set(stems(word))
        if forms & PROVINCE_CUES:
            cue = "province"
            break
        if forms & CITY_CUES:
            cue = "city"
            break

    def score(entry: Entry) -> tuple[int, int]:
        fits = (cue == "province" and entry.kind == "province") or (cue == "city" and entry.kind in ("city", "town"))
        rank = {"country": 2, "city": 1}.get(entry.kind, 0) if entry.is_place else 1
        return fits, rank
    return max(entries, key=score)


def _nisba_mentions(text: str, toks: Sequence[Token], lexicon: Lexicon, taken: list[bool],
                    flags: Sequence[int]) -> list[Found]:
    out = []
    for i in [i for i, f in enumerate(flags[:-1]) if f & FORCE]:
        if taken[i] or taken[i + 1]:
            continue
        noun = next(s for s in toks[i].stems if s in FORCE_NOUNS)
        country = lexicon.country_of_nisba(toks[i + 1].key)
        actor = lexicon.get(country.forces) if country else None
        if actor is None:
            continue
        out.append(Found(_span(text, toks, i, i + 2, actor.type, "nisba", len(toks[i].key) - len(noun)), actor.id))
        taken[i] = taken[i + 1] = True
    return out


def _forces(found: list[Found], text: str, toks: Sequence[Token], lexicon: Lexicon, taken: list[bool],
            flags: Sequence[int]) -> list[Found]:
    """A force noun before a country's name that is also its nationality (مروحيات سورية)
    names that country's forces, and a nationality joined to a force (الطيران الروسي
    والسوري) names a second one."""
    starts = {t.start: i for i, t in enumerate(toks)}
    ends = {t.end: i for i, t in enumerate(toks)}
    out = []
    for f in found:
        i, j = starts.get(f.mention.start), ends.get(f.mention.end)
        entry = lexicon.get(f.ref)
        if i is not None and i == j and i > 0 and entry is not None and entry.kind == "country" \
                and entry.forces and flags[i - 1] & FORCE and not taken[i - 1] \
                and lexicon.country_of_nisba(toks[i].key) is entry:
            f = Found(_span(text, toks, i - 1, i + 1, "ORG", "nisba"), entry.forces)
            taken[i - 1] = True
        out.append(f)
        named = lexicon.get(f.ref)  # a lexicon force, not a name a pattern found
        if j is None or named is None or named.type != "ORG" or lexicon.country_of_nisba(toks[j].key) is None:
            continue
        for k in range(j + 1, min(j + 3, len(toks))):
            other = lexicon.country_of_nisba(toks[k].key[1:]) if toks[k].key[:1] == "و" else None
            forces = lexicon.get(other.forces) if other else None
            if taken[k] or forces is None:
                break
            out.append(Found(_span(text, toks, k, k + 1, forces.type, "nisba", 1), forces.id))
            taken[k] = True
    return out


def _is_name_word(tok: Token) -> bool:
    return (tok.key not in STOP and tok.key[:1].isalpha() and "\u0621" <= tok.key[0] <= "\u064a"
            and len(tok.key) >= 2 and tok.key not in PLACE_NOUNS and tok.key not in ROLE_NOUNS)


LINKS = {key(w) for w in ("عبد", "أبو", "ابو", "بن", "ابن", "أم", "ام", "آل", "ال")}
# Nouns that begin an organisation's name, which they are part of: حركة نور الدين الزنكي،
# لواء القدس، جبهة تحرير سوريا.
ORG_NOUNS = {key(w) for w in (
    "حركة", "جبهة", "لواء", "فصيل", "حزب", "منظمة", "وكالة", "هيئة", "مجلس", "تجمع", "كتائب", "كتيبة",
    "جيش", "فيلق", "تنظيم", "جماعة", "ائتلاف", "تحالف", "اتحاد", "رابطة", "جمعية", "مؤسسة", "شركة",
    "صحيفة", "قناة", "مركز", "مرصد", "ميليشيا", "مليشيا",
)}

# What a word's forms (a token's ``stems``) can begin, remembered per word: most words
# begin nothing, and the steps below pass over them after one dict lookup per word.
FORCE, ORG, ROLE, PLACE, COLLECTIVE, SPACED = 1, 2, 4, 8, 16, 32
_FLAGS: dict[tuple[str, ...], int] = {}


def _forms_flags(forms: tuple[str, ...]) -> int:
    """Which noun lists one of the forms is in (FORCE, ORG, ROLE, PLACE, COLLECTIVE), and
    SPACED where a form holds a space (a ligature such as ﷺ folds into words)."""
    return ((FORCE if any(f in FORCE_NOUNS for f in forms) else 0) | (ORG if ORG_NOUNS.intersection(forms) else 0)
            | (ROLE if ROLE_NOUNS.intersection(forms) else 0) | (PLACE if any(f in PLACE_NOUNS for f in forms) else 0)
            | (COLLECTIVE if COLLECTIVE_FIRST_WORDS.intersection(forms) else 0)
            | (SPACED if any(" " in f for f in forms) else 0))


def _token_flags(toks: Sequence[Token]) -> list[int]:
    """``_forms_flags`` of each token's stems."""
    get = _FLAGS.get
    flags = [get(t.stems) for t in toks]
    if None in flags:
        if len(_FLAGS) >= 200_000:
            _FLAGS.clear()
        for i, t in enumerate(toks):
            if flags[i] is None:
                flags[i] = _FLAGS[t.stems] = _forms_flags(t.stems)
    return flags


def _introduced_person(toks: Sequence[Token], i: int, taken: list[bool], lexicon: Lexicon) -> tuple[int, int] | None:
    """A person named after a title or role: الناشط سامر العلي، المتحدث باسم الفصيل سامر
    العلي. Between the title and the name may stand باسم and what it speaks for, a nationality
    adjective or an organisation already found; the name is two or three words, the first
    indefinite and no everyday word."""
    if not ROLE_NOUNS.intersection(toks[i].stems):
        return None
    j = i + 1
    for _ in range(4):  # skip what qualifies the title
        if j >= len(toks):
            return None
        tok = toks[j]
        if taken[j] or tok.key == "باسم" or tok.key.startswith("ال") or lexicon.country_of_nisba(tok.key):
            j += 1
            continue
        break
    start = j
    if start >= len(toks) or taken[start] or not _is_name_word(toks[start]) or toks[start].key.startswith("ال") \
            or (toks[start].key in lexicon.common_words and toks[start].key not in GIVEN_NAMES):
        return None
    end = start + 1
    while end < min(len(toks), start + 4) and not taken[end] and _is_name_word(toks[end]) \
            and toks[end].key[:1] != "و" and toks[end].key not in lexicon.common_words \
            and (end < start + 3 or toks[end - 1].key in LINKS):  # a fourth word only after أبو، عبد
        end += 1
    if toks[end - 1].key in LINKS:
        end -= 1  # محمد مصطفى أبو: a name does not end in أبو
    return (start, end) if end > start + 1 else None


def _looks_like_verb(word_key: str) -> bool:
    """An imperfect plural verb (يتولون، تقول): not a word of a name."""
    return word_key[:1] in "يت" and word_key.endswith(("ون", "ان")) and len(word_key) >= 5


def _organisation(toks: Sequence[Token], i: int, taken: list[bool], lexicon: Lexicon) -> tuple[int, int] | None:
    """An organisation named by an organisation noun and a name: the span of both, or None.
    The name must end in a word that is no everyday word, and holds no nationality
    adjective (حزب سياسي، مجلس إدارة، تنظيم سوري are no names)."""
    if taken[i] or not ORG_NOUNS.intersection(toks[i].stems) or toks[i].key.startswith("ال"):
        return None
    j = i + 1
    while j < min(len(toks), i + 4) and not taken[j] and _is_name_word(toks[j]) \
            and toks[j].key[:1] != "و" and lexicon.country_of_nisba(toks[j].key) is None \
            and not _looks_like_verb(toks[j].key):
        j += 1
    while j > i + 1 and toks[j - 1].key in lexicon.common_words:
        j -= 1  # حركة أبناء الجزيرة keeps أبناء before a name; حزب سياسي has no name at all
    return (i, j) if j > i + 1 else None


def _pattern_mentions(text: str, toks: Sequence[Token], taken: list[bool], lexicon: Lexicon,
                      flags: Sequence[int]) -> list[Found]:
    common_words = lexicon.common_words
    out = []
    i = 0  # the first token that no pattern has taken
    # Every pattern begins with an organisation, role or place noun or a given name.
    nouns, given = ORG | ROLE | PLACE, GIVEN_NAMES
    for at in [k for k, f in enumerate(flags) if f & nouns or toks[k].key in given]:
        if at < i:
            continue
        i = at
        if i >= len(toks) - 1:
            break
        span, type_ = _organisation(toks, i, taken, lexicon), "ORG"
        if span is None:
            span, type_ = _introduced_person(toks, i, taken, lexicon), "PER"
        if span:
            out.append(_found(text, toks, span[0], span[1], type_, "pattern"))
            for k in range(*span):
                taken[k] = True
            i = span[1]
            continue
        stem = next((s for s in toks[i].stems if s in PLACE_NOUNS), None)
        if stem and not taken[i + 1] and (_is_name_word(toks[i + 1]) or toks[i + 1].key in NAME_HEADS) \
                and (stem not in DEFINITE_AFTER or toks[i + 1].key.startswith("ال")):
            j = i + 2
            if j < len(toks) and not taken[j] and (
                    (toks[i + 1].key in NAME_HEADS and _is_name_word(toks[j])) or toks[j].key in NAME_TAILS):
                j += 1
            out.append(_found(text, toks, i + 1, j, PLACE_NOUNS[stem], "pattern"))
            for k in range(i + 1, j):
                taken[k] = True
            # Coordinated names after a plural noun: أحياء الفردوس والمعادي وبستان القصر.
            while j < len(toks) and toks[j].key.startswith("و") and not taken[j] and _is_name_word(toks[j]):
                first = toks[j].key[1:]
                if not first.startswith("ال") and first not in NAME_HEADS:
                    break
                k = j + 1
                if first in NAME_HEADS and k < len(toks) and _is_name_word(toks[k]) and not taken[k]:
                    k += 1
                out.append(_found(text, toks, j, k, PLACE_NOUNS[stem], "pattern", 1))  # without its و
                for m in range(j, k):
                    taken[m] = True
                j = k
            i = j
            continue
        # The key folds ى into ي: the preposition على is not the name علي.
        if toks[i].key in GIVEN_NAMES and not toks[i].text.endswith("ى") and not taken[i] \
                and i + 1 < len(toks) and not taken[i + 1] \
                and _is_name_word(toks[i + 1]) and toks[i + 1].key[:1] != "و":
            second = toks[i + 1].key
            if second in common_words and second not in GIVEN_NAMES and not second.startswith("ال"):
                i += 1  # سعيد للغاية, عادل عدد: an adjective, not a name
                continue
            j = i + 2
            # Compound names: محمد مصطفى أبو عادل، رامي عبد الرحمن.
            while j < min(len(toks), i + 4) and not taken[j] and _is_name_word(toks[j]) \
                    and toks[j].key[:1] != "و" and (toks[j - 1].key in GIVEN_NAMES or toks[j - 1].key in LINKS):
                j += 1
            out.append(_found(text, toks, i, j, "PER", "pattern"))
            for k in range(i, j):
                taken[k] = True
            i = j
            continue
        i += 1
    return out


def _found(text: str, toks: Sequence[Token], i: int, j: int, type_: str, how: str, skip: int = 0) -> Found:
    mention = _span(text, toks, i, j, type_, how, skip)
    return Found(mention, "name:" + key(mention.text))


def _tag(recogniser, tokens_by_sentence: Sequence[Sequence[Token]]) -> list[list[str]]:
    """The recogniser's tags for every sentence: all in one call where it tags several
    sentences at once (``tag_many``: the same tags, faster), else a call per sentence."""
    sentences = [[t.text for t in toks] for toks in tokens_by_sentence]
    tag_many = getattr(recogniser, "tag_many", None)
    if tag_many is not None:
        return tag_many(sentences)
    return [recogniser.tag(words) for words in sentences]


def _statistical_mentions(text: str, toks: Sequence[Token], taken: list[bool], tags: Sequence[str],
                          common_words) -> list[Found]:
    """Names the recogniser tagged (``tags``, one per token) that no lexicon or pattern
    took, trimmed of everyday words at either end (رود هاتفيا → رود); a span that starts
    with an everyday word (صدام "clash", كيان "entity") is left out."""
    out = []

    def ordinary(tok: Token) -> bool:
        return tok.key in common_words and tok.key not in GIVEN_NAMES

    for i in [k for k, tag in enumerate(tags) if tag in _NAME_BEGINS]:
        tag = tags[i]
        j = i + 1
        while j < len(toks) and tags[j] == "I-" + tag[2:]:
            j += 1
        end = j
        while end > i + 1 and ordinary(toks[end - 1]):
            end -= 1
        if not any(taken[i:end]) and not ordinary(toks[i]) \
                and all(_is_name_word(t) or t.key in GIVEN_NAMES for t in toks[i:end]):
            type_ = {"LOC": "GPE"}.get(tag[2:], tag[2:])
            # One-word organisations and places the lexicons do not know are mostly noise.
            if type_ == "PER" or end - i >= 2:
                out.append(_found(text, toks, i, end, type_, "statistical"))
                for k in range(i, end):
                    taken[k] = True
    return out


_NAME_BEGINS = frozenset({"B-PER", "B-ORG", "B-LOC"})


def _resolve_capitals(found: list[Found], text: str, lexicon: Lexicon) -> list[Found]:
    """A capital standing for its government (موسكو ترفض) is a mention of the country,
    unless the article also names it as a place (في دمشق): then it stays a place."""
    def as_place(f: Found) -> bool:
        before = text[max(0, f.mention.start - 12):f.mention.start]
        words = before.split()
        clitic = before[-1:] if before and not before[-1].isspace() else ""
        word = key(words[-1]) if words and not clitic else ""
        forms = set(stems(word)) | {word.removeprefix("و")}  # وفي: stems keep three-letter words whole
        return clitic in ("ب", "ل") or bool(forms & PLACE_BEFORE_CAPITAL)

    places = {f.ref for f in found if f.ref in CAPITALS and f.mention.how == "lexicon" and as_place(f)}
    out = []
    for f in found:
        country = lexicon.get(CAPITALS.get(f.ref))
        if country is not None and f.mention.how == "lexicon" and f.ref not in places:
            m = f.mention
            f = Found(Mention(m.start, m.end, m.text, country.type, "capital"), country.id)
        out.append(f)
    return out


def _main_country(found: list[Found], lexicon: Lexicon) -> str | None:
    votes: Counter[str] = Counter()
    for f in found:
        entry = lexicon.get(f.ref)
        if entry is None:
            continue
        country = entry.id if entry.kind == "country" else entry.country
        if country:
            votes[country] += 1
    return votes.most_common(1)[0][0] if votes else None


def _resolve_collectives(found: list[Found], text: str, tokens_by_sentence, lexicon: Lexicon,
                         flags_by_sentence: Sequence[Sequence[int]]) -> list[Found]:
    """Add mentions of bare collectives (النظام، المعارضة، التحالف) for the article's main country."""
    country = _main_country(found, lexicon)
    if country is None:
        return found
    entry = lexicon.get(country)
    targets = {"government": entry.forces if entry else None, "opposition": OPPOSITION_OF.get(country),
               "coalition": COALITION_OF.get(country)}
    covered = [(f.mention.start, f.mention.end) for f in found]
    extra = []
    longest = max(len(k.split()) for k in COLLECTIVES)
    for toks, flags in zip(tokens_by_sentence, flags_by_sentence):
        i = 0
        for at in [k for k, f in enumerate(flags) if f & COLLECTIVE]:
            if at < i:
                continue
            i = at
            hit = None
            for n in range(min(longest, len(toks) - i), 0, -1):
                for first in toks[i].stems:
                    phrase = " ".join([first] + [t.key for t in toks[i + 1:i + n]])
                    if phrase in COLLECTIVES:
                        hit = (n, first, COLLECTIVES[phrase])
                        break
                if hit:
                    break
            if not hit:
                i += 1
                continue
            n, first, role = hit
            ref = targets.get(role)
            start, end = toks[i].start, toks[i + n - 1].end
            if first != toks[i].key:
                start = _advance(text, start, len(toks[i].key) - len(first))
            overlaps = any(a < end and start < b for a, b in covered)
            target = lexicon.get(ref)
            if target and not overlaps:
                extra.append(Found(Mention(start, end, text[start:end], target.type, "coreference"), target.id))
            i += n
    return sorted(found + extra, key=lambda f: f.mention.start)


def _resolve_surnames(found: list[Found], text: str, tokens_by_sentence, lexicon: Lexicon,
                      flags_by_sentence: Sequence[Sequence[int]]) -> list[Found]:
    """Within an article, a later part of a full name refers to the person named in full:
    رامي عبد الرحمن … عبد الرحمن. Parts the other steps did not find are found here."""
    full: dict[str, str] = {}
    for f in found:
        if f.mention.type == "PER":
            words = key(f.mention.text).split()
            for n in range(1, len(words)):
                surname = " ".join(words[n:])
                # not a title's adjective (المرشد الأعلى الإيراني) or an everyday word
                if len(surname) >= 3 and surname not in lexicon.common_words \
                        and lexicon.country_of_nisba(words[n]) is None:
                    full.setdefault(surname, f.ref)
            full.setdefault("".join(words), f.ref)
    out = []
    for f in found:
        if f.ref.startswith("name:"):
            name = f.ref[5:]
            ref = full.get(name) or full.get(name.replace(" ", ""))
            if ref and ref != f.ref:
                f = Found(f.mention, ref)
        out.append(f)
    if not full:
        return out
    covered = [(f.mention.start, f.mention.end) for f in out]
    # A form can begin a name of ``full`` only if its first word begins one.
    heads = {name.split(" ", 1)[0] for name in full}
    for toks, flags in zip(tokens_by_sentence, flags_by_sentence):
        disjoint = heads.isdisjoint
        for i in [k for k, t in enumerate(toks) if not disjoint(t.stems) or flags[k] & SPACED]:
            tok = toks[i]
            forms = [s for s in tok.stems if s in heads or (" " in s and s.split(" ", 1)[0] in heads)]
            if not forms:
                continue
            for n in (2, 1):
                if i + n > len(toks):
                    continue
                # Look the name up first and test the overlap only for a hit: the same
                # result as the other order, without a scan of every span for every word.
                rest = " " + toks[i + 1].key if n == 2 else ""
                first, ref = next(((s, full[s + rest]) for s in forms if full.get(s + rest)), (None, None))
                if first is None:
                    continue
                end = toks[i + n - 1].end
                if any(a < end and tok.start < b for a, b in covered):
                    continue
                start = _advance(text, tok.start, len(tok.key) - len(first)) if first != tok.key else tok.start
                out.append(Found(Mention(start, end, text[start:end], "PER", "coreference"), ref))
                covered.append((start, end))
    return sorted(out, key=lambda f: f.mention.start)


def _common_name(title: str) -> str:
    """A Wikipedia title without its disambiguator: White Helmets (Syrian civil war) → White Helmets."""
    return title.split(" (", 1)[0] if title.endswith(")") and " (" in title else title


def _group(found: list[Found], lexicon: Lexicon) -> tuple[Entity, ...]:
    by_ref: dict[str, list[Mention]] = defaultdict(list)
    for f in found:
        by_ref[f.ref].append(f.mention)
    entities = []
    for n, (ref, mentions) in enumerate(sorted(by_ref.items(), key=lambda kv: kv[1][0].start)):
        entry = lexicon.get(ref)
        if entry:
            entities.append(Entity(
                id=f"e{n}", type=entry.type, label_ar=entry.ar[0], label_en=_common_name(entry.en),
                mentions=tuple(mentions), key=entry.id, kind=entry.kind or None,
                wikidata=entry.wikidata, geonames=entry.geonames, lat=entry.lat, lon=entry.lon,
                parent=entry.parent, country=entry.country))
        else:
            types = Counter(m.type for m in mentions)
            entities.append(Entity(
                id=f"e{n}", type=types.most_common(1)[0][0], label_ar=mentions[0].text, label_en=None,
                mentions=tuple(mentions), key=ref))
    return tuple(entities)
