"""The validity vocabulary (`data/validity.yaml`): the statuses and their labels, which
families take effect on signing, what a portal's own status agrees with, ELI's in-force
values, the "Lược đồ" groups of the Văn bản page. The derivation itself is
`graph.validity`."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .keys import search_key
from .tables import table

IN_FORCE, NOT_YET, AMENDED_IN_PART, PARTLY, SUSPENDED = (
    "in_force", "not_yet_in_force", "amended_in_part", "partly_in_force", "suspended")
EXPIRED, REPEALED, REPLACED, UNKNOWN = "expired", "repealed", "replaced", "unknown"


def _t() -> dict:
    return table("validity")


@cache
def statuses() -> tuple[str, ...]:
    """Every status, in the table's order."""
    return tuple(_t()["statuses"])


def status_label(status: str) -> str:
    """"in_force" -> "Còn hiệu lực"; an unknown code as it is."""
    return _t()["statuses"].get(status, status)


@cache
def from_signing() -> frozenset[str]:
    """Number families whose documents take effect on signing when they state no day."""
    return frozenset(_t()["from_signing"])


@cache
def _portal() -> dict[str, frozenset[str]]:
    return {search_key(k): frozenset(v) for k, v in _t()["portal"].items()}


def portal_agrees(claim: str | None, status: str) -> bool | None:
    """Whether a portal's own status ("Văn bản đang có hiệu lực") agrees with a computed
    status; None when the claim is blank or not in the table."""
    accepted = _portal().get(search_key(claim)) if claim else None
    return None if accepted is None else status in accepted


@cache
def eli_in_force(status: str) -> str | None:
    """ELI's eli:in_force value name ("inForce", "partiallyInForce", "notInForce"), or None."""
    return next((k for k, v in _t()["eli_in_force"].items() if status in v), None)


@dataclass(frozen=True)
class SchemeGroup:
    """One "Lược đồ" group: its name and the relations it gathers (empty: all)."""

    group: str
    relations: tuple[str, ...]
    incoming_only: bool = False


@cache
def scheme() -> tuple[SchemeGroup, ...]:
    """The Văn bản page's "Lược đồ" groups, in order."""
    return tuple(SchemeGroup(g["group"], () if g["relations"] == "all" else tuple(g["relations"]),
                             bool(g.get("incoming_only"))) for g in _t()["scheme"])
