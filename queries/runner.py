"""The named, parameterised queries of `queries/*.cypher`.

Each file starts with comment lines:

    // description: what the query answers
    // mô tả: the same in Vietnamese (what the explorer shows)
    // params: id (str, null), symbol (key, null), hops (int, 4)

Param types: str, int, float, bool, date (ISO, or "today"), datetime, key (folded: lower
case, no diacritics, no spaces - matches `symbol_key`), text (folded, spaces kept - matches
the other `*_key` properties), words (folded words, all must appear), list (comma separated). User values only ever reach Cypher as
parameters.

A file whose answer is derived from the facts it reads names the function that derives
it, `module:function` taking (rows, parameters) and returning the rows (`validity`: an
instrument's days and the acts on it -> its status):

    // derive: graph.validity:derive

(a module of the graph package only).

Variants: after its general query, a file may hold variants, each opened by a line

    // variant: <name> when <cond> [<cond> ...] [unless empty | unless short]

A condition is a parameter name (set: not null and not an empty list) or `!name`
(unset). `run_query` runs the first variant whose conditions all hold, else the general
query; a variant marked `unless empty` gives way to the next candidate when it returns
no rows, one marked `unless short` when it returns fewer rows than its `limit` parameter
(a variant that answers only the first part of the ordering, e.g. the 1-hop rows that
come before every longer chain, is the whole answer once it fills the limit); a variant
with no body answers no rows without a query. Variants exist because
ArcadeDB's planner seeks an index only for a plain equality on a non-null parameter
(`n.id = $id OR ($id IS NULL AND ...)` scans the label), so each variant anchors on the
index its parameters allow. They must give the general query's answer (search by symbol
excepted: exact `symbol_key` hits, when there are any, without the CONTAINS extras).
In a variant, `{{hops|1..10}}` inlines the int parameter `hops` clamped to 1..10 (a
variable-length bound cannot be a parameter), and `{{rels|CITES|IMPLEMENTS|...}}` the
names a str or list parameter holds, each one of those listed, as `:CITES|IMPLEMENTS`
(nothing when it holds none: any label or relation type). A label or relation type cannot
be a parameter, ArcadeDB seeks an index only under a label written in the pattern, and it
applies a predicate on a shortest path's relationships to the path found, not during the
search; a name outside the list is an error. Nothing else is ever inlined.

A variant may read in windows of an indexed date, first ones first:

    // window: Task.deadline_date >= $due_from, <= $due_to, < $overdue_on, 30 days x4

The runner reads the earliest `Task.deadline_date` within the bounds whose date parameters
are set (an index read; the latest too once a window falls short), then runs the variant
with `$window_from` (the earliest) and `$window_to` (30 days on), widening the window 4x
until the rows fill `limit` or the window passes the latest. The variant orders by that
date first: every value outside a window sorts after every value in it, so a full window
holds the first rows. Rows without a value lie in no window and sort last: with no bound
set, the variant is `unless short`. ArcadeDB seeks the index only for plain parameters:
`$window_from + duration(...)` or a bound from a `WITH min(...)` in the same query scans
the label (3.6M tasks at 1M documents: 5-7 s, against 0.1-0.5 s a window); the variant's
own `($due_to IS NULL OR ...)` filters beside the window's plain range keep the seek.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from importlib import import_module
from pathlib import Path
from typing import Any

from domain.keys import search_key, symbol_key

QUERY_DIR = Path(__file__).resolve().parent
TYPES = ("str", "int", "float", "bool", "date", "datetime", "key", "text", "words", "list")
MAX_INT = 2**63 - 1  # Cypher's integers are 64-bit
_PARAM = re.compile(r"(\w+)\s*\(\s*(\w+)\s*(?:,\s*([^)]*?))?\s*\)")
_VARIANT = re.compile(r"^//\s*variant:\s*(\w+)\s*(?:when\s+(.*?))?\s*(unless (?:empty|short))?\s*$")
_INLINE = re.compile(r"\{\{(\w+)\|(-?\d+)\.\.(-?\d+)\}\}")
_NAMES = re.compile(r"\{\{(\w+)\|([A-Za-z_]\w*(?:\|[A-Za-z_]\w*)*)\}\}")
_WINDOW = re.compile(r"^//\s*window:\s*(\w+)\.(\w+)\s*((?:(?:>=|<=|<)\s*\$\w+\s*,\s*)*)(?:,\s*)?(\d+)\s*days\s+x(\d+)\s*$")
_BOUND = re.compile(r"(>=|<=|<)\s*\$(\w+)")
WINDOW_FLOOR = date(1, 1, 1)  # the earliest value with no bound set: still a range, so min/max read the index
_DERIVE = re.compile(r"^//\s*derive:\s*([\w.]+):(\w+)\s*$")
DERIVE_PACKAGE = "graph."  # a derive function is the graph package's, nothing else is imported


@dataclass(frozen=True)
class Param:
    name: str
    type: str = "str"
    default: Any = None   # as written in the file ("null" -> None)

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Window:
    """`// window: Label.prop >= $a, < $b, N days xF`: read `prop` in widening windows from
    its earliest value within the bounds set (see the module doc)."""
    label: str
    prop: str
    bounds: tuple[tuple[str, str], ...]   # (operator, date parameter)
    days: int
    factor: int

    def bounded(self, values: dict[str, Any]) -> bool:
        """Whether a bound is set (then every row the variant reads has a value)."""
        return any(values.get(p) is not None for _op, p in self.bounds)

    def edge(self, agg: str, values: dict[str, Any]) -> str:
        """The earliest (`min`) or latest (`max`) value within the bounds set: one index read
        (the bounds as plain ranges, the floor when none is set)."""
        conds = [f"n.{self.prop} {op} ${p}" for op, p in self.bounds if values.get(p) is not None] or \
            [f"n.{self.prop} >= $window_floor"]
        return f"MATCH (n:{self.label}) WHERE {' AND '.join(conds)} RETURN {agg}(n.{self.prop}) AS v"


@dataclass(frozen=True)
class Variant:
    """A specialised form of a query, run when its conditions hold (see module doc)."""
    name: str
    needs: tuple[str, ...] = ()      # parameters that must be set
    absent: tuple[str, ...] = ()     # parameters that must be unset
    cypher: str = ""                 # "" = no rows
    unless_empty: bool = False
    unless_short: bool = False       # next candidate when fewer rows than `limit`
    window: Window | None = None     # read in windows of an indexed date

    def applies(self, values: dict[str, Any]) -> bool:
        return all(_is_set(values.get(n)) for n in self.needs) and \
            not any(_is_set(values.get(n)) for n in self.absent)


@dataclass(frozen=True)
class QuerySpec:
    name: str
    description: str
    params: tuple[Param, ...] = field(default_factory=tuple)
    cypher: str = ""       # the general query, with its header comments (runnable as is)
    path: str = ""
    variants: tuple[Variant, ...] = field(default_factory=tuple)
    derive: tuple[str, str] | None = None   # (module, function) applied to the rows
    description_vi: str = ""                # `// mô tả:`, the description the explorer shows

    def defaults(self) -> dict[str, Any]:
        """The parameters with their converted defaults."""
        return convert_params(self, {})


def _is_set(value: Any) -> bool:
    return value is not None and value != [] and value != ""


def parse_query_file(path: Path) -> QuerySpec:
    """The query a `.cypher` file holds, its header and variants checked (ValueError)."""
    full = path.read_text(encoding="utf-8")
    text, variants = split_variants(path, full)
    description, description_vi, params, derive = "", "", [], None
    for line in text.splitlines():
        s = line.strip()
        if not s.startswith("//"):
            if s:
                break
            continue
        body = s[2:].strip()
        if body.lower().startswith("description:"):
            description = (description + " " + body.split(":", 1)[1].strip()).strip()
        elif body.lower().startswith("mô tả:"):
            description_vi = (description_vi + " " + body.split(":", 1)[1].strip()).strip()
        elif m := _DERIVE.match(s):
            derive = (m.group(1), m.group(2))
            if not derive[0].startswith(DERIVE_PACKAGE):
                raise ValueError(f"{path.name}: derive: {derive[0]} is not a module of {DERIVE_PACKAGE.rstrip('.')}")
        elif body.lower().startswith("params:"):
            for name, typ, default in _PARAM.findall(body.split(":", 1)[1]):
                if typ not in TYPES:
                    raise ValueError(f"{path.name}: parameter {name}: unknown type {typ!r}")
                d = default.strip().strip("'\"") if default else None
                params.append(Param(name, typ, None if d in (None, "", "null") else d))
    names = {p.name: p for p in params}
    for v in variants:
        for n in (*v.needs, *v.absent):
            if n not in names:
                raise ValueError(f"{path.name}: variant {v.name}: unknown parameter {n!r}")
        if v.unless_short and (names.get("limit") is None or names["limit"].type != "int"):
            raise ValueError(f"{path.name}: variant {v.name}: 'unless short' needs an int parameter limit")
        for n, _lo, _hi in _INLINE.findall(v.cypher):
            if names.get(n) is None or names[n].type != "int":
                raise ValueError(f"{path.name}: variant {v.name}: only int parameters inline, not {n!r}")
        for n, _listed in _NAMES.findall(v.cypher):
            if names.get(n) is None or names[n].type not in ("str", "list"):
                raise ValueError(f"{path.name}: variant {v.name}: only str or list parameters inline names, not {n!r}")
        if v.window:
            w = v.window
            if any(names.get(b) is None or names[b].type != "date" for _op, b in w.bounds):
                raise ValueError(f"{path.name}: variant {v.name}: a window's bounds must be date parameters")
            if names.get("limit") is None or names["limit"].type != "int" or w.days < 1 or w.factor < 2:
                raise ValueError(f"{path.name}: variant {v.name}: a window needs an int limit, "
                                 "days >= 1 and a factor >= 2")
    return QuerySpec(path.stem, description, tuple(params), text, str(path), tuple(variants), derive, description_vi)


def split_variants(path: Path, full: str) -> tuple[str, list[Variant]]:
    """The general query (header included) and the variants after it."""
    chunks: list[tuple[re.Match | None, list[str]]] = [(None, [])]
    for line in full.splitlines(keepends=True):
        m = _VARIANT.match(line.strip())
        if m:
            chunks.append((m, []))
        elif line.strip().lower().startswith("// variant"):
            raise ValueError(f"{path.name}: bad variant line {line.strip()!r}")
        else:
            chunks[-1][1].append(line)
    general = "".join(chunks[0][1]).rstrip() + "\n"
    variants = []
    for m, lines in chunks[1:]:
        conds = (m.group(2) or "").split()
        body = "".join(ln for ln in lines if not ln.strip().startswith("//")).strip()
        window = None
        for ln in lines:
            if re.match(r"//\s*window\s*:", ln.strip(), re.I):
                w = _WINDOW.match(ln.strip())
                if not w or window:
                    raise ValueError(f"{path.name}: variant {m.group(1)}: bad or second window line {ln.strip()!r}")
                window = Window(w.group(1), w.group(2), tuple(_BOUND.findall(w.group(3))),
                                int(w.group(4)), int(w.group(5)))
        variants.append(Variant(m.group(1), tuple(c for c in conds if not c.startswith("!")),
                                tuple(c[1:] for c in conds if c.startswith("!")), body,
                                m.group(3) == "unless empty", m.group(3) == "unless short", window))
    return general, variants


@lru_cache(maxsize=1)
def _specs() -> dict[str, QuerySpec]:
    return {p.stem: parse_query_file(p) for p in sorted(QUERY_DIR.glob("*.cypher"))}


def list_queries() -> list[QuerySpec]:
    """Every named query, by name."""
    return list(_specs().values())


def get_query(name: str) -> QuerySpec:
    try:
        return _specs()[name]
    except KeyError:
        raise KeyError(f"no query named {name!r}; known: {', '.join(_specs())}") from None


def convert(param: Param, value: Any) -> Any:
    """A user value (string from the CLI, or a Python value) as the query expects it."""
    if value is None or (isinstance(value, str) and value.strip() == ""):
        value = param.default
        if value is None:
            return [] if param.type in ("words", "list") else None
    t = param.type
    if t == "int":
        return _count(param, value)
    try:
        if t == "str":
            return str(value)
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
            return symbol_key(value)
        if t == "text":
            return search_key(value)
        if t == "words":
            items = value if isinstance(value, (list, tuple)) else str(value).split()
            return [w for w in (search_key(x) for x in items) if w]
        if t == "list":
            items = value if isinstance(value, (list, tuple)) else str(value).split(",")
            return [str(x).strip() for x in items if str(x).strip()]
    except (TypeError, ValueError) as exc:
        raise ValueError(f"parameter {param.name}: expected {t}, got {value!r}") from exc
    raise ValueError(f"parameter {param.name}: unknown type {t}")


def _count(param: Param, value: Any) -> int:
    """An int parameter: every one the queries take is a count (`limit`, `hops`), a whole
    number from 0 to the largest Cypher integer (the driver cannot send a larger one)."""
    try:
        n = int(str(value).strip()) if not isinstance(value, int) else value
    except ValueError:
        n = None
    if n is None or not 0 <= n <= MAX_INT:
        raise ValueError(f"parameter {param.name}: expected a whole number from 0 to {MAX_INT}, got {value!r}")
    return n


def convert_params(spec: QuerySpec, raw: dict[str, Any]) -> dict[str, Any]:
    """All of the query's parameters, converted; unknown names are an error."""
    known = {p.name for p in spec.params}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ValueError(f"query {spec.name}: unknown parameter(s) {', '.join(unknown)}; "
                         f"expected {', '.join(sorted(known)) or 'none'}")
    return {p.name: convert(p, raw.get(p.name)) for p in spec.params}


def inline(cypher: str, values: dict[str, Any]) -> str:
    """`{{name|lo..hi}}` -> the int parameter's value clamped to lo..hi (digits only);
    `{{name|A|B|C}}` -> `:X|Y` for the names X, Y (each one of A, B, C) the str or list
    parameter holds, or nothing when it holds none."""
    def clamp(m: re.Match) -> str:
        lo, hi = int(m.group(2)), int(m.group(3))
        v = values.get(m.group(1))
        v = lo if v is None else int(v)
        return str(max(lo, min(hi, v)))

    def names(m: re.Match) -> str:
        listed, v = m.group(2).split("|"), values.get(m.group(1))
        held = [v] if isinstance(v, str) else list(v or [])
        held = list(dict.fromkeys(x for x in held if x))
        wrong = [x for x in held if x not in listed]
        if wrong:
            raise ValueError(f"parameter {m.group(1)}: {', '.join(map(str, wrong))} not one of {', '.join(listed)}")
        return ":" + "|".join(held) if held else ""

    return _NAMES.sub(names, _INLINE.sub(clamp, cypher))


def plan(spec: QuerySpec, values: dict[str, Any]) -> list[tuple[str, str | None, str | None]]:
    """The candidates `run_query` tries in order: (variant name or "general", cypher or
    None for no rows, when its answer passes to the next candidate: "empty", "short" or
    None for never)."""
    out: list[tuple[str, str | None, str | None]] = []
    for v in spec.variants:
        if v.applies(values):
            # a window with no bound set misses the rows without a value: unless short
            short = v.unless_short or (v.window is not None and not v.window.bounded(values))
            rule = "empty" if v.unless_empty else "short" if short else None
            out.append((v.name, inline(v.cypher, values) if v.cypher else None, rule))
            if rule is None:
                return out
    out.append(("general", spec.cypher, None))
    return out


def passes_on(rule: str | None, rows: list[dict], values: dict[str, Any]) -> bool:
    """Whether a candidate's `rows` give way to the next candidate under its `rule`."""
    if rule == "empty":
        return not rows
    if rule == "short":
        limit = values.get("limit")
        return limit is None or len(rows) < limit
    return False


def run_query(store: Any, name: str, **params: Any) -> list[dict]:
    """Rows of the named query (read-only, through `store.read`): the first variant that
    applies to the parameters, else the general query."""
    spec = get_query(name)
    values = convert_params(spec, params)
    windows = {v.name: v.window for v in spec.variants if v.window}
    rows: list[dict] = []
    for name_, cypher, rule in plan(spec, values):
        if cypher and name_ in windows:
            rows = read_windows(store, cypher, windows[name_], values)
        else:
            rows = store.read(cypher, **values) if cypher else []
        if not passes_on(rule, rows, values):
            break
    else:
        rows = []
    return derived(spec, rows, values)


def derived(spec: QuerySpec, rows: list[dict], values: dict[str, Any]) -> list[dict]:
    """The rows through the query's `derive` function, if it names one."""
    if spec.derive is None:
        return rows
    module, function = spec.derive
    return getattr(import_module(module), function)(rows, values)


def read_windows(store: Any, cypher: str, w: Window, values: dict[str, Any]) -> list[dict]:
    """A windowed variant's rows: windows from the earliest value within the bounds, widened
    until they fill the limit or pass the latest value (see the module doc)."""
    first = store.read(w.edge("min", values), **values, window_floor=WINDOW_FLOOR)
    lo = first[0]["v"] if first else None
    if lo is None:
        return []
    days, hi_last = w.days, None
    while True:
        hi = lo + timedelta(days=days)
        rows = store.read(cypher, **values, window_from=lo, window_to=hi)
        if len(rows) >= values["limit"]:
            return rows
        if hi_last is None:  # the latest value is needed only once a window falls short
            hi_last = store.read(w.edge("max", values), **values, window_floor=WINDOW_FLOOR)[0]["v"]
        if hi > hi_last:
            return rows
        days *= w.factor
