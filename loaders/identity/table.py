"""A header laid out as a table (issuer block and number on the left, motto, place and
date on the right) rewritten column by column, offsets kept."""
from __future__ import annotations

import re
from functools import cache

from domain.types import type_by_title

from .header import PLACE_DATE, number_re
from .issuer_block import head_like
from .lines import clean_line, is_header_row, is_header_skip, is_upper_line, line_spans, parts_table


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
    skip = "|".join(re.escape(x) for x in sorted(parts_table()["header_skip"], key=len, reverse=True))
    labels = "|".join(re.escape(x) for x in sorted(parts_table()["number_labels"], key=len, reverse=True))
    return re.compile(rf"(?P<skip>{skip}) (?=\S)|(?<=\S) (?=(?:{labels})[ \t]*:)", re.IGNORECASE)


def _split_cell(cell: str) -> str:
    return _cell_breaks().sub(lambda m: (m.group("skip") + "\n") if m.group("skip") else "\n", cell)


def _is_header_cell(cell: str) -> bool:
    """A cell of the header: "Số: …", place and date, the national motto, an agency in capitals."""
    c = clean_line(cell)
    return bool(c) and (bool(number_re().match(c)) or bool(PLACE_DATE.match(c))
                        or is_header_skip(c) or (is_upper_line(c) and head_like(c)))


def decolumn_header(text: str, head_end: int) -> str:
    """The text with its header table (rows of 2+ cells in the first `head_end`
    characters) rewritten column by column: the left cells (issuer block, "Số: …") as
    lines, then the right cells (national motto, place and date). The length and every
    offset outside the table are unchanged; text without such a table is returned as is.
    """
    if "|" not in text[:head_end] and "\t" not in text[:head_end] and "   " not in text[:head_end]:
        return text
    lines = line_spans(text, 0, head_end if head_end == len(text) else text.rfind("\n", 0, head_end) + 1)
    rows = [(ls, le, _cells(text, ls, le)) for ls, le in lines]
    out: list[str] = []
    pos = 0
    i = 0
    while i < len(rows):
        ls, le, cells = rows[i]
        if len(cells) < 2 and clean_line(text[ls:le]).upper() in type_by_title():
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


@cache
def _one_line_breaks() -> re.Pattern[str]:
    """Where a header flattened onto one line breaks back into lines: before a number
    label ("Luật số:"), the motto, a place-and-date ("Hà Nội, ngày"), the type title in
    capitals and the preamble ("Căn cứ"); after the title; around rules ("-------")."""
    parts = parts_table()
    labels = "|".join(re.escape(x) for x in sorted(parts["number_labels"], key=len, reverse=True))
    skip = "|".join(re.escape(x) for x in sorted(parts["header_skip"], key=len, reverse=True))
    titles = "|".join(re.escape(t) for t in sorted(type_by_title(), key=len, reverse=True))
    stops = "|".join(re.escape(x) for x in parts["subject_stops"])
    return re.compile(
        rf" (?=(?:{labels})\s*:)| (?=(?:{skip}))"
        rf"| (?=(?:{titles})(?![\w]))|(?<=[^\W\d_]) (?=(?:{stops})\b)|(?<=[-_=]{{3}}) | (?=[-_=]{{3}})")


@cache
def _after_motto() -> re.Pattern[str]:
    """The space after the motto ("CỘNG HÒA … VIỆT NAM ỦY BAN NHÂN DÂN TỈNH AN GIANG":
    a flattened header may give the motto before the issuer)."""
    skip = "|".join(re.escape(x) for x in sorted(parts_table()["header_skip"], key=len, reverse=True))
    return re.compile(rf"({skip}) (?=\S)")


def split_number_and_place(text: str, head_end: int) -> str:
    """A number line that goes on with the place and date ("Số: 02/2012/QĐ-UBND Đồng Tháp,
    ngày 05 tháng 01 năm 2012": a two-column header flattened row by row) broken into its
    two lines at the space between them (same length, same offsets)."""
    labels = "|".join(re.escape(x) for x in parts_table()["number_labels"])
    starts = re.compile(rf"[ \t]*(?:{labels})[ \t]*:")
    out = text
    for start, end in line_spans(text, 0, min(head_end, len(text))):
        line = text[start:end]
        if starts.match(line) and ", ngày" in line and (m := _PLACE_DATE_START.search(line)):
            out = out[:start + m.start()] + "\n" + out[start + m.end():]
    return out


# the first run of one to four words that ends in ", ngày": the place line's start
_PLACE_DATE_START = re.compile(r" (?=[^\W\d_]\S*(?: [^\W\d_]\S*){0,3}, ngày\b)")


@cache
def _title_then_subject() -> re.Pattern[str]:
    titles = "|".join(re.escape(t) for t in sorted(type_by_title(), key=len, reverse=True))
    return re.compile(rf"(?<=\n)(?P<t>{titles}) (?=\S)")


NOISE_REACH = 1500   # page furniture before a flattened header ("Xem mẫu", "Chương 1 – Chapter 1")
FLAT_MIN = 120       # a header flattened onto one line is at least this long


def unflatten_header(text: str, head_end: int) -> str:
    """A whole header written on one line ("QUỐC HỘI ------- CỘNG HÒA … Luật số:
    59/2020/QH14 Hà Nội, ngày 17 tháng 6 năm 2020 LUẬT DOANH NGHIỆP Căn cứ …") with its
    parts back on lines of their own: single spaces become line breaks, so the length and
    every offset are unchanged. The line is the text's first, or a later one starting
    within NOISE_REACH that holds the national motto (a web page's furniture before it).
    Any other text is returned as is."""
    labels = "|".join(re.escape(x) for x in parts_table()["number_labels"])
    label = re.compile(rf"(?:{labels})\s*:")
    first = True
    for start, end in line_spans(text, 0, min(head_end, len(text))):
        if start > NOISE_REACH:
            break
        line = text[start:end]
        if not line.strip():
            continue
        if (len(line) >= FLAT_MIN and label.search(line) and ", ngày" in line
                and (first or is_header_row(line))):
            fixed = _one_line_breaks().sub("\n", line)
            fixed = _after_motto().sub(lambda m: m.group(1) + "\n", fixed)
            fixed = _PLACE_DATE_START.sub("\n", fixed, count=1)
            fixed = _title_then_subject().sub(lambda m: m.group("t") + "\n", fixed, count=1)
            return text[:start] + fixed + text[end:]
        first = False
    return text
