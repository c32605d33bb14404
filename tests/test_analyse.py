import re

import pytest
from hypothesis import given, strategies as st

from kg import analyse
from kg.analyse import camel_key, key, sentences, stems, tokens
from kg.model import Token

from conftest import SHARED


@pytest.mark.parametrize("word, expected", [
    ("وبحلب", "حلب"), ("للرقة", "الرقه"), ("والمعارضة", "المعارضه"), ("بسورية", "سوريه"),
    ("فالجيش", "الجيش"), ("وللأمم", "الامم"), ("كالعادة", "العاده"),
])
def test_clitics_reach_the_stem(word, expected):
    assert expected in stems(key(word))


@pytest.mark.parametrize("a, b", [
    ("سورية", "سوريه"), ("الأمم", "الامم"), ("إدلب", "ادلب"), ("مستشفى", "مستشفي"),
    ("حَلَب", "حلب"), ("حلـــب", "حلب"), ("\u200fحلب\u200e", "حلب"), ("٢٠١٦", "2016"), ("۲۰۱۶", "2016"),
    ("الرقة\u00a0السورية", "الرقه السوريه"),
])
def test_spelling_variants_share_a_key(a, b):
    assert key(a) == key(b)


@pytest.mark.parametrize("word", ["الديموقراطية", "أُمِّيَّة", "مئـات", "إلى", "ﻻ", "ABC", "مُؤْتَمَر", "رئيس"])
def test_key_agrees_with_camel_tools_normalisers(word):
    assert key(word) == camel_key(word)


def test_tokens_keep_offsets_into_untouched_text():
    text = "قال المرصد: «قُتل 12 مدنياً»، وفق فرانس\u00a0برس."
    toks = tokens(text)
    assert all(text[t.start:t.end] == t.text for t in toks)
    assert [t.text for t in toks][:4] == ["قال", "المرصد", ":", "«"]


def test_sentences_split_like_the_reference_scorer():
    text = "بلغت النسبة 16.1 في المئة. وقال المرصد! هل انتهى؟\nسطر جديد"
    assert [text[s.start:s.end] for s in sentences(text)] == [
        "بلغت النسبة 16.1 في المئة.", " وقال المرصد!", " هل انتهى؟\n", "سطر جديد"]


@pytest.mark.skipif(not (SHARED / "tools" / "score.py").exists(), reason="../shared/tools/score.py is absent")
def test_sentences_equal_the_scorers_on_the_seed(seed_article):
    import importlib.util
    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    assert [(s.start, s.end) for s in sentences(seed_article.text)] == score.sentences(seed_article.text)


arabic_text = st.text(alphabet=st.sampled_from(
    list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةى ًٌٍَُِّْـ٠١٢٣٤٥٦٧٨٩\u200f\u200e\u200c\u200d\u00a0.،؟!\n«»")
    + list("abcXYZ 0123456789")), max_size=200)


@given(arabic_text)
def test_tokens_always_slice_to_their_text(text):
    for tok in tokens(text):
        assert text[tok.start:tok.end] == tok.text
    spans = sentences(text)
    assert "".join(text[s.start:s.end] for s in spans) == text


# The plain forms of what analyse does faster: tokens finds offsets with str.find and
# fills Token's slots directly; the sentence regex tests "no digit before a stop" after it.
def _plain_tokens(text, start=0, end=None):
    out = []
    for match in analyse._TOKEN.finditer(text, start, len(text) if end is None else end):
        word_key = key(match.group())
        if word_key:
            out.append(Token(match.start(), match.end(), match.group(), word_key, stems(word_key)))
    return tuple(out)


_SCORERS_SENTENCE_END = re.compile(r"(?:[!?؟\n]|(?<!\d)\.|\.(?!\d))+")

# any character, and often the ones tokens and sentences turn on: spaces of every kind,
# marks, punctuation and symbols, digits, a ligature whose key has spaces (ﷺ)
tricky_text = st.text(alphabet=st.one_of(
    st.sampled_from(list("ابت قال.،؟!\n«»|ـ\u064b\u0670٢3.5_-"
                         "\u00a0\u2028\u3000\x1c\u200b\u200d\u200f\ufeff\ufdfa\ufdfb")),
    st.characters()), max_size=80)


@given(tricky_text, st.data())
def test_tokens_equal_the_plain_tokeniser(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert tokens(text, start, end) == _plain_tokens(text, start, end)
    assert tokens(text) == _plain_tokens(text)


def test_tokens_are_built_by_the_dataclass_when_its_fields_change(monkeypatch):
    text = "قال المرصد: «قُتل 12 مدنياً»، وفق فرانس\u00a0برس."
    monkeypatch.setattr(analyse, "_SLOTS", None)
    assert tokens(text) == _plain_tokens(text)


@given(tricky_text)
def test_sentence_ends_are_the_scorer_s(text):
    ours = [m.span() for m in analyse._SENTENCE_END.finditer(text)]
    assert ours == [m.span() for m in _SCORERS_SENTENCE_END.finditer(text)]
