"""Export a displayed subgraph (or any node/edge rows) as GraphML, GEXF, JSONL, CSV."""
from __future__ import annotations

import csv
import io
import json
from typing import Any

import networkx as nx
import streamlit as st

_KEEP = ("label", "symbol", "type_name", "date", "issuer", "status", "name", "action", "deadline")


def to_nx(nodes: list[dict], edges: list[dict]) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for n in nodes:
        g.add_node(n["id"], **{k: str(n[k]) for k in _KEEP if n.get(k) not in (None, "")})
    for e in edges:
        if e["src"] in g and e["dst"] in g:
            attrs = {"type": e["rel"]}
            if e.get("sentence"):
                attrs["sentence"] = str(e["sentence"])
            g.add_edge(e["src"], e["dst"], key=e["rel"], **attrs)
    return g


def graphml(g: nx.MultiDiGraph) -> bytes:
    buf = io.BytesIO()
    nx.write_graphml(g, buf, encoding="utf-8")
    return buf.getvalue()


def gexf(g: nx.MultiDiGraph) -> bytes:
    buf = io.BytesIO()
    nx.write_gexf(g, buf, encoding="utf-8")
    return buf.getvalue()


def jsonl(g: nx.MultiDiGraph) -> bytes:
    lines = [json.dumps({"kind": "node", "id": n, **a}, ensure_ascii=False) for n, a in g.nodes(data=True)]
    lines += [json.dumps({"kind": "edge", "source": s, "target": t, **a}, ensure_ascii=False)
              for s, t, a in g.edges(data=True)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def csv_bytes(rows: list[dict]) -> bytes:
    """Rows as CSV (UTF-8 with BOM so spreadsheet tools read the diacritics)."""
    cols: list[str] = []
    for r in rows:
        cols += [c for c in r if c not in cols]
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: _cell(v) for k, v in r.items()})
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _cell(v: Any) -> Any:
    return json.dumps(v, ensure_ascii=False, default=str) if isinstance(v, (dict, list)) else v


def buttons(nodes: list[dict], edges: list[dict], stem: str, key: str) -> None:
    """GraphML / GEXF / JSONL download buttons for a subgraph."""
    g = to_nx(nodes, edges)
    c1, c2, c3 = st.columns(3)
    c1.download_button("Tải GraphML", graphml(g), f"{stem}.graphml", "application/xml", key=f"{key}_graphml")
    c2.download_button("Tải GEXF", gexf(g), f"{stem}.gexf", "application/xml", key=f"{key}_gexf")
    c3.download_button("Tải JSONL", jsonl(g), f"{stem}.jsonl", "application/x-ndjson", key=f"{key}_jsonl")
