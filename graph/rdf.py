"""The graph as RDF in the ELI ontology (http://data.europa.eu/eli/ontology#).

Instruments are `eli:LegalResource`s; citation edges become ELI relations (DOMAIN.md §3);
what ELI has no term for (tasks, assignees, coordinators, deadlines, evidence, citation
status) uses the project vocabulary `vbg:` (https://vbgraph.example/ns#), documented in
graph/data/vbgraph_vocab.ttl. Each stated edge also gets a `vbg:Evidence` (an
`rdf:Statement`) with the sentence, offsets, source document and status.

An instrument's validity is derived on the export's day (`graph.validity`, never stored):
`eli:in_force`, `eli:first_date_entry_in_force`, `eli:date_no_longer_in_force`, with the
finer status ELI lacks as `vbg:validityStatus` and that day as `vbg:validityOn`.

IRIs are stable: a base per node label + the canonical ID, percent-encoded as UTF-8
(`Đ` -> `%C4%90`), e.g. https://vbgraph.example/eli/vn/ubnd-tinh-lang-son/2020/KH/56.
"""
from __future__ import annotations

import hashlib
import re
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import quote, unquote

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import FOAF, SKOS

from domain.validity import EXPIRED, REPEALED, REPLACED, UNKNOWN, eli_in_force
from graph.model import AGENCY, INSTRUMENT, PERSON, TASK, Edge, Node
from graph.validity import Validity, assess_graph

ELI = Namespace("http://data.europa.eu/eli/ontology#")
VBG = Namespace("https://vbgraph.example/ns#")
SITE = "https://vbgraph.example/"
BASES = {INSTRUMENT: SITE + "eli/", AGENCY: SITE + "id/agency/", PERSON: SITE + "id/person/",
         TASK: SITE + "id/task/"}
DOCTYPE = Namespace(SITE + "ns/doctype/")
EVIDENCE = SITE + "evidence/"
LANG = "vi"

CLASSES = {INSTRUMENT: ELI.LegalResource, AGENCY: VBG.Agency, PERSON: VBG.Person, TASK: VBG.Task}
# edge type -> RDF properties (the ELI term first; a vbg: sub-property keeps the nuance)
RELATIONS: dict[str, tuple[URIRef, ...]] = {
    "CITES": (ELI.cites,),
    "IMPLEMENTS": (ELI.ensures_implementation_of,),
    "BASED_ON": (ELI.based_on,),
    "GUIDES": (ELI.based_on, VBG.guides),
    "AMENDS": (ELI.amends,),
    "REPLACES": (ELI.repeals, VBG.replaces),
    "REPEALS": (ELI.repeals,),
    "CORRECTS": (ELI.corrects,),
    "DETAILS": (ELI.based_on, VBG.details),
    "CONSOLIDATES": (ELI.consolidates,),
    "SUSPENDS": (VBG.suspends,),
    "ANNULS": (ELI.repeals, VBG.annuls),
    "EXTENDS": (VBG.extends,),
    "ISSUED_BY": (ELI.passed_by,),
    "SIGNED_BY": (VBG.signedBy,),
    "CHAIRED_BY": (VBG.chairedBy,),
    "SENT_TO": (VBG.sentTo,),
    "ASSIGNS": (VBG.assigns,),
    "ASSIGNED_TO": (VBG.assignedTo,),
    "COORDINATES_WITH": (VBG.coordinatesWith,),
    "FOR_INSTRUMENT": (VBG.forInstrument,),
}
# node/edge property -> RDF property (anything else: vbg:<camelCase key>)
PROPERTIES: dict[str, URIRef] = {
    "number": ELI.number, "date": ELI.date_document, "title": ELI.title, "subject": ELI.title,
    "symbol": VBG.symbol, "status": VBG.citationStatus, "name": RDFS.label,
    "sentence": VBG.sentence, "start": VBG.start, "end": VBG.end,
    "source_doc": VBG.sourceDocument, "cue": VBG.cue, "deadline": VBG.deadline,
    "deadline_text": VBG.deadlineText, "action": VBG.action, "has_text": VBG.hasText,
    "type_name": None,  # folded into the eli:type_document concept
}
# on anything but an instrument, "title" is a person's position, not a document title
OTHER_PROPERTIES: dict[str, URIRef] = {"title": VBG.position, "subject": VBG.subject,
                                      "date": VBG.date, "number": VBG.number}
# a task's text is what it asks (graph/build.py stores it as "text")
TASK_PROPERTIES: dict[str, URIRef] = {"text": VBG.action}
SKIP_KEYS = {"id", "spans"}  # the ID is in the IRI (and eli:id_local / vbg:id)
TEXT_KEYS = {"title", "subject", "sentence", "action", "name", "deadline_text", "type_name",
             "issuer", "place", "cue", "text", "province", "jurisdiction", "authority"}
EVIDENCE_KEYS = ("sentence", "start", "end", "source_doc", "status", "cue")
ENDED = (EXPIRED, REPEALED, REPLACED)  # statuses whose `since` is the day it is no longer in force


def node_iri(label: str, node_id: str) -> URIRef:
    """The stable IRI of a node: base for its label + percent-encoded canonical ID."""
    return URIRef(BASES.get(label, SITE + "id/" + label.lower() + "/") + quote(node_id, safe="/-._~"))


def id_from_iri(iri: str) -> str:
    """The canonical ID back from a node IRI."""
    for base in BASES.values():
        if iri.startswith(base):
            return unquote(iri[len(base):])
    raise ValueError(f"not a vbgraph node IRI: {iri}")


def _camel(key: str) -> str:
    head, *rest = re.split(r"[_\W]+", key)
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def literal(key: str, value: Any) -> Literal:
    """A typed literal: xsd:date/dateTime/integer/boolean/double; Vietnamese text @vi."""
    if isinstance(value, bool):
        return Literal(value, datatype=XSD.boolean)
    if isinstance(value, int):
        return Literal(value, datatype=XSD.integer)
    if isinstance(value, float):
        return Literal(value, datatype=XSD.double)
    if isinstance(value, datetime):
        return Literal(value.isoformat(), datatype=XSD.dateTime)
    if isinstance(value, date):
        return Literal(value.isoformat(), datatype=XSD.date)
    if isinstance(value, str) and key in ("date",) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Literal(value, datatype=XSD.date)
    if isinstance(value, str) and key == "deadline" and re.fullmatch(r"\d{4}-\d{2}-\d{2}T[\d:.]+.*", value):
        return Literal(value, datatype=XSD.dateTime)
    if key in TEXT_KEYS:
        return Literal(str(value), lang=LANG)
    return Literal(str(value))


def _prop(key: str, instrument: bool = True, task: bool = False) -> URIRef | None:
    if task and key in TASK_PROPERTIES:
        return TASK_PROPERTIES[key]
    if not instrument and key in OTHER_PROPERTIES:
        return OTHER_PROPERTIES[key]
    return PROPERTIES[key] if key in PROPERTIES else VBG[_camel(key)]


def _add_props(g: Graph, subject: URIRef, props: dict[str, Any], instrument: bool = True,
               skip: Iterable[str] = (), task: bool = False) -> None:
    skip = SKIP_KEYS | set(skip)
    for key, value in props.items():
        if value is None or key in skip:
            continue
        pred = _prop(key, instrument, task)
        if pred is None:
            continue
        for v in value if isinstance(value, (list, tuple)) else [value]:
            if isinstance(v, dict):
                continue
            g.add((subject, pred, literal(key, v)))


def _add_validity(g: Graph, node: Node, v: Validity) -> None:
    """ELI's in-force terms and the derived status (module doc); nothing for "unknown"."""
    if v.status == UNKNOWN:
        return
    s = node_iri(INSTRUMENT, node.id)
    g.add((s, VBG.validityStatus, Literal(v.status)))
    g.add((s, VBG.validityOn, literal("date", v.on)))
    if value := eli_in_force(v.status):
        g.add((s, ELI.in_force, ELI["InForce-" + value]))
    if v.in_force_from:
        g.add((s, ELI.first_date_entry_in_force, literal("date", v.in_force_from)))
    if v.status in ENDED and v.since:
        g.add((s, ELI.date_no_longer_in_force, literal("date", v.since)))


def _add_node(g: Graph, node: Node, with_text: bool) -> None:
    s = node_iri(node.label, node.id)
    g.add((s, RDF.type, CLASSES.get(node.label, VBG[node.label])))
    props = dict(node.props)
    if node.label == INSTRUMENT:
        g.add((s, ELI.id_local, Literal(node.id)))
        code = props.pop("type", None)
        if code:
            concept = DOCTYPE[quote(str(code), safe="")]
            g.add((s, ELI.type_document, concept))
            g.add((concept, RDF.type, SKOS.Concept))
            g.add((concept, SKOS.notation, Literal(str(code))))
            g.add((concept, SKOS.inScheme, VBG.DocumentTypes))
            if props.get("type_name"):
                g.add((concept, SKOS.prefLabel, Literal(str(props["type_name"]), lang=LANG)))
        label = props.get("symbol") or props.get("title") or props.get("subject")
        if label:
            g.add((s, RDFS.label, literal("title", label)))
    else:
        g.add((s, VBG.id, Literal(node.id)))
    if node.label == PERSON and props.get("name"):
        g.add((s, FOAF.name, Literal(str(props["name"]), lang=LANG)))
    is_instrument = node.label == INSTRUMENT
    _add_props(g, s, props, instrument=is_instrument, task=node.label == TASK,
               skip=("text",) if is_instrument and not with_text else ())


def evidence_iri(edge: Edge) -> URIRef:
    key = "|".join(str(x) for x in (edge.type, edge.src, edge.dst, edge.props.get("source_doc"),
                                     edge.props.get("start")))
    return URIRef(EVIDENCE + hashlib.sha1(key.encode("utf-8")).hexdigest()[:20])


def _add_edge(g: Graph, edge: Edge) -> None:
    s, o = node_iri(edge.src_label, edge.src), node_iri(edge.dst_label, edge.dst)
    preds = RELATIONS.get(edge.type, (VBG[_camel(edge.type.lower())],))
    for p in preds:
        g.add((s, p, o))
    if not edge.props:
        return
    e = evidence_iri(edge)
    g.add((e, RDF.type, VBG.Evidence))
    g.add((e, RDF.subject, s))
    g.add((e, RDF.predicate, preds[-1]))
    g.add((e, RDF.object, o))
    g.add((e, VBG.relation, Literal(edge.type)))
    _add_props(g, e, edge.props, instrument=False)


def to_rdf(nodes: Iterable[Node], edges: Iterable[Edge], with_text: bool = False,
           on: date | None = None) -> Graph:
    """An rdflib Graph of the nodes and edges (prefixes eli, vbg, skos, foaf bound), each
    instrument's validity as of `on` (default today). Document full texts (`text`) are
    left out unless `with_text`."""
    nodes, edges = list(nodes), list(edges)
    g = Graph()
    g.bind("eli", ELI)
    g.bind("vbg", VBG)
    g.bind("skos", SKOS)
    g.bind("foaf", FOAF)
    g.bind("doctype", DOCTYPE)
    for node in nodes:
        _add_node(g, node, with_text)
    validity = assess_graph(nodes, edges, on or date.today())
    for node in nodes:
        if node.id in validity and node.label == INSTRUMENT:
            _add_validity(g, node, validity[node.id])
    for edge in edges:
        _add_edge(g, edge)
    return g


JSONLD_CONTEXT = {"eli": str(ELI), "vbg": str(VBG), "skos": str(SKOS), "foaf": str(FOAF),
                  "rdfs": str(RDFS), "xsd": str(XSD), "@language": LANG}


def write_rdf(nodes: Iterable[Node], edges: Iterable[Edge], path: str | Path, fmt: str = "turtle",
              with_text: bool = False, on: date | None = None) -> int:
    """Serialise to Turtle (`turtle`) or JSON-LD (`jsonld`); returns the triple count."""
    g = to_rdf(nodes, edges, with_text, on)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "turtle":
        g.serialize(destination=str(path), format="turtle", encoding="utf-8")
    elif fmt == "jsonld":
        g.serialize(destination=str(path), format="json-ld", context=JSONLD_CONTEXT,
                    auto_compact=True, encoding="utf-8")
    else:
        raise ValueError(f"unknown RDF format {fmt!r}")
    return len(g)


def vocabulary() -> Graph:
    """The project vocabulary (graph/data/vbgraph_vocab.ttl) as a Graph."""
    g = Graph()
    with resources.files("graph.data").joinpath("vbgraph_vocab.ttl").open("rb") as fh:
        g.parse(fh, format="turtle")
    return g
