"""kg eval gives the reference scorer's numbers on the shared gold."""

import importlib.util
import json

from kg.evaluate import evaluate, score

from conftest import GOLD, SHARED, needs_shared


def _reference():
    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_shared
def test_kg_eval_equals_the_reference_scorer(tmp_path, capsys):
    report, analyses = evaluate(GOLD, SHARED)
    for stem, analysis in analyses.items():
        (tmp_path / f"{stem}.json").write_text(json.dumps(analysis, ensure_ascii=False), encoding="utf-8")
    _reference().main([str(GOLD), str(tmp_path), "--corpus-root", str(SHARED), "--json"])
    reference = json.loads(capsys.readouterr().out)
    report.pop("per_article")
    assert report == reference


@needs_shared
def test_an_empty_analysis_scores_zero_recall():
    report = score(GOLD, {}, SHARED)
    assert report["entities"]["tp"] == 0 and report["entities"]["fn"] > 0


@needs_shared
def test_place_recall_counts_the_required_places_found():
    from kg.evaluate import place_recall
    assert place_recall(score(GOLD, {}, SHARED))[:2] == (0.0, 0)
    report, _ = evaluate(GOLD, SHARED)
    recall, found, wanted = place_recall(report)
    assert 0 < found <= wanted and recall == round(found / wanted, 3)
