"""The in-process ArcadeDB server (embedded JVM) that the default store talks to over Bolt.

One server per process (the JVM is per process): `start_embedded()` is idempotent and
returns the running server on the next calls. Bolt listens on loopback only, on a free
port; ArcadeDB's HTTP API (and Studio) is closed unless asked for (`http_port`, or env
`VBGRAPH_HTTP_PORT`), then on loopback too. The root password is random per process and
kept in memory only (the server's user file is rewritten at each start). Logs and JVM
crash files go under `<path>/log`, never into the working directory.

One process at a time owns a store folder: `<path>/vbgraph.lock` is locked (flock) before
anything in the folder is touched, and a second process gets `StoreBusy` naming the
first one's pid (ArcadeDB's own lock would fail later, with a long traceback, after the
users file was already gone). The folder is private to its owner: while the server runs
the process's umask is 077 (ArcadeDB creates files as it grows), and a folder an older
version left readable is closed to 0700/0600 at start.

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
import fcntl
import os
import re
import secrets
import signal
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from graph.errors import StoreBusy, StoreError


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
LOCK_FILE = "vbgraph.lock"
# where the owner of a folder says how to reach its server, while it runs (0600, in the
# owner's private folder: the same trust as the store's own files)
ENDPOINT_FILE = "vbgraph.endpoint"
PRIVATE_UMASK = 0o077  # files 0600, folders 0700
HTTP_PORT_ENV = "VBGRAPH_HTTP_PORT"

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
    http_port: int | None  # None: ArcadeDB's HTTP API (and Studio) closed
    user: str = "root"
    password: str = field(default="", repr=False)
    databases: set[str] = field(default_factory=set)
    _server: Any = field(default=None, repr=False)
    _on_stop: list[Callable[[], None]] = field(default_factory=list, repr=False)
    _lock: IO[str] | None = field(default=None, repr=False)
    _umask: int | None = field(default=None, repr=False)  # the process's umask before the start

    def on_stop(self, callback: Callable[[], None]) -> None:
        """Call `callback` before the server stops (e.g. close Bolt drivers)."""
        if callback not in self._on_stop:
            self._on_stop.append(callback)

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    def ensure_database(self, name: str, create: bool = True) -> None:
        """Open the database, created if it does not exist yet (`create`), else
        `StoreError` naming the folder."""
        if name in self.databases:
            return
        java = self._server._java_server
        if not java.existsDatabase(name):
            if not create:
                raise StoreError(f"no database {name!r} in {self.root} (load documents first: vbgraph ingest …)")
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
    args = [*jvm_args(os.environ.get("VBGRAPH_JVM_ARGS", ""), role, heap),
            f"-Djava.util.logging.config.file={props}", f"-Darcadedb.server.logsDirectory={logdir}"]

    def create() -> None:
        start_jvm(heap_size=heap, jvm_args=args)
        jpype.java.lang.Thread.detach()

    _in_passing_thread(create)
    exit_on_sigterm()


def _in_passing_thread(work: Callable[[], None]) -> None:
    """Run `work` in a thread that ends right after it, re-raising what it raised.

    The thread that creates the JVM is Java's non-daemon "main" thread, and at interpreter
    exit JPype's DestroyJavaVM waits for every non-daemon thread to end. A JVM created in a
    thread that ends first (a Streamlit script run, any worker thread) never ends as far as
    Java knows: the process hung at exit, and the SIGTERM that came next crashed it. So the
    JVM is always created in a passing thread that detaches from it; threads that call Java
    later are attached by JPype as daemons.
    """
    failed: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller
            failed.append(exc)

    t = threading.Thread(target=run, name="vbgraph-jvm-start")
    t.start()
    t.join()
    if failed:
        raise failed[0]


def exit_on_sigterm() -> None:
    """SIGTERM raises `SystemExit(143)` in the main thread when Python's handler for it is
    still the default (call from the main thread; elsewhere it does nothing).

    With the JVM up, SIGTERM reaches JPype's Java handler, which asks CPython whether
    Python handles the signal from a Java thread with no Python thread state: a default
    handler (SIG_DFL is an int) is compared with `PyObject_RichCompare`, which crashes
    (SIGSEGV, hs_err under `<db>/log`). With a Python function as the handler the signal is
    passed on, and the exit unwinds: `finally` blocks run and the store closes at exit.
    """
    if threading.current_thread() is not threading.main_thread():
        return
    if signal.getsignal(signal.SIGTERM) in (signal.SIG_DFL, None):
        signal.signal(signal.SIGTERM, _sigterm_exit)


def _sigterm_exit(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)


def start_embedded(path: str | os.PathLike = "data/db", database: str = "vbgraph",
                   heap: str | None = None, role: str = "query", create: bool = True,
                   http_port: int | None = None) -> EmbeddedServer:
    """Start (once per process) the embedded server rooted at `path`; open `database`
    (created if missing, unless `create` is False: then `StoreError`).

    `role` ("query" or "ingest") picks the JVM's collector on the process's first start.
    `http_port` (or env `VBGRAPH_HTTP_PORT`; 0 = a free port) opens ArcadeDB's HTTP API on
    loopback; without it the HTTP server is stopped as soon as the server is up.
    A folder another process owns: `StoreBusy`.
    """
    global _running
    root = Path(path).resolve()
    with _lock:
        if _running is not None:
            if _running.root != root:
                raise RuntimeError(
                    f"an embedded ArcadeDB server already runs in this process on {_running.root}; "
                    f"one server per process (asked for {root})")
            _running.ensure_database(database, create)
            return _running
        missing = StoreError(f"no database {database!r} in {root} (load documents first: vbgraph ingest …)")
        if not create and not (root / "databases").is_dir():  # no store here: nothing is touched
            raise missing
        if http_port is None and os.environ.get(HTTP_PORT_ENV, "").strip():
            http_port = int(os.environ[HTTP_PORT_ENV])
        umask = os.umask(PRIVATE_UMASK)
        lock = None
        try:
            lock = _own(root)
            if not create and not (root / "databases" / database).is_dir():
                raise missing
            _make_private(root)
            logdir = root / "log"
            logdir.mkdir(parents=True, exist_ok=True)
            _start_jvm(logdir, heap or os.environ.get("VBGRAPH_HEAP") or role_heap(role), role)
            _running = _start_server(root, logdir, http_port)
            _running._lock, _running._umask = lock, umask
            _publish(_running)
            atexit.register(stop_embedded)
        except BaseException:
            os.umask(umask)
            if lock is not None:
                lock.close()
            raise
        _running.ensure_database(database, create)
        return _running


def _start_server(root: Path, logdir: Path, http_port: int | None) -> EmbeddedServer:
    import arcadedb_embedded as adb

    # a fresh random root password each start: drop the stored users file (the folder is ours)
    (root / "config" / "server-users.jsonl").unlink(missing_ok=True)
    password = secrets.token_urlsafe(24)
    last: Exception | None = None
    for _ in range(3):  # a free port can be taken between probe and bind: retry
        bolt, http = _free_port(), http_port or _free_port()
        server = adb.create_server(root_path=str(root), root_password=password, config={
            "host": "127.0.0.1", "http_port": http, "bolt_port": bolt,
            "server_plugins": BOLT_PLUGIN, "server_logsDirectory": str(logdir),
        })
        try:
            server.start()
        except Exception as exc:  # noqa: BLE001 - retried, then raised
            last = exc
            continue
        if http_port is None:  # ArcadeDB always starts it; closed unless asked for
            server._java_server.getHttpServer().stopService()
        return EmbeddedServer(root, bolt, http if http_port is not None else None, "root", password, set(), server)
    raise StoreError(f"could not start the embedded ArcadeDB server under {root}: {last}")


@dataclass(frozen=True)
class Endpoint:
    """The Bolt server another process runs on a store folder (`running_elsewhere`)."""

    pid: int
    uri: str
    user: str
    password: str = field(repr=False)


def _publish(server: EmbeddedServer) -> None:
    """Write the folder's endpoint file: this process's pid and its server's Bolt address
    and login, so that a read-only command of another process can use the running server
    instead of waiting for the folder (`running_elsewhere`)."""
    import json

    path = server.root / ENDPOINT_FILE
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump({"pid": os.getpid(), "uri": server.uri, "user": server.user, "password": server.password}, fh)
    server.on_stop(lambda: path.unlink(missing_ok=True))


def running_elsewhere(path: str | os.PathLike) -> Endpoint | None:
    """The server another live process runs on the folder `path`, or None: its endpoint
    file, trusted only while that process holds the folder's lock and is the pid the lock
    names (a killed owner leaves a file no lock backs)."""
    import json

    root = Path(path).resolve()
    lock_path, endpoint = root / LOCK_FILE, root / ENDPOINT_FILE
    if not endpoint.is_file() or not lock_path.is_file():
        return None
    with lock_path.open("r", encoding="utf-8") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            owner = fh.read().strip()
        else:  # nobody owns the folder: the file is stale
            fcntl.flock(fh, fcntl.LOCK_UN)
            return None
    try:
        data = json.loads(endpoint.read_text(encoding="utf-8"))
        found = Endpoint(int(data["pid"]), str(data["uri"]), str(data["user"]), str(data["password"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return found if owner == str(found.pid) and found.uri.startswith("bolt://127.0.0.1:") else None


def _own(root: Path) -> IO[str]:
    """Lock `root/vbgraph.lock` for this process (released when it ends, even killed);
    `StoreBusy` naming the owner's pid if another process holds it."""
    root.mkdir(parents=True, exist_ok=True)
    fh = (root / LOCK_FILE).open("a+", encoding="utf-8")
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        fh.seek(0)
        pid = fh.read().strip()
        fh.close()
        raise StoreBusy(f"the store {root} is in use by another process{f' (pid {pid})' if pid else ''}; "
                        "stop it first, or serve the store (vbgraph serve) and use --uri") from None
    fh.seek(0)
    fh.truncate()
    fh.write(f"{os.getpid()}\n")
    fh.flush()
    return fh


def _make_private(root: Path) -> None:
    """Folders 0700 and files 0600 under `root` (a store an older version left readable)."""
    for folder, dirs, files in os.walk(root):
        os.chmod(folder, 0o700)
        for name in files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                os.chmod(path, 0o600)


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
    """Stop the process's server (also run at exit): its Bolt clients closed first, the
    folder's lock released, the umask restored. The JVM itself stays up."""
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
            if _running._umask is not None:
                os.umask(_running._umask)
            if _running._lock is not None:
                _running._lock.close()
            _running = None
