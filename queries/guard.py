"""The read-only guard: refuse any Cypher that could change the graph.

ArcadeDB executes a CREATE even inside a read transaction, so the guard is the line of
defence. It tokenises the query properly (string literals, comments and backticked
names are skipped, never searched) and then looks at keywords:

- write clauses, however spelt: CREATE MERGE SET DELETE DETACH REMOVE DROP FOREACH
  INSERT ALTER GRANT DENY REVOKE RENAME START STOP TERMINATE LOAD (CSV) USE ...
- `CALL proc` of any procedure not on `READ_PROCEDURES`; `CALL { … }` subqueries are
  allowed because their bodies go through the same rules;
- namespaced function calls outside the temporal/spatial/vector namespaces;
- more than one statement (`;`), unterminated strings or comments.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

WRITE_KEYWORDS = frozenset({
    "CREATE", "MERGE", "SET", "DELETE", "DETACH", "NODETACH", "REMOVE", "DROP", "FOREACH",
    "INSERT", "ALTER", "GRANT", "DENY", "REVOKE", "RENAME", "START", "STOP", "TERMINATE",
    "LOAD", "USE", "ENABLE", "DEALLOCATE", "REALLOCATE", "COMMIT", "ROLLBACK", "BEGIN",
})
READ_PROCEDURES = frozenset({
    "db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
    "db.schema.nodetypeproperties", "db.schema.reltypeproperties", "dbms.components",
})
READ_FUNCTION_NAMESPACES = frozenset({
    "date", "datetime", "localdatetime", "localtime", "time", "duration", "point", "vector",
})
SHOW_ALLOWED = frozenset({"INDEX", "INDEXES", "CONSTRAINT", "CONSTRAINTS", "FUNCTIONS", "PROCEDURES"})


class GuardError(ValueError):
    """The query was refused; the message says why."""


@dataclass(frozen=True)
class Token:
    kind: str   # "name" (identifier/keyword), "quoted" (`backticked`), "string", "param", "number", "punct"
    text: str
    pos: int


_NAME = re.compile(r"[^\W\d]\w*", re.UNICODE)
_NUMBER = re.compile(r"\d[\w.]*")


def tokenize(cypher: str) -> list[Token]:
    """Cypher tokens with comments dropped and literals kept whole."""
    out: list[Token] = []
    i, n = 0, len(cypher)
    while i < n:
        c = cypher[i]
        if c.isspace():
            i += 1
        elif cypher.startswith("//", i):
            j = cypher.find("\n", i)
            i = n if j < 0 else j + 1
        elif cypher.startswith("/*", i):
            j = cypher.find("*/", i + 2)
            if j < 0:
                raise GuardError("unterminated /* comment")
            i = j + 2
        elif c in "'\"":
            j = i + 1
            while j < n and cypher[j] != c:
                j += 2 if cypher[j] == "\\" else 1
            if j >= n:
                raise GuardError("unterminated string literal")
            out.append(Token("string", cypher[i:j + 1], i))
            i = j + 1
        elif c == "`":
            j = i + 1
            while True:
                j = cypher.find("`", j)
                if j < 0:
                    raise GuardError("unterminated `quoted name`")
                if cypher.startswith("``", j):  # escaped backtick
                    j += 2
                    continue
                break
            out.append(Token("quoted", cypher[i + 1:j].replace("``", "`"), i))
            i = j + 1
        elif c == "$":
            m = _NAME.match(cypher, i + 1) or _NUMBER.match(cypher, i + 1)
            end = m.end() if m else i + 1
            out.append(Token("param", cypher[i:end], i))
            i = end
        elif (m := _NAME.match(cypher, i)):
            out.append(Token("name", m.group(), i))
            i = m.end()
        elif (m := _NUMBER.match(cypher, i)):
            out.append(Token("number", m.group(), i))
            i = m.end()
        else:
            out.append(Token("punct", c, i))
            i += 1
    return out


def _dotted(tokens: list[Token], k: int) -> tuple[str, int]:
    """The dotted name starting at tokens[k] ("db.schema.visualization") and the next index."""
    parts: list[str] = []
    while k < len(tokens) and tokens[k].kind in ("name", "quoted"):
        parts.append(tokens[k].text)
        if k + 2 < len(tokens) and tokens[k + 1].text == "." and tokens[k + 2].kind in ("name", "quoted"):
            k += 2
            continue
        k += 1
        break
    return ".".join(parts), k


# admin verbs that are commands only before these words (else: plain names like `start`)
ADMIN_VERBS = {"START": {"DATABASE", "SERVER"}, "STOP": {"DATABASE", "SERVER"},
               "TERMINATE": {"TRANSACTION", "TRANSACTIONS"}}


def _admin_follows(tokens: list[Token], k: int) -> bool:
    nxt = tokens[k + 1].text.upper() if k + 1 < len(tokens) else ""
    return nxt in ADMIN_VERBS[tokens[k].text.upper()]


def _is_name_position(tokens: list[Token], k: int) -> bool:
    """True where a word can only be a name, never a clause: an alias after AS
    (`RETURN r.start AS start`), a map key (`{start: 1}`) or a pattern variable
    (`(start:Instrument)`, `[end]`)."""
    before = tokens[k - 1] if k else None
    after = tokens[k + 1].text if k + 1 < len(tokens) else ""
    if before is None:
        return False
    if before.kind == "name" and before.text.upper() == "AS":
        return True
    if before.text in ("{", ",") and after == ":":
        return True
    return before.text in ("(", "[") and after in (":", ")", "]", "{")


def check(cypher: str) -> None:
    """Raise `GuardError` unless `cypher` is a single read-only statement."""
    if not cypher or not cypher.strip():
        raise GuardError("empty query")
    tokens = tokenize(cypher)
    if not tokens:
        raise GuardError("empty query (only comments)")
    for k, tok in enumerate(tokens):
        prev = tokens[k - 1].text if k and tokens[k - 1].kind == "punct" else ""
        if tok.kind == "punct" and tok.text == ";":
            if any(t for t in tokens[k + 1:]):
                raise GuardError("only one statement is allowed (found ';')")
            continue
        if tok.kind not in ("name", "quoted"):
            continue
        word = tok.text.upper()
        if prev in (".", ":", "$") or _is_name_position(tokens, k):
            continue  # property key, label, type, parameter, alias, map key, pattern variable
        if word in ADMIN_VERBS and not _admin_follows(tokens, k):
            continue  # `start`, `stop` as plain names: only START DATABASE … is a command
        if word in WRITE_KEYWORDS:
            what = "LOAD CSV" if word == "LOAD" else word
            raise GuardError(f"read-only console: {what} is not allowed (the graph cannot be changed here)")
        if tok.kind == "quoted":
            continue
        if word == "SHOW":
            nxt = tokens[k + 1].text.upper() if k + 1 < len(tokens) else ""
            if nxt not in SHOW_ALLOWED and not (
                    nxt in ("ALL", "RANGE", "TEXT", "POINT", "LOOKUP", "FULLTEXT", "VECTOR", "UNIQUE")
                    and k + 2 < len(tokens) and tokens[k + 2].text.upper() in SHOW_ALLOWED):
                raise GuardError(f"read-only console: SHOW {nxt} is not allowed")
        if word == "CALL":
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            if nxt is None:
                raise GuardError("CALL without a procedure")
            if nxt.kind == "punct" and nxt.text in "{(":
                continue  # subquery: its body is checked like the rest
            name, _ = _dotted(tokens, k + 1)
            if name.lower() not in READ_PROCEDURES:
                raise GuardError(
                    f"read-only console: procedure {name or nxt.text!r} is not allowed; "
                    f"allowed: {', '.join(sorted(READ_PROCEDURES))}")
        elif prev != "." and k + 2 < len(tokens) and tokens[k + 1].text == "." \
                and (k == 0 or tokens[k - 1].text.upper() != "CALL"):
            # a namespaced function call: ns.fn(...)
            name, after = _dotted(tokens, k)
            if after < len(tokens) and tokens[after].text == "(" and "." in name:
                ns = name.split(".")[0].lower()
                if ns not in READ_FUNCTION_NAMESPACES and name.lower() not in READ_PROCEDURES:
                    raise GuardError(f"read-only console: function {name!r} is not allowed")
