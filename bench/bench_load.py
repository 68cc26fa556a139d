"""Load benchmark: the embedded ArcadeDB server and the app's query layer under concurrent use.

    python -m bench.bench_load [--docs 10000] [--threads 8] [--per-thread 200] [--seed 1]

A generated corpus (`bench.generate`, seed 1) is written under bench/corpus/ and ingested
into its own embedded store (both reused by later runs: delete bench/corpus/load<N>* to
start over). Then `--threads` client threads each run `--per-thread` queries, a seeded mix
of the named queries through `queries.runner.run_query` (search by symbol, implementers,
tasks, cited_by, most_cited, unresolved, shortest_path) and a guarded `Store.read`, all
over Bolt on loopback against one shared `Store` (one driver, a session per query, as the
Streamlit app does). Any error fails the run (exit status 1). Bounded: at most
threads x per-thread queries and `--max-seconds` of wall time.

Writes bench/results/load.json: per query kind p50/p90/p99/max latency (ms) and count,
overall throughput (queries/s), the ingest figures and the machine.
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
RESULTS = HERE / "results" / "load.json"
CORPUS = HERE / "corpus"

KINDS = ("search", "implementers", "tasks", "cited_by", "most_cited", "unresolved", "shortest_path", "read")
GUARDED_READ = ("MATCH (n:Instrument)<-[r]-(d:Instrument) WHERE n.symbol_key = $k "
                "RETURN n.symbol AS symbol, type(r) AS rel, d.symbol AS by, d.date AS date "
                "ORDER BY date DESC LIMIT 20")


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of non-empty `values`."""
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(-(-q * len(s) // 100)) - 1))
    return s[k]


def prepare(docs: int, seed: int) -> tuple[Path, Path, dict]:
    """The corpus and the ingested store folder (made once, reused)."""
    from bench.generate import write_corpus

    corpus = CORPUS / f"load{docs}-s{seed}"
    db = CORPUS / f"load{docs}-s{seed}-db"
    if not (corpus / "summary.json").is_file():
        write_corpus(corpus, docs, seed)
    return corpus, db, {}


def ingest_if_needed(store, corpus: Path, docs: int) -> dict:
    from graph.ingest import ingest

    have = store.read("MATCH (s:Source) RETURN count(s) AS c")[0]["c"]
    if have >= docs:
        return {"reused": True, "documents": have}
    t0 = time.perf_counter()
    summary = ingest(sorted(corpus.glob("part-*.jsonl")), store, progress=True)
    return {"reused": False, "documents": summary.seen, "seconds": round(time.perf_counter() - t0, 1),
            "docs_per_s": round(summary.seen / (time.perf_counter() - t0), 1),
            "rejected": len(summary.rejected)}


def pools(store, rng: random.Random) -> dict[str, list]:
    """Parameter values drawn from the graph (before timing)."""
    rows = store.read("MATCH (n:Instrument) WHERE n.symbol IS NOT NULL AND n.has_text = true "
                      "RETURN n.id AS id, n.symbol AS symbol ORDER BY id")
    cited = store.read("MATCH (:Instrument)-[:CITES|IMPLEMENTS|BASED_ON]->(n:Instrument) "
                       "WHERE n.symbol IS NOT NULL RETURN n.id AS id, n.symbol AS symbol, count(*) AS c "
                       "ORDER BY c DESC, id LIMIT 500")
    agencies = store.read("MATCH (:Task)-[:ASSIGNED_TO]->(a:Agency) WHERE a.name IS NOT NULL "
                          "RETURN DISTINCT a.name AS name ORDER BY name LIMIT 500")
    linked = store.read("MATCH (a:Instrument)-[:IMPLEMENTS|BASED_ON]->(b:Instrument) "
                        "WHERE a.has_text = true RETURN a.id AS a, b.id AS b ORDER BY a, b LIMIT 2000")
    if not rows or not cited or not agencies or not linked:
        raise SystemExit("bench_load: the store has no usable instruments/tasks to query")
    pairs = []
    for _ in range(300):  # from a document to the target of another one's citation
        pairs.append((rng.choice(linked)["a"], rng.choice(linked)["b"]))
    return {"docs": rows, "cited": cited, "agencies": [r["name"] for r in agencies], "pairs": pairs}


def make_call(kind: str, p: dict, rng: random.Random):
    """(callable(store) -> rows) for one query of `kind` with random parameters."""
    from queries.runner import run_query

    if kind == "search":
        sym = rng.choice(p["docs"])["symbol"]
        return lambda s: run_query(s, "search", symbol=sym, limit=20)
    if kind == "implementers":
        sym = rng.choice(p["cited"][:100])["symbol"]
        return lambda s: run_query(s, "implementers", symbol=sym, hops=3, limit=50)
    if kind == "tasks":
        ag = " ".join(rng.choice(p["agencies"]).split()[:3])
        return lambda s: run_query(s, "tasks", agency=ag, limit=50)
    if kind == "cited_by":
        row = rng.choice(p["cited"])
        return lambda s: run_query(s, "cited_by", id=row["id"], limit=50)
    if kind == "most_cited":
        typ = rng.choice([None, "QĐ", "KH", "CT", "NQ"])
        return lambda s: run_query(s, "most_cited", type=typ, limit=20)
    if kind == "unresolved":
        status = rng.choice([None, "unresolved", "ambiguous"])
        return lambda s: run_query(s, "unresolved", status=status, limit=50)
    if kind == "shortest_path":
        a, b = rng.choice(p["pairs"])
        return lambda s: run_query(s, "shortest_path", from_id=a, to_id=b, limit=1)
    if kind == "read":
        from domain.keys import symbol_key

        key = symbol_key(rng.choice(p["cited"])["symbol"])
        return lambda s: s.read(GUARDED_READ, k=key)
    raise ValueError(kind)


def run_load(store, p: dict, threads: int, per_thread: int, seed: int, max_seconds: float) -> dict:
    lat: dict[str, list[float]] = {k: [] for k in KINDS}
    rows: dict[str, int] = {k: 0 for k in KINDS}
    errors: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(threads + 1)
    deadline = [0.0]
    done = [0]

    def client(i: int) -> None:
        rng = random.Random(f"{seed}-{i}")
        plan = [KINDS[j % len(KINDS)] for j in range(per_thread)]
        rng.shuffle(plan)
        calls = [(k, make_call(k, p, rng)) for k in plan]
        mine: list[tuple[str, float, int]] = []
        start.wait()
        for kind, call in calls:
            if time.perf_counter() > deadline[0]:
                with lock:
                    errors.append(f"thread {i}: time limit reached")
                break
            t0 = time.perf_counter()
            try:
                n = len(call(store))
            except Exception as exc:  # noqa: BLE001 - every error is reported
                with lock:
                    errors.append(f"thread {i} {kind}: {type(exc).__name__}: {str(exc)[:200]}")
                continue
            mine.append((kind, time.perf_counter() - t0, n))
            done[0] += 1
        with lock:
            for kind, dt, n in mine:
                lat[kind].append(dt)
                rows[kind] += n

    workers = [threading.Thread(target=client, args=(i,), name=f"load-{i}") for i in range(threads)]
    for w in workers:
        w.start()
    deadline[0] = time.perf_counter() + max_seconds
    t0 = time.perf_counter()
    start.wait()
    while any(w.is_alive() for w in workers):
        workers[0].join(timeout=15)
        if any(w.is_alive() for w in workers):
            _log(f"load: {done[0]}/{threads * per_thread} queries done, {time.perf_counter() - t0:.0f} s")
    for w in workers:
        w.join()
    wall = time.perf_counter() - t0
    per_kind = {}
    for kind in KINDS:
        v = lat[kind]
        if not v:
            continue
        per_kind[kind] = {"count": len(v), "rows_mean": round(rows[kind] / len(v), 1),
                          **{f"p{q}_ms": round(percentile(v, q) * 1000, 1) for q in (50, 90, 99)},
                          "max_ms": round(max(v) * 1000, 1)}
    every = [x for v in lat.values() for x in v]
    overall = {"count": len(every), **{f"p{q}_ms": round(percentile(every, q) * 1000, 1) for q in (50, 90, 99)},
               "max_ms": round(max(every) * 1000, 1)} if every else {}
    return {"wall_s": round(wall, 2), "queries": len(every),
            "throughput_qps": round(len(every) / wall, 1) if wall else 0.0,
            "errors": errors, "overall": overall, "per_query": per_kind}


def table(res: dict) -> str:
    head = f"{'query':15s} {'n':>5s} {'p50 ms':>8s} {'p90 ms':>8s} {'p99 ms':>8s} {'max ms':>8s} {'rows':>6s}"
    lines = [head, "-" * len(head)]
    for kind, r in res["per_query"].items():
        lines.append(f"{kind:15s} {r['count']:5d} {r['p50_ms']:8.1f} {r['p90_ms']:8.1f} {r['p99_ms']:8.1f} "
                     f"{r['max_ms']:8.1f} {r['rows_mean']:6.1f}")
    o = res["overall"]
    if o:
        lines.append(f"{'all':15s} {o['count']:5d} {o['p50_ms']:8.1f} {o['p90_ms']:8.1f} {o['p99_ms']:8.1f} "
                     f"{o['max_ms']:8.1f}")
    lines.append(f"throughput: {res['throughput_qps']} queries/s over {res['wall_s']} s, "
                 f"{len(res['errors'])} errors")
    return "\n".join(lines)


def _log(msg: str) -> None:
    print(f"[bench_load {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.bench_load", description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--per-thread", type=int, default=200)
    ap.add_argument("--max-seconds", type=float, default=900, help="wall-time bound of the load phase")
    ap.add_argument("--heap", default=os.environ.get("VBGRAPH_HEAP"), help="JVM heap (default: by role, see graph.embedded)")
    ap.add_argument("--out", default=str(RESULTS))
    args = ap.parse_args(argv)
    if args.heap:
        os.environ["VBGRAPH_HEAP"] = args.heap

    from graph.embedded import jvm_memory
    from graph.store import open_store

    corpus, db, _ = prepare(args.docs, args.seed)
    t0 = time.perf_counter()
    store = open_store(path=str(db))
    start_s = time.perf_counter() - t0
    if store.embedded is None or not store.uri.startswith("bolt://127.0.0.1:"):
        raise SystemExit("bench_load: expected the embedded store on loopback")
    try:
        ing = ingest_if_needed(store, corpus, args.docs)
        _log(f"ingest: {ing}")
        counts = store.counts()
        _log("counts done")
        p = pools(store, random.Random(args.seed))
        _log(f"pools: {', '.join(f'{k} {len(v)}' for k, v in p.items())}")
        # warm-up (not timed): each kind once, so the server's query caches are filled
        for kind in KINDS:
            t = time.perf_counter()
            make_call(kind, p, random.Random(0))(store)
            _log(f"warm-up {kind}: {time.perf_counter() - t:.2f} s")
        res = run_load(store, p, args.threads, args.per_thread, args.seed, args.max_seconds)
    finally:
        store.close()
    out = {
        "corpus": {"generator": "bench.generate", "docs": args.docs, "seed": args.seed},
        "graph": {"nodes": sum(v for k, v in counts["nodes"].items() if k != "Source"),
                  "edges": sum(counts["edges"].values()), "documents": counts["nodes"].get("Source", 0)},
        "ingest": ing, "server_start_s": round(start_s, 1),
        "load": {"threads": args.threads, "per_thread": args.per_thread, "transport": "bolt loopback",
                 "client": "queries.runner.run_query / Store.read, one shared Store"},
        **res,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "jvm_memory": jvm_memory(), "loadavg_after": [round(x, 2) for x in os.getloadavg()]},
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(table(res))
    print(f"graph: {out['graph']['nodes']} nodes, {out['graph']['edges']} edges, {out['graph']['documents']} documents; "
          f"written {args.out}")
    for e in res["errors"][:20]:
        print("error:", e, file=sys.stderr)
    return 1 if res["errors"] or res["queries"] < args.threads * args.per_thread else 0


if __name__ == "__main__":
    sys.exit(main())
