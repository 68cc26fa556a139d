"""Smoke test of the benchmark entry points on a ~200-document generated corpus: each
runs to the end and writes JSON of the expected shape. No timing is asserted."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from paths import REPO

pytestmark = pytest.mark.slow
DOCS = 200


def _run(args: list[str], env: dict, timeout: int = 900) -> subprocess.CompletedProcess:
    r = subprocess.run([sys.executable, "-m", *args], cwd=REPO, env=env, capture_output=True, text=True,
                       timeout=timeout)
    assert r.returncode == 0, f"{args[0]} exited {r.returncode}:\n{r.stdout[-2000:]}\n{r.stderr[-4000:]}"
    return r


@pytest.fixture(scope="module")
def bench_env(tmp_path_factory):
    root = tmp_path_factory.mktemp("bench")
    # the benchmarks open their own stores: no store settings leak in from other fixtures
    # (the explorer's fixture points VBGRAPH_DB/VBGRAPH_DATABASE at the seeds' database)
    env = {k: v for k, v in os.environ.items() if not k.startswith("VBGRAPH_")}
    env.update(VBGRAPH_BENCH_CORPUS=str(root / "corpus"), VBGRAPH_HEAP="1g")
    return root, env


def _stats(d: dict) -> None:
    assert {"runs", "p50_ms", "p95_ms", "max_ms"} <= set(d), d
    assert d["runs"] >= 1 and 0 <= d["p50_ms"] <= d["p95_ms"] <= d["max_ms"]


def test_bench_graph_and_app(bench_env):
    root, env = bench_env
    out = root / "graph.json"
    _run(["bench.bench_graph", "--docs", str(DOCS), "--runs", "2", "--out", str(out)], env)
    g = json.loads(out.read_text(encoding="utf-8"))
    assert g["ingest"]["documents"] == DOCS and g["ingest"]["docs_per_s"] > 0
    assert g["ingest"]["graph"]["nodes"] > 0 and g["ingest"]["peak_rss_mb"] > 0
    assert {"cpus", "ram_gb", "loadavg_start", "versions"} <= set(g["machine"])
    assert g["ingest"]["machine"]["cpu_probe_ms"] > 0  # the ingest's own probe, kept by the queries child
    for k in ("implementers_5_hops", "tasks_by_agency", "tasks_overdue"):
        _stats(g["queries"][k])
    c = g["correctness"]
    assert c["truth"] >= 1 and 0 <= c["true_positives"] <= c["truth"]
    assert "variant_bfs_per_level_5" in g["profile"]
    assert (root / "corpus" / f"g{DOCS}-db.ingest.json").is_file()
    # ingest as `vbgraph ingest` runs it (parallel collector), queries as the app (G1)
    assert g["ingest"]["jvm_gc"] == ["PS MarkSweep", "PS Scavenge"], g["ingest"]
    assert g["jvm_gc"] and all(n.startswith("G1") for n in g["jvm_gc"]), g["jvm_gc"]

    app = root / "app.json"
    _run(["bench.bench_app", "--docs", str(DOCS), "--runs", "2", "--render", "--render-runs", "1",
          "--out", str(app)], env)
    a = json.loads(app.read_text(encoding="utf-8"))
    assert set(a["pages"]) >= {"search (Tìm kiếm)", "document (Văn bản)", "trace (Truy vết)", "graph (Đồ thị)",
                               "tasks (Nhiệm vụ)", "cypher (console)"}
    for cases in a["pages"].values():
        for v in cases.values():
            assert "error" not in v, v
            _stats(v)
    assert a["first_load"]["search_index_rows"] > 0
    assert all("error" not in v for v in a["render"].values()), a["render"]


def test_bench_scale(bench_env):
    root, env = bench_env
    out, png = root / "scale.json", root / "scale.png"
    _run(["bench.scale", "--sizes", str(DOCS), "--runs", "2", "--out", str(out), "--png", str(png)], env)
    s = json.loads(out.read_text(encoding="utf-8"))
    r = s["sizes"][str(DOCS)]
    assert r["ingest"]["documents"] == DOCS and r["ingest"]["store_mb"] > 0 and r["store_peak_rss_mb"] > 0
    assert "ingest_partial" not in r, "the last checkpoint outlived the complete ingest figures"
    # ingested as `vbgraph ingest` runs, queried as the app runs: two JVMs, two collectors
    assert r["ingest"]["jvm_gc"] == ["PS MarkSweep", "PS Scavenge"], r["ingest"]
    assert r["query_jvm_gc"] and all(n.startswith("G1") for n in r["query_jvm_gc"]), r["query_jvm_gc"]
    assert r["nx_build"]["nodes"] > 0 and r["nx_build"]["build_s"] >= 0
    for q in ("implementers_2_hops", "implementers_5_hops", "tasks_overdue", "cited_by_filtered", "search_symbol"):
        _stats(r["store_queries"][q])
        _stats(r["nx_queries"][q])
    assert png.is_file() and png.stat().st_size > 1000
    # a size over the time bound is extrapolated, not run
    _run(["bench.scale", "--sizes", f"{DOCS},{DOCS * 1000}", "--reuse", "--no-nx", "--max-minutes", "0.001",
          "--runs", "1", "--out", str(out), "--png", str(png)], env)
    s = json.loads(out.read_text(encoding="utf-8"))
    big = s["sizes"][str(DOCS * 1000)]
    assert big["extrapolated"] is True and "not run" in big["why"]
    assert big["figures"] == {} or "ingest time (s)" in big["figures"] or big["figures"]


def test_bench_load_and_run_all(bench_env):
    root, env = bench_env
    out = root / "load.json"
    _run(["bench.bench_load", "--docs", str(DOCS), "--threads", "2", "--per-thread", "4", "--out", str(out)], env)
    ld = json.loads(out.read_text(encoding="utf-8"))
    assert ld["queries"] == 8 and not ld["errors"]
    r = _run(["bench.run_all", "--docs", str(DOCS), "--dry-run"], env)
    assert [line.split()[0] for line in r.stdout.splitlines()] == ["extract", "adversarial", "graph", "app", "load"]


def test_bench_adversarial_records_time_per_mb(bench_env):
    root, env = bench_env
    out = root / "adversarial.json"
    _run(["bench.bench_adversarial", "--sizes", "0.02,0.04", "--only", "md_emphasis,docx_merged", "--out", str(out)], env)
    a = json.loads(out.read_text(encoding="utf-8"))
    assert set(a["inputs"]) == {"md_emphasis", "docx_merged"} and a["git"] and a["machine"]["cpu_probe_ms"] > 0
    for row in a["inputs"].values():
        assert set(row["seconds_per_mb"]) == {"0.02", "0.04"} and row["documents"] == 1 and not row["errors"]
    assert a["worst"] in a["inputs"] and a["max_seconds_per_mb"] > 0


def test_scale_skips_a_networkx_graph_that_would_not_fit():
    """At a size where the in-memory graph (linear from the largest measured size) would
    take more than 60% of the RAM, bench.scale records why instead of building it."""
    sys.path.insert(0, str(REPO))
    from bench.bench_graph import machine
    from bench.scale import nx_too_big

    ram_mb = machine()["ram_gb"] * 1024
    res = {"sizes": {"10000": {"nx_build": {"process_peak_rss_mb": 500, "build_s": 10}},
                     "100000": {"nx_build": {"process_peak_rss_mb": ram_mb * 0.05, "build_s": 100}}}}
    assert nx_too_big(res, 100_000) is None  # measured there, nothing to estimate from above
    assert nx_too_big(res, 1_000_000) is None  # 50% of the RAM: built
    skip = nx_too_big(res, 2_000_000)  # 100%: not built
    assert skip["skipped"] and skip["estimated"]["from_size"] == 100_000
    assert skip["estimated"]["build_s"] == 2000 and "not built" in skip["why"]
