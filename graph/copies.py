"""One instrument, many files: which source writes an instrument, and what the others add.

Two sources are one instrument when they have the same text (`Fragment.fingerprint`: the
.txt and the .docx of a document, a file uploaded again under another name) or the same
canonical id (a portal row and the full text of one document). Of those, the source with
the fullest text (`rank`: text length, then content hash, so the order of arrival does not
matter) *holds* the instrument: its edges and tasks are the instrument's, stored once. The
others are `Copy`s: each keeps its own `Source` marker (provenance, and the hash that
skips it next time) and fills the instrument's properties its holder lacks (a portal
row's URL and subject on a full text), nothing else.

The election runs twice: among a batch's fragments (`elect`, no database), then inside
the batch's transaction against what the store holds (`against_store`), so concurrent
writers (`--shard`) see each other's holders (the instruments write-locked before they are read).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.model import INSTRUMENT, Fragment

# a copy's own properties that describe its file, not the instrument: never filled in
SOURCE_PROPS = frozenset({"text", "spans", "doc_id", "source", "content_hash", "text_length", "format",
                          "ocr", "warnings", "has_text", "name", "reason", "status"})


@dataclass(frozen=True)
class Copy:
    """A source of an instrument another source holds."""

    doc_id: str
    content_hash: str
    fingerprint: str
    instrument: str
    holder: str | None               # doc id of the source that holds it (None: not known here)
    fill: dict[str, Any] = field(default_factory=dict, repr=False)  # own properties, to fill gaps

    def line(self) -> str:
        """"<doc>: another source of <instrument> (held by <doc>)", for the ingest summary."""
        held = f", held by {self.holder}" if self.holder and self.holder != self.doc_id else ""
        return f"{self.doc_id}: another source of {self.instrument}{held}"


def rank(frag: Fragment) -> tuple[int, str]:
    """How full a source's text is: the longer text wins, the content hash breaks ties."""
    props = frag.nodes[0].props if frag.nodes else {}
    return int(props.get("text_length") or 0), frag.content_hash or ""


def copy_of(frag: Fragment, instrument: str, holder: str | None) -> Copy:
    own = frag.nodes[0].props if frag.instrument else {}
    return Copy(frag.doc_id, frag.content_hash, frag.fingerprint, instrument, holder,
                {k: v for k, v in own.items() if k not in SOURCE_PROPS and k != "id"})


def elect(fragments: list[Fragment]) -> tuple[list[Fragment], list[Copy]]:
    """A batch's fragments -> (those that write, in input order; the copies among them).

    A fragment whose text an earlier one has is a copy of that one's instrument; of the
    fragments of one instrument, the highest `rank` writes it."""
    holders: dict[str, Fragment] = {}  # instrument -> the fragment writing it
    texts: dict[str, str] = {}         # fingerprint -> instrument
    copies: list[Copy] = []
    for frag in fragments:
        inst = frag.instrument
        if inst is None:
            continue
        twin = texts.get(frag.fingerprint) if frag.fingerprint else None
        if twin is not None:
            copies.append(copy_of(frag, twin, holders[twin].doc_id if twin in holders else None))
            continue
        if frag.fingerprint:
            texts[frag.fingerprint] = inst
        held = holders.get(inst)
        if held is None:
            holders[inst] = frag
        elif rank(frag) > rank(held):
            holders[inst] = frag
            copies.append(copy_of(held, inst, frag.doc_id))
        else:
            copies.append(copy_of(frag, inst, held.doc_id))
    kept = [f for f in fragments if f.instrument is None or holders.get(f.instrument) is f]
    return kept, copies


# the instruments a batch may hold, write-locked before their holders are read: Neo4j reads
# at READ COMMITTED and CREATE does not re-check a read, so two shards holding one
# instrument both found no holder and both wrote its edges (duplicates); with the lock the
# second waits for the first's commit and then reads its holder. (ArcadeDB's optimistic
# transactions failed the second at commit and re-ran it; the lock costs them nothing.)
LOCK = f"UNWIND $ids AS i MERGE (n:{INSTRUMENT} {{id: i}}) SET n.id = i"  # a write, of what it already holds
# two index seeks per writer (a MATCH: ArcadeDB plans OPTIONAL MATCH on an UNWIND variable
# as a scan, ~5x slower at 10k sources)
HOLDERS = (f"UNWIND $ids AS i MATCH (n:{INSTRUMENT} {{id: i}}) WHERE n.has_text "
           "RETURN i AS inst, n.doc_id AS holder, n.text_length AS length, n.content_hash AS hash")
TWINS = "UNWIND $fps AS fp MATCH (o:Source {fingerprint: fp}) RETURN fp, o.id AS doc, o.instrument AS inst"


def against_store(tx: Any, writers: list[Fragment], batch: set[str]
                  ) -> tuple[list[Fragment], list[Copy], list[str]]:
    """The batch's writers checked against the store (in the write transaction) ->
    (those that still write; the ones that turned out copies; doc ids of the sources they
    displace as holders, whose edges and tasks go first). `batch`: every doc id this
    batch writes (their old records are being replaced, so they are neither twins nor
    holders to keep)."""
    own = [f for f in writers if f.instrument]
    if not own:
        return writers, [], []
    ids = sorted({f.instrument for f in own})
    tx.run(LOCK, {"ids": ids}).consume()
    held = {r["inst"]: r for r in tx.run(HOLDERS, {"ids": ids}).data()}
    twins: dict[str, str] = {}  # fingerprint -> the instrument another source of that text carries
    for r in tx.run(TWINS, {"fps": sorted({f.fingerprint for f in own if f.fingerprint})}).data():
        if r["doc"] not in batch and r["inst"]:
            twins.setdefault(r["fp"], r["inst"])
    kept: list[Fragment] = []
    copies: list[Copy] = []
    displaced: list[str] = []
    for frag in writers:
        claim = held.get(frag.instrument) if frag.instrument else None
        holder = claim["holder"] if claim else None
        if frag.fingerprint in twins:
            copies.append(copy_of(frag, twins[frag.fingerprint], None))
        elif holder is None or holder == frag.doc_id or holder in batch:
            kept.append(frag)
        elif rank(frag) > (int(claim["length"] or 0), claim["hash"] or ""):
            kept.append(frag)
            displaced.append(holder)
        else:
            copies.append(copy_of(frag, frag.instrument, holder))
    return kept, copies, displaced
