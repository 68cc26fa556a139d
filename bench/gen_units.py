"""Administrative units for the generated corpus: 63 provinces, their districts and communes.

Read from the installed `vietnamadminunits` package (legacy 63-province table, the
units in force 2016-2025); the small `fallback_units` pool of gen_data.yaml otherwise.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).with_name("gen_data.yaml")


@cache
def data() -> dict[str, Any]:
    """The generator's name pools (gen_data.yaml), NFC-normalised."""
    with DATA.open(encoding="utf-8") as fh:
        return _nfc(yaml.safe_load(fh))


def _nfc(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {_nfc(k): _nfc(v) for k, v in value.items()}
    return value


def _split(full: str) -> tuple[str, str]:
    """'Thành phố Lạng Sơn' -> ('thành phố', 'Lạng Sơn'); 'Thị trấn Vụ Bản' -> ('thị trấn', 'Vụ Bản')."""
    for kind in ("Thành phố", "Thị trấn", "Thị xã", "Tỉnh", "Huyện", "Quận", "Phường", "Xã"):
        if full.lower().startswith(kind.lower() + " "):
            return kind.lower(), full[len(kind) + 1:]
    return "", full


@dataclass
class Unit:
    """One administrative unit: kind ('tỉnh', 'huyện', 'phường' ...) and short name."""

    kind: str
    short: str
    index: int                      # position in its level's list (stable across runs)
    parent: "Unit | None" = None
    children: list["Unit"] = field(default_factory=list)

    @property
    def full(self) -> str:          # "thành phố Lạng Sơn"
        return f"{self.kind} {self.short}"

    @property
    def province(self) -> "Unit":
        u = self
        while u.parent is not None:
            u = u.parent
        return u

    @property
    def central(self) -> bool:
        """A centrally-run city (its People's Committee is provincial)."""
        return self.parent is None and self.kind == "thành phố"


@dataclass
class Units:
    provinces: list[Unit]
    districts: list[Unit]
    communes: list[Unit]


@cache
def units() -> Units:
    """All units, in a fixed order."""
    rows = _rows_from_package() or _rows_from_data()
    provinces: dict[str, Unit] = {}
    districts: dict[tuple[str, str], Unit] = {}
    communes: list[Unit] = []
    for prov, dist, ward in rows:
        p = provinces.get(prov)
        if p is None:
            p = provinces[prov] = Unit(*_split(prov), index=len(provinces))
        d = districts.get((prov, dist))
        if d is None:
            d = districts[(prov, dist)] = Unit(*_split(dist), index=len(districts), parent=p)
            p.children.append(d)
        c = Unit(*_split(ward), index=len(communes), parent=d)
        d.children.append(c)
        communes.append(c)
    return Units(list(provinces.values()), list(districts.values()), communes)


def _rows_from_package() -> list[tuple[str, str, str]]:
    try:
        from vietnamadminunits.database import query
    except ImportError:
        return []
    sql = ("SELECT province, district, ward FROM admin_units_legacy WHERE wardType IS NOT NULL "
           "ORDER BY provinceCode, districtCode, wardCode")
    return [tuple(unicodedata.normalize("NFC", r[k]) for k in ("province", "district", "ward"))
            for r in query(sql)]


def _rows_from_data() -> list[tuple[str, str, str]]:
    out = []
    for p in data()["fallback_units"]:
        for d in p["districts"]:
            for c in d["communes"]:
                out.append((p["province"], d["name"], c))
    return out
