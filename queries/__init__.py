"""Named, parameterised Cypher (and SPARQL) queries, their runner and the read-only guard:
every read of the store the app, the CLI and the exports make.

    from queries import run_query
    rows = run_query(store, "implementers", symbol="2318/KL-TTr")
"""
from .dump import read_graph
from .guard import GuardError, check
from .runner import QuerySpec, convert_params, get_query, list_queries, run_query
from .sparql import run_sparql

__all__ = ["GuardError", "QuerySpec", "check", "convert_params", "get_query", "list_queries", "read_graph",
           "run_query", "run_sparql"]
