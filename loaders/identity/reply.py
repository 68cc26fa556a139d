"""A page answering voters or citizens: no header, the council that answers is its issuer."""
from __future__ import annotations

import re
from datetime import date
from functools import cache

from domain.places import dominant_province

from .lines import alternatives, parts_table


NAME_WORDS = 4     # a province's name has at most this many words ("Bà Rịa - Vũng Tàu" aside)


@cache
def _reply_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], int]:
    """(a reply marker alone on its line, the council speaking at a clause's start, an act
    word, reach) from document_parts.yaml `reply_page`."""
    rp = parts_table()["reply_page"]
    marker = re.compile(rf"(?m)^[ \t]*(?:{alternatives(rp['markers'])})[ \t]*:?[ \t]*$")
    speaker = re.compile(rf"(?:^|(?<=[\n,.;:]))[ \t]*(?:{alternatives(rp['councils'])})[ \t]+"
                         rf"(?P<kind>{alternatives(rp['kinds'])})(?P<after>[ \t][^\n]{{1,80}})", re.M)
    act = re.compile(rf"(?:{alternatives(rp['acts'])})(?!\w)")
    return marker, speaker, act, int(rp["reach"])


def _named_and_acting(after: str, act: re.Pattern[str]) -> tuple[str, bool]:
    """ " Quảng Trị có ý kiến như sau" -> ("Quảng Trị", True); " giao Sở …" -> ("", True)."""
    words = after.split()
    name = []
    while words and len(name) < NAME_WORDS and words[0][:1].isupper():
        name.append(words.pop(0))
    return " ".join(name), bool(act.match(" ".join(words)))


def reply_council(text: str, on: date | None) -> str | None:
    """ "TRẢ LỜI: / Tiếp thu ý kiến cử tri, Ủy ban nhân dân tỉnh giao Sở Tài chính …" ->
    "ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG" (the province the answer names, else the one the
    answer's places belong to, else the question's), as a header would write it; None when no council answers
    or the province is not known for sure."""
    marker, speaker, act, reach = _reply_res()
    mark = marker.search(text)
    if mark is None:
        return None
    for m in speaker.finditer(text, mark.end(), min(len(text), mark.end() + reach)):
        name, acting = _named_and_acting(m.group("after"), act)
        if not acting:
            continue
        kind = m.group("kind")
        if name:
            return f"ỦY BAN NHÂN DÂN {kind} {name}".upper()
        # the answer's own places first (the council assigns its districts), then the question's
        province = (dominant_province(text[mark.end():mark.end() + reach], on, min_count=1)
                    or dominant_province(text[:mark.end() + reach], on, min_count=1))
        if province is None or not province.startswith(kind + " "):
            return None
        return f"ỦY BAN NHÂN DÂN {province}".upper()
    return None
