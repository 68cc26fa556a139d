"""Portal rows: identity from the row's metadata (symbol, date, subject, issuer)."""
from __future__ import annotations

import re

from domain.places import era_of
from domain.symbols import parse_symbol

from ..agencies import Jurisdiction, canonical
from ..model import Document
from ..normalize import normalize
from .header import letter_if_untyped, set_symbol
from .lines import safe_date


def from_metadata(doc: Document, fill: bool = False) -> None:
    """The row's symbol, date, subject and issuer; with `fill`, only where the document's
    own text (its header) gave none. A symbol the grammar cannot read (a URL slug such
    as "luat-so-51-2024-qh15-43559") is kept only when the text has none either."""
    md = doc.metadata
    if md.get("symbol") and not (fill and doc.symbol):
        sym = parse_symbol(str(md["symbol"]))
        if sym:
            set_symbol(doc, sym)
            letter_if_untyped(doc)
        else:
            doc.symbol = " ".join(normalize(str(md["symbol"])).text.split())
    if md.get("date") and not (fill and doc.date):
        m = re.match(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", str(md["date"]))
        if m:
            doc.year = int(m.group(3))
            doc.date = safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    if md.get("subject") and not (fill and doc.subject):
        doc.subject = " ".join(normalize(str(md["subject"])).text.split())
    if md.get("issuer") and not (fill and doc.issuer):
        written = " ".join(normalize(str(md["issuer"])).text.split())
        ag = canonical(re.sub(r"\s*\([^()]*\)\s*$", "", written), Jurisdiction(era=era_of(doc.date)))
        ag.text = written
        doc.issuer = ag
        if ag.jurisdiction:
            doc.province = ag.jurisdiction.split(", ")[-1]
