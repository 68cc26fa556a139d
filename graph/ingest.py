"""Load documents into the store, incrementally and crash-safely.

Sources are read in batches; a batch's recorded hashes (`:Source {id: doc_id, hash}`)
are looked up first, so unchanged files are skipped before extraction. New and changed
documents are extracted (`loaders`), turned into fragments (`graph.build`) and written
with their Source markers in ONE transaction per batch: a kill never leaves a half
written document, and re-running completes the graph. A changed document first loses
the edges and tasks it stated before.
"""
from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.model import CITATION_RELATIONS, INSTRUMENT, TASK, Fragment

DEFAULT_BATCH = 500


@dataclass
class IngestSummary:
    """What one ingest run saw and wrote."""

    seen: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    citations_by_status: Counter = field(default_factory=Counter)
    citations_by_relation: Counter = field(default_factory=Counter)
    tasks: int = 0
    rejected: list[str] = field(default_factory=list)
    seconds: float = 0.0
    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def written(self) -> int:
        return self.new + self.changed

    def add_fragment(self, frag: Fragment) -> None:
        for e in frag.edges:
            if e.type in CITATION_RELATIONS and e.src_label == INSTRUMENT and e.dst_label == INSTRUMENT:
                self.citations_by_status[str(e.props.get("status", "unknown"))] += 1
                self.citations_by_relation[e.type] += 1
        self.tasks += sum(1 for n in frag.nodes if n.label == TASK)

    def lines(self, max_rejected: int | None = 50) -> list[str]:
        """The end-of-run summary, one fact per line (rejected files: the first `max_rejected`)."""
        rate = self.seen / self.seconds if self.seconds else 0.0
        cites = sum(self.citations_by_status.values())
        out = [
            f"documents: {self.seen} seen, {self.new} new, {self.changed} changed, "
            f"{self.unchanged} unchanged, {len(self.rejected)} rejected "
            f"({self.seconds:.1f} s, {rate:.0f} docs/s)",
            f"citations: {cites} written" + _counter(self.citations_by_status),
            "relations:" + (_counter(self.citations_by_relation, paren=False) or " none"),
            f"tasks: {self.tasks} written",
        ]
        if self.counts:
            nodes, edges = self.counts.get("nodes", {}), self.counts.get("edges", {})
            out.append(f"graph: {sum(v for k, v in nodes.items() if k != 'Source')} nodes"
                       + _counter(Counter({k: v for k, v in nodes.items() if v and k != "Source"}))
                       + f", {sum(edges.values())} edges, {nodes.get('Source', 0)} documents recorded")
        shown = self.rejected if max_rejected is None else self.rejected[:max_rejected]
        out += [f"rejected: {r}" for r in shown]
        if len(shown) < len(self.rejected):
            out.append(f"rejected: … and {len(self.rejected) - len(shown)} more (--all-rejected lists them)")
        return out


def _counter(c: Counter, paren: bool = True) -> str:
    items = ", ".join(f"{k} {v}" for k, v in c.most_common() if v)
    if not items:
        return ""
    return f" ({items})" if paren else f" {items}"


def _sources(paths: Iterable[str | Path], mapping: dict[str, str] | None) -> Iterator[Any]:
    from loaders.pipeline import iter_sources

    yield from iter_sources(paths, mapping)


def _batches(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(paths: Iterable[str | Path], store: Any, mapping: dict[str, str] | None = None,
           batch_size: int = DEFAULT_BATCH, progress: bool = True, force: bool = False,
           entities: bool = False) -> IngestSummary:
    """Ingest every document under `paths` into `store`; returns the summary.

    `force` re-extracts unchanged files too (after a loader upgrade); `entities` runs
    the spaCy entity pass, which the graph does not use.
    """
    from graph.build import document_fragment
    from loaders.model import LoadError
    from loaders.pipeline import extract

    t0 = time.perf_counter()
    summary = IngestSummary()
    store.ensure_schema()
    bar = _progress(progress)
    # batch k is written (one transaction, in a thread: Bolt I/O releases the GIL) while
    # batch k+1 is extracted; batches still commit one at a time, in order
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="vbgraph-write")
    pending: Future | None = None
    pending_n = 0
    try:
        for batch in _batches(_sources(paths, mapping), batch_size):
            sources = []
            for item in batch:
                if isinstance(item, LoadError):
                    summary.rejected.append(str(item))
                else:
                    sources.append(item)
            summary.seen += len(batch)
            known = store.sources([s.doc_id for s in sources]) if sources else {}
            fragments: list[Fragment] = []
            replace: list[str] = []
            for src in {s.doc_id: s for s in sources}.values():  # last copy of a doc_id wins
                old = known.get(src.doc_id)
                if old is not None and old == src.content_hash and not force:
                    summary.unchanged += 1
                    continue
                try:
                    frag = document_fragment(extract(src, entities=entities))
                except Exception as exc:  # noqa: BLE001 - one bad document never stops a run
                    where = f"{src.path}#{src.row}" if src.row is not None else src.path
                    summary.rejected.append(f"{where}: extraction failed: {type(exc).__name__}: {exc}")
                    continue
                fragments.append(frag)
                if old is None:
                    summary.new += 1
                else:
                    summary.changed += 1
                    replace.append(src.doc_id)
                summary.add_fragment(frag)
            summary.seen -= len(sources) - len({s.doc_id for s in sources})
            if pending is not None:  # the bar counts committed documents only
                pending.result()
                _advance(bar, pending_n)
                pending = None
            if fragments:
                pending, pending_n = pool.submit(store.write_fragments, fragments, replace), len(batch)
            else:
                _advance(bar, len(batch))
        if pending is not None:
            pending.result()
            _advance(bar, pending_n)
    finally:
        pool.shutdown(wait=True)
        if bar is not None:
            bar.close()
    summary.seconds = time.perf_counter() - t0
    summary.counts = store.counts()
    return summary


def _advance(bar: Any, n: int) -> None:
    if bar is not None:
        bar.update(n)


def _progress(enabled: bool) -> Any:
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(unit=" docs", file=sys.stderr, desc="ingest", dynamic_ncols=True, mininterval=0.5)
