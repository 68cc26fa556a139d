"""Shared fixtures. This file is shared by every test module: append, don't rewrite."""
import pytest

from paths import CORPUS, SEEDS, SHARED


@pytest.fixture(scope="session")
def shared_dir():
    if not SHARED.is_dir():
        pytest.fail(f"../shared not found at {SHARED}: CI clones the repo with shared/ beside it")
    return SHARED


@pytest.fixture(scope="session")
def corpus_dir(shared_dir):
    return CORPUS


@pytest.fixture(scope="session")
def seeds_dir():
    return SEEDS


# --- export/RDF tests (graph/export.py, graph/rdf.py): a small hand-built graph ------
@pytest.fixture
def hand_graph():
    """(nodes, edges) covering every label, typed properties, quotes, newlines and Đ."""
    from datetime import date, datetime

    from graph.model import Edge, Node

    plan = "vn/ubnd-tinh-lang-son/2020/KH/56"
    notice = "vn/ubnd-tp-lang-son/2020/TB/_20200403-b6f662df"
    decision = "vn/ubnd-tinh-lang-son/2020/QĐ/665"
    city, dept = "vn/tp-lang-son/ubnd", "vn/tp-lang-son/phong-kinh-te"
    person, task = "vn/tp-lang-son/person/le-tri-thuc", notice + "/task/1"
    nodes = [
        Node("Instrument", notice, {"symbol": "/TB-UBND", "type": "TB", "type_name": "Thông báo",
                                    "date": date(2020, 4, 3), "year": 2020, "has_text": True,
                                    "title": 'Kết luận giao ban "thường kỳ"\nngày 03/4'}),
        Node("Instrument", plan, {"symbol": "56/KH-UBND", "number": "56", "type": "KH", "year": 2020,
                                  "date": date(2020, 4, 1), "has_text": False, "status": "resolved"}),
        Node("Instrument", decision, {"symbol": "665/QĐ-UBND", "number": "665", "type": "QĐ",
                                      "year": 2020, "has_text": False}),
        Node("Agency", city, {"name": "UBND thành phố Lạng Sơn"}),
        Node("Agency", dept, {"name": "Phòng Kinh tế", "aliases": ["Phòng KT", "P. Kinh tế"]}),
        Node("Person", person, {"name": "Lê Trí Thức", "title": "Chủ tịch UBND thành phố"}),
        Node("Task", task, {"action": "Tham mưu triển khai; it's urgent", "deadline": datetime(2020, 4, 6, 14, 0),
                            "deadline_text": "chậm nhất 14h00 ngày 06/4/2020", "sentence": "2. Phòng Kinh tế: ...",
                            "start": 120, "end": 180, "source_doc": "seeds/000.txt"}),
    ]
    ev = {"source_doc": "seeds/000.txt", "sentence": "Căn cứ kế hoạch số 56/KH-UBND ngày 01/4/2020",
          "start": 10, "end": 40, "status": "resolved", "cue": "Căn cứ"}
    edges = [
        Edge("BASED_ON", notice, plan, "Instrument", "Instrument", dict(ev)),
        Edge("IMPLEMENTS", notice, decision, "Instrument", "Instrument", dict(ev, start=50, end=70, cue="thực hiện")),
        Edge("IMPLEMENTS", plan, decision, "Instrument", "Instrument", dict(ev, source_doc="seeds/001.txt")),
        Edge("CITES", notice, plan, "Instrument", "Instrument", dict(ev, start=200, end=210, cue=None)),
        Edge("GUIDES", plan, decision, "Instrument", "Instrument", dict(ev, start=300, end=310)),
        Edge("REPLACES", decision, plan, "Instrument", "Instrument", dict(ev, start=400, end=410)),
        Edge("ISSUED_BY", notice, city, "Instrument", "Agency", {"source_doc": "seeds/000.txt"}),
        Edge("CHAIRED_BY", notice, person, "Instrument", "Person", {"source_doc": "seeds/000.txt"}),
        Edge("ASSIGNS", notice, task, "Instrument", "Task", {"source_doc": "seeds/000.txt"}),
        Edge("ASSIGNED_TO", task, dept, "Task", "Agency", {"source_doc": "seeds/000.txt"}),
        Edge("COORDINATES_WITH", task, city, "Task", "Agency", {"source_doc": "seeds/000.txt"}),
        Edge("FOR_INSTRUMENT", task, plan, "Task", "Instrument", {"source_doc": "seeds/000.txt"}),
    ]
    return nodes, edges


# --- server mode (graph/server.py, tests/servers.py): one Bolt server per session ----------
@pytest.fixture(scope="session")
def bolt_server(tmp_path_factory):
    """The server-mode tests' server, a `servers.TestServer` (uri, user, password, database,
    env(), fresh_database(name)): the running server `VBGRAPH_TEST_URI` names, else a
    standalone ArcadeDB+Bolt server process (`python -m graph.server`, free loopback ports,
    1g heap, random password in the environment only), stopped after the session."""
    from graph.server import spawn
    from servers import TestServer, external_server

    external = external_server()
    if external is not None:
        yield external
        return
    proc = spawn(tmp_path_factory.mktemp("bolt-server"))
    try:
        yield TestServer(proc.uri, proc.user, proc.password, "vbgraph", proc.proc.pid, proc.root,
                         proc.create_database)
    finally:
        proc.stop()


# --- graph store (embedded ArcadeDB over Bolt): one server per test session ---------------
@pytest.fixture(scope="session")
def graph_root(tmp_path_factory):
    """Folder of the session's embedded ArcadeDB server."""
    return tmp_path_factory.mktemp("graphdb")


@pytest.fixture(scope="session")
def store_factory(graph_root):
    """`make(database) -> Store`: a store (schema ensured) on the session's embedded server.

    One JVM and one server per session (heap 1g unless VBGRAPH_HEAP says otherwise);
    use a distinct database name for an empty graph.
    """
    import os

    os.environ.setdefault("VBGRAPH_HEAP", "1g")
    from graph.store import open_store

    opened = []

    def make(database: str = "vbgraph_test"):
        s = open_store(path=str(graph_root), database=database)
        s.ensure_schema()
        opened.append(s)
        return s

    yield make
    for s in opened:
        s.close()


@pytest.fixture(scope="session")
def store(store_factory):
    """The shared session store (database "vbgraph_test")."""
    return store_factory("vbgraph_test")


# --- the Streamlit explorer (tests/test_app*.py, tests/test_e2e_browser.py) ---------------
@pytest.fixture(scope="session")
def app_store(store_factory, graph_root, seeds_dir):
    """The seeds ingested (real graph.ingest) into database "app_seeds" of the session
    server; VBGRAPH_DB / VBGRAPH_DATABASE point the in-process app (AppTest) at it."""
    import os

    from graph.ingest import ingest

    s = store_factory("app_seeds")
    ingest([seeds_dir], s, progress=False)
    os.environ["VBGRAPH_DB"] = str(graph_root)
    os.environ["VBGRAPH_DATABASE"] = "app_seeds"
    os.environ.pop("VBGRAPH_URI", None)
    return s


# --- the server-mode comparisons (tests/test_server_mode.py, tests/test_shard.py) -----------
@pytest.fixture(scope="session")
def twin_inputs(seeds_dir, corpus_dir):
    """The inputs a server-mode test ingests into the server: the seeds + Bình Dương metadata."""
    return [str(seeds_dir), str(corpus_dir / "binhduong" / "vbcddh.jsonl")]


@pytest.fixture(scope="session")
def embedded_twin(store_factory, twin_inputs):
    """`twin_inputs` ingested in process into the embedded store (database "server_twin"):
    the graph every server must hold after ingesting them."""
    from graph.ingest import ingest

    s = store_factory("server_twin")
    ingest(twin_inputs, s, progress=False)
    return s
