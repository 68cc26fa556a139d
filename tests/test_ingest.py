"""Ingest: incremental, idempotent and crash-safe, on the real embedded store."""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from itertools import count

import pytest

from graph.ingest import ingest
from paths import REPO

_n = count()


@pytest.fixture
def empty(store_factory):
    return store_factory(f"ingest_{next(_n)}")


def test_seeds_twice_same_counts(empty, seeds_dir):
    first = ingest([seeds_dir], empty, progress=False)
    assert first.seen == first.new == 5 and first.unchanged == 0 and not first.rejected
    assert first.tasks > 0 and sum(first.citations_by_status.values()) > 0
    second = ingest([seeds_dir], empty, progress=False)
    assert second.unchanged == 5 and second.new == second.changed == 0
    assert second.counts == first.counts
    lines = second.lines()
    assert lines[0].startswith("documents: 5 seen, 0 new, 0 changed, 5 unchanged, 0 rejected")
    assert any(line.startswith("citations: ") for line in lines)


def test_changed_file_replaces_its_edges(empty, seeds_dir, tmp_path):
    for p in sorted(seeds_dir.glob("*.txt")):
        shutil.copy(p, tmp_path / p.name)
    ingest([tmp_path], empty, progress=False)
    target = sorted(tmp_path.glob("000_*.txt"))[0]
    doc_id = str(target)
    before = empty.read("MATCH ()-[r]->() WHERE r.source_doc = $d RETURN count(r) AS c", d=doc_id)[0]["c"]
    assert before > 0
    # cut the document to its first lines: fewer citations and tasks
    target.write_text("\n".join(target.read_text(encoding="utf-8").splitlines()[:12]) + "\n", encoding="utf-8")
    s = ingest([tmp_path], empty, progress=False)
    assert (s.changed, s.unchanged, s.new) == (1, 4, 0)
    after = empty.read("MATCH ()-[r]->() WHERE r.source_doc = $d RETURN count(r) AS c", d=doc_id)[0]["c"]
    assert after < before
    tasks = empty.read("MATCH (t:Task) WHERE t.source_doc = $d RETURN count(t) AS c", d=doc_id)[0]["c"]
    assert tasks == s.tasks
    # the same fragment from a clean graph gives the same edges
    again = ingest([tmp_path], empty, progress=False)
    assert again.unchanged == 5 and again.counts == s.counts


def test_rejected_files_are_reported(empty, tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00\x00garbage\x00\x01")
    (tmp_path / "empty.docx").write_bytes(b"not a zip")
    s = ingest([tmp_path], empty, progress=False)
    assert s.rejected and all(":" in r for r in s.rejected)
    assert any(line.startswith("rejected: ") for line in s.lines())


# ------------------------------------------------------------------ crash safety
BINHDUONG = "binhduong/vbcddh.jsonl"


def _cli(*args, **kw):
    env = dict(os.environ, VBGRAPH_HEAP="1g", PYTHONUNBUFFERED="1")
    return subprocess.Popen([sys.executable, "-m", "vbgraph", *args], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def _fingerprint(db):
    out = {}
    for key, cypher in {
        "nodes": "MATCH (n) RETURN labels(n)[0] AS l, n.id AS id ORDER BY l, id",
        "edges": "MATCH (a)-[r]->(b) RETURN type(r) AS t, a.id AS a, b.id AS b, r.source_doc AS d ORDER BY t, a, b, d",
    }.items():
        p = _cli("cypher", "--db", str(db), "--format", "json", cypher)
        stdout, stderr = p.communicate(timeout=300)
        assert p.returncode == 0, stderr[-2000:]
        out[key] = json.loads(stdout)
    return out


@pytest.mark.slow
def test_sigkill_mid_ingest_then_rerun_matches_clean_run(corpus_dir, tmp_path):
    src = str(corpus_dir / BINHDUONG)
    killed_db, clean_db = tmp_path / "killed", tmp_path / "clean"
    p = _cli("ingest", "--db", str(killed_db), "--batch", "200", src)
    seen, buf = [0], []

    def watch():
        while True:
            chunk = p.stderr.read(64)
            if not chunk:
                return
            buf.append(chunk)
            for m in re.finditer(r"(\d+) docs", "".join(buf)[-400:]):
                seen[0] = max(seen[0], int(m.group(1)))

    t = threading.Thread(target=watch, daemon=True)
    t.start()
    deadline = time.time() + 240
    while seen[0] < 600 and p.poll() is None and time.time() < deadline:
        time.sleep(0.05)
    assert p.poll() is None, "ingest finished before it could be killed: " + "".join(buf)[-1000:]
    os.kill(p.pid, signal.SIGKILL)
    p.wait(timeout=60)
    assert p.returncode == -signal.SIGKILL and "documents:" not in p.stdout.read()
    assert 600 <= seen[0] < 3613

    p = _cli("ingest", "--quiet", "--db", str(killed_db), src)
    rerun, err = p.communicate(timeout=600)
    assert p.returncode == 0, err[-2000:]
    m = re.search(r"documents: 3613 seen, (\d+) new, 0 changed, (\d+) unchanged", rerun)
    assert m and int(m.group(2)) >= 600, rerun

    p = _cli("ingest", "--quiet", "--db", str(clean_db), src)
    clean, err = p.communicate(timeout=600)
    assert p.returncode == 0, err[-2000:]
    assert "3613 new" in clean
    assert rerun.splitlines()[-1] == clean.splitlines()[-1]  # the "graph:" counts line
    assert _fingerprint(killed_db) == _fingerprint(clean_db)
