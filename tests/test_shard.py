"""Sharded ingest: `vbgraph ingest --shard 0/2` and `--shard 1/2` writing CONCURRENTLY
into one server (tests/servers.py: a standalone `python -m graph.server` by default) give
the graph of one process ingesting everything into the embedded store (shared Agency /
cited Instrument nodes MERGEd by both: write conflicts are retried, never duplicated)."""
import re
import subprocess
import sys

import pytest

from graph.ingest import parse_shard, shard_of
from paths import REPO

NODES = "MATCH (n) RETURN labels(n)[0] AS l, n.id AS id"
EDGES = "MATCH (a)-[r]->(b) RETURN type(r) AS t, a.id AS a, b.id AS b, r.source_doc AS d"


def test_shard_of_is_the_documented_hash():
    import hashlib

    doc = "../shared/corpus/binhduong/vbcddh.jsonl#17"
    assert shard_of(doc, 7) == int(hashlib.sha1(doc.encode()).hexdigest()[:8], 16) % 7
    assert parse_shard("1/2") == (1, 2)
    for bad in ("2/2", "-1/2", "1", "a/b", "0/0"):
        with pytest.raises(ValueError):
            parse_shard(bad)


def _ingest(server, database, paths, *extra):
    return subprocess.Popen([sys.executable, "-m", "vbgraph", "ingest", "--quiet", "--uri", server.uri,
                             "--database", database, "--workers", "1", "--batch", "100", *extra, *paths],
                            cwd=REPO, env=server.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _new(stdout):
    m = re.search(r"documents: (\d+) seen, (\d+) new, 0 changed, 0 unchanged, 0 rejected", stdout)
    assert m, stdout
    return int(m.group(2))


@pytest.mark.slow
@pytest.mark.server
def test_two_concurrent_shards_equal_one_process(bolt_server, embedded_twin, twin_inputs, monkeypatch):
    from graph.store import open_store

    database = bolt_server.fresh_database("shard_pair")
    procs = [_ingest(bolt_server, database, twin_inputs, "--shard", f"{i}/2") for i in range(2)]
    outs = []
    for p in procs:
        out, err = p.communicate(timeout=900)
        assert p.returncode == 0, err[-3000:]
        assert bolt_server.password not in out + err
        outs.append(out)
    shard_new = [_new(o) for o in outs]
    assert sum(shard_new) == 3618 and min(shard_new) > 1000

    monkeypatch.setenv("VBGRAPH_USER", bolt_server.user)
    monkeypatch.setenv("VBGRAPH_PASSWORD", bolt_server.password)
    single = embedded_twin
    with open_store(bolt_server.uri, database=database) as pair:
        for label in ("Instrument", "Agency", "Person", "Task", "Source"):
            row = pair.read(f"MATCH (n:{label}) RETURN count(n) AS n, count(DISTINCT n.id) AS ids")[0]
            assert row["n"] == row["ids"], f"duplicate {label} nodes: {row}"
        got_nodes = sorted((r["l"], r["id"]) for r in pair.read(NODES))
        want_nodes = sorted((r["l"], r["id"]) for r in single.read(NODES))
        assert got_nodes == want_nodes and len(want_nodes) > 4000
        got_edges = sorted((r["t"], r["a"], r["b"], r["d"]) for r in pair.read(EDGES))
        want_edges = sorted((r["t"], r["a"], r["b"], r["d"]) for r in single.read(EDGES))
        assert got_edges == want_edges and len(want_edges) > 4000
        assert pair.counts() == single.counts()
