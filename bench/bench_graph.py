"""The graph benchmark: ingest rate into a fresh embedded store, and query latencies.

    python -m bench.bench_graph [--docs 100000] [--seed 1] [--runs 20] [--as-of 2022-01-01]
                                [--reuse] [--phase all|ingest|queries]

A generated corpus (`bench.generate`, seed 1) is written once to bench/corpus/g<N>
(100k: bench/corpus/g100k, shared with bench_app and bench.scale) and ingested into a
FRESH embedded store bench/corpus/g<N>-db (deleted first unless `--reuse` finds it
complete). Measured:

- ingest: documents/s over the whole run (`graph.ingest.ingest`, default batch, with
  `workers=` when ingest() has it), the write share (time inside `Store.write_fragments`),
  a rate checkpoint every 10% and the peak RSS of the process tree (the JVM runs in-process);
- queries (`queries.runner.run_query`, Bolt on loopback), p50/p95/max over `--runs` timed
  runs after 2 warm-up runs: `implementers` at 5 hops from the top national directive (the
  instrument with the most implementers in the truth), `tasks` by agency, `tasks` overdue
  as of a date, and variants that help profile a slow query (hops 1..5, id vs symbol);
- correctness: implementers found vs the truth's `implements_roots` (same root, hops <= 5).

Writes bench/results/graph.json (figures + machine: cores, RAM, load average at start,
versions) and prints a summary. No assertion on timings: targets are reported against.
"""
from __future__ import annotations

import argparse
import inspect
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from graph.embedded import jvm_collectors, jvm_memory

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = HERE / "corpus"
RESULTS = HERE / "results"
TARGETS = {"ingest_docs_per_s": 300, "implementers_5_hops_p50_ms": 200}


# ---------------------------------------------------------------- shared helpers
def log(tag: str, msg: str) -> None:
    print(f"[{tag} {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of non-empty `values`."""
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(-(-q * len(s) // 100)) - 1))
    return s[k]


def stats_ms(values: list[float]) -> dict[str, float]:
    """p50/p95/max/mean in ms of timings in seconds."""
    if not values:
        return {}
    return {"runs": len(values), "p50_ms": round(percentile(values, 50) * 1000, 2),
            "p95_ms": round(percentile(values, 95) * 1000, 2), "max_ms": round(max(values) * 1000, 2),
            "mean_ms": round(sum(values) / len(values) * 1000, 2)}


def _version(mod: str) -> str | None:
    try:
        from importlib.metadata import version

        return version(mod)
    except Exception:  # noqa: BLE001
        return None


def cpu_probe_ms(n: int = 2_000_000, runs: int = 3) -> float:
    """Best-of-`runs` time (ms) of a fixed pure-Python loop: the speed of one core on the
    day, so figures from different days (or virtual machines) can be compared. Seen here:
    ~130 ms on 2026-12-02, when the same extraction cost 2.6x the CPU time of 2026-11-22."""
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        total = 0
        for i in range(n):
            total += i
        best = min(best, time.perf_counter() - t)
    return round(best * 1000, 1)


def ram_gb() -> float:
    import psutil

    return round(psutil.virtual_memory().total / 2**30, 1)


def machine() -> dict[str, Any]:
    """Cores, RAM, load average now, one core's speed (`cpu_probe_ms`), versions."""
    return {"cpus": os.cpu_count(), "ram_gb": ram_gb(),
            "loadavg_start": [round(x, 2) for x in os.getloadavg()], "cpu_probe_ms": cpu_probe_ms(),
            "python": platform.python_version(), "platform": platform.platform(),
            "heap": os.environ.get("VBGRAPH_HEAP") or "by role (graph.embedded.JVM_ROLES)",
            "versions": {m: _version(m) for m in ("arcadedb-embedded", "neo4j", "networkx", "streamlit",
                                                  "psutil", "jpype1")}}


def git_rev() -> str | None:
    import subprocess

    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, timeout=10).stdout.strip() or None
    except Exception:  # noqa: BLE001
        return None


def write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    tmp.replace(path)


def corpus_dir(docs: int, seed: int, root: Path | None = None) -> Path:
    """bench/corpus/g10k, g100k, g1m (seed 1), g<N> otherwise; `root` (or env
    VBGRAPH_BENCH_CORPUS) instead of bench/corpus."""
    name = {100_000: "g100k", 10_000: "g10k", 1_000_000: "g1m"}.get(docs, f"g{docs}")
    root = root or Path(os.environ.get("VBGRAPH_BENCH_CORPUS") or CORPUS)
    return root / (name if seed == 1 else f"{name}-s{seed}")


def store_dir(corpus: Path) -> Path:
    """Where a corpus's embedded store lives by default: <corpus>-db beside it."""
    return corpus.with_name(corpus.name + "-db")


def prepare_corpus(docs: int, seed: int, out: Path | None = None) -> tuple[Path, dict]:
    """The generated corpus folder (written once, reused) and its generation figures."""
    from bench.generate import write_corpus

    out = out or corpus_dir(docs, seed)
    if (out / "summary.json").is_file() and len(list(out.glob("part-*.jsonl"))) == -(-docs // 10_000):
        return out, {"reused": True}
    t0 = time.perf_counter()
    stats = write_corpus(out, docs, seed)
    return out, {"reused": False, "seconds": round(time.perf_counter() - t0, 1), "text_mb": stats["text_mb"]}


def dir_size(path: Path) -> int:
    total = 0
    for p in path.rglob("*"):
        try:
            if p.is_file():
                total += p.stat().st_size
        except OSError:
            pass
    return total


class MemSampler:
    """Peak RSS of this process and its children (the JVM runs in-process), sampled."""

    def __init__(self, every: float = 0.5) -> None:
        import psutil

        self._proc = psutil.Process()
        self.every = every
        self.peak = 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True, name="mem-sampler")

    def now(self) -> int:
        import psutil

        total = 0
        try:
            procs = [self._proc] + self._proc.children(recursive=True)
        except psutil.Error:
            procs = [self._proc]
        for p in procs:
            try:
                total += p.memory_info().rss
            except psutil.Error:
                pass
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.now())
            self._stop.wait(self.every)

    def __enter__(self) -> "MemSampler":
        self.peak = self.now()
        self._t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._t.join(timeout=5)
        self.peak = max(self.peak, self.now())


def ingest_kwargs(workers: int | None) -> dict[str, Any]:
    """`workers=` only once graph.ingest.ingest() accepts it."""
    from graph.ingest import ingest

    if workers and "workers" in inspect.signature(ingest).parameters:
        return {"workers": workers}
    return {}


def timed_ingest(corpus: Path, store: Any, docs: int, tag: str, workers: int | None = None,
                 on_checkpoint: Any = None) -> dict[str, Any]:
    """Ingest every part of `corpus`; figures: seconds, docs/s, write share, checkpoints, peak RSS."""
    from graph.ingest import ingest

    write_s = [0.0]
    committed = [0]
    checkpoints: list[dict] = []
    t0 = time.perf_counter()
    orig = store.write_fragments
    step = max(1, docs // 10)

    def write_fragments(fragments, replace=()):  # the write share of the run
        a = time.perf_counter()
        orig(fragments, replace)
        write_s[0] += time.perf_counter() - a
        before = committed[0]
        committed[0] += len(fragments)
        if committed[0] // step != before // step:
            el = time.perf_counter() - t0
            cp = {"docs": committed[0], "seconds": round(el, 1), "docs_per_s": round(committed[0] / el, 1),
                  "write_seconds": round(write_s[0], 1), "loadavg": round(os.getloadavg()[0], 2)}
            checkpoints.append(cp)
            log(tag, f"ingest checkpoint {cp}")
            if on_checkpoint:
                on_checkpoint(cp)

    store.write_fragments = write_fragments
    kw = ingest_kwargs(workers)
    try:
        with MemSampler() as mem:
            summary = ingest(sorted(corpus.glob("part-*.jsonl")), store, progress=False, **kw)
    finally:
        store.write_fragments = orig
    seconds = time.perf_counter() - t0
    counts = summary.counts or store.counts()
    return {"documents": summary.seen, "new": summary.new, "rejected": len(summary.rejected),
            "seconds": round(seconds, 1), "docs_per_s": round(summary.seen / seconds, 1),
            "write_seconds": round(write_s[0], 1),
            "write_share": round(write_s[0] / seconds, 3) if seconds else None,
            "ingest_kwargs": kw or {"workers": "not available in graph.ingest.ingest()"},
            "peak_rss_mb": round(mem.peak / 2**20), "checkpoints": checkpoints,
            "graph": {"nodes": sum(v for k, v in counts["nodes"].items() if k != "Source"),
                      "edges": sum(counts["edges"].values()),
                      "by_label": {k: v for k, v in counts["nodes"].items() if v},
                      "by_type": {k: v for k, v in counts["edges"].items() if v}}}


def open_fresh(db: Path, fresh: bool, role: str = "query") -> tuple[Any, float]:
    from graph.store import open_store

    if fresh and db.exists():
        shutil.rmtree(db)
    t0 = time.perf_counter()
    store = open_store(path=str(db), role=role)
    store.ensure_schema()
    return store, time.perf_counter() - t0


def ingest_record(db: Path) -> Path:
    """Where a fresh ingest into `db` leaves its figures (so later runs can reuse the store)."""
    return db.with_name(db.name + ".ingest.json")


def ingested_docs(store: Any) -> int:
    return store.read("MATCH (s:Source) RETURN count(s) AS c")[0]["c"]


# ---------------------------------------------------------------- truth
def load_truth(corpus: Path) -> tuple[list[dict], dict[str, tuple[str, int]]]:
    """Slim truth rows (id, symbol, level, implements_roots, tasks count) and
    truth id -> (part file name, 1-based row) (Source ids are '<path>#<row>')."""
    rows: list[dict] = []
    where: dict[str, tuple[str, int]] = {}
    for tpath in sorted(corpus.glob("truth-*.jsonl")):
        part = tpath.name.replace("truth-", "part-")
        with tpath.open(encoding="utf-8") as fh:
            for i, line in enumerate(fh, 1):
                t = json.loads(line)
                rows.append({"id": t["id"], "symbol": t.get("symbol"), "level": t.get("level"),
                             "issuer": t.get("issuer"), "date": t.get("date"),
                             "implements_roots": t.get("implements_roots") or [],
                             "tasks": [{"assignee": k.get("assignee"), "deadline": k.get("deadline"),
                                        "jurisdiction": k.get("jurisdiction")} for k in t.get("tasks") or []]})
                where[t["id"]] = (part, i)
    return rows, where


def truth_implementers(truth: list[dict], root: str, hops: int) -> set[str]:
    """Truth ids with `root` among their national ancestors within `hops`."""
    return {t["id"] for t in truth if any(r == root and h <= hops for r, h in t["implements_roots"])}


def top_roots(truth: list[dict], hops: int = 5, n: int = 3) -> list[tuple[str, int]]:
    c: Counter = Counter()
    for t in truth:
        for r in {r for r, h in t["implements_roots"] if h <= hops}:
            c[r] += 1
    return c.most_common(n)


def instrument_of(store: Any, where: dict[str, tuple[str, int]], ids: list[str]) -> dict[str, str]:
    """Truth id -> the graph's Instrument id (through the Source markers)."""
    rows = store.read("MATCH (s:Source) RETURN s.id AS id, s.instrument AS inst")
    by_src = {}
    for r in rows:
        path, _, row = str(r["id"]).rpartition("#")
        by_src[(Path(path).name, int(row) if row.isdigit() else -1)] = r["inst"]
    return {i: by_src.get(where[i]) for i in ids if i in where}


# ---------------------------------------------------------------- queries
def time_call(fn: Any, runs: int, warmup: int = 2, budget_s: float | None = None,
              min_runs: int = 5) -> tuple[dict, Any]:
    """Warm-up calls then `runs` timed calls (fewer, but at least `min_runs`, once
    `budget_s` of timed calls is spent); (stats, last result)."""
    res = None
    for _ in range(warmup):
        res = fn()
    times: list[float] = []
    for _ in range(runs):
        if budget_s is not None and len(times) >= min_runs and sum(times) > budget_s:
            break
        t0 = time.perf_counter()
        res = fn()
        times.append(time.perf_counter() - t0)
    st = stats_ms(times)
    st["rows"] = len(res) if hasattr(res, "__len__") else None
    return st, res


def busiest_agency(store: Any) -> dict:
    rows = store.read("MATCH (t:Task)-[:ASSIGNED_TO]->(a:Agency) WHERE a.name IS NOT NULL "
                      "RETURN a.id AS id, a.name AS name, a.jurisdiction AS jurisdiction, count(t) AS n "
                      "ORDER BY n DESC, id LIMIT 1")
    return rows[0] if rows else {}


def bench_queries(store: Any, truth: list[dict], where: dict, runs: int, as_of: str, tag: str,
                  variants: bool = True) -> dict[str, Any]:
    from domain.keys import search_key
    from queries.runner import run_query

    out: dict[str, Any] = {}
    (root, n_truth_5), *_ = top_roots(truth, 5, 1)
    root_t = next(t for t in truth if t["id"] == root)
    inst = instrument_of(store, where, [root])[root]
    out["root"] = {"truth_id": root, "symbol": root_t["symbol"], "issuer": root_t["issuer"], "id": inst,
                   "truth_implementers_5_hops": n_truth_5}
    log(tag, f"top directive {root_t['symbol']} ({inst}): {n_truth_5} implementers within 5 hops in the truth")
    lim = 100_000  # every implementer, to check them against the truth

    q: dict[str, Any] = {}
    st, rows = time_call(lambda: run_query(store, "implementers", id=inst, hops=5, limit=lim), runs)
    q["implementers_5_hops"] = st
    log(tag, f"implementers 5 hops: {st}")
    out["correctness"] = implementers_correctness(store, truth, where, root, inst, rows)
    log(tag, f"correctness: {out['correctness']}")
    # the app's default limit (200) and a smaller number of hops
    q["implementers_5_hops_limit200"], _ = time_call(
        lambda: run_query(store, "implementers", id=inst, hops=5, limit=200), runs)
    q["implementers_2_hops"], _ = time_call(lambda: run_query(store, "implementers", id=inst, hops=2, limit=lim), runs)
    ag = busiest_agency(store)
    agency_text = search_key(ag.get("name") or "")
    if ag.get("jurisdiction"):
        agency_text = search_key(f"{ag['name']} {ag['jurisdiction']}")
    out["agency"] = {"id": ag.get("id"), "name": ag.get("name"), "jurisdiction": ag.get("jurisdiction"),
                     "tasks": ag.get("n"), "param": agency_text}
    q["tasks_by_agency"], _ = time_call(lambda: run_query(store, "tasks", agency=agency_text, limit=200), runs)
    q["tasks_overdue"], _ = time_call(lambda: run_query(store, "tasks", overdue_on=as_of, limit=200), runs)
    q["tasks_agency_overdue"], _ = time_call(
        lambda: run_query(store, "tasks", agency=agency_text, overdue_on=as_of, limit=200), runs)
    for k in ("tasks_by_agency", "tasks_overdue", "tasks_agency_overdue", "implementers_2_hops",
              "implementers_5_hops_limit200"):
        log(tag, f"{k}: {q[k]}")
    out["queries"] = q
    if variants:
        out["profile"] = profile_variants(store, inst, agency_text, as_of, max(5, runs // 4), tag)
    return out


def implementers_correctness(store: Any, truth: list[dict], where: dict, root: str, inst: str,
                             rows: list[dict], hops: int = 5) -> dict[str, Any]:
    """The `implementers` rows of the truth's `root` (its instrument `inst`) against the truth:
    recall over the true implementers within `hops`, precision over the loaded documents found."""
    want = truth_implementers(truth, root, hops)
    t2i = instrument_of(store, where, sorted(want))
    want_inst = {v for v in t2i.values() if v}
    found = {r["id"] for r in rows}
    loaded = {v for v in instrument_of(store, where, [t["id"] for t in truth]).values() if v}
    return {
        "truth": len(want), "found": len(found), "found_with_text": len(found & loaded),
        "true_positives": len(found & want_inst), "missed": len(want_inst - found),
        "extra_loaded": len((found & loaded) - want_inst),
        "recall": round(len(found & want_inst) / len(want_inst), 4) if want_inst else None,
        "precision_loaded": round(len(found & want_inst) / len(found & loaded), 4) if found & loaded else None,
        "note": "found = distinct doc ids returned (limit 100000); extra = loaded documents found that the "
                "truth does not list within 5 hops; mention-only nodes (no text) are not counted as extra",
        "misses": explain_misses(store, truth, root, inst, t2i, found)}


def explain_misses(store: Any, truth: list[dict], root: str, inst: str, t2i: dict[str, str | None],
                   found: set[str]) -> dict[str, Any]:
    """Why truth implementers were not found: by truth hops, and for direct ones whether
    their IMPLEMENTS/BASED_ON edge ends at another node with the root's symbol (an
    unresolved/ambiguous mention, e.g. no year written) or at nothing of that symbol."""
    hops = {t["id"]: min(h for r, h in t["implements_roots"] if r == root) for t in truth
            if any(r == root and h <= 5 for r, h in t["implements_roots"])}
    missed = {tid: i for tid, i in t2i.items() if i and i not in found}
    by_hops: dict[int, int] = {}
    for tid in missed:
        by_hops[hops[tid]] = by_hops.get(hops[tid], 0) + 1
    direct = [i for tid, i in missed.items() if hops[tid] == 1]
    rows = store.read("MATCH (r:Instrument {id: $root}) UNWIND $ids AS i MATCH (d:Instrument {id: i}) "
                      "OPTIONAL MATCH (d)-[:IMPLEMENTS|BASED_ON]->(m:Instrument) WHERE m.symbol_key = r.symbol_key "
                      "RETURN i AS id, collect(DISTINCT m.id) AS ends, collect(DISTINCT m.status) AS status",
                      root=inst, ids=direct) if direct else []
    to_mention = [r for r in rows if r["ends"]]
    status: dict[str, int] = {}
    for r in to_mention:
        for st in r["status"] or ["?"]:
            status[str(st)] = status.get(str(st), 0) + 1
    return {"missed_by_truth_hops": dict(sorted(by_hops.items())), "missed_direct": len(direct),
            "direct_linked_to_other_node_with_root_symbol": len(to_mention),
            "those_nodes_status": status,
            "example": to_mention[0] if to_mention else None,
            "no_truth_instrument": sum(1 for v in t2i.values() if not v)}


# Rewritten variants, measured to find what makes a query slow (EXPLAIN/PROFILE: see below)
IMPL_PATHS_ONLY = ("MATCH (target:Instrument {id: $id}) "
                   "MATCH p = (doc:Instrument)-[:IMPLEMENTS|BASED_ON*1..5]->(target) "
                   "RETURN doc.id AS id, min(length(p)) AS hops")
IMPL_BFS_LEVEL = ("MATCH (p:Instrument)<-[:IMPLEMENTS|BASED_ON]-(m:Instrument) WHERE p.id IN $ids "
                  "RETURN DISTINCT m.id AS id")
IMPL_VARLEN_DISTINCT = ("MATCH (target:Instrument {id: $id}) "
                        "MATCH (doc:Instrument)-[:IMPLEMENTS|BASED_ON*1..5]->(target) "
                        "RETURN DISTINCT doc.id AS id")
TASKS_OVERDUE_DIRECT = ("MATCH (t:Task) WHERE t.deadline_date < $d "
                        "MATCH (doc:Instrument)-[:ASSIGNS]->(t) "
                        "OPTIONAL MATCH (t)-[:ASSIGNED_TO]->(ag:Agency) "
                        "RETURN coalesce(ag.name, t.assignee) AS agency, t.deadline AS deadline, t.text AS task, "
                        "doc.symbol AS instrument, t.id AS id ORDER BY deadline, id LIMIT 200")
TASKS_AGENCY_FIRST = ("MATCH (ag:Agency) WHERE ag.full_key CONTAINS $a OR ag.name_key CONTAINS $a "
                      "MATCH (doc:Instrument)-[:ASSIGNS]->(t:Task)-[:ASSIGNED_TO]->(ag) "
                      "RETURN ag.name AS agency, t.deadline AS deadline, t.text AS task, doc.symbol AS instrument, "
                      "t.id AS id ORDER BY deadline, id LIMIT 200")


# proposed rewrites of queries/implementers.cypher and tasks.cypher (same params, same columns):
# distinct implementers with their fewest hops first, ORDER/LIMIT, and only then paths and tasks
IMPL_REWRITE = """MATCH (target:Instrument)
WHERE target.id = $id OR ($id IS NULL AND target.symbol_key = $symbol)
MATCH p = (doc:Instrument)-[:IMPLEMENTS|BASED_ON*1..{max}]->(target)
WHERE length(p) <= $hops
WITH target, doc, min(length(p)) AS hops
ORDER BY hops, doc.date, doc.id
LIMIT $limit
MATCH p = (doc)-[:IMPLEMENTS|BASED_ON*1..{max}]->(target)
WHERE length(p) = hops
WITH target, doc, hops, collect(p)[0] AS p
OPTIONAL MATCH (doc)-[:ASSIGNS]->(t:Task)
OPTIONAL MATCH (t)-[:ASSIGNED_TO]->(ag:Agency)
WITH target, doc, hops, p, t, ag ORDER BY t.order
WITH target, doc, hops, p, collect(CASE WHEN t IS NULL THEN NULL ELSE
     {{assignee: coalesce(ag.name, t.assignee), deadline: t.deadline, task: t.text}} END) AS tasks
RETURN target.symbol AS target, doc.symbol AS symbol, doc.issuer AS issuer, doc.date AS date,
       doc.has_text AS has_text, hops,
       [n IN nodes(p) | coalesce(n.symbol, n.name, n.id)] AS path,
       [r IN relationships(p) | type(r)] AS relations, tasks, doc.id AS id, target.id AS target_id
ORDER BY hops, date, id
LIMIT $limit"""
# filter tasks on the Task first, ORDER/LIMIT before collecting coordinators
TASKS_REWRITE = """MATCH (doc:Instrument)-[:ASSIGNS]->(t:Task)
WHERE ($due_from IS NULL OR t.deadline_date >= $due_from)
  AND ($due_to IS NULL OR t.deadline_date <= $due_to)
  AND ($overdue_on IS NULL OR t.deadline_date < $overdue_on)
OPTIONAL MATCH (t)-[:ASSIGNED_TO]->(ag:Agency)
WITH doc, t, ag
WHERE ($agency IS NULL OR coalesce(ag.full_key, '') CONTAINS $agency
       OR coalesce(ag.name_key, '') CONTAINS $agency)
WITH doc, t, ag ORDER BY t.deadline, t.id LIMIT $limit
OPTIONAL MATCH (t)-[:COORDINATES_WITH]->(co:Agency)
WITH doc, t, ag, collect(co.name) AS coordinators
RETURN coalesce(ag.name, t.assignee) AS agency, ag.jurisdiction AS jurisdiction, t.deadline AS deadline,
       t.deadline_text AS deadline_text, t.text AS task, coordinators,
       doc.symbol AS instrument, doc.issuer AS issuer, doc.date AS date, doc.id AS instrument_id, t.id AS id
ORDER BY deadline, id
LIMIT $limit"""


def bfs_implementers(store: Any, root: str, hops: int) -> dict[str, int]:
    """Implementers by one query per level (what a rewritten query/app could do)."""
    seen = {root: 0}
    frontier = [root]
    for h in range(1, hops + 1):
        if not frontier:
            break
        rows = store.read(IMPL_BFS_LEVEL, ids=frontier)
        frontier = [r["id"] for r in rows if r["id"] not in seen]
        for i in frontier:
            seen[i] = h
    seen.pop(root)
    return seen


def profile_variants(store: Any, inst: str, agency: str, as_of: str, runs: int, tag: str) -> dict[str, Any]:
    from datetime import date

    from queries.runner import run_query

    out: dict[str, Any] = {}
    for h in (1, 2, 3, 4, 5):
        st, rows = time_call(lambda h=h: run_query(store, "implementers", id=inst, hops=h, limit=100_000), runs, 1)
        out[f"implementers_hops_{h}"] = st
    st, rows = time_call(lambda: store.read(IMPL_PATHS_ONLY, id=inst), runs, 1)
    out["variant_paths_only_5"] = {**st, "cypher": IMPL_PATHS_ONLY}
    st, rows = time_call(lambda: store.read(IMPL_VARLEN_DISTINCT, id=inst), runs, 1)
    out["variant_varlen_distinct_5"] = {**st, "cypher": IMPL_VARLEN_DISTINCT}
    st, res = time_call(lambda: bfs_implementers(store, inst, 5), runs, 1)
    out["variant_bfs_per_level_5"] = {**st, "cypher": IMPL_BFS_LEVEL + "  (one query per hop, from Python)"}
    base = {"id": inst, "symbol": None, "hops": 5, "limit": 200}
    ref = run_query(store, "implementers", **base)
    for mx in (10, 5):
        cy = IMPL_REWRITE.format(max=mx)
        st, rows = time_call(lambda cy=cy: store.read(cy, **base), runs, 1)
        out[f"rewrite_implementers_limit_first_max{mx}"] = {
            **st, "same_rows_as_query": [r["id"] for r in rows] == [r["id"] for r in ref], "cypher": cy}
    d = date.fromisoformat(as_of)
    for name, kw in (("overdue", {"overdue_on": d}), ("agency", {"agency": agency}),
                     ("agency_overdue", {"agency": agency, "overdue_on": d})):
        full = {"agency": None, "due_from": None, "due_to": None, "overdue_on": None, "limit": 200, **kw}
        ref = run_query(store, "tasks", **{k: (v.isoformat() if hasattr(v, "isoformat") else v)
                                           for k, v in full.items()})
        st, rows = time_call(lambda full=full: store.read(TASKS_REWRITE, **full), runs, 1)
        out[f"rewrite_tasks_{name}"] = {**st, "same_rows_as_query": [r["id"] for r in rows] == [r["id"] for r in ref],
                                        "cypher": TASKS_REWRITE}
    st, _ = time_call(lambda: store.read(TASKS_OVERDUE_DIRECT, d=d), runs, 1)
    out["variant_tasks_overdue_task_first"] = {**st, "cypher": TASKS_OVERDUE_DIRECT}
    st, _ = time_call(lambda: store.read(TASKS_AGENCY_FIRST, a=agency), runs, 1)
    out["variant_tasks_agency_first"] = {**st, "cypher": TASKS_AGENCY_FIRST}
    for k in ("EXPLAIN", "PROFILE"):
        try:
            r = store.read(f"{k} MATCH (t:Task) WHERE t.deadline_date < $d RETURN count(t) AS c", d=d)
            out[f"{k.lower()}_supported"] = bool(r) and str(r)[:300]
        except Exception as exc:  # noqa: BLE001 - ArcadeDB may not support it over Bolt
            out[f"{k.lower()}_supported"] = f"no: {type(exc).__name__}: {str(exc)[:160]}"
    for k, v in out.items():
        log(tag, f"profile {k}: {v if not isinstance(v, dict) else {x: y for x, y in v.items() if x != 'cypher'}}")
    return out


# ---------------------------------------------------------------- main
def summary_lines(res: dict) -> list[str]:
    lines = []
    ing = res.get("ingest") or {}
    if ing:
        lines.append(f"ingest: {ing.get('documents')} docs in {ing.get('seconds')} s = {ing.get('docs_per_s')} docs/s "
                     f"(target >= {TARGETS['ingest_docs_per_s']}), write share {ing.get('write_share')}, "
                     f"peak RSS {ing.get('peak_rss_mb')} MB")
    head = f"{'query':32s} {'p50 ms':>9s} {'p95 ms':>9s} {'max ms':>9s} {'rows':>7s}"
    lines += [head, "-" * len(head)]
    for k, v in (res.get("queries") or {}).items():
        lines.append(f"{k:32s} {v['p50_ms']:9.1f} {v['p95_ms']:9.1f} {v['max_ms']:9.1f} {v.get('rows') or 0:7d}")
    for k, v in (res.get("profile") or {}).items():
        if isinstance(v, dict):
            lines.append(f"{'~' + k:32s} {v['p50_ms']:9.1f} {v['p95_ms']:9.1f} {v['max_ms']:9.1f} {v.get('rows') or 0:7d}")
    if res.get("correctness"):
        lines.append(f"correctness (implementers <= 5 hops): {res['correctness']}")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.bench_graph", description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=20, help="timed runs per query (after 2 warm-up runs)")
    ap.add_argument("--as-of", default="2022-01-01", help="'overdue as of' date for tasks")
    ap.add_argument("--reuse", action="store_true", help="keep an already complete store (no ingest figures)")
    ap.add_argument("--phase", choices=("all", "ingest", "queries"), default="all")
    ap.add_argument("--workers", type=int, default=2, help="ingest(workers=) when available")
    ap.add_argument("--no-variants", action="store_true", help="skip the profiling variants")
    ap.add_argument("--corpus", help="corpus folder (default bench/corpus/g<N>)")
    ap.add_argument("--db", help="store folder (default <corpus>-db)")
    ap.add_argument("--heap", default=os.environ.get("VBGRAPH_HEAP"), help="JVM heap (default: by role, see graph.embedded)")
    ap.add_argument("--out", default=str(RESULTS / "graph.json"))
    a = ap.parse_args(argv)
    if a.heap:
        os.environ["VBGRAPH_HEAP"] = a.heap
    tag = "bench_graph"
    out_path = Path(a.out)
    res: dict[str, Any] = {"corpus": {"generator": "bench.generate", "docs": a.docs, "seed": a.seed},
                           "machine": machine(), "git": git_rev(), "targets": TARGETS,
                           "when": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    if a.phase == "queries" and out_path.is_file():  # keep the ingest figures of an earlier run
        old = json.loads(out_path.read_text(encoding="utf-8"))
        if old.get("ingest"):
            res["ingest"] = old["ingest"]
    corpus, gen = prepare_corpus(a.docs, a.seed, Path(a.corpus) if a.corpus else None)
    res["corpus"].update(gen, path=str(corpus.relative_to(ROOT)) if corpus.is_relative_to(ROOT) else str(corpus))
    db = Path(a.db) if a.db else store_dir(corpus)
    have_complete = False
    if a.reuse or a.phase == "queries":
        store, start_s = open_fresh(db, False)
        have_complete = ingested_docs(store) >= a.docs
        if not have_complete and a.phase == "queries":
            raise SystemExit(f"{tag}: {db} is not a complete store of {a.docs} documents")
    else:  # as `vbgraph ingest` runs (its JVM's collector); queries then in a child process
        store, start_s = open_fresh(db, True, role="ingest")
    res["server_start_s"] = round(start_s, 1)
    try:
        if not have_complete:
            log(tag, f"ingesting {corpus} into a fresh store {db} (load {os.getloadavg()[0]:.2f})")

            def partial(cp: dict) -> None:
                res["ingest_partial"] = cp
                write_json(out_path, res)

            res["ingest"] = timed_ingest(corpus, store, a.docs, tag, a.workers, partial)
            res.pop("ingest_partial", None)
            res["ingest"]["store_mb"] = round(dir_size(db) / 2**20)
            res["ingest"]["jvm_gc"] = jvm_collectors()
            res["ingest"]["jvm_memory"] = jvm_memory()
            # the machine as the ingest met it (the queries child records its own)
            res["ingest"]["machine"] = {k: res["machine"].get(k) for k in ("cpu_probe_ms", "loadavg_start")}
            res["ingest"]["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
            log(tag, "ingest: " + str({k: v for k, v in res["ingest"].items() if k != "checkpoints"}))
            write_json(out_path, res)
            write_json(ingest_record(db), {**res["ingest"], "by": "bench.bench_graph", "machine": res["machine"]})
            if a.phase == "all":  # the queries as the app runs them: a process in the query role
                from graph.embedded import stop_embedded

                store.close()
                store = None
                stop_embedded()  # the child opens the same database
                return subprocess.call([sys.executable, "-m", "bench.bench_graph", *_argv_queries(argv)], cwd=ROOT)
        if a.phase in ("all", "queries"):
            truth, where = load_truth(corpus)
            res.update(bench_queries(store, truth, where, a.runs, a.as_of, tag, not a.no_variants))
            res["as_of"] = a.as_of
            res["jvm_gc"] = jvm_collectors()
            res["jvm_memory"] = jvm_memory()
            res["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
            write_json(out_path, res)
    finally:
        if store is not None:
            store.close()
    print("\n".join(summary_lines(res)))
    print(f"written {out_path}")
    return 0


def _argv_queries(argv: list[str] | None) -> list[str]:
    """This run's arguments for the queries phase on the store it just filled (argparse
    keeps the last `--phase`)."""
    return [*(sys.argv[1:] if argv is None else argv), "--phase", "queries"]


if __name__ == "__main__":
    sys.exit(main())
