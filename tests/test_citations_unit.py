"""Shapes, canonical forms, fields and adversarial inputs of the citation finder."""
from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from paths import seed_text

from domain.symbols import canonical_symbol
from loaders.citations import find_citations
from loaders.normalize import normalize


def cite(text):
    return find_citations(normalize(text))


@pytest.mark.parametrize("raw,canon", [
    ("180/tb-vpcp", "180/TB-VPCP"), ("78-ctr/tu", "78-CTr/TU"), ("16/ct-ttg", "16/CT-TTg"),
    ("2318/KL-TTR", "2318/KL-TTr"), ("12/qyđ-ubnd", "12/QyĐ-UBND"), ("665/QÐ-UBND", "665/QĐ-UBND"),
    ("10 /2020/ NĐ- CP", "10/2020/NĐ-CP"), ("57/2020/qh14", "57/2020/QH14"),
    ("15/2010/TTLT-BTC-BGDĐT", "15/2010/TTLT-BTC-BGDĐT"), ("72/2025/NQLT/UBTVQH15-CP", "72/2025/NQLT/UBTVQH15-CP"),
])
def test_canonical_symbol(raw, canon):
    assert canonical_symbol(raw) == canon


@pytest.mark.parametrize("text,family,type_,issuer,unit", [
    ("Kế hoạch số 56/KH-UBND", "administrative", "KH", "UBND", None),
    ("Công văn số 384/UBND-KGVX", "cong_van", "CV", "UBND", "KGVX"),
    ("văn bản số 3343/vpcp-th", "cong_van", "CV", "VPCP", "TH"),
    ("Nghị định số 10/2020/NĐ-CP", "normative", "NĐ", "CP", None),
    ("Luật số 57/2020/QH14", "law", "L", "QH14", None),     # the code with its khóa, as UBTVQH14
    ("Nghị quyết số 09-NQ/TU", "party", "NQ", "TU", None),
    ("Chương trình số 20/CTr-TU", "party", "CTr", "TU", None),
    ("Pháp lệnh số 02/2020/UBTVQH14", "normative", "PL", "UBTVQH14", None),
    ("Nghị định số 74/CP", "administrative", "NĐ", "CP", None),
    ("Luật số 23-L/CTN", "law", "L", "CTN", None),
])
def test_families(text, family, type_, issuer, unit):
    [c] = cite(text)[0]
    assert (c.family, c.type, c.issuer_code, c.unit_code) == (family, type_, issuer, unit)


@pytest.mark.parametrize("text", [
    "tỷ lệ 1/500", "tháng 5/2021", "giai đoạn 2021-2025", "2020 – 2021", "ngày 31/3/2020", "Quốc khánh 02/9",
    "trực 24/24 giờ", "từ 70-80% thành 70-100%", "lúc 14h00", "mức độ 3-4", "3 lần/năm", "số 74/CP",
    "Số: 311 /TB-UBND\n", "Số: /TB-UBND", "Mẫu số 01/TB-ĐKT", "COVID-19/2020", "06/72021",
    "https://x.vn/van-ban/14/2007/TT-BL%C4%90TBXH", "km 12-KH/TU",
])
def test_never_a_citation(text):
    assert [c.symbol for c in cite(text)[0] if c.kind == "numbered"] == ([] if text != "km 12-KH/TU" else ["12-KH/TU"])


def test_news_form_date_and_pinpoint():
    [c] = cite("UBND tỉnh vừa phê duyệt (số 665/QĐ-UBND ngày 18/4/2020) điều chỉnh")[0]
    assert (c.text, c.type_name, c.date, c.year) == ("số 665/QĐ-UBND", "Quyết định", date(2020, 4, 18), 2020)
    [c] = cite("theo khoản 2 Điều 7 Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư")[0]
    assert (c.pinpoint, c.date, c.issuer, c.subject) == ("Điều 7, khoản 2", date(2020, 3, 5), "Chính phủ", "công tác văn thư")
    assert c.text == "Nghị định số 30/2020/NĐ-CP"


def test_date_after_comma_and_invalid_date():
    [c] = cite("Nghị quyết 09-NQ/TU, ngày 28/12/2020 của Ban Chấp hành Đảng bộ thành phố về KVPT")[0]
    assert c.date == date(2020, 12, 28) and c.issuer == "Ban Chấp hành Đảng bộ thành phố"
    [c] = cite("Công văn số 1/UBND-VP ngày 31/02/2020 của UBND tỉnh")[0]
    assert c.date is None and c.year is None and c.issuer == "UBND tỉnh"


def test_cue_governs_a_list_and_stops_at_neutral_cue():
    cits, _ = cite("Căn cứ Quyết định số 1/QĐ-UBND, Quyết định số 2/QĐ-UBND và Kế hoạch số 3/KH-UBND; "
                   "công tác tuyên truyền theo quy định tại Nghị định số 4/2020/NĐ-CP.")
    assert [c.relation for c in cits] == ["BASED_ON", "BASED_ON", "BASED_ON", "CITES"]
    cits, _ = cite("Bãi bỏ Quyết định số 5/2019/QĐ-UBND. Thay thế Quyết định số 6/2018/QĐ-UBND. "
                   "Thông tư hướng dẫn thi hành Nghị định số 7/2017/NĐ-CP. Đính chính Quyết định số 8/QĐ-UBND.")
    assert [c.relation for c in cits] == ["REPEALS", "REPLACES", "GUIDES", "CORRECTS"]


def test_nfd_and_stray_spaces_keep_original_offsets():
    text = unicodedata.normalize("NFD", seed_text("004"))
    cits, _ = cite(text)
    assert [c.symbol for c in cits] == ["15/CT-TTg", "2244/UBND-VX"]
    for c in cits:
        assert text[c.start:c.end] == c.text and c.number in c.text
    assert unicodedata.normalize("NFC", cits[1].text) == "Công văn số 2244/UBND-VX"
    [c] = cite("Quyết định   số 1253 / qđ - ubnd")[0]
    assert c.symbol == "1253/QĐ-UBND"


def test_empty_and_no_citation():
    assert cite("") == ([], [])
    assert cite("Không có văn bản nào.") == ([], [])


# ---- issuer written before the mention (issuer_phrases.yaml: issuer_before)

@pytest.mark.parametrize("text,issuer", [
    ("theo chỉ đạo của đồng chí Chủ tịch UBND thành phố tại công văn số 739/UBND-VP ngày 01/4/2020.",
     "UBND thành phố"),
    ("Thực hiện chỉ đạo của UBND tỉnh tại Kế hoạch số 56/KH-UBND ngày 01/4/2020.", "UBND tỉnh"),
    ("UBND tỉnh vừa phê duyệt (số 665/QĐ-UBND ngày 18/4/2020) điều chỉnh quy hoạch.", "UBND tỉnh"),
    ("Để tăng cường quản lý; UBND tỉnh vừa ban hành (số 67/KH-UBND ngày 14/4/2020) Kế hoạch.", "UBND tỉnh"),
    ("đề ra, UBND tỉnh yêu cầu (số 373/UBND-KTN ngày 14/4/2020) các sở.", "UBND tỉnh"),
    ("Sở Y tế vừa có văn bản (số 12/SYT-NVY ngày 3/4/2020) gửi các đơn vị.", "Sở Y tế"),
    # the tail wins over the words before
    ("theo chỉ đạo của UBND tỉnh tại Công văn số 308/UBND-KGVX ngày 31/3/2020 của Chủ tịch UBND thành phố.",
     "Chủ tịch UBND thành phố"),
    # a person, not a body; no link word; not a verb of issuing
    ("theo ý kiến của đồng chí Lê Trí Thức tại công văn số 739/UBND-VP ngày 01/4/2020.", None),
    ("Căn cứ ý kiến của UBND tỉnh, Công văn số 739/UBND-VP ngày 01/4/2020.", None),
    ("UBND tỉnh nhận được (số 665/QĐ-UBND ngày 18/4/2020).", None),
    # "Thủ tướng Chính phủ" is an issuer, not a title to drop
    ("theo chỉ đạo của Thủ tướng Chính phủ tại Chỉ thị số 16/CT-TTg ngày 31/3/2020.", "Thủ tướng Chính phủ"),
])
def test_issuer_before_mention(text, issuer):
    cits, _ = find_citations(normalize(text))
    assert [c.issuer for c in cits if c.kind == "numbered"][:1] == [issuer]


def test_issuer_before_flows_along_a_list():
    text = "theo chỉ đạo của UBND tỉnh tại Kế hoạch số 56/KH-UBND và Kế hoạch số 57/KH-UBND ngày 01/4/2020."
    cits, _ = find_citations(normalize(text))
    assert [(c.symbol, c.issuer, c.date) for c in cits] == [
        ("56/KH-UBND", "UBND tỉnh", date(2020, 4, 1)), ("57/KH-UBND", "UBND tỉnh", date(2020, 4, 1))]
