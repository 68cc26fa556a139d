"""`vbgraph extract PATH…`: one JSON object per document on stdout."""
from __future__ import annotations

import argparse
import json
import sys

from loaders import LoadError, extract_paths


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="print what is extracted from each document (JSON lines)")
    p.add_argument("paths", nargs="+", help="files or directories (.txt .md .html .docx .pdf .jsonl .csv …)")
    p.add_argument("--format", choices=["jsonl", "json"], default="jsonl",
                   help="jsonl: one object per line (default); json: indented")
    p.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                   help="for .jsonl/.csv rows: which column holds a field (symbol, date, subject, issuer)")
    p.add_argument("--text", action="store_true", help="include each document's text")
    p.add_argument("--no-entities", action="store_true", help="skip spaCy entities (faster)")
    p.set_defaults(func=run)


def parse_mapping(items: list[str]) -> dict[str, str] | None:
    mapping = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key or not value:
            raise SystemExit(f"vbgraph extract: --map expects FIELD=COLUMN, got {item!r}")
        mapping[key.strip()] = value.strip()
    return mapping or None


def run(args: argparse.Namespace) -> int:
    failures = 0
    indent = 2 if args.format == "json" else None
    for item in extract_paths(args.paths, parse_mapping(args.map), entities=not args.no_entities):
        if isinstance(item, LoadError):
            failures += 1
            print(f"vbgraph: skipped {item}", file=sys.stderr)
            continue
        sys.stdout.write(json.dumps(item.to_json(with_text=args.text), ensure_ascii=False, indent=indent) + "\n")
    return 1 if failures else 0
