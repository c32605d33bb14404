"""Text → sentences and tokens with offsets, and normalised lookup keys.

The one module that imports camel-tools. Only lookup keys are normalised; the
article text and every offset into it stay untouched. camel-tools' catalogue
modules (morphology, ner, disambig) fetch data over the network at import time,
so kg imports only ``camel_tools.utils`` and ``camel_tools.tokenizers``.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from functools import lru_cache

import regex
from camel_tools.utils.charsets import AR_DIAC_CHARSET
from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
)

from kg.model import Sentence, Token

# Sentence ends as the reference scorer defines them (shared/tools/score.py): ! ? ؟,
# a line break, or a full stop that is not a decimal point. Its (?<!\d)\. is written
# \.(?<!\d\.), the same test after the stop, so that every branch begins with a character
# and the regex engine scans ahead for them (1.7× faster).
_SENTENCE_END = re.compile(r"(?:[!?؟\n]|\.(?<!\d\.)|\.(?!\d))+")

# camel-tools' simple_word_tokenize splits on whitespace and makes every punctuation
# mark or symbol a token of its own; this is the same rule as one regex, so that
# each token keeps its offsets. Zero-width and bidi marks inside a word stay in it.
_TOKEN = regex.compile(r"[^\s\p{P}\p{S}]+|[\p{P}\p{S}]")

_INVISIBLE = "\u0640\u200b\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
_KEY_TABLE = str.maketrans(
    {**{c: None for c in AR_DIAC_CHARSET}, **{c: None for c in _INVISIBLE},
     "إ": "ا", "أ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
     "ک": "ك", "ی": "ي", "\u00a0": " ",
     **{chr(0x0660 + d): str(d) for d in range(10)}, **{chr(0x06F0 + d): str(d) for d in range(10)}}
)


def camel_key(text: str) -> str:
    """The lookup key camel-tools' own normalisers give (the reference ``key`` agrees with)."""
    text = dediac_ar(unicodedata.normalize("NFKC", text)).replace("\u0640", "")
    text = normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(text)))
    return text.replace("ؤ", "و").replace("ئ", "ي").lower()


@lru_cache(maxsize=200_000)
def key(text: str) -> str:
    """The normalised lookup form of a word or name: no diacritics, tatweel or marks,
    one alef, ي for ى, ه for ة, ASCII digits, lower case; spaces collapsed."""
    folded = unicodedata.normalize("NFKC", text).translate(_KEY_TABLE).lower()
    return " ".join(folded.split())


# Proclitics, outermost first: a conjunction, then a preposition, then the article.
_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ل", "ك")


@lru_cache(maxsize=200_000)
def stems(word_key: str) -> tuple[str, ...]:
    """The key and its forms without leading و ف ب ل ك (the article ال is kept,
    and ``لل`` becomes ``ال``), longest first; stripped forms keep at least two letters."""
    out = [word_key]
    base = [word_key]
    if word_key[:1] in _CONJUNCTIONS and len(word_key) > 3:
        base.append(word_key[1:])
    for form in base:
        if form[:1] in _PREPOSITIONS and len(form) > 3:
            rest = form[1:]
            if form.startswith("لل"):
                rest = "ا" + rest  # لل = ل + ال with the alef elided
            out.append(rest)
        if form is not word_key:
            out.append(form)
    return tuple(sorted({form for form in out if len(form) >= 2 or form == word_key}, key=lambda f: (-len(f), f)))


def sentences(text: str) -> tuple[Sentence, ...]:
    """The sentences of a text, as the reference scorer splits them."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.end()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return tuple(Sentence(i, a, b) for i, (a, b) in enumerate(spans))


# word -> (key, stems), or () for a word whose key is empty (marks only); a dict
# lookup is all a word costs after its first time
_FORMS: dict[str, tuple] = {}


def _token_slots():
    """The setters of Token's five slots, to build tokens without the frozen dataclass's
    ``__init__``, which sets each field through ``object.__setattr__`` and was a third of
    the time of ``tokens``; None (build them with ``Token``) if Token has other fields."""
    names = [f.name for f in dataclasses.fields(Token)]
    if names != ["start", "end", "text", "key", "stems"] or hasattr(Token, "__post_init__") \
            or "__slots__" not in vars(Token):
        return None
    return tuple(vars(Token)[name].__set__ for name in names)


_SLOTS = _token_slots()


def tokens(text: str, start: int = 0, end: int | None = None) -> tuple[Token, ...]:
    """The tokens of ``text[start:end]`` with offsets into ``text``."""
    out = []
    find = text.find
    forms = _FORMS.get
    new = object.__new__
    set_start, set_end, set_text, set_key, set_stems = _SLOTS or (None,) * 5
    pos = start
    for word in _TOKEN.findall(text, start, len(text) if end is None else end):
        # Only whitespace lies between two tokens, and a token begins with no whitespace,
        # so the word's next occurrence is where it was matched.
        at = find(word, pos)
        pos = at + len(word)
        hit = forms(word)
        if hit is None:
            if len(_FORMS) >= 200_000:
                _FORMS.clear()
            word_key = key(word)
            hit = _FORMS[word] = (word_key, stems(word_key)) if word_key else ()
        if hit:
            if set_start is None:
                token = Token(at, pos, word, *hit)
            else:  # the same Token, its slots set directly
                token = new(Token)
                set_start(token, at)
                set_end(token, pos)
                set_text(token, word)
                set_key(token, hit[0])
                set_stems(token, hit[1])
            out.append(token)
    return tuple(out)
