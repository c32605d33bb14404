"""kg.dates: absolute and relative dates resolved against a fixed publication date.

The publication date is Wednesday 15 March 2017 unless a test says otherwise.
Every sentence here is written for these tests, not taken from the corpus.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.dates import DateMention, find_dates, hijri_to_gregorian

PUB = dt.date(2017, 3, 15)  # a Wednesday


def dates(text: str, published: dt.date | None = PUB) -> list[tuple[str, str]]:
    """Return (mention text, value) pairs."""
    return [(m.text, m.value) for m in find_dates(text, published)]


def one(text: str, published: dt.date | None = PUB) -> DateMention:
    found = find_dates(text, published)
    assert len(found) == 1, found
    return found[0]


def test_publication_day_is_a_wednesday():
    assert PUB.weekday() == 2


# ---------------------------------------------------------------- weekdays

@pytest.mark.parametrize("text, wanted, value", [
    ("شنت الطائرات غارات السبت على البلدة", "السبت", "2017-03-11"),
    ("أعلن الجيش الأربعاء السيطرة على التلة", "الأربعاء", "2017-03-15"),  # the day itself counts
    ("قال المتحدث يوم الخميس إن المفاوضات ستستأنف", "يوم الخميس", "2017-03-09"),
    ("اجتمع الوزراء يوم خميس عاصف", "يوم خميس", "2017-03-09"),
    ("وصل الوفد الإثنين إلى العاصمة", "الإثنين", "2017-03-13"),
    ("تظاهر الآلاف بعد صلاة الجمعة", "الجمعة", "2017-03-10"),
    ("وقعت الانفجارات صباح الثلاثاء", "صباح الثلاثاء", "2017-03-14"),
    ("عقدت الجلسة بعد ظهر الأحد", "بعد ظهر الأحد", "2017-03-12"),
    ("انتهت المهلة مساء يوم الجمعة", "مساء يوم الجمعة", "2017-03-10"),
    ("والسبت قصفت المدفعية الحي", "السبت", "2017-03-11"),
    ("هاجم المسلحون الحاجز الأحد الماضي", "الأحد الماضي", "2017-03-12"),
    ("أعلنت الحكومة الأربعاء الماضي حالة الطوارئ", "الأربعاء الماضي", "2017-03-08"),
    ("تعقد القمة يوم الجمعة المقبل", "يوم الجمعة المقبل", "2017-03-17"),
    ("تبدأ الانتخابات الأربعاء المقبل", "الأربعاء المقبل", "2017-03-22"),
])
def test_weekdays(text, wanted, value):
    m = one(text)
    assert (m.text, m.value, m.precision, m.relative) == (wanted, value, "day", True)


@pytest.mark.parametrize("text, wanted", [
    ("استهدفت غارات ليل الخميس-الجمعة مواقع للتنظيم", "ليل الخميس-الجمعة"),
    ("استهدفت غارات ليل الخميس - الجمعة مواقع للتنظيم", "ليل الخميس - الجمعة"),
    ("استهدفت غارات ليل الخميس الجمعة مواقع للتنظيم", "ليل الخميس الجمعة"),
    ("دوت انفجارات ليلة الخميس إلى الجمعة في المدينة", "ليلة الخميس إلى الجمعة"),
])
def test_night_spanning_two_days_is_the_first_night(text, wanted):
    m = one(text)
    assert (m.text, m.value) == (wanted, "2017-03-09")


def test_weekday_beside_a_written_date_takes_the_written_date():
    assert dates("وقع الهجوم الأحد 5 فبراير") == [("الأحد 5 فبراير", "2017-02-05")]
    assert dates("صدر البيان السبت، 4 آذار 2017") == [("السبت، 4 آذار 2017", "2017-03-04")]


@pytest.mark.parametrize("text", [
    "فاز الفريق بالمباراة الأحد عشر مرة",  # الأحد عشر: the eleven
    "التقى الاثنين معا في جنيف",  # the two of them
    "قال أحد الشهود إن الانفجار كان قويا",  # أحد: someone
])
def test_weekday_lookalikes(text):
    assert dates(text) == []


# ---------------------------------------------------------------- relative days

@pytest.mark.parametrize("text, wanted, value", [
    ("وصل المبعوث اليوم إلى دمشق", "اليوم", "2017-03-15"),
    ("قصفت المدفعية صباح اليوم الأحياء الشرقية", "صباح اليوم", "2017-03-15"),
    ("تصل القافلة مساء اليوم", "مساء اليوم", "2017-03-15"),
    ("سمعت انفجارات ليل اليوم", "ليل اليوم", "2017-03-15"),
    ("أعلن المتحدث اليوم الأربعاء وقف إطلاق النار", "اليوم الأربعاء", "2017-03-15"),
    ("يصادف هذا اليوم ذكرى الاستقلال", "هذا اليوم", "2017-03-15"),
    ("التقى الوزير أمس نظيره التركي", "أمس", "2017-03-14"),
    ("أكد امس أن المحادثات فشلت", "امس", "2017-03-14"),
    ("وقع الانفجار بالأمس قرب السوق", "الأمس", "2017-03-14"),
    ("اندلعت الاشتباكات مساء أمس", "مساء أمس", "2017-03-14"),
    ("أفاد المرصد أمس الثلاثاء بمقتل جنود", "أمس الثلاثاء", "2017-03-14"),
    ("بدأ القصف أول من أمس", "أول من أمس", "2017-03-13"),
    ("بدأ القصف أول أمس", "أول أمس", "2017-03-13"),
    ("بدأ القصف أمس الأول", "أمس الأول", "2017-03-13"),
    ("شنت المقاومة مساء أول من أمس الاثنين هجوما", "مساء أول من أمس الاثنين", "2017-03-13"),
    ("يصل الرئيس غدا.", "غدا", "2017-03-16"),
    ("تستأنف المحادثات بعد غد في جنيف", "بعد غد", "2017-03-17"),
])
def test_relative_days(text, wanted, value):
    m = one(text)
    assert (m.text, m.value, m.precision, m.relative) == (wanted, value, "day", True)


@pytest.mark.parametrize("text", [
    "وفي اليوم التالي انسحبت القوات",
    "احتفلت البلاد باليوم الوطني",
    "بدأ اليوم الثالث من المعارك",
    "السكان في أمس الحاجة إلى الغذاء",
    "وفي ذلك اليوم سقطت المدينة",
    "غدا الوضع أكثر تعقيدا من ذي قبل",  # غدا: "became"
])
def test_day_words_that_are_no_dates(text):
    assert dates(text) == []


@pytest.mark.parametrize("text, wanted, value, precision", [
    ("قتل 5 أشخاص قبل يومين في القرية", "قبل يومين", "2017-03-13", "day"),
    ("اختفى قبل ثلاثة أيام", "قبل ثلاثة أيام", "2017-03-12", "day"),
    ("أعلن ذلك قبل أيام", "قبل أيام", "2017-03", "month"),
    ("وصل قبل بضعة أيام", "قبل بضعة أيام", "2017-03", "month"),
    ("بدأت العملية قبل نحو أسبوعين", "قبل نحو أسبوعين", "2017-03", "month"),
    ("سقطت البلدة قبل شهرين", "قبل شهرين", "2017-01", "month"),
    ("غادر البلاد قبل عامين", "قبل عامين", "2015", "year"),
    ("تأسست الحركة قبل ثلاث سنوات", "قبل ثلاث سنوات", "2014", "year"),
    ("شهدت المدينة معارك خلال الأيام الماضية", "الأيام الماضية", "2017-03", "month"),
    ("نفذ المسلحون هجمات خلال الخمسة أيام الماضية", "الخمسة أيام الماضية", "2017-03", "month"),
    ("قصفت الطائرات القرى خلال العشرين يوما الماضية", None, None, None),  # يوما: a count of days, not this form
    ("جاء الاتفاق بعد نحو ثلاثة أسابيع من بدء المعارك", "بعد نحو ثلاثة أسابيع", "2017-02", "month"),
    ("عاد الهدوء بعد يومين من الاشتباكات", "بعد يومين", "2017-03", "month"),
])
def test_ago(text, wanted, value, precision):
    if wanted is None:
        assert dates(text) == []
        return
    m = one(text)
    assert (m.text, m.value, m.precision) == (wanted, value, precision)


def test_after_a_span_dates_only_what_follows_it():
    # "بعد أسبوعين" without من counts from nothing the text gives; with من it dates the
    # event after it, and only that one (DateMention.forward).
    assert dates("سيعود الوفد بعد أسبوعين") == []
    assert one("بعد أسبوعين من القصف").forward
    assert not one("قبل أسبوعين").forward


def test_ago_counted_from_something_else_is_skipped():
    assert dates("وقع الهجوم قبل عام من الانتخابات") == []
    assert dates("بقي في السجن منذ عام 2011") == [("عام 2011", "2011")]


def test_since_a_year_is_a_year_whatever_follows():
    # After منذ no amount is counted: "منذ 2006 لفرض" is the year, not 2,006 of something.
    assert dates("القرارات التي صدرت منذ 2006 لفرض عقوبات على البلاد") == [("2006", "2006")]


# ---------------------------------------------------------------- weeks, months and years

@pytest.mark.parametrize("text, wanted, value, precision", [
    ("أجرى الوفد محادثات الأسبوع الماضي", "الأسبوع الماضي", "2017-03", "month"),
    ("يلتقي الطرفان هذا الأسبوع", "هذا الأسبوع", "2017-03", "month"),
    ("انسحبت القوات الشهر الماضي", "الشهر الماضي", "2017-02", "month"),
    ("تنتهي المهلة هذا الشهر", "هذا الشهر", "2017-03", "month"),
    ("ارتفعت الأسعار منذ مطلع الشهر الجاري", "مطلع الشهر الجاري", "2017-03", "month"),
    ("تعقد الجولة منتصف الشهر", "منتصف الشهر", "2017-03", "month"),
    ("تنتهي الولاية نهاية الشهر المقبل", "نهاية الشهر المقبل", "2017-04", "month"),
    ("بدأت الحملة منتصف شهر نوفمبر", "منتصف شهر نوفمبر", "2016-11", "month"),
    ("تراجع الإنتاج العام الماضي", "العام الماضي", "2016", "year"),
    ("ارتفع الإنتاج العام الفائت", "العام الفائت", "2016", "year"),
    ("تجرى الانتخابات العام الجاري", "العام الجاري", "2017", "year"),
    ("تعثرت المفاوضات هذا العام", "هذا العام", "2017", "year"),
    ("انخفض العجز السنة الماضية", "السنة الماضية", "2016", "year"),
    ("تنتهي الخطة العام المقبل", "العام المقبل", "2018", "year"),
])
def test_periods(text, wanted, value, precision):
    m = one(text)
    assert (m.text, m.value, m.precision, m.relative) == (wanted, value, precision, True)


def test_last_week_at_the_start_of_a_month_is_the_previous_month():
    assert dates("وقعت الاشتباكات الأسبوع الماضي", dt.date(2017, 3, 3)) == [("الأسبوع الماضي", "2017-02")]


@pytest.mark.parametrize("text", [
    "قال الأمين العام للأمم المتحدة إن أهل السنة قلقون",
    "انتقد الأمين العام الحالي للحلف القرار",
    "صرح المراقب العام السابق للجماعة بأن الوضع هادئ",
    "أعلن الاتحاد العام المقبل للشغل الإضراب",
])
def test_general_and_sunni_are_not_years(text):
    assert dates(text) == []


def test_weekday_with_a_dual_past():
    assert dates("زار الموفدون الاثنين والثلاثاء الماضيين بيروت")[-1] == ("الثلاثاء الماضيين", "2017-03-14")


# ---------------------------------------------------------------- absolute dates

@pytest.mark.parametrize("text, wanted, value", [
    ("بدأت الحملة في الخامس من نوفمبر", "الخامس من نوفمبر", "2016-11-05"),
    ("بدأت الحملة في 5 نوفمبر", "5 نوفمبر", "2016-11-05"),
    ("بدأت الحملة في 5 تشرين الثاني", "5 تشرين الثاني", "2016-11-05"),
    ("انطلقت المعركة في الخامس عشر من يناير", "الخامس عشر من يناير", "2017-01-15"),
    ("انطلقت المعركة في الحادي والثلاثين من ديسمبر", "الحادي والثلاثين من ديسمبر", "2016-12-31"),
    ("انطلقت المعركة في العشرين من فبراير", "العشرين من فبراير", "2017-02-20"),
    ("وفي الثاني من مارس أعلنت الهدنة", "الثاني من مارس", "2017-03-02"),
    ("سيزور الوفد البلاد في 20 مارس", "20 مارس", "2017-03-20"),  # the month rule keeps March 2017
    ("جرت الانتخابات في 12 من الشهر الماضي", "12 من الشهر الماضي", "2017-02-12"),
    ("يبدأ الحظر في الأول من الشهر المقبل", "الأول من الشهر المقبل", "2017-04-01"),
])
def test_day_and_month(text, wanted, value):
    m = one(text)
    assert (m.text, m.value, m.precision, m.relative) == (wanted, value, "day", True)


@pytest.mark.parametrize("text, wanted, value", [
    ("في الخامس من تشرين الثاني (نوفمبر) 2016 بدأت الحملة", "الخامس من تشرين الثاني (نوفمبر) 2016",
     "2016-11-05"),
    ("وقعت الاتفاقية في 3 كانون الثاني (يناير) 2015", "3 كانون الثاني (يناير) 2015", "2015-01-03"),
    ("تأسس الحزب في 7 أبريل 1947", "7 أبريل 1947", "1947-04-07"),
    ("عقد المؤتمر في 9 أيار 2010م", "9 أيار 2010م", "2010-05-09"),
])
def test_full_dates(text, wanted, value):
    m = one(text)
    assert (m.text, m.value, m.precision, m.relative) == (wanted, value, "day", False)


@pytest.mark.parametrize("text, wanted, value, relative", [
    ("سيطر التنظيم على المدينة في أكتوبر", "أكتوبر", "2016-10", True),
    ("تراجعت الهجمات في مارس", "مارس", "2017-03", True),
    ("أعلنت الحكومة الخطة في مارس الماضي", "مارس الماضي", "2016-03", True),
    ("تعقد القمة في أكتوبر المقبل", "أكتوبر المقبل", "2017-10", True),
    ("بدأت الغارات في أواخر آذار الماضي", "أواخر آذار الماضي", "2016-03", True),
    ("تسلم منصبه في كانون الثاني (يناير)", "كانون الثاني (يناير)", "2017-01", True),
    ("ينفذ سلاح الجو ضربات منذ شباط/فبراير", "شباط/فبراير", "2017-02", True),
    ("سقطت المدينة في ديسمبر/ كانون الأول من عام 2016", "ديسمبر/ كانون الأول من عام 2016", "2016-12", False),
    ("بلغ النفط أعلى مستوياته منذ نوفمبر، 2014", "نوفمبر، 2014", "2014-11", False),
    ("تراجعت الصادرات في سبتمبر من العام الماضي", "سبتمبر من العام الماضي", "2016-09", True),
    ("تجرى الانتخابات في مايو من العام الجاري", "مايو من العام الجاري", "2017-05", True),
    ("تجمد الحساب في شهر ماي", "شهر ماي", "2016-05", True),
])
def test_months(text, wanted, value, relative):
    m = one(text)
    assert (m.text, m.value, m.precision, m.relative) == (wanted, value, "month", relative)


_MONTHS = [
    ("يناير", 1), ("جانفي", 1), ("كانون الثاني", 1), ("فبراير", 2), ("فيفري", 2), ("شباط", 2),
    ("مارس", 3), ("آذار", 3), ("أبريل", 4), ("ابريل", 4), ("أفريل", 4), ("نيسان", 4), ("مايو", 5),
    ("ماي", 5), ("أيار", 5), ("يونيو", 6), ("يونيه", 6), ("جوان", 6), ("حزيران", 6), ("يوليو", 7),
    ("يوليه", 7), ("جويلية", 7), ("تموز", 7), ("أغسطس", 8), ("اغسطس", 8), ("أوت", 8), ("آب", 8),
    ("سبتمبر", 9), ("أيلول", 9), ("أكتوبر", 10), ("اكتوبر", 10), ("تشرين الأول", 10),
    ("نوفمبر", 11), ("نونبر", 11), ("تشرين الثاني", 11), ("ديسمبر", 12), ("دجنبر", 12),
    ("كانون الأول", 12),
]


@pytest.mark.parametrize("name, month", _MONTHS)
def test_every_month_name(name, month):
    m = one(f"وقع الحادث في 9 {name} 2015 قرب الحدود")
    assert (m.text, m.value) == (f"9 {name} 2015", f"2015-{month:02d}-09")


@pytest.mark.parametrize("text", [
    "مارس الجيش ضغوطا على المسلحين",  # مارس: "exercised"
    "قالت ماي إن الحكومة باقية",  # Theresa May
    "انتهت المباراة بنتيجة 1 - صفر",  # صفر: zero
    "قال رمضان إن الوضع صعب",  # a given name
    "خرجت تظاهرات في ذكرى ثورة 25 يناير",  # the name of a revolution
])
def test_month_lookalikes(text):
    assert dates(text) == []


@pytest.mark.parametrize("text, wanted, value, precision", [
    ("يبدأ التطبيق في الخامس من الشهر الجاري", "الخامس من الشهر الجاري", "2017-03-05", "day"),
    ("يبدأ التطبيق في العاشر من هذا الشهر", "العاشر من هذا الشهر", "2017-03-10", "day"),
    ("تنتهي المهلة في مارس الجاري", "مارس الجاري", "2017-03", "month"),
    ("تعقد القمة في نوفمبر من العام المقبل", "نوفمبر من العام المقبل", "2018-11", "month"),
    ("أعلن يوم الثلاثاء الموافق 7 مارس 2017 إضرابا", "يوم الثلاثاء الموافق 7 مارس 2017", "2017-03-07", "day"),
    ("تبدأ الرحلة صباح الغد", "صباح الغد", "2017-03-16", "day"),
    ("شهدت الأيام القليلة الماضية هدوءا", "الأيام القليلة الماضية", "2017-03", "month"),
    ("وقع الاتفاق قبل أيام قليلة", "قبل أيام قليلة", "2017-03", "month"),
    ("ارتفعت الأسعار مطلع 2015", "مطلع 2015", "2015", "year"),
    ("ولد عام 1943 م", "عام 1943 م", "1943", "year"),
])
def test_more_relative_and_absolute_forms(text, wanted, value, precision):
    m = one(text)
    assert (m.text, m.value, m.precision) == (wanted, value, precision)


@pytest.mark.parametrize("text", [
    "أجل الاجتماع إلى 31 فبراير",  # no such day
    "صدر القرار في 31 شعبان",  # Hijri months have 29 or 30 days
    "انتهت المباراة 1 - 0 لصالح الضيوف",
    "طالت المهلة قبل 200 يوم",
])
def test_impossible_or_unreadable_dates(text):
    assert dates(text) == []


@pytest.mark.parametrize("text, wanted, value", [
    ("ارتفع السعر في 14 فبراير شباط الماضي", "14 فبراير شباط الماضي", "2017-02-14"),
    ("يعقد المؤتمر في 2 أبريل نيسان المقبل", "2 أبريل نيسان المقبل", "2017-04-02"),
    ("ولد في 11 ديسمبر كانون الأول عام 1951", "11 ديسمبر كانون الأول عام 1951", "1951-12-11"),
])
def test_month_pairs_without_marks(text, wanted, value):
    m = one(text)
    assert (m.text, m.value) == (wanted, value)


@pytest.mark.parametrize("text", [
    "افتتح المصنع في مدينة 6 أكتوبر",
    "احتفلت مصر بذكرى حرب 6 أكتوبر",
    "سقطت المدينة في 14 أغسطس 1237 م",  # a year before those read is no reason to guess one
    "يصوم الناس في اليوم التاسع من الشهر القمري",
])
def test_names_and_other_calendars_are_not_resolved(text):
    assert dates(text) == []


def test_impossible_day_of_a_relative_month_keeps_the_month():
    # February 2017 had 28 days: the day is dropped, the month the text names is kept
    assert dates("جرت الجولة في 30 من الشهر الماضي") == [("الشهر الماضي", "2017-02")]


def test_hijri_month_and_year_inside_one_gregorian_month_or_year():
    # Safar 1438 ran from 2 to 30 November 2016 (tabular); 1429 AH fell within 2008
    assert dates("صدر الأمر في صفر 1438") == [("صفر 1438", "2016-11")]
    assert dates("طبع الكتاب سنة 1429 هـ") == [("سنة 1429 هـ", "2008")]
    assert dates("طبع الكتاب سنة 1437 هـ") == []  # 1437 AH spans 2015 and 2016


# ---------------------------------------------------------------- years

@pytest.mark.parametrize("text, wanted, value", [
    ("انقسمت المدينة منذ العام 2012", "العام 2012", "2012"),
    ("اندلع النزاع عام 2011", "عام 2011", "2011"),
    ("تسيطر الفصائل على البلدة منذ 2013", "2013", "2013"),
    ("حوصرت المنطقة منذ نهاية عام 2016", "نهاية عام 2016", "2016"),
    ("زار الوزير العاصمة في ٢٠١٥ وعاد", "٢٠١٥", "2015"),
])
def test_years(text, wanted, value):
    m = one(text)
    assert (m.text, m.value, m.precision, m.relative) == (wanted, value, "year", False)


def test_two_years():
    assert dates("شغل المنصب بين عامي 1999 و2004") == [("عامي 1999", "1999"), ("2004", "2004")]


@pytest.mark.parametrize("text", [
    "فر 2000 مدني من الأحياء الشرقية",
    "تبنى المجلس القرار 2254 بالإجماع",
    "يبعد الموقع 1950 مترا عن الحدود",
])
def test_numbers_that_are_no_years(text):
    assert dates(text) == []


# ---------------------------------------------------------------- numeric dates

@pytest.mark.parametrize("text, wanted, value", [
    ("صدر المرسوم بتاريخ 10/12/2016", "10/12/2016", "2016-12-10"),
    ("صدر المرسوم بتاريخ 2016-12-10", "2016-12-10", "2016-12-10"),
    ("صدر المرسوم بتاريخ 10-12-2016", "10-12-2016", "2016-12-10"),
    ("صدر المرسوم بتاريخ 10.12.2016", "10.12.2016", "2016-12-10"),
    ("صدر المرسوم بتاريخ ٣١/١٢/٢٠١٦", "٣١/١٢/٢٠١٦", "2016-12-31"),
    ("صدر المرسوم بتاريخ 2016/12/10", "2016/12/10", "2016-12-10"),
    ("صدر المرسوم بتاريخ 12/31/2016", "12/31/2016", "2016-12-31"),  # only month/day is valid
])
def test_numeric(text, wanted, value):
    m = one(text)
    assert (m.text, m.value, m.precision, m.relative) == (wanted, value, "day", False)


def test_numeric_day_and_month_need_a_date_context():
    assert dates("تراجعت الهجمات منذ يوم 24/ 2") == [("24/ 2", "2017-02-24")]
    assert dates("خدمة متوفرة 24/7 للجميع") == []
    assert dates("صدر المرسوم بتاريخ 32/13/2016") == []


# ---------------------------------------------------------------- Hijri

def test_tabular_hijri_conversion():
    assert hijri_to_gregorian(1, 1, 1) == dt.date(622, 7, 19)  # 16 July 622 (Julian)
    assert hijri_to_gregorian(1445, 9, 1) == dt.date(2024, 3, 11)
    assert hijri_to_gregorian(1438, 1, 1) == dt.date(2016, 10, 3)


@pytest.mark.parametrize("text, wanted, value, relative", [
    ("أعلن القرار في 10 رمضان 1437 هـ", "10 رمضان 1437 هـ", "2016-06-16", False),
    ("أعلن القرار في الأول من رمضان ١٤٣٧هـ", "الأول من رمضان ١٤٣٧هـ", "2016-06-07", False),
    ("وقع الحادث في 5 ذو الحجة 1437", "5 ذو الحجة 1437", "2016-09-08", False),
    ("وقع الحادث في 3 ربيع الأول 1438 هـ", "3 ربيع الأول 1438 هـ", "2016-12-03", False),
    ("يبدأ الموسم في 15 جمادى الآخرة", "15 جمادى الآخرة", "2017-03-14", True),
    ("انتهت المهلة في 20 شعبان", "20 شعبان", "2016-05-28", True),
])
def test_hijri(text, wanted, value, relative):
    m = one(text)
    assert (m.text, m.value, m.precision, m.relative) == (wanted, value, "day", relative)


@pytest.mark.parametrize("name, month", [
    ("محرم", 1), ("صفر", 2), ("ربيع الأول", 3), ("ربيع الآخر", 4), ("ربيع الثاني", 4),
    ("جمادى الأولى", 5), ("جمادى الآخرة", 6), ("جمادى الثانية", 6), ("رجب", 7), ("شعبان", 8),
    ("رمضان", 9), ("شوال", 10), ("ذو القعدة", 11), ("ذي القعدة", 11), ("ذو الحجة", 12), ("ذي الحجة", 12),
])
def test_every_hijri_month(name, month):
    m = one(f"صدر الأمر في 2 {name} 1436 هـ")
    assert m.value == hijri_to_gregorian(1436, month, 2).isoformat()


def test_hijri_month_within_one_gregorian_month_or_year():
    # Ramadan 1437 runs from 7 June to 6 July 2016 (tabular): one Gregorian year
    assert dates("صدر الكتاب في رمضان 1437") == [("رمضان 1437", "2016")]


# ---------------------------------------------------------------- publication date unknown

def test_without_a_publication_date_only_absolute_dates_remain():
    text = "قتل جندي السبت وأصيب آخرون أمس، بعد هجوم مماثل في 5 نوفمبر 2016 والعام الماضي"
    found = find_dates(text, None)
    assert [(m.text, m.value, m.relative) for m in found] == [("5 نوفمبر 2016", "2016-11-05", False)]


# ---------------------------------------------------------------- several in one text

def test_several_dates_in_order_and_longest_wins():
    text = "وصل الوفد الأحد الماضي، وفي الخامس من تشرين الثاني (نوفمبر) 2016 وقع الاتفاق، ومنذ العام 2012 تغير الكثير"
    assert dates(text) == [
        ("الأحد الماضي", "2017-03-12"),
        ("الخامس من تشرين الثاني (نوفمبر) 2016", "2016-11-05"),
        ("العام 2012", "2012"),
    ]


def test_diacritics_and_marks_keep_offsets():
    text = "وَصَلَ الوَفْدُ أَمْسِ الثُّلاثاءَ\u200f إلى الـعاصمة"
    m = one(text)
    assert m.value == "2017-03-14"
    assert text[m.start:m.end] == m.text and m.text.startswith("أَمْسِ")


# ---------------------------------------------------------------- properties

_ALPHABET = st.sampled_from(
    list("ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإؤئىة") + list("٠١٢٣٤٥٦٧٨٩0123456789")
    + ["\u064e", "\u0650", "\u0651", "\u0652", "\u0640", "\u200f", "\u200d", "\u00a0", " ", " ", "\n",
       "،", ".", ",", "/", "-", "(", ")", "a", "Q"])
_WORDS = st.sampled_from([
    "السبت", "الجمعة", "الأحد", "يوم", "أمس", "أول", "من", "اليوم", "صباح", "مساء", "ليل", "الخميس",
    "-", "غدا", "الماضي", "المقبل", "الشهر", "العام", "الأسبوع", "هذا", "قبل", "عامين", "أيام",
    "الخامس", "عشر", "نوفمبر", "تشرين", "الثاني", "(نوفمبر)", "2016", "١٤٣٧هـ", "رمضان", "10/12/2016",
    "24/", "7", "منتصف", "شهر", "عامي", "و2006", "31", "ذو", "الحجة", "الأيام", "الماضية"])
_TEXTS = st.one_of(
    st.text(_ALPHABET, max_size=60),
    st.lists(st.one_of(_WORDS, st.text(_ALPHABET, max_size=3)), max_size=14).map(" ".join),
)
_DAYS = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31))


@settings(max_examples=150, deadline=None)
@given(_TEXTS, st.one_of(st.none(), _DAYS))
def test_never_raises_and_offsets_slice_the_source(text, published):
    found = find_dates(text, published)
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.precision in ("day", "month", "year")
        assert len(m.value) == {"day": 10, "month": 7, "year": 4}[m.precision]
        if published is None:
            assert not m.relative
    ends = [(m.start, m.end) for m in found]
    assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:])), "mentions overlap"
    assert find_dates(text, published) == found


def test_a_week_ago_is_that_day_and_two_weeks_ago_that_month():
    import datetime as dt
    from kg.dates import find_dates
    published = dt.date(2018, 6, 10)
    [week] = find_dates("وأكد الوزير قبل أسبوع أن الاتصالات قائمة.", published)
    assert (week.value, week.precision) == ("2018-06-03", "day")
    [two] = find_dates("وأكد الوزير قبل أسبوعين أن الاتصالات قائمة.", published)
    assert (two.value, two.precision) == ("2018-05", "month")
