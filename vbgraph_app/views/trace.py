"""Truy vết: from a directive down to everything implementing it, or from a notice up."""
from __future__ import annotations

import streamlit as st

from graph.model import CITATION_RELATIONS
from vbgraph_app import graphview, nav, repo
from vbgraph_app.fmt import instrument_title, md_link, md_text, relation_label, vn_date, vn_datetime

DIRECTIONS = {"down": "Xuống: văn bản thực hiện văn bản này", "up": "Lên: văn bản mà văn bản này thực hiện"}
DEFAULT_RELS = ["IMPLEMENTS"]
LIST_PER_LEVEL = 50  # documents listed (with their tasks) per level; the graph shows them all


def _rels_cast(raw: str) -> list[str]:
    return [r for r in raw.split(",") if r in CITATION_RELATIONS]


def render() -> None:
    node_id = nav.param("id")
    if not node_id:
        st.info("Chọn một văn bản từ trang Tìm kiếm, rồi bấm “Truy vết”.")
        return
    root = repo.node(node_id)
    if root is None:
        st.error(f"Không tìm thấy văn bản có mã {md_text(node_id)}.")
        return
    st.subheader(f"Gốc: {md_text(instrument_title(root))}", anchor=False)
    c1, c2, c3 = st.columns([2, 1, 3])
    direction = c1.radio("Chiều", list(DIRECTIONS), format_func=DIRECTIONS.get, key=nav.state_key("dir", "down"))
    depth = c2.number_input("Độ sâu", 1, 8, key=nav.state_key("depth", 4, int))
    rels = c3.multiselect("Quan hệ", list(CITATION_RELATIONS), format_func=relation_label,
                          key=nav.state_key("rels", DEFAULT_RELS, _rels_cast))
    nav.set_params(dir=direction, depth=int(depth), rels=rels)
    if not rels:
        st.warning("Chọn ít nhất một quan hệ.")
        return
    result = repo.trace(node_id, direction, tuple(rels), int(depth))
    levels = result["levels"]
    n = sum(len(level) for level in levels) - 1
    if n == 0:
        st.info("Không có văn bản nào " + ("thực hiện văn bản này" if direction == "down" else
                                           "được văn bản này thực hiện") + " theo các quan hệ đã chọn.")
    nodes = [node for level in levels for node in level]
    payload = graphview.elements(nodes, result["edges"])
    clicked = graphview.render(payload, key="trace_graph", layout="breadthfirst", roots=[node_id], height=460)
    if clicked:
        nav.goto("van-ban", id=clicked)
    st.caption("Bấm vào một nút để mở văn bản.")
    listed = listed_levels(levels)  # tasks are read for the listed documents alone
    all_tasks = repo.tasks_for(tuple(node["id"] for level in listed for node in level))
    via = _edges_by_node(result["edges"], direction)
    for i, level in enumerate(levels):
        st.markdown(f"##### Cấp {i}" + (" (gốc)" if i == 0 else f" — {len(level)} văn bản"))
        for node in listed[i]:
            _node_line(node, via.get(node["id"], []), all_tasks.get(node["id"], []))
        if len(level) > len(listed[i]):
            st.caption(f"… và {len(level) - len(listed[i])} văn bản khác ở cấp này: xem trên đồ thị "
                       f"(bấm vào một nút để mở).")


def listed_levels(levels: list[list[dict]]) -> list[list[dict]]:
    """The documents listed under each level: the root, then at most LIST_PER_LEVEL per level."""
    return [level if i == 0 else level[:LIST_PER_LEVEL] for i, level in enumerate(levels)]


def _edges_by_node(edges: list[dict], direction: str) -> dict[str, list[dict]]:
    """The edges that brought each node into the tree (its own end of them), in order."""
    out: dict[str, list[dict]] = {}
    for e in edges:
        out.setdefault(e["src"] if direction == "down" else e["dst"], []).append(e)
    return out


def _node_line(node: dict, via: list[dict], tasks: list[dict]) -> None:
    parts = [f"**{md_link(instrument_title(node), 'van-ban', id=node['id'])}**"]
    meta = " · ".join(x for x in (vn_date(node.get("date")), node.get("issuer") or "") if x)
    if meta:
        parts.append(md_text(meta))
    st.markdown(" — ".join(parts))
    for e in via[:3]:
        if e.get("sentence"):
            st.caption(md_text(f"{relation_label(e['rel'])}: “{e['sentence']}”"))
    if tasks:
        with st.expander(f"Nhiệm vụ ({len(tasks)})"):
            for t in tasks[:50]:
                due = vn_datetime(t.get("deadline")) or t.get("deadline_text") or ""
                who = ", ".join(t.get("assignees") or []) or "—"
                st.markdown(f"- **{md_text(who)}**: {md_text(t.get('action') or '')}"
                            + (f" _\\(hạn {md_text(due)}\\)_" if due else ""))
