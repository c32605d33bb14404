"""The lexicon's remembered look-ups (``starting``, ``starting_positions``, ``match``)
give what ``may_start`` and ``lookup`` give, however full their memory."""

import pytest

import kg.lexicon as lexicon_module
from kg.analyse import tokens
from kg.lexicon import load_lexicon

# written for this test: names of several words, clitics, everyday words, punctuation
TEXT = ("قالت قوات سوريا الديمقراطية إن مجلس الأمن الدولي بحث الوضع في دير الزور وبحلب "
        "وللأمم المتحدة، فيما أكد المرصد السوري لحقوق الإنسان «مقتل» عشرة مدنيين من أبناء المنطقة.")


def _expected(lexicon, toks):
    positions, matches = [], {}
    for i, tok in enumerate(toks):
        forms = tuple(f for f in tok.stems if lexicon.may_start(f))
        assert lexicon.starting(tok.stems) == forms
        if forms:
            positions.append((i, forms))
        for f in tok.stems:
            words = f
            for later in toks[i + 1:i + 4]:
                matches[words] = tuple(lexicon.lookup(words)) if lexicon.may_start(words) else None
                words += " " + later.key
    return positions, matches


@pytest.mark.parametrize("limit", [3, 200_000])
def test_remembered_lookups_equal_the_plain_ones(monkeypatch, limit):
    monkeypatch.setattr(lexicon_module, "_MEMO_LIMIT", limit)
    lexicon = lexicon_module.Lexicon(load_lexicon().entries.values())
    toks = tokens(TEXT)
    positions, matches = _expected(lexicon, toks)
    assert lexicon.starting_positions(toks) == positions
    assert any(entries for entries in matches.values()) and None in matches.values()
    for _ in range(2):  # the second time from memory (or after it was emptied)
        for words, entries in matches.items():
            assert lexicon.match(words) == entries
    assert len(lexicon._matches) <= limit
