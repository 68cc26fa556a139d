"""How a document relates to what it cites, and what it says cited instruments do
to each other, from the cue words of `data/relation_cues.yaml` (DOMAIN.md §3).

Rules, applied to each mention `j` in text order (all offsets normalised):

1. Nested: `j` lies inside the subject of an earlier mention `i` ("Kế hoạch số 56/KH-UBND
   ... về Tổ chức triển khai thực hiện Kết luận thanh tra số 2318/KL-TTr"; "Chương
   trình số 78-CTr/TU ... thực hiện Nghị quyết số 21-NQ/TW"): edge i -> j with the cue
   nearest before `j` inside that subject (CITES if none); the document CITES `j`.
2. Passive: between the previous mention `p` (same sentence) and `j` stands a passive
   cue closed by an agent word ("X, có nội dung được sửa đổi bởi Điều 3 Y",
   "X được sửa đổi, bổ sung bởi Luật số Y, Luật số Z"): edge j -> p (and each list
   member after `j` -> p); the document relates to `j` as it does to `p`.
3. Otherwise the cue nearest before `j` in its sentence, after the previous mention's
   tail, decides; none: the cue of the heading of the list item `j` stands in ("Căn cứ:"
   over "- Nghị định số …;" lines) — or, when a mention `i` right before that cue is
   its actor ("Quyết định số A bãi bỏ … gồm:" over "1. Quyết định số B …"), the edge
   i -> j; none: a cue right after `j`'s tail (`trailing`: "… hết hiệu lực kể từ
   ngày Luật này có hiệu lực"), else CITES. If only a list connector ("," "và" ";") separates `j`
   from the previous mention, `j` takes that mention's cue: a cue governs its list.
4. News pages: a mention written "(số X ngày ...)" owns its paragraph and the following
   paragraphs that open with "Theo đó" (table `news_followers`). Every other mention
   there gets the edge X -> j with the relation rule 3 found, and the page itself CITES j.

Edges are returned as (source, target, relation, cue) over the mention indexes.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .citation_tables import cue_regex, cue_relation, trailing_cues, news_followers_regex, passive_agent_regex

CITES = "CITES"
LIST_GAP = re.compile(r"\s*+(?:[,;]\s*+(?:và\s++|hoặc\s++)?|và\s++|hoặc\s++)?", re.IGNORECASE)
_PASSIVE_SPAN = 250
_BLANK = re.compile(r"\n(?:[ \t]*\n)+")


@dataclass
class Mention:
    """A citation as the relation rules see it (normalised offsets)."""

    head: int                      # start of pinpoint / type words: where the gap ends
    end: int                       # end of the symbol (or the name)
    tail_end: int                  # end of date / issuer / subject
    sent: tuple[int, int]          # sentence bounds
    subject: tuple[int, int] | None = None
    news: bool = False
    relation: str = CITES
    cue: str | None = None


def nearest_cue(text: str, lo: int, hi: int) -> tuple[str, str] | None:
    """(relation, cue) of the last active cue in text[lo:hi]."""
    found = _last_cue(text, lo, hi)
    return found[:2] if found else None


def _last_cue(text: str, lo: int, hi: int) -> tuple[str, str, int] | None:
    """(relation, cue, where it starts) of the last active cue in text[lo:hi]."""
    last = None
    for last in cue_regex("active").finditer(text, lo, hi):
        pass
    if last is None:
        return None
    cue = " ".join(last.group().split())
    return cue_relation("active", cue), cue, last.start()


_ITEM = re.compile(r"[ \t]*(?:[-+•–]|[a-zđ]\)|\d{1,2}[.)])[ \t]")
_SECTION = re.compile(r"[ \t]*(?:[IVX]{1,5}|[A-Z])[.)][ \t]+\S")      # "I. CĂN CỨ XÂY DỰNG KẾ HOẠCH"
_HEADING_REACH = 3000
_HEADING_MAX = 300      # characters: a longer line is a paragraph, never a list's heading


def _is_heading(line: str) -> bool:
    """A list's heading: a line ending with a colon ("Căn cứ:"), a section heading ("I. CĂN
    CỨ …"), or a line in capitals."""
    t = line.strip()
    if len(t) > _HEADING_MAX:
        return False
    if t.endswith(":") or _SECTION.match(line):
        return True
    letters = "".join(filter(str.isalpha, t))
    # str.isupper() is False whenever a letter is not upper case (or none is cased): only
    # then is the letter-by-letter test needed
    return len(letters) > 3 and letters.isupper() and all(c.isupper() for c in letters)


def heading_cue(text: str, pos: int) -> tuple[str, str, int] | None:
    """(relation, cue, where the cue starts) of the heading of the list item `pos` stands
    in: "Căn cứ:" over "- Luật …;" / "- Nghị định số …;" lines, "I. CĂN CỨ XÂY DỰNG KẾ
    HOẠCH" over "1. Quyết định số …" items (each item its own sentence, wrapped over lines
    or not)."""
    lo = max(0, pos - _HEADING_REACH)
    end = text.find("\n", pos, pos + _HEADING_REACH)    # the item's line, looked at as far as the reach
    end = min(len(text), pos + _HEADING_REACH) if end < 0 else end
    seen_item = False
    heading_end: int | None = None
    while end > lo:
        start = text.rfind("\n", lo, end) + 1
        line = text[start:end]
        if not line.strip():
            if heading_end is not None or seen_item and start < pos and not _item_or_heading_above(text, lo, start):
                break       # a blank line ends the list, unless items (or its heading) go on above it
        elif _ITEM.match(line) and heading_end is None:
            seen_item = True
        elif _is_heading(line):
            heading_end = heading_end or end
            if not _is_heading(text[text.rfind("\n", lo, start - 1) + 1:start - 1]) or start <= lo:
                return _last_cue(text, start, heading_end) if seen_item else None
        elif heading_end is not None:
            break
        end = start - 1
    return _last_cue(text, end + 1, heading_end) if seen_item and heading_end is not None else None


def _item_or_heading_above(text: str, lo: int, start: int) -> bool:
    """The nearest non-blank line above `start` is a list item or a heading (items one
    blank line apart: "1. Quyết định số …" / "" / "2. Quyết định số …")."""
    end = start - 1
    while end > lo:
        s = text.rfind("\n", lo, end) + 1
        line = text[s:end]
        if line.strip():
            return bool(_ITEM.match(line)) or _is_heading(line)
        end = s - 1
    return False


def trailing_cue(text: str, m: Mention) -> tuple[str, str] | None:
    """(relation, cue) of a cue right after the mention's tail, in its sentence
    ("… số 68/2014/QH13 hết hiệu lực kể từ ngày Luật này có hiệu lực")."""
    at = m.subject[0] if m.subject else m.tail_end     # a cue right after it reads as its subject
    hi = min(m.sent[1], at + 200)
    for pattern, relation in trailing_cues():
        t = pattern.match(text, at, hi)
        if t:
            return relation, " ".join(t.group().split())
    return None


def passive_cue(text: str, lo: int, hi: int) -> tuple[str, str] | None:
    """(relation, cue) when text[lo:hi] is "... được sửa đổi ... bởi" (agent at the end)."""
    if hi - lo > _PASSIVE_SPAN or not passive_agent_regex().search(text, lo, hi):
        return None
    m = cue_regex("passive").search(text, lo, hi)
    if m is None:
        return None
    cue = " ".join(m.group().split())
    return cue_relation("passive", cue), cue


def _is_list_gap(text: str, lo: int, hi: int) -> bool:
    return LIST_GAP.fullmatch(text, lo, hi) is not None


def _news_owners(text: str, ms: list[Mention]) -> list[int | None]:
    """For each mention, the news-form mention whose paragraphs contain it (rule 4)."""
    owners: list[int | None] = [None] * len(ms)
    news = [i for i, m in enumerate(ms) if m.news]
    if not news:
        return owners
    starts = [0] + [b.end() for b in _BLANK.finditer(text)]
    ends = starts[1:] + [len(text)]
    para = [bisect_right(starts, m.head) - 1 for m in ms]
    follow = news_followers_regex()
    news_in: dict[int, list[int]] = {}
    for i in news:
        news_in.setdefault(para[i], []).append(i)
    scope: dict[int, int] = {}   # paragraph -> owning news mention
    for p, here in news_in.items():      # each news paragraph once: its followers end at the next
        scope[p] = here[-1]
        q = p + 1
        while q < len(starts) and q not in news_in and follow.match(text, _skip_ws(text, starts[q], ends[q])):
            scope[q] = here[0]
            q += 1
    for j, m in enumerate(ms):
        if m.news or para[j] not in scope:
            continue
        # the nearest news mention before j in its paragraph, else the paragraph's owner
        here = news_in.get(para[j], [])
        k = bisect_left([ms[i].head for i in here], m.head) if len(here) < 64 else _bisect_heads(ms, here, m.head)
        owners[j] = here[k - 1] if k > 0 else scope[para[j]]
    return owners


def _bisect_heads(ms: list[Mention], idx: list[int], head: int) -> int:
    """How many of the mentions `idx` (in text order) start before `head`."""
    lo, hi = 0, len(idx)
    while lo < hi:
        mid = (lo + hi) // 2
        if ms[idx[mid]].head < head:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _skip_ws(text: str, i: int, hi: int) -> int:
    while i < hi and text[i].isspace():
        i += 1
    return i


def assign_relations(text: str, ms: list[Mention]) -> list[tuple[int, int, str, str | None]]:
    """Set `relation`/`cue` on every mention and return the edges between mentions."""
    edges: list[tuple[int, int, str, str | None]] = []
    gap_rel: list[tuple[str, str | None]] = [(CITES, None)] * len(ms)
    link: list[tuple[int, str, str] | None] = [None] * len(ms)
    owners = _news_owners(text, ms)
    ends = [m.end for m in ms]      # in text order
    for j, mj in enumerate(ms):
        outer = _enclosing(ms, j)
        if outer is not None:
            rel = nearest_cue(text, ms[outer].subject[0], mj.head) or (CITES, None)
            edges.append((outer, j, rel[0], rel[1]))
            mj.relation, mj.cue = CITES, None
            gap_rel[j] = gap_rel[outer]
            continue
        prev = j - 1 if j > 0 and ms[j - 1].tail_end <= mj.head and ms[j - 1].end > mj.sent[0] else None
        if prev is not None:
            p = ms[prev]
            listed = _is_list_gap(text, p.tail_end, mj.head)
            pas = None if listed else passive_cue(text, p.tail_end, mj.head)
            if listed and link[prev] is not None:
                target, rel, cue = link[prev]
                pas = (rel, cue)
            elif pas is not None:
                target = prev
            if pas is not None:
                link[j] = (target, pas[0], pas[1])
                edges.append((j, target, pas[0], pas[1]))
                mj.relation, mj.cue = ms[target].relation, ms[target].cue
                gap_rel[j] = gap_rel[target]
                continue
            rel = gap_rel[prev] if listed else nearest_cue(text, max(mj.sent[0], p.tail_end), mj.head)
        else:
            rel = nearest_cue(text, mj.sent[0], mj.head)
        actor = None
        if rel is None and (headed := heading_cue(text, mj.head)) is not None:
            rel, actor = headed[:2], _actor(text, ms, ends, j, headed[2])
        if actor is not None:   # "Quyết định số A bãi bỏ 39 văn bản … gồm:" over "1. Quyết định số B …"
            edges.append((actor, j, rel[0], rel[1]))
            gap_rel[j] = rel
            mj.relation, mj.cue = CITES, None
            continue
        trailing = trailing_cue(text, mj) if rel is None or rel == (CITES, None) else None
        rel = None if trailing else rel
        rel = rel or trailing or (CITES, None)
        gap_rel[j] = rel
        k = j       # "Quyết định số A và Quyết định số B hết hiệu lực …": the whole list
        while trailing and k > 0 and ms[k - 1].relation == CITES and _is_list_gap(text, ms[k - 1].tail_end, ms[k].head):
            ms[k - 1].relation, ms[k - 1].cue = trailing
            k -= 1
        if owners[j] is not None:
            edges.append((owners[j], j, rel[0], rel[1]))
            mj.relation, mj.cue = CITES, None
        else:
            mj.relation, mj.cue = rel
    return edges


def _actor(text: str, ms: list[Mention], ends: list[int], j: int, cue_at: int) -> int | None:
    """The mention a list's heading makes the actor of its cue: the one right before the
    cue ("ban hành Quyết định số 44/2025/QĐ-TTg bãi bỏ toàn bộ 39 văn bản … gồm:"), its
    tail (date, issuer) all that stands between them; None when the cue comes first
    ("Căn cứ Quyết định số A …:") or the heading names no instrument."""
    i = bisect_right(ends, cue_at, 0, j) - 1
    if i < 0 or ms[i].head >= cue_at or text[ms[i].tail_end:cue_at].strip():
        return None
    return i


def _enclosing(ms: list[Mention], j: int) -> int | None:
    """The nearest earlier mention whose subject contains mention j's head."""
    h = ms[j].head
    for i in range(j - 1, -1, -1):
        s = ms[i].subject
        if s is not None and s[0] <= h < s[1]:
            return i
        if ms[i].end < ms[j].sent[0] - 1000:
            break
    return None
