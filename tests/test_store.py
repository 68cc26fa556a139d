"""The Cypher store on the real embedded ArcadeDB server, with hand-built fragments."""
from datetime import date, datetime
from itertools import count

import pytest

from graph.model import Edge, Fragment, Node
from graph.store import CITING

_n = count()


@pytest.fixture
def empty(store_factory):
    return store_factory(f"store_{next(_n)}")


def frag(doc_id: str, h: str = "h1", symbol: str = "56/KH-UBND", cites: str = "2318/KL-TTr",
         subject: str = "Kế hoạch thực hiện") -> Fragment:
    me, other = f"i:{doc_id}", f"i:{cites}"
    return Fragment(doc_id, h, nodes=[
        Node("Instrument", me, {"symbol": symbol, "subject": subject, "date": date(2020, 4, 1),
                                "has_text": True}, authoritative=True),
        Node("Instrument", other, {"symbol": cites, "has_text": False, "subject": "mention"}),
        Node("Agency", "a:ubnd-ls", {"name": "UBND tỉnh Lạng Sơn"}),
        Node("Task", f"t:{doc_id}#0", {"action": "báo cáo", "deadline": datetime(2020, 4, 6, 14, 0),
                                       "source_doc": doc_id}),
    ], edges=[
        Edge("IMPLEMENTS", me, other, "Instrument", "Instrument",
             {"source_doc": doc_id, "status": "resolved", "sentence": "thực hiện ..."}),
        Edge("ISSUED_BY", me, "a:ubnd-ls", "Instrument", "Agency", {"source_doc": doc_id}),
        Edge("ASSIGNS", me, f"t:{doc_id}#0", "Instrument", "Task", {"source_doc": doc_id}),
        Edge("ASSIGNED_TO", f"t:{doc_id}#0", "a:ubnd-ls", "Task", "Agency", {"source_doc": doc_id}),
    ])


def test_write_and_read_back(empty):
    empty.write_fragments([frag("d1")])
    c = empty.counts()
    assert c["nodes"]["Instrument"] == 2 and c["nodes"]["Agency"] == 1 and c["nodes"]["Task"] == 1
    assert c["nodes"]["Source"] == 1
    assert c["edges"]["IMPLEMENTS"] == 1 and c["edges"]["ASSIGNS"] == 1
    row = empty.read("MATCH (n:Instrument {id: $id}) RETURN n.symbol AS s, n.symbol_key AS k, n.date AS d",
                     id="i:d1")[0]
    assert row == {"s": "56/KH-UBND", "k": "56/kh-ubnd", "d": date(2020, 4, 1)}
    t = empty.read("MATCH (t:Task) RETURN t.deadline AS dl, t.deadline_date AS dd")[0]
    assert t["dl"] == datetime(2020, 4, 6, 14, 0) and t["dd"] == date(2020, 4, 6)
    assert empty.sources() == {"d1": "h1"}


def test_idempotent_and_edge_identity(empty):
    empty.write_fragments([frag("d1")])
    first = empty.counts()
    empty.write_fragments([frag("d1")])
    assert empty.counts() == first
    # a second document stating the same edge keeps its own copy (source_doc is identity)
    empty.write_fragments([frag("d2", symbol="57/KH-UBND")])
    assert empty.read("MATCH ()-[r:IMPLEMENTS]->(:Instrument {id: 'i:2318/KL-TTr'}) RETURN count(r) AS c")[0]["c"] == 2


def test_mentions_never_overwrite_loaded_fields(empty):
    # loaded first, then mentioned with other values: the loaded values stay
    empty.write_fragments([frag("d1", cites="X")])
    mention = Fragment("d9", "h", nodes=[Node("Instrument", "i:d1", {"symbol": "WRONG", "has_text": False,
                                                                      "extra": "filled"})])
    empty.write_fragments([mention])
    row = empty.read("MATCH (n:Instrument {id: 'i:d1'}) RETURN n.symbol AS s, n.has_text AS t, n.extra AS e")[0]
    assert row == {"s": "56/KH-UBND", "t": True, "e": "filled"}
    # mentioned first, loaded later: the loaded document's values win
    empty.write_fragments([Fragment("d8", "h", nodes=[Node("Instrument", "i:d7", {"symbol": "mention"})])])
    empty.write_fragments([Fragment("d7", "h", nodes=[Node("Instrument", "i:d7", {"symbol": "7/TB"}, True)])])
    assert empty.read("MATCH (n:Instrument {id: 'i:d7'}) RETURN n.symbol AS s")[0]["s"] == "7/TB"


def test_changed_document_replaces_its_own_edges_and_tasks(empty):
    empty.write_fragments([frag("d1"), frag("d2", symbol="57/KH-UBND")])
    changed = frag("d1", h="h2", cites="999/QĐ-UBND")
    changed.nodes = [n for n in changed.nodes if n.label != "Task"]
    changed.edges = [e for e in changed.edges if e.type not in ("ASSIGNS", "ASSIGNED_TO")]
    empty.write_fragments([changed], replace=["d1"])
    rows = empty.read("MATCH (a)-[r:IMPLEMENTS]->(b) RETURN r.source_doc AS d, b.id AS b ORDER BY d")
    assert rows == [{"d": "d1", "b": "i:999/QĐ-UBND"}, {"d": "d2", "b": "i:2318/KL-TTr"}]
    assert [r["id"] for r in empty.read("MATCH (t:Task) RETURN t.id AS id")] == ["t:d2#0"]
    assert empty.sources()["d1"] == "h2"


def test_batch_is_one_transaction(empty):
    bad = frag("d3")
    bad.edges.append(Edge("CITES", "i:d3", "x", "Instrument", "Not a label!", {}))
    with pytest.raises(ValueError):
        empty.write_fragments([frag("d1"), bad])
    assert empty.counts()["nodes"]["Instrument"] == 0
    # a failure after the statements ran leaves nothing behind either
    from graph.store import Batch

    batch = Batch()
    batch.add(frag("d1"))

    def work(tx):
        for cypher, params in batch.statements():
            tx.run(cypher, params).consume()
        raise RuntimeError("killed mid-way")

    with pytest.raises(RuntimeError):
        empty.write_transaction(work)
    assert empty.counts()["nodes"]["Instrument"] == 0 and empty.sources() == {}


def test_dates_compare_with_date_params(empty):
    empty.write_fragments([frag("d1")])
    rows = empty.read("MATCH (n:Instrument) WHERE n.date >= $since RETURN n.id AS id", since=date(2020, 1, 1))
    assert [r["id"] for r in rows] == ["i:d1"]


def test_schema_is_idempotent(empty):
    empty.ensure_schema()
    empty.ensure_schema()
    names = {r["name"] for r in empty.read("SHOW CONSTRAINTS")}
    assert {"instrument_id", "source_id", "task_id"} <= names


def _counted(store) -> dict[str, int]:
    return {r["id"]: r["c"] for r in store.read(
        "MATCH (n:Instrument) WHERE n.cited_by_count >= 1 RETURN n.id AS id, n.cited_by_count AS c")}


def _recounted(store) -> dict[str, int]:
    return {r["id"]: r["c"] for r in store.read(
        f"MATCH (d:Instrument)-[:{CITING}]->(n:Instrument) "
        "RETURN n.id AS id, count(DISTINCT d) AS c")}


def test_cited_by_count_follows_every_write(empty):
    """`cited_by_count` (distinct citing instruments) is kept at write time: new documents,
    a second relation to the same target, a copy of a document under another path (same
    instrument), a changed document that drops its citation, a document written twice."""
    two = frag("d2", symbol="57/KH-UBND")
    two.edges.append(Edge("BASED_ON", "i:d2", "i:2318/KL-TTr", "Instrument", "Instrument",
                          {"source_doc": "d2", "status": "resolved"}))
    copy = frag("d3", symbol="57/KH-UBND")
    copy.nodes[0].id = copy.edges[0].src = copy.edges[1].src = copy.edges[2].src = "i:d2"  # same instrument
    empty.write_fragments([frag("d1"), two])
    assert _counted(empty) == {"i:2318/KL-TTr": 2} == _recounted(empty)
    empty.write_fragments([copy])
    assert _counted(empty) == {"i:2318/KL-TTr": 2} == _recounted(empty)
    empty.write_fragments([frag("d1", h="h2", cites="999/QĐ-UBND")], replace=["d1"])
    assert _counted(empty) == {"i:2318/KL-TTr": 1, "i:999/QĐ-UBND": 1} == _recounted(empty)
    empty.write_fragments([frag("d4", cites="999/QĐ-UBND")])
    empty.write_fragments([frag("d4", cites="999/QĐ-UBND")])  # not told it is a rewrite
    assert _counted(empty) == {"i:2318/KL-TTr": 1, "i:999/QĐ-UBND": 2} == _recounted(empty)


def test_a_document_written_twice_keeps_one_copy_of_its_edges(empty):
    """Edges are CREATEd: a document the caller believes new but already recorded (another
    writer, the same file listed twice) is rewritten, never duplicated."""
    empty.write_fragments([frag("d1")])
    first = empty.counts()
    empty.write_fragments([frag("d1")])
    empty.write_fragments([frag("d1"), frag("d1")])
    assert empty.counts() == first


def test_mention_nodes_written_before_keep_their_properties(empty):
    """A batch leaves out fills that add nothing to mention nodes it wrote before; a node
    deleted meanwhile (by another writer) comes back whole, and a new property still fills."""
    empty.write_fragments([frag("d1")])
    other = open_store_like(empty)
    other.write("MATCH (a:Agency {id: 'a:ubnd-ls'}) DETACH DELETE a")
    empty.write_fragments([frag("d2")])
    assert empty.read("MATCH (a:Agency) RETURN a.name AS n") == [{"n": "UBND tỉnh Lạng Sơn"}]
    third = frag("d3")
    third.nodes[2].props["jurisdiction"] = "tỉnh Lạng Sơn"
    empty.write_fragments([third])
    assert empty.read("MATCH (a:Agency) RETURN a.jurisdiction AS j") == [{"j": "tỉnh Lạng Sơn"}]


def open_store_like(store):
    """A second Store (its own driver) on the same database: another writer."""
    from graph.store import open_store

    return open_store(path=str(store.embedded.root), database=store.database)


def test_cited_by_count_backfilled_for_an_older_store(empty):
    empty.write_fragments([frag("d1"), frag("d2", symbol="57/KH-UBND")])
    empty.write("MATCH (n:Instrument) REMOVE n.cited_by_count")
    assert _counted(empty) == {}
    empty.ensure_schema()
    assert _counted(empty) == {"i:2318/KL-TTr": 2} == _recounted(empty)


def _key_types(store) -> dict[str, list[str]]:
    rows = store.embedded.sql(store.database, "SELECT name, keyTypes FROM schema:indexes")
    return {r["name"]: [str(k) for k in r["keyTypes"]] for r in rows}


def test_range_properties_are_typed_and_an_older_string_index_is_rebuilt(empty):
    """deadline_date is a DATE key (a date range is an index seek on ArcadeDB); a store
    whose index was built before the declaration (STRING keys) gets it rebuilt, rows kept."""
    assert _key_types(empty)["task_deadline_date"] == ["DATE"]
    assert _key_types(empty)["instrument_cited_by_count"] == ["LONG"]
    empty.write_fragments([frag("d1"), frag("d2", symbol="57/KH-UBND")])
    db = empty.database
    empty.embedded.sql(db, "DROP INDEX `task_deadline_date`")
    empty.embedded.sql(db, "DROP PROPERTY Task.deadline_date")
    empty.write("CREATE INDEX task_deadline_date IF NOT EXISTS FOR (n:Task) ON (n.deadline_date)")
    assert _key_types(empty)["task_deadline_date"] == ["STRING"]
    empty.ensure_schema()
    assert _key_types(empty)["task_deadline_date"] == ["DATE"]
    late = "MATCH (t:Task) WHERE t.deadline_date < $d RETURN t.id AS id ORDER BY id"
    assert [r["id"] for r in empty.read(late, d=date(2020, 4, 7))] == ["t:d1#0", "t:d2#0"]
    assert empty.read(late, d=date(2020, 4, 6)) == []


def test_edge_properties_a_row_lacks_are_not_stored(empty):
    """Edges of one type share one CREATE with the union of the batch's keys: a key one
    edge lacks must stay absent on it (no stored null), a key it has is stored as is."""
    a, b = frag("d1"), frag("d2", symbol="57/KH-UBND")
    b.edges[0] = Edge("IMPLEMENTS", "i:d2", "i:2318/KL-TTr", "Instrument", "Instrument",
                      {"source_doc": "d2", "status": "ambiguous", "cue": "triển khai", "count": 2})
    empty.write_fragments([a, b])
    rows = {r["d"]: r for r in empty.read(
        "MATCH (x:Instrument)-[r:IMPLEMENTS]->() RETURN r.source_doc AS d, keys(r) AS k, r.cue AS cue, "
        "r.count AS n, r.sentence AS s")}
    assert set(rows["d1"]["k"]) == {"source_doc", "status", "sentence"}
    assert rows["d1"]["cue"] is None and rows["d1"]["s"] == "thực hiện ..."
    assert set(rows["d2"]["k"]) == {"source_doc", "status", "cue", "count"}
    assert rows["d2"]["cue"] == "triển khai" and rows["d2"]["n"] == 2
    # a later batch lists the keys earlier batches had (one statement text to plan)
    empty.write_fragments([frag("d3", symbol="58/KH-UBND")])
    k3 = empty.read("MATCH ()-[r:IMPLEMENTS {source_doc: 'd3'}]->() RETURN keys(r) AS k")[0]["k"]
    assert set(k3) == {"source_doc", "status", "sentence"}


def test_statement_texts_repeat_across_batches():
    """With the store's key record, a batch whose edges lack a key an earlier batch had
    gets the same statement text as that batch (the server plans it once)."""
    from graph.store import Store

    keys: dict = {}
    a, b = frag("d1"), frag("d2", symbol="57/KH-UBND")
    b.edges[0].props["cue"] = "triển khai"
    text = lambda batch: [c for c, _ in batch.statements(None, keys) if "e:`IMPLEMENTS` {" in c]
    first = text(Store.prepare([b]))
    assert text(Store.prepare([a])) == first and "`cue`" in first[0]


def test_jvm_collector_follows_the_role(empty, tmp_path):
    """A query process (this one: the app, queries) keeps G1; an ingest process
    (`open_store(role="ingest")`, as `vbgraph ingest` does) runs the parallel collector
    and ArcadeDB's cheap page choice for new records (`bucketReuseSpaceMode=low`); a
    user's collector flag or ArcadeDB setting replaces the role's rather than conflicting."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from graph.embedded import jvm_args, jvm_collectors

    assert all(n.startswith("G1") for n in jvm_collectors()), jvm_collectors()
    probe = (
        "import os\n"
        "from graph.embedded import jvm_collectors\n"
        "from graph.store import open_store\n"
        f"s = open_store(path={str(tmp_path / 'db')!r}, role='ingest')\n"
        "import jpype\n"
        "mode = jpype.JClass('com.arcadedb.GlobalConfiguration').BUCKET_REUSE_SPACE_MODE.getValueAsString()\n"
        "print(jvm_collectors(), 'reuse', mode); s.close(); os._exit(0)\n")
    root = str(Path(__file__).resolve().parents[1])
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=180,
                         cwd=tmp_path, env={**os.environ, "PYTHONPATH": root})
    assert "['PS MarkSweep', 'PS Scavenge'] reuse low" in out.stdout, out.stdout + out.stderr
    assert jvm_args("", "ingest", "2g") == [
        "-XX:+UseParallelGC", "-Darcadedb.maxPageRAM=512", "-Darcadedb.queryMaxHeapRAM=1024",
        "-Darcadedb.bucketReuseSpaceMode=low"]
    assert jvm_args("-XX:+UseG1GC -Xss2m -Darcadedb.bucketReuseSpaceMode=high", "ingest", "2g") == [
        "-Darcadedb.maxPageRAM=512", "-Darcadedb.queryMaxHeapRAM=1024", "-XX:+UseG1GC", "-Xss2m",
        "-Darcadedb.bucketReuseSpaceMode=high"]
    assert jvm_args("-Darcadedb.maxPageRAM=100", "query", "5g") == [
        "-Darcadedb.queryMaxHeapRAM=1024", "-Darcadedb.maxPageRAM=100"]
    with pytest.raises(ValueError, match="unknown JVM role"):
        jvm_args("", "bulk")


def test_jvm_memory_follows_the_role():
    """A query process gets a heap of a quarter of RAM up to 5 GB, 60% of it the page cache
    (the 1M-document `implementers` needs it) and 20% the queries' buffers; the running JVM
    reports what it got; sizes parse as the JVM's, and a bad one is refused by name."""
    import os

    from graph.embedded import JVM_ROLES, heap_megabytes, jvm_memory, role_heap

    ram_mb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**20
    assert heap_megabytes(role_heap("query")) == max(1024, min(5120, ram_mb // 4))
    assert heap_megabytes(role_heap("ingest")) == max(1024, min(2048, ram_mb // 4))
    assert [heap_megabytes(s) for s in ("4g", "2048m", "524288k", str(2**30), " 1G ")] == [
        4096, 2048, 512, 1024, 1024]
    with pytest.raises(ValueError, match="not a JVM heap size: '4 GB'"):
        heap_megabytes("4 GB")
    mem = jvm_memory()  # this test process's JVM, started in the query role by the session
    heap, spec = heap_megabytes(os.environ.get("VBGRAPH_HEAP") or role_heap("query")), JVM_ROLES["query"]
    assert mem["heap_mb"] <= heap and mem["page_ram_mb"] == int(heap * spec.page_share), (heap, mem)
    assert mem["query_heap_mb"] == int(heap * spec.query_share), (heap, mem)


def test_counts_in_process_equal_cypher_counts(empty):
    """The embedded store counts from the types' buckets; the figures are Cypher's."""
    empty.write_fragments([frag("d1"), frag("d2", symbol="57/KH-UBND", cites="9/CT-TTg")])
    fast = empty.counts()
    slow = empty.cypher_counts(fast["nodes"], fast["edges"])
    assert fast == slow
    assert fast["nodes"]["Instrument"] == 4 and fast["edges"]["IMPLEMENTS"] == 2 and fast["edges"]["REPEALS"] == 0


def test_storable_properties_fast_path_equals_the_general_rule():
    """`storable_props` skips `storable_value` for plain values and caches key checks: the result
    must be what the general rule gives for every kind of value and key."""
    import enum

    from graph.store import IDENTIFIER, storable_value, storable_props

    class Kind(str, enum.Enum):
        PLAN = "KH"

    class Level(enum.IntEnum):
        PROVINCE = 1

    props = {"id": "i:1", "symbol": "56/KH-UBND", "tên": "Kế hoạch", "a-b": 1, "1x": 2, "n": 3, "f": 1.5,
             "ok": True, "none": None, "d": date(2020, 4, 1), "dt": datetime(2020, 4, 6, 14, 0),
             "kind": Kind.PLAN, "level": Level.PROVINCE, "list": ["a", None, 2], "tuple": ("x", "y"),
             "set": {3}, "nested": [{"x": 1}], "map": {"k": date(2020, 1, 1)}, "obj": object}
    general = {k: storable_value(v) for k, v in props.items() if k != "id" and IDENTIFIER.match(k)}
    for _ in range(2):  # the key cache: first and later calls alike
        assert storable_props(props) == general
    assert "id" not in general and "a-b" not in general and "tên" not in general
    assert general["map"] == '{"k": "2020-01-01"}' and general["list"] == ["a", 2]


def test_deadlines_read_back_as_written(empty):
    """Naive datetimes travel as pandas Timestamps when the driver has pandas (the fast
    path) and as datetimes outside a Timestamp's years: either way the stored value is
    the same local date-time, compared and indexed like one written from Cypher."""
    import sys

    from graph.store import storable_props

    when = {"d1": datetime(2020, 4, 6, 14, 0), "d2": datetime(2021, 12, 31, 23, 59, 58, 123456),
            "d3": datetime(2300, 1, 1, 8, 0), "d4": datetime(1500, 6, 1)}
    frags = []
    for doc, dl in when.items():
        f = frag(doc, symbol=f"{len(frags) + 1}/KH-UBND")
        f.nodes[3].props["deadline"] = dl
        frags.append(f)
    assert "pandas" in sys.modules  # the driver imported it: the fast path is the one tested
    assert type(storable_props({"x": when["d1"]})["x"]).__name__ == "Timestamp"
    assert type(storable_props({"x": when["d3"]})["x"]) is datetime
    empty.write_fragments(frags)
    rows = empty.read("MATCH (t:Task) RETURN t.source_doc AS d, t.deadline AS dl, t.deadline_date AS day")
    assert {r["d"]: r["dl"] for r in rows} == when
    assert {r["d"]: r["day"] for r in rows} == {d: v.date() for d, v in when.items()}
    later = empty.read("MATCH (t:Task) WHERE t.deadline > localdatetime('2021-12-31T23:59:58') "
                       "RETURN t.source_doc AS d ORDER BY d")
    assert [r["d"] for r in later] == ["d2", "d3"]
