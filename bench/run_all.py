"""`make bench`: every benchmark at a modest size, each in its own process.

    python -m bench.run_all [--docs 2000] [--out-dir bench/results/quick] [--only graph,app] [--dry-run]

Runs, in order: bench_extract (the gazette texts), bench_adversarial (the adversarial
inputs at 1, 2 and 4 MB: time per MB), bench_graph (fresh ingest of a
generated corpus of `--docs` documents + query latencies), bench_app (the explorer's
page data calls on that store), bench_load (concurrent named queries on its own
generated store, `--docs` documents, 4 threads x 25 queries). Each writes its JSON under
`--out-dir` (the large-corpus figures in bench/results/*.json are left alone: those come
from `python -m bench.bench_graph` / `bench_app` at 100k and `make bench-scale`), and
run_all writes `<out-dir>/summary.json` (per benchmark: command, exit status, seconds).
A benchmark that fails is reported and the others still run; the exit status is 1 then.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.bench_graph import RESULTS, ROOT, git_rev, log, machine, write_json

ORDER = ("extract", "adversarial", "graph", "app", "load")


def commands(docs: int, out_dir: Path, corpus_root: Path | None) -> dict[str, list[str]]:
    py = sys.executable
    corpus = ["--corpus", str(corpus_root / f"g{docs}")] if corpus_root else []
    extract = ("import sys, bench.bench_extract as b; from pathlib import Path; "
               f"b.OUT = Path({str(out_dir / 'extract.json')!r}); sys.argv = ['bench_extract']; b.main()")
    return {
        "extract": [py, "-c", extract],
        "adversarial": [py, "-m", "bench.bench_adversarial", "--out", str(out_dir / "adversarial.json")],
        "graph": [py, "-m", "bench.bench_graph", "--docs", str(docs), "--runs", "20", *corpus,
                  "--out", str(out_dir / "graph.json")],
        "app": [py, "-m", "bench.bench_app", "--docs", str(docs), "--runs", "5", "--render", "--render-runs", "2",
                *corpus, "--out", str(out_dir / "app.json")],
        "load": [py, "-m", "bench.bench_load", "--docs", str(docs), "--threads", "4", "--per-thread", "25",
                 "--max-seconds", "600", "--out", str(out_dir / "load.json")],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.run_all", description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000, help="generated documents for graph/app/load")
    ap.add_argument("--out-dir", default=str(RESULTS / "quick"))
    ap.add_argument("--corpus-root", help="where graph/app put their corpus (default bench/corpus)")
    ap.add_argument("--only", help=f"comma-separated subset of {','.join(ORDER)}")
    ap.add_argument("--dry-run", action="store_true", help="print the commands, run nothing")
    a = ap.parse_args(argv)
    out_dir = Path(a.out_dir).resolve()
    chosen = [b for b in ORDER if not a.only or b in a.only.split(",")]
    cmds = commands(a.docs, out_dir, Path(a.corpus_root).resolve() if a.corpus_root else None)
    if a.dry_run:
        for b in chosen:
            print(b, " ".join(cmds[b]))
        return 0
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = {"docs": a.docs, "machine": machine(), "git": git_rev(), "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
               "benchmarks": {}}
    failed = []
    for b in chosen:
        log("run_all", f"{b}: {' '.join(cmds[b][:4])} …")
        t0 = time.perf_counter()
        rc = subprocess.run(cmds[b], cwd=ROOT, env=os.environ.copy()).returncode
        secs = round(time.perf_counter() - t0, 1)
        summary["benchmarks"][b] = {"command": cmds[b], "status": rc, "seconds": secs,
                                    "result": str(out_dir / f"{b}.json")}
        if rc:
            failed.append(b)
        log("run_all", f"{b}: exit {rc} in {secs} s")
        write_json(out_dir / "summary.json", summary)
    summary["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    write_json(out_dir / "summary.json", summary)
    for b, r in summary["benchmarks"].items():
        ok = "ok" if not r["status"] else f"FAILED ({r['status']})"
        print(f"{b:8s} {ok:12s} {r['seconds']:8.1f} s  {r['result']}")
        p = Path(r["result"])
        if p.is_file() and not r["status"]:
            try:
                data = json.loads(p.read_text(encoding="utf-8"))
            except ValueError:
                continue
            if b == "graph" and data.get("ingest"):
                print(f"         ingest {data['ingest']['docs_per_s']} docs/s; "
                      + ", ".join(f"{k} p50 {v['p50_ms']} ms" for k, v in (data.get("queries") or {}).items()))
            if b == "adversarial" and data.get("inputs"):
                print(f"         worst {data['max_seconds_per_mb']} s per MB ({data['worst']}); "
                      f"largest growth 1 -> 4 MB x{data['max_growth']}")
            if b == "app" and data.get("pages"):
                print(f"         all page calls < 1 s: {data.get('all_under_1s')} (slow: {data.get('slow')})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
