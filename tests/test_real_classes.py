"""Failure classes of real documents (issue #23), one row per class, on real text: the
gazette rows of ../shared/corpus/congbao (row named), the development gold (tests/gold),
and lines of public documents. Each row failed before its class was fixed."""
from __future__ import annotations

from datetime import date

import pytest

from loaders.model import Source
from loaders.normalize import normalize
from loaders.citations import find_citations
from loaders.pipeline import extract

D = date.fromisoformat

# (class, text, [(symbol, relation)])  — relations of the citing document
RELATIONS = [
    ("closing formula: 'hết hiệu lực kể từ ngày Luật này có hiệu lực' replaces (congbao row 34)",
     "2. Luật Thanh tra số 11/2022/QH15 hết hiệu lực kể từ ngày Luật này có hiệu lực thi \nhành, trừ quy định tại "
     "khoản 1 và khoản 3 Điều 64 của Luật này.", [("11/2022/QH15", "REPLACES")]),
    ("the closing formula covers its list, across a line break (congbao row 6)",
     "4. Quyết định số 60/2015/QĐ-TTg và Quyết định số 38/2019/QĐ-TTg hết hiệu \nlực thi hành kể từ ngày Nghị "
     "định này có hiệu lực thi hành, trừ trường hợp quy định",
     [("60/2015/QĐ-TTg", "REPLACES"), ("38/2019/QĐ-TTg", "REPLACES")]),
    ("a cue inside what a cited decision 'ban hành' is that decision's (gold m001)",
     "Căn cứ Quyết định số 205/QĐ-UBND ngày 13/3/2017\ncủa Ủy ban nhân dân tỉnh Quảng Ngãi ban hành Kế hoạch "
     "triển khai thực hiện Nghị\nquyết số 05-NQ/TU ngày 05/12/2016 của Tỉnh ủy về cải cách hành chính;",
     [("205/QĐ-UBND", "BASED_ON"), ("05-NQ/TU", "CITES")]),
    ("a 'Căn cứ:' heading covers its '- ' items, each its own sentence",
     "Căn cứ:\n- Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ;\n- Quyết định số 12/QĐ-UBND ngày "
     "2/1/2019 của UBND tỉnh;\nTheo đề nghị của Giám đốc Sở Nội vụ.",
     [("61/2018/NĐ-CP", "BASED_ON"), ("12/QĐ-UBND", "BASED_ON")]),
    ("a section heading 'I. CĂN CỨ XÂY DỰNG / KẾ HOẠCH' covers its numbered items (thuvienphapluat, 383/KH-UBND Tiền Giang)",
     "I. CĂN CỨ XÂY DỰNG\nKẾ HOẠCH\n1. Quyết định số 924/QĐ-TTg ngày 22\ntháng 8 năm 2022 của Thủ tướng Chính phủ phê duyệt "
     "Chương trình chuyển đổi số\ntrong xây dựng nông thôn mới giai đoạn\n2021-2025;\n2. Thông tư 05/2022/TT-BNNPTNT ngày\n"
     "25 tháng 7 năm 2022 của Bộ Nông nghiệp và Phát triển nông thôn về hướng dẫn một\nsố nội dung.\n",
     [("924/QĐ-TTg", "BASED_ON"), ("05/2022/TT-BNNPTNT", "BASED_ON")]),
    ("reporting on an instrument's implementation cites it (yenthe.bacgiang.gov.vn news page)",
     "Báo cáo tổng kết 05 năm thực hiện Chỉ thị 39/CT-TW của Bộ Chính trị về tiếp tục đổi mới.",
     [("39/CT-TW", "CITES")]),
    ("another body's act between the cue and the citation (quochoi.vn news page)",
     "Triển khai thực hiện Nghị quyết, Chính phủ đã ban hành Nghị quyết số 54/NQ-CP ngày 02/4/2022 về Chương trình "
     "hành động.", [("54/NQ-CP", "CITES")]),
    ("'Thay thế cụm từ … tại Điều … của Luật … số …' amends that law",
     "Thay thế cụm từ “Bộ Kế hoạch và Đầu tư” bằng cụm từ “Bộ Tài chính” tại Điều 5 của Luật Đầu tư số 61/2020/QH14.",
     [("61/2020/QH14", "AMENDS")]),
    ("scrambled diacritics still match their cue ('Thực hịện', 'Kết lúận')",
     "Thực hịện Kết lúận số 12-KL/TW ngày 3/3/2021 của Bộ Chính trị.", [("12-KL/TW", "IMPLEMENTS")]),
    ("'bãi bỏ các văn bản sau: A; B; Điều 2, Điều 3 của C' covers every item",
     "Điều 2. Bãi bỏ các văn bản sau: Quyết định số 10/2015/QĐ-UBND ngày 1/3/2015; Quyết định số 11/2016/QĐ-UBND "
     "ngày 2/3/2016; Điều 2, Điều 3 của Quyết định số 12/2017/QĐ-UBND ngày 3/3/2017.",
     [("10/2015/QĐ-UBND", "REPEALS"), ("11/2016/QĐ-UBND", "REPEALS"), ("12/2017/QĐ-UBND", "REPEALS")]),
]


@pytest.mark.parametrize("why,text,expected", RELATIONS, ids=[r[0][:60] for r in RELATIONS])
def test_relation_classes(why: str, text: str, expected: list) -> None:
    cits, _ = find_citations(normalize(text))
    assert [(c.symbol, c.relation) for c in cits if c.kind == "numbered"] == expected


# (class, text, (symbol, type, date, issuer), symbols that must not be citations)
IDENTITY = [
    ("a law's own number is never a citation of itself",
     "QUỐC HỘI\nLuật số: 59/2020/QH14\nHà Nội, ngày 17 tháng 6 năm 2020\nLUẬT\nDOANH NGHIỆP\n"
     "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\nĐiều 1. Phạm vi điều chỉnh\n"
     "Luật này quy định về việc thành lập … theo Luật số: 59/2020/QH14.",
     ("59/2020/QH14", "L", D("2020-06-17"), "Quốc hội"), ["59/2020/QH14"]),
    ("'Số:' and its symbol on two lines; 'ngày 25' and 'tháng 01 năm 2024' on two",
     "ỦY BAN NHÂN DÂN\nHUYỆN LẠC SƠN\nSố:\n125/TB-UBND\nLạc Sơn, ngày 25\ntháng 01 năm 2024\nTHÔNG BÁO\n"
     "Kết luận của Chủ tịch UBND huyện\n", ("125/TB-UBND", "TB", D("2024-01-25"), "UBND huyện Lạc Sơn"), []),
    ("a portal's markdown title names the document itself",
     "# Nghị định 168/2024/NĐ-CP quy định xử phạt vi phạm hành chính\n\nCHÍNH PHỦ\n\nSố: 168/2024/NĐ-CP\n\n"
     "Hà Nội, ngày 26 tháng 12 năm 2024\n\nNGHỊ ĐỊNH\n\nCăn cứ Luật Xử lý vi phạm hành chính ngày 20 tháng 6 năm 2012;",
     ("168/2024/NĐ-CP", "NĐ", D("2024-12-26"), "Chính phủ"), ["168/2024/NĐ-CP"]),
]


@pytest.mark.parametrize("why,text,own,not_cited", IDENTITY, ids=[r[0][:60] for r in IDENTITY])
def test_identity_classes(why: str, text: str, own: tuple, not_cited: list) -> None:
    doc = extract(Source("t.txt", "t.txt", text, "txt", "0"), entities=False)
    assert (doc.symbol, doc.type, doc.date, doc.issuer.name if doc.issuer else None) == own
    assert not [c for c in doc.citations if c.symbol in not_cited]


HEADER = "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSố: 5/TB-UBND\nHà Nội, ngày 3 tháng 2 năm 2023\nTHÔNG BÁO\nKết luận\n\n"
# (class, body, [(assignee, coordinators)])
TASKS = [
    ("two words glued by extraction: 'Giaocho'", "1. Giaocho Sở Xây dựng chủ trì kiểm tra.", [("Sở Xây dựng", [])]),
    ("a name with a dash comes out whole", "2. Giao Sở Quy hoạch - Kiến trúc rà soát trước ngày 30/3/2023.",
     [("Sở Quy hoạch - Kiến trúc", [])]),
    ("'UBND thị xã A và UBND huyện B' is two assignees",
     "3. UBND thị xã Sơn Tây và UBND huyện Ba Vì khẩn trương triển khai.",
     [("UBND thị xã Sơn Tây", []), ("UBND huyện Ba Vì", [])]),
    ("an item opening with an agency and an action", "4. Sở NN&PTNT khẩn trương chỉ đạo các địa phương.",
     [("Sở Nông nghiệp và Phát triển nông thôn", [])]),
    ("a name broken across lines", "Sở Giao thông vận\ntải chủ trì, phối hợp với Sở Tài chính rà soát.",
     [("Sở Giao thông vận tải", ["Sở Tài chính"])]),
    ("the execution clause names each post (gold m001)",
     "Điều 3. Chánh Văn phòng Ủy ban\nnhân dân thành phố, Giám đốc Sở Nội vụ; Thủ trưởng các sở, ban, ngành và các "
     "cơ quan, đơn vị có liên quan chịu\ntrách nhiệm thi hành Quyết định này./.",
     [("Chánh Văn phòng UBND thành phố", []), ("Giám đốc Sở Nội vụ", []), ("Thủ trưởng các sở, ban, ngành", [])]),
    ("a post over a list of departments names each (vanban.dongthap.gov.vn, gold l022)",
     "Điều 3. Chánh Văn phòng Ủy ban nhân dân thành phố;\nGiám đốc các Sở: Nông nghiệp và Phát triển nông thôn, Công "
     "Thương, Văn hóa, Thể thao và Du lịch; Chủ tịch Ủy ban nhân dân\nquận, huyện chịu trách nhiệm\nthi hành Quyết định này./.",
     [("Chánh Văn phòng UBND thành phố", []), ("Giám đốc Sở Nông nghiệp và Phát triển nông thôn", []),
      ("Giám đốc Sở Công Thương", []), ("Giám đốc Sở Văn hóa, Thể thao và Du lịch", []), ("Chủ tịch UBND quận, huyện", [])]),
    ("a PDF's glued words in the execution verb (text.123docz.net, gold l061)",
     "Giám đốc các Sở, Thủ trưởng các cơ quan thuộc UBND thành phố; các tổ chức, cá nhân có liên quan căn cứ Quyết định thihành./.",
     [("Giám đốc các Sở", []), ("Thủ trưởng các cơ quan thuộc UBND thành phố", [])]),
    ("an assignment before the execution clause in one paragraph (gold l022)",
     "Giao Sở Nội vụ chủ trì, hướng dẫn việc thực hiện Quyết định này.\nĐiều 3. Chánh Văn phòng Ủy ban nhân dân "
     "thành phố chịu trách nhiệm thi hành Quyết định này./.",
     [("Chánh Văn phòng UBND thành phố", []), ("Sở Nội vụ", [])]),
    ("a known name's later words in either case: 'Giao' of 'Sở Giao thông Vận tải' is no cue (gold l018)",
     "Đồng thời, giao Sở Giao thông Vận tải chủ trì, phối hợp với Sở Tài chính rà soát.",
     [("Sở Giao thông vận tải", ["Sở Tài chính"])]),
    ("a national body from the body registry: 'Ban Tổ chức Trung ương', not 'Ban Tổ' (gold n041)",
     "Bộ Chính trị giao Ban Tổ chức Trung ương phối hợp với Văn phòng Trung ương Đảng hướng dẫn thực hiện.",
     [("Ban Tổ chức Trung ương", ["Văn phòng Trung ương Đảng"])]),
    ("a name going on in lower case up to its level word, after 'Hàng năm,' (gold l067)",
     "1. Hàng năm, Cục Thống kê tỉnh chịu trách nhiệm tổ chức thực hiện cuộc khảo sát.",
     [("Cục Thống kê", [])]),     # the level word is its jurisdiction's (the issuer's city)
    ("an article's first sentence assigns: 'Điều 2.' before the subject (gold l049)",
     "Điều 2. Ban Chỉ đạo cải cách hành chính tỉnh có trách nhiệm giúp UBND tỉnh theo dõi, đôn đốc.",
     [("Ban Chỉ đạo cải cách hành chính", [])]),
    ("words of the sentence never join the name: 'Sở Y tế', not '… phối hợp với các đơn vị tỉnh'",
     "2. Sở Y tế phối hợp với các đơn vị tỉnh rà soát danh sách.", [("Sở Y tế", ["các đơn vị"])]),
    ("a post of a body after the cue (vinhphuc.gov.vn, gold l019)",
     "UBND tỉnh giao Chủ tịch UBND huyện Bình Xuyên chỉ đạo UBND xã Quất Lưu thực hiện đầu tư theo đúng trình tự.",
     [("Chủ tịch UBND huyện Bình Xuyên", [])]),
]


@pytest.mark.parametrize("why,body,expected", TASKS, ids=[r[0][:60] for r in TASKS])
def test_task_classes(why: str, body: str, expected: list) -> None:
    doc = extract(Source("t.txt", "t.txt", HEADER + body, "txt", "0"), entities=False)
    got = [(t.assignee.name.removesuffix(" Hà Nội").removesuffix(" thành phố Hà Nội"), [c.name for c in t.coordinators])
           for t in doc.tasks]
    assert got == expected


# (class, text, [(symbol, issuer phrase, date)])
ISSUERS = [
    ("the issuer as the subject before the number", "Bộ Y tế có Công văn số 1234/BYT-DP ngày 2/2/2023 đề nghị các địa phương.",
     [("1234/BYT-DP", "Bộ Y tế", D("2023-02-02"))]),
    ("date and issuer opening the clause before the number",
     "Ngày 19/6/2025, Ban Chỉ đạo tỉnh đã ban hành Kế hoạch số 02-KH/BCĐ về việc tổ chức.",
     [("02-KH/BCĐ", "Ban Chỉ đạo tỉnh", D("2025-06-19"))]),
    ("one issuer for a list: 'các Quyết định của Thủ tướng Chính phủ: số …; số …'",
     "Căn cứ các Quyết định của Thủ tướng Chính phủ: số 1/QĐ-TTg ngày 2/1/2020; số 5/QĐ-TTg ngày 3/1/2020;",
     [("1/QĐ-TTg", "Thủ tướng Chính phủ", D("2020-01-02")), ("5/QĐ-TTg", "Thủ tướng Chính phủ", D("2020-01-03"))]),
    ("the issuer alone flows back past an item's own date (vbpl.vn, gold n056)",
     "Thông tư số 11/2013/TT-BTC ngày 21 tháng 01 năm 2013 của Bộ Tài chính sửa đổi, bổ sung Thông tư số "
     "04/2012/TT-BTC ngày 05/01/2012 và Thông tư số 107/2012/TT-BTC ngày 28/6/2012 của Bộ Tài chính, có hiệu lực",
     [("11/2013/TT-BTC", "Bộ Tài chính", D("2013-01-21")), ("04/2012/TT-BTC", "Bộ Tài chính", D("2012-01-05")),
      ("107/2012/TT-BTC", "Bộ Tài chính", D("2012-06-28"))]),
    ("the issuer before a bracket holding the citation (chinhphu.vn, gold n024)",
     "Xét đề nghị của Bộ Kế hoạch và Đầu tư (Công văn số 7454/BKHĐT-PTDN ngày 12 tháng 9 năm 2017), ý kiến của "
     "Bộ Tài chính (Công văn số 13436/BTC-TCDN ngày 06 tháng 11 năm 2017).",
     [("7454/BKHĐT-PTDN", "Bộ Kế hoạch và Đầu tư", D("2017-09-12")),
      ("13436/BTC-TCDN", "Bộ Tài chính", D("2017-11-06"))]),
    ("a date flows back only along a list of one type",
     "Căn cứ Nghị định số 61/2019/NĐCP, Quyết định 1830 QĐ-UBND ngày 17.5.2011 của UBND tỉnh.",
     [("61/2019/NĐ-CP", None, None), ("1830/QĐ-UBND", "UBND tỉnh", D("2011-05-17"))]),
    ("a citation by number alone keeps its number, type, date and issuer, and gets no symbol",
     "Thực hiện công điện số 1852 ngày 30/11/2020 của Ban Chỉ đạo quốc gia phòng, chống dịch Covid-19.",
     [(None, "Ban Chỉ đạo quốc gia phòng, chống dịch Covid-19", D("2020-11-30"))]),
    ("a subject after another citation's clause",
     "Thực hiện Kế hoạch số 5/KH-UBND của UBND tỉnh, Sở Y tế ban hành Kế hoạch số 12/KH-SYT.",
     [("5/KH-UBND", "UBND tỉnh", None), ("12/KH-SYT", "Sở Y tế", None)]),
]


@pytest.mark.parametrize("why,text,expected", ISSUERS, ids=[r[0][:60] for r in ISSUERS])
def test_issuer_classes(why: str, text: str, expected: list) -> None:
    cits, _ = find_citations(normalize(text))
    assert [(c.symbol, c.issuer, c.date) for c in cits] == expected


def test_whole_header_on_one_line() -> None:
    """A header flattened onto one line (a web page's copy): its parts read as lines, and
    no task comes out of it."""
    text = ("QUỐC HỘI ------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc --------------- "
            "Luật số: 59/2020/QH14 Hà Nội, ngày 17 tháng 6 năm 2020 LUẬT DOANH NGHIỆP Căn cứ Hiến pháp nước Cộng "
            "hòa xã hội chủ nghĩa Việt Nam;")
    doc = extract(Source("t.txt", "t.txt", text, "txt", "0"), entities=False)
    assert (doc.symbol, doc.type, doc.date, doc.place, doc.issuer.name) == (
        "59/2020/QH14", "L", D("2020-06-17"), "Hà Nội", "Quốc hội")
    assert [c.symbol for c in doc.citations if c.kind == "numbered"] == [] and doc.tasks == []


# (class, the opening of a real page (its source in the gold label file), own identity)
HEADERS = [
    ("header cells ending in ' |' (danhmucvanbanphapluatvietnam.blogspot.com, 4/VBHN-BNV)",
     "BỘ NỘI VỤ |\nCỘNG HÒA\nXÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 4/VBHN-BNV |\nHà Nội,\nngày 20 tháng 8 năm 2024 |\n"
     "Quy định chức năng, nhiệm vụ, quyền hạn\nvà cơ cấu tổ\nchức của Bộ, cơ quan ngang Bộ\n",
     ("4/VBHN-BNV", D("2024-08-20"), "Bộ Nội vụ")),
    ("a PDF font's motto 'CỘNG HỊA' is still the motto (text.123docz.net, 22/2011/TT-BCT)",
     "BỘ CƠNG THƯƠNG\nCỘNG HỊA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc\nSố: 22/2011/TT-BCT\n"
     "Hà Nội, ngày 31 tháng 5 năm 2011\nTHÔNG TƯ\nQuy định về việc xây dựng văn bản\n",
     ("22/2011/TT-BCT", D("2011-05-31"), "Bộ cơng thương")),
    ("a hyphen lost between type and issuer codes (text.123docz.net, 1961/QĐ-UBND Kiên Giang)",
     "ỦY BAN NHÂN DÂN \nTỈNH KIÊN GIANG\n\nSố: 1961/QĐUBND\n\nCỘNG HÒA XàHỘI CHỦ NGHĨA VIỆT NAM\n"
     "Độc lập  Tự do  Hạnh phúc \n\nKiên Giang, ngày 28 tháng 8 năm 2019\n\n \nQUYẾT ĐỊNH\nBAN HÀNH QUY CHẾ\n",
     ("1961/QĐ-UBND", D("2019-08-28"), "UBND tỉnh Kiên Giang")),
    ("an old title states type, issuer, number and date (luatvietnam.vn, 16/2001/CT-TTg)",
     "CHỈ THỊ\nCỦA THỦ\nTƯỚNG CHÍNH PHỦ SỐ 16/2001/CT-TTG\nNGÀY 21 THÁNG 6 NĂM 2001 VỀ VIỆC XÂY DỰNG KẾ HOẠCH\n"
     "PHÁT TRIỂN KINH TẾ - Xà HỘI\nThực hiện Nghị quyết\ncủa Quốc hội về nhiệm vụ năm 2001, Chính phủ đã ban hành.\n",
     ("16/2001/CT-TTg", D("2001-06-21"), "Thủ tướng Chính phủ")),
    ("a portal page titled by the document it presents (tulieuvankien.dangcongsan.vn, 30-HD/BTGTW)",
     "Hướng dẫn số 30-HD/BTGTW ngày 13/4/2017 của Ban Tuyên giáo Trung ương về việc tổ chức kỷ niệm năm tròn một số "
     "ngày lễ lớn\n  • 30-HD/BTGTW\n  • Hướng dẫn\n", ("30-HD/BTGTW", D("2017-04-13"), "Ban Tuyên giáo Trung ương")),
    ("a page reproducing a letter names it at its end (quangtri.gov.vn, 6202/UBND-KT)",
     "UBND tỉnh có ý kiến như sau:\nGiao Sở Tài nguyên và Môi trường chủ trì, phối hợp các đơn vị, địa phương liên "
     "quan nghiên cứu; hoàn thành trước ngày 10/12/2023./.\n(Theo Công văn số 6202/UBND-KT, ngày 23/11/2023)\n",
     ("6202/UBND-KT", D("2023-11-23"), None)),
    ("the enacting formula names the issuer when the header is lost (thuviennhadat.vn, Nghị định 36/2025)",
     "NGHỊ ĐỊNH\nQUY ĐỊNH CHỨC NĂNG, NHIỆM VỤ, QUYỀN HẠN VÀ CƠ\nCẤU TỔ CHỨC CỦA VĂN PHÒNG CHÍNH PHỦ\n"
     "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm\n2025;\nTheo đề\nnghị của Bộ trưởng, Chủ nhiệm Văn phòng "
     "Chính phủ;\nChính phủ\nban hành Nghị định quy định chức năng, nhiệm vụ.\n",
     (None, None, "Chính phủ")),
    ("a one-line title names type and issuer only (moj.gov.vn, gold n063)",
     "CHỈ THỊ CỦA THỦ TƯỚNG CHÍNH PHỦ\nVề việc triển khai thực hiện Nghị quyết 08/NQ -TW ngày 02/01/2002\n"
     "của Bộ Chính trị về một số nhiệm vụ trọng tâm công tác tư pháp thời gian tới\n", (None, None, "Thủ tướng Chính phủ")),
    ("the minister's line before the preamble names the ministry (vbpl.vn, gold n019)",
     "QUYẾT ĐỊNH\nPhê duyệt Quy hoạch phân vùng thăm dò, khai thác, chế biến và sử dụng\nquặng vàng, đồng\n"
     "_____________________________________\nBỘ TRƯỞNG BỘ CÔNG THƯƠNG\nCăn cứ Luật Khoáng sản ngày 20 tháng 3 năm 1996;\n",
     (None, None, "Bộ Công Thương")),
    ("a lone enacting body before the preamble (sokhcn.cantho.gov.vn, gold n037)",
     "CHÍNH PHỦ\nCăn cứ Luật tổ chức Chính phủ ngày 30 tháng 9 năm 1992;\nCăn cứ Pháp lệnh Thanh tra ngày 01 tháng 4 "
     "năm 1990;\nNGHỊ ĐỊNH:\n", (None, None, "Chính phủ")),
    ("a header flattened onto one line after page furniture, motto before issuer (tailieumienphi.vn, gold l030)",
     "Xem mẫu\n\n  1. CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM ỦY BAN NHÂN DÂN TỈNH AN GIANG Độc lập - Tự do - Hạnh phúc "
     "-------- --------------- An Giang, ngày 05 tháng 10 năm 2012 Số: 15/2012/CT-UBND CHỈ THỊ VỀ VIỆC CHẤN CHỈNH VÀ "
     "TĂNG CƯỜNG CÔNG TÁC QUẢN LÝ NHÀ NƯỚC VỀ ĐẦU TƯ XÂY DỰNG Trong thời gian qua, nhất là kể từ khi chấp hành\n",
     ("15/2012/CT-UBND", D("2012-10-05"), "UBND tỉnh An Giang")),
    ("the number line goes on with the place and date (text.123docz.net, gold l069)",
     "Tải bản đầy đủ (.pdf) (10 trang)\n\nUỶ BAN NHÂN DÂN\nTỈNH ĐỒNG THÁP\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
     "Độc lập - Tự do - Hạnh phúc\n\nSố: 02/2012/QĐ-UBND Đồng Tháp, ngày 05 tháng 01 năm 2012\n\n\nQUYẾT ĐỊNH\n"
     "BAN HÀNH QUY CHẾ THỰC HIỆN PHƯƠNG CHÂM NHÀ NƯỚC VÀ NHÂN\n",
     ("02/2012/QĐ-UBND", D("2012-01-05"), "UBND tỉnh Đồng Tháp")),
    ("a Quy chế issued with a decision is that decision (sub.dost-dongnai.gov.vn, gold l040)",
     "ỦY BAN NHÂN DÂN\nXÃ XUÂN PHÚ\n|\n|\nCỘNG HOÀ XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\nĐộc lập -\nTự do - Hạnh phúc\n|\n"
     "QUY CHẾ LÀM\nVIỆC\nCỦA ỦY\nBAN NHÂN DÂN XÃ XUÂN PHÚ NHIỆM KỲ 2021 -2026\n(Ban hành\nkèm theo Quyết định số: "
     "59/QĐ-UBND\nNgày 22 tháng\n7 năm 2021 của Ủy ban nhân dân xã Xuân\nPhú)\nChương I\nNHỮNG QUY ĐỊNH\nCHUNG\n",
     ("59/QĐ-UBND", D("2021-07-22"), "UBND xã Xuân Phú")),
    ("a voters' answer page: the council that answers, of the province of the answer's places (hdndtuyenquang.gov.vn, gold l076)",
     "Ý kiến, kiến nghị của cử tri sau kỳ họp thứ 11, HĐND tỉnh khóa XVIII\nCử tri Xã Sinh Long, huyện Na Hang đề nghị:\n\n"
     "Mở mới các tuyến đường từ thôn Khuổi Phìn sang xã Phiêng Luông, huyện Bắc Mê; từ thôn Bản Lá sang xã Đường Hồng, "
     "huyện Bắc Mê, tỉnh Hà Giang để nhân dân đi lại.\n\nTRẢ LỜI:\n\nỦy ban nhân dân tỉnh giao Ủy ban nhân dân huyện "
     "Na Hang khảo sát thực tế việc mở mới hai tuyến đường trên.\n", (None, None, "UBND tỉnh Tuyên Quang")),
    ("a citizen's answer page after a lead-in clause (vinhphuc.gov.vn, gold l019)",
     "Bà Nguyễn Thị Thảo ở thôn Giữa, xã Quất Lưu: Đề nghị tổ chức thực hiện đầu tư xây dựng hạ tầng khu đất bãi "
     "Chân Chim\n\n17/04/2019\n\nTrả lời:\n\nTiếp thu ý kiến, UBND tỉnh giao Chủ tịch UBND huyện Bình Xuyên chỉ đạo UBND "
     "xã Quất Lưu thực hiện đầu tư theo đúng trình tự.\n", (None, None, "UBND tỉnh Vĩnh Phúc")),
    ("a dialogue page whose answer names its province (quangtri.gov.vn, gold l007)",
     "THÔNG TIN Ý KIẾN\nQuảng Trị\n\nVề việc Công ty Cổ phần Đầu tư và Xây dựng Đức Chính xin bổ sung quy hoạch mỏ đất\n\n"
     "THÔNG TIN PHẢN HỒI\n\nUBND tỉnh Quảng Trị có ý kiến như sau:\n\nĐồng ý để Công ty thực hiện việc khảo sát.\n",
     (None, None, "UBND tỉnh Quảng Trị")),
    ("an answer given by a department, not the council, names no council",
     "Cử tri xã Sinh Long, huyện Na Hang đề nghị sửa đường.\n\nTRẢ LỜI:\n\nSở Giao thông vận tải trả lời như sau: "
     "Sở đã tham mưu, đề nghị UBND tỉnh giao vốn cho tuyến đường.\n", (None, None, None)),
    ("'(ban hành kèm theo …)' inside a sentence cites; it is not the text's identity (123docz.net, gold n002)",
     "TỜ TRÌNH\nVề dự thảo Nghị định ban hành Quy chế làm việc của Chính phủ (sửa đổi)\nQuy chế làm việc của Chính "
     "phủ hiện hành (ban hành kèm theo Nghị định số\n08/2012/NĐ-CP ngày 16 tháng 02 năm 2012 của Chính phủ) đã\n",
     (None, None, None)),
]

# (class, a chapter of a law or decree without its header (gold item), own type and issuer)
SELF_NAMED = [
    ("a decree's chapter names itself 'Nghị định này': the Government's (vietjack.me, gold n038)",
     "Chương 4\nĐiều khoản thi hành\nĐiều 18. Cấp lại Giấy phép hoạt động in\nCơ sở in thuộc loại phải xin cấp Giấy "
     "phép quy định tại điểm a khoản 3 Điều 5 Nghị định này đã thành lập trước ngày Nghị định này có hiệu lực.\n",
     ("NĐ", "Chính phủ")),
    ("a law's chapter names itself 'Luật này': the National Assembly's (vietjack.me, gold n077)",
     "Chương 6\nĐiều khoản thi hành\nĐiều 122. Hiệu lực thi hành\nLuật này có hiệu lực thi hành từ ngày 01 tháng 7 "
     "năm 2005.\nĐiều 123. Hướng dẫn thi hành\nChính phủ quy định chi tiết và hướng dẫn thi hành Luật này.\n",
     ("L", "Quốc hội")),
    ("'Quyết định này' names the type, not the issuer (many bodies decide)",
     "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.\n", ("QĐ", None)),
    ("a news page speaking of a decree is no decree (no articles)",
     "Theo Bộ Tư pháp, Nghị định này có hiệu lực từ ngày 1/7/2024 và thay thế nhiều quy định cũ.\n", (None, None)),
]


@pytest.mark.parametrize("why,text,own", SELF_NAMED, ids=[r[0][:60] for r in SELF_NAMED])
def test_self_named_classes(why: str, text: str, own: tuple) -> None:
    doc = extract(Source("t.txt", "t.txt", text, "txt", "0"), entities=False)
    assert (doc.type, doc.issuer.name if doc.issuer else None) == own


@pytest.mark.parametrize("why,text,own", HEADERS, ids=[r[0][:60] for r in HEADERS])
def test_header_classes(why: str, text: str, own: tuple) -> None:
    doc = extract(Source("t.txt", "t.txt", text, "txt", "0"), entities=False)
    assert (doc.symbol, doc.date, doc.issuer.name if doc.issuer else None) == own
    assert not [c for c in doc.citations if own[0] and c.number == own[0].split("/")[0] and c.type == doc.type]


# (class, text, [(source text starts, target text starts, relation)]) between cited instruments
BETWEEN = [
    ("an amending law's name amends the laws it lists that the text cites (gold l003)",
     "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\nCăn cứ Luật sửa đổi, bổ sung một số "
     "điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;\n",
     [("Luật sửa đổi, bổ sung", "Luật Tổ chức chính quyền địa phương", "AMENDS")]),
    ("a list's heading names its actor: 'Quyết định số A bãi bỏ … gồm:' over items a blank line apart (baochinhphu.vn, gold n078)",
     "Ngày 1/12, Thủ tướng Chính phủ ban hành Quyết định số 44/2025/QĐ-TTg bãi bỏ toàn bộ 39 văn bản quy phạm pháp "
     "luật của Thủ tướng Chính phủ gồm:\n\n1. Quyết định số 104/2000/QĐ-TTg ngày 25/8/2000 của Thủ tướng Chính phủ về "
     "việc phê duyệt Chiến lược quốc gia về cấp nước sạch.\n\n2. Quyết định số 63/2002/QĐ-TTg ngày 20/5/2002 của Thủ "
     "tướng Chính phủ về công tác phòng, chống lụt, bão.\n",
     [("Quyết định số 44/2025", "Quyết định số 104/2000", "REPEALS"), ("Quyết định số 44/2025", "Quyết định số 63/2002", "REPEALS")]),
    ("a heading whose cue comes before its instrument makes no actor", "Căn cứ Quyết định số 12/QĐ-UBND ngày 2/1/2020 "
     "của UBND tỉnh, các văn bản sau:\n\n- Kế hoạch số 5/KH-UBND ngày 3/1/2020;\n\n- Kế hoạch số 7/KH-UBND ngày 4/1/2020;\n", []),
    ("a law it lists but the text does not cite gets no edge", "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật "
     "Báo chí ngày 12 tháng 6 năm 2018;\n", []),
]


@pytest.mark.parametrize("why,text,expected", BETWEEN, ids=[r[0][:60] for r in BETWEEN])
def test_relations_between_cited(why: str, text: str, expected: list) -> None:
    cits, rels = find_citations(normalize(text))
    got = [(cits[r.source].text, cits[r.target].text, r.relation) for r in rels]
    assert len(got) == len(expected)
    for (a, b, rel), (wa, wb, wr) in zip(got, expected):
        assert a.startswith(wa) and b.startswith(wb) and not b.startswith("Luật sửa") and rel == wr, got


# (class, a news page, each citation's relation to the page)
NEWS = [
    ("a news page with its posting time reports a repeal; it repeals nothing (suckhoedoisong.vn, gold n079)",
     "Bãi bỏ hàng loạt quyết định, công văn, chỉ thị về phòng chống dịch COVID-19\n\nThông tin Y học - Ngày đăng : "
     "17:45, 30/10/2023\n\nChính phủ vừa ban hành Quyết định số 1269/QĐ-TTg nêu rõ việc bãi bỏ Quyết định số 447/QĐ-TTg "
     "ngày 1.4.2020 của Thủ tướng Chính phủ về việc công bố dịch COVID-19.\n", ["CITES", "CITES"]),
    ("a news page reports what a ministry implements (ictnews, gold n053)",
     "Thứ năm - 22/01/2009 09:32\nNgày 18.1, Bộ Thông tin - Truyền thông truyền đạt chỉ đạo phổ biến sâu rộng và tổ "
     "chức thực hiện Chỉ thị số 35/2008/CT-TTg, ngày 9.12.2008 của Thủ tướng Chính phủ.\n", ["CITES"]),
    ("an official text keeps its own acts", "ỦY BAN NHÂN DÂN\nTỈNH BẮC GIANG\nSố: 5/QĐ-UBND\nBắc Giang, ngày 3 tháng 2 "
     "năm 2023\nQUYẾT ĐỊNH\nĐiều 2. Bãi bỏ Quyết định số 12/QĐ-UBND ngày 2/1/2020 của UBND tỉnh.\n", ["REPEALS"]),
]


@pytest.mark.parametrize("why,text,expected", NEWS, ids=[r[0][:60] for r in NEWS])
def test_news_pages_only_cite(why: str, text: str, expected: list) -> None:
    doc = extract(Source("t.txt", "t.txt", text, "txt", "0"), entities=False)
    assert [c.relation for c in doc.citations] == expected
