"""A realistic generated corpus of Vietnamese administrative documents, deterministic from a seed.

    python -m bench.generate --docs 100000 --seed 1 --out data/gen100k [--format jsonl|txt] [--noise 0.1]

API: `generate(n_docs, seed, noise=0.1) -> Iterator[GeneratedDoc]` (streaming; same seed, same
bytes). `write_corpus(...)` writes it:

- jsonl: `DIR/part-00000.jsonl`, `shard_size` rows each, a row is `{"id": ..., "text": ...}`;
- txt: `DIR/docs/00000/<id>.txt`, one sub-folder per shard;
- always `DIR/truth-00000.jsonl` (one ground-truth row per document, same order and shards)
  and `DIR/summary.json` (corpus shape, top implemented instruments; no timings).

Ground-truth row (all strings NFC, even when the text was written NFD):
  id, level (national/province/district/commune), kind, family (administrative, cong_van,
  normative, law, party, news), type, type_name, symbol (canonical; "/TB-UBND" for a
  draft; None for a news page), number (None for drafts), issuer (canonical name), issuer_code,
  jurisdiction ("huyện Lạc Sơn, tỉnh Hòa Bình"; None = national), date (ISO; None when a
  draft leaves the day blank), year, term (Party term / khóa for party and law numbers),
  key ("issuer|year|symbol", the canonical descriptor as one string; None for drafts),
  subject, topic, draft, doc_noise (nfd, old_tones, draft, page_header or None),
  implements_roots ([[national id, hops], ...]: national ancestors through IMPLEMENTS),
  citations: [{symbol, relation (CITES IMPLEMENTS BASED_ON GUIDES AMENDS REPLACES REPEALS
      CORRECTS), target (key), target_id (None if external), external, target_desc {issuer,
      year, type, number, family}, date_written, issuer_written (as written, e.g. "UBND tỉnh"),
      mentions, noise ([lower|eth|space|break] per noisy mention), status (resolved when the
      text gives year and issuer, else ambiguous)}],
  relations: [{source, target, relation}] stated between two cited instruments,
  tasks: [{assignee, jurisdiction, deadline (ISO date or datetime), deadline_text,
      coordinators, cites (keys)}],
  traps: sentences with slashes/dashes that are not citations ("tỷ lệ 1/500"),
  chair {name, title}, signer {name, authority}, recipients (the "Nơi nhận" items).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .gen_corpus import Generator
from .gen_model import GeneratedDoc

__all__ = ["GeneratedDoc", "Generator", "generate", "write_corpus", "main"]


def generate(n_docs: int, seed: int | str = 0, noise: float = 0.1) -> Iterator[GeneratedDoc]:
    """Stream `n_docs` documents with their ground truth; deterministic from `seed`."""
    yield from Generator(n_docs, seed, noise)


def _dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def write_corpus(out: str | Path, n_docs: int, seed: int | str = 0, noise: float = 0.1,
                 fmt: str = "jsonl", shard_size: int = 10_000) -> dict[str, Any]:
    """Write the corpus, truth shards and summary under `out`; return timing figures.

    fmt "none" generates everything but writes only summary.json (corpus shape at scale).
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    gen = Generator(n_docs, seed, noise)
    t0 = time.perf_counter()
    nbytes = 0
    part = truth = None
    shard = -1
    try:
        for i, doc in enumerate(gen):
            if fmt == "none":
                continue
            if i % shard_size == 0:
                for fh in (part, truth):
                    if fh is not None:
                        fh.close()
                shard += 1
                truth = (out / f"truth-{shard:05d}.jsonl").open("w", encoding="utf-8", newline="\n")
                if fmt == "jsonl":
                    part = (out / f"part-{shard:05d}.jsonl").open("w", encoding="utf-8", newline="\n")
                else:
                    folder = out / "docs" / f"{shard:05d}"
                    folder.mkdir(parents=True, exist_ok=True)
            if fmt == "jsonl":
                line = _dump(doc.row()) + "\n"
                part.write(line)
            else:
                line = doc.text
                with (out / "docs" / f"{shard:05d}" / f"{doc.id}.txt").open("w", encoding="utf-8", newline="\n") as fh:
                    fh.write(line)
            nbytes += len(line.encode("utf-8"))
            truth.write(_dump(doc.truth) + "\n")
    finally:
        for fh in (part, truth):
            if fh is not None:
                fh.close()
    seconds = time.perf_counter() - t0
    summary = gen.summary()
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return {"docs": n_docs, "seed": seed, "noise": noise, "format": fmt, "seconds": round(seconds, 3),
            "docs_per_s": round(n_docs / seconds, 1) if seconds else None, "text_mb": round(nbytes / 1e6, 1),
            "top_implemented": summary["top_implemented"][:3], "level": summary["level"]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, required=True, help="number of documents")
    ap.add_argument("--seed", default="0", help="seed (same seed, same bytes)")
    ap.add_argument("--out", required=True, help="output folder")
    ap.add_argument("--format", choices=("jsonl", "txt", "none"), default="jsonl",
                    help="none: generate, write only summary.json")
    ap.add_argument("--noise", type=float, default=0.1, help="rate of noisy citations / documents / traps")
    ap.add_argument("--shard-size", type=int, default=10_000)
    ap.add_argument("--stats", help="also write the timing figures to this JSON file")
    a = ap.parse_args(argv)
    seed: int | str = int(a.seed) if a.seed.lstrip("-").isdigit() else a.seed
    stats = write_corpus(a.out, a.docs, seed, a.noise, a.format, a.shard_size)
    text = json.dumps(stats, ensure_ascii=False, indent=1)
    print(text, file=sys.stderr)
    if a.stats:
        Path(a.stats).parent.mkdir(parents=True, exist_ok=True)
        Path(a.stats).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
