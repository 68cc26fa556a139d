"""A byte-exact snapshot of what `vbgraph extract` outputs, to prove a speed-up changes nothing.

    python -m bench.extract_snapshot --record   # write the digests (run on unchanged code)
    python -m bench.extract_snapshot --check    # recompute the full set, compare (not in CI)
    python -m bench.extract_snapshot --dump F   # also write the canonical lines to F (to diff)

Each document goes through `loaders.pipeline.extract` (identity, citations, relations,
tasks, effects, entities: everything `vbgraph extract` prints) and becomes one canonical
JSON line: `Document.to_json()` with sorted keys, `ensure_ascii=False`, and the `source`
path made relative to ../shared (so the digest does not depend on where the clone is).
A set's digest is the sha256 of its lines joined by "\n".

Sets (all real or deterministic text):
- seeds: the five seed documents (`../shared/seeds`);
- binhduong: the 3,613 rows of `corpus/binhduong/vbcddh.jsonl`, read as `vbgraph extract` reads them;
- moj: the 62,315 provenance notes of `corpus/phapdien/notes.jsonl` (every `moj_step`th);
- generated: `bench.generate.generate(3000, seed=27, noise=0.2)`;
- congbao: the 402 gazette texts `bench.bench_extract` times.
`SUBSET` (the CI test, tests/test_extract_identical.py) takes the seeds, Bình Dương,
the first 400 generated documents, every 100th MOJ note and the first 20 gazette texts.
Digests live in bench/results/extract_snapshot.json.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
DIGESTS = ROOT / "bench" / "results" / "extract_snapshot.json"

GEN_SEED, GEN_NOISE = 27, 0.2
FULL = {"gen_docs": 3000, "moj_step": 1, "congbao": None}
SUBSET = {"gen_docs": 400, "moj_step": 100, "congbao": 20}


def _rel(path: str) -> str:
    p = Path(path)
    try:
        return str(p.resolve().relative_to(SHARED.resolve()))
    except ValueError:
        return path


def _sources(name: str, spec: dict) -> Iterator:
    """(Source | LoadError) of one set, in a fixed order."""
    from loaders.model import Source
    from loaders.read import iter_sources

    if name == "seeds":
        yield from iter_sources([SHARED / "seeds"])
    elif name == "binhduong":
        yield from iter_sources([CORPUS / "binhduong" / "vbcddh.jsonl"])
    elif name == "moj":
        path = CORPUS / "phapdien" / "notes.jsonl"
        with path.open(encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if i % spec["moj_step"] == 0:
                    t = json.loads(line)["text"]
                    yield Source(f"moj#{i}", str(path), t, "txt", hashlib.sha256(t.encode()).hexdigest(), row=i)
    elif name == "generated":
        from bench.generate import generate

        for d in generate(spec["gen_docs"], seed=GEN_SEED, noise=GEN_NOISE):
            yield Source(f"gen#{d.id}", "generated", d.text, "txt", hashlib.sha256(d.text.encode()).hexdigest())
    elif name == "congbao":
        path = CORPUS / "congbao" / "congbao_400.jsonl"
        with path.open(encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if spec["congbao"] is not None and i >= spec["congbao"]:
                    break
                t = json.loads(line)["text"]
                yield Source(f"congbao#{i}", str(path), t, "jsonl-row", hashlib.sha256(t.encode()).hexdigest(), row=i)
    else:
        raise ValueError(name)


SETS = ("seeds", "binhduong", "moj", "generated", "congbao")


def lines(name: str, spec: dict) -> Iterator[str]:
    """The canonical lines of one set: one per document (an error line per failure)."""
    from loaders.model import LoadError
    from loaders.pipeline import extract

    for item in _sources(name, spec):
        if isinstance(item, LoadError):
            yield json.dumps({"error": str(item)}, ensure_ascii=False, sort_keys=True)
            continue
        try:
            data = extract(item).to_json()
        except Exception as exc:  # the output of a failure is part of the behaviour too
            data = {"doc_id": item.doc_id, "failed": f"{type(exc).__name__}: {exc}"}
        if "source" in data:
            data["source"] = _rel(data["source"])
        if isinstance(data.get("doc_id"), str):  # a file's path (and "#row"): where ../shared is must not count
            path, sep, row = data["doc_id"].partition("#")
            data["doc_id"] = _rel(path) + sep + row
        yield json.dumps(data, ensure_ascii=False, sort_keys=True)


def digests(spec: dict, dump: Path | None = None) -> dict[str, dict]:
    """{set: {"docs": n, "sha256": hex}} for every set."""
    out = {}
    fh = dump.open("w", encoding="utf-8") if dump else None
    try:
        for name in SETS:
            t0 = time.perf_counter()
            h = hashlib.sha256()
            n = 0
            for line in lines(name, spec):
                if n:
                    h.update(b"\n")
                h.update(line.encode("utf-8"))
                n += 1
                if fh:
                    fh.write(f"{name}\t{line}\n")
            out[name] = {"docs": n, "sha256": h.hexdigest()}
            print(f"{name}: {n} docs {h.hexdigest()[:16]} ({time.perf_counter() - t0:.1f} s)", file=sys.stderr)
    finally:
        if fh:
            fh.close()
    return out


def recorded() -> dict:
    return json.loads(DIGESTS.read_text(encoding="utf-8"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--record", action="store_true", help="write the full and subset digests")
    g.add_argument("--check", action="store_true", help="recompute the full set and compare")
    ap.add_argument("--dump", type=Path, help="write the canonical lines here too")
    ap.add_argument("--commit", default=None, help="the commit recorded (with --record)")
    args = ap.parse_args()
    if args.record:
        res = {"commit": args.commit, "gen_seed": GEN_SEED, "gen_noise": GEN_NOISE,
               "full_spec": FULL, "subset_spec": SUBSET,
               "full": digests(FULL, args.dump), "subset": digests(SUBSET)}
        DIGESTS.parent.mkdir(parents=True, exist_ok=True)
        DIGESTS.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
        return 0
    want = recorded()["full"]
    got = digests(FULL, args.dump)
    bad = [k for k in SETS if got[k] != want.get(k)]
    for k in bad:
        print(f"DIFFERENT: {k}: {got[k]} != {want.get(k)}", file=sys.stderr)
    print("identical" if not bad else f"{len(bad)} set(s) differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
