"""The read-only SPARQL endpoint: the SPARQL 1.1 Protocol at ``/sparql`` over the store,
and a query page at ``/``.

Queries see what ``kg query`` sees: the union of all article graphs as the default graph,
with kg's prefixes predeclared. The endpoint refuses updates (403), SERVICE clauses (403:
it calls no other endpoint), bodies over ``max_body`` bytes (413), results over
``max_results`` rows or triples (413: never a silent truncation), and answers 503 when a
query runs past ``timeout_s`` (the query is stopped: each runs in a child process, which
also keeps a crash of the query engine from taking the server down: 500).
docs/serve.md describes the protocol and each limit.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from kg import vocab
from kg.contain import QueryTimeout, contained
from kg.errors import QueryError
from kg.query import named_queries, query_description
from kg.store import open_store

log = logging.getLogger("kg.serve")

STATIC = Path(__file__).parent / "static"
DEFAULT_TIMEOUT_S = 30.0
DEFAULT_MAX_BODY = 1_000_000
DEFAULT_MAX_RESULTS = 10_000
DEFAULT_MAX_RUNNING = 4

# Media types offered, in the order preferred when the Accept header leaves a choice:
# (media type asked for, format key). SELECT and ASK answer in a SPARQL results format,
# CONSTRUCT and DESCRIBE in an RDF syntax.
RESULT_OFFERS = (
    ("application/sparql-results+json", "json"), ("application/json", "json"),
    ("application/sparql-results+xml", "xml"), ("application/xml", "xml"), ("text/xml", "xml"),
    ("text/csv", "csv"), ("text/tab-separated-values", "tsv"),
)
GRAPH_OFFERS = (
    ("text/turtle", "turtle"), ("application/x-turtle", "turtle"),
    ("application/n-triples", "ntriples"), ("text/plain", "ntriples"),
    ("application/ld+json", "jsonld"), ("application/rdf+xml", "rdfxml"),
)
RESULT_FORMATS = {
    "json": (ox.QueryResultsFormat.JSON, "application/sparql-results+json"),
    "xml": (ox.QueryResultsFormat.XML, "application/sparql-results+xml"),
    "csv": (ox.QueryResultsFormat.CSV, "text/csv; charset=utf-8"),
    "tsv": (ox.QueryResultsFormat.TSV, "text/tab-separated-values; charset=utf-8"),
}
GRAPH_FORMATS = {
    "turtle": (ox.RdfFormat.TURTLE, "text/turtle; charset=utf-8"),
    "ntriples": (ox.RdfFormat.N_TRIPLES, "application/n-triples"),
    "jsonld": (ox.RdfFormat.JSON_LD, "application/ld+json"),
    "rdfxml": (ox.RdfFormat.RDF_XML, "application/rdf+xml"),
}

# The Content-Security-Policy of the query page: everything from this server, nothing
# from anywhere else, no inline script.
PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
               "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


@dataclass(frozen=True, slots=True)
class Reply:
    """An HTTP answer: status, body and media type."""

    status: int
    body: bytes
    media_type: str = "text/plain; charset=utf-8"

    @classmethod
    def message(cls, status: int, text: str) -> Reply:
        return cls(status, (text.rstrip("\n") + "\n").encode("utf-8"))

    def response(self) -> Response:
        headers = {"Vary": "Accept"} if self.status == 200 else None
        return Response(self.body, status_code=self.status, media_type=self.media_type, headers=headers)


class Refused(Exception):
    """A request the endpoint answers with an error status and a message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.reply = Reply.message(status, message)


# --- content negotiation ------------------------------------------------------------

def negotiate(accept: str | None, offers: Sequence[tuple[str, str]]) -> str | None:
    """The format key of the offer the Accept header ranks highest (ties go to the earlier
    offer); the first offer when there is no Accept header; None when it accepts none."""
    if not accept or not accept.strip():
        return offers[0][1]
    ranges = []
    for part in accept.split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        if "/" not in media:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((media.lower(), q))
    best, best_q = None, 0.0
    for media, key in offers:
        kind = media.split("/")[0] + "/*"
        # The most specific range that matches the offer gives its quality (RFC 9110 §12.5.1).
        matches = {r: q for r, q in ranges if r in (media, kind, "*/*")}
        q = next((matches[r] for r in (media, kind, "*/*") if r in matches), 0.0)
        if q > best_q:
            best, best_q = key, q
    return best


def _offered(offers: Sequence[tuple[str, str]]) -> str:
    return ", ".join(media for media, _ in offers)


# --- what a query may do --------------------------------------------------------------

# The prologue (BASE and PREFIX declarations, comments, white space) and then an update
# keyword. Possessive quantifiers keep the match linear on any input.
_UPDATE = re.compile(r"(?:\s|#[^\n]*+|BASE\s*+<[^>]*+>|PREFIX\s*+[^\s:]*+:\s*+<[^>]*+>)*+"
                     r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)
_SERVICE = re.compile("service", re.IGNORECASE)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")

UPDATE_REFUSED = ("this endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP, …) is refused; "
                  "change the store with `kg ingest`")
SERVICE_REFUSED = ("SERVICE is refused: this endpoint answers from its own store only and calls no other "
                   "endpoint; run the federated part against the other endpoint yourself")


def looks_like_update(text: str) -> bool:
    """Whether the text is a SPARQL Update rather than a query (its first keyword says so)."""
    return _UPDATE.match(text) is not None


def _unescaped(text: str) -> str:
    """The text with SPARQL codepoint escapes (\\uXXXX, \\UXXXXXXXX) decoded, as the SPARQL
    grammar says to before parsing (pyoxigraph 0.5 does not: there ``\\u0053ELECT`` is a syntax error)."""
    return _CODEPOINT.sub(lambda m: _codepoint(m.group(1) or m.group(2)), text)


def _codepoint(digits: str) -> str:
    value = int(digits, 16)
    return chr(value) if value <= 0x10FFFF else "\ufffd"


def service_check(text: str) -> str | None:
    """Why the query is refused for SERVICE, or None when it cannot call SERVICE.

    Most queries never spell "service" and pass at once. One that does is parsed again with
    every "service" changed to "servicq": a bare word no SPARQL token accepts. If that
    parses, each "service" sat in a name, a string, an IRI or a comment and the query is
    safe; if the parse fails at or after the first "service", that one was the SERVICE
    keyword; if it fails before, the query is malformed there and SyntaxError is raised.
    Codepoint escapes in a query that spells "service" are refused rather than reasoned about.
    """
    if not _SERVICE.search(text):
        if "\\u" not in text and "\\U" not in text:
            return None
        if not _SERVICE.search(_unescaped(text)):
            return None
        return SERVICE_REFUSED + " (the query spells it with \\u escapes)"
    if "\\u" in text or "\\U" in text:
        return SERVICE_REFUSED + " (a query that mentions service may not use \\u escapes)"
    try:
        ox.Store().query(_SERVICE.sub("servicq", text), prefixes=vocab.PREFIXES)
    except SyntaxError as exc:
        first = _SERVICE.search(text).start()
        if _error_position(str(exc)) < _line_column(text, first):
            # The parser stopped before the first "service": the text up to there is the
            # same, so the query itself is malformed there.
            raise
        return SERVICE_REFUSED
    except OSError:
        pass  # it parsed; evaluating it on an empty store went wrong, which does not matter here
    return None


def _error_position(message: str) -> tuple[int, int]:
    """The (line, column) of a pyoxigraph syntax error ("error at 3:11: …"); the end of the
    text when the message gives none."""
    found = re.search(r"at (\d+):(\d+)", message)
    return (int(found.group(1)), int(found.group(2))) if found else (2**31, 0)


def _line_column(text: str, offset: int) -> tuple[int, int]:
    """The 1-based (line, column) of a character offset, columns counted in characters as pyoxigraph does."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


# --- running a query ------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Limits:
    """The endpoint's limits, fixed when the app is made."""

    timeout_s: float = DEFAULT_TIMEOUT_S
    max_body: int = DEFAULT_MAX_BODY
    max_results: int = DEFAULT_MAX_RESULTS
    max_running: int = DEFAULT_MAX_RUNNING


class _TooMany(Exception):
    pass


def _take(items, limit: int) -> list:
    """Up to ``limit`` items of a lazy pyoxigraph result (_TooMany if it has more)."""
    taken = []
    for item in items:
        if len(taken) == limit:
            raise _TooMany
        taken.append(item)
    return taken


def _term_json(term) -> dict:
    """A term in SPARQL 1.1 Query Results JSON (with RDF 1.2's triple terms)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
            if term.direction is not None:  # RDF 1.2's directional language strings
                out["its:dir"] = term.direction.value
        elif term.datatype.value != vocab.XSD + "string":
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _term_json(term.subject),
                                            "predicate": _term_json(term.predicate),
                                            "object": _term_json(term.object)}}
    raise TypeError(f"not an RDF term: {term!r}")


def solutions_json(variables: Sequence[ox.Variable], solutions: Sequence[ox.QuerySolution]) -> bytes:
    """SELECT results as SPARQL 1.1 Query Results JSON."""
    bindings = []
    for solution in solutions:
        row = {}
        for var in variables:
            term = solution[var]
            if term is not None:
                row[var.value] = _term_json(term)
        bindings.append(row)
    document = {"head": {"vars": [var.value for var in variables]}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


@dataclass(frozen=True, slots=True)
class Job:
    """One query to run: its text, dataset, the formats negotiated for each query form."""

    text: str
    dataset: dict
    result_format: str | None
    graph_format: str | None
    accept: str


def answer(store: ox.Store, job: Job, max_results: int) -> Reply:
    """Run a query and serialise its answer (in a child process: this is where the time goes)."""
    try:
        reason = service_check(job.text)
        if reason:
            return Reply.message(403, reason)
        result = store.query(job.text, prefixes=vocab.PREFIXES, **job.dataset)
        if isinstance(result, ox.QueryTriples):
            if job.graph_format is None:
                return Reply.message(406, f"a CONSTRUCT or DESCRIBE query answers in one of: {_offered(GRAPH_OFFERS)} "
                                          f"(the request accepts {job.accept!r})")
            triples = _take(result, max_results)
            rdf_format, media_type = GRAPH_FORMATS[job.graph_format]
            prefixes = vocab.PREFIXES if job.graph_format != "ntriples" else None
            return Reply(200, ox.serialize(triples, format=rdf_format, prefixes=prefixes), media_type)
        if job.result_format is None:
            return Reply.message(406, f"a SELECT or ASK query answers in one of: {_offered(RESULT_OFFERS)} "
                                      f"(the request accepts {job.accept!r})")
        results_format, media_type = RESULT_FORMATS[job.result_format]
        if isinstance(result, ox.QueryBoolean):
            return Reply(200, result.serialize(format=results_format), media_type)
        variables = result.variables
        body = solutions_json(variables, _take(result, max_results))
        if job.result_format != "json":
            # Oxigraph's own writers make the XML, CSV and TSV from the capped JSON.
            body = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON).serialize(format=results_format)
        return Reply(200, body, media_type)
    except SyntaxError as exc:
        return Reply.message(400, f"SPARQL syntax error: {exc}")
    except _TooMany:
        return Reply.message(413, f"the answer has more than {max_results} rows or triples, the most this endpoint "
                                  f"returns; add LIMIT and OFFSET to fetch it page by page, or start kg serve "
                                  f"with a larger --max-results")
    except OSError as exc:
        return Reply.message(500, f"the query failed: {exc}")


class Runner:
    """Runs each query in a child process (``kg.contain``), at most ``max_running`` at
    once, and kills it once it has run ``timeout_s``. A child shields the server from the
    query engine: a pyoxigraph panic ends the child, not the server (500), and a query
    past its time is stopped rather than left running (503)."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self._lock = threading.Lock()
        self.running = 0

    async def run(self, work: Callable[[], Reply]) -> Reply:
        with self._lock:
            if self.running >= self.limits.max_running:
                return Reply.message(503, f"busy: {self.running} queries are running; try again shortly")
            self.running += 1
        loop = asyncio.get_running_loop()
        future: asyncio.Future = loop.create_future()

        def deliver(outcome) -> None:
            if not future.done():
                future.set_result(outcome)

        def thread() -> None:
            try:
                outcome = self._contained(work)
            except BaseException as exc:  # handed to the request, which raises it: a 500
                outcome = exc
            try:
                loop.call_soon_threadsafe(deliver, outcome)
            except RuntimeError:
                pass  # the event loop has closed: the server stopped while the query ran

        # A daemon thread of its own, not the event loop's executor: the server's exit
        # does not wait for it, and a client that goes away cannot cancel it unstarted.
        threading.Thread(target=thread, name="kg-query", daemon=True).start()
        try:
            outcome = await asyncio.wait_for(asyncio.shield(future), self.limits.timeout_s + 1.0)
        except asyncio.TimeoutError:  # only where a query cannot be killed (no fork): it runs on
            return Reply.message(503, f"the query ran longer than {self.limits.timeout_s:g} s; narrow it or add "
                                      f"LIMIT, or start kg serve with a longer --timeout")
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    def _contained(self, work: Callable[[], Reply]) -> Reply:
        try:
            return contained(work, timeout_s=self.limits.timeout_s)
        except QueryTimeout:
            return Reply.message(503, f"the query ran longer than {self.limits.timeout_s:g} s and was stopped; "
                                      f"narrow it or add LIMIT, or start kg serve with a longer --timeout")
        except QueryError as exc:  # the query engine crashed on it
            return Reply.message(500, str(exc))
        finally:
            with self._lock:
                self.running -= 1


# --- the protocol ---------------------------------------------------------------------

FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"


async def _read_body(request: Request, limit: int) -> bytes:
    too_large = f"the request body is larger than {limit} bytes, the most this endpoint reads"
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise Refused(413, too_large)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise Refused(413, too_large)
        chunks.append(chunk)
    return b"".join(chunks)


def _utf8(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Refused(400, f"the request is not UTF-8: {exc}") from None


def _dataset(params: list[tuple[str, str]]) -> dict:
    """pyoxigraph's dataset options from the protocol's default-graph-uri and named-graph-uri."""
    try:
        default = [ox.NamedNode(v) for k, v in params if k == "default-graph-uri"]
        named = [ox.NamedNode(v) for k, v in params if k == "named-graph-uri"]
    except ValueError as exc:
        raise Refused(400, f"default-graph-uri or named-graph-uri is not an IRI: {exc}") from None
    dataset: dict = {"default_graph": default} if default else {"use_default_graph_as_union": True}
    if named:
        dataset["named_graphs"] = named
    return dataset


async def _query_text(request: Request, limit: int) -> tuple[str, list[tuple[str, str]]]:
    """The query and the protocol parameters of a GET or POST, or Refused."""
    params = list(request.query_params.multi_items())
    if request.method == "GET":
        fields = params
    else:
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type == UPDATE:
            raise Refused(403, UPDATE_REFUSED)
        if media_type == QUERY:
            text = _utf8(await _read_body(request, limit))
            if any(k == "query" for k, _ in params):
                raise Refused(400, "give the query once: in the body or as query=, not both")
            return text, params
        if media_type != FORM:
            raise Refused(415, f"POST a query as {FORM} (query=…) or as {QUERY}; got {media_type or 'no Content-Type'!r}")
        fields = params + parse_qsl(_utf8(await _read_body(request, limit)), keep_blank_values=True)
    if any(k in ("update", "using-graph-uri", "using-named-graph-uri") for k, _ in fields):
        raise Refused(403, UPDATE_REFUSED)
    queries = [v for k, v in fields if k == "query"]
    if len(queries) != 1:
        raise Refused(400, "give one query= parameter (the SPARQL query); the query page is at /"
                      if not queries else "give one query= parameter, not several")
    return queries[0], fields


def create_app(store_path: str | Path | None, *, timeout_s: float = DEFAULT_TIMEOUT_S,
               max_body: int = DEFAULT_MAX_BODY, max_results: int = DEFAULT_MAX_RESULTS,
               max_running: int = DEFAULT_MAX_RUNNING, cors_origins: Sequence[str] = ()) -> Starlette:
    """The endpoint over the store at ``store_path``, opened read-only (StoreError if absent).

    ``cors_origins`` lists the origins allowed to call it from a browser page elsewhere
    (``"*"`` for any); without it the endpoint sends no CORS headers.
    """
    store = open_store(store_path, read_only=True)
    limits = Limits(timeout_s=timeout_s, max_body=max_body, max_results=max_results, max_running=max_running)
    runner = Runner(limits)

    async def sparql(request: Request) -> Response:
        try:
            text, fields = await _query_text(request, limits.max_body)
            if looks_like_update(text):
                raise Refused(403, UPDATE_REFUSED)
            accept = request.headers.get("accept", "")
            job = Job(text, _dataset(fields), negotiate(accept, RESULT_OFFERS), negotiate(accept, GRAPH_OFFERS), accept)
        except Refused as refusal:
            return refusal.reply.response()
        reply = await runner.run(lambda: answer(store, job, limits.max_results))
        return reply.response()

    async def page(request: Request) -> Response:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8",
                            headers={"Content-Security-Policy": PAGE_POLICY, "X-Content-Type-Options": "nosniff"})

    async def queries(request: Request) -> Response:
        return JSONResponse([{"name": name, "description": query_description(path),
                              "query": path.read_text(encoding="utf-8")} for name, path in named_queries().items()])

    async def prefixes(request: Request) -> Response:
        return JSONResponse(vocab.PREFIXES)

    middleware = [Middleware(AccessLog)]
    if cors_origins:
        middleware.append(Middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "POST"],
                                     allow_headers=["Accept", "Content-Type"]))
    app = Starlette(routes=[
        Route("/", page),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/queries", queries),
        Route("/prefixes", prefixes),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ], middleware=middleware)
    app.state.limits = limits
    app.state.runner = runner
    return app


class AccessLog:
    """One log line per request on the ``kg.serve`` logger: method, path, status, milliseconds."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = [500]  # what the server sends if the app raises

        async def send_status(message):
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            # The path as sent, still percent-encoded: a %0A in it cannot start a fake log line.
            path = (scope.get("raw_path") or b"").decode("latin-1").split("?")[0] or scope["path"]
            log.info("%s %s %d %.0fms", scope["method"], path, status[0], (time.perf_counter() - started) * 1000)
