"""Document types (`data/types.yaml`): codes, names, the words that name them.

Codes keep their canonical spelling (`QĐ`, `CTr`, `QyĐ`, `TTg`-style mixed case) and are
looked up case-insensitively with diacritics kept, so ĐA (Đề án) and DA (Dự án) never
meet. `CV` (công văn) is the type of a letter, whose symbol carries no type code.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from .keys import match_key
from .tables import table

LETTER = "CV"   # the type of a công văn (no type code in its symbol)


@dataclass(frozen=True)
class DocType:
    code: str
    name: str
    words: tuple[str, ...]
    in_symbol: bool
    issuer: str | None = None          # the one body that issues the type
    issuer_since: date | None = None   # ... from that day


def types_table() -> dict[str, Any]:
    """The whole of `types.yaml` (types, generic and titled words, named patterns)."""
    return table("types")


@cache
def doc_types() -> dict[str, DocType]:
    """Type code -> DocType, in table order."""
    out: dict[str, DocType] = {}
    for code, spec in types_table()["types"].items():
        out[code] = DocType(code, spec["name"], tuple(spec.get("words", [])), spec.get("code_in_symbol", True),
                            spec.get("issuer"), spec.get("issuer_since"))
    return out


@cache
def _by_key() -> dict[str, str]:
    return {match_key(c): c for c in doc_types()}


def canonical_type(code: str | None) -> str | None:
    """Canonical type code: "qđ"/"QÐ" -> "QĐ", "Ctr" -> "CTr"; unknown codes upper-cased."""
    if not code:
        return None
    key = match_key(code).replace(" ", "")
    return _by_key().get(key, key.upper())


def is_type(code: str | None) -> bool:
    return bool(code) and match_key(code).replace(" ", "") in _by_key()


def type_name(code: str | None) -> str | None:
    """ "qđ" -> "Quyết định"; None for an unknown code."""
    c = canonical_type(code)
    t = doc_types().get(c) if c else None
    return t.name if t else None


@cache
def type_names() -> dict[str, str]:
    """Type code -> name."""
    return {code: t.name for code, t in doc_types().items()}


@cache
def type_by_title() -> dict[str, str]:
    """ "THÔNG BÁO" -> "TB": a type's name in capitals (the first type of a name)."""
    out: dict[str, str] = {}
    for code, t in doc_types().items():
        out.setdefault(t.name.upper(), code)
    return out


@cache
def symbol_type_codes() -> dict[str, str]:
    """UPPER-CASE key -> canonical type code, for codes that may open a symbol."""
    return {c.upper(): c for c, t in doc_types().items() if t.in_symbol}


@cache
def type_by_word() -> dict[str, str]:
    """Lower-case type phrase (single-spaced) -> type code."""
    out: dict[str, str] = {}
    for code, t in doc_types().items():
        for w in t.words:
            out.setdefault(" ".join(w.lower().split()), code)
    return out


@cache
def generic_words() -> frozenset[str]:
    """Words that name no particular type ("văn bản số 3343/VPCP-TH")."""
    return frozenset(" ".join(w.lower().split()) for w in types_table().get("generic_words", []))


@cache
def titled_types() -> frozenset[str]:
    """Types whose title comes before "số" ("Luật Bảo hiểm y tế số 25/2008/QH12")."""
    return frozenset(types_table().get("titled_types", []))


def sole_issuer(code: str | None, on: date | None) -> str | None:
    """The one body that issues documents of this type on that day ("NĐ" -> "Chính phủ"
    from October 1992; "L" -> "Quốc hội"), None when several may."""
    t = doc_types().get(canonical_type(code) or "")
    if t is None or t.issuer is None or (t.issuer_since and on and on < t.issuer_since):
        return None
    return t.issuer
