"""Own identity of gazette texts (../shared/corpus/congbao, each case names its row): a row
that carries a document's full text is read from its header, the row filling only what
the header lacks (its `so_hieu` is a URL slug, never the symbol when the text has one);
a law's date is the day it was passed, at its end; a consolidated text's number and date
stand above its signature; the national motto is never the issuer."""
from __future__ import annotations

from datetime import date

import pytest
from paths import CORPUS

from loaders.pipeline import extract
from loaders.read import iter_sources

D = date.fromisoformat
ROWS = CORPUS / "congbao" / "congbao_400.jsonl"
# (row, symbol, type, date, issuer)
CASES = [
    (1, "51/2024/QH15", "L", D("2024-11-27"), "Quốc hội"),            # passed "ngày 27 tháng 11 năm 2024"
    (2, "158/2025/NĐ-CP", "NĐ", D("2025-06-25"), "Chính phủ"),
    (3, "162/2026/NĐ-CP", "NĐ", D("2026-05-15"), "Chính phủ"),
    (10, "78/2025/UBTVQH15", "NQ", None, "Ủy ban Thường vụ Quốc hội"),
    (32, "16/VBHN-BTC", "VBHN", D("2020-03-06"), None),               # number and date above the signature
    # a consolidated text: the section label names the body, the number stands before the appendices
    (29, "04/VBHN-BYT", "VBHN", D("2018-04-13"), "Bộ Y tế"),
    (125, "1345/VBHN-BLĐTBXH", "VBHN", D("2024-04-02"), "Bộ Lao động - Thương binh và Xã hội"),
    (34, "19/VBHN-VPQH", "VBHN", D("2026-02-12"), "Văn phòng Quốc hội"),   # the issuer from the number's code
]


@pytest.fixture(scope="module")
def rows() -> dict:
    if not ROWS.exists():
        pytest.skip("../shared/corpus is not beside the clone")
    wanted = {c[0] for c in CASES}
    return {s.row: s for s in iter_sources([ROWS]) if s.row in wanted}


@pytest.mark.parametrize("row,symbol,type_,when,issuer", CASES, ids=[f"row{c[0]}" for c in CASES])
def test_gazette_identity(rows: dict, row: int, symbol: str, type_: str, when: date | None, issuer: str | None) -> None:
    doc = extract(rows[row], entities=False)
    assert (doc.symbol, doc.type) == (symbol, type_)
    if when is not None:
        assert doc.date == when
    if issuer is not None:
        assert doc.issuer is not None and doc.issuer.name == issuer
    assert doc.issuer is None or "cộng hòa" not in doc.issuer.name.lower()


def test_no_gazette_row_is_known_by_its_url_slug(rows: dict) -> None:
    docs = [extract(s, entities=False) for s in rows.values()]
    assert not [d.symbol for d in docs if d.symbol and "-" in d.symbol and "/" not in d.symbol]
