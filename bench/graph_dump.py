"""The graph vbgraph writes for a corpus, dumped as sorted JSON lines, and two dumps compared.

    python -m bench.graph_dump dump OUT [--generated N] [--seed S] [PATH ...]
    python -m bench.graph_dump compare A B [--limit 40]

`dump` extracts every document (the seeds, a row file, a folder; `--generated N` adds the
first N documents of `bench.generate` with seed S), builds its fragment (`graph.build`),
merges the fragments as the store does (a loaded document's own node takes its props, a
node only mentioned only fills what is missing), adds the search keys the store derives
(`graph.store.derived_props`) and writes `OUT/nodes.jsonl` (one node a line, every
property, sorted by id) and `OUT/edges.jsonl` (every edge with its properties, sorted by
type, source, target and stating document). No store is started: the same code path as
`vbgraph ingest` up to the write.

`compare` prints what differs between two dumps: nodes and edges only in one, and each
property whose value differs, grouped by the kind of change, with examples; exit status 1
when they differ. Use it to check that a refactor leaves the graph as it was:
run `dump` on both trees with the same inputs, then `compare`.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any


def _documents(paths: list[str], generated: int, seed: int) -> Iterator[Any]:
    from loaders.model import LoadError, Source
    from loaders.pipeline import extract, extract_paths

    for item in extract_paths(paths, entities=False):
        if isinstance(item, LoadError):
            print(f"graph_dump: skipped {item}", file=sys.stderr)
            continue
        yield item
    if generated:
        from bench.generate import generate

        for g in generate(generated, seed=seed, noise=0.1):
            yield extract(Source(g.id, g.id, g.text, "txt", g.id), entities=False)


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def merged_graph(docs: Iterable[Any]) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """(node id -> {label, props}, edges) of the documents' fragments, merged like the store."""
    from graph.build import document_fragment
    from graph.store import derived_props

    nodes: dict[str, dict[str, Any]] = {}
    edges: list[dict[str, Any]] = []
    for doc in docs:
        frag = document_fragment(doc)
        for n in frag.nodes:
            have = nodes.setdefault(n.id, {"label": n.label, "props": {}})
            for k, v in n.props.items():
                if n.authoritative or k not in have["props"]:
                    have["props"][k] = v
        for e in frag.edges:
            edges.append({"type": e.type, "src": e.src, "dst": e.dst, "props": dict(e.props)})
    for n in nodes.values():
        n["props"].update(derived_props(n["label"], n["props"]))
    return nodes, edges


def _edge_key(e: dict[str, Any]) -> tuple[str, str, str, str]:
    return e["type"], e["src"], e["dst"], str(e["props"].get("source_doc"))


def dump(out: Path, docs: Iterable[Any]) -> tuple[int, int]:
    nodes, edges = merged_graph(docs)
    out.mkdir(parents=True, exist_ok=True)
    with (out / "nodes.jsonl").open("w", encoding="utf-8") as fh:
        for nid in sorted(nodes):
            n = nodes[nid]
            props = {k: _plain(n["props"][k]) for k in sorted(n["props"])}
            fh.write(json.dumps({"id": nid, "label": n["label"], "props": props}, ensure_ascii=False) + "\n")
    with (out / "edges.jsonl").open("w", encoding="utf-8") as fh:
        for e in sorted(edges, key=_edge_key):
            props = {k: _plain(e["props"][k]) for k in sorted(e["props"])}
            fh.write(json.dumps({**e, "props": props}, ensure_ascii=False) + "\n")
    return len(nodes), len(edges)


def _load(folder: Path) -> tuple[dict[str, dict], dict[tuple, dict]]:
    nodes = {}
    for line in (folder / "nodes.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        nodes[row["id"]] = row
    edges: dict[tuple, dict] = {}
    for line in (folder / "edges.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        key = _edge_key(row)
        while key in edges:     # the same edge stated twice by one document: keep both
            key = (*key, "+")
        edges[key] = row
    return nodes, edges


def compare(a: Path, b: Path, limit: int = 40) -> int:
    """Print the differences between two dumps; the number of differing items."""
    na, ea = _load(a)
    nb, eb = _load(b)
    changes: dict[str, list[str]] = defaultdict(list)
    for kind, xa, xb in (("node", na, nb), ("edge", ea, eb)):
        for key in sorted(set(xa) - set(xb), key=str):
            changes[f"{kind} only in A"].append(str(key))
        for key in sorted(set(xb) - set(xa), key=str):
            changes[f"{kind} only in B"].append(str(key))
        for key in sorted(set(xa) & set(xb), key=str):
            pa, pb = xa[key]["props"], xb[key]["props"]
            for p in sorted(set(pa) | set(pb)):
                if pa.get(p) != pb.get(p):
                    changes[f"{kind} property {p}"].append(f"{key}: {pa.get(p)!r} -> {pb.get(p)!r}")
    total = Counter({k: len(v) for k, v in changes.items()})
    print(f"A: {len(na)} nodes, {len(ea)} edges; B: {len(nb)} nodes, {len(eb)} edges")
    if not changes:
        print("identical")
        return 0
    for kind, n in sorted(total.items()):
        print(f"\n== {kind}: {n}")
        for line in changes[kind][:limit]:
            print(f"  {line[:400]}")
        if n > limit:
            print(f"  … {n - limit} more")
    return sum(total.values())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.graph_dump", description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump", help="extract, build and dump the merged graph")
    d.add_argument("out", type=Path)
    d.add_argument("paths", nargs="*")
    d.add_argument("--generated", type=int, default=0, help="also the first N generated documents")
    d.add_argument("--seed", type=int, default=1)
    c = sub.add_parser("compare", help="print the differences between two dumps")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    c.add_argument("--limit", type=int, default=40, help="examples shown per kind of change")
    args = ap.parse_args(argv)
    if args.cmd == "dump":
        n, e = dump(args.out, _documents(args.paths, args.generated, args.seed))
        print(f"{args.out}: {n} nodes, {e} edges")
        return 0
    return 1 if compare(args.a, args.b, args.limit) else 0


if __name__ == "__main__":
    sys.exit(main())
