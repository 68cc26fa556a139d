"""STUB (replaced by the header/footer parser)."""
from __future__ import annotations

from .model import Document
from .normalize import NormText


def parse_identity(doc: Document, nt: NormText) -> None:
    """Fill the document's own identity fields (number, type, date, issuer, signer ...)."""
