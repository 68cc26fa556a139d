"""The issuer as the header writes it: the issuer block's capitalised lines before the
number (a council of a unit, a Party committee under its parent, a national body, an
agency), or the authority a decision states after its subject. The bodies and their
words are `domain.bodies`."""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import cache

from domain.bodies import NATIONAL, code_term, committee_words, issuer_codes, local_bodies, party_organisation
from domain.keys import match_key
from domain.places import Unit, era_of, lookup, unit_kinds
from domain.symbols import parse_symbol
from domain.types import type_by_title

from ..agencies import Jurisdiction, canonical, expand, head_of, known_names
from ..model import Agency, Document
from .lines import alternatives, clean_line, is_header_skip, is_upper_line, line_spans, parts_table


@cache
def _header_bodies() -> dict:
    """Issuing bodies as header lines write them, in capitals (`domain.bodies`): council
    words -> the short form of the name ("ỦY BAN NHÂN DÂN" -> "UBND"), Party committee
    words -> the unit kind they imply (None: written after them), the Party organisation
    ("ĐẢNG BỘ": a parent line, never an issuer), unit kinds; the posts written before an
    authority after a decision's subject ("CHỦ TỊCH", document_parts.yaml)."""
    return {
        "councils": {w.upper(): b.prefix for b in local_bodies().values() if b.council for w in b.words},
        "party": {w.upper(): kind for w, kind in committee_words().items()},
        "party_organisation": party_organisation().upper(),
        "unit_kinds": [k.upper() for k in unit_kinds()],
        "authority_posts": parts_table()["authority_posts"],
    }


@cache
def _header_re(kind: str) -> re.Pattern[str]:
    """Header lines naming an issuing body (`_header_bodies`): `council`
    ("ỦY BAN NHÂN DÂN TỈNH LAI CHÂU"), `party` ("HUYỆN ỦY KRÔNG PẮC", "ĐẢNG ỦY XÃ LIÊN
    THỦY") or `authority` (a council after an optional post, "CHỦ TỊCH ỦY BAN …")."""
    hb = _header_bodies()
    kinds = alternatives(hb["unit_kinds"])
    if kind == "council":
        return re.compile(rf"^(?P<org>{alternatives(hb['councils'])})\s+(?P<kind>{kinds})\s+(?P<name>.+)$")
    if kind == "party":
        return re.compile(rf"^(?P<org>{alternatives(hb['party'])})(?:\s+(?P<kind>{kinds}))?\s+(?P<name>.+)$")
    return re.compile(rf"^(?:(?:{alternatives(hb['authority_posts'])})\s+)?"
                      rf"(?P<council>(?:{alternatives(hb['councils'])})\s+\S.*)$")


def authority_line(text: str, start: int, head_end: int) -> str | None:
    """The issuing authority a decision states after its subject ("CHỦ TỊCH ỦY BAN NHÂN
    DÂN PHƯỜNG LONG BÌNH", "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU"): its council, when it is
    the first line there and names a unit."""
    for ls, le in line_spans(text, start, min(head_end, start + 600)):
        line = clean_line(text[ls:le])
        if not line:
            continue
        m = _header_re("authority").match(line) if is_upper_line(line) else None
        return m.group("council") if m and _header_re("council").match(m.group("council")) else None
    return None


def header_issuer(text: str, end: int, doc: Document) -> tuple[str | None, str | None]:
    """The issuer block's last agency (and its parent) in the capitalised lines before "Số:"."""
    groups: list[list[str]] = []
    prev_upper = False
    for ls, le in line_spans(text, 0, end):
        line = clean_line(text[ls:le])
        if not line or not is_upper_line(line) or is_header_skip(line) or line.upper() in type_by_title():
            prev_upper = False
            continue
        # a new agency when the group so far names one ("UBND TỈNH X" / "SỞ NỘI VỤ"), not
        # when it was cut mid-name ("ỦY BAN THƯỜNG VỤ" / "QUỐC HỘI")
        starts_new = not prev_upper or (head_like(line) and head_like(" ".join(groups[-1])))
        if starts_new:
            groups.append([line])
        else:
            groups[-1].append(line)
        prev_upper = True
    names = [" ".join(g) for g in map(_without_motto, groups) if g]
    # the same block is often repeated (gazette section header): keep distinct, in order
    seen: list[str] = []
    for n in names:
        if n not in seen:
            seen.append(n)
    if not seen:
        return None, None
    return seen[-1], (seen[-2] if len(seen) > 1 else None)


def _without_motto(lines: list[str]) -> list[str]:
    """A group of capitalised lines without the national motto that ends it, cut over lines
    of its own ("BỘ NỘI VỤ" / "CỘNG HÒA" / "XÃ HỘI CHỦ NGHĨA VIỆT NAM" -> "BỘ NỘI VỤ")."""
    for j in range(len(lines)):
        if is_header_skip(" ".join(lines[j:])):
            return lines[:j]
    return lines


def head_like(line: str) -> bool:
    """A capitalised line that names an agency ("SỞ NỘI VỤ"), not a continuation ("VÀ …")."""
    return head_of(title_case(line)) is not None and not line.startswith("VÀ ")


def title_case(upper: str) -> str:
    """ "ỦY BAN NHÂN DÂN THÀNH PHỐ LẠNG SƠN" -> "Ủy ban nhân dân thành phố LẠNG SƠN" roughly:
    known names get their case from the tables, the rest is sentence case."""
    s = " ".join(upper.split())
    folded = match_key(s)
    known = known_names().get(match_key(expand(s.title())).lower()) or known_names().get(folded)
    if known:
        return known
    return s[:1] + s[1:].lower()


def _unit_from_header(block: str, on: date | None, near: Unit | None = None,
                      hint: Callable[[], str | None] | None = None) -> tuple[str, Unit | None] | None:
    """ "ỦY BAN NHÂN DÂN PHƯỜNG PHÚ MỸ" -> ("UBND phường Phú Mỹ", the unit): several units of
    that name are narrowed to `near` (the place line's unit) or its province, else to the
    province `hint()` gives (the one the text names most); still several: no unit. A place
    line's unit of another kind or name is never taken."""
    m = _header_re("council").match(block)
    if not m:
        return None
    short = m.group("name").title()
    kind = m.group("kind").lower()
    era = era_of(on)
    hits = lookup(short, era, kind=kind) or lookup(short, "2025" if era == "legacy" else "legacy", kind=kind)
    hits = _narrowed(hits, near, hint)
    org = _header_bodies()["councils"][m.group("org")]
    unit = hits[0] if len(hits) == 1 else None
    name = unit.name if unit else f"{kind} {short}"
    return f"{org} {name}", unit


def _narrowed(hits: list[Unit], near: Unit | None, hint: Callable[[], str | None] | None = None) -> list[Unit]:
    """Units of a header's name: the place line's unit if it is one of them, else those of
    its province, else those of the province `hint()` names (each step only if it leaves some)."""
    if len(hits) > 1 and near is not None:
        if near in hits:
            return [near]
        hits = [u for u in hits if u.province == near.province] or hits
    if len(hits) > 1 and hint is not None:
        where = hint()
        hits = [u for u in hits if u.province == where] or hits
    return hits


def _party_kind(m: re.Match[str]) -> str:
    """The unit kind of a Party header match: implied by the committee word or written."""
    return _header_bodies()["party"][m.group("org")] or (m.group("kind") or "").lower()


def _party_from_header(block: str, on: date | None, parent: str | None = None, near: Unit | None = None
                       ) -> tuple[str, Unit | None] | None:
    """ "HUYỆN ỦY KRÔNG PẮC" -> ("Huyện ủy Krông Pắc", huyện Krông Pắc), "ĐẢNG ỦY XÃ LIÊN
    THỦY" under "ĐẢNG BỘ TỈNH QUẢNG BÌNH" -> ("Đảng ủy xã Liên Thủy", that commune): the
    committee, its place cased as the gazetteer writes it, a commune found in the
    parent's province; of several units of the name, the place line's unit `near` if it
    is one of them (a unit of another kind or name, never)."""
    m = _header_re("party").match(block)
    if not m or m.group("org") == _header_bodies()["party_organisation"]:
        return None
    org = m.group("org")
    kind = _party_kind(m)
    if not kind:
        return None
    short = m.group("name").title()
    era = era_of(on)
    upper = _party_from_header_unit(parent, on) if parent else None
    hits = [u for e in (era, "2025" if era == "legacy" else "legacy") for u in lookup(short, e, kind=kind)]
    if upper is not None:
        hits = [u for u in hits if u.province == upper.province] or hits
    units = list(dict.fromkeys(hits))
    if len(units) > 1 and near is not None and near in units:
        units = [near]
    unit = units[0] if len({(u.name, u.province) for u in units}) == 1 else None
    name = unit.short if unit else short
    if _header_bodies()["party"][org] is None:      # "Đảng ủy xã Liên Thủy"
        return f"{org.capitalize()} {kind} {name}", unit
    return f"{org.capitalize()} {name}", unit


def _party_from_header_unit(block: str, on: date | None) -> Unit | None:
    """The unit of a Party header line ("ĐẢNG BỘ TỈNH QUẢNG BÌNH", "HUYỆN ỦY MINH HÓA")."""
    m = _header_re("party").match(block)
    if not m:
        return None
    kind = _party_kind(m)
    if not kind:
        return None
    hits = lookup(m.group("name").title(), era_of(on), kind=kind) or lookup(m.group("name").title(), "legacy", kind=kind)
    return hits[0] if len({(u.name, u.province) for u in hits}) == 1 else None


def _national_issuer(header: str, symbol: str | None) -> str | None:
    """The national body a header names, when the symbol's issuer code is that body's
    (bodies.yaml, level national) and the header is its name or the start of it."""
    code = symbol_issuer_code(symbol)
    row = issuer_codes().get(code) if code else None
    if not row or row.level != NATIONAL:
        return None
    head, name = match_key(header), match_key(row.name)
    return row.name if head == name or name.startswith(head + " ") else None


def symbol_issuer_code(symbol: str | None) -> str | None:
    if not symbol:
        return None
    sym = parse_symbol(symbol)
    if sym is None:
        return None
    return code_term(sym.issuer_code.split("-")[0])[0] if sym.issuer_code else None


def council_kind(name: str) -> str | None:
    """The kind of the unit's council an issuer's name opens with ("UBND …" -> "ubnd")."""
    return next((b.kind for b in local_bodies().values() if b.council and name.startswith(b.prefix + " ")), None)


def issuer_from_header(doc: Document, header: str, parent: str | None, place_unit: Unit | None,
                       province_named: Callable[[], str | None]) -> None:
    """The issuer the header block names: a council of a unit, a Party committee, a
    national body whose code the symbol carries, else an agency of the parent's or the
    place line's unit."""
    council = _unit_from_header(header, doc.date, place_unit, province_named)
    if council:
        name, unit = council
        doc.issuer = Agency(name=name, text=header, jurisdiction=unit.full if unit else None,
                            kind=council_kind(name), full_name=name)
        doc.province = unit.province if unit else None
        return
    party = _party_from_header(header, doc.date, parent, place_unit)
    if party:
        name, unit = party
        doc.issuer = Agency(name=name, text=header, jurisdiction=unit.full if unit else None,
                            kind="party", full_name=name)
        doc.province = unit.province if unit else None
        return
    national = _national_issuer(header, doc.symbol)
    if national:      # "BAN CHẤP HÀNH TRUNG ƯƠNG" + "60-NQ/TW": not a body of the place line's city
        doc.issuer = Agency(name=national, text=header, jurisdiction=None, kind="national", full_name=national)
        return
    pcouncil = _unit_from_header(parent, doc.date) if parent else None
    punit = pcouncil[1] if pcouncil else place_unit
    jur = Jurisdiction(punit.full, punit.name, punit.province, punit.era) if punit else Jurisdiction()
    ag = canonical(title_case(header), jur)
    ag.text = header
    doc.issuer = ag
    doc.province = punit.province if punit and ag.jurisdiction else None


@cache
def _consolidated_section() -> re.Pattern[str]:
    word = re.escape(parts_table()["consolidated_section"]).replace(r"\ ", r"\s+")
    return re.compile(rf"(?m)^[ \t]*{word}[ \t]*-[ \t]*(?P<body>[^\n]+(?:\n[ \t]*(?:VÀ|-)[^\n]*)?)")


def is_consolidated(text: str, head_end: int) -> bool:
    """The gazette's "VĂN BẢN HỢP NHẤT" section label heads the text."""
    return bool(re.search(r"(?m)^[ \t]*" + re.escape(parts_table()["consolidated_section"]).replace(r"\ ", r"\s+"),
                          text[:head_end]))


def consolidating_body(text: str, head_end: int) -> str | None:
    """The body a gazette's section label names over a consolidated text ("VĂN BẢN HỢP
    NHẤT - BỘ LAO ĐỘNG - THƯƠNG BINH" / "VÀ XÃ HỘI" -> "Bộ Lao động - Thương binh và Xã hội")."""
    m = _consolidated_section().search(text, 0, head_end)
    if not m:
        return None
    name = clean_line(m.group("body"))
    return title_case(name) if name and is_upper_line(name) else None
