"""What every part of the identity reader shares: its tables, the lines of a text, a
line's clean form, capitals, dates."""
from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import cache

from domain.keys import search_key

from ..tables import table


HEAD_CHARS = 6000     # the header is in the first few thousand characters


FOOT_CHARS = 6000


def parts_table() -> dict:
    return table("document_parts")


def titles_table() -> dict:
    return table("titles")


def line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each line in text[start:end], without the newline."""
    out = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        out.append((pos, stop))
        pos = stop + 1
    return out


def clean_line(s: str) -> str:
    return " ".join(s.split()).strip(parts_table()["rules_chars"] + " ")


def is_upper_line(s: str) -> bool:
    letters = "".join(filter(str.isalpha, s))
    return len(letters) >= 2 and sum(map(str.isupper, letters)) >= 0.9 * len(letters)


def _letters_key_of(s: str) -> str:
    """Letters only, no diacritics, upper case: "CỘNG HÒA XàHỘI" -> "CONGHOAXAHOI"."""
    return "".join(filter(str.isalpha, search_key(s))).upper()


class _LettersTable(dict):
    """`str.translate` table: a character -> its `_letters_key_of`, learnt per character.
    The key is character by character: a character's compatibility decomposition is its
    own, canonical reordering only moves the combining marks that are dropped, and the
    letters left are cased one by one (a final sigma's lower form differs, its upper
    case does not)."""

    def __missing__(self, cp: int) -> str:
        got = self[cp] = _letters_key_of(chr(cp))
        return got


_LETTERS = _LettersTable()


def _letters_key(s: str) -> str:
    """`_letters_key_of(s)`, by one translate."""
    return s.translate(_LETTERS)


@cache
def _skip_keys() -> frozenset[str]:
    return frozenset(_letters_key(s) for s in parts_table()["header_skip"])


_TAIL = 16     # a long phrase is known by its last letters ("…XAHOICHUNGHIAVIETNAM")


def is_header_skip(line: str) -> bool:
    """The national motto and the like ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), however
    extraction spelled or spaced it ("CỘNG HÒA XàHỘI CHỦ NGHĨA VIỆT NAM", a PDF font's
    "CỘNG HỊA XÃ HỘI …"): never an issuer."""
    key = _letters_key(line)
    if key in _skip_keys():
        return True
    return any(len(k) > _TAIL + 4 and abs(len(key) - len(k)) <= 2 and key.endswith(k[-_TAIL:])
               for k in _skip_keys())


def alternatives(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def is_header_row(text: str) -> bool:
    """A paragraph holding the national motto (a header flattened onto one line, a header
    table's row): part of the header, never of the body."""
    key = _letters_key(text[:600])
    return any(k in key for k in _skip_keys() if len(k) > 20)
