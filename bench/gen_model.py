"""Records of the generated corpus: an instrument's identity and a generated document.

Ground truth is kept as plain JSON-ready dicts (fast to build and dump); their schema
is documented in `bench/generate.py`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .gen_units import Unit


@dataclass(slots=True)
class Meta:
    """Identity of one instrument: a generated document or an external one."""

    id: str | None              # generated doc id; None for an external instrument
    level: str                  # national, province, district, commune
    kind: str                   # gen_data.yaml kind key: "kh", "ct_ttg", "party_tu" ...
    family: str                 # administrative, cong_van, normative, law, party, news
    type: str | None            # type code: "KH", "QĐ", "CV" (công văn), "L" (law) ...
    number: str | None          # None for a draft ("Số: /TB-UBND") and news pages
    symbol: str | None          # canonical: "56/KH-UBND", "10/2020/NĐ-CP", "09-NQ/TU"
    issuer: str                 # canonical issuer name: "Ủy ban nhân dân tỉnh Lạng Sơn"
    issuer_code: str            # code in the symbol: "UBND", "TTg", "SYT", "TU" ...
    ikind: str                  # ubnd, hdnd, so, party, or a national key (QH, CP, TTg, MIN ...)
    unit: Unit | None           # issuing unit; None for national issuers
    date: date | None
    year: int
    topic: str
    subject: str                # trích yếu without the leading "Về"
    written: tuple[str, ...] = ()   # how others name a national issuer ("Thủ tướng Chính phủ")
    roots: tuple[tuple[str, int], ...] = ()   # national ancestors by IMPLEMENTS: (id, hops)
    term: str | None = None     # Party term / National Assembly khóa, for party and law numbers
    extra: str | None = None    # law name, department name
    ref: "Meta | None" = None   # the instrument its subject says it implements (nested mention)

    @property
    def key(self) -> str:
        """Canonical descriptor as one string: issuer | year | symbol."""
        return f"{self.issuer}|{self.year}|{self.symbol}"

    def descriptor(self) -> dict[str, Any]:
        return {"issuer": self.issuer, "year": self.year, "type": self.type,
                "number": self.number, "family": self.family}


@dataclass(slots=True)
class GeneratedDoc:
    """One generated document: its id, full text and ground truth (see generate.py)."""

    id: str
    text: str
    truth: dict[str, Any]

    def row(self) -> dict[str, str]:
        """The corpus row read by the loaders: the `text` field is the full text."""
        return {"id": self.id, "text": self.text}
