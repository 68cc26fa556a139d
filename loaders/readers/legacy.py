"""Legacy Vietnamese encodings (TCVN3/ABC, VNI-Windows) -> Unicode.

Both arrive either as raw single-byte text or as the mojibake those bytes become
when read as windows-1252 ("Uû ban nh©n d©n", "UÛy ban nhaân daân"). Tables live
in `data/legacy_encodings.yaml`; a list of real syllables (`data/vi_syllables.txt`)
decides which reading of a text is Vietnamese.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..tables import table

_MARKS = {"acute": "\u0301", "grave": "\u0300", "hook": "\u0309", "tilde": "\u0303",
          "dot": "\u0323", "circumflex": "\u0302", "breve": "\u0306"}
_WORD = re.compile(r"[^\W\d_]+")
# Latin-1 letters that are part of Vietnamese spelling (never a sign of mojibake).
_VIET_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")


@dataclass(frozen=True)
class Tables:
    tcvn3: dict[str, str]
    vni: dict[str, str]        # one- and two-character VNI sequences -> letter
    vni_re: re.Pattern[str]
    suspects: re.Pattern[str]  # characters that signal mojibake


@cache
def tables() -> Tables:
    data = table("legacy_encodings")
    tcvn3 = dict(data["tcvn3"])
    bases = data["vni_bases"]
    vni: dict[str, str] = dict(data["vni_single"])
    horn = {"ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư"}
    for mark, spec in data["vni_marks"].items():
        parts = spec.split("+")
        modifier = parts[0] if parts[0] in ("circumflex", "breve") else None
        allowed = bases[modifier] if modifier else bases["tone"] + "ôÔöÖ"
        for base in allowed:
            m = mark.upper() if base.isupper() else mark
            letter = horn.get(base, base)
            vni[base + m] = unicodedata.normalize("NFC", letter + "".join(_MARKS[p] for p in parts))
    keys = sorted(vni, key=len, reverse=True)
    vni_re = re.compile("|".join(map(re.escape, keys)))
    foreign = {c for c in list(tcvn3) + [k[-1] for k in vni] if c not in _VIET_LATIN1}
    suspects = re.compile("[" + re.escape("".join(sorted(foreign))) + "]")
    return Tables(tcvn3, vni, vni_re, suspects)


@cache
def syllables() -> frozenset[str]:
    path = resources.files("loaders.data").joinpath("vi_syllables.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w for w in lines if w and not w.startswith("#"))


def from_tcvn3(text: str) -> str:
    """TCVN3 mojibake (or latin-1-decoded TCVN3 bytes) -> Unicode."""
    t = tables().tcvn3
    out = "".join(t.get(c, c) for c in text)
    return _restore_capitals(text, out)


def from_vni(text: str) -> str:
    """VNI mojibake (or cp1252-decoded VNI bytes) -> Unicode."""
    t = tables()
    return t.vni_re.sub(lambda m: t.vni[m.group(0)], text)


def counts(text: str) -> tuple[int, int, int]:
    """(known accented syllables, unknown accented words, mojibake characters)."""
    known_set = syllables()
    known = unknown = 0
    for w in _WORD.findall(text):
        if w.isascii():
            continue
        if w.lower() in known_set:
            known += 1
        else:
            unknown += 1
    return known, unknown, len(tables().suspects.findall(text))


def score(text: str) -> int:
    """How Vietnamese a text reads: known accented syllables minus unknown ones
    minus twice the leftover mojibake characters."""
    known, unknown, bad = counts(text)
    return known - unknown - 2 * bad


def reads_vietnamese(text: str) -> bool:
    """Mostly known Vietnamese syllables among the accented words."""
    known, unknown, _ = counts(text)
    return known >= 3 and known >= 2 * unknown


def suspicious(text: str, minimum: int = 3) -> bool:
    """Cheap test: enough legacy-looking characters to be worth a closer look."""
    n = 0
    for _ in tables().suspects.finditer(text):
        n += 1
        if n >= minimum:
            return True
    return False


def fix_mojibake(text: str) -> tuple[str, str | None]:
    """Convert TCVN3/VNI mojibake to Unicode when that reads better.

    Returns (text, name of the legacy encoding found or None).
    """
    if not suspicious(text):
        return text, None
    best, name, base = text, None, score(text)
    top = base
    for enc, conv in (("tcvn3", from_tcvn3), ("vni", from_vni)):
        cand = conv(text)
        s = score(cand)
        if s > top and reads_vietnamese(cand):
            best, name, top = cand, enc, s
    if name is None or top - base < 3:
        return text, None
    return best, name


def _restore_capitals(src: str, out: str) -> str:
    """Words typed in .VnTimeH (all capitals) use lower-case codes for accented
    letters: "CéNG HOµ" -> "CỘNG HOÀ". Upper-case a converted word whose ASCII
    letters (at least two) are all capitals, or a whole line of such words."""
    lines_out = []
    for line_src, line_out in zip(src.split("\n"), out.split("\n")):
        words = list(_WORD.finditer(line_out))
        caps = [_caps_word(m.group(0), line_src[m.start():m.end()]) for m in words]
        n_ascii = [sum(c.isascii() for c in m.group(0)) for m in words]
        if len(words) >= 3 and all(c is not False for c in caps) and sum(c is True for c in caps) >= 2:
            lines_out.append(line_out.upper())
            continue
        chars = list(line_out)
        for m, c, n in zip(words, caps, n_ascii):
            if c is True and n >= 2:
                chars[m.start():m.end()] = m.group(0).upper()
        lines_out.append("".join(chars))
    return "\n".join(lines_out)


def _caps_word(word: str, src: str) -> bool | None:
    """True: ASCII letters all capitals and a converted letter in the word;
    None: no ASCII letter or nothing converted (neutral); False otherwise."""
    ascii_letters = [c for c in word if c.isascii()]
    if not ascii_letters:
        return None
    if not all(c.isupper() for c in ascii_letters):
        return False
    return True if word != src else None
