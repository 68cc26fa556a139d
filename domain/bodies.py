"""Issuing bodies and their codes (`data/bodies.yaml`), the one body table.

Three readers share it: the citation finder (which codes are issuers, which are Party
codes, the names read whole after "của"), identity (the issuer a symbol's code and the
place line name: "TB-UBND" + "TP. Lạng Sơn" -> UBND thành phố Lạng Sơn) and
graph/resolve.py (the canonical body of a citation: its name, slug and kind).

Every lookup is on `match_key` (case-insensitive, diacritics kept). A code may carry a
term number: `code_term("QH15") == ("QH", 15)`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from .keys import match_key
from .tables import table

NATIONAL, PROVINCIAL, LOCAL = "national", "provincial", "local"   # IssuerCode.level


def bodies_table() -> dict[str, Any]:
    return table("bodies")


@dataclass(frozen=True)
class NationalBody:
    """A body with one national instance ("Chính phủ", "Ban Chấp hành Trung ương Đảng")."""

    name: str
    slug: str
    codes: tuple[str, ...]
    phrases: tuple[str, ...]
    party: bool = False
    code_names: tuple[tuple[str, str], ...] = ()   # a code naming a part: ("BCTW", "Bộ Chính trị")


@dataclass(frozen=True)
class LocalBody:
    """A body of a unit, named "{prefix} {place}": UBND, HĐND, Thanh tra."""

    kind: str                      # "ubnd", "hdnd", "thanh_tra": the graph's Agency kind
    prefix: str                    # "UBND"
    name: str                      # "Ủy ban nhân dân"
    codes: tuple[str, ...]
    words: tuple[str, ...]         # "ủy ban nhân dân", "ubnd"
    short_words: tuple[str, ...]   # read in running text only ("ub")
    council: bool                  # the unit's own council (a header's "ỦY BAN NHÂN DÂN TỈNH X")


@dataclass(frozen=True)
class IssuerCode:
    """What an issuer code names, as the citation finder and identity need it."""

    code: str
    name: str
    level: str     # NATIONAL, PROVINCIAL (a department), LOCAL (a council, its office, a committee)
    party: bool


@cache
def national_bodies() -> tuple[NationalBody, ...]:
    return tuple(NationalBody(r["name"], r["slug"], tuple(r.get("codes", [])), tuple(r.get("phrases", [])),
                              bool(r.get("party")), tuple((r.get("code_names") or {}).items()))
                 for r in bodies_table()["national"])


@cache
def local_bodies() -> dict[str, LocalBody]:
    """Kind -> LocalBody, in table order."""
    return {kind: LocalBody(kind, r["prefix"], r["name"], tuple(r.get("codes", [])), tuple(r["words"]),
                            tuple(r.get("short_words", [])), bool(r.get("council")))
            for kind, r in bodies_table()["local_bodies"].items()}


@cache
def local_body_words() -> dict[str, str]:
    """Every word that names a local body ("ủy ban nhân dân", "ub", "thanh tra") -> its kind."""
    return {w: b.kind for b in local_bodies().values() for w in (*b.words, *b.short_words)}


@cache
def council_of_code() -> dict[str, str]:
    """Match key of a local body's code ("ubnd", "ub", "hđnd") -> its kind."""
    return {match_key(c): b.kind for b in local_bodies().values() for c in b.codes}


@cache
def _national_heads() -> tuple[str, ...]:
    return tuple(match_key(h) + " " for h in bodies_table()["national_heads"])


def is_national_name(name: str) -> bool:
    """An agency name that is national by its head word ("Bộ Y tế"), whatever its text says."""
    return match_key(name).startswith(_national_heads())


def shared_codes() -> dict[str, dict[str, str]]:
    """Code -> {national: slug, local: kind}: a body of several levels the code leaves open."""
    return bodies_table()["shared_codes"]


def departments() -> dict[str, str]:
    """Provincial department code -> name ("SYT" -> "Sở Y tế")."""
    return bodies_table()["departments"]


def council_offices() -> dict[str, LocalBody]:
    """A council office's code -> its council ("VP" -> UBND: "Văn phòng UBND {unit}")."""
    return {code: local_bodies()[kind] for code, kind in bodies_table()["council_offices"].items()}


def council_office_word() -> str:
    """ "Văn phòng": before the council's name in its office's ("Văn phòng UBND tỉnh X")."""
    return bodies_table()["council_office"]


# ---------------------------------------------------------------- Party

def party_committee_codes() -> dict[str, list[str]]:
    """Party committee code -> the kinds of unit it may be ("TU" -> ["tỉnh", "thành phố"])."""
    return bodies_table()["party_codes"]


def party_units() -> dict[str, list[str]]:
    """A committee's office or board: code -> [committee code, unit name]."""
    return bodies_table()["party_units"]


def committee_name(kind: str | None) -> str | None:
    """The Party committee of a unit of that kind: "tỉnh" -> "Tỉnh ủy"; None for other kinds."""
    return bodies_table()["party_committees"].get(kind or "")


def generic_committee() -> str:
    """ "Đảng ủy": the committee of a unit whose kind has no committee word of its own."""
    return bodies_table()["party_committee"]


def party_organisation() -> str:
    return bodies_table()["party_organisation"]


@cache
def committee_words() -> dict[str, str | None]:
    """Lower-case committee word -> the kind of unit it implies, None when the kind is
    written after it: "tỉnh ủy" -> "tỉnh", "đảng ủy" -> None, "đảng bộ" -> None."""
    out: dict[str, str | None] = {name.lower(): kind for kind, name in bodies_table()["party_committees"].items()}
    out[generic_committee().lower()] = None
    out[party_organisation().lower()] = None
    return out


@cache
def party_codes() -> frozenset[str]:
    """Codes that name a Party body (their symbols are Party documents in any shape)."""
    t = bodies_table()
    codes = [c for b in national_bodies() if b.party for c in b.codes]
    codes += [*t["party_codes"], *t["party_units"], *t["party_others"]]
    return frozenset(codes)


# ---------------------------------------------------------------- codes

_TERM = re.compile(r"^(?P<base>.*?\D)(?P<term>\d+)$")


def code_term(code: str) -> tuple[str, int | None]:
    """A code and the term number written after it: "QH15" -> ("QH", 15), "HĐND9" ->
    ("HĐND", 9), "UBND" -> ("UBND", None)."""
    m = _TERM.match(code)
    return (m.group("base"), int(m.group("term"))) if m else (code, None)


@cache
def issuer_codes() -> dict[str, IssuerCode]:
    """Every issuer code of the table -> what it names (first listing wins)."""
    t = bodies_table()
    out: dict[str, IssuerCode] = {}

    def add(code: str, name: str, level: str, party: bool) -> None:
        out.setdefault(code, IssuerCode(code, name, level, party))

    for b in national_bodies():
        names = dict(b.code_names)
        for c in b.codes:
            add(c, names.get(c, b.name), NATIONAL, b.party)
    for code in shared_codes():
        national = next(b for b in national_bodies() if b.slug == shared_codes()[code]["national"])
        add(code, national.name, NATIONAL, False)
    for b in local_bodies().values():
        for c in b.codes:
            add(c, b.name, LOCAL, False)
    for code, council in council_offices().items():
        add(code, f"{council_office_word()} {council.name}", LOCAL, False)
    for code, name in departments().items():
        add(code, name, PROVINCIAL, False)
    committees = t["party_committees"]
    for code, kinds in t["party_codes"].items():
        add(code, " / ".join(dict.fromkeys(committees.get(k, generic_committee()) for k in kinds)), LOCAL, True)
    for code, (committee, unit) in t["party_units"].items():
        add(code, f"{unit} {out[committee].name}", LOCAL, True)
    for code, name in t["party_others"].items():
        add(code, name, LOCAL, True)
    for code, name in t["either_codes"].items():
        add(code, name, LOCAL, False)
    return out


@cache
def _codes_by_key() -> dict[str, str]:
    return {match_key(c): c for c in issuer_codes()}


def known_code(code: str) -> bool:
    """A table issuer code, allowing a term number after it ("UBTVQH14", "HĐNN8")."""
    return code in issuer_codes() or code_term(code)[0] in issuer_codes()


def code_spelling(code: str) -> str | None:
    """The table's spelling of an issuer code ("ttg" -> "TTg"), None if not in the table."""
    return _codes_by_key().get(match_key(code))


@cache
def code_aliases() -> dict[str, str]:
    """UPPER-CASE alias -> code ("TƯ" -> "TW")."""
    return {k.upper(): v for k, v in (bodies_table().get("code_aliases") or {}).items()}


@cache
def issuer_names() -> tuple[str, ...]:
    """Names the citation finder reads whole after "của": `names` and every body's name."""
    names = list(bodies_table().get("names", []))
    names += [i.name for i in issuer_codes().values() if "/" not in i.name]
    return tuple(dict.fromkeys(names))
