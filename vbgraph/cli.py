"""The `vbgraph` command. Each sub-command lives in its own `cmd_*` module,
which defines `register(subparsers)` and sets `func(args) -> int` on its parser."""
from __future__ import annotations

import argparse
import importlib
import sys

COMMAND_MODULES = (
    "vbgraph.cmd_extract",
    "vbgraph.cmd_ingest",
    "vbgraph.cmd_query",
    "vbgraph.cmd_export",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vbgraph", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
