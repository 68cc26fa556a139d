"""Store access for the explorer: one store (one embedded server) per process.

`graph.store.open_store` is opened once through `st.cache_resource`, at env
`VBGRAPH_URI` (a Bolt server) or else the embedded store at env `VBGRAPH_DB`
(default `data/db`). The pages read through the named queries of `queries/` (`query`),
the Cypher console through `read`; both go through `Store.read` (the read-only guard).
"""
from __future__ import annotations

import os
from typing import Any

import streamlit as st

from queries.runner import run_query

DEFAULT_DB = "data/db"


def store_location() -> tuple[str | None, str]:
    """(uri, path) from the environment."""
    return os.environ.get("VBGRAPH_URI") or None, os.environ.get("VBGRAPH_DB") or DEFAULT_DB


def database_name() -> str:
    """Database on the server (env `VBGRAPH_DATABASE`, default "vbgraph")."""
    return os.environ.get("VBGRAPH_DATABASE") or "vbgraph"


@st.cache_resource(show_spinner="Đang mở kho dữ liệu…")
def _open(uri: str | None, path: str, database: str) -> Any:
    from graph.store import open_store

    store = open_store(uri=uri, path=path, database=database)
    if uri is None:
        try:
            store.ensure_schema()  # a fresh data/db: empty but queryable
        except Exception:  # noqa: BLE001 - a read-only or older store still serves reads
            pass
    return store


def get_store() -> Any:
    """The process-wide store for the configured location."""
    uri, path = store_location()
    return _open(uri, path, database_name())


def read(cypher: str, **params: Any) -> list[dict]:
    """Run a read-only Cypher query on the store (raises the guard's error on writes)."""
    return get_store().read(cypher, **params)


def query(name: str, **params: Any) -> list[dict]:
    """Rows of the named query `queries/<name>.cypher` (`queries.runner.run_query`)."""
    return run_query(get_store(), name, **params)


@st.cache_data(ttl=60, show_spinner=False)
def counts() -> dict[str, int]:
    """Nodes per label of the vocabulary (`Store.counts`), and of the instruments how many
    were loaded from a document of their own (`loaded`, queries/loaded_count.cypher)."""
    from graph.model import NODE_LABELS

    nodes = get_store().counts()["nodes"]
    out = {label: int(nodes.get(label, 0)) for label in NODE_LABELS}
    rows = query("loaded_count")
    out["loaded"] = int(rows[0]["loaded"]) if rows else 0
    return out


def clear_caches() -> None:
    """After a write (ingest): drop every cached read, and the search and agency indexes."""
    from vbgraph_app import repo

    st.cache_data.clear()
    repo.search_index.clear()
    repo.type_names.clear()
    repo.agencies_with_tasks.clear()
