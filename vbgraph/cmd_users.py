"""`vbgraph users add|remove|list|passwd|role`: the explorer's users file (0600, argon2id).

Passwords are read without echo from the terminal (twice), or as one line from stdin
with `--password-stdin`; never from the command line.
"""
from __future__ import annotations

import argparse
import getpass
import os
import sys

from vbgraph.cmd_app import add_users_arguments, environment, settings

PROG = "vbgraph users"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("users", help="manage the explorer's users (roles: xem, nhập, quản trị)")
    actions = p.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="add a user")
    add.add_argument("name")
    add.add_argument("--role", required=True, help="xem | nhập | quản trị (with or without diacritics)")
    add.add_argument("--email", default="", help="the identity an OIDC provider gives this user")
    add.add_argument("--no-password", action="store_true", help="OIDC only (needs --email)")
    passwd = actions.add_parser("passwd", help="set a user's password (their sessions end)")
    passwd.add_argument("name")
    role = actions.add_parser("role", help="change a user's role")
    role.add_argument("name")
    role.add_argument("role")
    remove = actions.add_parser("remove", help="remove a user (their sessions end)")
    remove.add_argument("name")
    listing = actions.add_parser("list", help="list the users")
    for q in (add, passwd, role, remove, listing):
        add_users_arguments(q)
    for q in (add, passwd):
        q.add_argument("--password-stdin", action="store_true", help="read the password as one line from stdin")
    p.set_defaults(func=run)


def read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise SystemExit(f"{PROG}: no terminal to read the password from: give --password-stdin")
    first = getpass.getpass("Mật khẩu: ")
    if getpass.getpass("Nhập lại mật khẩu: ") != first:
        raise SystemExit(f"{PROG}: the two passwords differ")
    return first


def run(args: argparse.Namespace) -> int:
    from vbgraph_app.access import Settings
    from vbgraph_app.users import UsersError, UsersFile

    env = {**os.environ, **environment(settings(args, PROG))}
    people = UsersFile(Settings.from_env(env).users_file)
    try:
        if args.action == "list":
            for u in sorted(people.users().values(), key=lambda u: u.name.casefold()):
                print("\t".join((u.name, u.role, u.email or "-", "password" if u.password_hash else "no password")))
        elif args.action == "add":
            password = "" if args.no_password else read_password(args)
            user = people.add(args.name, args.role, password, args.email)
            print(f"{PROG}: added {user.name} ({user.role}) to {people.path}")
        elif args.action == "passwd":
            if people.get(args.name) is None:
                raise UsersError(f"không có người dùng {args.name!r}")
            people.set_password(args.name, read_password(args))
            print(f"{PROG}: password of {args.name} changed")
        elif args.action == "role":
            people.set_role(args.name, args.role)
            print(f"{PROG}: {args.name} is now {people.get(args.name).role}")
        elif args.action == "remove":
            people.remove(args.name)
            print(f"{PROG}: removed {args.name}")
    except UsersError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    return 0
