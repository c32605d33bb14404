"""A crash of the query engine is an error, not the end of kg (kg/contain.py).

pyoxigraph 0.5.13 aborts the whole process (SIGABRT: its Rust panics are not raised as
Python exceptions) on an ORDER BY over values of mixed types. The front doors run each
query in a child process: `kg query` reports the failure and exits 1, `kg.open(...).query`
raises QueryError, `kg serve` answers 500 and goes on serving. Each front door is tested
in its own process, so that a regression fails the test instead of aborting pytest.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.contain import FAILED, QueryTimeout, contained
from kg.errors import QueryError, StoreError

KG = str(Path(sys.executable).parent / "kg")

# The query of docs/serve.md's "Known problems": pyoxigraph 0.5.13 panics sorting it.
PANIC = """SELECT ?c ?f {
  VALUES ?c { 66 "2018-06-04"^^xsd:date "a" 155 "b" }
  VALUES ?f { 66 "2018-06-04"^^xsd:date "a" 155 "b" }
} ORDER BY ?f ?c"""
PANIC_MESSAGE = "pyoxigraph panicked: user-provided comparison function does not correctly implement a total order"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """An empty kg store: the query needs no data to crash the engine."""
    from kg.store import open_store
    path = tmp_path_factory.mktemp("crash") / "kg-store"
    writer = open_store(path)
    del writer
    return path


def _run(*args, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "RUST_BACKTRACE": "1"}  # the worst case: a panic would print a page of backtrace
    return subprocess.run(args, capture_output=True, text=True, timeout=120, env=env, **kwargs)


def test_pyoxigraph_itself_aborts_on_the_query():
    """The premise. If this fails, pyoxigraph no longer crashes on the query: say so in
    docs/serve.md and docs/reliability.md, and keep the other tests as they are."""
    script = ("import sys, pyoxigraph\n"
              "list(pyoxigraph.Store().query(sys.argv[1], prefixes={'xsd': 'http://www.w3.org/2001/XMLSchema#'}))")
    done = _run(sys.executable, "-c", script, PANIC)
    assert done.returncode == -signal.SIGABRT, done
    assert "does not correctly implement a total order" in done.stderr


def test_kg_query_reports_it_and_exits_1(store):
    done = _run(KG, "query", PANIC, "--store", str(store))
    assert done.returncode == 1, done
    assert done.stdout == ""
    assert done.stderr.startswith(f"Error: {FAILED}: {PANIC_MESSAGE}; ")
    assert "STR(?x)" in done.stderr  # how to get round it
    assert "panicked at" not in done.stderr and "backtrace" not in done.stderr
    ok = _run(KG, "query", PANIC.replace("ORDER BY ?f ?c", "ORDER BY STR(?f) STR(?c)"), "--store", str(store),
              "--format", "csv")
    assert ok.returncode == 0 and len(ok.stdout.splitlines()) == 26, ok


def test_the_python_api_raises_query_error_and_goes_on(store):
    script = textwrap.dedent("""
        import sys
        import kg
        from kg.errors import QueryError
        g = kg.open(sys.argv[1])
        try:
            g.query(sys.argv[2])
        except QueryError as err:
            print("QueryError:", err)
        print(g.query("SELECT (1 + 1 AS ?two) {}"))
    """)
    done = _run(sys.executable, "-c", script, str(store), PANIC)
    assert done.returncode == 0, done
    lines = done.stdout.splitlines()
    assert lines[0].startswith(f"QueryError: {FAILED}: {PANIC_MESSAGE}")
    assert lines[1] == "[{'two': 2}]"


def test_kg_serve_answers_500_and_goes_on_serving(store):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([KG, "serve", "--store", str(store), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "RUST_BACKTRACE": "1"})
    url = f"http://127.0.0.1:{port}/sparql?"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/prefixes", timeout=5).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "kg serve did not start"
                time.sleep(0.1)
        with pytest.raises(urllib.error.HTTPError) as failed:
            urllib.request.urlopen(url + urllib.parse.urlencode({"query": PANIC}), timeout=30)
        assert failed.value.code == 500
        assert failed.value.read().decode().startswith(f"{FAILED}: {PANIC_MESSAGE}")
        with urllib.request.urlopen(url + urllib.parse.urlencode({"query": "ASK {}"}), timeout=30) as answer:
            assert answer.status == 200 and b"true" in answer.read()
        assert server.poll() is None
    finally:
        server.terminate()
        _, log = server.communicate(timeout=30)
    assert "GET /sparql 500" in log and "GET /sparql 200" in log
    assert "panicked at" not in log


# --- kg.contain itself, with no pyoxigraph bug needed ---------------------------------------

def test_a_child_that_aborts_is_a_query_error_naming_the_signal():
    with pytest.raises(QueryError, match=f"^{FAILED}: the process evaluating it was ended by SIGABRT$"):
        contained(os.abort)


def test_results_and_exceptions_come_back_from_the_child():
    assert contained(lambda: {"pid": os.getpid()})["pid"] != os.getpid()
    assert contained(lambda: "x" * 5_000_000) == "x" * 5_000_000  # more than a pipe holds
    with pytest.raises(StoreError, match="^no such store$"):
        contained(lambda: (_ for _ in ()).throw(StoreError("no such store")))


def test_a_child_past_its_time_is_killed():
    from kg import contain
    started = time.monotonic()
    with pytest.raises(QueryTimeout):
        contained(lambda: time.sleep(60), timeout_s=0.2)
    assert time.monotonic() - started < 10
    assert not contain._children
