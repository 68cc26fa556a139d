"""The read-only guard: refuse any Cypher that could change the graph.

ArcadeDB executes a CREATE even inside a read transaction, so the guard is the line of
defence. It reads the query as the server's lexer does (ArcadeDB's Cypher25Lexer, a copy
of Neo4j's; the character classes and keyword lists are in `queries/guard.yaml`) and
refuses:

- what it cannot tokenise with certainty: a character no token may hold, an unterminated
  string, name or comment, a `//` comment holding a character another lexer may end a
  line at, `/*` inside a comment, a number glued to letters, two strings touching, a
  start that would shift the server's EXPLAIN/PROFILE cut;
- a write clause or command however spelt (`keywords.write`, `keywords.commands`, SHOW
  of anything but indexes, constraints, functions and procedures);
- a call of a function not on `read_functions`, wherever it stands, and `CALL` of a
  procedure not on `read_procedures` (`CALL { … }` bodies go through the same rules);
- more than one statement.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

import yaml

WORD, QUOTED, STRING, NUMBER, PUNCT = "word", "quoted", "string", "number", "punct"
NAMES = (WORD, QUOTED)


def _tables() -> dict:
    with resources.files("queries").joinpath("guard.yaml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


_TABLES = _tables()
_LEX, KEYWORDS = _TABLES["lexer"], _TABLES["keywords"]
WRITE_KEYWORDS = frozenset(KEYWORDS["write"])
COMMANDS = {verb: frozenset(after) for verb, after in KEYWORDS["commands"].items()}
SHOW_ALLOWED = frozenset(KEYWORDS["show"])
SHOW_QUALIFIERS = frozenset(KEYWORDS["show_qualifiers"])
BEFORE_PARENTHESIS = frozenset(KEYWORDS["before_parenthesis"])
READ_FUNCTIONS = frozenset(_TABLES["read_functions"])
READ_PROCEDURES = frozenset(_TABLES["read_procedures"])
MESSAGES: dict[str, dict[str, str]] = _TABLES["messages"]

LETTER = "[" + "".join(_LEX["letter"]) + "]"
PART_LETTER = "[" + "".join(_LEX["letter"] + _LEX["part_letter"]) + "]"
_DIGITS, _EXPONENT = r"[0-9](?:_?[0-9])*", r"[eE][+-]?(?:_?[0-9])+"
# the token kinds, in the order they are tried at each position (None: not a token)
TOKEN_KINDS: list[tuple[str | None, str]] = [
    (None, f"[{_LEX['space']}]+"),
    (None, f"//[^{_LEX['comment_end']}]*"),
    (None, r"/\*.*?\*/"),  # no nesting: the first */ ends it
    (STRING, r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\""),  # a backslash escapes any character
    (QUOTED, r"`(?:[^`]|``)*`"),
    (NUMBER, rf"{_DIGITS}\.{_DIGITS}(?:{_EXPONENT})?|\.{_DIGITS}(?:{_EXPONENT})?|{_DIGITS}{_EXPONENT}"
             r"|0x[0-9A-Fa-f]+|0o[0-7]+|[1-9](?:_?[0-9])*|0"),
    (WORD, f"{LETTER}{PART_LETTER}*"),
    (PUNCT, "|".join(map(re.escape, _LEX["punctuation"])) + f"|[{_LEX['arrows']}]"),
]
_TOKEN = re.compile("|".join(f"(?P<t{i}>{p})" for i, (_, p) in enumerate(TOKEN_KINDS)), re.DOTALL)
_PART = re.compile(PART_LETTER)
_UNSURE_IN_COMMENT = re.compile(f"[{_LEX['unsure_in_comment']}]")


class GuardError(ValueError):
    """The query was refused; the message says why: `str()` in English, `.vi` in
    Vietnamese (both from guard.yaml `messages`, by `reason`)."""

    def __init__(self, reason: str, **fields: object) -> None:
        self.reason, self.fields = reason, fields
        self.vi = MESSAGES[reason]["vi"].format(**fields)
        super().__init__(MESSAGES[reason]["en"].format(**fields))

    def __reduce__(self):  # across processes: rebuilt from its reason, not its message
        return _rebuild, (self.reason, self.fields)


def _rebuild(reason: str, fields: dict) -> GuardError:
    return GuardError(reason, **fields)


@dataclass(frozen=True)
class Token:
    kind: str  # WORD (name or keyword), QUOTED (`name`), STRING, NUMBER, PUNCT
    text: str  # as written; a QUOTED name without its backticks, `` read as `
    pos: int
    end: int

    @property
    def keyword(self) -> str:
        """The keyword this word is to the lexer (ASCII letters in any case), else ''."""
        return self.text.upper() if self.kind == WORD and self.text.isascii() else ""


def _unreadable(cypher: str, i: int) -> GuardError:
    c = cypher[i]
    if c in "'\"":
        return GuardError("unterminated_string", at=i)
    if c == "`":
        return GuardError("unterminated_name", at=i)
    name = unicodedata.name(c, "unnamed")
    return GuardError("stray_character", code=f"{ord(c):04X}", name=name, at=i)


def tokenize(cypher: str) -> list[Token]:
    """The query's tokens as the server's lexer reads them, comments and spaces dropped;
    `GuardError` where the reading is not certain."""
    out: list[Token] = []
    i = 0
    while i < len(cypher):
        m = _TOKEN.match(cypher, i)
        if m is None:
            raise _unreadable(cypher, i)
        kind, text, end = TOKEN_KINDS[int(m.lastgroup[1:])][0], m.group(), m.end()
        if text.startswith("//") and _UNSURE_IN_COMMENT.search(text):
            raise GuardError("comment_separator", at=i)
        if text.startswith("/*") and kind is None and "/*" in text[2:]:
            raise GuardError("nested_comment", at=i)
        if text == "/" and cypher.startswith("*", end):
            raise GuardError("unterminated_comment", at=i)
        if kind == NUMBER and _PART.match(cypher, end):
            raise GuardError("glued_number", at=i)
        if kind == STRING and out and out[-1].kind == STRING and out[-1].end == i:
            raise GuardError("touching_strings", at=i)
        if kind == QUOTED:
            text = text[1:-1].replace("``", "`")
        if kind is not None:
            out.append(Token(kind, text, i, end))
        i = end
    return out


def _dotted(tokens: list[Token], k: int) -> tuple[str, int]:
    """The dotted name starting at tokens[k] ("db.schema.visualization") and the index after it."""
    parts = [tokens[k].text]
    k += 1
    while k + 1 < len(tokens) and tokens[k].text == "." and tokens[k + 1].kind in NAMES:
        parts.append(tokens[k + 1].text)
        k += 2
    return ".".join(parts), k


def _is_name(tokens: list[Token], k: int) -> bool:
    """True where a word can only be a name, never a clause: a property key, label, type
    or parameter (after `.`, `:`, `$`), an alias after AS, a map key (`{start: 1}`) or a
    pattern variable (`(start:Instrument)`, `[end]`)."""
    if k == 0:
        return False
    before, after = tokens[k - 1], tokens[k + 1].text if k + 1 < len(tokens) else ""
    if before.kind == PUNCT and before.text in (".", ":", "$") or before.keyword == "AS":
        return True
    if before.text in ("{", ",") and after == ":":
        return True
    return before.text in ("(", "[") and after in (":", ")", "]", "{")


def _next_keyword(tokens: list[Token], k: int) -> str:
    return tokens[k].keyword if k < len(tokens) else ""


def _check_word(tokens: list[Token], k: int) -> None:
    word = tokens[k].keyword
    if not word or _is_name(tokens, k):
        return
    if word in WRITE_KEYWORDS:
        what = {"LOAD": "LOAD CSV", "TRANSACTIONS": "CALL … IN TRANSACTIONS"}.get(word, word)
        raise GuardError("write_clause", what=what)
    if word in COMMANDS and _next_keyword(tokens, k + 1) in COMMANDS[word]:
        raise GuardError("command", what=f"{word} {tokens[k + 1].keyword}")
    if word == "SHOW":
        what = _next_keyword(tokens, k + 1)
        if what not in SHOW_ALLOWED and not (
                what in SHOW_QUALIFIERS and _next_keyword(tokens, k + 2) in SHOW_ALLOWED):
            raise GuardError("show", what=what or "…")
    if word == "CALL":
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if nxt is not None and nxt.text in ("{", "("):
            return  # a subquery: its body is checked like the rest
        name = _dotted(tokens, k + 1)[0] if nxt is not None and nxt.kind in NAMES else ""
        if not (name.isascii() and name.lower() in READ_PROCEDURES):
            raise GuardError("procedure", name=repr(name or "…"), allowed=", ".join(sorted(READ_PROCEDURES)))


def _check_call(tokens: list[Token], k: int) -> None:
    """tokens[k] is `(`: if a name stands before it, that is a function call."""
    end = k - 1
    if end < 0 or tokens[end].kind not in NAMES:
        return
    start = end
    while start >= 2 and tokens[start - 1].text == "." and tokens[start - 2].kind in NAMES:
        start -= 2
    before = tokens[start - 1] if start else None
    if before is not None and before.text == ".":
        raise GuardError("method_call", name=repr(tokens[end].text))
    if before is not None and before.keyword == "CALL":
        return  # a procedure: checked at CALL
    if start == end and tokens[end].keyword in BEFORE_PARENTHESIS:
        return  # a pattern or an expression in parentheses
    name = _dotted(tokens, start)[0]
    if not (name.isascii() and name.lower() in READ_FUNCTIONS):
        raise GuardError("function", name=repr(name))


def _check_server_prefix(tokens: list[Token]) -> None:
    """The server cuts 8 characters off a query whose start, upper-cased, reads "EXPLAIN "
    or "PROFILE "; a letter whose upper case is longer ('ﬁ' → 'FI') would move that cut off
    the guard's tokens. It skips only what the lexer skips first, so the cut starts at the
    first token: that must not be a word with other than ASCII letters (no clause is)."""
    first = tokens[0]
    if first.kind == WORD and not first.text.isascii():
        raise GuardError("odd_start", word=repr(first.text))


def check(cypher: str) -> None:
    """Raise `GuardError` unless `cypher` is a single read-only statement."""
    if not cypher or not cypher.strip():
        raise GuardError("empty")
    tokens = tokenize(cypher)
    if not tokens:
        raise GuardError("only_comments")
    _check_server_prefix(tokens)
    for k, tok in enumerate(tokens):
        if tok.text == ";" and tok.kind == PUNCT and k + 1 < len(tokens):
            raise GuardError("two_statements")
        if tok.kind == WORD:
            _check_word(tokens, k)
        elif tok.kind == PUNCT and tok.text == "(":
            _check_call(tokens, k)
