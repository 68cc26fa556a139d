"""Numbers and symbols ("số, ký hiệu"): the one grammar of DOMAIN.md §1, and its record.

Shapes matched on spelled text (`domain.spelling`), case-insensitively, whitespace
allowed around `/` and `-` (PDF line breaks, "311 /TB-UBND", "05/2024/ TT-"):

- normative `{số}/{năm}/{TYPE}-{ISSUER}` and law `{số}/{năm}/QH{khóa}`; a lost hyphen is
  restored where the code splits into a type and a known issuer (`61/2019/NĐ-CP`);
- Party `{số}-{TYPE}/{ISSUER}` ("TƯ" for "TW" too);
- administrative `{số}/{TYPE}-{ISSUER}` (Party when the issuer is a Party code: `5/HD-BTGTW`,
  `20/CTr-TU`), công văn `{số}/{ISSUER}-{UNIT}`;
- weak shapes, a citation only after type words: `{số}/{CODE}` (`74/CP`, `285/CCTTHC`),
  the pre-1992 `{số}-{CODE}` written tight and in capitals (`217-HĐBT`, `64-CP`), a space
  for the slash (`1830 QĐ-UBND`), a normative symbol whose hyphen was lost (`61/2019/NĐCP`),
  a Party shape whose type is not a type code (`23-L/CTN`; Party when its issuer is:
  `81-CTHĐ/TU`).

Never a symbol: `1/500`, `5/2021`, `24/24`, `2021-2025`. Codes are letters and digits
starting with a letter (Đ and Ư included, `&` inside: `BNN&PTNT`); matching is done on
accented text so ĐA/DA and QĐ/QyĐ stay distinct. All quantifiers on whitespace are
possessive, so matching is linear in the input.

`symbol_re()` finds symbols in running text, `symbol_of(match)` reads one; `parse_symbol`
reads a symbol written alone (a header's "Số:" value, a portal row, a stored symbol),
where the number may be blank ("/TB-UBND"), spaces inside codes are dropped ("90/TB-BCH
PCTT-TKCN"), an underscore is a dash ("157/TB_UBND"), a note in brackets after it is
dropped ("26/KH-BCĐ (138)") and weak shapes are symbols too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from .bodies import code_aliases, issuer_codes, known_code, party_codes
from .spelling import spelled
from .types import LETTER, is_type, symbol_type_codes, type_name

ADMINISTRATIVE, CONG_VAN, NORMATIVE, LAW, PARTY = "administrative", "cong_van", "normative", "law", "party"

_CODE = r"[A-ZĐƯ](?:[A-ZĐƯ0-9]|&(?=[A-ZĐƯ]))*+"
_DASH = r"(?:-\s*+|[ \t]++-)"
_SLASH = r"\s*+/\s*+"
_CODES0 = rf"{_CODE}(?:{_DASH}{_CODE})*"
_DASH1 = r"\s*+-\s*+"   # the first dash may have spaces on both sides ("QĐ - UBND")
_CODES1 = rf"{_CODE}{_DASH1}{_CODE}(?:{_DASH}{_CODE})*"
_NCODES = rf"{_CODE}(?:(?:{_DASH1}|/\s*+){_CODE}(?:(?:{_DASH}|/\s*+){_CODE})*)?"   # "TTLT/BTC-BGTVT", "NQLT/UBTVQH15-CP"


@cache
def _shapes() -> str:
    types = "|".join(re.escape(t) for t in sorted(symbol_type_codes().values(), key=len, reverse=True))
    return rf"""(?:
        {_SLASH}(?P<year>(?:19|20)\d\d){_SLASH}(?P<ncodes>{_NCODES})
      | \s*+-\s*+(?P<ptype>{_CODE}){_SLASH}(?P<pcodes>{_CODES0})
      | {_SLASH}(?P<acodes>{_CODES1})
      | /(?P<scode>{_CODE})
      | [ \t]++(?P<stype>{types}){_DASH1}(?P<scodes>{_CODES0})
      | -(?P<ocode>{_CODE})
    )"""


@cache
def symbol_re() -> re.Pattern[str]:
    """A symbol in running text. The look-behind sits after the first digit (not before
    the match), so the pattern opens with a digit and the regex engine skips to candidate
    positions in C."""
    return re.compile(rf"(?P<num>\d(?<![\w/.%-]\d)\d{{0,4}}[a-zđ]?){_shapes()}(?![\w%])",
                      re.IGNORECASE | re.VERBOSE)


@cache
def symbol_hint() -> re.Pattern[str]:
    """A cheap test that a text may hold a symbol at all (a number before "/" or "-" and a
    letter, a number and a year, a number, a space and a type code with its dash)."""
    return re.compile(r"\d\s*+[/-]\s*+[A-Za-zĐđ]|\d/(?:19|20)\d\d\s*+/|\d[ \t]++[A-ZĐ][A-Za-zĐđ]*\s*+-",
                      re.IGNORECASE)


@cache
def _alone_re() -> re.Pattern[str]:
    return re.compile(rf"\s*(?P<num>\d{{1,5}}[a-zđ]?)?{_shapes()}[\s.,;:]*", re.IGNORECASE | re.VERBOSE)


_SPLIT = re.compile(r"\s*[-/]\s*")
_SEPS = re.compile(r"[-/]")
_LAW_CODE = re.compile(r"QH\d*", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_NOTE = re.compile(r"\s*\([^()]*\)\s*$")    # a note after a symbol: "26/KH-BCĐ (138)"


@dataclass
class Symbol:
    """A parsed symbol; `canonical` is the form used for matching and display."""

    canonical: str
    number: str | None        # None when blank ("Số: /TB-UBND")
    family: str               # ADMINISTRATIVE, CONG_VAN, NORMATIVE, LAW, PARTY
    type: str | None          # canonical type code; LETTER for a công văn; None when only words say it
    issuer_code: str | None   # "UBND", "CP", "QH15" (with its term), joint issuers "BTC-BCA"
    unit_code: str | None     # a công văn's unit: "VP" in 739/UBND-VP
    year: int | None          # written in the symbol (normative, law)
    weak: bool = False        # an old or odd shape ("74/CP", "217-HĐBT"): a citation only after type words

    @property
    def type_name(self) -> str | None:
        return type_name(self.type)


@cache
def canonical_codes() -> dict[str, str]:
    """UPPER-CASE key -> canonical spelling for every known code (TTG -> TTg, QYĐ -> QyĐ)."""
    out = {c.upper(): c for c in issuer_codes()}
    out.update(symbol_type_codes())
    return out


def canonical_code(code: str) -> str:
    """`ttg` -> `TTg`, `qđ` -> `QĐ`, `tư` -> `TW`, `BNN&PTNT` -> `BNNPTNT`; unknown codes upper-cased."""
    up = code.upper()
    up = code_aliases().get(up, up)
    return canonical_codes().get(up, up)


def _codes(raw: str) -> list[str]:
    return [canonical_code(c) for c in _SPLIT.split(raw.strip())]


@cache
def _type_codes_longest_first() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(symbol_type_codes().items(), key=lambda kv: len(kv[0]), reverse=True))


@lru_cache(maxsize=1 << 14)
def _glued(code: str) -> tuple[str, str] | None:
    """A type code and a known issuer written without their hyphen: "NĐCP" -> ("NĐ", "CP"),
    "TTLTBTC" -> ("TTLT", "BTC"); None unless both parts are table codes."""
    if known_code(code):
        return None
    up = code.upper()
    for key, t in _type_codes_longest_first():
        if up.startswith(key) and len(up) > len(key):
            rest = canonical_code(code[len(key):])
            if known_code(rest):
                return t, rest
    return None


def _normative(num: str | None, year: int, raw: str) -> Symbol | None:
    seps = _SEPS.findall(raw)
    codes = _codes(raw)
    glued = _glued(codes[0]) if not (len(codes) == 1 and _LAW_CODE.fullmatch(codes[0])) else None
    if glued:       # weak: "TCCS 02/2016/CĐUB" is a standard's code, "Thông tư số 27/2016/TTBLĐTBXH" a citation
        codes, seps = [*glued, *codes[1:]], ["-", *seps]
    canon = f"{num or ''}/{year}/" + codes[0] + "".join(sep + c for sep, c in zip(seps, codes[1:]))
    if len(codes) == 1:
        if _LAW_CODE.fullmatch(codes[0]):
            return Symbol(canon, num, LAW, None, codes[0], None, year)
        if not known_code(codes[0]):
            return None
        return Symbol(canon, num, NORMATIVE, None, codes[0], None, year)
    t = symbol_type_codes().get(codes[0].upper())
    if t is None:
        return Symbol(canon, num, NORMATIVE, None, "-".join(codes), None, year)
    return Symbol(canon, num, NORMATIVE, t, "-".join(codes[1:]), None, year, weak=glued is not None)


def _typed(num: str | None, t: str, codes: list[str], weak: bool = False) -> Symbol:
    """`{số}/{TYPE}-{ISSUER}`: a Party document when its issuer is a Party code."""
    family = PARTY if codes[-1] in party_codes() else ADMINISTRATIVE
    return Symbol(f"{num or ''}/{t}-{'-'.join(codes)}", num, family, t, "-".join(codes), None, None, weak)


def symbol_of(m: re.Match[str], alone: bool = False) -> Symbol | None:
    """The parts of a `symbol_re` match, or None when its shape is not a symbol. `alone`:
    the symbol is written by itself, so a bare type code after the slash ("12/QĐ") is one."""
    num = m.group("num") or None
    types = symbol_type_codes()
    if m.group("year"):
        return _normative(num, int(m.group("year")), m.group("ncodes"))
    if m.group("ptype"):
        t = canonical_code(m.group("ptype"))
        codes = _codes(m.group("pcodes"))
        canon = f"{num or ''}-{t}/{'-'.join(codes)}"
        if t.upper() not in types:     # "23-L/CTN" (a Lệnh), "81-CTHĐ/TU" (a Party programme)
            family = PARTY if codes[-1] in party_codes() else ADMINISTRATIVE
            return Symbol(canon, num, family, None, "-".join(codes), None, None, weak=True)
        return Symbol(canon, num, PARTY, t, "-".join(codes), None, None)
    if m.group("scode"):
        code = canonical_code(m.group("scode"))
        if is_type(code):
            return Symbol(f"{num or ''}/{code}", num, ADMINISTRATIVE, code, None, None, None) if alone else None
        if glued := _glued(code):      # "1961/QĐUBND", "30c/NQCP": the hyphen lost in extraction
            return _typed(num, glued[0], [glued[1]], weak=True)
        return Symbol(f"{num or ''}/{code}", num, ADMINISTRATIVE, None, code, None, None, weak=True)
    if m.group("stype"):
        return _typed(num, canonical_code(m.group("stype")), _codes(m.group("scodes")), weak=True)
    if m.group("ocode"):
        if not m.group("ocode").isupper():
            return None             # "quyết 4 - Tư duy": the pre-1992 code is written in capitals
        code = canonical_code(m.group("ocode"))
        return Symbol(f"{num or ''}-{code}", num, ADMINISTRATIVE, None, code, None, None, weak=True)
    codes = _codes(m.group("acodes"))
    t = types.get(codes[0].upper())
    if t is not None:
        return _typed(num, t, codes[1:])
    return Symbol(f"{num or ''}/{'-'.join(codes)}", num, CONG_VAN, LETTER, codes[0], "-".join(codes[1:]), None)


def parse_symbol(text: str | None) -> Symbol | None:
    """A symbol written alone: "311 /TB-UBND", "10/2020/NÐ-CP", "09-NQ/TU", "/TB-UBND"."""
    if not text:
        return None
    s = _NOTE.sub("", spelled(text).replace("_", "-"))      # "157/TB_UBND", "26/KH-BCĐ (138)"
    m = _alone_re().fullmatch(s) or _alone_re().fullmatch(_SPACES.sub("", s))   # "90/TB-BCH PCTT-TKCN"
    return symbol_of(m, alone=True) if m else None


def canonical_symbol(text: str) -> str | None:
    """Canonical form of the first symbol in `text` ("180/tb-vpcp" -> "180/TB-VPCP")."""
    m = symbol_re().search(spelled(text.strip()))
    if m is None:
        return None
    sym = symbol_of(m)
    return sym.canonical if sym else None
