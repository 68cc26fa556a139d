"""Vietnamese spelling: one form for the many ways the same word is typed (DOMAIN.md §1).

Text arrives precomposed (NFC) or decomposed (NFD), with look-alike characters (U+00D0
typed for Đ in "QÐ-UBND", odd dashes and spaces) and with the old tone placement
("hoà", "Uỷ"). `spelled` gives the form every matcher and key uses: NFC, the character
fixes of `data/spelling.yaml` (one character for one, so offsets are kept) and the
current tone placement ("hòa", "Ủy"). `loaders.normalize` applies the same steps to
whole documents, keeping a map back to the original offsets.
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from .tables import table

_TONES = {  # combining tone mark -> name
    "\u0300": "grave", "\u0301": "acute", "\u0309": "hook", "\u0303": "tilde", "\u0323": "dot",
}


@cache
def _char_table() -> dict[int, str]:
    return {ord(k): v for k, v in table("spelling")["char_map"].items()}


@cache
def _char_fix() -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(k) for k in table("spelling")["char_map"]) + "]")


def fix_chars(work: str) -> str:
    """The one-for-one character fixes (U+00D0 -> Đ, odd dashes and spaces, emphasis `*`)."""
    if not _char_fix().search(work):
        return work
    table_ = _char_table()
    return _char_fix().sub(lambda m: table_[ord(m.group())], work)


@cache
def _tone_fix() -> tuple[re.Pattern[str], dict[str, str]]:
    """Regex and replacement map moving a tone from the 2nd to the 1st vowel.

    The regex matches the toned 2nd vowel ("à" of "hoà") when the 1st vowel stands
    before it and no letter or combining mark after it (hoàng is right); "not after q" (quý) and the
    exact pair are checked in `retone`. Opening with the toned vowel (rarer than
    o/u) lets the regex engine skip to candidates in C."""
    repl: dict[str, str] = {}
    for pair in table("spelling")["tone_pairs"]:
        first, second = pair[0], pair[1]
        for mark in _TONES:
            old = first + unicodedata.normalize("NFC", second + mark)
            new = unicodedata.normalize("NFC", first + mark) + second
            for f in (str.lower, str.upper, str.capitalize):
                repl[f(old)] = f(new)
    firsts = "".join(sorted({k[0] for k in repl}))
    seconds = "".join(sorted({k[1:] for k in repl}))
    assert all(len(k) == 2 for k in repl), "tone pairs are two letters"
    # nor a combining mark after it: "oà" + U+0300 (stray second tone) is left as is, so
    # the text stays NFC (moving the tone would free "a" to compose with the stray mark)
    pattern = re.compile(rf"[{re.escape(seconds)}](?<=[{re.escape(firsts)}][{re.escape(seconds)}])"
                         r"(?![\w\u0300-\u036f])")
    return pattern, repl


@cache
def _two_tones() -> tuple[re.Pattern[str], dict[str, str]]:
    """A toned vowel followed, in the same syllable, by another toned vowel ("hịện",
    "lúận": a scrambled extraction), and each toned vowel's untoned form."""
    toned: dict[str, str] = {}
    for code in range(0xC0, 0x1EFA):
        c = chr(code)
        d = unicodedata.normalize("NFD", c)
        if c.isalpha() and any(m in d for m in _TONES):
            bare = unicodedata.normalize("NFC", "".join(x for x in d if x not in _TONES))
            if len(bare) == 1:
                toned[c] = bare
    chars = re.escape("".join(toned))
    return re.compile(rf"[{chars}](?=[^\W\d_]?[{chars}])"), toned


def untangle_tones(work: str) -> str:
    """One tone per syllable: of two ("Thực hịện", "Kết lúận"), the first is dropped
    ("hiện", "luận"); one character for one."""
    pattern, toned = _two_tones()
    if not pattern.search(work):
        return work
    return pattern.sub(lambda m: toned[m.group()], work)


def retone(work: str) -> str:
    """Old tone placement -> current ("hoà" -> "hòa", "Uỷ" -> "Ủy"; not "quý"), one tone
    per syllable (`untangle_tones`)."""
    work = untangle_tones(work)
    pattern, repl = _tone_fix()
    parts: list[str] = []
    done = 0
    for m in pattern.finditer(work):
        s = m.start() - 1
        if s and work[s - 1] in "qQ":
            continue
        old = work[s:m.end()]
        new = repl.get(old)
        if new is None:
            continue
        parts.append(work[done:s])
        parts.append(new)
        done = m.end()
    if not parts:
        return work
    parts.append(work[done:])
    return "".join(parts)


@lru_cache(maxsize=1 << 14)
def spelled(text: str) -> str:
    """`text` in the one spelling matchers use: NFC, characters fixed, current tone
    placement (memoised: names and codes recur)."""
    return retone(fix_chars(unicodedata.normalize("NFC", text)))
