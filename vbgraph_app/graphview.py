"""The interactive graph: st-link-analysis (Cytoscape.js, bundled locally, no CDN).

Every string put in the payload is HTML-escaped: the component's side panel writes
node data with innerHTML. A node's and an edge's `label` (what the panel heads with,
and what the styles select on) is its kind in Vietnamese ("Văn bản", "Thực hiện"), never
the graph's own name ("Instrument", "IMPLEMENTS"). Clicks come back as
`{"action": "clicked", "data": {"target_id": …}, "timestamp": …}`.
"""
from __future__ import annotations

import hashlib
import html
import warnings
from typing import Any, Iterable

import streamlit as st
from st_link_analysis import EdgeStyle, Event, NodeStyle, st_link_analysis

from vbgraph_app.fmt import LABEL_NAMES, citation_status, node_caption, relation_label, vn_date, vn_datetime

NODE_COLORS = {"Instrument": "#1f5fa8", "Agency": "#2e8b57", "Person": "#d2691e", "Task": "#7b4fa0"}
NODE_ICONS = {"Instrument": "description", "Agency": "account_balance", "Person": "person", "Task": "flag"}
EDGE_COLORS = {"IMPLEMENTS": "#c0392b", "BASED_ON": "#2471a3", "CITES": "#909497", "ASSIGNS": "#7b4fa0",
               "ASSIGNED_TO": "#7b4fa0", "AMENDS": "#d68910", "REPLACES": "#6e2c00", "REPEALS": "#6e2c00"}
CLICK = "clicked"
# EdgeStyle warns about its deprecated `labeled` argument even when it is not passed
warnings.filterwarnings("ignore", message="Paramter `labeled` is deprecated")


class _NodeStyle(NodeStyle):
    """NodeStyle with readable captions (the component's default font hides them when zoomed out)."""

    def dump(self) -> dict:
        out = super().dump()
        out["style"].update({"font-size": 7, "min-zoomed-font-size": 4, "text-wrap": "ellipsis",
                             "text-max-width": 90})
        return out


class _EdgeStyle(EdgeStyle):
    def dump(self) -> dict:
        out = super().dump()
        out["style"].update({"font-size": 5, "min-zoomed-font-size": 4})
        return out


def kind_name(label: str) -> str:
    """A node kind as the graph shows it: "Văn bản" for Instrument."""
    return LABEL_NAMES.get(label, label)


def _e(value: Any) -> str:
    return html.escape(str(value if value is not None else ""))


def node_element(row: dict) -> dict:
    """A Cytoscape node from a node row (id, label, display fields)."""
    label = row.get("label") or "Instrument"
    data = {"id": _e(row["id"]), "label": kind_name(label), "name": _e(node_caption(row))}
    if label == "Instrument":
        if row.get("date"):
            data["ngày"] = _e(vn_date(row["date"]))
        if row.get("issuer"):
            data["cơ quan ban hành"] = _e(row["issuer"])
        if row.get("status"):
            data["trích dẫn"] = _e(citation_status(row["status"]))
    elif label == "Task" and row.get("deadline"):
        data["hạn"] = _e(vn_datetime(row["deadline"]))
    return {"data": data}


def edge_element(src: str, rel: str, dst: str, sentence: Any = None) -> dict:
    eid = hashlib.sha1(f"{src}|{rel}|{dst}".encode()).hexdigest()[:16]
    data = {"id": "e" + eid, "source": _e(src), "target": _e(dst), "label": relation_label(rel)}
    if sentence:
        data["câu dẫn chứng"] = _e(sentence)
    return {"data": data}


def elements(nodes: Iterable[dict], edges: Iterable[dict]) -> dict:
    """{nodes, edges} payload; edges whose ends are missing are dropped."""
    node_list, ids = [], set()
    for n in nodes:
        if n.get("id") is None or n["id"] in ids:
            continue
        ids.add(n["id"])
        node_list.append(node_element(n))
    edge_list, seen = [], set()
    for e in edges:
        key = (e["src"], e["rel"], e["dst"])
        if e["src"] in ids and e["dst"] in ids and key not in seen:
            seen.add(key)
            edge_list.append(edge_element(e["src"], e["rel"], e["dst"], e.get("sentence")))
    return {"nodes": node_list, "edges": edge_list}


def legend_html(nodes: Iterable[dict], edges: Iterable[dict]) -> str:
    """Chú giải: a coloured mark and the Vietnamese name of each node kind and relation the
    graph shows (the app's own markup; names from its own tables)."""
    order = list(NODE_COLORS)
    kinds = sorted({n.get("label") or "Instrument" for n in nodes},
                   key=lambda k: (order.index(k) if k in order else len(order), k))
    rels = sorted({e["rel"] for e in edges})
    dot = '<span style="display:inline-block;width:0.8em;height:0.8em;border-radius:50%;background:{c}"></span>'
    bar = '<span style="display:inline-block;width:1.4em;height:0.2em;vertical-align:middle;background:{c}"></span>'
    parts = [f"{dot.format(c=NODE_COLORS.get(k, '#888'))} {html.escape(kind_name(k))}" for k in kinds]
    parts += [f"{bar.format(c=EDGE_COLORS.get(r, '#909497'))} {html.escape(relation_label(r))}" for r in rels]
    return ('<div class="vb-legend" style="font-size:0.85rem">Chú giải: '
            + " &nbsp; ".join(parts) + "</div>")


def _layout(kind: str, payload: dict, roots: list[str] | None) -> dict:
    # the layout object changes with the elements, so the component re-runs it
    version = hashlib.sha1(repr(sorted(n["data"]["id"] for n in payload["nodes"])).encode()).hexdigest()[:8]
    base = {"padding": 30, "fit": True, "animate": False, "nodeDimensionsIncludeLabels": True, "v": version}
    if kind == "breadthfirst":
        return {**base, "name": "breadthfirst", "directed": False, "spacingFactor": 1.1,
                "roots": [_e(r) for r in roots or []] or None}  # an array of element ids
    return {**base, "name": "cose", "nodeRepulsion": 8000, "idealEdgeLength": 60}


def render(payload: dict, key: str, layout: str = "cose", roots: list[str] | None = None,
           height: int = 520) -> str | None:
    """Draw the graph; return the real id of a node clicked since the last run, else None."""
    node_styles = [_NodeStyle(kind_name(label), NODE_COLORS[label], "name", NODE_ICONS[label])
                   for label in NODE_COLORS]
    colors = {relation_label(rel): color for rel, color in EDGE_COLORS.items()}
    edge_styles = [_EdgeStyle(name, colors.get(name), caption="label", directed=True)
                   for name in sorted({e["data"]["label"] for e in payload["edges"]})]
    value = st_link_analysis(payload, layout=_layout(layout, payload, roots), node_styles=node_styles,
                             edge_styles=edge_styles, height=height, key=key,
                             events=[Event(CLICK, "click", "node")])
    if not isinstance(value, dict) or value.get("action") != CLICK:
        return None
    stamp = value.get("timestamp")
    if st.session_state.get(f"{key}__ts") == stamp:
        return None
    st.session_state[f"{key}__ts"] = stamp
    target = (value.get("data") or {}).get("target_id")
    return html.unescape(target) if isinstance(target, str) else None
