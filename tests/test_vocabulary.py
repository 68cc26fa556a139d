"""Each domain rule lives once: one type table, one body table (domain/data/), no
Vietnamese word or domain code in graph/*.py outside docstrings, no package reaching
into another's private names."""
from __future__ import annotations

import ast
import io
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


def test_no_private_names_across_packages():
    """A module imports another package's public names only (its `__init__`'s `__all__`
    or a module's names without a leading underscore)."""
    for pkg in PACKAGES:
        for path in sorted((ROOT / pkg).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.ImportFrom) or node.level or not node.module:
                    continue
                if node.module.split(".")[0] == pkg:
                    continue
                private = [a.name for a in node.names if a.name.startswith("_")]
                assert not private, f"{path.relative_to(ROOT)} imports {node.module}.{private}"
