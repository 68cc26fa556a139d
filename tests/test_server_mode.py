"""Server mode: a real `python -m graph.server` process (ArcadeDB + Bolt on loopback)."""
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


def test_server_listens_on_loopback_only_and_checks_password(bolt_server):
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError

    listening = {c.laddr for c in psutil.Process(bolt_server.proc.pid).net_connections("inet")
                 if c.status == psutil.CONN_LISTEN}
    ports = {a.port: loopback(a.ip) for a in listening}
    assert ports.get(bolt_server.bolt_port) is True
    assert ports.get(bolt_server.http_port) is True
    assert all(ports.values()), listening
    with GraphDatabase.driver(bolt_server.uri, auth=(bolt_server.user, bolt_server.password + "x")) as d:
        with pytest.raises(AuthError):
            d.verify_connectivity()
    with GraphDatabase.driver(bolt_server.uri, auth=(bolt_server.user, bolt_server.password)) as d:
        assert d.execute_query("RETURN 1 AS one", database_="vbgraph").records[0]["one"] == 1
