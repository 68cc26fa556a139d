"""When an instrument, or one of its provisions, takes or loses effect, and the document's
own provisions its citations sit in (the cue table `data/effect_cues.yaml`).

`annotate(doc, nt)` runs after the citation finder:

- `doc.effects`: every "<subject> có hiệu lực (thi hành) (kể) từ ngày …" or "… hết hiệu
  lực …" whose day is a date ("từ ngày 01 tháng 7 năm 2026"), the signing ("kể từ ngày
  ký", "sau 45 ngày kể từ ngày ký"), or the document's own effective day ("kể từ ngày
  Nghị định này có hiệu lực thi hành"), with its sentence. The subject, written right
  before the cue, is the document itself ("Quyết định này"), one of its provisions
  ("Điều 5", "khoản 2 Điều 3 của Quyết định này"; a list the pinpoint grammar does not
  read, "các điều 69, 70 và 72 của Nghị định này", as written), the instruments cited at
  the head of the clause ("2. Nghị định số 30/2016/NĐ-CP … hết hiệu lực"; one cited inside
  another's subject is not), or those the list after it cites ("Các Nghị định sau hết
  hiệu lực kể từ …: a) Nghị định số …; b) …", up to the next clause or article). A
  statement whose subject is none of these is left out.
  A "có hiệu lực" after cited instruments is the last one's, whole (the tail of "Luật số
  57/2020/QH14 …, có hiệu lực thi hành kể từ ngày 01/01/2021"); a "hết hiệu lực" is every
  one's at the head of the clause, with the provisions it names ("Điều 4 Nghị định số …
  hết hiệu lực": that article).
- a cited instrument the document says loses effect is one it REPEALS, when the text
  gave it no other relation (CITES), the expiry words its cue;
- `Citation.provision`: the article (and clause) of the citing document the mention is in,
  the acting provision of an amendment ("Điều 1. Sửa đổi khoản 3 Điều 29 …" -> "Điều 1");
- `Citation.part`: the words between the relation's cue and the citation say part of it
  ("hủy bỏ một phần nội dung Quyết định số …");
- a consolidated text (the CONSOLIDATES cue of `relation_cues.yaml` before its first
  citation, "VĂN BẢN HỢP NHẤT") CONSOLIDATES the instrument it opens with and those its
  opening sentence lists as amending it.

Every pattern runs once over the text (`finditer`) or in a bounded window: linear time.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache

from domain.types import type_by_word, types_table

from .citation_context import pinpoint_before, read_date
from .citation_tables import cues, phrase_regex
from .model import Citation, Document, Effect, Relation
from .normalize import NormText
from .tables import table

EFFECTIVE, EXPIRY = "effective", "expiry"
DATE, SIGNING, OWN_EFFECT = "date", "signing", "own_effect"
_SUBJECT_BACK = 250   # how far before a cue its subject is looked for
_PART_BACK = 160      # how far before a citation its relation's cue is looked for
_OPENING = 1500       # a consolidated text's cue stands this close before its first citation
_LIST = 3000          # how far after "Các Nghị định sau hết hiệu lực …:" its list may run
_REPEALS, _CITES, _CONSOLIDATES = "REPEALS", "CITES", "CONSOLIDATES"  # relations (relation_cues.yaml)
_AMENDING = ("AMENDS", "REPLACES")


def _t() -> dict:
    return table("effect_cues")


@cache
def _cue_re() -> tuple[re.Pattern[str], dict[str, str]]:
    kinds = {" ".join(p.lower().split()): k for k in (EFFECTIVE, EXPIRY) for p in _t()[k]}
    return re.compile(phrase_regex(list(kinds)), re.IGNORECASE), kinds


@cache
def _names() -> str:
    """The document's own name words: its type words and `own_names`."""
    return phrase_regex([*type_by_word(), *_t()["own_names"]])


@cache
def _anchor_res() -> dict[str, re.Pattern[str]]:
    t = _t()
    since, unit, signing = phrase_regex(t["since"]), re.escape(t["day_unit"]), phrase_regex(t["signing"])
    own = rf"(?:{_names()})\s++{re.escape(t['self_word'])}"
    effective = phrase_regex(t["effective"])
    return {
        SIGNING: re.compile(rf"\s*+(?:{since})\s++{unit}\s++(?:{signing})(?!\s*+\d)", re.IGNORECASE),
        "after": re.compile(rf"\s*+{re.escape(t['after'])}\s++(?P<n>\d{{1,3}})\s++{unit}\s*+,?\s*+(?:{since})"
                            rf"\s++{unit}\s++(?:{signing})(?!\s*+\d)", re.IGNORECASE),
        OWN_EFFECT: re.compile(rf"\s*+(?:{phrase_regex(t['since_when'])})\s++{own}\s++(?:{effective})", re.IGNORECASE),
        DATE: re.compile(rf"\s*+(?:{since})(?=\s)", re.IGNORECASE),
        "until": re.compile(rf"\s*+,?\s*+(?:{phrase_regex(t['until'])})(?=\s)", re.IGNORECASE),
        "own": re.compile(rf"(?<!\w){own}\s*+,?\s*+$", re.IGNORECASE),
        "own_suffix": re.compile(rf"\s++(?:của\s++)?{own}\s*+,?\s*+$", re.IGNORECASE),
        "listed": re.compile(rf"(?<!\w){re.escape(t['listed']['before'])}\s++(?:{_names()})\s++"
                             rf"(?:{phrase_regex(t['listed']['after'])})\s*+$", re.IGNORECASE),
        "list_end": re.compile(rf"\n[ \t]*(?:\d{{1,2}}\.[ \t]|{re.escape(t['article'])}[ \t]+\d)"),
        "pin_word": re.compile(phrase_regex(types_table()["pinpoints"]) + r"\s++(?:\d+[a-zđ]?|[IVXLC]+|[a-zđ])(?!\w)",
                               re.IGNORECASE),
        "clause": re.compile(r"[;:]|\n[ \t]*(?:\d{1,2}\.|[a-zđ]\))[ \t]"),
        "article": re.compile(rf"(?m)^[ \t]*{re.escape(t['article'])}[ \t]+(?P<n>\d+[a-zđ]?)[ \t]*[.:]"),
        "clause_head": re.compile(r"(?m)^[ \t]*(?P<n>\d{1,2})\.[ \t]+\S"),
        "partial": re.compile(phrase_regex(t["partial"]), re.IGNORECASE),
    }


# ---------------------------------------------------------------- effect statements

def _anchor(text: str, pos: int, limit: int) -> tuple[str, object, int, object] | None:
    """(anchor, date, days, until) of the day written after a cue at `pos`."""
    res = _anchor_res()
    if m := res["after"].match(text, pos, limit):
        return SIGNING, None, int(m.group("n")), None
    if res[SIGNING].match(text, pos, limit):
        return SIGNING, None, 0, None
    if res[OWN_EFFECT].match(text, pos, limit):
        return OWN_EFFECT, None, 0, None
    m = res[DATE].match(text, pos, limit)
    got = read_date(text, m.end(), limit) if m else None
    if got is None or got[0] is None:
        return None
    day, end = got
    until = None
    if (u := res["until"].match(text, end, limit)) and (g := read_date(text, u.end(), limit)):
        until = g[0]
    return DATE, day, 0, until


def _clause_start(text: str, lo: int, pos: int) -> int:
    return max((m.end() for m in _anchor_res()["clause"].finditer(text, lo, pos)), default=lo)


def _nested(relations: list[Relation]) -> set[int]:
    """Citations written inside an earlier one's subject (rule 1 of loaders.relations)."""
    return {r.target for r in relations if r.source < r.target}


def find_effects(nt: NormText, citations: list[Citation], relations: list[Relation]) -> list[Effect]:
    """Every effective / expiry statement with a known subject and day (module doc)."""
    text = nt.text
    cue_re, kinds = _cue_re()
    sents = nt.sentences()
    nested = _nested(relations)
    starts = [c.start for c in citations]
    out: list[Effect] = []
    for m in cue_re.finditer(text):
        s_lo, s_hi = sents.bounds(m.start(), m.end())
        anchor = _anchor(text, m.end(), max(s_hi, m.end()))
        if anchor is None:
            continue
        kind = kinds[" ".join(m.group().lower().split())]
        a, b = nt.span(*sents.bounds(m.start(), m.end()))
        base = {"kind": kind, "start": nt.to_original(m.start()), "end": nt.to_original(m.end()),
                "sentence": " ".join(nt.original[a:b].split()), "cue": " ".join(m.group().split()),
                "anchor": anchor[0], "date": anchor[1], "days": anchor[2], "until": anchor[3]}
        lo = max(s_lo, m.start() - _SUBJECT_BACK)
        subject = _own_subject(text, lo, m.start())
        if subject is not None:
            out.append(Effect(**base, provision=subject or None))
            continue
        if _anchor_res()["listed"].search(text, lo, m.start()):   # the list after the statement
            end = _anchor_end(text, m.end(), s_hi)
            nxt = _anchor_res()["list_end"].search(text, end, min(len(text), end + _LIST))
            span = (nt.to_original(end), nt.to_original(nxt.start() if nxt else min(len(text), end + _LIST)))
        else:                                                     # the head of its clause
            span = (nt.to_original(_clause_start(text, lo, m.start())), nt.to_original(m.start()))
        subjects = [j for j in range(bisect_left(starts, span[0]), bisect_left(starts, span[1]))
                    if j not in nested and citations[j].end <= span[1]]
        if kind == EFFECTIVE:   # "Luật số 57/2020/QH14 …, có hiệu lực …": the one just before
            subjects = subjects[-1:]
        for j in subjects:
            c = citations[j]
            part = (c.pinpoint or _provision_before(nt, c.start)) if kind == EXPIRY else None
            out.append(Effect(**base, provision=part, target=j))
    return out


def _provision_before(nt: NormText, start: int) -> str | None:
    """The provisions its clause or list item names before a cited instrument, as written
    ("2. Các quy định … tại Mục 3 Chương III, khoản 4 Điều 84 … của Luật …" -> "Mục 3 …
    Điều 84 …"), from the first pinpoint; `start` is the citation's original offset."""
    b = _norm_offset(nt, start)
    a = _clause_start(nt.text, max(0, b - _SUBJECT_BACK), b)
    m = _anchor_res()["pin_word"].search(nt.text, a, b)
    if m is None:
        return None
    words = " ".join(nt.text[m.start():b].split())
    return words.removesuffix(" của").strip(" ,") or None


def _anchor_end(text: str, pos: int, limit: int) -> int:
    """Where the day written after a cue ends (the statement's end, before its list)."""
    res = _anchor_res()
    for key in ("after", SIGNING, OWN_EFFECT):
        if m := res[key].match(text, pos, limit):
            return m.end()
    m = res[DATE].match(text, pos, limit)
    got = read_date(text, m.end(), limit) if m else None
    return got[1] if got else pos


def _own_subject(text: str, lo: int, pos: int) -> str | None:
    """"" for the document itself right before `pos`, its provision ("Điều 5"; a list the
    pinpoint grammar does not read, as written), or None (another subject)."""
    res = _anchor_res()
    sfx = res["own_suffix"].search(text, lo, pos)
    if sfx is None and res["own"].search(text, lo, pos):
        return ""
    end = sfx.start() if sfx else pos
    while end > lo and text[end - 1] in " \t\n,":
        end -= 1
    pin = pinpoint_before(text, end, lo)
    if pin is not None:
        start, formatted = pin
        # a pinpoint of a cited instrument ("Điều 5 Nghị định số …") is the citation's, not own
        return None if text[lo:start].rstrip().endswith(("số", "của")) else formatted
    if sfx is None:
        return None
    words = " ".join(text[_clause_start(text, lo, end):end].split())
    return words if res["pin_word"].search(words) else ""


# ---------------------------------------------------------------- provisions, parts, consolidation

def _norm_offset(nt: NormText, original: int) -> int:
    """The normalised offset whose original offset is `original` (the first such)."""
    return bisect_left(range(len(nt.text) + 1), original, key=nt.to_original)


def _provisions(nt: NormText, citations: list[Citation]) -> None:
    """`Citation.provision`: the article (and numbered clause) of the document it is in."""
    res, t = _anchor_res(), _t()
    arts = [(nt.to_original(m.start()), m.group("n")) for m in res["article"].finditer(nt.text)]
    if not arts:
        return
    heads = [nt.to_original(m.start()) for m in res["clause_head"].finditer(nt.text)]
    clause_n = [m.group("n") for m in res["clause_head"].finditer(nt.text)]
    art_starts = [a for a, _ in arts]
    for c in citations:
        k = bisect_right(art_starts, c.start) - 1
        if k < 0:
            continue
        where = f"{t['article']} {arts[k][1]}"
        q = bisect_right(heads, c.start) - 1
        if q >= 0 and heads[q] > art_starts[k]:
            where += f", {t['clause']} {clause_n[q]}"
        c.provision = where


def _parts(nt: NormText, citations: list[Citation]) -> None:
    """`Citation.part`: a partial word between the relation's cue and the citation."""
    partial, relations = _anchor_res()["partial"], set(_t()["partial_relations"])
    for c in citations:
        if not c.cue or c.relation not in relations:
            continue
        end = _norm_offset(nt, c.start)
        lo = max(0, end - _PART_BACK)
        window = nt.text[lo:end].lower()
        at = window.rfind(c.cue.lower())
        if at >= 0 and partial.search(window, at + len(c.cue)):
            c.part = True


def _consolidation(nt: NormText, citations: list[Citation], relations: list[Relation]) -> None:
    """A consolidated text CONSOLIDATES the instrument it opens with, and those its opening
    sentence names as amending that one."""
    cue = _consolidated_re()
    if not citations or cue is None:
        return
    first = citations[0]
    end = _norm_offset(nt, first.start)
    m = cue.search(nt.text, max(0, end - _OPENING), end)
    if m is None:
        return
    opening = {0} | {r.source for r in relations if r.target == 0 and r.relation in _AMENDING
                     and citations[r.source].sentence == first.sentence}
    for i in opening:
        citations[i].relation, citations[i].cue = _CONSOLIDATES, " ".join(m.group().split())


@cache
def _consolidated_re() -> re.Pattern[str] | None:
    phrases = [p for p, rel in cues()["active"].items() if rel == _CONSOLIDATES]
    return re.compile(phrase_regex(phrases), re.IGNORECASE) if phrases else None


def annotate(doc: Document, nt: NormText) -> None:
    """Effects, provisions, partial relations and consolidation (module doc)."""
    cits = doc.citations
    _consolidation(nt, cits, doc.relations)
    doc.effects = find_effects(nt, cits, doc.relations)
    for e in doc.effects:
        if e.kind == EXPIRY and e.target is not None and cits[e.target].relation == _CITES:
            cits[e.target].relation, cits[e.target].cue = _REPEALS, e.cue
    _provisions(nt, cits)
    _parts(nt, cits)
