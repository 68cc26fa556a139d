"""Evaluate the citation finder against the Ministry of Justice's hyperlinks.

Rows of `../shared/corpus/phapdien/notes.jsonl` with `gold_complete` (every "số X/Y"
in the note is hyperlinked) are the gold standard:

- symbols: per note, the set of canonical symbols we extract vs the set of
  canonicalised `citations[].so_ky_hieu`; micro precision / recall / F1.
  Portal links cut short inside a symbol (at a space, a U+00D0 or an "&": "68/2015/TT-"
  for "68/2015/TT- BTNMT") are repaired to the symbol the text really shows
  (`truncated_link`); the strict figures without that repair are reported too.
- relations: a note reads "(<article> <LISTED doc>, ..., có nội dung được sửa đổi
  bởi <article> <AMENDING doc> ...)": the gold `amended_by` citation is the
  SOURCE of the edge and the listed (`source`-role) document its TARGET. Expected
  relation from the phrase: "sửa đổi"/"bổ sung" -> AMENDS, "bãi bỏ" -> REPEALS,
  "hủy bỏ" -> ANNULS (a phrase naming several accepts any; a missing phrase takes the
  previous one of the note). An edge counts as correct when we emit
  Relation(amending -> listed) with an accepted relation.
- document relation: every gold citation found must carry CITES for the note
  itself (a provenance note implements nothing).

Run: `python -m bench.eval_phapdien [--limit N]`; writes bench/results/eval_phapdien.json.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from domain.symbols import canonical_symbol
from loaders.citations import find_citations
from loaders.normalize import normalize

ROOT = Path(__file__).resolve().parents[1]
NOTES = ROOT.parent / "shared" / "corpus" / "phapdien" / "notes.jsonl"
OUT = ROOT / "bench" / "results" / "eval_phapdien.json"


def expected_relations(phrase: str | None) -> set[str]:
    """Relations a portal phrase ("có nội dung được sửa đổi, ... bị bãi bỏ") names."""
    p = (phrase or "").lower()
    out = set()
    if "sửa đổi" in p or "bổ sung" in p:
        out.add("AMENDS")
    if "bãi bỏ" in p:
        out.add("REPEALS")
    if "hủy bỏ" in p:
        out.add("ANNULS")
    return out


def truncated_link(gold_raw: str, got: set[str], text: str) -> str | None:
    """The symbol we read when the portal's hyperlink stopped early.

    Some links end at a space, a non-ASCII letter or an "&" inside the symbol ("68/2015/TT-"
    for "68/2015/TT- BTNMT", "02/2020/TT-BGD" for "TT-BGDÐT" typed with U+00D0,
    "…/TTLT-BCA-BQP-BTC-BNN" for "…-BNN&PTNT-VKSNDTC": the link's query string ends at
    the "&"): the gold string is then a strict prefix of what the text really says.
    """
    g = gold_raw.strip()
    i = text.find(g)
    if not g or i < 0 or i + len(g) >= len(text):
        return None
    nxt = text[i + len(g)]
    if not (nxt.isspace() or not nxt.isascii() or nxt == "&"):
        return None
    key = g.rstrip("- /").replace(" ", "").upper()
    for x in got:
        if x.upper().startswith(key) and len(x) > len(key):
            return x
    return None


def evaluate(limit: int | None = None) -> dict:
    tp = fp = fn = 0
    strict_tp = strict_fp = strict_fn = 0
    rel_total = rel_ok = 0
    doc_total = doc_ok = 0
    rows = 0
    errors: list[dict] = []
    t0 = time.perf_counter()
    c0 = time.process_time()
    with NOTES.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if not row.get("gold_complete"):
                continue
            rows += 1
            if limit and rows > limit:
                break
            cits, rels = find_citations(normalize(row["text"]))
            got = {c.symbol for c in cits if c.symbol}
            gold = {canonical_symbol(c["so_ky_hieu"]) or c["so_ky_hieu"] for c in row["citations"] if c.get("so_ky_hieu")}
            strict_tp += len(got & gold)
            strict_fp += len(got - gold)
            strict_fn += len(gold - got)
            repaired: dict[str, str] = {}
            for c in row["citations"]:
                g = canonical_symbol(c["so_ky_hieu"] or "") or c["so_ky_hieu"]
                if g and g not in got:
                    fixed = truncated_link(c["so_ky_hieu"], got, row["text"])
                    if fixed:
                        gold.discard(g)
                        gold.add(fixed)
                        repaired[c["so_ky_hieu"]] = fixed

            def sym(raw: str) -> str:
                return repaired.get(raw) or canonical_symbol(raw) or raw
            tp += len(got & gold)
            fp += len(got - gold)
            fn += len(gold - got)
            if got != gold and len(errors) < 50:
                errors.append({"text": row["text"], "missed": sorted(gold - got), "spurious": sorted(got - gold)})
            for c in cits:
                if c.symbol in gold:
                    doc_total += 1
                    doc_ok += c.relation == "CITES"
            listed = [sym(c["so_ky_hieu"]) for c in row["citations"] if c["role"] == "source" and c.get("so_ky_hieu")]
            phrase = None
            edges = {(cits[r.source].symbol, cits[r.target].symbol, r.relation) for r in rels}
            for c in row["citations"]:
                if c["role"] != "amended_by":
                    continue
                phrase = c.get("relation") or phrase
                if not c.get("so_ky_hieu") or not listed:
                    continue
                rel_total += 1
                amender = sym(c["so_ky_hieu"])
                accepted = expected_relations(phrase) or {"AMENDS", "REPEALS", "ANNULS"}
                if any((amender, listed[0], r) in edges for r in accepted):
                    rel_ok += 1
                elif len(errors) < 80:
                    errors.append({"text": row["text"], "relation_missed": [amender, listed[0], sorted(accepted)]})
    seconds = time.perf_counter() - t0
    cpu_seconds = time.process_time() - c0
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "rows": min(rows, limit) if limit else rows,
        "symbols": {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 4), "recall": round(r, 4),
                    "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0},
        "symbols_strict": {"tp": strict_tp, "fp": strict_fp, "fn": strict_fn,
                           "precision": round(strict_tp / (strict_tp + strict_fp), 4) if strict_tp + strict_fp else 0.0,
                           "recall": round(strict_tp / (strict_tp + strict_fn), 4) if strict_tp + strict_fn else 0.0},
        "amendment_relations": {"total": rel_total, "correct": rel_ok,
                                "accuracy": round(rel_ok / rel_total, 4) if rel_total else None},
        "document_relation_cites": {"total": doc_total, "correct": doc_ok,
                                    "accuracy": round(doc_ok / doc_total, 4) if doc_total else None},
        "seconds": round(seconds, 2),            # wall clock (shared machine: see cpu_seconds)
        "cpu_seconds": round(cpu_seconds, 2),
        "errors_sample": errors,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    res = evaluate(args.limit)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(res, ensure_ascii=False, indent=2), encoding="utf-8")
    s, a, d = res["symbols"], res["amendment_relations"], res["document_relation_cites"]
    print(f"phapdien gold_complete notes: {res['rows']}")
    print(f"symbols   P={s['precision']:.4f} R={s['recall']:.4f} F1={s['f1']:.4f} (tp={s['tp']} fp={s['fp']} fn={s['fn']})")
    st = res["symbols_strict"]
    print(f"  (strict, without repairing truncated portal links: P={st['precision']:.4f} R={st['recall']:.4f})")
    print(f"amendment relations accuracy={a['accuracy']} ({a['correct']}/{a['total']})")
    print(f"document relation CITES accuracy={d['accuracy']} ({d['correct']}/{d['total']})")
    print(f"{res['seconds']} s wall, {res['cpu_seconds']} s CPU; details in {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
