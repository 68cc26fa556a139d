"""Stopping is clean (issue 21.8): SIGTERM and Ctrl+C stop `vbgraph ingest` and `make run`
within 5 s with the store closed and every committed batch kept, and a process that
exits without closing the embedded store (a thread opened it; Streamlit's AppTest;
a script killed with SIGTERM) ends without a hang or a JVM crash (hs_err under
<db>/log). Real processes, the real embedded ArcadeDB, real Chromium for `make run`."""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest

from graph.server import free_port
from paths import CORPUS, REPO, SEEDS
from served import wait_healthy

STOP_WITHIN = 5.0  # s, from the signal to the process gone
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ENV = dict(os.environ, VBGRAPH_HEAP="512m", PYTHONUNBUFFERED="1")


def crashes(db: Path) -> list[Path]:
    return sorted((db / "log").glob("hs_err*"))


def run_script(code: str, db: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code), str(db)], cwd=REPO, env=ENV,
                          capture_output=True, text=True, timeout=timeout)


# ------------------------------------------------------------------ exit without close()
def test_store_opened_in_a_thread_then_exit_without_close(tmp_path):
    """The thread that started the JVM is gone at exit (a Streamlit script run): the exit
    hung in DestroyJavaVM, and the SIGTERM that followed crashed the JVM."""
    db = tmp_path / "db"
    p = run_script("""
        import sys, threading
        from graph.store import open_store

        def work():
            s = open_store(path=sys.argv[1])
            s.ensure_schema()
            print(s.read("RETURN 1 AS x"), flush=True)

        t = threading.Thread(target=work)
        t.start()
        t.join()
    """, db, timeout=90)
    assert p.returncode == 0 and "[{'x': 1}]" in p.stdout, p.stderr[-2000:]
    assert not crashes(db)


def test_apptest_of_the_app_then_exit(tmp_path):
    """The case that was reported: Streamlit's AppTest on the app's pages (vbgraph_app/main.py,
    which app.py serves behind its login gate; open, as on loopback with no users), then
    the interpreter exits."""
    db = tmp_path / "db"
    subprocess.run([sys.executable, "-m", "vbgraph", "ingest", str(SEEDS), "--db", str(db), "--quiet"],
                   cwd=REPO, env=ENV, check=True, capture_output=True, timeout=300)
    p = subprocess.run([sys.executable, "-c", textwrap.dedent("""
        from streamlit import config
        from streamlit.testing.v1 import AppTest
        config.set_option("server.address", "127.0.0.1")
        at = AppTest.from_file("vbgraph_app/main.py", default_timeout=120)
        at.run()
        print("exceptions:", len(at.exception), flush=True)
        print("store read:", any("Văn bản đã nạp:" in c.value for c in at.sidebar.caption), flush=True)
    """)], cwd=REPO, env=dict(ENV, VBGRAPH_DB=str(db), VBGRAPH_USERS=str(tmp_path / "users.json")),
       capture_output=True, text=True, timeout=180)
    assert p.returncode == 0 and "exceptions: 0" in p.stdout, p.stderr[-2000:]
    assert "store read: True" in p.stdout, p.stdout
    assert not crashes(db)


def test_sigterm_to_a_script_that_holds_the_store(tmp_path):
    """A library user's script (no signal handler of its own): SIGTERM ended in SIGSEGV in
    PyObject_RichCompare (JPype's Java handler asked Python about the signal without a
    thread state). Now: exit status 143 through Python's exit, the store closed."""
    db = tmp_path / "db"
    p = subprocess.Popen([sys.executable, "-c", textwrap.dedent("""
        import sys, time
        from graph.store import open_store
        s = open_store(path=sys.argv[1])
        s.ensure_schema()
        print("open", flush=True)
        time.sleep(120)
    """), str(db)], cwd=REPO, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "open"
    t0 = time.monotonic()
    p.send_signal(signal.SIGTERM)
    p.wait(30)
    assert p.returncode == 143 and time.monotonic() - t0 < STOP_WITHIN, p.stderr.read()[-2000:]
    assert not crashes(db)


# ------------------------------------------------------------------ vbgraph ingest
ROWS = 600
BATCH = 50


@pytest.fixture(scope="module")
def rows_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("stop-rows") / "binhduong.jsonl"
    with (CORPUS / "binhduong" / "vbcddh.jsonl").open(encoding="utf-8") as fh:
        path.write_text("".join(next(fh) for _ in range(ROWS)), encoding="utf-8")
    return path


def ingest_cmd(db: Path, rows: Path, workers: int) -> list[str]:
    return [sys.executable, "-m", "vbgraph", "ingest", str(rows), "--db", str(db), "--batch", str(BATCH),
            "--workers", str(workers)]


def graph_line(stdout: str) -> str:
    return next(line for line in stdout.splitlines() if line.startswith("graph: "))


@pytest.fixture(scope="module")
def clean_graph(rows_file, tmp_path_factory):
    db = tmp_path_factory.mktemp("stop-clean") / "db"
    p = subprocess.run(ingest_cmd(db, rows_file, 1) + ["--quiet"], cwd=REPO, env=ENV, capture_output=True,
                       text=True, timeout=600, check=True)
    return graph_line(p.stdout)


@pytest.mark.slow
@pytest.mark.parametrize("sig, workers, code", [(signal.SIGTERM, 2, 143), (signal.SIGINT, 1, 130)])
def test_ingest_stops_within_seconds_and_keeps_what_it_committed(sig, workers, code, rows_file, clean_graph,
                                                                  tmp_path):
    db = tmp_path / "db"
    err = tmp_path / "stderr.txt"
    with err.open("w") as fh:
        p = subprocess.Popen(ingest_cmd(db, rows_file, workers), cwd=REPO, env=ENV, stdout=subprocess.PIPE,
                             stderr=fh, text=True)
    committed = 0
    deadline = time.monotonic() + 300
    while p.poll() is None and committed < 4 * BATCH and time.monotonic() < deadline:
        found = re.findall(r"ingest: (\d+) docs", err.read_text(errors="replace"))
        committed = int(found[-1]) if found else 0
        time.sleep(0.02)
    assert p.poll() is None, "the ingest ended before it could be stopped"
    t0 = time.monotonic()
    p.send_signal(sig)
    try:
        p.wait(30)
    finally:
        p.kill()
    took = time.monotonic() - t0
    lines = [ln for ln in err.read_text(errors="replace").replace("\r", "\n").splitlines()
             if ln.strip() and not ln.startswith(("WARNING", "ingest:"))]
    assert p.returncode == code and took < STOP_WITHIN, (took, lines)
    assert lines == [f"vbgraph ingest: stopped ({'SIGTERM' if sig == signal.SIGTERM else 'Ctrl+C'}); "
                     "what was committed is kept"]
    assert not crashes(db)
    # the store opens again and holds whole batches, at least what the bar had shown committed
    check = subprocess.run([sys.executable, "-c", textwrap.dedent("""
        import sys
        from graph.store import open_store
        with open_store(path=sys.argv[1], create=False) as s:
            print(s.read("MATCH (x:Source) RETURN count(x) AS c")[0]["c"])
    """), str(db)], cwd=REPO, env=ENV, capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stderr[-2000:]
    recorded = int(check.stdout.strip())
    assert committed <= recorded < ROWS and recorded % BATCH == 0
    # and the run completes to the clean run's graph
    again = subprocess.run(ingest_cmd(db, rows_file, 1) + ["--quiet"], cwd=REPO, env=ENV, capture_output=True,
                           text=True, timeout=600)
    assert again.returncode == 0 and f"{ROWS - recorded} new" in again.stdout, again.stderr[-2000:]
    assert graph_line(again.stdout) == clean_graph


# ------------------------------------------------------------------ make run
@pytest.mark.slow
@pytest.mark.browser
def test_make_run_stops_on_sigterm(tmp_path):
    """`make run` (ingest, then `vbgraph app`: `streamlit run app.py`), a browser session that
    opened the store, then SIGTERM to make: streamlit ends within 5 s (it hung at exit in JPype's
    DestroyJavaVM: the store's JVM had been started by the script thread), no JVM crash."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is missing: `make test` installs it (APT_TEST)")
    db, port = tmp_path / "db", free_port()
    log = (tmp_path / "make.log").open("w")
    make = subprocess.Popen(["make", "--no-print-directory", "run", f"PORT={port}", f"DB={db}"], cwd=REPO,
                            env=ENV, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, make, tmp_path / "make.log", timeout=300)  # make ingests the seeds first
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
            page = browser.new_page()
            page.goto(url)
            page.get_by_text("Văn bản đã nạp:").first.wait_for(timeout=120_000)  # the store answered
            browser.close()
        streamlit = [c for c in psutil.Process(make.pid).children(recursive=True)
                     if "streamlit" in " ".join(c.cmdline())]
        assert streamlit
        t0 = time.monotonic()
        make.send_signal(signal.SIGTERM)
        gone, alive = psutil.wait_procs(streamlit, timeout=30)
        took = time.monotonic() - t0
        make.wait(30)
        assert not alive and took < STOP_WITHIN, (took, (tmp_path / "make.log").read_text()[-2000:])
        assert not crashes(db)
    finally:
        if make.poll() is None:
            os.killpg(make.pid, signal.SIGKILL)
        log.close()
