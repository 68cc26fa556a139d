"""Bulk exports of the graph for the tools researchers already use.

The nodes and edges come from `graph.build` or from a store (`queries.dump.read_graph`).

- `write_neo4j_csv(...)`: node/relationship CSV files for `neo4j-admin database import full`.
- `write_cypher(...)`: a Neo4j-5 script (constraints, then batched `UNWIND … MERGE`).
- `export(...)`: the dispatch behind `vbgraph export --format …` (also GraphML, GEXF,
  JSONL through graph/nx_graph.py and Turtle/JSON-LD through graph/rdf.py).
"""
from __future__ import annotations

import csv
import json
import math
import re
import shlex
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Iterable, Iterator

from graph.model import Edge, Node

FORMATS = ("neo4j-csv", "cypher", "graphml", "gexf", "jsonl", "turtle", "jsonld")
BATCH_SIZE = 200
ARRAY_DELIMITER = ";"
# Property types known by name: used when the store hands them back as ISO strings.
KNOWN_TYPES = {"year": "int", "date": "date", "deadline": "datetime", "has_text": "boolean",
               "start": "int", "end": "int", "count": "int"}
# Properties that tell two parallel edges of one type apart (MERGE keys in Cypher).
EDGE_KEYS = ("source_doc", "start")


# --------------------------------------------------------------------------- typing
def _value_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, datetime):
        return "datetime"
    if isinstance(value, date):
        return "date"
    return "string"


def _parses_as(kind: str, value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        {"int": int, "date": date.fromisoformat, "datetime": datetime.fromisoformat,
         "boolean": lambda v: {"true": 1, "false": 0}[v.lower()]}[kind](value)
        return True
    except (KeyError, ValueError):
        return False


def column_type(key: str, values: Iterable[Any]) -> str:
    """neo4j-admin type of a property column: int/long, double, boolean, date,
    datetime, string, or an array `type[]`. Mixed columns fall back to string."""
    values = [v for v in values if v is not None]
    is_list = bool(values) and all(isinstance(v, (list, tuple)) for v in values)
    items = [i for v in values for i in v] if is_list else values
    kinds = {_value_type(v) for v in items}
    if kinds == {"long"} and key in KNOWN_TYPES and KNOWN_TYPES[key] == "int":
        kinds = {"int"}
    known = KNOWN_TYPES.get(key)
    if known and (kinds == {known} or all(_parses_as(known, v) for v in items)) and items:
        kinds = {known}
    if kinds == {"date", "datetime"}:
        kinds = {"datetime"}
    kind = kinds.pop() if len(kinds) == 1 else "string"
    return kind + "[]" if is_list else kind


def _cell(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind.endswith("[]"):
        return ARRAY_DELIMITER.join(_cell(v, kind[:-2]) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if kind == "datetime" and isinstance(value, date) and not isinstance(value, datetime):
        value = datetime.combine(value, time())
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


# --------------------------------------------------------------------------- neo4j-admin CSV
@dataclass
class CsvExport:
    """What `write_neo4j_csv` wrote: the files, and the command that imports them."""

    directory: Path
    node_files: dict[str, Path] = field(default_factory=dict)
    relationship_files: dict[tuple[str, str, str], Path] = field(default_factory=dict)
    command: str = ""
    counts: dict[str, int] = field(default_factory=dict)


def _columns(props: list[dict[str, Any]], skip: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    keys = sorted({k for p in props for k in p if k not in skip})
    return [(k, column_type(k, [p.get(k) for p in props])) for k in keys]


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]+", "_", name)


def import_command(export: CsvExport, database: str = "neo4j", base: str | None = None) -> str:
    """The `neo4j-admin database import full` command for the files of `export`.

    `base` replaces the export directory in the paths (e.g. "/import" inside Docker).
    """
    root = base if base is not None else str(export.directory)
    parts = ["neo4j-admin", "database", "import", "full", "--overwrite-destination",
             "--delimiter=,", f"--array-delimiter={ARRAY_DELIMITER}", "--multiline-fields=true"]
    parts += [f"--nodes={root}/{p.name}" for p in export.node_files.values()]
    parts += [f"--relationships={root}/{p.name}" for p in export.relationship_files.values()]
    parts.append(database)
    return " ".join(shlex.quote(p) for p in parts)


def write_neo4j_csv(nodes: list[Node], edges: list[Edge], directory: str | Path) -> CsvExport:
    """One node file per label (`id:ID(<Label>)`, `:LABEL`, typed properties) and one
    relationship file per (type, start label, end label) (`:START_ID(<Label>)`,
    `:END_ID(<Label>)`, `:TYPE`, typed properties). Writes IMPORT.txt with the command."""
    out = CsvExport(Path(directory))
    out.directory.mkdir(parents=True, exist_ok=True)
    by_label: dict[str, list[Node]] = defaultdict(list)
    for node in nodes:
        by_label[node.label].append(node)
    for label in sorted(by_label):
        group = by_label[label]
        cols = _columns([n.props for n in group], skip=("id",))
        path = out.directory / f"nodes_{_safe(label)}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
            w.writerow([f"id:ID({label})", ":LABEL"] + [f"{k}:{t}" for k, t in cols])
            for n in group:
                w.writerow([n.id, n.label] + [_cell(n.props.get(k), t) for k, t in cols])
        out.node_files[label] = path
        out.counts[label] = len(group)
    by_type: dict[tuple[str, str, str], list[Edge]] = defaultdict(list)
    for edge in edges:
        by_type[(edge.type, edge.src_label, edge.dst_label)].append(edge)
    for key in sorted(by_type):
        rel, src, dst = key
        group = by_type[key]
        cols = _columns([e.props for e in group])
        path = out.directory / f"rels_{_safe(rel)}_{_safe(src)}_{_safe(dst)}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
            w.writerow([f":START_ID({src})", f":END_ID({dst})", ":TYPE"] + [f"{k}:{t}" for k, t in cols])
            for e in group:
                w.writerow([e.src, e.dst, e.type] + [_cell(e.props.get(k), t) for k, t in cols])
        out.relationship_files[key] = path
        out.counts[rel] = out.counts.get(rel, 0) + len(group)
    out.command = import_command(out)
    docker = import_command(out, base="/import")
    (out.directory / "IMPORT.txt").write_text(
        "# Stop the database first (neo4j stop), then:\n"
        f"{out.command}\n\n"
        "# With docker-compose.yml (this directory mounted at /import):\n"
        f"docker compose run --rm neo4j {docker}\n", encoding="utf-8")
    return out


# --------------------------------------------------------------------------- Cypher script
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _key(name: str) -> str:
    return name if _IDENT.match(name) else "`" + name.replace("`", "``") + "`"


def cypher_literal(value: Any) -> str:
    """A Cypher literal for a property value (strings single-quoted and escaped)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else "null"
    if isinstance(value, datetime):
        return f"datetime('{value.isoformat()}')"
    if isinstance(value, date):
        return f"date('{value.isoformat()}')"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)}: {cypher_literal(v)}" for k, v in value.items()) + "}"
    text = "".join(_ESCAPES.get(c, c if c >= " " else f"\\u{ord(c):04x}") for c in str(value))
    return f"'{text}'"


def _batches(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def cypher_statements(nodes: list[Node], edges: list[Edge], batch: int = BATCH_SIZE) -> Iterator[str]:
    """Neo4j-5 statements, one per line: constraints, node MERGEs, edge MERGEs.

    Edges MERGE on (start, type, end) plus the keys in EDGE_KEYS that they carry,
    so a replay is idempotent and parallel edges from different documents survive."""
    labels = sorted({n.label for n in nodes} | {e.src_label for e in edges} | {e.dst_label for e in edges})
    for label in labels:
        yield (f"CREATE CONSTRAINT {_safe(label.lower())}_id IF NOT EXISTS "
               f"FOR (n:{_key(label)}) REQUIRE n.id IS UNIQUE;")
    by_label: dict[str, list[Node]] = defaultdict(list)
    for node in nodes:
        by_label[node.label].append(node)
    for label in sorted(by_label):
        for chunk in _batches(by_label[label], batch):
            rows = [{"id": n.id, "props": {k: v for k, v in n.props.items() if k != "id" and v is not None}}
                    for n in chunk]
            yield (f"UNWIND {cypher_literal(rows)} AS r "
                   f"MERGE (n:{_key(label)} {{id: r.id}}) SET n += r.props;")
    groups: dict[tuple[str, str, str, tuple[str, ...]], list[Edge]] = defaultdict(list)
    for e in edges:
        keys = tuple(k for k in EDGE_KEYS if e.props.get(k) is not None)
        groups[(e.type, e.src_label, e.dst_label, keys)].append(e)
    for (rel, src, dst, keys), group in sorted(groups.items()):
        merge_keys = "".join(f", {_key(k)}: r.k.{_key(k)}" for k in keys)
        pattern = f"[e:{_key(rel)} {{{merge_keys[2:]}}}]" if keys else f"[e:{_key(rel)}]"
        for chunk in _batches(group, batch):
            rows = [{"s": e.src, "d": e.dst, "k": {k: e.props[k] for k in keys},
                     "props": {k: v for k, v in e.props.items() if k not in keys and v is not None}}
                    for e in chunk]
            yield (f"UNWIND {cypher_literal(rows)} AS r "
                   f"MATCH (a:{_key(src)} {{id: r.s}}) MATCH (b:{_key(dst)} {{id: r.d}}) "
                   f"MERGE (a)-{pattern}->(b) SET e += r.props;")


def write_cypher(nodes: list[Node], edges: list[Edge], path: str | Path, batch: int = BATCH_SIZE) -> int:
    """Write the script (UTF-8, one statement per line); returns the statement count."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8") as fh:
        fh.write(f"// vbgraph: {len(nodes)} nodes, {len(edges)} relationships. "
                 "Replay: cypher-shell -f <this file>\n")
        for stmt in cypher_statements(nodes, edges, batch):
            fh.write(stmt + "\n")
            count += 1
    return count


def read_cypher_script(path: str | Path) -> Iterator[str]:
    """The statements of a script written by `write_cypher` (comments skipped)."""
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line and not line.startswith("//"):
                yield line.rstrip(";")


# --------------------------------------------------------------------------- dispatch
def export(nodes: list[Node], edges: list[Edge], fmt: str, dest: str | Path) -> str:
    """Write `nodes`/`edges` in `fmt` to `dest` (a directory for neo4j-csv, else a file).
    Returns a one-line summary (for neo4j-csv: the import command)."""
    if fmt == "neo4j-csv":
        return write_neo4j_csv(nodes, edges, dest).command
    if fmt == "cypher":
        n = write_cypher(nodes, edges, dest)
        return f"{n} statements written to {dest}"
    if fmt in ("turtle", "jsonld"):
        from graph.rdf import write_rdf
        triples = write_rdf(nodes, edges, dest, fmt)
        return f"{triples} triples written to {dest}"
    if fmt in ("graphml", "gexf", "jsonl"):
        from graph import nx_graph
        g = nx_graph.from_rows(
            [{**n.props, "id": n.id, "label": n.label, "authoritative": n.authoritative} for n in nodes],
            [{**e.props, "src": e.src, "dst": e.dst, "type": e.type} for e in edges])
        getattr(nx_graph, f"write_{fmt}")(g, dest)
        return f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges written to {dest}"
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
