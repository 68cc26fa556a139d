"""An instrument's validity on a date, derived from the graph's edges and dates when asked
(never stored), with the chain of evidence that decides it.

Facts read: the instrument's own days (`effective_from`, `expires_on`, the provision-level
`effects` that `graph.build` keeps from `loaders.effect`), and the acts other instruments
state on it: REPLACES, REPEALS, ANNULS (they end it, or the `part` they name), SUSPENDS,
EXTENDS, AMENDS. An act takes effect on the day the text gives it (`effective_on`), else
on its instrument's own effective day, else on that instrument's date; one with no day at
all counts as done (noted in its evidence). Several statements of one act (each document
stating it owns its edge) are one act (`statements`, the stated day first). Only an act
whose citation is resolved, inferred or curated decides; one through an ambiguous or
unresolved citation is listed as `unsure`, never a cause.

On a date `on`, first rule that holds:

1. it takes effect after `on` (its stated day; an administrative document that states
   none takes effect on signing, `domain/data/validity.yaml: from_signing`): not_yet_in_force;
2. the earliest of its whole ending (REPLACES -> replaced; REPEALS, ANNULS -> repealed)
   and its own expiry (-> expired, unless an EXTENDS act came since) on or before `on`;
3. a whole SUSPENDS act: suspended;
4. a partial ending or suspending act, a provision of its own expired or not yet in
   force: partly_in_force;
5. an AMENDS act: amended_in_part;
6. in force from a known day: in_force; else unknown (the corpus does not say).

Acts after `on` are listed as `pending`. A portal's own status (`portal_status`, kept on
the node as the portal's claim) is compared with the result (`portal_agrees`).
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any, Iterable

from domain.validity import (
    AMENDED_IN_PART, EXPIRED, IN_FORCE, NOT_YET, PARTLY, REPEALED, REPLACED, SUSPENDED, UNKNOWN,
    from_signing, portal_agrees, status_label,
)

from .model import CURATED, ENDING_RELATIONS, INFERRED, INSTRUMENT, RESOLVED, Edge, Node

ACTS = ("REPLACES", "REPEALS", "ANNULS", "SUSPENDS", "EXTENDS", "AMENDS")   # what the derivation reads
_REPLACES, _SUSPENDS, _EXTENDS, _AMENDS = "REPLACES", "SUSPENDS", "EXTENDS", "AMENDS"
_EFFECTIVE, _EXPIRY = "effective", "expiry"          # loaders.effect's kinds, in `effects`
DECIDING = (RESOLVED, INFERRED, CURATED)              # citation statuses whose acts decide
START_STATED, START_SIGNING = "stated", "signing"     # how an instrument's first day is known
EXPIRES, PROVISION = "EXPIRES", "PROVISION_"          # causes of its own: its expiry, a provision's day


@dataclass
class Act:
    """What another instrument does to this one, and when."""

    relation: str
    by_id: str
    by: str | None
    day: date | None
    day_basis: str            # "stated" (the act's text), "its effective day", "its date", "unknown"
    in_part: bool = False
    pinpoint: str | None = None
    source_pinpoint: str | None = None
    sentence: str | None = None
    source_doc: str | None = None
    status: str | None = None     # the citation's status (resolved, inferred, curated …)
    statements: int = 1           # edges stating it (one per stating document)


@dataclass
class Facts:
    """An instrument's own days, as the graph holds them."""

    id: str
    symbol: str | None = None
    name: str | None = None
    family: str | None = None
    date: date | None = None
    has_text: bool = False
    effective_from: date | None = None
    effective_text: str | None = None
    expires_on: date | None = None
    expiry_text: str | None = None
    provisions: list[dict] = field(default_factory=list)   # own provision-level effects
    portal_status: str | None = None


@dataclass
class Validity:
    id: str
    symbol: str | None
    on: date
    status: str
    label: str
    in_force_from: date | None
    basis: str
    start_basis: str          # how `in_force_from` is known: START_STATED, START_SIGNING, or "unknown"
    since: date | None = None
    cause: dict | None = None
    evidence: list[dict] = field(default_factory=list)
    pending: list[dict] = field(default_factory=list)
    unsure: list[dict] = field(default_factory=list)
    portal_status: str | None = None
    portal_agrees: bool | None = None


def _start(f: Facts) -> tuple[date | None, str, str]:
    """(its first day in force, why in words, START_* kind)."""
    if f.effective_from:
        return f.effective_from, f"stated: {f.effective_text}" if f.effective_text else "stated", START_STATED
    if f.date and f.has_text and f.family in from_signing():
        return f.date, "no effective day stated: an administrative document takes effect on signing", START_SIGNING
    return None, "no effective day in the corpus", UNKNOWN


def _day(a: Act) -> date:
    return a.day or date.min


def _merged(acts: Iterable[Act]) -> list[Act]:
    """One act per (relation, instrument, in part, pinpoint): its stated day first, else
    the earliest; `statements` counts the edges stating it."""
    groups: dict[tuple, list[Act]] = {}
    for a in acts:
        groups.setdefault((a.relation, a.by_id, a.in_part, a.pinpoint), []).append(a)
    out = []
    for same in groups.values():
        best = min(same, key=lambda a: (a.day_basis != "stated", a.day is None, _day(a)))
        best.statements = len(same)
        out.append(best)
    return sorted(out, key=lambda a: (_day(a), a.relation, a.by_id))


def assess(f: Facts, acts: Iterable[Act], on: date) -> Validity:
    """The status of `f` on `on` (module doc), with the acts that decide it."""
    acts = _merged(acts)
    unsure = [a for a in acts if a.status is not None and a.status not in DECIDING]
    acts = [a for a in acts if a not in unsure]
    start, basis, start_basis = _start(f)
    done = [a for a in acts if a.day is None or a.day <= on]
    pending = [a for a in acts if a.day is not None and a.day > on]
    v = Validity(f.id, f.symbol, on, UNKNOWN, "", start, basis, start_basis, evidence=[_record(a, True) for a in done],
                 pending=[_record(a, False) for a in pending], unsure=[_record(a, False) for a in unsure],
                 portal_status=f.portal_status)

    def result(status: str, since: date | None = None, cause: Act | dict | None = None) -> Validity:
        v.status, v.label, v.since = status, status_label(status), since
        v.cause = _record(cause, True) if isinstance(cause, Act) else cause
        v.portal_agrees = portal_agrees(f.portal_status, status)
        return v

    if start and on < start:
        return result(NOT_YET)
    ends = [a for a in done if a.relation in ENDING_RELATIONS and not a.in_part]
    extended = [a for a in done if a.relation == _EXTENDS and f.expires_on and _day(a) >= f.expires_on]
    if f.expires_on and f.expires_on <= on and not extended and (not ends or f.expires_on < _day(ends[0])):
        return result(EXPIRED, f.expires_on, {"relation": EXPIRES, "day": f.expires_on,
                                               "sentence": f.expiry_text, "by_id": f.id, "by": f.symbol})
    if ends:
        a = ends[0]
        return result(REPLACED if a.relation == _REPLACES else REPEALED, a.day, a)
    if whole := [a for a in done if a.relation == _SUSPENDS and not a.in_part]:
        return result(SUSPENDED, whole[0].day, whole[0])
    if part := [a for a in done if a.in_part and (a.relation in ENDING_RELATIONS or a.relation == _SUSPENDS)]:
        return result(PARTLY, part[0].day, part[0])
    if own := _own_provision(f, on, start):
        return result(PARTLY, own.get("day"), own)
    if amends := [a for a in done if a.relation == _AMENDS]:
        return result(AMENDED_IN_PART, amends[0].day, amends[0])
    return result(IN_FORCE, start) if start else result(UNKNOWN)


def _own_provision(f: Facts, on: date, start: date | None) -> dict | None:
    """A provision of its own expired by `on`, or (the instrument in force) not yet in force."""
    for p in f.provisions:
        day = _as_date(p.get("day"))
        if day is None:
            continue
        if (p.get("kind") == _EXPIRY and day <= on) or (p.get("kind") == _EFFECTIVE and day > on and start):
            return {"relation": PROVISION + str(p.get("kind")).upper(), "day": day, "pinpoint": p.get("provision"),
                    "sentence": p.get("sentence"), "by_id": f.id, "by": f.symbol}
    return None


def _record(a: Act | None, applies: bool) -> dict | None:
    return None if a is None else {**asdict(a), "applies": applies}


# ---------------------------------------------------------------- from the store, from a graph

def act_day(effective_on: Any, by_effective: Any, by_date: Any) -> tuple[date | None, str]:
    """The day an act takes effect and why (module doc)."""
    for value, basis in ((effective_on, "stated"), (by_effective, "its effective day"), (by_date, "its date")):
        if (d := _as_date(value)) is not None:
            return d, basis
    return None, "unknown"


def facts_of(props: dict[str, Any]) -> Facts:
    """An instrument's `Facts` from its node properties."""
    effects = props.get("effects")
    if isinstance(effects, str):
        effects = json.loads(effects)
    return Facts(
        id=str(props["id"]), symbol=props.get("symbol"), name=props.get("name"), family=props.get("family"),
        date=_as_date(props.get("date")), has_text=bool(props.get("has_text")),
        effective_from=_as_date(props.get("effective_from")), effective_text=props.get("effective_text"),
        expires_on=_as_date(props.get("expires_on")), expiry_text=props.get("expiry_text"),
        provisions=[e for e in effects or [] if e.get("provision")], portal_status=props.get("portal_status"))


def act_of(relation: str, by_id: str, by: str | None, by_date: Any, by_effective: Any,
           props: dict[str, Any]) -> Act:
    day, basis = act_day(props.get("effective_on"), by_effective, by_date)
    return Act(relation, by_id, by, day, basis, bool(props.get("in_part")), props.get("pinpoint"),
               props.get("source_pinpoint"), props.get("sentence"), props.get("source_doc"), props.get("status"))


def derive(rows: list[dict], values: dict[str, Any]) -> list[dict]:
    """The `validity` query's rows (queries/validity.cypher: an instrument's properties and
    its acts) -> one validity per instrument as of `on`. References scoped to one citing
    document (`cited_in`) are no instrument of their own: left out when another matches."""
    on = values.get("on") or date.today()
    real = [r for r in rows if not r.get("cited_in")] or rows
    out = []
    for r in real:
        acts = [act_of(a["relation"], a["by_id"], a.get("by"), a.get("by_date"), a.get("by_effective"), a)
                for a in r.get("acts") or [] if a and a.get("relation") in ACTS]
        out.append(asdict(assess(facts_of(r), acts, on)))
    return out


def assess_graph(nodes: Iterable[Node], edges: Iterable[Edge], on: date) -> dict[str, Validity]:
    """Every instrument of an in-memory graph (an export's nodes and edges) assessed on `on`."""
    inst = {n.id: n for n in nodes if n.label == INSTRUMENT}
    acts: dict[str, list[Act]] = {}
    for e in edges:
        if e.type in ACTS and e.dst in inst and e.src in inst:
            a = inst[e.src].props
            acts.setdefault(e.dst, []).append(
                act_of(e.type, e.src, a.get("symbol"), a.get("date"), a.get("effective_from"), e.props))
    return {i: assess(facts_of({**n.props, "id": i}), acts.get(i, []), on) for i, n in inst.items()}


def _as_date(value: Any) -> date | None:
    if hasattr(value, "to_native"):
        value = value.to_native()
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None
