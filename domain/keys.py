"""The keys text is compared by: one function per meaning.

=================  ===============================================  ==============================
key                what it keeps                                     used for
=================  ===============================================  ==============================
`match_key`        diacritics (ĐA ≠ DA, HĐ ≠ HD), spelled, lower     matching names and codes
                   case, whitespace collapsed                        against the domain tables
`search_key`       letters without diacritics (đ -> d), lower case,  the stored `*_key` properties
                   whitespace collapsed                              and what users type
`symbol_key`       `search_key` without spaces                       `symbol_key`, symbol search
`slug`             ASCII `[a-z0-9-]`, usual abbreviations            segments of node IDs
`column_key`       ASCII snake case                                  column names of portal rows
=================  ===============================================  ==============================
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from .spelling import spelled
from .unicode_forms import normal_form
from .tables import table

# The keys are pure and called with the same few thousand names, places and symbols over
# and over (every agency and body ID, every stored key): memoised, bounded (least recently
# used keys go first, so one-off strings never crowd out the recurring ones).
KEY_CACHE = 1 << 16


@lru_cache(maxsize=KEY_CACHE)
def match_key(text: str) -> str:
    """Spelled (`domain.spelling`), lower case, whitespace collapsed; diacritics kept."""
    return " ".join(spelled(text).lower().split())


class _NoMarks(dict):
    """A `str.translate` table dropping combining characters, filled in as characters are
    met (the same test as `unicodedata.combining`, once per distinct character)."""

    def __missing__(self, cp: int) -> int | None:
        keep = None if unicodedata.combining(chr(cp)) else cp
        self[cp] = keep
        return keep


_NO_MARKS = _NoMarks()


@lru_cache(maxsize=KEY_CACHE)
def _search_key(text: str) -> str:
    text = normal_form("NFKD", text.replace("Đ", "d").replace("đ", "d")
                                 .replace("Ð", "d").replace("ð", "d"))
    text = text.translate(_NO_MARKS).lower()
    return " ".join(text.split())


def search_key(text: object) -> str:
    """Lower case, no diacritics (Đ/Ð -> d), whitespace collapsed; "" for None."""
    return "" if text is None else _search_key(str(text))


def symbol_key(text: object) -> str:
    """`search_key` without spaces: "56 / KH-UBND" and "56/kh-ubnd" -> "56/kh-ubnd"."""
    return search_key(text).replace(" ", "")


@cache
def _abbrev_re() -> tuple[re.Pattern[str], dict[str, str]]:
    repl = {match_key(k): v for k, v in table("spelling")["slug_abbreviations"].items()}
    alts = "|".join(re.escape(k) for k in sorted(repl, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)"), repl


_NON_SLUG = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=KEY_CACHE)
def slug(text: str) -> str:
    """ASCII slug with the usual abbreviations: "UBND thành phố Lạng Sơn" -> "ubnd-tp-lang-son"."""
    pattern, repl = _abbrev_re()
    s = pattern.sub(lambda m: repl[m.group()], match_key(text))
    return _NON_SLUG.sub("-", search_key(s)).strip("-")


_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def column_key(name: str) -> str:
    """A column name folded for matching: "Số ký hiệu" -> "so_ky_hieu"."""
    s = normal_form("NFD", str(name).strip().lower()).replace("đ", "d")
    s = "".join(c for c in s if not unicodedata.combining(c))
    return _NON_ALNUM.sub("_", s).strip("_")
