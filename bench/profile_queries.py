"""Named-query latency, before/after the indexed variants: the general query of each file
(what `run_query` sent before variants) against `run_query` (the variant it picks).

    python -m bench.profile_queries --db /tmp/q30k-db [--reps 10] [--threads 8] [--out bench/results/queries.json]

The store must already hold a generated corpus (`python -m bench.generate --docs N --seed 1
--out DIR` then `vbgraph ingest DIR --db DB`). Cases are drawn from the graph: the most
implemented directive (implementers 3 and 5 hops, by id and by symbol), a document symbol
(search), an agency with tasks, tasks overdue as of 2022-01-01 across all agencies, the most
cited instrument (cited_by), a linked pair
(shortest_path), plus most_cited and unresolved. Single client: p50/max of `--reps` runs
after one warm-up, both forms checked to give the same rows. Concurrent: `--threads` threads
running the case mix through `run_query`. A general form slower than `--slow-ms` on its
warm-up run is not repeated (its warm-up time is reported).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def percentile(values: list[float], q: float) -> float:
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(-(-q * len(s) // 100)) - 1))
    return s[k]


def cases(store) -> list[tuple[str, str, dict]]:
    top = store.read("MATCH (d:Instrument)-[:IMPLEMENTS]->(n:Instrument) WHERE n.has_text = true "
                     "WITH n, count(d) AS c ORDER BY c DESC, n.id LIMIT 1 RETURN n.id AS id, n.symbol AS symbol")[0]
    doc = store.read("MATCH (d:Instrument)-[:IMPLEMENTS]->(:Instrument {id: $id}) WHERE d.has_text = true "
                     "RETURN d.id AS id, d.symbol AS symbol ORDER BY d.id LIMIT 1", id=top["id"])[0]
    agency = store.read("MATCH (a:Agency {name: 'Sở Tài chính'}) RETURN a.name AS name LIMIT 1") or \
        store.read("MATCH (:Task)-[:ASSIGNED_TO]->(a:Agency) RETURN a.name AS name LIMIT 1")
    return [
        ("implementers", "by id, 5 hops", {"id": top["id"], "hops": 5, "limit": 200}),
        ("implementers", "by id, 3 hops", {"id": top["id"], "hops": 3, "limit": 50}),
        ("implementers", "by symbol, 3 hops", {"symbol": top["symbol"], "hops": 3, "limit": 50}),
        ("search", "document symbol", {"symbol": doc["symbol"], "limit": 20}),
        ("search", "directive symbol", {"symbol": top["symbol"], "limit": 20}),
        ("tasks", "agency", {"agency": " ".join(agency[0]["name"].split()[:3]), "limit": 50}),
        ("tasks", "overdue, all agencies", {"overdue_on": "2022-01-01", "limit": 200}),
        ("cited_by", "by id", {"id": top["id"], "limit": 50}),
        ("timeline", "by id", {"id": top["id"]}),
        ("implements_chain", "by id", {"id": doc["id"]}),
        ("shortest_path", "by ids", {"from_id": doc["id"], "to_id": top["id"], "limit": 1}),
        ("most_cited", "no filter", {"limit": 20}),
        ("unresolved", "no filter", {"limit": 50}),
    ]


def timed(fn, reps: int, slow_ms: float) -> tuple[dict, list]:
    t0 = time.perf_counter()
    rows = fn()
    first = (time.perf_counter() - t0) * 1000
    if first > slow_ms:
        return {"p50_ms": round(first, 1), "max_ms": round(first, 1), "runs": 1}, rows
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter()
        rows = fn()
        ts.append((time.perf_counter() - t0) * 1000)
    return {"p50_ms": round(percentile(ts, 50), 1), "max_ms": round(max(ts), 1), "runs": reps}, rows


def canon(rows: list[dict]) -> list[str]:
    return sorted(repr(sorted(r.items())) for r in rows)


def single(store, cs, reps: int, slow_ms: float) -> list[dict]:
    from queries.runner import convert_params, get_query, plan, run_query

    out = []
    for name, label, params in cs:
        spec = get_query(name)
        values = convert_params(spec, params)
        before, want = timed(lambda: store.read(spec.cypher, **values), reps, slow_ms)
        after, got = timed(lambda: run_query(store, name, **params), reps, slow_ms)
        same = canon(got) == canon(want) if name != "shortest_path" else \
            [r["hops"] for r in got] == [r["hops"] for r in want]
        row = {"query": name, "case": label, "rows": len(got), "variant": [c[0] for c in plan(spec, values)],
               "before": before, "after": after, "same_rows": same}
        out.append(row)
        print(f"{name:17s} {label:18s} rows {len(got):4d}  before p50 {before['p50_ms']:9.1f} ms  "
              f"after p50 {after['p50_ms']:8.1f} ms  same={same}", file=sys.stderr, flush=True)
    return out


def concurrent(store, cs, threads: int, per_thread: int, general: bool, seed: int = 1) -> dict:
    from queries.runner import convert_params, get_query, run_query

    lat: dict[str, list[float]] = {}
    lock = threading.Lock()

    def call(name, params):
        if general:
            spec = get_query(name)
            return store.read(spec.cypher, **convert_params(spec, params))
        return run_query(store, name, **params)

    def client(i: int) -> None:
        rng = random.Random(f"{seed}-{i}")
        plan = [cs[j % len(cs)] for j in range(per_thread)]
        rng.shuffle(plan)
        for name, label, params in plan:
            t0 = time.perf_counter()
            call(name, params)
            with lock:
                lat.setdefault(f"{name} ({label})", []).append((time.perf_counter() - t0) * 1000)

    ws = [threading.Thread(target=client, args=(i,)) for i in range(threads)]
    t0 = time.perf_counter()
    for w in ws:
        w.start()
    for w in ws:
        w.join()
    wall = time.perf_counter() - t0
    return {"threads": threads, "per_thread": per_thread, "wall_s": round(wall, 1),
            "per_query": {k: {"count": len(v), "p50_ms": round(percentile(v, 50), 1),
                              "p90_ms": round(percentile(v, 90), 1), "max_ms": round(max(v), 1)}
                          for k, v in sorted(lat.items())}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--reps", type=int, default=10)
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--per-thread", type=int, default=24)
    ap.add_argument("--slow-ms", type=float, default=5000)
    ap.add_argument("--concurrent-before", action="store_true", help="also the general forms under load (slow)")
    ap.add_argument("--out", default=str(HERE / "results" / "queries.json"))
    args = ap.parse_args(argv)

    from graph.store import open_store

    store = open_store(path=args.db)
    try:
        return _profile(store, args)
    finally:
        store.close()


def _profile(store, args: argparse.Namespace) -> int:
    counts = store.read("MATCH (n:Instrument) RETURN count(n) AS c")[0]["c"]
    docs = store.read("MATCH (s:Source) RETURN count(s) AS c")[0]["c"]
    cs = cases(store)
    result = {"store": {"db": args.db, "documents": docs, "instruments": counts},
              "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                          "loadavg_start": os.getloadavg()},
              "single_client": single(store, cs, args.reps, args.slow_ms)}
    result["concurrent_after"] = concurrent(store, cs, args.threads, args.per_thread, general=False)
    if args.concurrent_before:  # the general forms under load, without those over 2 s alone
        slow = {(r["query"], r["case"]) for r in result["single_client"] if r["before"]["p50_ms"] > 2000}
        fast = [c for c in cs if (c[0], c[1]) not in slow]
        result["concurrent_before"] = concurrent(store, fast, args.threads, max(1, args.per_thread // 4),
                                                 general=True)
        result["concurrent_before"]["left_out_over_2s_alone"] = sorted(f"{a} ({b})" for a, b in slow)
    result["machine"]["loadavg_end"] = os.getloadavg()
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    print(json.dumps(result["concurrent_after"], indent=1), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
