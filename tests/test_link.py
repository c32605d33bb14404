"""The same real event reported by two articles is linked once, with its evidence, and can be unlinked."""

import json

from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()
FIRST = "قصف على حلب\n\nقصفت قوات النظام السوري أحياء في مدينة حلب الجمعة، وفق المرصد السوري لحقوق الإنسان.\n"
SECOND = "غارات على حلب\n\nاستهدفت قوات النظام بالقصف مدينة حلب السبت.\n"
ELSEWHERE = "قصف على إدلب\n\nقصفت قوات النظام مدينة إدلب الجمعة.\n"


def _links(store):
    result = runner.invoke(app, ["query", "SELECT ?l ?e ?r WHERE { ?l a kg:EventLink ; kg:linkEvidence ?e "
                                          "OPTIONAL { ?l kg:rejected ?r } }", "--format", "json", "--store", str(store)])
    return [{k: v["value"] for k, v in b.items()} for b in json.loads(result.stdout)["results"]["bindings"]]


def test_two_reports_of_one_strike_are_linked_and_can_be_unlinked(tmp_path):
    (tmp_path / "a-2016-12-10.txt").write_text(FIRST, encoding="utf-8")
    (tmp_path / "b-2016-12-10.txt").write_text(SECOND, encoding="utf-8")
    (tmp_path / "c-2016-12-10.txt").write_text(ELSEWHERE, encoding="utf-8")
    store = tmp_path / "store"
    result = runner.invoke(app, ["ingest", str(tmp_path), "--store", str(store)])
    # headline and body of each Aleppo article: 2 × 2 links between their event mentions
    assert result.exit_code == 0 and "4 event links across articles" in result.stderr
    links = _links(store)
    assert all("same type ASSAULT" in x["e"] and "shared place aleppo" in x["e"] for x in links)
    assert any("2016-12-09 and 2016-12-10" in x["e"] and "syrian-government" in x["e"] for x in links)
    link = links[0]
    assert runner.invoke(app, ["unlink", link["l"], "--store", str(store)]).exit_code == 0
    relinked = runner.invoke(app, ["link", "--store", str(store)])
    assert "3 event links" in relinked.stderr
    assert [x["r"] for x in _links(store) if x["l"] == link["l"]] == ["true"]  # the rejection is kept
    missing = runner.invoke(app, ["unlink", "https://example.org/nope", "--store", str(store)])
    assert missing.exit_code == 1 and "no event link" in missing.stderr
