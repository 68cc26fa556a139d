"""The words around a symbol: type words and pinpoint before it; date, issuer and
subject after it. Everything works on normalised text with bounded look-back
windows, so the cost per citation is constant.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from domain.places import dashed_names_regex
from domain.types import titled_types, type_by_word, types_table
from .tables import table

from .citation_tables import (
    issuer_names_regex, phrase_regex, issuer_stop_regex, subject_cue_regex, subject_intro_regex,
    type_words_regex,
)

_BACK = 140  # look-back window for type words and a law's title


@dataclass
class Head:
    """What precedes a number: `start` of the mention, its type words, pinpoint."""

    start: int
    pin_start: int
    type_code: str | None = None
    type_words: str | None = None
    title: str | None = None
    pinpoint: str | None = None
    has_so: bool = False
    news: bool = False        # "(số X ...)" on news pages
    own_number: bool = False  # "Số: 311/TB-UBND" heading a document


@dataclass
class Tail:
    """What follows a symbol: date, issuer phrase and subject, with their extent."""

    end: int
    date: date | None = None
    issuer: str | None = None
    subject_start: int | None = None
    subject_intro: str | None = None   # "về việc" or the cue that opens the clause


@cache
def _so() -> re.Pattern[str]:
    return re.compile(r"(?<!\w)số(?:\s+ký\s+hiệu)?\s*+:?\s*+$", re.IGNORECASE)


@cache
def _words() -> re.Pattern[str]:
    return re.compile(rf"(?P<w>{type_words_regex()})\s*+$", re.IGNORECASE)


@cache
def _titled() -> re.Pattern[str]:
    words = [w for w, c in type_by_word().items() if c in titled_types()]
    alts = "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))
    return re.compile(
        rf"(?<!\w)(?P<w>{alts})\s+(?P<title>[^\W\d_][^\d,;.()\[\]\"“”:]{{0,100}}?)\s+$", re.IGNORECASE
    )


_PIN_ID = r"(?:[0-9]+[a-zđ]?|[IVXLC]+|[a-zđ])"


@cache
def _pinpoint_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """One part of a pinpoint ("khoản 2") and a run of them ending at a number's head
    ("khoản 2 Điều 7 của "), from `types.yaml: pinpoints`."""
    kinds = "|".join(r"\s+".join(map(re.escape, k.split())) for k in _pin_rank())
    links = "|".join(rf"\s++{re.escape(w)}\s++" for w in types_table()["pinpoint_links"])
    part = re.compile(rf"(?<!\w)(?P<kind>{kinds})\s+(?P<id>{_PIN_ID})(?!\w)", re.IGNORECASE)
    tail = re.compile(rf"(?:(?:{kinds})\s+{_PIN_ID}(?:\s*+,\s*+|{links}|\s++)?){{1,8}}$", re.IGNORECASE)
    return part, tail


@cache
def _pin_rank() -> dict[str, int]:
    """Lower-case part word -> its rank, largest part first ("chương" 0 … "phụ lục" 5)."""
    return {w.lower(): i for i, w in enumerate(types_table()["pinpoints"])}


@cache
def _pin_label() -> dict[str, str]:
    return {w.lower(): w for w in types_table()["pinpoints"]}


_CLAUSE_END = re.compile(r"[,;.()\[\]\n\"“”:]")


# up to four words read backwards (on the reversed window): whitespace, then a run of
# word characters, each run ended by whitespace before the next (a word's start is the
# end of its run in the reversed text)
_WORDS_BACK = re.compile(r"\s*+(\w++)(?:\s++(\w++)(?:\s++(\w++)(?:\s++(\w++))?)?)?")


def _type_words_before(text: str, pos: int, lo: int) -> tuple[int, str] | None:
    """(start, phrase) of the type words ending right before `pos` (whitespace skipped):
    the longest run of up to four whole words before it that `type_by_word` knows."""
    m = _WORDS_BACK.match(text[lo:pos][::-1])
    if m is None:
        return None
    words: list[tuple[int, str]] = []
    for g in range(1, 5):
        a, b = m.span(g)
        if a < 0:
            break
        words.append((pos - b, text[pos - b:pos - a]))
    table_ = type_by_word()
    for k in range(len(words), 0, -1):
        phrase = " ".join(w for _, w in reversed(words[:k])).lower()
        if phrase in table_:
            return words[k - 1][0], phrase
    return None


# a Party document's own number line has no colon: "Số 04-CT/HU" alone on its line
_OWN_NO_COLON = re.compile(r"Số[ \t]+[^\s]+[ \t]*(?:\r?\n|$)")


def read_head(text: str, num_start: int) -> Head:
    """Type words, "số" and pinpoint written just before the number at `num_start`."""
    lo = max(0, num_start - _BACK)
    head = Head(start=num_start, pin_start=num_start)
    pos = num_start
    m = _so().search(text, max(lo, num_start - 24), num_start)
    if m:
        head.has_so = True
        pos = m.start()
        line = text.rfind("\n", lo, pos) + 1
        alone = text[max(line, lo):pos].strip() == "" and (line > lo or lo == 0)
        if alone and (m.group().rstrip().endswith(":") or _OWN_NO_COLON.match(text, pos)):
            head.own_number = True
    w = _type_words_before(text, pos, lo) if pos > lo else None
    if w:
        head.type_words = " ".join(text[w[0]:pos].split())
        head.type_code = type_by_word()[w[1]]
        pos = w[0]
    elif head.has_so:
        cut = max((c.end() for c in _CLAUSE_END.finditer(text, lo, pos)), default=lo)
        t = _titled().search(text, cut, pos)
        if t:
            head.type_words = " ".join(t.group("w").split())
            head.type_code = type_by_word()[head.type_words.lower()]
            head.title = " ".join(t.group("title").split())
            pos = t.start()
    if head.type_words is None and text[lo:pos].rstrip().endswith("("):
        head.news = True
    head.start = pos
    head.pin_start = pos
    pin = pinpoint_before(text, pos, max(lo, pos - 90))
    if pin:
        head.pin_start, head.pinpoint = pin
    return head


def pinpoint_before(text: str, pos: int, lo: int) -> tuple[int, str] | None:
    """(start, formatted) of the pinpoint written right before `pos` ("khoản 2 Điều 7 "
    -> "Điều 7, khoản 2"), looking back to `lo`; None when there is none."""
    window = text[lo:pos].lower()
    if not any(k in window for k in _pin_rank()):
        return None
    p = _pinpoint_res()[1].search(text, lo, pos)
    return (p.start(), format_pinpoint(p.group())) if p else None


def format_pinpoint(raw: str) -> str:
    """ "khoản 2 Điều 7" -> "Điều 7, khoản 2" (largest unit first)."""
    parts = []
    for i, m in enumerate(_pinpoint_res()[0].finditer(raw)):
        kind = " ".join(m.group("kind").lower().split())
        parts.append((_pin_rank()[kind], i, f"{_pin_label()[kind]} {m.group('id')}"))
    return ", ".join(p for _, _, p in sorted(parts))


_DATE = re.compile(
    r"\s*+,?\s*+(?:ban\s+hành\s+)?ngày\s++(?:"
    r"(?P<d>\d{1,2})\s*+[/.-]\s*+(?P<m>\d{1,2})\s*+[/.-]\s*+(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})\s++tháng\s++(?P<m2>\d{1,2})\s*+,?\s*+năm\s++(?P<y2>\d{4}))(?!\d)",
    re.IGNORECASE,
)
_OF = re.compile(r"\s*+,?\s*+của\s++", re.IGNORECASE)


@cache
def _effective() -> re.Pattern[str]:
    """ ", có hiệu lực thi hành kể từ ngày 01/01/2015" (consumed as part of the tail)."""
    phrases = phrase_regex(table("relation_cues").get("tail_effective", []))
    return re.compile(
        rf"\s*+,?\s*+(?:{phrases})\s*+(?:ngày\s++)?\d{{1,2}}\s*+[/.-]\s*+\d{{1,2}}"
        rf"\s*+[/.-]\s*+\d{{4}}",
        re.IGNORECASE,
    )
_WORD = re.compile(r"[ \t]*+\n?[ \t]*+(?P<w>[^\W_][\w.&/'-]*+)")


def read_date(text: str, pos: int, limit: int) -> tuple[date | None, int] | None:
    """A date written at `pos` (", ngày 01/01/2015", "ngày 01 tháng 7 năm 2026") and where it
    ends; None when there is none (an impossible day reads as date None)."""
    m = _DATE.match(text, pos, limit)
    return (_date(m), m.end()) if m else None


def _date(m: re.Match[str]) -> date | None:
    d, mo, y = (m.group("d"), m.group("m"), m.group("y")) if m.group("d") else (m.group("d2"), m.group("m2"), m.group("y2"))
    try:
        return date(int(y), int(mo), int(d))
    except ValueError:
        return None


@cache
def _comma_pairs() -> re.Pattern[str]:
    pairs = [p.split(",", 1) for p in table("issuer_phrases").get("comma_pairs", [])]
    alts = "|".join(rf"(?<={re.escape(a.strip())}),\s*+{re.escape(b.strip())}(?!\w)" for a, b in pairs)
    return re.compile(alts or r"(?!)", re.IGNORECASE)


def read_issuer(text: str, pos: int, limit: int) -> tuple[str | None, int]:
    """The issuer phrase starting at `pos` (just after "của"), and where it ends.

    A known multi-word name ("Bộ Nông nghiệp và Phát triển nông thôn") is taken
    whole; then words are added until a stop word, a cue, a type word opening
    another citation, punctuation or a sentence end.
    """
    start = pos
    known = issuer_names_regex().match(text, pos, limit)
    if known:
        pos = known.end()
    stops = issuer_stop_regex()
    words = 0
    dashed = dashed_names_regex()
    pairs = _comma_pairs()
    while words < 14:
        if p := pairs.match(text, pos, limit):    # "phòng, chống": the comma is not an end
            pos = p.end()
            words += 1
            continue
        if d := dashed.match(text, pos, limit):   # "UBND tỉnh Bà Rịa - Vũng Tàu": the dash is not an end
            pos = d.end()
            words += 1
            continue
        w = _WORD.match(text, pos, limit)
        if not w or stops.match(text, w.start("w"), limit):
            break
        word = w.group("w")
        if word[-1] in ".-/'":
            core = word.rstrip(".-/'")
            if word.endswith(".") and core in _ABBREV:
                pos = w.end()
                words += 1
                continue
            pos = w.start("w") + len(core)
            break
        pos = w.end()
        words += 1
    phrase = " ".join(text[start:pos].split())
    return (phrase or None), (pos if phrase else start)


_COMMA_GAP = re.compile(r"\s*+,?\s*+")
_COLON_GAP = re.compile(r"\s*+:?\s*+")


def read_tail(text: str, sym_end: int, limit: int) -> Tail:
    """Date, issuer ("của ...") and the start of a subject after a symbol."""
    tail = Tail(end=sym_end)
    pos = sym_end
    for _ in range(3):
        eff = _effective().match(text, pos, limit)
        if eff:
            pos = tail.end = eff.end()
            continue
        if tail.date is None:
            m = _DATE.match(text, pos, limit)
            if m:
                tail.date = _date(m)
                pos = tail.end = m.end()
                continue
        if tail.issuer is None:
            m = _OF.match(text, pos, limit)
            if m:
                issuer, end = read_issuer(text, m.end(), limit)
                if issuer:
                    tail.issuer = issuer
                    pos = tail.end = end
                    continue
        break
    m = _COMMA_GAP.match(text, pos, limit)
    p = m.end()
    intro = subject_intro_regex().match(text, p, limit)
    if intro:
        q = _COLON_GAP.match(text, intro.end(), limit).end()
        tail.subject_start, tail.subject_intro = q, " ".join(intro.group().split())
        return tail
    if "," not in text[pos:p]:
        cue = subject_cue_regex().match(text, p, limit)
        if cue:
            tail.subject_start, tail.subject_intro = p, " ".join(cue.group().split())
    return tail


_SUBJECT_END = re.compile(r"[;()]|[.!?](?=\s|$)|\n[ \t]*\n")
_ABBREV = frozenset(["TP", "Tp", "TX", "Tx", "TT", "Q", "P", "v", "St", "v.v"])


@cache
def _comma_stop() -> re.Pattern[str]:
    return re.compile(r",\s*+" + phrase_regex(table("relation_cues").get("subject_stops", [])), re.IGNORECASE)


def subject_end(text: str, start: int, limit: int) -> int:
    """End of a subject: sentence end, ';', blank line, an unbalanced ')', or a comma
    opening a new clause ("..., chủ động phối hợp"); at most `limit`."""
    depth = 0
    end = limit
    for m in _SUBJECT_END.finditer(text, start, limit):
        ch = m.group()
        if ch == "(":
            depth += 1
            continue
        if ch == ")":
            depth -= 1
            if depth >= 0:
                continue
        elif ch == "." and _abbrev_dot(text, m.start()):
            continue
        end = m.start()
        break
    c = _comma_stop().search(text, start, end)
    return c.start() if c else end


def _abbrev_dot(text: str, i: int) -> bool:
    """A dot inside "TP. Lạng Sơn", "v.v." or after an initial, not a sentence end."""
    k = i
    while k > 0 and text[k - 1].isalpha():
        k -= 1
    word = text[k:i]
    return word in _ABBREV or (len(word) == 1 and word.isupper())


# ---------------------------------------------------------------- issuer before the mention

_CLAUSE_PUNCT = re.compile(r"[,;.()\[\]\n:!?\"“”]")


def _before_table() -> dict:
    return table("issuer_phrases").get("issuer_before", {})


@cache
def _of_link() -> re.Pattern[str]:
    """ "của" <issuer> <link word>, ending where the type words begin."""
    links = phrase_regex(_before_table().get("of_links", []))
    return re.compile(rf"(?P<link>{links})\s*+$", re.IGNORECASE)


_OF_WORD = re.compile(r"(?<!\w)của\s++", re.IGNORECASE)
# "các Quyết định của Thủ tướng Chính phủ: số 1/QĐ-TTg …; số 5/QĐ-TTg …": a list's issuer
_LIST_COLON = re.compile(r"\s*+:\s*+$")
# "ý kiến của Bộ Tài chính (Công văn số 13436/BTC-TCDN …)": the issuer before the bracket
_OPEN_BRACKET = re.compile(r"\s*+\(\s*+$")


@cache
def _news_verb() -> re.Pattern[str]:
    """ [<adverbs>] <verb> "(" ending at a news mention's "số"."""
    t = _before_table()
    adv = phrase_regex(t.get("news_adverbs", []))
    verbs = phrase_regex(t.get("news_verbs", []))
    return re.compile(rf"(?:{adv}\s++){{0,2}}(?:{verbs})\s*+\(\s*+$", re.IGNORECASE)


@cache
def _person_title() -> re.Pattern[str]:
    return re.compile(phrase_regex(_before_table().get("person_titles", [])) + r"\s++", re.IGNORECASE)


def strip_person_title(phrase: str) -> str | None:
    """The body in "đồng chí Chủ tịch UBND thành phố" ("UBND thành phố"); None when no
    agency or known issuer name remains (a person, not a body)."""
    from .agencies import head_of

    s = phrase
    while True:
        m = _person_title().match(s)
        if not m:
            break
        s = s[m.end():]
    if not s or not (head_of(s) or issuer_names_regex().match(s)):
        return None
    return s


def read_issuer_before(text: str, head: Head) -> str | None:
    """The issuer written before a mention whose tail names none.

    - "của <issuer> tại <type words> số X" ("theo chỉ đạo của đồng chí Chủ tịch UBND
      thành phố tại công văn số 739/UBND-VP" -> "UBND thành phố");
    - "<type words> của <issuer>: số X; số Y" (the list's issuer, for each of its items);
    - "của <issuer> (<type words> số X …)";
    - news pages: "<agency> vừa phê duyệt (số X ...)" ("UBND tỉnh").
    Phrases come from `issuer_phrases.yaml: issuer_before`.
    """
    pos = head.pin_start
    if head.news:
        return _news_issuer(text, pos)
    if not (head.type_words or head.has_so) or head.pinpoint:
        return None   # "thẩm quyền của Bộ X tại Điều 20 Nghị định số ...": X is not the issuer
    lo = max(0, pos - 24)
    link = _of_link().search(text, lo, pos) or _LIST_COLON.search(text, lo, pos) or _OPEN_BRACKET.search(text, lo, pos)
    if link is None:
        return None
    ls = link.start()
    lo = max(0, ls - 120)
    cut = max((c.end() for c in _CLAUSE_PUNCT.finditer(text, lo, ls)), default=lo)
    of = None
    for of in _OF_WORD.finditer(text, cut, ls):
        pass
    if of is None:
        return None
    phrase, end = read_issuer(text, of.end(), ls)
    if not phrase or text[end:ls].strip():
        return None
    return strip_person_title(phrase)


@cache
def _subject_verb() -> re.Pattern[str]:
    """ [<adverbs>] <verb> ending where a mention's type words begin."""
    t = _before_table()
    adv = phrase_regex(t.get("news_adverbs", []))
    verbs = phrase_regex(t.get("subject_verbs", []))
    return re.compile(rf"(?:{adv}\s++){{0,2}}(?:{verbs})\s++$", re.IGNORECASE)


_DATE_OPENING = re.compile(r"(?:^|(?<=[\s(]))[Nn]gày\s++(?P<d>\d{1,2})\s*+[/.-]\s*+(?P<m>\d{1,2})\s*+[/.-]\s*+"
                           r"(?P<y>\d{4})\s*+,\s*+$")


def read_subject_before(text: str, head: Head) -> tuple[str | None, date | None]:
    """Issuer and date written before a mention as the subject of its clause: "Bộ Y tế có
    Công văn số 1234/BYT-DP" -> "Bộ Y tế"; "Ngày 19/6/2025, Ban Chỉ đạo tỉnh đã ban hành
    Kế hoạch số 02-KH/BCĐ" -> ("Ban Chỉ đạo tỉnh", 19/6/2025)."""
    if not head.type_words or head.pinpoint:
        return None, None
    pos = head.start
    v = _subject_verb().search(text, max(0, pos - 40), pos)
    if v is None:
        return None, None
    vs = v.start()
    lo = max(0, vs - 160)
    cut = max((c.end() for c in _CLAUSE_PUNCT.finditer(text, lo, vs)), default=lo)
    from .agencies import mention_re

    m = mention_re().match(text, _skip_blank(text, cut, vs))
    if m is None or text[m.end():vs].strip():
        return None, None
    when = None
    d = _DATE_OPENING.search(text, max(0, cut - 30), cut)
    if d:
        try:
            when = date(int(d.group("y")), int(d.group("m")), int(d.group("d")))
        except ValueError:
            when = None
    return strip_person_title(" ".join(m.group("name").split())), when


def _skip_blank(text: str, i: int, hi: int) -> int:
    while i < hi and text[i].isspace():
        i += 1
    return i


def _news_issuer(text: str, pos: int) -> str | None:
    lo = max(0, pos - 60)
    v = _news_verb().search(text, lo, pos)
    if v is None:
        return None
    vs = v.start()
    while vs > 0 and text[vs - 1] in " \t":
        vs -= 1
    lo = max(0, vs - 100)
    cut = max((c.end() for c in _CLAUSE_PUNCT.finditer(text, lo, vs)), default=lo)
    from .agencies import mention_re

    last = None
    for last in mention_re().finditer(text, cut, vs):
        pass
    if last is None or text[last.end():vs].strip():
        return None
    return strip_person_title(" ".join(last.group("name").split()))
