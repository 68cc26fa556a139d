"""The Bolt server the server-mode tests (`-m server`) run against.

By default a standalone ArcadeDB server process (`graph.server`, free loopback ports);
with `VBGRAPH_TEST_URI` set, the server it names, already running:

    VBGRAPH_TEST_URI        bolt://127.0.0.1:7687 or neo4j://… (routing)
    VBGRAPH_TEST_USER       default root
    VBGRAPH_TEST_PASSWORD
    VBGRAPH_TEST_DATABASE   the one database the tests use (default vbgraph; Neo4j
                            Community has only `neo4j`)
    VBGRAPH_TEST_SERVER_PID     optional: the server's process (checked: loopback only)
    VBGRAPH_TEST_SERVER_ROOT    optional: its folder (checked: no password in any file)

`cluster/run.py` (`make test-cluster`) starts Neo4j 5 and a standalone ArcadeDB server
and runs the suite against each through these variables.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ENV_PREFIX = "VBGRAPH_TEST_"


@dataclass
class TestServer:
    """A Bolt server under test: how to reach it, and a fresh database on it."""

    __test__ = False  # not a pytest test class

    uri: str
    user: str
    password: str = field(repr=False)
    database: str = "vbgraph"
    pid: int | None = None
    root: Path | None = None
    create: Callable[[str], None] | None = field(default=None, repr=False)  # None: one database only

    def env(self) -> dict[str, str]:
        """Environment for a client process (`vbgraph … --uri`): URI, user, password."""
        return dict(os.environ, VBGRAPH_URI=self.uri, VBGRAPH_USER=self.user, VBGRAPH_PASSWORD=self.password)

    def fresh_database(self, name: str) -> str:
        """The name of an empty database for one test: `name`, created, on a server that
        creates databases (the spawned ArcadeDB); else the server's one database, emptied."""
        if self.create is not None:
            self.create(name)
            return name
        from neo4j import GraphDatabase

        with GraphDatabase.driver(self.uri, auth=(self.user, self.password),
                                  connection_timeout=30, max_transaction_retry_time=30) as driver:
            driver.execute_query("MATCH (n) DETACH DELETE n", database_=self.database)
        return self.database


def external_server() -> TestServer | None:
    """The server `VBGRAPH_TEST_URI` names, or None."""
    uri = os.environ.get(ENV_PREFIX + "URI")
    if not uri:
        return None
    pid = os.environ.get(ENV_PREFIX + "SERVER_PID")
    root = os.environ.get(ENV_PREFIX + "SERVER_ROOT")
    return TestServer(uri, os.environ.get(ENV_PREFIX + "USER", "root"), os.environ.get(ENV_PREFIX + "PASSWORD", ""),
                      os.environ.get(ENV_PREFIX + "DATABASE", "vbgraph"),
                      int(pid) if pid else None, Path(root) if root else None)
