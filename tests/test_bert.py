"""Tests for kg.bert, the optional BERT named-entity backend.

No model can be downloaded here, so the tests build a tiny BertForTokenClassification
(32 hidden units, 2 layers, a WordPiece vocabulary of Arabic letters and a few words)
in a temporary directory and load it through ``BertRecogniser.load``. Its weights are
random (seeded), so the tests check the mechanics, not the quality of the tags:
one valid IOB2 tag per token, chunking, batching, determinism, the errors. A stand-in
model whose output depends only on each sub-token checks that every word is tagged
from its own first sub-token, across window boundaries.

Tests that need torch and transformers skip when they are not installed (they are
outside kg's dependencies: docs/install.md). The rest always run.
"""

from __future__ import annotations

import json
import random
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from kg.bert import HINT, MAX_LENGTH, BertModelError, BertRecogniser, map_label, windows
from kg.errors import KgError
from kg.recogniser import LABELS

from conftest import valid_iob2

ROOT = Path(__file__).resolve().parents[1]
SKIP_REASON = "torch and transformers are not installed (the optional BERT backend, docs/install.md)"

# camel-tools' and CAMeLBERT's label set, in camel-tools' order
CAMEL_LABELS = ["B-LOC", "B-ORG", "B-PERS", "B-MISC", "I-LOC", "I-ORG", "I-PERS", "I-MISC", "O"]
LETTERS = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي"
WORDS = ["قال", "الرئيس", "في", "دمشق", "مدينة", "حلب", "وزير", "الخارجية", "محمد", "##ال", "##ين", "."]
VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *LETTERS, *("##" + c for c in LETTERS), *WORDS]

# written for these tests
SENTENCE = "قال وزير الخارجية محمد العلي في مدينة حلب .".split()
DIACRITISED = "قَالَ وَزِيرُ الخَارِجِيَّةِ مُحَمَّد العَلِيّ فِي مَدِينَةِ حَلَب .".split()


def write_config(path: Path, **config) -> None:
    path.mkdir(parents=True, exist_ok=True)
    (path / "config.json").write_text(json.dumps(config), encoding="utf-8")


def build_model(path: Path, *, labels=CAMEL_LABELS, vocab=VOCAB, seed=0, bias=None, head=True,
                model_vocab_size=None) -> Path:
    """A tiny BERT token classifier and its tokenizer, saved the way the hub holds CAMeLBERT."""
    import torch
    from transformers import AutoTokenizer, BertConfig, BertForTokenClassification, BertModel

    path.mkdir(parents=True, exist_ok=True)
    (path / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    (path / "tokenizer_config.json").write_text(
        json.dumps({"tokenizer_class": "BertTokenizer", "do_lower_case": False}), encoding="utf-8")
    tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
    tokenizer.save_pretrained(str(path))
    config = BertConfig(vocab_size=model_vocab_size or len(vocab), hidden_size=32, num_hidden_layers=2,
                        num_attention_heads=2, intermediate_size=64, max_position_embeddings=512,
                        id2label=dict(enumerate(labels)), label2id={lab: i for i, lab in enumerate(labels)})
    torch.manual_seed(seed)
    model = BertForTokenClassification(config) if head else BertModel(config)
    if bias is not None:  # every word gets label ``bias``, whatever the input
        with torch.no_grad():
            model.classifier.weight.zero_()
            model.classifier.bias.fill_(-5.0)
            model.classifier.bias[labels.index(bias)] = 5.0
    model.save_pretrained(str(path))
    return path


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory):
    pytest.importorskip("torch", reason=SKIP_REASON)
    pytest.importorskip("transformers", reason=SKIP_REASON)
    return build_model(tmp_path_factory.mktemp("tiny-bert-ner"))


@pytest.fixture(scope="module")
def rec(model_dir):
    return BertRecogniser.load(model_dir)


# ---------------------------------------------------------------------------
# without torch: import, labels, windows, directory checks
# ---------------------------------------------------------------------------

def test_importing_kg_bert_imports_neither_torch_nor_transformers():
    code = ("import sys, kg.bert; "
            "print([m for m in sys.modules if m.split('.')[0] in ('torch', 'transformers', 'tokenizers') "
            "or m.startswith(('camel_tools.ner', 'camel_tools.data', 'camel_tools.morphology', "
            "'camel_tools.disambig'))])")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "[]"


def test_missing_torch_is_a_clear_error(tmp_path):
    """torch made unimportable in a child process: load says what to install."""
    write_config(tmp_path, architectures=["BertForTokenClassification"], id2label=dict(enumerate(CAMEL_LABELS)))
    (tmp_path / "model.safetensors").write_bytes(b"")
    (tmp_path / "vocab.txt").write_text("[PAD]\n[UNK]\n[CLS]\n[SEP]\n", encoding="utf-8")
    code = ("import sys; sys.modules['torch'] = None; sys.modules['transformers'] = None\n"
            "from kg.bert import BertRecogniser, BertModelError\n"
            "try:\n    BertRecogniser.load(sys.argv[1])\n"
            "except BertModelError as err:\n    print(err)\n")
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    assert "needs torch and transformers" in result.stdout
    assert "install torch and transformers: " in result.stdout
    assert "the model directory must contain" in result.stdout


def test_errors_are_kg_errors_with_the_hint(tmp_path):
    assert issubclass(BertModelError, KgError)
    with pytest.raises(BertModelError, match="no such model directory") as err:
        BertRecogniser.load(tmp_path / "nowhere")
    assert str(err.value).startswith(str(tmp_path / "nowhere") + ": ")
    assert HINT in str(err.value)
    assert "install torch and transformers: " in HINT and "the model directory must contain" in HINT


@pytest.mark.parametrize("config, message", [
    (None, "no config.json"),
    ("{not json", "cannot read it"),
    ([1, 2], "not a model configuration"),
    ({"architectures": ["BertForSequenceClassification"], "id2label": {"0": "O", "1": "B-PER"}},
     "not a token-classification"),
    ({"architectures": ["BertModel"]}, "not a token-classification"),
    ({"architectures": ["BertForTokenClassification"]}, "no id2label"),
    ({"id2label": {"0": "LABEL_0", "1": "LABEL_1"}}, "not named-entity labels"),
    ({"id2label": {"0": "O", "1": "I-PER"}}, "not named-entity labels"),
    ({"id2label": {"0": "O", "2": "B-PER"}}, "0..n-1"),
    ({"id2label": {"x": "O"}}, "not label numbers"),
])
def test_a_directory_that_is_not_a_ner_model_is_refused(tmp_path, config, message):
    tmp_path.mkdir(exist_ok=True)
    if isinstance(config, str):
        (tmp_path / "config.json").write_text(config, encoding="utf-8")
    elif config is not None:
        (tmp_path / "config.json").write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(BertModelError, match=message) as err:
        BertRecogniser.load(tmp_path)
    assert "the model directory must contain" in str(err.value)


def test_weights_and_tokenizer_must_be_there(tmp_path):
    write_config(tmp_path, architectures=["BertForTokenClassification"], id2label=dict(enumerate(CAMEL_LABELS)))
    with pytest.raises(BertModelError, match="no model weights"):
        BertRecogniser.load(tmp_path)
    (tmp_path / "pytorch_model.bin").write_bytes(b"")
    with pytest.raises(BertModelError, match="no tokenizer"):
        BertRecogniser.load(tmp_path)


def test_labels_map_onto_kgs_four_types():
    assert map_label("O") == "O"
    assert [map_label(lab) for lab in CAMEL_LABELS] == [
        "B-LOC", "B-ORG", "B-PER", "B-MISC", "I-LOC", "I-ORG", "I-PER", "I-MISC", "O"]
    assert map_label("B-GPE") == "B-LOC" and map_label("I-PERSON") == "I-PER"
    assert map_label("B-DATE") == "B-MISC"
    assert map_label("LABEL_0") is None and map_label("PER") is None and map_label("E-PER") is None
    assert {map_label(lab) for lab in LABELS} == set(LABELS)


def test_windows_cover_the_sentence_within_the_budget():
    rng = random.Random(7)
    for _ in range(500):
        budget = rng.randint(1, 40)
        sizes = [rng.randint(0, budget) for _ in range(rng.randint(0, 60))]
        ws = windows(sizes, budget)
        if not sizes:
            assert ws == []
            continue
        assert ws[0][0] == 0 and ws[-1][1] == len(sizes)
        for (s, e), (s2, e2) in zip(ws, ws[1:]):
            assert s < s2 <= e < e2  # each window starts later, overlaps or abuts, and reaches further
        for s, e in ws:
            assert s < e and sum(sizes[s:e]) <= budget
    assert windows([3, 3, 3], 9) == [(0, 3)]


# ---------------------------------------------------------------------------
# with torch and transformers: the tiny model
# ---------------------------------------------------------------------------

def test_load_reads_the_model_and_maps_its_labels(rec, model_dir):
    assert rec.path == model_dir
    assert rec.model_labels == tuple(CAMEL_LABELS)
    assert rec.labels == LABELS
    assert rec.max_length == MAX_LENGTH
    assert rec.device == "cpu"


def test_one_valid_iob2_tag_per_token(rec):
    tags = rec.tag(SENTENCE)
    assert len(tags) == len(SENTENCE)
    assert set(tags) <= set(LABELS)
    assert valid_iob2(tags)
    assert rec.tag([]) == []
    odd = ["", " ", "\u200c", "ـــ", "123", "Macron", "!!", "x" * 50, "😀"]
    tags = rec.tag(odd)
    assert len(tags) == len(odd) and set(tags) <= set(LABELS) and valid_iob2(tags)


def test_diacritics_and_tatweel_are_dropped_before_the_tokenizer(rec):
    assert rec.tag(DIACRITISED) == rec.tag(SENTENCE)
    assert rec.tag(["الرئيـــس"]) == rec.tag(["الرئيس"])


def test_a_sentence_longer_than_512_sub_tokens_is_chunked(rec):
    words = (SENTENCE + ["ماكرون", "الأسد"]) * 60  # about 1,400 sub-tokens
    assert sum(map(len, rec._pieces(words))) > 2 * MAX_LENGTH
    tags = rec.tag(words)
    assert len(tags) == len(words) and set(tags) <= set(LABELS) and valid_iob2(tags)
    # BERT's WordPiece makes a word of over 100 characters [UNK]; one of 90 is 90 sub-tokens
    assert len(rec._pieces(["م" * 700])[0]) == 1
    assert len(rec._pieces(["م" * 90])[0]) == 90


def test_a_word_longer_than_one_input_is_cut_to_its_first_sub_tokens(model_dir):
    short = BertRecogniser.load(model_dir, max_length=16)
    assert len(short._pieces(["م" * 90])[0]) == 14  # 16 less [CLS] and [SEP]
    tags = short.tag(["م" * 90, *SENTENCE, "م" * 90])
    assert len(tags) == 2 + len(SENTENCE) and valid_iob2(tags)


def test_tagging_is_deterministic_and_batching_changes_nothing(rec, model_dir):
    sentences = [SENTENCE, [], DIACRITISED[:3], SENTENCE * 80, ["حلب"]]
    first = [rec.tag(s) for s in sentences]
    assert [rec.tag(s) for s in sentences] == first
    assert rec.tag_many(sentences) == first
    again = BertRecogniser.load(model_dir, batch_size=2)
    assert again.tag_many(sentences) == first
    import numpy as np
    for a, b in zip(rec.probabilities(sentences), again.probabilities(sentences)):
        assert a.shape == b.shape and np.allclose(a, b, atol=1e-5)
        if len(a):
            assert np.allclose(a.sum(axis=1), 1.0)


def test_loading_and_tagging_use_no_network(model_dir, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    rec = BertRecogniser.load(model_dir)
    assert len(rec.tag(SENTENCE)) == len(SENTENCE)


def test_invalid_iob2_from_the_model_is_decoded_as_valid(tmp_path):
    """A model that says I-PERS for every word: the result starts the name with B-PER."""
    pytest.importorskip("torch", reason=SKIP_REASON)
    pytest.importorskip("transformers", reason=SKIP_REASON)
    rec = BertRecogniser.load(build_model(tmp_path, bias="I-PERS"))
    assert rec.tag(SENTENCE) == ["B-PER"] + ["I-PER"] * (len(SENTENCE) - 1)
    rec = BertRecogniser.load(build_model(tmp_path / "o", bias="O"))
    assert rec.tag(SENTENCE) == ["O"] * len(SENTENCE)


class _PieceModel:
    """Stands in for the BERT: each sub-token's label depends on that sub-token alone."""

    def __init__(self, rec, torch, table):
        self.torch = torch
        self.widths = []
        vocab = rec.tokenizer.convert_ids_to_tokens(list(range(len(rec.tokenizer))))
        self.label_of = torch.tensor([CAMEL_LABELS.index(table(piece)) for piece in vocab])

    def __call__(self, input_ids, attention_mask):
        self.widths.append(tuple(input_ids.shape))
        assert int(attention_mask.sum()) == int((input_ids != 0).sum())  # [PAD] is id 0
        logits = self.torch.nn.functional.one_hot(self.label_of[input_ids], len(CAMEL_LABELS)).float() * 10
        return type("Output", (), {"logits": logits})()


def _piece_label(piece: str) -> str:
    if piece.startswith("##"):
        return "B-ORG"  # never the label of a word: only first sub-tokens count
    return {"م": "B-PERS", "محمد": "B-PERS", "حلب": "B-LOC", "دمشق": "B-LOC", "[UNK]": "B-MISC"}.get(piece, "O")


@pytest.mark.parametrize("max_length", [MAX_LENGTH, 16, 3])
def test_every_word_is_tagged_from_its_first_sub_token(model_dir, max_length):
    import torch
    rec = BertRecogniser.load(model_dir, max_length=max_length, batch_size=3)
    fake = rec.model = _PieceModel(rec, torch, _piece_label)
    words = (["قال", "ماكرون", "في", "دمشق", "Paris", "والمدينة", "محمد", "مُحَمَّد", "حلب", "م" * 30] * 40)[:-3]
    expected = [map_label(_piece_label(rec.tokenizer.convert_ids_to_tokens(p[0]))) for p in rec._pieces(words)]
    assert expected[:5] == ["O", "B-PER", "O", "B-LOC", "B-MISC"]
    sentences = [words, SENTENCE, [], words[:7]]
    tagged = rec.tag_many(sentences)
    assert tagged[0] == expected
    assert tagged[3] == expected[:7]
    assert tagged[1] == [map_label(_piece_label(rec.tokenizer.convert_ids_to_tokens(p[0])))
                         for p in rec._pieces(SENTENCE)]
    assert tagged[2] == []
    assert all(rows <= 3 and width <= max_length for rows, width in fake.widths)
    if max_length < MAX_LENGTH:
        assert len(fake.widths) > 3  # the long sentence took several windows


def test_a_model_without_a_trained_head_is_refused(tmp_path):
    pytest.importorskip("torch", reason=SKIP_REASON)
    pytest.importorskip("transformers", reason=SKIP_REASON)
    path = build_model(tmp_path, head=False)
    with pytest.raises(BertModelError, match="not a token-classification"):
        BertRecogniser.load(path)  # config.json says BertModel
    config = json.loads((path / "config.json").read_text(encoding="utf-8"))
    config.update(architectures=["BertForTokenClassification"], id2label=dict(enumerate(CAMEL_LABELS)),
                  label2id={lab: i for i, lab in enumerate(CAMEL_LABELS)})
    (path / "config.json").write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(BertModelError, match="the weights lack classifier"):
        BertRecogniser.load(path)


def test_broken_files_are_reported(tmp_path, model_dir):
    pytest.importorskip("torch", reason=SKIP_REASON)
    import shutil
    broken = tmp_path / "broken"
    shutil.copytree(model_dir, broken)
    (broken / "model.safetensors").write_bytes(b"not a safetensors file")
    with pytest.raises(BertModelError, match="transformers cannot load it") as err:
        BertRecogniser.load(broken)
    assert "install torch and transformers: " in str(err.value)
    mismatched = build_model(tmp_path / "mismatched", model_vocab_size=20)
    with pytest.raises(BertModelError, match="do not belong together"):
        BertRecogniser.load(mismatched)


def test_a_missing_gpu_is_reported(model_dir):
    import torch
    if torch.cuda.is_available():
        pytest.skip("this machine has a CUDA GPU")
    with pytest.raises(BertModelError, match="no CUDA GPU"):
        BertRecogniser.load(model_dir, device="cuda")
    with pytest.raises(BertModelError, match="not a torch device"):
        BertRecogniser.load(model_dir, device="abacus")
