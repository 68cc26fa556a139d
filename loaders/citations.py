"""STUB (replaced by the citation finder)."""
from __future__ import annotations

from .model import Citation, Relation
from .normalize import NormText


def find_citations(nt: NormText) -> tuple[list[Citation], list[Relation]]:
    """Every cited instrument in the text, and relations the text states between them."""
    return [], []
