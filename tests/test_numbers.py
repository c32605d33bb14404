"""kg.numbers: digits, number words, qualifiers, vague amounts and number kinds.

Every sentence here is written for these tests (realistic news Arabic), not taken
from the corpus.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.numbers import NumberMention, _fold_char, find_numbers, fold


def one(text: str, wanted: str) -> NumberMention:
    """Return the mention whose text is ``wanted``, failing with what was found."""
    found = [m for m in find_numbers(text) if m.text == wanted]
    assert len(found) == 1, (wanted, find_numbers(text))
    return found[0]


def values(text: str) -> list[int | float]:
    return [m.value for m in find_numbers(text)]


# ---------------------------------------------------------------- digits

@pytest.mark.parametrize("text, wanted, value", [
    ("قالت الوزارة إن 409 منازل دمرت في القصف", "409", 409),
    ("وصلت 1,200 عائلة إلى المخيم الأسبوع الماضي", "1,200", 1200),
    ("يعيش 2,5 مليون شخص في المحافظة", "2,5 مليون", 2_500_000),
    ("بلغت الخسائر 2.5 مليار دولار", "2.5 مليار", 2_500_000_000),
    ("استقبلت البلدة 3 آلاف نازح", "3 آلاف", 3000),
    ("يقطن المدينة 300 ألف نسمة", "300 ألف", 300_000),
    ("أحصت المنظمة ٤٥٠ منزلا مدمرا", "٤٥٠", 450),
    ("سجلت ١٬٢٠٠ حالة", "١٬٢٠٠", 1200),
    ("يحتاج ٢٫٥ مليون شخص إلى المساعدة", "٢٫٥ مليون", 2_500_000),
    ("نزح ۳۰۰ شخص من القرية", "۳۰۰", 300),
    ("وصل 1.200 مهاجر إلى الساحل", "1.200", 1200),
    ("تضرر 1,250,000 شخص من الفيضانات", "1,250,000", 1_250_000),
    ("تضرر 1.250.000 شخص من الفيضانات", "1.250.000", 1_250_000),
    ("بلغ الدين 1,234.5 مليون دولار", "1,234.5 مليون", 1_234_500_000),
])
def test_digits(text, wanted, value):
    m = one(text, wanted)
    assert m.value == value and m.kind == "cardinal" and not m.vague


def test_decimal_comma_needs_a_scale_word():
    # "2,5" alone is neither a thousands group nor, without a scale word, a decimal
    assert values("المادتان 2,5 من القانون") == []
    assert values("ارتفع المؤشر 0.4 نقطة") == [0.4]


def test_clock_times_and_numeric_dates_are_not_numbers():
    assert values("بدأ حظر التجول عند الساعة 06:30 صباحا") == []
    assert values("صدر القرار في 15/3/2017 ونشر في 2017-03-16") == []


def test_number_glued_to_a_latin_name_is_skipped():
    assert values("أسقطت الدفاعات طائرة F16 قرب الحدود") == []


# ---------------------------------------------------------------- number words

@pytest.mark.parametrize("phrase, value", [
    ("واحد", 1), ("واحدة", 1), ("اثنان", 2), ("اثنين", 2), ("اثنتين", 2),
    ("ثلاثة", 3), ("ثلاث", 3), ("أربعة", 4), ("خمس", 5), ("ستة", 6), ("سبع", 7),
    ("ثمانية", 8), ("ثماني", 8), ("تسعة", 9), ("عشرة", 10), ("عشر", 10),
    ("أحد عشر", 11), ("إحدى عشرة", 11), ("اثنا عشر", 12), ("اثنتي عشرة", 12),
    ("ثلاثة عشر", 13), ("تسعة عشر", 19), ("عشرون", 20), ("عشرين", 20), ("تسعين", 90),
    ("خمسة وعشرين", 25), ("خمسة و عشرين", 25), ("ثلاث وأربعون", 43), ("مئة", 100), ("مائة", 100),
    ("مئتين", 200), ("مائتي", 200), ("ثلاثمئة", 300), ("ثلاثمائة", 300), ("ثلاث مئة", 300),
    ("تسعمئة", 900), ("مئة وخمسون", 150), ("مئة وخمسة وعشرون", 125), ("ألف", 1000),
    ("الف", 1000), ("ألفين", 2000), ("الفي", 2000), ("ثلاثة آلاف", 3000),
    ("عشرة آلاف", 10_000), ("أحد عشر ألفا", 11_000), ("مئة ألف", 100_000),
    ("ثلاثمئة وخمسة وأربعون ألفا", 345_000), ("ألفان وخمسمئة", 2500), ("مليون", 1_000_000),
    ("مليونين", 2_000_000), ("ثلاثة ملايين", 3_000_000), ("مليار", 1_000_000_000),
    ("مليون ونصف", 1_500_000), ("نصف مليون", 500_000), ("مليون و200 ألف", 1_200_000),
])
def test_number_words(phrase, value):
    text = f"قالت المصادر إن {phrase} شخص وصلوا"
    m = one(text, phrase)
    assert m.value == value and m.kind == "cardinal" and not m.vague


def test_clitics_stay_outside_the_span():
    m = one("قتل جندي وثلاثة مدنيين", "ثلاثة")
    assert m.value == 3
    assert one("اكتفى بخمسة مقاعد", "خمسة").value == 5
    # the article stays inside: it is part of the word
    assert one("وصل الثلاثة إلى الحدود", "الثلاثة").value == 3


def test_list_items_stay_separate():
    assert values("أصيب ثلاثة وخمسة آخرون") == [3, 5]
    assert values("قتل عشرون وثلاثون") == [20, 30]
    assert values("وصل مئة ومئتان") == [100, 200]
    assert values("رقم الهاتف 1234567890123456789012") == []
    assert values("أشار إلى القرارين 1559 و1701") == [1559, 1701]


def test_one_of_and_weekdays_are_not_numbers():
    assert values("زار الوفد إحدى المدن الحدودية") == []
    assert values("عقد الاجتماع الاثنين والأحد") == []


# ---------------------------------------------------------------- qualifiers and ranges

@pytest.mark.parametrize("text, wanted, qualifier, low, high", [
    ("فر أكثر من 500 مدني", "أكثر من 500", "more than", 500, None),
    ("فر اكثر من الفي مدني", "اكثر من الفي", "more than", 2000, None),
    ("قتل ما يزيد على 40 شخصا", "ما يزيد على 40", "more than", 40, None),
    ("اعتقل ما لا يقل عن 12 ناشطا", "ما لا يقل عن 12", "at least", 12, None),
    ("نزح نحو 300 ألف شخص", "نحو 300 ألف", "about", None, None),
    ("أصيب حوالي 70 شخصا", "حوالي 70", "about", None, None),
    ("وصل زهاء 200 مهاجر", "زهاء 200", "about", None, None),
    ("قتل قرابة 90 مدنيا", "قرابة 90", "nearly", None, 90),
    ("قتل ما يقارب 60 مسلحا", "ما يقارب 60", "nearly", None, 60),
    ("شارك أقل من 100 متظاهر", "أقل من 100", "less than", None, 100),
    ("تتسع القاعة حتى 400 شخص", "حتى 400", "up to", None, 400),
    ("قتل 25 شخصا على الأقل", "25", None, None, None),
    ("وصل 25 على الأقل", "25 على الأقل", "at least", 25, None),
])
def test_qualifiers(text, wanted, qualifier, low, high):
    m = one(text, wanted)
    assert (m.qualifier, m.low, m.high) == (qualifier, low, high)


def test_ranges():
    m = one("قتل بين 20 و30 شخصا", "بين 20 و30")
    assert (m.value, m.low, m.high) == (20, 20, 30)
    m = one("نزح ما بين 20 و30 ألفا", "ما بين 20 و30 ألفا")
    assert (m.low, m.high) == (20_000, 30_000)
    m = one("اعتقل ثلاثة أو أربعة أشخاص", "ثلاثة أو أربعة")
    assert (m.low, m.high) == (3, 4)
    m = one("قتل 20-30 شخصا", "20-30")
    assert (m.low, m.high) == (20, 30)


def test_a_score_is_not_a_range():
    assert values("انتهت المباراة بالتعادل 2 - 2") == [2, 2]


# ---------------------------------------------------------------- vague amounts

@pytest.mark.parametrize("text, wanted, low, high", [
    ("قتل عشرات المدنيين", "عشرات", 30, 99),
    ("سقط العشرات بين قتيل وجريح", "العشرات", 30, 99),
    ("اعتقلت الشرطة مئات المحتجين", "مئات", 300, 999),
    ("فر آلاف السكان", "آلاف", 3000, 9999),
    ("نزح عشرات الآلاف من السكان", "عشرات الآلاف", 30_000, 99_999),
    ("خلف الإعصار عشرات آلاف المشردين", "عشرات آلاف", 30_000, 99_999),
    ("يعيش مئات الآلاف في المخيمات", "مئات الآلاف", 300_000, 999_999),
    ("أصيب بضعة أشخاص", "بضعة", 3, 9),
    ("احتشد بضع مئات أمام البرلمان", "بضع مئات", 300, 999),
])
def test_vague(text, wanted, low, high):
    m = one(text, wanted)
    assert m.vague and (m.low, m.high) == (low, high) and m.value == low


# ---------------------------------------------------------------- kinds and units

@pytest.mark.parametrize("text, wanted", [
    ("انقسمت المدينة منذ العام 2012", "2012"),
    ("اندلعت الحرب عام 2011", "2011"),
    ("تقيم في البلاد منذ 2014", "2014"),
    ("سافر في 2009 وعاد", "2009"),
    ("شغل المنصب بين عامي 1999 و2004", "1999"),
    ("شغل المنصب بين عامي 1999 و2004", "2004"),
    ("لعب للفريق من 1995 إلى 2002", "1995"),
    ("لعب للفريق من 1995 إلى 2002", "2002"),
    ("أعلى مستوى منذ نوفمبر، 2014", "2014"),
    ("جرى التصويت في تشرين الثاني (نوفمبر) 2016", "2016"),
    ("بني المسجد عام 1437 هـ", "1437"),
])
def test_years(text, wanted):
    assert one(text, wanted).kind == "year"


def test_year_shaped_amounts_stay_cardinal():
    assert one("فر 2000 مدني من الحي", "2000").kind == "cardinal"
    assert one("ارتفع عدد القتلى إلى أكثر من 2000 شخص", "أكثر من 2000").kind == "cardinal"


@pytest.mark.parametrize("text, wanted, value", [
    ("تسيطر القوات على 40 في المئة من المدينة", "40 في المئة", 40),
    ("تسيطر القوات على 40 في المائة من المدينة", "40 في المائة", 40),
    ("ارتفعت الأسعار 5% خلال الشهر", "5%", 5),
    ("تراجعت البطالة 1.5 بالمئة", "1.5 بالمئة", 1.5),
    ("انخفض المؤشر ٣٫٢٪", "٣٫٢٪", 3.2),
    ("تسيطر على أكثر من 85 في المئة من الأحياء", "أكثر من 85 في المئة", 85),
])
def test_percent(text, wanted, value):
    m = one(text, wanted)
    assert m.kind == "percent" and m.value == value
    assert not [x for x in find_numbers(text) if x.kind == "cardinal"]


@pytest.mark.parametrize("text, wanted, value", [
    ("بدأت المرحلة الخامسة من العملية", "الخامسة", 5),
    ("في الحادي عشر من الشهر", "الحادي عشر", 11),
    ("يحتفل بعيده الثالث والعشرين", "الثالث والعشرين", 23),
    ("هذا هو الفيتو الثاني عشر", "الثاني عشر", 12),
])
def test_ordinals(text, wanted, value):
    m = one(text, wanted)
    assert m.kind == "ordinal" and m.value == value


@pytest.mark.parametrize("text, wanted", [
    ("سقط قتيلان في الاشتباك", "قتيلان"),
    ("أصيب جريحين بشظايا", "جريحين"),
    ("قتل الطفلين في الغارة", "الطفلين"),
])
def test_duals(text, wanted):
    m = one(text, wanted)
    assert m.kind == "dual" and m.value == 2


@pytest.mark.parametrize("text, wanted, unit", [
    ("تبعد البلدة 30 كيلومترا عن الحدود", "30", "km"),
    ("بلغ سعر البرميل 74.5 دولار", "74.5", "dollar"),
    ("أنتجت الشركة 4 ملايين برميل", "4 ملايين", "barrel"),
    ("حصلت القائمة على 54 مقعدا", "54", "seat"),
    ("استمر الحصار 40 يوما", "40", "day"),
])
def test_units(text, wanted, unit):
    assert one(text, wanted).unit == unit


# ---------------------------------------------------------------- folding and offsets

def test_marks_inside_and_after_a_number_word_keep_offsets():
    text = "قُتِلَ ثَلاثَةُ مدنيين و\u200fخمسـة آخرون"
    found = find_numbers(text)
    assert [m.value for m in found] == [3, 5]
    for m in found:
        assert text[m.start:m.end] == m.text


def test_fold_keeps_an_index_into_the_source():
    folded = fold("أَكْثَرُ مِن ٥٠٠")
    assert folded.text == "اكثر من 500"
    assert [folded.source[i] for i in folded.index][:2] == ["أ", "ك"]
    assert folded.span(8, 11) == (13, 16)  # the digits after two words with harakat


# ---------------------------------------------------------------- properties

_ALPHABET = st.sampled_from(
    list("ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإؤئىة") + list("٠١٢٣٤٥٦٧٨٩۰۱۲۳0123456789")
    + ["\u064b", "\u064e", "\u0650", "\u0651", "\u0652", "\u0640", "\u200f", "\u200e", "\u200d",
       "\u200c", "\u00a0", " ", " ", "\n", "،", ".", ",", "%", "٪", "٫", "٬", "/", "-", ":", "(", ")",
       "a", "Z", "é", "\u0301"])
_WORDS = st.sampled_from([
    "أكثر", "من", "نحو", "ثلاثة", "آلاف", "عشرات", "الفي", "خمسة", "وعشرين", "مئة", "مليون",
    "ونصف", "في", "المئة", "العام", "2016", "1,200", "2,5", "٣٠٠", "بين", "و30", "أو", "الحادي",
    "عشر", "قتيلان", "على", "الأقل", "حتى", "ما", "لا", "يقل", "عن", "نصف", "الآلاف", "بضعة"])
_TEXTS = st.one_of(
    st.text(_ALPHABET, max_size=60),
    st.lists(st.one_of(_WORDS, st.text(_ALPHABET, max_size=3)), max_size=14).map(" ".join),
)


@settings(max_examples=150, deadline=None)
@given(st.one_of(_TEXTS, st.text(st.sampled_from(["\u2060", "\u0640", "\u064e", "\r", "\u2028", "\t", "ى", "ة", "٥", "x", " "]),
                                 max_size=20)))
def test_fold_agrees_with_folding_character_by_character(text):
    # fold() works on the whole text at once; each character folds on its own
    chars = [(i, _fold_char(c)) for i, c in enumerate(text)]
    folded = fold(text)
    assert folded.text == "".join(f for _i, f in chars)
    assert list(folded.index) == [i for i, f in chars if f]


@settings(max_examples=150, deadline=None)
@given(_TEXTS)
def test_never_raises_and_offsets_slice_the_source(text):
    found = find_numbers(text)
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
    assert [m.start for m in found] == sorted(m.start for m in found)
    assert find_numbers(text) == found
