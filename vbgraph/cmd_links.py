"""`vbgraph link`: the link pass over the whole store; `vbgraph confirm REF TARGET`: an
analyst's confirmation of a citation's target, kept across re-ingests (`graph.links`)."""
from __future__ import annotations

import argparse
import sys

from vbgraph.cmd_ingest import add_store_arguments, open_from_args


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("link", help="link year-less or ambiguous citations to the one instrument that fits")
    add_store_arguments(p)
    p.set_defaults(func=run_link)
    c = sub.add_parser("confirm", help="confirm the instrument a citation kept unresolved or ambiguous is")
    c.add_argument("reference", help="the citation's node id (…/cites/…), as Văn bản and `link_candidates` show it")
    c.add_argument("target", nargs="?", help="the instrument's id (one of its candidates)")
    c.add_argument("--by", default=None, help="who confirms (kept with the confirmation)")
    c.add_argument("--remove", action="store_true", help="withdraw the confirmation instead")
    add_store_arguments(c)
    c.set_defaults(func=run_confirm)


def run_link(args: argparse.Namespace) -> int:
    from graph.links import link_pass

    with open_from_args(args) as store:
        print(link_pass(store).line())
    return 0


def run_confirm(args: argparse.Namespace) -> int:
    from graph.links import ConfirmError, confirm, unconfirm

    if not args.remove and not args.target:
        print("vbgraph confirm: give the target instrument's id (or --remove)", file=sys.stderr)
        return 2
    with open_from_args(args) as store:
        try:
            if args.remove:
                unconfirm(store, args.reference)
                print(f"confirmation of {args.reference} withdrawn")
            else:
                confirm(store, args.reference, args.target, by=args.by)
                print(f"{args.reference} -> {args.target} (curated)")
        except ConfirmError as exc:
            print(f"vbgraph confirm: {exc}", file=sys.stderr)
            return 2
    return 0
