"""The explorer's shell: page config, the viewer's login and role, sidebar navigation,
dispatch to the page (`app.py` serves this script behind the login gate)."""
from __future__ import annotations

import html
import importlib
from urllib.parse import urlencode

import streamlit as st
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from vbgraph_app import access, app_data, locale_vi, nav, own_links
from vbgraph_app.fmt import LABEL_NAMES, md_text
from vbgraph_app.sessions import COOKIE

MODULES = {
    "tim-kiem": "search", "van-ban": "document", "truy-vet": "trace", "do-thi": "explore",
    "nhiem-vu": "tasks", "cypher": "cypher", "nap": "ingest", "nguoi-dung": "users",
}


def _redirect(url: str) -> None:
    """Send the browser to `url` (the message `st.login` uses to leave the app)."""
    ctx = get_script_run_ctx()
    if ctx is not None:
        msg = ForwardMsg()
        msg.auth_redirect.url = url
        ctx.enqueue(msg)


def viewer() -> access.Viewer:
    """The viewer of this run; without a live session: back to the login page, and stop."""
    who = access.page_viewer()
    if who is not None:
        return who
    expired = COOKIE in st.context.cookies
    here = "/?" + urlencode(st.query_params.to_dict())
    url = "/login?" + urlencode({"next": here, **({"ly_do": "het-han"} if expired else {})})
    st.warning("Phiên đăng nhập đã hết hạn." if expired else "Cần đăng nhập để xem trang này.")
    st.markdown(f'<a href="{html.escape(url)}" target="_self">Đăng nhập</a>', unsafe_allow_html=True)
    _redirect(url)
    st.stop()


def _sidebar(page: str, who: access.Viewer) -> None:
    with st.sidebar:
        locale_vi.install()
        own_links.install()
        st.markdown("### vbgraph\nĐồ thị trích dẫn văn bản hành chính")
        slugs = nav.pages_for(who.role)
        choice = st.radio("Trang", slugs, index=slugs.index(page) if page in slugs else None,
                          format_func=nav.PAGES.get, key=f"nav_{page}", label_visibility="collapsed")
        if choice is not None and choice != page:
            nav.goto(choice)
        if who.name:
            st.caption(f"Người dùng: **{md_text(who.name)}** ({md_text(who.role)})")
            st.markdown('<a href="/logout" target="_self">Đăng xuất</a>', unsafe_allow_html=True)
        try:
            counts = app_data.counts()
        except Exception as exc:  # noqa: BLE001 - shown, never fatal
            st.warning(md_text(f"Không đọc được kho dữ liệu: {exc}"))
            return
        if counts:
            st.caption(sidebar_counts(counts))
        uri, path = app_data.store_location()
        st.caption(f"Kho: {md_text(uri or path)}")


def sidebar_counts(counts: dict[str, int]) -> str:
    """"Văn bản đã nạp: 33 · Chỉ được viện dẫn: 120 · Cơ quan: 83 · …" (numbers 1.234)."""
    n = lambda v: f"{v:,}".replace(",", ".")  # noqa: E731
    loaded = counts.get("loaded", 0)
    parts = [f"Văn bản đã nạp: {n(loaded)}",
             f"Chỉ được viện dẫn: {n(max(counts.get('Instrument', 0) - loaded, 0))}"]
    parts += [f"{LABEL_NAMES[k]}: {n(v)}" for k, v in counts.items() if k in LABEL_NAMES and k != "Instrument"]
    return " · ".join(parts)


def main() -> None:
    st.set_page_config(page_title="vbgraph – Đồ thị văn bản", layout="wide")
    who = viewer()
    page = nav.current_page()
    _sidebar(page, who)
    st.title(nav.PAGES[page])
    if page not in nav.pages_for(who.role):
        st.error(f"Trang này cần quyền “{nav.needs(page)}”; tài khoản của bạn có quyền “{who.role}”.")
        return
    module = importlib.import_module(f"vbgraph_app.views.{MODULES[page]}")
    module.render()
    nav.share_caption()


if __name__ == "__main__":
    main()
