"""Throughput of citation finding (and of the full extract) on the gazette texts.

`python -m bench.bench_extract [--limit N]`: reads ../shared/corpus/congbao/
congbao_400.jsonl, times `normalize` + `find_citations` per text (single process,
so the figure is per core), then `loaders.pipeline.extract` (identity, citations,
tasks, entities) on Sources built from the same texts, after a warm-up document
that pays the process's one-time set-up (reported apart). Writes
bench/results/extract.json. MB are of UTF-8 input bytes; times are CPU
(`time.process_time`), so the figures are per core.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import time
from pathlib import Path

from loaders.citations import find_citations
from loaders.model import Source
from loaders.normalize import normalize

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


def bench_citations(docs: list[str]) -> dict:
    """Steady-state throughput of `normalize` + `find_citations`; the one-time set-up
    (YAML tables read, regexes compiled), paid by a warm-up text, is `init_cpu_seconds`."""
    mb = sum(len(t.encode("utf-8")) for t in docs) / 1e6
    t_init = time.process_time()
    find_citations(normalize("Căn cứ Quyết định số 1/QĐ-UBND ngày 1/1/2020 của UBND tỉnh Lạng Sơn về việc thử."))
    init = time.process_time() - t_init
    t0 = time.process_time()
    n_norm = 0.0
    n = 0
    for t in docs:
        a = time.process_time()
        nt = normalize(t)
        n_norm += time.process_time() - a
        cits, _ = find_citations(nt)
        n += len(cits)
    cpu = time.process_time() - t0
    return {"docs": len(docs), "mb": round(mb, 2), "citations": n, "cpu_seconds": round(cpu, 2),
            "mb_per_s_per_core": round(mb / cpu, 2),
            "mb_per_s_per_core_find_only": round(mb / (cpu - n_norm), 2) if cpu > n_norm else None,
            "normalize_cpu_seconds": round(n_norm, 2), "init_cpu_seconds": round(init, 2)}


def _source(i: int, t: str) -> Source:
    return Source(doc_id=f"congbao#{i}", path=str(CONGBAO), text=t, format="jsonl-row",
                  content_hash=hashlib.sha256(t.encode("utf-8")).hexdigest(), row=i)


def bench_full(docs: list[str]) -> dict:
    """Steady-state throughput of `extract`; the one-time set-up of a process (spaCy
    pipeline with its ~19k phrase patterns, gazetteer, compiled tables), paid by the
    first document, is measured apart as `init_cpu_seconds` and included only in
    `mb_per_s_per_core_cold`."""
    from loaders.pipeline import extract

    mb = sum(len(t.encode("utf-8")) for t in docs) / 1e6
    t_init = time.process_time()
    extract(_source(-1, "Số: 1/TB-UBND\nTP. Lạng Sơn, ngày 1 tháng 1 năm 2020\nSở Y tế ngày 1/1/2020."))
    init = time.process_time() - t_init
    t0 = time.process_time()
    errors = 0
    for i, t in enumerate(docs):
        try:
            extract(_source(i, t))
        except Exception:  # others' modules are in flux: count, don't stop the benchmark
            errors += 1
    cpu = time.process_time() - t0
    return {"docs": len(docs), "mb": round(mb, 2), "cpu_seconds": round(cpu, 2),
            "mb_per_s_per_core": round(mb / cpu, 3), "init_cpu_seconds": round(init, 2),
            "mb_per_s_per_core_cold": round(mb / (cpu + init), 3), "errors": errors}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="first N gazette texts")
    ap.add_argument("--full-limit", type=int, default=40, help="texts for the full extract")
    args = ap.parse_args()
    docs = texts(args.limit)
    res = {"citations": bench_citations(docs)}
    print(f"citation finding: {res['citations']}")
    res["full_extract"] = bench_full(docs[: args.full_limit])
    print(f"full extract: {res['full_extract']}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(res, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
