"""Footers: signers and recipients of real documents whose footer is a two-column table
(docx → pandoc markdown), wrapped recipient lines, and Party signature blocks."""
from loaders.model import Source
from loaders.pipeline import extract
from loaders.read import iter_sources

from paths import CORPUS


def _dvhcvn():
    return {s.doc_id.rsplit("#", 1)[1]: extract(s, entities=False)
            for s in iter_sources([CORPUS / "dvhcvn"]) if hasattr(s, "text")}


def test_dvhcvn_footer_tables_give_signers_and_recipients(corpus_dir):
    """35 resolutions whose signature sits in the right cell of a grid or multiline table,
    interleaved line by line with the recipients in the left cell (none was read before)."""
    docs = _dvhcvn()
    resolutions = [d for d in docs.values() if d.symbol and d.symbol.endswith("/NQ-UBTVQH15")]
    assert len(resolutions) == 34
    split_right = 0
    for d in resolutions:
        s = d.signer
        assert s is not None, d.symbol
        assert (s.name, s.title, s.authority) == ("Trần Thanh Mẫn", "CHỦ TỊCH", "TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI")
        names = [r.name for r in d.recipients]
        assert names[:2] == ["Chính phủ", "Ban Tổ chức Trung ương"], d.symbol
        # a recipient wrapped over two lines is one recipient
        assert "Ủy ban TW Mặt trận Tổ quốc Việt Nam" in names, (d.symbol, names)
        assert not any(n.startswith(("Việt Nam", "Lưu")) for n in names)
        assert d.text[s.start:s.end] == "Trần Thanh Mẫn"
        # "- Tỉnh ủy, HĐND, UBND, Đoàn ĐBQH, Ủy ban MTTQVN tỉnh An Giang;": five bodies of
        # that province (was one run-together name)
        full = {r.full_name for r in d.recipients}
        place = next((n.removeprefix("UBND ") for n in full if n and n.startswith(("UBND tỉnh", "UBND thành phố"))), None)
        if place and {f"HĐND {place}", f"Đoàn ĐBQH {place}", f"Ủy ban Mặt trận Tổ quốc Việt Nam {place}"} <= full:
            split_right += 1
    # the rest are source glitches ("Ủy ban MTTQVNtỉnh Hà Tĩnh": no space in the file)
    assert split_right >= 32, split_right

    party = docs["36"]
    assert party.symbol == "60-NQ/TW"
    assert (party.signer.name, party.signer.title, party.signer.authority) == (
        "Tô Lâm", "TỔNG BÍ THƯ", "T/M BAN CHẤP HÀNH TRUNG ƯƠNG")
    assert [r.name for r in party.recipients] == [
        "Các ban đảng, đảng ủy trực thuộc Trung ương", "Các tỉnh ủy, thành ủy",
        "Các đồng chí Ủy viên Ban Chấp hành Trung ương Đảng"]
    # the Central Committee is national, not a body of the place line's Hà Nội
    assert (party.issuer.name, party.issuer.jurisdiction) == ("Ban Chấp hành Trung ương Đảng", None)


def test_data_tables_keep_their_rows(corpus_dir):
    """Only footer rows are read by column: the appendix's list of communes stays rows."""
    [appendix] = [s for s in iter_sources([CORPUS / "dvhcvn"]) if s.doc_id.endswith("#1")]
    assert "| 11 | 00226 | Phường Văn Miếu - Quốc Tử Giám | Thành phố Hà Nội |" in " ".join(appendix.text.split())


PARTY = """BAN CHẤP HÀNH TRUNG ƯƠNG
ĐẢNG CỘNG SẢN VIỆT NAM

Số 03-KL/TW

Hà Nội, ngày 10 tháng 01 năm 2025

KẾT LUẬN
của Bộ Chính trị về tăng cường công tác phòng, chống thiên tai

Kết luận này được phổ biến đến các cơ quan, đơn vị để thực hiện./.

Nơi nhận:

- Các tỉnh ủy, thành ủy,
- Các ban đảng Trung ương,
- Lưu Văn phòng Trung ương Đảng.

{block}
"""


def test_party_signature_without_a_title_line():
    """ "T/M BỘ CHÍNH TRỊ" then the name (Hướng dẫn 36-HD/VPTW writes the authority with a
    slash and no dot; a Politburo conclusion often has no title line)."""
    for block, authority, title in [("T/M BỘ CHÍNH TRỊ\n\nPhạm Anh Vinh", "T/M BỘ CHÍNH TRỊ", None),
                                    ("**T/M BỘ CHÍNH TRỊ**\n\nPhạm Anh Vinh", "T/M BỘ CHÍNH TRỊ", None),
                                    ("T/M BAN BÍ THƯ\nTHƯỜNG TRỰC\n(Đã ký)\nPhạm Anh Vinh", None, None)]:
        d = extract(Source("kl.txt", "kl.txt", PARTY.format(block=block), "txt", "kl"), entities=False)
        assert d.signer is not None and d.signer.name == "Phạm Anh Vinh", block
        if authority:
            assert (d.signer.authority, d.signer.title) == (authority, title)
        assert [r.name for r in d.recipients] == ["Các tỉnh ủy, thành ủy", "Các ban đảng Trung ương"]


def test_docx_footer_table_reads_like_a_footer(tmp_path):
    """Word documents put "Nơi nhận" and the signature in a two-cell table; each cell's
    paragraphs were joined into one " | " line, so neither recipients nor signer was read."""
    import docx

    from loaders.read import iter_sources as read

    d = docx.Document()
    for p in ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ LẠNG SƠN", "Số: 112/TB-UBND", "TP. Lạng Sơn, ngày 03 tháng 4 năm 2020",
              "THÔNG BÁO", "Kết luận của Chủ tịch UBND thành phố", "Giao Phòng Nội vụ tổng hợp, báo cáo."]:
        d.add_paragraph(p)
    t = d.add_table(rows=1, cols=2)
    left, right = t.rows[0].cells
    left.text = "Nơi nhận:"
    for p in ["- Thường trực Thành ủy;", "- Chủ tịch, các Phó Chủ tịch UBND", "thành phố;", "- Lưu: VT."]:
        left.add_paragraph(p)
    right.text = "TL. CHỦ TỊCH"
    for p in ["CHÁNH VĂN PHÒNG", "(Đã ký)", "Hoàng Văn Minh"]:
        right.add_paragraph(p)
    d.save(tmp_path / "tb.docx")
    [s] = list(read([tmp_path / "tb.docx"]))
    doc = extract(s, entities=False)
    assert (doc.signer.name, doc.signer.title, doc.signer.authority) == ("Hoàng Văn Minh", "CHÁNH VĂN PHÒNG", "TL. CHỦ TỊCH")
    assert [r.text or r.name for r in doc.recipients][:1] == ["Thường trực Thành ủy"]
    assert any("thành phố" in (r.text or "") and r.name.startswith("Chủ tịch") for r in doc.recipients)
    # a data table keeps its row
    d2 = docx.Document()
    t2 = d2.add_table(rows=1, cols=2)
    t2.rows[0].cells[0].text, t2.rows[0].cells[1].text = "Kế hoạch số 56/KH-UBND", "UBND tỉnh"
    d2.save(tmp_path / "data.docx")
    [s2] = list(read([tmp_path / "data.docx"]))
    assert s2.text.strip() == "Kế hoạch số 56/KH-UBND | UBND tỉnh"
