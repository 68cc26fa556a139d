"""Official letters (Công văn): "Kính gửi" addressees, "Nơi nhận" items that point at
others ("Như trên", "Như Điều 3"), and unit names written with a dash ("Bà Rịa - Vũng
Tàu", "Phan Rang - Tháp Chàm") kept whole in issuers, citations and IDs."""
import json

import pytest

from graph.build import document_fragment
from loaders.model import Source
from loaders.pipeline import extract
from domain.places import province_counts
from paths import CORPUS

LETTER = """ỦY BAN NHÂN DÂN
TỈNH BÀ RỊA - VŨNG TÀU

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 254/UBND-NCPC
V/v đẩy nhanh tiến độ giải ngân vốn đầu tư công

Bà Rịa - Vũng Tàu, ngày 06 tháng 11 năm 2018

Kính gửi:

- Sở Nông nghiệp và Phát triển nông thôn;
- Sở Công Thương;
- Thanh tra tỉnh.

Thực hiện Quyết định số 158/QĐ-UBND ngày 02/11/2018 của UBND tỉnh Bà Rịa - Vũng Tàu về giải ngân vốn đầu tư công; Công văn số 77/UBND-TH ngày 01/10/2018 của UBND thành phố Phan Rang - Tháp Chàm, UBND tỉnh yêu cầu các cơ quan thực hiện một số nội dung sau:

1. Sở Y tế: Chủ trì, phối hợp với Sở Công Thương hoàn thiện dự thảo, trình UBND tỉnh trước ngày 26/11/2018.

Nơi nhận:

- Như trên;
- Sở Công Thương;
- Thường trực HĐND tỉnh;
- Như Điều 3;
- ….(9)……;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Huỳnh Ngọc Trung
"""


def letter(text: str = LETTER):
    doc = extract(Source("letter.txt", "letter.txt", text, "txt", "h"), entities=False)
    return doc, document_fragment(doc)


def test_addressees_are_read_and_sent_to():
    doc, f = letter()
    assert [(a.name, a.jurisdiction) for a in doc.addressees] == [
        ("Sở Nông nghiệp và Phát triển nông thôn", "tỉnh Bà Rịa - Vũng Tàu"),
        ("Sở Công Thương", "tỉnh Bà Rịa - Vũng Tàu"), ("Thanh tra", "tỉnh Bà Rịa - Vũng Tàu")]
    sent = {e.dst: e.props for e in f.edges if e.type == "SENT_TO"}
    assert sent["vn/tinh-ba-ria-vung-tau/so-nong-nghiep-va-phat-trien-nong-thon"]["part"] == "Kính gửi"
    assert sent["vn/tinh-ba-ria-vung-tau/thanh-tra"]["part"] == "Kính gửi"
    # addressed and listed again under "Nơi nhận": one edge, from "Kính gửi"
    assert sent["vn/tinh-ba-ria-vung-tau/so-cong-thuong"]["part"] == "Kính gửi"
    assert sum(e.dst.endswith("/so-cong-thuong") for e in f.edges if e.type == "SENT_TO") == 1
    assert sent["vn/tinh-ba-ria-vung-tau/hdnd"]["part"] == "Nơi nhận"


def test_references_and_blanks_are_not_agencies():
    doc, f = letter()
    names = [r.name for r in doc.recipients]
    assert names == ["Sở Công Thương", "Thường trực HĐND tỉnh Bà Rịa - Vũng Tàu"], names
    agencies = [n.props["name"] for n in f.nodes if n.label == "Agency"]
    assert not any(a.startswith("Như") or "…" in a for a in agencies), agencies


def test_addressees_with_blank_lines_between():
    doc, _ = letter(LETTER.replace("thôn;\n- Sở Công Thương;\n", "thôn;\n\n- Sở Công Thương;\n\n"))
    assert [a.name for a in doc.addressees] == [
        "Sở Nông nghiệp và Phát triển nông thôn", "Sở Công Thương", "Thanh tra"]


def test_addressee_on_the_label_line():
    text = LETTER.replace("Kính gửi:\n\n- Sở Nông nghiệp và Phát triển nông thôn;\n- Sở Công Thương;\n- Thanh tra tỉnh.",
                          "Kính gửi: Sở Tài chính; Sở Nội vụ.")
    doc, _ = letter(text)
    assert [a.name for a in doc.addressees] == ["Sở Tài chính", "Sở Nội vụ"]


def test_dashed_province_stays_whole():
    doc, f = letter()
    assert doc.issuer.name == "UBND tỉnh Bà Rịa - Vũng Tàu"
    (c158, c77) = doc.citations
    assert c158.issuer == "UBND tỉnh Bà Rịa - Vũng Tàu"
    assert c77.issuer == "UBND thành phố Phan Rang - Tháp Chàm"
    me = f.nodes[0].id
    assert me == "vn/ubnd-tinh-ba-ria-vung-tau/2018/CV/254"
    targets = {e.dst for e in f.edges if e.type == "IMPLEMENTS"}
    assert targets == {"vn/ubnd-tinh-ba-ria-vung-tau/2018/QĐ/158",
                       "vn/ubnd-tp-phan-rang-thap-cham-ninh-thuan/2018/CV/77"}, targets
    issued = {e.src: e.dst for e in f.edges if e.type == "ISSUED_BY"}
    assert issued[me] == issued["vn/ubnd-tinh-ba-ria-vung-tau/2018/QĐ/158"] == "vn/tinh-ba-ria-vung-tau/ubnd"
    assert not any(n.id.startswith(("vn/tinh-ba-ria/", "vn/tinh-ba-ria-vung/")) for n in f.nodes)


def test_dashed_province_counted_in_real_gazette_text():
    rows = [json.loads(line) for line in (CORPUS / "congbao" / "congbao_400.jsonl").open(encoding="utf-8")]
    (nd38,) = [r for r in rows if r["id"] == "nghi-dinh-so-38-2022-nd-cp-37348"]
    text = nd38["text"]
    i = text.index("Thành phố Vũng Tàu, thị xã Phú Mỹ thuộc tỉnh Bà Rịa - Vũng Tàu")
    assert province_counts(text[i:i + 70]) == {"tỉnh Bà Rịa - Vũng Tàu": 2}   # the city and the province


def test_forms_in_gazette_appendices_give_no_addressees():
    """The gazette's "Kính gửi" lines are all inside appended forms ("Kính gửi: ……….(1)",
    "Kính gửi: Các nhà đầu tư quan tâm" in a model notice, some within the first 6,000
    characters): none is a document's own. Texts read as plain files (header parsed)."""
    rows = [json.loads(line) for line in (CORPUS / "congbao" / "congbao_400.jsonl").open(encoding="utf-8")]
    rows = [r for r in rows if "Kính gửi" in (r.get("text") or "")]
    assert len(rows) >= 20
    docs = [extract(Source(r["id"], r["id"] + ".txt", r["text"], "txt", r["id"]), entities=False) for r in rows]
    assert sum(d.symbol is not None for d in docs) >= len(docs) // 2   # the headers were read
    assert {d.doc_id: [a.name for a in d.addressees] for d in docs if d.addressees} == {}
