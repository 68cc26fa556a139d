"""The document's own identity, read from its header and footer (DOMAIN.md §4), one
module per part of a document:

- `header`: "Số: 311/TB-UBND", place and date, the type in capitals, the subject line(s);
  `table`: a header laid out as a table, read column by column;
- `issuer`: the issuer block (often lost in extraction), else the issuer the symbol's
  code and the place line name ("TB-UBND" + "TP. Lạng Sơn" -> UBND thành phố Lạng Sơn);
- `footer`: the "Kính gửi" addressees, the "Nơi nhận" list, the signing authority
  ("TL. CHỦ TỊCH / KT. CHÁNH VĂN PHÒNG") and the signer's name;
- `chair`: the meeting chair, from the opening paragraph;
- `news`: a portal's news page (no official header);
- `reply`: a page answering voters or citizens (the council that answers);
- `portal`: portal rows, whose identity is their metadata (a row carrying a document's
  full text is read from its header; the row fills what the header lacks).
"""
from __future__ import annotations

from domain.types import sole_issuer

from ..model import Document
from ..normalize import NormText
from .chair import read_chair
from .footer import addressees_re, is_reference, read_addressees, read_footer, recipients_re
from .header import (
    enacting_issuer, has_header, read_closing, read_header, read_presented, read_self_reference, read_self_title,
)
from .issuer import set_issuer
from .issuer_block import authority_line, consolidating_body, header_issuer, is_consolidated
from .lines import FOOT_CHARS, HEAD_CHARS, is_header_row
from .news import NEWS_PAGE, is_news_page, read_news_page, reports_directives
from .portal import from_metadata
from .reply import reply_council
from .table import decolumn_header, split_number_and_place, unflatten_header

__all__ = ["parse_identity", "is_news", "is_header_row", "reports_directives", "decolumn_header", "addressees_re", "recipients_re", "is_reference"]


FULL_TEXT = 3000    # a row's text longer than this is a document's full text, not a subject line


def is_news(doc: Document) -> bool:
    """A portal's news page (read as such by `parse_identity`)."""
    return doc.metadata.get("page_kind") == NEWS_PAGE


def parse_identity(doc: Document, nt: NormText) -> None:
    """Fill the document's own identity fields (number, type, date, issuer, signer ...)."""
    body_text = nt.text
    head_end = min(len(body_text), HEAD_CHARS)
    row = bool(doc.metadata) and any(doc.metadata.get(k) for k in ("symbol", "date", "subject"))
    if row and not (has_header(body_text, head_end) or len(body_text) > FULL_TEXT):
        from_metadata(doc)      # a portal row (a subject line): its metadata is its identity
        return
    if not body_text.strip():
        return
    # a header laid out as a 2-column table: its cells as lines, column by column
    # (same length, so offsets stay those of the text)
    text = split_number_and_place(unflatten_header(decolumn_header(body_text, head_end), head_end), head_end)
    head = read_header(doc, text, head_end)
    titled = read_self_title(doc, text, head_end) if doc.number is None else None
    if doc.number is None:
        titled = read_presented(doc, text, head.place_date is None) or titled   # a page presenting a document
    issuer, parent = header_issuer(text, head.block_end, doc)
    if issuer is None and titled:
        issuer = titled.upper()          # "CỦA THỦ TƯỚNG CHÍNH PHỦ": the issuer the title names
    if issuer is None:   # header lost: "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG LONG BÌNH" names it
        issuer = authority_line(text, head.title_end, head_end)
    consolidated = is_consolidated(text, head_end)
    if consolidated:     # the body that consolidated it (its label, else its number's code)
        issuer, parent = consolidating_body(text, head_end), None
    set_issuer(doc, issuer, parent, text)
    if head.number is None and head.place_date is None and issuer is None and is_news_page(nt):
        read_news_page(doc, nt)
    read_addressees(doc, text, head.block_end, head.title_end, head_end)
    foot = read_footer(doc, nt, body_text, head.title_end)
    read_chair(doc, nt, body_text, head.title_end, foot)
    had_number = doc.number is not None
    read_closing(doc, text, FOOT_CHARS, consolidated)
    if doc.issuer is None and not had_number and doc.number is not None:
        set_issuer(doc, None, None, text)      # the number found at the end names its issuer
    if doc.issuer is None and (enacting := enacting_issuer(text, head.title_end, head_end)):
        set_issuer(doc, enacting.upper(), None, text)   # "Chính phủ ban hành Nghị định …"
    if doc.issuer is None and (council := reply_council(text, doc.date)):
        set_issuer(doc, council, None, text)            # "TRẢ LỜI: UBND tỉnh giao …"
    read_self_reference(doc, text)      # "Điều 35. … Nghị định này có hiệu lực …"
    if doc.issuer is None and (sole := sole_issuer(doc.type, doc.date)):
        set_issuer(doc, sole.upper(), None, text)       # a Nghị định is the Government's
    if row:                     # the full text of a row: the row fills what the header lacks
        from_metadata(doc, fill=True)
