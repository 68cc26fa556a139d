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
    # clauses and their variants
    "CREATE ()",
    "CREATE ()-[:CITES]->()",
    "CREATE (n) RETURN n",
    "WITH 1 AS x CREATE (n)",
    "UNWIND range(1, 10) AS i CREATE ()",
    "MERGE (a:Instrument {id: 'a'})-[:CITES]->(b:Instrument {id: 'b'})",
    "MERGE (n:Instrument {id: 'x'}) ON CREATE SET n.a = 1",
    "MERGE (n:Instrument {id: 'x'}) ON MATCH SET n.a = 1",
    "MATCH (n) SET n += {symbol: 'x'}",
    "MATCH (n) SET n = {}",
    "MATCH (n) SET n.`symbol` = 'x'",
    "MATCH (n) SET n['symbol'] = 'x'",
    "MATCH (n) SET n:$('Hacked')",
    "MATCH (n) REMOVE n:Instrument",
    "MATCH (n) WITH n LIMIT 1 DELETE n",
    "MATCH ()-[r]->() DELETE r",
    "MATCH (n) NODETACH DELETE n",
    "MATCH (n) WHERE EXISTS { MATCH (n)--() } DETACH DELETE n",
    "MATCH (n) OPTIONAL CALL { WITH n SET n.x = 1 } RETURN 1",
    "CALL { MATCH (n) DETACH DELETE n } IN TRANSACTIONS",
    "MATCH (n) CALL (n) { SET n.x = 1 } IN TRANSACTIONS OF 10 ROWS",
    "RETURN 1 AS x UNION ALL CREATE (n) RETURN 1 AS x",
    "USING PERIODIC COMMIT LOAD CSV FROM 'file:///x' AS l CREATE ()",
    "LOAD CSV WITH HEADERS FROM 'http://203.0.113.5/a.csv' AS l RETURN l",
    # prefixes that execute (PROFILE runs the query; CYPHER options)
    "PROFILE CREATE (n)",
    "profile match (n) delete n",
    "EXPLAIN CREATE (n)",
    "CYPHER 25 CREATE (n)",
    "CYPHER runtime=slotted MATCH (n) DETACH DELETE n",
    # spelling: case, whitespace and comments of every kind between the words
    "mAtCh (n) dEtAcH dElEtE n",
    "MATCH (n)\tDETACH\tDELETE\tn",
    "MATCH (n)\rDETACH DELETE n",
    "MATCH (n)\r\nDETACH DELETE n",
    "MATCH (n)\x0cDELETE n",
    "MATCH (n)\x0bDELETE n",
    "MATCH (n)\u00a0DELETE n",
    "MATCH (n)\u2028DELETE n",
    "MATCH (n)\u2029SET n.x = 1",
    "MATCH (n)\x85SET n.x = 1",
    "MATCH (n)\u3000SET n.x = 1",
    "MATCH (n)/**/DETACH/**/DELETE/**/n",
    "MATCH (n) /* a */ /* b */ SET n.x = 1",
    "MATCH (n) // a\r// b\nSET n.x = 1",
    "MATCH (n) RETURN n // x\u2028CREATE ()",
    "MATCH (n) WHERE n.symbol = '\\\\' SET n.x = 1",
    "MATCH (n) WHERE n.symbol = `a``b` SET n.x = 1",
    "MATCH (`n`) DETACH DELETE `n`",
    # procedures and functions off the read list, however named
    "CALL apoc.create.node(['X'], {})",
    "CALL apoc.refactor.rename.label('Instrument', 'X')",
    "CALL apoc.schema.assert({}, {})",
    "CALL db.index.fulltext.createNodeIndex('x', ['Instrument'], ['symbol'])",
    "CALL db.clearQueryCaches()",
    "CALL dbms.killQuery('q')",
    "CALL apoc.util.sleep(3000)",
    "CALL `apoc.util`.sleep(3000)",
    "RETURN apoc.util.sleep(3000)",
    "UNWIND range(1, 100) AS i RETURN {a: apoc.util.sleep(3000)} AS m",
    "RETURN [x IN [1] | apoc.util.sleep(10)] AS m",
    "MATCH (n) WHERE apoc.util.sleep(10) IS NULL RETURN n",
    "RETURN apoc.cypher.doIt('CREATE (n)', {}) AS m",
    # administration
    "CREATE DATABASE x",
    "CREATE OR REPLACE DATABASE vbgraph",
    "DROP DATABASE vbgraph",
    "ALTER DATABASE vbgraph SET ACCESS READ WRITE",
    "CREATE USER eve SET PASSWORD 'x'",
    "DROP USER root",
    "CREATE ROLE r",
    "REVOKE ROLE admin FROM reader",
    "DENY READ ON GRAPH * TO reader",
    "CREATE CONSTRAINT c FOR (n:Instrument) REQUIRE n.id IS UNIQUE",
    "DROP CONSTRAINT c IF EXISTS",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "ENABLE SERVER 'x'",
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
        assert len(set(attempts)) >= 80
        for cypher in attempts:
            with pytest.raises(GuardError):
                remote.read(cypher)
        assert _snapshot(remote) == before


# Found on main at 988f05a (issue 21): each passed the guard and ArcadeDB ran it.
BYPASSES = [
    ("a bare CR ends a // comment for ArcadeDB",
     "MATCH (i:Instrument) WITH count(i) AS b // x\rMATCH (n) DETACH DELETE n RETURN b"),
    ("'ﬁ' upper-cases to two letters: the server's 'PROFILE ' prefix cut eats the x",
     "PROﬁLE xCREATE (n:Instrument {id: 'p'})"),
    ("a namespaced function as a map value", "RETURN {a: apoc.util.sleep(10)} AS m"),
    ("a namespaced function after '..'", "RETURN [1, 2][0..apoc.util.sleep(10)] AS m"),
]


@pytest.mark.parametrize("why, cypher", BYPASSES, ids=[w for w, _ in BYPASSES])
def test_found_bypasses_are_refused_by_vbgraph_cypher(small, graph_root, capsys, why, cypher):
    from vbgraph.cli import main

    before = _snapshot(small)
    assert main(["cypher", cypher, "--db", str(graph_root), "--database", "guard"]) == 2
    assert "refused" in capsys.readouterr().err
    assert _snapshot(small) == before
