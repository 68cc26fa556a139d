"""Văn bản: one node's fields, its edges with evidence, its highlighted text and tasks."""
from __future__ import annotations

from collections import defaultdict

import streamlit as st

from graph.model import CITATION_RELATIONS, EDGE_TYPES

from vbgraph_app import nav, repo
from vbgraph_app.fmt import (LABEL_NAMES, esc, instrument_title, link, md_link, md_text, node_caption,
                             relation_label, status_label, vn_date, vn_datetime)

PER_GROUP = 30


def render() -> None:
    node_id = nav.param("id")
    if not node_id:
        st.info("Chọn một văn bản từ trang Tìm kiếm (hoặc mở liên kết `?page=van-ban&id=…`).")
        return
    doc = repo.node(node_id) or repo.node(node_id, None)
    if doc is None:
        st.error(f"Không tìm thấy nút có mã {md_text(node_id)}.")
        return
    _header(doc)
    doc_edges = repo.edges(node_id, doc.get("label"))
    left, right = st.columns(2)
    with left:
        _edge_groups("Quan hệ đi (văn bản này → )", [e for e in doc_edges if e["direction"] == "out"], False)
    with right:
        _edge_groups("Quan hệ đến ( → văn bản này)", [e for e in doc_edges if e["direction"] == "in"], True)
    if doc.get("label") == "Instrument":
        _tasks(node_id)
        if doc.get("text"):
            _text(doc, doc_edges)


def _header(doc: dict) -> None:
    label = doc.get("label") or "Instrument"
    title = instrument_title(doc) if label == "Instrument" else node_caption(doc)
    st.subheader(md_text(f"{LABEL_NAMES.get(label, label)}: {title}"), anchor=False)
    if label == "Instrument":
        rows = [("Số, ký hiệu", doc.get("symbol")), ("Loại văn bản", doc.get("type_name")),
                ("Ngày ban hành", vn_date(doc.get("date"))), ("Cơ quan ban hành", doc.get("issuer")),
                ("Trích yếu", doc.get("subject")), ("Trạng thái", status_label(doc.get("status"))),
                ("Toàn văn", "có" if doc.get("has_text") or doc.get("text") else "không"),
                ("Mã", doc.get("id"))]
    else:
        rows = [(k, v) for k, v in doc.items() if k not in ("label", "text") and v not in (None, "")]
        rows = [(k, vn_datetime(v) if k in ("deadline", "date") else v) for k, v in rows]
    shown = [(md_text(k), md_text(v)) for k, v in rows if v not in (None, "")]  # st.table renders Markdown
    st.table({"Thuộc tính": [k for k, _ in shown], "Giá trị": [v for _, v in shown]})
    c1, c2, _ = st.columns([1, 1, 4])
    with c1:
        nav.nav_button("Truy vết", "truy-vet", "doc_trace", id=doc["id"])
    with c2:
        nav.nav_button("Xem trên đồ thị", "do-thi", "doc_graph", id=doc["id"])


def _edge_groups(title: str, rows: list[dict], incoming: bool) -> None:
    st.markdown(f"#### {title}")
    if not rows:
        st.caption("Không có.")
        return
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        groups[r["rel"]].append(r)
    order = {rel: i for i, rel in enumerate(EDGE_TYPES)}
    for rel, items in sorted(groups.items(), key=lambda g: order.get(g[0], 99)):
        with st.expander(f"{md_text(relation_label(rel, incoming))} ({len(items)})",
                         expanded=rel in CITATION_RELATIONS):
            for r in items[:PER_GROUP]:
                when = vn_date(r.get("date"))
                extra = " · ".join(x for x in (when, r.get("issuer") or "", status_label(r.get("edge_status"))) if x)
                st.markdown(md_link(node_caption(r), "van-ban", id=r["id"]) + (f" — {md_text(extra)}" if extra else ""))
                if r.get("sentence"):
                    st.caption(md_text(f"“{r['sentence']}”"))
            if len(items) > PER_GROUP:
                st.caption(f"… và {len(items) - PER_GROUP} mục khác (xem trang Đồ thị hoặc Cypher).")


def _tasks(doc_id: str) -> None:
    rows = repo.tasks_of(doc_id)
    st.markdown(f"#### Nhiệm vụ được giao ({len(rows)})")
    if not rows:
        st.caption("Văn bản này không giao nhiệm vụ nào.")
        return
    st.dataframe([{"Đơn vị chủ trì": ", ".join(r.get("assignees") or []),
                   "Phối hợp": ", ".join(r.get("coordinators") or []),
                   "Nhiệm vụ": r.get("action") or "",
                   "Hạn": vn_datetime(r.get("deadline")) or (r.get("deadline_text") or "")} for r in rows],
                 hide_index=True, width="stretch")


def highlight_html(text: str, spans: list[dict]) -> str:
    """The text escaped, every citation span wrapped in a link to its instrument."""
    out, pos = [], 0
    for s in sorted(spans, key=lambda s: (s["start"], -s["end"])):
        start, end = max(s["start"], pos), min(s["end"], len(text))
        if start >= end:
            continue
        out.append(esc(text[pos:start]))
        target = link("van-ban", id=s["id"]) if s.get("id") else link("tim-kiem", q=s.get("symbol") or text[start:end])
        tip = " · ".join(x for x in (relation_label(s["relation"]) if s.get("relation") else "",
                                     status_label(s.get("status"))) if x)
        out.append(f'<a class="cit" href="{esc(target)}" target="_self" title="{esc(tip)}">'
                   f'<mark>{esc(text[start:end])}</mark></a>')
        pos = end
    out.append(esc(text[pos:]))
    # one line of raw HTML: markdown never reads into it (a blank line would end the block)
    return "".join(out).replace("\r\n", "\n").replace("\n", "<br>")


def _text(doc: dict, doc_edges: list[dict]) -> None:
    spans = repo.citation_spans(doc, doc_edges)
    st.markdown(f"#### Toàn văn ({len(spans)} trích dẫn được đánh dấu)")
    body = highlight_html(str(doc["text"]), spans)
    st.markdown('<div class="vb-text" style="max-height: 600px; overflow-y: auto; '
                'border: 1px solid #ddd; padding: 0.75rem; font-size: 0.92rem">' + body + "</div>",
                unsafe_allow_html=True)
