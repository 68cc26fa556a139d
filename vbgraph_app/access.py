"""Who may reach the explorer, and as whom: the one policy the gate (`gate.py`, every
HTTP request and websocket) and the pages (`main.py`, every script run) both apply.

- Open: the server listens on loopback only (127.0.0.1, ::1, localhost) and the users
  file holds no user: one person on their own machine, every page but user management.
- Otherwise every request needs a login session; a server beyond loopback with no user
  refuses to start (`refusal`).

Settings come from the environment (`vbgraph app` sets them from its flags / config file):
`VBGRAPH_USERS` (users file, default data/users.json), `VBGRAPH_DATA` (data folder, for
uploads; default data), `VBGRAPH_SESSION_IDLE_MINUTES` (default 30),
`VBGRAPH_SESSION_MAX_HOURS` (default 8).
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from vbgraph_app.sessions import SessionStore
from vbgraph_app.users import LOADER, UsersFile

LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})
DEFAULTS = {"VBGRAPH_USERS": "data/users.json", "VBGRAPH_DATA": "data",
            "VBGRAPH_SESSION_IDLE_MINUTES": "30", "VBGRAPH_SESSION_MAX_HOURS": "8"}


@dataclass(frozen=True)
class Settings:
    users_file: Path
    data_dir: Path
    idle_seconds: float
    absolute_seconds: float

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Settings:
        env = {k: environ.get(k) or v for k, v in DEFAULTS.items()}
        try:
            idle = float(env["VBGRAPH_SESSION_IDLE_MINUTES"]) * 60
            absolute = float(env["VBGRAPH_SESSION_MAX_HOURS"]) * 3600
        except ValueError as exc:
            raise ValueError(f"session timeout is not a number: {exc}") from None
        if idle <= 0 or absolute <= 0:
            raise ValueError("session timeouts must be positive")
        return cls(Path(env["VBGRAPH_USERS"]).absolute(), Path(env["VBGRAPH_DATA"]).absolute(), idle, absolute)


@dataclass(frozen=True)
class Viewer:
    """The person a page is rendered for; `name` is "" when the app is open."""
    name: str
    role: str


OPEN_VIEWER = Viewer("", LOADER)
LOCAL_UPLOADS = "~local"  # the open app's upload folder: no user name starts with "~"


@cache
def settings() -> Settings:
    return Settings.from_env()


@cache
def users() -> UsersFile:
    return UsersFile(settings().users_file)


@cache
def sessions() -> SessionStore:
    s = settings()
    return SessionStore(s.idle_seconds, s.absolute_seconds)


def is_loopback(address: str | None) -> bool:
    """Whether the server listens on loopback only (Streamlit's unset address is every interface)."""
    return (address or "").strip("[]") in LOOPBACK


def login_required(address: str | None, people: UsersFile) -> bool:
    return not is_loopback(address) or bool(people.users())


def refusal(address: str | None, people: UsersFile) -> str | None:
    """Why the server must not start (beyond loopback with no user to log in), else None."""
    if is_loopback(address) or people.users():
        return None
    where = address or "every interface"
    return (f"refusing to serve on {where} without logins: no user in {people.path} "
            f"(add one: vbgraph users add NAME --role xem)")


def viewer(address: str | None, token: str | None) -> Viewer | None:
    """The viewer of a request: open, the session's user, or None (log in first)."""
    people = users()
    if not login_required(address, people):
        return OPEN_VIEWER
    session = sessions().get(token)
    user = people.get(session.user) if session else None
    if user is None or user.changed > session.since:  # removed, or their password changed since
        return None
    return Viewer(user.name, user.role)


def upload_dir(who: Viewer) -> Path:
    """The viewer's private upload folder, `<data>/uploads/<name>` (it and `uploads/` 0700)."""
    base = settings().data_dir / "uploads"
    folder = base / (who.name or LOCAL_UPLOADS)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    for p in (base, folder):
        os.chmod(p, 0o700)
    return folder


def page_viewer() -> Viewer | None:
    """The viewer of the running Streamlit script (its websocket's session cookie)."""
    import streamlit as st

    from vbgraph_app.sessions import COOKIE

    return viewer(st.get_option("server.address"), st.context.cookies.get(COOKIE))
