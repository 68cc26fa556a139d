"""Server mode: a real Bolt server (by default a `python -m graph.server` process, ArcadeDB
on loopback; any server through tests/servers.py's VBGRAPH_TEST_* variables)."""
from __future__ import annotations

import ipaddress
import os
import subprocess
import sys

import psutil
import pytest

from paths import REPO


def test_server_refuses_to_start_without_password(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "VBGRAPH_PASSWORD"}
    run = subprocess.run([sys.executable, "-m", "graph.server", "--db", str(tmp_path / "db")],
                         cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode != 0 and "VBGRAPH_PASSWORD" in run.stderr
    assert not (tmp_path / "db").exists()


def loopback(ip: str) -> bool:
    addr = ipaddress.ip_address(ip)
    return (getattr(addr, "ipv4_mapped", None) or addr).is_loopback


@pytest.mark.server
def test_server_listens_on_loopback_only_and_checks_password(bolt_server):
    from urllib.parse import urlsplit

    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError

    if bolt_server.pid is None:
        pytest.skip("external server without VBGRAPH_TEST_SERVER_PID: its sockets are not ours to list")
    listening = {c.laddr for c in psutil.Process(bolt_server.pid).net_connections("inet")
                 if c.status == psutil.CONN_LISTEN}
    ports = {a.port: loopback(a.ip) for a in listening}
    assert ports.get(urlsplit(bolt_server.uri).port) is True
    assert all(ports.values()), listening
    with GraphDatabase.driver(bolt_server.uri, auth=(bolt_server.user, bolt_server.password + "x")) as d:
        with pytest.raises(AuthError):
            d.verify_connectivity()
    with GraphDatabase.driver(bolt_server.uri, auth=(bolt_server.user, bolt_server.password)) as d:
        assert d.execute_query("RETURN 1 AS one", database_=bolt_server.database).records[0]["one"] == 1


def query_cases(store) -> list[tuple[str, dict]]:
    """Every saved query: with its defaults, and with instruments of the graph as arguments."""
    from queries.runner import list_queries, run_query

    top = [r["id"] for r in run_query(store, "most_cited", limit=4) if r.get("id")]
    assert len(top) >= 2, "most_cited returns an id column"
    cases = []
    for spec in list_queries():
        names = {p.name for p in spec.params}
        cases.append((spec.name, {}))
        if "id" in names:
            cases += [(spec.name, {"id": i}) for i in top]
        if "from_id" in names:
            cases.append((spec.name, {"from_id": top[0], "to_id": top[1]}))
    cases += [("tasks", {"agency": "phòng"}), ("search", {"words": "phòng chống dịch"}),
              ("gaps", {"id": top[0], "as_of": "2022-12-31"})]
    return cases


UNORDERED = ("assignees", "coordinators")  # a task's agencies, collected in the engine's edge order


def canon(rows: list[dict]) -> list[str]:
    """Rows as comparable text: maps by key (each engine returns a node's properties in its
    own order), lists as they come (paths), but the `UNORDERED` columns as sets."""
    def value(v):
        if isinstance(v, dict):
            return sorted((k, value(x)) for k, x in v.items())
        if isinstance(v, list):
            return [value(x) for x in v]
        return v
    return [repr(value({k: sorted(v, key=repr) if k in UNORDERED and isinstance(v, list) else v
                        for k, v in r.items()})) for r in rows]


@pytest.mark.slow
@pytest.mark.server
def test_server_mode_same_answers_as_embedded(bolt_server, embedded_twin, twin_inputs, monkeypatch):
    """Seeds + Bình Dương metadata ingested through the CLI into the server process and
    in-process into the embedded store: same counts, same graph, same answer to every query."""
    from queries.dump import read_graph
    from graph.store import open_store
    from queries.runner import run_query

    database = bolt_server.fresh_database("server_mode")
    run = subprocess.run([sys.executable, "-m", "vbgraph", "ingest", *twin_inputs, "--uri", bolt_server.uri,
                          "--database", database, "--quiet"],
                         cwd=REPO, env=bolt_server.env(), capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "3618 new" in run.stdout
    assert bolt_server.password not in run.stdout + run.stderr
    assert "Received notification" not in run.stderr  # Neo4j's unknown-name notices, one per query

    embedded = embedded_twin
    monkeypatch.setenv("VBGRAPH_USER", bolt_server.user)
    monkeypatch.setenv("VBGRAPH_PASSWORD", bolt_server.password)
    with open_store(uri=bolt_server.uri, database=database) as remote:
        assert remote.counts() == embedded.counts()
        r_nodes, r_edges = read_graph(remote)
        e_nodes, e_edges = read_graph(embedded)
        assert len(r_nodes) == len(e_nodes) > 4000 and len(r_edges) == len(e_edges) > 4000
        cases = query_cases(embedded)
        answered = 0
        for name, params in cases:
            want = run_query(embedded, name, **params)
            got = run_query(remote, name, **params)
            assert sorted(canon(got)) == sorted(canon(want)), (name, params)
            answered += bool(want)
        assert answered >= 10, f"only {answered} of {len(cases)} cases had rows"


@pytest.mark.server
def test_password_never_in_server_output_or_files(bolt_server):
    """Runs after the other server tests: the server's stdout, stderr, logs, config (every
    file under its folder) hold no password."""
    if bolt_server.root is None:
        pytest.skip("external server without VBGRAPH_TEST_SERVER_ROOT: its files are not ours to read")
    secret = bolt_server.password.encode()
    files = [p for p in bolt_server.root.rglob("*") if p.is_file()]
    leaked = [str(p) for p in files if secret in p.read_bytes()]
    assert not leaked
    assert any("ready" in p.read_text(errors="replace") for p in files if p.name == "stdout.txt"), files
