"""Score extraction against the development gold of real documents (`tests/gold/`).

The labels were written by reading each document, never by running vbgraph
(`tests/gold/README.md`). Fields, each as precision / recall / F1 (micro, over the whole
set), overall and per `source_kind`:

- `own.<field>` — the document's own symbol, number, type, date, issuer and signer. A
  predicted value counts as a true positive when it equals the label, a false positive when
  it is wrong or the label is null, a false negative when the label is set and the value is
  missing or wrong.
- `citations.symbol` — numbered citations, matched per document on a match key (case,
  leading zeros, `Ð`/`Đ`, `TƯ`/`TW` and spaces folded; a number-only citation on its
  number and type). `citations.canonical` — of the matched, the symbol exactly as the
  label writes it.
- `citations.relation`, `.type`, `.date`, `.issuer` — accuracy over matched citations
  (relation: in the label's accepted set; `relation_coarse` also accepts the relation kind
  vbgraph folds a finer one into). Issuer phrases are compared folded (case, spacing,
  UBND = Ủy ban nhân dân …), null equal to null.
- `named` — instruments cited by name: matched on the folded name; `named.resolved` — of
  the labels with a symbol, the share that came out with that symbol.
- `relations` — edges stated between two cited instruments (source, target, relation).
- `tasks` — matched per document on the folded assignee, one to one; `tasks.deadline`
  and `tasks.coordinators` — accuracy over matched tasks.

Run: `python -m bench.eval_gold [--show-errors FIELD]`; writes bench/results/eval_gold.json.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold" / "docs"
SHARED = ROOT.parent / "shared" / "corpus"
OUT = ROOT / "bench" / "results" / "eval_gold.json"
OWN_FIELDS = ("symbol", "number", "type", "date", "issuer", "signer")
# a finer relation kind (the gold's) and the kind vbgraph folds it into today
COARSE = {"DETAILS": "GUIDES", "ANNULS": "REPEALS", "SUSPENDS": "CITES", "EXTENDS": "CITES",
          "CONSOLIDATES": "CITES"}
# spelled-out and abbreviated forms of one body word, folded to one spelling
_ABBREV = [(r"\bủy ban nhân dân\b", "ubnd"), (r"\buỷ ban nhân dân\b", "ubnd"),
           (r"\bhội đồng nhân dân\b", "hđnd"), (r"\btp\.\s*", "thành phố "), (r"\btp\b", "thành phố"),
           (r"\bttg\b", "thủ tướng chính phủ"), (r"\bubtvqh\b", "ủy ban thường vụ quốc hội"),
           (r"\bbch\b", "ban chấp hành"), (r"\btw\b", "trung ương"), (r"\btư\b", "trung ương")]


# ---------------------------------------------------------------- gold items

@dataclass
class GoldDoc:
    id: str
    labels: dict[str, Any]
    path: Path                      # the label file

    @property
    def kind(self) -> str:
        return self.labels.get("source_kind") or "other"


def gold_docs(folder: Path = GOLD) -> list[GoldDoc]:
    """Every labelled document, by id."""
    out = []
    for p in sorted(folder.glob("*.yaml")):
        labels = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
        out.append(GoldDoc(str(labels.get("id") or p.stem), labels, p))
    return out


def source_of(doc: GoldDoc):
    """The `loaders` Source of a gold document, read the way vbgraph reads its file."""
    from loaders.model import LoadError
    from loaders.read import iter_sources

    ref = doc.labels.get("text_from")
    if ref:
        rel, _, row = str(ref).removeprefix("shared:").partition("#")
        return _shared_rows(rel)[int(row)]
    texts = [p for p in doc.path.parent.glob(doc.path.stem + ".*") if p.suffix != ".yaml"]
    if len(texts) != 1:
        raise ValueError(f"{doc.id}: expected one text file beside the labels, found {len(texts)}")
    (src,) = list(iter_sources([texts[0]]))
    if isinstance(src, LoadError):
        raise ValueError(f"{doc.id}: {src}")
    return src


@lru_cache(maxsize=None)
def _shared_rows(rel: str) -> dict[int, Any]:
    from loaders.read import iter_sources

    return {s.row: s for s in iter_sources([SHARED / rel]) if getattr(s, "row", None)}


# ---------------------------------------------------------------- folds and keys

def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).replace("\u00d0", "Đ").replace("\u0189", "Đ")


def phrase_key(text: Any) -> str | None:
    """An issuer or agency phrase folded for comparison (case, spacing, punctuation, the
    usual abbreviations); None for none."""
    if text in (None, ""):
        return None
    t = _nfc(str(text)).lower()
    t = re.sub(r"^(của|do|đồng chí|đ/c)\s+", "", t.strip())
    for pat, rep in _ABBREV:
        t = re.sub(pat, rep, t)
    t = re.sub(r"[\s,;:.()\"“”'’\-–—/]+", " ", t).strip()
    return t or None


def symbol_key(symbol: Any) -> str | None:
    """A symbol's match key: case, spaces, `Ð`, `TƯ`, separators and leading zeros folded."""
    if not symbol:
        return None
    s = _nfc(str(symbol)).upper().replace("TƯ", "TW")
    s = re.sub(r"\s+", "", s)
    s = re.sub(r"[‐-―−]", "-", s)
    s = re.sub(r"^0+(?=\d)", "", s)
    return s


def citation_key(symbol: Any, number: Any, type_: Any) -> str | None:
    """The match key of a numbered citation: its symbol, else `#number/type`."""
    if symbol:
        return symbol_key(symbol)
    if number in (None, ""):
        return None
    return f"#{str(number).lstrip('0') or '0'}/{(type_ or '').upper()}"


def _iso(value: Any) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes") if (value.hour or value.minute) else value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if "T" in text:
        d, _, t = text.partition("T")
        return d if t[:5] in ("00:00", "") else f"{d}T{t[:5]}"
    return text


def _num(value: Any) -> str | None:
    return None if value in (None, "") else (str(value).lstrip("0") or "0")


def _accepted(relation: Any) -> set[str]:
    if relation is None:
        return {"CITES"}
    return {str(r) for r in relation} if isinstance(relation, (list, tuple)) else {str(relation)}


# ---------------------------------------------------------------- scoring

@dataclass
class Score:
    """True/false positives and negatives of one field (or hits over trials for accuracies)."""
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, tp: int = 0, fp: int = 0, fn: int = 0, error: str | None = None) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn
        if error:
            self.errors.append(error)

    def figures(self) -> dict[str, Any]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else None
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else None
        f = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
        return {"precision": _r(p), "recall": _r(r), "f1": _r(f), "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Accuracy:
    hits: int = 0
    trials: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, ok: bool, error: str | None = None) -> None:
        self.trials += 1
        self.hits += ok
        if not ok and error:
            self.errors.append(error)

    def figures(self) -> dict[str, Any]:
        return {"accuracy": _r(self.hits / self.trials if self.trials else None), "n": self.trials}


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


class Scores:
    """Every field's score, overall and per source kind."""

    def __init__(self) -> None:
        self.fields: dict[tuple[str, str], Score | Accuracy] = {}

    def get(self, kind: str, name: str, cls: type) -> Score | Accuracy:
        return self.fields.setdefault((kind, name), cls())

    def score(self, kind: str, name: str, **kw: Any) -> None:
        for k in ("all", kind):
            self.get(k, name, Score).add(**kw)

    def accuracy(self, kind: str, name: str, ok: bool, error: str | None = None) -> None:
        for k in ("all", kind):
            self.get(k, name, Accuracy).add(ok, error if k == "all" else None)

    def table(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = defaultdict(dict)
        for (kind, name), s in sorted(self.fields.items()):
            out[kind][name] = s.figures()
        return dict(out)

    def errors(self, name: str) -> list[str]:
        s = self.fields.get(("all", name))
        return s.errors if s else []


def _own_value(doc: Any, name: str) -> Any:
    if name == "issuer":
        return doc.issuer
    if name == "signer":
        return doc.signer.name if doc.signer else None
    if name == "date":
        return _iso(doc.date)
    if name == "number":
        return _num(doc.number)
    return getattr(doc, name)


def _issuer_ok(gold: str, agency: Any) -> bool:
    """The issuing body, with its place; a Chairman's decision ("CHỦ TỊCH ỦY BAN NHÂN DÂN
    TỈNH X") is the council's body in the graph, so "Chủ tịch UBND tỉnh X" = "UBND tỉnh X"."""
    if agency is None:
        return False
    want = re.sub(r"^chủ tịch ", "", phrase_key(gold) or "")
    names = [agency.name, agency.full_name]
    if agency.jurisdiction:
        names.append(f"{agency.name} {agency.jurisdiction.split(',')[0]}")
    return want in {phrase_key(n) for n in names if n}


def score_own(s: Scores, g: GoldDoc, doc: Any) -> None:
    own = g.labels.get("own") or {}
    for name in OWN_FIELDS:
        if name not in own:
            continue
        want, got = own[name], _own_value(doc, name)
        if name == "issuer":
            ok = want is not None and _issuer_ok(want, got)
            shown = got.name if got else None
            has = got is not None
        elif name == "symbol":
            ok = want is not None and got is not None and symbol_key(want) == symbol_key(got)
            shown, has = got, got not in (None, "") and not str(got).startswith("/")
        elif name == "number":
            ok = _num(want) == got and want is not None
            shown, has = got, got is not None
        elif name == "date":
            ok = want is not None and _iso(want) == got
            shown, has = got, got is not None
        elif name == "signer":
            ok = want is not None and got is not None and phrase_key(want) == phrase_key(got)
            shown, has = got, got is not None
        else:
            ok = want is not None and str(want) == str(got)
            shown, has = got, got is not None
        err = f"{g.id}: own.{name} gold={want!r} got={shown!r}"
        if ok:
            s.score(g.kind, f"own.{name}", tp=1)
        else:
            s.score(g.kind, f"own.{name}", fp=int(has), fn=int(want is not None), error=err)


def _pred_citations(doc: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for c in doc.citations:
        if c.kind != "numbered":
            continue
        key = citation_key(c.symbol, c.number, c.type)
        if key and key not in out:
            out[key] = c
    return out


def score_citations(s: Scores, g: GoldDoc, doc: Any) -> None:
    gold = {}
    for c in g.labels.get("citations") or []:
        key = citation_key(c.get("symbol"), c.get("number"), c.get("type"))
        if key:
            gold.setdefault(key, c)
    pred = _pred_citations(doc)
    own_key = symbol_key((g.labels.get("own") or {}).get("symbol"))
    for key, c in gold.items():
        p = pred.get(key)
        if p is None:
            s.score(g.kind, "citations.symbol", fn=1, error=f"{g.id}: missed {c.get('symbol') or c.get('text')!r}")
            continue
        s.score(g.kind, "citations.symbol", tp=1)
        if c.get("symbol"):
            s.accuracy(g.kind, "citations.canonical", _nfc(str(c["symbol"])) == p.symbol,
                       f"{g.id}: canonical gold={c['symbol']!r} got={p.symbol!r}")
        accepted = _accepted(c.get("relation"))
        s.accuracy(g.kind, "citations.relation", p.relation in accepted,
                   f"{g.id}: relation of {key} gold={sorted(accepted)} got={p.relation} cue={p.cue!r}")
        coarse = accepted | {COARSE.get(r, r) for r in accepted}
        s.accuracy(g.kind, "citations.relation_coarse", p.relation in coarse)
        if "type" in c:
            s.accuracy(g.kind, "citations.type", (c.get("type") or None) == (p.type or None),
                       f"{g.id}: type of {key} gold={c.get('type')!r} got={p.type!r}")
        if "date" in c:
            s.accuracy(g.kind, "citations.date", _iso(c.get("date")) == _iso(p.date),
                       f"{g.id}: date of {key} gold={_iso(c.get('date'))} got={_iso(p.date)}")
        if "issuer" in c:
            s.accuracy(g.kind, "citations.issuer", phrase_key(c.get("issuer")) == phrase_key(p.issuer),
                       f"{g.id}: issuer of {key} gold={c.get('issuer')!r} got={p.issuer!r}")
    for key, p in pred.items():
        if key not in gold:
            why = "own number" if key == own_key else "not a citation / not labelled"
            s.score(g.kind, "citations.symbol", fp=1, error=f"{g.id}: extra {p.symbol or p.text!r} ({why})")


def _name_key(text: Any) -> str:
    t = phrase_key(text) or ""
    return re.sub(r"\b(ngày|số|năm)\s*\d.*$", "", t).strip()   # "một số điều" stays


def score_named(s: Scores, g: GoldDoc, doc: Any) -> None:
    gold = list(g.labels.get("named") or [])
    pred = [c for c in doc.citations if c.kind == "named"]
    used: set[int] = set()
    for n in gold:
        want = _name_key(n.get("name") or n.get("text"))
        hit = next((i for i, c in enumerate(pred) if i not in used and want and
                    (want in _name_key(c.text) or _name_key(c.text) in want) and _name_key(c.text)), None)
        if hit is None:
            s.score(g.kind, "named", fn=1, error=f"{g.id}: missed named {n.get('name')!r}")
            if n.get("symbol"):
                s.accuracy(g.kind, "named.resolved", False, f"{g.id}: {n.get('name')!r} not found")
            continue
        used.add(hit)
        s.score(g.kind, "named", tp=1)
        if n.get("symbol"):
            got = pred[hit].symbol
            s.accuracy(g.kind, "named.resolved", symbol_key(got) == symbol_key(n["symbol"]),
                       f"{g.id}: {n.get('name')!r} gold={n['symbol']} got={got}")
    for i, c in enumerate(pred):
        if i not in used:
            s.score(g.kind, "named", fp=1, error=f"{g.id}: extra named {c.text!r}")


def score_relations(s: Scores, g: GoldDoc, doc: Any) -> None:
    def key(x: Any) -> str:
        return symbol_key(x) if re.search(r"\d", str(x)) else _name_key(x)

    gold = {(key(r["source"]), key(r["target"])): _accepted(r.get("relation"))
            for r in g.labels.get("relations") or []}
    def keys(c: Any) -> list[str]:
        """A cited instrument's keys: its symbol, and for one cited by name its name too
        (a gold relation names a law by name, a resolved named citation carries a symbol)."""
        out = [key(c.symbol)] if c.symbol else []
        return out + [_name_key(c.text)] if c.kind == "named" or not c.symbol else out

    pred: dict[tuple[str, str], str] = {}
    for r in doc.relations:
        a, b = doc.citations[r.source], doc.citations[r.target]
        pairs = [(x, y) for x in keys(a) for y in keys(b)]
        hit = next((p for p in pairs if p in gold), pairs[0])
        pred.setdefault(hit, r.relation)
    for k, accepted in gold.items():
        if pred.get(k) in accepted:
            s.score(g.kind, "relations", tp=1)
        else:
            s.score(g.kind, "relations", fn=1, error=f"{g.id}: relation {k} {sorted(accepted)} got={pred.get(k)}")
    for k, rel in pred.items():
        if rel not in gold.get(k, set()):
            s.score(g.kind, "relations", fp=1, error=f"{g.id}: extra relation {k} {rel}")


def _agency_keys(a: Any) -> set[str]:
    names = [a.name, a.text, a.full_name]
    return {k for k in map(phrase_key, names) if k}


def score_tasks(s: Scores, g: GoldDoc, doc: Any) -> None:
    gold = list(g.labels.get("tasks") or [])
    pred = list(doc.tasks)
    used: set[int] = set()
    for t in gold:
        want = phrase_key(t.get("assignee"))
        hit = next((i for i, p in enumerate(pred) if i not in used and want in _agency_keys(p.assignee)), None)
        if hit is None:
            s.score(g.kind, "tasks", fn=1, error=f"{g.id}: missed task of {t.get('assignee')!r}: {str(t.get('text'))[:60]!r}")
            continue
        used.add(hit)
        s.score(g.kind, "tasks", tp=1)
        p = pred[hit]
        if "deadline" in t:
            s.accuracy(g.kind, "tasks.deadline", _iso(t.get("deadline")) == _iso(p.deadline),
                       f"{g.id}: deadline of {t.get('assignee')!r} gold={_iso(t.get('deadline'))} got={_iso(p.deadline)}")
        if "coordinators" in t:
            want_co = {phrase_key(c) for c in t.get("coordinators") or []}
            got_co = {phrase_key(c.name) for c in p.coordinators} | {phrase_key(c.text) for c in p.coordinators}
            s.accuracy(g.kind, "tasks.coordinators", want_co <= got_co and len(p.coordinators) == len(want_co),
                       f"{g.id}: coordinators of {t.get('assignee')!r} gold={sorted(x for x in want_co if x)} "
                       f"got={[c.name for c in p.coordinators]}")
    for i, p in enumerate(pred):
        if i not in used:
            s.score(g.kind, "tasks", fp=1, error=f"{g.id}: extra task of {p.assignee.name!r}: {p.action[:60]!r}")


def evaluate(docs: Iterable[GoldDoc]) -> tuple[Scores, dict[str, Any]]:
    from loaders.pipeline import extract

    s = Scores()
    kinds: Counter = Counter()
    sites: set[str] = set()
    failed: list[str] = []
    for g in docs:
        kinds[g.kind] += 1
        sites.add(str(g.labels.get("site") or ""))
        try:
            doc = extract(source_of(g), entities=False)
        except Exception as exc:  # noqa: BLE001 - a broken item is reported, never fatal
            failed.append(f"{g.id}: {type(exc).__name__}: {exc}")
            continue
        score_own(s, g, doc)
        score_citations(s, g, doc)
        score_named(s, g, doc)
        score_relations(s, g, doc)
        score_tasks(s, g, doc)
    meta = {"documents": sum(kinds.values()), "sites": len(sites - {""}), "by_kind": dict(kinds), "failed": failed}
    return s, meta


def _fmt(fig: dict[str, Any]) -> str:
    if "accuracy" in fig:
        return f"acc {fig['accuracy']}  (n={fig['n']})" if fig["accuracy"] is not None else "-"
    return f"P {fig['precision']}  R {fig['recall']}  F1 {fig['f1']}  (tp {fig['tp']} fp {fig['fp']} fn {fig['fn']})"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--show-errors", action="append", default=[], metavar="FIELD",
                    help="print the errors of a field (e.g. citations.relation, own.issuer, tasks)")
    ap.add_argument("--only", help="a regex on gold ids")
    ap.add_argument("--no-write", action="store_true", help="do not write bench/results/eval_gold.json")
    args = ap.parse_args(argv)
    docs = [g for g in gold_docs() if not args.only or re.search(args.only, g.id)]
    t0 = time.perf_counter()
    scores, meta = evaluate(docs)
    table = scores.table()
    print(f"gold: {meta['documents']} documents from {meta['sites']} sites; by kind: {meta['by_kind']}")
    for line in meta["failed"]:
        print(f"failed: {line}")
    for kind in ["all", *sorted(k for k in table if k != "all")]:
        print(f"\n[{kind}]")
        for name, fig in table[kind].items():
            print(f"  {name:28s} {_fmt(fig)}")
    for name in args.show_errors:
        print(f"\nerrors of {name}:")
        for e in scores.errors(name):
            print("  " + e)
    if not args.no_write and not args.only:
        from bench.bench_graph import git_rev, machine, write_json  # noqa: PLC0415 - the benches' own

        write_json(OUT, {"gold": meta, "git": git_rev(), "seconds": round(time.perf_counter() - t0, 1),
                         "machine": machine(), "scores": table})
    return 0


if __name__ == "__main__":
    sys.exit(main())
