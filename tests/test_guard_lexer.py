"""The guard reads a query as the server's own lexer does, or refuses it.

Each test runs the real lexer of the pinned arcadedb-embedded (`Cypher25Lexer`, a copy of
Neo4j's) in this process's JVM and compares: wherever the guard accepts a query, its
tokens are the server's visible tokens, one for one.
"""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.model import Edge, Fragment, Node
from queries.guard import (NUMBER, PUNCT, QUOTED, STRING, WORD, GuardError,
                           KEYWORDS, check, tokenize)

LEXER = "com.arcadedb.query.opencypher.grammar.Cypher25Lexer"
KINDS = {"IDENTIFIER": WORD, "ESCAPED_SYMBOLIC_NAME": QUOTED, "STRING_LITERAL1": STRING,
         "STRING_LITERAL2": STRING, "DECIMAL_DOUBLE": NUMBER, "UNSIGNED_DECIMAL_INTEGER": NUMBER,
         "UNSIGNED_HEX_INTEGER": NUMBER, "UNSIGNED_OCTAL_INTEGER": NUMBER}
# the lexer's token types that are not words (every other type is a keyword)
NOT_KEYWORDS = set(KINDS) | {
    "SPACE", "SINGLE_LINE_COMMENT", "MULTI_LINE_COMMENT", "ErrorChar", "EXTENDED_IDENTIFIER",
    "AMPERSAND", "ARROW_LEFT_HEAD", "ARROW_LINE", "ARROW_RIGHT_HEAD", "BAR", "COLON",
    "COLONCOLON", "COMMA", "DIVIDE", "DOLLAR", "DOTDOT", "DOUBLEBAR", "EQ", "EXCLAMATION_MARK",
    "GE", "GT", "INVALID_NEQ", "LBRACKET", "LCURLY", "LE", "LPAREN", "LT", "MINUS", "NEQ",
    "PERCENT", "PLUS", "PLUSEQUAL", "POW", "QUESTION", "RBRACKET", "RCURLY", "REGEQ", "RPAREN",
    "SEMICOLON", "TIMES", "DOT"}
BMP = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF]


@pytest.fixture(scope="module")
def server_lex(store_factory):
    """`lex(text) -> [(type, text)]`: the server lexer's visible tokens (no spaces or
    comments; ErrorChar kept)."""
    store_factory("guard_lexer")  # starts this process's JVM and server
    import jpype

    lexer_class = jpype.JClass(LEXER)
    streams = jpype.JClass("org.antlr.v4.runtime.CharStreams")
    vocabulary = lexer_class.VOCABULARY

    def lex(text: str) -> list[tuple[str, str]]:
        lexer = lexer_class(streams.fromString(text))
        lexer.removeErrorListeners()
        return [(str(vocabulary.getSymbolicName(t.getType())), str(t.getText()))
                for t in lexer.getAllTokens() if t.getChannel() == 0]

    return lex


def _agrees(lex, cypher: str) -> bool:
    """False if the guard reads `cypher` otherwise than the server; True if it reads it
    the same way or refuses it."""
    try:
        mine = tokenize(cypher)
    except GuardError:
        return True
    theirs = lex(cypher)
    if len(mine) != len(theirs):
        return False
    for tok, (kind, text) in zip(mine, theirs):
        if cypher[tok.pos:tok.end] != text or kind == "ErrorChar":
            return False
        if KINDS.get(kind, PUNCT if kind in NOT_KEYWORDS else WORD) != tok.kind:
            return False
        if kind not in NOT_KEYWORDS and not tok.keyword:  # a keyword the guard takes for a name
            return False
    return True


@pytest.mark.parametrize("context", [
    "a{c}b",                        # a space, a letter, punctuation or an error between names
    "1{c}2",                        # inside or between numbers
    "RETURN 1 //{c}CREATE (n)\n",   # where a // comment ends
    "RETURN '{c}' AS s, `{c}` AS t",
])
def test_every_character_reads_as_the_server_reads_it(server_lex, context):
    wrong = [f"U+{ord(c):04X}" for c in BMP if not _agrees(server_lex, context.format(c=c))]
    assert wrong == [], f"{context!r}: the guard reads {len(wrong)} characters otherwise: {wrong[:20]}"


def test_line_terminators_as_both_engines_read_them(server_lex):
    """\\r, \\n, \\r\\n end a // comment; U+2028, U+2029, U+0085 do not (to ArcadeDB and to
    Neo4j's Cypher25Lexer alike), and the guard refuses a comment holding them."""
    for end in ("\r", "\n", "\r\n"):
        assert server_lex(f"RETURN 1 // x{end}CREATE (n)")[2:3] == [("CREATE", "CREATE")]
        with pytest.raises(GuardError, match="CREATE"):
            check(f"RETURN 1 // x{end}CREATE (n)")
    for sep in ("\u2028", "\u2029", "\x85"):
        assert server_lex(f"RETURN 1 // x{sep}CREATE (n)") == [("RETURN", "RETURN"), ("UNSIGNED_DECIMAL_INTEGER", "1")]
        assert server_lex(f"RETURN{sep}1") == [("RETURN", "RETURN"), ("UNSIGNED_DECIMAL_INTEGER", "1")]
        with pytest.raises(GuardError, match="line separator"):
            check(f"RETURN 1 // x{sep}CREATE (n)")
        check(f"MATCH (n){sep}RETURN{sep}count(n)")


def test_keyword_lists_cover_the_lexer(server_lex):
    """Every keyword the guard sorts is one keyword to the lexer, and every keyword of the
    lexer is sorted (a new one, say a write command, fails here until it is)."""
    words = {w for key, words in KEYWORDS.items() if key != "commands" for w in words}
    words |= set(KEYWORDS["commands"]) | {w for after in KEYWORDS["commands"].values() for w in after}
    words |= {"SHOW"}
    seen = set()
    for word in sorted(words):
        tokens = server_lex(word.lower())
        assert len(tokens) == 1 and tokens[0][0] != "IDENTIFIER", (word, tokens)
        seen.add(tokens[0][0])
    import jpype

    vocabulary = jpype.JClass(LEXER).VOCABULARY
    every = {str(vocabulary.getSymbolicName(i)) for i in range(1, vocabulary.getMaxTokenType() + 1)}
    assert every - NOT_KEYWORDS - seen == set()


def test_server_prefix_cut_starts_at_the_guards_first_word(server_lex):
    """The EXPLAIN/PROFILE check rests on two facts about the server: before the cut it
    skips only characters the lexer skips too (Character.isWhitespace within SPACE), and
    every character Java (Locale.ROOT) upper-cases to ASCII letters belongs to a word
    (so a first word of ASCII letters is all the cut can take)."""
    import jpype

    locale = jpype.JClass("java.util.Locale").ROOT
    jstring, jchar = jpype.JClass("java.lang.String"), jpype.JClass("java.lang.Character")
    java_spaces = [c for c in BMP if jchar.isWhitespace(ord(c))]
    assert all(server_lex(f"a{c}b") == [("IDENTIFIER", "a"), ("IDENTIFIER", "b")] for c in java_spaces)
    to_letters = [c for c in BMP if not c.isascii()
                  and any("A" <= u <= "Z" for u in str(jstring(c).toUpperCase(locale)))]
    assert "ﬁ" in to_letters and "ı" in to_letters
    assert [c for c in to_letters if tokenize(f"a{c}")[0].text != f"a{c}"] == []
    for start in ("PROﬁLE 'CREATE (n) //'", "/**/PROﬁLE 'CREATE (n) //'", "// x\nEXPLAıN 1"):
        with pytest.raises(GuardError, match="plain letters"):
            check(start)


# pieces a query is spliced from: line terminators (every one either engine knows and
# a few it does not), comments open and closed, quotes, escapes, names, write clauses
PIECES = ["\n", "\r", "\r\n", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\u00a0", " ", "\t",
          "//", "/*", "*/", "'", '"', "`", "\\", "\\'", '\\"', "''", "``",
          "MATCH (n)", "RETURN 1", "RETURN n", "WITH n", "AS x", "x", "n.id", ":", ",", ".", "..",
          "(", ")", "{", "}", "[", "]", "$p", "0", "1.5", "0x1F", "é", "ﬁ", "PROFILE ", "EXPLAIN ",
          "CREATE (m)", "DETACH DELETE n", "SET n.x = 1", "MERGE (m:Instrument {id: 'z'})",
          "REMOVE n.id", "apoc.util.sleep(1)", "count(n)", "toUpper('a')"]
queries = st.lists(st.sampled_from(PIECES), min_size=1, max_size=14).map("".join)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cypher=queries)
def test_spliced_queries_read_as_the_server_reads_them(server_lex, cypher):
    assert _agrees(server_lex, cypher)


@pytest.fixture(scope="module")
def spliced_store(store_factory):
    s = store_factory("guard_spliced")
    s.write_fragments([Fragment("d1", "h", nodes=[Node("Instrument", "i1", {"symbol": "56/KH-UBND"}, True),
                                                  Node("Instrument", "i2", {"symbol": "2318/KL-TTr"})],
                                edges=[Edge("IMPLEMENTS", "i1", "i2", "Instrument", "Instrument", {"source_doc": "d1"})])])
    return s


def _graph(store) -> list:
    return (store.read("MATCH (n) RETURN labels(n) AS l, properties(n) AS p ORDER BY n.id")
            + store.read("MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, properties(r) AS p ORDER BY a"))


TERMINATORS = ["\n", "\r", "\r\n", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\u00a0"]
WRITE_CLAUSES = ["CREATE (m)", "DETACH DELETE n", "SET n.x = 1", "SET n:X", "MERGE (m:X)", "REMOVE n.symbol",
                 "FOREACH (x IN [1] | CREATE ())", "CALL { CREATE () }", "WITH 1 AS y CREATE ()"]
# how a write clause is wrapped: as is, after a comment a terminator ends (or does not),
# inside a comment or a string or a `name`, behind escapes
WRAPS = st.one_of(
    st.just("{w}"),
    st.sampled_from(TERMINATORS).map(lambda t: "// x" + t + "{w}"),
    st.sampled_from(TERMINATORS).map(lambda t: "// {w}" + t),
    st.sampled_from(["/* {w} */", "/* x */{w}", "/* x *{w}/", "/*/ {w} */", "'{w}'", '"{w}"', "`{w}`",
                     "'\\' {w} '", "'\\\\' {w} '", '"\\" {w} "', "'x'{w}", "`x``{w}`", "``{w}``"]))
SPLICED = st.builds(lambda head, pre, wrap, write, post, tail: f"{head}{pre}{wrap.format(w=write)}{post}{tail}",
                    st.sampled_from(["MATCH (n)", "MATCH (n) WITH n", "MATCH (n) WITH n AS x,", "MATCH (n) RETURN n.id AS",
                                     "MATCH (n) WHERE n.id = "]),
                    st.sampled_from([" ", ""] + TERMINATORS), WRAPS, st.sampled_from(WRITE_CLAUSES),
                    st.sampled_from([" ", ""] + TERMINATORS),
                    st.sampled_from(["", " RETURN n", "\nRETURN count(*)", " // end", " RETURN 1 /* */"]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cypher=st.one_of(SPLICED, st.builds("MATCH (n) {}{}{}".format, queries, st.sampled_from(WRITE_CLAUSES), queries)))
def test_a_write_clause_spliced_anywhere_never_writes(spliced_store, cypher):
    """A write clause between any pieces, run on the embedded store: the guard refuses it,
    or what it lets through (the clause in a comment or a string, or a syntax error)
    leaves the graph as it was."""
    before_graph = _graph(spliced_store)
    try:
        spliced_store.read(cypher)
    except GuardError:
        return
    except Exception:  # noqa: BLE001 - the engine refused it (syntax): what counts is the graph
        pass
    assert _graph(spliced_store) == before_graph, cypher
