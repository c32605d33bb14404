"""SPARQL over the store: ad-hoc queries, the shipped ``queries/*.rq``, and result formats.

Queries see the union of all graphs as their default graph, with kg's prefixes
predeclared, so a researcher writes ``?e kg:eventType plover:ASSAULT`` and no GRAPH.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import (BlankNode, Literal, NamedNode, QueryBoolean, QueryResultsFormat, QuerySolutions,
                        QueryTriples, RdfFormat, Store)

from kg import vocab
from kg.errors import QueryError

_RESULT_FORMATS = {"csv": QueryResultsFormat.CSV, "tsv": QueryResultsFormat.TSV, "json": QueryResultsFormat.JSON}


def shipped_dir(name: str) -> Path:
    """A folder shipped with kg (``queries``, ``ontology``): in the wheel, or in the source tree."""
    here = Path(__file__).parent
    for candidate in (here / "_shipped" / name, here.parent / name):
        if candidate.is_dir():
            return candidate
    raise QueryError(f"kg's {name}/ folder is missing from this installation; reinstall kg")


def named_queries() -> dict[str, Path]:
    """The shipped queries by name (file stem)."""
    return {p.stem: p for p in sorted(shipped_dir("queries").glob("*.rq"))}


def query_description(path: Path) -> str:
    """The first comment lines of a query file: what it answers."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("# ").strip())
    return " ".join(lines).strip()


def load_named(name: str) -> str:
    queries = named_queries()
    if name not in queries:
        raise QueryError(f"no shipped query named {name!r}; the names are: {', '.join(queries)}")
    return queries[name].read_text(encoding="utf-8")


@dataclass(frozen=True, slots=True)
class Rows:
    """SELECT results as Python values: variable names and one tuple per solution."""

    variables: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]


def run(store: Store, sparql: str):
    """The raw pyoxigraph result of a query over the union of the store's graphs."""
    try:
        return store.query(sparql, use_default_graph_as_union=True, prefixes=vocab.PREFIXES)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {exc}") from None
    except OSError as exc:
        raise QueryError(f"query failed: {exc}") from None


def python_value(term) -> object:
    """A term as a Python value: IRIs and strings as str, numbers as int/float, booleans as bool."""
    if term is None:
        return None
    if isinstance(term, Literal):
        datatype = term.datatype.value.rsplit("#", 1)[-1]
        if datatype in ("integer", "int", "long", "nonNegativeInteger"):
            return int(term.value)
        if datatype in ("decimal", "double", "float"):
            return float(term.value)
        if datatype == "boolean":
            return term.value == "true"
        return term.value
    if isinstance(term, (NamedNode, BlankNode)):
        return term.value
    return str(term)


def select(store: Store, sparql: str) -> Rows:
    """The rows of a SELECT query as Python values."""
    result = run(store, sparql)
    if not isinstance(result, QuerySolutions):
        raise QueryError("expected a SELECT query")
    variables = tuple(var.value for var in result.variables)
    return Rows(variables, tuple(tuple(python_value(solution[var]) for var in variables) for solution in result))


def format_result(result, fmt: str = "table") -> str:
    """A query result as text: a table, CSV, TSV or SPARQL JSON (Turtle for CONSTRUCT)."""
    if isinstance(result, QueryBoolean):
        return json.dumps({"head": {}, "boolean": bool(result)}) if fmt == "json" else str(bool(result)).lower()
    if isinstance(result, QueryTriples):
        return result.serialize(format=RdfFormat.TURTLE).decode()
    if fmt in _RESULT_FORMATS:  # the W3C SPARQL 1.1 result formats
        return result.serialize(format=_RESULT_FORMATS[fmt]).decode()
    variables = [var.value for var in result.variables]
    rows = [[_cell(solution[var]) for var in result.variables] for solution in result]
    return _table(variables, rows)


def _cell(term) -> str:
    value = python_value(term)
    if value is None:
        return ""
    text = str(value)
    for namespace, prefix in ((vocab.ID, "kgid:"), (vocab.PLOVER, "plover:"), (vocab.COUNT_TYPE, "kgc:"),
                              (vocab.RELATION, "kgr:"), (vocab.KG, "kg:"), (vocab.WD, "wd:")):
        if isinstance(term, NamedNode) and text.startswith(namespace):
            return prefix + text[len(namespace):]
    return text


def _table(variables: list[str], rows: list[list[str]]) -> str:
    widths = [max([len(v)] + [len(r[i]) for r in rows]) for i, v in enumerate(variables)]
    lines = [" | ".join(v.ljust(w) for v, w in zip(variables, widths)),
             "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(c.ljust(w) for c, w in zip(r, widths)) for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)
