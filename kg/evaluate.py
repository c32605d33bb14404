"""Score analyses against gold annotations: precision, recall and F1 per category.

The matching rules are those of the reference scorer (shared/tools/score.py,
described in shared/gold/FORMAT.md), ported here so that ``kg eval`` needs no
file outside the package; a test checks that both give the same numbers.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

from kg import analyse
from kg.extract import Extractor, Settings, analysis_json
from kg.model import Article


SYMMETRIC = {"ALLIED_WITH", "OPPOSES"}
DIAC = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s or "").lower()
    s = DIAC.sub("", s)
    s = re.sub("[إأآٱ]", "ا", s).replace("ى", "ي").replace("ة", "ه").replace("ؤ", "و").replace("ئ", "ي")
    s = re.sub(r"[\"'`’‘«»()\[\]{}.,،:;!?؟\-–—_/]", " ", s)
    s = re.sub(r"^the\s+", "", s.strip())
    return " ".join(s.split())


def variants(s: str) -> set:
    """A normalised string and its forms without a leading clitic and article."""
    n = norm(s)
    out = {n}
    for pre in ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل"):
        if n.startswith(pre) and len(n) - len(pre) >= 2:
            out.add(n[len(pre):])
    for v in list(out):
        if v.startswith("ال") and len(v) > 3:
            out.add(v[2:])
        if v.startswith("لل") and len(v) > 3:
            out.add(v[2:])
    return out


def sentences(text: str):
    return [(s.start, s.end) for s in analyse.sentences(text)]


def sentence_of(spans, pos):
    for i, (a, b) in enumerate(spans):
        if a <= pos < b:
            return i
    return len(spans) - 1


def coarse(t):
    t = (t or "").upper()
    return "PLACE" if t in ("GPE", "LOC", "PLACE", "LOCATION") else t


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


class Tally:
    def __init__(self):
        self.tp = self.fp = self.fn = 0

    def add(self, tp, fp, fn):
        self.tp += tp
        self.fp += fp
        self.fn += fn

    def row(self):
        p, r, f = prf(self.tp, self.fp, self.fn)
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "p": round(p, 3), "r": round(r, 3), "f1": round(f, 3)}


def match_entities(gold, pred):
    """Map predicted entity id -> gold key (or None). Returns mapping, tp, fp, fn, linked."""
    alias = {}
    for g in gold:
        names = set()
        for a in g.get("en", []) + g.get("ar", []):
            names |= variants(a)
        alias[g["key"]] = names
    gtype = {g["key"]: coarse(g["type"]) for g in gold}
    optional = {g["key"] for g in gold if g.get("optional")}
    mapping, used = {}, set()
    for e in pred:
        names = set()
        for s in [e.get("label_en"), e.get("label_ar")] + [m.get("text") for m in e.get("mentions", [])]:
            if s:
                names |= variants(s)
        cands = [k for k, al in alias.items() if gtype[k] == coarse(e.get("type")) and names & al]
        # required gold entities first, so that file order does not decide
        free = [k for k in cands if k not in optional and k not in used] + [k for k in cands if k in optional]
        if free:
            mapping[e.get("id")] = free[0]
            used.add(free[0])
        elif cands:
            mapping[e.get("id")] = ("dup", cands[0])
        else:
            mapping[e.get("id")] = None
    tp = len(used - optional)
    fp = sum(1 for v in mapping.values() if v is None or (isinstance(v, tuple) and v[1] not in optional))
    fn = len([k for k in alias if k not in optional and k not in used])
    en_alias = {g["key"]: {norm(a) for a in g.get("en", [])} for g in gold}
    linked = sum(1 for e in pred if isinstance(mapping.get(e.get("id")), str)
                 and mapping[e.get("id")] not in optional
                 and norm(e.get("label_en") or "") in en_alias[mapping[e.get("id")]])
    return mapping, tp, fp, fn, linked


def keyof(mapping, eid):
    v = mapping.get(eid)
    return v[1] if isinstance(v, tuple) else v


def event_mentions(events):
    """Each event once per mention span: an event merged across sentences
    may list {"start", "end"} spans under "mentions"."""
    for e in events:
        for m in e.get("mentions") or [e]:
            yield e, int(m.get("start", 0))


def score_article(gold, pred, text, detail):
    spans = sentences(text)
    mapping, etp, efp, efn, linked = match_entities(gold.get("entities", []), pred.get("entities", []))
    detail["entities"] = (etp, efp, efn)
    detail["linked"] = linked
    detail["missed_entities"] = [g["key"] for g in gold.get("entities", [])
                                 if not g.get("optional") and g["key"] not in {v for v in mapping.values() if isinstance(v, str)}]
    places = [g["key"] for g in gold.get("entities", []) if not g.get("optional") and coarse(g["type"]) == "PLACE"]
    found = {v for v in mapping.values() if isinstance(v, str)}
    detail["places"] = (sum(1 for k in places if k in found), len(places))  # for place recall (not in score.py)
    detail["spurious_entities"] = [(e.get("label_en") or e.get("label_ar") or "?") for e in pred.get("entities", [])
                                   if mapping.get(e.get("id")) is None]

    # events
    gev = []
    for g in gold.get("events", []):
        pos = text.find(g["evidence"])
        gev.append((g, sentence_of(spans, pos if pos >= 0 else 0)))
    used, vtp, vfp, atp, afp, afn, dok, dn = set(), 0, 0, 0, 0, 0, 0, 0
    wrong_dates = []
    opt_events = {g["key"] for g in gold.get("events", []) if g.get("optional")}
    for e, start in event_mentions(pred.get("events", [])):
        s = sentence_of(spans, start)
        cands = [g for g, gs in gev if g["key"] not in used and gs == s
                 and g["type"] == (e.get("type") or "").upper()]
        pargs = {keyof(mapping, x) for x in e.get("actors", []) + e.get("targets", []) + e.get("places", [])}
        # required first, then the gold event whose arguments overlap most
        cands.sort(key=lambda g: (bool(g.get("optional")),
                                  -len(pargs & set(g.get("actors", []) + g.get("targets", []) + g.get("places", [])))))
        hit = cands[0] if cands else None
        if not hit:
            vfp += 1
            continue
        used.add(hit["key"])
        if hit["key"] in opt_events:
            continue
        vtp += 1
        gargs = set(hit.get("actors", []) + hit.get("targets", []) + hit.get("places", []))
        pargs.discard(None)
        atp += len(gargs & pargs)
        afp += len(pargs - gargs)
        afn += len(gargs - pargs)
        if hit.get("date"):  # events the text gives no date are not scored on dates
            dn += 1
            dok += int((e.get("date") or "") == hit["date"])
            if (e.get("date") or "") != hit["date"]:
                wrong_dates.append((hit["key"], hit["date"], e.get("date")))
    vfn = len([g for g, _ in gev if g["key"] not in used and not g.get("optional")])
    for g, _ in gev:
        if g["key"] not in used and not g.get("optional"):
            afn += len(set(g.get("actors", []) + g.get("targets", []) + g.get("places", [])))
    detail["events"] = (vtp, vfp, vfn)
    detail["arguments"] = (atp, afp, afn)
    detail["dates"] = (dok, dn)
    detail["wrong_dates"] = wrong_dates  # (gold event, gold date, extracted date)
    detail["missed_events"] = [g["key"] for g, _ in gev if g["key"] not in used and not g.get("optional")]

    # counts
    gc = [(c["type"].upper(), int(c["number"]), c.get("optional", False)) for c in gold.get("counts", [])]
    pc = [((c.get("type") or "").upper(), int(c.get("number") or -1)) for c in pred.get("counts", [])]
    left = list(gc)
    ctp = cfp = 0
    for c in pc:
        m = next((x for x in left if (x[0], x[1]) == c), None)
        if m:
            left.remove(m)
            ctp += 0 if m[2] else 1
        else:
            cfp += 1
    detail["counts"] = (ctp, cfp, len([x for x in left if not x[2]]))

    # relations
    gr = [(r["subject"], r["predicate"].upper(), r["object"], r.get("optional", False)) for r in gold.get("relations", [])]
    pr = {(keyof(mapping, r.get("subject")), (r.get("predicate") or "").upper(), keyof(mapping, r.get("object")))
          for r in pred.get("relations", [])}
    # symmetric predicates match in either direction
    gall = {(x, y, z) for x, y, z, _ in gr}
    pr = {(c, b, a) if b in SYMMETRIC and (a, b, c) not in gall and (c, b, a) in gall else (a, b, c)
          for a, b, c in pr}
    gset = {(a, b, c) for a, b, c, _ in gr}
    opt = {(a, b, c) for a, b, c, o in gr if o}
    rtp = len((pr & gset) - opt)
    rfp = len(pr - gset)
    rfn = len(gset - opt - pr)
    detail["relations"] = (rtp, rfp, rfn)


CATEGORIES = ("entities", "events", "arguments", "counts", "relations")


def score(gold_dir: Path, analyses: dict[str, dict], corpus_root: Path) -> dict:
    """The report of the reference scorer for analyses keyed by gold file stem."""
    tallies = {k: Tally() for k in CATEGORIES}
    linked = matched = dok = dn = 0
    per = {}
    for gp in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(gp.read_text(encoding="utf-8"))
        text = (corpus_root / gold["article"]).read_text(encoding="utf-8")
        d = {}
        score_article(gold, analyses.get(gp.stem, {}), text, d)
        per[gp.stem] = d
        for k in tallies:
            tallies[k].add(*d[k])
        linked += d["linked"]
        matched += d["entities"][0]
        dok += d["dates"][0]
        dn += d["dates"][1]
    report = {k: t.row() for k, t in tallies.items()}
    report["linking_accuracy"] = round(linked / matched, 3) if matched else 0.0
    report["date_accuracy"] = round(dok / dn, 3) if dn else 0.0
    report["articles"] = len(per)
    report["per_article"] = per
    return report


def evaluate(gold_dir: Path, corpus_root: Path | None = None, settings: Settings = Settings()) -> tuple[dict, dict]:
    """Extract every gold file's article and score it; returns (report, analyses by stem)."""
    gold_dir = Path(gold_dir)
    corpus_root = Path(corpus_root) if corpus_root else gold_dir.parent
    extractor = Extractor(settings)
    analyses = {}
    for gp in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gp.read_text(encoding="utf-8"))
        path = corpus_root / gold["article"]
        text = path.read_text(encoding="utf-8")
        published = dt.date.fromisoformat(gold["published"]) if gold.get("published") else None
        article = Article(id=path.stem, text=text, title=text.split("\n", 1)[0], published=published,
                          origin=str(path))
        analyses[gp.stem] = analysis_json(extractor.extract(article))
    return score(gold_dir, analyses, corpus_root), analyses


def place_recall(report: dict) -> tuple[float, int, int]:
    """The share of the required place entities (GPE and LOC) that were found: kg's own
    measure, beside the reference scorer's."""
    found = sum(d["places"][0] for d in report["per_article"].values())
    wanted = sum(d["places"][1] for d in report["per_article"].values())
    return (round(found / wanted, 3) if wanted else 0.0), found, wanted


def format_report(report: dict) -> str:
    """The report as the reference scorer prints it."""
    lines = []
    for k in CATEGORIES:
        r = report[k]
        lines.append(f"{k:10s} P={r['p']:.3f} R={r['r']:.3f} F1={r['f1']:.3f}  (tp={r['tp']} fp={r['fp']} fn={r['fn']})")
    lines.append(f"linking accuracy {report['linking_accuracy']:.3f}   date accuracy {report['date_accuracy']:.3f}"
                 f"   articles {report['articles']}")
    return "\n".join(lines)
