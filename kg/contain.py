"""Queries run where a crash of the query engine cannot take kg down with them.

pyoxigraph 0.5.13 is built to abort on a Rust panic: the panic is not raised as a Python
exception (pyo3's ``PanicException``) but ends the whole process with SIGABRT, which no
``try`` can catch. One such panic is known: an ``ORDER BY`` over values of mixed types
("user-provided comparison function does not correctly implement a total order";
docs/serve.md). So the front doors (``kg query``, ``kg serve``, ``kg.open(...).query``)
evaluate each query in a forked child process: the child inherits the open store, runs the
query and hands back its result; if it dies instead, the caller gets a ``QueryError``
saying why, and goes on. A child can also be killed, which is how ``kg serve`` stops a
query that runs past its time limit.

The parent must not be inside pyoxigraph in another thread while it forks (a lock held
there would stay held in the child): the front doors run every query through here, so
the parent itself never is. Where ``os.fork`` does not exist (Windows), the work runs in
the calling process, unprotected.
"""

from __future__ import annotations

import atexit
import contextlib
import faulthandler
import os
import pickle
import select
import signal
import tempfile
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from kg.errors import QueryError

T = TypeVar("T")

FAILED = "the query engine failed on this query"
_ORDER_HINT = ("; this is a pyoxigraph bug with ORDER BY over values of different kinds (numbers, dates and "
               "strings together): sort by STR(?x), or filter the values to one kind first")

_children: set[int] = set()  # running children, killed if this process exits first
_forking = threading.Lock()


class QueryTimeout(QueryError):
    """The query ran past its time limit and was stopped."""


def contained(work: Callable[[], T], *, timeout_s: float | None = None) -> T:
    """``work()``'s result, computed in a forked child process.

    What ``work`` raises (picklable) is raised here; a child that dies (an engine panic)
    raises ``QueryError`` naming the cause; a child still running after ``timeout_s``
    seconds is killed and ``QueryTimeout`` raised. The result must be picklable.
    """
    if not hasattr(os, "fork"):
        return work()
    with tempfile.TemporaryFile() as stderr:
        with _forking:  # no other thread's child may inherit this pipe's write end: EOF must mean ours ended
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: never returns
                os.close(read_end)
                _child(work, write_end, stderr.fileno())
            _children.add(pid)
            os.close(write_end)
        try:
            data = _read_all(read_end, None if timeout_s is None else time.monotonic() + timeout_s)
            # End of file: the child has closed its end of the pipe, so it is ending.
            status = os.waitpid(pid, 0)[1]
            _children.discard(pid)
        except BaseException:  # a timeout, or Ctrl-C in a notebook: the query goes with it
            _kill(pid)
            raise
        finally:
            os.close(read_end)
        if os.WIFSIGNALED(status) or not data:
            stderr.seek(0)
            raise QueryError(f"{FAILED}: {_cause(status, stderr.read().decode('utf-8', 'replace'))}")
    ok, value = pickle.loads(data)
    if ok:
        return value
    raise value


def _child(work: Callable[[], object], out: int, stderr: int) -> None:
    """Run ``work``, write its pickled outcome to ``out``, and end the process (never returns)."""
    code = 0
    try:
        os.dup2(stderr, 2)  # a panic's message goes here, for the parent to report
        faulthandler.disable()  # (pytest's) would dump this child's stack on the parent's stderr
        os.environ["RUST_BACKTRACE"] = "0"  # the message, not a page of backtrace
        with contextlib.suppress(ValueError):  # the parent's handlers (uvicorn's) are not this process's
            for number in (signal.SIGINT, signal.SIGTERM):
                signal.signal(number, signal.SIG_DFL)
        try:
            outcome = (True, work())
        except BaseException as exc:
            outcome = (False, exc)
        try:
            data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # an exception (or result) that does not pickle
            data = pickle.dumps((False, QueryError(f"{FAILED}: {outcome[1]!r} ({exc})")))
        view = memoryview(data)
        while view:
            view = view[os.write(out, view):]
    except BaseException:
        code = 1
    finally:
        os._exit(code)  # no atexit handlers, no finalisers of the parent's objects


def _read_all(fd: int, deadline: float | None) -> bytes:
    chunks = []
    while True:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise QueryTimeout("the query ran past its time limit")
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass
    _children.discard(pid)


def _cause(status: int, stderr: str) -> str:
    """What ended a child, from its wait status and what it wrote to stderr."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for i, line in enumerate(lines):
        if " panicked at " in line and i + 1 < len(lines):
            message = lines[i + 1]
            return f"pyoxigraph panicked: {message}" + (_ORDER_HINT if "total order" in message else "")
    if os.WIFSIGNALED(status):
        name = signal.Signals(os.WTERMSIG(status)).name
        last = f" ({lines[-1]})" if lines else ""
        return f"the process evaluating it was ended by {name}{last}"
    return "the process evaluating it ended without an answer" + (f" ({lines[-1]})" if lines else "")


@atexit.register
def _kill_children() -> None:
    for pid in list(_children):
        _kill(pid)
