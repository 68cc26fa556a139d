"""`vbgraph export --format F DEST` (the graph for other tools) and `vbgraph serve`
(a standalone ArcadeDB server speaking Bolt, for Neo4j drivers and tools)."""
from __future__ import annotations

import argparse
import sys

from graph.export import FORMATS


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write the graph as neo4j-admin CSV, Cypher, GraphML, GEXF, JSONL, Turtle or JSON-LD")
    p.add_argument("dest", help="output directory (neo4j-csv) or file (other formats)")
    p.add_argument("--format", "-f", choices=FORMATS, required=True,
                   help="neo4j-csv: files for `neo4j-admin database import full` (+ IMPORT.txt); "
                        "cypher: Neo4j-5 script; graphml/gexf: Gephi, yEd, Cytoscape; jsonl: nodes then edges; "
                        "turtle/jsonld: ELI RDF")
    from vbgraph.cmd_ingest import add_store_arguments

    add_store_arguments(p)  # --uri / --db / --database
    p.set_defaults(func=run_export)

    from graph.server import add_arguments

    s = sub.add_parser("serve", help="run an ArcadeDB server with Bolt on loopback, in the foreground "
                                     "(password from $VBGRAPH_PASSWORD)")
    add_arguments(s)
    s.set_defaults(func=run_serve)


def run_export(args: argparse.Namespace) -> int:
    from graph.export import export
    from queries.dump import read_graph
    from vbgraph.cmd_ingest import open_from_args

    with open_from_args(args, reuse=True) as store:
        nodes, edges = read_graph(store)
    summary = export(nodes, edges, args.format, args.dest)
    print(f"vbgraph export: {len(nodes)} nodes, {len(edges)} relationships -> {args.dest}", file=sys.stderr)
    if args.format == "neo4j-csv":
        print("Import into Neo4j 5 (database stopped; also in IMPORT.txt):", file=sys.stderr)
    print(summary)
    return 0


def run_serve(args: argparse.Namespace) -> int:
    from graph.server import config_from_args, password_from_env, serve

    return serve(config_from_args(args), password_from_env())
