"""Every numbered citation of the five seeds, in order, with type, date, issuer and
relation; named instruments; the relations stated between cited instruments; traps."""
from __future__ import annotations

from datetime import date

import pytest
from paths import seed_text

from loaders.citations import find_citations
from loaders.normalize import normalize

D = date.fromisoformat
# (symbol, type, date, issuer, relation of the citing document)
EXPECTED = {
    "000": [
        ("739/UBND-VP", "CV", D("2020-04-01"), "UBND thành phố", "IMPLEMENTS"),
        ("105/KH-UBND", "KH", D("2020-03-31"), "UBND thành phố", "BASED_ON"),
        ("56/KH-UBND", "KH", D("2020-04-01"), "UBND tỉnh", "IMPLEMENTS"),
        ("2318/KL-TTr", "KL", D("2019-12-23"), "Tổng Thanh tra Chính phủ", "CITES"),
        ("56/KH-UBND", "KH", D("2020-04-01"), "UBND tỉnh", "CITES"),
        ("2318/KL-TTr", "KL", D("2019-12-23"), "Tổng Thanh tra Chính phủ", "CITES"),
    ],
    "001": [
        ("665/QĐ-UBND", "QĐ", D("2020-04-18"), "UBND tỉnh", "CITES"),
        ("666/QĐ-UBND", "QĐ", D("2020-04-18"), "UBND tỉnh", "CITES"),
        ("47-KH/ĐGS", "KH", D("2020-04-17"), "UBND tỉnh", "CITES"),
        ("67/KH-UBND", "KH", D("2020-04-14"), "UBND tỉnh", "CITES"),
        ("10/2020/NĐ-CP", "NĐ", None, "Chính phủ", "CITES"),
        ("384/UBND-KGVX", "CV", D("2020-04-17"), "UBND tỉnh", "CITES"),
        ("16/CT-TTg", "CT", D("2020-03-31"), "Thủ tướng Chính phủ", "CITES"),
        ("308/UBND-KGVX", "CV", D("2020-03-31"), "UBND tỉnh", "CITES"),
        ("365/UBND-KTN", "CV", D("2020-04-13"), "UBND tỉnh", "CITES"),
        ("373/UBND-KTN", "CV", D("2020-04-14"), "UBND tỉnh", "CITES"),
        ("33/KH-UBND", "KH", D("2019-02-11"), "UBND tỉnh", "CITES"),
        ("1864/BNN-KTHT", "CV", D("2020-03-13"), "Bộ Nông nghiệp và Phát triển nông thôn", "CITES"),
        ("375/UBND-KTN", "CV", D("2020-04-15"), "UBND tỉnh", "CITES"),
        ("362/UBND-KGVX", "CV", D("2020-04-13"), "UBND tỉnh", "CITES"),
    ],
    "002": [("42/NQ-CP", "NQ", None, None, "CITES")] * 3,
    "003": [
        ("147/GM-UBND", "GM", D("2021-04-08"), "UBND thành phố", "CITES"),
        ("415/UBND-VP", "CV", D("2021-03-02"), "UBND thành phố", "CITES"),
        ("09-NQ/TU", "NQ", D("2020-12-28"), "Ban Chấp hành Đảng bộ thành phố", "IMPLEMENTS"),
        ("101/GM-UBND", "GM", D("2021-03-10"), None, "CITES"),
    ],
    "004": [
        ("15/CT-TTg", "CT", D("2020-03-27"), "Thủ tướng Chính phủ", "IMPLEMENTS"),
        ("2244/UBND-VX", "CV", D("2020-03-27"), "Ủy ban nhân dân thành phố", "IMPLEMENTS"),
    ],
}
# (source symbol or named type, target, relation) stated between cited instruments
EDGES = {
    "000": {("56/KH-UBND", "2318/KL-TTr", "IMPLEMENTS")},
    "001": {("67/KH-UBND", "10/2020/NĐ-CP", "CITES"), ("384/UBND-KGVX", "16/CT-TTg", "IMPLEMENTS"),
            ("384/UBND-KGVX", "308/UBND-KGVX", "IMPLEMENTS"), ("373/UBND-KTN", "ĐA", "IMPLEMENTS"),
            ("373/UBND-KTN", "33/KH-UBND", "IMPLEMENTS"), ("373/UBND-KTN", "1864/BNN-KTHT", "IMPLEMENTS")},
    "002": set(), "003": set(), "004": set(),
}
TRAPS = {"001": ["1/500", "70-80%", "4/2020", "2018 - 2019", "01/01/2018"],
         "002": ["24/24 giờ", "02/9", "19/8", "2020 – 2021", "tháng 8/2020"],
         "003": ["4/2021", "2020-2025", "2021-2022", "Số: 311 /TB-UBND"],
         "004": ["Số: 161 /TB-UBND", "07h00'"], "000": ["Số: /TB-UBND", "14h00"]}


def _run(key):
    text = seed_text(key)
    return text, *find_citations(normalize(text))


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_every_numbered_citation(key):
    text, cits, _ = _run(key)
    got = [(c.symbol, c.type, c.date, c.issuer, c.relation) for c in cits if c.kind == "numbered"]
    assert got == EXPECTED[key]
    for c in cits:
        assert text[c.start:c.end] == c.text
        assert c.sentence and " ".join(c.text.split()) in c.sentence


@pytest.mark.parametrize("key", sorted(EDGES))
def test_relations_between_instruments(key):
    _, cits, rels = _run(key)
    name = lambda c: c.symbol or c.type  # noqa: E731
    assert {(name(cits[r.source]), name(cits[r.target]), r.relation) for r in rels} == EDGES[key]


@pytest.mark.parametrize("key", sorted(TRAPS))
def test_traps_are_not_citations(key):
    text, cits, _ = _run(key)
    for trap in TRAPS[key]:
        i = text.find(trap)
        assert i >= 0, trap
        assert not any(c.start < i + len(trap) and i < c.end for c in cits if c.kind == "numbered"), trap


def test_seed_000_fields():
    _, cits, rels = _run("000")
    c = cits[0]
    assert (c.text, c.family, c.type_name, c.issuer_code, c.unit_code, c.year) == (
        "công văn số 739/UBND-VP", "cong_van", "Công văn", "UBND", "VP", 2020)
    assert c.cue == "theo chỉ đạo của"
    assert c.subject == "thực hiện các biện pháp cấp bách phòng, chống dịch COVID-19"
    assert cits[1].subject == "Dự trữ hàng hóa nhằm ứng phó với dịch Covid-19 trên địa bàn thành phố Lạng Sơn"
    assert cits[1].cue == "Căn cứ"
    assert cits[2].subject.startswith("Tổ chức triển khai thực hiện Kết luận thanh tra số 2318/KL-TTr")
    assert (cits[3].family, cits[3].type_name, cits[3].issuer_code) == ("administrative", "Kết luận", "TTr")
    # the notice implements 56/KH-UBND (item 9) whatever item 10 says
    assert "IMPLEMENTS" in {c.relation for c in cits if c.symbol == "56/KH-UBND"}


def test_seed_001_families_and_named():
    _, cits, _ = _run("001")
    by = {c.symbol: c for c in cits if c.symbol}
    assert by["47-KH/ĐGS"].family == "party"
    assert by["10/2020/NĐ-CP"].family == "normative" and by["10/2020/NĐ-CP"].year == 2020
    assert by["384/UBND-KGVX"].text == "số 384/UBND-KGVX" and by["384/UBND-KGVX"].type_name == "Công văn"
    assert by["665/QĐ-UBND"].type_name == "Quyết định"
    named = [c for c in cits if c.kind == "named"]
    assert [c.text for c in named] == [
        "Nghị quyết Đại hội Đảng bộ tỉnh Lạng Sơn lần thứ XVI",
        "Đề án “Phát triển 15.000 hợp tác xã, liên hiệp hợp tác xã nông nghiệp hoạt động có hiệu quả đến năm 2020”",
    ]
    assert named[0].relation == "IMPLEMENTS" and named[0].family is None
    assert named[1].subject.startswith("Phát triển 15.000 hợp tác xã")


def test_seed_003_named_and_abbreviated():
    text, cits, _ = _run("003")
    named = [c for c in cits if c.kind == "named"]
    assert len(named) == 3 and all(c.relation == "IMPLEMENTS" for c in named)
    assert named[2].text == text[named[2].start:named[2].end]   # broken by a blank line
    assert "lần thứ XXIII" in named[2].text
    gm = next(c for c in cits if c.symbol == "101/GM-UBND")
    assert gm.text == "GM 101/GM-UBND" and gm.type_name == "Giấy mời"
    nq = next(c for c in cits if c.symbol == "09-NQ/TU")
    assert nq.subject == "tăng cường xây dựng KVPT thành phố giai đoạn 2021-2025" and nq.family == "party"
