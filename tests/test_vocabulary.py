"""Each domain rule lives once: one type table, one body table (domain/data/), no
Vietnamese word or domain code in graph/*.py outside docstrings, no package reaching
into another's private names, and every read of the store a named query of queries/."""
from __future__ import annotations

import ast
import importlib
import importlib.util
import io
import re
import tokenize
from pathlib import Path

import pytest
import yaml

from domain.bodies import issuer_codes
from domain.types import doc_types

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("domain", "loaders", "graph", "queries", "vbgraph", "vbgraph_app", "bench")
TYPE_KEYS = {"types"}
BODY_KEYS = {"issuers", "national", "issuer_codes", "party_codes", "party_codes_by_place", "shared_codes",
             "local_codes", "units", "departments", "header_bodies"}


def _tables_outside_domain() -> list[Path]:
    return [p for p in ROOT.glob("*/data/*.yaml") if p.parts[-3] != "domain"] + list(ROOT.glob("bench/*.yaml"))


@pytest.mark.parametrize("keys,what", [(TYPE_KEYS, "types"), (BODY_KEYS, "bodies")])
def test_one_table_each(keys, what):
    """Types only in domain/data/types.yaml, issuing bodies and their codes only in
    domain/data/bodies.yaml (bench's generator tables describe its own fake corpus)."""
    for path in _tables_outside_domain():
        if path.parts[-2] == "bench":
            continue
        found = keys & set(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
        assert not found, f"{path.relative_to(ROOT)} holds {what}: {sorted(found)}"
    assert (ROOT / "domain" / "data" / f"{what}.yaml").exists()


def _code_tokens(path: Path) -> list[tokenize.TokenInfo]:
    """Comments and string literals of a module, docstrings excepted."""
    src = path.read_text(encoding="utf-8")
    docs = {(n.body[0].lineno, n.body[0].col_offset) for n in ast.walk(ast.parse(src))
            if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and n.body
            and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)
            and isinstance(n.body[0].value.value, str)}
    return [t for t in tokenize.generate_tokens(io.StringIO(src).readline)
            if t.type in (tokenize.COMMENT, tokenize.STRING) and t.start not in docs]


def test_no_vietnamese_in_graph_code():
    """graph/*.py says no Vietnamese word outside docstrings, and the modules that read the
    vocabulary (ids, resolve, build) no issuer or type code: they come from domain/ (a
    rule written twice drifts)."""
    codes = {c.lower() for c in [*issuer_codes(), *doc_types()]}
    readers = {"ids.py", "resolve.py", "build.py"}
    for path in sorted((ROOT / "graph").glob("*.py")):
        for t in _code_tokens(path):
            where = f"{path.relative_to(ROOT)}:{t.start[0]}: {t.string[:80]}"
            assert not any(ord(ch) > 127 and ch.isalpha() for ch in t.string), where
            if t.type == tokenize.STRING and path.name in readers:
                value = ast.literal_eval(t.string) if not t.string.startswith(("f", "rf", "fr")) else ""
                assert not (isinstance(value, str) and value.lower() in codes), where


def _sources() -> list[Path]:
    """The project's Python files: every package, the tests and app.py."""
    return [p for pkg in (*PACKAGES, "tests") for p in sorted((ROOT / pkg).rglob("*.py"))] + [ROOT / "app.py"]


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def _dotted(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        head = _dotted(node.value)
        return head and f"{head}.{node.attr}"
    return None


def test_no_private_names_across_packages():
    """Code outside a package (another package, the tests, app.py) uses its public names
    only: from a package with a public face (`__init__` with `__all__`: domain, loaders,
    graph, queries) the names of `__all__` or a submodule; from a module, names without a
    leading underscore; and no underscore attribute of a module it imported."""
    faces = {pkg: set(importlib.import_module(pkg).__all__) for pkg in ("loaders", "graph", "queries")}
    assert all(faces.values())
    for pkg, names in faces.items():
        module = importlib.import_module(pkg)
        assert all(getattr(module, n, None) is not None for n in names), pkg
    for path in _sources():
        owner = path.relative_to(ROOT).parts[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        bound: dict[str, str] = {}   # local name -> a module of another package
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for a in node.names:
                    if a.name.split(".")[0] in PACKAGES and a.name.split(".")[0] != owner:
                        bound[a.asname or a.name.split(".")[0]] = a.name if a.asname else a.name.split(".")[0]
            if not isinstance(node, ast.ImportFrom) or node.level or not node.module:
                continue
            if node.module.split(".")[0] not in PACKAGES or node.module.split(".")[0] == owner:
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            private = [a.name for a in node.names if a.name.startswith("_")]
            assert not private, f"{where} imports {node.module}.{private}"
            for a in node.names:
                sub = f"{node.module}.{a.name}"
                if _is_module(sub):
                    bound[a.asname or a.name] = sub
                else:
                    assert node.module not in faces or a.name in faces[node.module], \
                        f"{where}: {node.module}.{a.name} is not in {node.module}.__all__"
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
                head = _dotted(node.value)
                root = head and bound.get(head.split(".")[0])
                assert not root, f"{path.relative_to(ROOT)}:{node.lineno} reads {head}.{node.attr}"


# Cypher text: a string that opens with a clause, or holds a node or relationship pattern,
# an UNWIND, an alias of a property or a call (`m.id AS id`, `count(n) AS c`) or a
# parameterised LIMIT/SKIP.
CYPHER = re.compile(r"^\s*(?:OPTIONAL\s+MATCH|MATCH|MERGE|CREATE|UNWIND|RETURN|WITH|CALL|DETACH)\s+\S"
                    r"|\b(?:MATCH|MERGE|CREATE)\s*\(|\bUNWIND\s+[$\[\w]|\b\w+\.`?\w+`?\s+AS\s+\w"
                    r"|\)(?:\[\d+\])?\s+AS\s+\w"
                    r"|<-\s*\[|\]\s*->|\)\s*-\s*\[|\]\s*-\s*\(|\b(?:LIMIT|SKIP)\s+\$")
CYPHER_DIRS = ("vbgraph_app", "vbgraph", "graph")
# The writers, whose Cypher is built from the data they write: labels, relationship
# types and property keys come from each batch (Cypher cannot take them as parameters, and
# ArcadeDB seeks an index only under a label written in the pattern), and the schema's DDL.
CYPHER_WRITERS = {
    ("graph/store.py", None): "the ingest writer: MERGE/CREATE batches per label and edge type, "
                              "the schema, and its own Source/count bookkeeping",
    ("graph/copies.py", None): "the ingest writer's reads inside its write transaction: which "
                               "stored source holds each instrument's text, which fingerprints are stored",
    ("graph/export.py", "cypher_statements"): "the Cypher export: a script for another server, "
                                              "its rows written in as literals",
    ("graph/links.py", None): "the after-ingest link pass and `vbgraph confirm`: they write the "
                              "inferred and curated edges, the reference's link_status and the "
                              "Curation nodes, reading the references and instruments they decide on",
}


def _strings(tree: ast.Module):
    """(enclosing top-level function or None, line, text) of every string literal and
    f-string piece, docstrings excepted."""
    docs = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and n.body
            and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    for top in tree.body:
        func = top.name if isinstance(top, (ast.FunctionDef, ast.ClassDef)) else None
        for n in ast.walk(top):
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs:
                yield func, n.lineno, n.value


def test_cypher_detector_finds_queries_and_fragments():
    from queries.runner import list_queries

    for spec in list_queries():
        assert CYPHER.search(spec.cypher), spec.name
    for text in ("MATCH (n:", ") RETURN count(n) AS c", "m.id AS id, labels(m)[0] AS label", "<-[r",
                 "]->(m:Instrument) ", "UNWIND $ids AS i ", "ORDER BY n.id SKIP $skip", "CALL db.labels()",
                 "WITH a, t ORDER BY t.deadline"):
        assert CYPHER.search(text), text
    for text in ("Các câu lệnh ghi (CREATE, MERGE, SET, DELETE…) bị chặn.", "trả về nút, ví dụ `RETURN a, r, b`",
                 "Đường đi dài 1 bước.", "vbgraph cypher: refused: {exc}", "MATCH"):
        assert not CYPHER.search(text), text


def test_every_cypher_text_is_a_named_query():
    """vbgraph_app/, vbgraph/ and graph/ read the store through the named queries of
    queries/*.cypher only (queries.runner.run_query): no Cypher text in their code, but
    for the writers (CYPHER_WRITERS, each with its reason)."""
    used = set()
    for d in CYPHER_DIRS:
        for path in sorted((ROOT / d).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            for func, line, text in _strings(ast.parse(path.read_text(encoding="utf-8"))):
                if not CYPHER.search(text):
                    continue
                writer = next(((f, w) for f, w in CYPHER_WRITERS if f == rel and w in (None, func)), None)
                assert writer, f"{rel}:{line}: Cypher outside queries/: {text[:80]!r}"
                used.add(writer)
    assert used == set(CYPHER_WRITERS)   # each exemption still needed


def test_inlined_names_are_the_graph_vocabulary():
    """The labels and relation types a named query may inline (`{{label|…}}`, `{{rels|…}}`)
    are graph.model's: every node label, and every edge type or every citation relation."""
    from graph.model import CITATION_RELATIONS, EDGE_TYPES, NODE_LABELS

    lists = [(path.name, tuple(names.split("|")))
             for path in sorted((ROOT / "queries").glob("*.cypher"))
             for names in re.findall(r"\{\{\w+\|([A-Za-z_]\w*(?:\|[A-Za-z_]\w*)+)\}\}", path.read_text(encoding="utf-8"))]
    assert len(lists) >= 8
    for name, names in lists:
        assert names in (NODE_LABELS, EDGE_TYPES, CITATION_RELATIONS), (name, names)
