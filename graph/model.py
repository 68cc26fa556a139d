"""The graph's vocabulary and the records that carry one document's part of it.

Every document becomes a `Fragment`: the nodes it mentions and the edges it states.
Edges and tasks are owned by the instrument that states them (`props["source_doc"]` is
its id, never a file's): however many files carry one instrument, its edges are stored
once, and the file that wins (the fullest text) replaces exactly them; nodes are shared.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

INSTRUMENT, AGENCY, PERSON, TASK = "Instrument", "Agency", "Person", "Task"
NODE_LABELS = (INSTRUMENT, AGENCY, PERSON, TASK)

# instrument -> instrument, each with evidence
CITATION_RELATIONS = (
    "CITES", "IMPLEMENTS", "BASED_ON", "GUIDES", "AMENDS", "REPLACES", "REPEALS", "CORRECTS",
    "DETAILS", "CONSOLIDATES", "SUSPENDS", "ANNULS", "EXTENDS",
)
# relations that change what is in force: their edges carry the target's pinpoint and
# the acting provision's own (`pinpoint`, `source_pinpoint`), and `graph.validity` reads them
FORCE_RELATIONS = ("AMENDS", "REPLACES", "REPEALS", "ANNULS", "SUSPENDS", "EXTENDS", "CONSOLIDATES")
ENDING_RELATIONS = ("REPLACES", "REPEALS", "ANNULS")  # end the force of what they target (whole or part)
# instrument -> agency / person
PARTY_RELATIONS = ("ISSUED_BY", "SIGNED_BY", "CHAIRED_BY", "SENT_TO")
# instrument -> task -> agency / instrument
TASK_RELATIONS = ("ASSIGNS", "ASSIGNED_TO", "COORDINATES_WITH", "FOR_INSTRUMENT")
EDGE_TYPES = CITATION_RELATIONS + PARTY_RELATIONS + TASK_RELATIONS

# citation status: from the text (resolve.py), then from the store after ingest (links.py):
# `inferred` = the one instrument of the store that fits, `curated` = confirmed by an analyst
RESOLVED, AMBIGUOUS, UNRESOLVED = "resolved", "ambiguous", "unresolved"
INFERRED, CURATED = "inferred", "curated"
CURATION = "Curation"  # an analyst's confirmation of a citation's target (graph.links), owned by no document


@dataclass
class Node:
    label: str
    id: str
    props: dict[str, Any] = field(default_factory=dict)
    # True when this document *is* the node (a loaded instrument): its props win.
    # False for nodes only mentioned: their props only fill what is missing.
    authoritative: bool = False


@dataclass
class Edge:
    type: str
    src: str
    dst: str
    src_label: str
    dst_label: str
    props: dict[str, Any] = field(default_factory=dict)  # source_doc, sentence, start, end, count ...


@dataclass
class Fragment:
    """One document's contribution to the graph. `doc_id` / `content_hash` name the file
    (or row) it came from; `fingerprint` its text, whatever the format (`ids.text_fingerprint`;
    rows: the row's hash), so two files of one text are known as one instrument."""

    doc_id: str
    content_hash: str
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    fingerprint: str = ""

    @property
    def instrument(self) -> str | None:
        """The id of the loaded document's own Instrument (the first node, authoritative)."""
        first = self.nodes[0] if self.nodes else None
        return first.id if first is not None and first.authoritative and first.label == INSTRUMENT else None
