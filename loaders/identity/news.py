"""News pages of government portals (seed 001): no official header; their province and
the end of the period in their title."""
from __future__ import annotations

import re
from functools import cache

from domain.places import dominant_province

from ..model import Document
from ..normalize import NormText
from .lines import clean_line, parts_table, safe_date


def _news() -> dict:
    return parts_table().get("news_page", {})


_NEWS_MENTION = re.compile(r"\(\s*số\s+\d{1,5}\s*[/-]", re.IGNORECASE)
# a posting time by a date: "09/01/2020 09:32", "17:45, 30/10/2023", "25/11/2021, 03:57 pm"
_DAY = r"\d{1,2}/\d{1,2}/\d{4}"
_POSTED = re.compile(rf"{_DAY},?\s+\d{{1,2}}:\d{{2}}(?!\d)|(?<!\d)\d{{1,2}}:\d{{2}},?\s+{_DAY}")


NEWS_PAGE = "news"     # metadata["page_kind"] of a news page


def is_news_page(nt: NormText) -> bool:
    """A portal page summarising documents: a marker of `news_page`, a posting time near
    its top ("Thứ năm - 09/01/2020 09:32") or a "(số X" mention."""
    spec = _news()
    head = nt.text[: spec.get("title_chars", 2000)]
    if any(m.upper() in head.upper() for m in spec.get("official_marks", [])):
        return False
    head_orig = nt.original[: spec.get("title_chars", 2000)]
    return (any(m in head_orig for m in spec.get("markers", [])) or bool(_POSTED.search(head_orig))
            or bool(_NEWS_MENTION.search(nt.text)))


@cache
def _period_re() -> re.Pattern[str]:
    links = "|".join(re.escape(x) for x in sorted(_news().get("range_links", []), key=len, reverse=True))
    d = r"(?:ngày\s+)?\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?"
    return re.compile(rf"(?:từ\s+)?{d}\s*(?:{links})\s*(?:ngày\s+)?(?P<d>\d{{1,2}})\s*/\s*(?P<m>\d{{1,2}})\s*/\s*(?P<y>\d{{4}})",
                      re.IGNORECASE)


def read_news_page(doc: Document, nt: NormText) -> None:
    """Identity of a news page: no official type, its province, the end of the period
    in its title (DOMAIN.md §4, seed 001)."""
    spec = _news()
    text = nt.text
    doc.type, doc.type_name, doc.family = None, spec.get("type_name", "Tin bài"), None
    doc.metadata = {**doc.metadata, "page_kind": NEWS_PAGE}
    m = _period_re().search(text, 0, min(len(text), spec.get("title_chars", 2000)))
    if m:
        doc.date = safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        doc.year = int(m.group("y"))
        ls = text.rfind("\n", 0, m.start()) + 1
        le = text.find("\n", m.end())
        doc.subject = clean_line(text[ls: le if le >= 0 else len(text)]) or None
    doc.province = dominant_province(text, doc.date, spec.get("min_province_mentions", 2))
    doc.warnings.append(
        "no document header (Số:, place and date): read as a news page; "
        f"province {'inferred from the text: ' + doc.province if doc.province else 'unknown'}; "
        f"date {'= end of the period in the title' if doc.date else 'unknown'}")


def reports_directives(nt: NormText) -> bool:
    """A page that reports directives by their numbers in brackets ("… vừa yêu cầu (số
    365/UBND-KTN ngày 13/4/2020) …"): what follows each is what it assigns."""
    return bool(_NEWS_MENTION.search(nt.text))
