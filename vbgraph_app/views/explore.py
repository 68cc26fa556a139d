"""Đồ thị: expand from an instrument by clicks, filter, and find shortest paths.

The view is rebuilt from the URL: start `id`, expanded nodes `open`, selection `sel`,
filters `rels`, `labels`, `cap`; so a shared link shows the same graph.
"""
from __future__ import annotations

import streamlit as st

from graph.model import CITATION_RELATIONS, EDGE_TYPES, NODE_LABELS
from domain.keys import search_key
from vbgraph_app import export, graphview, nav, repo
from vbgraph_app.fmt import LABEL_NAMES, instrument_title, md_link, md_text, node_caption, relation_label

DEFAULT_RELS = list(CITATION_RELATIONS) + ["ISSUED_BY", "ASSIGNS", "ASSIGNED_TO"]
DEFAULT_LABELS = ["Instrument", "Agency", "Task"]
MAX_OPEN = 30
EXPLORE_TAB, PATH_TAB = "Khám phá", "Đường đi ngắn nhất"
MAX_CAP = 200  # neighbours a node may show (the cap input's maximum)


def _list(valid: tuple[str, ...]):
    return lambda raw: [x for x in raw.split(",") if x in valid]


def build(start: str, opened: list[str], rels: list[str], labels: list[str], cap: int,
          counts: dict[str, tuple[int, int]] | None = None) -> tuple[list, list]:
    """Nodes and edges: the start node plus up to `cap` neighbours of each opened node.
    `counts` (filled in): per opened node, (neighbours shown, neighbours of the chosen kinds
    and relations that it has, as far as NEIGHBOUR_CAP edges read)."""
    counts = {} if counts is None else counts
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
        around: set[str] = set()
        for e in repo.edges(nid, nodes[nid].get("label"), tuple(rels), limit=max(cap * 4, repo.NEIGHBOUR_CAP)):
            if e["label"] not in labels:
                continue
            around.add(e["id"])
            if e["id"] not in nodes:
                if added >= cap:
                    continue
                nodes[e["id"]] = {k: e.get(k) for k in ("id", "label", "symbol", "type_name", "date", "issuer",
                                                         "status", "name", "action", "deadline")}
                added += 1
            src, dst = (nid, e["id"]) if e["direction"] == "out" else (e["id"], nid)
            edges.append({"src": src, "dst": dst, "rel": e["rel"], "sentence": e.get("sentence")})
        counts[nid] = (sum(1 for a in around if a in nodes), len(around))
    return list(nodes.values()), edges


def render() -> None:
    # a shortest-path link (its two ends, or tab=duong-di) opens on that tab
    wants_path = nav.param("tab") == "duong-di" or bool(nav.param("from_q") and nav.param("to_q"))
    tab_graph, tab_path = st.tabs([EXPLORE_TAB, PATH_TAB], default=PATH_TAB if wants_path else None)
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
    cap = c3.number_input("Tối đa nút mới mỗi lần mở", 1, MAX_CAP, key=nav.state_key("cap", 25, int))
    opened = [o for o in nav.param("open", "").split(",") if o][:MAX_OPEN]
    selected = nav.param("sel", start)
    nav.set_params(rels=rels, labels=labels, cap=int(cap))
    counts: dict[str, tuple[int, int]] = {}
    nodes, edges = build(start, opened, rels, labels, int(cap), counts)
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
    st.html(graphview.legend_html(nodes, edges))
    st.caption(f"{len(nodes)} nút, {len(edges)} cạnh. Bấm vào một nút để mở rộng (thêm tối đa {int(cap)} "
               "nút lân cận) và xem chi tiết.")
    _neighbour_counts(counts, nodes, int(cap))
    _find_in_graph(nodes)
    _selected_panel(selected, nodes, start, opened)
    export.buttons(nodes, edges, "vbgraph-do-thi", "ex")


def _neighbour_counts(counts: dict[str, tuple[int, int]], nodes: list[dict], cap: int) -> None:
    """"25 trong số 179 nút lân cận" for each opened node that has more than it shows, and
    a button that shows more of them."""
    names = {n["id"]: node_caption(n) for n in nodes}
    short = [(nid, shown, total) for nid, (shown, total) in counts.items() if total > shown]
    for nid, shown, total in short:
        more = "+" if total >= repo.NEIGHBOUR_CAP else ""
        st.caption(f"{md_text(names.get(nid, nid))}: hiện {shown} trong số {total}{more} nút lân cận.")
    if short and cap < MAX_CAP:
        def more() -> None:  # a callback: it runs before the widgets of the next run exist
            st.session_state[nav.state_key("cap", 25, int)] = min(cap * 2, MAX_CAP)

        st.button(f"Hiện thêm {min(cap, MAX_CAP - cap)} nút lân cận mỗi nút", key="ex_more", on_click=more)


def _find_in_graph(nodes: list[dict]) -> None:
    """Tìm trong đồ thị: the nodes shown whose caption holds the words typed (any case, with
    or without diacritics); picking one selects it."""
    typed = st.text_input("Tìm trong đồ thị", key="ex_find", placeholder="56/KH-UBND, thanh tra…")
    words = search_key(typed).split()
    if not words:
        return
    hits = [n for n in nodes if all(w in search_key(f"{node_caption(n)} {n.get('issuer') or ''}") for w in words)]
    if not hits:
        st.caption("Không có nút nào phù hợp trong đồ thị đang xem.")
        return
    st.caption(f"{len(hits)} nút phù hợp:")
    for i, n in enumerate(hits[:10]):
        if st.button(node_caption(n), key=f"ex_find_{i}"):
            nav.set_params(sel=n["id"])
            st.rerun()


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
