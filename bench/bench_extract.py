"""Throughput of citation finding (and of the full extract) on the gazette texts.

`python -m bench.bench_extract [--limit N] [--rounds R]`: reads ../shared/corpus/congbao/
congbao_400.jsonl and times, in one process (so the figures are per core), after a
warm-up that pays the one-time set-up (reported apart):

- `regex_scan`: the bare compiled citation regex (`domain.symbols.symbol_re`) run over
  the normalised texts, every match consumed: the floor citation finding is measured against;
- `citations`: `find_citations` on the same normalised texts (`mb_per_s_per_core_find_only`),
  and with `normalize` included (`mb_per_s_per_core`);
- `ratio_find_vs_regex`: how many times slower citation finding is than the bare scan
  (issue #27's target: ≤ 3);
- `full_extract`: `loaders.pipeline.extract` (identity, citations, tasks, entities) on
  Sources built from the first `--full-limit` texts.

Each figure is the best of `--rounds` runs (the cores' speed varies). MB are of UTF-8
input bytes; times are CPU (`time.process_time`). Writes bench/results/extract.json
(`--no-write`: print only).

`--ab ROOT_A ROOT_B [ROOT_C …] [--ab-rounds K] [--ab-out F]`: A/B in one session: runs
this benchmark K times with `PYTHONPATH=` each checkout (e.g. `git archive`s of successive
commits), interleaved, and prints the medians and the ratios to the first and previous.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONGBAO = ROOT.parent / "shared" / "corpus" / "congbao" / "congbao_400.jsonl"
OUT = ROOT / "bench" / "results" / "extract.json"


def texts(limit: int | None = None) -> list[str]:
    out = []
    with CONGBAO.open(encoding="utf-8") as fh:
        for line in fh:
            out.append(json.loads(line)["text"])
            if limit and len(out) >= limit:
                break
    return out


def _mb(docs: list[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in docs) / 1e6


def bench_regex(docs: list[str], rounds: int) -> dict:
    """The bare compiled citation regex over the normalised texts."""
    from domain.symbols import symbol_re
    from loaders.normalize import normalize

    norm = [normalize(t).text for t in docs]
    rx = symbol_re()
    best = None
    n = 0
    for _ in range(rounds):
        t0 = time.process_time()
        n = 0
        for t in norm:
            for _m in rx.finditer(t):
                n += 1
        cpu = time.process_time() - t0
        best = cpu if best is None else min(best, cpu)
    return {"matches": n, "cpu_seconds": round(best, 3), "mb_per_s_per_core": round(_mb(docs) / best, 2)}


def bench_citations(docs: list[str], rounds: int) -> dict:
    """Steady-state throughput of `find_citations` on normalised texts, and of
    `normalize` + `find_citations`; the one-time set-up (YAML tables read, regexes
    compiled), paid by a warm-up text, is `init_cpu_seconds`."""
    from loaders.citations import find_citations
    from loaders.normalize import normalize

    mb = _mb(docs)
    t_init = time.process_time()
    find_citations(normalize("Căn cứ Quyết định số 1/QĐ-UBND ngày 1/1/2020 của UBND tỉnh Lạng Sơn về việc thử."))
    init = time.process_time() - t_init
    best_find = best_norm = None
    n = 0
    for _ in range(rounds):
        t0 = time.process_time()
        nts = [normalize(t) for t in docs]
        norm = time.process_time() - t0
        t0 = time.process_time()
        n = 0
        for nt in nts:
            cits, _ = find_citations(nt)
            n += len(cits)
        find = time.process_time() - t0
        best_find = find if best_find is None else min(best_find, find)
        best_norm = norm if best_norm is None else min(best_norm, norm)
    return {"docs": len(docs), "mb": round(mb, 2), "citations": n,
            "cpu_seconds": round(best_find + best_norm, 3),
            "mb_per_s_per_core": round(mb / (best_find + best_norm), 2),
            "find_cpu_seconds": round(best_find, 3),
            "mb_per_s_per_core_find_only": round(mb / best_find, 2),
            "normalize_cpu_seconds": round(best_norm, 3), "init_cpu_seconds": round(init, 2)}


def _source(i: int, t: str):
    from loaders.model import Source

    return Source(doc_id=f"congbao#{i}", path=str(CONGBAO), text=t, format="jsonl-row",
                  content_hash=hashlib.sha256(t.encode("utf-8")).hexdigest(), row=i)


def bench_full(docs: list[str], rounds: int) -> dict:
    """Steady-state throughput of `extract`; the one-time set-up of a process (spaCy
    pipeline with its ~19k phrase patterns, gazetteer, compiled tables), paid by the
    first document, is measured apart as `init_cpu_seconds` and included only in
    `mb_per_s_per_core_cold`."""
    from loaders.pipeline import extract

    mb = _mb(docs)
    t_init = time.process_time()
    extract(_source(-1, "Số: 1/TB-UBND\nTP. Lạng Sơn, ngày 1 tháng 1 năm 2020\nSở Y tế ngày 1/1/2020."))
    init = time.process_time() - t_init
    best = None
    errors = 0
    for _ in range(rounds):
        t0 = time.process_time()
        errors = 0
        for i, t in enumerate(docs):
            try:
                extract(_source(i, t))
            except Exception:  # others' modules are in flux: count, don't stop the benchmark
                errors += 1
        cpu = time.process_time() - t0
        best = cpu if best is None else min(best, cpu)
    return {"docs": len(docs), "mb": round(mb, 2), "cpu_seconds": round(best, 3),
            "mb_per_s_per_core": round(mb / best, 3), "init_cpu_seconds": round(init, 2),
            "mb_per_s_per_core_cold": round(mb / (best + init), 3), "errors": errors}


def run(limit: int | None, full_limit: int, rounds: int) -> dict:
    docs = texts(limit)
    res = {"regex_scan": bench_regex(docs, rounds), "citations": bench_citations(docs, rounds)}
    res["ratio_find_vs_regex"] = round(res["regex_scan"]["mb_per_s_per_core"]
                                       / res["citations"]["mb_per_s_per_core_find_only"], 2)
    res["full_extract"] = bench_full(docs[:full_limit], rounds)
    res["rounds"] = rounds
    res["loadavg"] = [round(x, 2) for x in os.getloadavg()]
    return res


_KEYS = (("regex", ("regex_scan", "mb_per_s_per_core")),
         ("find", ("citations", "mb_per_s_per_core_find_only")),
         ("find+normalize", ("citations", "mb_per_s_per_core")),
         ("ratio find/regex", ("ratio_find_vs_regex",)),
         ("full extract", ("full_extract", "mb_per_s_per_core")))


def _get(res: dict, path: tuple[str, ...]) -> float:
    for k in path:
        res = res[k]
    return res


def ab(roots: list[str], k: int, argv: list[str]) -> dict:
    """Interleaved runs of this benchmark on two or more checkouts (the order rotated each
    round, so a slow spell of the cores falls on all); medians, and each one's ratio to
    the first (`vs_first`) and to the one before it (`vs_previous`)."""
    names = [str(Path(r)) for r in roots]
    runs: dict[str, list[dict]] = {n: [] for n in names}
    for i in range(k):
        order = names[i % len(names):] + names[:i % len(names)]
        if i % 2:
            order.reverse()
        for name in order:
            env = dict(os.environ, PYTHONPATH=str(Path(name).resolve()))
            out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--no-write", "--json", *argv],
                                 env=env, cwd=name, capture_output=True, text=True, check=True).stdout
            runs[name].append(json.loads(out.strip().splitlines()[-1]))
            print(f"round {i} {name}: " + ", ".join(f"{lab} {_get(runs[name][-1], p)}" for lab, p in _KEYS),
                  file=sys.stderr)
    med = {n: {lab: statistics.median(_get(r, p) for r in runs[n]) for lab, p in _KEYS} for n in names}
    table = []
    for j, n in enumerate(names):
        row = {"root": n, "median": med[n]}
        if j:
            row["vs_first"] = {lab: round(med[n][lab] / med[names[0]][lab], 2) for lab, _ in _KEYS}
            row["vs_previous"] = {lab: round(med[n][lab] / med[names[j - 1]][lab], 2) for lab, _ in _KEYS}
        table.append(row)
    return {"runs_each": k, "args": argv, "loadavg_end": [round(x, 2) for x in os.getloadavg()], "checkouts": table}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="first N gazette texts")
    ap.add_argument("--full-limit", type=int, default=40, help="texts for the full extract")
    ap.add_argument("--rounds", type=int, default=3, help="runs per figure, best kept")
    ap.add_argument("--no-write", action="store_true", help="do not write bench/results/extract.json")
    ap.add_argument("--json", action="store_true", help="print the result as one JSON line")
    ap.add_argument("--ab", nargs="+", metavar="ROOT", help="A/B two or more checkouts (the first is the base)")
    ap.add_argument("--ab-rounds", type=int, default=4, help="runs of each checkout with --ab")
    ap.add_argument("--ab-out", type=Path, help="also write the --ab result here")
    args = ap.parse_args()
    if args.ab:
        argv = ["--rounds", str(args.rounds), "--full-limit", str(args.full_limit)]
        if args.limit:
            argv += ["--limit", str(args.limit)]
        res = ab(args.ab, args.ab_rounds, argv)
        print(json.dumps(res, indent=2, ensure_ascii=False))
        if args.ab_out:
            args.ab_out.write_text(json.dumps(res, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return
    res = run(args.limit, args.full_limit, args.rounds)
    if args.json:
        print(json.dumps(res))
    else:
        for lab, p in _KEYS:
            print(f"{lab}: {_get(res, p)}")
    if not args.no_write:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
