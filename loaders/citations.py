"""The citation finder: every instrument a text cites, with its number, type, date,
issuer, subject, pinpoint and relation, and the relations the text states between
the cited instruments.

Matching runs on the normalised text (`NormText.text`); offsets, `text` and
`sentence` of the results point into the original (`NormText.original`).

- Numbered citations: the symbol shapes of `domain.symbols` (never `1/500`, `5/2021`,
  `2021-2025`, `31/3/2020`, `24/24`, `70-80%`), type words / "số" / pinpoint before
  (`citation_context.read_head`), date, "của <issuer>" and subject after
  (`read_tail`). "Số: 311/TB-UBND" opening a line is the document's own number and
  a number after "Mẫu số" is a form: neither is a citation.
- Lists share one date/issuer/subject: in "quyết định số 1253/QĐ-UBND và 1255/QĐ-UBND
  ngày 17/5/2018" both get the date; type words carry forward to list members
  written without them.
- Citations by number alone ("công điện số 1852 ngày 30/11/2020 của …"): number, type,
  date and issuer, and no symbol (none is invented).
- Named citations (kind="named"): the patterns of `domain/data/types.yaml: named`, and
  laws, codes and ordinances by name (`loaders.named_laws`).
- `sentence`: the sentence bounds found on the normalised text, mapped back and
  cut from the original (so page headers blanked for matching do not end it).
- Relations: `loaders.relations` (rules in its docstring). `Relation` evidence is the
  span and sentence of the later of its two mentions.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date
from functools import cache

from .citation_context import Head, read_head, read_issuer_before, read_subject_before, read_tail, subject_end
from domain.symbols import LAW, Symbol, parse_symbol, symbol_hint, symbol_of, symbol_re
from domain.types import doc_types, generic_words, type_by_word, types_table

from .citation_tables import named_patterns, phrase_regex, type_words_regex
from .model import Citation, Relation
from .named_laws import amendment_relations, find_named_laws
from .normalize import NormText, SentenceIndex
from .relations import CITES, LIST_GAP, Mention, assign_relations
from .tables import table

__all__ = ["find_citations", "reports_only", "without_own"]

_LAW_WORDS = frozenset({"L", "BL", "PL"})
_LIST_END = re.compile(r"(?:[,;]|(?<!\w)và|(?<!\w)hoặc)\s*+$", re.IGNORECASE)



@cache
def _not_before() -> re.Pattern[str]:
    return re.compile(phrase_regex(types_table().get("not_before", [])) + r"\s*+$", re.IGNORECASE)


@cache
def _named_anchor() -> re.Pattern[str]:
    return re.compile(types_table()["named_anchor"])


_WORD_START = re.compile(r"(?<!\w)\w")


class _ByFirst(dict):
    """Character -> the `named_patterns` (in their order) that can match at a position
    holding it: a pattern whose first element is a literal only where that literal
    matches the character (with the pattern's own flags); learnt per character."""

    def __init__(self, pats: list[tuple[str, re.Pattern[str]]]) -> None:
        super().__init__()
        self.pats = pats
        self.first: list[re.Pattern[str] | None] = []
        for _, p in pats:
            op, av = re._parser.parse(p.pattern, p.flags).data[0]
            lit = chr(av) if op is re._constants.LITERAL else None
            self.first.append(re.compile(re.escape(lit), p.flags) if lit is not None else None)

    def __missing__(self, ch: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
        got = tuple(cp for cp, f in zip(self.pats, self.first) if f is None or f.fullmatch(ch))
        self[ch] = got
        return got


@cache
def _named_by_first() -> _ByFirst:
    return _ByFirst(named_patterns())


class _Found:
    """A mention under construction: the symbol or name plus its context."""

    def __init__(self, m: Mention, head_start: int, sym: Symbol | None, head: Head | None,
                 named_type: str | None = None, title: str | None = None) -> None:
        self.m = m
        self.start = head_start
        self.sym = sym
        self.head = head
        self.named_type = named_type
        self.title = title
        self.date = None
        self.year: int | None = None            # a law named with its year only
        self.number_only: str | None = None     # "công điện số 1852 ngày …": no symbol
        self.issuer: str | None = None
        self.issuer_before: str | None = None   # "của <issuer> tại công văn số", "<agency> vừa ban hành (số"
        self.subject_start: int | None = None
        self.subject: tuple[int, int] | None = None
        self.type_words: str | None = head.type_words if head else None
        self.type_code: str | None = head.type_code if head else None


def _numbered(text: str, sents: SentenceIndex) -> list[_Found]:
    out: list[_Found] = []
    if not symbol_hint().search(text):
        return out
    for sm in symbol_re().finditer(text):
        sym = symbol_of(sm)
        if sym is None:
            continue
        head = read_head(text, sm.start())
        if head.own_number or sym.weak and (head.type_code is None or head.type_words.lower() in generic_words()):
            continue
        if sym.weak and head.type_code in _LAW_WORDS:
            sym.family = LAW
        if head.type_code is None and _not_before().search(text, max(0, head.start - 20), head.start):
            continue
        sent = sents.bounds(head.pin_start, sm.end())
        tail = read_tail(text, sm.end(), max(sent[1], sm.end()))
        m = Mention(head=head.pin_start, end=sm.end(), tail_end=tail.end, sent=sent, news=head.news)
        f = _Found(m, head.start, sym, head)
        f.date, f.issuer, f.subject_start = tail.date, tail.issuer, tail.subject_start
        if f.issuer is None:
            f.issuer_before = read_issuer_before(text, head)
            if f.issuer_before is None:
                f.issuer_before, before_date = read_subject_before(text, head)
                f.date = f.date or before_date
        out.append(f)
    return out


def _named(text: str, sents: SentenceIndex, taken: list[_Found]) -> list[_Found]:
    out: list[_Found] = []
    taken_starts = sorted(f.start for f in taken)
    taken_ends = {f.start: f.m.end for f in taken}

    def overlaps(s: int, e: int) -> bool:
        k = bisect_right(taken_starts, e - 1) - 1
        # named spans are found left to right: only the last can overlap
        return k >= 0 and taken_ends[taken_starts[k]] > s or bool(spans) and spans[-1][1] > s

    spans: list[tuple[int, int]] = []
    pats_at = _named_by_first()
    for anchor in _named_anchor().finditer(text):
        a = anchor.start()
        if overlaps(a, a + 1):
            continue
        nm = None
        for w in _WORD_START.finditer(text, max(0, a - 40), a):
            ws = w.start()
            nm = next(((code, m) for code, m in ((c, p.match(text, ws)) for c, p in pats_at[text[ws]]) if m), None)
            if nm:
                break
        if nm is None:
            continue
        code, nm = nm
        s, e = nm.span()
        if overlaps(s, e):
            continue
        spans.append((s, e))
        title = nm.groupdict().get("title")
        m = Mention(head=s, end=e, tail_end=e, sent=sents.bounds(s, e))
        out.append(_Found(m, s, None, None, named_type=code, title=title))
    return out


@cache
def _number_only_re() -> re.Pattern[str]:
    """<type words> số <number> ngày <date>: a citation by its number alone ("công điện số
    1852 ngày 30/11/2020 của Ban Chỉ đạo quốc gia …"). The date is required: "số 5"
    alone is a count, an item, a house."""
    return re.compile(rf"(?P<tw>{type_words_regex()})\s++số\s++(?P<n>\d{{1,6}})(?![\d/.\-])(?=\s*+,?\s*+ngày\s++\d)",
                      re.IGNORECASE)


# Where a number-only citation's "số <number>" may stand: the case variants Python's
# IGNORECASE gives "s" and "ố" spelled out (s S ſ, ố Ố), one pattern per "ố" so each opens
# with a literal the engine searches for in C (the IGNORECASE alternation of type words,
# tried at every position, cost most of citation finding).
_NUMBER_ONLY_ANCHORS = tuple(re.compile(rf"{o}(?<=\s[sSſ]{o})\s++\d{{1,6}}(?![\d/.\-])") for o in "ốỐ")


@cache
def _type_words_max() -> int:
    return max(len(w.split()) for w in type_by_word())


def _number_only_matches(text: str):
    """The matches `_number_only_re().finditer(text)` gives, found faster: a match is type
    words, whitespace and an anchor's "số", so it starts within the `_type_words_max()`
    whitespace-separated runs before an anchor; those positions alone are tried, in
    order, each once, skipping what a match consumed (finditer's own rules)."""
    rx = _number_only_re()
    k_max = _type_words_max()
    pos = tried = 0
    anchors = sorted(a.start() - 1 for rx_a in _NUMBER_ONLY_ANCHORS for a in rx_a.finditer(text))
    for p in anchors:
        ws = p
        for _ in range(k_max):
            while ws > 0 and text[ws - 1].isspace():
                ws -= 1
            while ws > 0 and not text[ws - 1].isspace():
                ws -= 1
        s = max(ws, pos, tried)
        while s < p:
            m = rx.match(text, s)
            if m:
                yield m
                pos = s = m.end()
            else:
                s += 1
        tried = max(tried, p)


def _number_only(text: str, sents: SentenceIndex, taken: list[_Found]) -> list[_Found]:
    """Citations by number, type and date without a symbol: kept with their number and
    never given an invented symbol."""
    starts = sorted(f.start for f in taken)
    out: list[_Found] = []
    for m in _number_only_matches(text):
        k = bisect_right(starts, m.end()) - 1
        if k >= 0 and starts[k] >= m.start():
            continue
        code = type_by_word().get(" ".join(m.group("tw").lower().split()))
        if code is None or m.group("tw").lower() in generic_words():
            continue
        sent = sents.bounds(m.start(), m.end())
        tail = read_tail(text, m.end(), max(sent[1], m.end()))
        mention = Mention(head=m.start(), end=m.end(), tail_end=tail.end, sent=sent)
        f = _Found(mention, m.start(), None, None, named_type=code)
        f.number_only = m.group("n")
        f.date, f.issuer, f.subject_start = tail.date, tail.issuer, tail.subject_start
        out.append(f)
    return out


def _laws(text: str, sents: SentenceIndex, taken: list[_Found]) -> list[_Found]:
    """Laws, codes and ordinances cited by name (`loaders.named_laws`), where no other
    citation already is."""
    spans = sorted((f.start, f.m.tail_end) for f in taken)
    out: list[_Found] = []
    for law in find_named_laws(text):
        k = bisect_right(spans, (law.start, len(text))) - 1
        if k >= 0 and spans[k][1] > law.start or k + 1 < len(spans) and spans[k + 1][0] < law.end:
            continue
        m = Mention(head=law.start, end=law.end, tail_end=law.tail_end, sent=sents.bounds(law.start, law.end))
        f = _Found(m, law.start, None, None, named_type=law.type)
        f.date, f.year = law.date, law.year
        out.append(f)
    return out


def _share_lists(text: str, found: list[_Found]) -> None:
    """Date/issuer/subject flow back along a list of one type ("quyết định số 1253/QĐ-UBND
    và 1255/QĐ-UBND ngày 17/5/2018"), the issuer alone past an item's own date ("… số A
    ngày 05/01/2012 và … số B ngày 28/6/2012 của Bộ Tài chính"), type words forward,
    along a list of symbols."""
    for a, b in zip(reversed(found[:-1]), reversed(found[1:])):
        if a.sym is None or b.sym is None or not LIST_GAP.fullmatch(text, a.m.tail_end, b.m.head):
            continue
        if (a.sym.type or a.type_code) != (b.sym.type or b.type_code):
            continue      # "Nghị định số A, Quyết định số B ngày …": B's date is B's own
        if a.date is None and a.issuer is None and a.subject_start is None:
            a.date, a.issuer, a.subject_start = b.date, b.issuer, b.subject_start
            a.subject = b.subject
            a.shared_tail = True
        elif a.issuer is None and a.subject_start is None and b.issuer is not None:
            a.issuer = b.issuer     # "Thông tư số A ngày … và Thông tư số B ngày … của Bộ Tài chính"
    for a, b in zip(found, found[1:]):
        if a.sym is None or b.sym is None or b.type_words or not a.type_words:
            continue
        if LIST_GAP.fullmatch(text, a.m.tail_end, b.m.head) and a.sym.family == b.sym.family:
            b.type_words, b.type_code = a.type_words, a.type_code
    for a, b in zip(found, found[1:]):
        if a.issuer_before and b.sym is not None and b.issuer_before is None \
                and LIST_GAP.fullmatch(text, a.m.tail_end, b.m.head):
            b.issuer_before = a.issuer_before
    for f in found:
        if f.issuer is None and f.issuer_before:
            f.issuer = f.issuer_before


def _subjects(text: str, found: list[_Found]) -> None:
    """Close each subject at its sentence end, or before a list member that follows."""
    heads = sorted(f.m.head for f in found)
    for f in found:
        if f.subject_start is None or getattr(f, "shared_tail", False):
            continue
        ss = f.subject_start
        se = subject_end(text, ss, min(max(f.m.sent[1], ss), ss + 600))
        for k in range(bisect_right(heads, ss), len(heads)):
            h = heads[k]
            if h >= se:
                break
            if _LIST_END.search(text, max(ss, h - 12), h):
                se = h
                break
        while se > ss and text[se - 1] in " \t\r\n,;:-":
            se -= 1
        if se > ss:
            f.subject = (ss, se)
            f.m.subject = (ss, se)
            f.m.tail_end = max(f.m.tail_end, se)


def _citation(nt: NormText, f: _Found, sents: SentenceIndex, said: dict[tuple[int, int], str]) -> Citation:
    """`said`: the sentences already cut from the original, by span (a list's members share one)."""
    s, e = nt.span(f.start, f.m.end)
    a, b = nt.span(*sents.bounds(f.start, f.m.end))
    sentence = said.get((a, b))
    if sentence is None:
        sentence = said[(a, b)] = " ".join(nt.original[a:b].split())
    types = doc_types()
    subject = None
    if f.subject:
        a, b = nt.span(*f.subject)
        subject = " ".join(nt.original[a:b].split())
    c = Citation(text=nt.original[s:e], start=s, end=e, sentence=sentence,
                 relation=f.m.relation, cue=f.m.cue, date=f.date, issuer=f.issuer, subject=subject)
    if f.number_only is not None:
        c.number, c.type = f.number_only, f.named_type
        c.type_name = types[f.named_type].name if f.named_type in types else None
        c.year = f.date.year if f.date else None
        return c
    if f.sym is None:
        c.kind, c.type = "named", f.named_type
        c.type_name = types[f.named_type].name if f.named_type in types else None
        c.subject = " ".join(f.title.split()) if f.title else None
        c.year = f.year
        return c
    sym = f.sym
    c.family, c.symbol, c.number = sym.family, sym.canonical, sym.number
    c.issuer_code, c.unit_code = sym.issuer_code, sym.unit_code
    words = f.type_words.lower() if f.type_words else None
    word_code = f.type_code if words and words not in generic_words() else None
    c.type = sym.type or word_code
    name_code = word_code or c.type
    c.type_name = types[name_code].name if name_code in types else None
    c.year = sym.year or (f.date.year if f.date else None)
    if f.head is not None:
        c.pinpoint = f.head.pinpoint
        if f.head.title and subject is None:
            c.subject = f.head.title
    return c


def find_citations(nt: NormText) -> tuple[list[Citation], list[Relation]]:
    """Every cited instrument in the text, and relations the text states between them."""
    text = nt.text
    sents = nt.sentences()
    found = _numbered(text, sents)
    found += _named(text, sents, found)
    found += _number_only(text, sents, found)
    found += _laws(text, sents, found)
    if not found:
        return [], []
    found.sort(key=lambda f: f.start)
    _share_lists(text, found)
    _subjects(text, found)
    edges = assign_relations(text, [f.m for f in found])
    said: dict[tuple[int, int], str] = {}
    cits = [_citation(nt, f, sents, said) for f in found]
    rels = [Relation(source=i, target=j, relation=r, start=cits[max(i, j)].start,
                     end=cits[max(i, j)].end, sentence=cits[max(i, j)].sentence, cue=cue)
            for i, j, r, cue in edges]
    return cits, rels + amendment_relations(cits)


def reports_only(cits: list[Citation]) -> None:
    """A news page reports what instruments do; it implements, repeals or amends nothing
    itself: it CITES each (the acts it reports are the edges between the instruments)."""
    for c in cits:
        if c.relation != CITES:
            c.relation, c.cue = CITES, None


def without_own(cits: list[Citation], rels: list[Relation], own: str | None,
                when: date | None = None) -> tuple[list[Citation], list[Relation]]:
    """The citations without the document's own symbol: "Luật số: 59/2020/QH14" in a law's
    header, a portal's "# Nghị định 168/2024/NĐ-CP …" title, a number repeated in the
    text's page headers are the document itself, never a citation of itself (one of
    that symbol with another date — last year's "Kế hoạch số 12/KH-UBND" — stays)."""
    if not own or "/" not in own:
        return cits, rels
    me = parse_symbol(own)

    def is_own(c: Citation) -> bool:
        if c.date not in (None, when) or not c.symbol:
            return False
        if c.symbol == own:
            return True
        # the same number, type and code with the year a portal's title adds ("Quyết định
        # số 1961/2019/QĐ-UBND" over "Số: 1961/QĐUBND" of that year)
        return (me is not None and c.number == me.number and c.type == me.type and c.issuer_code == me.issuer_code
                and c.year is not None and when is not None and c.year == when.year)

    keep = [i for i, c in enumerate(cits) if not is_own(c)]
    if len(keep) == len(cits):
        return cits, rels
    new = {old: k for k, old in enumerate(keep)}
    out = [Relation(new[r.source], new[r.target], r.relation, r.start, r.end, r.sentence, r.cue)
           for r in rels if r.source in new and r.target in new]
    return [cits[i] for i in keep], out
