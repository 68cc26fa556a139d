"""Units (the agencies tasks are assigned to) as an inspector reads them: with their
jurisdiction ("Thanh tra thành phố Lạng Sơn", not "Thanh tra"), found however typed
("thanh tra thanh pho"), grouped by level and place."""
from __future__ import annotations

import re
from dataclasses import dataclass

from domain.keys import search_key

# the level of a jurisdiction by how many places it names ("thành phố Lạng Sơn, tỉnh Lạng Sơn": 2)
LEVELS = {0: "Trung ương", 1: "Cấp tỉnh", 2: "Cấp huyện", 3: "Cấp xã"}


@dataclass(frozen=True)
class Unit:
    id: str
    name: str               # as the graph holds it ("Thanh tra")
    full_name: str | None   # with its place, when the graph knows it ("Thanh tra thành phố Lạng Sơn")
    jurisdiction: str | None  # "thành phố Lạng Sơn, tỉnh Lạng Sơn"
    tasks: int = 0

    @property
    def label(self) -> str:
        return unit_name(self.name, self.full_name, self.jurisdiction)

    @property
    def place(self) -> str:
        """The nearest place of its jurisdiction ("thành phố Lạng Sơn"), or "" (national)."""
        return (self.jurisdiction or "").split(",")[0].strip()

    @property
    def level(self) -> tuple[int, str]:
        parts = [p for p in (self.jurisdiction or "").split(",") if p.strip()]
        return len(parts), LEVELS.get(len(parts), f"Cấp {len(parts)}")


def unit_name(name: str | None, full_name: str | None = None, jurisdiction: str | None = None) -> str:
    """The name with its jurisdiction: the graph's full name, else the name followed by the
    nearest place of its jurisdiction unless the name already says it."""
    if full_name:
        return full_name
    name = name or ""
    place = (jurisdiction or "").split(",")[0].strip()
    if not place or search_key(place) in search_key(name):
        return name
    return f"{name} {place}"


def matches(typed: str, unit: Unit) -> bool:
    """Every word typed is a word of the unit's name or place (the last one may be the start
    of a word, still being typed), in any case, with or without diacritics."""
    words = set(re.findall(r"\w+", search_key(f"{unit.label} {unit.jurisdiction or ''}")))
    *whole, last = re.findall(r"\w+", search_key(typed)) or [""]
    return all(w in words for w in whole) and (not last or any(w.startswith(last) for w in words))


def ordered(units: list[Unit]) -> list[Unit]:
    """By level (national, province, district, commune), then place, then name."""
    return sorted(units, key=lambda u: (u.level[0], search_key(u.place), search_key(u.label), u.id))
