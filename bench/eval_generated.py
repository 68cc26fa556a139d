"""Evaluate extraction and resolution against the generator's ground truth.

`bench.generate` knows, for every document it writes, its own identity (symbol, date,
issuer, signer), its tasks (assignee, deadline) and its citations (symbol, relation,
the generated document it points at). This reads the documents as plain text, as a
user's files would be, and reports per level (national, province, district, commune):

- identity: share of documents whose symbol, date, issuer and signer are right (issuer
  compared by name or full name, "Sở Y tế tỉnh Tây Ninh"; "Ủy ban nhân dân" = "UBND");
- tasks: share of true tasks found with their assignee (the level word may become the
  jurisdiction: "Công an" for "Công an xã"), share of those with the right deadline,
  and tasks found beyond the truth;
- links: share of IMPLEMENTS / BASED_ON citations of a generated document whose edge
  lands on that document's own node, and why the others do not (the citing document's
  issuer unknown, the citation kept ambiguous or unresolved, the target's own
  identity unknown, another node).

The generator drops headers and writes ambiguous place lines on purpose, so some
misses are right answers: a citation the text does not pin down stays ambiguous.

Run: `python -m bench.eval_generated [--docs 3000] [--seed 7]`; writes
bench/results/eval_generated.json.
"""
from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from bench.generate import generate
from graph.build import document_fragment
from domain.keys import match_key
from loaders.agencies import Jurisdiction, canonical
from loaders.model import Document, Source
from loaders.pipeline import extract

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "results" / "eval_generated.json"
LEVEL_WORDS = ("xã", "phường", "thị", "tỉnh", "huyện", "quận", "thành")
LINKED = ("IMPLEMENTS", "BASED_ON")


def _issuer_key(name: str | None) -> str:
    return match_key((name or "").replace("Ủy ban nhân dân", "UBND").replace("Hội đồng nhân dân", "HĐND")) or ""


def same_assignee(name: str, truth: str, doc: Document) -> bool:
    """Our assignee is the true one: equal once canonical, or the truth's name with its
    level word moved to the jurisdiction ("Công an" for "Công an xã")."""
    if name == canonical(truth, Jurisdiction.of(doc)).name:
        return True
    if not truth.startswith(name):
        return False
    rest = truth[len(name):].split()
    return not rest or rest[0] in LEVEL_WORDS


def _ratio(n: int, d: int) -> float | None:
    return round(n / d, 4) if d else None


def evaluate(n_docs: int, seed: int) -> dict[str, Any]:
    docs = list(generate(n_docs, seed=seed, noise=0.1))
    own: dict[str, str] = {}
    read: dict[str, tuple[Document, Any]] = {}
    for g in docs:
        d = extract(Source(g.id, g.id, g.text, "txt", g.id), entities=False)
        f = document_fragment(d)
        own[g.id] = f.nodes[0].id
        read[g.id] = (d, f)

    ident: dict[str, Counter] = defaultdict(Counter)
    tasks: dict[str, Counter] = defaultdict(Counter)
    links: dict[str, Counter] = defaultdict(Counter)
    for g in docs:
        t, (d, f) = g.truth, read[g.id]
        lv = t["level"]
        ident[lv]["documents"] += 1
        ident[lv]["symbol"] += bool(t.get("symbol")) and match_key(d.symbol or "") == match_key(t["symbol"])
        ident[lv]["date"] += bool(t.get("date")) and d.date is not None and d.date.isoformat() == t["date"]
        ident[lv]["issuer"] += bool(t.get("issuer")) and d.issuer is not None and _issuer_key(t["issuer"]) in {
            _issuer_key(d.issuer.name), _issuer_key(d.issuer.full_name)}
        ident[lv]["signer"] += bool(t.get("signer")) and d.signer is not None and d.signer.name == t["signer"]["name"]
        for want in t["tasks"]:
            tasks[lv]["truth"] += 1
            hit = next((x for x in d.tasks if x.assignee and same_assignee(x.assignee.name, want["assignee"], d)), None)
            if hit is None:
                continue
            tasks[lv]["found"] += 1
            if want.get("deadline"):
                tasks[lv]["with_deadline"] += 1
                tasks[lv]["deadline_right"] += bool(hit.deadline) and hit.deadline.isoformat().startswith(want["deadline"])
        tasks[lv]["extracted"] += len(d.tasks)
        me = own[g.id]
        outs = {(e.type, e.dst) for e in f.edges if e.src == me}
        for c in t["citations"]:
            if c["external"] or c["relation"] not in LINKED or c["target_id"] not in own:
                continue
            links[lv]["truth"] += 1
            want_id = own[c["target_id"]]
            if (c["relation"], want_id) in outs:
                links[lv]["landed"] += 1
            elif want_id.startswith("vn/_doc/"):
                links[lv]["target_identity_unknown"] += 1
            elif me.startswith("vn/_doc/"):
                links[lv]["citing_issuer_unknown"] += 1
            elif any(dst == want_id for _, dst in outs):
                links[lv]["other_relation"] += 1
            elif any("/cites/" in dst for rel, dst in outs if rel == c["relation"]):
                links[lv]["kept_ambiguous_or_unresolved"] += 1
            else:
                links[lv]["other_node"] += 1

    def total(table: dict[str, Counter]) -> Counter:
        out: Counter = Counter()
        for c in table.values():
            out.update(c)
        return out

    out: dict[str, Any] = {"docs": n_docs, "seed": seed, "noise": 0.1, "by_level": {}}
    for lv, c in [*sorted(ident.items()), ("all", total(ident))]:
        tc, lc = (tasks.get(lv) if lv != "all" else total(tasks)) or Counter(), (links.get(lv) if lv != "all" else total(links)) or Counter()
        n = c["documents"]
        out["by_level"][lv] = {
            "documents": n,
            "identity": {k: _ratio(c[k], n) for k in ("symbol", "date", "issuer", "signer")},
            "tasks": {"truth": tc["truth"], "recall": _ratio(tc["found"], tc["truth"]),
                      "deadline_right": _ratio(tc["deadline_right"], tc["with_deadline"]),
                      "extracted": tc["extracted"]},
            "links": {"truth": lc["truth"], "landed": _ratio(lc["landed"], lc["truth"]),
                      **{k: lc[k] for k in ("kept_ambiguous_or_unresolved", "citing_issuer_unknown",
                                            "target_identity_unknown", "other_relation", "other_node")}},
        }
    return out


def table(res: dict[str, Any]) -> str:
    rows = ["| level | docs | symbol | date | issuer | signer | task recall | deadline | links landed |",
            "|---|---|---|---|---|---|---|---|---|"]
    for lv, r in res["by_level"].items():
        i, t, k = r["identity"], r["tasks"], r["links"]
        rows.append(f"| {lv} | {r['documents']} | {i['symbol']} | {i['date']} | {i['issuer']} | {i['signer']} "
                    f"| {t['recall']} ({t['truth']}) | {t['deadline_right']} | {k['landed']} ({k['truth']}) |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.eval_generated", description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", default=str(OUT))
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    res = evaluate(a.docs, a.seed)
    res["seconds"] = round(time.perf_counter() - t0, 1)
    Path(a.out).write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(table(res))
    print(f"written {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
