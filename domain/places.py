"""Gazetteer of Vietnamese administrative units, over the data shipped with
`vietnamadminunits`: the legacy 63 provinces with districts and wards (before the
1 July 2025 reorganisation) and the 34 provinces with wards from that date.

Names are returned in running-text form: the unit type in lower case before the
short name ("tỉnh Lạng Sơn", "thành phố Lạng Sơn", "huyện Lạc Sơn", "phường Tam Thanh"),
spelled like the text we match (`domain.spelling`).
"""
from __future__ import annotations

import importlib.util
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from .keys import match_key
from .spelling import spelled
from .tables import table

REFORM = date(2025, 7, 1)   # provinces merged, districts abolished
LEGACY, CURRENT = "legacy", "2025"   # the gazetteer's eras, before and from REFORM
ERAS = (LEGACY, CURRENT)


@dataclass(frozen=True)
class Unit:
    """One administrative unit in one era ("legacy" or "2025")."""

    name: str            # "thành phố Lạng Sơn"
    short: str           # "Lạng Sơn"
    kind: str            # "tỉnh", "thành phố", "huyện", "quận", "thị xã", "phường", "xã", "thị trấn"
    level: str           # "province" | "district" | "ward"
    province: str        # the province's name: "tỉnh Lạng Sơn" (itself for a province)
    era: str             # "legacy" | "2025"
    district: str | None = None   # for legacy wards

    @property
    def full(self) -> str:
        """The unit with its parents: "thành phố Lạng Sơn, tỉnh Lạng Sơn"."""
        parts = [self.name]
        if self.district and self.district != self.name:
            parts.append(self.district)
        if self.province != self.name:
            parts.append(self.province)
        return ", ".join(parts)


def _norm(s: str) -> str:
    return " ".join(spelled(s).split())


def _running(name: str) -> tuple[str, str]:
    """("Thành phố Lạng Sơn", short "Lạng Sơn") -> ("thành phố Lạng Sơn", "thành phố")."""
    name = _norm(name)
    for kind in unit_kinds():
        if name.lower().startswith(kind + " "):
            return kind + name[len(kind):], kind
    return name, ""


@cache
def unit_kinds() -> list[str]:
    """The kinds of unit ("tỉnh", "thành phố", "thị xã" …), longest first."""
    return sorted(table("places")["unit_kinds"], key=len, reverse=True)


@cache
def _data_dir() -> Path:
    """The package's data folder, found without importing the package (its __init__
    loads its parsers: ~0.6 s CPU per process that only needs the JSON)."""
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations))) / "data"
    return Path(str(resources.files("vietnamadminunits").joinpath("data")))


@cache
def _json(era: str) -> dict:
    fname = "parser_legacy.json" if era == "legacy" else "parser_from_2025.json"
    return json.loads((_data_dir() / fname).read_text(encoding="utf-8"))


@cache
def units(era: str) -> tuple[Unit, ...]:
    """Every unit of an era (provinces, then districts, then wards)."""
    data = _json(era)
    out: list[Unit] = []
    provinces = data["DICT_PROVINCE"]
    for key, p in provinces.items():
        pname, pkind = _running(p["province"])
        out.append(Unit(pname, _norm(p["provinceShort"]), pkind, "province", pname, era))
    if era == "legacy":
        for pkey, districts in data["DICT_PROVINCE_DISTRICT"].items():
            pname = _running(provinces[pkey]["province"])[0]
            for d in districts.values():
                dname, dkind = _running(d["district"])
                out.append(Unit(dname, _norm(d["districtShort"]), dkind, "district", pname, era))
        for pkey, districts in data["DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED"].items():
            pname = _running(provinces[pkey]["province"])[0]
            for dkey, wards in districts.items():
                dinfo = data["DICT_PROVINCE_DISTRICT"].get(pkey, {}).get(dkey)
                dname = _running(dinfo["district"])[0] if dinfo else None
                for w in wards.values():
                    if not isinstance(w.get("ward"), str):   # island districts without wards
                        continue
                    wname, wkind = _running(w["ward"])
                    out.append(Unit(wname, _norm(w["wardShort"]), wkind, "ward", pname, era, dname))
    else:
        for pkey, wards in data["DICT_PROVINCE_WARD_NO_ACCENTED"].items():
            pname = _running(provinces[pkey]["province"])[0]
            for w in wards.values():
                if not isinstance(w.get("ward"), str):
                    continue
                wname, wkind = _running(w["ward"])
                out.append(Unit(wname, _norm(w["wardShort"]), wkind, "ward", pname, era))
    return tuple(out)


@cache
def _by_short(era: str) -> dict[str, list[Unit]]:
    index: dict[str, list[Unit]] = defaultdict(list)
    for u in units(era):
        index[u.short.lower()].append(u)
    return dict(index)


@lru_cache(maxsize=1 << 14)
def _short_key(short: str) -> str:
    """The `_by_short` key of a name as written (memoised: the same names are looked up
    for document after document)."""
    return _norm(short).lower()


def era_of(on: date | None) -> str:
    """The gazetteer era in force on a date (legacy when unknown)."""
    return "2025" if on is not None and on >= REFORM else "legacy"


def lookup(short: str, era: str, level: str | None = None, kind: str | None = None,
           province: str | None = None) -> list[Unit]:
    """Units whose short name is `short` (case-insensitive), filtered."""
    found = _by_short(era).get(_short_key(short), [])
    return [u for u in found
            if (level is None or u.level == level) and (kind is None or u.kind == kind)
            and (province is None or u.province == province)]


LEVELS = ("province", "district", "ward")   # Unit.level, highest first


def resolve_place(place: str, on: date | None = None, within: str | None = None) -> Unit | None:
    """The unit a document's place line names ("TP. Lạng Sơn", "Lạc Sơn", "Hải Phòng").

    A place with a unit prefix ("TP.", "Thành phố", "huyện") is that kind of unit,
    a province-level city first for "thành phố"; a bare name is a province if one has
    that name (provincial documents write "Lạng Sơn, ngày ..."), else a district
    (legacy) or a ward (2025) whose name is unique; `within` (a province) narrows
    several units of that name to the one in that province.
    """
    text = _norm(place).strip(" ,.")
    if not text:
        return None
    kind = None
    low = text.lower()
    for prefix, k in table("places")["place_prefixes"].items():
        if low.startswith(prefix.lower() + " ") or (prefix.endswith(".") and low.startswith(prefix.lower())):
            kind = k
            text = text[len(prefix):].strip(" .")
            break
    eras = [era_of(on)] if on is not None else list(ERAS)
    for era in eras:
        for level in LEVELS:
            hits = lookup(text, era, level=level, kind=kind)
            if within is not None and len(hits) > 1:
                hits = [u for u in hits if u.province == within]
            if len(hits) == 1:
                return hits[0]
    return None


@cache
def _dotted_prefixes() -> list[tuple[str, str]]:
    """The abbreviated kinds of `place_prefixes` ("TP." -> "thành phố")."""
    return [(p, k) for p, k in table("places")["place_prefixes"].items() if p.endswith(".")]


@lru_cache(maxsize=1 << 14)
def split_place(place: str) -> tuple[str | None, str]:
    """(kind, name) of a place as written: ("thành phố", "Lạng Sơn") from "thành phố Lạng
    Sơn" or "TP. Lạng Sơn"; (None, "Lạng Sơn") from a bare name."""
    s = " ".join(place.split())
    for prefix, kind in _dotted_prefixes():
        if s.startswith(prefix):
            s = f"{kind} {s[len(prefix):].strip()}"
            break
    f = match_key(s)
    for kind in unit_kinds():
        if f.startswith(kind + " ") or f == kind:
            return kind, s[len(kind):].strip()
    return None, s.strip()


@cache
def _province_level() -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """Kinds only provinces have ("tỉnh"), and (kind, name key) of every province-level
    unit of both eras ("thành phố", "hải phòng")."""
    levels: dict[str, set[str]] = defaultdict(set)
    provinces: set[tuple[str, str]] = set()
    for era in ERAS:
        for u in units(era):
            levels[u.kind].add(u.level)
            if u.level == "province":
                provinces.add((u.kind, match_key(u.short)))
    return frozenset(k for k, lv in levels.items() if lv == {"province"}), frozenset(provinces)


def province_only_kinds() -> frozenset[str]:
    """Kinds of unit that are always provinces ("tỉnh")."""
    return _province_level()[0]


@lru_cache(maxsize=1 << 14)
def is_province_level(place: str) -> bool:
    """A province, or a centrally-run city ("thành phố Hải Phòng"; "thành phố Lạng Sơn" is not)."""
    kind, name = split_place(place)
    only, provinces = _province_level()
    return kind in only or (kind, match_key(name)) in provinces


@cache
def ward_kinds() -> frozenset[str]:
    """Kinds of commune-level unit ("xã", "phường", "thị trấn" …)."""
    return frozenset(u.kind for era in ERAS for u in units(era) if u.level == "ward")


@cache
def province_names() -> tuple[str, ...]:
    """Short names of all provinces of both eras."""
    return tuple(sorted({u.short for era in ERAS for u in units(era) if u.level == "province"}))


@cache
def _named_unit_re():
    ks = [k for k in unit_kinds() if k not in ("phường", "xã", "thị trấn", "đặc khu")]
    kinds = "|".join(re.escape(v) for k in ks for v in (k, k.capitalize()))
    upper = "".join(c for c in map(chr, range(0x41, 0x1EFA)) if c.isalpha() and c.isupper())
    cap = rf"[{upper}][^\W_]*"   # a capitalised word (kinds are matched case by case)
    # words joined by spaces, or by a dash ("Bà Rịa - Vũng Tàu", "Phan Rang-Tháp Chàm"; the
    # line may break after the dash, never before it: that is the next list item)
    return re.compile(rf"(?<!\w)(?P<kind>{kinds})\s+(?P<name>{cap}(?:(?:[ \t]+|[ \t]*-\s*){cap}){{0,4}})")


_DASH_GAP = re.compile(r"\s*-\s*")


def _dashed(name: str) -> str:
    """ "Bà Rịa-\nVũng Tàu" -> "Bà Rịa - Vũng Tàu" (the gazetteer's form)."""
    return _DASH_GAP.sub(" - ", name)


@cache
def dashed_names_regex() -> re.Pattern[str]:
    """The unit names written with a dash ("Bà Rịa - Vũng Tàu", "Phan Rang - Tháp Chàm"),
    any spacing around the dash, at the start of the match (after blanks)."""
    names = sorted({u.short for era in ERAS for u in units(era) if "-" in u.short},
                   key=len, reverse=True)
    alts = "|".join(r"\s*-\s*".join(r"\s+".join(map(re.escape, part.split())) for part in n.split("-"))
                    for n in names)
    return re.compile(rf"[ \t]*+\n?[ \t]*+(?:{alts})(?!\w)", re.IGNORECASE)


def province_counts(text: str, on: date | None = None) -> dict[str, int]:
    """How often each province is named in `text`, directly ("tỉnh Lạng Sơn") or through
    one of its districts or cities ("thành phố Lạng Sơn", "huyện Hữu Lũng")."""
    counts: dict[str, int] = defaultdict(int)
    eras = [era_of(on)] if on is not None else list(ERAS)
    for m in _named_unit_re().finditer(text):
        kind = m.group("kind").lower()
        words = _dashed(m.group("name")).split()
        for n in range(len(words), 0, -1):
            short = " ".join(words[:n])
            provs = {u.province for era in eras for u in lookup(short, era, kind=kind)
                     if u.level in ("province", "district")}
            if provs:
                if len(provs) == 1:
                    counts[provs.pop()] += 1
                break
    return dict(counts)


def dominant_province(text: str, on: date | None = None, min_count: int = 2) -> str | None:
    """The province a text names most often (at least `min_count` times and more
    often than any other), or None."""
    counts = sorted(province_counts(text, on).items(), key=lambda kv: kv[1], reverse=True)
    if not counts or counts[0][1] < min_count or (len(counts) > 1 and counts[1][1] == counts[0][1]):
        return None
    return counts[0][0]
