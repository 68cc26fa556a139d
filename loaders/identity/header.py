"""The header: "Số: 311/TB-UBND", place and date, the type in capitals, the subject line(s)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from domain.symbols import ADMINISTRATIVE, Symbol, parse_symbol
from domain.types import LETTER, type_by_title, type_name, type_names

from ..model import Document
from .footer import recipients_re
from .lines import clean_line, is_upper_line, line_spans, parts_table, safe_date


@cache
def number_re() -> re.Pattern[str]:
    words = list(parts_table()["number_labels"]) + [f"{name} số" for name in type_names().values()]
    labels = "|".join(re.escape(x) for x in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?m)^[ \t]*(?:{labels})[ \t]*:[ \t]*(?:\r?\n[ \t]*)?(?P<sym>[\d \t]*[/-][ \t]*[^\W_][\w&/ \t.-]*?)[ \t.\r|]*$")


# Party documents write their number without a colon, alone on its line: "Số 04-CT/HU"
NUMBER_NO_COLON = re.compile(r"(?m)^[ \t]*Số[ \t]+(?P<sym>\d[\w&.]*[/-][\w&/.-]*)[ \t.\r]*$")


# the gaps of a place-and-date line: blanks, dots for a blank day, at most one line break
# ("Quảng Ngãi, ngày\n29 tháng 12 năm 2017" as a table cell or a PDF line wraps it)
_GAP = r"[ \t.…]*(?:\r?\n[ \t.…]*)?"
PLACE_DATE = re.compile(
    rf"(?m)^[ \t]*(?P<place>[^\W\d_][^\n,:;]{{1,40}}?)[ \t]*,{_GAP}ngày{_GAP}(?P<d>\d{{1,2}})?{_GAP}"
    rf"tháng{_GAP}(?P<m>\d{{1,2}})?{_GAP}năm{_GAP}(?P<y>\d{{4}})")


def set_symbol(doc: Document, sym: Symbol) -> None:
    doc.number, doc.symbol = sym.number, sym.canonical
    doc.type, doc.type_name, doc.family = sym.type, sym.type_name, sym.family
    if sym.year and doc.year is None:
        doc.year = sym.year


def letter_if_untyped(doc: Document) -> None:
    """A symbol with no type code ("1472/UBND", "251-BCĐ") whose title names no type
    either: the document is a letter (công văn)."""
    if doc.type is None and doc.family == ADMINISTRATIVE:
        doc.type, doc.type_name = LETTER, type_name(LETTER)


def title_and_subject(doc: Document, text: str, start: int, head_end: int) -> int:
    """Type from the capitalised title line; subject from the lines after it. Returns body start."""
    titles = type_by_title()
    for ls, le in line_spans(text, start, head_end):
        line = clean_line(text[ls:le])
        code = titles.get(line.upper()) if line and is_upper_line(line) else None
        if code is None:
            continue
        if doc.type is None or doc.type in (LETTER, "L") and code != doc.type:   # "BỘ LUẬT" over QH
            doc.type, doc.type_name = code, type_names()[code]
        subject: list[str] = []
        end = le
        seen_text = False
        for s2, e2 in line_spans(text, le + 1, min(len(text), le + 1500)):
            line2 = clean_line(text[s2:e2])
            if not line2:
                if seen_text:
                    break
                continue
            if any(line2.startswith(w) for w in parts_table()["subject_stops"]) or len(subject) >= 5:
                break
            if recipients_re().match(line2):      # a Word file has no blank line before its footer
                break
            if seen_text and is_upper_line(line2) and not is_upper_line(subject[-1]):
                break     # "THỦ TƯỚNG CHÍNH PHỦ" repeated before the preamble
            subject.append(line2)
            seen_text = True
            end = e2
        if subject:
            doc.subject = " ".join(subject)
        return end
    return start


@cache
def _passed() -> re.Pattern[str]:
    return re.compile(parts_table()["passed_formula"].replace(" ", r"\s+") +
                      r"\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})")


def read_closing(doc: Document, text: str, foot_chars: int, consolidated: bool = False) -> None:
    """What a header without them leaves to the end of the text: a law's or a National
    Assembly resolution's date ("… thông qua ngày 27 tháng 11 năm 2024"), a consolidated
    text's number and date ("Số: 04/VBHN-BYT" / "Hà Nội, ngày …" above its signature)."""
    lo = max(0, len(text) - foot_chars)
    if doc.number is None and consolidated:
        lo = 0      # a consolidated text's number stands above its signature, before the appendices
    if doc.number is None:
        num = number_re().search(text, lo)
        if num and (sym := parse_symbol(num.group("sym"))):
            set_symbol(doc, sym)
            pd = PLACE_DATE.search(text, num.end(), min(len(text), num.end() + 400))
            if pd and doc.date is None and pd.group("d") and pd.group("m"):
                doc.date = safe_date(int(pd.group("y")), int(pd.group("m")), int(pd.group("d")))
                doc.place = doc.place or clean_line(pd.group("place"))
    if doc.date is None:
        last = None
        for last in _passed().finditer(text, lo):
            pass
        if last:
            doc.date = safe_date(int(last.group("y")), int(last.group("m")), int(last.group("d")))
    if doc.date and doc.year is None:
        doc.year = doc.date.year


@cache
def _self_titled() -> re.Pattern[str]:
    """An old-style title that states the document's own type, issuer, number and date:
    "CHỈ THỊ / CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 16/2001/CT-TTG / NGÀY 21 THÁNG 6 NĂM 2001 VỀ …"."""
    titles = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in sorted(type_by_title(), key=len, reverse=True))
    return re.compile(rf"(?m)^[ \t]*(?P<title>{titles})\s+CỦA\s+(?:(?P<issuer>[^\n]{{3,60}}?(?:\n[^\n]{{0,60}}?)?)\s+"
                      rf"SỐ\s+(?P<sym>\d[\w&/.-]*[/-][\w&/.-]+)\s+NGÀY\s+(?P<d>\d{{1,2}})\s+THÁNG\s+(?P<m>\d{{1,2}})"
                      rf"\s+NĂM\s+(?P<y>\d{{4}})|(?P<body>[^\n\d]{{3,60}}?)[ \t]*$)")


def read_self_title(doc: Document, text: str, head_end: int) -> str | None:
    """Type, number and date from a title that states them; the issuer phrase it names
    (a title of one line in capitals may name only its type and issuer: "QUYẾT ĐỊNH CỦA
    THỦ TƯỚNG CHÍNH PHỦ")."""
    m = _self_titled().search(text, 0, min(head_end, 1500))
    if not m:
        return None
    code = type_by_title().get(" ".join(m.group("title").split()))
    if m.group("body"):
        if not is_upper_line(m.group("body")):
            return None
        if code and doc.type is None:
            doc.type, doc.type_name = code, type_names()[code]
        return " ".join(m.group("body").split())
    if not (sym := parse_symbol(m.group("sym"))):
        return None
    set_symbol(doc, sym)
    if code:
        doc.type, doc.type_name = code, type_names()[code]
    doc.date = safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    doc.year = int(m.group("y"))
    return " ".join(m.group("issuer").split())


@cache
def _page_title() -> re.Pattern[str]:
    """A portal page titled by the document it presents: "Hướng dẫn số 30-HD/BTGTW ngày
    13/4/2017 của Ban Tuyên giáo Trung ương về việc …" (its first line)."""
    kinds = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(type_names().values(), key=len, reverse=True))
    return re.compile(rf"\A\s*(?P<kind>{kinds})\s+(?:số\s+)?(?P<sym>\d[\w&/.-]*[/-][\w&/.-]*\w)"
                      rf"(?:\s+ngày\s+(?P<d>\d{{1,2}})\s*[/.-]\s*(?P<m>\d{{1,2}})\s*[/.-]\s*(?P<y>\d{{4}}))?"
                      rf"(?:\s+của\s+(?P<issuer>[^\n]{{3,80}}?)(?=\s+(?:về|V/v|quy định|ban hành)\b|\s*$))?", re.MULTILINE)


# "(Theo Công văn số 6202/UBND-KT, ngày 23/11/2023)": a page that reproduces a document
_SOURCE_LINE = re.compile(r"\(\s*(?:Theo|Nguồn:?)\s+(?P<kind>[^\W\d][^\d()]{1,20}?)\s+số\s+(?P<sym>\d[\w&/.-]*[/-][\w&/.-]*\w)"
                          r"\s*,?\s*ngày\s+(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})\s*\)\s*$")


@cache
def _issued_with() -> re.Pattern[str]:
    """An attachment's opening: "(Ban hành kèm theo Quyết định số: 59/QĐ-UBND / Ngày 22
    tháng 7 năm 2021 của Ủy ban nhân dân xã Xuân Phú)" — a Quy chế, Quy định or procedure
    issued with a decision is that decision's text, and has its identity. At a line's
    start, as the opener is written (in a sentence, "(ban hành kèm theo …)" cites)."""
    kinds = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(type_names().values(), key=len, reverse=True))
    openers = "|".join(re.escape(o).replace(r"\ ", r"\s+") for o in parts_table()["appendix_title_openers"])
    sep = r"\s*[/.-]\s*"
    return re.compile(rf"(?m)^[ \t]*(?:{openers})\s+(?P<kind>{kinds})\s+số\s*:?\s*(?P<sym>\d[\w&/.-]*[/-][\w&/.-]*\w)\s*,?\s*"
                      rf"(?i:ngày)\s+(?P<d>\d{{1,2}})(?:{sep}|\s+(?i:tháng)\s+)(?P<m>\d{{1,2}})(?:{sep}|\s+(?i:năm)\s+)"
                      rf"(?P<y>\d{{4}})(?:\s+(?i:của)\s+(?P<issuer>[^()]{{3,120}}?))?\s*\)")


ISSUED_WITH_REACH = 1500    # an attachment names its decision at its top


def read_presented(doc: Document, text: str, headerless: bool = True) -> str | None:
    """The identity of the document a page presents, when the page has no header of its
    own: its title line ("Hướng dẫn số 30-HD/BTGTW ngày 13/4/2017 của Ban Tuyên giáo
    Trung ương về …"), the decision an attachment was issued with, or the source it reproduces, named at its end ("(Theo Công văn số
    6202/UBND-KT, ngày 23/11/2023)"). Returns the issuer phrase the title names."""
    m = _page_title().match(text, 0, min(len(text), 600))
    if m is None:
        m = _issued_with().search(text, 0, min(len(text), ISSUED_WITH_REACH))
    if m is None and headerless:
        m = _SOURCE_LINE.search(text, max(0, len(text.rstrip()) - 300))
        if m is None or m.group("kind").lower() not in {n.lower() for n in type_names().values()}:
            return None
    if m is None:
        return None
    sym = parse_symbol(m.group("sym"))
    if sym is None:
        return None
    set_symbol(doc, sym)
    code = next((c for c, n in type_names().items() if n.lower() == " ".join(m.group("kind").split()).lower()), None)
    if code and (doc.type is None or doc.type == LETTER):
        doc.type, doc.type_name = code, type_names()[code]
    if m.group("y") and m.group("d"):
        doc.date = safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        doc.year = int(m.group("y"))
    return " ".join(m.group("issuer").split()) if "issuer" in m.re.groupindex and m.group("issuer") else None


@cache
def _enacting() -> re.Pattern[str]:
    parts = parts_table()
    bodies = "|".join(re.escape(b).replace(r"\ ", r"\s+") for b in sorted(parts["enacting_bodies"], key=len, reverse=True))
    minister = re.escape(parts["enacting_minister"])
    kinds = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(type_names().values(), key=len, reverse=True))
    return re.compile(rf"(?m)^[ \t]*(?:(?P<body>{bodies})|{minister}\s+(?P<ministry>Bộ\s+[^\n,;]{{2,60}}?))\s+ban\s+hành\s+"
                      rf"(?P<kind>{kinds})\b")


_ARTICLE = re.compile(r"(?m)^[ \t]*Điều\s+\d+[a-z]?\s*[.:]")


@cache
def _self_reference() -> re.Pattern[str]:
    """ "Nghị định này", "Luật này": an instrument speaking of itself (a type's name)."""
    names = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(set(type_names().values()), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?P<name>{names})\s+này(?!\w)")


def read_self_reference(doc: Document, text: str) -> None:
    """The type of a text in articles ("Điều 35. …") that names itself by its type's name
    ("… kể từ ngày Nghị định này có hiệu lực"): the name it uses most, if one leads."""
    if doc.type is not None or not _ARTICLE.search(text):
        return
    counts: dict[str, int] = {}
    for m in _self_reference().finditer(text):
        name = " ".join(m.group("name").split())
        counts[name] = counts.get(name, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return
    code = next((c for c, n in type_names().items() if n == ranked[0][0]), None)
    if code:
        doc.type, doc.type_name = code, type_names()[code]


def enacting_issuer(text: str, start: int, head_end: int) -> str | None:
    """The issuer the enacting formula names: "Chính phủ ban hành Nghị định …" ->
    "Chính phủ"; "Bộ trưởng Bộ Công Thương ban hành Thông tư …" -> "Bộ Công Thương"."""
    m = _enacting().search(text, start, min(len(text), head_end + 3000))
    if not m:
        return None
    return " ".join((m.group("body") or m.group("ministry")).split())


def has_header(text: str, head_end: int) -> bool:
    """The text opens with a header of its own: a number line or a place-and-date line."""
    return bool(number_re().search(text, 0, head_end) or PLACE_DATE.search(text, 0, head_end))


@dataclass
class Header:
    """Where the header's parts are in the text: the number line, the place-and-date line,
    the end of the title and subject (the body's start), the issuer block's end."""

    number: re.Match[str] | None
    place_date: re.Match[str] | None
    title_end: int
    block_end: int


def read_header(doc: Document, text: str, head_end: int) -> Header:
    """Number, place, date, type and subject from the first `head_end` characters."""
    num = number_re().search(text, 0, head_end) or NUMBER_NO_COLON.search(text, 0, head_end)
    if num:
        sym = parse_symbol(num.group("sym"))
        if sym:
            set_symbol(doc, sym)
    pd = PLACE_DATE.search(text, 0, head_end)
    if pd:
        doc.place = clean_line(pd.group("place"))
        y = int(pd.group("y"))
        doc.year = y
        if pd.group("d") and pd.group("m"):
            doc.date = safe_date(y, int(pd.group("m")), int(pd.group("d")))
        if doc.date is None:
            doc.warnings.append(f"incomplete date: {' '.join(pd.group().split())}")
    title_end = title_and_subject(doc, text, max(num.end() if num else 0, pd.end() if pd else 0), head_end)
    letter_if_untyped(doc)
    block_end = min(x.start() for x in (num, pd) if x) if (num or pd) else 0
    return Header(num, pd, title_end, block_end)
