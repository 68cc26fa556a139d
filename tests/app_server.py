"""A real explorer server for the HTTP and browser tests: documents ingested with `vbgraph ingest`
into a fresh embedded store, then the app served on a loopback port (its own process,
its own store), stopped with SIGTERM."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from graph.server import free_port
from paths import REPO
from served import wait_healthy

BIN = Path(sys.executable).parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
OFFSITE = "203.0.113.5"  # TEST-NET-3: no server of ours; nothing may ever ask it for anything
# a document whose subject, citing sentence and task carry Markdown and HTML that point off the machine
MARKDOWN_DOC = f"""ỦY BAN NHÂN DÂN
THÀNH PHỐ LẠNG SƠN
Số: 412/KH-UBND

TP. Lạng Sơn, ngày 20 tháng 5 năm 2021

KẾ HOẠCH

Triển khai biểu mẫu ![x](http://{OFFSITE}/a.png) và [tải biểu mẫu](http://{OFFSITE}/form) <img src="http://{OFFSITE}/b.png">

Thực hiện Thông báo số 311/TB-UBND ngày 16/4/2021 của UBND thành phố ![y](http://{OFFSITE}/c.png), UBND thành phố ban hành Kế hoạch như sau:

1. Giao phòng Văn hóa - Thông tin [tải biểu mẫu](http://{OFFSITE}/task) chủ trì, hoàn thành trước ngày 30/6/2021.

<a href="http://{OFFSITE}/raw">mở</a> **đậm** www.example.com http://{OFFSITE}/bare

Nơi nhận:
- Như trên;
"""


def app_env(folder: Path, **extra: str) -> dict[str, str]:
    """The environment of a test server: its store, users file and data folder in `folder`."""
    env = {**os.environ, "VBGRAPH_DB": str(folder / "db"), "VBGRAPH_HEAP": "1g",
           "VBGRAPH_USERS": str(folder / "users.json"), "VBGRAPH_DATA": str(folder / "data"), **extra}
    env.pop("VBGRAPH_URI", None)
    env.pop("VBGRAPH_DATABASE", None)
    return env


def ingest(paths: list[Path], env: dict[str, str]) -> None:
    subprocess.run([str(BIN / "vbgraph"), "ingest", *map(str, paths), "--db", env["VBGRAPH_DB"], "--quiet"],
                   cwd=REPO, env=env, check=True, timeout=600, capture_output=True)


def add_user(env: dict[str, str], name: str, role: str, password: str) -> None:
    """`vbgraph users add NAME --role ROLE --password-stdin` into the server's users file."""
    subprocess.run([str(BIN / "vbgraph"), "users", "add", name, "--role", role, "--password-stdin"],
                   input=password + "\n", text=True, cwd=REPO, env=env, check=True, timeout=60,
                   capture_output=True)


@contextmanager
def serve(env: dict[str, str], log: Path, command: list[str] | None = None) -> Iterator[str]:
    """Run `command` (`{port}` filled in; default `vbgraph app` on loopback) until
    /_stcore/health answers; yield the base URL; SIGTERM at the end."""
    port = free_port()
    command = command or [str(BIN / "vbgraph"), "app", "--host", "127.0.0.1", "--port", "{port}"]
    with open(log, "wb") as out:
        proc = subprocess.Popen([c.format(port=port) for c in command], cwd=REPO, env=env,
                                stdout=out, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(url, proc, log)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)


@contextmanager
def open_app(folder: Path, paths: list[Path]) -> Iterator[str]:
    """`streamlit run app.py` (own process, own embedded store in `folder`) on loopback, no
    users (open), over `paths` ingested first; yields the base URL."""
    need_chromium()
    env = app_env(folder)
    ingest(paths, env)
    with serve(env, folder / "streamlit.log", [str(BIN / "streamlit"), "run", "app.py", "--server.port", "{port}",
                                               "--server.address", "127.0.0.1", "--server.headless", "true",
                                               "--browser.gatherUsageStats", "false"]) as url:
        yield url


def need_chromium() -> None:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is missing: `make test` installs it (APT_TEST)")


def offsite(requests: list[str]) -> list[str]:
    """The requested URLs that leave the machine."""
    from urllib.parse import urlparse

    return [u for u in requests if urlparse(u).scheme not in ("data", "blob", "about")
            and urlparse(u).hostname not in LOOPBACK]
