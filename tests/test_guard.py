"""The read-only guard: writes are refused however spelt; the graph stays unchanged."""
from datetime import date

import pytest

from graph.model import Edge, Fragment, Node
from queries.guard import GuardError, check, tokenize

WRITES = [
    "CREATE (n:Instrument {id: 'x'})",
    "create (n:Instrument {id: 'x'})",
    "MATCH (n) DETACH DELETE n",
    "match (n) detach delete n",
    "MATCH (n) DELETE n",
    "MATCH (n:Instrument) SET n.symbol = 'hacked'",
    "MATCH (n:Instrument) sEt n:Hacked",
    "MATCH (n:Instrument) REMOVE n.symbol",
    "MERGE (n:Instrument {id: 'x'})",
    "MATCH (n) WITH collect(n) AS ns FOREACH (x IN ns | SET x.a = 1)",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "DROP CONSTRAINT instrument_id",
    "DROP INDEX instrument_symbol",
    "CREATE INDEX evil IF NOT EXISTS FOR (n:Instrument) ON (n.evil)",
    "MATCH (n) RETURN n; MATCH (m) DETACH DELETE m",
    "RETURN 1; CREATE (x)",
    "MATCH (n) CALL { WITH n DETACH DELETE n } RETURN count(*)",
    "MATCH (n) CALL (n) { SET n.x = 1 } RETURN 1",
    "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {})",
    "CALL db.createLabel('X')",
    "CALL dbms.security.createUser('a', 'b')",
    "CALL `db`.`createLabel`('X')",
    "RETURN apoc.cypher.runFirstColumnSingle('CREATE (n) RETURN n', {})",
    "MATCH (n) /* hidden */ DETACH /* x */ DELETE n",
    "MATCH (n) // comment\nDELETE n",
    "MATCH (n) WHERE n.symbol = '//' DELETE n",
    "MATCH (n) WHERE n.symbol = 'it''s' SET n.x = 1",
    "MATCH (n) WHERE n.s = \"a\\\"b\" SET n.x = 1",
    "UNWIND [1] AS x CREATE (:Instrument {id: toString(x)})",
    "MATCH (a), (b) CREATE (a)-[:CITES]->(b)",
    "OPTIONAL MATCH (n) WITH n MERGE (m:Agency {id: 'x'})",
    "USE system SHOW USERS",
    "SHOW USERS",
    "ALTER USER root SET PASSWORD 'x'",
    "GRANT ALL ON DATABASE * TO reader",
    "START DATABASE vbgraph",
    "STOP DATABASE vbgraph",
    "INSERT (n:Instrument {id: 'x'})",
    "MATCH (n) RETURN n UNION MATCH (m) DETACH DELETE m RETURN m",
    "RETURN 'unterminated",
    "MATCH (n) RETURN n /* unterminated",
    "",
    "   // only a comment",
]
READS = [
    "MATCH (n:Instrument) RETURN n.symbol AS s LIMIT 5",
    "MATCH (n) WHERE n.subject CONTAINS 'CREATE' RETURN count(n) AS c",
    "MATCH (n) WHERE n.note = 'DETACH DELETE; SET' RETURN count(n) AS c // CREATE in a comment",
    "/* DELETE */ MATCH (n:`Set`) RETURN count(n) AS c",
    "MATCH (n) RETURN n.set AS s, n.create AS c LIMIT 1",
    "MATCH (a)-[r:IMPLEMENTS|BASED_ON*1..3]->(b) RETURN count(r) AS c",
    "CALL db.labels()",
    "CALL db.labels() YIELD label RETURN label",
    "CALL db.relationshipTypes()",
    "MATCH (n) CALL { WITH n MATCH (n)--(m) RETURN count(m) AS k } RETURN max(k) AS k",
    "RETURN date('2020-04-06') AS d, date.truncate('month', date('2020-04-06')) AS m",
    "MATCH (n:Instrument) RETURN n.symbol AS s LIMIT 1;",
    "SHOW INDEXES",
    "SHOW CONSTRAINTS",
]


@pytest.mark.parametrize("cypher", WRITES)
def test_writes_are_refused(cypher):
    with pytest.raises(GuardError):
        check(cypher)


@pytest.mark.parametrize("cypher", READS)
def test_reads_pass(cypher):
    check(cypher)


def test_tokens_skip_strings_and_comments():
    kinds = [(t.kind, t.text) for t in tokenize("MATCH (n) // CREATE\nWHERE n.a = 'SET' /* DELETE */ RETURN `x y`")]
    assert ("string", "'SET'") in kinds and ("quoted", "x y") in kinds
    assert not any(t == "CREATE" or t == "DELETE" for _, t in kinds)


def test_message_is_clear():
    with pytest.raises(GuardError, match="DELETE is not allowed"):
        check("MATCH (n) DELETE n")
    with pytest.raises(GuardError, match="one statement"):
        check("RETURN 1; RETURN 2")
    with pytest.raises(GuardError, match="procedure"):
        check("CALL db.createLabel('X')")


@pytest.fixture(scope="module")
def small(store_factory):
    s = store_factory("guard")
    s.write_fragments([Fragment("d1", "h", nodes=[
        Node("Instrument", "i1", {"symbol": "56/KH-UBND", "date": date(2020, 4, 1), "has_text": True}, True),
        Node("Instrument", "i2", {"symbol": "2318/KL-TTr"}),
    ], edges=[Edge("IMPLEMENTS", "i1", "i2", "Instrument", "Instrument", {"source_doc": "d1"})])])
    return s


def _snapshot(store):
    nodes = store.read("MATCH (n) RETURN labels(n) AS l, properties(n) AS p ORDER BY n.id")
    edges = store.read("MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p ORDER BY a, t, b")
    schema = store.read("SHOW CONSTRAINTS")
    return nodes, edges, schema


@pytest.mark.parametrize("cypher", [w for w in WRITES if w.strip() and "unterminated" not in w])
def test_store_refuses_writes_and_graph_unchanged(small, cypher):
    before = _snapshot(small)
    with pytest.raises(GuardError):
        small.read(cypher)
    assert _snapshot(small) == before


def test_store_reads_pass(small):
    for cypher in READS:
        small.read(cypher)
    assert small.read("MATCH (n:Instrument) RETURN count(n) AS c") == [{"c": 2}]


@pytest.mark.parametrize("cypher", [
    "MATCH (a)-[r]->(b) RETURN r.start AS start, r.end AS end",
    "MATCH (start:Instrument)-[r]->(end) RETURN start.id, end.id",
    "RETURN {start: 1, set: 2} AS m",
    "MATCH (n) WHERE n.id = $start RETURN n",
])
def test_names_that_look_like_keywords_are_read_only(cypher):
    check(cypher)


@pytest.mark.parametrize("cypher", [
    "START DATABASE vbgraph", "stop database vbgraph", "TERMINATE TRANSACTIONS 'x'",
    "MATCH (n) RETURN n AS x CREATE (m)", "MATCH (n) WITH n AS start DETACH DELETE start",
])
def test_admin_commands_and_writes_after_aliases_are_refused(cypher):
    with pytest.raises(GuardError):
        check(cypher)


@pytest.mark.server
def test_server_store_refuses_every_write_and_graph_unchanged(bolt_server, monkeypatch):
    """The same guard on a store reached over Bolt (a separate server process):
    ArcadeDB would execute these even in a read transaction."""
    from graph.store import open_store

    env = bolt_server.env()
    monkeypatch.setenv("VBGRAPH_USER", env["VBGRAPH_USER"])
    monkeypatch.setenv("VBGRAPH_PASSWORD", env["VBGRAPH_PASSWORD"])
    database = bolt_server.fresh_database("guard_remote")
    with open_store(bolt_server.uri, database=database) as remote:
        remote.ensure_schema()
        remote.write_fragments([Fragment("d1", "h", nodes=[
            Node("Instrument", "i1", {"symbol": "56/KH-UBND", "has_text": True}, True),
            Node("Instrument", "i2", {"symbol": "2318/KL-TTr"}),
        ], edges=[Edge("IMPLEMENTS", "i1", "i2", "Instrument", "Instrument", {"source_doc": "d1"})])])
        before = _snapshot(remote)
        attempts = [w for w in WRITES if w.strip() and "unterminated" not in w]
        assert len(attempts) >= 20
        for cypher in attempts:
            with pytest.raises(GuardError):
                remote.read(cypher)
        assert _snapshot(remote) == before
