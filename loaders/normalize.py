"""Text normalisation before matching, with a map back to original offsets.

Steps:
1. Unicode NFC (decomposed input is recomposed; the only step that changes length);
2. one-for-one character fixes (U+00D0 -> Đ, odd dashes and spaces, emphasis `*`) and
3. old tone placement -> current ("hoà" -> "hòa", "Uỷ" -> "Ủy"), both `domain.spelling`;
4. page furniture (gazette page headers, `data/normalize.yaml`) blanked with spaces.
Line breaks are kept, so matchers must allow whitespace (including newlines)
inside a citation that a PDF broke across lines.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache

from domain.spelling import fix_chars, retone
from domain.unicode_forms import nonstarter_class, normal_form

from .tables import table


@dataclass
class NormText:
    """Normalised text plus the offsets that map it back to the original."""

    text: str
    original: str
    _marks: list[int] | None = None   # normalised index where a length change happens
    _shifts: list[int] | None = None  # original - normalised offset from that index on
    _sents: "SentenceIndex | None" = field(default=None, repr=False, compare=False)

    def sentences(self) -> "SentenceIndex":
        """The sentence index of the normalised text, built once and shared by the
        finders (citations, entities) of one document."""
        if self._sents is None:
            self._sents = SentenceIndex(self.text)
        return self._sents

    def to_original(self, i: int) -> int:
        """Original offset of normalised offset `i` (0 <= i <= len(text))."""
        if not self._marks:
            return i
        k = bisect_right(self._marks, i) - 1
        return i + (self._shifts[k] if k >= 0 else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of a normalised span."""
        return self.to_original(start), self.to_original(end)


@cache
def _page_noise() -> list[tuple[str | None, re.Pattern[str]]]:
    """(literal key or None, pattern) for each page-furniture rule."""
    out = []
    for item in table("normalize")["page_noise"]:
        if isinstance(item, str):
            out.append((None, re.compile(item)))
        else:
            out.append((item.get("key"), re.compile(item["pattern"])))
    return out


def _blank_noise(work: str, key: str | None, noise: re.Pattern[str]) -> str:
    """Blank the matches of `noise`; with a key, only at lines containing it. Each line
    is tried once, at its first key: a later key on it would try the same match again."""
    if key is None:
        return noise.sub(lambda m: " " * len(m.group()), work)
    i = work.find(key)
    if i < 0:
        return work
    parts: list[str] = []
    done = 0
    while i >= 0:
        line = work.rfind("\n", 0, i) + 1
        m = noise.match(work, max(line, done)) if line >= done else None
        if m and m.end() > i:
            parts.append(work[done:m.start()])
            parts.append(" " * (m.end() - m.start()))
            done = m.end()
        nl = work.find("\n", i)
        i = -1 if nl < 0 else work.find(key, max(nl + 1, done))
    parts.append(work[done:])
    return "".join(parts)


@cache
def _cluster_re() -> re.Pattern[str]:
    """A character followed by one or more combining characters: one NFC cluster."""
    return re.compile(rf"(?s).[{nonstarter_class()}]+")


def _nfc_with_map(text: str) -> tuple[str, list[int], list[int]]:
    """NFC of `text`, composing cluster by cluster (a character and its combining
    marks; each distinct cluster composed once, in linear time) and recording length changes."""
    seen: dict[str, tuple[str, int]] = {}
    parts: list[str] = []
    marks: list[int] = []
    shifts: list[int] = []
    done = shift = 0
    for m in _cluster_re().finditer(text):
        cluster = m.group()
        got = seen.get(cluster)
        if got is None:
            c = normal_form("NFC", cluster)
            got = seen[cluster] = (c, len(cluster) - len(c))
        composed, delta = got
        if delta or composed != cluster:
            i, j = m.span()
            parts.append(text[done:i])
            parts.append(composed)
            done = j
            if delta:
                shift += delta
                marks.append(j - shift)
                shifts.append(shift)
    parts.append(text[done:])
    return "".join(parts), marks, shifts


def normalize(text: str) -> NormText:
    """Normalise `text` for matching; see the module docstring."""
    marks: list[int] | None = None
    shifts: list[int] | None = None
    work = text
    if not unicodedata.is_normalized("NFC", work):
        work, marks, shifts = _nfc_with_map(work)
    work = retone(fix_chars(work))
    for key, noise in _page_noise():
        work = _blank_noise(work, key, noise)
    return NormText(work, text, marks or None, shifts or None)



# The pattern opens with one character class (the newline or the punctuation itself,
# then the alternatives check which): the engine skips to candidates in C, and an
# abbreviation's dot ("TP. Lạng Sơn") is the match start that `_is_abbreviation` checks.
_BOUNDARY = re.compile(r"[\n.!?;](?:(?<=\n)[ \t\r]*\n|(?<=[.!?;])(?=[ \t\r]*\n)|(?<=[.!?])(?=[ \t]+[\"“(]?[A-ZĐÀ-Ỹ0-9])"
                       r"|(?<=\n)(?=[ \t]*(?:[-+•]|\d{1,2}[.)]|[IVX]{1,5}\.|[a-zđ]\))))")


# `_BOUNDARY` split by its first character: a "." (the only one an abbreviation may
# hold) and every other. A match holds one "." or none, so the two scans together give
# `_BOUNDARY`'s matches exactly; only the dots' need the abbreviation test.
_BOUNDARY_DOT = re.compile(r"\.(?:(?=[ \t\r]*\n)|(?=[ \t]+[\"“(]?[A-ZĐÀ-Ỹ0-9]))")
_BOUNDARY_OTHER = re.compile(_BOUNDARY.pattern.replace("[\\n.!?;]", "[\\n!?;]", 1))


def sentence_bounds(text: str, start: int, end: int, limit: int = 600) -> tuple[int, int]:
    """The (start, end) of the sentence around text[start:end], at most ~limit chars each side.

    A sentence ends at a blank line, at . ! ? followed by a capital, at ; or . ending
    a line, and before a new list item; dots of abbreviations ("TP. Lạng Sơn")
    do not end one.
    """
    lo = max(0, start - limit)
    hi = min(len(text), end + limit)
    s = lo
    for m in _BOUNDARY.finditer(text, lo, start):
        if not _is_abbreviation(text, m.start()):
            s = m.end()
    e = hi
    for m in _BOUNDARY.finditer(text, end, hi):
        if not _is_abbreviation(text, m.start()):
            e = m.start() + (1 if text[m.start()] in ".!?;" else 0)
            break
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(table("normalize")["abbreviations"])


@cache
def _abbreviation_max() -> int:
    return max(1, *map(len, _abbreviations()))


def _is_abbreviation(text: str, dot: int) -> bool:
    if dot >= len(text) or text[dot] != ".":
        return False
    k = dot
    # a word longer than the longest abbreviation is none: look back no further than that
    lim = max(0, dot - _abbreviation_max() - 1)
    while k > lim and not text[k - 1].isspace() and text[k - 1] not in "(\"“":
        k -= 1
    return text[k:dot] in _abbreviations() or (dot - k == 1 and text[k].isupper())


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence around text[start:end], whitespace runs collapsed."""
    s, e = sentence_bounds(text, start, end)
    return " ".join(text[s:e].split())


class SentenceIndex:
    """Sentence boundaries of `text`, found lazily chunk by chunk and cached.

    `bounds(s, e)` answers like `sentence_bounds(text, s, e)` (same boundary rules,
    same ~limit-char windows) without rescanning the text for every citation.
    """

    _CHUNK = 4096

    def __init__(self, text: str, limit: int = 600) -> None:
        self.text = text
        self.limit = limit
        self._chunks: dict[int, list[tuple[int, int]]] = {}
        self._merged: dict[tuple[int, int], tuple[list[int], list[int]]] = {}

    def _chunk(self, c: int) -> list[tuple[int, int]]:
        got = self._chunks.get(c)
        if got is None:
            text = self.text
            a, b = c * self._CHUNK, min(len(text), (c + 1) * self._CHUNK)
            # start a little early: a blank-line boundary may straddle the chunk edge
            a0 = max(0, a - 8)
            got = list(map(re.Match.span, _BOUNDARY_OTHER.finditer(text, a0, b)))
            got += [sp for sp in map(re.Match.span, _BOUNDARY_DOT.finditer(text, a0, b))
                    if not _is_abbreviation(text, sp[0])]
            got.sort()
            self._chunks[c] = got
        return got

    def _union(self, c0: int, c1: int) -> list[tuple[int, int]]:
        """The boundaries of chunks c0..c1, sorted, without duplicates: chunks overlap
        only in the 8 characters scanned again before each chunk start."""
        out = list(self._chunk(c0))
        for c in range(c0 + 1, c1 + 1):
            ch = self._chunk(c)
            a = c * self._CHUNK
            k = 0
            while k < len(ch) and ch[k][0] < a:
                k += 1
            if k:
                j = len(out)
                while j > 0 and out[j - 1][0] >= a - 8:
                    j -= 1
                out[j:] = sorted(set(out[j:]) | set(ch[:k]))
            out.extend(ch[k:])
        return out

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        text = self.text
        lo = max(0, start - self.limit)
        hi = min(len(text), end + self.limit)
        key = (lo // self._CHUNK, hi // self._CHUNK)
        merged = self._merged.get(key)
        if merged is None:
            found = self._union(*key)
            merged = self._merged[key] = ([f[0] for f in found], [f[1] for f in found])
        starts, ends = merged
        k = bisect_right(ends, start) - 1
        s = ends[k] if k >= 0 and starts[k] >= lo else lo
        k = bisect_left(starts, end)
        if k < len(starts) and ends[k] <= hi:
            b = starts[k]
            e = b + (1 if text[b] in ".!?;" else 0)
        else:
            e = hi
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        return s, e

    def sentence(self, start: int, end: int) -> str:
        """Like `sentence_at`: the sentence around text[start:end], whitespace collapsed."""
        s, e = self.bounds(start, end)
        return " ".join(self.text[s:e].split())
