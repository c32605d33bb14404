#!/usr/bin/env python
"""Train (and evaluate) the kg named-entity recogniser.

Reproduces the shipped model kg/models/recogniser.npz:

    python scripts/train_recogniser.py

Data: ../shared/data/ner relative to the repo root (override with --data).
Training text is anercorp/train.conll (optionally plus AQMAR); the score
printed at the end is on anercorp/test.conll, entity level (exact span and
type, conlleval-style micro F1). ANERcorp test text is never used for
training, and NewsFANEGold (which contains it) is not read at all.

--dev holds out three 5 % blocks of ANERcorp train sentences for model
selection and neither trains on them nor touches the test file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.recogniser import LABELS, MODEL_PATH, Recogniser, sentence_features  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ner"
SEED = 20240607


# ---------------------------------------------------------------------------
# data
# ---------------------------------------------------------------------------

def read_conll(path: Path) -> list[list[tuple[str, str]]]:
    sents, cur = [], []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            tok, tag = line.split("\t")
            cur.append((tok, tag))
    if cur:
        sents.append(cur)
    return sents


def dev_split(sents):
    """Hold out three contiguous 5 % blocks (at 20 %, 50 % and 80 %) of ANERcorp train.

    Contiguous blocks keep an article's sentences together, so names repeated
    within one article do not leak from training into the held-out part.
    """
    n = len(sents)
    held = set()
    for start in (0.20, 0.50, 0.80):
        held.update(range(int(n * start), int(n * (start + 0.05))))
    return [s for i, s in enumerate(sents) if i not in held], [s for i, s in enumerate(sents) if i in held]


def drop_misc(sents):
    """AQMAR's MISC is article-specific (particles, software, ...): make it O."""
    return [[(t, "O" if y.endswith("MISC") else y) for t, y in s] for s in sents]


def split_long(sents, max_len=200):
    """Cut a few over-long pseudo-sentences so no training item is huge."""
    out = []
    for s in sents:
        while len(s) > max_len:
            cut = max_len
            while cut > max_len // 2 and s[cut][1].startswith("I-"):
                cut -= 1
            out.append(s[:cut])
            s = s[cut:]
        out.append(s)
    return out


# ---------------------------------------------------------------------------
# scoring (conlleval semantics)
# ---------------------------------------------------------------------------

def entities(tags):
    """Set of (start, end, type) chunks; an I-X not continuing an X chunk starts one."""
    out, start, typ = set(), None, None
    for i, t in enumerate(list(tags) + ["O"]):
        if t == "O" or t.startswith("B-") or (t.startswith("I-") and t[2:] != typ):
            if typ is not None:
                out.add((start, i, typ))
            start, typ = (i, t[2:]) if t != "O" else (None, None)
    return out


def score(gold_seqs, pred_seqs, types=("PER", "ORG", "LOC", "MISC")):
    tp, ng, np_ = Counter(), Counter(), Counter()
    for g, p in zip(gold_seqs, pred_seqs):
        ge, pe = entities(g), entities(p)
        for e in ge:
            ng[e[2]] += 1
        for e in pe:
            np_[e[2]] += 1
        for e in ge & pe:
            tp[e[2]] += 1

    def prf(ts):
        t = sum(tp[x] for x in ts)
        g = sum(ng[x] for x in ts)
        p = sum(np_[x] for x in ts)
        pr = t / p if p else 0.0
        rc = t / g if g else 0.0
        f = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
        return {"p": round(pr, 4), "r": round(rc, 4), "f1": round(f, 4), "gold": g, "pred": p, "tp": t}

    res = {"micro": prf(types), "per_type": {x: prf([x]) for x in types}}
    res["PER_ORG_LOC"] = prf([x for x in types if x != "MISC"])
    tok_ok = sum(a == b for g, p in zip(gold_seqs, pred_seqs) for a, b in zip(g, p))
    res["token_accuracy"] = round(tok_ok / max(1, sum(len(g) for g in gold_seqs)), 4)
    return res


# ---------------------------------------------------------------------------
# trainers
# ---------------------------------------------------------------------------

def train_crf(train, *, c1, c2, max_iter, min_freq, aux=(), verbose=False):
    """CRFsuite L-BFGS. ``aux`` sentences (out of domain) get a private copy of
    every feature ("aux|f") besides the shared one (Daume's feature augmentation);
    the private copies are dropped from the exported model."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=verbose)
    for s in train:
        toks = [t for t, _ in s]
        trainer.append(sentence_features(toks), [y for _, y in s])
    for s in aux:
        fs = sentence_features([t for t, _ in s])
        trainer.append([f + ["aux|" + x for x in f] for f in fs], [y for _, y in s])
    trainer.set_params({
        "c1": c1,
        "c2": c2,
        "max_iterations": max_iter,
        "feature.minfreq": min_freq,
        "feature.possible_transitions": True,
    })
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        path = str(Path(d) / "m.crfsuite")
        trainer.train(path)
        tagger = pycrfsuite.Tagger()
        tagger.open(path)
        info = tagger.info()
        tagger.close()
    state = {k: v for k, v in info.state_features.items() if v != 0.0 and not k[0].startswith("aux|")}
    trans = dict(info.transitions)
    return state, trans


def train_perceptron(train, *, epochs, min_freq, seed):
    """Averaged structured perceptron with the same features and Viterbi decoder."""
    labels = list(LABELS)
    L = len(labels)
    lab_i = {y: i for i, y in enumerate(labels)}
    counts = Counter()
    feats_per = []
    for s in train:
        fs = sentence_features([t for t, _ in s])
        feats_per.append(fs)
        for f in fs:
            counts.update(f)
    vocab = sorted(f for f, c in counts.items() if c >= min_freq)
    f_i = {f: i for i, f in enumerate(vocab)}
    data = []
    for fs, s in zip(feats_per, train):
        ids = [np.array([f_i[x] for x in f if x in f_i], dtype=np.int64) for f in fs]
        data.append((ids, np.array([lab_i[y] for _, y in s])))
    F = len(vocab)
    W = np.zeros((F, L))
    Wsum = np.zeros((F, L))  # accumulated c * update, for averaging
    T = np.zeros((L, L))
    Tsum = np.zeros((L, L))
    c = 1
    rng = random.Random(seed)
    order = list(range(len(data)))
    for ep in range(epochs):
        rng.shuffle(order)
        errs = 0
        for k in order:
            ids, gold = data[k]
            E = np.stack([W[i].sum(axis=0) for i in ids])
            pred = _viterbi(E, T)
            if not np.array_equal(pred, gold):
                errs += 1
                for pos, (g, p) in enumerate(zip(gold, pred)):
                    if g != p:
                        W[ids[pos], g] += 1
                        W[ids[pos], p] -= 1
                        Wsum[ids[pos], g] += c
                        Wsum[ids[pos], p] -= c
                for pos in range(1, len(gold)):
                    gp, gc, pp, pc = gold[pos - 1], gold[pos], pred[pos - 1], pred[pos]
                    if (gp, gc) != (pp, pc):
                        T[gp, gc] += 1
                        T[pp, pc] -= 1
                        Tsum[gp, gc] += c
                        Tsum[pp, pc] -= c
            c += 1
        print(f"  epoch {ep + 1}: {errs}/{len(data)} sentences wrong", flush=True)
    Wa = W - Wsum / c
    Ta = T - Tsum / c
    keep = np.abs(Wa).max(axis=1) > 1e-9
    state = {}
    for i in np.nonzero(keep)[0]:
        for j in range(L):
            if Wa[i, j] != 0.0:
                state[(vocab[i], labels[j])] = float(Wa[i, j])
    trans = {(labels[a], labels[b]): float(Ta[a, b]) for a in range(L) for b in range(L)}
    return state, trans


def _viterbi(E, T):
    n, L = E.shape
    back = np.zeros((n, L), dtype=np.int64)
    score = E[0].copy()
    ar = np.arange(L)
    for i in range(1, n):
        cand = score[:, None] + T
        best = cand.argmax(axis=0)
        back[i] = best
        score = cand[best, ar] + E[i]
    path = [int(score.argmax())]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    return np.array(path[::-1])


# ---------------------------------------------------------------------------
# speed
# ---------------------------------------------------------------------------

def measure_speed(model_path, sents, repeats=3):
    """Tokens/s of Recogniser.tag on fresh loads (cold cache) and warm cache."""
    token_lists = [[t for t, _ in s] for s in sents]
    n_tok = sum(map(len, token_lists))
    cold = []
    for _ in range(repeats):
        rec = Recogniser.load(model_path)
        t0 = time.perf_counter()
        for toks in token_lists:
            rec.tag(toks)
        cold.append(n_tok / (time.perf_counter() - t0))
    warm = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for toks in token_lists:
            rec.tag(toks)
        warm.append(n_tok / (time.perf_counter() - t0))
    t0 = time.perf_counter()
    Recogniser.load(model_path)
    load_s = time.perf_counter() - t0
    return {"tokens": n_tok, "cold_tok_per_s": round(max(cold)), "warm_tok_per_s": round(max(warm)),
            "load_s": round(load_s, 3)}


# ---------------------------------------------------------------------------

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--trainer", choices=["crf", "perceptron"], default="crf")
    ap.add_argument("--aqmar", choices=["none", "nomisc", "all", "feda", "feda-nomisc"], default="feda-nomisc",
                    help="AQMAR in training: none; pooled with ANERcorp, MISC made O (nomisc) or kept (all); "
                         "or with feature augmentation, its features also copied into a private "
                         "space that is dropped from the model (feda, feda-nomisc; CRF only)")
    ap.add_argument("--c1", type=float, default=0.01, help="CRF L1 penalty")
    ap.add_argument("--c2", type=float, default=0.01, help="CRF L2 penalty")
    ap.add_argument("--max-iter", type=int, default=150, help="CRF L-BFGS iterations")
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--min-freq", type=int, default=1)
    ap.add_argument("--dev", action="store_true", help="train on 85 %% of train, score on held-out blocks of it; no test")
    ap.add_argument("--report", type=Path, help="write scores and timings as JSON here")
    ap.add_argument("--no-speed", action="store_true")
    args = ap.parse_args(argv)

    random.seed(SEED)
    np.random.seed(SEED)
    ner = args.data
    if not (ner / "anercorp" / "train.conll").is_file():
        ap.error(f"no ANERcorp data under {ner} (see --data)")
    if args.trainer == "perceptron" and args.aqmar.startswith("feda"):
        ap.error("--aqmar feda/feda-nomisc needs --trainer crf; use none, nomisc or all with the perceptron")
    t_start = time.perf_counter()
    train = read_conll(ner / "anercorp" / "train.conll")
    if args.dev:
        train, evalset = dev_split(train)
        eval_name = "anercorp/train dev blocks (15 %)"
    else:
        evalset, eval_name = read_conll(ner / "anercorp" / "test.conll"), "anercorp/test"
    n_aner = len(train)
    aux = []
    if args.aqmar != "none":
        aq = read_conll(ner / "aqmar" / "aqmar.conll")
        if args.aqmar.endswith("nomisc"):
            aq = drop_misc(aq)
        if args.aqmar.startswith("feda"):
            aux = split_long(aq)
        else:
            train = train + aq
    train = split_long(train)
    print(f"training on {len(train) + len(aux)} sentences ({n_aner} ANERcorp"
          f"{f', {len(aux)} AQMAR feature-augmented' if aux else ''}), "
          f"{sum(map(len, train)) + sum(map(len, aux))} tokens; trainer={args.trainer}", flush=True)

    t0 = time.perf_counter()
    if args.trainer == "crf":
        state, trans = train_crf(train, c1=args.c1, c2=args.c2, max_iter=args.max_iter, min_freq=args.min_freq,
                                 aux=aux)
        params = {"c1": args.c1, "c2": args.c2, "max_iterations": args.max_iter, "min_freq": args.min_freq}
    else:
        state, trans = train_perceptron(train, epochs=args.epochs, min_freq=args.min_freq, seed=SEED)
        params = {"epochs": args.epochs, "min_freq": args.min_freq, "seed": SEED}
    train_s = time.perf_counter() - t0
    print(f"trained in {train_s:.1f} s; {len({f for f, _ in state})} features", flush=True)

    meta = {
        "trainer": args.trainer,
        "params": params,
        "training_data": "anercorp/train" + ("[dev split]" if args.dev else "") +
                         ("" if args.aqmar == "none" else f" + aqmar ({args.aqmar})"),
        "licence": "CC BY-SA 4.0; trained on ANERcorp (Benajiba et al., CAMeL Lab split)"
                   + (" and AQMAR (Mohit et al. 2012)" if args.aqmar != "none" else ""),
    }
    full = Recogniser.from_weights(LABELS, state, trans, meta)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    full.save(args.out)
    rec = Recogniser.load(args.out)  # score exactly what was written
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB, sha256 {digest[:16]}...)")

    gold = [[y for _, y in s] for s in evalset]
    pred = [rec.tag([t for t, _ in s]) for s in evalset]
    changed = sum(a != b for s, p in zip(evalset, pred) for a, b in zip(full.tag([t for t, _ in s]), p))
    print(f"float16 weights change {changed} of {sum(map(len, gold))} tags against the float64 weights")
    res = score(gold, pred)
    print(f"\nscores on {eval_name} (entity level, exact span + type)")
    print(f"  {'':12s} {'P':>6s} {'R':>6s} {'F1':>6s} {'gold':>5s}")
    rows = [("micro(all)", res["micro"])] + list(res["per_type"].items()) + [("PER/ORG/LOC", res["PER_ORG_LOC"])]
    for name, r in rows:
        print(f"  {name:12s} {r['p']:6.3f} {r['r']:6.3f} {r['f1']:6.3f} {r['gold']:5d}")
    out = {"eval": eval_name, "scores": res, "train_seconds": round(train_s, 1), "sha256": digest,
           "quantisation_changed_tags": changed,
           "total_seconds": round(time.perf_counter() - t_start, 1),
           "model_bytes": args.out.stat().st_size, "meta": meta,
           "python": platform.python_version()}
    if not args.no_speed:
        sp = measure_speed(args.out, evalset)
        out["speed"] = sp
        print(f"\nspeed: {sp['cold_tok_per_s']} tok/s from a fresh load, {sp['warm_tok_per_s']} tok/s warm, "
              f"load {sp['load_s']} s")
    if args.report:
        args.report.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return out


if __name__ == "__main__":
    main()
