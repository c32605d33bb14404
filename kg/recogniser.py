"""Statistical named-entity recogniser for raw Arabic news tokens.

A linear-chain CRF over hand-designed, gazetteer-free features (word,
normalised word, clitic-stripped stem, affixes, shape, title/place/organisation
trigger cues, a +-2 word window and two word-pair features). Training uses
CRFsuite (``scripts/train_recogniser.py``); the weights are exported to a small
``.npz`` file and tagging is pure Python + numpy, so running the recogniser
needs nothing beyond numpy and no network.

Speed comes from the model being linear: every feature except the two pair
features depends on one token and its position relative to the token being
tagged ("role" -2..+2). For each word type the weights of its features are
summed once per role and cached, so tagging a sentence is a handful of array
additions plus a 9-label Viterbi pass.

See docs/recogniser.md for the method, scores and speed.
"""

from __future__ import annotations

import functools
import io
import json
import os
import re
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

__all__ = [
    "LABELS",
    "MODEL_PATH",
    "Recogniser",
    "default_recogniser",
    "normalise",
    "sentence_features",
    "strip_clitics",
    "token_features",
]

LABELS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC")
MODEL_PATH = Path(__file__).resolve().parent / "models" / "recogniser.npz"
FORMAT = "kg-recogniser/1"
FEATURE_SET = "f1"

# ---------------------------------------------------------------------------
# Normalisation and morphology-lite
# ---------------------------------------------------------------------------

_DIACRITICS = dict.fromkeys(
    [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE), 0x0640, 0x200C,
     0x200D, 0x200E, 0x200F],
    None,
)
_CHARMAP = {
    ord("أ"): "ا", ord("إ"): "ا", ord("آ"): "ا", ord("ٱ"): "ا",
    ord("ى"): "ي", ord("ة"): "ه", ord("ک"): "ك", ord("ی"): "ي",
}
for _i in range(10):  # Arabic-Indic and extended Arabic-Indic digits -> ASCII
    _CHARMAP[0x0660 + _i] = str(_i)
    _CHARMAP[0x06F0 + _i] = str(_i)
_TRANS = str.maketrans({**_DIACRITICS, **_CHARMAP})
_UNMARK = str.maketrans(_DIACRITICS)


def normalise(word: str) -> str:
    """Unify alef/hamza-on-alef forms, ى→ي, ة→ه, drop diacritics and tatweel."""
    return word.translate(_TRANS)


# proclitic combinations: [و|ف] [ب|ل|ك] [ال], and لل = ل + ال
_PROCLITICS = frozenset(
    {c + p + a for c in ("", "و", "ف") for p in ("", "ب", "ل", "ك") for a in ("", "ال")} - {""}
    | {"لل", "ولل", "فلل"}
)
_MAX_PROCLITIC = max(map(len, _PROCLITICS))


def strip_clitics(norm: str) -> tuple[str, str]:
    """Split leading و ف ب ل ك ال لل combinations off a normalised word.

    Returns (proclitic, stem): the longest proclitic that leaves a stem of at
    least 3 letters (2 after ال), so short words and many names that start
    with those letters survive.
    """
    for k in range(min(_MAX_PROCLITIC, len(norm) - 2), 0, -1):
        p = norm[:k]
        if p in _PROCLITICS:
            rest = norm[k:]
            if len(rest) >= 3 or (p.endswith("ال") and len(rest) >= 2):
                return p, rest
    return "", norm


def _word_set(text: str) -> frozenset[str]:
    return frozenset(normalise(w) for w in text.split())


# Trigger cues: a word is a cue if it, or what is left after one of the
# proclitic combinations above, is in a list (so وزير, والوزير, للوزير all are).
_TRIGGERS = {
    "TPER": _word_set(
        "رئيس رئيسه وزير وزيره متحدث متحدثه ناطق سيد سيده شيخ ملك ملكه امير اميره نائب سفير "
        "مدير قائد زعيم امين مستشار لاعب مدرب دكتور د استاذ عقيد لواء عميد جنرال مفتي امام "
        "مبعوث مراسل كاتب فنان مطرب مغني ممثل مخرج قاضي محامي نجم بطل حارس مهاجم بابا مرشح "
        "زوجه ابن نجل شقيق سلطان حاج قس كاردينال مطران اخ سيناتور رئيسا وزيرا"
    ),
    "TLOC": _word_set(
        "مدينه بلده محافظه قريه ولايه اقليم منطقه عاصمه جزيره جزر نهر بحر جبل جبال مخيم حي شارع "
        "دوله جمهوريه مملكه اماره مقاطعه ضاحيه بلدات مدن مدينتي بلاد ميناء مطار وادي صحراء خليج "
        "محيط قطاع ضفه ساحل حدود"
    ),
    "TORG": _word_set(
        "حركه حزب منظمه وكاله شركه جامعه مجلس اتحاد جمعيه هيئه لجنه جبهه بنك مصرف صحيفه "
        "مجموعه وزاره جيش نادي فريق مؤسسه معهد مركز تنظيم قناه اذاعه تلفزيون محكمه برلمان "
        "منتدى ائتلاف تحالف كتائب سرايا صندوق بورصه مجمع اكاديميه رابطه نقابه"
    ),
    "TDIR": _word_set("شمال جنوب شرق غرب وسط شمالي جنوبي شرقي غربي"),
    "TSAY": _word_set(
        "قال قالت اعلن اعلنت اكد اكدت اضاف اضافت صرح صرحت اوضح اوضحت ذكر ذكرت اشار اشارت "
        "افاد افادت يقول تقول"
    ),
}
# word -> cue name; a word in two lists gets the first list's name
_TRIGGER_OF = {w: name for name, words in reversed(_TRIGGERS.items()) for w in words}


def _trigger(norm: str) -> str:
    """Cue class of a normalised word ("" if none), trying each proclitic split."""
    t = _TRIGGER_OF.get(norm)
    if t is not None:
        return t
    for k in range(1, min(_MAX_PROCLITIC, len(norm) - 1) + 1):
        if norm[:k] in _PROCLITICS:
            t = _TRIGGER_OF.get(norm[k:])
            if t is not None:
                return t
    return ""


_ARABIC_WORD = re.compile("[\\u0621-\\u064A\\u0671-\\u06D3][\\u0621-\\u065F\\u0671-\\u06D3]*")


def _shape(word: str) -> str:
    """A = Arabic letters, L = other letters, D = digits, P = anything else."""
    if _ARABIC_WORD.fullmatch(word):
        return "A"
    has_ar = has_lat = has_dig = has_other = False
    for ch in word:
        o = ord(ch)
        if 0x0621 <= o <= 0x064A or 0x0671 <= o <= 0x06D3:
            has_ar = True
        elif ch.isdigit():
            has_dig = True
        elif ch.isalpha():
            has_lat = True
        elif 0x064B <= o <= 0x065F or o == 0x0640:
            pass
        else:
            has_other = True
    s = ("A" if has_ar else "") + ("L" if has_lat else "") + ("D" if has_dig else "") + ("P" if has_other else "")
    return s or "E"


def _len_bucket(n: int) -> str:
    if n <= 2:
        return str(n)
    if n <= 4:
        return "3-4"
    if n <= 6:
        return "5-6"
    if n <= 8:
        return "7-8"
    return "9+"


# ---------------------------------------------------------------------------
# Features
# ---------------------------------------------------------------------------

ROLES = (-2, -1, 0, 1, 2)
# Features of the tokens outside the sentence, per role.
_BOUNDARY = {-2: ["-2:BOS"], -1: ["-1:BOS"], 1: ["+1:EOS"], 2: ["+2:EOS"]}


def token_features(word: str) -> tuple[dict[int, list[str]], str]:
    """Features that a token contributes in each role -2..+2, and its pair key.

    Role k lists the features the token emits when it sits k positions from the
    token being tagged. The pair key (the stem) feeds the two word-pair
    features, which are built per position.
    """
    n = normalise(word)
    cl, stem = strip_clitics(n)
    trig = _trigger(n)
    shape = _shape(word)
    lb = _len_bucket(len(stem))
    f0 = [
        "b",  # bias
        "w=" + word.translate(_UNMARK),  # spelling as written, less diacritics and tatweel
        "n=" + n,
        "s=" + stem,
        "cl=" + cl,
        "sh=" + shape,
        "len=" + lb,
        "p2=" + n[:2],
        "p3=" + n[:3],
        "x1=" + n[-1:],
        "x2=" + n[-2:],
        "x3=" + n[-3:],
        "x4=" + n[-4:],
        "sp2=" + stem[:2],
        "sp3=" + stem[:3],
        "sx2=" + stem[-2:],
        "sx3=" + stem[-3:],
    ]
    if trig:
        f0.append("t=" + trig)
    b = "<" + stem + ">"  # character 3- and 4-grams of the stem, each once, in order
    f0.extend(dict.fromkeys("g3=" + b[i:i + 3] for i in range(len(b) - 2)))
    f0.extend(dict.fromkeys("g4=" + b[i:i + 4] for i in range(len(b) - 3)))
    fm1 = ["-1:n=" + n, "-1:s=" + stem, "-1:cl=" + cl, "-1:sh=" + shape, "-1:x2=" + n[-2:],
           "-1:x3=" + n[-3:], "-1:p3=" + stem[:3], "-1:len=" + lb]
    fp1 = ["+1:n=" + n, "+1:s=" + stem, "+1:cl=" + cl, "+1:sh=" + shape, "+1:x2=" + n[-2:],
           "+1:x3=" + n[-3:], "+1:p3=" + stem[:3], "+1:len=" + lb]
    fm2 = ["-2:s=" + stem]
    fp2 = ["+2:s=" + stem]
    if trig:
        fm1.append("-1:t=" + trig)
        fp1.append("+1:t=" + trig)
        fm2.append("-2:t=" + trig)
        fp2.append("+2:t=" + trig)
    return {-2: fm2, -1: fm1, 0: f0, 1: fp1, 2: fp2}, stem


def _pair_features(keys: Sequence[str], i: int) -> list[str]:
    out = []
    if i > 0:
        out.append("s-1|s0=" + keys[i - 1] + "|" + keys[i])
    if i + 1 < len(keys):
        out.append("s0|s+1=" + keys[i] + "|" + keys[i + 1])
    return out


def sentence_features(tokens: Sequence[str]) -> list[list[str]]:
    """Full feature lists per position (what CRFsuite sees at training time)."""
    per_tok = [token_features(t) for t in tokens]
    keys = [p[1] for p in per_tok]
    n = len(tokens)
    out = []
    for i in range(n):
        feats: list[str] = []
        for k in ROLES:
            j = i + k
            if 0 <= j < n:
                feats.extend(per_tok[j][0][k])
            else:
                feats.extend(_BOUNDARY[k])
        feats.extend(_pair_features(keys, i))
        out.append(feats)
    return out


# ---------------------------------------------------------------------------
# Model
# ---------------------------------------------------------------------------

_CACHE_LIMIT = 50_000  # word types; about 650 bytes each
_PAIR_LIMIT = 100_000  # pairs of neighbouring words; about 200 bytes each
_NEG = -1e9


class Recogniser:
    """Linear-chain CRF tagger. ``tag`` gives one BIO tag per token."""

    def __init__(
        self,
        labels: Sequence[str],
        features: Sequence[str],
        state: np.ndarray,
        trans: np.ndarray,
        meta: dict | None = None,
    ) -> None:
        self.labels = tuple(labels)
        L = len(self.labels)
        state = np.asarray(state, dtype=np.float64)
        trans = np.asarray(trans, dtype=np.float64)
        if state.shape != (len(features), L) or trans.shape != (L, L):
            raise ValueError("model arrays do not match the label and feature lists")
        self.meta = dict(meta or {})
        self._index = {f: i for i, f in enumerate(features)}
        # row len(features) is all zeros: the target of unknown features
        self._W = np.vstack([state, np.zeros((1, L))])
        self._unk = len(features)
        self._trans = trans
        # IOB2 constraints for decoding: I-X only after B-X or I-X, never first
        self._start = np.array([_NEG if y.startswith("I-") else 0.0 for y in self.labels])
        self._dtrans = trans + np.array(
            [[_NEG if b.startswith("I-") and a[2:] != b[2:] else 0.0 for b in self.labels] for a in self.labels]
        )
        self._boundary = {k: self._sum(v) for k, v in _BOUNDARY.items()}
        # Stems that are the first or the second of some pair feature ("s-1|s0=A|B",
        # "s0|s+1=A|B"): a pair of neighbours has a pair feature only if the first word's
        # stem is in _lefts and the second's in _rights. A "|" inside a stem makes the
        # split ambiguous, so every split is taken: the sets can hold more, never less.
        self._lefts: set[str] = set()
        self._rights: set[str] = set()
        for f in self._index:
            if f.startswith(("s-1|s0=", "s0|s+1=")):
                rest = f[7:]
                for at in (k for k, ch in enumerate(rest) if ch == "|"):
                    self._lefts.add(rest[:at])
                    self._rights.add(rest[at + 1:])
        self._clear_cache()

    # -- persistence --------------------------------------------------------

    @classmethod
    def load(cls, path: str | os.PathLike | None = None) -> Recogniser:
        """Load a model file (``None``: the model shipped in kg/models/)."""
        p = Path(path) if path is not None else MODEL_PATH
        with np.load(p, allow_pickle=False) as z:
            meta = json.loads(bytes(z["meta"]).decode("utf-8"))
            if meta.get("format") != FORMAT:
                raise ValueError(f"{p}: not a {FORMAT} model file")
            if meta.get("feature_set") != FEATURE_SET:
                raise ValueError(f"{p}: feature set {meta.get('feature_set')!r}, this code has {FEATURE_SET!r}")
            labels = bytes(z["labels"]).decode("utf-8").split("\n")
            blob = bytes(z["features"]).decode("utf-8")
            features = blob.split("\n") if blob else []
            state = z["state"].astype(np.float64) * float(meta.get("scale", 1.0))
            trans = z["trans"].astype(np.float64)
        return cls(labels, features, state, trans, meta)

    def save(self, path: str | os.PathLike, *, dtype: str = "float16") -> None:
        """Write the model as .npz (state weights quantised to ``dtype``)."""
        features = [None] * self._unk
        for f, i in self._index.items():
            if "\n" in f:
                raise ValueError(f"feature {f!r} contains a newline and cannot be stored")
            features[i] = f
        state = self._W[: self._unk]
        meta = dict(self.meta, format=FORMAT, feature_set=FEATURE_SET)
        scale = 1.0
        if dtype == "float16" and state.size:
            scale = float(np.abs(state).max()) / 60000.0 or 1.0
        meta["scale"] = scale
        arrays = {
            "meta": np.frombuffer(json.dumps(meta, ensure_ascii=False, sort_keys=True).encode("utf-8"),
                                  dtype=np.uint8),
            "labels": np.frombuffer("\n".join(self.labels).encode("utf-8"), dtype=np.uint8),
            "features": np.frombuffer("\n".join(features).encode("utf-8"), dtype=np.uint8),
            "state": (state / scale).astype(dtype),
            "trans": self._trans.astype(np.float32),
        }
        # an .npz that np.load reads, written with fixed timestamps so the same
        # weights give the same bytes
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name, arr in arrays.items():
                info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                buf = io.BytesIO()
                np.lib.format.write_array(buf, np.ascontiguousarray(arr), allow_pickle=False)
                zf.writestr(info, buf.getvalue(), compresslevel=9)

    @classmethod
    def from_weights(
        cls,
        labels: Sequence[str],
        state_weights: dict[tuple[str, str], float],
        trans_weights: dict[tuple[str, str], float],
        meta: dict | None = None,
    ) -> Recogniser:
        """Build from sparse (feature, label) -> weight and (label, label) -> weight maps."""
        lab_i = {lab: i for i, lab in enumerate(labels)}
        feats = sorted({f for f, _ in state_weights})
        f_i = {f: i for i, f in enumerate(feats)}
        state = np.zeros((len(feats), len(labels)))
        for (f, lab), w in state_weights.items():
            state[f_i[f], lab_i[lab]] = w
        trans = np.zeros((len(labels), len(labels)))
        for (a, b), w in trans_weights.items():
            trans[lab_i[a], lab_i[b]] = w
        return cls(labels, feats, state, trans, meta)

    # -- tagging ------------------------------------------------------------

    def _sum(self, feats: Iterable[str]) -> np.ndarray:
        get = self._index.get
        unk = self._unk
        return self._W[[get(f, unk) for f in feats]].sum(axis=0)

    def _word_rows(self, word: str) -> tuple[np.ndarray, str]:
        """A word's summed feature weights in each role -2..+2, (5, L), and its stem."""
        roles, key = token_features(word)
        get = self._index.get
        unk = self._unk
        r = [roles[k] for k in ROLES]
        a = len(r[0])
        b = a + len(r[1])
        c = b + len(r[2])
        idx = [get(f, unk) for f in r[0] + r[1] + r[2] + r[3] + r[4]]
        return np.add.reduceat(self._W[idx], [0, a, b, c, c + len(r[3])], axis=0), key

    def _clear_cache(self) -> None:
        # word -> row of self._rows, which holds the word's _word_rows; its stem by row.
        # Row 0 is all zeros: the rows around each sentence in _emissions.
        self._word_id: dict[str, int] = {}
        self._rows = np.zeros((1024, len(ROLES), len(self.labels)))
        self._stems: list[str] = [""]
        self._sides = np.zeros(1024, dtype=np.uint8)  # by row: 1 if the stem is in _lefts, 2 _rights
        # (row, row) of two neighbouring words -> rows of W of their two pair features
        self._pairs: dict[tuple[int, int], tuple[int | None, int | None]] = {}

    def _word_ids(self, sentences: Sequence[Sequence[str]]) -> list[int]:
        """The cache row of every token of the sentences, one after another; new words
        are added. The cache is cleared between calls, never during one, once it holds
        _CACHE_LIMIT words or _PAIR_LIMIT pairs."""
        if len(self._word_id) >= _CACHE_LIMIT or len(self._pairs) >= _PAIR_LIMIT:
            self._clear_cache()
        word_id = self._word_id
        get = word_id.get
        ids = [get(w) for s in sentences for w in s]
        if None in ids:
            words = [w for s in sentences for w in s]
            stems, known = self._stems, len(self._stems)
            rows, sides = [], []
            for p, i in enumerate(ids):
                if i is None:
                    word = words[p]
                    i = get(word)
                    if i is None:
                        word_rows, stem = self._word_rows(word)
                        i = word_id[word] = len(stems)
                        stems.append(stem)
                        rows.append(word_rows)
                        sides.append((stem in self._lefts) | (stem in self._rights) << 1)
                    ids[p] = i
            while len(stems) > len(self._rows):
                self._rows = np.concatenate([self._rows, np.empty_like(self._rows)])
                self._sides = np.concatenate([self._sides, np.empty_like(self._sides)])
            self._rows[known:len(stems)] = rows
            self._sides[known:len(stems)] = sides
        return ids

    def _emissions(self, sentences: Sequence[Sequence[str]]) -> tuple[np.ndarray, list[int]]:
        """Label scores without transitions of the tokens of several sentences, and the row
        of each sentence's first token: the sentences lie one after another, with two
        rows before, between and after them that belong to no token.

        Each token gets the same additions in the same order as in a sentence scored
        alone, except that a neighbour outside the sentence adds zeros (the row around
        it) where the sentence alone adds nothing. x + 0.0 is x for every x but -0.0,
        and a score is -0.0 only if all it sums is: the bias weight (or the unknown
        feature's zero row) is part of every score, and the shipped model has no -0.0
        weight. So the scores are the same numbers as one sentence at a time.
        """
        ids = self._word_ids(sentences)
        padded = [0, 0]
        starts = []
        k = 0
        for s in sentences:
            starts.append(len(padded))
            padded += ids[k:k + len(s)]
            padded += (0, 0)
            k += len(s)
        C = self._rows[padded]  # (rows, 5, L): each token's weights in roles -2..+2
        E = C[:, 2].copy()
        E[1:] += C[:-1, 1]  # role -1: the token before contributes to this position
        E[:-1] += C[1:, 3]
        E[2:] += C[:-2, 0]
        E[:-2] += C[2:, 4]
        first, second, last, second_last = [], [], [], []
        for start, s in zip(starts, sentences):
            if len(s):
                first.append(start)
                last.append(start + len(s) - 1)
                if len(s) > 1:
                    second.append(start + 1)
                    second_last.append(start + len(s) - 2)
        b = self._boundary
        E[first] += b[-1]
        E[first + second] += b[-2]
        E[last] += b[1]
        E[last + second_last] += b[2]
        # The two word-pair features, looked up once per pair of neighbouring words that
        # may have one. A pair with a row around a sentence has none (its row's sides are 0).
        pairs = self._pairs
        stems = self._stems
        get = self._index.get
        to_first, first_rows, to_second, second_rows = [], [], [], []
        sides = self._sides[padded]
        for p in np.flatnonzero(sides[:-1] & (sides[1:] >> 1)).tolist():
            pair = padded[p], padded[p + 1]
            hit = pairs.get(pair)
            if hit is None:
                joined = stems[pair[0]] + "|" + stems[pair[1]]
                hit = pairs[pair] = get("s-1|s0=" + joined), get("s0|s+1=" + joined)
            if hit[0] is not None:
                to_second.append(p + 1)
                second_rows.append(hit[0])
            if hit[1] is not None:
                to_first.append(p)
                first_rows.append(hit[1])
        if to_second:
            E[to_second] += self._W[second_rows]
        if to_first:
            E[to_first] += self._W[first_rows]
        return E, starts

    def scores(self, tokens: Sequence[str]) -> np.ndarray:
        """Per-position label scores (n, L) without transitions."""
        E, starts = self._emissions([tokens])
        return E[starts[0]:starts[0] + len(tokens)]

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """One IOB2 tag per token ("O", "B-PER", "I-PER", ...).

        Viterbi decoding under IOB2 constraints, so an I-X tag always continues
        a B-X/I-X. Where the unconstrained best path is already valid IOB2 (all
        of ANERcorp test), the result is the same as CRFsuite's own tagger.
        """
        n = len(tokens)
        if n == 0:
            return []
        E = self.scores(tokens)
        T = self._dtrans
        back = np.empty((n, len(self.labels)), dtype=np.intp)
        score = E[0] + self._start
        for i in range(1, n):
            cand = score[:, None] + T
            best = cand.argmax(axis=0)
            back[i] = best
            score = cand[best, _ARANGE[: len(score)]] + E[i]
        j = int(score.argmax())
        path = [j]
        for i in range(n - 1, 0, -1):
            j = int(back[i, j])
            path.append(j)
        labels = self.labels
        return [labels[k] for k in reversed(path)]

    def tag_many(self, sentences: Iterable[Sequence[str]]) -> list[list[str]]:
        """``tag`` for each of several sentences, the same tags as one at a time.

        Faster than a call per sentence: the Viterbi pass steps through all the
        sentences together, one numpy step per position of the longest, with the
        same arithmetic as ``tag``.
        """
        sentences = list(sentences)
        out: list[list[str]] = [[] for _ in sentences]
        full = [k for k, s in enumerate(sentences) if len(s)]
        if not full:
            return out
        E, starts = self._emissions([sentences[k] for k in full])
        lengths = [len(sentences[k]) for k in full]
        n = np.array(lengths)
        m = int(n.max())
        # Arrays are (position, label, sentence), so that numpy's inner loops run along
        # the sentences. Every sentence takes every step; past its end it repeats its
        # last position, and what that adds is never read.
        rows = np.array(starts)[None, :] + np.minimum(np.arange(m)[:, None], n[None, :] - 1)
        Ep = E[rows].transpose(0, 2, 1).copy()
        L = len(self.labels)
        T = np.repeat(self._dtrans[:, :, None], len(full), axis=2)  # (from, to, sentence)
        score = np.empty((m, L, len(full)))
        np.add(Ep[0], self._start[:, None], out=score[0])
        cand = np.empty((L, L, len(full)))
        best = np.empty((L, len(full)))
        add, maximum = np.add, np.maximum.reduce
        for previous, emitted, current in zip(score[:-1, :, None], Ep[1:], score[1:]):
            add(previous, T, out=cand)  # (from, to, sentence)
            maximum(cand, axis=0, out=best)
            add(best, emitted, out=current)
        # The back pointers of the positions that are in a sentence, all at once: the same
        # candidates, so argmax picks the same predecessors (and the maximum above is the
        # candidate it picks, as no candidate is -0.0).
        b_of = np.repeat(np.arange(len(full)), n - 1)
        t_of = np.arange(len(b_of)) - np.repeat(np.cumsum(n - 1) - (n - 1), n - 1) + 1
        prev = np.tile(score[t_of - 1, :, b_of], (1, L))  # (positions, to × from)
        back = (prev + self._dtrans.T.reshape(1, L * L)).reshape(-1, L, L).argmax(axis=2).tolist()
        last = score[n - 1, :, np.arange(len(full))].argmax(axis=1).tolist()
        labels = self.labels
        row = 0
        for b, k in enumerate(full):
            j = last[b]
            path = [j]
            for r in range(row + lengths[b] - 2, row - 1, -1):
                j = back[r][j]
                path.append(j)
            row += lengths[b] - 1
            out[k] = [labels[x] for x in reversed(path)]
        return out


_ARANGE = np.arange(64)


@functools.lru_cache(maxsize=1)
def default_recogniser() -> Recogniser:
    """The shipped model, loaded once."""
    return Recogniser.load()
