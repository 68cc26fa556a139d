"""Login sessions of the explorer's server process: random tokens in an HttpOnly cookie,
kept in memory by their sha256, ended after `idle` seconds without a request and after
`absolute` seconds whatever happens (a server restart ends them all)."""
from __future__ import annotations

import hashlib
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Callable

COOKIE = "vbgraph_session"


@dataclass
class Session:
    user: str
    created: float  # the store's clock (monotonic)
    seen: float
    since: float    # wall-clock start, against a later password change


def _key(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


class SessionStore:
    def __init__(self, idle: float, absolute: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.idle, self.absolute, self._clock = idle, absolute, clock
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()

    def start(self, user: str) -> str:
        """A new session for `user`; returns its token (the cookie's value)."""
        token = secrets.token_urlsafe(32)
        now = self._clock()
        with self._lock:
            self._drop_expired(now)
            self._sessions[_key(token)] = Session(user, now, now, time.time())
        return token

    def get(self, token: str | None) -> Session | None:
        """The live session of `token`, its idle clock restarted; None when unknown or expired."""
        if not isinstance(token, str) or not token:
            return None
        now = self._clock()
        with self._lock:
            session = self._sessions.get(_key(token))
            if session is None:
                return None
            if self._expired(session, now):
                del self._sessions[_key(token)]
                return None
            session.seen = now
            return session

    def end(self, token: str | None) -> None:
        if token:
            with self._lock:
                self._sessions.pop(_key(token), None)

    def _expired(self, s: Session, now: float) -> bool:
        return now - s.seen > self.idle or now - s.created > self.absolute

    def _drop_expired(self, now: float) -> None:
        for key in [k for k, s in self._sessions.items() if self._expired(s, now)]:
            del self._sessions[key]
