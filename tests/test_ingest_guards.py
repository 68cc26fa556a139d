"""What ingest refuses and how it reports (issue 21.7 last part, 21.9, 21.10): a
per-document time budget, junk that is no document, docs/s of a small run, a private
store folder, ArcadeDB's HTTP API closed unless asked for. Real seeds and corpora, the
real embedded ArcadeDB."""
import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap
import threading
from itertools import count

import pytest

from graph.ingest import IngestSummary, ingest
from paths import REPO, SEED_FILES, seed_text

_n = count()


@pytest.fixture
def empty(store_factory):
    return store_factory(f"guards_{next(_n)}")


def slow_document(path):
    """~4 MB: a notice heading and 48,000 "Thực hiện Quyết định số …" items (every one a
    citation to resolve): seconds of extraction, where a seed takes milliseconds."""
    items = "".join(f"- Thực hiện Quyết định số {i}/QĐ-UBND ngày 0{1 + i % 9}/0{1 + i % 9}/2020 "
                    "của UBND tỉnh Lạng Sơn;\n" for i in range(1, 48_000))
    path.write_text(seed_text("003")[:400] + items, encoding="utf-8")
    return path


# ------------------------------------------------------------------ time budget (21.7)
@pytest.mark.parametrize("mode", ["in process", "workers", "from a thread"])
def test_a_document_over_the_time_budget_is_rejected_and_the_batch_goes_on(mode, empty, tmp_path):
    for p in SEED_FILES.values():
        shutil.copy(p, tmp_path / p.name)
    slow = slow_document(tmp_path / "zz-slow.txt")
    kwargs = dict(progress=False, doc_budget=0.5, workers=2 if mode == "workers" else 1)
    if mode == "from a thread":  # the explorer's upload: no SIGALRM here, a worker process times it
        box = []
        t = threading.Thread(target=lambda: box.append(ingest([tmp_path], empty, **kwargs)))
        t.start()
        t.join(600)
        (s,) = box
    else:
        s = ingest([tmp_path], empty, **kwargs)
    assert s.rejected == [f"{slow}: extraction took more than 0.5 s (the time budget of one document)"]
    assert s.new == 5 and s.tasks > 0


# ------------------------------------------------------------------ junk (21.9)
def test_junk_is_not_a_document(empty, tmp_path):
    (tmp_path / "hello.txt").write_text("hello world\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("# Ghi chú\n\nMua rau, gọi điện cho anh Nam.\n", encoding="utf-8")
    shutil.copy(SEED_FILES["003"], tmp_path / "311.txt")
    s = ingest([tmp_path], empty, progress=False)
    assert sorted(s.rejected) == [f"{tmp_path / 'hello.txt'}: not a document: no number, date, type or citation found",
                                  f"{tmp_path / 'notes.md'}: not a document: no number, date, type or citation found"]
    assert s.new == 1
    assert empty.read("MATCH (i:Instrument) WHERE i.has_text RETURN count(i) AS c")[0]["c"] == 1


def test_cli_reports_junk_in_one_line(tmp_path):
    junk = tmp_path / "hello.txt"
    junk.write_text("hello world", encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "vbgraph", "ingest", str(junk), "--db", str(tmp_path / "db"),
                        "--quiet"], cwd=REPO, capture_output=True, text=True, timeout=300,
                       env=dict(os.environ, VBGRAPH_HEAP="512m"))
    assert p.returncode == 1  # nothing loaded
    assert f"rejected: {junk}: not a document: no number, date, type or citation found" in p.stdout.splitlines()


@pytest.mark.slow
def test_no_real_document_is_junk(corpus_dir, seeds_dir):
    """Every seed, Bình Dương portal row and gazette text is a document."""
    from graph.build import not_a_document
    from loaders.model import LoadError
    from loaders.pipeline import extract_paths

    paths = [seeds_dir, corpus_dir / "binhduong" / "vbcddh.jsonl", corpus_dir / "congbao" / "congbao_400.jsonl"]
    seen, junk = 0, []
    for doc in extract_paths(paths, entities=False):
        assert not isinstance(doc, LoadError), doc
        seen += 1
        if not_a_document(doc):
            junk.append(doc.doc_id)
    assert seen == 5 + 3613 + 402 and junk == []


# ------------------------------------------------------------------ smaller (21.10)
@pytest.mark.parametrize("seen, seconds, shown", [(1, 2.4, "0.4"), (5, 1.0, "5.0"), (3613, 10.6, "341"),
                                                  (0, 0.0, "0")])
def test_docs_per_second_of_small_runs(seen, seconds, shown):
    line = IngestSummary(seen=seen, new=seen, seconds=seconds).lines()[0]
    assert line.endswith(f" s, {shown} docs/s)")


def _modes(root):
    out = {}
    for folder, dirs, files in os.walk(root):
        out[folder] = stat.S_IMODE(os.stat(folder).st_mode)
        for name in files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                out[path] = stat.S_IMODE(os.stat(path).st_mode)
    return out


def test_store_files_are_private(tmp_path):
    """Folders 0700, files 0600, for a new store and for one an older version left 0644/0755."""
    db = tmp_path / "db"
    code = textwrap.dedent("""
        import sys
        from graph.store import open_store
        from graph.ingest import ingest
        with open_store(path=sys.argv[1], role="ingest") as s:
            ingest([sys.argv[2]], s, progress=False)
    """)
    run = lambda: subprocess.run([sys.executable, "-c", code, str(db), str(SEED_FILES["003"])], cwd=REPO,  # noqa: E731
                                 env=dict(os.environ, VBGRAPH_HEAP="512m"), capture_output=True, text=True,
                                 timeout=300, check=True)
    run()
    modes = _modes(db)
    assert len(modes) > 10 and any("databases" in p for p in modes)
    wrong = {p: oct(m) for p, m in modes.items() if m != (0o700 if os.path.isdir(p) else 0o600)}
    assert not wrong
    for path in modes:  # as an older version left it
        os.chmod(path, 0o755 if os.path.isdir(path) else 0o644)
    run()
    assert all(m == (0o700 if os.path.isdir(p) else 0o600) for p, m in _modes(db).items())


LISTENING = textwrap.dedent("""
    import json, sys, psutil
    from graph.store import open_store
    with open_store(path=sys.argv[1]) as s:
        ports = sorted(c.laddr.port for c in psutil.Process().net_connections("tcp") if c.status == psutil.CONN_LISTEN)
        print(json.dumps({"bolt": s.embedded.bolt_port, "http": s.embedded.http_port, "listening": ports}))
""")


@pytest.mark.parametrize("asked", [False, True])
def test_http_port_is_closed_unless_asked_for(asked, tmp_path):
    env = dict(os.environ, VBGRAPH_HEAP="512m")
    env.pop("VBGRAPH_HTTP_PORT", None)
    if asked:
        env["VBGRAPH_HTTP_PORT"] = "0"  # a free loopback port
    p = subprocess.run([sys.executable, "-c", LISTENING, str(tmp_path / "db")], cwd=REPO, env=env,
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-2000:]
    got = json.loads(p.stdout.strip().splitlines()[-1])
    if asked:
        assert got["http"] and sorted(got["listening"]) == sorted([got["bolt"], got["http"]])
    else:
        assert got["http"] is None and got["listening"] == [got["bolt"]]  # Bolt only
