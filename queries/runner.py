"""The named, parameterised queries of `queries/*.cypher`.

Each file starts with comment lines:

    // description: what the query answers
    // params: id (str, null), symbol (key, null), hops (int, 4)

Param types: str, int, float, bool, date (ISO, or "today"), datetime, key (folded: lower
case, no diacritics, no spaces - matches `symbol_key`), text (folded, spaces kept - matches
the other `*_key` properties), words (folded words, all must appear), list (comma separated). User values only ever reach Cypher as
parameters.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

QUERY_DIR = Path(__file__).resolve().parent
TYPES = ("str", "int", "float", "bool", "date", "datetime", "key", "text", "words", "list")
_PARAM = re.compile(r"(\w+)\s*\(\s*(\w+)\s*(?:,\s*([^)]*?))?\s*\)")


@dataclass(frozen=True)
class Param:
    name: str
    type: str = "str"
    default: Any = None   # as written in the file ("null" -> None)

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class QuerySpec:
    name: str
    description: str
    params: tuple[Param, ...] = field(default_factory=tuple)
    cypher: str = ""
    path: str = ""

    def defaults(self) -> dict[str, Any]:
        """The parameters with their converted defaults."""
        return convert_params(self, {})


def _parse(path: Path) -> QuerySpec:
    text = path.read_text(encoding="utf-8")
    description, params = "", []
    for line in text.splitlines():
        s = line.strip()
        if not s.startswith("//"):
            if s:
                break
            continue
        body = s[2:].strip()
        if body.lower().startswith("description:"):
            description = (description + " " + body.split(":", 1)[1].strip()).strip()
        elif body.lower().startswith("params:"):
            for name, typ, default in _PARAM.findall(body.split(":", 1)[1]):
                if typ not in TYPES:
                    raise ValueError(f"{path.name}: parameter {name}: unknown type {typ!r}")
                d = default.strip().strip("'\"") if default else None
                params.append(Param(name, typ, None if d in (None, "", "null") else d))
    return QuerySpec(path.stem, description, tuple(params), text, str(path))


@lru_cache(maxsize=1)
def _specs() -> dict[str, QuerySpec]:
    return {p.stem: _parse(p) for p in sorted(QUERY_DIR.glob("*.cypher"))}


def list_queries() -> list[QuerySpec]:
    """Every named query, by name."""
    return list(_specs().values())


def get_query(name: str) -> QuerySpec:
    try:
        return _specs()[name]
    except KeyError:
        raise KeyError(f"no query named {name!r}; known: {', '.join(_specs())}") from None


def _fold(value: str) -> str:
    from graph.store import fold

    return fold(value) or ""


def convert(param: Param, value: Any) -> Any:
    """A user value (string from the CLI, or a Python value) as the query expects it."""
    if value is None or (isinstance(value, str) and value.strip() == ""):
        value = param.default
        if value is None:
            return [] if param.type in ("words", "list") else None
    t = param.type
    try:
        if t == "str":
            return str(value)
        if t == "int":
            return int(value)
        if t == "float":
            return float(value)
        if t == "bool":
            return value if isinstance(value, bool) else str(value).strip().lower() in ("1", "true", "yes", "y")
        if t == "date":
            if isinstance(value, datetime):
                return value.date()
            if isinstance(value, date):
                return value
            return date.today() if str(value).strip() == "today" else date.fromisoformat(str(value).strip())
        if t == "datetime":
            return value if isinstance(value, datetime) else datetime.fromisoformat(str(value).strip())
        if t == "key":
            return _fold(str(value)).replace(" ", "")
        if t == "text":
            return _fold(str(value))
        if t == "words":
            items = value if isinstance(value, (list, tuple)) else str(value).split()
            return [w for w in (_fold(str(x)) for x in items) if w]
        if t == "list":
            items = value if isinstance(value, (list, tuple)) else str(value).split(",")
            return [str(x).strip() for x in items if str(x).strip()]
    except (TypeError, ValueError) as exc:
        raise ValueError(f"parameter {param.name}: expected {t}, got {value!r}") from exc
    raise ValueError(f"parameter {param.name}: unknown type {t}")


def convert_params(spec: QuerySpec, raw: dict[str, Any]) -> dict[str, Any]:
    """All of the query's parameters, converted; unknown names are an error."""
    known = {p.name for p in spec.params}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ValueError(f"query {spec.name}: unknown parameter(s) {', '.join(unknown)}; "
                         f"expected {', '.join(sorted(known)) or 'none'}")
    return {p.name: convert(p, raw.get(p.name)) for p in spec.params}


def run_query(store: Any, name: str, **params: Any) -> list[dict]:
    """Rows of the named query (read-only, through `store.read`)."""
    spec = get_query(name)
    values = convert_params(spec, params)
    return store.read(spec.cypher, **values)
