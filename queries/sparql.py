"""Saved SPARQL queries (`queries/*.rq`) run with rdflib over the ELI export.

    python -m queries.sparql graph.ttl implementers id=vn/ubnd-tinh-lang-son/2020/KH/56

A parameter `x` fills the variable `?p_x` (rdflib applies `initBindings` only after
evaluating the pattern, which neither prunes nor lets FILTERs see them, so the value is
written into the query as an escaped RDF literal, and `BOUND(?p_x)` becomes true;
an unset parameter stays an unbound variable); when the query has a
Cypher twin (`queries/<name>.cypher`) the parameters are converted (defaults, folded
keys, dates) exactly as `queries.runner.run_query` converts them, and None is left
unbound. Rows come back as dicts of Python values (dates as `date`, numbers as `int`),
in the query's ORDER BY order.
"""
from __future__ import annotations

import json
import re
import sys
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal


def names() -> list[str]:
    """The saved SPARQL queries (file stems of queries/*.rq)."""
    return sorted(p.name[:-3] for p in resources.files("queries").iterdir() if p.name.endswith(".rq"))


@cache
def text_of(name: str) -> str:
    return resources.files("queries").joinpath(f"{name}.rq").read_text(encoding="utf-8")


def bind(text: str, params: dict[str, Any]) -> str:
    """`text` with each set parameter `x` written in place of `?p_x`."""
    for key, value in params.items():
        if not re.fullmatch(r"\w+", key):
            raise ValueError(f"bad parameter name {key!r}")
        term = (value if isinstance(value, Literal) else Literal(value)).n3()
        text = re.sub(rf"BOUND\(\s*\?p_{key}\s*\)", "true", text, flags=re.I)
        text = re.sub(rf"\?p_{key}\b", lambda _m: term, text)
    return text


def _py(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, Literal):
        return value.toPython()
    return str(value)


def convert(name: str, params: dict[str, Any]) -> dict[str, Any]:
    """Parameters as the Cypher twin would get them (if there is one)."""
    from queries.runner import convert_params, get_query

    try:
        spec = get_query(name)
    except KeyError:
        return params
    return convert_params(spec, params)


def run_sparql(graph: Graph, name: str, **params: Any) -> list[dict[str, Any]]:
    """Run `queries/<name>.rq` on `graph`, parameter `x` bound to `?p_x`."""
    values = {k: v for k, v in convert(name, params).items() if v is not None and v != []}
    result = graph.query(bind(text_of(name), values))
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
