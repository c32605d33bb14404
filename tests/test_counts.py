"""kg.counts: casualty and people counts typed as GDELT GKG counts.

Every sentence here is written for these tests (realistic news Arabic), not taken
from the corpus.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.counts import CountMention, find_counts


def counts(text: str) -> list[tuple[str, int]]:
    """Return (type, number) of the non-vague counts."""
    return [(c.type, c.number) for c in find_counts(text) if not c.vague]


def one(text: str) -> CountMention:
    found = find_counts(text)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- KILL

@pytest.mark.parametrize("text, number, what, span", [
    ("قتل 12 مدنيا في غارة على بلدة معرة النعمان", 12, "civilians", "قتل 12 مدنيا"),
    ("أعلنت وزارة الدفاع مقتل 7 جنود في كمين", 7, "soldiers", "مقتل 7 جنود"),
    ("وقتل ثلاثة أطفال في القصف", 3, "children", "قتل ثلاثة أطفال"),
    ("أسفر التفجير عن مقتل 22 شخصا في السوق", 22, "people", "مقتل 22 شخصا"),
    ("أدى الانفجار إلى مقتل خمسة من عناصر الشرطة", 5, "members", "مقتل خمسة من عناصر"),
    ("لقي 15 شخصا مصرعهم في حادث سير", 15, "people", "15 شخصا مصرعهم"),
    ("قالت المصادر إن 40 مسلحا قتلوا في المعارك", 40, "militants", "40 مسلحا قتلوا"),
    ("وأكد أن عشرين مقاتلا لقوا حتفهم", 20, "fighters", "عشرين مقاتلا لقوا"),
    ("أودى الانفجار بحياة 9 أشخاص", 9, "people", "بحياة 9 أشخاص"),
    ("سقط 6 قتلى في الاشتباكات", 6, "people", "6 قتلى"),
    ("أسفر القصف عن سقوط 14 قتيلا", 14, "people", "14 قتيلا"),
    ("اغتيال ثلاثة ضباط في هجوم منسق", 3, "officers", "اغتيال ثلاثة ضباط"),
    ("نفذت السلطات إعدام 20 سجينا", 20, "prisoners", "إعدام 20 سجينا"),
    ("قتلت القوات الحكومية 35 مسلحا", 35, "militants", "35 مسلحا"),
    ("قتل في الغارة 5 أشخاص", 5, "people", "5 أشخاص"),
    ("كما قتل الخميس الماضي 4 عناصر من الحرس", 4, "members", "4 عناصر"),
    ("مقتل 20 فلسطينيا برصاص الجنود", 20, "Palestinians", "مقتل 20 فلسطينيا"),
    ("مقتل 5 صوماليين في انفجار", 5, "Somalis", "مقتل 5 صوماليين"),
    ("مقتل 4 إداريين في الهجوم", 4, "people", "مقتل 4 إداريين"),
    ("قتل ١٨ مدنيا بينهم نساء", 18, "civilians", "قتل ١٨ مدنيا"),
])
def test_kill(text, number, what, span):
    c = one(text)
    assert (c.type, c.number, c.what, c.text) == ("KILL", number, what, span)


def test_kill_with_qualifiers():
    c = one('أعلنت الأمم المتحدة مقتل "أكثر من 600 مدني" منذ بدء الهجوم')
    assert (c.type, c.number, c.qualifier, c.low) == ("KILL", 600, "more than", 600)
    c = one("قتل 25 شخصا على الأقل في الانفجار")
    assert (c.number, c.qualifier, c.low, c.text) == (25, "at least", 25, "قتل 25 شخصا على الأقل")
    c = one("لقي نحو 50 مدنيا مصرعهم")
    assert (c.type, c.number, c.qualifier) == ("KILL", 50, "about")
    c = one("قتل ما لا يقل عن 12 عاملا")
    assert (c.number, c.qualifier) == (12, "at least")


def test_tally():
    assert counts("ارتفع عدد القتلى إلى 40") == [("KILL", 40)]
    assert counts("ارتفعت حصيلة القتلى إلى 63 شخصا") == [("KILL", 63)]
    assert counts("وقال إن عدد الجرحى وصل إلى 150 حاليا") == [("WOUND", 150)]


def test_among_the_dead():
    assert counts("ومن بين القتلى في الغارات على الريف الغربي 8 أطفال") == [("KILL", 8)]


def test_duals():
    assert counts("أسفر الهجوم عن مقتل جنديين") == [("KILL", 2)]
    assert counts("سقط قتيلان في الاشتباك") == [("KILL", 2)]
    c = one("أصيب طفلان بشظايا القذيفة")
    assert (c.type, c.number, c.what) == ("WOUND", 2, "children")


# ---------------------------------------------------------------- breakdowns

def test_breakdown_is_a_count_of_its_own_type():
    assert counts("قتل 90 مدنيا بينهم 23 طفلا جراء الغارات") == [("KILL", 90), ("KILL", 23)]
    found = find_counts("قتل 90 مدنيا بينهم 23 طفلا جراء الغارات")
    assert [c.what for c in found] == ["civilians", "children"]
    assert [c.text for c in found] == ["قتل 90 مدنيا", "23 طفلا"]


def test_breakdown_lists_and_word_numbers():
    assert counts("قتل 20 شخصا، بينهم 10 أطفال و5 نساء") == [("KILL", 20), ("KILL", 10), ("KILL", 5)]
    assert counts("قتل 14 مدنيا، من بينهم أربعة أطفال") == [("KILL", 14), ("KILL", 4)]
    assert counts("أصيب 30 شخصا منهم 12 طفلا") == [("WOUND", 30), ("WOUND", 12)]


def test_breakdown_with_its_own_casualty_noun():
    assert counts("سقط 40 شخصا بين قتيل وجريح بينهم ثلاثة جرحى") == [("AFFECT", 40), ("WOUND", 3)]


def test_breakdown_without_a_head_count_is_not_a_count():
    assert counts("بينهم 10 أطفال") == []


# ---------------------------------------------------------------- WOUND, DISPLACE, ARREST, KIDNAP, EVACUATE

@pytest.mark.parametrize("text, type_, number", [
    ("أسفر الانفجار عن مقتل 4 أشخاص وإصابة 30 آخرين", "WOUND", 30),
    ("أصيب 12 شخصا بجروح في الحادث", "WOUND", 12),
    ("جرح 8 متظاهرين خلال المواجهات", "WOUND", 8),
    ("نقل 20 جريحا إلى المستشفى", "WOUND", 20),
    ("أعلن الهلال الأحمر نزوح 250 ألف شخص", "DISPLACE", 250_000),
    ("تحدث عن فرار أكثر من ألفي مدني", "DISPLACE", 2000),
    ("تحدث عن فرار اكثر من الفي مدني", "DISPLACE", 2000),
    ("أدت المعارك إلى تهجير 500 عائلة", "DISPLACE", 500),
    ("يعيش 10 آلاف نازح في المخيم", "DISPLACE", 10_000),
    ("نزح 700 شخص عن القرية", "DISPLACE", 700),
    ("استقبل الأردن 650 ألف لاجئ", "DISPLACE", 650_000),
    ("أعلنت الداخلية اعتقال 14 ناشطا", "ARREST", 14),
    ("اعتقلت الشرطة 25 متظاهرا", "ARREST", 25),
    ("ألقت الشرطة القبض على 3 أشخاص", "ARREST", 3),
    ("تم توقيف 6 مشتبه بهم", "ARREST", 6),
    ("خطف 3 صحافيين في الطريق إلى المطار", "KIDNAP", 3),
    ("أعلنت الجماعة اختطاف 12 عاملا أجنبيا", "KIDNAP", 12),
    ("احتجز المسلحون 4 رهائن", "KIDNAP", 4),
    ("أعلن الصليب الأحمر إجلاء 400 مدني من الأحياء المحاصرة", "EVACUATE", 400),
    ("أجلت السلطات 1500 شخص من المناطق المهددة", "EVACUATE", 1500),
    ("بدأت عملية إجلاء 300 جريح", "EVACUATE", 300),
])
def test_other_types(text, type_, number):
    assert counts(text)[-1] == (type_, number)


# ---------------------------------------------------------------- AFFECT

def test_the_infected_are_affected_not_wounded():
    assert counts("سجلت الوزارة إصابة 120 شخصا بفيروس كورونا") == [("AFFECT", 120)]
    assert counts("يعيش في المنطقة 3 ملايين مصاب بالملاريا") == [("AFFECT", 3_000_000)]


@pytest.mark.parametrize("text, number", [
    ("أسفر القصف عن سقوط 250 بين قتيل وجريح", 250),
    ("ارتفعت حصيلة الضحايا إلى نحو 300 قتيل وجريح", 300),
    ("خلف الزلزال 120 ما بين قتيل وجريح", 120),
    ("أسفر الهجوم عن مقتل وإصابة 20 شخصا", 20),
    ("أعلن الدفاع المدني فقدان 17 شخصا", 17),
    ("لا يزال 12 مفقودا تحت الركام", 12),
    ("لا يزال 8 أشخاص تحت الأنقاض", 8),
])
def test_affect(text, number):
    assert counts(text) == [("AFFECT", number)]


@pytest.mark.parametrize("text, type_, number, what", [
    ("أسفر الهجوم عن مقتل 5 من قوات الأمن", "KILL", 5, "members"),
    ("أعلنت الشرطة مقتل 3 من الجرحى في المستشفى", "KILL", 3, "people"),
    ("يعيش 400 ألف مدني محاصرين في الأحياء الشرقية", "AFFECT", 400_000, "civilians"),
    ("وقعت 300 ضحية بين قتيل وجريح", "AFFECT", 300, "killed and wounded"),
    ("سقط 60 بين قتيل وجريح ومفقود", "AFFECT", 60, "killed and wounded"),
    ("عثر على 5 مدنيين قتلى في المنزل", "KILL", 5, "civilians"),
    ("أصيب 3 أشخاص آخرين في الانفجار", "WOUND", 3, "people"),
])
def test_counted_noun_forms(text, type_, number, what):
    c = find_counts(text)[-1]
    assert (c.type, c.number, c.what) == (type_, number, what)


def test_breakdown_joined_by_a_word_number():
    assert counts("قتل 12 شخصا بينهم ستة أطفال وخمس نساء") == [("KILL", 12), ("KILL", 6), ("KILL", 5)]


def test_breakdown_of_a_casualty_noun_without_a_number():
    assert counts("وصلت جثث القتلى، بينهم 7 أطفال، إلى المستشفى") == [("KILL", 7)]


def test_at_most():
    c = one("أصيب 10 أشخاص على الأكثر")
    assert (c.type, c.number, c.qualifier, c.high) == ("WOUND", 10, "up to", 10)


# ---------------------------------------------------------------- vague amounts

def test_vague_amounts_are_flagged():
    c = one("سقط عشرات القتلى في الغارات")
    assert (c.type, c.vague, c.low, c.high) == ("KILL", True, 30, 99)
    c = one("يقبع مئات المعتقلين في السجن")
    assert (c.type, c.vague) == ("ARREST", True)
    c = one("أسفر القصف عن سقوط عشرات القتلى والجرحى")
    assert (c.type, c.vague) == ("AFFECT", True)
    assert counts("أسفر القصف عن سقوط عشرات القتلى والجرحى") == []


# ---------------------------------------------------------------- not counts

@pytest.mark.parametrize("text", [
    "بلغت خسائر الشركة 5 ملايين دولار",
    "تسيطر القوات على 40 في المئة من مساحة الإقليم",
    "تبعد البلدة 30 كيلومترا عن خط الجبهة",
    "ارتفعت صادرات النفط إلى 4 ملايين برميل يوميا",
    "حصلت القائمة على 54 مقعدا في البرلمان",
    "صوت 12 عضوا لصالح القرار وأيدت 9 دول المشروع",
    "عقدت الجلسة بحضور 172 نائبا",
    "أيدت 12 دولة مشروع القرار",
    "استمر الحصار 40 يوما",
    "قتل في عام 2014 مئات",
    "بدأت الحرب في 2011 وقتل فيها كثيرون",
    "صدر القرار 2254 في ديسمبر",
    "أعلن الجيش إصابة 3 أهداف للتنظيم",
    "أعلنت الحكومة الإفراج عن 200 معتقل",
    "بدأت عودة 500 لاجئ إلى قراهم",
    "يعيش في المدينة 400 ألف نسمة",
    "قاد الحملة 3 ضباط كبار",
    "وقتل عنصر في الشرطة في هجوم آخر",  # no number: a single man is not counted here
    "أكد 45 عنصرا من الشرطة أن المسلحين قتلوا زميلهم",
    "أسقطت الدفاعات طائرة F16 بعد مقتل قائدها",
    "تمكن 3 من السجناء من الفرار. وقال الحارس إن 3 من السجن هربوا",
    "أعلنت إسرائيل الإفراج عن 26 أسيرا فلسطينيا",
    "قتل. 5 أشخاص حضروا الاجتماع",
])
def test_not_counts(text):
    assert counts(text) == []


def test_dates_beside_counts_are_not_counts():
    assert counts("قتل 3 أشخاص في 15 يونيو 2016 قرب الحدود") == [("KILL", 3)]
    assert counts("منذ 2011 قتل أكثر من 300 ألف شخص") == [("KILL", 300_000)]


def test_year_shaped_number_before_people_is_a_count():
    assert counts("أفاد المرصد عن فرار 2000 مدني") == [("DISPLACE", 2000)]


def test_several_counts_in_order_with_offsets():
    text = "قُتل 5 أشخاص وأُصيب 11 آخرون، فيما نزح 300 مدني عن البلدة."
    found = find_counts(text)
    assert [(c.type, c.number) for c in found] == [("KILL", 5), ("WOUND", 11), ("DISPLACE", 300)]
    for c in found:
        assert text[c.start:c.end] == c.text


# ---------------------------------------------------------------- properties

_ALPHABET = st.sampled_from(
    list("ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإؤئىة") + list("٠١٢٣٤٥٦٧٨٩0123456789")
    + ["\u064b", "\u064e", "\u0651", "\u0640", "\u200f", "\u200d", "\u00a0", " ", " ", "\n", "،", ".",
       ",", "%", "\"", "«", "»", "-", "b", "X"])
_WORDS = st.sampled_from([
    "قتل", "مقتل", "وإصابة", "نزوح", "فرار", "اعتقال", "خطف", "إجلاء", "أكثر", "من", "نحو", "409",
    "مدنيين", "بينهم", "45", "طفلا", "الفي", "مدني", "قتيلا", "جرحى", "بين", "قتيل", "وجريح", "عشرات",
    "القتلى", "على", "الأقل", "عدد", "ارتفع", "إلى", "قتلوا", "مصرعهم", "آخرين", "جنديين", "تحت",
    "الأنقاض", "2,5", "مليون", "شخص", "و5", "نساء", "ثلاثة", "أطفال", "دولار", "في", "المئة"])
_TEXTS = st.one_of(
    st.text(_ALPHABET, max_size=60),
    st.lists(st.one_of(_WORDS, st.text(_ALPHABET, max_size=3)), max_size=14).map(" ".join),
)


@settings(max_examples=150, deadline=None)
@given(_TEXTS)
def test_never_raises_and_offsets_slice_the_source(text):
    found = find_counts(text)
    for c in found:
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start:c.end] == c.text
        assert c.type in ("KILL", "WOUND", "DISPLACE", "ARREST", "KIDNAP", "EVACUATE", "AFFECT")
        assert isinstance(c.number, int)
    assert find_counts(text) == found


def test_counts_are_the_same_whether_or_not_dates_read_the_text_first():
    # find_dates and find_counts share one cached reading of a text
    import datetime as dt

    from kg.dates import find_dates
    from kg.numbers import scan

    text = "قتل 12 مدنيا بينهم 5 أطفال السبت 10 كانون الأول 2016، وأصيب 30 آخرون."
    scan.cache_clear()
    alone = find_counts(text)
    scan.cache_clear()
    find_dates(text, dt.date(2016, 12, 12))
    assert find_counts(text) == alone
    assert [(c.type, c.number) for c in alone] == [("KILL", 12), ("KILL", 5), ("WOUND", 30)]
