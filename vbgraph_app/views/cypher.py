"""Cypher: a read-only console with the saved queries as examples; table, graph, CSV."""
from __future__ import annotations

import json
from typing import Any

import streamlit as st

from queries.guard import GuardError
from queries.runner import get_query, list_queries
from vbgraph_app import app_data, export, graphview, nav
from vbgraph_app.fmt import LABEL_NAMES, md_text

MAX_ROWS = 1000
RESULT_KEY = "cy_result"  # (query, params, rows or error) of the last press of Chạy
DEFAULT = get_query("implements_graph").cypher


def saved_queries() -> list[Any]:
    """The named queries of `queries/`."""
    return list_queries()


def _example_params(spec: Any) -> dict:
    """The saved query's parameters with their defaults as written (JSON-ready)."""
    return {p.name: p.default for p in getattr(spec, "params", ())}


def _typed(text: str, params: dict, specs: dict) -> dict:
    """Params converted by the saved query's declared types when `text` is that query."""
    spec = next((s for s in specs.values() if getattr(s, "cypher", None) == text), None)
    if spec is None:
        return params
    from queries.runner import convert_params

    return convert_params(spec, params)


def render() -> None:
    specs = {getattr(s, "name", str(i)): s for i, s in enumerate(saved_queries())}
    query_key = nav.state_key("cypher", DEFAULT)
    params_key = nav.state_key("params", "{}")
    if specs:
        names = ["", *specs]
        choice = st.selectbox("Truy vấn mẫu", names, key="cy_example",
                              format_func=lambda n: n and f"{n} — {getattr(specs[n], 'description_vi', '')}" or "—")
        if choice and st.session_state.get("cy_loaded") != choice:
            st.session_state["cy_loaded"] = choice
            st.session_state[query_key] = getattr(specs[choice], "cypher", "")
            st.session_state[params_key] = json.dumps(_example_params(specs[choice]), ensure_ascii=False)
    text = st.text_area("Câu truy vấn Cypher (chỉ đọc)", key=query_key, height=160)
    params_text = st.text_input("Tham số (JSON)", key=params_key)
    run = st.button("Chạy", type="primary", key="cy_run")
    # a link fills the editor and never runs it (an old link's `run=1` is dropped)
    nav.set_params(cypher=text if text != DEFAULT else "", params=params_text if params_text != "{}" else "",
                   run=None)
    if run:
        st.session_state[RESULT_KEY] = (text, params_text, _run(text, params_text, specs))
    ran = st.session_state.get(RESULT_KEY)
    if ran is None or ran[:2] != (text, params_text):  # results only for the query run, as written
        st.caption("Bấm “Chạy” để thực hiện câu truy vấn. Các câu lệnh ghi (CREATE, MERGE, SET, DELETE…) bị chặn.")
        return
    if isinstance(ran[2], str):
        st.error(md_text(ran[2]))
    else:
        _results(*ran[2])


def _run(text: str, params_text: str, specs: dict) -> tuple[list[dict], int] | str:
    """(the first MAX_ROWS rows, the number of rows) of the query through the store's
    read-only guard, or the error to show."""
    try:
        params = json.loads(params_text or "{}")
        if not isinstance(params, dict):
            raise ValueError("tham số phải là một đối tượng JSON")
    except ValueError as exc:
        return f"Tham số không hợp lệ: {exc}"
    try:
        rows = app_data.read(text, **_typed(text, params, specs))
    except GuardError as exc:
        return f"Câu truy vấn bị từ chối: {exc.vi}."
    except Exception as exc:  # noqa: BLE001 - the engine's message, shown plainly
        return f"Máy chủ cơ sở dữ liệu báo lỗi: {exc}"
    return rows[:MAX_ROWS], len(rows)


def _plain(value: Any) -> Any:
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def _results(shown: list[dict], total: int) -> None:
    st.caption(f"{total} dòng" + (f" (hiển thị {MAX_ROWS} dòng đầu)" if total > MAX_ROWS else ""))
    tab_table, tab_graph = st.tabs(["Bảng", "Đồ thị"])
    with tab_table:
        st.dataframe([{k: _plain(v) for k, v in r.items()} for r in shown], width="stretch")
        st.download_button("Tải CSV", export.csv_bytes(shown), "vbgraph-cypher.csv", "text/csv", key="cy_csv")
    with tab_graph:
        nodes, edges = graph_from_rows(shown)
        if not nodes:
            st.caption("Kết quả không chứa nút đồ thị (trả về nút, ví dụ `RETURN a, r, b`, để xem đồ thị).")
            return
        clicked = graphview.render(graphview.elements(nodes, edges), key="cy_graph", height=480)
        if clicked:
            nav.goto("van-ban", id=clicked)
        export.buttons(nodes, edges, "vbgraph-cypher", "cy")


def guess_label(props: dict) -> str:
    """The label of a node returned as a bare property map (Bolt `.data()` drops labels)."""
    if any(k in props for k in ("symbol", "has_text", "type_name", "spans")):
        return "Instrument"
    if "assignee" in props or "deadline" in props or "order" in props:
        return "Task"
    if "kind" in props or "party" in props or "province" in props:
        return "Agency"
    if "title" in props:
        return "Person"
    return "Agency" if "name" in props else "Instrument"


def _as_node(v: Any) -> dict | None:
    if not isinstance(v, dict) or not isinstance(v.get("id"), str):
        return None
    label = v.get("label") if v.get("label") in LABEL_NAMES else guess_label(v)
    row = {k: v.get(k) for k in ("symbol", "type_name", "date", "issuer", "status", "name", "deadline")}
    row.update(id=v["id"], label=label, action=v.get("action") or (v.get("text") if label == "Task" else None))
    return row


def _as_edge(v: Any) -> tuple[dict, dict, dict] | None:
    """A relationship as Bolt `.data()` gives it: [start props, TYPE, end props]."""
    if isinstance(v, (list, tuple)) and len(v) == 3 and isinstance(v[1], str):
        a, b = _as_node(v[0]), _as_node(v[2])
        if a and b:
            return a, {"src": a["id"], "dst": b["id"], "rel": v[1]}, b
    return None


def graph_from_rows(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """Nodes and edges found in result values (node-like and edge-like dicts)."""
    nodes: dict[str, dict] = {}
    edges: list[dict] = []
    for r in rows:
        for v in r.values():
            single = _as_edge(v)
            items = [v] if single or not isinstance(v, list) else v  # a path is a list of both
            for item in items:
                n = _as_node(item)
                if n:
                    nodes.setdefault(n["id"], n)
                    continue
                e = _as_edge(item)
                if e:
                    nodes.setdefault(e[0]["id"], e[0])
                    nodes.setdefault(e[2]["id"], e[2])
                    edges.append(e[1])
    return list(nodes.values()), edges
