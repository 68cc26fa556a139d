"""`vbgraph ingest PATH…`: load documents into the graph store (incremental, crash-safe)."""
from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="load documents into the graph (unchanged files are skipped)")
    p.add_argument("paths", nargs="+", help="files or directories (.txt .md .html .docx .pdf .jsonl .csv …)")
    add_store_arguments(p)
    p.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                   help="for .jsonl/.csv rows: which column holds a field (symbol, date, subject, issuer)")
    p.add_argument("--batch", type=int, default=500, help="documents per transaction (default 500)")
    p.add_argument("--doc-budget", type=float, default=None, metavar="SECONDS",
                   help="extraction time one document may take before it is rejected "
                        "(default 60; 0 = no limit)")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="extraction processes (default: one per CPU; 1 = extract in this process)")
    p.add_argument("--shard", default=None, metavar="I/N",
                   help="only the documents of shard I of N (sha1 of the document id); "
                        "run N processes, --shard 0/N … N-1/N, into one server")
    p.add_argument("--force", action="store_true", help="re-extract unchanged files too (after a loader upgrade)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--all-rejected", action="store_true", help="list every rejected file (default: the first 50)")
    p.set_defaults(func=run)


def add_store_arguments(p: argparse.ArgumentParser) -> None:
    """--uri / --db / --database / --timeout, shared by the commands that open the store."""
    p.add_argument("--uri", default=None,
                   help="bolt://host:port of a Neo4j 5 or ArcadeDB server (user/password from "
                        "VBGRAPH_USER/VBGRAPH_PASSWORD); default: the embedded store")
    p.add_argument("--db", default="data/db", help="embedded store folder (default data/db)")
    p.add_argument("--database", default="vbgraph", help="database name (default vbgraph)")
    p.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                   help="deadline of each store call (default $VBGRAPH_STORE_TIMEOUT or 300)")


def open_from_args(args: argparse.Namespace, role: str = "query", reuse: bool = False):
    """The store the arguments name. `role` "ingest" may create the database; any other
    command needs it to exist (a mistyped --db is an error, not an empty graph). `reuse`
    (read-only commands): the embedded server another process already runs on --db is
    used, and a line on stderr says so."""
    import sys

    from graph.store import open_store

    if args.timeout is not None and args.timeout <= 0:
        raise SystemExit(f"vbgraph {args.command}: --timeout must be more than 0 seconds")
    store = open_store(uri=args.uri, path=args.db, database=args.database, role=role,
                       create=role == "ingest", timeout=args.timeout, reuse=reuse)
    if store.shared_by is not None:
        print(f"vbgraph {args.command}: using the server process {store.shared_by} runs on {args.db} "
              f"({store.uri})", file=sys.stderr)
    return store


def run(args: argparse.Namespace) -> int:
    from graph.ingest import DOC_BUDGET, default_workers, ingest, parse_shard
    from vbgraph.cmd_extract import parse_mapping

    if args.batch < 1:
        raise SystemExit("vbgraph ingest: --batch must be at least 1")
    if args.workers is not None and args.workers < 1:
        raise SystemExit("vbgraph ingest: --workers must be at least 1")
    if args.doc_budget is not None and args.doc_budget < 0:
        raise SystemExit("vbgraph ingest: --doc-budget must be 0 (no limit) or more seconds")
    try:
        shard = parse_shard(args.shard) if args.shard is not None else None
    except ValueError as exc:
        raise SystemExit(f"vbgraph ingest: --shard: {exc}") from None
    workers = args.workers or default_workers()
    budget = DOC_BUDGET if args.doc_budget is None else (args.doc_budget or None)
    with open_from_args(args, role="ingest") as store:
        summary = ingest(args.paths, store, parse_mapping(args.map), batch_size=args.batch,
                         progress=not args.quiet, force=args.force, workers=workers, shard=shard,
                         doc_budget=budget)
    for line in summary.lines(None if args.all_rejected else 50):
        print(line)
    sys.stdout.flush()
    return 1 if summary.rejected and not summary.written and not summary.unchanged else 0
