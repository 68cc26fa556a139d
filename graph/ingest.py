"""Load documents into the store, incrementally and crash-safely.

Sources are read in batches; a batch's recorded hashes (`:Source {id: doc_id, hash}`)
are looked up first, so unchanged files are skipped before extraction. New and changed
documents are extracted (`loaders`), turned into fragments (`graph.build`) and written
with their Source markers in ONE transaction per batch: a kill never leaves a half
written document, and re-running completes the graph. A changed document first loses
the edges and tasks it stated before.

Extraction runs in this process (`workers=1`) or in a pool of spawned worker processes
(`workers=N`; each builds its pipeline once): sources are still read and checked against
the recorded hashes here, at most `AHEAD` batches are extracting beyond the one being
written, and batches are written here, in input order, one transaction each. `shard=(i, n)`
keeps the documents with `shard_of(doc_id, n) == i`, so n processes can share a corpus.

A batch holds at most `batch_size` documents and `batch_chars` characters of text.
Each document's extraction has a time budget (`doc_budget`): one over it is rejected
with its name and reason and the batch goes on (SIGALRM in the extracting process's main
thread; an ingest started from another thread, the explorer's, extracts in a worker
process for that). A document with no number, date, type or citation is not one
(`graph.build.not_a_document`), and one too large for a statement is refused too.

Stopping (Ctrl+C, SIGTERM): extraction workers are killed, the batch being written gets
`STOP_GRACE` seconds to commit, then the store's connections are cut (the server rolls
that transaction back); every committed batch stays.
"""
from __future__ import annotations

import gc
import hashlib
import os
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.model import CITATION_RELATIONS, INSTRUMENT, TASK, Fragment

DEFAULT_BATCH = 500
DEFAULT_BATCH_CHARS = 8_000_000  # characters of text in one batch (its transaction's size)
DOC_BUDGET = 60.0  # seconds of extraction for one document (README: 1 MB adversarial < 2 s)
LOADED_KEPT = 1000  # instruments a summary names (the app links to them)
STOP_GRACE = 2.0  # s a batch in flight gets to commit when the run is stopped
AHEAD = 2  # batches extracting in worker processes beyond the one being written
FULL_GC_EVERY = 20  # batches between full Python collections while ingesting (see _PacedGC)
WORKER_NICENESS = 10  # extraction workers yield the CPU to the writer (see _yield_to_writer)


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
    copies: list[str] = field(default_factory=list)  # sources of an instrument another source holds
    seconds: float = 0.0
    retries: int = 0  # batch transactions run again after a write conflict (concurrent writers)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    links: Any = None  # graph.links.LinkSummary of the end-of-run link pass
    loaded: list[str] = field(default_factory=list)  # instruments written from this run's documents

    @property
    def written(self) -> int:
        return self.new + self.changed

    def add_fragment(self, frag: Fragment) -> None:
        if frag.instrument and len(self.loaded) < LOADED_KEPT:
            self.loaded.append(frag.instrument)
        for e in frag.edges:
            if e.type in CITATION_RELATIONS and e.src_label == INSTRUMENT and e.dst_label == INSTRUMENT:
                self.citations_by_status[str(e.props.get("status", "unknown"))] += 1
                self.citations_by_relation[e.type] += 1
        self.tasks += sum(1 for n in frag.nodes if n.label == TASK)

    def lines(self, max_rejected: int | None = 50) -> list[str]:
        """The end-of-run summary, one fact per line (rejected files: the first `max_rejected`)."""
        cites = sum(self.citations_by_status.values())
        out = [
            f"documents: {self.seen} seen, {self.new} new, {self.changed} changed, "
            f"{self.unchanged} unchanged, {len(self.rejected)} rejected "
            f"({self.seconds:.1f} s, {_rate(self.seen, self.seconds)} docs/s)",
            f"citations: {cites} written" + _counter(self.citations_by_status),
            "relations:" + (_counter(self.citations_by_relation, paren=False) or " none"),
            f"tasks: {self.tasks} written",
        ]
        if self.copies:
            out.append(f"copies: {len(self.copies)} source(s) of an instrument already loaded "
                       "(recorded; its edges and tasks stored once)")
        if self.links is not None:
            out.append(self.links.line())
        if self.retries:
            out.append(f"writes: {self.retries} batch transaction(s) run again after a write conflict")
        if self.counts:
            nodes, edges = self.counts.get("nodes", {}), self.counts.get("edges", {})
            out.append(f"graph: {sum(v for k, v in nodes.items() if k != 'Source')} nodes"
                       + _counter(Counter({k: v for k, v in nodes.items() if v and k != "Source"}))
                       + f", {sum(edges.values())} edges, {nodes.get('Source', 0)} documents recorded")
        for label, items in (("rejected", self.rejected), ("copy", self.copies)):
            shown = items if max_rejected is None else items[:max_rejected]
            out += [f"{label}: {r}" for r in shown]
            if len(shown) < len(items):
                out.append(f"{label}: … and {len(items) - len(shown)} more (--all-rejected lists them)")
        return out


def _rate(n: int, seconds: float) -> str:
    """Documents a second, with a decimal below 10 (1 document in 2.4 s is 0.4, not 0)."""
    if not seconds:
        return "0"
    rate = n / seconds
    return f"{rate:.1f}" if rate < 10 else f"{rate:.0f}"


def _counter(c: Counter, paren: bool = True) -> str:
    items = ", ".join(f"{k} {v}" for k, v in c.most_common() if v)
    if not items:
        return ""
    return f" ({items})" if paren else f" {items}"


def _sources(paths: Iterable[str | Path], mapping: dict[str, str] | None) -> Iterator[Any]:
    from loaders.pipeline import iter_sources

    yield from iter_sources(paths, mapping)


def shard_of(key: str, n: int) -> int:
    """The shard (0 … n-1) of a document id: `int(sha1(key)[:8], 16) % n`."""
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) % n


def parse_shard(text: str) -> tuple[int, int]:
    """"i/n" -> (i, n), with 0 <= i < n."""
    i, sep, n = str(text).partition("/")
    try:
        shard = (int(i), int(n))
    except ValueError:
        shard = None
    if not sep or shard is None or not 0 <= shard[0] < shard[1]:
        raise ValueError(f"a shard is i/n with 0 <= i < n (e.g. 0/4), not {text!r}")
    return shard


def _in_shard(items: Iterator[Any], shard: tuple[int, int] | None) -> Iterator[Any]:
    """Only the sources of shard (i, n); a rejected input goes to the shard of its
    `path#row`, so each is reported by exactly one shard."""
    if shard is None:
        yield from items
        return
    from loaders.model import LoadError

    i, n = shard
    for item in items:
        key = (f"{item.source}#{item.row}" if item.row is not None else item.source) \
            if isinstance(item, LoadError) else item.doc_id
        if shard_of(key, n) == i:
            yield item


def _batches(items: Iterator[Any], size: int, chars: int = DEFAULT_BATCH_CHARS) -> Iterator[list[Any]]:
    """Lists of at most `size` items and (but for a single larger one) `chars` characters of text."""
    batch: list[Any] = []
    held = 0
    for item in items:
        n = len(getattr(item, "text", "") or "")
        if batch and held + n > chars:
            yield batch
            batch, held = [], 0
        batch.append(item)
        held += n
        if len(batch) >= size:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


def default_workers() -> int:
    """The CPUs this process may run on (`os.cpu_count()` where affinity is unknown)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


# -- extraction (in process, or in worker processes) ------------------------------------
class _OverBudget(BaseException):
    """Raised by SIGALRM in the extracting thread when a document's budget is spent (a
    BaseException: no `except Exception` in the finders can swallow it)."""


def _on_alarm(signum: int, frame: Any) -> None:
    raise _OverBudget()


def can_time_out() -> bool:
    """Whether this thread can bound an extraction's time (SIGALRM: the main thread only)."""
    return threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")


@contextmanager
def _time_budget(seconds: float | None) -> Iterator[None]:
    """`_OverBudget` in this (main) thread once `seconds` of wall time have passed."""
    if not seconds or not can_time_out():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _extract_one(src: Any, entities: bool, budget: float | None = DOC_BUDGET) -> tuple[bool, Any]:
    """(True, Fragment) or (False, the rejection line): one bad document never stops a run."""
    from graph.build import document_fragment, not_a_document
    from graph.store import oversize
    from loaders.pipeline import extract

    where = f"{src.path}#{src.row}" if src.row is not None else src.path
    try:
        with _time_budget(budget):
            doc = extract(src, entities=entities)
            why = not_a_document(doc)
            frag = None if why else document_fragment(doc)
    except _OverBudget:
        return False, f"{where}: extraction took more than {budget:g} s (the time budget of one document)"
    except Exception as exc:  # noqa: BLE001
        return False, f"{where}: extraction failed: {type(exc).__name__}: {exc}"
    if why:
        return False, f"{where}: not a document: {why}"
    too_large = oversize(frag)
    return (False, f"{where}: {too_large}") if too_large else (True, frag)


def _extract_chunk(sources: list[Any], entities: bool, budget: float | None = DOC_BUDGET) -> list[tuple[bool, Any]]:
    return [_extract_one(src, entities, budget) for src in sources]


def _worker_init(entities: bool) -> None:
    """Once per worker process: die with the parent, leave Ctrl+C to it (the parent
    stops the workers), build the extraction pipeline."""
    _die_with_parent()
    _yield_to_writer()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from loaders.pipeline import warm_up_source

    if entities:
        from loaders.entities import nlp

        nlp()
    _extract_one(warm_up_source(), entities)  # compiles the pattern tables, loads the data files


def _yield_to_writer() -> None:
    """Run this worker at a lower CPU priority (`WORKER_NICENESS`): the batches commit
    one at a time through one writer thread and the store's Bolt thread, the ingest's
    critical path, while extraction runs `AHEAD` and may use whatever CPU is left (at
    equal priority, on 2 cores, the writer waited for CPU behind two workers)."""
    try:
        os.nice(WORKER_NICENESS)
    except (OSError, AttributeError):  # not permitted, or no nice() here: equal priority
        pass


def _die_with_parent() -> None:
    """A worker never outlives its ingest: Linux PR_SET_PDEATHSIG, plus a watchdog
    thread (other systems, or a parent gone before the prctl call)."""
    parent = os.getppid()
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except Exception:  # noqa: BLE001 - the watchdog covers it
        pass

    def watch() -> None:
        while True:
            if os.getppid() != parent:
                os._exit(1)
            time.sleep(1.0)

    threading.Thread(target=watch, name="vbgraph-parent-watch", daemon=True).start()
    if os.getppid() != parent:
        os._exit(1)


@contextmanager
def main_not_rerun() -> Iterator[None]:
    """Spawned workers need nothing from the parent's `__main__` (their work is in this
    module), so hide its spec and path while they start: multiprocessing would re-run
    that script in each worker, and some cannot run twice (Streamlit's AppTest puts a
    temporary page script there; a notebook has none)."""
    main = sys.modules.get("__main__")
    saved = {k: main.__dict__[k] for k in ("__spec__", "__file__") if main and k in main.__dict__}
    try:
        if main is not None:
            main.__dict__["__spec__"] = None
            main.__dict__.pop("__file__", None)
        yield
    finally:
        if main is not None:
            main.__dict__.update(saved)


class Extractor:
    """Extraction of one batch's sources: in this process (workers=1, done when the
    batch is collected) or spread in chunks over a pool of worker processes (submitted
    at once, collected in order). With a time budget but no way to enforce it here (not
    the main thread), one worker process extracts."""

    def __init__(self, workers: int, entities: bool, budget: float | None = DOC_BUDGET) -> None:
        self.workers = workers
        self.in_process = workers <= 1 and (not budget or can_time_out())
        self.entities = entities
        self.budget = budget
        self._pool: Any = None
        self._warm = False  # the in-process pipeline built (see submit)

    def submit(self, sources: list[Any]) -> Callable[[], list[tuple[bool, Any]]]:
        if self.in_process or not sources:
            if sources and self.budget and not self._warm:  # one-time set-up is no document's time
                from loaders.pipeline import warm_up_source

                _extract_one(warm_up_source(), self.entities, None)
                self._warm = True
            return lambda: _extract_chunk(sources, self.entities, self.budget)
        pool = self._start()
        size = max(1, -(-len(sources) // (self.workers * 4)))
        with main_not_rerun():  # the pool spawns its workers on the first submit
            futures = [pool.submit(_extract_chunk, sources[k:k + size], self.entities, self.budget)
                       for k in range(0, len(sources), size)]
        return lambda: [r for f in futures for r in f.result()]

    def _start(self) -> Any:
        if self._pool is None:  # on first use: a run with nothing to extract spawns nothing
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # spawn, never fork: the parent may run a JVM (embedded store) and threads
            self._pool = ProcessPoolExecutor(max(1, self.workers), mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_worker_init, initargs=(self.entities,))
        return self._pool

    def close(self, kill: bool = False) -> None:
        """Shut the pool down; `kill`: now, the chunks under way abandoned (a stopped run)."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if kill:
            for proc in list(getattr(pool, "_processes", {}).values()):  # no public kill before 3.14
                proc.kill()
        pool.shutdown(wait=True, cancel_futures=True)  # killed workers: the pool ends at once


@dataclass
class _Job:
    """One batch between its hash look-up and its commit."""

    size: int                                     # inputs in the batch (progress bar)
    plan: list[tuple[Any, str | None]]            # (source, old hash or None) to extract
    hashes: dict[str, str]                        # doc_id -> hash this batch writes
    results: Callable[[], list[tuple[bool, Any]]] | None = None
    fragments: list[Fragment] = field(default_factory=list)  # extracted, to write


class _PacedGC:
    """Python's cyclic collector, run by the ingest loop instead of by allocation counts.

    JPype links the embedded JVM's garbage collector to Python's: every Java collection
    (dozens per thousand documents written) runs a FULL Python collection in the JVM's
    reference-queue thread, holding the GIL. Measured on a 10k-document ingest: ~7 s of
    CPU, a sixth of the run. While ingesting, automatic collection is off (JPype's
    trigger then does nothing); the loop collects the young generations after every
    batch and everything every `FULL_GC_EVERY` batches, so memory stays bounded.
    """

    def __init__(self, full_every: int = FULL_GC_EVERY) -> None:
        self.full_every = full_every
        self.batches = 0
        self._was_enabled = False
        self._hooks: list[Callable[..., Any]] = []

    def start(self) -> None:
        self._was_enabled = gc.isenabled()
        gc.disable()
        # JPype's hook on each Python collection (in the other direction): it samples
        # malloc statistics and, as Python's heap grows, calls Java's System.gc(), a
        # full stop-the-world collection of the store's heap (21 in a 50k-document
        # ingest, ~0.1 s each). Detached while ingesting, put back after.
        self._hooks = [cb for cb in gc.callbacks if getattr(cb, "__module__", None) == "_jpype"]
        for cb in self._hooks:
            gc.callbacks.remove(cb)

    def batch_done(self) -> None:
        self.batches += 1
        gc.collect(2 if self.batches % self.full_every == 0 else 1)

    def stop(self) -> None:
        gc.callbacks.extend(self._hooks)
        self._hooks = []
        if self._was_enabled:
            gc.enable()


def ingest(paths: Iterable[str | Path], store: Any, mapping: dict[str, str] | None = None,
           batch_size: int = DEFAULT_BATCH, progress: bool = True, force: bool = False,
           entities: bool = False, *, workers: int | None = 1,
           shard: tuple[int, int] | str | None = None, batch_chars: int = DEFAULT_BATCH_CHARS,
           doc_budget: float | None = DOC_BUDGET, link: bool = True) -> IngestSummary:
    """Ingest every document under `paths` into `store`; returns the summary.

    `force` re-extracts unchanged files too (after a loader upgrade); `entities` runs
    the spaCy entity pass, which the graph does not use.

    `workers`: extraction processes (None: every CPU; 1: in this process). Sources are
    read, and checked against the recorded hashes, in this process; the documents to
    extract go to the workers in chunks, at most `AHEAD` batches ahead of the one being
    written; batches are still written in input order, one transaction each, here.

    `shard` (i, n) or "i/n": only the documents whose `shard_of(doc_id, n) == i`, so n
    ingest processes (into one server) share a corpus without overlap.

    `batch_chars`: characters of text a batch holds at most; `doc_budget`: seconds one
    document's extraction may take (None: no limit).

    `link`: the end-of-run step (`graph.links.link_pass`) over the references whose symbol
    the written documents carry.
    """
    from graph.links import TouchedKeys
    from loaders.model import LoadError

    t0 = time.perf_counter()
    if isinstance(shard, str):
        shard = parse_shard(shard)
    elif shard is not None:
        shard = parse_shard(f"{shard[0]}/{shard[1]}")
    workers = default_workers() if workers is None else max(1, int(workers))
    summary = IngestSummary()
    store.ensure_schema()
    retries0 = getattr(store, "retries", 0)
    bar = _progress(progress)
    extractor = Extractor(workers, entities, doc_budget)
    ahead = 0 if extractor.in_process else AHEAD
    # batch k is written (one transaction, in a thread: Bolt I/O releases the GIL) while
    # later batches are extracted; batches still commit one at a time, in order
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="vbgraph-write")
    pending: Future | None = None
    pending_job: _Job | None = None
    jobs: deque[_Job] = deque()       # looked up, extraction under way, not written
    unwritten: deque[_Job] = deque()  # their hashes count as recorded for later batches
    touched = TouchedKeys()           # link keys written: the end-of-run link pass's scope

    def plan(batch: list[Any]) -> _Job:
        sources = []
        for item in batch:
            if isinstance(item, LoadError):
                summary.rejected.append(str(item))
            else:
                sources.append(item)
        ids = {s.doc_id for s in sources}
        summary.seen += len(batch) - (len(sources) - len(ids))
        known = store.sources(sorted(ids)) if ids else {}
        for job in unwritten:  # a doc_id met again before its earlier copy committed
            known.update({d: job.hashes[d] for d in ids & job.hashes.keys()})
        todo: list[tuple[Any, str | None]] = []
        for src in {s.doc_id: s for s in sources}.values():  # last copy of a doc_id wins
            old = known.get(src.doc_id)
            if old is not None and old == src.content_hash and not force:
                summary.unchanged += 1
                continue
            todo.append((src, old))
        job = _Job(len(batch), todo, {s.doc_id: s.content_hash for s, _ in todo})
        job.results = extractor.submit([s for s, _ in todo])
        return job

    def committed() -> None:
        """The batch in flight has committed: count what it wrote."""
        nonlocal pending, pending_job
        copies = {c.doc_id: c for c in pending.result() or ()}
        job = pending_job
        for frag in job.fragments:
            if frag.doc_id in copies:
                summary.copies.append(copies[frag.doc_id].line())
            else:
                summary.add_fragment(frag)
                touched.add(frag)
        job.fragments = []
        _advance(bar, job.size)
        pending = pending_job = None
        unwritten.popleft()
        paced.batch_done()

    def finish(job: _Job) -> None:
        nonlocal pending, pending_job
        replace: list[str] = []
        for (src, old), (ok, out) in zip(job.plan, job.results()):
            if not ok:
                summary.rejected.append(out)
                continue
            job.fragments.append(out)
            if old is None:
                summary.new += 1
            else:
                summary.changed += 1
                replace.append(src.doc_id)
        job.results = None
        prepare = getattr(store, "prepare", None)  # the rows, built while the previous batch is written
        fragments = job.fragments
        to_write = prepare(fragments) if fragments and prepare is not None else fragments
        if pending is not None:  # the bar counts committed documents only
            committed()
        if not fragments:
            job.hashes = {}
        pending, pending_job = (pool.submit(store.write_fragments, to_write, replace) if fragments
                                else pool.submit(lambda: None)), job

    paced = _PacedGC()
    stopped = False
    try:
        paced.start()
        for batch in _batches(_in_shard(_sources(paths, mapping), shard), batch_size, batch_chars):
            job = plan(batch)
            jobs.append(job)
            unwritten.append(job)
            while len(jobs) > ahead:
                finish(jobs.popleft())
        while jobs:
            finish(jobs.popleft())
        if pending is not None:
            committed()
    except BaseException:  # Ctrl+C, SIGTERM, a store that failed: the run stops here
        stopped = True
        raise
    finally:
        paced.stop()
        extractor.close(kill=stopped)
        if stopped and pending is not None and not wait([pending], STOP_GRACE).done:
            abort = getattr(store, "abort", None)  # the server rolls the batch in flight back
            if abort is not None:
                abort()
        pool.shutdown(wait=not stopped, cancel_futures=True)
        if bar is not None:
            bar.close()
    if link and summary.written:
        summary.links = _link_step(store, touched.keys())
    summary.seconds = time.perf_counter() - t0
    summary.retries = getattr(store, "retries", 0) - retries0
    summary.counts = store.counts()
    return summary


def _link_step(store: Any, keys: set[str] | None) -> Any:
    """End of run: year-less and ambiguous citations linked to the one instrument of the
    store that fits (`graph.links`), for the symbols this run wrote (None: all)."""
    from graph.links import link_pass

    return link_pass(store, keys)


def _advance(bar: Any, n: int) -> None:
    if bar is not None:
        bar.update(n)


def _progress(enabled: bool) -> Any:
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(unit=" docs", file=sys.stderr, desc="ingest", dynamic_ncols=True, mininterval=0.5)
