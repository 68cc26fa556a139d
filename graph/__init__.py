"""The citation graph: the model, resolution to canonical instruments, building a
document's fragment, the store (one Cypher path over Bolt) and its exports.

    from graph import ingest, open_store
    with open_store(path="data/db") as store:
        ingest(["data/samples"], store)

The public names below are imported from their modules on first use, so that
`import graph.model` stays light (no driver, no gazetteer).
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

_HOME = {
    "CITATION_RELATIONS": "model", "EDGE_TYPES": "model", "NODE_LABELS": "model",
    "Edge": "model", "Fragment": "model", "Node": "model",
    "resolve_citation": "resolve", "document_fragment": "build",
    "Store": "store", "open_store": "store", "IngestSummary": "ingest", "ingest": "ingest",
    "FORMATS": "export", "export": "export", "build_nx": "nx_graph", "to_rdf": "rdf", "write_rdf": "rdf",
}
__all__ = sorted(_HOME)


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_HOME[name]}"), name)
