"""`vbgraph query NAME --param k=v` (the named queries of queries/) and
`vbgraph cypher "MATCH …"` (researchers' read-only Cypher). Output: table, json, csv, or
xlsx (an Excel workbook, dates as date cells; needs --output). `vbgraph query tasks
--format xlsx` writes the task register (vbgraph_app/register.py): Vietnamese headers,
status as of `overdue_on` or today, absolute links (VBGRAPH_BASE_URL, default
http://127.0.0.1:8501/)."""
from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import date, datetime
from typing import Any

from vbgraph.cmd_ingest import add_store_arguments, open_from_args

MAX_CELL = 60


def register(sub: argparse._SubParsersAction) -> None:
    q = sub.add_parser("query", help="run a named query (no NAME: list them)")
    q.add_argument("name", nargs="?", help="query name (see `vbgraph query`)")
    _common(q)
    q.set_defaults(func=run_query_cmd)
    c = sub.add_parser("cypher", help="run a read-only Cypher query (writes are refused)")
    c.add_argument("cypher", help="the query (read-only; the saved ones: vbgraph query NAME)")
    _common(c)
    c.set_defaults(func=run_cypher_cmd)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE",
                   help="a query parameter (repeat); values reach Cypher only as parameters")
    p.add_argument("--format", choices=["table", "json", "csv", "xlsx"], default="table")
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of the screen (xlsx: required)")
    add_store_arguments(p)


def _output_error(args: argparse.Namespace, prog: str) -> str | None:
    """Why the output options cannot be honoured (None when they can)."""
    if args.format == "xlsx" and not args.output:
        return f"vbgraph {prog}: --format xlsx writes a file: give --output FILE.xlsx"
    return None


def write_rows(rows: list[dict], args: argparse.Namespace, name: str | None = None) -> None:
    """Rows in `args.format`, to `args.output` or stdout; xlsx of the `tasks` query is the
    task register."""
    if args.format == "xlsx":
        from vbgraph_app import register
        from vbgraph_app.xlsx import workbook_bytes

        if name == "tasks":
            as_of = _as_of(args.param)
            data = register.xlsx_bytes(register.rows([register.from_query(r) for r in rows], as_of),
                                       register.base_url())
        else:
            data = workbook_bytes(rows, sheet=name or "Cypher")
        with open(args.output, "wb") as f:
            f.write(data)
        return
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="") as f:
            print_rows(rows, args.format, f)
        return
    print_rows(rows, args.format)


def _as_of(items: list[str]) -> date:
    """The register's as-of day: the `overdue_on` parameter when given, else today."""
    value = _pairs(items, "query").get("overdue_on", "").strip()
    try:
        return date.fromisoformat(value) if value else date.today()
    except ValueError:
        return date.today()


def _pairs(items: list[str], prog: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise SystemExit(f"vbgraph {prog}: --param expects NAME=VALUE, got {item!r}")
        out[key.strip()] = value
    return out


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def print_rows(rows: list[dict], fmt: str, out=None) -> None:
    """Rows as an aligned table, JSON or CSV."""
    out = out or sys.stdout
    if fmt == "json":
        out.write(json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    cols: list[str] = []
    for r in rows:
        cols += [k for k in r if k not in cols]
    if fmt == "csv":
        w = csv.writer(out)
        w.writerow(cols)
        for r in rows:
            w.writerow([_cell(r.get(c)) for c in cols])
        return
    if not rows:
        out.write("(no rows)\n")
        return
    cells = [[_cell(r.get(c)).replace("\n", " ") for c in cols] for r in rows]
    cells = [[v if len(v) <= MAX_CELL else v[:MAX_CELL - 1] + "…" for v in row] for row in cells]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(cols)]
    out.write("  ".join(c.ljust(w) for c, w in zip(cols, widths)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for row in cells:
        out.write("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() + "\n")
    out.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")


def _list_queries() -> int:
    from queries.runner import list_queries

    for spec in list_queries():
        params = ", ".join(f"{p.name} ({p.type}{', ' + str(p.default) if p.default is not None else ''})"
                           for p in spec.params)
        print(f"{spec.name}: {spec.description}\n    params: {params or 'none'}")
    return 0


def run_query_cmd(args: argparse.Namespace) -> int:
    from queries.runner import convert_params, get_query, run_query

    if not args.name:
        return _list_queries()
    try:
        get_query(args.name)
    except KeyError as exc:
        print(f"vbgraph query: {exc.args[0]}", file=sys.stderr)
        return 2
    if error := _output_error(args, "query"):
        print(error, file=sys.stderr)
        return 2
    params = _pairs(args.param, "query")
    try:
        convert_params(get_query(args.name), params)  # a bad value fails before the store opens
    except ValueError as exc:
        print(f"vbgraph query: {exc}", file=sys.stderr)
        return 2
    with open_from_args(args, reuse=True) as store:
        rows = run_query(store, args.name, **params)
    write_rows(rows, args, args.name)
    return 0


def _json_value(name: str, text: str) -> Any:
    """--param values for raw Cypher: JSON when it parses (numbers, true, lists), else the
    string; an integer Cypher cannot hold (64-bit) is an error."""
    from queries.runner import MAX_INT

    try:
        value = json.loads(text)
    except ValueError:
        return text
    for v in value if isinstance(value, list) else [value]:
        if isinstance(v, int) and not -MAX_INT - 1 <= v <= MAX_INT:
            raise ValueError(f"parameter {name}: {v} is beyond Cypher's 64-bit integers")
    return value


def run_cypher_cmd(args: argparse.Namespace) -> int:
    from queries.guard import GuardError, check

    try:
        check(args.cypher)
    except GuardError as exc:
        print(f"vbgraph cypher: refused: {exc}", file=sys.stderr)
        return 2
    if error := _output_error(args, "cypher"):
        print(error, file=sys.stderr)
        return 2
    try:
        params = {k: _json_value(k, v) for k, v in _pairs(args.param, "cypher").items()}
    except ValueError as exc:
        print(f"vbgraph cypher: {exc}", file=sys.stderr)
        return 2
    with open_from_args(args, reuse=True) as store:
        try:
            rows = store.read(args.cypher, **params)
        except GuardError as exc:
            print(f"vbgraph cypher: refused: {exc}", file=sys.stderr)
            return 2
        except Exception as exc:  # noqa: BLE001 - the engine's message (syntax errors …)
            msg = " ".join(str(getattr(exc, "message", None) or exc).split())
            print(f"vbgraph cypher: error: {msg}", file=sys.stderr)
            return 1
    write_rows(rows, args)
    return 0
