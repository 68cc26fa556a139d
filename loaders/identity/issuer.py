"""The document's issuer: from the header block (`issuer_block`), else inferred from the
symbol's issuer code and the place line ("TB-UBND" + "TP. Lạng Sơn" -> UBND thành phố
Lạng Sơn, tỉnh Lạng Sơn), with the gazetteer of the era of the document's date
(before/after 1 July 2025). The codes and the bodies they name are `domain.bodies`."""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from domain.bodies import (
    committee_name, council_office_word, council_offices, departments, generic_committee, local_bodies,
    national_bodies, party_committee_codes,
)
from domain.places import LEVELS, Unit, dominant_province, era_of, lookup, resolve_place

from ..agencies import Jurisdiction, canonical
from ..model import Agency, Document
from .issuer_block import council_kind, issuer_from_header, symbol_issuer_code
from .lines import clean_line, parts_table

_TEXT_FOR_PROVINCE = 20_000   # where a place line's province is looked for when its name is shared


def set_issuer(doc: Document, header: str | None, parent: str | None, text: str) -> None:
    """Issuer from the header block, else from the symbol's issuer code and the place.
    `text` is the normalised text; the province it names most is counted once, if needed."""
    head = text[:_TEXT_FOR_PROVINCE]
    province_named = cache(lambda: dominant_province(head, doc.date, min_count=1))
    place_unit = resolve_place(doc.place, doc.date) if doc.place else None
    if doc.place and place_unit is None:   # "Châu Thành": of the province the text names most
        hint = province_named()
        place_unit = resolve_place(doc.place, doc.date, within=hint) if hint else None
    if doc.place and place_unit is None:
        place_unit = resolve_place(doc.place)
    if place_unit is not None and not header:
        lower = _lower_unit_spoken_for(place_unit, head, province_named)
        if lower is not False:       # "Tân Bình" is xã Tân Bình here, not quận Tân Bình
            place_unit = lower
    if header:
        issuer_from_header(doc, header, parent, place_unit, province_named)
    else:
        _issuer_from_code(doc, place_unit)


@cache
def _party_formats() -> dict[str, dict[str, str]]:
    """Party committee code -> {unit kind: the committee's name}: "TU" -> {"tỉnh": "Tỉnh ủy
    {short}", "thành phố": "Thành ủy {short}"}; "ĐU" -> {"xã": "Đảng ủy xã {short}", …}."""
    return {code: {k: f"{committee_name(k)} {{short}}" if committee_name(k) else f"{generic_committee()} {k} {{short}}"
                   for k in kinds}
            for code, kinds in party_committee_codes().items()}


@cache
def _issuer_formats() -> dict[str, str]:
    """Issuer code -> the issuer's name, "{unit}" the place line's unit: "UBND" -> "UBND
    {unit}", "VP" -> "Văn phòng UBND {unit}", "CP" -> "Chính phủ" (a national body)."""
    out = {c: f"{b.prefix} {{unit}}" for b in local_bodies().values() if b.council for c in b.codes}
    out.update({c: f"{council_office_word()} {b.prefix} {{unit}}" for c, b in council_offices().items()})
    out.update({c: b.name for b in national_bodies() for c in b.codes})
    return out


@cache
def _self_reference_res(kind: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """For a unit kind ("xã"): its council acting ("UBND xã ban hành", document_parts.yaml
    `self_reference_acts`) and its council by the bare level word ("UBND xã," "UBND xã đã")."""
    councils = "|".join(re.escape(c) for c in parts_table()["self_reference_councils"])
    acts = "|".join(re.escape(c) for c in parts_table()["self_reference_acts"])
    k = re.escape(kind)
    return (re.compile(rf"(?<!\w)(?:{councils})\s+{k}\s+(?:{acts})(?!\w)"),
            re.compile(rf"(?<!\w)(?:{councils})\s+{k}(?=\s+[a-zđà-ỹ]|\s*[.,;:)]|\s*$)"))


def _lower_unit_spoken_for(place_unit: Unit, head: str, province_named: Callable[[], str | None]
                           ) -> Unit | None | bool:
    """The place line's name read as a lower unit when the text (`head`, normalised) speaks
    for a council of that kind ("UBND xã ban hành …", "Chủ tịch UBND xã kết luận như sau"),
    or names the unit ("trên địa bàn xã Tân Bình") and its council by the bare level word:
    that unit if one of the name (in the province the text names most), None if several
    (no issuer: never a guess), False if the text says nothing of it."""
    rank = LEVELS.index(place_unit.level)
    lower = [u for u in lookup(place_unit.short, place_unit.era) if LEVELS.index(u.level) > rank]
    if not lower or _self_reference_res(place_unit.kind)[0].search(head):
        return False
    for kind in dict.fromkeys(u.kind for u in lower):
        acting, bare = _self_reference_res(kind)
        named = re.search(rf"(?<!\w){re.escape(kind)}\s+{re.escape(place_unit.short)}(?!\w)", head, re.I)
        if not ((named and bare.search(head)) or acting.search(head)):
            continue
        hits = [u for u in lower if u.kind == kind]
        if len(hits) > 1:
            where = province_named()
            hits = [u for u in hits if u.province == where] if where else []
        return hits[0] if len(hits) == 1 else None
    return False


def _party_issuer_from_place(doc: Document, by_kind: dict[str, str], place_unit: Unit | None) -> None:
    """ "Số 02-KH/ĐU" + "Gia Phú, ngày ..." -> Đảng ủy xã Gia Phú: the place read as a unit of
    a kind the code allows (the only one of that name), else no issuer."""
    era = era_of(doc.date)
    unit = place_unit if (place_unit is not None and place_unit.kind in by_kind
                          and (doc.date is None or place_unit.era == era)) else None
    if unit is None and doc.place:
        short = clean_line(doc.place)
        hits = {(u.name, u.province): u for kind in by_kind for u in lookup(short, era, kind=kind)}
        unit = next(iter(hits.values())) if len(hits) == 1 else None
    if unit is None:
        if place_unit is not None:
            doc.province = place_unit.province
        return
    name = by_kind[unit.kind].format(short=unit.short, unit=unit.name)
    doc.issuer = Agency(name=name, text=None, jurisdiction=unit.full, kind="party", full_name=name)
    doc.province = unit.province


def _provincial_department(code: str | None) -> str | None:
    """The provincial department an issuer code names ("SYT" -> "Sở Y tế", bodies.yaml)."""
    return departments().get(code) if code else None


def _issuer_from_code(doc: Document, place_unit: Unit | None) -> None:
    """No issuer block: the issuer the symbol's code and the place line name ("TB-UBND" +
    "TP. Lạng Sơn" -> UBND thành phố Lạng Sơn; "02-KH/ĐU" + "Gia Phú" -> Đảng ủy xã Gia Phú)."""
    code = symbol_issuer_code(doc.symbol)
    by_kind = _party_formats().get(code) if code else None
    if by_kind is not None:
        _party_issuer_from_place(doc, by_kind, place_unit)
        return
    fmt = _issuer_formats().get(code) if code else None
    if fmt is None:
        if place_unit is not None:
            doc.province = place_unit.province
            dept = _provincial_department(code)
            if dept:   # "Số: 7/SYT-NVY" + "Vĩnh Phúc, ngày ..." -> Sở Y tế tỉnh Vĩnh Phúc
                jur = Jurisdiction(place_unit.province, place_unit.province, place_unit.province, place_unit.era)
                doc.issuer = canonical(dept, jur)
        return
    if "{" in fmt and place_unit is None:
        return
    name = fmt.format(unit=place_unit.name if place_unit else "", short=place_unit.short if place_unit else "")
    national = "{" not in fmt
    jur = None if national else place_unit.full
    kind = council_kind(name)
    doc.issuer = Agency(name=name, text=None, jurisdiction=jur, kind=kind or ("national" if national else None),
                        full_name=name)
    doc.province = None if national else place_unit.province
