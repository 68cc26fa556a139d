"""`vbgraph app`: serve the explorer (Streamlit, behind its login gate).

Loopback (127.0.0.1) unless told otherwise. Any other address is an explicit choice
(`--host 0.0.0.0`, or `host` in the config file's `[app]` table) and refuses to start
while the users file holds no user (`vbgraph users add …`).
"""
from __future__ import annotations

import argparse
import os
import sys
import tomllib
from pathlib import Path

APP_SCRIPT = Path(__file__).resolve().parent.parent / "app.py"
# [app] keys of the config file -> (flag attribute, environment variable the app reads)
CONFIG_KEYS = {"host": ("host", None), "port": ("port", None),
               "users": ("users", "VBGRAPH_USERS"), "data": ("data", "VBGRAPH_DATA"),
               "idle_minutes": ("idle_minutes", "VBGRAPH_SESSION_IDLE_MINUTES"),
               "max_hours": ("max_hours", "VBGRAPH_SESSION_MAX_HOURS")}
DEFAULTS = {"host": "127.0.0.1", "port": 8501}


def add_users_arguments(p: argparse.ArgumentParser) -> None:
    """--config / --users, shared with `vbgraph users`."""
    p.add_argument("--config", default=None, metavar="FILE",
                   help="TOML file with an [app] table: host, port, users, data, idle_minutes, max_hours")
    p.add_argument("--users", default=None, metavar="FILE",
                   help="users file (default: env VBGRAPH_USERS, else data/users.json)")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("app", help="serve the explorer (loopback only unless --host; logins beyond it)")
    p.add_argument("--host", default=None, help="address to listen on (default 127.0.0.1; any other "
                                                 "needs users: vbgraph users add)")
    p.add_argument("--port", type=int, default=None, help="port (default 8501)")
    add_users_arguments(p)
    p.add_argument("--data", default=None, metavar="DIR",
                   help="data folder; uploads go to DIR/uploads/<user> (default: env VBGRAPH_DATA, else data)")
    p.add_argument("--idle-minutes", type=float, default=None, help="a session ends after this idle time (30)")
    p.add_argument("--max-hours", type=float, default=None, help="a session ends after this long in any case (8)")
    p.add_argument("--db", default=None, help="embedded store folder (default: env VBGRAPH_DB, else data/db)")
    p.add_argument("--uri", default=None, help="bolt://host:port of a server instead (default: env VBGRAPH_URI)")
    p.add_argument("--database", default=None, help="database name (default: env VBGRAPH_DATABASE, else vbgraph)")
    p.set_defaults(func=run)


def settings(args: argparse.Namespace, prog: str) -> dict:
    """Flags over the config file's [app] table over the defaults."""
    conf: dict = {}
    if args.config:
        try:
            conf = tomllib.loads(Path(args.config).read_text(encoding="utf-8")).get("app", {})
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise SystemExit(f"{prog}: {args.config}: {exc}") from None
        unknown = sorted(set(conf) - set(CONFIG_KEYS))
        if unknown:
            raise SystemExit(f"{prog}: {args.config}: unknown [app] keys: {', '.join(unknown)}")
    out = {}
    for key, (attr, _) in CONFIG_KEYS.items():
        flag = getattr(args, attr, None)
        out[key] = flag if flag is not None else conf.get(key, DEFAULTS.get(key))
    return out


def environment(conf: dict) -> dict[str, str]:
    """The app's settings as the environment variables `vbgraph_app.access` reads."""
    env = {}
    for key, (_, var) in CONFIG_KEYS.items():
        if var and conf.get(key) is not None:
            env[var] = str(Path(conf[key]).absolute()) if key in ("users", "data") else str(conf[key])
    return env


def run(args: argparse.Namespace) -> int:
    from vbgraph_app.access import Settings, refusal
    from vbgraph_app.users import UsersError, UsersFile

    conf = settings(args, "vbgraph app")
    port = conf["port"]
    if not isinstance(port, int) or not 0 < port < 65536:
        raise SystemExit(f"vbgraph app: port must be 1-65535, not {port!r}")
    env = {**os.environ, **environment(conf)}
    for var, value in (("VBGRAPH_URI", args.uri), ("VBGRAPH_DB", args.db and str(Path(args.db).absolute())),
                       ("VBGRAPH_DATABASE", args.database)):
        if value:
            env[var] = value
    try:
        reason = refusal(str(conf["host"]), UsersFile(Settings.from_env(env).users_file))
    except (ValueError, UsersError) as exc:
        raise SystemExit(f"vbgraph app: {exc}") from None
    if reason:
        print(f"vbgraph app: {reason}", file=sys.stderr)
        return 2
    if not APP_SCRIPT.exists():
        raise SystemExit(f"vbgraph app: {APP_SCRIPT} not found (run from a vbgraph checkout)")
    argv = [sys.executable, "-m", "streamlit", "run", str(APP_SCRIPT),
            "--server.address", str(conf["host"]), "--server.port", str(port),
            "--server.headless", "true", "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none"]
    sys.stdout.flush()
    os.execve(sys.executable, argv, env)
    return 0  # not reached
