"""What issue 2 asks to come out of the seed article, and no network at import time."""

import datetime as dt
import subprocess
import sys

import pytest

from kg.extract import analysis_json
from kg.graph import quads
from kg.model import Article

from conftest import ROOT

SEED_ENTITIES = {
    "Syrian Democratic Forces", "People's Protection Units", "Syrian government", "Russia",
    "United Nations General Assembly", "Aleppo", "Raqqa", "Paris",
}


def test_seed_entities(seed_analysis):
    labels = {e.label_en for e in seed_analysis.entities}
    assert SEED_ENTITIES <= labels
    assert any(e.type == "PER" and "حجاب" in e.label_ar for e in seed_analysis.entities)  # Riyad Hijab


def _entity(analysis, label):
    return next(e.id for e in analysis.entities if e.label_en == label)


def test_seed_events_with_actors_and_places(seed_analysis):
    a = seed_analysis
    aleppo, raqqa, paris = (_entity(a, n) for n in ("Aleppo", "Raqqa", "Paris"))
    sdf, isis, unga = (_entity(a, n) for n in ("Syrian Democratic Forces", "Islamic State",
                                               "United Nations General Assembly"))
    events = a.events
    # the air strikes on Aleppo
    assert any(e.type == "ASSAULT" and e.mode == "aerial" and aleppo in e.places for e in events)
    # the SDF operation against ISIS in Raqqa
    assert any(e.type == "MOBILIZE" and sdf in e.actors and raqqa in e.places for e in events)
    assert any(isis in e.targets or isis in e.actors for e in events if e.type == "MOBILIZE") or \
        any(r.predicate for r in a.relations)  # ISIS is named in the operation sentence
    # the UN General Assembly resolution
    assert any(e.type == "REQUEST" and unga in e.actors and e.date == "2016-12-09" for e in events)
    # the Paris meeting
    assert any(e.type == "CONSULT" and paris in e.places for e in events)


def test_analysis_json_offsets_slice_to_the_text(seed_analysis, seed_article):
    data = analysis_json(seed_analysis)
    text = seed_article.text
    for entity in data["entities"]:
        for m in entity["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    for key in ("events", "counts", "relations"):
        for item in data[key]:
            assert text[item["start"]:item["end"]] == item["text"]


def test_extraction_imports_no_camel_module_that_downloads():
    code = ("import sys, datetime; from kg.extract import Extractor; from kg.model import Article; "
            "Extractor().extract(Article(id='x', text='قصفت طائرات روسية مدينة حلب أمس.', "
            "published=datetime.date(2020, 1, 1))); "
            "bad = [m for m in sys.modules if m.startswith(('camel_tools.morphology', 'camel_tools.ner', "
            "'camel_tools.disambig', 'camel_tools.data', 'torch', 'transformers'))]; print(bad)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("sentence, bound", [
    ("وهذه الغارات هي الأشد على المدينة منذ أن وقعت الأطراف الهدنة العام الماضي", True),
    ("وهو الهجوم الأكبر منذ عام 2015", True),
    ("وتحاصر القوات منطقة هجين منذ نهاية عام 2017", False),
    ("بدأت الحملة في الخامس من نوفمبر", False),
])
def test_a_comparison_bound_does_not_date_the_event(sentence, bound):
    from kg.extract import _comparison_bound
    from kg.dates import find_dates
    import datetime as dt
    [date] = find_dates(sentence, dt.date(2018, 8, 10))
    assert _comparison_bound(sentence, date.start) is bound


from hypothesis import HealthCheck, given, settings, strategies as st

_PIECES = st.sampled_from([
    "قصفت", "القوات الروسية", "مدينة حلب", "وبحلب", "للرقة", "المرصد السوري لحقوق الإنسان", "أمس", "السبت",
    "قتل 12 مدنيا", "٤٥ طفلا", "حي الكلاسة", "رامي عبد الرحمن", "وقال", "لن", "سيبحث", "في", "على", "ضد",
    "الخامس من نوفمبر", "\u0640", "\u064e", "\u200f", "\u200d", "\u00a0", "، ", ". ", "\n", "«", "»", "ABC", "2016",
])
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=40).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_TEXT)
def test_any_text_extracts_with_offsets_that_slice_and_the_same_output_twice(extractor, text):
    import datetime as dt
    from kg.model import Article
    article = Article(id="p", text=text, published=dt.date(2016, 12, 10))
    first = analysis_json(extractor.extract(article))
    assert analysis_json(extractor.extract(article)) == first
    for entity in first["entities"]:
        for m in entity["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    for key in ("events", "counts", "relations"):
        for item in first[key]:
            assert text[item["start"]:item["end"]] == item["text"]


def test_a_name_no_lexicon_knows_gets_a_romanised_english_label(extractor):
    analysis = extractor.extract(Article(id="t", text="وقال سمير التقي إن القصف مستمر.", published=dt.date(2018, 6, 1)))
    [person] = [e for e in analysis.entities if e.type == "PER"]
    assert (person.label_en, person.label_romanised) == ("Samir al-Taqi", True)
    labels = {q.object for q in quads(analysis) if q.predicate.value.endswith("#label")}
    assert any(label.value == "Samir al-Taqi" and label.language == "ar-latn" for label in labels)


def test_a_date_is_no_place(extractor):
    # ليل الخميس is Thursday night; ليل alone is also the Arabic name of Lille.
    analysis = extractor.extract(Article(id="t", text="قصفت الطائرات مدينة إدلب ليل الخميس.", published=dt.date(2018, 6, 9)))
    assert [e.label_en for e in analysis.entities] == ["Idlib"]
