"""Đồ thị: expand from an instrument by clicks, filter, and find shortest paths.

The view is rebuilt from the URL: start `id`, expanded nodes `open`, selection `sel`,
filters `rels`, `labels`, `cap`; so a shared link shows the same graph.
"""
from __future__ import annotations

import streamlit as st

from graph.model import CITATION_RELATIONS, EDGE_TYPES, NODE_LABELS
from vbgraph_app import export, graphview, nav, repo
from vbgraph_app.fmt import LABEL_NAMES, instrument_title, md_link, md_text, node_caption, relation_label

DEFAULT_RELS = list(CITATION_RELATIONS) + ["ISSUED_BY", "ASSIGNS", "ASSIGNED_TO"]
DEFAULT_LABELS = ["Instrument", "Agency", "Task"]
MAX_OPEN = 30


def _list(valid: tuple[str, ...]):
    return lambda raw: [x for x in raw.split(",") if x in valid]


def build(start: str, opened: list[str], rels: list[str], labels: list[str], cap: int) -> tuple[list, list]:
    """Nodes and edges: the start node plus up to `cap` neighbours of each opened node."""
    first = repo.node(start) or repo.node(start, None)
    if first is None:
        return [], []
    nodes = {start: {k: first.get(k) for k in ("id", "label", "symbol", "type_name", "date", "issuer",
                                                "status", "name", "action", "deadline")}}
    edges: list[dict] = []
    for nid in [start] + [o for o in opened if o != start]:
        if nid not in nodes:
            continue
        added = 0
        for e in repo.edges(nid, nodes[nid].get("label"), tuple(rels), limit=max(cap * 4, 50)):
            if e["label"] not in labels:
                continue
            if e["id"] not in nodes:
                if added >= cap:
                    continue
                nodes[e["id"]] = {k: e.get(k) for k in ("id", "label", "symbol", "type_name", "date", "issuer",
                                                         "status", "name", "action", "deadline")}
                added += 1
            src, dst = (nid, e["id"]) if e["direction"] == "out" else (e["id"], nid)
            edges.append({"src": src, "dst": dst, "rel": e["rel"], "sentence": e.get("sentence")})
    return list(nodes.values()), edges


def render() -> None:
    tab_graph, tab_path = st.tabs(["Khám phá", "Đường đi ngắn nhất"])
    with tab_graph:
        _explorer()
    with tab_path:
        _shortest()


def _pick_start() -> None:
    q = st.text_input("Bắt đầu từ văn bản (số, ký hiệu hoặc từ khóa)", key="ex_start_q")
    if q:
        for i, row in enumerate(repo.search(q, limit=10)):
            nav.nav_button(md_text(instrument_title(row) + (f" — {row['issuer']}" if row.get("issuer") else "")),
                           "do-thi", f"ex_pick_{i}", id=row["id"])


def _explorer() -> None:
    start = nav.param("id")
    if not start:
        _pick_start()
        return
    c1, c2, c3 = st.columns([3, 2, 1])
    rels = c1.multiselect("Quan hệ", list(EDGE_TYPES), format_func=relation_label,
                          key=nav.state_key("rels", DEFAULT_RELS, _list(EDGE_TYPES)))
    labels = c2.multiselect("Loại nút", list(NODE_LABELS), format_func=LABEL_NAMES.get,
                            key=nav.state_key("labels", DEFAULT_LABELS, _list(NODE_LABELS)))
    cap = c3.number_input("Tối đa nút mới mỗi lần mở", 1, 200, key=nav.state_key("cap", 25, int))
    opened = [o for o in nav.param("open", "").split(",") if o][:MAX_OPEN]
    selected = nav.param("sel", start)
    nav.set_params(rels=rels, labels=labels, cap=int(cap))
    nodes, edges = build(start, opened, rels, labels, int(cap))
    if not nodes:
        st.error(f"Không tìm thấy nút có mã {md_text(start)}.")
        return
    payload = graphview.elements(nodes, edges)
    clicked = graphview.render(payload, key="explore_graph", layout="cose", height=560)
    if clicked:
        if clicked != start and clicked not in opened and len(opened) < MAX_OPEN:
            opened.append(clicked)
        nav.set_params(open=opened, sel=clicked)
        st.rerun()
    st.caption(f"{len(nodes)} nút, {len(edges)} cạnh. Bấm vào một nút để mở rộng (thêm tối đa {int(cap)} "
               "nút lân cận) và xem chi tiết.")
    _selected_panel(selected, nodes, start, opened)
    export.buttons(nodes, edges, "vbgraph-do-thi", "ex")


def _selected_panel(selected: str, nodes: list[dict], start: str, opened: list[str]) -> None:
    row = next((n for n in nodes if n["id"] == selected), None)
    if row is None:
        return
    with st.container(border=True):
        kind = LABEL_NAMES.get(row.get("label"), row.get("label"))
        st.markdown(f"**Đang chọn** \\({md_text(kind)}\\): {md_link(node_caption(row), 'van-ban', id=row['id'])}")
        c1, c2, c3 = st.columns(3)
        with c1:
            nav.nav_button("Mở văn bản", "van-ban", "ex_open_doc", id=row["id"])
        with c2:
            if row.get("label") == "Instrument":
                nav.nav_button("Truy vết", "truy-vet", "ex_trace", id=row["id"])
        with c3:
            if st.button("Bắt đầu lại từ nút này", key="ex_restart"):
                nav.goto("do-thi", id=row["id"])


def _resolve(text: str) -> dict | None:
    hits = repo.search(text, limit=1) if text else []
    return hits[0] if hits else None


def _shortest() -> None:
    c1, c2 = st.columns(2)
    a_text = c1.text_input("Từ văn bản", key=nav.state_key("from_q"), placeholder="2318/KL-TTr")
    b_text = c2.text_input("Đến văn bản", key=nav.state_key("to_q"), placeholder="105/KH-UBND")
    rels = st.multiselect("Chỉ đi qua các quan hệ (để trống: mọi quan hệ)", list(EDGE_TYPES),
                          format_func=relation_label, key=nav.state_key("path_rels", [], _list(EDGE_TYPES)))
    nav.set_params(from_q=a_text.strip(), to_q=b_text.strip(), path_rels=rels)
    if not (a_text.strip() and b_text.strip()):
        st.caption("Nhập hai văn bản (số, ký hiệu hoặc từ khóa).")
        return
    a, b = _resolve(a_text.strip()), _resolve(b_text.strip())
    if a is None or b is None:
        st.warning("Không tìm thấy: " + md_text(", ".join(t for t, r in ((a_text, a), (b_text, b)) if r is None)))
        return
    path = repo.shortest_path(a["id"], b["id"], tuple(rels))
    st.markdown(f"Từ **{md_text(instrument_title(a))}** đến **{md_text(instrument_title(b))}**")
    if path is None:
        st.info("Không có đường đi giữa hai văn bản (trong giới hạn 8 bước).")
        return
    st.success(f"Đường đi dài {len(path['edges'])} bước.")
    for e in path["edges"]:
        src = next(n for n in path["nodes"] if n["id"] == e["src"])
        dst = next(n for n in path["nodes"] if n["id"] == e["dst"])
        st.markdown(f"- {md_text(node_caption(src))} —*{md_text(relation_label(e['rel']))}*→ "
                    f"{md_text(node_caption(dst))}")
        if e.get("sentence"):
            st.caption(md_text(f"“{e['sentence']}”"))
    clicked = graphview.render(graphview.elements(path["nodes"], path["edges"]), key="path_graph",
                               layout="breadthfirst", roots=[a["id"]], height=380)
    if clicked:
        nav.goto("van-ban", id=clicked)
    export.buttons(path["nodes"], path["edges"], "vbgraph-duong-di", "path")
