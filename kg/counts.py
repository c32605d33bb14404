"""Casualty and people counts in Arabic news text, typed as GDELT GKG counts.

``find_counts`` reads a number (``kg.numbers``) together with what makes it a count
of people: a trigger before it (``قتل``، ``مقتل``، ``إصابة``، ``نزوح``، ``اعتقال``،
``خطف``، ``إجلاء``), a casualty noun after it (``قتيلا``، ``جرحى``، ``نازح``، ``رهينة``,
``مفقودين``), a verb after the counted noun (``قتلوا``، ``لقوا مصرعهم``), a tally
(``ارتفع عدد القتلى إلى``) or a breakdown of an earlier count (``بينهم 45 طفلا``).

Precision comes first: a number becomes a count only when the noun after it is a
noun of people (or a casualty noun), or when a trigger stands right before a bare
number. Dollars, percentages, kilometres, years, barrels, votes and seats never
become counts, because none of them is a noun of people.

Types: KILL, WOUND, DISPLACE, ARREST, KIDNAP, EVACUATE, AFFECT. Killed-and-wounded
totals (``300 بين قتيل وجريح``), the missing and people under rubble are AFFECT.
"""

from __future__ import annotations

import bisect
import itertools
import operator
from dataclasses import dataclass, replace

from kg.numbers import NumberHit, Token, fold_word, lookup, lookup_definite, readings, scan

__all__ = ["CountMention", "find_counts"]


@dataclass(frozen=True, slots=True)
class CountMention:
    """A count of people; ``text == source[start:end]``.

    The span covers the number and the counted noun, with the trigger right before
    the number and the verb right after the noun where they are adjacent.
    ``number`` is the best value; ``low``/``high``/``qualifier`` come from the
    number (``أكثر من 500`` → low 500, "more than"); ``what`` is an English gloss of
    who was counted; ``vague`` marks plural amounts such as ``عشرات``.
    """

    start: int
    end: int
    text: str
    type: str
    number: int
    low: int | None
    high: int | None
    qualifier: str | None
    what: str | None
    vague: bool


# --------------------------------------------------------------------------- lexicons

def _forms(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Return folded form → value from value → forms."""
    return {fold_word(form): value for value, forms in table.items() for form in forms}


_PEOPLE = _forms({
    "civilians": ("مدني", "مدنيا", "مدنيين", "مدنيون"),
    "children": ("طفل", "طفلا", "أطفال", "طفلة", "طفلات", "قاصر", "قاصرا", "قاصرين", "رضيع", "رضع"),
    "women": ("امرأة", "امراة", "نساء", "سيدة", "سيدات", "نسوة"),
    "men": ("رجل", "رجلا", "رجال"),
    "people": ("شخص", "شخصا", "أشخاص", "نسمة", "فرد", "فردا", "أفراد", "آخر", "آخرا", "آخرين",
               "آخرون", "إنسان", "إنسانا"),
    "citizens": ("مواطن", "مواطنا", "مواطنين", "مواطنون"),
    "residents": ("ساكن", "سكان", "مقيم", "مقيما", "مقيمين"),
    "fighters": ("مقاتل", "مقاتلا", "مقاتلين", "مقاتلون"),
    "members": ("عنصر", "عنصرا", "عناصر", "عضو", "عضوا", "أعضاء"),
    "soldiers": ("جندي", "جنديا", "جنود", "عسكري", "عسكريا", "عسكريين", "عسكريون"),
    "policemen": ("شرطي", "شرطيا", "شرطيين", "شرطيون"),
    "officers": ("ضابط", "ضابطا", "ضباط"),
    "militants": ("مسلح", "مسلحا", "مسلحين", "مسلحون", "متشدد", "متشددا", "متشددين", "متشددون",
                  "متطرف", "متطرفا", "متطرفين"),
    "terrorists": ("إرهابي", "إرهابيا", "إرهابيين", "إرهابيون"),
    "jihadists": ("جهادي", "جهاديا", "جهاديين", "جهاديون"),
    "rebels": ("متمرد", "متمردا", "متمردين", "متمردون", "ثائر", "ثوار"),
    "opposition fighters": ("معارض", "معارضا", "معارضين", "معارضون"),
    "migrants": ("مهاجر", "مهاجرا", "مهاجرين", "مهاجرون"),
    "journalists": ("صحفي", "صحفيا", "صحفيين", "صحفيون", "صحافي", "صحافيا", "صحافيين", "صحافيون",
                    "إعلامي", "إعلاميا", "إعلاميين"),
    "activists": ("ناشط", "ناشطا", "ناشطين", "ناشطون"),
    "protesters": ("متظاهر", "متظاهرا", "متظاهرين", "متظاهرون", "محتج", "محتجا", "محتجين", "محتجون"),
    "students": ("طالب", "طالبا", "طلاب", "طالبة", "طالبات"),
    "workers": ("عامل", "عاملا", "عمال"),
    "paramedics": ("مسعف", "مسعفا", "مسعفين"),
    "doctors": ("طبيب", "طبيبا", "أطباء"),
    "patients": ("مريض", "مريضا", "مرضى"),
    "elderly": ("مسن", "مسنا", "مسنين"),
    "prisoners": ("سجين", "سجينا", "سجناء", "أسير", "أسيرا", "أسرى"),
    "leaders": ("قيادي", "قياديا", "قياديين", "قياديون", "قادة", "قائد", "قائدا"),
    "suspects": ("مشتبه", "مشتبها", "مطلوب", "مطلوبا", "مطلوبين"),
    "MPs": ("نائب", "نائبا", "نواب"),
    "tourists": ("سائح", "سائحا", "سياح"),
    "pilgrims": ("حاج", "حاجا", "حجاج"),
    "worshippers": ("مصل", "مصليا", "مصلين"),
    "families": ("عائلة", "عائلات", "أسرة", "أسر"),
    "foreigners": ("أجنبي", "أجنبيا", "أجانب"),
    "attackers": ("مهاجم", "مهاجما", "مهاجمين"),
    "suicide bombers": ("انتحاري", "انتحاريا", "انتحاريين"),
    "employees": ("موظف", "موظفا", "موظفين"),
    "teachers": ("معلم", "معلما", "معلمين", "مدرس", "مدرسا", "مدرسين"),
    "young men": ("شاب", "شابا", "شبان", "شباب"),
    "girls": ("فتاة", "فتيات"),
    "boys": ("فتى", "فتية", "فتيان"),
    "fishermen": ("صياد", "صيادا", "صيادين"),
    "sailors": ("بحار", "بحارا", "بحارة"),
    "guards": ("حارس", "حارسا", "حراس"),
    "Houthis": ("حوثي", "حوثيا", "حوثيين", "حوثيون"),
    "Islamic State members": ("داعشي", "داعشيا", "دواعش"),
    "brothers": ("شقيق", "أشقاء"),
})
# Demonyms: the singular nisba; the accusative (-ا) and plural (-ين، -ون) forms
# are derived. A count reads "20 فلسطينيا", never a country name, after a number.
_DEMONYMS = {
    "فلسطيني": "Palestinians", "سوري": "Syrians", "عراقي": "Iraqis", "يمني": "Yemenis",
    "لبناني": "Lebanese", "مصري": "Egyptians", "ليبي": "Libyans", "تونسي": "Tunisians",
    "جزائري": "Algerians", "مغربي": "Moroccans", "سوداني": "Sudanese", "أردني": "Jordanians",
    "سعودي": "Saudis", "إيراني": "Iranians", "أفغاني": "Afghans", "باكستاني": "Pakistanis",
    "تركي": "Turks", "كردي": "Kurds", "إسرائيلي": "Israelis", "أمريكي": "Americans",
    "أميركي": "Americans", "روسي": "Russians", "فرنسي": "French", "بريطاني": "British",
    "ألماني": "Germans", "صومالي": "Somalis", "نيجيري": "Nigerians", "هندي": "Indians",
    "صيني": "Chinese", "شيعي": "Shiites", "سني": "Sunnis", "علوي": "Alawites", "مسيحي": "Christians",
    "قبطي": "Copts", "إيزيدي": "Yazidis", "درزي": "Druze", "تركماني": "Turkmen",
}
for _stem, _gloss in _DEMONYMS.items():
    for _suffix in ("", "ا", "ين", "ون"):
        _PEOPLE.setdefault(fold_word(_stem + _suffix), _gloss)
_PEOPLE.update(_forms({"Kurds": ("أكراد",), "Turks": ("أتراك",), "Russians": ("روس",), "Arabs": ("عرب",)}))

# Nouns that name the casualty itself. KILL/WOUND/AFFECT nouns fix the type; the
# others describe a status (a detainee can be killed), so a trigger overrides them.
_CASUALTY: dict[str, tuple[str, str, bool]] = {}  # form → (type, gloss, fixes the type)
for _type, _gloss, _fixed, _words in (
    ("KILL", "people", True, ("قتيل", "قتيلا", "قتلى", "شهيد", "شهيدا", "شهداء", "ضحية", "ضحايا",
                              "جثة", "جثث")),
    ("WOUND", "people", True, ("جريح", "جريحا", "جرحى", "مصاب", "مصابا", "مصابين", "مصابون")),
    ("AFFECT", "missing people", False, ("مفقود", "مفقودا", "مفقودين", "مفقودون")),
    ("DISPLACE", "displaced people", False, ("نازح", "نازحا", "نازحين", "نازحون", "مهجر", "مهجرا",
                                             "مهجرين", "مشرد", "مشردا", "مشردين")),
    ("DISPLACE", "refugees", False, ("لاجئ", "لاجئا", "لاجئين", "لاجئون")),
    ("ARREST", "detainees", False, ("معتقل", "معتقلا", "معتقلين", "معتقلون", "موقوف", "موقوفا",
                                    "موقوفين", "محتجز", "محتجزا", "محتجزين")),
    ("KIDNAP", "hostages", False, ("مخطوف", "مخطوفا", "مخطوفين", "مختطف", "مختطفا", "مختطفين",
                                   "رهينة", "رهائن")),
):
    for _w in _words:
        _CASUALTY[fold_word(_w)] = (_type, _gloss, _fixed)

_DUALS = {fold_word(k): v for k, v in {
    "قتيلان": ("KILL", "people"), "قتيلين": ("KILL", "people"), "جريحان": ("WOUND", "people"),
    "جريحين": ("WOUND", "people"), "مصابان": ("WOUND", "people"),
    "رهينتان": ("KIDNAP", "hostages"), "رهينتين": ("KIDNAP", "hostages"),
    "معتقلان": ("ARREST", "detainees"), "مخطوفان": ("KIDNAP", "hostages"), "مختطفان": ("KIDNAP", "hostages"),
    "طفلان": (None, "children"), "طفلين": (None, "children"), "طفلتان": (None, "children"),
    "طفلتين": (None, "children"), "شخصان": (None, "people"), "شخصين": (None, "people"),
    "جنديان": (None, "soldiers"), "جنديين": (None, "soldiers"), "امرأتان": (None, "women"),
    "امرأتين": (None, "women"), "رجلان": (None, "men"), "رجلين": (None, "men"),
    "عنصران": (None, "members"), "عنصرين": (None, "members"), "ضابطان": (None, "officers"),
    "ضابطين": (None, "officers"), "شرطيان": (None, "policemen"), "مدنيان": (None, "civilians"),
    "مقاتلان": (None, "fighters"), "مسلحان": (None, "militants"), "صحفيان": (None, "journalists"),
    "صحافيان": (None, "journalists"), "شقيقان": (None, "brothers"), "شقيقين": (None, "brothers"),
    "شابان": (None, "young men"), "شابين": (None, "young men"), "فتاتان": (None, "girls"),
    "فتاتين": (None, "girls"), "أسيران": (None, "prisoners"),
}.items()}

# Triggers right before the number (with their clitics: وقتل، بمقتل، باعتقال).
_TRIGGERS = _forms({
    "KILL": ("قتل", "مقتل", "قتلت", "يقتل", "تقتل", "اغتيال", "اغتال", "إعدام", "أعدم", "أعدمت",
             "استشهاد", "استشهد", "وفاة", "توفي", "مصرع", "ذبح", "تصفية"),
    "WOUND": ("إصابة", "أصيب", "أصيبت", "يصاب", "جرح", "جرحت", "إصابات"),
    "DISPLACE": ("نزوح", "نزح", "نزحت", "فرار", "فر", "فرت", "هروب", "هرب", "تهجير", "تشريد", "شرد",
                 "لجوء"),
    "ARREST": ("اعتقال", "اعتقل", "اعتقلت", "يعتقل", "توقيف", "أوقف", "أوقفت", "احتجاز", "احتجز",
               "احتجزت", "اعتقالات"),
    "KIDNAP": ("خطف", "خطفت", "اختطاف", "اختطف", "اختطفت"),
    "EVACUATE": ("إجلاء", "أجلي", "أجلت", "يجلي", "إخلاء"),
    "AFFECT": ("فقدان",),
})
# Two-word triggers: (word before, word right before the number).
_TRIGGERS_2 = {
    **{(fold_word(a), fold_word(b)): "ARREST" for a in ("القبض", "قبض") for b in ("على",)},
    **{(fold_word(a), fold_word(b)): "KILL" for a in ("أودى", "أودت", "يودي", "تودي")
       for b in ("بحياة", "بأرواح")},
    **{(fold_word(a), fold_word(b)): "KILL" for a in ("حصد", "حصدت") for b in ("أرواح", "حياة")},
    **{(fold_word(a), fold_word(b)): "AFFECT" for a in ("قتل", "مقتل", "سقوط")
       for b in ("وإصابة", "وجرح", "واصابة")},
}
_LIVES = {fold_word(w) for w in ("بحياة", "بأرواح")}
_CLAIMED = {fold_word(w) for w in ("أودى", "أودت", "يودي", "تودي")}
# Verbs after the counted noun: "29 مدنيا قتلوا", "لقي 30 مدنيا مصرعهم".
_AFTER_VERBS = _forms({
    "KILL": ("قتلوا", "قتلو", "قتلن", "لقوا", "لقين", "قضوا", "سقطوا", "استشهدوا", "مصرعهم",
             "حتفهم", "مصرعه", "حتفه", "مصرعهن", "حتفهن", "ماتوا", "توفوا"),
    "WOUND": ("أصيبوا", "أصبن", "جرحوا"),
    "DISPLACE": ("نزحوا", "فروا", "هربوا", "شردوا"),
    "ARREST": ("اعتقلوا", "أوقفوا", "احتجزوا"),
    "KIDNAP": ("خطفوا", "اختطفوا"),
    "EVACUATE": ("أجلوا",),
    "AFFECT": ("فقدوا",),
})
_STRANDED = {fold_word(w) for w in ("عالق", "عالقا", "عالقين", "عالقون", "محاصر", "محاصرا", "محاصرين",
                                     "محاصرون")}
_UNDER, _RUBBLE = fold_word("تحت"), {fold_word(w) for w in ("الأنقاض", "الركام", "أنقاض")}
_BREAKDOWN = {fold_word(w) for w in ("بينهم", "بينهن", "منهم", "منهن", "بينها", "بينهما")}
_RELEASE = {fold_word(w) for w in ("الإفراج", "إفراج", "سراح", "تبادل", "مبادلة", "عودة", "عفو", "سبيل")}
_TALLY_HEADS = {fold_word(w) for w in ("عدد", "حصيلة", "إجمالي")}
_TALLY_NOUNS = {fold_word(k): v for k, v in {
    "القتلى": "KILL", "الضحايا": "KILL", "الوفيات": "KILL", "الشهداء": "KILL", "الجرحى": "WOUND",
    "المصابين": "WOUND", "الإصابات": "WOUND", "النازحين": "DISPLACE", "اللاجئين": "DISPLACE",
    "المعتقلين": "ARREST", "الموقوفين": "ARREST", "المخطوفين": "KIDNAP", "المختطفين": "KIDNAP",
    "الرهائن": "KIDNAP", "المفقودين": "AFFECT",
}.items()}
_BETWEEN = fold_word("بين")
# "مصاب" is also "infected": near these words a count is of the sick, not the wounded.
_DISEASES = tuple(fold_word(w) for w in (
    "فيروس", "مرض", "وباء", "إيدز", "كورونا", "كوفيد", "كوليرا", "إنفلونزا", "انفلونزا", "عدوى",
    "حصبة", "إيبولا", "ايبولا", "السرطان", "الملاريا", "حمى"))
_GROUP_WORDS = {fold_word(w) for w in (
    "قوات", "تنظيم", "جماعة", "حركة", "الجيش", "جيش", "الشرطة", "شرطة", "الأمن", "قوى", "ميليشيا",
    "ميليشيات", "مليشيا", "مليشيات", "فصائل", "فصيل", "صفوف", "كبار", "أبناء", "أهالي", "سكان", "طاقم",
    "الحرس", "حرس", "وحدات", "جبهة", "الحشد", "حزب")}
# Words a count may skip between a trigger and its number: "قتل الأحد الماضي 5 عناصر".
_TIME_WORDS = {fold_word(w) for w in (
    "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الماضي",
    "المنصرم", "الفائت", "أمس", "الأمس", "اليوم", "صباح", "مساء", "ليل", "ليلة", "فجر", "يوم",
    "فقط", "الآن", "حتى", "جميعا")}
_PREPOSITIONS = {fold_word(w) for w in (
    "في", "على", "جراء", "خلال", "إثر", "اثر", "بسبب", "بعد", "عند", "قرب", "داخل", "أثناء")}
# Words that end the stretch in which a verb can still belong to the counted noun.
_CLAUSE_BREAKS = {fold_word(w) for w in (
    "أن", "إن", "ان", "الذي", "التي", "الذين", "حيث", "عندما", "لكن", "لكنه", "فيما", "بينما",
    "حين", "كما", "إذ", "قال", "قالت", "أضاف", "أضافت", "أكد", "أكدت", "بعدما", "بعد", "ثم", "إلا")}
_BARE_FOLLOWERS = _PREPOSITIONS | {fold_word(w) for w in ("من", "بجروح", "بجراح", "بإصابات", "آخرين", "آخرون")}
_ADVERBS_YA = {fold_word(w) for w in (
    "حاليا", "يوميا", "سنويا", "شهريا", "أسبوعيا", "رسميا", "جويا", "ميدانيا", "فعليا", "نسبيا", "دوليا",
    "محليا", "جزئيا", "كليا", "تلقائيا", "إضافيا", "عمليا", "فوريا", "مبدئيا", "أساسيا", "شخصيا",
    "جماعيا", "فرديا", "يدويا", "تقريبا", "ثانيا", "أوليا", "نهائيا")}
_SENTENCE_ENDS = {".", "!", "?", "؟", "\n"}
_CLAUSE_ENDS = _SENTENCE_ENDS | {":", "؛", ";"}
_QUOTES = set("\"'«»“”‘’()[]")
_POST_QUALIFIERS = {
    (fold_word("على"), fold_word("الأقل")): "at least", (fold_word("في"), fold_word("الأقل")): "at least",
    (fold_word("على"), fold_word("الأكثر")): "up to",
}


def _person(word: str | None, definite: bool = False) -> str | None:
    """Return the English gloss when ``word`` is a noun of people, else None."""
    if word is None:
        return None
    hit = (lookup_definite if definite else lookup)(word, _PEOPLE)
    if hit is not None:
        return hit[2]  # type: ignore[return-value]
    for _offset, stem in readings(word):
        plain = stem[2:] if definite and stem.startswith("ال") else stem
        # plural nisba nouns (صوماليين، إداريين): people of some kind
        if len(plain) >= 6 and (plain.endswith("يين") or plain.endswith("يون")) and plain != "ملايين":
            return "people"
    return None


def _casualty(word: str | None, definite: bool = False) -> tuple[str, str, bool] | None:
    """Return ``(type, gloss, fixes the type)`` when ``word`` is a casualty noun, else None."""
    if word is None:
        return None
    hit = (lookup_definite if definite else lookup)(word, _CASUALTY)
    return hit[2] if hit is not None else None  # type: ignore[return-value]


# --------------------------------------------------------------------------- scanning

@dataclass(slots=True)
class _Found:
    """A count while it is being read, in token positions; its ``count`` has no span yet."""

    count: CountMention
    first: int  # token range of the mention
    stop: int
    offset: int  # clitic letters of the first token left out of the span
    sentence: int
    core: int
    breakdown: bool


class _Scanner:
    """Finds the counts of one token list."""

    def __init__(self, tokens: tuple[Token, ...], words: tuple[str | None, ...], hits: tuple[NumberHit, ...]):
        self.tokens = tokens
        self.words = words
        self.n = len(tokens)
        self.hits = hits
        self.hit_cores = {h.core for h in hits}
        # the sentence of token i is the number of sentence ends before it; only a
        # mark's text can be one of _SENTENCE_ENDS, so the texts alone find them
        self.sentence_ends = list(itertools.compress(
            range(self.n), map(_SENTENCE_ENDS.__contains__, map(operator.itemgetter(1), tokens))))

    def word(self, i: int) -> str | None:
        """Return token ``i`` when it is an Arabic word, else None."""
        if 0 <= i < self.n:
            return self.words[i]
        return None

    def punct(self, i: int) -> str | None:
        """Return token ``i`` when it is a mark, else None."""
        if 0 <= i < self.n and self.tokens[i].kind == "punct":
            return self.tokens[i].text
        return None

    def has(self, i: int, words: set[str] | dict) -> tuple[int, str] | None:
        """Return ``(clitic length, stem)`` of the first reading of token ``i`` in ``words``."""
        word = self.word(i)
        if word is None:
            return None
        for offset, stem in readings(word):
            if stem in words:
                return offset, stem
        return None

    # -- the pieces of a count
    def noun_after(self, k: int, definite: bool = False) -> tuple[str | None, str | None, bool, int] | None:
        """Return ``(casualty type, gloss, type fixed, end)`` of the counted noun at ``k``.

        None when the number is followed by something that is not people.
        A bare number gives ``(None, None, False, k)``.
        """
        word = self.word(k)
        # "300 بين قتيل وجريح", "250 ما بين قتيل وجريح"
        j = k + 1 if word == fold_word("ما") and self.word(k + 1) == _BETWEEN else k
        if self.word(j) == _BETWEEN:
            total = self.killed_and_wounded(j + 1)
            if total is not None:
                return "AFFECT", "killed and wounded", True, total
        casualty = _casualty(word)
        if casualty is not None and lookup(word, _CASUALTY)[0] == 0:  # type: ignore[index, arg-type]
            ctype, gloss, fixed = casualty
            end = k + 1
            total = self.killed_and_wounded(k)
            if total is not None:
                return "AFFECT", "killed and wounded", True, total
            if ctype == "KILL" and self.word(end) == _BETWEEN:
                total = self.killed_and_wounded(end + 1)
                if total is not None:  # "300 ضحية بين قتيل وجريح"
                    return "AFFECT", "killed and wounded", True, total
            return ctype, gloss, fixed, end
        if word is not None and word in _ADVERBS_YA:
            return None, None, False, k  # "وصل إلى 200 حاليا": an adverb, the number stands alone
        if definite and word is not None:
            # after a vague plural the noun is definite: "مئات المعتقلين", "عشرات القتلى"
            total = self.killed_and_wounded(k)
            if total is not None:
                return "AFFECT", "killed and wounded", True, total
            casualty = _casualty(word, definite=True)
            if casualty is not None:
                return casualty[0], casualty[1], casualty[2], k + 1
            gloss = _person(word, definite=True)
            if gloss is not None:
                return None, gloss, False, k + 1
        gloss = _person(word)
        if gloss is not None and (lookup(word, _PEOPLE) is None or lookup(word, _PEOPLE)[0] == 0):  # type: ignore[index]
            end = k + 1
            if self.word(end) in {fold_word(w) for w in ("آخرين", "آخرون", "آخر")}:
                end += 1
            casualty = _casualty(self.word(end))
            if casualty is not None and casualty[2]:  # "5 مدنيين قتلى"
                return casualty[0], gloss, True, end + 1
            j = end + 1 if self.word(end) == fold_word("ما") else end
            if self.word(j) == _BETWEEN:  # "40 شخصا بين قتيل وجريح"
                total = self.killed_and_wounded(j + 1)
                if total is not None:
                    return "AFFECT", gloss, True, total
            return None, gloss, False, end
        if word == fold_word("من"):
            found = self.group_after(k + 1)
            if found is not None:
                # "مقتل 3 من الجرحى": a trigger outranks the group's casualty noun
                ctype, gloss, end = found
                return ctype, gloss, False, end
            return None
        if word is None:
            return None, None, False, k
        # a bare number: "مقتل 5 في غارة", "مقتل 5 وإصابة 10"
        if word in _BARE_FOLLOWERS or (word[:1] == "و" and self.has(k, _TRIGGERS) is not None):
            return None, None, False, k
        return None

    def killed_and_wounded(self, k: int) -> int | None:
        """Return the end of "قتيل وجريح" / "قتلى وجرحى" at ``k``, or None."""
        first = _casualty(self.word(k), definite=True)
        if first is None or first[0] != "KILL":
            return None
        second = self.word(k + 1)
        if second is None or not second.startswith("و"):
            return None
        other = _casualty(second[1:], definite=True)
        if other is not None and other[0] == "WOUND":
            end = k + 2
            # "بين قتيل وجريح ومفقود"
            third = self.word(end)
            if third is not None and third.startswith("و") and _casualty(third[1:], definite=True) is not None:
                end += 1
            return end
        return None

    def group_after(self, k: int) -> tuple[str | None, str, int] | None:
        """Return ``(casualty type, gloss, end)`` for "من كبار قادة الجهاديين" style groups."""
        saw_group = False
        for j in range(k, min(k + 4, self.n)):
            word = self.word(j)
            if word is None:
                break
            casualty = _casualty(word, definite=True)
            if casualty is not None:
                return casualty[0], casualty[1], j + 1
            gloss = _person(word, definite=True)
            if gloss is not None:
                return None, gloss, j + 1
            stem = word[2:] if word.startswith("ال") else word
            if word in _GROUP_WORDS or stem in _GROUP_WORDS or ("ال" + stem) in _GROUP_WORDS:
                saw_group = True
                continue
            break
        if saw_group:
            return None, "members", k + 1
        return None

    def trigger_before(self, i: int, strong_noun: bool) -> tuple[str, int, int, bool] | None:
        """Return ``(type, first token, clitic offset, adjacent)`` of a trigger before token ``i``."""
        j = i - 1
        while self.punct(j) is not None and self.punct(j) in _QUOTES:
            j -= 1
        adjacent = j == i - 1
        skipped = 0
        while skipped < 3 and self.has(j, _TIME_WORDS) is not None:
            j -= 1
            skipped += 1
            adjacent = False
        # "أول من أمس"
        found = self.trigger_at(j)
        if found is not None:
            return found[0], found[1], found[2], adjacent
        if not strong_noun:
            return None
        # A few words between a trigger and a noun of people: the subject of a verb
        # ("اعتقلت الشرطة 12 متظاهرا") or a short phrase ("قتل في الغارة 5 أشخاص").
        for gap in (1, 2, 3):
            t = j - gap
            between = range(t + 1, j + 1)
            if any(self.word(x) is None or x in self.hit_cores for x in between):
                break
            if any(self.word(x) in _CLAUSE_BREAKS or self.has(x, _TRIGGERS) is not None
                   or self.has(x, _BREAKDOWN) is not None for x in between):
                break
            found = self.trigger_at(t)
            if found is not None:
                return found[0], found[1], found[2], False
        return None

    def trigger_at(self, j: int) -> tuple[str, int, int] | None:
        """Return ``(type, first token, clitic offset)`` of a trigger ending at token ``j``."""
        second = self.word(j)
        if second is None:
            return None
        first = self.word(j - 1)
        if first is not None:
            for offset, stem in readings(first):
                if (stem, second) in _TRIGGERS_2:
                    return _TRIGGERS_2[(stem, second)], j - 1, offset
                for _o2, stem2 in readings(second):
                    if (stem, stem2) in _TRIGGERS_2:
                        return _TRIGGERS_2[(stem, stem2)], j - 1, offset
        hit = self.has(j, _TRIGGERS)
        if hit is not None:
            return _TRIGGERS[hit[1]], j, hit[0]
        # "أودى الانفجار بحياة 9 أشخاص": the verb's subject may stand between
        if second in _LIVES:
            for k in range(j - 2, max(-1, j - 5), -1):
                if self.has(k, _CLAIMED) is not None:
                    return "KILL", j, 0
        return None

    def verb_after(self, k: int) -> tuple[str, int, bool] | None:
        """Return ``(type, end, adjacent)`` of a verb that says what happened to the counted noun.

        The verb may come a few words later ("45 عنصرا من التنظيم، بينهم قياديون
        قتلوا") but not past the end of the clause, another number or a trigger.
        """
        words = 0
        j = k
        while j < self.n and words < 8:
            tok = self.tokens[j]
            if tok.kind == "punct":
                if tok.text in _CLAUSE_ENDS:
                    return None
                j += 1
                continue
            if tok.kind != "ar" or j in self.hit_cores:
                return None
            hit = self.has(j, _AFTER_VERBS)
            if hit is not None:
                return _AFTER_VERBS[hit[1]], j + 1, j == k
            if tok.text in _CLAUSE_BREAKS or self.has(j, _TRIGGERS) is not None:
                return None
            if tok.text == _UNDER and self.word(j + 1) in _RUBBLE:
                return "AFFECT", j + 2, j == k
            if self.has(j, _STRANDED) is not None and j == k:
                return "AFFECT", j + 1, True
            words += 1
            j += 1
        return None

    def tally_before(self, i: int) -> str | None:
        """Return the type of "ارتفع عدد القتلى إلى" / "عدد الجرحى وصل إلى" before token ``i``."""
        j = i - 1
        if self.has(j, {fold_word("إلى"), fold_word("الى")}) is not None:
            j -= 1
        for back in range(0, 4):
            t = j - back
            found = self.has(t, _TALLY_NOUNS)
            if found is not None and self.has(t - 1, _TALLY_HEADS) is not None:
                return _TALLY_NOUNS[found[1]]
            if self.word(t) is None:
                break
        return None

    def among_before(self, i: int) -> str | None:
        """Return the type of "من بين القتلى ... 121 طفلا" before token ``i`` (same clause)."""
        words = 0
        j = i - 1
        while j >= 1 and words < 8:
            tok = self.tokens[j]
            if tok.kind == "punct":
                if tok.text in _CLAUSE_ENDS:
                    return None
                j -= 1
                continue
            if tok.kind != "ar" or j in self.hit_cores:
                return None
            found = self.has(j, _TALLY_NOUNS)
            if found is not None and self.has(j - 1, {_BETWEEN}) is not None:
                return _TALLY_NOUNS[found[1]]
            words += 1
            j -= 1
        return None

    def released_before(self, i: int) -> bool:
        """Return whether a release or return (الإفراج عن، عودة) governs the number at ``i``."""
        for j in range(max(0, i - 3), i):
            if self.has(j, _RELEASE) is not None:
                return True
        return False

    def disease_near(self, first: int, end: int) -> bool:
        """Return whether a disease word stands within a few words of tokens ``[first, end)``."""
        for j in range(max(0, first - 4), min(self.n, end + 4)):
            word = self.word(j)
            if word is not None and any(d in word for d in _DISEASES):
                return True
        return False

    def post_qualifier(self, k: int) -> tuple[str, int] | None:
        """Return ``(qualifier, end)`` for "على الأقل" / "على الأكثر" at ``k``."""
        pair = (self.word(k), self.word(k + 1))
        if pair in _POST_QUALIFIERS:
            return _POST_QUALIFIERS[pair], k + 2  # type: ignore[index]
        return None

    # -- one count per number
    def run(self) -> list[_Found]:
        """Return the counts of the token list, in order."""
        out: list[_Found] = []
        for hit in self.hits:
            found = self.count(hit, out)
            if found is not None:
                out.append(found)
        return out

    def count(self, hit: NumberHit, earlier: list[_Found]) -> _Found | None:
        """Return the count that ``hit`` is part of, or None when it counts no people.

        The type comes from, in order: a casualty noun that fixes it (قتيلا، جرحى),
        a breakdown of the count before it, a trigger before the number, a verb
        after the counted noun, a status noun (نازح، معتقل), a tally or "بين القتلى".
        """
        m = hit.mention
        if m.kind in ("percent", "ordinal") or m.unit is not None:
            return None
        if m.kind == "year":
            # a year-shaped number before a noun of people is an amount: "فرار 2000 مدني"
            nxt = self.word(hit.last)
            if _person(nxt) is None and _casualty(nxt) is None:
                return None
        sentence = bisect.bisect_left(self.sentence_ends, hit.core)
        if m.kind == "dual":
            dual = lookup_definite(self.tokens[hit.core].text, _DUALS)
            if dual is None:
                return None
            dual_type, gloss = dual[2]  # type: ignore[misc]
            noun = (dual_type, gloss, dual_type in ("KILL", "WOUND"), hit.last)
        else:
            noun = self.noun_after(hit.stop, definite=m.vague)
            if noun is None:
                return None
        noun_type, what, fixed, end = noun
        bare = what is None and noun_type is None
        qualifier, low, high = m.qualifier, m.low, m.high
        post = self.post_qualifier(end)
        if post is not None and qualifier is None:
            qualifier, end = post[0], post[1]
            if qualifier == "at least":
                low = m.value
            else:
                high = m.value
        first, offset = hit.first, hit.fstart - self.tokens[hit.first].start
        ctype = None
        previous = earlier[-1] if earlier and earlier[-1].sentence == sentence else None
        # a breakdown of the count before it: "بينهم 45 طفلا", and "و5 نساء" right after one
        breakdown = self.has(hit.first - 1, _BREAKDOWN) is not None
        joined = previous is not None and previous.breakdown and (
            (self.word(hit.first - 1) == "و" and previous.stop == hit.first - 1)
            or (offset == 1 and self.word(hit.first)[:1] == "و" and previous.stop == hit.first))  # type: ignore[index]
        trigger = self.trigger_before(hit.first, strong_noun=not bare)
        if fixed and noun_type is not None:
            ctype = noun_type
            if trigger is not None and trigger[0] == "EVACUATE":
                ctype = "EVACUATE"  # "إجلاء 300 جريح": the evacuation is the event
        elif breakdown or joined:
            if noun_type is not None:
                ctype = noun_type
            elif previous is not None:
                ctype = previous.count.type
            else:
                ctype = self.among_before(hit.first - 1) or self.casualty_plural_before(hit.first - 1)
        if ctype is None and trigger is not None and not (bare and not trigger[3]):
            ctype = trigger[0]
            if ctype == "ARREST" and noun_type == "KIDNAP":
                ctype = "KIDNAP"  # "احتجاز 4 رهائن": hostage taking, not an arrest
        if ctype is None and not bare:
            verb = self.verb_after(end)
            if verb is not None:
                ctype = verb[0]
                if verb[2]:
                    end = verb[1]  # the verb right after the noun belongs to the span
            elif noun_type is not None:
                ctype = noun_type
        if ctype is None:
            ctype = self.tally_before(hit.first)
            if ctype is None and not bare:
                ctype = self.among_before(hit.first)
        if ctype is None:
            return None
        if bare and not self.bare_ok(hit, trigger):
            return None
        if ctype in ("ARREST", "KIDNAP", "DISPLACE") and self.released_before(hit.first):
            return None
        if ctype == "WOUND" and self.disease_near(hit.first, end):
            ctype = "AFFECT"  # "45 مليون مصاب بالفيروس": infected, not wounded
        if trigger is not None and trigger[3] and trigger[0] == ctype and not (breakdown or joined):
            first, offset = trigger[1], trigger[2]
        count = CountMention(0, 0, "", ctype, int(round(m.value)), _int(low), _int(high), qualifier, what, m.vague)
        return _Found(count, first, end, offset, sentence, hit.core, breakdown or bool(joined))

    def bare_ok(self, hit: NumberHit, trigger) -> bool:
        """Return whether a number with no noun after it may still be a count."""
        if trigger is not None and trigger[3]:
            return True
        return self.tally_before(hit.first) is not None

    def casualty_plural_before(self, i: int) -> str | None:
        """Return the type of a casualty noun shortly before a breakdown ("القتلى بينهم")."""
        for j in range(i - 1, max(-1, i - 7), -1):
            if self.punct(j) in _CLAUSE_ENDS:
                return None
            found = self.has(j, _TALLY_NOUNS)
            if found is not None:
                return _TALLY_NOUNS[found[1]]
            casualty = _casualty(self.word(j))
            if casualty is not None and casualty[2]:
                return casualty[0]
        return None


def _int(x: int | float | None) -> int | None:
    """Return ``x`` rounded to an int, None staying None."""
    return None if x is None else int(round(x))


def find_counts(text: str) -> tuple[CountMention, ...]:
    """Return the counts of people in ``text``, in order, each with its offsets into ``text``."""
    scanned = scan(text)
    folded, tokens = scanned.folded, scanned.tokens
    scanner = _Scanner(tokens, scanned.words, scanned.hits)
    out = []
    for f in scanner.run():
        fstart = tokens[f.first].start + f.offset
        fend = tokens[f.stop - 1].end
        start, end = folded.span(fstart, fend)
        out.append(replace(f.count, start=start, end=end, text=text[start:end]))
    return tuple(out)
