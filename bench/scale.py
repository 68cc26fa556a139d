"""National scale: ingest and query figures against corpus size, the store vs plain networkx.

    python -m bench.scale [--sizes 10000,100000,1000000] [--runs 20] [--reuse] [--max-minutes 60]

For each size a generated corpus (`bench.generate`, seed 1: bench/corpus/g10k, g100k,
g1m; written once) is ingested into a FRESH embedded store (<corpus>-db) by a child
process in the ingest role (the JVM `vbgraph ingest` runs), which records: ingest time,
documents/s, peak memory (RSS of the process tree; the JVM runs in-process), store size
on disk. A second child, in the query role (as the app runs), times the queries through
`queries.runner.run_query` (p50/p95 after warm-up): `implementers` at 2 and 5 hops from
the national directive with the most implementers (10k+ at 1M), `tasks` overdue as of a
date, `cited_by` with filters (type KH, since a date) and `search` by symbol.
A third child builds a plain networkx MultiDiGraph from the store's rows
(`graph.nx_graph.from_rows`; build time and the memory it adds are recorded) and answers
the same questions in Python (BFS, scans) with the same parameters.

`--reuse`: a complete store left by an earlier fresh ingest (bench_graph or this script,
figures in <db>.ingest.json) is queried again instead of re-ingested; its ingest figures
are taken from that record. A size whose ingest would exceed `--max-minutes` at the rate
measured on the largest smaller size is not run (`--force` runs it anyway); its figures
are then extrapolated from the measured sizes and labelled `extrapolated`.

Results go to bench/results/scale.json (written after every step, so an interrupted run
still leaves figures) and bench/results/scale.png (one panel per figure against corpus
size, both backends; extrapolated points hollow, dashed).
"""
from __future__ import annotations

import argparse
import gc
import json
import math
import os
import subprocess
import sys
import time
from collections import deque
from datetime import date
from pathlib import Path
from typing import Any

from graph.embedded import jvm_collectors, jvm_memory
from graph.ingest import default_workers
from graph.model import CITATION_RELATIONS

from bench.bench_graph import (RESULTS, ROOT, MemSampler, corpus_dir, dir_size, git_rev, ingest_record,
                               ingested_docs, instrument_of, load_truth, log, machine, open_fresh,
                               prepare_corpus, ram_gb, store_dir, time_call, timed_ingest, top_roots,
                               write_json)

TAG = "scale"
OUT = RESULTS / "scale.json"
PNG = RESULTS / "scale.png"
DEFAULT_SIZES = (10_000, 100_000, 1_000_000)
TARGETS = {"ingest_1m_s": 3600, "peak_memory_mb": 8192, "implementers_5_hops_1m_ms": 500, "search_symbol_ms": 50}
QUERIES = ("implementers_2_hops", "implementers_5_hops", "tasks_overdue", "cited_by_filtered", "search_symbol")
CITATIONS = CITATION_RELATIONS


# ---------------------------------------------------------------- results file
def size_label(docs: int) -> str:
    """10000 -> '10k', 1000000 -> '1M', 200 -> '200'."""
    for unit, name in ((1_000_000, "M"), (1_000, "k")):
        if docs >= unit and docs % unit == 0:
            return f"{docs // unit}{name}"
    return str(docs)



def load_results(path: Path) -> dict:
    if path.is_file():
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            pass
    return {}


def update_size(path: Path, size: int, key: str, value: Any) -> None:
    """results["sizes"][size][key] = value (None: the key removed), written at once
    (children and parent share the file)."""
    res = load_results(path)
    entry = res.setdefault("sizes", {}).setdefault(str(size), {})
    if value is None:
        entry.pop(key, None)
    else:
        entry[key] = value
    write_json(path, res)


# ---------------------------------------------------------------- parameters
def params_for(store: Any, corpus: Path, as_of: str) -> dict[str, Any]:
    """Query parameters from the truth (top directive, a plan's symbol), mapped to graph ids."""
    truth, where = load_truth(corpus)
    (root, n5), *_ = top_roots(truth, 5, 1)
    n2 = sum(1 for t in truth if any(r == root and h <= 2 for r, h in t["implements_roots"]))
    root_t = next(t for t in truth if t["id"] == root)
    plans = [t for t in truth if t["level"] == "province" and t["symbol"] and "/" in t["symbol"]
             and [root, 1] in t["implements_roots"]]
    plan = plans[len(plans) // 2] if plans else next(t for t in truth if t["symbol"])
    ids = instrument_of(store, where, [root, plan["id"]])
    return {"root": ids[root], "root_symbol": root_t["symbol"], "truth_implementers_5_hops": n5,
            "truth_implementers_2_hops": n2, "search_symbol": plan["symbol"], "search_id": ids.get(plan["id"]),
            "cited_by_type": "KH", "cited_by_since": "2017-01-01", "as_of": as_of, "limit": 200}


def store_calls(store: Any, p: dict) -> dict[str, Any]:
    from queries.runner import run_query

    return {
        "implementers_2_hops": lambda: run_query(store, "implementers", id=p["root"], hops=2, limit=p["limit"]),
        "implementers_5_hops": lambda: run_query(store, "implementers", id=p["root"], hops=5, limit=p["limit"]),
        "tasks_overdue": lambda: run_query(store, "tasks", overdue_on=p["as_of"], limit=p["limit"]),
        "cited_by_filtered": lambda: run_query(store, "cited_by", id=p["root"], type=p["cited_by_type"],
                                               since=p["cited_by_since"], limit=p["limit"]),
        "search_symbol": lambda: run_query(store, "search", symbol=p["search_symbol"], limit=50),
    }


# ---------------------------------------------------------------- networkx backend
NODE_PROPS = {
    "Instrument": ("symbol", "symbol_key", "type_key", "type_name", "issuer", "issuer_key", "province_key",
                   "date", "has_text", "status", "subject_key", "name_key"),
    "Task": ("deadline", "deadline_date", "deadline_text", "text", "assignee", "order"),
    "Agency": ("name", "name_key", "full_key", "jurisdiction"),
    "Person": ("name",),
}


def nx_from_store(store: Any) -> Any:
    """A MultiDiGraph of the whole store (display/search properties, no texts or sentences)."""
    from graph.model import EDGE_TYPES, NODE_LABELS
    from graph.nx_graph import from_rows

    def nodes():
        for label in NODE_LABELS:
            fields = ", ".join(f"n.{k} AS {k}" for k in NODE_PROPS.get(label, ()))
            for r in store.read(f"MATCH (n:{label}) RETURN n.id AS id" + (f", {fields}" if fields else "")):
                yield {"id": r.pop("id"), "label": label, "props": {k: v for k, v in r.items() if v is not None}}

    def edges():
        for t in EDGE_TYPES:
            for r in store.read(f"MATCH (a)-[r:{t}]->(b) RETURN a.id AS src, b.id AS dst, r.status AS status"):
                yield {"src": r["src"], "dst": r["dst"], "type": t,
                       "props": {"status": r["status"]} if r["status"] is not None else {}}

    return from_rows(nodes(), edges())


def _instr_fields(d: dict) -> dict:
    return {k: d.get(k) for k in ("symbol", "issuer", "date", "has_text")}


def nx_implementers(g: Any, root: str, hops: int, limit: int) -> list[dict]:
    """BFS over incoming IMPLEMENTS/BASED_ON (fewest hops first), each with its tasks."""
    seen = {root: 0}
    q = deque([root])
    while q:
        n = q.popleft()
        if seen[n] >= hops:
            continue
        for src, _, key in g.in_edges(n, keys=True):
            if key in ("IMPLEMENTS", "BASED_ON") and src not in seen and g.nodes[src].get("label") == "Instrument":
                seen[src] = seen[n] + 1
                q.append(src)
    del seen[root]
    rows = []
    for doc, h in seen.items():
        tasks = []
        for _, t, key in g.out_edges(doc, keys=True):
            if key == "ASSIGNS":
                ag = next((a for _, a, k in g.out_edges(t, keys=True) if k == "ASSIGNED_TO"), None)
                td = g.nodes[t]
                tasks.append({"assignee": g.nodes[ag].get("name") if ag else td.get("assignee"),
                              "deadline": td.get("deadline"), "task": td.get("text")})
        rows.append({**_instr_fields(g.nodes[doc]), "hops": h, "id": doc, "tasks": tasks})
    rows.sort(key=lambda r: (r["hops"], str(r["date"] or ""), r["id"]))
    return rows[:limit]


def nx_tasks_overdue(g: Any, as_of: date, limit: int) -> list[dict]:
    rows = []
    for t, d in g.nodes(data=True):
        dd = d.get("deadline_date")
        if d.get("label") != "Task" or dd is None or not dd < as_of:
            continue
        doc = next((s for s, _, k in g.in_edges(t, keys=True) if k == "ASSIGNS"), None)
        if doc is None:
            continue
        ag = next((a for _, a, k in g.out_edges(t, keys=True) if k == "ASSIGNED_TO"), None)
        co = [g.nodes[a].get("name") for _, a, k in g.out_edges(t, keys=True) if k == "COORDINATES_WITH"]
        rows.append({"agency": g.nodes[ag].get("name") if ag else d.get("assignee"), "deadline": d.get("deadline"),
                     "task": d.get("text"), "coordinators": co, "instrument": g.nodes[doc].get("symbol"), "id": t})
    rows.sort(key=lambda r: (str(r["deadline"] or ""), r["id"]))
    return rows[:limit]


def nx_cited_by(g: Any, target: str, type_key: str, since: date, limit: int) -> list[dict]:
    rows = []
    for doc, _, key in g.in_edges(target, keys=True):
        if key not in CITATIONS:
            continue
        d = g.nodes[doc]
        if d.get("type_key") != type_key or d.get("date") is None or not d["date"] >= since:
            continue
        rows.append({**_instr_fields(d), "relation": key, "id": doc})
    rows.sort(key=lambda r: str(r["date"] or ""), reverse=True)
    return rows[:limit]


def nx_search(g: Any, key: str, limit: int) -> list[dict]:
    """Scan, like the Cypher (symbol_key CONTAINS): exact first, with text first, newest first."""
    rows = [(n, d) for n, d in g.nodes(data=True) if d.get("label") == "Instrument" and key in (d.get("symbol_key") or "")]
    rows.sort(key=lambda nd: str(nd[1].get("date") or ""), reverse=True)
    rows.sort(key=lambda nd: (nd[1].get("symbol_key") != key, not nd[1].get("has_text")))
    return [{**_instr_fields(d), "id": n} for n, d in rows[:limit]]


def nx_calls(g: Any, p: dict) -> dict[str, Any]:
    from domain.keys import symbol_key

    as_of, since = date.fromisoformat(p["as_of"]), date.fromisoformat(p["cited_by_since"])
    tkey, skey = symbol_key(p["cited_by_type"]), symbol_key(p["search_symbol"])
    return {
        "implementers_2_hops": lambda: nx_implementers(g, p["root"], 2, p["limit"]),
        "implementers_5_hops": lambda: nx_implementers(g, p["root"], 5, p["limit"]),
        "tasks_overdue": lambda: nx_tasks_overdue(g, as_of, p["limit"]),
        "cited_by_filtered": lambda: nx_cited_by(g, p["root"], tkey, since, p["limit"]),
        "search_symbol": lambda: nx_search(g, skey, 50),
    }


# ---------------------------------------------------------------- children
def child_ingest(size: int, a: argparse.Namespace) -> int:
    """Ingest `size` documents into a fresh store, in the JVM role `vbgraph ingest` runs
    (`--reuse`: keep a complete store left by an earlier fresh ingest and its figures)."""
    out = Path(a.out)
    corpus, gen = prepare_corpus(size, a.seed)
    db = store_dir(corpus)
    rec = ingest_record(db)
    earlier = json.loads(rec.read_text(encoding="utf-8")) if a.reuse and rec.is_file() else {}
    if (earlier.get("documents") or 0) >= size:
        ing = {**earlier, "reused_store": True}
        log(TAG, f"{size}: reusing {db} (ingest figures from {rec.name})")
    else:
        store, start_s = open_fresh(db, True, role="ingest")
        try:
            log(TAG, f"{size}: ingesting {corpus} into a fresh store (load {os.getloadavg()[0]:.2f})")
            ing = timed_ingest(corpus, store, size, f"{TAG} {size}", workers=a.workers or default_workers(),
                               on_checkpoint=lambda cp: update_size(out, size, "ingest_partial", cp))
            ing["jvm_gc"] = jvm_collectors()
            ing["jvm_memory"] = jvm_memory()
        finally:
            store.close()
        ing["server_start_s"] = round(start_s, 1)
        ing["store_mb"] = round(dir_size(db) / 2**20)
        ing["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
        ing["git"] = git_rev()  # the ingest's own commit, kept when a later run reuses the store
        write_json(rec, {**ing, "by": "bench.scale", "machine": machine()})
    ing["corpus"] = {"path": str(corpus.relative_to(ROOT)) if corpus.is_relative_to(ROOT) else str(corpus), **gen}
    update_size(out, size, "ingest", ing)
    update_size(out, size, "ingest_partial", None)  # the complete figures replace the last checkpoint
    log(TAG, f"{size}: ingest {ing.get('seconds')} s, {ing.get('docs_per_s')} docs/s")
    return 0


def child_store(size: int, a: argparse.Namespace) -> int:
    """Time the queries on the store the ingest child filled, in a fresh process in the
    query role (the JVM's collector of the app and `vbgraph serve`)."""
    out = Path(a.out)
    corpus = corpus_dir(size, a.seed)
    db = store_dir(corpus)
    with MemSampler() as mem:
        store, start_s = open_fresh(db, False)
        try:
            have = ingested_docs(store)
            if have < size:
                raise SystemExit(f"{TAG}: {db} holds {have} documents, not {size}")
            update_size(out, size, "query_server_start_s", round(start_s, 1))
            update_size(out, size, "query_jvm_gc", jvm_collectors())
            update_size(out, size, "query_jvm_memory", jvm_memory())
            p = params_for(store, corpus, a.as_of)
            update_size(out, size, "params", p)
            update_size(out, size, "loadavg_queries", [round(x, 2) for x in os.getloadavg()])
            q: dict[str, Any] = {}
            for name, fn in store_calls(store, p).items():
                st, rows = time_call(fn, a.runs, 2, a.budget)
                q[name] = st
                log(TAG, f"{size} store {name}: {st}")
                update_size(out, size, "store_queries", q)
            q["implementers_5_hops"]["found_of_truth"] = f"limit {p['limit']} of {p['truth_implementers_5_hops']}"
            update_size(out, size, "store_queries", q)
        finally:
            store.close()
    update_size(out, size, "store_peak_rss_mb", round(mem.peak / 2**20))
    return 0


def child_nx(size: int, a: argparse.Namespace) -> int:
    """Build networkx from the store's rows, record build time and added memory, time the queries."""
    out = Path(a.out)
    corpus = corpus_dir(size, a.seed)
    db = store_dir(corpus)
    p = load_results(out)["sizes"][str(size)]["params"]
    with MemSampler() as mem:
        store, _ = open_fresh(db, False)
        gc.collect()
        rss0 = mem.now()
        t0 = time.perf_counter()
        g = nx_from_store(store)
        build_s = time.perf_counter() - t0
        store.close()
        gc.collect()
        rss1 = mem.now()
        info = {"build_s": round(build_s, 1), "built_from": "store rows over Bolt (graph.nx_graph.from_rows)",
                "nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
                "graph_rss_mb": round((rss1 - rss0) / 2**20),
                "note": "graph_rss_mb = RSS after the build minus RSS before it (store already open)"}
        log(TAG, f"{size} nx build: {info}")
        update_size(out, size, "nx_build", info)
        update_size(out, size, "loadavg_nx", [round(x, 2) for x in os.getloadavg()])
        q: dict[str, Any] = {}
        for name, fn in nx_calls(g, p).items():
            st, rows = time_call(fn, a.runs, 2, a.budget)
            q[name] = st
            log(TAG, f"{size} networkx {name}: {st}")
            update_size(out, size, "nx_queries", q)
    info["process_peak_rss_mb"] = round(mem.peak / 2**20)
    update_size(out, size, "nx_build", info)
    return 0


# ---------------------------------------------------------------- extrapolation, plot
def _fit(xs: list[float], ys: list[float]) -> tuple[float, float] | None:
    """log-log line through the points (slope, intercept), or None."""
    pts = [(math.log(x), math.log(y)) for x, y in zip(xs, ys) if x and y and y > 0]
    if len(pts) < 2:
        return None
    (x0, y0), (x1, y1) = pts[-2], pts[-1]
    if x1 == x0:
        return None
    k = (y1 - y0) / (x1 - x0)
    return k, y1 - k * x1


def peak_mb(r: dict) -> int | None:
    """Peak RSS of the store's process tree over ingest and queries (a reused store: the
    ingest run's figure and the query run's, whichever is higher)."""
    vals = [v for v in (r.get("store_peak_rss_mb"), (r.get("ingest") or {}).get("peak_rss_mb")) if v]
    return max(vals) if vals else None


def series(res: dict) -> dict[str, dict[str, list[tuple[int, float]]]]:
    """figure -> backend -> [(size, value)] for measured sizes."""
    out: dict[str, dict[str, list[tuple[int, float]]]] = {}

    def add(fig: str, backend: str, size: int, v: Any) -> None:
        if isinstance(v, (int, float)):
            out.setdefault(fig, {}).setdefault(backend, []).append((size, float(v)))

    for s, r in sorted(((int(k), v) for k, v in (res.get("sizes") or {}).items()), key=lambda kv: kv[0]):
        ing = r.get("ingest") or {}
        if r.get("extrapolated"):
            continue
        add("ingest time (s)", "store", s, ing.get("seconds"))
        add("documents/s", "store", s, ing.get("docs_per_s"))
        add("peak memory (MB)", "store", s, peak_mb(r))
        add("store size on disk (MB)", "store", s, ing.get("store_mb"))
        nb = r.get("nx_build") or {}
        add("ingest time (s)", "networkx", s, nb.get("build_s"))
        add("peak memory (MB)", "networkx", s, nb.get("graph_rss_mb"))
        for q in QUERIES:
            add(f"{q} p50 (ms)", "store", s, (r.get("store_queries") or {}).get(q, {}).get("p50_ms"))
            add(f"{q} p50 (ms)", "networkx", s, (r.get("nx_queries") or {}).get(q, {}).get("p50_ms"))
    return out


def extrapolate(res: dict, size: int, why: str) -> dict:
    """Figures at `size` from the two largest measured sizes (log-log line; linear for
    ingest time and disk), clearly labelled."""
    ser = series(res)
    est: dict[str, Any] = {}
    for fig, backends in ser.items():
        for backend, pts in backends.items():
            pts = [p for p in pts if p[0] < size]
            if len(pts) < 2:
                continue
            fit = _fit([p[0] for p in pts], [p[1] for p in pts])
            if fit is None:
                continue
            k, b = fit
            if fig in ("ingest time (s)", "store size on disk (MB)") and backend == "store":
                k = max(k, 1.0)  # at least linear in documents
                b = math.log(pts[-1][1]) - k * math.log(pts[-1][0])
            est.setdefault(fig, {})[backend] = {"value": round(math.exp(b + k * math.log(size)), 1),
                                                "loglog_slope": round(k, 2)}
    t = (est.get("ingest time (s)") or {}).get("store")
    if t and t["value"]:  # the rate that ingest time implies, not a separate fit
        est.setdefault("documents/s", {})["store"] = {"value": round(size / t["value"], 1),
                                                      "from": "documents / extrapolated ingest time"}
    return {"extrapolated": True, "why": why,
            "method": "log-log line through the two largest measured sizes (ingest time and disk at least "
                      "linear in documents); NOT measured", "figures": est}


def plot(res: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ser = series(res)
    ext = {int(k): v for k, v in (res.get("sizes") or {}).items() if v.get("extrapolated")}
    figs = ["ingest time (s)", "documents/s", "peak memory (MB)", "store size on disk (MB)"] + \
           [f"{q} p50 (ms)" for q in QUERIES]
    cols = 3
    rows = -(-len(figs) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(5 * cols, 3.6 * rows), squeeze=False)
    colors = {"store": "tab:blue", "networkx": "tab:orange"}
    targets = {"ingest time (s)": TARGETS["ingest_1m_s"], "peak memory (MB)": TARGETS["peak_memory_mb"],
               "implementers_5_hops p50 (ms)": TARGETS["implementers_5_hops_1m_ms"],
               "search_symbol p50 (ms)": TARGETS["search_symbol_ms"]}
    for ax, name in zip(axes.flat, figs):
        for backend, pts in (ser.get(name) or {}).items():
            xs, ys = zip(*pts)
            label = backend + (" (build)" if name == "ingest time (s)" and backend == "networkx" else "") + \
                (" (graph only)" if name == "peak memory (MB)" and backend == "networkx" else "")
            ax.plot(xs, ys, "o-", color=colors[backend], label=label)
            for s, e in ext.items():
                v = ((e.get("figures") or {}).get(name) or {}).get(backend)
                if v:
                    ax.plot([xs[-1], s], [ys[-1], v["value"]], "--", color=colors[backend])
                    ax.plot([s], [v["value"]], "o", mfc="white", color=colors[backend],
                            label=f"{backend} extrapolated")
        if name in targets:
            ax.axhline(targets[name], color="tab:red", lw=0.8, ls=":", label="target")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_title(name, fontsize=10)
        ax.set_xlabel("documents")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=7)
    for ax in list(axes.flat)[len(figs):]:
        ax.axis("off")
    m = res.get("machine") or {}
    loads = ", ".join(f"{size_label(int(k))}: {v.get('loadavg_queries', ['?'])[0]}"
                      for k, v in sorted((res.get("sizes") or {}).items(), key=lambda kv: int(kv[0]))
                      if not v.get("extrapolated"))
    fig.suptitle(f"vbgraph at scale: embedded ArcadeDB store vs networkx ({m.get('cpus')} cores shared; "
                 f"load avg before queries {loads}; hollow = extrapolated, not measured)", fontsize=11)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=90)
    plt.close(fig)


def table(res: dict) -> str:
    lines = []
    head = f"{'docs':>9s} {'ingest s':>9s} {'docs/s':>7s} {'peak MB':>8s} {'disk MB':>8s} {'nx build s':>10s} {'nx MB':>7s}"
    lines += [head, "-" * len(head)]
    for k, r in sorted((res.get("sizes") or {}).items(), key=lambda kv: int(kv[0])):
        if r.get("extrapolated"):
            f = r.get("figures") or {}
            g = lambda n, b="store": (f.get(n) or {}).get(b, {}).get("value")  # noqa: E731
            lines.append(f"{int(k):9d} {g('ingest time (s)') or 0:9.0f} {g('documents/s') or 0:7.1f} "
                         f"{g('peak memory (MB)') or 0:8.0f} {g('store size on disk (MB)') or 0:8.0f} "
                         f"{g('ingest time (s)', 'networkx') or 0:10.1f} {g('peak memory (MB)', 'networkx') or 0:7.0f}"
                         "  EXTRAPOLATED")
            continue
        if not r.get("ingest") and r.get("ingest_partial"):
            cp = r["ingest_partial"]
            lines.append(f"{int(k):9d}  ingest cut off at {cp.get('docs')} docs after {cp.get('seconds')} s "
                         f"({cp.get('docs_per_s')} docs/s): PARTIAL, no query figures")
            continue
        ing, nb = r.get("ingest") or {}, r.get("nx_build") or {}
        lines.append(f"{int(k):9d} {ing.get('seconds') or 0:9.0f} {ing.get('docs_per_s') or 0:7.1f} "
                     f"{peak_mb(r) or 0:8d} {ing.get('store_mb') or 0:8d} "
                     f"{nb.get('build_s') or 0:10.1f} {nb.get('graph_rss_mb') or 0:7d}")
    head = f"{'docs':>9s} {'query':22s} {'store p50':>10s} {'store p95':>10s} {'nx p50':>9s} {'nx p95':>9s}"
    lines += ["", head, "-" * len(head)]
    for k, r in sorted((res.get("sizes") or {}).items(), key=lambda kv: int(kv[0])):
        if not r.get("store_queries") and not r.get("extrapolated"):
            continue
        for q in QUERIES:
            if r.get("extrapolated"):
                f = (r.get("figures") or {}).get(f"{q} p50 (ms)") or {}
                lines.append(f"{int(k):9d} {q:22s} {f.get('store', {}).get('value') or 0:10.1f} {'':>10s} "
                             f"{f.get('networkx', {}).get('value') or 0:9.1f} {'':>9s}  EXTRAPOLATED")
                continue
            s, n = (r.get("store_queries") or {}).get(q, {}), (r.get("nx_queries") or {}).get(q, {})
            lines.append(f"{int(k):9d} {q:22s} {s.get('p50_ms', 0):10.1f} {s.get('p95_ms', 0):10.1f} "
                         f"{n.get('p50_ms', 0):9.1f} {n.get('p95_ms', 0):9.1f}")
    return "\n".join(lines)


# ---------------------------------------------------------------- parent
def measured_rate(res: dict, below: int) -> tuple[int, float] | None:
    """(size, docs/s) of the largest measured size below `below`."""
    best = None
    for k, r in (res.get("sizes") or {}).items():
        ing = r.get("ingest") or {}
        if int(k) < below and ing.get("docs_per_s") and not r.get("extrapolated"):
            if best is None or int(k) > best[0]:
                best = (int(k), float(ing["docs_per_s"]))
    return best


NX_RAM_SHARE = 0.6  # a networkx graph estimated above this share of the RAM is not built


def nx_estimate(res: dict, size: int) -> dict | None:
    """The networkx build's peak memory and time at `size`, scaled linearly from the largest
    smaller size where it was measured (None without one)."""
    best = None
    for k, r in (res.get("sizes") or {}).items():
        nb = r.get("nx_build") or {}
        if int(k) < size and nb.get("process_peak_rss_mb") and (best is None or int(k) > best[0]):
            best = (int(k), nb)
    if best is None:
        return None
    k, nb = best
    f = size / k
    return {"from_size": k, "process_peak_rss_mb": round(nb["process_peak_rss_mb"] * f),
            "build_s": round((nb.get("build_s") or 0) * f)}


def nx_too_big(res: dict, size: int) -> dict | None:
    """A record of why the networkx graph is not built at `size` (it would not fit), or None."""
    est = nx_estimate(res, size)
    ram_mb = ram_gb() * 1024
    if not est or not ram_mb or est["process_peak_rss_mb"] <= NX_RAM_SHARE * ram_mb:
        return None
    return {"skipped": True, "estimated": est,
            "why": (f"not built: a networkx graph of {size} documents needs about "
                    f"{est['process_peak_rss_mb'] / 1024:.0f} GB (linear from {est['from_size']} documents), "
                    f"more than {NX_RAM_SHARE:.0%} of this machine's {ram_mb / 1024:.0f} GB; "
                    f"building it would take about {est['build_s'] / 60:.0f} min")}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default=",".join(str(s) for s in DEFAULT_SIZES))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--budget", type=float, default=60.0, help="seconds of timed runs per query (>= 5 runs)")
    ap.add_argument("--as-of", default="2022-01-01")
    ap.add_argument("--reuse", action="store_true", help="query a complete store from an earlier fresh ingest")
    ap.add_argument("--max-minutes", type=float, default=60.0, help="skip a size whose ingest would take longer")
    ap.add_argument("--force", action="store_true", help="run every size whatever the estimate")
    ap.add_argument("--no-nx", action="store_true", help="skip the networkx backend")
    ap.add_argument("--workers", type=int, default=None, help="extraction processes (default: one per CPU)")
    ap.add_argument("--corpus-root", help="folder of the corpora and stores (default bench/corpus)")
    ap.add_argument("--heap", default=os.environ.get("VBGRAPH_HEAP"), help="JVM heap (default: by role, see graph.embedded)")
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--png", default=str(PNG))
    ap.add_argument("--plot-only", action="store_true", help="redraw the PNG and table from the JSON")
    ap.add_argument("--child", choices=tuple(CHILDREN), help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.heap:
        os.environ["VBGRAPH_HEAP"] = a.heap
    if a.corpus_root:
        os.environ["VBGRAPH_BENCH_CORPUS"] = str(Path(a.corpus_root).resolve())  # children inherit it
    sizes = [int(s) for s in a.sizes.split(",") if s.strip()]
    if a.child:
        return CHILDREN[a.child](sizes[0], a)

    out = Path(a.out)
    if a.plot_only:
        plot(load_results(out), Path(a.png))
        print(table(load_results(out)))
        return 0
    res = load_results(out)
    res.update({"machine": machine(), "git": git_rev(), "targets": TARGETS,
                "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "seed": a.seed, "as_of": a.as_of,
                "method": "one child process per size and backend (fresh JVM / fresh Python heap); "
                          "p50/p95 over up to --runs timed runs after 2 warm-ups"})
    res.setdefault("sizes", {})
    write_json(out, res)
    base = [sys.executable, "-m", "bench.scale", "--seed", str(a.seed), "--runs", str(a.runs),
            "--budget", str(a.budget), "--as-of", a.as_of, "--out", str(out)]
    if a.workers:
        base += ["--workers", str(a.workers)]
    for size in sorted(sizes):
        rate = measured_rate(load_results(out), size)
        if rate and not a.force:
            est_min = size / rate[1] / 60
            if est_min > a.max_minutes:
                why = (f"not run: ingest estimated at {est_min:.0f} min ({size} docs at the {rate[1]} docs/s "
                       f"measured at {rate[0]}) > --max-minutes {a.max_minutes:.0f}")
                log(TAG, why)
                res = load_results(out)
                res["sizes"][str(size)] = extrapolate(res, size, why)
                write_json(out, res)
                continue
        res = load_results(out)
        res["sizes"][str(size)] = {"git": git_rev()}  # a fresh record per size and run
        write_json(out, res)
        for child in ("ingest", "store") + (() if a.no_nx else ("nx",)):
            skip = nx_too_big(load_results(out), size) if child == "nx" else None
            if skip:
                update_size(out, size, "nx_build", skip)
                log(TAG, f"{size}: {skip['why']}")
                continue
            cmd = base + ["--sizes", str(size), "--child", child] + (["--reuse"] if a.reuse else [])
            log(TAG, f"{size}: {child} child")
            rc = subprocess.run(cmd, cwd=ROOT).returncode
            if rc:
                update_size(out, size, f"{child}_error", f"child exited with status {rc}")
                log(TAG, f"{size}: {child} child failed ({rc})")
                break
    res = load_results(out)
    res["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    write_json(out, res)
    plot(res, Path(a.png))
    print(table(res))
    print(f"written {out} and {a.png}")
    return 0


CHILDREN = {"ingest": child_ingest, "store": child_store, "nx": child_nx}


if __name__ == "__main__":
    sys.exit(main())
