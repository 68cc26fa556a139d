"""Every node and edge of a store, read page by page through the named queries
`nodes_page` and `edges_page` (a total ORDER BY, SKIP, LIMIT): the input of
`vbgraph export` (graph/export.py writes the formats)."""
from __future__ import annotations

import math
from typing import Any

from graph.model import NODE_LABELS, Edge, Node
from queries.runner import run_query

PAGE_SIZE = 2000


def _native(value: Any) -> Any:
    """neo4j temporal values -> datetime/date; lists recursively; NaN -> None."""
    if hasattr(value, "to_native"):
        return value.to_native()
    if isinstance(value, list):
        return [_native(v) for v in value]
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _label(labels: Any) -> str:
    labels = list(labels or [])
    for label in labels:
        if label in NODE_LABELS:
            return label
    return labels[0] if labels else "Node"


def _pages(store: Any, name: str, page_size: int, **params: Any) -> Any:
    skip = 0
    while True:
        rows = run_query(store, name, **params, skip=skip, limit=page_size)
        yield from rows
        if len(rows) < page_size:
            return
        skip += page_size


def read_graph(store: Any, page_size: int = PAGE_SIZE) -> tuple[list[Node], list[Edge]]:
    """All nodes and edges of `store` (anything with `read(cypher, **params) -> rows`)."""
    nodes = [Node(label, row["id"], {k: _native(v) for k, v in dict(row["p"] or {}).items()
                                     if k != "id" and v is not None}, authoritative=True)
             for label in NODE_LABELS for row in _pages(store, "nodes_page", page_size, label=label)]
    edges = [Edge(row["t"], row["s"], row["d"], _label(row["sl"]), _label(row["dl"]),
                  {k: _native(v) for k, v in dict(row["p"] or {}).items() if v is not None})
             for row in _pages(store, "edges_page", page_size)]
    return nodes, edges
