"""graph/resolve.py: citations resolved with the citing document's context, as one table
(`CASES`: why, context, symbol, issuer phrase, date -> status and id or candidates).

Contexts come from the real loaders (`extract_paths` on the seeds, `extract` on
Bình Dương portal rows); the citation fields are the ones each seed sentence states.
"""
import json
from datetime import date
from functools import cache

import pytest

from graph.model import AMBIGUOUS, RESOLVED, UNRESOLVED
from graph.resolve import context_of, document_identity, party_terms, resolve
from loaders.model import Citation, Document, Source
from loaders.pipeline import extract, extract_paths
from paths import CORPUS, SEED_FILES


@cache
def seed(key: str) -> Document:
    (doc,) = list(extract_paths([SEED_FILES[key]], entities=False))
    return doc


@cache
def bd_rows() -> list[dict]:
    return [json.loads(line) for line in (CORPUS / "binhduong" / "vbcddh.jsonl").open(encoding="utf-8")]


def bd_doc(i: int) -> Document:
    """One Bình Dương portal row through the real pipeline (row text = subject line)."""
    r = bd_rows()[i]
    src = Source(doc_id=f"binhduong/vbcddh.jsonl#{i}", path=str(CORPUS / "binhduong" / "vbcddh.jsonl"),
                 text=r["trich_yeu"], format="jsonl-row", content_hash=f"row{i}", row=i,
                 metadata={"symbol": r["so_ky_hieu"], "date": r["ngay_ban_hanh"], "subject": r["trich_yeu"],
                           "issuer": r["issuer"], "status": r["hieu_luc"], "url": r["pdf_url"], "row": r})
    return extract(src, entities=False)


def res(doc, symbol, issuer=None, when=None, **kw):
    return resolve(symbol=symbol, issuer=issuer, when=when, ctx=context_of(doc), **kw)


# ---------------------------------------------------------------- the table

def context(key: str | None):
    """The citing context of a seed ("000" … "004"), a Bình Dương provincial row ("bd"),
    the commune's notice below ("xa"), or none (None)."""
    if key is None:
        return None
    if key == "bd":
        return context_of(bd_doc(40))      # 1501/QĐ-UBND, 24/06/2022
    if key == "xa":
        return context_of(commune_doc())
    return context_of(seed(key))


D = date
# (why, context, symbol, issuer phrase, date) -> status, and the id or the set of candidates
CASES = [
    ("UBND tỉnh in a city's notice is the province", "000", "56/KH-UBND", "UBND tỉnh", D(2020, 4, 1),
     RESOLVED, "vn/ubnd-tinh-lang-son/2020/KH/56"),
    ("UBND thành phố in a city's notice is the city", "000", "105/KH-UBND", "UBND thành phố", D(2020, 3, 31),
     RESOLVED, "vn/ubnd-tp-lang-son/2020/KH/105"),
    ("Tổng Thanh tra Chính phủ", "000", "2318/KL-TTr", "Tổng Thanh tra Chính phủ", D(2019, 12, 23),
     RESOLVED, "vn/thanh-tra-chinh-phu/2019/KL/2318"),
    ("a chairman's phrase means the committee", "000", "739/UBND-VP", "đồng chí Chủ tịch UBND thành phố",
     D(2020, 4, 1), RESOLVED, "vn/ubnd-tp-lang-son/2020/CV/739"),
    ("spelling noise in the phrase: full name", "000", "56/kh-ubnd", "Ủy ban nhân dân tỉnh", D(2020, 4, 1),
     RESOLVED, "vn/ubnd-tinh-lang-son/2020/KH/56"),
    ("spelling noise in the phrase: old tone", "000", "56/kh-ubnd", "Uỷ ban nhân dân tỉnh", D(2020, 4, 1),
     RESOLVED, "vn/ubnd-tinh-lang-son/2020/KH/56"),
    ("spelling noise in the phrase: lower case", "000", "56/kh-ubnd", "ubnd tỉnh", D(2020, 4, 1),
     RESOLVED, "vn/ubnd-tinh-lang-son/2020/KH/56"),
    ("spelling noise in the phrase: của", "000", "56/kh-ubnd", "của UBND tỉnh", D(2020, 4, 1),
     RESOLVED, "vn/ubnd-tinh-lang-son/2020/KH/56"),
    ("a national code in a district's notice", "002", "42/NQ-CP", None, D(2020, 4, 9),
     RESOLVED, "vn/chinh-phu/2020/NQ/42"),
    ("UBND tỉnh in a district's notice", "002", "12/KH-UBND", "UBND tỉnh", D(2020, 5, 1),
     RESOLVED, "vn/ubnd-tinh-hoa-binh/2020/KH/12"),
    ("UBND huyện in a district's notice is the district", "002", "12/KH-UBND", "UBND huyện", D(2020, 5, 1),
     RESOLVED, "vn/ubnd-huyen-lac-son-hoa-binh/2020/KH/12"),
    ("a province-level city's UBND thành phố", "004", "2244/UBND-VX", "Ủy ban nhân dân thành phố", D(2020, 3, 27),
     RESOLVED, "vn/ubnd-tp-hai-phong/2020/CV/2244"),
    ("Thủ tướng Chính phủ", "004", "15/CT-TTg", "Thủ tướng Chính phủ", D(2020, 3, 27),
     RESOLVED, "vn/thu-tuong-chinh-phu/2020/CT/15"),
    ("a bare -UBND in a province-level document is its own", "004", "2244/UBND-VX", None, D(2020, 3, 27),
     RESOLVED, "vn/ubnd-tp-hai-phong/2020/CV/2244"),
    ("a Party resolution by its term", "003", "09-NQ/TU", "Ban Chấp hành Đảng bộ thành phố", D(2020, 12, 28),
     RESOLVED, "vn/thanh-uy-lang-son/2020-2025/NQ/09"),
    ("a bare -UBND in a city's notice: the city's or the province's", "000", "739/UBND-VP", None, D(2020, 4, 1),
     AMBIGUOUS, {"vn/ubnd-tp-lang-son/2020/CV/739", "vn/ubnd-tinh-lang-son/2020/CV/739"}),
    ("KL-TTr without a phrase: the national or the provincial inspectorate", "000", "2318/KL-TTr", None,
     D(2019, 12, 23), AMBIGUOUS, {"vn/thanh-tra-chinh-phu/2019/KL/2318", "vn/thanh-tra-tinh-lang-son/2019/KL/2318"}),
    ("TU in a provincial city: Thành ủy or Tỉnh ủy", "003", "09-NQ/TU", None, D(2020, 12, 28),
     AMBIGUOUS, {"vn/thanh-uy-lang-son/2020-2025/NQ/09", "vn/tinh-uy-lang-son/2020-2025/NQ/09"}),
    ("a Party date inside a congress window: either term", "003", "09-NQ/TU", "Tỉnh ủy", D(2020, 9, 15),
     AMBIGUOUS, {"vn/tinh-uy-lang-son/2015-2020/NQ/09", "vn/tinh-uy-lang-son/2020-2025/NQ/09"}),
    ("no date, no year", "000", "56/KH-UBND", "UBND tỉnh", None, UNRESOLVED, None),
    ("an unknown Party code", "000", "47-KH/ĐGS", None, D(2020, 4, 17), UNRESOLVED, None),
    ("an unknown issuer code", "000", "12/KH-XYZ", None, D(2020, 4, 17), UNRESOLVED, None),
    ("UBND huyện in a city's notice names no district", "000", "12/KH-UBND", "UBND huyện", D(2020, 4, 17),
     UNRESOLVED, None),
    ("no context: UBND tỉnh is never guessed", None, "56/KH-UBND", "UBND tỉnh", D(2020, 4, 1), UNRESOLVED, None),
    ("no context: a bare -UBND is never guessed", None, "739/UBND-VP", None, D(2020, 4, 1), UNRESOLVED, None),
    ("a law needs no context", None, "57/2020/QH14", None, None, RESOLVED, "vn/quoc-hoi/2020/QH14/57"),
    ("a decree needs no context", None, "10/2020/NĐ-CP", None, None, RESOLVED, "vn/chinh-phu/qppl/2020/NĐ/10"),
    ("a circular needs no context", None, "07/2022/TT-BTTTT", None, None, RESOLVED,
     "vn/bo-thong-tin-va-truyen-thong/qppl/2022/TT/07"),
    ("a bare -UBND in a provincial portal row is the province's", "bd", "224/qđ-ubnd", None, D(2022, 1, 19),
     RESOLVED, "vn/ubnd-tinh-binh-duong/2022/QĐ/224"),
    ("ủy ban nhân dân tỉnh in a provincial row", "bd", "224/qđ-ubnd", "ủy ban nhân dân tỉnh", D(2022, 1, 19),
     RESOLVED, "vn/ubnd-tinh-binh-duong/2022/QĐ/224"),
    ("a bare -HĐND in a provincial row", "bd", "35/NQ-HĐND", None, D(2019, 11, 1),
     RESOLVED, "vn/hdnd-tinh-binh-duong/2019/NQ/35"),
    ("a provincial Party office, its phrase misspelt", "bd", "120-TB/VPTU", "văn phòng tỉnh ùy", D(2021, 6, 1),
     RESOLVED, "vn/van-phong-tinh-uy-binh-duong/2020-2025/TB/120"),
    ("a council's term number after its code", "bd", "38/2016/NQ-HĐND9", None, None,
     RESOLVED, "vn/hdnd-tinh-binh-duong/qppl/2016/NQ/38"),
    ("a district named in the phrase, found in the gazetteer", "000", "12/KH-UBND", "UBND huyện Lạc Sơn",
     D(2020, 4, 17), RESOLVED, "vn/ubnd-huyen-lac-son-hoa-binh/2020/KH/12"),
    ("UBND huyện in a commune's notice is its district", "xa", "5/UBND-VP", "UBND huyện", D(2024, 1, 20),
     RESOLVED, "vn/ubnd-huyen-go-dau-tay-ninh/2024/CV/05"),
    ("UBND tỉnh in a commune's notice", "xa", "12/KH-UBND", "UBND tỉnh", D(2025, 1, 2),
     RESOLVED, "vn/ubnd-tinh-tay-ninh/2025/KH/12"),
    ("a real district named Như …", "xa", "3/QĐ-UBND", "UBND huyện Như Xuân", D(2024, 3, 1),
     RESOLVED, "vn/ubnd-huyen-nhu-xuan-thanh-hoa/2024/QĐ/03"),
    ("a congress number names the central term", None, "18-NQ/TW", "Ban Chấp hành Trung ương Đảng khoá XII", None,
     RESOLVED, "vn/ban-chap-hanh-trung-uong/2016-2021/NQ/18"),
    ("no congress, no date: never a guess", None, "18-NQ/TW", "Ban Chấp hành Trung ương Đảng", None,
     UNRESOLVED, None),
    ("a congress of no known term", None, "18-NQ/TW", "Ban Chấp hành Trung ương Đảng khóa IX", None,
     UNRESOLVED, None),
    ("a date wins over the congress", None, "35-CT/TW", "Bộ Chính trị khóa XII", D(2024, 6, 14),
     RESOLVED, "vn/ban-chap-hanh-trung-uong/2021-2026/CT/35"),
]


@pytest.mark.parametrize("why,ctx,symbol,issuer,when,status,want", CASES, ids=[c[0] for c in CASES])
def test_resolution(why, ctx, symbol, issuer, when, status, want):
    r = resolve(symbol=symbol, issuer=issuer, when=when, ctx=context(ctx))
    assert r.status == status, (why, r)
    if isinstance(want, set):
        assert set(r.candidates) == want and r.id is None, (why, r.candidates)
    else:
        assert r.id == want, (why, r)


def test_seed000_context():
    ctx = context_of(seed("000"))
    assert ctx.province == "tỉnh Lạng Sơn" and ctx.local == "thành phố Lạng Sơn"
    assert ctx.body.slug == "ubnd-tp-lang-son"
    r = resolve(symbol="105/KH-UBND", issuer="UBND thành phố", when=date(2020, 3, 31), ctx=ctx)
    assert r.body.name == "UBND thành phố Lạng Sơn"


def test_party_terms():
    assert party_terms(date(2020, 3, 1), None, False) == ["2015-2020"]
    assert party_terms(None, 2021, False) == ["2020-2025"]
    assert party_terms(None, 2020, False) == ["2015-2020", "2020-2025"]


def test_named_citation_is_unresolved():
    from graph.resolve import resolve_citation
    c = Citation(text="Nghị quyết Đại hội Đảng bộ tỉnh Lạng Sơn lần thứ XVI", start=0, end=10,
                 sentence="", kind="named", family=None)
    assert resolve_citation(c, context_of(seed("000"))).status == UNRESOLVED


def test_a_year_less_citation_keeps_the_bodies_it_may_come_from():
    """No year: unresolved, with the issuers the link pass (graph/links.py) may match."""
    assert resolve(symbol="1/CT-TTg", ctx=context("000")).scopes == ["thu-tuong-chinh-phu"]
    r = resolve(symbol="56/KH-UBND", ctx=context("000"))   # a city's notice: the city's or the province's
    assert r.status == UNRESOLVED and r.scopes == ["ubnd-tp-lang-son", "ubnd-tinh-lang-son"]
    assert resolve(symbol="56/KH-UBND", when=date(2020, 4, 1), ctx=context("000")).scopes == []


def test_same_named_districts_elsewhere_are_ambiguous():
    r = resolve(symbol="12/KH-UBND", issuer="UBND huyện Châu Thành", when=date(2020, 4, 17), ctx=context("000"))
    assert r.status == AMBIGUOUS and len(r.candidates) > 5
    assert "vn/ubnd-huyen-chau-thanh-ben-tre/2020/KH/12" in r.candidates


# ---------------------------------------------------------------- Bình Dương rows

def test_binhduong_row_identity():
    assert document_identity(bd_doc(40)).id == "vn/ubnd-tinh-binh-duong/2022/QĐ/1501"   # 24/06/2022


def test_binhduong_hdnd_row_on_the_ubnd_portal():
    i = next(i for i, r in enumerate(bd_rows()) if r["so_ky_hieu"] == "35/NQ-HĐND")
    assert document_identity(bd_doc(i)).id == "vn/hdnd-tinh-binh-duong/2019/NQ/35"


def test_binhduong_eth_row_and_clean_citation_meet():
    i = next(i for i, r in enumerate(bd_rows()) if r["so_ky_hieu"] == "3159/QÐ-UBND")
    doc = bd_doc(i)
    assert document_identity(doc).id == "vn/ubnd-tinh-binh-duong/2020/QĐ/3159"


# ---------------------------------------------------------------- communes, "như sau"

COMMUNE_NOTICE = """ỦY BAN NHÂN DÂN
XÃ PHƯỚC TRẠCH

Số: 2/TB-UBND

Phước Trạch, ngày 07 tháng 01 năm 2025

THÔNG BÁO

Kết luận của Chủ tịch UBND xã tại cuộc họp UBND xã thường kỳ tháng 1/2025

Nghiêm túc chấp hành thực hiện theo chỉ đạo tại văn bản số 5/UBND-VP ngày 20/1/2024 của UBND huyện và Kế hoạch số 12/KH-UBND ngày 02/01/2025 của UBND tỉnh.

UBND xã đính chính Thông báo số 1/TB-UBND ngày 02/01/2025 của Ủy ban nhân dân xã như sau: đã in là "Điều 5", nay sửa lại là "Điều 6".
"""


def commune_doc():
    return extract(Source("xa.txt", "xa.txt", COMMUNE_NOTICE, "txt", "xa"), entities=False)


def test_commune_notice_knows_its_district():
    """ "UBND huyện" in a commune's notice (before 1 July 2025) is the commune's district,
    which the gazetteer gives (xã Phước Trạch is in huyện Gò Dầu, tỉnh Tây Ninh)."""
    d = commune_doc()
    ctx = context_of(d)
    assert (ctx.local, ctx.district, ctx.province) == ("xã Phước Trạch", "huyện Gò Dầu", "tỉnh Tây Ninh")


def test_nhu_sau_is_not_a_place():
    d = commune_doc()
    (c,) = [c for c in d.citations if c.symbol == "1/TB-UBND"]
    assert c.issuer == "Ủy ban nhân dân xã"
    r = res(d, c.symbol, c.issuer, c.date)
    assert r.status == RESOLVED and r.body.name == "UBND xã Phước Trạch", (c.issuer, r)
    r = res(d, c.symbol, "Ủy ban nhân dân xã như sau", c.date)    # the phrase as a looser finder reads it
    assert r.status == RESOLVED and r.body.name == "UBND xã Phước Trạch", r


def test_a_district_is_never_guessed_for_a_city_or_a_province():
    assert context_of(seed("000")).district is None     # TP. Lạng Sơn's notice
    assert context_of(seed("004")).district is None


WARD_NOTICE = """ỦY BAN NHÂN DÂN
PHƯỜNG NINH SƠN

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 1/TB-UBND

Ninh Sơn, ngày 04 tháng 3 năm 2016

THÔNG BÁO

Kết luận của Chủ tịch UBND phường tại cuộc họp giao ban thường kỳ

Ngày 4 tháng 3 năm 2016, Đ/c Trần Trí Hùng - Chủ tịch UBND phường đã chủ trì.{extra}

1. Giao Công an phường rà soát, báo cáo UBND phường.
"""


def test_a_ward_header_is_never_given_the_place_lines_district_or_province():
    """ "PHƯỜNG NINH SƠN" names three wards (Bắc Giang, Ninh Bình, Tây Ninh); the place line
    "Ninh Sơn" alone reads as huyện Ninh Sơn of Ninh Thuận. The ward's notice was given
    that district as its jurisdiction and became UBND tỉnh Ninh Thuận's 1/TB-UBND of 2016:
    two instruments merged on a guess. Now: no jurisdiction, an identity of its own; the
    province the text names picks the ward."""
    def run(extra: str) -> tuple[Document, str]:
        d = extract(Source("p.txt", "p.txt", WARD_NOTICE.format(extra=extra), "txt", "p"), entities=False)
        return d, document_identity(d, context_of(d)).id

    d, own = run("")
    assert (d.issuer.name, d.issuer.jurisdiction, d.province) == ("UBND phường Ninh Sơn", None, None)
    assert "ninh-thuan" not in (own or "") and own.startswith("vn/_doc/")
    d, own = run(" Thực hiện Công văn số 7/UBND-KT ngày 16/02/2016 của UBND thành phố Tây Ninh.")
    assert d.issuer.jurisdiction == "phường Ninh Sơn, thành phố Tây Ninh, tỉnh Tây Ninh"
    assert own == "vn/ubnd-phuong-ninh-son-tay-ninh/2016/TB/01"
