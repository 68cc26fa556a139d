"""The graph in networkx: built from fragments or from store rows, exported to
GraphML, GEXF and JSON lines, plus a few analysis helpers.

`build_nx` gives a `MultiDiGraph`: node attributes are ``label`` (Instrument, Agency,
Person, Task) plus the node's props; edges are keyed by their type, with ``type``
plus props. When several documents state the same (src, type, dst) edge the first
one's props are kept, ``count`` is summed and ``source_docs`` lists every stating
document. Nodes merge like the store does: authoritative props win, others only
fill what is missing.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

import networkx as nx

from .model import CITATION_RELATIONS, INSTRUMENT, Fragment


def _add_node(g: nx.MultiDiGraph, id_: str, label: str, props: Mapping[str, Any],
              authoritative: bool) -> None:
    if id_ not in g:
        g.add_node(id_, label=label, authoritative=authoritative, **{k: v for k, v in props.items() if k != "label"})
        return
    data = g.nodes[id_]
    for k, v in props.items():
        if k == "label":
            continue
        if authoritative or k not in data:
            data[k] = v
    data["authoritative"] = bool(data.get("authoritative")) or authoritative


def _add_edge(g: nx.MultiDiGraph, src: str, dst: str, type_: str, props: Mapping[str, Any]) -> None:
    doc = props.get("source_doc")
    if g.has_edge(src, dst, key=type_):
        data = g.edges[src, dst, type_]
        if doc and doc not in data["source_docs"]:
            data["source_docs"].append(doc)
            data["count"] = data.get("count", 1) + props.get("count", 1)
        return
    docs = list(props.get("source_docs") or ([doc] if doc else []))
    rest = {k: v for k, v in props.items() if k not in ("source_docs", "type")}
    g.add_edge(src, dst, key=type_, type=type_, **rest, source_docs=docs)


def build_nx(fragments: Iterable[Fragment]) -> nx.MultiDiGraph:
    """One graph from document fragments."""
    g = nx.MultiDiGraph()
    edges = []
    for f in fragments:
        for n in f.nodes:
            _add_node(g, n.id, n.label, n.props, n.authoritative)
        edges.extend(f.edges)
    for e in edges:
        for end, label in ((e.src, e.src_label), (e.dst, e.dst_label)):
            if end not in g:
                _add_node(g, end, label, {"id": end}, False)
        _add_edge(g, e.src, e.dst, e.type, e.props)
    return g


def from_rows(nodes: Iterable[Mapping[str, Any]], edges: Iterable[Mapping[str, Any]]) -> nx.MultiDiGraph:
    """The same graph from database rows.

    `nodes`: ``{"id", "label", "props": {...}}`` or flat dicts with ``id`` and ``label``
    (optional ``authoritative``); `edges`: ``{"src", "dst", "type", "props": {...}}`` or
    flat dicts with those keys.
    """
    g = nx.MultiDiGraph()
    for row in nodes:
        props = dict(row["props"] if "props" in row else {k: v for k, v in row.items() if k not in ("label", "authoritative")})
        props.setdefault("id", row["id"])
        auth = bool(row.get("authoritative", props.pop("authoritative", False)))
        _add_node(g, row["id"], row.get("label", INSTRUMENT), props, auth)
    for row in edges:
        props = dict(row["props"] if "props" in row else {k: v for k, v in row.items() if k not in ("src", "dst", "type")})
        for end in (row["src"], row["dst"]):
            if end not in g:
                _add_node(g, end, INSTRUMENT, {"id": end}, False)
        _add_edge(g, row["src"], row["dst"], row["type"], props)
    return g


# ---------------------------------------------------------------- export

def _flat(v: Any) -> Any:
    """A value GraphML/GEXF can hold: str, int, float, bool."""
    if isinstance(v, bool) or isinstance(v, (int, float, str)):
        return v
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    return json.dumps(_jsonable(v), ensure_ascii=False)


def _jsonable(v: Any) -> Any:
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    if isinstance(v, Mapping):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple, set)):
        return [_jsonable(x) for x in v]
    return v


def flat_copy(g: nx.MultiDiGraph, drop: Iterable[str] = ()) -> nx.MultiDiGraph:
    """A copy with every attribute value flattened for XML formats; None dropped.

    Values of one attribute name must share a type in GraphML: ints and strings
    mixed under one name are all written as strings.
    """
    drop = set(drop)
    h = nx.MultiDiGraph()
    kinds: dict[tuple[str, str], set[type]] = {}
    for _, d in g.nodes(data=True):
        for k, v in d.items():
            if v is not None and k not in drop:
                kinds.setdefault(("n", k), set()).add(type(_flat(v)))
    for *_, d in g.edges(keys=True, data=True):
        for k, v in d.items():
            if v is not None and k not in drop:
                kinds.setdefault(("e", k), set()).add(type(_flat(v)))

    def conv(space: str, d: Mapping[str, Any]) -> dict[str, Any]:
        out = {}
        for k, v in d.items():
            if v is None or k in drop:
                continue
            f = _flat(v)
            out[k] = str(f) if len(kinds[(space, k)]) > 1 else f
        return out

    for n, d in g.nodes(data=True):
        h.add_node(n, **conv("n", d))
    for u, v, k, d in g.edges(keys=True, data=True):
        h.add_edge(u, v, key=k, **conv("e", d))
    return h


def write_graphml(g: nx.MultiDiGraph, path: str | Path, text: bool = False) -> None:
    """GraphML (dates as ISO strings, lists as JSON). Document texts are left out
    unless `text` (they make the file huge)."""
    nx.write_graphml(flat_copy(g, () if text else ("text",)), str(path))


def write_gexf(g: nx.MultiDiGraph, path: str | Path, text: bool = False) -> None:
    """GEXF for Gephi: the node's ``label`` (kind) becomes ``kind``; the GEXF label
    is the node's display ``name`` (or its id)."""
    h = flat_copy(g, () if text else ("text",))
    for n, d in h.nodes(data=True):
        d["kind"] = d.pop("label", "")
        d["label"] = str(d.get("name") or d.get("symbol") or n)
    for *_, d in h.edges(keys=True, data=True):
        d.pop("id", None)
    nx.write_gexf(h, str(path))


def write_jsonl(g: nx.MultiDiGraph, path: str | Path) -> None:
    """One JSON object per line: ``{"kind": "node", "id", "label", "props"}`` then
    ``{"kind": "edge", "src", "dst", "type", "props"}``."""
    with open(path, "w", encoding="utf-8") as fh:
        for n, d in g.nodes(data=True):
            props = {k: v for k, v in d.items() if k != "label"}
            fh.write(json.dumps({"kind": "node", "id": n, "label": d.get("label"),
                                 "props": _jsonable(props)}, ensure_ascii=False) + "\n")
        for u, v, k, d in g.edges(keys=True, data=True):
            props = {x: y for x, y in d.items() if x != "type"}
            fh.write(json.dumps({"kind": "edge", "src": u, "dst": v, "type": k,
                                 "props": _jsonable(props)}, ensure_ascii=False) + "\n")


def read_jsonl(path: str | Path) -> nx.MultiDiGraph:
    """The graph written by `write_jsonl` (dates stay ISO strings)."""
    nodes, edges = [], []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            (nodes if row["kind"] == "node" else edges).append(row)
    return from_rows(nodes, edges)


# ---------------------------------------------------------------- analysis

def citation_graph(g: nx.MultiDiGraph) -> nx.DiGraph:
    """Instruments only, one edge per cited pair (any citation relation)."""
    h = nx.DiGraph()
    h.add_nodes_from(n for n, d in g.nodes(data=True) if d.get("label") == INSTRUMENT)
    for u, v, k in g.edges(keys=True):
        if k in CITATION_RELATIONS and u in h and v in h:
            h.add_edge(u, v)
    return h


def pagerank(h: nx.DiGraph, alpha: float = 0.85, tol: float = 1e-10, max_iter: int = 200) -> dict[str, float]:
    """Plain power-iteration PageRank (networkx's own needs scipy, which we don't ship);
    dangling nodes spread their rank uniformly."""
    nodes = list(h)
    n = len(nodes)
    rank = dict.fromkeys(nodes, 1.0 / n)
    out_deg = {u: h.out_degree(u) for u in nodes}
    for _ in range(max_iter):
        dangling = alpha * sum(rank[u] for u in nodes if out_deg[u] == 0) / n
        new = dict.fromkeys(nodes, (1.0 - alpha) / n + dangling)
        for u, v in h.edges():
            new[v] += alpha * rank[u] / out_deg[u]
        if sum(abs(new[u] - rank[u]) for u in nodes) < n * tol:
            return new
        rank = new
    return rank


def instrument_pagerank(g: nx.MultiDiGraph, top: int | None = None) -> list[tuple[str, float]]:
    """Instruments ranked by PageRank over citation edges (most cited-upon first)."""
    h = citation_graph(g)
    if h.number_of_nodes() == 0:
        return []
    pr = pagerank(h)
    ranked = sorted(pr.items(), key=lambda kv: (-kv[1], kv[0]))
    return ranked[:top] if top else ranked


def components(g: nx.MultiDiGraph) -> list[set[str]]:
    """Weakly connected components of the citation graph, largest first."""
    return sorted(nx.weakly_connected_components(citation_graph(g)), key=lambda c: (-len(c), min(c)))


def citation_cycles(g: nx.MultiDiGraph, limit: int = 100) -> list[list[str]]:
    """Citation cycles (A cites B ... cites A), at most `limit`."""
    out = []
    for cyc in nx.simple_cycles(citation_graph(g)):
        out.append(cyc)
        if len(out) >= limit:
            break
    return out
