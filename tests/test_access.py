"""Who may reach the explorer (issue 21, point 3), below the browser: the users file
(argon2id, 0600, roles), sessions that expire, `vbgraph app` refusing a non-loopback
address without users, and the login gate of a real `vbgraph app` server over HTTP."""
from __future__ import annotations

import json
import stat
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest

from app_server import BIN, REPO, add_user, app_env, serve
from vbgraph_app.access import refusal
from vbgraph_app.sessions import COOKIE, SessionStore
from vbgraph_app.users import ADMIN, LOADER, VIEWER, UsersError, UsersFile, has_role, role_name

PASSWORD = "mật-khẩu-thử-1"


def test_users_file_hashes_with_argon2id_mode_0600(tmp_path):
    people = UsersFile(tmp_path / "users.json")
    people.add("lan", "nhap", PASSWORD)
    raw = (tmp_path / "users.json").read_text(encoding="utf-8")
    (stored,) = json.loads(raw)["users"]
    assert stored["role"] == LOADER and stored["password_hash"].startswith("$argon2id$")
    assert PASSWORD not in raw
    assert stat.S_IMODE((tmp_path / "users.json").stat().st_mode) == 0o600
    assert people.verify("LAN", PASSWORD).name == "lan"  # names fold case
    assert people.verify("lan", PASSWORD + "x") is None and people.verify("khong-co", PASSWORD) is None
    with pytest.raises(UsersError, match="ít nhất"):
        people.add("ngan", "xem", "ngắn")
    with pytest.raises(UsersError, match="đã có"):
        people.add("Lan", "xem", PASSWORD)


def test_roles_in_vietnamese_each_including_the_ones_before():
    assert [role_name(t) for t in ("xem", "Nhập", "nhap", "quan-tri", "quản trị")] == \
        [VIEWER, LOADER, LOADER, ADMIN, ADMIN]
    with pytest.raises(UsersError, match="vai trò"):
        role_name("admin")
    assert has_role(ADMIN, LOADER) and has_role(LOADER, VIEWER) and not has_role(VIEWER, LOADER)


def test_sessions_end_when_idle_and_after_their_maximum():
    now = [0.0]
    store = SessionStore(idle=60, absolute=300, clock=lambda: now[0])
    token = store.start("lan")
    now[0] = 59
    assert store.get(token).user == "lan"  # a request restarts the idle clock
    now[0] = 118
    assert store.get(token) is not None
    now[0] = 179
    assert store.get(token) is None  # 61 s idle
    token = store.start("lan")
    for t in range(200, 481, 50):
        now[0] = t
        assert store.get(token) is not None, t
    now[0] = 510
    assert store.get(token) is None  # 310 s after it began, busy or not
    assert store.get("made-up") is None and store.get(None) is None and store.get(b"x") is None


def test_refusal_beyond_loopback_without_users(tmp_path):
    people = UsersFile(tmp_path / "users.json")
    for host in ("127.0.0.1", "::1", "[::1]", "localhost"):
        assert refusal(host, people) is None, host
    for host in ("0.0.0.0", "192.0.2.10", "::", None):
        assert "refusing to serve" in refusal(host, people), host
    people.add("lan", "xem", PASSWORD)
    assert refusal("0.0.0.0", people) is None


@pytest.mark.parametrize("command", [
    ["vbgraph", "app", "--host", "0.0.0.0", "--port", "18591"],
    ["vbgraph", "app", "--config", "{config}"],
    ["streamlit", "run", "app.py", "--server.address", "0.0.0.0", "--server.port", "18592",
     "--server.headless", "true"],
    ["streamlit", "run", "app.py", "--server.port", "18593", "--server.headless", "true"],  # every interface
])
def test_no_start_on_a_network_address_without_users(tmp_path, command):
    """`vbgraph app --host`, a config file's host, and `streamlit run app.py` itself: one
    line, exit status 2, and nothing listening."""
    config = tmp_path / "vbgraph.toml"
    config.write_text('[app]\nhost = "0.0.0.0"\nport = 18594\n', encoding="utf-8")
    env = app_env(tmp_path)
    argv = [str(BIN / command[0]), *(c.format(config=config) for c in command[1:])]
    done = subprocess.run(argv, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, (done.stdout, done.stderr)
    (line,) = [ln for ln in done.stderr.splitlines() if "refusing" in ln]
    assert "no user in" in line and "vbgraph users add" in line
    assert "Traceback" not in done.stderr


def test_vbgraph_users_cli(tmp_path):
    env = app_env(tmp_path)
    add_user(env, "lan", "xem", PASSWORD)
    users = [str(BIN / "vbgraph"), "users"]
    listed = subprocess.run([*users, "list"], env=env, capture_output=True, text=True, timeout=60, check=True)
    assert listed.stdout.split("\t")[:2] == ["lan", "xem"]
    subprocess.run([*users, "role", "lan", "quan-tri"], env=env, capture_output=True, timeout=60, check=True)
    assert UsersFile(tmp_path / "users.json").get("lan").role == ADMIN
    again = subprocess.run([*users, "add", "lan", "--role", "xem", "--password-stdin"], input=PASSWORD + "\n",
                           env=env, capture_output=True, text=True, timeout=60)
    assert again.returncode == 1 and again.stderr.count("\n") == 1 and "đã có" in again.stderr


# --- the gate of a real server, over HTTP ----------------------------------------------------
IDLE_SECONDS = 6


@pytest.fixture(scope="module")
def gated(tmp_path_factory):
    """`vbgraph app` on loopback with one viewer: logins required (no store is read here)."""
    folder = tmp_path_factory.mktemp("gate")
    env = app_env(folder, VBGRAPH_SESSION_IDLE_MINUTES=str(IDLE_SECONDS / 60))
    add_user(env, "lan", "xem", PASSWORD)
    with serve(env, folder / "app.log") as url:
        yield url


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def client() -> tuple[urllib.request.OpenerDirector, CookieJar]:
    jar = CookieJar()
    return urllib.request.build_opener(_NoRedirect, urllib.request.HTTPCookieProcessor(jar)), jar


def get(opener, url: str, data: dict | None = None) -> tuple[int, dict, str]:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    try:
        with opener.open(url, data=body, timeout=30) as r:
            return r.status, dict(r.headers), r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode("utf-8", "replace")


def test_anonymous_gets_the_login_page(gated):
    opener, _ = client()
    status, headers, _ = get(opener, gated + "/?page=nap")
    assert status == 303 and headers["location"].startswith("/login?next=")
    assert urllib.parse.parse_qs(urllib.parse.urlparse(headers["location"]).query)["next"] == ["/?page=nap"]
    status, headers, page = get(opener, gated + headers["location"])
    assert status == 200 and '<html lang="vi">' in page
    for words in ("Đăng nhập", "Tên đăng nhập", "Mật khẩu"):
        assert words in page
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    for path in ("/_stcore/host-config", "/static/js/", "/_stcore/upload_file/x/y", "/component/x"):
        status, _, body = get(opener, gated + path)
        assert status in (303, 401), (path, status)
        assert "vbgraph" not in body or "Đăng nhập" in body, path


def test_websocket_refused_without_a_session(gated):
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    with pytest.raises(InvalidStatus) as refused:
        connect(gated.replace("http", "ws") + "/_stcore/stream", subprotocols=["streamlit"], open_timeout=10)
    assert refused.value.response.status_code == 403


def test_login_wrong_password_then_right_then_expiry_and_logout(gated):
    opener, jar = client()
    status, _, page = get(opener, gated + "/login", {"name": "lan", "password": "sai-mat-khau", "next": "/"})
    assert status == 401 and "Tên đăng nhập hoặc mật khẩu không đúng." in page and not list(jar)
    status, headers, _ = get(opener, gated + "/login",
                             {"name": "lan", "password": PASSWORD, "next": "//203.0.113.5/x"})
    assert status == 303 and headers["location"] == "/"  # never sent off the site
    (cookie,) = [c for c in jar if c.name == COOKIE]
    assert cookie.has_nonstandard_attr("HttpOnly") and len(cookie.value) >= 40
    assert "lan" not in cookie.value
    status, _, page = get(opener, gated + "/?page=tim-kiem")
    assert status == 200 and "<div id=\"root\">" in page.replace("'", '"')
    time.sleep(IDLE_SECONDS + 1.5)
    status, headers, _ = get(opener, gated + "/?page=tim-kiem")
    assert status == 303 and "ly_do=het-han" in headers["location"]
    get(opener, gated + "/login", {"name": "lan", "password": PASSWORD, "next": "/"})
    status, headers, _ = get(opener, gated + "/logout")
    assert status == 303 and headers["location"] == "/login?ly_do=da-thoat"
    status, _, _ = get(opener, gated + "/")
    assert status == 303


def test_login_from_another_site_refused(gated):
    opener, jar = client()
    request = urllib.request.Request(gated + "/login", data=urllib.parse.urlencode(
        {"name": "lan", "password": PASSWORD}).encode(), headers={"Origin": "http://203.0.113.5"})
    try:
        opener.open(request, timeout=30)
        status = 200
    except urllib.error.HTTPError as e:
        status = e.code
    assert status == 403 and not list(jar)
