"""Saved SPARQL queries (`queries/*.rq`) run with rdflib over the ELI export.

    python -m queries.sparql graph.ttl implementers id=vn/ubnd-tinh-lang-son/2020/KH/56

Parameters are plain literals bound to the variables of the same name (`?id`); rows
come back as dicts of Python values (dates as `date`, numbers as `int`), in the
query's ORDER BY order, like `queries.runner.run_query` does for Cypher.
"""
from __future__ import annotations

import json
import sys
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query


def names() -> list[str]:
    """The saved SPARQL queries (file stems of queries/*.rq)."""
    return sorted(p.name[:-3] for p in resources.files("queries").iterdir() if p.name.endswith(".rq"))


@cache
def prepared(name: str) -> Query:
    text = resources.files("queries").joinpath(f"{name}.rq").read_text(encoding="utf-8")
    return prepareQuery(text)


def _py(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, Literal):
        return value.toPython()
    return str(value)


def run_sparql(graph: Graph, name: str, **params: Any) -> list[dict[str, Any]]:
    """Run `queries/<name>.rq` on `graph` with `params` bound as literals."""
    query = prepared(name)
    bindings = {k: v if isinstance(v, Literal) else Literal(v) for k, v in params.items()}
    result = graph.query(query, initBindings=bindings)
    return [{str(var): _py(row[var]) for var in result.vars} for row in result]


def load(path: str | Path) -> Graph:
    """An RDF file written by `vbgraph export --format turtle|jsonld`."""
    path = Path(path)
    return Graph().parse(path, format="json-ld" if path.suffix in (".jsonld", ".json") else "turtle")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) < 2:
        print(f"usage: python -m queries.sparql FILE.ttl|FILE.jsonld QUERY [key=value ...]\n"
              f"queries: {', '.join(names())}", file=sys.stderr)
        return 2
    params = dict(a.split("=", 1) for a in argv[2:])
    for row in run_sparql(load(argv[0]), argv[1], **params):
        print(json.dumps(row, ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
