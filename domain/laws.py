"""National laws, codes and ordinances by name (`data/laws.yaml`, built by
`tools/build_law_table.py` from the corpora), and the rule that picks the one a named
citation means — never a guess:

- a name and a date (or a year: "Luật Đất đai năm 2013") pick the law of that name
  adopted then;
- a name alone picks the law of that name in force on the citing document's date (the
  latest adopted, and in force by its effective date, on or before it);
- anything else (no date at all, several fit) is ambiguous with its candidates, or
  unresolved when none fits.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from .keys import match_key
from .tables import table

RESOLVED, AMBIGUOUS, UNRESOLVED = "resolved", "ambiguous", "unresolved"


@dataclass(frozen=True)
class Law:
    name: str
    symbol: str
    year: int
    date: date | None = None
    effective: date | None = None

    @property
    def number(self) -> str:
        return self.symbol.split("/")[0]

    @property
    def in_force_from(self) -> date:
        return self.effective or self.date or date(self.year, 12, 31)


@dataclass
class LawPick:
    """What a named citation resolves to, and why."""

    status: str
    law: Law | None = None
    candidates: list[Law] = field(default_factory=list)
    reason: str = ""


_HIDDEN_SPACE = re.compile(r"\s+")


def name_key(name: str) -> str:
    """A law's name folded for lookup: spelled (tone placement), lower case, one space."""
    return _HIDDEN_SPACE.sub(" ", match_key(name)).strip(" ,;.")


@cache
def laws_by_name() -> dict[str, tuple[Law, ...]]:
    """Name key -> the laws of that name, oldest first."""
    out: dict[str, list[Law]] = {}
    for row in table("laws"):
        law = Law(row["name"], row["symbol"], int(row["year"]), row.get("date"), row.get("effective"))
        out.setdefault(name_key(law.name), []).append(law)
    return {k: tuple(sorted(v, key=lambda x: (x.year, x.date or date(x.year, 1, 1)))) for k, v in out.items()}


@cache
def law_names() -> tuple[str, ...]:
    """Every name key, longest first (the longest name that fits a text wins)."""
    return tuple(sorted(laws_by_name(), key=len, reverse=True))


def pick_law(name: str, when: date | None = None, year: int | None = None,
             on: date | None = None) -> LawPick:
    """The law `name` means, cited with its adoption date `when` (or `year`), in a
    document dated `on`."""
    laws = laws_by_name().get(name_key(name), ())
    if not laws:
        return LawPick(UNRESOLVED, reason="name not in the law table")
    year = when.year if when else year
    if year is not None:
        fits = [x for x in laws if x.year == year]
        if when is not None and len(fits) > 1:
            fits = [x for x in fits if x.date == when] or fits
        how = f"name and {'date' if when else 'year'}"
    elif on is not None:
        in_force = [x for x in laws if x.in_force_from <= on]
        fits = in_force[-1:]
        how = f"name, the law in force on {on.isoformat()}"
    else:
        return LawPick(AMBIGUOUS, candidates=list(laws), reason="name alone, and no date to choose by")
    if len(fits) == 1:
        return LawPick(RESOLVED, law=fits[0], reason=how)
    if fits:
        return LawPick(AMBIGUOUS, candidates=fits, reason=f"several laws fit the {how}")
    return LawPick(UNRESOLVED, candidates=[], reason=f"no law of that name fits the {how}")
