"""Dates in Arabic news text, resolved to ISO strings at the precision the text gives.

``find_dates`` reads absolute dates (``الخامس من نوفمبر 2016``, ``5 تشرين الثاني
(نوفمبر)``, ``10/12/2016``, ``10 رمضان 1437 هـ``, ``العام 2012``) and relative ones
(``السبت``, ``أمس``, ``أول من أمس``, ``الشهر الماضي``, ``العام الجاري``, ``قبل عامين``),
which it resolves against the publication date. Without a publication date the
relative forms are skipped.

Conventions (they follow ``shared/gold/GUIDE.md``):

- A weekday is the latest such day on or before publication; the publication day
  itself counts. With الماضي it is strictly before, with المقبل strictly after.
- A month without a year is the latest such month on or before publication
  (``تشرين الأول`` in an April 2018 article is 2017-10); with الماضي strictly
  before the publication month, with المقبل strictly after. A day given with the
  month keeps the month's year.
- Periods that are no day, month or year are given the precision that holds them:
  ``الأسبوع الماضي`` is the month of the day a week before publication,
  ``هذا الأسبوع`` the publication month, ``قبل أيام`` / ``الأيام الماضية`` the
  month of the day three days before publication,
  ``قبل أسبوعين`` the month two weeks before (but ``قبل أسبوع`` the day a week before),
  ``قبل عامين`` the year two before.
- Hijri dates are converted with the tabular (arithmetic) Islamic calendar. Umm
  al-Qura and sighting-based calendars can differ from it by a day or two.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import math
import operator
from dataclasses import dataclass

from kg.numbers import Folded, NumberHit, Token, fold_word, readings, scan

__all__ = ["DateMention", "find_dates"]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date in the text; ``text == source[start:end]``.

    ``value`` is ISO 8601 at ``precision`` (``day`` "2016-12-10", ``month``
    "2016-11", ``year`` "2016"); ``relative`` says it was resolved against the
    publication date. A ``forward`` date dates only the event after it: in
    ``بعد أسبوعين من X`` the two weeks lead back to X, not to what the sentence
    says happened after X.
    """

    start: int
    end: int
    text: str
    value: str
    precision: str
    relative: bool
    forward: bool = False


# --------------------------------------------------------------------------- lexicons

def _table(pairs: dict) -> dict:
    """Return ``pairs`` with folded keys."""
    return {fold_word(k): v for k, v in pairs.items()}


_WEEKDAYS = _table({  # Python's weekday numbers: Monday 0 … Sunday 6
    "الأحد": 6, "الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الثلثاء": 1, "الأربعاء": 2,
    "الخميس": 3, "الجمعة": 4, "السبت": 5,
})
# Without the article a weekday name is a common word (أحد "someone", اثنين "two",
# جمعة and خميس are given names), so these are read only after يوم.
_BARE_WEEKDAYS = _table({
    "أحد": 6, "اثنين": 0, "إثنين": 0, "ثلاثاء": 1, "أربعاء": 2, "خميس": 3, "جمعة": 4, "سبت": 5,
})

# Single-word months: (month, calendar, ambiguous). An ambiguous name is also a
# common word (مارس "he practised", ماي = Theresa May, آب "father"; Hijri month
# names are given names and صفر is zero), so it needs a day, a year, شهر or a
# pairing to be read as a month.
_MONTHS_1: dict[str, tuple[int, str, bool]] = _table({
    "يناير": (1, "g", False), "جانفي": (1, "g", False), "فبراير": (2, "g", False),
    "فيفري": (2, "g", False), "مارس": (3, "g", True), "أبريل": (4, "g", False),
    "ابريل": (4, "g", False), "إبريل": (4, "g", False), "أفريل": (4, "g", False),
    "مايو": (5, "g", False), "ماي": (5, "g", True), "يونيو": (6, "g", False),
    "يونيه": (6, "g", False), "جوان": (6, "g", True), "يوليو": (7, "g", False),
    "يوليه": (7, "g", False), "جويلية": (7, "g", False), "جويليه": (7, "g", False),
    "يوليوز": (7, "g", False), "أغسطس": (8, "g", False), "اغسطس": (8, "g", False),
    "أوت": (8, "g", True), "غشت": (8, "g", True), "سبتمبر": (9, "g", False),
    "شتنبر": (9, "g", False), "أكتوبر": (10, "g", False), "اكتوبر": (10, "g", False),
    "نوفمبر": (11, "g", False), "نونبر": (11, "g", False), "ديسمبر": (12, "g", False),
    "دجنبر": (12, "g", False),
    "شباط": (2, "g", False), "آذار": (3, "g", False), "نيسان": (4, "g", True),
    "أيار": (5, "g", False), "حزيران": (6, "g", False), "تموز": (7, "g", False),
    "آب": (8, "g", True), "أيلول": (9, "g", False),
    "محرم": (1, "h", True), "صفر": (2, "h", True), "رجب": (7, "h", True),
    "شعبان": (8, "h", True), "رمضان": (9, "h", True), "شوال": (10, "h", True),
})
_MONTHS_2: dict[tuple[str, str], tuple[int, str, bool]] = {
    (fold_word(a), fold_word(b)): v for (a, b), v in {
        ("كانون", "الثاني"): (1, "g", False), ("كانون", "ثاني"): (1, "g", False),
        ("كانون", "الأول"): (12, "g", False), ("كانون", "أول"): (12, "g", False),
        ("تشرين", "الأول"): (10, "g", False), ("تشرين", "أول"): (10, "g", False),
        ("تشرين", "الثاني"): (11, "g", False), ("تشرين", "ثاني"): (11, "g", False),
        ("ربيع", "الأول"): (3, "h", False), ("ربيع", "الثاني"): (4, "h", False),
        ("ربيع", "الآخر"): (4, "h", False), ("جمادى", "الأولى"): (5, "h", False),
        ("جمادى", "الأول"): (5, "h", False), ("جمادى", "الآخرة"): (6, "h", False),
        ("جمادى", "الثانية"): (6, "h", False), ("جمادى", "الآخر"): (6, "h", False),
        ("ذو", "القعدة"): (11, "h", False), ("ذي", "القعدة"): (11, "h", False),
        ("ذو", "الحجة"): (12, "h", False), ("ذي", "الحجة"): (12, "h", False),
    }.items()}
_MONTHS_2_FIRST = {a for a, _b in _MONTHS_2}

_PAST = {fold_word(w) for w in ("الماضي", "المنصرم", "الفائت", "السابق", "الماضية", "المنصرمة",
                                "الفائتة", "السابقة", "الماضيين", "الماضيتين")}
_NEXT = {fold_word(w) for w in ("المقبل", "القادم", "المقبلة", "القادمة")}
_CURRENT = {fold_word(w) for w in ("الحالي", "الجاري", "الحالية", "الجارية")}
_THIS = {fold_word(w) for w in ("هذا", "هذه")}

_PERIOD_PREFIXES = {fold_word(w) for w in (
    "مطلع", "بداية", "منتصف", "نهاية", "أواخر", "أوائل", "أواسط", "مستهل", "أواسط", "أول")}
_TIME_PREFIXES = {fold_word(w) for w in (
    "صباح", "مساء", "ليل", "ليلة", "ظهر", "عصر", "فجر", "ظهيرة", "صبيحة", "ضحى", "يوم")}
_YEAR_WORDS = {fold_word(w) for w in ("عام", "العام", "سنة", "السنة", "عامي")}
# Prepositions after which an ambiguous month name can only be the month.
_MONTH_PREPOSITIONS = {fold_word(w) for w in (
    "في", "منذ", "خلال", "حتى", "قبل", "بعد", "إلى", "الى", "مطلع", "أواخر", "أوائل", "منتصف", "بداية",
    "نهاية", "طوال", "أواسط")}
_MONTH_WORD = fold_word("شهر")
_GREG_ERA = {fold_word(w) for w in ("م", "ميلادي", "ميلادية", "للميلاد")}
_HIJRI_ERA = {fold_word(w) for w in ("ه", "هـ", "هجري", "هجرية", "للهجرة")}
# Words before a day and month that make it a name, not a date ("ثورة 25 يناير",
# "قوى 14 آذار", "مدينة 6 أكتوبر", "حرب 6 أكتوبر").
_NAME_HEADS = {fold_word(w) for w in (
    "ثورة", "حركة", "تيار", "قوى", "ائتلاف", "شباب", "انتفاضة", "مدينة", "جسر", "كوبري", "شارع",
    "ميدان", "حرب", "جامعة")}

_W = fold_word
_TODAY, _THE_DAY, _YESTERDAY, _THE_YESTERDAY = _W("اليوم"), _W("يوم"), _W("أمس"), _W("الأمس")
_FIRST, _FROM, _TOMORROW, _TOMORROW_N = _W("أول"), _W("من"), _W("غدا"), _W("غد")
_AFTER, _BEFORE, _SINCE = _W("بعد"), _W("قبل"), _W("منذ")
_THE_MONTH, _THE_YEAR, _THE_YEAR_F, _THE_WEEK = _W("الشهر"), _W("العام"), _W("السنة"), _W("الأسبوع")
_THE_DAYS, _DAYS_PLURAL = _W("الأيام"), _W("أيام")
_DAYS = {_W(w) for w in ("أيام", "يوما", "يوم")}
_FEW = {_W(w) for w in ("بضعة", "بضع", "عدة")}
_FEW_AFTER = {_W(w) for w in ("قليلة", "معدودة")}
_APPROX = {_W(w) for w in ("نحو", "حوالي", "حوالى", "قرابة", "زهاء")}
_DURATIONS = {  # word → (unit, count)
    **{_W(w): ("day", 1) for w in ("يوم",)}, **{_W(w): ("day", 2) for w in ("يومين",)},
    **{_W(w): ("week", 1) for w in ("أسبوع",)}, **{_W(w): ("week", 2) for w in ("أسبوعين",)},
    **{_W(w): ("month", 1) for w in ("شهر",)}, **{_W(w): ("month", 2) for w in ("شهرين",)},
    **{_W(w): ("year", 1) for w in ("عام", "سنة")}, **{_W(w): ("year", 2) for w in ("عامين", "سنتين")},
}
_PLURAL_UNITS = {
    **{_W(w): "day" for w in ("أيام", "يوما")}, **{_W(w): "week" for w in ("أسابيع", "أسبوعا")},
    **{_W(w): "month" for w in ("أشهر", "شهور", "شهرا")},
    **{_W(w): "year" for w in ("أعوام", "سنوات", "عاما", "سنين", "سنة")},
}
# Nouns that العام follows as the adjective "general/public", not "the year".
_GENERAL_HEADS = {_W(w) for w in (
    "الأمين", "المراقب", "المدير", "المدعي", "النائب", "المرشد", "المنسق", "المفتش", "القائد",
    "المفوض", "الممثل", "المقرر", "الأمن", "الرأي", "القطاع", "المال", "النظام", "المؤتمر", "الإضراب",
    "العفو", "المستشار", "الحاكم", "الادعاء", "الشأن", "الصالح", "النفع", "الإطار", "الاتجاه",
    "المزاج", "الوضع", "الاتحاد", "التيار", "الإنفاق", "الدين", "القنصل")}
_TODAY_BLOCKERS_BEFORE = {_W(w) for w in ("ذلك", "نفس", "ذات", "مثل", "تلك")}
_TODAY_BLOCKERS_AFTER = {_W(w) for w in ("نفسه", "ذاته")}
# Adjectives that make اليوم "the day" rather than "today" (nisba adjectives in -ي
# such as الوطني، العالمي and ordinals are caught by their form).
_DAY_ADJECTIVES = {_W(w) for w in (
    "التالي", "السابق", "الأول", "الأخير", "الذي", "التي", "المقبل", "الموعود", "المشهود", "الحاسم",
    "الواحد", "نفسه", "ذاته", "الأسود", "الدامي", "الموالي")}
_MONDAY_BLOCKERS_BEFORE = {_W(w) for w in ("كلا", "كلتا", "هذين", "بين")}
_MONDAY_BLOCKERS_AFTER = {_W(w) for w in ("معا", "منهما", "منهم", "عشر")}
_NIGHT = {_W(w) for w in ("ليل", "ليلة")}
_NIGHT_LINKS = {_W(w) for w in ("إلى", "الى", "على")}


# --------------------------------------------------------------------------- calendars

_ISLAMIC_EPOCH = 1948439.5  # Julian day of 1 Muharram AH 1 (civil epoch, 16 July 622)


def _hijri_to_jd(year: int, month: int, day: int) -> float:
    """Return the Julian day of a tabular Islamic date."""
    return (day + math.ceil(29.5 * (month - 1)) + (year - 1) * 354
            + (3 + 11 * year) // 30 + _ISLAMIC_EPOCH - 1)


def hijri_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """Return the Gregorian date of a Hijri date in the tabular Islamic calendar.

    The tabular calendar alternates 30- and 29-day months with 11 leap years in 30;
    Umm al-Qura (Saudi Arabia) and sighting-based calendars may differ by a day or two.
    """
    # date.fromordinal(1) is 0001-01-01, Julian day 1721425.5
    return dt.date.fromordinal(int(_hijri_to_jd(year, month, day) - 1721424.5))


def _hijri_month_length(year: int, month: int) -> int:
    """Return the days of a month in the tabular Islamic calendar."""
    if month % 2 == 1:
        return 30
    if month == 12 and (14 + 11 * year) % 30 < 11:
        return 30
    return 29


def _hijri_year_of(date: dt.date) -> int:
    """Return the tabular Hijri year that ``date`` falls in."""
    jd = date.toordinal() + 1721424.5
    year = int((30 * (jd - _ISLAMIC_EPOCH) + 10646) // 10631)
    while _hijri_to_jd(year + 1, 1, 1) <= jd:
        year += 1
    while _hijri_to_jd(year, 1, 1) > jd:
        year -= 1
    return year


def _weekday_on_or_before(published: dt.date, weekday: int) -> dt.date:
    """Return the latest ``weekday`` on or before ``published``."""
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """Return ``(year, month)`` moved by ``delta`` months."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _month_year(published: dt.date, month: int, mode: str | None) -> int:
    """Return the year of a month named without one (see the module docstring)."""
    if mode == "past":
        return published.year if month < published.month else published.year - 1
    if mode == "next":
        return published.year if month > published.month else published.year + 1
    if mode == "current":
        return published.year
    return published.year if month <= published.month else published.year - 1


# --------------------------------------------------------------------------- scanning

@dataclass(frozen=True, slots=True)
class _Candidate:
    """A possible date in folded offsets; overlapping candidates are resolved later."""

    fstart: int
    fend: int
    value: str
    precision: str
    relative: bool
    kind: str = ""  # "weekday" and "day" candidates may merge ("الأحد 6 نوفمبر")


def _day(d: dt.date) -> tuple[str, str]:
    """Return the ISO value and precision of a day."""
    return d.isoformat(), "day"


def _month(year: int, month: int) -> tuple[str, str]:
    """Return the ISO value and precision of a month."""
    return f"{year:04d}-{month:02d}", "month"


def _year(year: int) -> tuple[str, str]:
    """Return the ISO value and precision of a year."""
    return f"{year:04d}", "year"


class _Scanner:
    """Finds the date candidates of one folded text."""

    def __init__(self, folded: Folded, tokens: tuple[Token, ...], words: tuple[str | None, ...],
                 hits: tuple[NumberHit, ...], published: dt.date | None):
        self.folded = folded
        self.tokens = tokens
        self.words = words
        self.n = len(tokens)
        self.published = published
        self.hits_at = {h.core: h for h in hits}
        self.hits_from = {h.first: h for h in hits}
        self.hits = hits
        self.out: list[_Candidate] = []

    # -- token helpers
    def word(self, i: int) -> str | None:
        """Return token ``i`` when it is an Arabic word, else None."""
        if 0 <= i < self.n:
            return self.words[i]
        return None

    def num(self, i: int) -> str | None:
        """Return token ``i`` when it is a digit run, else None."""
        if 0 <= i < self.n and self.tokens[i].kind == "num":
            return self.tokens[i].text
        return None

    def punct(self, i: int) -> str | None:
        """Return token ``i`` when it is a mark, else None."""
        if 0 <= i < self.n and self.tokens[i].kind == "punct":
            return self.tokens[i].text
        return None

    def stems(self, i: int) -> tuple[tuple[int, str], ...]:
        """Return the clitic readings of token ``i`` (none for a non-word)."""
        word = self.word(i)
        return readings(word) if word else ()

    def has(self, i: int, words: set[str] | str) -> int | None:
        """Return the clitic length when a reading of token ``i`` is in ``words``, else None."""
        wanted = {words} if isinstance(words, str) else words
        for offset, stem in self.stems(i):
            if stem in wanted:
                return offset
        return None

    def which(self, i: int, words: set[str]) -> tuple[int, str] | None:
        """Return ``(clitic length, stem)`` of the first reading of token ``i`` in ``words``."""
        for offset, stem in self.stems(i):
            if stem in words:
                return offset, stem
        return None

    def add(self, i: int, offset: int, j: int, value: tuple[str, str], relative: bool, kind: str = "") -> None:
        """Record a candidate over tokens ``[i, j)``, skipping ``offset`` clitic letters of token i."""
        if j <= i:
            return
        self.out.append(_Candidate(self.tokens[i].start + offset, self.tokens[j - 1].end,
                                   value[0], value[1], relative, kind))

    # -- the detectors
    def run(self) -> list[_Candidate]:
        """Return every date candidate, overlapping ones included.

        Each detector starts from a word of its own (a month name, اليوم, a weekday,
        الشهر, قبل ...) or a number at the token, so it runs only at the tokens whose
        flags (``_date_flags``) say it may find something there; the order in which
        candidates are recorded is the order of running every detector everywhere.
        """
        relative = self.published is not None
        tokens = self.tokens
        flags = list(map(_date_flags, self.words))  # marks and Latin words start no date
        for i in itertools.compress(range(self.n), map("num".__eq__, map(operator.itemgetter(0), tokens))):
            flags[i] = _IS_NUMBER  # a token's kind is its first field
        for h in self.hits:
            if h.mention.kind == "ordinal":
                flags[h.core] |= _MAY_ABSOLUTE  # "الخامس من نوفمبر"
        for i in itertools.compress(range(self.n), flags):
            if flags[i] & _IS_NUMBER:
                self.absolute(i)
                self.numeric(i)
                continue
            flag = flags[i]
            if flag & _MAY_ABSOLUTE:
                self.absolute(i)
            if relative:
                if flag & _MAY_RELATIVE_DAY:
                    self.relative_day(i)
                if flag & _MAY_WEEKDAY:
                    self.weekday(i)
                if flag & _MAY_PERIOD:
                    self.period(i)
                if flag & _MAY_AGO:
                    self.ago(i)
        self.years()
        self.merge_weekdays()
        return self.out

    def merge_weekdays(self) -> None:
        """Add "الأحد 6 نوفمبر" / "السبت، 10 كانون الأول 2016" as one mention with the written date.

        The weekday only confirms the date beside it; resolving it on its own could
        give another week's day.
        """
        days = {c.fstart: c for c in self.out if c.kind == "day"}
        for c in [c for c in self.out if c.kind == "weekday"]:
            gap = self.folded.text[c.fend:c.fend + 12]
            stripped = gap.lstrip(" ،,")
            if stripped.startswith(_W("الموافق")):
                stripped = stripped[len(_W("الموافق")):].lstrip(" ")
            target = c.fend + (len(gap) - len(stripped))
            if stripped and target in days:
                d = days[target]
                self.out.append(_Candidate(c.fstart, d.fend, d.value, d.precision, d.relative))

    def month_at(self, k: int) -> tuple[int, str, bool, int, int] | None:
        """Return ``(month, calendar, ambiguous, end, clitic offset)`` of a month name at ``k``."""
        word = self.word(k)
        if word is None:
            return None
        for offset, stem in readings(word):
            second = self.word(k + 1)
            if stem in _MONTHS_2_FIRST and second is not None and (stem, second) in _MONTHS_2:
                month, cal, amb = _MONTHS_2[(stem, second)]
                return month, cal, amb, k + 2, offset
            if stem in _MONTHS_1:
                month, cal, amb = _MONTHS_1[stem]
                return month, cal, amb, k + 1, offset
        return None

    def month_group(self, k: int) -> tuple[int, str, bool, int, int, bool] | None:
        """Return a month name with its paired name (``تشرين الثاني (نوفمبر)``, ``نيسان/أبريل``).

        The result is ``(month, calendar, ambiguous, end, clitic offset, paired)``.
        """
        first = self.month_at(k)
        if first is None:
            return None
        month, cal, amb, end, offset = first
        paired = False
        p = self.punct(end)
        second = self.month_at(end)
        if second is not None and second[0] == month and second[1] == cal and second[4] == 0:
            # "يوليو تموز": wire copy often gives both names with no mark between them
            return month, cal, False, second[3], offset, True
        if p in ("(", "/", "-", "–"):
            second = self.month_at(end + 1)
            if second is not None and second[0] == month and second[1] == cal and second[4] == 0:
                close = second[3]
                if p == "(":
                    if self.punct(close) == ")":
                        end, paired = close + 1, True
                else:
                    end, paired = close, True
        return month, cal, amb and not paired, end, offset, paired

    def year_after(self, k: int, hijri: bool) -> tuple[int | str, int] | None:
        """Return ``(year, end)`` for a year written after a month, or a relative word.

        Forms: ``2016``, ``، 2016``, ``من العام 2016``, ``من عام 2016``,
        ``من العام الماضي``; an era marker (م، هـ) after the year is taken in.
        """
        j = k
        if self.punct(j) in ("،", ","):
            j += 1
        if self.has(j, _YEAR_WORDS) is not None and self.num(j + 1) is not None:
            j += 1  # "ديسمبر عام 1911"
        elif self.word(j) == _FROM:
            j2 = j + 1
            if self.has(j2, _YEAR_WORDS) is not None:
                j2 += 1
                rel = self.word(j2)
                if rel in _PAST:
                    return "past", j2 + 1
                if rel in _CURRENT:
                    return "current", j2 + 1
                if rel in _NEXT:
                    return "next", j2 + 1
            j = j2
        text = self.num(j)
        if text is None or not text.isdigit() or len(text) != 4:
            return None
        year = int(text)
        lo, hi = (1300, 1600) if hijri else (1900, 2100)
        if not lo <= year <= hi:
            return None
        end = j + 1
        era = self.word(end)
        if era in (_HIJRI_ERA if hijri else _GREG_ERA):
            end += 1
        elif era in (_GREG_ERA if hijri else _HIJRI_ERA):
            return None
        return year, end

    def day_at(self, i: int) -> tuple[int, int, int] | None:
        """Return ``(day, end, clitic offset)`` for a day number or ordinal at ``i``."""
        text = self.num(i)
        if text is not None:
            if text.isdigit() and len(text) <= 2 and 1 <= int(text) <= 31:
                return int(text), i + 1, 0
            return None
        hit = self.hits_at.get(i)
        if hit is not None and hit.mention.kind == "ordinal" and 1 <= hit.mention.value <= 31:
            return int(hit.mention.value), hit.last, hit.fstart - self.tokens[i].start
        return None

    def absolute(self, i: int) -> None:
        """Dates with a month name: ``5 نوفمبر``, ``الخامس من تشرين الثاني (نوفمبر) 2016``, ``نوفمبر``."""
        day = self.day_at(i)
        k = i
        offset = 0
        if day is not None:
            k = day[1]
            offset = day[2]
            if self.word(k) == _FROM:
                k += 1
            elif self.hits_at.get(i) is not None and self.hits_at[i].mention.kind == "ordinal" \
                    and self.month_at(k) is None:
                return
        group = self.month_group(k)
        if group is None:
            if day is not None:
                self.day_of_relative_month(i, offset, day[0], k)
            return
        month, cal, amb, end, m_offset, paired = group
        if day is None:
            offset = m_offset
            if self.num(i - 1) is not None:
                return  # the day before it was read (or rejected) with the number
        elif m_offset:
            return  # "5 ونوفمبر" is no date
        hijri = cal == "h"
        year_part = self.year_after(end, hijri)
        mode = None
        if year_part is None:
            modifier = self.word(end)
            if modifier in _PAST:
                mode, end = "past", end + 1
            elif modifier in _NEXT:
                mode, end = "next", end + 1
            elif modifier in _CURRENT:
                mode, end = "current", end + 1
        else:
            year, end = year_part
            if isinstance(year, str):
                mode = year
        if year_part is None and self.year_like_follows(end):
            return  # "14 أغسطس 1237 م": a year outside the range read, not this year
        # context that makes a bare month name a month
        start, start_offset = i, offset
        has_month_word = self.has(i - 1, {_MONTH_WORD}) is not None
        if day is None and has_month_word:
            start, start_offset = i - 1, self.has(i - 1, {_MONTH_WORD}) or 0
        if amb and day is None and year_part is None and mode is None and not has_month_word \
                and not (cal == "g" and self.has(i - 1, _MONTH_PREPOSITIONS) is not None):
            return  # "مارس الجيش ضغوطا", "قالت ماي"; but "في مارس" is the month
        if day is not None and self.has(i - 1, _NAME_HEADS) is not None:
            return
        prefix = self.has(start - 1, _PERIOD_PREFIXES)
        if prefix is not None and day is None:
            start, start_offset = start - 1, prefix
        explicit_year = year_part is not None and isinstance(year_part[0], int)
        if hijri:
            self.hijri(start, start_offset, end, day[0] if day else None, month,
                       year_part[0] if explicit_year else None)
            return
        if explicit_year:
            year = year_part[0]
            relative = False
        else:
            if self.published is None:
                return
            relative = True
            if mode == "past" and year_part is not None:  # "من العام الماضي"
                year = self.published.year - 1
            elif mode == "next" and year_part is not None:
                year = self.published.year + 1
            else:
                year = _month_year(self.published, month, mode)
        if day is not None:
            try:
                value = _day(dt.date(year, month, day[0]))  # type: ignore[arg-type]
            except ValueError:
                return
        else:
            value = _month(year, month)  # type: ignore[arg-type]
        self.add(start, start_offset, end, value, relative, "day" if day is not None else "")

    def year_like_follows(self, k: int) -> bool:
        """Return whether a three- or four-digit number (a year we do not read) follows at ``k``."""
        j = k + 1 if self.punct(k) in ("،", ",") else k
        if self.has(j, _YEAR_WORDS) is not None or self.word(j) == _FROM:
            j += 1
        text = self.num(j)
        return text is not None and text.isdigit() and len(text) in (3, 4)

    def day_of_relative_month(self, i: int, offset: int, day: int, k: int) -> None:
        """``12 من الشهر الماضي``, ``الخامس من هذا الشهر``: a day of a month named relatively."""
        if self.published is None or k == i or self.word(k - 1) != _FROM:
            return
        month = self.relative_month(k)
        if month is None:
            return
        (year, mon), end = month
        try:
            value = _day(dt.date(year, mon, day))
        except ValueError:
            return
        self.add(i, offset, end, value, True)

    def relative_month(self, k: int) -> tuple[tuple[int, int], int] | None:
        """Return ``((year, month), end)`` for الشهر الماضي / الجاري / المقبل / هذا الشهر at ``k``."""
        assert self.published is not None
        pub = self.published
        if self.word(k) in _THIS and self.word(k + 1) == _THE_MONTH:
            return (pub.year, pub.month), k + 2
        if self.has(k, {_THE_MONTH}) is None:
            return None
        modifier = self.word(k + 1)
        if modifier in _PAST:
            return _add_months(pub.year, pub.month, -1), k + 2
        if modifier in _NEXT:
            return _add_months(pub.year, pub.month, 1), k + 2
        if modifier in _CURRENT:
            return (pub.year, pub.month), k + 2
        if modifier is not None and modifier.startswith("ال"):
            return None  # "التاسع من الشهر القمري": some other month
        return (pub.year, pub.month), k + 1

    def hijri(self, start: int, offset: int, end: int, day: int | None, month: int, year: int | None) -> None:
        """Record a Hijri date converted to the Gregorian calendar."""
        if year is None:
            if day is None or self.published is None:
                return
            year = _hijri_year_of(self.published)
            if day > _hijri_month_length(year, month):
                return
            if hijri_to_gregorian(year, month, day) > self.published:
                year -= 1
            relative = True
        else:
            relative = False
        if day is not None:
            if day > _hijri_month_length(year, month):
                return
            self.add(start, offset, end, _day(hijri_to_gregorian(year, month, day)), relative, "day")
            return
        first = hijri_to_gregorian(year, month, 1)
        last = hijri_to_gregorian(year, month, _hijri_month_length(year, month))
        if (first.year, first.month) == (last.year, last.month):
            self.add(start, offset, end, _month(first.year, first.month), relative)
        elif first.year == last.year:
            self.add(start, offset, end, _year(first.year), relative)

    def numeric(self, i: int) -> None:
        """``10/12/2016``, ``10-12-2016``, ``2016-12-10``, ``10.12.2016``, ``24/ 7`` (day/month)."""
        text = self.num(i)
        if text is None or (i > 0 and self.tokens[i - 1].kind == "num" and not self.tokens[i].gap):
            return
        if i > 1 and self.punct(i - 1) in ("/", "-") and self.num(i - 2) is not None:
            return  # inside a cluster that starts earlier
        parts: list[str] = []
        end = i
        if text.count(".") == 2 and "," not in text:
            parts = text.split(".")
            end = i + 1
        else:
            if not text.isdigit():
                return
            parts = [text]
            j = i
            sep = None
            while len(parts) < 3 and self.punct(j + 1) in ("/", "-") and self.num(j + 2) is not None \
                    and self.num(j + 2).isdigit():  # type: ignore[union-attr]
                s = self.punct(j + 1)
                if sep is not None and s != sep:
                    break
                if s == "-" and (self.tokens[j + 1].gap or self.tokens[j + 2].gap):
                    break  # "1 - 0" is a score
                sep = s
                parts.append(self.num(j + 2))  # type: ignore[arg-type]
                j += 2
            end = j + 1
        if len(parts) == 3:
            a, b, c = (int(p) for p in parts)
            if len(parts[0]) == 4:
                candidates = [(a, b, c)]
            elif len(parts[2]) == 4:
                # day/month/year is the Arabic order; month/day only where that cannot be
                candidates = [(c, b, a), (c, a, b)]
            else:
                return
            for year, month, day in candidates:
                if 1900 <= year <= 2100:
                    try:
                        value = dt.date(year, month, day)
                    except ValueError:
                        continue
                    self.add(i, 0, end, _day(value), False, "day")
                    return
            return
        if len(parts) == 2 and self.published is not None and self.punct(i + 1) == "/":
            # day/month without a year, only where the context says it is a date
            if self.has(i - 1, {_THE_DAY, _W("في"), _SINCE, _W("بتاريخ"), _W("حتى")}) is None:
                return
            day, month = int(parts[0]), int(parts[1])
            if not (1 <= month <= 12 and 1 <= day <= 31):
                return
            year = _month_year(self.published, month, None)
            try:
                value = dt.date(year, month, day)
            except ValueError:
                return
            self.add(i, 0, end, _day(value), True)

    def time_prefix_back(self, i: int) -> tuple[int, int]:
        """Return ``(first token, clitic offset)`` taking in صباح / مساء / يوم / بعد ظهر before ``i``."""
        start, offset = i, 0
        k = i - 1
        steps = 0
        while steps < 2:
            got = self.has(k, _TIME_PREFIXES)
            if got is None:
                break
            start, offset = k, got
            if self.word(k) == _W("ظهر") and self.word(k - 1) == _AFTER:
                start, offset = k - 1, 0
                k -= 1
            k -= 1
            steps += 1
        return start, offset

    def relative_day(self, i: int) -> None:
        """اليوم، أمس، أول من أمس، أمس الأول، غدا، بعد غد, with a weekday after them taken in."""
        assert self.published is not None
        pub = self.published
        delta = None
        end = i + 1
        offset = self.has(i, {_TODAY})
        word = self.word(i)
        if offset is not None:
            after = self.word(i + 1)
            if self.has(i - 1, _TODAY_BLOCKERS_BEFORE) is not None or after in _TODAY_BLOCKERS_AFTER:
                return
            timed = self.has(i - 1, _TIME_PREFIXES) is not None
            if not timed and after is not None and after not in _WEEKDAYS and (
                    after in _DAY_ADJECTIVES or (after.startswith("ال") and after.endswith("ي") and len(after) > 4)
                    or (self.hits_at.get(i + 1) is not None and self.hits_at[i + 1].mention.kind == "ordinal")):
                return  # اليوم السابق، اليوم الوطني، اليوم الثالث: a day, not today
            delta = 0
            if self.word(i - 1) in _THIS:
                i, offset = i - 1, 0
        elif self.has(i, {_YESTERDAY, _THE_YESTERDAY}) is not None:
            offset = self.has(i, {_YESTERDAY, _THE_YESTERDAY})
            if self.word(i + 1) == _W("الحاجة"):
                return  # "في أمس الحاجة": most in need
            if self.word(i - 1) == _FROM and self.word(i - 2) == _FIRST:
                return  # read as أول من أمس
            if self.word(i - 1) == _FIRST:
                return
            delta = -1
            if self.word(i + 1) == _W("الأول"):
                delta, end = -2, i + 2
        elif word is not None and self.has(i, {_FIRST}) is not None:
            offset = self.has(i, {_FIRST})
            if self.word(i + 1) == _FROM and self.word(i + 2) in (_YESTERDAY, _THE_YESTERDAY):
                delta, end = -2, i + 3
            elif self.word(i + 1) in (_YESTERDAY,):
                delta, end = -2, i + 2
            else:
                return
        elif self.has(i, {_TOMORROW}) is not None:
            offset = self.has(i, {_TOMORROW})
            # غدا is also "he became": read it only where it stands alone or before a weekday
            nxt_punct = i + 1 >= self.n or self.tokens[i + 1].kind == "punct"
            before = self.has(i - 1, _TIME_PREFIXES) is not None
            if not (nxt_punct or before or self.word(i + 1) in _WEEKDAYS):
                return
            delta = 1
        elif self.has(i, {_TOMORROW_N, _W("الغد")}) is not None:
            if self.word(i - 1) == _AFTER and self.word(i) == _TOMORROW_N:
                i, offset, delta = i - 1, self.has(i - 1, {_AFTER}) or 0, 2
            elif self.has(i - 1, _TIME_PREFIXES) is not None:
                offset, delta = 0, 1
            else:
                return
        if delta is None or offset is None:
            return
        start, start_offset = self.time_prefix_back(i)
        if start == i:
            start_offset = offset
        # "أمس الاثنين", "اليوم السبت": the weekday names the same day
        if self.word(end) in _WEEKDAYS:
            end += 1
        self.add(start, start_offset, end, _day(pub + dt.timedelta(days=delta)), True)

    def weekday(self, i: int) -> None:
        """السبت، يوم الأحد الماضي، ليل الخميس-الجمعة ..."""
        assert self.published is not None
        pub = self.published
        hit = None
        for offset, stem in self.stems(i):
            if stem in _WEEKDAYS:
                hit = (offset, _WEEKDAYS[stem])
                break
        if hit is None and self.word(i - 1) is not None and self.has(i - 1, {_THE_DAY}) is not None:
            word = self.word(i)
            if word in _BARE_WEEKDAYS:
                hit = (0, _BARE_WEEKDAYS[word])
        if hit is None:
            return
        offset, weekday = hit
        prev, nxt = self.word(i - 1), self.word(i + 1)
        if weekday == 6 and nxt == _W("عشر"):
            return  # الأحد عشر: the eleven
        if weekday == 0 and (prev in _MONDAY_BLOCKERS_BEFORE or nxt in _MONDAY_BLOCKERS_AFTER):
            return
        # a weekday right after اليوم/أمس is part of that mention
        if self.has(i - 1, {_TODAY, _YESTERDAY, _THE_YESTERDAY}) is not None:
            return
        end = i + 1
        # ليل الخميس-الجمعة, ليل الخميس الجمعة, ليلة الخميس إلى الجمعة: the first night's date
        if self.has(i - 1, _NIGHT) is not None:
            k = i + 1
            if self.punct(k) in ("-", "–", "/") or self.word(k) in _NIGHT_LINKS:
                k += 1
            second = self.word(k)
            if second in _WEEKDAYS and _WEEKDAYS[second] == (weekday + 1) % 7:
                end = k + 1
        value = _weekday_on_or_before(pub, weekday)
        modifier = self.word(end)
        if modifier in _PAST:
            if value == pub:
                value -= dt.timedelta(days=7)
            end += 1
        elif modifier in _NEXT:
            value = pub + dt.timedelta(days=(weekday - pub.weekday()) % 7 or 7)
            end += 1
        start, start_offset = self.time_prefix_back(i)
        if start == i:
            start_offset = offset
        self.add(start, start_offset, end, _day(value), True, "weekday")

    def period(self, i: int) -> None:
        """الشهر الماضي، هذا الشهر، العام الجاري، السنة الماضية، الأسبوع الماضي، الأيام الماضية."""
        assert self.published is not None
        pub = self.published
        found = self.which(i, {_THE_MONTH, _THE_YEAR, _THE_YEAR_F, _THE_WEEK, _THE_DAYS, _DAYS_PLURAL})
        if found is None:
            return
        offset, stem = found
        if stem == _DAYS_PLURAL:
            self.past_days(i)
            return
        if stem == _THE_YEAR and self.general_not_year(i):
            return
        start, start_offset = i, offset
        this = self.word(i - 1) in _THIS
        if this:
            start, start_offset = i - 1, self.has(i - 1, _THIS) or 0
        modifier = self.word(i + 1)
        end = i + 2
        mode = None
        if modifier in _PAST:
            mode = "past"
        elif modifier in _NEXT:
            mode = "next"
        elif modifier in _CURRENT:
            mode = "current"
        elif this:
            mode, end = "current", i + 1
        if stem == _THE_DAYS:
            # الأيام الماضية / الأيام القليلة الماضية / الثلاثة أيام الماضية: the publication month
            if modifier is not None and (modifier in _FEW_AFTER or modifier[2:] in _FEW_AFTER) \
                    and self.word(i + 2) in _PAST:
                mode, end = "past", i + 3
            if mode != "past":
                return
            some_days = pub - dt.timedelta(days=3)
            self.add(start, start_offset, end, _month(some_days.year, some_days.month), True)
            return
        prefix = self.has(start - 1, _PERIOD_PREFIXES)
        if mode is None:
            # "مطلع الشهر", "منتصف الشهر": the current month
            if stem == _THE_MONTH and prefix is not None:
                mode, end = "current", i + 1
            else:
                return
        if prefix is not None:
            start, start_offset = start - 1, prefix
        step = {"past": -1, "next": 1, "current": 0}[mode]
        if stem == _THE_MONTH:
            value = _month(*_add_months(pub.year, pub.month, step))
        elif stem in (_THE_YEAR, _THE_YEAR_F):
            value = _year(pub.year + step)
        else:
            week = pub + dt.timedelta(days=7 * step)
            value = _month(week.year, week.month)
        self.add(start, start_offset, end, value, True)

    def past_days(self, i: int) -> None:
        """الثلاثة أيام الماضية، 3 أيام الماضية: the month the span begins in."""
        assert self.published is not None
        hit = next((h for h in (self.hits_from.get(i - 1), self.hits_from.get(i - 2)) if h and h.last == i), None)
        if hit is None or hit.mention.kind != "cardinal" or self.word(i + 1) not in _PAST:
            return
        count = hit.mention.value
        if not isinstance(count, int) or not 1 <= count <= 31:
            return
        first = self.published - dt.timedelta(days=count)
        self.add(hit.first, 0, i + 2, _month(first.year, first.month), True)

    def general_not_year(self, i: int) -> bool:
        """Return whether العام at ``i`` is the adjective "general" ("الأمين العام الحالي")."""
        prev = self.word(i - 1)
        if prev is None or not prev.startswith("ال"):
            return False
        if prev in _GENERAL_HEADS:
            return True
        # "المراقب العام السابق": after a definite noun, السابق/الحالي read as "former"/"current"
        return self.word(i + 1) in {_W("السابق"), _W("الحالي")}

    def ago(self, i: int) -> None:
        """قبل يومين، قبل ثلاثة أيام، قبل أيام، قبل نحو أسبوعين، منذ عامين، قبل ثلاث سنوات;
        and بعد نحو أسبوعين من X, which dates X: the span back from the report's now."""
        assert self.published is not None
        pub = self.published
        offset = self.has(i, {_BEFORE, _SINCE})
        after = offset is None
        if after:
            offset = self.has(i, _AFTER)
            if offset is None:
                return
        k = i + 1
        approx = False
        if self.word(k) in _APPROX:
            approx, k = True, k + 1
        count = None
        unit = None
        word = self.word(k)
        if word in _DURATIONS:
            unit, count = _DURATIONS[word]
            end = k + 1
        elif word in _FEW or word in _DAYS:
            # "قبل أيام", "قبل بضعة أيام", "قبل أيام قليلة": some days ago
            j = k + 1 if word in _FEW else k
            if self.word(j) not in (_W("أيام"),):
                return
            end = j + 1
            if self.word(end) in _FEW_AFTER:
                end += 1
            if not self.counts_back(end, after):
                return
            some_days = pub - dt.timedelta(days=3)
            self.add(i, offset, end, _month(some_days.year, some_days.month), True, "forward" if after else "")
            return
        else:
            # the number's own reading may have taken نحو in as its qualifier
            hit = self.hits_from.get(k) or (self.hits_from.get(k - 1) if approx else None)
            if hit is None or hit.mention.kind != "cardinal" or hit.mention.vague:
                return
            count = hit.mention.value
            if not isinstance(count, int) or not 1 <= count <= 100:
                return
            unit = _PLURAL_UNITS.get(self.word(hit.last) or "")
            if unit is None:
                return
            end = hit.last + 1
            approx = approx or hit.mention.qualifier is not None
        # بعد counts from the sentence's own time, which is near publication but not
        # known to the day: keep only the month.
        approx = approx or after
        if not self.counts_back(end, after):
            return
        assert count is not None and unit is not None
        if unit == "day":
            day = pub - dt.timedelta(days=count)
            value = _month(day.year, day.month) if approx else _day(day)
        elif unit == "week":
            # "قبل أسبوع" names the day a week back (news uses it for that day); longer
            # spans and approximations keep only the month.
            day = pub - dt.timedelta(days=7 * count)
            value = _day(day) if count == 1 and not approx else _month(day.year, day.month)
        elif unit == "month":
            value = _month(*_add_months(pub.year, pub.month, -count))
        else:
            value = _year(pub.year - count)
        self.add(i, offset, end, value, True, "forward" if after else "")

    def counts_back(self, end: int, after: bool) -> bool:
        """Return whether a duration ending before ``end`` counts back from publication:
        قبل/منذ as ``ago_ends`` says, بعد only with the event it follows (بعد أسبوعين من X)."""
        return self.word(end) == _FROM if after else self.ago_ends(end)

    def ago_ends(self, end: int) -> bool:
        """Return whether a duration ending before ``end`` counts back from publication.

        "قبل عام من الانتخابات" counts back from the elections, "منذ يوم 24/ 7" and
        "منذ عام 2011" name a day and a year, "قبل يوم الجمعة" a weekday.
        """
        if self.num(end) is not None or self.word(end) == _FROM:
            return False
        nxt = self.word(end)
        unit_word = self.word(end - 1) or ""
        if nxt is not None and nxt.startswith("ال") and unit_word in _DURATIONS and _DURATIONS[unit_word][1] == 1:
            return False
        return True

    def years(self) -> None:
        """العام 2012، عام 2012، منذ 2006، عامي 1993 و2006, with a period word before taken in."""
        for hit in self.hits:
            if hit.mention.kind != "year":
                continue
            core = hit.core
            year = int(self.tokens[core].text)
            end = hit.last
            era = self.word(end)
            hijri = era in _HIJRI_ERA
            if era in _HIJRI_ERA or era in _GREG_ERA:
                end += 1
            start, offset = core, 0
            got = self.has(core - 1, _YEAR_WORDS)
            if got is not None:
                start, offset = core - 1, got
                prefix = self.has(core - 2, _PERIOD_PREFIXES)
                if prefix is not None:
                    start, offset = core - 2, prefix
            else:
                prefix = self.has(core - 1, _PERIOD_PREFIXES)
                if prefix is not None:
                    start, offset = core - 1, prefix
            if hijri:
                first = hijri_to_gregorian(year, 1, 1)
                last = hijri_to_gregorian(year, 12, _hijri_month_length(year, 12))
                if first.year == last.year:
                    self.add(start, offset, end, _year(first.year), False)
                continue
            if 1900 <= year <= 2100:
                self.add(start, offset, end, _year(year), False)


_MAY_ABSOLUTE, _MAY_RELATIVE_DAY, _MAY_WEEKDAY, _MAY_PERIOD, _MAY_AGO, _IS_NUMBER = 1, 2, 4, 8, 16, 32
_MONTH_STEMS = frozenset(_MONTHS_1) | frozenset(_MONTHS_2_FIRST)
_RELATIVE_DAY_STEMS = frozenset({_TODAY, _YESTERDAY, _THE_YESTERDAY, _FIRST, _TOMORROW, _TOMORROW_N, _W("الغد")})
_PERIOD_STEMS = frozenset({_THE_MONTH, _THE_YEAR, _THE_YEAR_F, _THE_WEEK, _THE_DAYS, _DAYS_PLURAL})
_AGO_STEMS = frozenset({_BEFORE, _SINCE, _AFTER})
_FLAG_STEMS = ((_MONTH_STEMS, _MAY_ABSOLUTE), (_RELATIVE_DAY_STEMS, _MAY_RELATIVE_DAY), (_WEEKDAYS, _MAY_WEEKDAY),
               (_PERIOD_STEMS, _MAY_PERIOD), (_AGO_STEMS, _MAY_AGO))


@functools.lru_cache(maxsize=1 << 17)
def _date_flags(word: str | None) -> int:
    """Return which detectors can start at the Arabic word ``word`` (``_MAY_*`` bits).

    ``absolute`` needs a month name (or a day number, checked apart), ``relative_day``
    اليوم / أمس / أول / غدا / غد, ``weekday`` a weekday name (a bare one after يوم),
    ``period`` الشهر / العام / السنة / الأسبوع / الأيام and ``ago`` قبل / منذ, each
    among the word's clitic readings; elsewhere the detector returns at once.
    A token that is no Arabic word (``word`` None) gets no flag here; ``run`` adds
    ``_IS_NUMBER`` to the digit runs.
    """
    if word is None:
        return 0
    flags = 0
    for _offset, stem in readings(word):
        for stems, flag in _FLAG_STEMS:
            if stem in stems:
                flags |= flag
    if word in _BARE_WEEKDAYS:
        flags |= _MAY_WEEKDAY
    return flags


def _longest(candidates: list[_Candidate]) -> list[_Candidate]:
    """Return the candidates that survive overlap resolution: the longest span wins."""
    chosen: list[_Candidate] = []
    for c in sorted(candidates, key=lambda c: (-(c.fend - c.fstart), c.fstart, c.value)):
        if all(c.fend <= o.fstart or c.fstart >= o.fend for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.fstart)


def find_dates(text: str, published: dt.date | None) -> tuple[DateMention, ...]:
    """Return the dates of ``text`` in order, resolved against ``published`` where relative."""
    scanned = scan(text)
    folded = scanned.folded
    scanner = _Scanner(folded, scanned.tokens, scanned.words, scanned.hits, published)
    out = []
    for c in _longest(scanner.run()):
        start, end = folded.span(c.fstart, c.fend)
        out.append(DateMention(start, end, text[start:end], c.value, c.precision, c.relative, c.kind == "forward"))
    return tuple(out)
