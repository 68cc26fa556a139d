"""A one-shot read-only command on a store another process serves (the app, an ingest, a
script) uses that process's embedded server over Bolt instead of failing on the folder's
lock or starting a JVM (issue 27): `<db>/vbgraph.endpoint` (0600) names it while the owner
runs; a killed owner's file is not trusted (no lock backs it). Real processes, real store."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from paths import REPO, SEEDS

BIN = os.path.dirname(sys.executable)
HOLD = textwrap.dedent("""
    import sys, time
    from graph.store import open_store
    store = open_store(path=sys.argv[1], create=False)
    print("ready", flush=True)
    time.sleep(600)
""")


def _query(db, env):
    return subprocess.run([os.path.join(BIN, "vbgraph"), "query", "implementers", "-p", "symbol=2318/KL-TTr",
                           "--db", str(db), "--format", "json"], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=300)


@pytest.mark.slow
def test_query_reuses_the_running_server_and_not_a_dead_ones(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("VBGRAPH_")}
    db = tmp_path / "db"
    subprocess.run([os.path.join(BIN, "vbgraph"), "ingest", str(SEEDS), "--db", str(db), "--quiet"],
                   cwd=REPO, env=env, check=True, capture_output=True, timeout=600)
    alone = _query(db, env)
    assert alone.returncode == 0 and "using the server" not in alone.stderr, alone.stderr
    assert not (db / "vbgraph.endpoint").exists()  # the one-shot process removed its file at exit

    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], cwd=REPO, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        endpoint = db / "vbgraph.endpoint"
        assert endpoint.stat().st_mode & 0o777 == 0o600
        shared = _query(db, env)
        assert shared.returncode == 0, shared.stderr
        assert f"using the server process {holder.pid} runs on {db}" in shared.stderr
        assert shared.stdout == alone.stdout  # the same answer
        holder.send_signal(signal.SIGKILL)
        holder.wait(30)
        assert endpoint.exists()  # a killed owner cannot clean up …
        after = _query(db, env)   # … and its file is not trusted: the command runs on its own
        assert after.returncode == 0 and "using the server" not in after.stderr, after.stderr
        assert after.stdout == alone.stdout
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait(30)
