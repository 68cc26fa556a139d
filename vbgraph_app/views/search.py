"""Tìm kiếm: by symbol (lenient), subject words, issuer, date range."""
from __future__ import annotations

from datetime import date

import streamlit as st

from vbgraph_app import nav, repo
from vbgraph_app.fmt import citation_status, instrument_title, md_text, parse_date, vn_date

PAGE_SIZE = 50
MAX_HITS = 5000  # hits ranked and paged (the caption says when there are more)


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
        c3, c4, c5, c6, c7 = st.columns([1, 1, 1.2, 0.8, 1.4])
        with c3:
            d_from = _date_input("Từ ngày", "from")
        with c4:
            d_to = _date_input("Đến ngày", "to")
        types = ["", *repo.type_names()]
        type_key = nav.state_key("loai", "")
        if st.session_state[type_key] not in types:
            st.session_state[type_key] = ""
        type_name = c5.selectbox("Loại văn bản", types, key=type_key, format_func=lambda t: t or "Mọi loại")
        year = c6.number_input("Năm", min_value=0, max_value=2100, step=1, key=nav.state_key("nam", 0, int),
                               help="0: mọi năm")
        loaded_key = nav.state_key("nap", "")
        if st.session_state[loaded_key] not in repo.LOADED:
            st.session_state[loaded_key] = ""
        loaded = c7.radio("Văn bản", list(repo.LOADED), key=loaded_key, format_func=repo.LOADED.get, horizontal=True)
        sort_key = nav.state_key("xep", "lien-quan")
        if st.session_state[sort_key] not in repo.SORTS:
            st.session_state[sort_key] = "lien-quan"
        sort = st.selectbox("Sắp xếp", list(repo.SORTS), key=sort_key, format_func=repo.SORTS.get)
        st.form_submit_button("Tìm", type="primary")
    filters = repo.Filters(type_name, int(year) or None, loaded)
    asked = (q.strip(), issuer.strip(), d_from, d_to, filters, sort)
    raw_page = str(nav.param("trang", "1"))
    page = int(raw_page) if raw_page.isdigit() else 1
    if st.session_state.get("search_asked", asked) != asked:  # a new search starts on its first page
        page = 1
        nav.set_params(trang=None)
    st.session_state["search_asked"] = asked
    page = max(1, page)
    nav.set_params(q=q.strip(), issuer=issuer.strip(), loai=type_name, nam=int(year) or None, nap=loaded,
                   xep=None if sort == "lien-quan" else sort,
                   **{"from": d_from and d_from.isoformat(), "to": d_to and d_to.isoformat()})
    if not (q.strip() or issuer.strip() or d_from or d_to or type_name or year or loaded):
        st.info("Nhập số, ký hiệu (có thể gõ không dấu, chữ thường), từ khóa, cơ quan, loại, năm hoặc khoảng ngày.")
        return
    hits = repo.search(q, issuer, d_from and d_from.isoformat(), d_to and d_to.isoformat(),
                       limit=MAX_HITS + 1, filters=filters, sort=sort)
    if not hits:
        st.warning("Không tìm thấy văn bản phù hợp.")
        return
    total = min(len(hits), MAX_HITS)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(page, pages)
    first = (page - 1) * PAGE_SIZE
    shown = hits[first:first + PAGE_SIZE]
    st.caption(f"{total}{'+' if len(hits) > MAX_HITS else ''} kết quả · trang {page}/{pages} "
               f"(kết quả {first + 1}–{first + len(shown)})")
    for i, row in enumerate(shown):
        _result(first + i, row)
    _pager(page, pages)


def _pager(page: int, pages: int) -> None:
    """Trang trước / Trang sau, the page number in the URL (`trang`)."""
    if pages <= 1:
        return
    c1, c2, _ = st.columns([1, 1, 4])
    if page > 1 and c1.button("← Trang trước", key="page_prev"):
        nav.set_params(trang=page - 1 if page - 1 > 1 else None)
        st.rerun()
    if page < pages and c2.button("Trang sau →", key="page_next"):
        nav.set_params(trang=page + 1)
        st.rerun()


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
