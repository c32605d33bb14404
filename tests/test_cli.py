"""Every command through the real CLI entry point: exit codes, stdout and stderr."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app

from conftest import EXAMPLES, GOLD, SHARED, needs_shared

runner = CliRunner()


def kg(*args, env=None):
    return runner.invoke(app, [str(a) for a in args], env=env)


@pytest.fixture()
def store(tmp_path):
    path = tmp_path / "store"
    result = kg("ingest", EXAMPLES, "--store", path)
    assert result.exit_code == 0, result.stderr
    return path


def test_ingest_reports_counts_and_re_ingest_changes_nothing(tmp_path, store):
    first = kg("ingest", EXAMPLES, "--store", tmp_path / "other")
    assert first.exit_code == 0
    assert "4 stored, 0 replaced, 0 unchanged, 0 failed" in first.stderr
    quads = kg("export", "--format", "nquads", "--store", store).stdout
    again = kg("ingest", EXAMPLES, "--store", store)
    assert again.exit_code == 0
    assert "0 stored, 0 replaced, 4 unchanged, 0 failed" in again.stderr
    assert kg("export", "--format", "nquads", "--store", store).stdout == quads


def test_a_bad_batch_stores_the_good_articles_and_reports_the_bad(tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "a-good.txt").write_text("غارات على حلب\n\nقصفت طائرات حربية مدينة حلب.", encoding="utf-8")
    (batch / "b.jsonl").write_bytes(
        b'{"id": "g1", "text": "\xd8\xa7\xd8\xac\xd8\xaa\xd9\x85\xd8\xa7\xd8\xb9 \xd9\x81\xd9\x8a \xd8\xa8\xd8\xa7\xd8\xb1\xd9\x8a\xd8\xb3"}\n'
        b'{"id": "broken", \n'
        b'{"id": "g2", "text": "\xd8\xaa\xd8\xb8\xd8\xa7\xd9\x87\xd8\xb1\xd8\xa9 \xd9\x81\xd9\x8a \xd8\xa8\xd8\xba\xd8\xaf\xd8\xa7\xd8\xaf"}\n')
    (batch / "c-latin1.txt").write_bytes("Le café est fermé.".encode("latin-1"))  # not UTF-8, not Arabic
    (batch / "d-empty.txt").write_text("\n\n", encoding="utf-8")
    (batch / "e-good.txt").write_text("اجتماع في جنيف\n\nالتقى وزير الخارجية الروسي نظيره الأميركي.", encoding="utf-8")
    result = kg("ingest", batch, "--store", tmp_path / "store")
    assert result.exit_code == 1
    assert f"{batch / 'b.jsonl'}:2: invalid JSON" in result.stderr
    assert f"{batch / 'c-latin1.txt'}:1: not UTF-8" in result.stderr
    assert f"{batch / 'd-empty.txt'}:1: empty article" in result.stderr
    assert "4 stored, 0 replaced, 0 unchanged, 3 failed" in result.stderr
    stats = json.loads(kg("stats", "--json", "--store", tmp_path / "store").stdout)
    assert stats["articles"] == 4


def test_ingest_usage_errors_exit_2(tmp_path):
    assert kg("ingest").exit_code == 2
    result = kg("ingest", EXAMPLES, "--published", "10/12/2016", "--store", tmp_path / "s")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.stderr


def test_extract_prints_analysis_json_and_writes_one_file_per_article(tmp_path):
    result = kg("extract", EXAMPLES / "idlib-strikes-2019-05-12.txt")
    assert result.exit_code == 0
    analysis = json.loads(result.stdout)
    assert analysis["article"] == {"id": "idlib-strikes-2019-05-12", "published": "2019-05-12", "title":
                                   "غارات روسية على ريف إدلب ونزوح آلاف المدنيين", "source": None, "url": None}
    text = (EXAMPLES / "idlib-strikes-2019-05-12.txt").read_text(encoding="utf-8")
    for entity in analysis["entities"]:
        for m in entity["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    out = tmp_path / "out"
    assert kg("extract", EXAMPLES, "--out", out).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "aden-shelling-2015-07-20.json", "baghdad-protest-2019-10-02.json",
        "idlib-strikes-2019-05-12.json", "manbij-talks-2018-06-06.json"]


def test_query_inline_file_name_and_formats(store, tmp_path):
    sparql = "SELECT (COUNT(?a) AS ?n) WHERE { ?a a kg:Article }"
    table = kg("query", sparql, "--store", store)
    assert table.exit_code == 0 and "4" in table.stdout and "(1 row)" in table.stdout
    assert kg("query", sparql, "--format", "csv", "--store", store).stdout.splitlines() == ["n", "4"]
    assert kg("query", sparql, "--format", "tsv", "--store", store).stdout.splitlines()[0] == "?n"
    body = json.loads(kg("query", sparql, "--format", "json", "--store", store).stdout)
    assert body["results"]["bindings"][0]["n"]["value"] == "4"
    rq = tmp_path / "q.rq"
    rq.write_text(sparql, encoding="utf-8")
    assert kg("query", "--file", rq, "--format", "csv", "--store", store).stdout.splitlines() == ["n", "4"]
    named = kg("query", "--name", "events", "--store", store)
    assert named.exit_code == 0 and "ASSAULT" in named.stdout
    listing = kg("query", "--list")
    assert "events-by-type-per-month" in listing.stdout


def test_query_errors(store, tmp_path):
    bad = kg("query", "SELECT WHERE {", "--store", store)
    assert bad.exit_code == 1 and bad.stderr.startswith("Error: SPARQL syntax error")
    unknown = kg("query", "--name", "nope", "--store", store)
    assert unknown.exit_code == 1 and "no shipped query named 'nope'" in unknown.stderr
    assert kg("query", "--store", store).exit_code == 2
    missing = kg("query", "SELECT * WHERE {?s ?p ?o}", "--store", tmp_path / "none")
    assert missing.exit_code == 1 and "no kg store here" in missing.stderr


def test_stats(store):
    result = kg("stats", "--store", store)
    assert result.exit_code == 0
    assert result.stdout.startswith("articles  4\nquads     ")
    numbers = json.loads(kg("stats", "--json", "--store", store).stdout)
    assert numbers["entities"]["ORG"] > 0 and numbers["events"]["ASSAULT"] > 0


def test_export_formats(store, tmp_path):
    for fmt in ("nquads", "trig", "turtle", "jsonld", "csv", "gexf", "graphml"):
        out = tmp_path / f"g.{fmt}"
        result = kg("export", "--format", fmt, "--out", out, "--store", store)
        assert result.exit_code == 0, (fmt, result.stderr)
        assert out.stat().st_size > 100
    assert kg("export", "--format", "xml", "--store", store).exit_code == 2
    assert kg("export", "--format", "gexf", "--projection", "nope", "--store", store).exit_code == 2


def test_store_from_environment(store):
    result = kg("stats", "--json", env={"KG_STORE": str(store)})
    assert json.loads(result.stdout)["articles"] == 4


@needs_shared
def test_eval_prints_the_categories():
    result = kg("eval", GOLD, "--corpus-root", SHARED)
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.stdout.splitlines()[:5]] == [
        "entities", "events", "arguments", "counts", "relations"]
    assert kg("eval", SHARED / "missing").exit_code == 2


def test_console_script_runs_as_a_real_process(store):
    exe = Path(sys.executable).parent / "kg"
    result = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=True)
    assert result.stdout.startswith("kg ")
    result = subprocess.run([str(exe), "query", "--name", "events-by-type-per-month", "--store", str(store)],
                            capture_output=True, text=True, env={**os.environ})
    assert result.returncode == 0 and "ASSAULT" in result.stdout


def test_every_command_is_documented_and_the_docs_are_current():
    import importlib.util
    spec = importlib.util.spec_from_file_location("make_cli_docs", Path(__file__).parent.parent / "scripts" / "make_cli_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    registered = {c.name or c.callback.__name__ for c in app.registered_commands}
    assert registered == set(module.COMMANDS)
    assert module.OUT.read_text(encoding="utf-8") == module.render(), "run scripts/make_cli_docs.py"
