"""Ingest with extraction in worker processes (`workers=N`, `vbgraph ingest --workers N`):
same graph as the in-process path, bounded read-ahead, crash-safe (real processes,
real ArcadeDB)."""
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

import psutil
import pytest

from graph.ingest import AHEAD, ingest
from paths import REPO

ROWS = 600  # Bình Dương portal rows for the kill trial (plus the 5 seeds): a run long enough to kill
_n = count()

NODES = "MATCH (n) RETURN labels(n)[0] AS l, n.id AS id"
EDGES = "MATCH (a)-[r]->(b) RETURN type(r) AS t, a.id AS a, b.id AS b, r.source_doc AS d"


def fingerprint(store):
    """Sorted node (label, id) and edge (type, src, dst, source_doc) lists."""
    return (sorted((r["l"], r["id"]) for r in store.read(NODES)),
            sorted((r["t"], r["a"], r["b"], r["d"]) for r in store.read(EDGES)))


@pytest.fixture(scope="module")
def rows_file(corpus_dir, tmp_path_factory):
    d = tmp_path_factory.mktemp("parallel-inputs")
    rows = d / "binhduong.jsonl"
    with (corpus_dir / "binhduong" / "vbcddh.jsonl").open(encoding="utf-8") as fh:
        rows.write_text("".join(next(fh) for _ in range(ROWS)), encoding="utf-8")
    return rows


def test_workers_give_the_in_process_graph(store_factory, seeds_dir, rows_file):
    """workers=2 (spawned processes, several batches in flight) == workers=1, and a
    second run skips everything (hashes checked before extraction)."""
    one, two = store_factory(f"par_one_{next(_n)}"), store_factory(f"par_two_{next(_n)}")
    paths = [seeds_dir, rows_file]
    a = ingest(paths, one, batch_size=20, progress=False, workers=1)
    b = ingest(paths, two, batch_size=20, progress=False, workers=2)
    assert (b.seen, b.new, b.changed, b.unchanged) == (a.seen, a.new, 0, 0) == (ROWS + 5, ROWS + 5, 0, 0)
    assert b.counts == a.counts and b.tasks == a.tasks and b.rejected == a.rejected == []
    assert b.citations_by_status == a.citations_by_status
    assert fingerprint(two) == fingerprint(one)
    again = ingest(paths, two, batch_size=20, progress=False, workers=2)
    assert (again.new, again.changed, again.unchanged) == (0, 0, ROWS + 5)
    assert again.counts == b.counts


def test_workers_start_whatever_the_parent_main_is(store_factory, seeds_dir, tmp_path, monkeypatch):
    """Streamlit's AppTest (and notebooks) leave a `__main__` that cannot run again; the
    spawned workers must not re-run it (this broke every worker test after test_app.py)."""
    import types

    script = tmp_path / "page.py"
    script.write_text("raise SystemExit('a worker re-ran the parent __main__')\n", encoding="utf-8")
    fake = types.ModuleType("__main__")
    fake.__file__ = str(script)
    fake.__spec__ = None
    monkeypatch.setitem(sys.modules, "__main__", fake)
    s = ingest([seeds_dir], store_factory(f"par_main_{next(_n)}"), progress=False, workers=2)
    assert (s.new, s.rejected) == (5, [])
    assert sys.modules["__main__"].__file__ == str(script)


def test_workers_changed_and_repeated_documents(store_factory, seeds_dir, tmp_path):
    """A doc_id met again in a later batch before the earlier copy committed counts as
    recorded (unchanged, or changed and replaced); a changed file is replaced; an
    extraction failure in a worker is a rejection, not a crash."""
    for p in sorted(seeds_dir.glob("*.txt")):
        shutil.copy(p, tmp_path / p.name)
    ref = store_factory(f"par_ref_{next(_n)}")
    ingest([tmp_path], ref, progress=False, workers=1)
    s = store_factory(f"par_rep_{next(_n)}")
    twice = ingest([tmp_path, tmp_path], s, batch_size=2, progress=False, workers=2)
    assert (twice.seen, twice.new, twice.changed, twice.unchanged) == (10, 5, 0, 5)
    assert fingerprint(s) == fingerprint(ref)

    target = sorted(tmp_path.glob("000_*.txt"))[0]
    target.write_text("\n".join(target.read_text(encoding="utf-8").splitlines()[:12]) + "\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00\x00garbage\x00\x01")
    changed = ingest([tmp_path], s, batch_size=2, progress=False, workers=2)
    assert (changed.new, changed.changed, changed.unchanged) == (0, 1, 4) and changed.rejected
    plain = ingest([tmp_path], ref, batch_size=2, progress=False, workers=1)
    assert (plain.changed, plain.unchanged) == (1, 4) and plain.rejected == changed.rejected
    assert fingerprint(s) == fingerprint(ref)


class _Watched:
    """A real store that notes, at each batch write, how many inputs had been read."""

    def __init__(self, store, consumed):
        self._store, self._consumed, self.at_write = store, consumed, []

    def __getattr__(self, name):
        return getattr(self._store, name)

    def write_fragments(self, fragments, replace=()):
        self.at_write.append((self._consumed[0], len(fragments)))
        return self._store.write_fragments(fragments, replace)


def test_read_ahead_is_bounded(store_factory, seeds_dir, tmp_path):
    """Sources stream: when batch k is written, at most AHEAD + 2 batches have been read
    (the one written, AHEAD extracting in workers, the one being read)."""
    seeds = sorted(seeds_dir.glob("*.txt"))
    for i in range(60):
        src = seeds[i % len(seeds)]
        (tmp_path / f"{i:03d}_{src.name}").write_text(src.read_text(encoding="utf-8") + f"\nBản {i}.\n",
                                                      encoding="utf-8")
    files = sorted(tmp_path.glob("*.txt"))
    consumed = [0]

    def lazily():
        for f in files:
            consumed[0] += 1
            yield f

    batch = 5
    store = _Watched(store_factory(f"par_ahead_{next(_n)}"), consumed)
    s = ingest(lazily(), store, batch_size=batch, progress=False, workers=2)
    assert s.new == 60 and len(store.at_write) == 60 // batch
    for k, (read, n) in enumerate(store.at_write):
        assert n == batch
        assert read <= (k + AHEAD + 2) * batch, (k, read)


_STATE = r"""
import json, os, sys
from vbgraph.cli import main
from graph.store import open_store

db, out, inputs = sys.argv[1], sys.argv[2], sys.argv[3:]
NODES = %r
EDGES = %r

def state(store):
    return {"nodes": store.read(NODES), "edges": store.read(EDGES),
            "sources": [r["id"] for r in store.read("MATCH (s:Source) RETURN s.id AS id")],
            # edges and tasks belong to instruments: those the recorded sources carry
            "owners": sorted({r["i"] for r in store.read("MATCH (s:Source) RETURN s.instrument AS i")})}

result = {}
with open_store(path=db) as s:      # the folder the kill left must reopen
    result["before"] = state(s)
result["rc"] = main(["ingest", "--quiet", "--workers", "2", "--batch", "10", "--db", db, *inputs])
with open_store(path=db) as s:
    result["after"] = state(s)
with open(out, "w", encoding="utf-8") as fh:
    json.dump(result, fh, ensure_ascii=False)
""" % (NODES, EDGES)


@pytest.mark.slow
def test_sigkill_with_workers_then_rerun_equals_clean_run(store_factory, seeds_dir, rows_file, tmp_path):
    """`vbgraph ingest --workers 2 --batch 3` SIGKILLed after 30 committed documents: the worker
    processes die with it, the folder holds whole documents only, and a re-run gives
    the graph of a clean (in-process, workers=1) run."""
    inputs = [str(seeds_dir), str(rows_file)]
    db = tmp_path / "killed"
    env = dict(os.environ, VBGRAPH_HEAP="512m", PYTHONUNBUFFERED="1")
    p = subprocess.Popen([sys.executable, "-m", "vbgraph", "ingest", "--workers", "2", "--batch", "3",
                          "--db", str(db), *inputs],
                         cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    committed, buf = [0], []

    def watch():
        while True:
            chunk = p.stderr.read(32)
            if not chunk:
                return
            buf.append(chunk)
            for m in re.finditer(r"ingest: (\d+) docs", "".join(buf)[-300:]):
                committed[0] = max(committed[0], int(m.group(1)))

    t = threading.Thread(target=watch, daemon=True)
    t.start()
    workers: dict[int, psutil.Process] = {}  # the live spawned extraction workers seen
    while p.poll() is None and committed[0] < 30:  # workers extract the batches before any commit
        for child in psutil.Process(p.pid).children(recursive=True):
            try:
                if child.status() != psutil.STATUS_ZOMBIE and "spawn_main" in " ".join(child.cmdline()):
                    workers.setdefault(child.pid, child)
            except psutil.Error:  # gone between the listing and the look
                pass
        time.sleep(0.01)
    assert p.poll() is None, "ingest finished before it could be killed: " + "".join(buf)[-1000:]
    workers = list(workers.values())
    os.kill(p.pid, signal.SIGKILL)
    p.wait(timeout=60)
    t.join(timeout=10)
    assert p.returncode == -signal.SIGKILL and "documents:" not in p.stdout.read()
    assert len(workers) >= 2, "the extraction workers were running"
    gone, alive = psutil.wait_procs(workers, timeout=60)
    assert not alive, f"workers outlived the killed ingest: {alive}"

    out = tmp_path / "state.json"
    check = subprocess.Popen([sys.executable, "-c", _STATE, str(db), str(out), *inputs],
                             cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    clean = store_factory(f"par_clean_{next(_n)}")  # the reference, meanwhile, in this process
    ref = ingest(inputs, clean, batch_size=10, progress=False, workers=1)
    assert ref.new == ROWS + 5
    _, err = check.communicate(timeout=600)
    assert check.returncode == 0, err[-3000:]
    res = json.loads(out.read_text(encoding="utf-8"))
    want_nodes, want_edges = fingerprint(clean)
    by_doc = {}
    for e in want_edges:
        by_doc.setdefault(e[3], set()).add(e)
    before = res["before"]
    recorded = set(before["sources"])
    assert 30 <= len(recorded) < ROWS + 5
    edges = {}
    for e in before["edges"]:
        edges.setdefault(e["d"], set()).add((e["t"], e["a"], e["b"], e["d"]))
    owners = set(before["owners"])
    assert set(edges) <= owners, "edges of a document the kill left unrecorded"
    for doc in owners:
        assert edges.get(doc, set()) == by_doc.get(doc, set()), f"half-written {doc}"
    nodes = [(n["l"], n["id"]) for n in before["nodes"]]
    assert len(set(nodes)) == len(nodes)
    assert res["rc"] == 0
    after = res["after"]
    assert sorted((n["l"], n["id"]) for n in after["nodes"]) == want_nodes
    assert sorted((e["t"], e["a"], e["b"], e["d"]) for e in after["edges"]) == want_edges
    assert len(after["sources"]) == ROWS + 5


def test_replace_leaves_no_orphans(store_factory, seeds_dir, tmp_path):
    """Nodes only a changed document mentioned go with its old edges: the graph after
    the change equals a clean ingest of the changed files (workers=2 and 1)."""
    for p in sorted(seeds_dir.glob("*.txt")):
        shutil.copy(p, tmp_path / p.name)
    s = store_factory(f"par_orph_{next(_n)}")
    ingest([tmp_path], s, progress=False, workers=2)
    old_nodes, _ = fingerprint(s)
    target = sorted(tmp_path.glob("000_*.txt"))[0]
    target.write_text("\n".join(target.read_text(encoding="utf-8").splitlines()[:12]) + "\n", encoding="utf-8")
    changed = ingest([tmp_path], s, progress=False, workers=1)
    assert changed.changed == 1
    clean = store_factory(f"par_orph_clean_{next(_n)}")
    ingest([tmp_path], clean, progress=False, workers=1)
    nodes, edges = fingerprint(s)
    want_nodes, want_edges = fingerprint(clean)
    gone = set(old_nodes) - set(nodes)
    assert {lb for lb, _ in gone} & {"Agency", "Person", "Instrument"}, "the cut left no mention-only node"
    assert nodes == want_nodes and edges == want_edges
    lonely = s.read("MATCH (n) WHERE NOT n:Source AND NOT (n)--() AND coalesce(n.has_text, false) = false "
                    "RETURN labels(n)[0] AS l, n.id AS id")
    assert lonely == []


def test_workers_run_below_the_writer_priority():
    """Extraction workers lower their CPU priority (the writer is the critical path)."""
    from graph.ingest import WORKER_NICENESS, Extractor, main_not_rerun

    ext = Extractor(2, False)
    try:
        pool = ext._start()
        mine = os.nice(0)
        with main_not_rerun():  # as Extractor.submit does: an earlier test's __main__ is not re-run
            niceness = pool.submit(os.nice, 0)
        assert niceness.result(timeout=120) == min(19, mine + WORKER_NICENESS)
    finally:
        ext.close()
    assert os.nice(0) == mine  # the parent is untouched


def test_jpype_collection_hooks_are_detached_while_ingesting(store_factory, seeds_dir):
    """JPype's hook on Python collections (which calls Java's System.gc()) is off while
    batches are written and back, once each, after the ingest."""
    import gc

    def hooks():
        return [cb for cb in gc.callbacks if getattr(cb, "__module__", None) == "_jpype"]

    store = store_factory(f"par_hooks_{next(_n)}")
    before = hooks()
    assert before, "the embedded JVM registers its collection hook"
    seen = []
    real = store.write_fragments

    def write_fragments(*a, **k):
        seen.append(len(hooks()))
        return real(*a, **k)

    store.write_fragments = write_fragments
    s = ingest([seeds_dir], store, batch_size=2, progress=False, workers=1)
    assert s.new == 5 and seen and set(seen) == {0}
    assert hooks() == before and gc.isenabled()
