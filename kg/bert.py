"""Optional BERT named-entity recogniser: a local token-classification model
(e.g. CAMeL-Lab/bert-base-arabic-camelbert-msa-ner) run with torch and transformers.

Same API as the shipped CRF (kg/recogniser.py): ``BertRecogniser.load(model_dir)``,
then ``tag(tokens)`` gives one IOB2 tag per token with PER, ORG, LOC or MISC.

- torch and transformers are imported only inside ``load``; they are not kg
  dependencies (docs/install.md says how to add them). Importing this module
  needs neither.
- camel-tools' own ``camel_tools.ner`` is never imported: it reads a data catalogue
  over the network at import time. This module does what its ``NERecognizer`` does
  (one label per word, from the word's first sub-token) with transformers directly.
- Nothing is downloaded: the model is read from a local directory with
  ``local_files_only=True``; a hub name is not accepted.

See docs/recogniser.md ("Optional BERT backend").
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from kg.errors import KgError
from kg.recogniser import LABELS

__all__ = ["HINT", "MAX_LENGTH", "BertModelError", "BertRecogniser", "map_label", "windows"]

MAX_LENGTH = 512  # sub-tokens per model input, [CLS] and [SEP] included
HINT = ("install torch and transformers: .venv/bin/pip install torch transformers (docs/install.md); "
        "the model directory must contain config.json (a *ForTokenClassification model whose labels "
        "are O and B-/I- tags), the weights (model.safetensors or pytorch_model.bin) and the "
        "tokenizer (vocab.txt or tokenizer.json), e.g. a local copy of "
        "CAMeL-Lab/bert-base-arabic-camelbert-msa-ner")

_WEIGHTS = ("model.safetensors", "pytorch_model.bin", "model.safetensors.index.json",
            "pytorch_model.bin.index.json")
_TOKENIZER = ("tokenizer.json", "vocab.txt")

# Entity types of other label sets, as kg's four. CAMeLBERT and camel-tools say PERS.
_TYPES = {"PER": "PER", "PERS": "PER", "PERSON": "PER",
          "ORG": "ORG", "ORGANIZATION": "ORG", "ORGANISATION": "ORG",
          "LOC": "LOC", "LOCATION": "LOC", "GPE": "LOC",
          "MISC": "MISC"}

# CAMeLBERT was pre-trained on text without diacritics and tatweel (they are removed
# with camel-tools before pre-training); BERT's tokenizer would make a diacritised
# word [UNK]. The same characters kg.recogniser.normalise drops.
_UNMARK = str.maketrans(dict.fromkeys(
    [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE), 0x0640, 0x200C,
     0x200D, 0x200E, 0x200F], None))

_CACHE_LIMIT = 50_000  # word types whose sub-token ids are kept
_NEG = -1e9


class BertModelError(KgError):
    """The BERT model cannot be used: torch/transformers are missing or the directory is not
    a token-classification model. The message says which and how to fix it."""


def _error(where: object, problem: str) -> BertModelError:
    return BertModelError(f"{where}: {problem}; {HINT}")


def map_label(label: str) -> str | None:
    """A model label as one of kg's IOB2 labels ("B-PERS" → "B-PER"); None if it is not an
    IOB label. Entity types outside PER/ORG/LOC/MISC (DATE, NORP, …) become MISC."""
    if label == "O":
        return "O"
    prefix, sep, type_ = label.partition("-")
    if not sep or prefix not in ("B", "I") or not type_:
        return None
    return f"{prefix}-{_TYPES.get(type_.upper(), 'MISC')}"


def _read_config(path: Path) -> dict[int, str]:
    """Check config.json without torch; return the model's id2label."""
    config_file = path / "config.json"
    if not config_file.is_file():
        raise _error(path, "no config.json here")
    try:
        config = json.loads(config_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _error(config_file, f"cannot read it ({exc})") from None
    if not isinstance(config, dict):
        raise _error(config_file, "not a model configuration (a JSON object)")
    architectures = config.get("architectures") or []
    if architectures and not any(str(a).endswith("ForTokenClassification") for a in architectures):
        raise _error(config_file, f"the model is a {', '.join(map(str, architectures))}, "
                                  "not a token-classification (named-entity) model")
    raw = config.get("id2label")
    if not isinstance(raw, dict) or not raw:
        raise _error(config_file, "no id2label: the model's labels are unknown")
    try:
        id2label = {int(k): str(v) for k, v in raw.items()}
    except (TypeError, ValueError):
        raise _error(config_file, "id2label keys are not label numbers") from None
    if sorted(id2label) != list(range(len(id2label))):
        raise _error(config_file, "id2label does not number its labels 0..n-1")
    bad = [lab for lab in id2label.values() if map_label(lab) is None]
    if bad or not any(lab.startswith("B-") for lab in id2label.values()):
        shown = ", ".join(sorted(set(bad or id2label.values()))[:6])
        raise _error(config_file, f"the labels ({shown}) are not named-entity labels (O, B-X, I-X)")
    return id2label


@contextlib.contextmanager
def _quiet(transformers):
    """transformers' load reports and progress bars off while loading (kg's CLI owns stderr)."""
    logging = transformers.utils.logging
    verbosity = logging.get_verbosity()
    bars = logging.is_progress_bar_enabled()
    logging.set_verbosity_error()
    logging.disable_progress_bar()
    try:
        yield
    finally:
        logging.set_verbosity(verbosity)
        if bars:
            logging.enable_progress_bar()


class BertRecogniser:
    """A BERT token classifier over words. ``tag`` gives one IOB2 tag per token."""

    labels = LABELS

    def __init__(self, model, tokenizer, id2label: dict[int, str], *, torch, device: str = "cpu",
                 batch_size: int = 32, max_length: int = MAX_LENGTH, path: Path | None = None) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.path = path
        self.device = device
        self.batch_size = batch_size
        self.max_length = max_length
        self._torch = torch
        self._budget = max_length - 2  # sub-tokens of words per input, besides [CLS] and [SEP]
        self._cls = tokenizer.cls_token_id
        self._sep = tokenizer.sep_token_id
        self._pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
        self._unk = tokenizer.unk_token_id
        # model label k → kg label index; each kg label's probability is the sum of its model labels'
        index = {lab: i for i, lab in enumerate(LABELS)}
        self._merge = np.zeros((len(id2label), len(LABELS)))
        for k, lab in id2label.items():
            self._merge[k, index[map_label(lab)]] = 1.0
        self.model_labels = tuple(id2label[k] for k in range(len(id2label)))
        # IOB2 decoding: I-X only after B-X or I-X, never first
        self._start = np.array([_NEG if y.startswith("I-") else 0.0 for y in LABELS])
        self._trans = np.array([[_NEG if b.startswith("I-") and a[2:] != b[2:] else 0.0 for b in LABELS]
                                for a in LABELS])
        self._cache: dict[str, tuple[int, ...]] = {}

    # -- loading ------------------------------------------------------------

    @classmethod
    def load(cls, model_dir: str | os.PathLike, *, device: str = "cpu", batch_size: int = 32,
             max_length: int = MAX_LENGTH) -> BertRecogniser:
        """Load a token-classification model from a local directory (nothing is downloaded).

        ``device``: a torch device ("cpu", "cuda", "cuda:1"); ``batch_size``: model inputs per
        forward pass; ``max_length``: sub-tokens per input (at most 512 and the model's
        position limit); longer sentences are cut into overlapping windows.
        Raises BertModelError when torch/transformers are missing or the directory is unusable.
        """
        path = Path(model_dir)
        if not path.is_dir():
            raise _error(path, "no such model directory")
        id2label = _read_config(path)
        if not any((path / name).is_file() for name in _WEIGHTS):
            raise _error(path, f"no model weights ({' or '.join(_WEIGHTS[:2])})")
        if not any((path / name).is_file() for name in _TOKENIZER):
            raise _error(path, f"no tokenizer ({' or '.join(_TOKENIZER)})")
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        try:
            import torch
            import transformers
        except ImportError as exc:
            raise BertModelError(f"the BERT recogniser needs torch and transformers ({exc}); {HINT}") from None
        try:
            torch_device = torch.device(device)
        except (RuntimeError, TypeError) as exc:
            raise BertModelError(f"{device!r} is not a torch device ({exc})") from None
        if torch_device.type == "cuda" and not torch.cuda.is_available():
            raise BertModelError(f"device {device!r}: torch sees no CUDA GPU; use device='cpu'")
        with _quiet(transformers):
            try:
                tokenizer = transformers.AutoTokenizer.from_pretrained(str(path), local_files_only=True)
                model, info = transformers.AutoModelForTokenClassification.from_pretrained(
                    str(path), local_files_only=True, output_loading_info=True)
            except Exception as exc:  # transformers raises OSError, ValueError, KeyError, … for bad files
                raise _error(path, f"transformers cannot load it ({type(exc).__name__}: {exc})") from None
        missing = sorted(info.get("missing_keys") or ())
        if missing:
            raise _error(path, f"the weights lack {', '.join(missing[:4])}: not a trained "
                               "token-classification model")
        if tokenizer.cls_token_id is None or tokenizer.sep_token_id is None:
            raise _error(path, "the tokenizer has no [CLS]/[SEP] tokens: not a BERT tokenizer")
        if len(tokenizer) > model.config.vocab_size:
            raise _error(path, f"the tokenizer has {len(tokenizer)} entries, the model's vocabulary "
                               f"{model.config.vocab_size}: they do not belong together")
        if {int(k): str(v) for k, v in model.config.id2label.items()} != id2label:
            raise _error(path, "the loaded model's labels differ from config.json's")
        limit = min(MAX_LENGTH, max_length, getattr(model.config, "max_position_embeddings", MAX_LENGTH))
        if limit < 3:
            raise ValueError("max_length must leave room for a word besides [CLS] and [SEP]")
        model.to(torch_device)
        model.eval()
        return cls(model, tokenizer, id2label, torch=torch, device=str(torch_device),
                   batch_size=batch_size, max_length=limit, path=path)

    # -- tagging ------------------------------------------------------------

    def _pieces(self, words: Sequence[str]) -> list[tuple[int, ...]]:
        """Sub-token ids of each word (at least one: [UNK] for a word the tokenizer drops)."""
        cache = self._cache
        new = list(dict.fromkeys(w for w in words if w not in cache))
        if new:
            if len(cache) + len(new) > _CACHE_LIMIT:
                cache.clear()
            texts = [w.translate(_UNMARK) for w in new]
            ids = self.tokenizer(texts, add_special_tokens=False)["input_ids"] if texts else []
            for word, text, got in zip(new, texts, ids):
                got = tuple(got[: self._budget]) if text.strip() else ()
                if not got and self._unk is not None:
                    got = (self._unk,)
                cache[word] = got
        return [cache[w] for w in words]

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """One IOB2 tag per token ("O", "B-PER", "I-PER", ...)."""
        return self.tag_many([tokens])[0]

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """``tag`` for several sentences, run through the model ``batch_size`` inputs at a time."""
        return [self._decode(p) if len(p) else [] for p in self.probabilities(sentences)]

    def probabilities(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """Per sentence an (n, 9) array: each word's probability of each of ``labels``, from
        the model's output at the word's first sub-token."""
        torch = self._torch
        out = [np.zeros((len(s), len(LABELS))) for s in sentences]
        # (sentence, window start, window end, sub-token ids, first-piece positions)
        inputs = []
        for si, words in enumerate(sentences):
            if not len(words):
                continue
            pieces = self._pieces(list(words))
            sizes = [len(p) for p in pieces]
            for s, e in windows(sizes, self._budget):
                ids, firsts = [self._cls], []
                for w in range(s, e):
                    firsts.append(len(ids) if sizes[w] else -1)
                    ids.extend(pieces[w])
                ids.append(self._sep)
                inputs.append((si, s, e, ids, firsts))
        # the word's prediction comes from the window where it has the most context
        best = [np.full(len(s), -1) for s in sentences]
        order = sorted(range(len(inputs)), key=lambda i: len(inputs[i][3]))
        with torch.inference_mode():
            for b in range(0, len(order), self.batch_size):
                batch = [inputs[i] for i in order[b:b + self.batch_size]]
                width = max(len(x[3]) for x in batch)
                ids = torch.full((len(batch), width), self._pad, dtype=torch.long)
                mask = torch.zeros((len(batch), width), dtype=torch.long)
                for r, x in enumerate(batch):
                    ids[r, : len(x[3])] = torch.tensor(x[3], dtype=torch.long)
                    mask[r, : len(x[3])] = 1
                logits = self.model(input_ids=ids.to(self.device), attention_mask=mask.to(self.device)).logits
                probs = torch.softmax(logits.float(), dim=-1).cpu().numpy().astype(np.float64)
                for r, (si, s, e, _, firsts) in enumerate(batch):
                    n = len(sentences[si])
                    for k, pos in enumerate(firsts):
                        w = s + k
                        context = min(w - s if s else n, e - 1 - w if e < n else n)
                        if context > best[si][w]:
                            best[si][w] = context
                            out[si][w] = probs[r, pos] @ self._merge if pos >= 0 else _only_o()
        return out

    def _decode(self, probs: np.ndarray) -> list[str]:
        """The most probable IOB2-valid tag sequence (a Viterbi pass over the words' log
        probabilities). Where each word's most probable label already makes valid IOB2,
        that is the result, as camel-tools' argmax would give it."""
        E = np.log(np.maximum(probs, 1e-30))
        n = len(E)
        back = np.empty((n, len(LABELS)), dtype=np.intp)
        score = E[0] + self._start
        cols = np.arange(len(LABELS))
        for i in range(1, n):
            cand = score[:, None] + self._trans
            back[i] = cand.argmax(axis=0)
            score = cand[back[i], cols] + E[i]
        j = int(score.argmax())
        path = [j]
        for i in range(n - 1, 0, -1):
            j = int(back[i, j])
            path.append(j)
        return [LABELS[k] for k in reversed(path)]


def windows(sizes: Sequence[int], budget: int) -> list[tuple[int, int]]:
    """Word ranges [s, e) covering a sentence whose words have ``sizes`` sub-tokens, each
    of at most ``budget`` sub-tokens (every size must be at most ``budget``). Each new window
    starts early enough to keep up to half the budget of the previous words as context."""
    n = len(sizes)
    if n == 0:
        return []
    out, s = [], 0
    while True:
        e, total = s, 0
        while e < n and total + sizes[e] <= budget:
            total += sizes[e]
            e += 1
        out.append((s, e))
        if e == n:
            return out
        room = min(budget // 2, budget - sizes[e])  # the next window must reach word e
        ns, context = e, 0
        while ns > s + 1 and context + sizes[ns - 1] <= room:
            context += sizes[ns - 1]
            ns -= 1
        s = ns


def _only_o() -> np.ndarray:
    p = np.zeros(len(LABELS))
    p[LABELS.index("O")] = 1.0
    return p
