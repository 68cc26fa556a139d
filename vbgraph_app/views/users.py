"""Người dùng: the users file, for `quản trị` (checked again here): add, change the
role or password, remove (a removal or a new password ends that user's sessions: see
`access.viewer`)."""
from __future__ import annotations

import streamlit as st

from vbgraph_app import access
from vbgraph_app.fmt import md_text
from vbgraph_app.users import ADMIN, ROLES, UsersError, has_role

DONE_KEY = "users_done"


def render() -> None:
    who = access.page_viewer()
    if who is None or not has_role(who.role, ADMIN):
        st.error("Trang này cần quyền “quản trị”.")
        return
    if DONE_KEY in st.session_state:
        st.success(md_text(st.session_state.pop(DONE_KEY)))
    people = access.users()
    users = sorted(people.users().values(), key=lambda u: u.name.casefold())
    st.dataframe([{"Tên đăng nhập": u.name, "Vai trò": u.role, "Email (OIDC)": u.email,
                   "Mật khẩu": "có" if u.password_hash else "không"} for u in users],
                 hide_index=True, width="stretch")
    with st.form("user_add", clear_on_submit=True):
        st.markdown("##### Thêm người dùng")
        c1, c2, c3 = st.columns(3)
        name = c1.text_input("Tên đăng nhập")
        role = c2.selectbox("Vai trò", ROLES)
        email = c3.text_input("Email (để đăng nhập qua OIDC, nếu có)")
        password = st.text_input("Mật khẩu", type="password")
        again = st.text_input("Nhập lại mật khẩu", type="password")
        if st.form_submit_button("Thêm"):
            _do(lambda: _check_same(password, again) or people.add(name, role, password, email),
                f"Đã thêm người dùng {name}.")
    if not users:
        return
    with st.form("user_change", clear_on_submit=True):
        st.markdown("##### Đổi vai trò, mật khẩu hoặc xoá")
        c1, c2 = st.columns(2)
        target = c1.selectbox("Người dùng", [u.name for u in users])
        role = c2.selectbox("Vai trò mới", ["", *ROLES], format_func=lambda r: r or "(giữ nguyên)")
        password = st.text_input("Mật khẩu mới (để trống: giữ nguyên)", type="password")
        again = st.text_input("Nhập lại mật khẩu mới", type="password")
        c3, c4 = st.columns(2)
        if c3.form_submit_button("Lưu thay đổi"):
            _do(lambda: _change(target, role, password, again), f"Đã cập nhật {target}.")
        if c4.form_submit_button("Xoá người dùng này"):
            if target.casefold() == who.name.casefold():
                st.error("Không thể tự xoá tài khoản đang đăng nhập.")
            else:
                _do(lambda: people.remove(target), f"Đã xoá {target}.")


def _check_same(password: str, again: str) -> None:
    if password != again:
        raise UsersError("hai lần nhập mật khẩu không khớp")


def _change(name: str, role: str, password: str, again: str) -> None:
    people = access.users()
    if role:
        people.set_role(name, role)
    if password or again:
        _check_same(password, again)
        people.set_password(name, password)


def _do(action, done: str) -> None:
    try:
        action()
    except UsersError as exc:
        st.error(md_text(f"Không thực hiện được: {exc}"))
        return
    st.session_state[DONE_KEY] = done  # shown after the rerun that lists the change
    st.rerun()
