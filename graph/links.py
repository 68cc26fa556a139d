"""After ingest: citations the text left without a year or a single issuer, linked to the
one instrument of the store that fits them, and analysts' confirmations.

A citation such as "Chỉ thị số 1/CT-TTg" with no date keeps, from `graph.resolve`, a node
scoped to the citing document (status ``unresolved``, the bodies it may come from in
``scopes``); one whose issuer could be one of a few keeps its ``candidates`` (``ambiguous``).
`link_pass` looks, for each such reference, at the instruments of the store with the same
number and type (loaded, or resolved from a fuller citation elsewhere):

- to fit, an instrument's issuer is one the citation allows (its ``scopes``, from its code
  and the citing document's context, or one of its ``candidates``), its year the citation's
  when the text gives one, and it is dated no later than the citing document (an issuer
  numbers its instruments anew each year, so one of the citing document's own year is the
  only one of that number that year), and when both subjects are known they share at
  least half the words of the shorter (`SAME_SUBJECT`: "Chỉ thị 13/CT-TTg về ... phòng,
  chống dịch COVID-19" is not the 13/CT-TTg "về phát triển bền vững"); one whose date is
  unknown may fit;
- exactly one fits, and no other may: ``inferred``. The citing document gets the edge the
  citation states (same relation, same evidence) to that instrument, with ``status``
  ``inferred``, the ``reason`` and ``via`` (the reference's node); the reference node keeps
  its own edge and records ``link_status``, ``link_candidates``, ``link_reason``;
- several fit or may fit: ``ambiguous``, with those ``link_candidates``; nothing is linked.

An analyst confirms a candidate with `confirm` (`vbgraph confirm`): a ``Curation`` node,
owned by no document, so it survives a re-ingest of the citing one; every pass draws its
edge again, with status ``curated``. Link edges belong to the citing document
(``source_doc``): rewriting it deletes them, and the pass at the end of that ingest
decides again. `ingest` runs the pass over the references whose symbol a written document
carries (`fragment_keys`); `vbgraph link` over the whole store.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from domain.keys import match_key, search_key, symbol_key
from domain.symbols import parse_symbol

from .ids import canon_number
from .model import AMBIGUOUS, CITATION_RELATIONS, CURATED, CURATION, INFERRED, INSTRUMENT, RESOLVED, Fragment
from .store import _recount_cited_by

BATCH = 500          # references decided and written per transaction
SAME_SUBJECT = 0.5   # share of the shorter subject's words the other must have
MAX_TOUCHED = 200_000  # symbol keys an ingest collects before it asks for the whole pass instead
OPEN = ("unresolved", AMBIGUOUS)   # reference statuses the pass looks at
_LEADING_ZEROS = re.compile(r"^0+(?=\d)")
_WORD = re.compile(r"\w+")  # a subject's words: a symbol "07/2019/QD-UBND" is 07, 2019, qd, ubnd
_REL_TYPES = list(CITATION_RELATIONS)
_EDGE_PROPS = ("sentence", "start", "end", "count", "cue", "pinpoint", "evidence", "source_doc")


# ---------------------------------------------------------------- keys

def link_key(symbol: Any) -> str | None:
    """The key references and instruments are matched by: the symbol as the one grammar
    reads it, folded, its number without leading zeros ("01/CT-TTg" = "1/ct-ttg")."""
    sym = parse_symbol(str(symbol)) if symbol else None
    if sym is None or not sym.number:
        return None
    key = match_key(sym.canonical).replace(" ", "")
    return _LEADING_ZEROS.sub("", key)


def stored_keys(key: str) -> list[str]:
    """The `symbol_key` spellings of a link key (its number written with 0-2 leading zeros)."""
    head = re.match(r"\d+", key)
    if not head:
        return [symbol_key(key)]
    n, rest = head.group(), key[head.end():]
    return list(dict.fromkeys(symbol_key(f"{n.zfill(w)}{rest}") for w in (len(n), 2, 3)))


def fragment_keys(frag: Fragment) -> set[str]:
    """The link keys of the instruments a written document carries (its own, and the ones
    it cites): the references the pass decides again after it is written."""
    return {k for n in frag.nodes if n.label == INSTRUMENT and (k := link_key(n.props.get("symbol")))}


class TouchedKeys:
    """The link keys an ingest wrote (`fragment_keys`), or None past `MAX_TOUCHED` (then
    the pass looks at every open reference: cheaper than looking them up one by one)."""

    def __init__(self, limit: int = MAX_TOUCHED) -> None:
        self.limit = limit
        self._keys: set[str] | None = set()

    def add(self, frag: Fragment) -> None:
        if self._keys is not None:
            self._keys |= fragment_keys(frag)
            if len(self._keys) > self.limit:
                self._keys = None

    def keys(self) -> set[str] | None:
        return self._keys


# ---------------------------------------------------------------- the rule

@dataclass(frozen=True)
class Reference:
    """A citation node scoped to its citing document (status unresolved or ambiguous)."""

    id: str
    key: str
    citing: str
    type: str | None = None
    year: int | None = None           # the year the text gives (an ambiguous citation's)
    scopes: tuple[str, ...] = ()      # issuer slugs the citation allows
    candidates: tuple[str, ...] = ()  # ids the text allows (ambiguous)
    citing_date: date | None = None
    citing_year: int | None = None
    subject: str | None = None


@dataclass(frozen=True)
class Known:
    """An instrument of the store a reference may be: loaded, or resolved elsewhere."""

    id: str
    key: str
    type: str | None = None
    date: date | None = None
    year: int | None = None
    subject: str | None = None


@dataclass
class Verdict:
    status: str | None                 # INFERRED, AMBIGUOUS, CURATED, or None (nothing fits)
    target: str | None = None
    candidates: list[str] = field(default_factory=list)
    reason: str = ""


def _issuer_fits(ref: Reference, k: Known) -> bool:
    return k.id in ref.candidates or any(k.id.startswith(f"vn/{s}/") for s in ref.scopes)


def fits(ref: Reference, k: Known) -> bool | None:
    """True: `k` fits `ref`; None: it may (its date or year is unknown); False: it does not."""
    if k.id == ref.citing or k.key != ref.key or not _issuer_fits(ref, k):
        return False
    if ref.type and k.type and match_key(ref.type) != match_key(k.type):
        return False
    if ref.year and k.year and ref.year != k.year:
        return False
    if not same_subject(ref.subject, k.subject):
        return False
    if k.date and ref.citing_date:
        return k.date <= ref.citing_date
    if k.year and ref.citing_year:
        return k.year <= ref.citing_year
    return None


def same_subject(a: str | None, b: str | None) -> bool:
    """Whether two subjects may be one instrument's: unknown on either side, or the shorter's
    words at least `SAME_SUBJECT` in the other's."""
    wa, wb = set(_WORD.findall(search_key(a))) if a else set(), set(_WORD.findall(search_key(b))) if b else set()
    if not wa or not wb:
        return True
    return len(wa & wb) >= SAME_SUBJECT * min(len(wa), len(wb))


def decide(ref: Reference, known: Iterable[Known], curated: str | None = None) -> Verdict:
    """The pass's verdict on one reference (pure: the store reads and writes around it)."""
    if curated:
        return Verdict(CURATED, curated, [curated], "confirmed by an analyst")
    sure, maybe = [], []
    for k in known:
        f = fits(ref, k)
        if f:
            sure.append(k.id)
        elif f is None:
            maybe.append(k.id)
    sure, maybe = sorted(set(sure)), sorted(set(maybe) - set(sure))
    if len(sure) == 1 and not maybe:
        return Verdict(INFERRED, sure[0], sure, _reason(ref))
    if sure or maybe:
        why = f"{len(sure)} instruments fit" if len(sure) > 1 else "a candidate's date is unknown"
        return Verdict(AMBIGUOUS, None, sure + maybe, why)
    return Verdict(None)


def _reason(ref: Reference) -> str:
    by = "one of its candidates" if ref.candidates else "an issuer its code allows here"
    return f"the one instrument of the store with this number and type, {by}, dated no later than the citing document"


# ---------------------------------------------------------------- the store

@dataclass
class LinkSummary:
    """What one pass decided."""

    references: int = 0
    by_status: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def line(self) -> str:
        parts = ", ".join(f"{k} {v}" for k, v in sorted(self.by_status.items()) if v)
        return f"links: {self.references} references looked at" + (f" ({parts})" if parts else "")


_REF_RETURN = (
    "RETURN m.id AS id, m.symbol AS symbol, m.type AS type, m.status AS status, m.year AS year, "
    "m.scopes AS scopes, m.candidates AS candidates, m.cited_in AS citing, d.date AS citing_date, "
    "d.year AS citing_year, m.subject AS subject")


def _references(store: Any, keys: set[str] | None) -> list[Reference]:
    open_ = "m.cited_in IS NOT NULL AND coalesce(m.has_text, false) = false AND m.status IN $open"
    if keys is None:
        rows = store.read(f"MATCH (m:{INSTRUMENT}) WHERE {open_} "
                          f"MATCH (d:{INSTRUMENT} {{id: m.cited_in}}) {_REF_RETURN}", open=list(OPEN))
    else:
        lookup = sorted({s for k in keys for s in stored_keys(k)})
        rows = store.read(f"UNWIND $keys AS k MATCH (m:{INSTRUMENT} {{symbol_key: k}}) WHERE {open_} "
                          f"MATCH (d:{INSTRUMENT} {{id: m.cited_in}}) {_REF_RETURN}",
                          keys=lookup, open=list(OPEN))
    out = []
    for r in rows:
        key = link_key(r["symbol"])
        if key is None:
            continue
        out.append(Reference(
            r["id"], key, r["citing"], r["type"], r["year"] if r["status"] == AMBIGUOUS else None,
            tuple(_list(r["scopes"])), tuple(_list(r["candidates"])), _day(r["citing_date"]), r["citing_year"],
            r["subject"]))
    return out


def _known(store: Any, keys: set[str]) -> dict[str, list[Known]]:
    lookup = sorted({s for k in keys for s in stored_keys(k)})
    rows = store.read(f"UNWIND $keys AS k MATCH (c:{INSTRUMENT} {{symbol_key: k}}) "
                      "WHERE c.has_text = true OR (c.status = $resolved AND c.cited_in IS NULL) "
                      "RETURN DISTINCT c.id AS id, c.symbol AS symbol, c.type AS type, c.date AS date, c.year AS year, "
                      "c.subject AS subject",
                      keys=lookup, resolved=RESOLVED) if lookup else []
    out: dict[str, list[Known]] = defaultdict(list)
    for r in rows:
        if key := link_key(r["symbol"]):
            out[key].append(Known(r["id"], key, r["type"], _day(r["date"]), r["year"], r["subject"]))
    return out


def _curations(store: Any, ids: list[str]) -> dict[str, str]:
    rows = store.read(f"UNWIND $ids AS i MATCH (c:{CURATION} {{id: i}}) RETURN c.id AS id, c.target AS target",
                      ids=ids) if ids else []
    return {r["id"]: r["target"] for r in rows if r["target"]}


def ensure_schema(store: Any) -> None:
    store.write(f"CREATE CONSTRAINT {CURATION.lower()}_id IF NOT EXISTS FOR (n:{CURATION}) REQUIRE n.id IS UNIQUE")


def link_pass(store: Any, keys: Iterable[str] | None = None) -> LinkSummary:
    """Decide the references whose link key is in `keys` (None: every open reference of
    the store) and write the verdicts (see the module doc); idempotent."""
    ensure_schema(store)
    refs = _references(store, None if keys is None else set(keys))
    summary = LinkSummary(references=len(refs))
    if not refs:
        return summary
    known = _known(store, {r.key for r in refs})
    curated = _curations(store, [r.id for r in refs])
    for i in range(0, len(refs), BATCH):
        part = refs[i:i + BATCH]
        verdicts = [(r, decide(r, known.get(r.key, ()), curated.get(r.id))) for r in part]
        for _, v in verdicts:
            summary.by_status[v.status or "none"] += 1
        store.write_transaction(lambda tx, vs=verdicts: _write(tx, vs))
    return summary


def _write(tx: Any, verdicts: list[tuple[Reference, Verdict]]) -> None:
    """One batch: the references' old link edges out, their verdicts and new edges in."""
    refs = [{"id": r.id, "citing": r.citing} for r, _ in verdicts]
    old = tx.run(f"UNWIND $refs AS x MATCH (d:{INSTRUMENT} {{id: x.citing}})-[e]->(t:{INSTRUMENT}) "
                 "WHERE e.via = x.id WITH e, t.id AS t DELETE e RETURN DISTINCT t", {"refs": refs}).data()
    tx.run(f"UNWIND $rows AS x MATCH (m:{INSTRUMENT} {{id: x.id}}) SET m.link_status = x.status, "
           "m.link_candidates = x.candidates, m.link_reason = x.reason",
           {"rows": [{"id": r.id, "status": v.status, "candidates": v.candidates or None,
                      "reason": v.reason or None} for r, v in verdicts]}).consume()
    linked = [(r, v) for r, v in verdicts if v.target]
    if linked:
        stated = tx.run(f"UNWIND $refs AS x MATCH (d:{INSTRUMENT} {{id: x.citing}})-[e]->(m:{INSTRUMENT} {{id: x.id}}) "
                        "WHERE type(e) IN $types RETURN x.id AS ref, type(e) AS type, "
                        + ", ".join(f"e.{p} AS {p}" for p in _EDGE_PROPS),
                        {"refs": [{"id": r.id, "citing": r.citing} for r, _ in linked], "types": _REL_TYPES}).data()
        by_ref = {r.id: (r, v) for r, v in linked}
        rows: dict[str, list[dict]] = defaultdict(list)
        for e in stated:
            r, v = by_ref[e["ref"]]
            props = {p: e[p] for p in _EDGE_PROPS if e[p] is not None}
            props.update(status=v.status, reason=v.reason, via=r.id)
            rows[e["type"]].append({"src": r.citing, "dst": v.target, "props": props})
        for rel, batch in rows.items():
            tx.run(f"UNWIND $rows AS x MATCH (d:{INSTRUMENT} {{id: x.src}}) MATCH (t:{INSTRUMENT} {{id: x.dst}}) "
                   f"WHERE NOT (d)-[:{rel}]->(t) CREATE (d)-[e:{rel}]->(t) SET e += x.props", {"rows": batch}).consume()
    touched = sorted({r["t"] for r in old} | {v.target for _, v in linked})
    if touched:
        _recount_cited_by(tx, touched)


# ---------------------------------------------------------------- confirmations

class ConfirmError(ValueError):
    """A confirmation the store refuses: one line saying why."""


def confirm(store: Any, reference: str, target: str, by: str | None = None) -> Verdict:
    """Record that `reference` (a citation node scoped to its citing document) is `target`,
    and draw its curated edge now. `target` must carry the reference's number and type."""
    ensure_schema(store)
    rows = store.read(f"MATCH (m:{INSTRUMENT} {{id: $id}}) RETURN m.symbol AS symbol, m.cited_in AS citing, "
                      "m.type AS type", id=reference)
    if not rows or not rows[0]["citing"]:
        raise ConfirmError(f"{reference}: not a citation kept unresolved or ambiguous")
    ref = rows[0]
    tgt = store.read(f"MATCH (t:{INSTRUMENT} {{id: $id}}) RETURN t.symbol AS symbol, t.type AS type", id=target)
    if not tgt:
        raise ConfirmError(f"{target}: no such instrument")
    if link_key(tgt[0]["symbol"]) != link_key(ref["symbol"]) or (
            ref["type"] and tgt[0]["type"] and match_key(ref["type"]) != match_key(tgt[0]["type"])):
        raise ConfirmError(f"{target}: its number and type ({tgt[0]['symbol']}) are not the citation's ({ref['symbol']})")
    store.write(f"MERGE (c:{CURATION} {{id: $id}}) SET c.target = $target, c.citing = $citing, "
                "c.symbol = $symbol, c.by = $by, c.at = $at",
                id=reference, target=target, citing=ref["citing"], symbol=ref["symbol"], by=by,
                at=datetime.now(timezone.utc).replace(microsecond=0).isoformat())
    link_pass(store, [link_key(ref["symbol"])])
    return Verdict(CURATED, target, [target], "confirmed by an analyst")


def unconfirm(store: Any, reference: str) -> None:
    """Withdraw a confirmation: the reference is decided again by the rule."""
    ensure_schema(store)
    rows = store.read(f"MATCH (m:{INSTRUMENT} {{id: $id}}) RETURN m.symbol AS symbol", id=reference)
    store.write(f"MATCH (c:{CURATION} {{id: $id}}) DELETE c", id=reference)
    if rows and (key := link_key(rows[0]["symbol"])):
        link_pass(store, [key])


def _list(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]


def _day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None
