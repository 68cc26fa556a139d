"""graph/nx_graph.py: the networkx graph of the seeds (real loaders), exports and analysis."""
import json
from datetime import date
from functools import cache

import networkx as nx
import pytest

from graph.model import Edge, Fragment, Node
from graph.nx_graph import (
    build_nx, citation_cycles, components, from_rows, instrument_pagerank, read_jsonl, write_gexf,
    write_graphml, write_jsonl,
)
from test_build import bd_doc, bd_rows, frag
from graph.build import document_fragment


@cache
def seeds_graph() -> nx.MultiDiGraph:
    return build_nx(frag(k) for k in ("000", "001", "002", "003", "004"))


def test_build_nx_from_seeds():
    g = seeds_graph()
    n56 = "vn/ubnd-tinh-lang-son/2020/KH/56"
    assert g.nodes[n56]["label"] == "Instrument" and g.nodes[n56]["status"] == "resolved"
    me = frag("000").nodes[0].id
    assert g.nodes[me]["authoritative"] and g.nodes[me]["has_text"]
    assert g.has_edge(me, n56, key="IMPLEMENTS")
    assert g.has_edge(n56, "vn/thanh-tra-chinh-phu/2019/KL/2318", key="IMPLEMENTS")
    assert g.edges[me, n56, "IMPLEMENTS"]["type"] == "IMPLEMENTS"
    # the two city notices share the city's UBND agency node
    assert g.has_edge(me, "vn/tp-lang-son/ubnd", key="ISSUED_BY")
    assert g.has_edge("vn/ubnd-tp-lang-son/2021/TB/311", "vn/tp-lang-son/ubnd", key="ISSUED_BY")


def test_loaded_document_props_win_over_citations():
    cited = Fragment("a", "h", [Node("Instrument", "vn/x/2020/KH/1", {"id": "vn/x/2020/KH/1", "has_text": False,
                                                                     "subject": "as cited", "status": "resolved"})],
                     [])
    loaded = Fragment("b", "h", [Node("Instrument", "vn/x/2020/KH/1", {"id": "vn/x/2020/KH/1", "has_text": True,
                                                                      "doc_id": "b"}, authoritative=True)], [])
    for order in ([cited, loaded], [loaded, cited]):
        g = build_nx(order)
        d = g.nodes["vn/x/2020/KH/1"]
        assert d["has_text"] is True and d["authoritative"] and d["subject"] == "as cited" and d["doc_id"] == "b"


def test_same_edge_from_two_documents_counts_both():
    e = lambda doc: Edge("IMPLEMENTS", "vn/a/2020/KH/1", "vn/b/2019/KL/2", "Instrument", "Instrument",
                         {"source_doc": doc, "count": 1})
    g = build_nx([Fragment("d1", "h", [], [e("d1")]), Fragment("d2", "h", [], [e("d2")])])
    d = g.edges["vn/a/2020/KH/1", "vn/b/2019/KL/2", "IMPLEMENTS"]
    assert d["source_docs"] == ["d1", "d2"] and d["count"] == 2
    assert g.number_of_edges() == 1


def test_from_rows_rebuilds_the_same_graph():
    g = seeds_graph()
    nodes = [{"id": n, "label": d["label"], "props": {k: v for k, v in d.items() if k not in ("label", "authoritative")},
              "authoritative": d["authoritative"]} for n, d in g.nodes(data=True)]
    edges = [{"src": u, "dst": v, "type": k, "props": {x: y for x, y in d.items() if x not in ("type", "source_docs")}}
             for u, v, k, d in g.edges(keys=True, data=True)]
    h = from_rows(nodes, edges)
    assert set(h.nodes) == set(g.nodes)
    assert set(h.edges(keys=True)) == set(g.edges(keys=True))
    assert h.nodes[frag("000").nodes[0].id]["date"] == date(2020, 4, 3)


def test_graphml_round_trip(tmp_path):
    g = seeds_graph()
    path = tmp_path / "g.graphml"
    write_graphml(g, path)
    h = nx.read_graphml(path, force_multigraph=True)
    assert set(h.nodes) == set(g.nodes) and h.number_of_edges() == g.number_of_edges()
    me = frag("000").nodes[0].id
    assert h.nodes[me]["date"] == "2020-04-03" and "text" not in h.nodes[me]
    spans = json.loads(h.nodes[me]["spans"])
    assert any(s["target"] == "vn/ubnd-tinh-lang-son/2020/KH/56" for s in spans)
    write_graphml(g, tmp_path / "t.graphml", text=True)
    assert nx.read_graphml(tmp_path / "t.graphml").nodes[me]["text"] == g.nodes[me]["text"]


def test_gexf_round_trip(tmp_path):
    g = seeds_graph()
    path = tmp_path / "g.gexf"
    write_gexf(g, path)
    h = nx.read_gexf(path)
    assert set(h.nodes) == set(g.nodes)
    n56 = "vn/ubnd-tinh-lang-son/2020/KH/56"
    assert h.nodes[n56]["kind"] == "Instrument" and h.nodes[n56]["label"] == "Kế hoạch 56/KH-UBND"


def test_jsonl_round_trip(tmp_path):
    g = seeds_graph()
    path = tmp_path / "g.jsonl"
    write_jsonl(g, path)
    lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    assert sum(r["kind"] == "node" for r in lines) == g.number_of_nodes()
    assert sum(r["kind"] == "edge" for r in lines) == g.number_of_edges()
    h = read_jsonl(path)
    assert set(h.edges(keys=True)) == set(g.edges(keys=True))
    assert h.nodes["vn/ubnd-tinh-lang-son/2020/KH/56"]["date"] == "2020-04-01"


def test_analysis_on_seeds():
    g = seeds_graph()
    ranked = dict(instrument_pagerank(g))
    assert ranked and all(g.nodes[n]["label"] == "Instrument" for n in ranked)
    # 2318/KL-TTr is cited by the notice and by 56/KH-UBND: above the notice itself
    assert ranked["vn/thanh-tra-chinh-phu/2019/KL/2318"] > ranked[frag("000").nodes[0].id]
    comp = components(g)
    first = next(c for c in comp if "vn/ubnd-tinh-lang-son/2020/KH/56" in c)
    assert {frag("000").nodes[0].id, "vn/thanh-tra-chinh-phu/2019/KL/2318"} <= first
    assert citation_cycles(g) == []


def test_binhduong_amendment_chain_is_connected():
    """Loaded rows and the rows that amend them form one component per chain."""
    from test_build import amend_pairs
    pairs = amend_pairs()[:10]
    rows = sorted({i for p in pairs for i in p})
    g = build_nx(document_fragment(bd_doc(i)) for i in rows)
    for i, j in pairs:
        a, b = document_fragment(bd_doc(i)).nodes[0].id, document_fragment(bd_doc(j)).nodes[0].id
        assert g.nodes[b]["authoritative"]
        assert any(a in c and b in c for c in components(g))


def test_cycles_found():
    e = lambda s, d: Edge("CITES", s, d, "Instrument", "Instrument", {"source_doc": "x"})
    g = build_nx([Fragment("x", "h", [], [e("a", "b"), e("b", "c"), e("c", "a"), e("c", "d")])])
    (cyc,) = citation_cycles(g)
    assert sorted(cyc) == ["a", "b", "c"]
    assert instrument_pagerank(g, top=1)[0][0] in {"a", "b", "c", "d"}


def test_pagerank_matches_networkx_reference():
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
    from graph.nx_graph import pagerank
    h = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("d", "c"), ("e", "d"), ("a", "f")])
    ref = _pagerank_python(h, tol=1e-12, max_iter=500)
    ours = pagerank(h)
    assert all(abs(ours[n] - ref[n]) < 1e-6 for n in h)


def test_rows_with_empty_props_get_no_stray_props_key():
    from graph.nx_graph import from_rows

    g = from_rows([{"id": "a", "label": "Agency", "props": {}}],
                  [{"src": "a", "dst": "b", "type": "CITES", "props": {}}])
    assert "props" not in g.nodes["a"]
    assert "props" not in g.edges["a", "b", "CITES"]
