"""ELI RDF export: ELI terms, stable IRIs, typed literals, round trips, documented vocabulary."""
from __future__ import annotations

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef

from graph.rdf import ELI, VBG, id_from_iri, node_iri, to_rdf, vocabulary, write_rdf

DEPRECATED = URIRef(str(ELI) + "implements")


def test_eli_terms(hand_graph):
    nodes, edges = hand_graph
    g = to_rdf(nodes, edges)
    notice, plan, decision = (node_iri("Instrument", n.id) for n in nodes[:3])
    assert (notice, RDF.type, ELI.LegalResource) in g
    assert (notice, ELI.id_local, Literal(nodes[0].id)) in g
    assert (notice, ELI.date_document, Literal("2020-04-03", datatype=XSD.date)) in g
    assert (plan, ELI.number, Literal("56")) in g
    assert (notice, ELI.title, Literal(nodes[0].props["title"], lang="vi")) in g
    assert (notice, ELI.passed_by, node_iri("Agency", "vn/tp-lang-son/ubnd")) in g
    assert (notice, ELI.based_on, plan) in g
    assert (notice, ELI.ensures_implementation_of, decision) in g
    assert (notice, ELI.cites, plan) in g
    assert (plan, ELI.based_on, decision) in g and (plan, VBG.guides, decision) in g      # GUIDES
    assert (decision, ELI.repeals, plan) in g and (decision, VBG.replaces, plan) in g     # REPLACES
    assert not list(g.triples((None, DEPRECATED, None)))
    concept = next(g.objects(notice, ELI.type_document))
    assert (concept, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"), Literal("Thông báo", lang="vi")) in g
    # tasks: assignee, coordinator, deadline, instrument
    task = node_iri("Task", nodes[6].id)
    assert (notice, VBG.assigns, task) in g
    assert (task, VBG.assignedTo, node_iri("Agency", "vn/tp-lang-son/phong-kinh-te")) in g
    assert (task, VBG.coordinatesWith, node_iri("Agency", "vn/tp-lang-son/ubnd")) in g
    assert (task, VBG.deadline, Literal("2020-04-06T14:00:00", datatype=XSD.dateTime)) in g
    assert (task, VBG.forInstrument, plan) in g
    # a person's title is a position, not a document title
    person = node_iri("Person", nodes[5].id)
    assert (person, VBG.position, Literal("Chủ tịch UBND thành phố", lang="vi")) in g
    assert not list(g.triples((person, ELI.title, None)))


def test_evidence_on_each_stated_relation(hand_graph):
    nodes, edges = hand_graph
    g = to_rdf(nodes, edges)
    ev = [e for e in g.subjects(VBG.relation, Literal("IMPLEMENTS"))]
    assert len(ev) == 2
    for e in ev:
        assert (e, RDF.type, VBG.Evidence) in g
        assert (e, RDF.predicate, ELI.ensures_implementation_of) in g
        assert g.value(e, VBG.citationStatus) == Literal("resolved")
        assert g.value(e, VBG.start).datatype == XSD.integer
        assert g.value(e, VBG.sourceDocument) is not None
        assert str(g.value(e, VBG.sentence)).startswith("Căn cứ")


def test_stable_iris():
    iri = node_iri("Instrument", "vn/ubnd-tinh-lang-son/2020/QĐ/665")
    assert str(iri) == "https://vbgraph.example/eli/vn/ubnd-tinh-lang-son/2020/Q%C4%90/665"
    assert str(iri).isascii()
    assert id_from_iri(iri) == "vn/ubnd-tinh-lang-son/2020/QĐ/665"
    assert str(node_iri("Agency", "vn/tp-lang-son/ubnd")) == "https://vbgraph.example/id/agency/vn/tp-lang-son/ubnd"


def test_turtle_and_jsonld_round_trip(hand_graph, tmp_path):
    nodes, edges = hand_graph
    original = to_rdf(nodes, edges)
    for fmt, parse_as, name in (("turtle", "turtle", "g.ttl"), ("jsonld", "json-ld", "g.jsonld")):
        n = write_rdf(nodes, edges, tmp_path / name, fmt)
        back = Graph().parse(tmp_path / name, format=parse_as)
        assert len(back) == n == len(original), fmt
        assert set(back) == set(original), fmt


def test_vocabulary_documents_every_project_term(hand_graph):
    """Every vbg: term the export uses has rdfs:label and rdfs:comment in vi and en."""
    vocab = vocabulary()
    g = to_rdf(*hand_graph)
    used = {t for triple in g for t in triple if isinstance(t, URIRef) and str(t).startswith(str(VBG))}
    missing = []
    for term in sorted(used):
        langs = {(p, o.language) for p in (RDFS.label, RDFS.comment) for o in vocab.objects(term, p)}
        if not {(RDFS.label, "vi"), (RDFS.label, "en"), (RDFS.comment, "vi"), (RDFS.comment, "en")} <= langs:
            missing.append(str(term))
    assert not missing, f"document these in graph/data/vbgraph_vocab.ttl: {missing}"
