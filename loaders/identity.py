"""The document's own identity, read from its header and footer (DOMAIN.md §4).

Header: issuer block (often lost in extraction), "Số: 311/TB-UBND", place and date,
the type in capitals, the subject line(s). Footer: "Nơi nhận:" list, the signing
authority ("TL. CHỦ TỊCH / KT. CHÁNH VĂN PHÒNG") and the signer's name. The meeting
chair is read from the opening paragraph. Portal rows take identity from metadata.

When the header has no issuer, it is inferred from the symbol's issuer code and the
place line ("TB-UBND" + "TP. Lạng Sơn" -> UBND thành phố Lạng Sơn, tỉnh Lạng Sơn),
using the gazetteer of the era of the document's date (before/after 1 July 2025).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from functools import cache

from domain.bodies import (
    NATIONAL, code_term, committee_name, committee_words, council_office_word, council_offices, departments,
    generic_committee, issuer_codes, local_bodies, national_bodies, party_committee_codes, party_organisation,
)
from domain.keys import match_key
from domain.symbols import ADMINISTRATIVE, Symbol, parse_symbol
from domain.types import LETTER, type_by_title, type_name, type_names

from .agencies import Jurisdiction, canonical, expand, known_names, split_recipients
from .model import Agency, Document, Person
from .normalize import NormText, normalize
from domain.places import LEVELS, Unit, dominant_province, era_of, lookup, resolve_place, unit_kinds
from .tables import table

_HEAD_CHARS = 6000     # the header is in the first few thousand characters
_TEXT_FOR_PROVINCE = 20_000   # where a place line's province is looked for when its name is shared
_FOOT_CHARS = 6000


def _parts() -> dict:
    return table("document_parts")


def _titles() -> dict:
    return table("titles")


# ---------------------------------------------------------------- helpers

def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each line in text[start:end], without the newline."""
    out = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        out.append((pos, stop))
        pos = stop + 1
    return out


def _clean(s: str) -> str:
    return " ".join(s.split()).strip(_parts()["rules_chars"] + " ")


def _is_upper_line(s: str) -> bool:
    letters = "".join(filter(str.isalpha, s))
    return len(letters) >= 2 and sum(map(str.isupper, letters)) >= 0.9 * len(letters)


@cache
def _number_re() -> re.Pattern[str]:
    words = list(_parts()["number_labels"]) + [f"{name} số" for name in type_names().values()]
    labels = "|".join(re.escape(x) for x in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?m)^[ \t]*(?:{labels})[ \t]*:[ \t]*(?P<sym>[\d \t]*[/-][ \t]*[^\W_][\w&/ \t.-]*?)[ \t.\r]*$")


# Party documents write their number without a colon, alone on its line: "Số 04-CT/HU"
_NUMBER_NO_COLON = re.compile(r"(?m)^[ \t]*Số[ \t]+(?P<sym>\d[\w&.]*[/-][\w&/.-]*)[ \t.\r]*$")


_PLACE_DATE = re.compile(
    r"(?m)^[ \t]*(?P<place>[^\W\d_][^\n,:;]{1,40}?)[ \t]*,[ \t]*ngày[ \t.…]*(?P<d>\d{1,2})?[ \t.…]*"
    r"tháng[ \t.…]*(?P<m>\d{1,2})?[ \t.…]*năm[ \t.…]*(?P<y>\d{4})")


# ---------------------------------------------------------------- header table

# Cell separators of a header row as text extraction writes it: " | " (docx reader,
# HTML tables), "|" (antiword, striprtf), tabs, or a wide run of spaces.
_CELL_SEP = re.compile(r"[ \t]*\|[ \t]*|[ \t]*\t[ \t]*| {3,}")


def _cells(text: str, ls: int, le: int) -> list[tuple[int, int]]:
    """(start, end) of the cells of one line; empty cells kept for pipe tables (their
    position is the column), dropped for space/tab layouts."""
    line = text[ls:le]
    piped = "|" in line
    body_s, body_e = ls, le
    if piped:
        stripped = line.strip(" \t")
        if stripped.startswith("|"):            # antiword: "|left   |right   |"
            body_s = ls + line.index("|") + 1
        if stripped.endswith("|"):
            body_e = ls + line.rindex("|")
    else:
        while body_s < body_e and text[body_s] in " \t":
            body_s += 1
    out: list[tuple[int, int]] = []
    pos = body_s
    for m in _CELL_SEP.finditer(text, body_s, body_e):
        if not piped and "|" in m.group():
            continue
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, body_e))
    out = [(s, e) for s, e in out if piped or text[s:e].strip()]
    while out and not text[out[-1][0]:out[-1][1]].strip():
        out.pop()
    return out


@cache
def _cell_breaks() -> re.Pattern[str]:
    """Where one cell holds several header lines that the reader joined with spaces
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc TP. Lạng Sơn, ngày …",
    "ỦY BAN NHÂN DÂN TỈNH X Số: 12/QĐ-UBND"): after a header_skip phrase, before a number label."""
    skip = "|".join(re.escape(x) for x in sorted(_parts()["header_skip"], key=len, reverse=True))
    labels = "|".join(re.escape(x) for x in sorted(_parts()["number_labels"], key=len, reverse=True))
    return re.compile(rf"(?P<skip>{skip}) (?=\S)|(?<=\S) (?=(?:{labels})[ \t]*:)", re.IGNORECASE)


def _split_cell(cell: str) -> str:
    return _cell_breaks().sub(lambda m: (m.group("skip") + "\n") if m.group("skip") else "\n", cell)


def _is_header_cell(cell: str) -> bool:
    """A cell of the header: "Số: …", place and date, the national motto, an agency in capitals."""
    c = _clean(cell)
    return bool(c) and (bool(_number_re().match(c)) or bool(_PLACE_DATE.match(c))
                        or c.upper() in _header_skip() or (_is_upper_line(c) and _head_like(c)))


@cache
def _header_skip() -> frozenset[str]:
    return frozenset(s.upper() for s in _parts()["header_skip"])


def decolumn_header(text: str, head_end: int) -> str:
    """The text with its header table (rows of 2+ cells in the first `head_end`
    characters) rewritten column by column: the left cells (issuer block, "Số: …") as
    lines, then the right cells (national motto, place and date). The length and every
    offset outside the table are unchanged; text without such a table is returned as is.
    """
    if "|" not in text[:head_end] and "\t" not in text[:head_end] and "   " not in text[:head_end]:
        return text
    lines = _lines(text, 0, head_end if head_end == len(text) else text.rfind("\n", 0, head_end) + 1)
    rows = [(ls, le, _cells(text, ls, le)) for ls, le in lines]
    out: list[str] = []
    pos = 0
    i = 0
    while i < len(rows):
        ls, le, cells = rows[i]
        if len(cells) < 2 and _clean(text[ls:le]).upper() in type_by_title():
            break                             # "THÔNG BÁO": the header has ended
        if len(cells) < 2 or not any(_is_header_cell(text[s:e]) for s, e in cells):
            i += 1
            continue
        # a run: table rows, with at most two lines between them (blank, rules, a cell alone)
        first = last = i
        j = i + 1
        while j < len(rows) and j - last <= 3:
            if len(rows[j][2]) >= 2:
                last = j
            j += 1
        cols: dict[int, list[str]] = {}
        stops: list[int] = []          # column start offsets of the space layout
        for k in range(first, last + 1):
            ks, ke, kcells = rows[k]
            if len(kcells) >= 2:
                for c, (s, e) in enumerate(kcells):
                    cols.setdefault(c, []).append(text[s:e])
                if not stops:
                    stops = [s - ks for s, _ in kcells]
            elif kcells:
                s, e = kcells[0]
                indent = len(text[ks:s].expandtabs(8))
                c = min(range(len(stops)), key=lambda x: abs(stops[x] - indent)) if stops and indent >= 4 else 0
                cols.setdefault(c, []).append(text[s:e])
        start, end = rows[first][0], rows[last][1]
        cells = [_split_cell(" ".join(x.split())) for c in sorted(cols) for x in cols[c] if x.strip()]
        new = "\n".join(cells)
        if len(new) > end - start:          # cannot happen (each cell had a separator); be safe
            i = last + 1
            continue
        out.append(text[pos:start])
        out.append(new + " " * (end - start - len(new)))
        pos = end
        i = last + 1
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


# ---------------------------------------------------------------- main

def parse_identity(doc: Document, nt: NormText) -> None:
    """Fill the document's own identity fields (number, type, date, issuer, signer ...)."""
    if doc.metadata and any(doc.metadata.get(k) for k in ("symbol", "date", "subject")):
        _from_metadata(doc)
        return
    body_text = nt.text
    if not body_text.strip():
        return
    head_end = min(len(body_text), _HEAD_CHARS)
    # a header laid out as a 2-column table: its cells as lines, column by column
    # (same length, so offsets stay those of the text)
    text = decolumn_header(body_text, head_end)
    num = _number_re().search(text, 0, head_end) or _NUMBER_NO_COLON.search(text, 0, head_end)
    if num:
        sym = parse_symbol(num.group("sym"))
        if sym:
            _set_symbol(doc, sym)
    pd = _PLACE_DATE.search(text, 0, head_end)
    if pd:
        doc.place = _clean(pd.group("place"))
        y = int(pd.group("y"))
        doc.year = y
        if pd.group("d") and pd.group("m"):
            doc.date = _safe_date(y, int(pd.group("m")), int(pd.group("d")))
        if doc.date is None:
            doc.warnings.append(f"incomplete date: {' '.join(pd.group().split())}")
    title_end = _title_and_subject(doc, text, max(num.end() if num else 0, pd.end() if pd else 0), head_end)
    _letter_if_untyped(doc)
    block_end = min(x.start() for x in (num, pd) if x) if (num or pd) else 0
    header_issuer, parent = _header_issuer(text, block_end, doc)
    if header_issuer is None:   # header lost: "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG LONG BÌNH" names it
        header_issuer = _authority_line(text, title_end, head_end)
    _set_issuer(doc, header_issuer, parent, text)
    if num is None and pd is None and header_issuer is None and _is_news_page(nt):
        _news_page(doc, nt)
    _addressees(doc, text, block_end, title_end, head_end)
    foot = _footer(doc, nt, body_text, title_end)
    _chair(doc, nt, body_text, title_end, foot)


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


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
        "authority_posts": _parts()["authority_posts"],
    }


@cache
def _party_formats() -> dict[str, dict[str, str]]:
    """Party committee code -> {unit kind: the committee's name}: "TU" -> {"tỉnh": "Tỉnh ủy
    {short}", "thành phố": "Thành ủy {short}"}; "ĐU" -> {"xã": "Đảng ủy xã {short}", …}."""
    return {code: {k: f"{committee_name(k)} {{short}}" if committee_name(k) else f"{generic_committee()} {k} {{short}}"
                   for k in kinds}
            for code, kinds in party_committee_codes().items()}


@cache
def _issuer_formats() -> dict[str, str]:
    """Issuer code -> the issuer's name, "{unit}" the place line's unit: "UBND" -> "UBND
    {unit}", "VP" -> "Văn phòng UBND {unit}", "CP" -> "Chính phủ" (a national body)."""
    out = {c: f"{b.prefix} {{unit}}" for b in local_bodies().values() if b.council for c in b.codes}
    out.update({c: f"{council_office_word()} {b.prefix} {{unit}}" for c, b in council_offices().items()})
    out.update({c: b.name for b in national_bodies() for c in b.codes})
    return out


@cache
def _header_re(kind: str) -> re.Pattern[str]:
    """Header lines naming an issuing body (`_header_bodies`): `council`
    ("ỦY BAN NHÂN DÂN TỈNH LAI CHÂU"), `party` ("HUYỆN ỦY KRÔNG PẮC", "ĐẢNG ỦY XÃ LIÊN
    THỦY") or `authority` (a council after an optional post, "CHỦ TỊCH ỦY BAN …")."""
    hb = _header_bodies()
    kinds = _alternatives(hb["unit_kinds"])
    if kind == "council":
        return re.compile(rf"^(?P<org>{_alternatives(hb['councils'])})\s+(?P<kind>{kinds})\s+(?P<name>.+)$")
    if kind == "party":
        return re.compile(rf"^(?P<org>{_alternatives(hb['party'])})(?:\s+(?P<kind>{kinds}))?\s+(?P<name>.+)$")
    return re.compile(rf"^(?:(?:{_alternatives(hb['authority_posts'])})\s+)?"
                      rf"(?P<council>(?:{_alternatives(hb['councils'])})\s+\S.*)$")


def _authority_line(text: str, start: int, head_end: int) -> str | None:
    """The issuing authority a decision states after its subject ("CHỦ TỊCH ỦY BAN NHÂN
    DÂN PHƯỜNG LONG BÌNH", "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU"): its council, when it is
    the first line there and names a unit."""
    for ls, le in _lines(text, start, min(head_end, start + 600)):
        line = _clean(text[ls:le])
        if not line:
            continue
        m = _header_re("authority").match(line) if _is_upper_line(line) else None
        return m.group("council") if m and _header_re("council").match(m.group("council")) else None
    return None


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _set_symbol(doc: Document, sym: Symbol) -> None:
    doc.number, doc.symbol = sym.number, sym.canonical
    doc.type, doc.type_name, doc.family = sym.type, sym.type_name, sym.family
    if sym.year and doc.year is None:
        doc.year = sym.year


def _letter_if_untyped(doc: Document) -> None:
    """A symbol with no type code ("1472/UBND", "251-BCĐ") whose title names no type
    either: the document is a letter (công văn)."""
    if doc.type is None and doc.family == ADMINISTRATIVE:
        doc.type, doc.type_name = LETTER, type_name(LETTER)


def _title_and_subject(doc: Document, text: str, start: int, head_end: int) -> int:
    """Type from the capitalised title line; subject from the lines after it. Returns body start."""
    titles = type_by_title()
    for ls, le in _lines(text, start, head_end):
        line = _clean(text[ls:le])
        code = titles.get(line.upper()) if line and _is_upper_line(line) else None
        if code is None:
            continue
        if doc.type is None or doc.type in (LETTER, "L") and code != doc.type:   # "BỘ LUẬT" over QH
            doc.type, doc.type_name = code, type_names()[code]
        subject: list[str] = []
        end = le
        seen_text = False
        for s2, e2 in _lines(text, le + 1, min(len(text), le + 1500)):
            line2 = _clean(text[s2:e2])
            if not line2:
                if seen_text:
                    break
                continue
            if any(line2.startswith(w) for w in _parts()["subject_stops"]) or len(subject) >= 5:
                break
            if recipients_re().match(line2):      # a Word file has no blank line before its footer
                break
            if seen_text and _is_upper_line(line2) and not _is_upper_line(subject[-1]):
                break     # "THỦ TƯỚNG CHÍNH PHỦ" repeated before the preamble
            subject.append(line2)
            seen_text = True
            end = e2
        if subject:
            doc.subject = " ".join(subject)
        return end
    return start


def _header_issuer(text: str, end: int, doc: Document) -> tuple[str | None, str | None]:
    """The issuer block's last agency (and its parent) in the capitalised lines before "Số:"."""
    skip = _header_skip()
    groups: list[list[str]] = []
    prev_upper = False
    for ls, le in _lines(text, 0, end):
        line = _clean(text[ls:le])
        if not line or not _is_upper_line(line) or line.upper() in skip or line.upper() in type_by_title():
            prev_upper = False
            continue
        # a new agency when the group so far names one ("UBND TỈNH X" / "SỞ NỘI VỤ"), not
        # when it was cut mid-name ("ỦY BAN THƯỜNG VỤ" / "QUỐC HỘI")
        starts_new = not prev_upper or (_head_like(line) and _head_like(" ".join(groups[-1])))
        if starts_new:
            groups.append([line])
        else:
            groups[-1].append(line)
        prev_upper = True
    names = [" ".join(g) for g in groups]
    # the same block is often repeated (gazette section header): keep distinct, in order
    seen: list[str] = []
    for n in names:
        if n not in seen:
            seen.append(n)
    if not seen:
        return None, None
    return seen[-1], (seen[-2] if len(seen) > 1 else None)


def _head_like(line: str) -> bool:
    from .agencies import head_of
    return head_of(_title_case(line)) is not None and not line.startswith("VÀ ")


def _title_case(upper: str) -> str:
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


def _set_issuer(doc: Document, header: str | None, parent: str | None, text: str) -> None:
    """Issuer from the header block, else from the symbol's issuer code and the place.
    `text` is the normalised text; the province it names most is counted once, if needed."""
    head = text[:_TEXT_FOR_PROVINCE]
    province_named = cache(lambda: dominant_province(head, doc.date, min_count=1))
    place_unit = resolve_place(doc.place, doc.date) if doc.place else None
    if doc.place and place_unit is None:   # "Châu Thành": of the province the text names most
        hint = province_named()
        place_unit = resolve_place(doc.place, doc.date, within=hint) if hint else None
    if doc.place and place_unit is None:
        place_unit = resolve_place(doc.place)
    if place_unit is not None and not header:
        lower = _lower_unit_spoken_for(place_unit, head, province_named)
        if lower is not False:       # "Tân Bình" is xã Tân Bình here, not quận Tân Bình
            place_unit = lower
    if header:
        council = _unit_from_header(header, doc.date, place_unit, province_named)
        if council:
            name, unit = council
            doc.issuer = Agency(name=name, text=header, jurisdiction=unit.full if unit else None,
                                kind="ubnd" if name.startswith("UBND") else "hdnd", full_name=name)
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
        ag = canonical(_title_case(header), jur)
        ag.text = header
        doc.issuer = ag
        doc.province = punit.province if punit and ag.jurisdiction else None
        return
    code = _symbol_issuer_code(doc.symbol)
    by_kind = _party_formats().get(code) if code else None
    if by_kind is not None:
        _party_issuer_from_place(doc, by_kind, place_unit)
        return
    fmt = _issuer_formats().get(code) if code else None
    if fmt is None:
        if place_unit is not None:
            doc.province = place_unit.province
            dept = _provincial_department(code)
            if dept:   # "Số: 7/SYT-NVY" + "Vĩnh Phúc, ngày ..." -> Sở Y tế tỉnh Vĩnh Phúc
                jur = Jurisdiction(place_unit.province, place_unit.province, place_unit.province, place_unit.era)
                doc.issuer = canonical(dept, jur)
        return
    if "{" in fmt and place_unit is None:
        return
    name = fmt.format(unit=place_unit.name if place_unit else "", short=place_unit.short if place_unit else "")
    national = "{" not in fmt
    jur = None if national else place_unit.full
    kind = "ubnd" if name.startswith("UBND") else ("hdnd" if name.startswith("HĐND") else None)
    doc.issuer = Agency(name=name, text=None, jurisdiction=jur, kind=kind or ("national" if national else None),
                        full_name=name)
    doc.province = None if national else place_unit.province


@cache
def _self_reference_res(kind: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """For a unit kind ("xã"): its council acting ("UBND xã ban hành", document_parts.yaml
    `self_reference_acts`) and its council by the bare level word ("UBND xã," "UBND xã đã")."""
    councils = "|".join(re.escape(c) for c in _parts()["self_reference_councils"])
    acts = "|".join(re.escape(c) for c in _parts()["self_reference_acts"])
    k = re.escape(kind)
    return (re.compile(rf"(?<!\w)(?:{councils})\s+{k}\s+(?:{acts})(?!\w)"),
            re.compile(rf"(?<!\w)(?:{councils})\s+{k}(?=\s+[a-zđà-ỹ]|\s*[.,;:)]|\s*$)"))


def _lower_unit_spoken_for(place_unit: Unit, head: str, province_named: Callable[[], str | None]
                           ) -> Unit | None | bool:
    """The place line's name read as a lower unit when the text (`head`, normalised) speaks
    for a council of that kind ("UBND xã ban hành …", "Chủ tịch UBND xã kết luận như sau"),
    or names the unit ("trên địa bàn xã Tân Bình") and its council by the bare level word:
    that unit if one of the name (in the province the text names most), None if several
    (no issuer: never a guess), False if the text says nothing of it."""
    rank = LEVELS.index(place_unit.level)
    lower = [u for u in lookup(place_unit.short, place_unit.era) if LEVELS.index(u.level) > rank]
    if not lower or _self_reference_res(place_unit.kind)[0].search(head):
        return False
    for kind in dict.fromkeys(u.kind for u in lower):
        acting, bare = _self_reference_res(kind)
        named = re.search(rf"(?<!\w){re.escape(kind)}\s+{re.escape(place_unit.short)}(?!\w)", head, re.I)
        if not ((named and bare.search(head)) or acting.search(head)):
            continue
        hits = [u for u in lower if u.kind == kind]
        if len(hits) > 1:
            where = province_named()
            hits = [u for u in hits if u.province == where] if where else []
        return hits[0] if len(hits) == 1 else None
    return False


def _party_issuer_from_place(doc: Document, by_kind: dict[str, str], place_unit: Unit | None) -> None:
    """ "Số 02-KH/ĐU" + "Gia Phú, ngày ..." -> Đảng ủy xã Gia Phú: the place read as a unit of
    a kind the code allows (the only one of that name), else no issuer."""
    era = era_of(doc.date)
    unit = place_unit if (place_unit is not None and place_unit.kind in by_kind
                          and (doc.date is None or place_unit.era == era)) else None
    if unit is None and doc.place:
        short = _clean(doc.place)
        hits = {(u.name, u.province): u for kind in by_kind for u in lookup(short, era, kind=kind)}
        unit = next(iter(hits.values())) if len(hits) == 1 else None
    if unit is None:
        if place_unit is not None:
            doc.province = place_unit.province
        return
    name = by_kind[unit.kind].format(short=unit.short, unit=unit.name)
    doc.issuer = Agency(name=name, text=None, jurisdiction=unit.full, kind="party", full_name=name)
    doc.province = unit.province


def _national_issuer(header: str, symbol: str | None) -> str | None:
    """The national body a header names, when the symbol's issuer code is that body's
    (bodies.yaml, level national) and the header is its name or the start of it."""
    code = _symbol_issuer_code(symbol)
    row = issuer_codes().get(code) if code else None
    if not row or row.level != NATIONAL:
        return None
    head, name = match_key(header), match_key(row.name)
    return row.name if head == name or name.startswith(head + " ") else None


def _provincial_department(code: str | None) -> str | None:
    """The provincial department an issuer code names ("SYT" -> "Sở Y tế", bodies.yaml)."""
    return departments().get(code) if code else None


def _symbol_issuer_code(symbol: str | None) -> str | None:
    if not symbol:
        return None
    sym = parse_symbol(symbol)
    if sym is None:
        return None
    return code_term(sym.issuer_code.split("-")[0])[0] if sym.issuer_code else None


# ---------------------------------------------------------------- news pages

def _news() -> dict:
    return _parts().get("news_page", {})


_NEWS_MENTION = re.compile(r"\(\s*số\s+\d{1,5}\s*[/-]", re.IGNORECASE)


def _is_news_page(nt: NormText) -> bool:
    """A portal page summarising documents: a marker of `news_page` or a "(số X" mention."""
    spec = _news()
    head = nt.text[: spec.get("title_chars", 2000)]
    if any(m.upper() in head.upper() for m in spec.get("official_marks", [])):
        return False
    head_orig = nt.original[: spec.get("title_chars", 2000)]
    return any(m in head_orig for m in spec.get("markers", [])) or bool(_NEWS_MENTION.search(nt.text))


@cache
def _period_re() -> re.Pattern[str]:
    links = "|".join(re.escape(x) for x in sorted(_news().get("range_links", []), key=len, reverse=True))
    d = r"(?:ngày\s+)?\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?"
    return re.compile(rf"(?:từ\s+)?{d}\s*(?:{links})\s*(?:ngày\s+)?(?P<d>\d{{1,2}})\s*/\s*(?P<m>\d{{1,2}})\s*/\s*(?P<y>\d{{4}})",
                      re.IGNORECASE)


def _news_page(doc: Document, nt: NormText) -> None:
    """Identity of a news page: no official type, its province, the end of the period
    in its title (DOMAIN.md §4, seed 001)."""
    spec = _news()
    text = nt.text
    doc.type, doc.type_name, doc.family = None, spec.get("type_name", "Tin bài"), None
    doc.metadata = {**doc.metadata, "page_kind": "news"}
    m = _period_re().search(text, 0, min(len(text), spec.get("title_chars", 2000)))
    if m:
        doc.date = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        doc.year = int(m.group("y"))
        ls = text.rfind("\n", 0, m.start()) + 1
        le = text.find("\n", m.end())
        doc.subject = _clean(text[ls: le if le >= 0 else len(text)]) or None
    doc.province = dominant_province(text, doc.date, spec.get("min_province_mentions", 2))
    doc.warnings.append(
        "no document header (Số:, place and date): read as a news page; "
        f"province {'inferred from the text: ' + doc.province if doc.province else 'unknown'}; "
        f"date {'= end of the period in the title' if doc.date else 'unknown'}")


# ---------------------------------------------------------------- footer

@cache
def _authority_re() -> re.Pattern[str]:
    """ "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "T/M BỘ CHÍNH TRỊ" (slashed: no dot)."""
    words = {p.rstrip(".") for p in _titles()["authority_prefixes"]}
    dotted = "|".join(re.escape(p) for p in sorted(words, key=len, reverse=True) if "/" not in p)
    slashed = "|".join(re.escape(p) for p in sorted(words, key=len, reverse=True) if "/" in p)
    return re.compile(rf"^(?:(?:{dotted})\s*\.\s*|(?:{slashed})\.?\s+)\S")


def _is_name_line(line: str) -> bool:
    words = line.split()
    if not 2 <= len(words) <= 6 or _is_upper_line(line):
        return False
    return all(w[0].isupper() and w.isalpha() for w in words)


@cache
def addressees_re() -> re.Pattern[str]:
    """The "Kính gửi:" label at the start of a line, and what follows it on that line."""
    label = _parts()["addressees_label"]
    return re.compile(rf"(?m)^[ \t]*{re.escape(label)}[ \t]*:?(?P<rest>[^\n]*)")


def is_reference(item: str) -> bool:
    """A recipient item that points at others ("Như trên", "Như Điều 3"), not an agency."""
    return item.startswith(tuple(_parts()["recipient_references"]))


_NOTE_MARK = re.compile(r"\(\d{1,2}\)")


def _placeholder(item: str) -> bool:
    """A form's blank ("……", "....", "….(9)……") or nothing."""
    item = _NOTE_MARK.sub("", item)
    return not item or set(item) <= set(".…_ ") or "...." in item or "……" in item


def _addressees(doc: Document, text: str, start: int, title_end: int, head_end: int) -> None:
    """A letter's "Kính gửi" addressees: on the label's line ("Kính gửi: Sở Tài chính.",
    several split at ";") or as a "- ...;" list under it. The label must come right after
    the subject and date lines, so a form quoted in an appendix is never read."""
    m = addressees_re().search(text, start, head_end)
    if not m:
        return
    gap = [ln for ln in _lines(text, title_end, m.start()) if text[ln[0]:ln[1]].strip()]
    if m.start() > title_end and len(gap) > _parts()["addressees_max_gap_lines"]:
        return
    items = [x.strip(" ;.,") for x in m.group("rest").split(";")]
    n_blank = 0
    for ls, le in _lines(text, m.end() + 1, min(len(text), m.end() + 3000)):
        raw = text[ls:le].strip()
        if not raw:
            n_blank += 1
            if n_blank > 2:
                break
            continue
        if not raw.startswith(("-", "+", "•")):
            break          # the body begins
        n_blank = 0        # PDF text often has blank lines between the items
        items.append(raw.lstrip("-+• ").strip(" ;.,"))
    doc.addressees.extend(_agencies_of(items, Jurisdiction.of(doc)))


@cache
def recipients_re() -> re.Pattern[str]:
    """The "Nơi nhận:" line that opens the footer."""
    label = _parts()["recipients_label"]
    return re.compile(rf"(?m)^[ \t]*{re.escape(label)}[ \t]*:")


def _footer(doc: Document, nt: NormText, text: str, body_start: int) -> int:
    """Recipients and signer. Returns where the footer starts (len(text) if none)."""
    rec = recipients_re().search(text, max(body_start, len(text) - 200_000))
    foot_start = rec.start() if rec else len(text)
    jur = Jurisdiction.of(doc)
    sign_from = body_start
    if rec:
        sign_from = rec.end()
        items: list[str] = []
        n_blank = 0
        open_item = False          # the last item's line ended without ";" or "."
        for ls, le in _lines(text, rec.end(), min(len(text), rec.end() + 3000)):
            raw = text[ls:le].strip()
            if not raw:
                n_blank += 1
                open_item = False
                if n_blank > 2 and items:
                    break
                continue
            if not raw.startswith(("-", "+", "•")):
                if open_item:      # a wrapped item: "- Ủy ban TW Mặt trận Tổ quốc" / "Việt Nam;"
                    items[-1] += " " + raw
                    open_item = not raw.endswith((";", "."))
                    sign_from = le
                    continue
                if items or n_blank:
                    sign_from = ls
                    break
                continue
            n_blank = 0
            items.append(raw.lstrip("-+• "))
            open_item = not raw.endswith((";", "."))
            sign_from = le
        archive = _parts()["archive_label"]
        stripped = (x.strip(" ;.,") for x in items)
        doc.recipients.extend(_agencies_of((x for x in stripped if not x.startswith(archive)), jur))
    _signer(doc, nt, text, sign_from, foot_start if rec else None)
    return foot_start


def _agencies_of(items: Iterable[str], jur: Jurisdiction) -> list[Agency]:
    """The agencies a list of "Kính gửi" / "Nơi nhận" items names, in order; items that
    point at others ("Như trên") and form blanks are skipped. An item naming several
    ("TTTU, TTHĐND TP", "CT, các PCT UBND TP") keeps the line as written as evidence."""
    out: list[Agency] = []
    for item in items:
        if _placeholder(item) or is_reference(item):
            continue
        names = split_recipients(item)
        for name in names:
            ag = canonical(name, jur)
            if len(names) > 1:
                ag.text = item
            out.append(ag)
    return out


def _signer(doc: Document, nt: NormText, text: str, start: int, rec_at: int | None) -> None:
    """The signature block: authority lines in capitals, then the signer's name."""
    search_from = start if rec_at is not None else max(start, len(text) - _FOOT_CHARS)
    search_to = min(len(text), search_from + _FOOT_CHARS)   # the block follows the recipients closely
    marks = set(_titles()["signature_marks"])
    lines = [(s, e, _clean(text[s:e])) for s, e in _lines(text, search_from, search_to)]
    lines = [x for x in lines if x[2] and x[2].lower() not in marks]     # "(Đã ký)"
    for i, (s, e, line) in enumerate(lines):
        if not _is_upper_line(line) or line.upper() in type_by_title():
            continue
        block = [line]
        j = i + 1
        while j < len(lines) and _is_upper_line(lines[j][2]) and len(block) < 5:
            block.append(lines[j][2])
            j += 1
        if j < len(lines) and _is_name_line(lines[j][2]) and (_authority_re().match(block[0]) or _has_title(block[-1])):
            ns, ne, name = lines[j]
            os_, oe = nt.span(ns, ne)
            auth = [b for b in block[:-1]] if len(block) > 1 else []
            if len(block) == 1 and _authority_re().match(block[0]):
                auth, title = [block[0]], None
            else:
                title = block[-1]
            doc.signer = Person(name=name, title=title, authority=" / ".join(auth) or None, start=os_, end=oe)
            return


def _has_title(line: str) -> bool:
    up = line.upper()
    return any(up.startswith(t.upper()) or up.endswith(t.upper()) for t in _titles()["titles"])


# ---------------------------------------------------------------- chair

@cache
def _person_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    t = _titles()
    cues = "|".join(re.escape(c) for c in t["person_cues"])
    titles = "|".join(re.escape(x) for x in sorted(t["titles"], key=len, reverse=True))
    orgs = "|".join(re.escape(x) for x in sorted(t["title_orgs"], key=len, reverse=True))
    surn = "|".join(re.escape(x) for x in t["surnames"])
    cap = r"[^\W\d_a-zđ][^\W\d_]*"
    name = rf"(?:{surn})(?:\s+{cap}){{1,3}}"
    chair_cues = "|".join(re.escape(c) for c in sorted(t["chair_cues"], key=len, reverse=True))
    # "Đ/c Lê Trí Thức - Chủ tịch UBND thành phố", "Đồng chí Nguyễn Ngọc Diệp – Bí thư Huyện ủy, ..."
    by_cue = re.compile(rf"(?:{cues})\s+(?P<name>{name})\s*[-,]\s*(?P<title>(?:{titles})[^.;:\n]{{0,80}}?)(?=\s*(?:,\s*|\s)(?:{chair_cues}|đã\s)|[.;:\n])")
    # "Phó Chủ tịch Thường trực Ủy ban nhân dân thành phố Nguyễn Xuân Bình họp"
    by_title = re.compile(rf"(?P<title>(?:{titles})(?:\s+(?:{orgs})(?:\s+[^\W\d_]+){{0,3}}?)?)\s+(?P<name>{name})\s+(?:{chair_cues})")
    return by_cue, by_title


def _chair(doc: Document, nt: NormText, text: str, body_start: int, body_end: int) -> None:
    """The meeting chair, from the opening paragraphs."""
    end = min(body_end, body_start + 3000)
    by_cue, by_title = _person_res()
    best = None
    chair_words = tuple(_titles()["chair_cues"])
    for m in by_cue.finditer(text, body_start, end):
        after = text[m.end(): m.end() + 40]
        score = 2 if any(w in after for w in chair_words) else 1
        if best is None or score > best[0]:
            best = (score, m)
    if best is None or best[0] < 2:
        m2 = by_title.search(text, body_start, end)
        if m2:
            best = (2, m2)
    if best is None or best[0] < 2:
        return
    m = best[1]
    s, e = nt.span(m.start("name"), m.end("name"))
    title = " ".join(m.group("title").split()).rstrip(" ,")
    doc.chair = Person(name=" ".join(m.group("name").split()), title=title, start=s, end=e)


# ---------------------------------------------------------------- portal rows

def _from_metadata(doc: Document) -> None:
    md = doc.metadata
    if md.get("symbol"):
        sym = parse_symbol(str(md["symbol"]))
        if sym:
            _set_symbol(doc, sym)
            _letter_if_untyped(doc)
        else:
            doc.symbol = " ".join(normalize(str(md["symbol"])).text.split())
    if md.get("date"):
        m = re.match(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", str(md["date"]))
        if m:
            doc.year = int(m.group(3))
            doc.date = _safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    if md.get("subject"):
        doc.subject = " ".join(normalize(str(md["subject"])).text.split())
    if md.get("issuer"):
        written = " ".join(normalize(str(md["issuer"])).text.split())
        ag = canonical(re.sub(r"\s*\([^()]*\)\s*$", "", written), Jurisdiction(era=era_of(doc.date)))
        ag.text = written
        doc.issuer = ag
        if ag.jurisdiction:
            doc.province = ag.jurisdiction.split(", ")[-1]
