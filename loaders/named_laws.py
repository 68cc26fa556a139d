"""Laws, codes, ordinances and the Constitution cited by name, without a number
("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015", "theo quy định
của Luật Đầu tư", "Bộ luật Dân sự năm 2015", "Hiến pháp nước Cộng hòa xã hội chủ nghĩa
Việt Nam"), and their resolution to the numbered law (`domain.laws`).

Finding (`find_named_laws`), on the normalised text: a kind word (`types.yaml:
named_laws.kinds`) opens the name; the longest name of the law table that follows is
taken, unless a lowercase word that does not end a name (`followers`) continues it —
then, like a name the table does not know, it is a citation only when a date or a year
follows ("Luật Chuyển đổi số ngày 14 tháng 6 năm 2025"). "Luật sửa đổi, bổ sung … của
Luật X" is one name, up to its date. A kind word followed by "số" and a number is a
numbered citation (the symbol finder's), after "dự án"/"dự thảo" a draft, before "này",
"sư" … not a law at all.

Resolving (`resolve_named_laws`), once the document's own date is known: a name with its
date or year picks the law adopted then; a name alone, the law in force on the
document's date; otherwise the citation stays unresolved, or ambiguous with candidates.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from domain.laws import AMBIGUOUS, RESOLVED, law_names, pick_law
from domain.spelling import spelled
from domain.symbols import LAW
from domain.types import types_table

from .citation_context import read_tail
from .model import Citation, Document, Relation

__all__ = ["NamedLaw", "find_named_laws", "resolve_named_laws", "amendment_relations"]


@dataclass
class NamedLaw:
    """A law named in the text: the span of its name, its type, the date or year after it."""

    start: int
    end: int            # end of the name
    tail_end: int       # end of the date or year after it
    type: str
    known: bool
    date: date | None = None
    year: int | None = None


def _spec() -> dict:
    return types_table()["named_laws"]


def _words(ws: list[str]) -> str:
    return "|".join(r"\s+".join(map(re.escape, spelled(w).split())) for w in sorted(ws, key=len, reverse=True))


@cache
def _anchor() -> re.Pattern[str]:
    """A kind word not inside a word or a dashed name. The look-behind sits after each
    alternative's first letter (`(?<![\\w-].)`, the same test), so the pattern opens with
    literals and the engine skips to candidate positions in C."""
    alts = []
    for w in sorted(_spec()["kinds"], key=len, reverse=True):
        words = spelled(w).split()
        first = words[0]
        alts.append(re.escape(first[0]) + r"(?<![\w-](?s:.))" + r"\s+".join([re.escape(first[1:]), *map(re.escape, words[1:])]))
    return re.compile(rf"(?P<kind>{'|'.join(alts)})(?=\s)")


@cache
def _known() -> re.Pattern[str]:
    """Every name of the law table after its kind word, longest first."""
    kinds = sorted({spelled(k).lower() + " " for k in _spec()["kinds"]}, key=len, reverse=True)
    names = []
    for key in law_names():
        kind = next((k for k in kinds if key.startswith(k)), None)
        if kind and key[len(kind):]:
            names.append(key[len(kind):])
    return re.compile(rf"\s+(?:{_words(names)})(?![\w-])", re.IGNORECASE)


@cache
def _rejects() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    spec = _spec()
    before = re.compile(rf"(?:{_words(spec['not_preceded_by'])})\s+$")
    after = re.compile(rf"\s+(?:(?:{_words(spec['not_followed_by'])})(?![\w])|số\s*+:?\s*+\d)")
    follower = re.compile(rf"\s+(?:{_words(spec['followers'])})(?!\w)|\s*+[^\w\s]|\s*+$|\s*\n\s*[^\W\d_]", re.IGNORECASE)
    return before, after, follower


# an unknown name: capitalised first word, then words, up to a follower or punctuation
_UNKNOWN = re.compile(r"\s+(?:[A-ZĐÀ-Ỹ][\w-]*+)(?:[ \t]+(?!(?:ngày|năm|số\s*\d|của|và|hoặc|đã|được|tại|theo)\b)[\w-]++){0,10}?"
                      r"(?=\s+(?:ngày|năm)\s)")
_YEAR = re.compile(r"\s*+,?\s*+\(?năm\s++(?P<y>\d{4})\)?(?!\d)", re.IGNORECASE)


@cache
def _amending() -> re.Pattern[str]:
    """ "Luật sửa đổi, bổ sung một số điều của Luật A và Luật B" up to its date or year."""
    return re.compile(rf"\s+{_words([_spec()['amending']])}(?:[^;:.\n]|\n(?![ \t]*\n)){{5,300}}?"
                      rf"(?=\s*,?\s*(?:ngày|năm)\s+\d)", re.IGNORECASE)


@cache
def _constitution() -> re.Pattern[str]:
    return re.compile(spelled(_spec()["constitution"]).replace(" ", r"\s+"), re.IGNORECASE)


def _date_after(text: str, pos: int, limit: int) -> tuple[date | None, int | None, int]:
    tail = read_tail(text, pos, limit)
    if tail.date is not None:
        return tail.date, tail.date.year, tail.end
    m = _YEAR.match(text, pos, limit)
    if m:
        return None, int(m.group("y")), m.end()
    return None, None, pos


def find_named_laws(text: str) -> list[NamedLaw]:
    """Every law, code, ordinance or constitution the text cites by name."""
    out: list[NamedLaw] = []
    kinds = {spelled(k): v for k, v in _spec()["kinds"].items()}
    before, after, follower = _rejects()
    last_end = 0
    for a in _anchor().finditer(text):
        s, kind_end = a.span()
        if s < last_end or before.search(text, max(0, s - 30), s) or after.match(text, kind_end):
            continue
        code = kinds[" ".join(a.group("kind").split())]
        limit = min(len(text), kind_end + 400)
        known = False
        if code == "HP":
            m = _constitution().match(text, s)
            if not m:
                continue
            end = m.end()
            when, year, tail_end = (None, int(m.group("year")), end) if m.group("year") else _date_after(text, end, limit)
            out.append(NamedLaw(s, end, tail_end, code, True, when, year))
            last_end = tail_end
            continue
        m = _amending().match(text, kind_end, limit)
        if m is None:
            m = _known().match(text, kind_end, limit)
            known = m is not None and bool(follower.match(text, m.end()))
            if not known:
                m = _UNKNOWN.match(text, kind_end, limit)
        if m is None:
            continue
        end = m.end()
        when, year, tail_end = _date_after(text, end, limit)
        if not known and year is None:
            continue
        out.append(NamedLaw(s, end, tail_end, code, known, when, year))
        last_end = tail_end
    return out


def resolve_named_laws(doc: Document) -> None:
    """Give each law cited by name its number, from its name, date and the document's date."""
    for c in doc.citations:
        if c.kind != "named" or c.type not in ("L", "BL", "PL"):
            continue
        pick = pick_law(c.text, when=c.date, year=c.year, on=doc.date)
        c.resolved_by = f"{pick.status}: {pick.reason}"
        if pick.status == RESOLVED and pick.law is not None:
            c.symbol, c.number, c.year, c.family = pick.law.symbol, pick.law.number, pick.law.year, LAW
        elif pick.status == AMBIGUOUS:
            c.candidates = [x.symbol for x in pick.candidates]


def _law_key(name: str) -> str:
    """A law's name for comparison: case, spacing and punctuation dropped, up to its date."""
    name = re.split(r"\s+(?:ngày|năm)\s+\d", name, maxsplit=1)[0]
    return " ".join(re.sub(r"[^\w\s]", " ", name.lower()).split())


def amendment_relations(cits: list[Citation]) -> list[Relation]:
    """ "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính
    quyền địa phương" AMENDS each law its name lists that the text also cites by name."""
    amending = _law_key(_spec()["amending"])
    out: list[Relation] = []
    for i, c in enumerate(cits):
        if c.kind != "named" or amending not in (key := _law_key(c.text)):
            continue
        listed = key.split(amending, 1)[1]
        for j, d in enumerate(cits):
            target = _law_key(d.text) if d.kind == "named" and j != i else ""
            if target and amending not in target and re.search(rf"(?<!\w){re.escape(target)}(?!\w)", listed):
                out.append(Relation(source=i, target=j, relation="AMENDS", start=c.start, end=c.end,
                                    sentence=c.sentence, cue=_spec()["amending"]))
    return out
