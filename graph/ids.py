"""Canonical, stable, readable node IDs (ELI-like paths).

Scheme (every ID starts with ``vn/``; slugs are ASCII ``[a-z0-9-]``; type codes keep
their canonical spelling, ``Đ`` included, which is legal in an IRI path):

===================  =================================================  =========================================
family               ID                                                 example
===================  =================================================  =========================================
administrative       ``vn/{issuer}/{year}/{TYPE}/{n}``                  ``vn/ubnd-tinh-lang-son/2020/KH/56``
công văn             ``vn/{issuer}/{year}/CV/{n}``                      ``vn/ubnd-tp-lang-son/2020/CV/739``
normative (QPPL)     ``vn/{issuer}/qppl/{year}/{TYPE}/{n}``             ``vn/chinh-phu/qppl/2020/NĐ/10``
law / QH resolution  ``vn/quoc-hoi/{year}/QH{khóa}/{n}``                ``vn/quoc-hoi/2020/QH14/57``
Party                ``vn/{committee}/{term}/{TYPE}/{n}``               ``vn/thanh-uy-lang-son/2020-2025/NQ/09``
blank number         ``…/{year}/{TYPE}/_{yyyymmdd|yyyy}-{hash8}``       ``vn/ubnd-tp-lang-son/2020/TB/_20200403-b6f662df``
not resolvable       ``{citing instrument id}/cites/{symbol-slug}[-{date}]``  ``…/cites/56-kh-ubnd-2020-04-01``
loaded, no identity  ``vn/_doc/{stem}-{hash8 of doc_id}``
agency               ``vn/{jurisdiction}/{agency}``, national ``vn/{agency}``   ``vn/tp-lang-son/phong-kinh-te``
person               ``vn/{jurisdiction}/person/{name}``                ``vn/tp-lang-son/person/hoang-thai-lam``
task                 ``{instrument id}/task/{n}`` (1-based, text order)  ``vn/…/TB/_20200403-b6f662df/task/9``
===================  =================================================  =========================================

- The path mirrors where the number is unique (DOMAIN.md §1): issuer + year,
  issuer + year for normative documents (the ``qppl`` segment keeps the separate
  normative series apart: 15/2020/QĐ-TTg is not 15/QĐ-TTg of 2020), Party committee +
  term, laws globally.
- ``{issuer}``: ``{body}-{place}`` for local bodies (``ubnd-tinh-lang-son``,
  ``hdnd-tinh-binh-duong``), a table slug for national ones (``chinh-phu``,
  ``thu-tuong-chinh-phu``, ``thanh-tra-chinh-phu``). ``{place}`` is the unit's level
  and name (``tinh-lang-son``, ``tp-lang-son``, ``tp-hai-phong``); a sub-provincial unit
  whose name differs from its province's gets the province appended
  (``huyen-lac-son-hoa-binh``) so same-named districts never share an ID.
- ``{n}``: the number without leading zeros, padded to two digits (``9``/``09``/``009``
  -> ``09``); non-numeric numbers are slugged.
- Type codes are matched case-insensitively with diacritics kept (``qđ``/``QÐ`` ->
  ``QĐ``, ``Ctr`` -> ``CTr``; ``HĐ`` and ``HD`` stay apart), unknown codes upper-cased.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache


from domain.keys import match_key, slug
from domain.places import is_province_level, split_place
from domain.symbols import CONG_VAN, LAW, NORMATIVE, PARTY
from domain.types import LETTER, canonical_type


UNTYPED = "VB"   # the type segment of a blank-number document whose type is unknown

# Memoised ID pieces (place and agency slugs): the same few thousand places recur.
KEY_CACHE = 1 << 14


def short_hash(text: str, n: int = 8) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:n]


def text_fingerprint(text: str) -> str:
    """sha256 of a text in NFC with every run of white space one space: the same for the
    .txt, .docx or .md of one text, however its lines were wrapped."""
    folded = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- codes and numbers

def canon_number(number: str | int | None) -> str | None:
    """"9", "09", "009" -> "09"; "2318" -> "2318"; non-numeric -> slug; blank -> None."""
    if number is None:
        return None
    s = str(number).strip()
    if not s:
        return None
    if s.isdigit():
        return f"{int(s):02d}"
    return slug(s) or None


# ---------------------------------------------------------------- instrument IDs

def instrument_id(
    family: str,
    issuer: str | None,
    year: int | None = None,
    type: str | None = None,
    number: str | int | None = None,
    term: str | None = None,
    series: str | None = None,
) -> str | None:
    """The canonical ID of a numbered instrument, or None when its scope is unknown.

    `issuer` is an issuer slug (see `issuer_slug`); `term` ("2020-2025") scopes Party
    documents; `series` is a law's issuer code with its khóa ("QH14").
    """
    n = canon_number(number)
    if n is None:
        return None
    if family == LAW:
        return f"vn/{issuer}/{year}/{series}/{n}" if issuer and year and series else None
    if not issuer:
        return None
    t = canonical_type(type) or (LETTER if family == CONG_VAN else None)
    if not t:
        return None
    if family == PARTY:
        return f"vn/{issuer}/{term}/{t}/{n}" if term else None
    if not year:
        return None
    if family == NORMATIVE:
        return f"vn/{issuer}/qppl/{year}/{t}/{n}"
    return f"vn/{issuer}/{year}/{t}/{n}"


def blank_number_id(
    family: str, issuer: str, type: str | None, when: date | int | None, content_hash: str,
    term: str | None = None,
) -> str | None:
    """ID of a loaded document whose number is blank ("Số: /TB-UBND")."""
    if isinstance(when, date):
        year, stamp = when.year, when.strftime("%Y%m%d")
    elif when:
        year, stamp = int(when), str(when)
    else:
        return None
    t = canonical_type(type) or UNTYPED
    head = f"vn/{issuer}/{term}" if family == PARTY and term else (
        f"vn/{issuer}/qppl/{year}" if family == NORMATIVE else f"vn/{issuer}/{year}")
    return f"{head}/{t}/_{stamp}-{content_hash[:8]}"


def scoped_id(citing_id: str, label: str, when: date | None = None) -> str:
    """ID of a citation that cannot be resolved: scoped to the citing instrument."""
    full = slug(label)
    s = full if len(full) <= 60 else f"{full[:51].strip('-')}-{short_hash(full)}"
    s = s or short_hash(label)
    if when:
        s += f"-{when.isoformat()}"
    return f"{citing_id}/cites/{s}"


def doc_fallback_id(doc_id: str) -> str:
    """ID of a loaded document whose own identity is unknown (from its doc_id)."""
    stem = doc_id.rsplit("/", 1)[-1]
    stem = slug(stem.rsplit(".", 1)[0] if "." in stem and "#" not in stem else stem)[:40]
    return f"vn/_doc/{stem}-{short_hash(doc_id)}"


# ---------------------------------------------------------------- places, agencies, persons

@lru_cache(maxsize=KEY_CACHE)
def place_slug(place: str, province: str | None = None) -> str:
    """"tỉnh Lạng Sơn" -> "tinh-lang-son"; "huyện Lạc Sơn" in "tỉnh Hòa Bình" ->
    "huyen-lac-son-hoa-binh"; "thành phố Lạng Sơn" in "tỉnh Lạng Sơn" -> "tp-lang-son"."""
    kind, name = split_place(place)
    s = "-".join(x for x in (slug(kind) if kind else "", slug(name)) if x)
    if province and not is_province_level(place):
        _, pname = split_place(province)
        if slug(pname) and slug(pname) != slug(name):
            s += "-" + slug(pname)
    return s


@lru_cache(maxsize=KEY_CACHE)
def jurisdiction_slug(jurisdiction: str | None) -> str | None:
    """"thành phố Lạng Sơn, tỉnh Lạng Sơn" -> "tp-lang-son" (innermost unit, qualified)."""
    if not jurisdiction or not jurisdiction.strip():
        return None
    parts = [p.strip() for p in jurisdiction.split(",") if p.strip()]
    province = parts[-1] if len(parts) > 1 else None
    return place_slug(parts[0], province) or None


@lru_cache(maxsize=KEY_CACHE)
def agency_id(name: str, jurisdiction: str | None = None) -> str:
    """"Phòng Kinh tế" in "thành phố Lạng Sơn, tỉnh Lạng Sơn" -> "vn/tp-lang-son/phong-kinh-te".

    The jurisdiction's own words at the end of the name are dropped, so "UBND thành
    phố Lạng Sơn" and "Thanh tra thành phố" in that city give ``…/ubnd``, ``…/thanh-tra``.
    """
    jur = jurisdiction_slug(jurisdiction)
    s = slug(name)
    if jur:
        inner = jurisdiction.split(",")[0].strip()  # type: ignore[union-attr]
        kind, short = split_place(inner)
        for tail in (place_slug(inner), slug(short), slug(kind) if kind else ""):
            if tail and s.endswith("-" + tail):
                s = s[: -len(tail) - 1]
                break
        return f"vn/{jur}/{s or 'agency'}"
    return f"vn/{s or 'agency'}"


def person_id(name: str, jurisdiction: str | None = None) -> str:
    jur = jurisdiction_slug(jurisdiction)
    return f"vn/{jur}/person/{slug(name)}" if jur else f"vn/person/{slug(name)}"


def task_id(instrument: str, n: int) -> str:
    return f"{instrument}/task/{n}"
