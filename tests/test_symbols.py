"""The one symbol grammar (domain.symbols), as a table: every shape the loaders and the
graph meet, what it reads as, and the reason when the answer was decided here.

Each row is run three ways: the symbol written alone (`parse_symbol`, as a header's
"Số:" value or a portal row gives it), the symbol cited in running text after its type
words (`find_citations`), and the acceptance of issue 22: `vbgraph extract`'s citation
symbol is the symbol of the graph node the citation lands on.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from domain.symbols import parse_symbol
from graph.build import document_fragment
from loaders.citations import find_citations
from loaders.normalize import normalize
from loaders.pipeline import extract_paths
from vbgraph.cli import main


@dataclass(frozen=True)
class Row:
    written: str
    number: str | None
    year: int | None
    type: str | None
    issuer: str | None
    family: str
    canonical: str
    words: str = "văn bản"      # the type words it is cited after
    why: str = ""


ROWS = [
    # the five families (DOMAIN.md §1)
    Row("56/KH-UBND", "56", None, "KH", "UBND", "administrative", "56/KH-UBND", "Kế hoạch"),
    Row("739/UBND-VP", "739", None, "CV", "UBND", "cong_van", "739/UBND-VP", "Công văn"),
    Row("10/2020/NĐ-CP", "10", 2020, "NĐ", "CP", "normative", "10/2020/NĐ-CP", "Nghị định"),
    Row("57/2020/QH14", "57", 2020, None, "QH14", "law", "57/2020/QH14", "Luật"),
    Row("09-NQ/TU", "09", None, "NQ", "TU", "party", "09-NQ/TU", "Nghị quyết"),
    Row("20/CTr-TU", "20", None, "CTr", "TU", "party", "20/CTr-TU", "Chương trình",
        "a Party shape written the State way (DOMAIN.md §1: sic); the symbol as written"),
    Row("2318/KL-TTr", "2318", None, "KL", "TTr", "administrative", "2318/KL-TTr", "Kết luận"),
    # noise
    Row("180/tb-vpcp", "180", None, "TB", "VPCP", "administrative", "180/TB-VPCP", "Thông báo"),
    Row("2403/QÐ-UBND", "2403", None, "QĐ", "UBND", "administrative", "2403/QĐ-UBND", "Quyết định",
        "U+00D0 typed for Đ"),
    Row("311 /TB-UBND", "311", None, "TB", "UBND", "administrative", "311/TB-UBND", "Thông báo"),
    Row("07/2022/TT-BTTTT", "07", 2022, "TT", "BTTTT", "normative", "07/2022/TT-BTTTT", "Thông tư"),
    Row("38/2016/NQ-HĐND9", "38", 2016, "NQ", "HĐND9", "normative", "38/2016/NQ-HĐND9", "Nghị quyết",
        "the council's term after its code"),
    Row("02/2020/UBTVQH14", "02", 2020, None, "UBTVQH14", "normative", "02/2020/UBTVQH14", "Pháp lệnh"),
    Row("81-CTHĐ/TU", "81", None, None, "TU", "party", "81-CTHĐ/TU", "Chương trình hành động",
        "a Party shape whose type is no type code: Party by its issuer, typed by its words"),
    # the disagreements of issue 22, decided
    Row("5/HD-BTGTW", "5", None, "HD", "BTGTW", "party", "5/HD-BTGTW", "Hướng dẫn",
        "BTGTW is a Party body: a Party document in the State shape, its symbol kept as written "
        "(the graph rewrote it 5-HD/BTGTW; identity said administrative)"),
    Row("51/2024/QH15", "51", 2024, None, "QH15", "law", "51/2024/QH15", "Luật",
        "a law or a National Assembly resolution: the words say which (no type from the symbol); "
        "the code keeps its khóa, as UBTVQH15 and HĐND9 do"),
    Row("74/CP", "74", None, None, "CP", "administrative", "74/CP", "Nghị định",
        "no type code and no unit: not the công văn shape; an old decree numbered per year, "
        "typed by its words (a document of its own with no title is a letter)"),
    Row("2/KL-TTrC", "2", None, "KL", "TTrC", "administrative", "2/KL-TTrC", "Kết luận",
        "codes take the table's spelling (TTrC, as TTg, CTr); unknown ones are upper-cased"),
    Row("1830 QĐ-UBND", "1830", None, "QĐ", "UBND", "administrative", "1830/QĐ-UBND", "Quyết định",
        "a space typed for the slash (a Bình Dương row); weak: a citation only after type words"),
    # real-document shapes of issue 23 §2
    Row("61/2019/NĐCP", "61", 2019, "NĐ", "CP", "normative", "61/2019/NĐ-CP", "Nghị định",
        "the hyphen lost: the code splits into a type and a known issuer"),
    Row("12/2020/QĐUBND", "12", 2020, "QĐ", "UBND", "normative", "12/2020/QĐ-UBND", "Quyết định"),
    Row("10/2014/TTLTBTC-BCA", "10", 2014, "TTLT", "BTC-BCA", "normative", "10/2014/TTLT-BTC-BCA",
        "Thông tư liên tịch"),
    Row("217-HĐBT", "217", None, None, "HĐBT", "administrative", "217-HĐBT", "Quyết định",
        "pre-1992 {số}-{ISSUER}: Hội đồng Bộ trưởng"),
    Row("64-CP", "64", None, None, "CP", "administrative", "64-CP", "Nghị định"),
    Row("35-CT", "35", None, None, "CT", "administrative", "35-CT", "Chỉ thị",
        "pre-1992: CT is the issuer (Chủ tịch Hội đồng Bộ trưởng: the gazette's \"87-CT … của Chủ tịch HĐBT\")"),
    Row("15-NQ/TƯ", "15", None, "NQ", "TW", "party", "15-NQ/TW", "Nghị quyết", "TƯ written for TW"),
    Row("285/CCTTHC", "285", None, None, "CCTTHC", "administrative", "285/CCTTHC", "Công văn",
        "a unit's code with no issuer dash: weak, typed by its words"),
    Row("05/2019/TT-BNN&PTNT", "05", 2019, "TT", "BNNPTNT", "normative", "05/2019/TT-BNNPTNT", "Thông tư",
        "& inside a code; BNN&PTNT is BNNPTNT"),
]
TRAPS = ["tỷ lệ 1/500", "tháng 5/2021", "24/24 giờ", "giai đoạn 2021-2025", "70-80%",
         "thực hiện các chủ trương, nghị\nquyết\n4\n- Tư duy chiến lược",      # a gazette table
         "TCCS 02/2016/CĐUB. Năng suất"]                                      # a standard's code


@pytest.mark.parametrize("row", ROWS, ids=[r.written for r in ROWS])
def test_symbol_written_alone(row):
    s = parse_symbol(row.written)
    assert (s.number, s.year, s.type, s.issuer_code, s.family, s.canonical) == (
        row.number, row.year, row.type, row.issuer, row.family, row.canonical), row.why


@pytest.mark.parametrize("row", ROWS, ids=[r.written for r in ROWS])
def test_symbol_cited_in_running_text(row):
    text = f"Căn cứ {row.words} số {row.written} ngày 05/3/2021 của cơ quan ban hành;"
    cits = [c for c in find_citations(normalize(text))[0] if c.kind == "numbered"]
    assert [(c.symbol, c.number, c.issuer_code) for c in cits] == [(row.canonical, row.number, row.issuer)]
    family = "law" if row.family == "administrative" and row.words in ("Luật",) else row.family
    assert cits[0].family == family


@pytest.mark.parametrize("trap", TRAPS)
def test_traps_are_no_symbols(trap):
    assert not [c for c in find_citations(normalize(f"Căn cứ Nghị quyết {trap}."))[0] if c.kind == "numbered"]


def test_written_alone_only():
    """Shapes only a portal row or a header writes: a blank number, spaces inside codes,
    an underscore for the dash, a note after the symbol."""
    assert parse_symbol("/TB-UBND").canonical == "/TB-UBND" and parse_symbol("/TB-UBND").number is None
    assert parse_symbol("90/TB-BCH PCTT-TKCN").canonical == "90/TB-BCHPCTT-TKCN"
    assert parse_symbol("157/TB_UBND").canonical == "157/TB-UBND"
    assert parse_symbol("26/KH-BCĐ (138)").canonical == "26/KH-BCĐ"
    assert parse_symbol("hello") is None and parse_symbol("") is None


HEADER = """ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG

Số: 9/KH-UBND

Bình Dương, ngày 10 tháng 4 năm 2021

KẾ HOẠCH

Thực hiện các văn bản cấp trên

Căn cứ {words} số {written} ngày 05/3/2021 của Chính phủ;
"""


def test_extract_symbol_is_the_graph_nodes_symbol(tmp_path, capsys):
    """Issue 22's acceptance: for every row, `vbgraph extract` gives a citation whose symbol
    is the symbol of the graph node it lands on (5/HD-BTGTW was 5-HD/BTGTW in the graph)."""
    for i, row in enumerate(ROWS):
        (tmp_path / f"{i:02d}.txt").write_text(HEADER.format(words=row.words, written=row.written), encoding="utf-8")
    assert main(["extract", str(tmp_path), "--no-entities"]) == 0
    printed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(printed) == len(ROWS)
    fragments = {d.doc_id: document_fragment(d) for d in extract_paths([tmp_path], entities=False)}
    for out in printed:
        row = ROWS[int(out["doc_id"].rsplit("/", 1)[-1][:2])]
        (cited,) = [c for c in out["citations"] if c["kind"] == "numbered"]
        assert cited["symbol"] == row.canonical, row
        frag = fragments[out["doc_id"]]
        (span,) = json.loads(frag.nodes[0].props["spans"])
        node = next(n for n in frag.nodes if n.id == span["target"])
        assert node.props["symbol"] == cited["symbol"], (row, node.id)
