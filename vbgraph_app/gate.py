"""The explorer's front door, in front of every Streamlit route (`app.py` mounts it).

Unless the app is open (`access`), a request without a live login session gets the login
page (a page load), 401 (any other HTTP request) or a refused websocket: no page, no
data, no upload reaches anyone not logged in. `/login` checks a password against the
users file and sets an HttpOnly session cookie; `/logout` ends the session. Where an
identity provider is configured in Streamlit's secrets (`[auth]`), the login page offers
it through Streamlit's own OIDC routes (the redirect `st.login` sends); the identity
cookie Streamlit sets on return is exchanged, once and within minutes, for a session of
the user with that email in the users file, so the same timeouts apply.
"""
from __future__ import annotations

import html
import json
import sys
from typing import Any
from urllib.parse import urlencode, urlparse

from starlette.requests import HTTPConnection, Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route
from streamlit import config

from vbgraph_app import access
from vbgraph_app.sessions import COOKIE

PUBLIC = frozenset({"/login", "/login/oidc", "/logout", "/_stcore/health", "/favicon.png",
                    "/auth/login", "/oauth2callback", "/auth/logout"})
OIDC_COOKIE = "_streamlit_user"
OIDC_EXCHANGE_SECONDS = 300  # an identity cookie older than this is not exchanged for a session
MESSAGES = {
    "sai": "Tên đăng nhập hoặc mật khẩu không đúng.",
    "het-han": "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.",
    "da-thoat": "Bạn đã đăng xuất.",
    "chua-cap-quyen": "Tài khoản này chưa được cấp quyền truy cập. Hãy liên hệ quản trị viên.",
}
PAGE_HEADERS = {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                                           "form-action 'self'; frame-ancestors 'none'",
                "X-Frame-Options": "DENY", "Cache-Control": "no-store", "Referrer-Policy": "same-origin"}


def _address() -> str | None:
    return config.get_option("server.address")


def _safe_next(target: str | None) -> str:
    """A same-site path to return to after login (anything else: the start page)."""
    target = target or "/"
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


# --- OIDC through Streamlit's own routes -----------------------------------------------------
def providers() -> list[tuple[str, str]]:
    """(provider, button label) for each identity provider in the secrets' [auth] section."""
    from streamlit.auth_util import get_secrets_auth_section

    try:
        section = get_secrets_auth_section()
    except Exception:  # noqa: BLE001 - unreadable secrets: no provider
        return []
    out = [("default", "Đăng nhập bằng tài khoản tổ chức")] if "client_id" in section else []
    out += [(name, f"Đăng nhập bằng {name}") for name, sub in section.items()
            if isinstance(sub, dict) and "client_id" in sub]
    return out


def oidc_email(cookies: dict[str, str]) -> str | None:
    """The email in a fresh, valid Streamlit identity cookie (signed, our origin), else None."""
    if OIDC_COOKIE not in cookies:
        return None
    from streamlit.auth_util import get_cookie_with_chunks, get_origin_from_redirect_uri
    from streamlit.web.server.server_util import get_cookie_secret
    from streamlit.web.server.starlette.starlette_app_utils import decode_signed_value

    secret = get_cookie_secret()

    def one(name: str) -> bytes | None:
        raw = cookies.get(name)
        return None if raw is None else decode_signed_value(
            secret, name, raw.encode("latin-1"), max_age_days=OIDC_EXCHANGE_SECONDS / 86400)

    decoded = get_cookie_with_chunks(one, OIDC_COOKIE)
    try:
        payload = json.loads(decoded or b"")
    except ValueError:
        return None
    if not isinstance(payload, dict) or payload.get("origin") != get_origin_from_redirect_uri():
        return None
    email = payload.get("email")
    ok = payload.get("is_logged_in") and isinstance(email, str) and payload.get("email_verified", True)
    return email if ok else None


def _forget_oidc(response: Response, cookies: dict[str, str]) -> None:
    for name in cookies:
        if name == OIDC_COOKIE or name.startswith(OIDC_COOKIE + "_"):
            response.delete_cookie(name, path="/")


# --- pages -----------------------------------------------------------------------------------
def login_page(message: str = "", next_path: str = "/", status: int = 200) -> HTMLResponse:
    e = html.escape
    buttons = "".join(f'<a class="oidc" href="/login/oidc?{e(urlencode({"provider": p, "next": next_path}))}">'
                      f"{e(label)}</a>" for p, label in providers())
    note = f'<p class="msg" role="alert">{e(message)}</p>' if message else ""
    body = f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Đăng nhập – vbgraph</title>
<style>
body{{font-family:"Source Sans Pro",system-ui,sans-serif;background:#f5f6f8;margin:0;display:flex;
min-height:100vh;align-items:center;justify-content:center;color:#262730}}
main{{background:#fff;padding:2rem 2.5rem;border-radius:10px;box-shadow:0 2px 12px #0002;width:22rem}}
h1{{font-size:1.4rem;margin:0 0 .25rem}} p.sub{{margin:0 0 1.25rem;color:#555}}
label{{display:block;margin:.75rem 0 .25rem}} input{{width:100%;box-sizing:border-box;padding:.5rem;
font-size:1rem;border:1px solid #ccc;border-radius:6px}}
button,a.oidc{{display:block;width:100%;margin-top:1.25rem;padding:.6rem;font-size:1rem;border:0;
border-radius:6px;background:#ff4b4b;color:#fff;cursor:pointer;text-align:center;text-decoration:none;
box-sizing:border-box}} a.oidc{{background:#1f5fa8}} p.msg{{color:#b00020;margin:.5rem 0 0}}
</style></head>
<body><main>
<h1>Đăng nhập</h1><p class="sub">vbgraph – Đồ thị trích dẫn văn bản hành chính</p>{note}
<form method="post" action="/login">
<input type="hidden" name="next" value="{e(next_path)}">
<label for="name">Tên đăng nhập</label><input id="name" name="name" autocomplete="username" required autofocus>
<label for="password">Mật khẩu</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Đăng nhập</button>
</form>{buttons}
</main></body></html>"""
    return HTMLResponse(body, status_code=status, headers=PAGE_HEADERS)


def _with_session(response: Response, request: HTTPConnection, user: str) -> Response:
    token = access.sessions().start(user)
    response.set_cookie(COOKIE, token, max_age=int(access.settings().absolute_seconds), path="/",
                        httponly=True, samesite="lax", secure=request.url.scheme == "https")
    return response


async def login(request: Request) -> Response:
    if request.method == "GET":
        return login_page(MESSAGES.get(request.query_params.get("ly_do", ""), ""),
                          _safe_next(request.query_params.get("next")))
    origin = request.headers.get("origin")
    if origin and urlparse(origin).netloc != request.headers.get("host"):
        return PlainTextResponse("Yêu cầu đăng nhập từ trang khác bị từ chối.", status_code=403)
    form = await request.form()
    name, password = str(form.get("name") or ""), str(form.get("password") or "")
    next_path = _safe_next(str(form.get("next") or "/"))
    user = access.users().verify(name, password) if name and password else None
    if user is None:
        return login_page(MESSAGES["sai"], next_path, status=401)
    return _with_session(RedirectResponse(next_path, status_code=303), request, user.name)


async def login_oidc(request: Request) -> Response:
    """Off to the identity provider: the redirect `st.login(provider)` sends."""
    from streamlit.user_info import generate_login_redirect_url

    provider = request.query_params.get("provider", "default")
    if provider not in dict(providers()):
        return login_page("Không có nhà cung cấp định danh này.", status=404)
    return RedirectResponse(generate_login_redirect_url(provider), status_code=303)


async def logout(request: Request) -> Response:
    access.sessions().end(request.cookies.get(COOKIE))
    response = RedirectResponse("/login?ly_do=da-thoat", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    _forget_oidc(response, request.cookies)
    return response


ROUTES = [Route("/login", login, methods=["GET", "POST"]), Route("/login/oidc", login_oidc),
          Route("/logout", logout, methods=["GET", "POST"])]


# --- the gate itself -------------------------------------------------------------------------
class Gate:
    """ASGI middleware: every non-public route needs a live session (or the open app)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket") or scope["path"] in PUBLIC:
            return await self.app(scope, receive, send)
        conn = HTTPConnection(scope)
        if access.viewer(_address(), conn.cookies.get(COOKIE)) is not None:
            return await self.app(scope, receive, send)
        if scope["type"] == "websocket":
            await receive()  # websocket.connect
            return await send({"type": "websocket.close", "code": 1008})
        return await self._anonymous(conn)(scope, receive, send)

    @staticmethod
    def _anonymous(conn: HTTPConnection) -> Response:
        here = conn.url.path + (f"?{conn.url.query}" if conn.url.query else "")
        email = oidc_email(dict(conn.cookies))
        if email is not None:
            user = access.users().by_email(email)
            if user is None:
                response: Response = login_page(MESSAGES["chua-cap-quyen"], here, status=403)
            else:
                response = _with_session(RedirectResponse(here, status_code=303), conn, user.name)
            _forget_oidc(response, dict(conn.cookies))
            return response
        if conn.scope.get("method") in ("GET", "HEAD") and not conn.url.path.startswith("/_stcore/"):
            had_session = COOKIE in conn.cookies
            query = {"next": here, **({"ly_do": "het-han"} if had_session else {})}
            return RedirectResponse("/login?" + urlencode(query), status_code=303)
        return PlainTextResponse("Cần đăng nhập.", status_code=401)


def refuse_unsafe_start() -> None:
    """Exit (one line, status 2) when serving beyond loopback with nobody to log in."""
    reason = access.refusal(_address(), access.users())
    if reason:
        print(f"vbgraph app: {reason}", file=sys.stderr, flush=True)
        raise SystemExit(2)
