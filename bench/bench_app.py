"""The explorer benchmark: every page's data calls on the 100k store, caches cleared.

    python -m bench.bench_app [--docs 100000] [--runs 10] [--render] [--db DIR]

Runs on the store bench_graph ingested (bench/corpus/g<N>-db; ingested here first if
missing or incomplete). For each page of vbgraph_app, the functions the page calls
(vbgraph_app/repo.py, app_data.py, views.explore.build) are called as the page would,
with their Streamlit caches cleared before every timed run, so each run goes to the store:

- Tìm kiếm: repo.search by symbol (top directive, a loaded plan) and by subject words;
  the search index (every instrument, built once per hour per process) is the page's first
  load, measured apart, like the Nhiệm vụ page's agency list (also a process-wide resource);
- Văn bản: node + edges (both directions, capped) + tasks_of + citation_spans, for the top
  directive (thousands of incoming edges) and a loaded implementing plan;
- Truy vết: node + trace down (IMPLEMENTS, depth 4) + tasks_for of the documents the page lists
  (the root and at most views.trace.LIST_PER_LEVEL per level; the graph shows every traced one);
- Đồ thị: views.explore.build from the top directive, then with 3 opened neighbours; the
  shortest path between a leaf implementer and the directive;
- Nhiệm vụ: tasks overdue as of a date (all agencies, and the busiest), and
  the page's default (no filter, all agencies);
- Cypher: the console's default query and two saved queries (search by symbol, most_cited);
- sidebar: app_data.counts() (every page shows it; cached 60 s).

`--render` also renders each page with streamlit.testing.v1.AppTest (at.run(), caches
cleared except the search index) for a page-level figure. Target: < 1 s per page after
the first load. Writes bench/results/app.json and prints a table.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

from bench.bench_graph import (RESULTS, ROOT, busiest_agency, corpus_dir, git_rev, ingested_docs,
                               instrument_of, load_truth, log, machine, open_fresh, prepare_corpus, stats_ms,
                               store_dir, timed_ingest, top_roots, write_json)

TARGET_MS = 1000
TAG = "bench_app"


def _quiet_streamlit() -> None:
    os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")  # no "missing ScriptRunContext" lines
    for name in ("streamlit", "streamlit.runtime.caching.cache_data_api",
                 "streamlit.runtime.scriptrunner_utils.script_run_context", "streamlit.runtime.state"):
        logging.getLogger(name).setLevel(logging.ERROR)


def clear_page_caches(keep_index: bool = True) -> None:
    """Every cached read of the explorer except (when `keep_index`) the search index and
    the agency list."""
    from vbgraph_app import app_data, repo

    if not keep_index:
        app_data.clear_caches()  # the Streamlit caches and the process-wide indexes
        return
    for fn in (repo.node, repo.edges, repo.tasks_for, repo.trace, repo.tasks,
               repo.shortest_path, app_data.counts):
        fn.clear()


def measure(fn: Any, runs: int, keep_index: bool = True) -> tuple[dict, Any]:
    """One untimed call, then `runs` timed calls each after clearing the caches."""
    res = fn()
    times = []
    for _ in range(runs):
        clear_page_caches(keep_index)
        t0 = time.perf_counter()
        res = fn()
        times.append(time.perf_counter() - t0)
    st = stats_ms(times)
    st["ok"] = st["p95_ms"] < TARGET_MS
    return st, res


def pick(store: Any, corpus: Path) -> dict[str, Any]:
    """The instruments the pages are measured on (chosen before timing)."""
    truth, where = load_truth(corpus)
    (root, _), *_ = top_roots(truth, 5, 1)
    root_t = next(t for t in truth if t["id"] == root)
    # a loaded province plan implementing the root directly, and a deepest implementer
    direct = [t["id"] for t in truth if [root, 1] in t["implements_roots"] and t["level"] == "province"]
    deep = sorted((h, t["id"]) for t in truth for r, h in t["implements_roots"] if r == root)
    ids = instrument_of(store, where, [root] + direct[:1] + [deep[-1][1]])
    plan = ids.get(direct[0]) if direct else None
    plan_sym = store.read("MATCH (n:Instrument {id: $id}) RETURN n.symbol AS s", id=plan)[0]["s"] if plan else None
    return {"root": ids[root], "root_symbol": root_t["symbol"], "plan": plan, "plan_symbol": plan_sym,
            "leaf": ids.get(deep[-1][1]), "leaf_hops": deep[-1][0]}


def page_calls(p: dict[str, Any], agency: dict, as_of: str) -> dict[str, Any]:
    """page -> {case: callable} as each page calls the data layer."""
    from queries.runner import convert_params, get_query
    from vbgraph_app import app_data, repo
    from vbgraph_app.views import cypher as cypher_view
    from vbgraph_app.views.explore import DEFAULT_LABELS, DEFAULT_RELS, build
    from vbgraph_app.views.trace import DEFAULT_RELS as TRACE_RELS
    from vbgraph_app.views.trace import listed_levels

    def document(node_id: str) -> int:
        doc = repo.node(node_id) or repo.node(node_id, None)
        e = repo.edges(node_id, doc.get("label"))
        t = repo.tasks_of(node_id)
        s = repo.citation_spans(doc, e)
        return len(e) + len(t) + len(s)

    def trace(node_id: str) -> int:
        repo.node(node_id)
        res = repo.trace(node_id, "down", tuple(TRACE_RELS), 4)
        listed = [n for level in listed_levels(res["levels"]) for n in level]
        repo.tasks_for(tuple(n["id"] for n in listed))  # the page reads tasks of the listed documents
        return sum(len(level) for level in res["levels"])

    def explore(start: str, opened: int) -> int:
        nodes, edges = build(start, [], DEFAULT_RELS, DEFAULT_LABELS, 25)
        if opened:
            ids = [n["id"] for n in nodes if n["id"] != start and n.get("label") == "Instrument"][:opened]
            nodes, edges = build(start, ids, DEFAULT_RELS, DEFAULT_LABELS, 25)
        return len(nodes)

    def tasks(agency_id: str | None, overdue: str | None = as_of) -> int:
        repo.agencies_with_tasks()
        return len(repo.tasks(agency_id, None, None, overdue, limit=501))

    search_q = get_query("search")
    calls: dict[str, dict[str, Any]] = {
        "search (Tìm kiếm)": {
            f"symbol {p['root_symbol']}": lambda: len(repo.search(p["root_symbol"], limit=26)),
            f"symbol {p['plan_symbol']}": lambda: len(repo.search(p["plan_symbol"] or "", limit=26)),
            "subject words 'quan ly dat dai'": lambda: len(repo.search("quan ly dat dai", limit=26)),
        },
        "document (Văn bản)": {
            "top directive": lambda: document(p["root"]),
            "implementing plan": lambda: document(p["plan"]),
        },
        "trace (Truy vết)": {"down from top directive, depth 4": lambda: trace(p["root"])},
        "graph (Đồ thị)": {
            "start at top directive": lambda: explore(p["root"], 0),
            "expand 3 neighbours": lambda: explore(p["root"], 3),
            f"shortest path leaf ({p['leaf_hops']} hops) -> directive": lambda: len(
                (repo.shortest_path(p["leaf"], p["root"], ()) or {}).get("edges") or []),
        },
        "tasks (Nhiệm vụ)": {
            f"overdue as of {as_of}, all agencies": lambda: tasks(None),
            f"overdue as of {as_of}, busiest agency": lambda: tasks(agency.get("id")),
            "no filter, all agencies (page default)": lambda: tasks(None, None),
        },
        "cypher (console)": {
            "default example (IMPLEMENTS LIMIT 50)": lambda: len(app_data.read(cypher_view.DEFAULT)),
            "saved query search by symbol": lambda: len(app_data.read(
                search_q.cypher, **convert_params(search_q, {"symbol": p["root_symbol"]}))),
            "saved query most_cited (defaults)": lambda: len(app_data.read(
                get_query("most_cited").cypher, **get_query("most_cited").defaults())),
        },
        "sidebar (every page)": {"counts per label": lambda: len(app_data.counts())},
    }
    return calls


def render_pages(p: dict[str, Any], agency: dict, as_of: str, runs: int) -> dict[str, Any]:
    """Each page rendered with AppTest (at.run(); the Cypher page with Chạy pressed), caches
    cleared except the search index; the app open, as `make run` serves it with no users."""
    import tempfile

    from streamlit import config as st_config
    from streamlit.testing.v1 import AppTest

    st_config.set_option("server.address", "127.0.0.1")
    os.environ["VBGRAPH_USERS"] = str(Path(tempfile.mkdtemp()) / "users.json")  # none

    pages = {
        "tim-kiem": {"q": p["root_symbol"]},
        "van-ban": {"id": p["root"]},
        "truy-vet": {"id": p["root"]},
        "do-thi": {"id": p["root"]},
        "nhiem-vu": {"overdue": as_of},
        "cypher": {},
    }
    out: dict[str, Any] = {}
    for page, params in pages.items():
        def once() -> Any:
            at = AppTest.from_file(str(ROOT / "vbgraph_app" / "main.py"), default_timeout=300)
            at.query_params["page"] = page
            for k, v in params.items():
                at.query_params[k] = v
            at.run()
            if page == "cypher":
                at.button(key="cy_run").click().run()
            if at.exception:
                raise RuntimeError(f"{page}: {[e.value for e in at.exception][:1]}")
            return at
        try:
            st, _ = measure(once, runs)
        except Exception as exc:  # noqa: BLE001 - reported, the other pages still run
            out[page] = {"error": f"{type(exc).__name__}: {str(exc)[:300]}"}
            log(TAG, f"render {page}: {out[page]}")
            continue
        out[page] = {**st, "params": params}
        log(TAG, f"render {page}: {st}")
    return out


def table(res: dict) -> str:
    head = f"{'page':22s} {'case':48s} {'p50 ms':>8s} {'p95 ms':>8s} {'max ms':>8s} {'<1s':>4s}"
    lines = [head, "-" * len(head)]
    for page, cases in res["pages"].items():
        for case, v in cases.items():
            if "error" in v:
                lines.append(f"{page:22s} {case:48s} error: {v['error'][:60]}")
                continue
            lines.append(f"{page:22s} {case:48s} {v['p50_ms']:8.1f} {v['p95_ms']:8.1f} {v['max_ms']:8.1f} "
                         f"{'yes' if v['ok'] else 'NO':>4s}")
    fl = res["first_load"]
    lines.append(f"first load: search index {fl['search_index_s']} s ({fl['search_index_rows']} instruments), "
                 f"agency list {fl.get('agency_list_s')} s ({fl.get('agency_list_rows')} agencies)")
    for page, v in (res.get("render") or {}).items():
        if "error" in v:
            lines.append(f"render {page}: error {v['error'][:80]}")
        else:
            lines.append(f"render {page:14s} p50 {v['p50_ms']:8.1f} ms  p95 {v['p95_ms']:8.1f} ms  "
                         f"{'ok' if v['ok'] else 'SLOW'}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.bench_app", description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=10, help="timed runs per case (caches cleared before each)")
    ap.add_argument("--as-of", default="2022-01-01")
    ap.add_argument("--render", action="store_true", help="also time AppTest page renders")
    ap.add_argument("--render-runs", type=int, default=3)
    ap.add_argument("--corpus", help="corpus folder (default bench/corpus/g<N>)")
    ap.add_argument("--db", help="store folder (default <corpus>-db)")
    ap.add_argument("--heap", default=os.environ.get("VBGRAPH_HEAP"), help="JVM heap (default: by role, see graph.embedded)")
    ap.add_argument("--out", default=str(RESULTS / "app.json"))
    a = ap.parse_args(argv)
    if a.heap:
        os.environ["VBGRAPH_HEAP"] = a.heap
    res: dict[str, Any] = {"corpus": {"generator": "bench.generate", "docs": a.docs, "seed": a.seed},
                           "machine": machine(), "git": git_rev(), "target_ms": TARGET_MS,
                           "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "as_of": a.as_of,
                           "method": "the pages' data functions (vbgraph_app.repo / app_data / views.explore.build), "
                                     "Streamlit caches cleared before each timed run except the search index; "
                                     "ok = p95 < 1 s"}
    corpus, _ = prepare_corpus(a.docs, a.seed, Path(a.corpus) if a.corpus else None)
    db = Path(a.db) if a.db else store_dir(corpus)
    os.environ["VBGRAPH_DB"] = str(db)
    os.environ.pop("VBGRAPH_URI", None)
    store, _ = open_fresh(db, False)
    if ingested_docs(store) < a.docs:
        log(TAG, f"{db} incomplete: ingesting {corpus}")
        res["ingest"] = timed_ingest(corpus, store, a.docs, TAG)
    _quiet_streamlit()
    from vbgraph_app import app_data, repo

    app_store = app_data.get_store()  # the app's own store object (same embedded server)
    try:
        p = pick(app_store, corpus)
        agency = busiest_agency(app_store)
        res["picked"] = {**p, "agency": agency}
        log(TAG, f"picked {res['picked']}")
        clear_page_caches(keep_index=False)
        t0 = time.perf_counter()
        n_index = len(repo.search_index())
        res["first_load"] = {"search_index_s": round(time.perf_counter() - t0, 2), "search_index_rows": n_index}
        t0 = time.perf_counter()
        n_agencies = len(repo.agencies_with_tasks())
        res["first_load"].update(agency_list_s=round(time.perf_counter() - t0, 2), agency_list_rows=n_agencies)
        log(TAG, f"first load: {res['first_load']}")
        res["pages"] = {}
        for page, cases in page_calls(p, agency, a.as_of).items():
            res["pages"][page] = {}
            for case, fn in cases.items():
                try:
                    st, n = measure(fn, a.runs)
                    st["result_size"] = n
                except Exception as exc:  # noqa: BLE001 - reported per case
                    st = {"error": f"{type(exc).__name__}: {str(exc)[:300]}"}
                res["pages"][page][case] = st
                log(TAG, f"{page} / {case}: {st}")
            write_json(Path(a.out), res)
        slow = [f"{pg} / {c}" for pg, cs in res["pages"].items() for c, v in cs.items() if not v.get("ok")]
        res["all_under_1s"] = not slow
        res["slow"] = slow
        if a.render:
            res["render"] = render_pages(p, agency, a.as_of, a.render_runs)
        res["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
        write_json(Path(a.out), res)
    finally:
        store.close()
    print(table(res))
    print(f"written {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
