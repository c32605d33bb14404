"""Numbers in Arabic news text: digits, number words, qualifiers and vague amounts.

``find_numbers`` reads ``409``, ``1,200``, ``2,5 مليون``, ``٣٠٠ ألف``, ``خمسة وعشرين``,
``ثلاثمئة``, ``الفي``, ``أكثر من 500``, ``عشرات الآلاف`` and the like, and says what
kind of number each is (a cardinal, a calendar year, a percentage, an ordinal or a
dual noun such as ``قتيلان``), so that callers can keep years and percentages out of
casualty counts.

Offsets always point into the text exactly as given: the text is folded (no
diacritics, tatweel or direction marks; one alef; ي for ى; ه for ة; ASCII digits)
into a shadow copy that keeps, for every folded character, the index of the
original character it came from. Matching runs on the shadow; spans are mapped back.
``kg.dates`` and ``kg.counts`` share that machinery (``fold``, ``tokenize``,
``number_hits``), so the three modules read the text the same way; ``scan`` does
all three and caches the result, so that the modules read a given text only once.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

__all__ = ["NumberMention", "find_numbers"]


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number in the text; ``text == source[start:end]``.

    ``value`` is the best single value; ``low``/``high`` bound it where a qualifier
    or a range does (``أكثر من 500`` → low 500, high None) and are None for an exact
    number. ``vague`` marks plural amounts (``عشرات``, ``مئات الآلاف``): ``value`` is
    then the lowest reading and ``low``/``high`` the range the plural allows.
    ``kind`` is ``cardinal``, ``year``, ``percent``, ``ordinal`` or ``dual``; ``unit``
    names the measure that follows (``dollar``, ``km``, ``day``, ``vote`` ...) or is None.
    """

    start: int
    end: int
    text: str
    value: int | float
    low: int | float | None
    high: int | float | None
    qualifier: str | None
    vague: bool
    kind: str = "cardinal"
    unit: str | None = None


# --------------------------------------------------------------------------- folding

# Characters folded to another one; everything else is kept as is except the marks
# dropped below. Each entry maps one character to one character, so the shadow text
# stays aligned with the source through a plain index table.
_CHAR_MAP = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ئ": "ي", "ؤ": "و",
    "ة": "ه", "ۀ": "ه", "ە": "ه", "ک": "ك", "٫": ".", "٬": ",", "\u2028": "\n", "\u2029": "\n",
    "\r": "\n",
}


@functools.lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    """Return the folded form of one character: one character, or "" to drop it."""
    if c in _CHAR_MAP:
        return _CHAR_MAP[c]
    if c == "\u0640":  # tatweel only stretches a word
        return ""
    category = unicodedata.category(c)
    # Mn: diacritics (harakat, shadda, sukun, dagger alef); Cf: RLM/LRM, ZWJ/ZWNJ,
    # bidi embeddings, ALM, BOM, soft hyphen. None of them changes what a word says.
    if category in ("Mn", "Cf"):
        return ""
    digit = unicodedata.decimal(c, None)
    if digit is not None:  # Arabic-Indic, Persian and other decimal digits
        return str(digit)
    if c != "\n" and c.isspace():
        return " "
    return c


def _is_mark(c: str) -> bool:
    """Return whether ``c`` is a combining mark that belongs to the letter before it."""
    return unicodedata.category(c) == "Mn" or c == "\u0640"


@dataclass(frozen=True, slots=True)
class Folded:
    """The folded shadow of a text and, per folded character, its index in the source.

    ``index`` is a ``range`` where folding dropped nothing, else a tuple.
    """

    source: str
    text: str
    index: Sequence[int]

    def span(self, fstart: int, fend: int) -> tuple[int, int]:
        """Return the source span of the folded span ``[fstart, fend)`` (fend > fstart).

        The end takes in the diacritics that sit on the last letter, so that a span
        never cuts a letter from its harakat.
        """
        start = self.index[fstart]
        end = self.index[fend - 1] + 1
        while end < len(self.source) and _is_mark(self.source[end]):
            end += 1
        return start, end


# A character that folding drops is written as this mark first, so that the shadow
# keeps the length of the source while the dropped places are found. It is itself a
# dropped character (a format control), and nothing that is kept folds to it.
_DROPPED = "\u2060"
_DROPPED_RUN = re.compile(_DROPPED + "+")


class _FoldTable(dict):
    """``str.translate`` table of ``_fold_char``, filled on first sight of each character."""

    __slots__ = ()

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code)) or _DROPPED
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> Folded:
    """Return the folded shadow of ``text`` with its index table back into ``text``."""
    shadow = text.translate(_FOLD_TABLE)  # one character for each source character
    n = len(text)
    if _DROPPED not in shadow:
        return Folded(text, shadow, range(n))
    index: list[int] = []
    kept = 0
    for m in _DROPPED_RUN.finditer(shadow):
        index.extend(range(kept, m.start()))
        kept = m.end()
    index.extend(range(kept, n))
    return Folded(text, shadow.replace(_DROPPED, ""), tuple(index))


@functools.lru_cache(maxsize=8192)
def fold_word(word: str) -> str:
    """Return the folded lookup form of a lexicon word or phrase."""
    return "".join(_fold_char(c) for c in word)


# --------------------------------------------------------------------------- tokens

class Token(NamedTuple):
    """A token of the folded text: ``kind`` is ``num``, ``ar``, ``word`` or ``punct``."""

    kind: str
    text: str
    start: int  # offsets into the folded text
    end: int
    gap: bool  # whether anything (a space, a dropped mark) separates it from the token before


_TOKEN_RE = re.compile(
    r"(?P<num>[0-9]+(?:[.,][0-9]+)*)"
    r"|(?P<ar>[\u0621-\u063A\u0641-\u064A\u0671-\u06D3\u06D5\u06EE\u06EF\u06FA-\u06FF]+)"
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<punct>\n|[^\s])"
)


def tokenize(folded: Folded) -> tuple[Token, ...]:
    """Return the tokens of a folded text: digit runs, Arabic words, other words, marks."""
    out: list[Token] = []
    append = out.append
    new = tuple.__new__
    index = folded.index
    previous_end = -1  # no gap before the first token
    for m in _TOKEN_RE.finditer(folded.text):
        start, end = m.span()
        # A dropped character between two tokens (tatweel in لـ48) leaves no trace in
        # the shadow, so adjacency is read from the source indices.
        gap = previous_end >= 0 and (start > previous_end or index[start] > index[start - 1] + 1)
        append(new(Token, (m.lastgroup or "punct", m.group(), start, end, gap)))
        previous_end = end
    return tuple(out)


_PREFIXES = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")


@functools.lru_cache(maxsize=65536)
def readings(word: str) -> tuple[tuple[int, str], ...]:
    """Return the ``(prefix length, stem)`` readings of a folded word, least stripped first.

    The proclitics are a conjunction (و ف) and a preposition (ب ل ك). ``لل`` is
    ل + ال with the alef elided; its reading restores ``ال`` and keeps the ل inside
    the span, because no substring of the source spells the article.
    """
    out: list[tuple[int, str]] = [(0, word)]
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            stem = word[len(prefix):]
            out.append((len(prefix), stem))
            if prefix.endswith("ل") and stem.startswith("ل") and len(stem) >= 3:
                out.append((len(prefix) - 1, "ا" + stem))
    return tuple(dict.fromkeys(out))


def lookup(word: str, table: dict) -> tuple[int, str, object] | None:
    """Return ``(prefix length, stem, value)`` for the first reading of ``word`` in ``table``."""
    for offset, stem in readings(word):
        if stem in table:
            return offset, stem, table[stem]
    return None


def lookup_definite(word: str, table: dict) -> tuple[int, str, object] | None:
    """Return ``(prefix length, stem, value)`` like ``lookup``, also reading past ``ال``.

    The prefix length then counts the clitics only: the article stays in the span.
    """
    for offset, stem in readings(word):
        if stem in table:
            return offset, stem, table[stem]
        if stem.startswith("ال") and stem[2:] in table:
            return offset, stem[2:], table[stem[2:]]
    return None


def _folded_table(pairs: dict) -> dict:
    """Return ``pairs`` with folded keys."""
    return {fold_word(k): v for k, v in pairs.items()}


# --------------------------------------------------------------------------- lexicons

_UNITS = _folded_table({
    "واحد": 1, "واحدة": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2,
    "ثلاثة": 3, "ثلاث": 3, "أربعة": 4, "أربع": 4, "خمسة": 5, "خمس": 5, "ستة": 6, "ست": 6,
    "سبعة": 7, "سبع": 7, "ثمانية": 8, "ثماني": 8, "ثمان": 8, "تسعة": 9, "تسع": 9,
})
_TEN = _folded_table({"عشرة": 10, "عشر": 10})
_TEEN_HEADS = _folded_table({"أحد": 1, "إحدى": 1, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2})
_TENS = _folded_table({
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "أربعون": 40, "أربعين": 40,
    "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
    "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
})
_HUNDRED_WORDS = _folded_table({"مئة": 100, "مائة": 100, "مية": 100})
_HUNDREDS = _folded_table({
    **{w: 100 for w in ("مئة", "مائة", "مية")},
    **{w: 200 for w in ("مئتان", "مئتين", "مئتا", "مئتي", "مائتان", "مائتين", "مائتا", "مائتي")},
    **{u + h: v * 100 for u, v in (("ثلاث", 3), ("ثلث", 3), ("أربع", 4), ("خمس", 5), ("ست", 6),
                                   ("سبع", 7), ("ثمان", 8), ("ثماني", 8), ("تسع", 9))
       for h in ("مئة", "مائة")},
})
_SCALES = _folded_table({
    "ألف": 1000, "ألفا": 1000, "آلاف": 1000, "ألوف": 1000,
    "مليون": 10**6, "مليونا": 10**6, "ملايين": 10**6,
    "مليار": 10**9, "مليارا": 10**9, "مليارات": 10**9, "بليون": 10**9, "بليونا": 10**9,
})
# Plural scale words read alone are vague ("آلاف" = thousands); after a number they multiply.
_PLURAL_SCALES = {fold_word(w) for w in ("آلاف", "ألوف", "ملايين", "مليارات")}
_DUAL_SCALES = _folded_table({
    "ألفان": 2000, "ألفين": 2000, "ألفي": 2000,
    "مليونان": 2 * 10**6, "مليونين": 2 * 10**6, "مليوني": 2 * 10**6,
    "ملياران": 2 * 10**9, "مليارين": 2 * 10**9, "ملياري": 2 * 10**9,
})
_FRACTIONS = _folded_table({"نصف": 0.5, "ربع": 0.25})
_VAGUE = _folded_table({
    "عشرات": 10, "مئات": 100, "آلاف": 1000, "ألوف": 1000, "ملايين": 10**6, "مليارات": 10**9,
    "بضعة": 1, "بضع": 1,
})
_ORDINAL_UNITS = _folded_table({
    "أول": 1, "أولى": 1, "حادي": 1, "حادية": 1, "ثاني": 2, "ثانية": 2, "ثالث": 3, "ثالثة": 3,
    "رابع": 4, "رابعة": 4, "خامس": 5, "خامسة": 5, "سادس": 6, "سادسة": 6, "سابع": 7, "سابعة": 7,
    "ثامن": 8, "ثامنة": 8, "تاسع": 9, "تاسعة": 9, "عاشر": 10, "عاشرة": 10,
})
# Nouns whose dual ending carries the number two. Nisba plurals in -ين (مدنيين,
# مقاتلين) look exactly like their duals, so only forms that cannot be plurals are here.
_DUAL_NOUNS = _folded_table({w: 2 for w in (
    "قتيلان", "قتيلين", "جريحان", "جريحين", "طفلان", "طفلين", "طفلتان", "طفلتين",
    "شخصان", "شخصين", "جنديان", "جنديين", "امرأتان", "امرأتين", "رجلان", "رجلين",
    "عنصران", "عنصرين", "ضابطان", "ضابطين", "شرطيان", "مدنيان", "مقاتلان", "مسلحان",
    "صحفيان", "صحافيان", "شقيقان", "شقيقين", "شابان", "شابين", "فتاتان", "فتاتين",
    "مصابان", "أسيران", "رهينتان", "رهينتين", "معتقلان", "مخطوفان", "مختطفان",
)})

_UNIT_WORDS = _folded_table({
    **{w: "dollar" for w in ("دولار", "دولارا", "دولارات")},
    **{w: "euro" for w in ("يورو",)},
    **{w: "pound" for w in ("جنيه", "جنيها", "جنيهات", "إسترليني")},
    **{w: "riyal" for w in ("ريال", "ريالا", "ريالات")},
    **{w: "dinar" for w in ("دينار", "دينارا", "دنانير")},
    **{w: "dirham" for w in ("درهم", "درهما", "دراهم")},
    **{w: "lira" for w in ("ليرة", "ليرات")},
    **{w: "cent" for w in ("سنت", "سنتا", "سنتات")},
    **{w: "km" for w in ("كلم", "كم", "كيلومتر", "كيلومترا", "كيلومترات", "كيلو")},
    **{w: "m" for w in ("متر", "مترا", "أمتار")},
    **{w: "mile" for w in ("ميل", "ميلا", "أميال")},
    **{w: "kg" for w in ("كيلوغرام", "كيلوغراما", "كلغ", "كغ")},
    **{w: "ton" for w in ("طن", "طنا", "أطنان")},
    **{w: "barrel" for w in ("برميل", "برميلا", "براميل")},
    **{w: "hectare" for w in ("هكتار", "هكتارا", "هكتارات")},
    **{w: "hour" for w in ("ساعة", "ساعات")},
    **{w: "minute" for w in ("دقيقة", "دقائق")},
    **{w: "day" for w in ("يوم", "يوما", "أيام")},
    **{w: "week" for w in ("أسبوع", "أسبوعا", "أسابيع")},
    **{w: "month" for w in ("شهر", "شهرا", "أشهر", "شهور")},
    **{w: "year" for w in ("عام", "عاما", "أعوام", "سنة", "سنوات", "سنين")},
    **{w: "vote" for w in ("صوت", "صوتا", "أصوات")},
    **{w: "seat" for w in ("مقعد", "مقعدا", "مقاعد")},
})

_PERCENT_SIGNS = {"%", "٪"}
_PERCENT_WORDS = {fold_word(w) for w in ("بالمئة", "بالمائة", "بالمية")}
_PERCENT_AFTER_FI = {fold_word(w) for w in ("المئة", "المائة", "المية")}

# Qualifiers before a number, as folded word sequences. Longer phrases first.
_PRE_QUALIFIERS: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    (tuple(fold_word(w) for w in phrase.split()), qualifier) for phrase, qualifier in (
        ("ما لا يقل عن", "at least"), ("لا يقل عن", "at least"), ("ما لا يقل على", "at least"),
        ("ما يزيد على", "more than"), ("ما يزيد عن", "more than"), ("يزيد على", "more than"),
        ("يزيد عن", "more than"), ("ما يربو على", "more than"), ("يربو على", "more than"),
        ("ما يفوق", "more than"), ("أكثر من", "more than"), ("أزيد من", "more than"),
        ("ما يقرب من", "nearly"), ("يقرب من", "nearly"), ("ما يقارب", "nearly"), ("يقارب", "nearly"),
        ("قرابة", "nearly"), ("ما يناهز", "about"), ("يناهز", "about"), ("نحو", "about"),
        ("حوالي", "about"), ("حوالى", "about"), ("زهاء", "about"),
        ("ما يقل عن", "less than"), ("أقل من", "less than"),
        ("ما يصل إلى", "up to"), ("يصل إلى", "up to"), ("ما يصل الى", "up to"), ("حتى", "up to"),
    ))
_POST_QUALIFIERS: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    (tuple(fold_word(w) for w in phrase.split()), qualifier) for phrase, qualifier in (
        ("على الأقل", "at least"), ("في الأقل", "at least"), ("أو أكثر", "at least"),
        ("على الأكثر", "up to"), ("تقريبا", "about"), ("ونيف", "more than"),
    ))

_POST_QUALIFIER_FIRSTS = frozenset(phrase[0] for phrase, _q in _POST_QUALIFIERS)

# Words after which a four-digit number is a calendar year.
_YEAR_WORDS = {fold_word(w) for w in ("عام", "العام", "عامي", "سنة", "السنة", "سنتي")}
_YEAR_PREPOSITIONS = {fold_word(w) for w in (
    "منذ", "في", "حتى", "قبل", "بعد", "خلال", "مطلع", "بداية", "نهاية", "أواخر", "أوائل",
    "منتصف", "أواسط", "إبان", "صيف", "شتاء", "خريف", "ربيع")}
# Of those, the ones no amount follows: منذ 2006 is a year whatever word comes next.
_YEAR_SINCE = {fold_word(w) for w in ("منذ", "مطلع", "منتصف", "أواسط", "أواخر", "أوائل", "إبان")}
_YEAR_LINKS = {fold_word(w) for w in ("إلى", "الى", "حتى", "و")}
_ERA_MARKERS = {fold_word(w) for w in (
    "م", "ميلادي", "ميلادية", "للميلاد", "ه", "هـ", "هجري", "هجرية", "للهجرة")}
# Month names that put the next four-digit number in a date (kg.dates owns the
# full calendar; this set only keeps years out of the cardinals).
_MONTH_HINTS = {fold_word(w) for w in (
    "يناير", "فبراير", "مارس", "أبريل", "ابريل", "مايو", "يونيو", "يونيه", "يوليو", "يوليه",
    "أغسطس", "اغسطس", "سبتمبر", "أكتوبر", "اكتوبر", "نوفمبر", "نونبر", "ديسمبر", "دجنبر",
    "جانفي", "فيفري", "أفريل", "ماي", "جوان", "جويلية", "أوت", "يوليوز", "غشت", "شتنبر",
    "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
    "محرم", "صفر", "رجب", "شعبان", "رمضان", "شوال")}
_MONTH_SECOND_WORDS = {fold_word(w) for w in (
    "الأول", "الثاني", "الآخر", "الأولى", "الآخرة", "الثانية", "القعدة", "الحجة")}
_MONTH_FIRST_WORDS = {fold_word(w) for w in ("كانون", "تشرين", "ربيع", "جمادى", "ذو", "ذي")}
_FUNCTION_WORDS = {fold_word(w) for w in (
    "في", "على", "عن", "من", "إلى", "الى", "حين", "عندما", "حيث", "ضد", "مع", "بعد", "قبل",
    "خلال", "وفق", "حسب", "بين", "حتى", "لكن", "ثم", "أو", "أن", "إن", "التي", "الذي", "الذين",
    "كما", "قد", "لم", "لن", "لا", "ما", "إذ", "منذ", "عبر", "نحو")}

_TIME_OR_DATE_SEPARATORS = {":", "/"}


# --------------------------------------------------------------------------- scanning

@dataclass(frozen=True, slots=True)
class NumberHit:
    """A number found in a token list, for kg.dates and kg.counts.

    Token indices: ``first`` is the first token of the mention (a qualifier where
    there is one), ``core`` the first token of the number itself, ``last`` one past
    its last token, ``stop`` one past the mention (percent sign, post-qualifier).
    ``fstart``/``fend`` are the folded offsets of the mention.
    """

    mention: NumberMention
    first: int
    core: int
    last: int
    stop: int
    fstart: int
    fend: int
    scale: int = 1  # the largest scale word read (1000 for "300 ألف"), 1 if none


@dataclass(slots=True)
class _Raw:
    """A number while it is being read: its value and token positions."""

    value: int | float
    core: int
    last: int
    offset: int  # clitic letters before the number inside its first token
    kind: str = "cardinal"
    vague: bool = False
    low: int | float | None = None
    high: int | float | None = None
    scale: int = 1


def _digits_value(text: str, next_word: str | None) -> int | float | None:
    """Return the value of a digit token, or None where it is not one number."""
    if len(text) > 18:
        return None  # a serial number or a code, not an amount
    if "," not in text and "." not in text:
        return int(text)
    parts = re.split(r"([.,])", text)
    groups, seps = parts[0::2], parts[1::2]
    scale_follows = next_word is not None and (
        next_word in _SCALES or next_word in _DUAL_SCALES or next_word in _PERCENT_AFTER_FI
        or next_word in _PERCENT_WORDS)
    if len(seps) == 1:
        sep, tail = seps[0], groups[1]
        if sep == ".":
            # "1.200 شخص" is the Maghreb thousands point (nobody counts 1.2 people), but
            # "1.500 مليون" is a decimal before a scale word
            if len(tail) == 3 and 1 <= len(groups[0]) <= 3 and groups[0][0] != "0" and not scale_follows:
                return int(groups[0] + tail)
            return _intish(float(text))
        if len(tail) == 3 and 1 <= len(groups[0]) <= 3 and groups[0][0] != "0":
            return int(groups[0] + tail)
        if len(tail) <= 2 and scale_follows:  # "2,5 مليون": the decimal comma
            return _intish(float(groups[0] + "." + tail))
        return None
    # Several separators: thousands groups, optionally one decimal point at the end.
    if all(s == "," for s in seps) and 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]):
        return int("".join(groups))
    if all(s == "." for s in seps) and 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]):
        return int("".join(groups))
    if all(s == "," for s in seps[:-1]) and seps[-1] == "." and 1 <= len(groups[0]) <= 3 \
            and all(len(g) == 3 for g in groups[1:-1]):
        return _intish(float("".join(groups[:-1]) + "." + groups[-1]))
    return None


def _intish(x: float) -> int | float:
    """Return ``x`` as an int when it is integral, else unchanged."""
    return int(x) if math.isfinite(x) and x == int(x) else x


class _Scanner:
    """Finds the numbers of one token list."""

    def __init__(self, tokens: tuple[Token, ...], words: tuple[str | None, ...] | None = None):
        self.tokens = tokens
        self.n = len(tokens)
        self.words = words if words is not None else arabic_words(tokens)

    # -- helpers
    def word(self, i: int) -> str | None:
        """Return the text of token ``i`` when it is an Arabic word, else None."""
        if 0 <= i < self.n:
            return self.words[i]
        return None

    def is_punct(self, i: int, chars: set[str] | str) -> bool:
        """Return whether token ``i`` is a mark among ``chars``."""
        return 0 <= i < self.n and self.tokens[i].kind == "punct" and self.tokens[i].text in chars

    def conj_term(self, i: int) -> tuple[int, str | None]:
        """Return ``(index of the term, its word)`` after a و joiner at ``i``, or (-1, None).

        The joiner is a separate و token (``و 30``, ``و30``) or a prefix (``وعشرين``).
        """
        t = self.word(i)
        if t is None:
            return -1, None
        if t == "و":
            if i + 1 < self.n and self.tokens[i + 1].kind == "num":
                return i + 1, None
            nxt = self.word(i + 1)
            return (i + 1, nxt) if nxt else (-1, None)
        if t.startswith("و") and len(t) > 2:
            return i, t[1:]
        return -1, None

    # -- the number itself
    def cardinal(self, i: int) -> _Raw | None:
        """Return the cardinal number that starts at token ``i``, or None."""
        tok = self.tokens[i]
        if tok.kind == "num":
            value = _digits_value(tok.text, self.word(i + 1))
            if value is None:
                return None
            return self.compose(_Raw(value, i, i + 1, 0), "digits")
        if tok.kind != "ar":
            return None
        word = tok.text
        # The first word may carry clitics (وثلاثة، بخمسة); ال is allowed too, except
        # on اثنين/اثنان, whose definite form is Monday.
        hit = lookup(word, _ALL_FIRST)
        if hit is None:
            # the article stays inside the span: "العشرات", "والثلاثة"
            for offset, stem in readings(word):
                if stem.startswith("ال") and stem not in _MONDAY and stem[2:] in _ALL_FIRST:
                    hit = (offset, stem[2:], _ALL_FIRST[stem[2:]])
                    break
        if hit is None:
            return None
        offset, stem, cls = hit
        return self.first_term(i, offset, stem, cls)

    def first_term(self, i: int, offset: int, stem: str, cls: str) -> _Raw | None:
        """Return the number that starts with the word ``stem`` of class ``cls`` at token ``i``."""
        if cls == "vague":
            return self.vague(i, offset, stem)
        if cls == "teen_head":
            j = i + 1
            if self.word(j) in _TEN:
                return self.compose(_Raw(_TEEN_HEADS[stem] + 10, i, j + 1, offset), "teen")
            return None
        if cls == "unit":
            if self.word(i + 1) in _TEN:
                return self.compose(_Raw(_UNITS[stem] + 10, i, i + 2, offset), "teen")
            return self.compose(_Raw(_UNITS[stem], i, i + 1, offset), "unit")
        if cls == "ten10":
            return self.compose(_Raw(10, i, i + 1, offset), "ten10")
        if cls == "ten":
            return self.compose(_Raw(_TENS[stem], i, i + 1, offset), "ten")
        if cls == "hundred":
            return self.compose(_Raw(_HUNDREDS[stem], i, i + 1, offset), "hundred")
        if cls == "scale":
            if stem in _PLURAL_SCALES:
                return self.vague(i, offset, stem)
            raw = _Raw(0, i, i + 1, offset, scale=_SCALES[stem])
            return self.compose(raw, "scale", total=_SCALES[stem])
        if cls == "dscale":
            value = _DUAL_SCALES[stem]
            return self.compose(_Raw(0, i, i + 1, offset, scale=value // 2), "scale", total=value)
        if cls == "fraction":
            nxt = self.word(i + 1)
            if nxt in _SCALES and nxt not in _PLURAL_SCALES:
                scale = _SCALES[nxt]
                return self.compose(_Raw(0, i, i + 2, offset, scale=scale), "scale",
                                    total=_intish(_FRACTIONS[stem] * scale))
            return None
        return None

    def compose(self, raw: _Raw, cls: str, total: int | float = 0) -> _Raw:
        """Return ``raw`` extended over the scale words and و-joined terms that follow it.

        The joins follow the order of Arabic compound numbers (مئة وخمسة وعشرون،
        ثلاثة آلاف وخمسمئة): a و-joined term must be smaller than what it follows,
        so that lists such as "ثلاثة وخمسة" or "1696 و1737" stay separate numbers.
        """
        current = raw.value if cls != "scale" else 0
        smallest_scale = raw.scale if cls == "scale" else math.inf
        last_cls = cls
        j = raw.last
        while j < self.n:
            nxt = self.word(j)
            # a scale word multiplies what came before it: "ثلاثة آلاف", "2,5 مليون"
            if nxt is not None and current and (nxt in _SCALES) and _SCALES[nxt] < smallest_scale:
                scale = _SCALES[nxt]
                total += current * scale
                current = 0
                smallest_scale = scale
                raw.scale = max(raw.scale, scale)
                last_cls = "scale"
                j += 1
                continue
            # "ثلاث مئة": a unit times a hundred
            if nxt in _HUNDRED_WORDS and last_cls == "unit" and 0 < current < 10:
                current *= 100
                last_cls = "hundred"
                j += 1
                continue
            k, term = self.conj_term(j)
            if k < 0:
                break
            if term is None:  # و + digits: only after a scale ("مليون و200 ألف")
                if not (total and current == 0 and last_cls == "scale"):
                    break
                value = _digits_value(self.tokens[k].text, self.word(k + 1))
                if value is None or value >= smallest_scale:
                    break
                current = value
                last_cls = "digits"
                j = k + 1
                continue
            if term in _FRACTIONS and last_cls == "scale" and current == 0 and smallest_scale < math.inf:
                total += _intish(_FRACTIONS[term] * smallest_scale)
                j = k + 1
                break
            step = self.join(term, current, last_cls, total, smallest_scale)
            if step is None:
                break
            value, new_cls, width = step
            current += value
            last_cls = new_cls
            j = k + width
        raw.value = _intish(total + current)
        raw.last = j
        return raw

    def join(self, term: str, current: float, last_cls: str, total: float,
             smallest_scale: float) -> tuple[int, str, int] | None:
        """Return ``(value, class, tokens used)`` of a و-joined term, or None if it cannot join."""
        sub = current % 100 if isinstance(current, int) else None
        if term in _UNITS or term in _TEEN_HEADS:
            # after hundreds or a scale: "مئة وخمسة", "ألف وثلاثة"
            if sub != 0 or not (current or total) or last_cls not in ("hundred", "scale"):
                return None
            if term in _TEEN_HEADS:
                return None  # "وأحد عشر" after hundreds is written "وإحدى عشرة"; rare, skip
            return _UNITS[term], "unit", 1
        if term in _TENS:
            if last_cls == "unit" and sub is not None and 0 < sub < 10:
                return _TENS[term], "ten", 1
            if sub == 0 and (current or total) and last_cls in ("hundred", "scale"):
                return _TENS[term], "ten", 1
            return None
        if term in _TEN:
            if sub == 0 and (current or total) and last_cls in ("hundred", "scale"):
                return 10, "ten10", 1
            return None
        if term in _HUNDREDS:
            if current == 0 and total and last_cls == "scale" and _HUNDREDS[term] < smallest_scale:
                return _HUNDREDS[term], "hundred", 1
            return None
        return None

    def vague(self, i: int, offset: int, stem: str) -> _Raw:
        """Return the vague amount at ``i``: عشرات، مئات الآلاف، بضعة آلاف ..."""
        base = _VAGUE[stem]
        j = i + 1
        nxt = self.word(j)
        if nxt is not None:
            # آلاف folds to الاف, which looks definite: try the word as it is first
            plain = nxt if nxt in _VAGUE or not nxt.startswith("ال") else nxt[2:]
            if plain in _VAGUE and _VAGUE[plain] > base and _VAGUE[plain] >= 100:
                base *= _VAGUE[plain]
                j += 1
        # Arabic plurals count three and up: عشرات = 30..99, مئات = 300..999.
        low, high = 3 * base, 10 * base - 1
        return _Raw(low, i, j, offset, vague=True, low=low, high=high)

    def ordinal(self, i: int) -> _Raw | None:
        """Return the ordinal (الخامس، الخامس عشر، الحادي والثلاثين) at ``i``, or None."""
        word = self.word(i)
        if word is None:
            return None
        hit = None
        for offset, stem in readings(word):
            plain = stem[2:] if stem.startswith("ال") else stem
            if plain in _ORDINAL_UNITS:
                hit = (offset, stem, plain)
                break
            if stem.startswith("ال") and plain in _TENS and plain.endswith("ين"):
                # a definite tens word alone reads as an ordinal: "العشرين من"
                return _Raw(_TENS[plain], i, i + 1, offset, kind="ordinal")
        if hit is None:
            return None
        offset, stem, plain = hit
        value = _ORDINAL_UNITS[plain]
        if self.word(i + 1) in _TEN and value < 10:
            return _Raw(value + 10, i, i + 2, offset, kind="ordinal")
        k, term = self.conj_term(i + 1)
        if k >= 0 and term is not None and value < 10:
            plain_term = term[2:] if term.startswith("ال") else term
            if plain_term in _TENS:
                return _Raw(value + _TENS[plain_term], i, k + 1, offset, kind="ordinal")
        if plain in ("حادي", "حاديه"):
            return None  # حادي only lives in compounds
        return _Raw(value, i, i + 1, offset, kind="ordinal")


_MONDAY = {fold_word(w) for w in ("الاثنين", "الإثنين", "الاثنان")}
_ALL_FIRST: dict[str, str] = {}
for _table, _cls in ((_HUNDREDS, "hundred"), (_SCALES, "scale"), (_DUAL_SCALES, "dscale"),
                     (_TENS, "ten"), (_TEN, "ten10"), (_UNITS, "unit"), (_TEEN_HEADS, "teen_head"),
                     (_FRACTIONS, "fraction")):
    for _w in _table:
        _ALL_FIRST.setdefault(_w, _cls)
for _w in _VAGUE:
    _ALL_FIRST[_w] = "vague" if _w not in _SCALES else "scale"


@functools.lru_cache(maxsize=1 << 17)
def _may_start_number(word: str | None) -> bool:
    """Return whether the Arabic word ``word`` can begin a number.

    A cheap filter for ``number_hits``: False where the dual, ordinal and cardinal
    readers all find nothing at the word, because each of them starts from a lookup
    of the word's own readings.
    """
    if word is None:
        return False
    if lookup_definite(word, _DUAL_NOUNS) is not None:
        return True
    for _offset, stem in readings(word):
        definite = stem.startswith("ال")
        plain = stem[2:] if definite else stem
        if plain in _ORDINAL_UNITS or stem in _ALL_FIRST:
            return True
        if definite and ((plain in _TENS and plain.endswith("ين")) or (stem not in _MONDAY and plain in _ALL_FIRST)):
            return True
    return False


def arabic_words(tokens: tuple[Token, ...]) -> tuple[str | None, ...]:
    """Return, per token, its text when it is an Arabic word, else None."""
    return tuple([tok.text if tok.kind == "ar" else None for tok in tokens])


def number_hits(tokens: tuple[Token, ...], words: tuple[str | None, ...] | None = None) -> tuple[NumberHit, ...]:
    """Return every number in ``tokens`` with its token positions (for kg.dates and kg.counts).

    The returned mentions carry folded offsets in ``fstart``/``fend``; their
    ``start``/``end``/``text`` are left for ``find_numbers`` to fill from the source.
    ``words`` is ``arabic_words(tokens)`` where the caller has it.
    """
    scanner = _Scanner(tokens, words)
    raws: list[_Raw] = []
    i = 0
    # No number starts at a mark, a Latin word or most Arabic words: only digit runs
    # and the words that ``_may_start_number`` lets through are visited, in order.
    starts = [tok.kind == "num" for tok in tokens]
    for k in itertools.compress(range(len(tokens)), map(_may_start_number, scanner.words)):
        starts[k] = True
    for at in itertools.compress(range(len(tokens)), starts):
        if at < i:
            continue  # inside a number or a cluster read before
        i = at
        tok = tokens[i]
        if tok.kind == "num":
            skip = _date_or_time_cluster(tokens, i)
            if skip > i:
                i = skip
                continue
            if i > 0 and tokens[i - 1].kind == "word" and not tok.gap:
                i += 1  # "F16", "A320": part of a name
                continue
        raw = None
        if tok.kind == "ar":
            dual = lookup_definite(tok.text, _DUAL_NOUNS)
            if dual is not None:
                raw = _Raw(2, i, i + 1, dual[0], kind="dual")
        if raw is None and tok.kind == "ar":
            raw = scanner.ordinal(i)
        if raw is None:
            raw = scanner.cardinal(i)
        if raw is None or raw.last <= i:
            i += 1
            continue
        raws.append(raw)
        i = raw.last
    return tuple(_finish(tokens, scanner, raws))


def _date_or_time_cluster(tokens: tuple[Token, ...], i: int) -> int:
    """Return the index after a clock time or numeric date starting at ``i``, or ``i``.

    ``06:50``, ``10/12/2016``, ``24/ 7`` and ``2016-12-10`` are not amounts.
    """
    n = len(tokens)
    tok = tokens[i]
    if tok.text.count(".") >= 2 and "," not in tok.text:
        parts = tok.text.split(".")
        if len(parts) == 3 and all(1 <= len(p) <= 4 for p in parts) and (len(parts[0]) == 4 or len(parts[2]) in (2, 4)) \
                and not all(len(p) == 3 for p in parts[1:]):
            return i + 1
    j = i
    count = 1
    while j + 2 < n and tokens[j + 1].kind == "punct" and tokens[j + 2].kind == "num":
        sep = tokens[j + 1].text
        if sep in _TIME_OR_DATE_SEPARATORS or (sep == "-" and not tokens[j + 1].gap and not tokens[j + 2].gap):
            j += 2
            count += 1
            continue
        break
    if count >= 3:
        return j + 1
    if count == 2:
        sep = tokens[i + 1].text
        first, second = tokens[i].text, tokens[i + 2].text
        if sep in _TIME_OR_DATE_SEPARATORS:
            return j + 1
        if sep == "-" and (len(first) == 4 or len(second) == 4):
            return j + 1
    return i


def _finish(tokens: tuple[Token, ...], scanner: _Scanner, raws: list[_Raw]) -> list[NumberHit]:
    """Return the hits for ``raws`` with their qualifiers, ranges, percent signs, units and kinds."""
    hits: list[NumberHit] = []
    merged: list[tuple[_Raw, int, int, str | None]] = []  # raw, first, stop, qualifier
    skip_next = False
    for idx, raw in enumerate(raws):
        if skip_next:
            skip_next = False
            continue
        first, qualifier = raw.core, None
        if raw.kind == "cardinal" and not raw.vague:
            # ranges: "بين 20 و30", "ثلاثة أو أربعة"
            nxt = raws[idx + 1] if idx + 1 < len(raws) else None
            if nxt is not None and nxt.kind == "cardinal" and not nxt.vague:
                rng = _range(tokens, scanner, raw, nxt)
                if rng is not None:
                    lo, hi, first = rng
                    if raw.scale == 1 and nxt.scale > 1 and lo * nxt.scale <= hi:
                        lo = lo * nxt.scale  # "بين 20 و30 ألفا"
                    joined = _Raw(lo, raw.core, nxt.last, raw.offset, low=lo, high=hi, scale=nxt.scale)
                    merged.append((joined, first, nxt.last, None))
                    skip_next = True
                    continue
        if raw.kind in ("cardinal",) and not raw.vague:
            pre = _pre_qualifier(scanner, raw.core)
            if pre is not None:
                first, qualifier = pre
        merged.append((raw, first, raw.last, qualifier))

    previous_year_end = -10
    consumed = 0  # tokens already inside an earlier mention ("مئة" in "في المئة")
    for raw, first, stop, qualifier in merged:
        if raw.core < consumed:
            continue
        kind = raw.kind
        unit = None
        low, high = raw.low, raw.high
        # percent
        if kind == "cardinal":
            pstop = _percent(scanner, stop)
            if pstop > stop:
                kind, stop = "percent", pstop
        # post-qualifier right after the number
        if kind in ("cardinal", "percent") and qualifier is None and not raw.vague:
            post = _post_qualifier(scanner, stop)
            if post is not None:
                stop, qualifier = post
        if kind == "cardinal" and not raw.vague:
            unit_hit = lookup(scanner.word(raw.last) or "", _UNIT_WORDS) if scanner.word(raw.last) else None
            if unit_hit is not None and unit_hit[0] == 0:
                unit = unit_hit[2]  # type: ignore[assignment]
            if _is_year(tokens, scanner, raw, unit, previous_year_end):
                kind = "year"
                qualifier = None
                first = raw.core
                previous_year_end = raw.last
        if qualifier is not None and low is None and high is None:
            if qualifier in ("more than", "at least"):
                low = raw.value
            elif qualifier in ("less than", "up to", "nearly"):
                high = raw.value
        fstart = tokens[first].start + (raw.offset if first == raw.core else 0)
        fend = tokens[stop - 1].end
        mention = NumberMention(0, 0, "", raw.value, low, high, qualifier, raw.vague, kind, unit)
        hits.append(NumberHit(mention, first, raw.core, raw.last, stop, fstart, fend, raw.scale))
        consumed = stop
    return hits


def _range(tokens, scanner: _Scanner, a: _Raw, b: _Raw) -> tuple[int | float, int | float, int] | None:
    """Return ``(low, high, first token)`` when ``a`` and ``b`` form a range, else None."""
    if b.core != a.last and b.core != a.last + 1:
        return None
    if all(tokens[x.core].kind == "num" and tokens[x.core].text.isdigit() and len(tokens[x.core].text) == 4
           and 1900 <= int(tokens[x.core].text) <= 2100 for x in (a, b)):
        return None  # "بين 2010 و2016": two years, not an amount
    between = scanner.word(a.last) if b.core == a.last + 1 else None
    # "و30" is tokenised as و + 30; "وثلاثين" carries the و inside the word
    joined_by_wa = (b.core == a.last + 1 and between == "و") or (
        b.core == a.last and tokens[b.core].kind == "ar" and tokens[b.core].text.startswith("و"))
    prev = scanner.word(a.core - 1)
    prev2 = scanner.word(a.core - 2)
    if joined_by_wa and prev is not None and any(stem == "بين" for _o, stem in readings(prev)):
        first = a.core - 2 if prev2 == "ما" else a.core - 1
        if a.value < b.value:
            return a.value, b.value, first
        return None
    if between in ("او", "أو") and a.value < b.value <= 10 * a.value + 10:
        return a.value, b.value, a.core
    # "20-30 شخصا": a dash between two amounts written together (years are dates)
    if b.core == a.last + 1 and tokens[a.last].kind == "punct" and tokens[a.last].text in "-–" \
            and not tokens[a.last].gap and not tokens[b.core].gap and tokens[a.core].kind == "num" \
            and tokens[b.core].kind == "num" and a.value < b.value and len(tokens[a.core].text) < 4 \
            and len(tokens[b.core].text) < 4:
        return a.value, b.value, a.core
    return None


def _match_back(scanner: _Scanner, end: int, phrase: tuple[str, ...]) -> int | None:
    """Return the token index where ``phrase`` starts if it ends just before ``end``."""
    start = end - len(phrase)
    if start < 0:
        return None
    for k, word in enumerate(phrase):
        tok = scanner.word(start + k)
        if tok is None:
            return None
        if k == 0:
            if not any(stem == word for _o, stem in readings(tok)):
                return None
        elif tok != word:
            return None
    return start


@functools.lru_cache(maxsize=1 << 15)
def _pre_qualifiers_ending(last: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    """Return the pre-qualifiers, in order, that can end with the word ``last``.

    ``_match_back`` needs the last word of a longer phrase as it is, and for a
    one-word phrase a reading of the word: the other phrases cannot match.
    """
    stems = {stem for _o, stem in readings(last)}
    return tuple((phrase, qualifier) for phrase, qualifier in _PRE_QUALIFIERS
                 if (phrase[-1] == last if len(phrase) > 1 else phrase[0] in stems))


def _pre_qualifier(scanner: _Scanner, core: int) -> tuple[int, str] | None:
    """Return ``(first token, qualifier)`` for a qualifier phrase just before ``core``."""
    last = scanner.word(core - 1)
    if last is None:
        return None  # every phrase ends with a word
    for phrase, qualifier in _pre_qualifiers_ending(last):
        start = _match_back(scanner, core, phrase)
        if start is not None:
            return start, qualifier
    return None


def _post_qualifier(scanner: _Scanner, stop: int) -> tuple[int, str] | None:
    """Return ``(stop, qualifier)`` for a qualifier phrase starting at token ``stop``."""
    first = scanner.word(stop)
    if first is None or first not in _POST_QUALIFIER_FIRSTS:
        return None  # every phrase starts with a word of _POST_QUALIFIER_FIRSTS
    for phrase, qualifier in _POST_QUALIFIERS:
        if all(scanner.word(stop + k) == w for k, w in enumerate(phrase)):
            return stop + len(phrase), qualifier
    return None


def _percent(scanner: _Scanner, stop: int) -> int:
    """Return the index after a percent sign or phrase at ``stop``, or ``stop``."""
    if scanner.is_punct(stop, _PERCENT_SIGNS):
        return stop + 1
    word = scanner.word(stop)
    if word in _PERCENT_WORDS:
        return stop + 1
    if word == "في" and scanner.word(stop + 1) in _PERCENT_AFTER_FI:
        return stop + 2
    return stop


def _is_year(tokens, scanner: _Scanner, raw: _Raw, unit: str | None, previous_year_end: int) -> bool:
    """Return whether the number is a calendar year rather than an amount."""
    tok = tokens[raw.core]
    if tok.kind != "num" or raw.last != raw.core + 1 or not tok.text.isdigit() or len(tok.text) != 4:
        return False
    value = int(tok.text)
    era = scanner.word(raw.last)
    if era in _ERA_MARKERS and 1300 <= value <= 2100:
        return True
    if not 1900 <= value <= 2100 or unit is not None:
        return False
    nxt = scanner.word(raw.last)
    if nxt is not None and (nxt in _SCALES or nxt in _DUAL_NOUNS):
        return False
    prev_i = raw.core - 1
    prev = scanner.word(prev_i)
    if prev is None and prev_i >= 0 and tokens[prev_i].kind == "punct" and tokens[prev_i].text in "،,)/":
        # "نوفمبر، 2014", "(نوفمبر) 2016"
        back = prev_i - 1
        return scanner.word(back) in _MONTH_HINTS or (
            scanner.word(back) in _MONTH_SECOND_WORDS and scanner.word(back - 1) in _MONTH_FIRST_WORDS)
    if prev is not None:
        stems = {stem for _o, stem in readings(prev)}
        if stems & _YEAR_WORDS:
            return True
        if prev in _MONTH_HINTS or (prev in _MONTH_SECOND_WORDS and scanner.word(prev_i - 1) in _MONTH_FIRST_WORDS):
            return True
        # "من 1945 إلى 1962", "عامي 1993 و2006": a year joined to a year
        if (stems & _YEAR_LINKS or prev == "و") and previous_year_end in (prev_i, raw.core):
            return True
        if not tok.gap and prev in ("و",) and previous_year_end == prev_i:
            return True
        if stems & _YEAR_SINCE:
            return True  # منذ 2006 لفرض عقوبات: no amount is counted "since"
        if stems & _YEAR_PREPOSITIONS:
            return not _content_word_follows(scanner, raw.last)
        if stems & {"من", "بين"}:
            # "من 1945 إلى 1962", "بين 2010 و2016"
            link = scanner.word(raw.last)
            after = raw.last + 1
            if link is not None and {s for _o, s in readings(link)} & _YEAR_LINKS and after < len(tokens) \
                    and tokens[after].kind == "num" and len(tokens[after].text) == 4:
                return True
    return False


def _content_word_follows(scanner: _Scanner, i: int) -> bool:
    """Return whether token ``i`` is an Arabic content word (a counted noun may follow a number)."""
    word = scanner.word(i)
    if word is None:
        return False
    if word in _FUNCTION_WORDS or word[0] in "وف" or word in _ERA_MARKERS:
        return False
    return True


def find_numbers(text: str) -> tuple[NumberMention, ...]:
    """Return the numbers of ``text`` in order, each with its offsets into ``text``.

    Clock times and numeric dates (``06:50``, ``10/12/2016``) are not returned;
    ``kg.dates`` reads those.
    """
    scanned = scan(text)
    return tuple(resolve(scanned.folded, hit) for hit in scanned.hits)


@dataclass(frozen=True, slots=True)
class Scanned:
    """A text read once for kg.numbers, kg.dates and kg.counts.

    ``words`` holds, per token, its text when it is an Arabic word, else None.
    """

    folded: Folded
    tokens: tuple[Token, ...]
    words: tuple[str | None, ...]
    hits: tuple[NumberHit, ...]


@functools.lru_cache(maxsize=8)
def scan(text: str) -> Scanned:
    """Return ``text`` folded, tokenised and with its numbers found.

    The result depends on the text alone and nothing in it is mutable, so it is
    cached: ``find_dates`` and ``find_counts`` on the same article share one reading.
    """
    folded = fold(text)
    tokens = tokenize(folded)
    words = arabic_words(tokens)
    return Scanned(folded, tokens, words, number_hits(tokens, words))


def resolve(folded: Folded, hit: NumberHit) -> NumberMention:
    """Return the hit's mention with offsets and text taken from the source."""
    start, end = folded.span(hit.fstart, hit.fend)
    m = hit.mention
    return NumberMention(start, end, folded.source[start:end], m.value, m.low, m.high, m.qualifier,
                         m.vague, m.kind, m.unit)
