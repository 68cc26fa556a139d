"""Deep links: every view's state lives in the URL query (`?page=van-ban&id=…`)."""
from __future__ import annotations

from typing import Any, Callable

import streamlit as st

from vbgraph_app.fmt import link
from vbgraph_app.users import ADMIN, LOADER, VIEWER, has_role

PAGES: dict[str, str] = {
    "tim-kiem": "Tìm kiếm",
    "van-ban": "Văn bản",
    "truy-vet": "Truy vết",
    "do-thi": "Đồ thị",
    "nhiem-vu": "Nhiệm vụ",
    "cypher": "Cypher",
    "nap": "Nạp văn bản",
    "nguoi-dung": "Người dùng",
}
NEEDS = {"nap": LOADER, "nguoi-dung": ADMIN}  # the role each page needs (others: xem)
DEFAULT_PAGE = "tim-kiem"
_PREFIX = "qp_"


def current_page() -> str:
    page = st.query_params.get("page", DEFAULT_PAGE)
    return page if page in PAGES else DEFAULT_PAGE


def needs(page: str) -> str:
    return NEEDS.get(page, VIEWER)


def pages_for(role: str) -> list[str]:
    """The pages a role may open, in menu order."""
    return [p for p in PAGES if has_role(role, needs(p))]


def param(name: str, default: Any = "") -> Any:
    """The URL value of `name` (a string), or `default`."""
    value = st.query_params.get(name)
    return default if value in (None, "") else value


def state_key(name: str, default: Any = "", cast: Callable[[str], Any] = str) -> str:
    """A session-state key for a widget mirrored in the URL, seeded from the URL once."""
    key = _PREFIX + name
    if key not in st.session_state:
        raw = st.query_params.get(name)
        try:
            st.session_state[key] = default if raw in (None, "") else cast(raw)
        except (TypeError, ValueError):
            st.session_state[key] = default
    return key


def set_params(**params: Any) -> None:
    """Write view state to the URL (empty values are removed)."""
    for name, value in params.items():
        if value in (None, "", [], ()):
            if name in st.query_params:
                del st.query_params[name]
        else:
            text = ",".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)
            if st.query_params.get(name) != text:
                st.query_params[name] = text


def goto(page: str, **params: Any) -> None:
    """Open another view (replaces the URL state, resets that view's widgets)."""
    for key in [k for k in st.session_state.keys() if str(k).startswith(_PREFIX)]:
        del st.session_state[key]
    st.query_params.clear()
    st.query_params["page"] = page
    set_params(**params)
    st.rerun()


def app_base_url() -> str:
    """The app's address for absolute links (`register.base_url`: VBGRAPH_BASE_URL, else
    the address the browser used)."""
    from vbgraph_app.register import base_url

    try:
        seen = st.context.url
    except Exception:  # noqa: BLE001 - no browser session (AppTest, bare mode)
        seen = None
    return base_url(seen)


def share_caption() -> None:
    """Show the view's shareable link, whole (scheme, host, page and state)."""
    from vbgraph_app.register import absolute

    query = {k: st.query_params.get(k) for k in st.query_params.keys() if k != "page"}
    st.caption("🔗 Liên kết chia sẻ: `" + absolute(link(current_page(), **query), app_base_url()) + "`")


def nav_button(label: str, page: str, key: str, **params: Any) -> None:
    """A button that opens a view with the given parameters."""
    if st.button(label, key=key):
        goto(page, **params)
