"""Numbers and symbols ("số, ký hiệu") of the five families of DOMAIN.md §1.

Shapes matched on normalised text, case-insensitively, whitespace allowed around
`/` and `-` (PDF line breaks, "311 /TB-UBND", "05/2024/ TT-"):

- normative `{số}/{năm}/{TYPE}-{ISSUER}` and law `{số}/{năm}/QH{khóa}`;
- Party `{số}-{TYPE}/{ISSUER}`;
- administrative `{số}/{TYPE}-{ISSUER}` and công văn `{số}/{ISSUER}-{UNIT}`
  (at least one dash: `1/500`, `5/2021`, `24/24` never match).

Codes are ASCII letters/digits plus Đ, starting with a letter; matching is done
on accented text so ĐA/DA and QĐ/QyĐ stay distinct. All quantifiers on
whitespace are possessive, so matching is linear in the input.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .bodies import issuer_codes, known_code, party_codes
from .spelling import spelled
from .types import LETTER, symbol_type_codes

_CODE = r"[A-ZĐ][A-ZĐ0-9]*+"
_DASH = r"(?:-\s*+|[ \t]++-)"
_SLASH = r"\s*+/\s*+"
_CODES0 = rf"{_CODE}(?:{_DASH}{_CODE})*"
_DASH1 = r"\s*+-\s*+"   # the first dash may have spaces on both sides ("QĐ - UBND")
_CODES1 = rf"{_CODE}{_DASH1}{_CODE}(?:{_DASH}{_CODE})*"
_NCODES = rf"{_CODE}(?:(?:{_DASH1}|/\s*+){_CODE}(?:(?:{_DASH}|/\s*+){_CODE})*)?"   # "TTLT/BTC-BGTVT", "NQLT/UBTVQH15-CP"

# The look-behind sits after the first digit (not before the match), so the pattern
# opens with a digit and the regex engine skips to candidate positions in C.
SYMBOL = re.compile(
    rf"""(?P<num>\d(?<![\w/.%-]\d)\d{{0,4}}[a-zđ]?)(?:
        {_SLASH}(?P<year>(?:19|20)\d\d){_SLASH}(?P<ncodes>{_NCODES})
      | \s*+-\s*+(?P<ptype>{_CODE}){_SLASH}(?P<pcodes>{_CODES0})
      | {_SLASH}(?P<acodes>{_CODES1})
      | /(?P<scode>{_CODE})
    )(?![\w%])""",
    re.IGNORECASE | re.VERBOSE,
)
_SPLIT = re.compile(r"\s*[-/]\s*")
_SEPS = re.compile(r"[-/]")
_LAW = re.compile(r"QH\d*", re.IGNORECASE)


@dataclass
class Symbol:
    """A parsed symbol; `canonical` is the form used for matching and display."""

    canonical: str
    number: str
    family: str
    type: str | None
    issuer_code: str | None
    unit_code: str | None
    year: int | None
    weak: bool = False   # an old or odd shape ("74/CP", "23-L/CTN"): a citation only after type words


@cache
def canonical_codes() -> dict[str, str]:
    """UPPER-CASE key -> canonical spelling for every known code (TTG -> TTg, QYĐ -> QyĐ)."""
    out = {c.upper(): c for c in issuer_codes()}
    out.update(symbol_type_codes())
    return out


def canonical_code(code: str) -> str:
    """`ttg` -> `TTg`, `qđ` -> `QĐ`, unknown codes upper-cased."""
    up = code.upper()
    return canonical_codes().get(up, up)


def _codes(raw: str) -> list[str]:
    return [canonical_code(c) for c in _SPLIT.split(raw.strip())]


def _join(raw: str) -> str:
    """Codes joined as written ("-" or "/"), whitespace removed, each canonical."""
    seps = _SEPS.findall(raw)
    codes = _codes(raw)
    return codes[0] + "".join(sep + c for sep, c in zip(seps, codes[1:]))


def parse_symbol(m: re.Match[str]) -> Symbol | None:
    """The parts of a SYMBOL match, or None when its shape is not a citation."""
    num = m.group("num")
    types = symbol_type_codes()
    if m.group("year"):
        year = int(m.group("year"))
        codes = _codes(m.group("ncodes"))
        canon = f"{num}/{year}/{_join(m.group('ncodes'))}"
        if len(codes) == 1:
            if _LAW.fullmatch(codes[0]):
                return Symbol(canon, num, "law", None, "QH", None, year)
            if not known_code(codes[0]):
                return None
            return Symbol(canon, num, "normative", None, codes[0], None, year)
        t = types.get(codes[0].upper())
        if t is None:
            return Symbol(canon, num, "normative", None, "-".join(codes), None, year)
        return Symbol(canon, num, "normative", t, "-".join(codes[1:]), None, year)
    if m.group("ptype"):
        t = canonical_code(m.group("ptype"))
        codes = _codes(m.group("pcodes"))
        canon = f"{num}-{t}/{'-'.join(codes)}"
        if t.upper() not in types:
            return Symbol(canon, num, "administrative", None, "-".join(codes), None, None, weak=True)
        return Symbol(canon, num, "party", t, "-".join(codes), None, None)
    if m.group("scode"):
        code = canonical_code(m.group("scode"))
        if not known_code(code):
            return None
        return Symbol(f"{num}/{code}", num, "administrative", None, code, None, None, weak=True)
    codes = _codes(m.group("acodes"))
    canon = f"{num}/{'-'.join(codes)}"
    t = types.get(codes[0].upper())
    if t is not None:
        issuer = "-".join(codes[1:])
        family = "party" if codes[-1] in party_codes() else "administrative"
        return Symbol(canon, num, family, t, issuer, None, None)
    return Symbol(canon, num, "cong_van", LETTER, codes[0], "-".join(codes[1:]), None)


def canonical_symbol(text: str) -> str | None:
    """Canonical form of a symbol written alone ("180/tb-vpcp" -> "180/TB-VPCP")."""
    m = SYMBOL.search(spelled(text.strip()))
    if m is None:
        return None
    sym = parse_symbol(m)
    return sym.canonical if sym else None
