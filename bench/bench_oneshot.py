"""One-shot CLI queries on the embedded store (issue 27): `vbgraph query implementers -p
symbol=2318/KL-TTr --db <seeds store>` wall time, alone (the command starts the embedded
JVM and server itself) and while another process serves that store (the app, an ingest:
the command reuses its server, `open_store(reuse=True)`), runs interleaved A/B.

    python -m bench.bench_oneshot [--runs 5] [--out bench/results/oneshot.json]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_graph import RESULTS, ROOT, git_rev, log, machine, write_json

SEEDS = ROOT.parent / "shared" / "seeds"
QUERY = ["query", "implementers", "-p", "symbol=2318/KL-TTr", "--format", "json"]
# a process that serves the store and has answered before (as the app has): one query run
HOLD = ("import sys, time\nfrom graph.store import open_store\nfrom queries.runner import run_query\n"
        "s = open_store(path=sys.argv[1], create=False)\nrun_query(s, 'implementers', symbol='2318/KL-TTr')\n"
        "print('ready', flush=True)\ntime.sleep(3600)\n")


def _wall(db: Path, env: dict) -> float:
    t0 = time.perf_counter()
    done = subprocess.run([str(Path(sys.executable).parent / "vbgraph"), *QUERY, "--db", str(db)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-500:])
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.bench_oneshot", description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out", default=str(RESULTS / "oneshot.json"))
    a = ap.parse_args(argv)
    env = {k: v for k, v in os.environ.items() if not k.startswith("VBGRAPH_")}
    alone, reused = [], []
    with tempfile.TemporaryDirectory(prefix="vbgraph-oneshot-") as tmp:
        db = Path(tmp) / "db"
        subprocess.run([str(Path(sys.executable).parent / "vbgraph"), "ingest", str(SEEDS), "--db", str(db),
                        "--quiet"], cwd=ROOT, env=env, check=True, capture_output=True, timeout=600)
        for run in range(a.runs):  # A then B, each round: the machine's drift hits both alike
            alone.append(_wall(db, env))
            holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], cwd=ROOT, env=env,
                                      stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            try:
                assert holder.stdout.readline().strip() == "ready"
                reused.append(_wall(db, env))
            finally:
                holder.kill()
                holder.wait(30)
            log("oneshot", f"run {run + 1}: alone {alone[-1]:.2f} s, reusing a running server {reused[-1]:.2f} s")
    out = {"machine": machine(), "git": git_rev(), "query": " ".join(QUERY), "runs": a.runs,
           "alone_s": [round(x, 3) for x in alone], "reused_s": [round(x, 3) for x in reused],
           "alone_median_s": round(statistics.median(alone), 3), "reused_median_s": round(statistics.median(reused), 3),
           "ratio_alone_over_reused": round(statistics.median(alone) / statistics.median(reused), 2)}
    write_json(Path(a.out), out)
    log("oneshot", f"median alone {out['alone_median_s']} s, reused {out['reused_median_s']} s "
        f"(x{out['ratio_alone_over_reused']}) -> {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
