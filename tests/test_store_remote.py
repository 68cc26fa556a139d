"""open_store(uri=...) against a standalone Bolt server (graph.server child process)."""
import pytest

from graph.model import Edge, Fragment, Node
from graph.store import open_store


@pytest.mark.slow
@pytest.mark.server
def test_remote_store_round_trip(bolt_server, monkeypatch):
    env = bolt_server.env()
    monkeypatch.setenv("VBGRAPH_USER", env["VBGRAPH_USER"])
    monkeypatch.setenv("VBGRAPH_PASSWORD", env["VBGRAPH_PASSWORD"])
    database = bolt_server.fresh_database("remote_store")
    with open_store(bolt_server.uri, database=database) as store:
        assert env["VBGRAPH_PASSWORD"] not in repr(store)
        store.ensure_schema()
        store.write_fragments([Fragment("d1", "h1", nodes=[
            Node("Instrument", "i1", {"symbol": "56/KH-UBND"}, True), Node("Instrument", "i2", {})],
            edges=[Edge("IMPLEMENTS", "i1", "i2", "Instrument", "Instrument", {"source_doc": "d1"})])])
        assert store.counts()["edges"]["IMPLEMENTS"] == 1
        assert store.sources() == {"d1": "h1"}


@pytest.mark.server
def test_wrong_password_is_refused(bolt_server, monkeypatch):
    monkeypatch.setenv("VBGRAPH_USER", bolt_server.user)
    monkeypatch.setenv("VBGRAPH_PASSWORD", "definitely-wrong-password")
    from graph.errors import StoreUnavailable

    with pytest.raises(StoreUnavailable) as exc:  # at open: the server is checked at once
        open_store(bolt_server.uri, database=bolt_server.database)
    assert "refused the login" in str(exc.value) and "\n" not in str(exc.value)
    assert "definitely-wrong-password" not in str(exc.value)


@pytest.mark.server
def test_routing_scheme_writes_and_reads(bolt_server, monkeypatch):
    """`--uri neo4j://…`: the driver first asks the server for a routing table (no answer:
    'Unable to retrieve routing information'), then sends writes to its writers and reads
    to its readers: a batch written and read back through the routing driver."""
    monkeypatch.setenv("VBGRAPH_USER", bolt_server.user)
    monkeypatch.setenv("VBGRAPH_PASSWORD", bolt_server.password)
    database = bolt_server.fresh_database("routed")
    uri = bolt_server.uri.replace("bolt://", "neo4j://", 1)
    with open_store(uri, database=database) as store:
        store.ensure_schema()
        store.write_fragments([Fragment("d1", "h1", nodes=[Node("Instrument", "i1", {"symbol": "56/KH-UBND"}, True)])])
        assert store.read("MATCH (n:Instrument {id: 'i1'}) RETURN n.symbol AS s") == [{"s": "56/KH-UBND"}]
        assert store.sources() == {"d1": "h1"}
