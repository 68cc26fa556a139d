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
