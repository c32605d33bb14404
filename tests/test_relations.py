"""Relations stated in a sentence, one written sentence per pattern of kg.relations."""

import datetime as dt

import pytest

from kg.model import Article


def _relations(extractor, text):
    a = extractor.extract(Article(id="t", text=text, published=dt.date(2018, 6, 9)))
    label = {e.id: e.label_en or e.label_ar for e in a.entities}
    return {(label[r.subject], r.predicate, label[r.object]) for r in a.relations}


@pytest.mark.parametrize("sentence, relation", [
    # a title with a nationality adjective, the title inside the person's mention
    ("وحذر الرئيس السوري بشار الأسد من التدخل في سوريا.", ("Bashar al-Assad", "LEADER_OF", "Syria")),
    ("وقال وزير الخارجية السوري وليد المعلم إن سوريا مستعدة للحوار.", ("Walid Muallem", "MEMBER_OF", "Syria")),
    # a title that ends an organisation's name
    ("وتقدمت قوات نظام الرئيس السوري بشار الأسد نحو حلب.", ("Bashar al-Assad", "LEADER_OF", "Syrian government")),
    ("وقال المتحدث باسم المرصد السوري لحقوق الإنسان رامي عبد الرحمن إن القصف مستمر.",
     ("Rami Abdel Rahman", "SPOKESPERSON_OF", "Syrian Observatory for Human Rights")),
    ("وتقاتل قوات سوريا الديمقراطية المدعومة من الولايات المتحدة في دير الزور.",
     ("United States", "SUPPORTS", "Syrian Democratic Forces")),
    ("وتحاصر قوات التحالف الدولي بقيادة الولايات المتحدة مدينة الرقة.",
     ("United States", "LEADER_OF", "Combined Joint Task Force – Operation Inherent Resolve")),
    ("وتقع مدينة منبج في ريف حلب الشمالي.", ("Manbij", "LOCATED_IN", "Aleppo Governorate")),
    # control: the noun, the verb, and a relative clause on the place
    ("وجاء ذلك بعد سيطرة تنظيم داعش على مدينة تدمر.", ("Islamic State", "CONTROLS", "Palmyra")),
    ("وسيطرت قوات سوريا الديمقراطية على مدينة الرقة.", ("Syrian Democratic Forces", "CONTROLS", "Raqqa")),
    ("وتعرضت مدينة إدلب التي يسيطر عليها تنظيم داعش لقصف.", ("Islamic State", "CONTROLS", "Idlib")),
    # a nationality adjective or adverb as the supporter or the leader, where the country is named
    ("وتقاتل قوات سوريا الديمقراطية المدعومة أميركيا في سوريا، وتنفي الولايات المتحدة ذلك.",
     ("United States", "SUPPORTS", "Syrian Democratic Forces")),
    ("وتندد تركيا بالدعم الأمريكي لوحدات حماية الشعب وتطالب الولايات المتحدة بوقفه.",
     ("United States", "SUPPORTS", "People's Protection Units")),
    ("وتقصف قوات التحالف الدولي بقيادة أمريكية مواقع التنظيم، وتقول الولايات المتحدة إنها ستواصل.",
     ("United States", "LEADER_OF", "Combined Joint Task Force – Operation Inherent Resolve")),
])
def test_a_stated_relation(extractor, sentence, relation):
    assert relation in _relations(extractor, sentence)


def test_no_relation_without_a_cue(extractor):
    assert _relations(extractor, "وقصفت روسيا مواقع تنظيم داعش في سوريا.") == set()
