"""The meeting chair, from the opening paragraphs ("Đ/c Lê Trí Thức - Chủ tịch UBND
thành phố chủ trì")."""
from __future__ import annotations

import re
from functools import cache

from ..model import Document, Person
from ..normalize import NormText
from .lines import titles_table


@cache
def _person_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    t = titles_table()
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


def read_chair(doc: Document, nt: NormText, text: str, body_start: int, body_end: int) -> None:
    """The meeting chair, from the opening paragraphs."""
    end = min(body_end, body_start + 3000)
    by_cue, by_title = _person_res()
    best = None
    chair_words = tuple(titles_table()["chair_cues"])
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
