"""kg serve over real HTTP: uvicorn on a free 127.0.0.1 port in a thread, spoken to by
rdflib's SPARQLStore and by plain urllib, on a store of the repository's example articles."""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest
import uvicorn

from kg import vocab
from kg.errors import StoreError
from kg.serve import GRAPH_OFFERS, RESULT_OFFERS, create_app, looks_like_update, negotiate, service_check

from conftest import EXAMPLES

LABELS = """SELECT ?entity ?label ?date WHERE {
  ?entity rdfs:label ?label FILTER(LANG(?label) = "ar")
  OPTIONAL { ?event kg:actor ?entity ; kg:date ?date }
} ORDER BY ?entity ?label ?date"""
CONSTRUCT = "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e a kg:Event ; kg:actor/rdfs:label ?l }"
MAX_RESULTS = 500
MAX_BODY = 20_000


class Server:
    """uvicorn serving an app on a free port of 127.0.0.1, in a daemon thread."""

    def __init__(self, app):
        self.app = app
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [sock]}, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.01)

    def stop(self):
        self.server.should_exit = True
        self.thread.join(10)

    def wait_idle(self, seconds: float = 15) -> float:
        """Wait until no query runs in the background; the seconds it took."""
        started = time.monotonic()
        while self.app.state.runner.running:
            assert time.monotonic() - started < seconds, "a query thread is still running"
            time.sleep(0.01)
        return time.monotonic() - started


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    from kg.ingest import ingest
    path = tmp_path_factory.mktemp("serve") / "kg-store"
    report = ingest([EXAMPLES], store=path)
    assert not report.errors, report.errors
    return path


@pytest.fixture(scope="module")
def local(store_path):
    """The same store, opened directly: what the endpoint's answers are checked against."""
    from kg.store import open_store
    return open_store(store_path, read_only=True)


@pytest.fixture(scope="module")
def server(store_path):
    running = Server(create_app(store_path, max_results=MAX_RESULTS, max_body=MAX_BODY))
    yield running
    running.stop()


@pytest.fixture(scope="module")
def slow_server(store_path):
    """One query at a time, 50 ms each, CORS allowed for one origin."""
    running = Server(create_app(store_path, timeout_s=0.05, max_running=1, max_results=10**6,
                                cors_origins=["https://research.example"]))
    yield running
    running.wait_idle()
    running.stop()


def http(url, *, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    """(status, headers, body) of a request, error statuses included."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def get(server, query, accept=None, **params):
    url = f"{server.url}/sparql?" + urllib.parse.urlencode({"query": query, **params})
    return http(url, headers={"Accept": accept} if accept else {})


def post_form(server, accept=None, **fields):
    return http(f"{server.url}/sparql", data=urllib.parse.urlencode(fields).encode(),
                headers={"Content-Type": "application/x-www-form-urlencoded", **({"Accept": accept} if accept else {})})


def local_rows(local, query):
    result = local.query(query, use_default_graph_as_union=True, prefixes=vocab.PREFIXES)
    return [tuple(solution[v] for v in result.variables) for solution in result]


def parsed_rows(body, fmt):
    result = ox.parse_query_results(body, format=fmt)
    return [tuple(solution[v] for v in result.variables) for solution in result]


# --- real clients ---------------------------------------------------------------------

@pytest.mark.parametrize("method,return_format", [("GET", "xml"), ("POST_FORM", "json"), ("POST", "json")])
def test_rdflib_sparqlstore_selects_what_the_store_holds(server, local, method, return_format):
    from rdflib import Graph
    from rdflib.plugins.stores.sparqlstore import SPARQLStore
    graph = Graph(SPARQLStore(f"{server.url}/sparql", method=method, returnFormat=return_format))
    rows = [tuple(None if t is None else str(t) for t in row) for row in graph.query(LABELS)]
    expected = [tuple(None if t is None else t.value for t in row) for row in local_rows(local, LABELS)]
    assert rows == expected
    assert any("إدلب" in row for row in rows)  # Arabic comes through intact
    assert any(row[2] is not None for row in rows) and any(row[2] is None for row in rows)  # unbound kept unbound


def test_rdflib_sparqlstore_ask_construct_and_triples(server, local):
    from rdflib import Graph, Namespace, URIRef
    from rdflib.plugins.stores.sparqlstore import SPARQLStore
    graph = Graph(SPARQLStore(f"{server.url}/sparql"))
    assert graph.query("ASK { ?e a kg:Event }").askAnswer is True
    assert graph.query("ASK { ?e a kg:NoSuchClass }").askAnswer is False
    constructed = graph.query(CONSTRUCT).graph  # rdflib asks for RDF/XML
    assert len(constructed) == len(set(local_rows(local, CONSTRUCT.replace("CONSTRUCT { ?e rdfs:label ?l }",
                                                                           "SELECT DISTINCT ?e ?l"))))
    rdfs = Namespace("http://www.w3.org/2000/01/rdf-schema#")
    idlib = URIRef(vocab.ID + "entity/idlib")
    assert {str(o) for o in graph.objects(idlib, rdfs.label)} >= {"إدلب"}


def _roqet() -> str:
    if path := shutil.which("roqet"):
        return path
    pytest.skip("roqet is not installed (Debian: apt-get install rasqal-utils, or bash .ci/install-system-deps)")


def roqet(server, query: str, *options: str) -> subprocess.CompletedProcess:
    """Rasqal's roqet sending the query to the endpoint (a GET, Accept: SPARQL XML) and
    writing the results it parsed in TSV; kg's prefixes reach the endpoint undeclared."""
    return subprocess.run([_roqet(), "-q", "-p", f"{server.url}/sparql", "-i", "sparql", "-r", "tsv", *options,
                           "-e", query], capture_output=True, timeout=60)


def test_roqet_selects_what_the_store_holds(server, local):
    # An independent client: rasqal (C) writes the request, parses our SPARQL XML answer and
    # writes it out again. roqet 0.9.33 reads no ASK answer over the protocol (it parses
    # <boolean> as zero rows) and asks for SPARQL XML for a CONSTRUCT too (406), so only SELECT.
    done = roqet(server, LABELS)
    assert done.returncode == 0, done.stderr.decode()
    rows = parsed_rows(done.stdout, ox.QueryResultsFormat.TSV)
    assert rows == local_rows(local, LABELS)
    assert any(row[1] == ox.Literal("إدلب", language="ar") for row in rows)
    assert any(row[2] is not None for row in rows) and any(row[2] is None for row in rows)

    arabic_in_the_query = 'SELECT ?e WHERE { ?e rdfs:label "إدلب"@ar }'
    done = roqet(server, arabic_in_the_query)
    assert done.returncode == 0, done.stderr.decode()
    assert parsed_rows(done.stdout, ox.QueryResultsFormat.TSV) == [(ox.NamedNode(vocab.ID + "entity/idlib"),)]

    done = roqet(server, "SELECT * WHERE { ?s ?p }")
    assert done.returncode != 0 and b"HTTP status 400" in done.stderr, done.stderr.decode()


# --- content negotiation --------------------------------------------------------------

@pytest.mark.parametrize("accept,fmt,media_type", [
    (None, ox.QueryResultsFormat.JSON, "application/sparql-results+json"),
    ("*/*", ox.QueryResultsFormat.JSON, "application/sparql-results+json"),
    ("application/sparql-results+json", ox.QueryResultsFormat.JSON, "application/sparql-results+json"),
    ("application/sparql-results+xml", ox.QueryResultsFormat.XML, "application/sparql-results+xml"),
    ("text/tab-separated-values", ox.QueryResultsFormat.TSV, "text/tab-separated-values"),
    ("text/html,application/xml;q=0.9,*/*;q=0.8", ox.QueryResultsFormat.XML, "application/sparql-results+xml"),
])
def test_select_results_in_each_format_match_the_store(server, local, accept, fmt, media_type):
    status, headers, body = get(server, LABELS, accept)
    assert status == 200, body
    assert headers["Content-Type"].split(";")[0] == media_type
    assert headers["Vary"] == "Accept"
    assert parsed_rows(body, fmt) == local_rows(local, LABELS)


def test_select_as_csv(server, local):
    status, headers, body = get(server, LABELS, "text/csv")
    assert status == 200 and headers["Content-Type"] == "text/csv; charset=utf-8"
    table = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    assert table[0] == ["entity", "label", "date"]
    assert table[1:] == [["" if t is None else t.value for t in row] for row in local_rows(local, LABELS)]


def test_json_results_keep_term_types_as_oxigraph_writes_them(server):
    query = ('SELECT ?iri ?ar ?n ?d ?b ?t ?unbound WHERE { BIND(kgid:x AS ?iri) BIND("حلب"@ar AS ?ar) '
             'BIND(3 AS ?n) BIND("2019-05-12"^^xsd:date AS ?d) BIND(BNODE("b") AS ?b) '
             'BIND(<<( kgid:x rdfs:label "x"@ar--rtl )>> AS ?t) }')
    status, _, body = get(server, query)
    ours = json.loads(body)
    theirs = json.loads(ox.Store().query(query, prefixes=vocab.PREFIXES).serialize(format=ox.QueryResultsFormat.JSON))
    for binding in (ours["results"]["bindings"][0], theirs["results"]["bindings"][0]):
        binding["b"]["value"] = "_"  # blank node labels are fresh in every evaluation
    assert ours == theirs
    assert ours["results"]["bindings"][0]["ar"] == {"type": "literal", "value": "حلب", "xml:lang": "ar"}


@pytest.mark.parametrize("accept,fmt,media_type", [
    (None, ox.RdfFormat.TURTLE, "text/turtle"),
    ("text/turtle", ox.RdfFormat.TURTLE, "text/turtle"),
    ("application/n-triples", ox.RdfFormat.N_TRIPLES, "application/n-triples"),
    ("application/ld+json", ox.RdfFormat.JSON_LD, "application/ld+json"),
    ("application/rdf+xml", ox.RdfFormat.RDF_XML, "application/rdf+xml"),
    ("application/sparql-results+json, text/turtle;q=0.9", ox.RdfFormat.TURTLE, "text/turtle"),  # the query page
])
def test_construct_in_each_rdf_syntax_matches_the_store(server, local, accept, fmt, media_type):
    status, headers, body = post_form(server, accept, query=CONSTRUCT)
    assert status == 200, body
    assert headers["Content-Type"].split(";")[0] == media_type
    expected = {(t.subject, t.predicate, t.object)
                for t in local.query(CONSTRUCT, use_default_graph_as_union=True, prefixes=vocab.PREFIXES)}
    assert {(q.subject, q.predicate, q.object) for q in ox.parse(body, format=fmt)} == expected and expected


def test_describe_and_ask(server):
    status, headers, body = get(server, "DESCRIBE kgid:entity\\/idlib")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert "إدلب" in body.decode("utf-8")
    status, _, body = get(server, "ASK { ?e a kg:Event }", "application/sparql-results+xml")
    assert status == 200 and b"<boolean>true</boolean>" in body
    assert json.loads(get(server, "ASK { ?e a kg:Nothing }")[2]) == {"head": {}, "boolean": False}


def test_a_format_the_query_form_cannot_take_is_406(server):
    status, _, body = get(server, "SELECT * { ?s ?p ?o } LIMIT 1", "text/turtle")
    assert status == 406 and b"application/sparql-results+json" in body
    status, _, body = get(server, CONSTRUCT, "text/csv")
    assert status == 406 and b"text/turtle" in body


def test_negotiation_follows_quality_and_specificity():
    assert negotiate(None, RESULT_OFFERS) == "json"
    assert negotiate("text/*;q=0.5, application/json;q=0.4", RESULT_OFFERS) == "xml"  # text/xml comes first
    assert negotiate("text/csv, */*;q=0.1", RESULT_OFFERS) == "csv"
    assert negotiate("*/*;q=0, text/tab-separated-values", RESULT_OFFERS) == "tsv"
    assert negotiate("text/csv;q=0", RESULT_OFFERS) is None
    assert negotiate("image/png", GRAPH_OFFERS) is None
    assert negotiate("application/sparql-results+xml, application/rdf+xml", GRAPH_OFFERS) == "rdfxml"


# --- the protocol -----------------------------------------------------------------------

def test_post_form_and_direct_post_and_get_agree(server):
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?e a kg:Event }"
    by_get = get(server, query)
    by_form = post_form(server, query=query)
    by_body = http(f"{server.url}/sparql", data=query.encode(), headers={"Content-Type": "application/sparql-query"})
    assert by_get[0] == by_form[0] == by_body[0] == 200
    assert json.loads(by_get[2]) == json.loads(by_form[2]) == json.loads(by_body[2])
    assert int(json.loads(by_get[2])["results"]["bindings"][0]["n"]["value"]) > 0


def test_default_graph_uri_narrows_the_dataset_to_one_article(server, local):
    graphs = [row[0].value for row in local_rows(local, "SELECT DISTINCT ?g { GRAPH ?g { ?g kg:articleId ?id } }")]
    assert len(graphs) == 4
    count = "SELECT (COUNT(*) AS ?n) { ?a kg:articleId ?id }"
    one = json.loads(get(server, count, **{"default-graph-uri": graphs[0]})[2])
    assert one["results"]["bindings"][0]["n"]["value"] == "1"
    status, _, body = get(server, count, **{"default-graph-uri": "not an iri"})
    assert status == 400 and b"not an IRI" in body


def test_malformed_query_is_400_with_the_parser_message(server):
    status, headers, body = get(server, "SELECT * WHERE { ?s ?p }")
    assert status == 400
    assert headers["Content-Type"] == "text/plain; charset=utf-8"
    assert re.search(rb"SPARQL syntax error: error at 1:\d+: expected", body), body


def test_missing_query_unknown_media_type_and_method(server):
    status, _, body = http(f"{server.url}/sparql")
    assert status == 400 and b"query=" in body
    status, _, body = http(f"{server.url}/sparql", data=b"SELECT * {}", headers={"Content-Type": "text/plain"})
    assert status == 415 and b"application/sparql-query" in body
    assert http(f"{server.url}/sparql", method="DELETE")[0] == 405


# --- read-only, no federation, limits -------------------------------------------------

UPDATE = "PREFIX ex: <http://example.org/#>\n# a comment\nINSERT DATA { ex:a ex:b ex:c }"


def test_updates_are_refused_with_403_however_they_are_sent(server, local):
    before = len(local)
    attempts = [
        post_form(server, update=UPDATE),
        http(f"{server.url}/sparql", data=UPDATE.encode(), headers={"Content-Type": "application/sparql-update"}),
        http(f"{server.url}/sparql?" + urllib.parse.urlencode({"update": UPDATE})),
        post_form(server, query=UPDATE),
        get(server, "DROP ALL"),
        http(f"{server.url}/sparql", data=b"load <http://example.org/x.ttl>",
             headers={"Content-Type": "application/sparql-query"}),
    ]
    for status, _, body in attempts:
        assert status == 403, body
        assert b"read-only" in body
    assert len(local) == before


def test_looks_like_update_reads_past_the_prologue_only():
    assert looks_like_update("BASE <http://x/>\nPREFIX a: <http://a#>  # c\n  with <g> delete { } where { }")
    assert not looks_like_update("PREFIX insert: <http://x/> SELECT * { ?s insert:p ?o }")
    started = time.perf_counter()
    assert not looks_like_update("#" * 100_000 + "\nSELECT")
    assert not looks_like_update(" " * 100_000 + "SELECT")
    assert time.perf_counter() - started < 1


def test_service_is_refused(server):
    for query in ("SELECT * WHERE { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }",
                  "select * { ?x ?y ?z . service silent ?endpoint { ?s ?p ?o } }",
                  "SELECT * { FILTER(?x<1)SERVICE#>\n<http://example.org/sparql>{ ?s ?p ?o } }",
                  "SELECT * { \\u0053ERVICE <http://example.org/sparql> { ?s ?p ?o } }"):
        status, _, body = post_form(server, query=query)
        assert status == 403, query
        assert b"SERVICE is refused" in body


def test_the_word_service_elsewhere_is_not_refused(server):
    status, _, body = get(server, 'PREFIX service: <http://example.org/service#>\n'
                                  'SELECT ?service WHERE { ?service ?p "a service" } # service')
    assert status == 200, body
    assert service_check('SELECT * { ?s a schema:Service ; <http://example.org/service> ?o }') is None
    status, _, body = get(server, "SELEC * { SERVICE <http://example.org/sparql> { } }")
    assert status == 400 and b"SPARQL syntax error" in body  # malformed before it says SERVICE


def test_a_body_over_the_limit_is_413(server):
    padding = "#" * MAX_BODY
    status, _, body = http(f"{server.url}/sparql", data=f"{padding}\nASK {{}}".encode(),
                           headers={"Content-Type": "application/sparql-query"})
    assert status == 413 and f"{MAX_BODY} bytes".encode() in body
    status, _, _ = post_form(server, query=padding)
    assert status == 413
    assert post_form(server, query=" " * (MAX_BODY - 20) + "ASK {}")[0] == 200  # spaces encode as one byte


def test_more_results_than_the_cap_is_413_not_a_truncation(server):
    status, _, body = get(server, "SELECT * { ?s ?p ?o }")
    assert status == 413
    assert f"more than {MAX_RESULTS} rows".encode() in body and b"LIMIT" in body
    status, _, body = get(server, f"SELECT * {{ ?s ?p ?o }} LIMIT {MAX_RESULTS}", "text/tab-separated-values")
    assert status == 200 and body.decode("utf-8").count("\n") == MAX_RESULTS + 1
    assert get(server, "CONSTRUCT WHERE { ?s ?p ?o }")[0] == 413


def test_a_slow_query_times_out_with_503_and_is_stopped(slow_server):
    from kg import contain
    for slow in ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER(?b != ?e) }",  # no row until the end
                 "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"):  # a billion rows, one at a time
        started = time.monotonic()
        status, _, body = get(slow_server, slow)
        assert status == 503
        assert b"0.05 s" in body and b"stopped" in body
        assert time.monotonic() - started < 5
        # The child evaluating it has been killed: nothing runs on in the background.
        assert slow_server.app.state.runner.running == 0 and not contain._children
        # ... and the server goes on answering. Its 0.05 s limit covers the fork of each
        # query's child too, which a loaded machine can stretch past it: a few tries.
        assert any(get(slow_server, "ASK {}")[0] == 200 for _ in range(20))


def test_a_query_beyond_max_running_is_answered_busy_at_once():
    import asyncio

    from kg.serve import Limits, Reply, Runner
    runner = Runner(Limits(timeout_s=30, max_running=1))

    def slow() -> Reply:  # runs in the child
        time.sleep(0.5)
        return Reply.message(200, "done")

    async def both():
        return await asyncio.gather(runner.run(slow), runner.run(slow))

    first, second = asyncio.run(both())
    assert first.status == 200 and first.body == b"done\n"
    assert second.status == 503 and b"busy" in second.body
    assert runner.running == 0


# --- the page, CORS, the log --------------------------------------------------------------

def test_the_query_page_is_served_from_the_package(server):
    status, headers, body = http(f"{server.url}/")
    page = body.decode("utf-8")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "<textarea" in page and 'id="run"' in page
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # nothing from elsewhere
    for asset in re.findall(r"""(?:src|href)="(static/[^"]+)\"""", page):
        status, _, content = http(f"{server.url}/{asset}")
        assert status == 200, asset
        content = re.sub(rb'xmlns="[^"]*"', b"", content)  # a namespace name, not a fetch
        if "/vendor/" not in asset:  # bundled libraries name URLs in their comments; the browser
            assert b"http://" not in content and b"https://" not in content, asset  # test checks requests
    status, _, script = http(f"{server.url}/static/app.js")
    assert b'dir: "auto"' in script and b"fetch(\"sparql\"" in script


def test_queries_endpoint_lists_the_shipped_queries(server):
    from kg.query import named_queries
    listed = json.loads(http(f"{server.url}/queries")[2])
    assert [q["name"] for q in listed] == list(named_queries())
    assert all(q["description"] and q["query"].strip() for q in listed)
    events = next(q for q in listed if q["name"] == "events")
    assert get(server, events["query"])[0] == 200
    assert json.loads(http(f"{server.url}/prefixes")[2])["kg"] == vocab.KG


def test_no_cors_headers_unless_an_origin_is_allowed(server, slow_server):
    origin = {"Origin": "https://research.example"}
    _, headers, _ = http(f"{server.url}/sparql?query=ASK%7B%7D", headers=origin)
    assert not [name for name in headers if name.lower().startswith("access-control-")]
    _, headers, _ = http(f"{slow_server.url}/sparql?query=ASK%7B%7D", headers=origin)
    assert headers["Access-Control-Allow-Origin"] == "https://research.example"


def test_one_log_line_per_request(server, caplog):
    path = f"/nowhere-{time.monotonic_ns()}"

    def lines(pattern):
        return [r.getMessage() for r in caplog.records if r.name == "kg.serve" and re.fullmatch(pattern, r.getMessage())]

    with caplog.at_level(logging.INFO, logger="kg.serve"):
        assert http(f"{server.url}{path}")[0] == 404
        assert http(f"{server.url}/sparql", data=b"x", headers={"Content-Type": "text/plain"})[0] == 415
        deadline = time.monotonic() + 5  # the line is written just after the answer is sent
        while not (lines(rf"GET {path} 404 \d+ms") and lines(r"POST /sparql 415 \d+ms")):
            assert time.monotonic() < deadline, [r.getMessage() for r in caplog.records]
            time.sleep(0.01)
        time.sleep(0.1)
    assert len(lines(rf"GET {path} \d+ \d+ms")) == 1


def test_a_missing_store_is_reported_before_serving(tmp_path):
    with pytest.raises(StoreError, match="no kg store here"):
        create_app(tmp_path / "nowhere")


# --- in a browser -------------------------------------------------------------------------

# How this machine's Debian chromium runs headless (as root, on a closed network): no sandbox,
# no GPU, and none of the background requests to Google's hosts that would fail here.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Set to a path to keep the screenshot there (docs/query-page.png was made so).
SCREENSHOT_ENV = "KG_QUERY_PAGE_SCREENSHOT"


def _chromium() -> str:
    for name in ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    pytest.skip("chromium is not installed (Debian: apt-get install chromium, or bash .ci/install-system-deps)")


# Pixels between a table cell's content box and its text, on the left and on the right.
GAPS = """cell => {
    const range = document.createRange();
    range.selectNodeContents(cell.firstChild);
    const text = range.getBoundingClientRect(), box = cell.getBoundingClientRect(), style = getComputedStyle(cell);
    return {left: text.left - box.left - parseFloat(style.paddingLeft) - parseFloat(style.borderLeftWidth),
            right: box.right - text.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth)};
}"""


def test_the_page_runs_a_query_and_shows_arabic_right_to_left(server, local, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (the test extra)")
    executable = _chromium()
    from kg.query import named_queries
    expected = local_rows(local, named_queries()["events"].read_text(encoding="utf-8"))
    requested, errors = [], []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="en-GB")
            context.on("request", lambda request: requested.append(request.url))  # the page's and its workers'
            page = context.new_page()
            page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(f"{server.url}/")
            page.wait_for_selector("#examples option[value=events]", state="attached")  # CSP rules out eval
            page.select_option("#examples", "events")
            editor = "document.querySelector('.CodeMirror').CodeMirror"  # the highlighting editor
            assert page.evaluate(f"{editor}.getValue()").startswith("# All asserted events")
            assert page.locator(".CodeMirror .cm-keyword").count() > 0  # SPARQL is highlighted
            assert page.text_content("#description")
            page.click("#run")
            page.wait_for_selector("#results table tbody tr")

            headers = page.locator("#results th").all_text_contents()
            assert headers == ["?event", "?type", "?date", "?actors", "?targets", "?places", "?claimant", "?trigger"]
            assert page.locator("#results tbody tr").count() == len(expected)
            assert page.text_content("#status").startswith(f"{len(expected)} rows")
            first = page.locator("#results tbody tr").first.locator("td")
            assert first.nth(0).text_content().startswith("kgid:")  # IRIs shortened with kg's prefixes

            # Arabic labels: each cell is dir="auto", which resolves to right to left, so the text
            # sits against the cell's right edge; the date cells beside them stay left to right.
            arabic = page.locator("#results tbody td:nth-child(4)", has_text=re.compile("^[\u0600-\u06ff]"))
            assert arabic.count() >= 5
            assert arabic.evaluate_all("cells => cells.map(c => c.getAttribute('dir'))") == ["auto"] * arabic.count()
            assert set(arabic.evaluate_all("cells => cells.map(c => getComputedStyle(c).direction)")) == {"rtl"}
            assert arabic.evaluate_all("cells => cells.every(c => c.matches(':dir(rtl)'))")
            gaps = arabic.evaluate_all(f"cells => cells.map({GAPS})")
            assert all(gap["right"] < 1 for gap in gaps) and any(gap["left"] > 10 for gap in gaps), gaps
            dates = page.locator("#results tbody td:nth-child(3)", has_text=re.compile("^\\d{4}"))
            assert set(dates.evaluate_all("cells => cells.map(c => getComputedStyle(c).direction)")) == {"ltr"}
            assert all(gap["left"] < 1 for gap in dates.evaluate_all(f"cells => cells.map({GAPS})"))
            screenshot = tmp_path / "query-page.png"
            page.screenshot(path=screenshot)
            assert screenshot.stat().st_size > 10_000

            page.locator("#results tbody td a").first.click()  # an IRI: everything said about it
            page.wait_for_selector("#results th:has-text('?property')")
            assert page.locator("#results tbody tr").count() > 1

            page.click(".CodeMirror-code")  # type as a person would: select all, type, Ctrl+Enter
            page.keyboard.press("Control+A")
            page.keyboard.type("SELECT * WHERE { ?s ?p }")
            page.keyboard.press("Control+Enter")
            page.wait_for_selector("#results pre.error")
            assert "SPARQL syntax error" in page.text_content("#results pre.error")
            assert page.text_content("#status").startswith("400")
        finally:
            browser.close()
    if keep := os.environ.get(SCREENSHOT_ENV):
        shutil.copyfile(screenshot, keep)
    assert all("status of 400" in e for e in errors), errors  # the browser logs the malformed query's 400
    assert requested and all(url.startswith(server.url + "/") for url in requested), requested
