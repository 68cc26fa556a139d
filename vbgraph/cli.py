"""The `vbgraph` command. Each sub-command lives in its own `cmd_*` module,
which defines `register(subparsers)` and sets `func(args) -> int` on its parser."""
from __future__ import annotations

import argparse
import importlib
import logging
import signal
import sys
import threading

COMMAND_MODULES = (
    "vbgraph.cmd_extract",
    "vbgraph.cmd_ingest",
    "vbgraph.cmd_query",
    "vbgraph.cmd_export",
    "vbgraph.cmd_links",
    "vbgraph.cmd_app",
    "vbgraph.cmd_users",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vbgraph", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


STOP_SIGNALS = {signal.SIGINT: "Ctrl+C", signal.SIGTERM: "SIGTERM"}
_stopped_by: list[int] = []  # the stop signal received, if any


def _stop(signum: int, frame: object) -> None:
    """Ctrl+C or SIGTERM: noted, then raised in the main thread so the run unwinds (the
    store is closed at exit; see `graph.ingest` for a run in progress)."""
    _stopped_by.append(signum)
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Run one command; the store's failures (`graph.errors.StoreError`) and a stop
    (Ctrl+C, SIGTERM) end it with one line on stderr and a non-zero status."""
    from graph.errors import StoreError

    args = build_parser().parse_args(argv)
    logging.getLogger("neo4j").setLevel(logging.ERROR)  # its retry notes are not for the user
    if threading.current_thread() is threading.main_thread():
        for sig in STOP_SIGNALS:
            signal.signal(sig, _stop)
    try:
        return int(args.func(args) or 0)
    except StoreError as exc:
        print(f"vbgraph {args.command}: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except BaseException:
        # a stop raised inside the driver may surface as another error: the signal decides
        if not _stopped_by:
            raise
        sig = _stopped_by[0]
        print(f"vbgraph {args.command}: stopped ({STOP_SIGNALS[sig]}); what was committed is kept",
              file=sys.stderr)
        return 128 + sig


if __name__ == "__main__":
    sys.exit(main())
