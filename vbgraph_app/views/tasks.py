"""Nhiệm vụ: tasks by agency, by deadline, overdue as of a date, with the assigning document."""
from __future__ import annotations

from datetime import date

import streamlit as st

from vbgraph_app import export, nav, register, report, repo
from vbgraph_app import units as units_
from vbgraph_app.fmt import instrument_title, md_link, md_text, parse_date, vn_date

LIMIT = 500
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# widths (px) that keep every column, the deadline and the link above all, on screen at
# 1366 px with the sidebar open (the grid is ~900 px there: tests/test_e2e_browser.py
# checks it does not scroll sideways); a cell's full text shows on hover
COLUMN_CONFIG = {
    register.DEADLINE: st.column_config.DatetimeColumn(register.DEADLINE, format="DD/MM/YYYY HH:mm", width=120),
    register.UNIT: st.column_config.TextColumn(register.UNIT, width=130),
    register.TASK: st.column_config.TextColumn(register.TASK, width=220),
    register.DOCUMENT: st.column_config.TextColumn(register.DOCUMENT, width=130),
    register.ISSUER: st.column_config.TextColumn(register.ISSUER, width=130),
    register.STATUS: st.column_config.TextColumn(register.STATUS, width=95),
    register.LINK: st.column_config.LinkColumn(register.LINK, display_text="Mở", width=55),
}


def _date(label: str, name: str, container) -> date | None:
    return container.date_input(label, key=nav.state_key(name, None, parse_date), format="DD/MM/YYYY",
                                min_value=date(1945, 1, 1), max_value=date(2100, 12, 31))



def _unit_picker(units: list[units_.Unit]) -> tuple[str, dict[str, str]]:
    """Địa bàn (levels and places, in order), a search box that takes the unit's name typed
    in any case, with or without diacritics, and the unit itself; -> (its id or "",
    {id: name with its jurisdiction})."""
    by_id = {u.id: u for u in units}
    places: dict[str, str] = {}
    for u in units:
        places.setdefault(u.place, f"{u.level[1]} · {u.place}" if u.place else u.level[1])
    c1, c2, c3 = st.columns([1.2, 1.2, 2])
    place_key = nav.state_key("place", "")
    if st.session_state[place_key] not in ("", *places):
        st.session_state[place_key] = ""
    place = c1.selectbox("Địa bàn", ["", *places], key=place_key,
                         format_func=lambda k: places.get(k, "Mọi cấp, mọi địa bàn"))
    typed = c2.text_input("Tìm đơn vị (có dấu hoặc không)", key=nav.state_key("unit_q", ""),
                          placeholder="thanh tra thanh pho")
    shown = [u for u in units if (not place or u.place == place) and (not typed or units_.matches(typed, u))]
    agency_key = nav.state_key("agency", "")
    if st.session_state[agency_key] not in ("", *by_id):
        st.session_state[agency_key] = ""
    options = ["", *[u.id for u in shown]]
    if st.session_state[agency_key] and st.session_state[agency_key] not in options:
        options.insert(1, st.session_state[agency_key])
    agency = c3.selectbox(f"Đơn vị được giao ({len(shown)} đơn vị)", options, key=agency_key,
                          format_func=lambda k: f"{by_id[k].label} ({by_id[k].tasks})" if k in by_id
                          else "Tất cả đơn vị")
    nav.set_params(place=place, unit_q=typed)
    return agency, {u.id: u.label for u in units}


def render() -> None:
    agency, agencies_by_id = _unit_picker(repo.agencies_with_tasks())
    c2, c3, c4 = st.columns(3)
    due_from = _date("Hạn từ ngày", "due_from", c2)
    due_to = _date("Hạn đến ngày", "due_to", c3)
    overdue = _date("Quá hạn tính đến ngày", "overdue", c4)
    iso = lambda d: d.isoformat() if d else None  # noqa: E731
    nav.set_params(agency=agency, due_from=iso(due_from), due_to=iso(due_to), overdue=iso(overdue))
    rows = repo.tasks(agency or None, iso(due_from), iso(due_to), iso(overdue), limit=LIMIT + 1)
    if not rows:
        st.info("Không có nhiệm vụ nào phù hợp.")
        return
    shown = rows[:LIMIT]
    label = "nhiệm vụ quá hạn" if overdue else "nhiệm vụ"
    st.caption(f"{len(shown)}{'+' if len(rows) > LIMIT else ''} {label}"
               + (f" tính đến ngày {vn_date(overdue)}" if overdue else ""))
    as_of = overdue or date.today()
    table = register.rows(shown, as_of)
    st.caption(f"Tình trạng tính đến ngày {vn_date(as_of)}; «{register.DUE_SOON}»: đến hạn trong "
               f"{register.DUE_SOON_DAYS} ngày tới.")
    st.dataframe(table, hide_index=True, width="stretch", column_config=COLUMN_CONFIG)
    base = nav.app_base_url()
    scope = ", ".join(filter(None, [
        f"Đơn vị: {agencies_by_id[agency]}" if agency in agencies_by_id else "",
        f"hạn từ ngày {vn_date(due_from)}" if due_from else "", f"hạn đến ngày {vn_date(due_to)}" if due_to else "",
        "chỉ nhiệm vụ quá hạn" if overdue else ""]))
    c1, c2, c3, _ = st.columns([1, 1, 1.3, 2])
    c1.download_button("Tải CSV", export.csv_bytes(register.csv_rows(table, base)),
                       "vbgraph-nhiem-vu.csv", "text/csv", key="tasks_csv")
    c2.download_button("Tải Excel (.xlsx)", register.xlsx_bytes(table, base), "vbgraph-nhiem-vu.xlsx", XLSX_MIME,
                       key="tasks_xlsx")
    c3.download_button("Tải báo cáo in (HTML)", report.report_html(table, as_of, base, scope=scope).encode("utf-8"),
                       "vbgraph-bao-cao-nhiem-vu.html", "text/html", key="tasks_report",
                       help="Mở tệp trong trình duyệt rồi in (Ctrl+P), khổ A4; có thể lưu thành PDF.")
    st.markdown("##### Theo văn bản giao")
    by_doc: dict[str, list[dict]] = {}
    for r in shown:
        by_doc.setdefault(r["doc_id"], []).append(r)
    for doc_id, items in list(by_doc.items())[:50]:
        first = items[0]
        title = instrument_title({"symbol": first.get("doc_symbol"), "type_name": first.get("doc_type_name"),
                                  "date": first.get("doc_date")})
        st.markdown(f"**{md_link(title, 'van-ban', id=doc_id)}** — {md_text(first.get('doc_issuer') or '')}"
                    f" · {len(items)} nhiệm vụ")
