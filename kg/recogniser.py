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
        self._cache: dict[str, tuple[np.ndarray, str]] = {}

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

    def _token(self, word: str) -> tuple[np.ndarray, str]:
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        roles, key = token_features(word)
        get = self._index.get
        unk = self._unk
        r = [roles[k] for k in ROLES]
        a = len(r[0])
        b = a + len(r[1])
        c = b + len(r[2])
        idx = [get(f, unk) for f in r[0] + r[1] + r[2] + r[3] + r[4]]
        rows = np.add.reduceat(self._W[idx], [0, a, b, c, c + len(r[3])], axis=0)  # (5, L), roles -2..+2
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[word] = hit = (rows, key)
        return hit

    def scores(self, tokens: Sequence[str]) -> np.ndarray:
        """Per-position label scores (n, L) without transitions."""
        n = len(tokens)
        toks = [self._token(t) for t in tokens]
        C = np.stack([t[0] for t in toks])  # (n, 5, L)
        E = C[:, 2].copy()
        b = self._boundary
        # role -1: token i-1 contributes to position i
        if n > 1:
            E[1:] += C[:-1, 1]
            E[:-1] += C[1:, 3]
        if n > 2:
            E[2:] += C[:-2, 0]
            E[:-2] += C[2:, 4]
        E[0] += b[-1]
        E[: min(2, n)] += b[-2]
        E[-1] += b[1]
        E[max(0, n - 2):] += b[2]
        if n > 1:
            get = self._index.get
            W = self._W
            keys = [t[1] for t in toks]
            for i in range(n - 1):
                j = get("s-1|s0=" + keys[i] + "|" + keys[i + 1])
                if j is not None:
                    E[i + 1] += W[j]
                j = get("s0|s+1=" + keys[i] + "|" + keys[i + 1])
                if j is not None:
                    E[i] += W[j]
        return E

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


_ARANGE = np.arange(64)


@functools.lru_cache(maxsize=1)
def default_recogniser() -> Recogniser:
    """The shipped model, loaded once."""
    return Recogniser.load()
