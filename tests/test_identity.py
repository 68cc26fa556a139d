"""Identity of the five seeds (header/footer) and of Bình Dương portal rows."""
import json
from datetime import date

import pytest

from paths import CORPUS, seed_text
from domain.symbols import parse_symbol
from loaders.identity import parse_identity
from loaders.model import Document
from loaders.normalize import normalize


def ident(key: str) -> Document:
    text = seed_text(key)
    doc = Document(key, key, text)
    parse_identity(doc, normalize(text))
    return doc


def test_seed_000_blank_number_city_notice():
    d = ident("000")
    assert (d.number, d.symbol, d.type, d.type_name) == (None, "/TB-UBND", "TB", "Thông báo")
    assert d.place == "TP. Lạng Sơn" and d.date == date(2020, 4, 3) and d.year == 2020
    assert d.subject.startswith("Kết luận giao ban Chủ tịch, các Phó Chủ tịch UBND thành phố Lạng Sơn")
    assert d.issuer.name == "UBND thành phố Lạng Sơn"
    assert d.issuer.jurisdiction == "thành phố Lạng Sơn, tỉnh Lạng Sơn"
    assert d.province == "tỉnh Lạng Sơn"
    assert (d.signer.name, d.signer.title, d.signer.authority) == ("Hoàng Thái Lâm", "CHÁNH VĂN PHÒNG", "TL. CHỦ TỊCH")
    assert d.text[d.signer.start:d.signer.end] == "Hoàng Thái Lâm"
    assert (d.chair.name, d.chair.title) == ("Lê Trí Thức", "Chủ tịch UBND thành phố")
    names = [r.name for r in d.recipients]
    assert len(names) == 13                       # "Lưu: VT, QTM." is not a recipient
    assert not any("Lưu" in (r.text or "") for r in d.recipients)
    assert names[0] == "UBND tỉnh Lạng Sơn" and d.recipients[0].jurisdiction == "tỉnh Lạng Sơn"
    assert "Thường trực HĐND thành phố Lạng Sơn" in names       # "TT HĐND TP" expanded
    assert "UBND các phường, xã" in names
    # "CT, PCT UBND TP": two posts of one body; "CPVP, CVVP": Chánh, Phó Chánh, Chuyên viên Văn phòng
    assert names[3:5] == ["Chủ tịch UBND thành phố Lạng Sơn", "Phó Chủ tịch UBND thành phố Lạng Sơn"]
    assert d.recipients[3].text == d.recipients[4].text == "CT, PCT UBND TP"
    assert names[8:11] == ["Chánh Văn phòng", "Phó Chánh Văn phòng", "Chuyên viên Văn phòng"]
    assert "Các phòng ban, ngành, Đảng, đoàn thể thành phố Lạng Sơn" in names   # one group, not split


def test_seed_002_day_missing_keeps_year_and_infers_district_issuer():
    d = ident("002")
    assert d.number is None and d.symbol == "/TB-UBND"
    assert d.place == "Lạc Sơn" and d.date is None and d.year == 2020
    assert any("incomplete date" in w for w in d.warnings)
    assert d.issuer.name == "UBND huyện Lạc Sơn"
    assert d.province == "tỉnh Hòa Bình"          # 2020: before the 2025 merger
    assert d.signer.name == "Nguyễn Quốc Tiệp"
    assert d.signer.authority == "TL. CHỦ TỊCH / KT. CHÁNH VĂN PHÒNG" and d.signer.title == "PHÓ CHÁNH VĂN PHÒNG"
    assert d.chair.name == "Nguyễn Ngọc Diệp" and d.chair.title == "Bí thư Huyện ủy, Chủ tịch UBND huyện"
    # "Chủ tịch, các PCT UBND huyện" -> 2 posts; "Chánh, Phó, CV VP HĐND&UBND" kept whole (elided)
    assert [r.name for r in d.recipients][:2] == ["Chủ tịch UBND huyện Lạc Sơn", "Phó Chủ tịch UBND huyện Lạc Sơn"]
    assert len(d.recipients) == 5
    assert d.subject.startswith("Kết luận của đồng chí Bí thư Huyện ủy") and d.subject.endswith("giai đoạn đầu")


def test_seed_003_number_with_space():
    d = ident("003")
    assert (d.number, d.symbol, d.type) == ("311", "311/TB-UBND", "TB")
    assert d.date == date(2021, 4, 16)
    assert d.subject == "Kết luận cuộc họp UBND thành phố thường kỳ tháng 4/2021"
    assert d.issuer.name == "UBND thành phố Lạng Sơn"
    assert (d.signer.name, d.signer.title) == ("Lăng Thị Trịnh", "PHÓ CHÁNH VĂN PHÒNG")
    assert (d.chair.name, d.chair.title) == ("Nguyễn Văn Hạnh", "Chủ tịch UBND thành phố")
    assert len(d.recipients) == 8       # TT Thành ủy, TT HĐND, CT + PCT, TP dự họp, CPVP (2) + CVVP
    assert [r.name for r in d.recipients][:2] == ["Thường trực Thành ủy", "Thường trực HĐND thành phố Lạng Sơn"]


def test_seed_004_province_level_city_and_bold_multiline_subject():
    d = ident("004")
    assert (d.number, d.symbol) == ("161", "161/TB-UBND")
    assert d.place == "Hải Phòng" and d.date == date(2020, 3, 27)
    assert d.subject == ("Kết luận của Phó Chủ tịch Thường trực Ủy ban nhân dân thành phố Nguyễn Xuân Bình "
                         "tại cuộc họp chỉ đạo tăng cường công tác phòng, chống dịch COVID-19")
    assert d.issuer.name == "UBND thành phố Hải Phòng" and d.issuer.jurisdiction == "thành phố Hải Phòng"
    assert d.province == "thành phố Hải Phòng"
    assert d.signer.name == "Trần Huy Kiên"
    assert d.signer.authority == "TL. ỦY BAN NHÂN DÂN / KT. CHÁNH VĂN PHÒNG"
    assert d.chair.name == "Nguyễn Xuân Bình"
    assert d.chair.title == "Phó Chủ tịch Thường trực Ủy ban nhân dân thành phố"
    assert all("Lưu" not in (r.text or "") for r in d.recipients)
    names = [r.name for r in d.recipients]
    assert names == [
        "Thường trực Thành ủy", "Thường trực HĐND thành phố Hải Phòng",          # "TTTU, TTHĐND TP; (đề b/c)"
        "Chủ tịch UBND thành phố Hải Phòng", "Phó Chủ tịch UBND thành phố Hải Phòng",   # "CT, các PCT UBND TP"
        "Sở, ban, ngành",                                                          # a group of unit kinds
        "UBND các quận, huyện",
        "Báo Hải Phòng", "Báo An ninh Hải Phòng, Công Thông tin điện tử thành phố",   # "Công" (sic): no head
        "Đài Phát thanh và Truyền hình Hải Phòng",
        "Chánh Văn phòng UBND thành phố Hải Phòng", "Phó Chánh Văn phòng UBND thành phố Hải Phòng",
        "Phòng Kiểm soát thủ tục hành chính", "Phòng VX", "Phòng NC&KTGS",            # "Các Phòng: KSTTHC, VX, NC&KTGS"
        "Chuyên viên: NV"]
    assert d.recipients[0].text == "TTTU, TTHĐND TP; (đề b/c)" and d.recipients[0].kind == "party"


def test_seed_001_news_page_has_no_header_identity():
    d = ident("001")
    assert d.symbol is None and d.signer is None and d.chair is None and d.recipients == []


def test_seed_001_news_page_identity():
    d = ident("001")
    assert (d.type, d.type_name, d.family, d.issuer) == (None, "Tin bài", None, None)
    assert d.province == "tỉnh Lạng Sơn"                    # named 13 times (with its city)
    assert d.date == date(2020, 4, 19) and d.year == 2020   # end of "(ngày 13/4 đến ngày 19/4/2020)"
    assert d.subject == "Chỉ đạo, điều hành nổi bật của UBND tỉnh trong tuần (ngày 13/4 đến ngày 19/4/2020)"
    assert d.metadata["page_kind"] == "news" and any("news page" in w for w in d.warnings)


def test_news_page_without_period_or_province():
    text = "Tin tức\n\nUBND tỉnh vừa ban hành (số 12/KH-UBND ngày 3/4/2020) Kế hoạch phòng dịch.\n"
    d = Document("n", "n", text)
    parse_identity(d, normalize(text))
    assert (d.type_name, d.date, d.province) == ("Tin bài", None, None)


def test_official_document_without_number_is_not_a_news_page():
    text = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nTHÔNG BÁO\n"
            "UBND tỉnh vừa ban hành (số 12/KH-UBND ngày 3/4/2020) trong tuần, tỉnh Lạng Sơn, tỉnh Lạng Sơn.\n")
    d = Document("o", "o", text)
    parse_identity(d, normalize(text))
    assert "page_kind" not in d.metadata and d.type_name != "Tin bài"


def test_news_page_citations_resolve_to_the_inferred_province():
    from graph.resolve import context_of, resolve_citation
    from loaders.pipeline import extract
    from loaders.model import Source

    d = extract(Source("001", "001", seed_text("001"), "txt", "h"), entities=False)
    ctx = context_of(d)
    got = {c.symbol: resolve_citation(c, ctx) for c in d.citations if c.issuer == "UBND tỉnh"}
    assert {s: r.id for s, r in got.items() if s in ("665/QĐ-UBND", "384/UBND-KGVX")} == {
        "665/QĐ-UBND": "vn/ubnd-tinh-lang-son/2020/QĐ/665", "384/UBND-KGVX": "vn/ubnd-tinh-lang-son/2020/CV/384"}
    assert sum(r.status == "resolved" for r in got.values()) >= 10


def _row_doc(i: int, row: dict) -> Document:
    md = {"symbol": row["so_ky_hieu"], "date": row["ngay_ban_hanh"], "subject": row["trich_yeu"],
          "issuer": row["issuer"], "status": row["hieu_luc"], "url": row["pdf_url"]}
    doc = Document(f"vbcddh.jsonl#{i}", "vbcddh.jsonl", row["trich_yeu"], format="jsonl-row", row=i, metadata=md)
    parse_identity(doc, normalize(doc.text))
    return doc


def test_binhduong_rows_identity_from_metadata(corpus_dir):
    rows = [json.loads(line) for line in (corpus_dir / "binhduong" / "vbcddh.jsonl").open(encoding="utf-8")]
    d = _row_doc(0, rows[0])
    assert (d.number, d.symbol, d.type, d.family) == ("3637", "3637/UBND-VX", "CV", "cong_van")
    assert d.date == date(2022, 7, 20)
    assert d.issuer.name == "UBND tỉnh Bình Dương" and d.issuer.jurisdiction == "tỉnh Bình Dương"
    assert d.province == "tỉnh Bình Dương"
    eth = next(i for i, r in enumerate(rows) if "\u00d0" in r["so_ky_hieu"])
    d = _row_doc(eth, rows[eth])
    assert d.type == "QĐ" and "Đ" in d.symbol and "\u00d0" not in d.symbol
    parsed = [_row_doc(i, r) for i, r in enumerate(rows[:300])]
    assert all(p.symbol and p.date and p.issuer for p in parsed)


@pytest.mark.parametrize("text", ["", "   \n\n", "Số:", "Nơi nhận:\n- \n", "THÔNG BÁO\n", "x" * 300_000,
                                  "Số: 12/ABC\nHà Nội, ngày 31 tháng 2 năm 2020\n"])
def test_odd_input_never_crashes(text):
    doc = Document("odd", "odd", text)
    parse_identity(doc, normalize(text))
    assert doc.date is None


def test_gazette_text_identity(corpus_dir):
    rows = [json.loads(line) for line in (corpus_dir / "congbao" / "congbao_400.jsonl").open(encoding="utf-8")][:40]
    docs = []
    for r in rows:
        d = Document("c", "c", r["text"])
        parse_identity(d, normalize(r["text"]))
        docs.append(d)
    law = docs[0]
    assert law.symbol == "51/2024/QH15" and law.issuer.name == "Quốc hội" and law.issuer.jurisdiction is None
    assert law.signer.name == "Trần Thanh Mẫn"
    with_symbol = [d for d in docs if d.symbol]
    assert len(with_symbol) >= 25
    assert all(d.issuer is not None for d in with_symbol if d.type in ("NĐ", "TT", "QĐ"))


def test_one_type_table():
    """Every type code comes from domain/data/types.yaml: no other table lists types."""
    from pathlib import Path

    import yaml

    root = Path(__file__).resolve().parents[1]
    for path in [*root.glob("loaders/data/*.yaml"), *root.glob("graph/data/*.yaml")]:
        assert "types" not in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}), path
    assert parse_symbol("12/GP-UBND").type_name == "Giấy phép"
    assert parse_symbol("3/QĐi-TW").type == "QĐi"      # a Party code the graph alone knew


def test_code_header_of_a_code_of_law():
    text = "QUỐC HỘI\n\nBộ luật số: 45/2019/QH14\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nBỘ LUẬT\n\nLAO ĐỘNG\n\nCăn cứ Hiến pháp;\n"
    d = Document("bl", "bl", text)
    parse_identity(d, normalize(text))
    assert (d.symbol, d.type, d.type_name, d.family) == ("45/2019/QH14", "BL", "Bộ luật", "law")


# ---------------------------------------------------------------- header tables
# Word headers are a 2-column table (issuer block and "Số:" on the left, the national
# motto and the place and date on the right); extraction writes each row on one line.

_BODY = ("\nTHÔNG BÁO\nKết luận cuộc họp UBND thành phố thường kỳ tháng 4/2021\n\n"
         "Ngày 13/4/2021, Đ/c Nguyễn Văn Hạnh - Chủ tịch UBND thành phố đã chủ trì cuộc họp.\n")
_LINES = ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ LẠNG SƠN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
          "Độc lập - Tự do - Hạnh phúc\nSố: 311/TB-UBND\nTP. Lạng Sơn, ngày 16 tháng 4 năm 2021\n")
_TABLES = {
    "docx": ("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTHÀNH PHỐ LẠNG SƠN | Độc lập - Tự do - Hạnh phúc\n"
             "Số: 311/TB-UBND | TP. Lạng Sơn, ngày 16 tháng 4 năm 2021\n"),
    "antiword": ("|ỦY BAN NHÂN DÂN          |CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM  |\n"
                 "|THÀNH PHỐ LẠNG SƠN       |Độc lập - Tự do - Hạnh phúc         |\n"
                 "|                         |                                    |\n"
                 "|Số: 311/TB-UBND          |TP. Lạng Sơn, ngày 16 tháng 4 năm 2021|\n"),
    "rtf": ("ỦY BAN NHÂN DÂN|CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|\nTHÀNH PHỐ LẠNG SƠN|Độc lập - Tự do - Hạnh phúc|\n"
            "Số: 311/TB-UBND|TP. Lạng Sơn, ngày 16 tháng 4 năm 2021|\n"),
    "tabs": ("ỦY BAN NHÂN DÂN\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTHÀNH PHỐ LẠNG SƠN\tĐộc lập - Tự do - Hạnh phúc\n"
             "\n\t\t---------------\nSố: 311/TB-UBND\t\tTP. Lạng Sơn, ngày 16 tháng 4 năm 2021\n"),
    "spaces": ("  ỦY BAN NHÂN DÂN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
               "THÀNH PHỐ LẠNG SƠN                Độc lập - Tự do - Hạnh phúc\n"
               "      -------                            ----------------\n"
               "Số: 311/TB-UBND         TP. Lạng Sơn, ngày 16 tháng 4 năm 2021\n"),
    # one row, each cell's paragraphs joined by spaces (python-docx cell text)
    "one row": ("ỦY BAN NHÂN DÂN THÀNH PHỐ LẠNG SƠN Số: 311/TB-UBND | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM "
                "Độc lập - Tự do - Hạnh phúc TP. Lạng Sơn, ngày 16 tháng 4 năm 2021\n"),
}


def _identity_of(text: str) -> tuple:
    d = Document("h", "h", text)
    parse_identity(d, normalize(text))
    return (d.symbol, d.number, d.type, d.date, d.place, d.issuer and d.issuer.name,
            d.issuer and d.issuer.jurisdiction, d.province, d.subject, d.chair and d.chair.name)


@pytest.mark.parametrize("layout", sorted(_TABLES))
def test_header_table_gives_the_identity_of_separate_lines(layout):
    want = _identity_of(_LINES + _BODY)
    assert want[:8] == ("311/TB-UBND", "311", "TB", date(2021, 4, 16), "TP. Lạng Sơn", "UBND thành phố Lạng Sơn",
                        "thành phố Lạng Sơn, tỉnh Lạng Sơn", "tỉnh Lạng Sơn")
    assert _identity_of(_TABLES[layout] + _BODY) == want


def test_header_table_issuer_block_of_a_department():
    text = ("UBND TỈNH LẠNG SƠN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ NỘI VỤ | Độc lập - Tự do - Hạnh phúc\n"
            "Số: 56/KH-SNV | Lạng Sơn, ngày 03 tháng 4 năm 2020\n\nKẾ HOẠCH\nTuyển dụng công chức năm 2020\n")
    d = Document("s", "s", text)
    parse_identity(d, normalize(text))
    assert (d.symbol, d.date, d.place, d.type) == ("56/KH-SNV", date(2020, 4, 3), "Lạng Sơn", "KH")
    assert d.issuer.name == "Sở Nội vụ" and d.issuer.jurisdiction == "tỉnh Lạng Sơn"
    assert d.subject == "Tuyển dụng công chức năm 2020"


def test_body_table_is_left_alone():
    from loaders.identity import decolumn_header
    text = "Số: 12/KH-UBND\nHà Nội, ngày 3 tháng 4 năm 2020\nKẾ HOẠCH\nSTT | Nội dung | Thời gian\n1 | Họp | tháng 4\n"
    assert decolumn_header(text, len(text)) == text
    d = Document("b", "b", text)
    parse_identity(d, normalize(text))
    assert (d.symbol, d.date) == ("12/KH-UBND", date(2020, 4, 3))


PARTY_DIRECTIVE = """HUYỆN ỦY KRÔNG PẮC
*
Số 04-CT/HU

ĐẢNG CỘNG SẢN VIỆT NAM
Krông Pắc, ngày 24 tháng 8 năm 2022

CHỈ THỊ
Về phòng, chống đuối nước trẻ em

Để triển khai thực hiện Chương trình số 08-CTr/TU, ngày 27/5/2022 của Tỉnh ủy về việc phòng, chống đuối nước trẻ em, Ban Thường vụ Huyện ủy yêu cầu các cơ quan, đơn vị thực hiện tốt một số nhiệm vụ sau:
"""


def test_party_number_line_without_colon():
    """Party documents write their number without a colon ("Số 04-CT/HU"): it is the
    document's own number, not a citation of itself."""
    from loaders.model import Source
    from loaders.pipeline import extract

    d = extract(Source("hu.txt", "hu.txt", PARTY_DIRECTIVE, "txt", "hu"), entities=False)
    assert (d.symbol, d.type, d.date) == ("04-CT/HU", "CT", date(2022, 8, 24))
    assert d.issuer.name == "Huyện ủy Krông Pắc"
    assert [c.symbol for c in d.citations] == ["08-CTr/TU"]


def _doc(text: str):
    from loaders.model import Source
    from loaders.pipeline import extract

    return extract(Source("t.txt", "t.txt", text, "txt", "t"), entities=False)


BODY = "\n\nKẾ HOẠCH\n\nVề bảo đảm an toàn thực phẩm\n\nĐể triển khai thực hiện các nhiệm vụ được giao.\n"


def test_party_header_with_its_parent_committee():
    """ "ĐẢNG BỘ TỈNH QUẢNG BÌNH / ĐẢNG ỦY XÃ LIÊN THỦY": two lines, the issuer is the second
    (was one run-together "Đảng bộ tỉnh quảng bình đảng ủy xã liên thủy")."""
    d = _doc("ĐẢNG BỘ TỈNH QUẢNG BÌNH\nĐẢNG ỦY XÃ THANH THỦY\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\nSố: 02-KH/ĐU\n\n"
             "Thanh Thủy, ngày 25 tháng 8 năm 2022" + BODY)
    assert d.issuer.name == "Đảng ủy xã Thanh Thủy"
    # six communes are called Thanh Thủy: the parent line picks Quảng Bình's
    assert d.issuer.jurisdiction.endswith("tỉnh Quảng Bình") and d.province == "tỉnh Quảng Bình"
    d = _doc("ĐẢNG BỘ TỈNH PHÚ THỌ\nHUYỆN ỦY THANH THỦY\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\nSố 03-KH/HU\n\n"
             "Thanh Thủy, ngày 26 tháng 8 năm 2022" + BODY)
    assert (d.symbol, d.issuer.name, d.province) == ("03-KH/HU", "Huyện ủy Thanh Thủy", "tỉnh Phú Thọ")


def test_issuer_from_the_code_and_the_place_line():
    """No header: the symbol's code and the place line name the issuer, when the place is
    a unit of the kind the code needs, and only one of that name."""
    d = _doc("Số 02-KH/ĐU\n\nLiên Thủy, ngày 29 tháng 8 năm 2022" + BODY)
    assert (d.issuer.name, d.issuer.kind, d.province) == ("Đảng ủy xã Liên Thủy", "party", "tỉnh Quảng Bình")
    d = _doc("Số 02-KH/ĐU\n\nGia Phú, ngày 29 tháng 8 năm 2022" + BODY)    # Lào Cai's or Ninh Bình's?
    assert d.issuer is None
    d = _doc("Số: 15-KH/TU\n\nHải Phòng, ngày 29 tháng 8 năm 2022" + BODY)   # a city: Thành ủy
    assert d.issuer.name == "Thành ủy Hải Phòng"
    d = _doc("Số: 7 /SYT-NVY\n\nVĩnh Phúc, ngày 27 tháng 8 năm 2022" + BODY)
    assert (d.issuer.name, d.issuer.jurisdiction) == ("Sở Y tế", "tỉnh Vĩnh Phúc")


def test_decision_without_header_names_its_authority():
    """A decision whose header block was lost still states its authority after the
    subject: "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN VĨNH HƯNG" is the issuer (the place line
    alone, "Vĩnh Hưng", could be several units)."""
    d = _doc("Số: 11/QĐ-UBND\n\nVĩnh Hưng, ngày 25 tháng 8 năm 2022\n\nQUYẾT ĐỊNH\n\n"
             "Về việc ban hành Quy định về tăng cường công tác phòng cháy, chữa cháy\n\n"
             "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN VĨNH HƯNG\n\n"
             "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n\nQUYẾT ĐỊNH:\n\n"
             "Điều 1. Ban hành Quy định.\n")
    assert (d.issuer.name, d.province) == ("UBND huyện Vĩnh Hưng", "tỉnh Long An")
    assert d.subject.startswith("Về việc ban hành Quy định")
    # "Phú Mỹ" alone is thành phố Phú Mỹ; the authority line says the ward, and of the three
    # phường Phú Mỹ the one in that city's province
    d = _doc("Số: 2/QĐ-UBND\n\nPhú Mỹ, ngày 26 tháng 8 năm 2022\n\nQUYẾT ĐỊNH\n\nVề việc quy định phòng, "
             "chống đuối nước trẻ em\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHÚ MỸ\n\nCăn cứ Luật Tổ chức chính "
             "quyền địa phương ngày 19 tháng 6 năm 2015;\n")
    assert (d.issuer.name, d.province) == ("UBND phường Phú Mỹ", "tỉnh Bà Rịa - Vũng Tàu")
    assert d.issuer.jurisdiction.startswith("phường Phú Mỹ, ")


def test_a_shared_place_name_is_read_in_the_province_the_text_names():
    """Nine districts are called Châu Thành: the place line alone names none of them; a
    text that cites "UBND tỉnh Tây Ninh" is Tây Ninh's; a text naming no province stays
    without an issuer (never guessed)."""
    head = "Số: 1/TB-UBND\n\nChâu Thành, ngày 26 tháng 01 năm 2016\n\nTHÔNG BÁO\n\nKết luận của Chủ tịch UBND huyện\n\n"
    d = _doc(head + "Thực hiện Kế hoạch số 2/KH-UBND ngày 10/01/2016 của UBND tỉnh Tây Ninh về giảm nghèo.\n")
    assert (d.issuer.name, d.province) == ("UBND huyện Châu Thành", "tỉnh Tây Ninh")
    d = _doc(head + "Thực hiện Kế hoạch số 2/KH-UBND ngày 10/01/2016 của UBND tỉnh về giảm nghèo.\n")
    assert d.issuer is None and d.province is None


def test_town_party_committee_under_its_provincial_party_organisation():
    """ "ĐẢNG BỘ TỈNH TÂY NINH / THỊ ỦY TRẢNG BÀNG": Thị ủy is a committee word like Huyện
    ủy (was one run-together "Đảng bộ tỉnh tây ninh thị ủy trảng bàng")."""
    d = _doc("ĐẢNG BỘ TỈNH TÂY NINH\nTHỊ ỦY TRẢNG BÀNG\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\nSố 01-TB/TU\n\n"
             "TX. Trảng Bàng, ngày 18 tháng 11 năm 2016" + BODY)
    assert (d.issuer.name, d.issuer.jurisdiction) == ("Thị ủy Trảng Bàng", "thị xã Trảng Bàng, tỉnh Tây Ninh")


COMMUNE_PLAN = """Số: 1/KH-UBND

{place}, ngày 09 tháng 4 năm 2016

KẾ HOẠCH

Thực hiện tăng cường quản lý đất đai trên địa bàn năm 2016

Thực hiện văn bản số 7/UBND-KT ngày 16/4/2016 của UBND thành phố Tây Ninh;

{council} ban hành Kế hoạch thực hiện tăng cường quản lý đất đai như sau:

1. Giao Công chức Địa chính - Xây dựng rà soát, tổng hợp.
"""


def test_a_place_line_shared_by_a_district_and_communes_follows_the_council_that_acts():
    """No header; the place line "Tân Bình" is quận Tân Bình (TP. Hồ Chí Minh), the only
    district of that name, and also the name of ~20 communes. "UBND xã ban hành" says the
    document is a commune's: the commune of that name in the province the text names
    (Tây Ninh has two: no issuer, never a guess), not the district (was UBND quận Tân
    Bình). "UBND quận ban hành" keeps the district."""
    d = _doc(COMMUNE_PLAN.format(place="Tân Bình", council="UBND xã"))
    assert d.issuer is None
    d = _doc(COMMUNE_PLAN.format(place="Tân Bình", council="UBND quận"))
    assert d.issuer.name == "UBND quận Tân Bình"
    # one commune of that name in the province the text names: that commune
    d = _doc(COMMUNE_PLAN.format(place="Lộc Ninh", council="UBND xã"))
    assert (d.issuer.name, d.issuer.jurisdiction) == ("UBND xã Lộc Ninh", "xã Lộc Ninh, huyện Dương Minh Châu, tỉnh Tây Ninh")
    d = _doc(COMMUNE_PLAN.format(place="Lộc Ninh", council="UBND huyện"))
    assert d.issuer.name == "UBND huyện Lộc Ninh"


def test_a_party_committee_of_an_ambiguous_ward_takes_no_other_unit():
    """ "ĐẢNG ỦY PHƯỜNG NINH SƠN" (three wards of that name) with the place line "Ninh Sơn"
    (alone: huyện Ninh Sơn, Ninh Thuận): no jurisdiction rather than that district's."""
    d = _doc("ĐẢNG ỦY PHƯỜNG NINH SƠN\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\nSố 02-KH/ĐU\n\n"
             "Ninh Sơn, ngày 25 tháng 8 năm 2016" + BODY)
    assert (d.issuer.name, d.issuer.jurisdiction) == ("Đảng ủy phường Ninh Sơn", None)
