"""The explorer's shell: page config, sidebar navigation, dispatch to the page."""
from __future__ import annotations

import importlib

import streamlit as st

from vbgraph_app import app_data, nav
from vbgraph_app.fmt import LABEL_NAMES

MODULES = {
    "tim-kiem": "search", "van-ban": "document", "truy-vet": "trace", "do-thi": "explore",
    "nhiem-vu": "tasks", "cypher": "cypher", "nap": "ingest",
}


def _sidebar(page: str) -> None:
    with st.sidebar:
        st.markdown("### vbgraph\nĐồ thị trích dẫn văn bản hành chính")
        slugs = list(nav.PAGES)
        choice = st.radio("Trang", slugs, index=slugs.index(page), format_func=nav.PAGES.get,
                          key=f"nav_{page}", label_visibility="collapsed")
        if choice != page:
            nav.goto(choice)
        try:
            counts = app_data.counts()
        except Exception as exc:  # noqa: BLE001 - shown, never fatal
            st.warning(f"Không đọc được kho dữ liệu: {exc}")
            return
        if counts:
            st.caption(" · ".join(f"{LABEL_NAMES.get(k, k)}: {v:,}".replace(",", ".")
                                  for k, v in counts.items() if k in LABEL_NAMES))
        uri, path = app_data.store_location()
        st.caption(f"Kho: `{uri or path}`")


def main() -> None:
    st.set_page_config(page_title="vbgraph – Đồ thị văn bản", layout="wide")
    page = nav.current_page()
    _sidebar(page)
    st.title(nav.PAGES[page])
    module = importlib.import_module(f"vbgraph_app.views.{MODULES[page]}")
    module.render()
    nav.share_caption()
