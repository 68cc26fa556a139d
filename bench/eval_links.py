"""The end-of-ingest link pass (`graph.links`) measured: implementers of the top directive
before and after it, on a generated corpus against its truth, and what it links on Bình Dương.

    python -m bench.eval_links [--docs 10000] [--seed 1] [--workers 2] [--no-binhduong]

Generated corpus (`bench.generate`, written once to bench/corpus/g<N>, as bench_graph):
ingested into a fresh store (bench/corpus/links-db) with the pass off; `implementers` of the top directive (5 hops)
against the truth (`bench.bench_graph.implementers_correctness`); then the pass over the
whole store, and the same query again. Each link the pass drew is checked against the
truth: the citing document's true target of that symbol (its instrument node) must be the
link's target ("right"), or, when that document's own text gave it no identity (a
vn/_doc/... node), the node its full citation resolves to ("right_instrument_other_node":
the pass picked the right instrument, the store holds it twice).

Bình Dương (../shared/corpus/binhduong, 3,613 real rows, no truth): ingested the same way;
the references the pass looked at, its verdicts, and every link with its sentence, to read.

Writes bench/results/links.json.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from bench.bench_graph import (
    CORPUS, RESULTS, ROOT, git_rev, implementers_correctness, instrument_of, load_truth, log, machine,
    prepare_corpus, top_roots, write_json,
)

BINHDUONG = ROOT.parent / "shared" / "corpus" / "binhduong" / "vbcddh.jsonl"
DB = CORPUS / "links-db"   # one embedded server per process: a database per corpus in it
TAG = "eval_links"
CT16 = "vn/thu-tuong-chinh-phu/2020/CT/16"


def fresh_store(database: str) -> Any:
    from graph.store import open_store

    store = open_store(path=str(DB), database=database, role="ingest")
    store.ensure_schema()
    return store


def link_edges(store: Any) -> list[dict]:
    """Every edge the pass drew: citing id, relation, target id, the reference's symbol, sentence."""
    return store.read("MATCH (d:Instrument)-[e]->(t:Instrument) WHERE e.via IS NOT NULL "
                      "MATCH (m:Instrument {id: e.via}) RETURN d.id AS citing, d.symbol AS citing_symbol, "
                      "type(e) AS relation, t.id AS target, m.symbol AS symbol, e.status AS status, "
                      "e.sentence AS sentence ORDER BY citing, relation, target")


def true_targets(corpus: Path, store: Any, where: dict) -> dict[tuple[str, str], tuple[str, str | None]]:
    """(citing instrument id, link key of a cited symbol) -> the true target's instrument
    node, and the canonical id of the true target's descriptor (its symbol, issuer and date
    resolved as a full citation would be: the node a mention of it lands on when that
    document's own text gave no identity, vn/_doc/...)."""
    from graph.links import link_key
    from graph.resolve import Context, resolve

    rows: dict[str, dict] = {}
    pairs: list[tuple[str, str, str]] = []
    for tpath in sorted(corpus.glob("truth-*.jsonl")):
        with tpath.open(encoding="utf-8") as fh:
            for line in fh:
                t = json.loads(line)
                rows[t["id"]] = {k: t.get(k) for k in ("symbol", "issuer", "date", "jurisdiction")}
                for c in t.get("citations") or []:
                    if c.get("target_id") and (k := link_key(c.get("symbol"))):
                        pairs.append((t["id"], k, c["target_id"]))
    inst = instrument_of(store, where, sorted({a for a, _, _ in pairs} | {b for _, _, b in pairs}))

    def canonical(tid: str) -> str | None:
        t = rows[tid]
        province = (t["jurisdiction"] or "").split(",")[-1].strip() or None
        when = date.fromisoformat(t["date"]) if t["date"] else None
        return resolve(symbol=t["symbol"], issuer=t["issuer"], when=when, ctx=Context(province=province)).id

    return {(inst[a], k): (inst[b], canonical(b)) for a, k, b in pairs if inst.get(a) and inst.get(b)}


def generated(docs: int, seed: int, workers: int) -> dict[str, Any]:
    from graph.ingest import ingest
    from graph.links import link_pass
    from queries.runner import run_query

    corpus, gen = prepare_corpus(docs, seed)
    store = fresh_store("generated")
    try:
        t0 = time.perf_counter()
        summary = ingest(sorted(corpus.glob("part-*.jsonl")), store, progress=False, workers=workers, link=False)
        ingest_s = time.perf_counter() - t0
        log(TAG, f"ingested {summary.seen} documents in {ingest_s:.0f} s")
        truth, where = load_truth(corpus)
        (root, n5), *_ = top_roots(truth, 5, 1)
        inst = instrument_of(store, where, [root])[root]

        def measure() -> dict[str, Any]:
            rows = run_query(store, "implementers", id=inst, hops=5, limit=100_000)
            return implementers_correctness(store, truth, where, root, inst, rows)

        before = measure()
        log(TAG, f"before: recall {before['recall']} precision {before['precision_loaded']}")
        t1 = time.perf_counter()
        passed = link_pass(store)
        pass_s = time.perf_counter() - t1
        after = measure()
        log(TAG, f"after: recall {after['recall']} precision {after['precision_loaded']} ({pass_s:.1f} s)")
        truth_of = true_targets(corpus, store, where)
        from graph.links import link_key

        checked: Counter = Counter()
        wrong = []
        for e in link_edges(store):
            node, canon = truth_of.get((e["citing"], link_key(e["symbol"])), (None, None))
            verdict = ("no_truth" if node is None else "right" if node == e["target"]
                       else "right_instrument_other_node" if canon == e["target"] else "wrong")
            checked[verdict] += 1
            if verdict == "wrong" and len(wrong) < 10:
                wrong.append({**e, "true_target": node, "true_canonical": canon})
        right, bad = checked["right"] + checked["right_instrument_other_node"], checked["wrong"]
        return {
            "corpus": {"docs": docs, "seed": seed, **gen}, "ingest_seconds": round(ingest_s, 1),
            "root": {"truth_id": root, "id": inst, "truth_implementers_5_hops": n5},
            "before": before, "after": after,
            "pass": {"seconds": round(pass_s, 1), "references": passed.references, "by_status": dict(passed.by_status)},
            "links_checked": {**checked, "precision": round(right / (right + bad), 4) if right + bad else None},
            "wrong_examples": wrong,
        }
    finally:
        store.close()


def binhduong(workers: int) -> dict[str, Any]:
    """No truth: the pass's verdicts, every link to read, and the implementers (2 hops) of
    Chỉ thị 16/CT-TTg, the province's most implemented directive, before and after."""
    from graph.ingest import ingest
    from graph.links import link_pass
    from queries.runner import run_query

    store = fresh_store("binhduong")
    try:
        ingest([BINHDUONG], store, progress=False, workers=workers, link=False)

        def implementers() -> int:
            return len(run_query(store, "implementers", id=CT16, hops=2, limit=100_000))

        before = implementers()
        passed = link_pass(store)
        edges = link_edges(store)
        return {"references": passed.references, "by_status": dict(passed.by_status),
                "implementers_16_ct_ttg": {"before": before, "after": implementers()},
                "links": edges,
                "ambiguous": store.read("MATCH (m:Instrument) WHERE m.link_status = 'ambiguous' "
                                        "RETURN m.id AS id, m.mention AS mention, m.link_candidates AS candidates, "
                                        "m.link_reason AS reason ORDER BY id")}
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.eval_links", description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-binhduong", action="store_true")
    ap.add_argument("--out", default=str(RESULTS / "links.json"))
    a = ap.parse_args(argv)
    os.environ.setdefault("VBGRAPH_HEAP", "2g")
    shutil.rmtree(DB, ignore_errors=True)
    res: dict[str, Any] = {"machine": machine(), "git": git_rev(), "when": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    res["generated"] = generated(a.docs, a.seed, a.workers)
    if not a.no_binhduong:
        res["binhduong"] = binhduong(a.workers)
    write_json(Path(a.out), res)
    g = res["generated"]
    print(f"implementers recall {g['before']['recall']} -> {g['after']['recall']}, "
          f"precision {g['before']['precision_loaded']} -> {g['after']['precision_loaded']}; "
          f"links {g['links_checked']}")
    if "binhduong" in res:
        print(f"Bình Dương: {res['binhduong']['by_status']}, implementers of 16/CT-TTg "
              f"{res['binhduong']['implementers_16_ct_ttg']}")
    print(f"written {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
