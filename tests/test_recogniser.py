"""Tests for kg.recogniser (the statistical NER tagger) and its training script.

The sentences here are written for these tests; no corpus text is copied.
Tests that need the NER corpora (../shared/data/ner from the repo root) skip
when they are absent.
"""

from __future__ import annotations

import importlib.util
import json
import random
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import kg.recogniser as recogniser_module

from kg.recogniser import (
    LABELS,
    MODEL_PATH,
    Recogniser,
    default_recogniser,
    normalise,
    sentence_features,
    strip_clitics,
    token_features,
)

from conftest import valid_iob2

ROOT = Path(__file__).resolve().parents[1]
NER_DATA = ROOT.parent / "shared" / "data" / "ner"
needs_data = pytest.mark.skipif(
    not (NER_DATA / "anercorp" / "test.conll").is_file(),
    reason=f"NER corpora not found at {NER_DATA} (../shared/data/ner from the repo root)",
)

# written for this test; a title before a name, a city after "in the city of"
SENTENCE = "وقال الرئيس الفرنسي إيمانويل ماكرون في مؤتمر صحفي بمدينة مرسيليا إن الحكومة ستدعم المزارعين .".split()


def _load_script():
    spec = importlib.util.spec_from_file_location("train_recogniser", ROOT / "scripts" / "train_recogniser.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# ---------------------------------------------------------------------------
# shipped model
# ---------------------------------------------------------------------------

def test_shipped_model_is_small():
    assert MODEL_PATH.is_file()
    assert MODEL_PATH.stat().st_size < 8 * 1024 * 1024


def test_shipped_model_tags_a_sentence_plausibly():
    rec = default_recogniser()
    tags = rec.tag(SENTENCE)
    assert len(tags) == len(SENTENCE)
    assert set(tags) <= set(LABELS)
    by_word = dict(zip(SENTENCE, tags))
    assert by_word["ماكرون"].endswith("-PER")
    assert by_word["مرسيليا"].endswith("-LOC")
    for w in ("وقال", "في", "إن", "الحكومة", "."):
        assert by_word[w] == "O", w


def test_default_recogniser_is_cached():
    assert default_recogniser() is default_recogniser()


def test_load_none_is_shipped_model():
    a = Recogniser.load()
    b = Recogniser.load(MODEL_PATH)
    assert a.tag(SENTENCE) == b.tag(SENTENCE)


def test_empty_and_odd_inputs():
    rec = default_recogniser()
    assert rec.tag([]) == []
    odd = ["", "ـ", "٢٠٢٤", "Reuters", "(", "وَقَالَ", "x" * 300, "؟", "!!", "3.5%"]
    tags = rec.tag(odd)
    assert len(tags) == len(odd) and set(tags) <= set(LABELS)
    for n in (1, 2, 3):
        assert len(rec.tag(SENTENCE[:n])) == n
    long = SENTENCE * 40
    assert len(rec.tag(long)) == len(long)
    assert rec.tag(tuple(SENTENCE)) == rec.tag(SENTENCE)


def test_tagging_is_deterministic_with_cache():
    rec = Recogniser.load()
    first = rec.tag(SENTENCE)
    assert rec.tag(SENTENCE) == first  # second call uses cached word scores


def test_unnormalised_spelling_is_tolerated():
    rec = default_recogniser()
    plain = "التقى الوزير محمد بن سالم في مدينة الرياض .".split()
    marked = "التقى الوزير مُحَمَّد بن سالم في مدينـة الرياض .".split()
    assert rec.tag(plain) == rec.tag(marked)


# ---------------------------------------------------------------------------
# features
# ---------------------------------------------------------------------------

def test_normalise():
    assert normalise("أإآٱ") == "اااا"
    assert normalise("مستشفى") == "مستشفي"
    assert normalise("مدينة") == "مدينه"
    assert normalise("مُحَمَّـد") == "محمد"
    assert normalise("٢٠٢٤") == "2024"


@pytest.mark.parametrize(
    "word,expected",
    [
        ("بلبنان", ("ب", "لبنان")),
        ("والقاهرة", ("وال", "قاهره")),
        ("للرئيس", ("لل", "رئيس")),
        ("وقال", ("و", "قال")),
        ("لها", ("", "لها")),  # too short to strip
        ("باريس", ("ب", "اريس")),  # known limitation: the raw word feature covers it
    ],
)
def test_strip_clitics(word, expected):
    assert strip_clitics(normalise(word)) == expected


def test_token_features_roles_and_triggers():
    roles, key = token_features("والوزير")
    assert set(roles) == {-2, -1, 0, 1, 2}
    assert key == "وزير"
    assert "t=TPER" in roles[0] and "-1:t=TPER" in roles[-1]
    assert all(f.startswith("-2:") for f in roles[-2])
    feats = sentence_features(["قال", "الوزير", "زيد"])
    assert len(feats) == 3
    assert "-1:BOS" in feats[0] and "+1:EOS" in feats[2]
    assert "-1:t=TPER" in feats[2]
    assert all(len(f) == len(set(f)) for f in feats)


# ---------------------------------------------------------------------------
# training on a synthetic corpus, then the real load path
# ---------------------------------------------------------------------------

_PEOPLE = ["زيد", "عمرو", "بكر", "خالد"]
_FAMILIES = ["الأحمر", "السالم", "النجار"]
_PLACES = ["سمرقند", "قرطبة", "طليطلة"]
_ORGS = ["النهضة", "الوفاق"]


def _synthetic(n: int, seed: int) -> list[list[tuple[str, str]]]:
    rng = np.random.default_rng(seed)
    sents = []
    for i in range(n):
        p, f = _PEOPLE[rng.integers(len(_PEOPLE))], _FAMILIES[rng.integers(len(_FAMILIES))]
        pl, org = _PLACES[rng.integers(len(_PLACES))], _ORGS[rng.integers(len(_ORGS))]
        if i % 2:
            s = [("وقال", "O"), ("الوزير", "O"), (p, "B-PER"), (f, "I-PER"), ("في", "O"), ("مدينة", "O"),
                 (pl, "B-LOC"), ("إن", "O"), ("حزب", "B-ORG"), (org, "I-ORG"), ("فاز", "O"), (".", "O")]
        else:
            s = [("زار", "O"), ("الشيخ", "O"), (p, "B-PER"), ("بلدة", "O"), (pl, "B-LOC"), ("أمس", "O"),
                 ("مع", "O"), ("وفد", "O"), ("حزب", "B-ORG"), (org, "I-ORG"), (".", "O")]
        sents.append(s)
    return sents


def _write_conll(path: Path, sents) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join("".join(f"{t}\t{y}\n" for t, y in s) + "\n" for s in sents), encoding="utf-8")


@pytest.fixture()
def synthetic_data(tmp_path):
    data = tmp_path / "ner"
    _write_conll(data / "anercorp" / "train.conll", _synthetic(60, 1))
    _write_conll(data / "anercorp" / "test.conll", _synthetic(10, 2))
    _write_conll(data / "aqmar" / "aqmar.conll", _synthetic(10, 3))
    return data


def _check_trained_model(path: Path, report: Path) -> None:
    rec = Recogniser.load(path)
    assert rec.meta["format"] == "kg-recogniser/1"
    s = _synthetic(5, 7)[1]
    assert rec.tag([t for t, _ in s]) == [y for _, y in s]
    assert rec.tag([]) == []
    out = json.loads(report.read_text(encoding="utf-8"))
    assert out["scores"]["micro"]["f1"] == 1.0
    assert out["quantisation_changed_tags"] == 0


def test_train_perceptron_and_load(synthetic_data, tmp_path):
    script = _load_script()
    model, report = tmp_path / "perc.npz", tmp_path / "perc.json"
    script.main(["--data", str(synthetic_data), "--trainer", "perceptron", "--aqmar", "none", "--epochs", "5",
                 "--out", str(model), "--report", str(report), "--no-speed"])
    _check_trained_model(model, report)


def test_train_crf_and_load(synthetic_data, tmp_path):
    pytest.importorskip("pycrfsuite", reason="python-crfsuite (training-only dependency) not installed")
    script = _load_script()
    model, report = tmp_path / "crf.npz", tmp_path / "crf.json"
    args = ["--data", str(synthetic_data), "--max-iter", "50", "--out", str(model), "--report", str(report),
            "--no-speed"]
    script.main(args)
    _check_trained_model(model, report)
    # same data, same command: same bytes
    first = model.read_bytes()
    script.main(args)
    assert model.read_bytes() == first


def test_numpy_decoder_matches_crfsuite(tmp_path):
    pycrfsuite = pytest.importorskip("pycrfsuite", reason="python-crfsuite (training-only dependency) not installed")
    trainer = pycrfsuite.Trainer(verbose=False)
    for s in _synthetic(40, 5):
        trainer.append(sentence_features([t for t, _ in s]), [y for _, y in s])
    trainer.set_params({"c1": 0.01, "c2": 0.01, "max_iterations": 30, "feature.possible_transitions": True})
    trainer.train(str(tmp_path / "m.crfsuite"))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(tmp_path / "m.crfsuite"))
    info = tagger.info()
    rec = Recogniser.from_weights(LABELS, {k: v for k, v in info.state_features.items() if v}, info.transitions)
    rec.save(tmp_path / "m.npz")
    loaded = Recogniser.load(tmp_path / "m.npz")
    vocab = sorted({t for s in _synthetic(40, 5) for t, _ in s}) + ["مجهول", "Reuters", "7"]
    rng = np.random.default_rng(0)
    compared = 0
    for n in [1, 2, 3, 5, 8, 13, 30]:
        for _ in range(5):
            toks = [vocab[i] for i in rng.integers(len(vocab), size=n)]
            expected = tagger.tag(sentence_features(toks))
            got = rec.tag(toks)
            assert loaded.tag(toks) == got
            assert valid_iob2(got)
            if valid_iob2(expected):  # our decoder also enforces IOB2
                assert got == expected
                compared += 1
    assert compared >= 20


def test_save_load_roundtrip(tmp_path):
    state = {("w=زيد", "B-PER"): 2.0, ("-1:s=وزير", "B-PER"): 1.5, ("w=في", "O"): 1.0, ("b", "O"): 0.5}
    trans = {("B-PER", "I-PER"): 1.0, ("O", "I-PER"): -5.0}
    rec = Recogniser.from_weights(LABELS, state, trans, {"note": "hand-made"})
    path = tmp_path / "m.npz"
    rec.save(path)
    loaded = Recogniser.load(path)
    assert loaded.meta["note"] == "hand-made"
    assert loaded.tag(["الوزير", "زيد", "في"]) == rec.tag(["الوزير", "زيد", "في"])
    assert loaded.tag(["الوزير", "زيد", "في"])[1] == "B-PER"
    np.testing.assert_allclose(loaded.scores(["زيد", "في"]), rec.scores(["زيد", "في"]), rtol=2e-3, atol=1e-6)


def test_output_is_valid_iob2_even_when_weights_prefer_otherwise():
    state = {("b", "I-PER"): 3.0, ("b", "O"): 1.0, ("w=زيد", "I-LOC"): 5.0}
    rec = Recogniser.from_weights(LABELS, state, {})
    for toks in (["زيد"], ["في", "زيد", "في"], ["زيد"] * 4):
        assert valid_iob2(rec.tag(toks))
    shipped = default_recogniser()
    assert valid_iob2(shipped.tag(SENTENCE * 3))


# Words written for these tests: clitics, names, digits, Latin, marks, an empty token and
# stems with a "|", which is also the separator inside pair features.
WORDS = SENTENCE + ["بلبنان", "للرئيس", "|", "a|b", "ال|", "|في", "٢٠١٨", "Reuters", "ـ", "وَقَالَ", "", "x" * 50]


def test_tag_many_gives_each_sentence_the_tags_of_tag():
    rng = random.Random(3)
    sentences = [[rng.choice(WORDS) for _ in range(rng.randrange(0, 40))] for _ in range(300)]
    batched, one_by_one = Recogniser.load(), Recogniser.load()
    for start in range(0, len(sentences), 17):
        batch = sentences[start:start + 17]
        assert batched.tag_many(batch) == [one_by_one.tag(s) for s in batch]
    assert batched.tag_many([]) == [] and batched.tag_many([[], []]) == [[], []]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), max_size=25), max_size=6))
def test_tag_many_is_tag_for_any_batch(sentences):
    rec = default_recogniser()
    assert rec.tag_many(sentences) == [rec.tag(s) for s in sentences]


def test_scores_are_the_sums_of_the_weights_of_the_features():
    # a model that weighs every feature of these sentences, the word pairs too
    rng = random.Random(5)
    sentences = [[rng.choice(WORDS) for _ in range(n)] for n in (1, 2, 3, 4, 7, 12)]
    features = sorted({f for s in sentences for fs in sentence_features(s) for f in fs})
    assert any(f.startswith("s-1|s0=") and f.count("|") > 2 for f in features)
    weights = {(f, y): rng.uniform(-1, 1) for f in features for y in LABELS}
    rec = Recogniser.from_weights(LABELS, weights, {})
    for s in sentences:
        expected = [[sum(weights[f, y] for f in fs) for y in LABELS] for fs in sentence_features(s)]
        np.testing.assert_allclose(rec.scores(s), expected, rtol=1e-9, atol=1e-9)
        assert rec.tag_many([s, s[:1]]) == [rec.tag(s), rec.tag(s[:1])]


def test_clearing_a_full_word_cache_changes_no_tag(monkeypatch):
    rng = random.Random(7)
    sentences = [[rng.choice(WORDS) for _ in range(rng.randrange(1, 20))] for _ in range(40)]
    expected = [Recogniser.load().tag(s) for s in sentences]
    monkeypatch.setattr(recogniser_module, "_CACHE_LIMIT", 5)
    rec = Recogniser.load()
    assert [rec.tag(s) for s in sentences] == expected
    assert len(rec._word_id) < 5 + max(map(len, sentences))  # cleared between calls
    assert rec.tag_many(sentences) == expected


def test_load_rejects_other_files(tmp_path):
    bad = tmp_path / "bad.npz"
    np.savez(bad, meta=np.frombuffer(json.dumps({"format": "other"}).encode(), dtype=np.uint8))
    with pytest.raises(ValueError):
        Recogniser.load(bad)
    junk = tmp_path / "junk.npz"
    junk.write_bytes(b"not a zip")
    with pytest.raises((ValueError, OSError, zipfile.BadZipFile)):
        Recogniser.load(junk)
    with pytest.raises(FileNotFoundError):
        Recogniser.load(tmp_path / "missing.npz")


# ---------------------------------------------------------------------------
# scoring and the real corpora
# ---------------------------------------------------------------------------

def test_entity_scoring_is_conlleval_like():
    script = _load_script()
    ents = script.entities(["B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-ORG", "I-PER"])
    assert ents == {(0, 2, "PER"), (3, 5, "LOC"), (5, 6, "ORG"), (6, 7, "PER")}
    res = script.score([["B-PER", "I-PER", "O", "B-LOC"]], [["B-PER", "O", "O", "B-LOC"]])
    assert res["micro"]["tp"] == 1 and res["micro"]["f1"] == 0.5


@needs_data
def test_shipped_model_scores_on_anercorp_test():
    script = _load_script()
    test = script.read_conll(NER_DATA / "anercorp" / "test.conll")
    rec = default_recogniser()
    res = script.score([[y for _, y in s] for s in test], [rec.tag([t for t, _ in s]) for s in test])
    # docs/recogniser.md reports 0.688 micro F1; guard against regressions
    assert res["micro"]["f1"] >= 0.67
    assert res["PER_ORG_LOC"]["f1"] >= 0.68


@pytest.mark.benchmark
@needs_data
def test_tagging_speed():
    script = _load_script()
    sents = [[t for t, _ in s] for s in script.read_conll(NER_DATA / "anercorp" / "test.conll")]
    n = sum(map(len, sents))
    best = 0.0
    for _ in range(3):  # best of three fresh loads (empty word cache), one core
        rec = Recogniser.load()
        t0 = time.perf_counter()
        for s in sents:
            rec.tag(s)
        best = max(best, n / (time.perf_counter() - t0))
    assert best >= 50_000, f"{best:.0f} tokens/s from a fresh load"
