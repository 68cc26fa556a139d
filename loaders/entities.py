"""Named entities with spaCy: a blank Vietnamese pipeline and an EntityRuler whose
patterns come from the data tables (agencies, titles, places of both gazetteer eras).

- Tokenizer: spaCy's rule tokenizer (the blank "vi" whitespace splitter keeps
  punctuation on words and is slow); special cases and a token_match keep
  `16/CT-TTg`, `/TB-UBND`, dates `31/3/2020`, `Đ/c`, `TP.` whole.
- Labels: ORG (agencies), PER (persons with a cue or title: "Đ/c Lê Trí Thức",
  "Chủ tịch UBND thành phố Nguyễn Văn Hạnh"), LOC (administrative units, legacy and
  2025), DATE ("31/3/2020", "ngày 03 tháng 4 năm 2020", "tháng 4/2021").
- The pipeline is built once per process (`nlp()`); texts are processed in chunks
  cut at line breaks, so a huge text never becomes one huge Doc.
Offsets point into the original text (via `NormText.span`).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import filter_spans

from .agencies import UPPER, Jurisdiction, canonical
from .model import Document, Entity
from .normalize import NormText
from domain.places import unit_kinds, units
from .tables import table

CHUNK = 100_000

_PREFIX = re.compile(r"""^[\(\[\{"“‘'«*…]""")
_SUFFIX = re.compile(r"""(?:[\)\]\}"”’'»*,;:!?…]|(?<!\bTP)(?<!\bTp)(?<!\bTX)(?<!\bKT)(?<!\bTL)(?<!\bTM)(?<!\bTS)"""
                     r"""(?<!\bThS)(?<!\bTUQ)(?<!\bPGS)\.+)$""")   # "TP." keeps its dot
_INFIX = re.compile(r"""(?<=[^\W\d_])[,;:](?=[^\W\d_])|(?<=\w)[()](?=\w)""")
# numbers and symbols kept whole: 31/3/2020, 4/2021, 16/CT-TTg, 10/2020/NĐ-CP, /TB-UBND, 09-NQ/TU
_TOKEN = re.compile(r"""^(?:\d+(?:[/.-]\d+)+|\w*\d\w*(?:[/-][\w&]+)+|/[\w&]+(?:-[\w&]+)+)$""")
_KEEP = ["Đ/c", "đ/c", "TP.", "Tp.", "TX.", "KT.", "TL.", "TM.", "TUQ.", "v.v", "ThS.", "TS.", "PGS."]
_DATE_TOKEN = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_MONTH_TOKEN = re.compile(r"^(\d{1,2})/(\d{4})$")


def _tokenizer(nlp: Language) -> Tokenizer:
    """Rule tokenizer. Abbreviations are kept whole by `token_match`, not by special
    cases: special cases with punctuation make spaCy run a Matcher over every Doc."""
    keep = "|".join(re.escape(a) for a in _KEEP)
    token_match = re.compile(rf"^(?:{keep})$|{_TOKEN.pattern}").match
    return Tokenizer(nlp.vocab, rules={}, prefix_search=_PREFIX.search, suffix_search=_SUFFIX.search,
                     infix_finditer=_INFIX.finditer, token_match=token_match)


def _patterns() -> list[dict]:
    """EntityRuler phrase patterns (hashed lookups in the PhraseMatcher): agency names
    and variants, administrative units of both eras. Token-level shapes (persons,
    dates, councils, agency heads + capitalised words) are matched by `_regexes`:
    spaCy's token Matcher tries every pattern at every token and ran at < 1 MB/s."""
    ag = table("agencies")
    ti = table("titles")
    pats: list[dict] = []
    # ORG: known agency names and variants as phrases; "phòng Kinh tế" in lower case too
    names = set(ag["names"])
    for variants in ag["names"].values():
        names.update(variants or [])
    for n in names:
        pats.append({"label": "ORG", "pattern": n, "id": "agency"})
        if any(c.isupper() for c in " ".join(n.split()[1:])):   # not "thanh tra" (a verb)
            pats.append({"label": "ORG", "pattern": n[0].lower() + n[1:], "id": "agency"})
    # LOC: administrative units of both eras ("tỉnh Lạng Sơn", "TP. Lạng Sơn")
    seen: set[str] = set()
    for era in ("legacy", "2025"):
        for u in units(era):
            variants = [u.name, u.name[:1].upper() + u.name[1:]]
            if u.kind == "thành phố":
                variants += [f"TP. {u.short}", f"TP {u.short}", f"Tp. {u.short}"]
            for text in variants:
                if text not in seen:
                    seen.add(text)
                    pats.append({"label": "LOC", "pattern": text, "id": "place"})
    return pats


@cache
def _regexes() -> list[tuple[str, str, re.Pattern[str], str]]:
    r"""(label, id, regex, chars) for the shapes the phrase patterns cannot list.

    A match is refused when the character before it is a word character or one of
    `chars` (what a leading `(?<![\w/])` would say): written as a check after the
    search, the regexes open with literals or a class and scan several times faster.
    """
    ti = table("titles")
    ag = table("agencies")
    cap = rf"[{UPPER}][^\W\d_]*"
    surn = "|".join(re.escape(x) for x in sorted(set(ti["surnames"]), key=len, reverse=True))
    name = rf"(?:{surn})(?:[ \t]+{cap}){{1,3}}(?![\w/])"
    cues = "|".join(re.escape(c) for c in sorted(ti["person_cues"], key=len, reverse=True))
    titles = "|".join(re.escape(t) for t in sorted(ti["titles"], key=len, reverse=True))
    titles_lc = "|".join(re.escape(t[0].lower() + t[1:]) for t in sorted(ti["titles"], key=len, reverse=True))
    org_words = sorted({w for o in ti["title_orgs"] for w in o.split()} | {"Thường", "trực", "thành", "phố", "tỉnh", "huyện",
                        "quận", "xã", "phường", "TP", "Ủy", "ban", "nhân", "dân"}, key=len, reverse=True)
    orgw = "|".join(re.escape(w) for w in org_words)
    kinds = "|".join(re.escape(k) for k in unit_kinds())
    heads = "|".join(re.escape(h) for h in sorted((h for h in ag["heads"] if h[0].isupper()), key=len, reverse=True))
    name_word = rf"(?:{cap}|[A-ZĐ][\w&-]*)"
    return [
        ("PER", "person_cue", re.compile(rf"(?:{cues})[ \t]+{name}"), "/"),
        ("PER", "person_title", re.compile(rf"(?:{titles}|{titles_lc})(?:[ \t]+(?:{orgw}))*[ \t]+{name}"), "/"),
        # three simple regexes (each opens with a literal or a class: fast to scan for)
        ("DATE", "date", re.compile(r"\d{1,2}/\d{1,2}/\d{4}(?![\w/])"), "/"),
        ("DATE", "date", re.compile(r"[Nn]gày[ \t]+\d{1,2}[ \t]+tháng[ \t]+\d{1,2}[ \t]+năm[ \t]+\d{4}(?!\d)"), ""),
        ("DATE", "date", re.compile(r"tháng[ \t]+\d{1,2}(?:/|[ \t]+năm[ \t]+)\d{4}(?!\d)"), ""),
        ("ORG", "council", re.compile(rf"(?:UBND|HĐND|[ỦủUu]y ban nhân dân|Hội đồng nhân dân)(?:[ \t]+các)?[ \t]+"
                                      rf"(?:(?:{kinds})(?:[ \t]+{cap}){{0,4}}|TP\.?)(?!\w)"), ""),
        ("ORG", "agency", re.compile(rf"(?:{heads})(?:[ \t]+{name_word}){{1,6}}(?![\w/])"), ""),
    ]


def _finditer(rx: re.Pattern[str], text: str, chars: str):
    r"""`rx.finditer(text)` as if the regex opened with `(?<![\w<chars>])`."""
    pos = 0
    n = len(text)
    while pos <= n:
        m = rx.search(text, pos)
        if m is None:
            return
        s = m.start()
        if s > 0:
            c = text[s - 1]
            if c.isalnum() or c == "_" or c in chars:
                pos = s + 1
                continue
        yield m
        pos = m.end() if m.end() > s else s + 1


def _regex_matches(text: str) -> list[tuple[str, str, int, int]]:
    """(label, id, start, end) of every regex shape in `text` (normalised)."""
    out = []
    for label, kb_id, rx, chars in _regexes():
        for m in _finditer(rx, text, chars):
            start = m.start()
            if label == "DATE" and text[max(0, start - 5):start] in ("ngày ", "Ngày "):
                start -= 5
            out.append((label, kb_id, start, m.end()))
    return out


@cache
def _trigger() -> re.Pattern[str]:
    """Where a phrase pattern may match: its first token, an optional space and the
    first characters of its second token (a superset: spaCy is run only on the lines
    holding one, or holding a regex shape; entities never cross a line).

    Written as a trie of those strings (one character per branch point), which the
    engine tries in a few steps where an alternation of thousands tries each. Only the
    lines holding a match matter (`_candidate_lines`) and no string holds a newline, so
    any pattern of the same strings picks the same lines."""
    tok = nlp().tokenizer
    follow: dict[str, set[str]] = {}
    for p in _patterns():
        words = [t.text for t in tok(p["pattern"])]
        follow.setdefault(words[0], set()).add(words[1] if len(words) > 1 else "")
    strings: set[str] = set()
    for first, seconds in follow.items():
        if "" in seconds:
            strings.add(first)
        else:
            strings.update(first + sp + x for x in seconds for sp in ("", " "))
    assert not any("\n" in x for x in strings), "a trigger never crosses a line"
    return re.compile(_trie_regex(strings))


def _trie_regex(strings: set[str]) -> str:
    """A regex matching exactly the literal `strings` (an empty set matches nothing)."""
    trie: dict[str, dict] = {}
    for w in strings:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie) or r"(?!)"


def _candidate_lines(text: str, spans: list[tuple[str, str, int, int]]) -> list[tuple[int, int]]:
    """Sorted, merged (start, end) of the lines (with their newline) that may hold an entity."""
    starts = [s for _, _, s, _ in spans]
    starts += [m.start() for m in _trigger().finditer(text)]
    if not starts:
        return []
    starts.sort()
    out: list[tuple[int, int]] = []
    n = len(text)
    for p in starts:
        if out and p < out[-1][1]:
            continue
        a = text.rfind("\n", 0, p) + 1
        b = text.find("\n", p)
        b = n if b < 0 else b + 1
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


@cache
def nlp() -> Language:
    """The entity pipeline (built once per process)."""
    pipe = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    pipe.tokenizer = _tokenizer(pipe)
    pipe.max_length = CHUNK * 2
    ruler = pipe.add_pipe("entity_ruler", config={"validate": False, "overwrite_ents": True})
    ruler.add_patterns(_patterns())
    return pipe


def _chunks(text: str) -> list[tuple[int, str]]:
    out = []
    pos = 0
    n = len(text)
    while pos < n:
        end = min(n, pos + CHUNK)
        if end < n:
            nl = text.rfind("\n", pos + CHUNK // 2, end)
            end = nl + 1 if nl > 0 else end
        out.append((pos, text[pos:end]))
        pos = end
    return out


def find_entities(doc: Document, nt: NormText) -> list[Entity]:
    """Organisations, persons with titles, places, dates.

    The regex shapes are searched in the whole text; spaCy (tokenizer + EntityRuler)
    runs only on the lines that hold a regex shape or the first tokens of a phrase
    pattern (`_trigger`), joined into one text: entities never cross a line break,
    so the result is the one a run over the whole text gives.
    """
    text = nt.text
    if not text.strip():
        return []
    pipe = nlp()
    jur = Jurisdiction.of(doc)
    found = _regex_matches(text)
    segs = _candidate_lines(text, found)
    if not segs:
        return []
    # the candidate lines joined: seg_at[k] is where segment k starts in `joined`
    joined = "".join(text[a:b] for a, b in segs)
    seg_at = []
    pos = 0
    for a, b in segs:
        seg_at.append(pos)
        pos += b - a
    seg_starts = [a for a, _ in segs]

    def to_joined(p: int) -> int:
        k = bisect_right(seg_starts, p) - 1
        return seg_at[k] + p - segs[k][0]

    def to_text(p: int) -> int:
        k = bisect_right(seg_at, p) - 1
        return segs[k][0] + p - seg_at[k]

    sents = nt.sentences()
    chunks = _chunks(joined)
    chunk_starts = [offset for offset, _ in chunks]
    by_chunk: list[list[tuple[int, int, str, str]]] = [[] for _ in chunks]     # regex order kept
    for label, kb, s, e in found:
        js = to_joined(s)
        by_chunk[bisect_right(chunk_starts, js) - 1].append((js, to_joined(e), label, kb))
    out: list[Entity] = []
    org_names: dict[str, str] = {}
    sent: tuple[int, int, str] = (-1, -1, "")
    for (offset, _), regex_spans, sdoc in zip(chunks, by_chunk, pipe.pipe(c for _, c in chunks)):
        spans = list(sdoc.ents)
        for s, e, label, kb in regex_spans:
            span = sdoc.char_span(s - offset, e - offset, label=label, kb_id=kb, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        sdoc.ents = filter_spans(spans)
        for ent in sdoc.ents:
            ns = to_text(offset + ent.start_char)
            ne = ns + (ent.end_char - ent.start_char)
            s, e = nt.span(ns, ne)
            label = ent.label_
            etext = doc.text[s:e]
            title = norm = None
            if label == "PER":
                title, norm = _person(ent, text, ne)
            elif label == "DATE":
                norm = _iso(ent.text)
            elif label == "ORG":
                if ent.text not in org_names:
                    org_names[ent.text] = canonical(ent.text, jur).name
                norm = org_names[ent.text]
            if not (sent[0] <= ns and ne <= sent[1]):      # entities share sentences: bound once
                nbs, nbe = sents.bounds(ns, ne)
                bs, be = nt.span(nbs, nbe)
                sent = (nbs, nbe, " ".join(doc.text[bs:be].split()))
            sentence = sent[2]
            out.append(Entity(label=label, text=etext, start=s, end=e, sentence=sentence, title=title, norm=norm))
    return out


def _person(ent, text: str, end: int) -> tuple[str | None, str | None]:
    """(title, bare name) of a PER span, the title read after "Đ/c X - <title>" too."""
    surnames = set(table("titles")["surnames"])
    toks = list(ent)
    k = next((i for i, t in enumerate(toks) if t.text in surnames), 0)
    name = " ".join(t.text for t in toks[k:])
    before = " ".join(t.text for t in toks[:k])
    if ent.kb_id_ == "person_title" or (before and before not in table("titles")["person_cues"]):
        return before or None, name
    after = text[end: end + 120]
    m = re.match(r"\s*[-–,]\s*([^.;:\n]{2,80}?)(?=\s*(?:,\s*chủ trì|\s+đã\s|\s+chủ trì|[.;:\n(]|$))", after)
    return (m.group(1).strip(" ,") if m else None), name


def _iso(text: str) -> str | None:
    m = re.search(r"(\d{1,2})\s*(?:/|\s+tháng\s+)(\d{1,2})\s*(?:/|\s+năm\s+)(\d{4})", text)
    try:
        if m:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
        m = re.search(r"tháng\s+(\d{1,2})\s*(?:/|\s+năm\s+)(\d{4})", text)
        if m:
            return f"{int(m.group(2)):04d}-{int(m.group(1)):02d}"
    except ValueError:
        return None
    return None
