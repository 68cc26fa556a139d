"""Bulk exports: neo4j-admin CSV files and the Cypher script (replayed on a real server)."""
from __future__ import annotations

import csv
import json
import re
from datetime import date, datetime
from pathlib import Path

import pytest

from graph.export import cypher_literal, read_cypher_script, write_cypher, write_neo4j_csv

HEADER = re.compile(r"^(?P<name>[^:]*):(?P<kind>ID|START_ID|END_ID|LABEL|TYPE|[a-z]+(\[\])?)(\((?P<space>\w+)\))?$")
PARSE = {"int": int, "long": int, "double": float, "boolean": lambda v: v == "true",
         "date": date.fromisoformat, "datetime": datetime.fromisoformat, "string": str}


def load_csv_like_neo4j_admin(directory: Path):
    """Read the files back by the rules of `neo4j-admin database import` headers."""
    nodes, rels = {}, []
    for path in sorted(directory.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        header = [HEADER.match(h) for h in rows[0]]
        assert all(header), f"{path.name}: bad header {rows[0]}"
        for row in rows[1:]:
            rec: dict = {"props": {}}
            for m, cell in zip(header, row):
                kind, name = m["kind"], m["name"]
                if kind in ("ID", "START_ID", "END_ID"):
                    rec[kind] = (m["space"], cell)
                elif kind in ("LABEL", "TYPE"):
                    rec[kind] = cell
                elif cell != "":
                    base = kind.removesuffix("[]")
                    rec["props"][name] = ([PARSE[base](v) for v in cell.split(";")]
                                          if kind.endswith("[]") else PARSE[base](cell))
            if "ID" in rec:
                nodes[rec["ID"]] = rec
            else:
                rels.append(rec)
    return nodes, rels


def test_neo4j_csv_headers_and_files(hand_graph, tmp_path):
    nodes, edges = hand_graph
    out = write_neo4j_csv(nodes, edges, tmp_path)
    names = sorted(p.name for p in tmp_path.glob("*.csv"))
    assert names == sorted([f"nodes_{x}.csv" for x in ("Agency", "Instrument", "Person", "Task")]
                           + [f"rels_{t}_{s}_{d}.csv" for t, s, d in {(e.type, e.src_label, e.dst_label) for e in edges}])
    head = lambda name: next(csv.reader((tmp_path / name).open(encoding="utf-8")))  # noqa: E731
    assert head("nodes_Instrument.csv") == [
        "id:ID(Instrument)", ":LABEL", "date:date", "has_text:boolean", "number:string", "status:string",
        "symbol:string", "title:string", "type:string", "type_name:string", "year:int"]
    assert head("nodes_Task.csv")[:4] == ["id:ID(Task)", ":LABEL", "action:string", "deadline:datetime"]
    assert "aliases:string[]" in head("nodes_Agency.csv")
    assert head("rels_ISSUED_BY_Instrument_Agency.csv")[:3] == [":START_ID(Instrument)", ":END_ID(Agency)", ":TYPE"]
    assert head("rels_IMPLEMENTS_Instrument_Instrument.csv") == [
        ":START_ID(Instrument)", ":END_ID(Instrument)", ":TYPE", "cue:string", "end:int", "sentence:string",
        "source_doc:string", "start:int", "status:string"]
    # the command, printed and in IMPORT.txt, names every file
    text = (tmp_path / "IMPORT.txt").read_text(encoding="utf-8")
    assert out.command in text and out.command.startswith("neo4j-admin database import full ")
    for p in tmp_path.glob("*.csv"):
        assert str(p) in out.command


def test_neo4j_csv_reads_back_by_header_rules(hand_graph, tmp_path):
    nodes, edges = hand_graph
    write_neo4j_csv(nodes, edges, tmp_path)
    got_nodes, got_rels = load_csv_like_neo4j_admin(tmp_path)
    assert len(got_nodes) == len(nodes) and len(got_rels) == len(edges)
    for rel in got_rels:  # every relationship end exists among the node files, in its ID space
        assert rel["START_ID"] in got_nodes and rel["END_ID"] in got_nodes
    for n in nodes:  # typed values survive (dates, datetimes, booleans, ints, arrays, newlines)
        props = {k: v for k, v in n.props.items() if v is not None}
        assert got_nodes[(n.label, n.id)]["props"] == props
        assert got_nodes[(n.label, n.id)]["LABEL"] == n.label


def test_cypher_literals_escape():
    assert cypher_literal("it's \"x\"\n\\") == "'it\\'s \"x\"\\n\\\\'"
    assert cypher_literal(date(2020, 4, 3)) == "date('2020-04-03')"
    assert cypher_literal(datetime(2020, 4, 6, 14)) == "datetime('2020-04-06T14:00:00')"
    assert cypher_literal({"a b": [1, True, None]}) == "{`a b`: [1, true, null]}"


def test_cypher_script_shape(hand_graph, tmp_path):
    nodes, edges = hand_graph
    path = tmp_path / "graph.cypher"
    n = write_cypher(nodes, edges, path, batch=2)
    stmts = list(read_cypher_script(path))
    assert len(stmts) == n
    constraints = [s for s in stmts if s.startswith("CREATE CONSTRAINT")]
    assert len(constraints) == 4 and stmts[:4] == constraints
    assert all(re.fullmatch(r"CREATE CONSTRAINT \w+ IF NOT EXISTS FOR \(n:\w+\) REQUIRE n\.id IS UNIQUE", s)
               for s in constraints)
    assert all(s.startswith("UNWIND [") and " MERGE " in s for s in stmts[4:])


def _counts(session) -> tuple[dict, dict]:
    nodes = {r["l"]: r["c"] for r in session.run("MATCH (n) RETURN labels(n)[0] AS l, count(n) AS c")}
    rels = {r["t"]: r["c"] for r in session.run("MATCH ()-[r]->() RETURN type(r) AS t, count(r) AS c")}
    return nodes, rels


@pytest.mark.server
def test_cypher_script_replays_on_a_server(hand_graph, tmp_path, bolt_server):
    """Replay against a fresh database of a real server (Bolt): same counts, twice."""
    from neo4j import GraphDatabase

    nodes, edges = hand_graph
    path = tmp_path / "graph.cypher"
    write_cypher(nodes, edges, path, batch=2)
    database = bolt_server.fresh_database("replay_hand")
    want_nodes = {lbl: sum(n.label == lbl for n in nodes) for lbl in {n.label for n in nodes}}
    want_rels = {t: sum(e.type == t for e in edges) for t in {e.type for e in edges}}
    with GraphDatabase.driver(bolt_server.uri, auth=(bolt_server.user, bolt_server.password)) as driver:
        with driver.session(database=database) as session:
            for _ in range(2):  # MERGE: a second replay changes nothing
                for stmt in read_cypher_script(path):
                    session.run(stmt).consume()
                assert _counts(session) == (want_nodes, want_rels)
            row = session.run("MATCH (t:Task) RETURN t.deadline AS d, t.action AS a").single()
            assert row["d"].to_native().replace(tzinfo=None) == datetime(2020, 4, 6, 14)
            assert row["a"] == "Tham mưu triển khai; it's urgent"
            title = session.run("MATCH (n:Instrument {id: $id}) RETURN n.title AS t",
                                id=nodes[0].id).single()["t"]
            assert title == nodes[0].props["title"]


def test_graphml_gexf_jsonl_dispatch(hand_graph, tmp_path):
    """GraphML/GEXF (Gephi) and JSONL go through graph/nx_graph.py writers."""
    import networkx as nx

    from graph.export import export

    nodes, edges = hand_graph
    distinct = {(e.src, e.type, e.dst) for e in edges}  # nx keys parallel edges by type
    for fmt in ("graphml", "gexf", "jsonl"):
        export(nodes, edges, fmt, tmp_path / f"g.{fmt}")
    g = nx.read_graphml(tmp_path / "g.graphml")
    assert g.number_of_nodes() == len(nodes) and g.number_of_edges() == len(distinct)
    assert g.nodes[nodes[0].id]["label"] == "Instrument"
    g = nx.read_gexf(tmp_path / "g.gexf")
    assert g.number_of_nodes() == len(nodes) and g.number_of_edges() == len(distinct)
    rows = [json.loads(line) for line in (tmp_path / "g.jsonl").open(encoding="utf-8")]
    assert sum(r["kind"] == "node" for r in rows) == len(nodes)
    assert sum(r["kind"] == "edge" for r in rows) == len(distinct)


class BoltReader:
    """`read(cypher, **params)` over a neo4j driver session: the interface read_graph uses."""

    def __init__(self, session):
        self.session = session

    def read(self, cypher, **params):
        return self.session.run(cypher, **params).data()


@pytest.mark.server
def test_read_graph_round_trips_through_a_server(hand_graph, tmp_path, bolt_server):
    """Script -> real server -> read_graph (paginated): the same nodes, edges and typed values."""
    from neo4j import GraphDatabase

    from queries.dump import read_graph

    nodes, edges = hand_graph
    path = tmp_path / "graph.cypher"
    write_cypher(nodes, edges, path)
    database = bolt_server.fresh_database("roundtrip_hand")
    with GraphDatabase.driver(bolt_server.uri, auth=(bolt_server.user, bolt_server.password)) as driver:
        with driver.session(database=database) as session:
            for stmt in read_cypher_script(path):
                session.run(stmt).consume()
            got_nodes, got_edges = read_graph(BoltReader(session), page_size=3)

    def norm(props):  # the server hands datetimes back in UTC
        return {k: v.replace(tzinfo=None) if isinstance(v, datetime) else v for k, v in props.items()}

    assert sorted((n.label, n.id, repr(sorted(norm(n.props).items()))) for n in got_nodes) == \
        sorted((n.label, n.id, repr(sorted(n.props.items()))) for n in nodes)
    key = lambda e: (e.type, e.src, e.dst, e.src_label, e.dst_label, repr(sorted(e.props.items())))  # noqa: E731
    clean = [type(e)(e.type, e.src, e.dst, e.src_label, e.dst_label, {k: v for k, v in e.props.items() if v is not None})
             for e in edges]
    assert sorted(map(key, got_edges)) == sorted(map(key, clean))


def test_seed_exports_replay_through_the_store(store_factory, seeds_dir, tmp_path):
    """Seeds ingested in the store -> read_graph -> Cypher script replayed through the
    store's driver into a fresh database: same node and edge counts. The CSV files of the
    same graph keep every relationship end among the nodes."""
    from queries.dump import read_graph
    from graph.ingest import ingest
    from graph.model import EDGE_TYPES, NODE_LABELS

    source = store_factory("export_seeds")
    ingest([str(seeds_dir)], source, progress=False)
    nodes, edges = read_graph(source, page_size=50)
    assert len(nodes) > 50 and len(edges) > 50
    path = tmp_path / "seeds.cypher"
    write_cypher(nodes, edges, path)
    fresh = store_factory("replay_seeds")
    for stmt in read_cypher_script(path):
        fresh.write(stmt)

    def counts(store):
        c = store.counts()
        return ({k: v for k, v in c["nodes"].items() if k in NODE_LABELS},
                {k: v for k, v in c["edges"].items() if k in EDGE_TYPES})

    assert counts(fresh) == counts(source)
    assert sum(counts(fresh)[1].values()) == len(edges)

    write_neo4j_csv(nodes, edges, tmp_path / "csv")
    got_nodes, got_rels = load_csv_like_neo4j_admin(tmp_path / "csv")
    assert len(got_nodes) == len(nodes) and len(got_rels) == len(edges)
    assert all(r["START_ID"] in got_nodes and r["END_ID"] in got_nodes for r in got_rels)


def test_export_command_every_format(store_factory, graph_root, seeds_dir, tmp_path, capsys):
    """`vbgraph export --format F DEST` on the embedded store, for every format."""
    from graph.export import FORMATS
    from graph.ingest import ingest
    from vbgraph.cli import main

    ingest([str(seeds_dir)], store_factory("export_cli"), progress=False)
    for fmt in FORMATS:
        dest = tmp_path / ("csv" if fmt == "neo4j-csv" else f"graph.{fmt}")
        assert main(["export", "--format", fmt, str(dest), "--db", str(graph_root), "--database", "export_cli"]) == 0
        assert dest.exists()
    out = capsys.readouterr().out
    assert "neo4j-admin database import full" in out
    assert (tmp_path / "csv" / "IMPORT.txt").read_text(encoding="utf-8").count("neo4j-admin") == 2
