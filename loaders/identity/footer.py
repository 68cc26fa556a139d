"""The footer and the addressees: the "Kính gửi" list under the subject, the "Nơi nhận"
list, the signing authority ("TL. CHỦ TỊCH / KT. CHÁNH VĂN PHÒNG") and the signer's name."""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from domain.types import type_by_title

from ..agencies import Jurisdiction, canonical, split_recipients
from ..model import Agency, Document, Person
from ..normalize import NormText
from .lines import FOOT_CHARS, clean_line, is_upper_line, line_spans, parts_table, titles_table


@cache
def _authority_re() -> re.Pattern[str]:
    """ "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "T/M BỘ CHÍNH TRỊ" (slashed: no dot)."""
    words = {p.rstrip(".") for p in titles_table()["authority_prefixes"]}
    dotted = "|".join(re.escape(p) for p in sorted(words, key=len, reverse=True) if "/" not in p)
    slashed = "|".join(re.escape(p) for p in sorted(words, key=len, reverse=True) if "/" in p)
    return re.compile(rf"^(?:(?:{dotted})\s*\.\s*|(?:{slashed})\.?\s+)\S")


def _is_name_line(line: str) -> bool:
    words = line.split()
    if not 2 <= len(words) <= 6 or is_upper_line(line):
        return False
    return all(w[0].isupper() and w.isalpha() for w in words)


@cache
def addressees_re() -> re.Pattern[str]:
    """The "Kính gửi:" label at the start of a line, and what follows it on that line."""
    label = parts_table()["addressees_label"]
    return re.compile(rf"(?m)^[ \t]*{re.escape(label)}[ \t]*:?(?P<rest>[^\n]*)")


def is_reference(item: str) -> bool:
    """A recipient item that points at others ("Như trên", "Như Điều 3"), not an agency."""
    return item.startswith(tuple(parts_table()["recipient_references"]))


_NOTE_MARK = re.compile(r"\(\d{1,2}\)")


def _placeholder(item: str) -> bool:
    """A form's blank ("……", "....", "….(9)……") or nothing."""
    item = _NOTE_MARK.sub("", item)
    return not item or set(item) <= set(".…_ ") or "...." in item or "……" in item


def read_addressees(doc: Document, text: str, start: int, title_end: int, head_end: int) -> None:
    """A letter's "Kính gửi" addressees: on the label's line ("Kính gửi: Sở Tài chính.",
    several split at ";") or as a "- ...;" list under it. The label must come right after
    the subject and date lines, so a form quoted in an appendix is never read."""
    m = addressees_re().search(text, start, head_end)
    if not m:
        return
    gap = [ln for ln in line_spans(text, title_end, m.start()) if text[ln[0]:ln[1]].strip()]
    if m.start() > title_end and len(gap) > parts_table()["addressees_max_gap_lines"]:
        return
    items = [x.strip(" ;.,") for x in m.group("rest").split(";")]
    n_blank = 0
    for ls, le in line_spans(text, m.end() + 1, min(len(text), m.end() + 3000)):
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
    label = parts_table()["recipients_label"]
    return re.compile(rf"(?m)^[ \t]*{re.escape(label)}[ \t]*:")


def read_footer(doc: Document, nt: NormText, text: str, body_start: int) -> int:
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
        for ls, le in line_spans(text, rec.end(), min(len(text), rec.end() + 3000)):
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
        archive = parts_table()["archive_label"]
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
    search_from = start if rec_at is not None else max(start, len(text) - FOOT_CHARS)
    search_to = min(len(text), search_from + FOOT_CHARS)   # the block follows the recipients closely
    marks = set(titles_table()["signature_marks"])
    lines = [(s, e, clean_line(text[s:e])) for s, e in line_spans(text, search_from, search_to)]
    lines = [x for x in lines if x[2] and x[2].lower() not in marks]     # "(Đã ký)"
    for i, (s, e, line) in enumerate(lines):
        if not is_upper_line(line) or line.upper() in type_by_title():
            continue
        block = [line]
        j = i + 1
        while j < len(lines) and is_upper_line(lines[j][2]) and len(block) < 5:
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
    return any(up.startswith(t.upper()) or up.endswith(t.upper()) for t in titles_table()["titles"])
