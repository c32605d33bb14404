"""The ``kg`` command: thin wrappers that parse options, call one library function
and format its result. Data goes to stdout, messages to stderr; exit 0 ok, 1 a
reported error, 2 bad usage. The only module that prints, exits or reads the
environment."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg import __version__
from kg.errors import KgError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Arabic news into a knowledge graph: ingest articles, query and export the graph.")

StoreOption = Annotated[Optional[Path], typer.Option(
    "--store", help="Store folder (default: $KG_STORE, else ./kg-store).", show_default=False)]
LexiconOption = Annotated[Optional[list[Path]], typer.Option(
    "--lexicon", help="Extra lexicon TSV file (docs/lexicons.md); repeatable.", exists=True, dir_okay=False)]
NerModelOption = Annotated[Optional[Path], typer.Option(
    "--ner-model", help="Folder of a local BERT NER model to use instead of the shipped recogniser "
    "(needs torch and transformers; docs/recogniser.md).", exists=True, file_okay=False, show_default=False)]


def _store(path: Path | None) -> Path:
    return path or Path(os.environ.get("KG_STORE", "kg-store"))


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a YYYY-MM-DD date", param_hint="--published") from None


def _fail(err: KgError) -> typer.Exit:
    typer.echo(f"Error: {err}", err=True)
    return typer.Exit(1)


def _settings(lexicons, ner_model: Path | None = None):
    from kg.extract import Settings
    return Settings(lexicons=tuple(lexicons or ()), ner_model=ner_model)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Article files (.txt, .jsonl) or folders.")],
    store: StoreOption = None,
    published: Annotated[Optional[str], typer.Option(help="Publication date (YYYY-MM-DD) for articles that give none.")] = None,
    source: Annotated[Optional[str], typer.Option(help="Outlet name for articles that give none.")] = None,
    encoding: Annotated[Optional[str], typer.Option(help="Force a text encoding (e.g. cp1256).")] = None,
    lexicon: LexiconOption = None,
    jobs: Annotated[Optional[int], typer.Option(help="Worker processes for extraction (default: the CPU count; 1 with --ner-model).", min=1)] = None,
    ner_model: NerModelOption = None,
) -> None:
    """Extract articles and store each as one named graph (re-ingesting replaces it)."""
    from kg.ingest import ingest as run_ingest

    started = time.monotonic()
    last = [0.0]

    def progress(report) -> None:
        now = time.monotonic()
        if now - last[0] >= 1.0:
            last[0] = now
            rate = report.done / max(now - started, 1e-9)
            typer.echo(f"… {report.done} articles ({rate:.1f}/s), {len(report.errors)} failed", err=True)

    try:
        default_jobs = 1 if ner_model else os.cpu_count() or 1  # one BERT copy, torch's own threads
        report = run_ingest(paths, store=_store(store), settings=_settings(lexicon, ner_model),
                            published=_date(published), source=source, encoding=encoding, jobs=jobs or default_jobs,
                            progress=progress)
    except KgError as err:
        raise _fail(err)
    for error in report.errors:
        typer.echo(str(error), err=True)
    elapsed = time.monotonic() - started
    typer.echo(f"{report.stored} stored, {report.replaced} replaced, {report.unchanged} unchanged, "
               f"{len(report.errors)} failed in {elapsed:.1f}s ({report.done / max(elapsed, 1e-9):.1f} articles/s) "
               f"→ {_store(store)}", err=True)
    if report.links is not None:
        typer.echo(f"{report.links} event links across articles", err=True)
    if report.errors:
        raise typer.Exit(1)


class ExtractFormat(str, Enum):
    json = "json"


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Article files (.txt, .jsonl) or folders.")],
    published: Annotated[Optional[str], typer.Option(help="Publication date (YYYY-MM-DD) for articles that give none.")] = None,
    format: Annotated[ExtractFormat, typer.Option("--format", help="Output format.")] = ExtractFormat.json,
    out: Annotated[Optional[Path], typer.Option(help="Write DIR/<article id>.json instead of printing.")] = None,
    encoding: Annotated[Optional[str], typer.Option(help="Force a text encoding (e.g. cp1256).")] = None,
    lexicon: LexiconOption = None,
    ner_model: NerModelOption = None,
) -> None:
    """Print the analysis of each article (FORMAT.md's JSON), without a store."""
    from kg.errors import ReadError
    from kg.extract import Extractor, analysis_json
    from kg.read import read_articles

    try:
        extractor = Extractor(_settings(lexicon, ner_model))
    except KgError as err:
        raise _fail(err)
    failed = 0
    if out:
        out.mkdir(parents=True, exist_ok=True)
    for item in read_articles(paths, published=_date(published), encoding=encoding):
        if isinstance(item, ReadError):
            typer.echo(str(item), err=True)
            failed += 1
            continue
        document = json.dumps(analysis_json(extractor.extract(item)), ensure_ascii=False, indent=1)
        if out:
            (out / f"{item.id}.json").write_text(document + "\n", encoding="utf-8")
        else:
            typer.echo(document)
    if failed:
        raise typer.Exit(1)


@app.command("eval")
def evaluate(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold JSON files (shared/gold/FORMAT.md).",
                                             exists=True, file_okay=False)],
    corpus_root: Annotated[Optional[Path], typer.Option(help="Folder the gold files' article paths are relative to (default: the folder above GOLD_DIR).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    lexicon: LexiconOption = None,
) -> None:
    """Extract the gold articles and print precision, recall and F1 per category."""
    from kg.evaluate import evaluate as run_eval, format_report, place_recall

    try:
        report, _ = run_eval(gold_dir, corpus_root, _settings(lexicon))
    except (OSError, KeyError, ValueError) as exc:
        raise _fail(KgError(f"{gold_dir}: cannot evaluate: {exc}"))
    recall, found, wanted = place_recall(report)
    if as_json:
        report.pop("per_article")
        typer.echo(json.dumps({**report, "place_recall": recall}))
    else:
        typer.echo(format_report(report))
        typer.echo(f"place recall {recall:.3f} ({found} of {wanted} required places)")


class QueryFormat(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


@app.command()
def query(
    sparql: Annotated[Optional[str], typer.Argument(help="A SPARQL query.")] = None,
    file: Annotated[Optional[Path], typer.Option("--file", help="Read the query from a .rq file.", exists=True, dir_okay=False)] = None,
    name: Annotated[Optional[str], typer.Option("--name", help="Run a shipped query of queries/ (see --list).")] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the shipped queries.")] = False,
    format: Annotated[QueryFormat, typer.Option("--format", help="Result format.")] = QueryFormat.table,
    store: StoreOption = None,
) -> None:
    """Run a SPARQL query over all the store's graphs."""
    from kg.contain import contained
    from kg.query import format_result, load_named, named_queries, query_description, run
    from kg.store import open_store

    if list_:
        for query_name, path in named_queries().items():
            typer.echo(f"{query_name}\t{query_description(path)}")
        return
    if sum(x is not None for x in (sparql, file, name)) != 1:
        typer.echo("Usage error: give exactly one of SPARQL, --file F.rq or --name NAME", err=True)
        raise typer.Exit(2)
    try:
        text = sparql or (file.read_text(encoding="utf-8") if file else load_named(name))
        graph_store = open_store(_store(store), read_only=True)
        # In a child process: a crash of the query engine (a pyoxigraph panic) is then an error, not an abort.
        output = contained(lambda: format_result(run(graph_store, text), format.value))
        typer.echo(output, nl=not output.endswith("\n"))
    except KgError as err:
        raise _fail(err)


class ExportFormat(str, Enum):
    gexf = "gexf"
    graphml = "graphml"
    nquads = "nquads"
    trig = "trig"
    turtle = "turtle"
    jsonld = "jsonld"
    csv = "csv"


@app.command()
def export(
    format: Annotated[ExportFormat, typer.Option("--format", help="Output format.")],
    out: Annotated[Optional[Path], typer.Option(help="Output file (default: stdout).")] = None,
    projection: Annotated[str, typer.Option(help="Graph projection for gexf/graphml: actor-event-place, actor-actor, place-place.")] = "actor-event-place",
    since: Annotated[Optional[str], typer.Option(help="Only events on or after this date (gexf/graphml).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Only events on or before this date (gexf/graphml).")] = None,
    event_type: Annotated[Optional[list[str]], typer.Option(help="Only these PLOVER types (gexf/graphml); repeatable.")] = None,
    min_weight: Annotated[int, typer.Option(help="Drop edges lighter than this (actor-actor, place-place).")] = 1,
    store: StoreOption = None,
) -> None:
    """Export the store: RDF (N-Quads, TriG, Turtle, JSON-LD), an event CSV, or a Gephi graph."""
    from kg import export as rdf_export, gephi
    from kg.store import open_store

    try:
        graph_store = open_store(_store(store), read_only=True)
        fmt = format.value
        if fmt in ("gexf", "graphml"):
            if projection not in gephi.PROJECTIONS:
                typer.echo(f"Usage error: --projection must be one of {', '.join(gephi.PROJECTIONS)}", err=True)
                raise typer.Exit(2)
            graph = gephi.to_networkx(graph_store, projection, gephi.Filters(
                since=since, until=until, event_types=tuple(t.upper() for t in event_type or ()),
                min_weight=min_weight))
            if fmt == "gexf":
                with _text_out(out) as handle:
                    gephi.write_gexf(graph, handle)
            else:
                with _binary_out(out) as handle:
                    gephi.write_graphml(graph, handle)
        elif fmt == "csv":
            with _text_out(out) as handle:
                rdf_export.write_event_csv(graph_store, handle)
        else:
            with _binary_out(out) as handle:
                rdf_export.write_rdf(graph_store, fmt, handle)
    except KgError as err:
        raise _fail(err)


class _Stdout:
    def __init__(self, stream):
        self.stream = stream

    def __enter__(self):
        return self.stream

    def __exit__(self, *exc):
        self.stream.flush()


def _text_out(path: Path | None):
    return path.open("w", encoding="utf-8", newline="") if path else _Stdout(sys.stdout)


def _binary_out(path: Path | None):
    return path.open("wb") if path else _Stdout(sys.stdout.buffer)


@app.command()
def link(store: StoreOption = None,
         window: Annotated[int, typer.Option(help="Days two reports of one event may differ by.")] = 2) -> None:
    """Recompute the links between reports of the same event in different articles."""
    from kg.link import link_events
    from kg.store import open_store

    try:
        count = link_events(open_store(_store(store), create=False), window)
    except KgError as err:
        raise _fail(err)
    typer.echo(f"{count} event links across articles", err=True)


@app.command()
def unlink(link_iri: Annotated[str, typer.Argument(help="The IRI of an event link (kg:EventLink).")],
           store: StoreOption = None) -> None:
    """Reject an event link: its events count as separate events from now on."""
    from kg.link import unlink as reject
    from kg.store import open_store

    try:
        reject(open_store(_store(store), create=False), link_iri)
    except KgError as err:
        raise _fail(err)
    typer.echo(f"unlinked {link_iri}", err=True)


@app.command()
def serve(
    store: StoreOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on; 0.0.0.0 opens the endpoint to the network (it has no authentication).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for a query before answering 503.", min=0.1)] = 30.0,
    max_results: Annotated[int, typer.Option(help="Most rows (SELECT) or triples (CONSTRUCT, DESCRIBE) in an answer; more is a 413.", min=1)] = 10_000,
    max_body: Annotated[int, typer.Option(help="Largest request body in bytes; larger is a 413.", min=1)] = 1_000_000,
    cors: Annotated[Optional[list[str]], typer.Option("--cors", help="Let web pages from this origin call the endpoint ('*' for any); repeatable. Off by default.")] = None,
) -> None:
    """Serve the store read-only: SPARQL 1.1 Protocol at /sparql, a query page at /."""
    import logging

    import uvicorn

    from kg.serve import create_app

    try:
        application = create_app(_store(store), timeout_s=timeout, max_results=max_results, max_body=max_body,
                                 cors_origins=tuple(cors or ()))
    except KgError as err:
        raise _fail(err)
    log = logging.getLogger("kg.serve")  # one line per request: method, path, status, ms
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(f"Warning: listening on {host}: anyone who can reach this machine can query the store", err=True)
    typer.echo(f"Serving {_store(store)} at http://{host}:{port}/ (SPARQL endpoint: /sparql); Ctrl-C stops", err=True)
    uvicorn.run(application, host=host, port=port, log_level="warning", access_log=False, lifespan="off")


@app.command()
def stats(store: StoreOption = None,
          as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False) -> None:
    """Count articles, quads, entities by type and events by type."""
    from kg.stats import store_stats
    from kg.store import open_store

    try:
        numbers = store_stats(open_store(_store(store), read_only=True))
    except KgError as err:
        raise _fail(err)
    if as_json:
        typer.echo(json.dumps(numbers, ensure_ascii=False))
        return
    typer.echo(f"articles  {numbers['articles']}")
    typer.echo(f"quads     {numbers['quads']}")
    for section in ("entities", "events"):
        typer.echo(f"{section} by type:")
        for name, count in numbers[section].items():
            typer.echo(f"  {name:12s} {count}")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Print the version and exit.")] = False) -> None:
    """Arabic news into a knowledge graph."""
