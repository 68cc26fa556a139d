"""The explorer's users: one JSON file (created 0600), passwords hashed with argon2id.

Roles, each including the ones before it: `xem` (read the pages, read-only Cypher),
`nhập` (upload and ingest), `quản trị` (manage users). A user may have an `email`: the
identity an OIDC provider (Streamlit's `st.login`) vouches for maps to that user's role.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
import time
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from domain.keys import search_key

ROLES = ("xem", "nhập", "quản trị")
VIEWER, LOADER, ADMIN = ROLES
MIN_PASSWORD = 8
_NAME = re.compile(r"\w[\w.@-]{0,63}")
_HASHER = PasswordHasher()  # argon2id, the library's current defaults
# verified against when the name is unknown, so a wrong name costs what a wrong password costs
_DUMMY_HASH = _HASHER.hash("vbgraph: no such user")


class UsersError(ValueError):
    """A users-file operation refused (the message is one line, in Vietnamese)."""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    password_hash: str = ""
    email: str = ""
    changed: float = 0.0  # when the password was last set (sessions started before it end)


def role_name(text: str) -> str:
    """The role `text` names, typed with or without diacritics ("quan-tri" -> "quản trị")."""
    wanted = search_key(text.replace("-", " ").replace("_", " "))
    for role in ROLES:
        if search_key(role) == wanted:
            return role
    raise UsersError(f"vai trò không hợp lệ: {text!r} (một trong: {', '.join(ROLES)})")


def has_role(role: str, needed: str) -> bool:
    """Whether `role` includes `needed` (xem < nhập < quản trị)."""
    return role in ROLES and ROLES.index(role) >= ROLES.index(needed)


def check_name(name: str) -> str:
    name = unicodedata.normalize("NFC", name.strip())
    if not _NAME.fullmatch(name):
        raise UsersError(f"tên đăng nhập không hợp lệ: {name!r} (chữ, số, . _ - @, bắt đầu bằng chữ hoặc số; tối đa 64 ký tự)")
    return name


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise UsersError(f"mật khẩu phải có ít nhất {MIN_PASSWORD} ký tự")
    return password


class UsersFile:
    """The users of one file. Every write replaces the file atomically, mode 0600."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        self._cache: tuple[tuple[int, int], dict[str, User]] | None = None

    def users(self) -> dict[str, User]:
        """Users by folded name ({} when the file does not exist); re-read when it changes."""
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return {}
        stamp = (st.st_mtime_ns, st.st_size)
        if self._cache is None or self._cache[0] != stamp:
            try:
                raw = json.loads(self.path.read_text(encoding="utf-8"))
                users = {u["name"].casefold(): User(**u) for u in raw.get("users", [])}
            except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
                raise UsersError(f"{self.path}: không đọc được tệp người dùng ({exc})") from exc
            self._cache = (stamp, users)
        return dict(self._cache[1])

    def get(self, name: str) -> User | None:
        return self.users().get(name.strip().casefold())

    def by_email(self, email: str) -> User | None:
        wanted = email.strip().casefold()
        return next((u for u in self.users().values() if wanted and u.email.casefold() == wanted), None)

    def add(self, name: str, role: str, password: str = "", email: str = "") -> User:
        name = check_name(name)
        users = self.users()
        if name.casefold() in users:
            raise UsersError(f"người dùng {name!r} đã có")
        if not password and not email:
            raise UsersError("cần mật khẩu, hoặc email để đăng nhập qua nhà cung cấp định danh (OIDC)")
        user = User(name, role_name(role), _HASHER.hash(check_password(password)) if password else "",
                    email.strip(), time.time())
        users[name.casefold()] = user
        self._save(users)
        return user

    def remove(self, name: str) -> None:
        users = self.users()
        if users.pop(name.strip().casefold(), None) is None:
            raise UsersError(f"không có người dùng {name!r}")
        self._save(users)

    def set_password(self, name: str, password: str) -> None:
        self._replace(name, password_hash=_HASHER.hash(check_password(password)), changed=time.time())

    def set_role(self, name: str, role: str) -> None:
        self._replace(name, role=role_name(role))

    def verify(self, name: str, password: str) -> User | None:
        """The user when `password` is theirs, else None (same work for an unknown name)."""
        user = self.get(name)
        stored = user.password_hash if user and user.password_hash else _DUMMY_HASH
        try:
            _HASHER.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return None
        if user is None or not user.password_hash:
            return None
        if _HASHER.check_needs_rehash(stored):
            self._replace(user.name, password_hash=_HASHER.hash(password))
        return user

    def _replace(self, name: str, **changes: object) -> None:
        users = self.users()
        key = name.strip().casefold()
        if key not in users:
            raise UsersError(f"không có người dùng {name!r}")
        users[key] = User(**{**asdict(users[key]), **changes})
        self._save(users)

    def _save(self, users: dict[str, User]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        body = json.dumps({"users": [asdict(u) for u in sorted(users.values(), key=lambda u: u.name)]},
                          ensure_ascii=False, indent=1)
        fd, tmp = tempfile.mkstemp(prefix=".users-", dir=self.path.parent)  # created 0600
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(body + "\n")
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self._cache = None
