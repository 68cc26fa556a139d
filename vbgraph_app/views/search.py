"""Tìm kiếm: by symbol (lenient), subject words, issuer, date range."""
from __future__ import annotations

from datetime import date

import streamlit as st

from vbgraph_app import nav, repo
from vbgraph_app.fmt import citation_status, instrument_title, md_text, parse_date, vn_date

PAGE_SIZE = 50


def _date_input(label: str, name: str) -> date | None:
    key = nav.state_key(name, None, parse_date)
    return st.date_input(label, key=key, format="DD/MM/YYYY", min_value=date(1945, 1, 1),
                         max_value=date(2100, 12, 31))


def render() -> None:
    with st.form("search"):
        c1, c2 = st.columns([3, 2])
        q = c1.text_input("Số, ký hiệu hoặc từ khóa trích yếu", key=nav.state_key("q"),
                          placeholder="56/KH-UBND, 56/kh-ubnd, phòng chống dịch…")
        issuer = c2.text_input("Cơ quan ban hành", key=nav.state_key("issuer"), placeholder="UBND tỉnh Lạng Sơn")
        c3, c4, _ = st.columns([1, 1, 3])
        with c3:
            d_from = _date_input("Từ ngày", "from")
        with c4:
            d_to = _date_input("Đến ngày", "to")
        st.form_submit_button("Tìm", type="primary")
    nav.set_params(q=q.strip(), issuer=issuer.strip(), **{"from": d_from and d_from.isoformat(),
                                                          "to": d_to and d_to.isoformat()})
    if not (q.strip() or issuer.strip() or d_from or d_to):
        st.info("Nhập số, ký hiệu (có thể gõ không dấu, chữ thường), từ khóa, cơ quan hoặc khoảng ngày.")
        return
    hits = repo.search(q, issuer, d_from and d_from.isoformat(), d_to and d_to.isoformat(), limit=PAGE_SIZE + 1)
    if not hits:
        st.warning("Không tìm thấy văn bản phù hợp.")
        return
    more = len(hits) > PAGE_SIZE
    st.caption(f"{min(len(hits), PAGE_SIZE)}{'+' if more else ''} kết quả")
    for i, row in enumerate(hits[:PAGE_SIZE]):
        _result(i, row)


def _result(i: int, row: dict) -> None:
    with st.container(border=True):
        c1, c2, c3 = st.columns([6, 1, 1])
        meta = " · ".join(x for x in (vn_date(row.get("date")), row.get("issuer") or "",
                                       citation_status(row.get("status"))) if x)
        c1.markdown(f"**{md_text(instrument_title(row))}**  \n{md_text(meta)}")
        if row.get("subject"):
            c1.caption(md_text(row["subject"]))
        with c2:
            nav.nav_button("Văn bản", "van-ban", f"open_{i}", id=row["id"])
        with c3:
            nav.nav_button("Truy vết", "truy-vet", f"trace_{i}", id=row["id"])
