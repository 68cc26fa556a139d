"""The in-process ArcadeDB server (embedded JVM) that the default store talks to over Bolt.

One server per process (the JVM is per process): `start_embedded()` is idempotent and
returns the running server on the next calls. Everything listens on loopback only, on
free ports; the root password is random per process and kept in memory only (the
server's user file is rewritten at each start). Logs and JVM crash files go under
`<path>/log`, never into the working directory.

JVM by role, chosen by the first server a process starts (`JVM_ROLES`):
- `query` (the default: app, queries, `vbgraph serve`) keeps the JVM's G1 and a large page
  cache: a heap of a quarter of RAM up to 5 GB, 60% of it ArcadeDB's page cache, 20% the
  queries' in-heap buffers. ArcadeDB's own default, a quarter of a 2 GB heap, churned
  on a 1M-document store (11 GB): over the top directive's 13.5k direct implementers
  `implementers` took p50 852 ms, and 247 ms with a 3 GB cache (`bench.scale`).
- `ingest` (`vbgraph ingest`) runs the parallel throughput collector, which on a
  10k-document ingest spent ~40% less CPU than G1 and sped the Bolt thread up ~15%
  (cheaper write barriers), but slowed the largest query on a 100k store 5.3 -> 9.0 s
  (full collections over the page cache); 2 GB heap, ArcadeDB's cache shares. Into a 1M
  store a 6 GB heap, or 4 GB with a 2.5 GB cache, did not ingest faster: the old
  generation fills with each open batch's page copies, not with cache. It also sets
  `arcadedb.bucketReuseSpaceMode=low`: with ArcadeDB's default, each new record looks for a
  page with room by gathering statistics over the bucket's pages, which grows with the
  store; adding 3,000 documents to the 1M store took 62 s (46% of the server's CPU samples
  in `LocalBucket.findAvailableSpace`), 19.5 s with `low`. Space that deletes free (a
  changed document rewritten) is reused less.
Env `VBGRAPH_HEAP` sets the heap (`4g`, `2048m`); `VBGRAPH_JVM_ARGS` adds JVM flags (one
naming a collector, such as `-XX:+UseG1GC`, replaces the role's; `-Darcadedb.maxPageRAM=…`
or `-Darcadedb.queryMaxHeapRAM=…` replaces the role's share; any `-Darcadedb.<key>=` the
role sets is replaced the same way).
"""
from __future__ import annotations

import atexit
import os
import re
import secrets
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class JvmRole:
    """How a process's JVM is sized and collected, by what the process mainly does."""

    flags: tuple[str, ...]  # the collector
    max_heap_mb: int  # the heap: a quarter of RAM, at most this (at least 1 GB)
    page_share: float  # of the heap, for ArcadeDB's page cache (arcadedb.maxPageRAM)
    query_share: float  # of the heap, for queries' in-heap buffers (arcadedb.queryMaxHeapRAM)
    settings: tuple[tuple[str, str], ...] = ()  # other ArcadeDB settings (arcadedb.<key>=<value>)


JVM_ROLES = {  # see the module docstring
    "query": JvmRole((), 5120, 0.60, 0.20),
    "ingest": JvmRole(("-XX:+UseParallelGC",), 2048, 0.25, 0.50, (("bucketReuseSpaceMode", "low"),)),
}
BOLT_PLUGIN = "Bolt:com.arcadedb.bolt.BoltProtocolPlugin"

_LOGGING = """handlers = java.util.logging.FileHandler
.level = WARNING
com.arcadedb.level = INFO
io.undertow.level = WARNING
org.xnio.level = WARNING
org.jboss.level = WARNING
java.util.logging.FileHandler.level = INFO
java.util.logging.FileHandler.pattern = {logdir}/arcadedb.log
java.util.logging.FileHandler.formatter = com.arcadedb.log.LogFormatter
java.util.logging.FileHandler.limit = 10000000
java.util.logging.FileHandler.count = 3
"""


@dataclass
class EmbeddedServer:
    """A running in-process server: where it is and how to reach it (loopback only)."""

    root: Path
    bolt_port: int
    http_port: int
    user: str = "root"
    password: str = field(default="", repr=False)
    databases: set[str] = field(default_factory=set)
    _server: Any = field(default=None, repr=False)
    _on_stop: list[Callable[[], None]] = field(default_factory=list, repr=False)

    def on_stop(self, callback: Callable[[], None]) -> None:
        """Call `callback` before the server stops (e.g. close Bolt drivers)."""
        if callback not in self._on_stop:
            self._on_stop.append(callback)

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    def ensure_database(self, name: str) -> None:
        """Create the database if it does not exist yet."""
        if name in self.databases:
            return
        java = self._server._java_server
        if not java.existsDatabase(name):
            self._server.create_database(name)
        else:
            self._server.get_database(name)  # opens it on the server
        self.databases.add(name)

    def sql(self, database: str, command: str) -> list[dict[str, Any]]:
        """One ArcadeDB SQL command on `database`, in process: the schema statements
        Cypher has no words for (property types)."""
        self.ensure_database(database)
        result = self._server.get_database(database).command("sql", command)
        return result.to_list() if result is not None else []

    def count_type(self, database: str, name: str) -> int:
        """Records of a vertex or edge type (0 if there is no such type), from the
        type's buckets in process: what `MATCH ()-[r:T]->() RETURN count(r)` answers
        by reading every edge (~45 s for 1.7M edges)."""
        self.ensure_database(database)
        return int(self._server.get_database(database).count_type(name))


_lock = threading.Lock()
_running: EmbeddedServer | None = None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def jvm_args(extra: str, role: str = "query", heap: str | None = None) -> list[str]:
    """The role's collector and cache shares of `heap`, then the user's flags; a user's
    collector or cache size replaces ours."""
    if role not in JVM_ROLES:
        raise ValueError(f"unknown JVM role {role!r}: one of {', '.join(JVM_ROLES)}")
    spec, user = JVM_ROLES[role], extra.split()
    heap_mb = heap_megabytes(heap or role_heap(role))
    ours = [] if any(re.fullmatch(r"-XX:\+Use\w*GC", a) for a in user) else list(spec.flags)
    settings = (("maxPageRAM", str(int(heap_mb * spec.page_share))),
                ("queryMaxHeapRAM", str(int(heap_mb * spec.query_share))), *spec.settings)
    for key, value in settings:
        if not any(a.startswith(f"-Darcadedb.{key}=") for a in user):
            ours.append(f"-Darcadedb.{key}={value}")
    return [*ours, *user]


def heap_megabytes(size: str) -> int:
    """A JVM size (`4g`, `2048m`, `524288k`, bytes) in MB."""
    m = re.fullmatch(r"(\d+)([kmgt]?)", size.strip().lower())
    if not m:
        raise ValueError(f"not a JVM heap size: {size!r} (e.g. 4g or 2048m)")
    scale = {"": 2**-20, "k": 2**-10, "m": 1, "g": 2**10, "t": 2**20}[m[2]]
    return int(int(m[1]) * scale)


def role_heap(role: str) -> str:
    """The heap a role's JVM gets without `VBGRAPH_HEAP`: a quarter of RAM, capped."""
    ram_mb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**20
    return f"{max(1024, min(JVM_ROLES[role].max_heap_mb, ram_mb // 4))}m"


def _start_jvm(logdir: Path, heap: str, role: str = "query") -> None:
    import jpype

    if jpype.isJVMStarted():  # someone in this process started it: join it as is
        return
    import faulthandler

    from arcadedb_embedded.jvm import start_jvm

    # The JVM handles SIGSEGV itself (safepoints, implicit null checks). A Python
    # faulthandler enabled before the JVM starts (pytest enables one) would, when later
    # disabled, restore SIG_DFL over the JVM's handler and crash the process at exit.
    if faulthandler.is_enabled():
        faulthandler.disable()
    props = logdir / "logging.properties"
    props.write_text(_LOGGING.format(logdir=logdir.as_posix()), encoding="utf-8")
    os.environ.setdefault("ARCADEDB_JVM_ERROR_FILE", str(logdir / "hs_err_pid%p.log"))
    start_jvm(
        heap_size=heap,
        jvm_args=[*jvm_args(os.environ.get("VBGRAPH_JVM_ARGS", ""), role, heap),
                  f"-Djava.util.logging.config.file={props}",
                  f"-Darcadedb.server.logsDirectory={logdir}"],
    )


def start_embedded(path: str | os.PathLike = "data/db", database: str = "vbgraph",
                   heap: str | None = None, role: str = "query") -> EmbeddedServer:
    """Start (once per process) the embedded server rooted at `path`; ensure `database`.
    `role` ("query" or "ingest") picks the JVM's collector on the process's first start."""
    global _running
    root = Path(path).resolve()
    with _lock:
        if _running is not None:
            if _running.root != root:
                raise RuntimeError(
                    f"an embedded ArcadeDB server already runs in this process on {_running.root}; "
                    f"one server per process (asked for {root})")
            _running.ensure_database(database)
            return _running
        logdir = root / "log"
        logdir.mkdir(parents=True, exist_ok=True)
        _start_jvm(logdir, heap or os.environ.get("VBGRAPH_HEAP") or role_heap(role), role)
        import arcadedb_embedded as adb

        # a fresh random root password each start: drop the stored users file
        (root / "config" / "server-users.jsonl").unlink(missing_ok=True)
        password = secrets.token_urlsafe(24)
        last: Exception | None = None
        for _ in range(3):  # a free port can be taken between probe and bind: retry
            bolt, http = _free_port(), _free_port()
            server = adb.create_server(root_path=str(root), root_password=password, config={
                "host": "127.0.0.1", "http_port": http, "bolt_port": bolt,
                "server_plugins": BOLT_PLUGIN, "server_logsDirectory": str(logdir),
            })
            try:
                server.start()
            except Exception as exc:  # noqa: BLE001 - retried, then raised
                last = exc
                continue
            _running = EmbeddedServer(root, bolt, http, "root", password, set(), server)
            _running.ensure_database(database)
            atexit.register(stop_embedded)
            return _running
        raise RuntimeError(f"could not start the embedded ArcadeDB server under {root}: {last}")


def jvm_collectors() -> list[str]:
    """The garbage collectors of this process's JVM (MXBean names), [] without a JVM."""
    import jpype

    if not jpype.isJVMStarted():
        return []
    beans = jpype.JClass("java.lang.management.ManagementFactory").getGarbageCollectorMXBeans()
    return sorted(str(b.getName()) for b in beans)


def jvm_memory() -> dict[str, int]:
    """This process's JVM: its usable heap (the JVM's `maxMemory`, a little under -Xmx with
    the parallel collector), ArcadeDB's page cache and query buffers, in MB ({} without
    a JVM)."""
    import jpype

    if not jpype.isJVMStarted():
        return {}
    conf = jpype.JClass("com.arcadedb.GlobalConfiguration")
    return {"heap_mb": int(jpype.JClass("java.lang.Runtime").getRuntime().maxMemory()) // 2**20,
            "page_ram_mb": int(conf.MAX_PAGE_RAM.getValueAsLong()),
            "query_heap_mb": int(conf.QUERY_MAX_HEAP_RAM.getValueAsLong())}


def running() -> EmbeddedServer | None:
    """The server this process runs, if any."""
    return _running


def stop_embedded() -> None:
    """Stop the process's server (also run at exit). The JVM itself stays up."""
    global _running
    with _lock:
        if _running is None:
            return
        for callback in _running._on_stop:
            try:
                callback()
            except Exception:  # noqa: BLE001 - stopping anyway
                pass
        try:
            _running._server.stop()
        finally:
            _running = None
