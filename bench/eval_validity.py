"""The computed validity (`graph.validity`) against a portal's own claim: the Bình Dương rows
carry the portal's status (`hieu_luc`, kept on the node as `portal_status`).

    python -m bench.eval_validity [--on YYYY-MM-DD]

The rows are ingested into a fresh store (bench/corpus/validity-db, the link pass on), read
back whole (`queries.dump.read_graph`) and every instrument holding a portal claim is
assessed on `on` (default: the latest row's date, the portal's snapshot being no older).
Agreement follows domain/data/validity.yaml `portal`; a claim outside that table (a blank
or garbled cell) is counted apart. Writes bench/results/validity.json: the confusion table,
agreement, and the disagreements with their cause, to read.
"""
from __future__ import annotations

import argparse
import os
import shutil
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from bench.bench_graph import CORPUS, RESULTS, ROOT, git_rev, log, machine, write_json

BINHDUONG = ROOT.parent / "shared" / "corpus" / "binhduong" / "vbcddh.jsonl"
DB = CORPUS / "validity-db"
TAG = "eval_validity"


def measure(on: date | None) -> dict[str, Any]:
    from domain.validity import portal_agrees
    from graph.ingest import ingest
    from graph.model import INSTRUMENT
    from graph.store import open_store
    from graph.validity import assess_graph
    from queries.dump import read_graph

    store = open_store(path=str(DB), database="binhduong", role="ingest")
    try:
        store.ensure_schema()
        t0 = time.perf_counter()
        ingest([BINHDUONG], store, progress=False)
        nodes, edges = read_graph(store)
        log(TAG, f"ingested and read back in {time.perf_counter() - t0:.0f} s")
    finally:
        store.close()
    claimed = [n for n in nodes if n.label == INSTRUMENT and n.props.get("portal_status")]
    on = on or max(n.props["date"] for n in claimed if n.props.get("date"))
    validity = assess_graph(nodes, edges, on)
    table: Counter = Counter()
    verdicts: Counter = Counter()
    disagreements = []
    for n in claimed:
        v = validity[n.id]
        agrees = portal_agrees(v.portal_status, v.status)
        table[(v.portal_status, v.status)] += 1
        verdicts["outside the table" if agrees is None else "agree" if agrees else "disagree"] += 1
        if agrees is False:
            disagreements.append({"id": n.id, "symbol": v.symbol, "portal": v.portal_status, "computed": v.status,
                                  "cause": v.cause, "basis": v.basis})
    compared = verdicts["agree"] + verdicts["disagree"]
    return {
        "on": on, "instruments_with_claim": len(claimed), "verdicts": dict(verdicts),
        "agreement": round(verdicts["agree"] / compared, 4) if compared else None,
        "table": [{"portal": p, "computed": c, "n": k} for (p, c), k in table.most_common()],
        "computed": dict(Counter(v.status for v in (validity[n.id] for n in claimed))),
        "disagreements": disagreements,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.eval_validity", description=__doc__.splitlines()[0])
    ap.add_argument("--on", type=date.fromisoformat, default=None)
    ap.add_argument("--out", default=str(RESULTS / "validity.json"))
    a = ap.parse_args(argv)
    os.environ.setdefault("VBGRAPH_HEAP", "1g")
    shutil.rmtree(DB, ignore_errors=True)
    res: dict[str, Any] = {"machine": machine(), "git": git_rev(), "when": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    res["binhduong"] = measure(a.on)
    write_json(Path(a.out), res)
    b = res["binhduong"]
    print(f"Bình Dương on {b['on']}: {b['instruments_with_claim']} instruments with the portal's status; "
          f"{b['verdicts']}; agreement {b['agreement']}")
    for row in b["table"]:
        print(f"  {row['portal']!r:40} {row['computed']:18} {row['n']}")
    print(f"written {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
