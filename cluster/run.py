"""`make test-cluster`: the server-mode suite (`pytest -m server`) against each engine.

    python -m cluster.run [ENGINE ...]      # default: every engine in ENGINES

Each engine is started on 127.0.0.1 (free ports, small heap, random password in the
environment only), the suite runs against it through tests/servers.py's VBGRAPH_TEST_*
variables, and the engine is stopped (its whole process group; SIGKILL past a deadline)
whatever happens. Prints each engine's name and version (the Bolt agent string), the
suite's result per engine, and a closing `N passed, N failed` line; exits non-zero if
any engine failed. The Neo4j launcher must be built first (`make cluster-build`).
"""
from __future__ import annotations

import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEO4J_DIR = REPO / "cluster" / "neo4j"
NEO4J_READY = "neo4j ready:"
START_TIMEOUT = 180.0   # s, an engine's start-up
SUITE_TIMEOUT = 1500.0  # s, one engine's run of the suite
STOP_TIMEOUT = 60.0     # s, SIGTERM to exit before SIGKILL
HEAP = "512m"
BLOCKED = {  # what an engine needs that the registries do not serve (see README, Scale-out)
    "arcadedb-ha": "com.arcadedb:arcadedb-ha-raft is not on Maven Central at any version "
                   "(no maven-metadata.xml; 26.10.2 and 26.7.2: 'Could not find artifact'), nor is "
                   "com.arcadedb:arcadedb-package; arcadedb-server 26.10.2 (the pinned wheel's) is not "
                   "served either (newest 26.7.2) and has no HA classes",
}


@dataclass
class Running:
    """An engine up on loopback: what the suite needs to reach it."""

    uri: str
    user: str
    password: str
    database: str
    pid: int
    root: Path

    def env(self) -> dict[str, str]:
        return dict(os.environ, VBGRAPH_TEST_URI=self.uri, VBGRAPH_TEST_USER=self.user,
                    VBGRAPH_TEST_PASSWORD=self.password, VBGRAPH_TEST_DATABASE=self.database,
                    VBGRAPH_TEST_SERVER_PID=str(self.pid), VBGRAPH_TEST_SERVER_ROOT=str(self.root))


def stop_group(proc: subprocess.Popen, timeout: float = STOP_TIMEOUT) -> None:
    """SIGTERM the process group `proc` leads, wait; SIGKILL it past `timeout`."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)
    except ProcessLookupError:
        pass


def wait_ready(proc: subprocess.Popen, out: Path, marker: str, timeout: float = START_TIMEOUT) -> str:
    """The line of `out` holding `marker`, once it shows; an error if `proc` exits or `timeout` passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for line in out.read_text(errors="replace").splitlines():
            if marker in line:
                return line
        if proc.poll() is not None:
            raise RuntimeError(f"exited with {proc.returncode} before it was ready (see {out.parent})")
        time.sleep(0.5)
    raise TimeoutError(f"not ready after {timeout:.0f} s (see {out.parent})")


@contextmanager
def neo4j(root: Path) -> Iterator[Running]:
    """Neo4j 5 Community from cluster/neo4j (Bolt only, user neo4j, database neo4j)."""
    from graph.server import free_port

    classpath = f"{NEO4J_DIR / 'target' / 'classes'}{os.pathsep}{NEO4J_DIR / 'target' / 'lib' / '*'}"
    if not (NEO4J_DIR / "target" / "lib").is_dir():
        raise RuntimeError("the Neo4j launcher is not built: run `make cluster-build`")
    password, port = secrets.token_urlsafe(24), free_port()
    with (root / "stdout.txt").open("w") as out, (root / "stderr.txt").open("w") as err:
        proc = subprocess.Popen(["java", f"-Xmx{HEAP}", "-cp", classpath, "vbgraph.cluster.Neo4jLauncher",
                                 str(root / "home"), str(port)], cwd=root, stdout=out, stderr=err,
                                env=dict(os.environ, VBGRAPH_PASSWORD=password), start_new_session=True)
    try:
        wait_ready(proc, root / "stdout.txt", NEO4J_READY)
        yield Running(f"bolt://127.0.0.1:{port}", "neo4j", password, "neo4j", proc.pid, root)
    finally:
        stop_group(proc)


@contextmanager
def arcadedb(root: Path) -> Iterator[Running]:
    """A standalone ArcadeDB server from the pinned wheel (`python -m graph.server`)."""
    from graph.server import spawn

    srv = spawn(root, heap=HEAP, timeout=START_TIMEOUT)
    try:
        yield Running(srv.uri, srv.user, srv.password, "vbgraph", srv.proc.pid, root)
    finally:
        srv.stop(STOP_TIMEOUT)


ENGINES: dict[str, Callable[[Path], "contextmanager[Running]"]] = {"neo4j": neo4j, "arcadedb": arcadedb}


def agent(run: Running) -> str:
    """The engine's name and version as its Bolt handshake gives them."""
    from neo4j import GraphDatabase

    with GraphDatabase.driver(run.uri, auth=(run.user, run.password), connection_timeout=30) as driver:
        return driver.get_server_info().agent


def suite(run: Running) -> tuple[int, int, str]:
    """(passed, failed, pytest's closing line) of the server-mode suite against `run`."""
    cmd = [sys.executable, "-m", "pytest", "-q", "-m", "server", "-p", "no:cacheprovider", "tests"]
    try:
        done = subprocess.run(cmd, cwd=REPO, env=run.env(), capture_output=True, text=True,
                              timeout=SUITE_TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        sys.stdout.write((exc.stdout or b"").decode(errors="replace")[-3000:] if isinstance(exc.stdout, bytes)
                         else (exc.stdout or "")[-3000:])
        return 0, 1, f"timed out after {SUITE_TIMEOUT:.0f} s"
    lines = done.stdout.strip().splitlines()
    last = lines[-1] if lines else done.stderr.strip()[-300:]
    count = lambda word: sum(int(n) for n in re.findall(rf"(\d+) {word}", last))  # noqa: E731
    passed, failed = count("passed"), count("failed") + count("error")
    if done.returncode != 0:
        sys.stdout.write(done.stdout[-6000:])
        failed = max(failed, 1)
    return passed, failed, last


def main(argv: list[str] | None = None) -> int:
    names = (argv if argv is not None else sys.argv[1:]) or list(ENGINES)
    unknown = [n for n in names if n not in ENGINES]
    if unknown:
        raise SystemExit(f"cluster.run: unknown engine(s) {', '.join(unknown)}; known: {', '.join(ENGINES)}")
    for sig in (signal.SIGTERM, signal.SIGHUP):  # stop the engines (the context managers) on a kill too
        signal.signal(sig, lambda *_: sys.exit(1))
    total_passed = total_failed = 0
    rows = []
    for name in names:
        t0 = time.monotonic()
        with tempfile.TemporaryDirectory(prefix=f"vbgraph-{name}-") as tmp:
            try:
                with ENGINES[name](Path(tmp)) as run:
                    version = agent(run)
                    print(f"== {name}: {version} on {run.uri}", flush=True)
                    passed, failed, last = suite(run)
            except Exception as exc:  # noqa: BLE001 - an engine that does not start is a failure
                version, passed, failed, last = "-", 0, 1, f"did not start: {exc}"
        total_passed, total_failed = total_passed + passed, total_failed + failed
        rows.append(f"{name:12} {version:48} {'PASS' if not failed else 'FAIL'}  {last} "
                    f"({time.monotonic() - t0:.0f} s)")
    print("\nengine       version                                          result")
    for row in rows:
        print(row)
    for name, why in BLOCKED.items():
        print(f"{name:12} {'-':48} BLOCKED  {why}")
    print(f"{total_passed} passed, {total_failed} failed")
    return 1 if total_failed else 0


if __name__ == "__main__":
    sys.exit(main())
