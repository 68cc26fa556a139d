"""One loaded `Document` -> its `Fragment` of the graph.

Nodes: the document's own Instrument (authoritative, with its text and citation
spans), one Instrument per cited instrument (not authoritative), Agency and Person
nodes, one Task per assignment. Edges and tasks all carry ``source_doc`` = the
document's own Instrument id: they belong to the instrument, whichever file carried it.

Citation edges (document -> cited instrument): one edge per (document, target,
relation). CITES means "no specific relation": when a document mentions a target
both with a specific relation and plainly (seed 000: 56/KH-UBND "tổ chức triển khai
thực hiện" in item 9, "có liên quan đến" in item 10), the plain mentions are folded
into the edge of the strongest specific relation (`STRENGTH`: AMENDS > REPLACES > REPEALS >
ANNULS > SUSPENDS > EXTENDS > CONSOLIDATES > CORRECTS > DETAILS > GUIDES > IMPLEMENTS >
BASED_ON) and only that edge counts them; two
specific relations (BASED_ON and AMENDS) stay two edges. ``start``/``end``/
``sentence``/``cue`` are the first mention of that relation, ``count`` its mentions,
``evidence`` a JSON list of every mention (start, end, sentence).

Property values are Neo4j-storable: no None, no dicts (JSON strings), lists of
primitives only.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from domain.bodies import is_national_name
from domain.keys import slug
from domain.types import type_name
from loaders.effect import EFFECTIVE, EXPIRY, OWN_EFFECT, SIGNING
from loaders.model import Agency, Citation, Document, Effect, Person

from . import ids
from .model import (
    AGENCY, AMBIGUOUS, CITATION_RELATIONS, ENDING_RELATIONS, FORCE_RELATIONS, INSTRUMENT, PERSON, RESOLVED, TASK, UNRESOLVED,
    Edge, Fragment, Node,
)
from .resolve import Body, Context, Resolution, bodies_from_phrase, context_of, document_identity, resolve_citation

STRENGTH = ("AMENDS", "REPLACES", "REPEALS", "ANNULS", "SUSPENDS", "EXTENDS", "CONSOLIDATES", "CORRECTS",
            "DETAILS", "GUIDES", "IMPLEMENTS", "BASED_ON", "CITES")
_STATUS_RANK = {RESOLVED: 0, AMBIGUOUS: 1, UNRESOLVED: 2}


_SCALARS = frozenset({str, int, float, bool})


def clean_props(props: dict[str, Any]) -> dict[str, Any]:
    """Neo4j-storable copy: None and empty lists dropped, dicts and nested lists to JSON."""
    out: dict[str, Any] = {}
    for k, v in props.items():
        if type(v) in _SCALARS:   # the common case: stored as is
            out[k] = v
            continue
        if v is None:
            continue
        if isinstance(v, tuple):
            v = list(v)
        if isinstance(v, dict):
            v = json.dumps(v, ensure_ascii=False, default=_json_default)
        elif isinstance(v, list):
            v = [x for x in v if x is not None]
            if not v:
                continue
            if any(isinstance(x, (dict, list, tuple)) for x in v) or len({type(x) for x in v}) > 1:
                v = json.dumps(v, ensure_ascii=False, default=_json_default)
        out[k] = v
    return out


def _json_default(v: Any) -> Any:
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    raise TypeError(type(v).__name__)


@dataclass
class _Builder:
    doc: Document
    ctx: Context
    own: Resolution
    me: str
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    _seen: set[tuple[str, str, str]] = field(default_factory=set)

    def node(self, label: str, id_: str, props: dict[str, Any], authoritative: bool = False) -> str:
        props = clean_props({"id": id_, **props})
        if id_ in self.nodes:
            n = self.nodes[id_]
            for k, v in props.items():
                if authoritative or k not in n.props:
                    n.props[k] = v
            n.authoritative = n.authoritative or authoritative
        else:
            self.nodes[id_] = Node(label, id_, props, authoritative)
        return id_

    def edge(self, type_: str, src: str, dst: str, props: dict[str, Any]) -> None:
        """Add an edge; a repeated (type, src, dst) keeps the first one."""
        if (type_, src, dst) in self._seen:
            return
        self._seen.add((type_, src, dst))
        self.edges.append(Edge(type_, src, dst, self.nodes[src].label, self.nodes[dst].label,
                               clean_props({**props, "source_doc": self.me})))


# ---------------------------------------------------------------- public

def document_fragment(doc: Document) -> Fragment:
    """The nodes and edges one document contributes (see the module docstring).

    The document's own Instrument node is always ``fragment.nodes[0]``.
    """
    ctx = context_of(doc)
    own = document_identity(doc, ctx)
    me = own.id or ids.doc_fallback_id(doc.doc_id)
    b = _Builder(doc, ctx, own, me)
    b.node(INSTRUMENT, me, {}, authoritative=True)  # first node of the fragment
    effects = effect_days(doc)
    targets = [_cited(b, me, c) for c in doc.citations]
    _cited_effects(b, targets, effects)
    b.node(INSTRUMENT, me, {**_own_props(doc, own, targets), **_own_effects(effects)}, authoritative=True)
    if own.body:
        _issued_by(b, me, own.body)
    _citation_edges(b, me, targets, effects)
    _relation_edges(b, targets)
    _people(b, me)
    _tasks(b, me, targets)
    fragment_hash = doc.content_hash or ids.short_hash(doc.text)
    return Fragment(doc.doc_id, fragment_hash, list(b.nodes.values()), b.edges,
                    fingerprint=ids.text_fingerprint(doc.text) if doc.row is None else fragment_hash)


def not_a_document(doc: Document) -> str | None:
    """Why `doc` is no administrative document, or None: it has a number, a date, a type
    or a citation (one is enough: a news page cites, a blank-numbered notice is dated).
    A file with none of them ("hello world") would be an instrument with nothing to say."""
    if doc.symbol or doc.number or doc.date or doc.year or doc.type or doc.citations:
        return None
    return "no number, date, type or citation found"


def instrument_id_of(doc: Document) -> str:
    """The ID of a loaded document's own Instrument node."""
    return document_identity(doc).id or ids.doc_fallback_id(doc.doc_id)


# ---------------------------------------------------------------- instruments

@dataclass
class _Target:
    citation: Citation
    res: Resolution
    id: str


def _display(type_name: str | None, symbol: str | None, fallback: str) -> str:
    return " ".join(x for x in (type_name, symbol) if x) or fallback


def _cited(b: _Builder, me: str, c: Citation) -> _Target:
    res = resolve_citation(c, b.ctx)
    if res.status == RESOLVED and res.id:
        tid = res.id
    else:
        tid = ids.scoped_id(me, res.symbol or c.symbol or c.text, c.date)
    tname = c.type_name or type_name(res.type)
    props = {
        "has_text": False, "status": res.status, "symbol": res.symbol or c.symbol,
        "number": res.number, "type": res.type, "type_name": tname, "family": res.family,
        "year": res.year, "date": c.date, "term": res.term, "subject": c.subject,
        "issuer": res.body.name if res.body else None, "issuer_text": c.issuer,
        "issuer_code": c.issuer_code, "candidates": res.candidates or None,
        "name": _display(tname, res.symbol or c.symbol, c.text), "mention": c.text,
        "cited_in": me if tid != res.id else None, "reason": res.reason or None,
        "scopes": res.scopes or None,
    }
    if tid != me:
        b.node(INSTRUMENT, tid, props)
        if res.body and res.status == RESOLVED:
            _issued_by(b, tid, res.body)
    return _Target(c, res, tid)


def _own_props(doc: Document, own: Resolution, targets: list[_Target]) -> dict[str, Any]:
    spans = [
        {"start": t.citation.start, "end": t.citation.end, "target": t.id,
         "relation": t.citation.relation, "status": t.res.status, "symbol": t.citation.symbol}
        for t in targets
    ]
    tname = doc.type_name or type_name(own.type)
    return {
        "has_text": True, "full_text": _full_text(doc), "status": own.status, "type": own.type, "type_name": tname,
        "number": own.number, "symbol": doc.symbol or own.symbol, "date": doc.date,
        "year": own.year, "term": own.term, "subject": doc.subject, "family": own.family,
        "issuer": own.body.name if own.body else (doc.issuer.name if doc.issuer else None),
        "province": doc.province or (own.body.province if own.body else None), "place": doc.place,
        "source": doc.source, "doc_id": doc.doc_id, "content_hash": doc.content_hash,
        "format": doc.format, "text_length": len(doc.text), "text": doc.text,
        "spans": json.dumps(spans, ensure_ascii=False), "ocr": doc.ocr,
        "url": doc.metadata.get("url") if isinstance(doc.metadata.get("url"), str) else None,
        "name": _display(tname, doc.symbol or own.symbol, doc.subject or doc.doc_id),
        "warnings": list(doc.warnings) or None, "reason": own.reason or None,
        "portal_status": _portal_status(doc),
    }


def _full_text(doc: Document) -> bool:
    """Whether the document's text is more than its subject line: a portal row with no
    full-text field is loaded (its metadata) but its text is not in the corpus."""
    if doc.metadata.get("row") is None:
        return True
    subject = doc.metadata.get("subject")
    return not (isinstance(subject, str) and doc.text.strip() == subject.strip())


def _portal_status(doc: Document) -> str | None:
    """A portal row's own validity status ("Văn bản đang có hiệu lực"), kept as its claim."""
    status = doc.metadata.get("status")
    return " ".join(status.split()) or None if isinstance(status, str) else None


def _citation_edges(b: _Builder, me: str, targets: list[_Target], effects: list["EffectDay"]) -> None:
    ends: dict[str, EffectDay] = {}   # cited instrument -> the text's day it loses effect (the first)
    for e in effects:
        if e.kind == EXPIRY and e.target is not None and e.day and 0 <= e.target < len(targets):
            tid = targets[e.target].id
            if tid not in ends or e.day < ends[tid].day:
                ends[tid] = e
    by_target: dict[str, list[_Target]] = {}
    for t in targets:
        if t.id != me:
            by_target.setdefault(t.id, []).append(t)
    for tid, ts in by_target.items():
        groups: dict[str, list[_Target]] = {}
        for t in ts:
            rel = t.citation.relation if t.citation.relation in CITATION_RELATIONS else "CITES"
            groups.setdefault(rel, []).append(t)
        plain = groups.pop("CITES", [])
        if not groups:
            groups = {"CITES": plain}
        else:
            strongest = min(groups, key=STRENGTH.index)
            groups[strongest] = sorted(groups[strongest] + plain, key=lambda t: t.citation.start)
        for rel, mentions in groups.items():
            first = next((t for t in mentions if t.citation.relation == rel), mentions[0])
            _mention_edge(b, rel, me, tid, first, mentions, ends.get(tid) if rel in ENDING_RELATIONS else None)


def _mention_edge(b: _Builder, rel: str, src: str, dst: str, first: _Target, mentions: list[_Target],
                  ends: "EffectDay | None" = None) -> None:
    """The document's edge to a cited instrument; a relation that changes its force also
    carries the acting provision (`source_pinpoint`: the first mention of that relation
    inside an article, a title's mention has none), whether it touches part of it
    (`in_part`: a pinpoint, or "một số điều") and, when the text says it loses effect, that
    day (`effective_on`) and the provisions it names."""
    c = first.citation
    force = rel in FORCE_RELATIONS
    pinpoint = c.pinpoint or (ends.effect.provision if ends else None)
    b.edge(rel, src, dst, {
        "sentence": c.sentence, "start": c.start, "end": c.end, "count": len(mentions),
        "status": first.res.status, "cue": c.cue, "pinpoint": pinpoint,
        "candidates": first.res.candidates or None,
        "source_pinpoint": next((t.citation.provision for t in mentions if t.citation.relation == rel
                                 and t.citation.provision), None) if force else None,
        "in_part": (bool(pinpoint) or c.part) if force else None,
        "effective_on": ends.day if ends else None,
        "evidence": json.dumps([{"start": t.citation.start, "end": t.citation.end,
                                 "sentence": t.citation.sentence, "relation": t.citation.relation}
                                for t in mentions], ensure_ascii=False),
    })


def _relation_edges(b: _Builder, targets: list[_Target]) -> None:
    groups: dict[tuple[str, str, str], list[Any]] = {}
    for r in b.doc.relations:
        if not (0 <= r.source < len(targets) and 0 <= r.target < len(targets)):
            continue
        s, t = targets[r.source], targets[r.target]
        if s.id == t.id or s.id not in b.nodes or t.id not in b.nodes:
            continue
        rel = r.relation if r.relation in CITATION_RELATIONS else "CITES"
        groups.setdefault((s.id, t.id, rel), []).append((r, s, t))
    for (src, dst, rel), items in groups.items():
        r, s, t = items[0]
        status = max((s.res.status, t.res.status), key=_STATUS_RANK.__getitem__)
        force = rel in FORCE_RELATIONS
        b.edge(rel, src, dst, {
            "sentence": r.sentence, "start": r.start, "end": r.end, "count": len(items),
            "status": status, "cue": r.cue,
            "pinpoint": t.citation.pinpoint if force else None,
            "source_pinpoint": s.citation.pinpoint if force else None,
            "in_part": (bool(t.citation.pinpoint) or t.citation.part) if force else None,
            "evidence": json.dumps([{"start": x.start, "end": x.end, "sentence": x.sentence}
                                    for x, _, _ in items], ensure_ascii=False),
        })


# ---------------------------------------------------------------- effective and expiry days

@dataclass
class EffectDay:
    """An effect statement (`loaders.model.Effect`) with its day counted: a written date,
    the signing plus `days`, or the document's own effective day."""

    effect: Effect
    day: date | None

    @property
    def kind(self) -> str:
        return self.effect.kind

    @property
    def target(self) -> int | None:
        return self.effect.target

    def record(self) -> dict[str, Any]:
        e = self.effect
        return {"kind": e.kind, "day": self.day, "until": e.until, "provision": e.provision,
                "anchor": e.anchor, "days": e.days or None, "cue": e.cue, "start": e.start, "end": e.end,
                "sentence": e.sentence}


def effect_days(doc: Document) -> list[EffectDay]:
    """The document's effect statements with their days: "kể từ ngày ký" is its date,
    "sau 45 ngày kể từ ngày ký" 45 days later, "kể từ ngày Nghị định này có hiệu lực"
    the day its own (whole-document) statement gives."""
    def day(e: Effect, own: date | None) -> date | None:
        if e.anchor == SIGNING:
            return doc.date + timedelta(days=e.days) if doc.date else None
        if e.anchor == OWN_EFFECT:
            return own
        return e.date

    own = next((d for e in doc.effects if e.kind == EFFECTIVE and e.target is None and e.provision is None
                and (d := day(e, None))), None)
    return [EffectDay(e, day(e, own)) for e in doc.effects]


def _own_effects(effects: list[EffectDay]) -> dict[str, Any]:
    """The document's own `effective_from` / `expires_on` (whole-document statements, the
    first of each; a period's last day is its expiry) and every statement in `effects`."""
    own = [e for e in effects if e.target is None]
    whole = [e for e in own if e.effect.provision is None]
    start = next((e for e in whole if e.kind == EFFECTIVE and e.day), None)
    end = next((e for e in whole if e.kind == EXPIRY and e.day), None)
    until = next((e for e in whole if e.kind == EFFECTIVE and e.effect.until), None)
    return {
        "effective_from": start.day if start else None,
        "effective_text": start.effect.sentence if start else None,
        "expires_on": end.day if end else (until.effect.until if until else None),
        "expiry_text": end.effect.sentence if end else (until.effect.sentence if until else None),
        "effects": json.dumps([e.record() for e in own], ensure_ascii=False, default=_json_default) if own else None,
    }


def _cited_effects(b: _Builder, targets: list[_Target], effects: list[EffectDay]) -> None:
    """A cited instrument's own effective day as the text states it ("Luật số 57/2020/QH14
    …, có hiệu lực thi hành kể từ ngày 01/01/2021"): a property it fills, with the sentence."""
    for e in effects:
        if e.kind != EFFECTIVE or e.target is None or not e.day or not 0 <= e.target < len(targets):
            continue
        t = targets[e.target]
        if t.id in b.nodes and t.id != b.me:
            b.node(INSTRUMENT, t.id, {"effective_from": e.day, "effective_text": e.effect.sentence})


# ---------------------------------------------------------------- agencies and people

def body_agency_id(body: Body) -> str:
    """Agency node ID of a canonical body ("UBND thành phố Lạng Sơn" -> vn/tp-lang-son/ubnd)."""
    return ids.agency_id(body.name, body.jurisdiction)


def _body_node(b: _Builder, body: Body) -> str:
    return b.node(AGENCY, body_agency_id(body), {
        "name": body.name, "kind": body.kind, "jurisdiction": body.jurisdiction,
        "province": body.province, "party": body.party,
    })


def _issued_by(b: _Builder, inst: str, body: Body) -> None:
    b.edge("ISSUED_BY", inst, _body_node(b, body), {})


def _own_jurisdiction(ctx: Context) -> str | None:
    if ctx.body and ctx.body.jurisdiction:
        return ctx.body.jurisdiction
    return ctx.province


def agency_node_id(a: Agency, ctx: Context, scope: str) -> tuple[str, dict[str, Any]]:
    """ID and props of a named agency.

    A canonical body when its name is one ("UBND tỉnh" -> the province's UBND, "Bộ
    Y tế"); else name + jurisdiction (the agency's, or the document's own). With no
    jurisdiction at all, a non-national agency is scoped to the document
    (``{scope}/agency/{slug}``): "Sở Y tế" of an unknown province is never merged.
    """
    bodies = bodies_from_phrase(a.name, ctx, whole=True)
    if bodies and len(bodies) == 1:
        body = bodies[0]
        return body_agency_id(body), {"name": body.name, "kind": body.kind,
                                      "jurisdiction": body.jurisdiction, "party": body.party}
    jur = a.jurisdiction or _own_jurisdiction(ctx)
    props = {"name": a.name, "full_name": a.full_name, "kind": a.kind, "jurisdiction": jur}
    if jur is None and not is_national_name(a.name):
        return f"{scope}/agency/{slug(a.name) or ids.short_hash(a.name)}", {**props, "scoped": True}
    return ids.agency_id(a.name, jur), props


def _agency(b: _Builder, a: Agency) -> str:
    aid, props = agency_node_id(a, b.ctx, b.me)
    return b.node(AGENCY, aid, {**props, "text": a.text})


def _person(b: _Builder, p: Person) -> str:
    jur = _own_jurisdiction(b.ctx)
    pid = ids.person_id(p.name, jur) if jur else f"{b.me}/person/{slug(p.name)}"
    return b.node(PERSON, pid, {"name": p.name, "title": p.title,
                                                       "jurisdiction": jur})


def _people(b: _Builder, me: str) -> None:
    d = b.doc
    if d.signer and d.signer.name:
        b.edge("SIGNED_BY", me, _person(b, d.signer),
               {"authority": d.signer.authority, "title": d.signer.title,
                "start": d.signer.start, "end": d.signer.end})
    if d.chair and d.chair.name:
        b.edge("CHAIRED_BY", me, _person(b, d.chair),
               {"title": d.chair.title, "start": d.chair.start, "end": d.chair.end})
    sent: set[str] = set()   # an agency both addressed and a recipient: one edge, the first
    for part, agencies in ((_part_label("addressees_label"), d.addressees),
                           (_part_label("recipients_label"), d.recipients)):
        for a in agencies:
            if a.name and (aid := _agency(b, a)) not in sent:
                sent.add(aid)
                b.edge("SENT_TO", me, aid, {"text": a.text, "part": part})


def _part_label(key: str) -> str:
    """ "Kính gửi" / "Nơi nhận": the document part a recipient was read from."""
    from loaders.tables import table as loader_table

    return loader_table("document_parts")[key]


# ---------------------------------------------------------------- tasks

def _tasks(b: _Builder, me: str, targets: list[_Target]) -> None:
    for n, t in enumerate(sorted(b.doc.tasks, key=lambda t: (t.start, t.end)), start=1):
        tid = b.node(TASK, ids.task_id(me, n), {
            "text": t.action, "deadline": t.deadline, "deadline_text": t.deadline_text,
            "sentence": t.sentence, "start": t.start, "end": t.end,
            "source_doc": me, "order": n, "assignee": t.assignee.name,
        }, authoritative=True)
        b.edge("ASSIGNS", me, tid, {"order": n})
        b.edge("ASSIGNED_TO", tid, _agency(b, t.assignee), {})
        for a in t.coordinators:
            if a.name:
                b.edge("COORDINATES_WITH", tid, _agency(b, a), {})
        for i in dict.fromkeys(t.cites):
            if 0 <= i < len(targets) and targets[i].id != me:
                b.edge("FOR_INSTRUMENT", tid, targets[i].id, {"status": targets[i].res.status})
