"""Layout tables: a document's footer is often a two-cell table, recipients on the left
("Nơi nhận:" and its list) and the signature on the right ("TM. ỦY BAN NHÂN DÂN / CHỦ
TỊCH / Nguyễn Văn A"). Readers give such a row cell by cell, one line per paragraph, so
the footer reads as it does in a plain-text document; any other table keeps its rows."""
from __future__ import annotations

from collections.abc import Sequence

from ..tables import table


def is_footer_row(cells: Sequence[Sequence[str]]) -> bool:
    """Two cells, one holding the recipients label or opening with a signing authority
    ("TM.", "KT.", "T/M"); each cell given as its lines."""
    if len(cells) != 2:
        return False
    label = table("document_parts")["recipients_label"]
    prefixes = tuple(table("titles")["authority_prefixes"])
    return any(label in line for cell in cells for line in cell) or any(
        line.upper().startswith(prefixes) for cell in cells for line in cell[:3])


def footer_lines(cells: Sequence[Sequence[str]]) -> list[str]:
    """The left cell's lines, a blank line, the right cell's lines."""
    return [*cells[0], "", *cells[1]]
