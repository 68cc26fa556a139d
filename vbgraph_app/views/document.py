"""Văn bản: one node's fields, its validity ("Tình trạng hiệu lực", queries/validity.cypher)
apart from its citation status, its "Lược đồ" (queries/scheme.cypher), its edges with
evidence, its highlighted text and tasks."""
from __future__ import annotations

from collections import defaultdict

import streamlit as st

from domain.validity import scheme, status_label as validity_label
from loaders.readers.markup import emphasis_pairs
from graph.model import CITATION_RELATIONS, EDGE_TYPES
from graph.validity import EXPIRES, PROVISION, START_SIGNING, START_STATED

from vbgraph_app import app_data, nav, repo
from vbgraph_app.fmt import (LABEL_NAMES, esc, instrument_title, link, md_link, md_text, node_caption,
                             relation_label, citation_status, status_label, vn_date, vn_datetime)

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
    validity = _validity(node_id) if doc.get("label") == "Instrument" else None
    _header(doc, validity)
    if validity is not None:
        _validity_evidence(validity)
        _scheme(node_id)
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


def _header(doc: dict, validity: dict | None = None) -> None:
    label = doc.get("label") or "Instrument"
    title = instrument_title(doc) if label == "Instrument" else node_caption(doc)
    st.subheader(md_text(f"{LABEL_NAMES.get(label, label)}: {title}"), anchor=False)
    if label == "Instrument":
        rows = [("Số, ký hiệu", doc.get("symbol")), ("Loại văn bản", doc.get("type_name")),
                ("Ngày ban hành", vn_date(doc.get("date"))), ("Cơ quan ban hành", doc.get("issuer")),
                ("Trích yếu", doc.get("subject")),
                ("Tình trạng hiệu lực", _validity_line(validity) if validity else None),
                ("Hiệu lực theo cổng thông tin", doc.get("portal_status")),
                ("Trạng thái trích dẫn (nhận dạng văn bản)", status_label(doc.get("status"))),
                ("Toàn văn", full_text_label(doc)),
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


def _validity(node_id: str) -> dict | None:
    rows = app_data.query("validity", id=node_id)
    return rows[0] if rows else None


def _cause_line(c: dict) -> str:
    """"bị đình chỉ, tạm hoãn bởi 4435/UBND-NC từ 04/09/2021 (Điều 1)"."""
    rel, day = str(c.get("relation") or ""), vn_date(c.get("day"))
    if rel == EXPIRES:
        text = "văn bản tự quy định hết hiệu lực"
    elif rel.startswith(PROVISION):
        text = f"{c.get('pinpoint') or 'một phần'} của văn bản có ngày hiệu lực riêng"
    else:
        text = f"{relation_label(rel, True).lower()} {c.get('by') or c.get('by_id')}"
        if c.get("pinpoint"):
            text += f" ({c['pinpoint']})"
    return text + (f", từ {day}" if day else ", không rõ ngày")


def _validity_line(v: dict) -> str:
    """The status on its day, why, and since when it is in force."""
    parts = [f"{validity_label(v['status'])} (ngày {vn_date(v['on'])})"]
    if v.get("cause"):
        parts.append(_cause_line(v["cause"]))
    start = vn_date(v.get("in_force_from"))
    if start and v.get("start_basis") == START_STATED:
        parts.append(f"có hiệu lực từ {start} theo văn bản")
    elif start and v.get("start_basis") == START_SIGNING:
        parts.append(f"có hiệu lực từ ngày ký {start} (văn bản không nêu ngày hiệu lực)")
    elif v["status"] == "unknown":
        parts.append("dữ liệu chưa cho biết ngày có hiệu lực")
    agrees = v.get("portal_agrees")
    if agrees is not None:
        parts.append("khớp với cổng thông tin" if agrees else "khác với cổng thông tin")
    return " — ".join(parts)


def full_text_label(doc: dict) -> str:
    """"có" only where the text is more than a subject line (`full_text`; a store written
    before it was recorded: the text itself); a portal row: "không (chỉ có thông tin mô tả)"."""
    full = doc.get("full_text")
    if full is None:
        full = bool(doc.get("has_text") or doc.get("text"))
    if full:
        return "có"
    return "không (chỉ có thông tin mô tả)" if doc.get("doc_id") else "không"


def _validity_evidence(v: dict) -> None:
    """The chain of evidence: acts in effect, acts to come, acts through unsure citations."""
    lists = (("Đã có hiệu lực", v.get("evidence") or []), ("Chưa đến ngày", v.get("pending") or []),
             ("Qua trích dẫn chưa xác định (không dùng để kết luận)", v.get("unsure") or []))
    if not any(items for _, items in lists):
        return
    with st.expander("Căn cứ xác định tình trạng hiệu lực", expanded=False):
        for title, items in lists:
            if not items:
                continue
            st.markdown(f"**{title}**")
            for a in items:
                st.markdown("- " + md_link(_cause_line(a), "van-ban", id=a["by_id"]))
                if a.get("sentence"):
                    st.caption(md_text(f"“{a['sentence']}”"))


def _scheme(node_id: str) -> None:
    """"Lược đồ": each group of domain/data/validity.yaml with its counts both ways."""
    counts = {(r["direction"], r["relation"]): int(r["n"]) for r in app_data.query("scheme", id=node_id)}

    def total(direction: str, relations: tuple[str, ...]) -> int:
        return counts.get((direction, "*"), 0) if not relations else sum(
            counts.get((direction, rel), 0) for rel in relations)

    rows = [{"Nhóm": g.group,
             "Văn bản này → văn bản khác": "" if g.incoming_only else total("out", g.relations),
             "Văn bản khác → văn bản này": total("in", g.relations)} for g in scheme()]
    st.markdown("#### Lược đồ")
    st.dataframe(rows, hide_index=True, width="stretch")


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
                extra = " · ".join(x for x in (when, r.get("issuer") or "", citation_status(r.get("edge_status"))) if x)
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
    """The text escaped, every citation span wrapped in a link to its instrument, and the
    emphasis markers a converted file left in it (`**TL. CHỦ TỊCH**`, `*thứ Hai*`) dropped."""
    drop = _emphasis_marks(text)

    def plain(a: int, b: int) -> str:
        if not drop:
            return esc(text[a:b])
        return esc("".join(c for i, c in enumerate(text[a:b], a) if i not in drop))

    out, pos = [], 0
    for s in sorted(spans, key=lambda s: (s["start"], -s["end"])):
        start, end = max(s["start"], pos), min(s["end"], len(text))
        if start >= end:
            continue
        out.append(plain(pos, start))
        target = link("van-ban", id=s["id"]) if s.get("id") else link("tim-kiem", q=s.get("symbol") or text[start:end])
        tip = " · ".join(x for x in (relation_label(s["relation"]) if s.get("relation") else "",
                                     citation_status(s.get("status"))) if x)
        out.append(f'<a class="cit" href="{esc(target)}" target="_self" title="{esc(tip)}">'
                   f'<mark>{plain(start, end)}</mark></a>')
        pos = end
    out.append(plain(pos, len(text)))
    # one line of raw HTML: markdown never reads into it (a blank line would end the block)
    return "".join(out).replace("\r\n", "\n").replace("\n", "<br>")


def _emphasis_marks(text: str) -> set[int]:
    """Positions of the `**` and `*` emphasis markers of `text` (loaders' own reading of
    them, `emphasis_pairs`), to leave out of the display."""
    marks: set[int] = set()
    for opener, closer, size in emphasis_pairs(text, ("**", "*")):
        marks.update(range(opener, opener + size))
        marks.update(range(closer, closer + size))
    return marks


def _text(doc: dict, doc_edges: list[dict]) -> None:
    spans = repo.citation_spans(doc, doc_edges)
    if full_text_label(doc) == "có":
        st.markdown(f"#### Toàn văn ({len(spans)} trích dẫn được đánh dấu)")
    else:
        st.markdown("#### Thông tin mô tả (toàn văn chưa có trong kho)")
    body = highlight_html(str(doc["text"]), spans)
    st.markdown('<div class="vb-text" style="max-height: 600px; overflow-y: auto; '
                'border: 1px solid #ddd; padding: 0.75rem; font-size: 0.92rem">' + body + "</div>",
                unsafe_allow_html=True)
