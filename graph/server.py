"""A standalone ArcadeDB server with the Bolt (Neo4j wire protocol) plugin.

    VBGRAPH_PASSWORD=... python -m graph.server --db data/server --bolt-port 7687

runs in the foreground until Ctrl-C / SIGTERM, listening on loopback only. Neo4j
drivers (and `open_store(uri="bolt://127.0.0.1:7687")`) connect as user `root` with
the password from the environment; it is never printed or logged, and a users
file left by an earlier run is replaced at start (the environment is the only source).
Logs go to `<db>/log/`. One line,
`vbgraph server ready: bolt://HOST:PORT database=NAME`, on stdout says it is up.
"""
from __future__ import annotations

import argparse
import base64
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

PASSWORD_ENV = "VBGRAPH_PASSWORD"
USER = "root"
DEFAULT_DATABASE = "vbgraph"
MIN_PASSWORD = 8  # ArcadeDB refuses shorter root passwords


@dataclass
class ServerConfig:
    db: Path
    bolt_port: int = 7687
    http_port: int = 2480
    host: str = "127.0.0.1"
    database: str = DEFAULT_DATABASE
    heap: str | None = None  # None: the query role's (graph.embedded.role_heap)


def parse_args(argv: list[str] | None = None) -> ServerConfig:
    p = argparse.ArgumentParser(prog="python -m graph.server", description=__doc__.splitlines()[0])
    add_arguments(p)
    return config_from_args(p.parse_args(argv))


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default="data/server", help="server root directory (databases, config, logs)")
    p.add_argument("--bolt-port", type=int, default=7687, help="Bolt port (default 7687)")
    p.add_argument("--http-port", type=int, default=2480, help="ArcadeDB HTTP API port (default 2480)")
    p.add_argument("--host", default="127.0.0.1",
                   help="bind address (default loopback; anything else exposes the server)")
    p.add_argument("--database", default=DEFAULT_DATABASE, help="database created if missing")
    p.add_argument("--heap", default=os.environ.get("VBGRAPH_HEAP"),
                   help="JVM max heap (default: the query role's, a quarter of RAM up to 5g)")


def config_from_args(args: argparse.Namespace) -> ServerConfig:
    return ServerConfig(Path(args.db).resolve(), args.bolt_port, args.http_port, args.host,
                        args.database, args.heap)


def serve(cfg: ServerConfig, password: str, stop: threading.Event | None = None) -> int:
    """Start the server, create the database, print the ready line, block until `stop`."""
    logdir = cfg.db / "log"
    logdir.mkdir(parents=True, exist_ok=True)
    # same JVM set-up as the embedded store: logs (and crash files) under <db>/log
    from graph.embedded import BOLT_PLUGIN, _start_jvm, role_heap
    _start_jvm(logdir, cfg.heap or role_heap("query"))
    import arcadedb_embedded as adb

    # the password in the environment is the only one: drop a stored users file
    (cfg.db / "config" / "server-users.jsonl").unlink(missing_ok=True)
    server = adb.create_server(str(cfg.db), root_password=password, config={
        "http_port": cfg.http_port, "host": cfg.host, "server_logsDirectory": str(logdir),
        "server_plugins": BOLT_PLUGIN, "bolt_port": cfg.bolt_port,
    })
    stop = stop or threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, lambda *_: stop.set())
    server.start()
    try:
        server.create_database(cfg.database)  # get-or-create
        print(f"{READY}: bolt://{cfg.host}:{cfg.bolt_port} database={cfg.database} "
              f"user={USER} (password from ${PASSWORD_ENV})", flush=True)
        while not stop.wait(0.5):
            pass
    finally:
        server.stop()
        print("vbgraph server stopped", flush=True)
    return 0


def password_from_env() -> str:
    password = os.environ.get(PASSWORD_ENV, "")
    if len(password) < MIN_PASSWORD:
        raise SystemExit(f"graph.server: set ${PASSWORD_ENV} (at least {MIN_PASSWORD} characters)")
    return password


# --------------------------------------------------------------------------- as a child process
READY = "vbgraph server ready"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class ServerProcess:
    """A `python -m graph.server` child process (see `spawn`)."""

    root: Path
    bolt_port: int
    http_port: int
    password: str = field(repr=False)
    proc: subprocess.Popen | None = field(default=None, repr=False)
    user: str = USER

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def stdout_path(self) -> Path:
        return self.root / "stdout.txt"

    @property
    def stderr_path(self) -> Path:
        return self.root / "stderr.txt"

    def env(self) -> dict[str, str]:
        """Environment for a client process: the server's URI, user and password."""
        return dict(os.environ, VBGRAPH_URI=self.uri, VBGRAPH_USER=self.user,
                    **{PASSWORD_ENV: self.password})

    def create_database(self, name: str) -> None:
        """A new empty database on the server (ArcadeDB HTTP API on loopback)."""
        auth = base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
        req = urllib.request.Request(
            f"http://127.0.0.1:{self.http_port}/api/v1/server",
            data=json.dumps({"command": f"create database {name}"}).encode(),
            headers={"Authorization": f"Basic {auth}", "Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=120) as resp:  # noqa: S310 - loopback
            resp.read()

    def stop(self, timeout: float = 60) -> int | None:
        """SIGTERM, wait; SIGKILL if it does not stop. Returns the exit code."""
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        return self.proc.returncode if self.proc else None


def spawn(root: str | Path, password: str | None = None, heap: str = "1g",
          timeout: float = 180.0) -> ServerProcess:
    """Run `python -m graph.server` as a child on free loopback ports, rooted at
    `root/db`, output in `root/stdout.txt`/`stderr.txt`; return once it is ready."""
    root = Path(root).resolve()
    root.mkdir(parents=True, exist_ok=True)
    srv = ServerProcess(root, free_port(), free_port(), password or secrets.token_urlsafe(24))
    env = dict(os.environ, VBGRAPH_HEAP=heap, **{PASSWORD_ENV: srv.password})
    repo = Path(__file__).resolve().parents[1]
    with srv.stdout_path.open("w") as out, srv.stderr_path.open("w") as err:
        srv.proc = subprocess.Popen(
            [sys.executable, "-m", "graph.server", "--db", str(root / "db"),
             "--bolt-port", str(srv.bolt_port), "--http-port", str(srv.http_port)],
            cwd=repo, env=env, stdout=out, stderr=err)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if READY in srv.stdout_path.read_text(encoding="utf-8", errors="replace"):
            return srv
        if srv.proc.poll() is not None:
            raise RuntimeError(f"graph.server exited with {srv.proc.returncode}: "
                               + srv.stderr_path.read_text(errors="replace")[-2000:])
        time.sleep(0.3)
    srv.stop()
    raise TimeoutError(f"graph.server not ready after {timeout}s")


def main(argv: list[str] | None = None) -> int:
    cfg = parse_args(argv)
    return serve(cfg, password_from_env())


if __name__ == "__main__":
    sys.exit(main())
