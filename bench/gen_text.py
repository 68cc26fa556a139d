"""Text pieces of the generated corpus: dates, symbols, issuer phrases, citation mentions, noise."""
from __future__ import annotations

import random
import unicodedata
from datetime import date
from typing import Any

from .gen_model import Meta
from .gen_units import Unit, data

ETH = "\u00D0"          # Latin capital eth, typed for Đ in "QÐ-UBND"
CITATION_NOISE = ("lower", "eth", "space", "break")


def pick(rng: random.Random, seq: Any) -> Any:
    """rng.choice, faster (one random() call)."""
    return seq[int(rng.random() * len(seq))]


def rint(rng: random.Random, a: int, b: int) -> int:
    """rng.randint, faster."""
    return a + int(rng.random() * (b - a + 1))


# ---------------------------------------------------------------- dates

def date_short(d: date, rng: random.Random) -> str:
    """'01/4/2020' mostly, sometimes '1/4/2020' or '01/04/2020'."""
    r = rng.random()
    if r < 0.7:
        return f"{d.day:02d}/{d.month}/{d.year}"
    if r < 0.85:
        return f"{d.day}/{d.month}/{d.year}"
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def date_long(d: date, pad: bool = True) -> str:
    """'ngày 03 tháng 4 năm 2020' (day and Jan/Feb padded, as Nghị định 30/2020 asks)."""
    day = f"{d.day:02d}" if pad else str(d.day)
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"ngày {day} tháng {month} năm {d.year}"


# ---------------------------------------------------------------- symbols

def symbol(family: str, number: int, type_: str, code: str, year: int, term: str | None,
           unit: str | None = None) -> tuple[str, str]:
    """(number as written, canonical symbol) for one of the five number families."""
    if family == "normative":
        num = f"{number:02d}"
        return num, f"{num}/{year}/{type_}-{code}"
    if family == "law":
        num = f"{number:02d}"
        return num, f"{num}/{year}/{term}"
    if family == "party":
        num = f"{number:02d}"
        return num, f"{num}-{type_}/{code}"
    if family == "cong_van":
        return str(number), f"{number}/{code}-{unit}"
    return str(number), f"{number}/{type_}-{code}"


def blank_symbol(meta: Meta) -> str:
    """A draft's symbol with the number left blank: '/TB-UBND', '-NQ/TU'."""
    s = meta.symbol or ""
    return s[len(meta.number or ""):]


# ---------------------------------------------------------------- issuer phrases

def unit_word(u: Unit) -> str:
    """How a unit's own documents name it: 'tỉnh', 'thành phố', 'huyện', 'xã' ..."""
    return u.kind


def ubnd_short(u: Unit, rng: random.Random) -> str:
    """'UBND tỉnh', 'Ủy ban nhân dân huyện', 'UBND thành phố Lạng Sơn' ..."""
    r = rng.random()
    head = "UBND" if r < 0.7 else "Ủy ban nhân dân"
    if rng.random() < 0.3:
        return f"{head} {u.full}"
    return f"{head} {u.kind}"


def party_name(u: Unit) -> str:
    """'Tỉnh ủy Lạng Sơn', 'Thành ủy Hải Phòng', 'Huyện ủy Lạc Sơn', 'Đảng ủy xã Vũ Bình'."""
    if u.parent is None:
        return f"{'Thành ủy' if u.central else 'Tỉnh ủy'} {u.short}"
    if u.parent.parent is None:
        word = {"huyện": "Huyện ủy", "quận": "Quận ủy", "thị xã": "Thị ủy", "thành phố": "Thành ủy"}[u.kind]
        return f"{word} {u.short}"
    return f"Đảng ủy {u.full}"


def party_code(u: Unit) -> str:
    if u.parent is None:
        return "TU"
    if u.parent.parent is None:
        return {"huyện": "HU", "quận": "QU", "thị xã": "TU", "thành phố": "TU"}[u.kind]
    return "ĐU"


def written_issuer(t: Meta, c: Meta, rng: random.Random) -> str:
    """How citing document `c` names the issuer of `t` (often relative: 'UBND tỉnh')."""
    if t.unit is None:
        return pick(rng, t.written) if t.written else t.issuer
    u = t.unit
    if t.ikind == "ubnd":
        if rng.random() < 0.15:
            return f"Ủy ban nhân dân {u.full}"
        return ubnd_short(u, rng)
    if t.ikind == "hdnd":
        return pick(rng, [f"HĐND {u.kind}", f"Hội đồng nhân dân {u.kind}", f"HĐND {u.full}"])
    if t.ikind == "so":
        return t.extra if rng.random() < 0.7 else f"{t.extra} {u.full}"
    if t.ikind == "party":
        if u.parent is None:
            word = "Thành ủy" if u.central else "Tỉnh ủy"
            return pick(rng, [f"Ban Thường vụ {word}", f"Ban Chấp hành Đảng bộ {u.kind}", word])
        word = party_name(u).rsplit(" " + u.short, 1)[0]     # "Huyện ủy", "Đảng ủy xã"
        return pick(rng, [f"Ban Thường vụ {word}", f"Ban Chấp hành Đảng bộ {u.kind}", word])
    return t.issuer


# ---------------------------------------------------------------- citation mentions

def type_word(t: Meta, rng: random.Random) -> str:
    names = data()["type_names"]
    if t.type == "L":
        return t.extra if (t.extra and rng.random() < 0.6) else "Luật"
    if t.type == "CV":
        return pick(rng, ("Công văn", "Công văn", "công văn", "Văn bản", "văn bản"))
    word = names.get(t.type or "", "Văn bản")
    return word if rng.random() < 0.75 else word.lower()


def noisy(sym: str, kind: str, rng: random.Random) -> str:
    """`sym` with one kind of citation noise."""
    if kind == "lower":
        return sym.lower()
    if kind == "eth":
        return sym.replace("Đ", ETH)
    if kind == "space":
        r = rng.random()
        if r < 0.4:
            return sym.replace("/", " /", 1)          # "311 /TB-UBND" (seen in real notices)
        if r < 0.7:
            return sym.replace("/", " / ").replace("-", " - ", 1)
        return sym.replace("-", "- ", 1)
    if kind == "break":
        cut = [i + 1 for i, ch in enumerate(sym) if ch in "/-"]
        i = pick(rng, cut) if cut else len(sym)
        return sym[:i] + "\n" + sym[i:]
    return sym


def mention(t: Meta, c: Meta, rng: random.Random, noise: float, cite: dict[str, Any],
            with_subject: float = 0.5, with_date: float = 0.85, with_issuer: float = 0.85) -> str:
    """One mention of `t` in citing document `c`: 'Kế hoạch số 56/KH-UBND ngày 01/4/2020 của UBND tỉnh'.

    Updates the ground-truth entry `cite` (what was written, noise applied).
    """
    word = type_word(t, rng)
    sym = t.symbol or ""
    kind = None
    if noise and rng.random() < noise:
        kind = pick(rng, CITATION_NOISE)
        if kind == "eth" and "Đ" not in sym:
            kind = "space"
        sym = noisy(sym, kind, rng)
        if kind == "lower":
            word = word.lower()
        cite["noise"].append(kind)
    parts = [word, " số " if rng.random() < 0.9 else " ", sym]
    if t.date is not None and rng.random() < with_date:
        r = rng.random()
        if r < 0.7:
            parts.append(f" ngày {date_short(t.date, rng)}")
        elif r < 0.9:
            parts.append(" " + date_long(t.date, pad=rng.random() < 0.5))
        else:
            parts.append(f", ngày {date_short(t.date, rng)}")
        cite["date_written"] = True
    if rng.random() < with_issuer:
        who = written_issuer(t, c, rng)
        parts.append(f" của {who}")
        if cite["issuer_written"] is None:
            cite["issuer_written"] = who
    if t.type != "L" and rng.random() < with_subject:
        parts.append(" về việc " if rng.random() < 0.3 else " về ")
        parts.append(t.subject)
    cite["mentions"] += 1
    return "".join(parts)


def expected_status(t: Meta, cite: dict[str, Any]) -> str:
    """'resolved' when the text gives the year and the issuer; 'ambiguous' otherwise.

    Year: from the symbol (normative, law) or a written date (party: the date gives
    the term). Issuer: written, or implied by a national code in the symbol (TTg, CP ...).
    """
    year = cite["date_written"] or t.family in ("normative", "law")
    issuer = cite["issuer_written"] is not None or t.unit is None
    return "resolved" if year and issuer else "ambiguous"


# ---------------------------------------------------------------- document noise

_OLD_TONES = (("hòa", "hoà"), ("Hòa", "Hoà"), ("Ủy", "Uỷ"), ("ủy", "uỷ"), ("thủy", "thuỷ"), ("khỏe", "khoẻ"))


def old_tones(text: str) -> str:
    for new, old in _OLD_TONES:
        text = text.replace(new, old)
    return text


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def trap(rng: random.Random, year: int) -> str:
    """One sentence with slashes or dashes that is not a citation."""
    m = rint(rng, 1, 12)
    return pick(rng, data()["traps"]).format(y=year, y1=year + 1, y5=year + 4, m=m)
