"""graph/resolve.py: citations resolved with the citing document's context.

Contexts come from the real loaders (`extract_paths` on the seeds, `extract` on
Bình Dương portal rows); the citation fields are the ones each seed sentence states.
"""
import json
from datetime import date
from functools import cache

import pytest

from graph.model import AMBIGUOUS, RESOLVED, UNRESOLVED
from graph.resolve import context_of, document_identity, link_candidates, party_terms, resolve
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


# ---------------------------------------------------------------- seed 000 (TP. Lạng Sơn)

def test_seed000_context():
    ctx = context_of(seed("000"))
    assert ctx.province == "tỉnh Lạng Sơn" and ctx.local == "thành phố Lạng Sơn"
    assert ctx.body.slug == "ubnd-tp-lang-son"


def test_seed000_ubnd_tinh_is_the_province():
    r = res(seed("000"), "56/KH-UBND", "UBND tỉnh", date(2020, 4, 1))
    assert (r.status, r.id) == (RESOLVED, "vn/ubnd-tinh-lang-son/2020/KH/56")


def test_seed000_ubnd_thanh_pho_is_the_city():
    r = res(seed("000"), "105/KH-UBND", "UBND thành phố", date(2020, 3, 31))
    assert (r.status, r.id) == (RESOLVED, "vn/ubnd-tp-lang-son/2020/KH/105")
    assert r.body.name == "UBND thành phố Lạng Sơn"


def test_seed000_tong_thanh_tra_chinh_phu():
    r = res(seed("000"), "2318/KL-TTr", "Tổng Thanh tra Chính phủ", date(2019, 12, 23))
    assert (r.status, r.id) == (RESOLVED, "vn/thanh-tra-chinh-phu/2019/KL/2318")


def test_chairman_phrase_means_the_committee():
    r = res(seed("000"), "739/UBND-VP", "đồng chí Chủ tịch UBND thành phố", date(2020, 4, 1))
    assert (r.status, r.id) == (RESOLVED, "vn/ubnd-tp-lang-son/2020/CV/739")


def test_issuer_phrase_spelling_noise():
    for phrase in ("Ủy ban nhân dân tỉnh", "Uỷ ban nhân dân tỉnh", "ubnd tỉnh", "của UBND tỉnh"):
        assert res(seed("000"), "56/kh-ubnd", phrase, date(2020, 4, 1)).id == "vn/ubnd-tinh-lang-son/2020/KH/56"


# ---------------------------------------------------------------- other seeds

def test_seed002_district_says_ubnd_tinh():
    r = res(seed("002"), "42/NQ-CP", None, date(2020, 4, 9))
    assert r.id == "vn/chinh-phu/2020/NQ/42"
    r = res(seed("002"), "12/KH-UBND", "UBND tỉnh", date(2020, 5, 1))
    assert r.id == "vn/ubnd-tinh-hoa-binh/2020/KH/12"
    r = res(seed("002"), "12/KH-UBND", "UBND huyện", date(2020, 5, 1))
    assert r.id == "vn/ubnd-huyen-lac-son-hoa-binh/2020/KH/12"


def test_seed004_province_level_city():
    doc = seed("004")
    assert res(doc, "2244/UBND-VX", "Ủy ban nhân dân thành phố", date(2020, 3, 27)).id == \
        "vn/ubnd-tp-hai-phong/2020/CV/2244"
    assert res(doc, "15/CT-TTg", "Thủ tướng Chính phủ", date(2020, 3, 27)).id == \
        "vn/thu-tuong-chinh-phu/2020/CT/15"
    # a bare -UBND code in a province-level document is its own
    assert res(doc, "2244/UBND-VX", None, date(2020, 3, 27)).status == RESOLVED


def test_seed003_party_resolution_by_term():
    r = res(seed("003"), "09-NQ/TU", "Ban Chấp hành Đảng bộ thành phố", date(2020, 12, 28))
    assert (r.status, r.id) == (RESOLVED, "vn/thanh-uy-lang-son/2020-2025/NQ/09")


# ---------------------------------------------------------------- ambiguous

def test_bare_ubnd_code_in_a_city_document_is_ambiguous():
    r = res(seed("000"), "739/UBND-VP", None, date(2020, 4, 1))
    assert r.status == AMBIGUOUS and r.id is None
    assert set(r.candidates) == {"vn/ubnd-tp-lang-son/2020/CV/739", "vn/ubnd-tinh-lang-son/2020/CV/739"}


def test_ttr_without_phrase_is_ambiguous():
    r = res(seed("000"), "2318/KL-TTr", None, date(2019, 12, 23))
    assert r.status == AMBIGUOUS
    assert "vn/thanh-tra-chinh-phu/2019/KL/2318" in r.candidates
    assert "vn/thanh-tra-tinh-lang-son/2019/KL/2318" in r.candidates


def test_tu_in_a_provincial_city_is_ambiguous():
    r = res(seed("003"), "09-NQ/TU", None, date(2020, 12, 28))
    assert r.status == AMBIGUOUS
    assert set(r.candidates) == {"vn/thanh-uy-lang-son/2020-2025/NQ/09", "vn/tinh-uy-lang-son/2020-2025/NQ/09"}


def test_party_date_in_congress_window_is_ambiguous():
    r = res(seed("003"), "09-NQ/TU", "Tỉnh ủy", date(2020, 9, 15))
    assert r.status == AMBIGUOUS
    assert set(r.candidates) == {"vn/tinh-uy-lang-son/2015-2020/NQ/09", "vn/tinh-uy-lang-son/2020-2025/NQ/09"}
    assert party_terms(date(2020, 3, 1), None, False) == ["2015-2020"]
    assert party_terms(None, 2021, False) == ["2020-2025"]
    assert party_terms(None, 2020, False) == ["2015-2020", "2020-2025"]


# ---------------------------------------------------------------- unresolved

def test_no_date_no_year_is_unresolved():
    r = res(seed("000"), "56/KH-UBND", "UBND tỉnh", None)
    assert (r.status, r.id) == (UNRESOLVED, None)


def test_unknown_issuer_is_unresolved():
    assert res(seed("000"), "47-KH/ĐGS", None, date(2020, 4, 17)).status == UNRESOLVED
    assert res(seed("000"), "12/KH-XYZ", None, date(2020, 4, 17)).status == UNRESOLVED
    assert res(seed("000"), "12/KH-UBND", "UBND huyện", date(2020, 4, 17)).status == UNRESOLVED


def test_no_context_is_never_guessed():
    assert resolve(symbol="56/KH-UBND", issuer="UBND tỉnh", when=date(2020, 4, 1)).status == UNRESOLVED
    assert resolve(symbol="739/UBND-VP", when=date(2020, 4, 1)).status == UNRESOLVED


def test_named_citation_is_unresolved():
    from graph.resolve import resolve_citation
    c = Citation(text="Nghị quyết Đại hội Đảng bộ tỉnh Lạng Sơn lần thứ XVI", start=0, end=10,
                 sentence="", kind="named", family=None)
    assert resolve_citation(c, context_of(seed("000"))).status == UNRESOLVED


def test_laws_and_normative_need_no_context():
    assert resolve(symbol="57/2020/QH14").id == "vn/quoc-hoi/2020/QH14/57"
    assert resolve(symbol="10/2020/NĐ-CP").id == "vn/chinh-phu/qppl/2020/NĐ/10"
    assert resolve(symbol="07/2022/TT-BTTTT").id == "vn/bo-thong-tin-va-truyen-thong/qppl/2022/TT/07"


# ---------------------------------------------------------------- Bình Dương rows

def test_binhduong_bare_ubnd_is_the_province():
    doc = bd_doc(40)   # 1501/QĐ-UBND, 24/06/2022
    assert document_identity(doc).id == "vn/ubnd-tinh-binh-duong/2022/QĐ/1501"
    r = res(doc, "224/qđ-ubnd", None, date(2022, 1, 19))
    assert (r.status, r.id) == (RESOLVED, "vn/ubnd-tinh-binh-duong/2022/QĐ/224")
    r = res(doc, "224/qđ-ubnd", "ủy ban nhân dân tỉnh", date(2022, 1, 19))
    assert r.id == "vn/ubnd-tinh-binh-duong/2022/QĐ/224"
    r = res(doc, "35/NQ-HĐND", None, date(2019, 11, 1))
    assert r.id == "vn/hdnd-tinh-binh-duong/2019/NQ/35"


def test_binhduong_hdnd_row_on_the_ubnd_portal():
    i = next(i for i, r in enumerate(bd_rows()) if r["so_ky_hieu"] == "35/NQ-HĐND")
    assert document_identity(bd_doc(i)).id == "vn/hdnd-tinh-binh-duong/2019/NQ/35"


def test_binhduong_eth_row_and_clean_citation_meet():
    i = next(i for i, r in enumerate(bd_rows()) if r["so_ky_hieu"] == "3159/QÐ-UBND")
    doc = bd_doc(i)
    assert document_identity(doc).id == "vn/ubnd-tinh-binh-duong/2020/QĐ/3159"


# ---------------------------------------------------------------- corpus pass

def test_link_candidates_lists_same_symbol_never_merges():
    loaded = [
        {"id": "vn/ubnd-tinh-lang-son/2020/KH/56", "symbol": "56/KH-UBND", "year": 2020, "date": date(2020, 4, 1)},
        {"id": "vn/ubnd-tp-lang-son/2020/KH/56", "symbol": "56/KH-UBND", "year": 2020, "date": date(2020, 2, 1)},
        {"id": "vn/ubnd-tinh-lang-son/2019/KH/56", "symbol": "56/KH-UBND", "year": 2019},
        {"id": "vn/ubnd-tinh-lang-son/2020/KH/57", "symbol": "57/KH-UBND", "year": 2020},
    ]
    refs = [
        {"id": "a/cites/56-kh-ubnd", "status": "unresolved", "symbol": "56/kh-ubnd", "date": date(2020, 4, 1), "year": 2020},
        {"id": "b/cites/56-kh-ubnd", "status": "unresolved", "symbol": "056/KH-UBND"},
        {"id": "c/cites/56-kh-ubnd", "status": "ambiguous", "symbol": "56/KH-UBND", "year": 2020,
         "candidates": ["vn/ubnd-tp-lang-son/2020/KH/56", "vn/ubnd-tinh-lang-son/2020/KH/56"]},
        {"id": "vn/x/2020/KH/56", "status": "resolved", "symbol": "56/KH-UBND", "year": 2020},
        {"id": "d/cites/56-kh-ubnd", "status": "unresolved", "symbol": "56/KH-UBND", "year": 2018},
    ]
    out = link_candidates(refs, loaded)
    assert out["a/cites/56-kh-ubnd"][0] == {"id": "vn/ubnd-tinh-lang-son/2020/KH/56", "match": "date"}
    assert [x["match"] for x in out["a/cites/56-kh-ubnd"]] == ["date", "year"]
    assert len(out["b/cites/56-kh-ubnd"]) == 3
    assert {x["match"] for x in out["c/cites/56-kh-ubnd"]} == {"candidate"}
    assert "vn/x/2020/KH/56" not in out and "d/cites/56-kh-ubnd" not in out


def test_party_office_and_council_term_codes():
    doc = bd_doc(40)   # a Bình Dương provincial row
    r = res(doc, "120-TB/VPTU", "văn phòng tỉnh ùy", date(2021, 6, 1))
    assert (r.status, r.id) == (RESOLVED, "vn/van-phong-tinh-uy-binh-duong/2020-2025/TB/120")
    r = res(doc, "38/2016/NQ-HĐND9", None)
    assert r.id == "vn/hdnd-tinh-binh-duong/qppl/2016/NQ/38"


def test_same_named_districts_elsewhere_are_ambiguous():
    r = res(seed("000"), "12/KH-UBND", "UBND huyện Châu Thành", date(2020, 4, 17))
    assert r.status == AMBIGUOUS and len(r.candidates) > 5
    assert "vn/ubnd-huyen-chau-thanh-ben-tre/2020/KH/12" in r.candidates
    r = res(seed("000"), "12/KH-UBND", "UBND huyện Lạc Sơn", date(2020, 4, 17))
    assert r.id == "vn/ubnd-huyen-lac-son-hoa-binh/2020/KH/12"


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
    r = res(d, "5/UBND-VP", "UBND huyện", date(2024, 1, 20))
    assert r.status == RESOLVED and r.body.name == "UBND huyện Gò Dầu"
    r = res(d, "12/KH-UBND", "UBND tỉnh", date(2025, 1, 2))
    assert r.status == RESOLVED and r.body.name == "UBND tỉnh Tây Ninh"


def test_nhu_sau_is_not_a_place():
    d = commune_doc()
    (c,) = [c for c in d.citations if c.symbol == "1/TB-UBND"]
    assert c.issuer == "Ủy ban nhân dân xã"
    r = res(d, c.symbol, c.issuer, c.date)
    assert r.status == RESOLVED and r.body.name == "UBND xã Phước Trạch", (c.issuer, r)
    r = res(d, c.symbol, "Ủy ban nhân dân xã như sau", c.date)    # the phrase as a looser finder reads it
    assert r.status == RESOLVED and r.body.name == "UBND xã Phước Trạch", r
    r = res(d, "3/QĐ-UBND", "UBND huyện Như Xuân", date(2024, 3, 1))   # a real "Như ..." district
    assert r.status == RESOLVED and r.body.name == "UBND huyện Như Xuân"


def test_a_district_is_never_guessed_for_a_city_or_a_province():
    assert context_of(seed("000")).district is None     # TP. Lạng Sơn's notice
    assert context_of(seed("004")).district is None


def test_a_congress_number_names_the_party_term():
    """60-NQ/TW (2025) cites "Nghị quyết số 18-NQ/TW của Ban Chấp hành Trung ương Đảng
    khóa XII" with no date: khóa XII is the 2016-2021 term. No congress named, no date:
    unresolved, never a guess."""
    from graph.resolve import resolve as resolve_ref

    r = resolve_ref(symbol="18-NQ/TW", issuer="Ban Chấp hành Trung ương Đảng khoá XII")
    assert (r.status, r.id) == ("resolved", "vn/ban-chap-hanh-trung-uong/2016-2021/NQ/18")
    assert resolve_ref(symbol="18-NQ/TW", issuer="Ban Chấp hành Trung ương Đảng").status == "unresolved"
    assert resolve_ref(symbol="18-NQ/TW", issuer="Ban Chấp hành Trung ương Đảng khóa IX").status == "unresolved"
    # a date wins over the phrase
    from datetime import date
    r = resolve_ref(symbol="35-CT/TW", issuer="Bộ Chính trị khóa XII", when=date(2024, 6, 14))
    assert r.id == "vn/ban-chap-hanh-trung-uong/2021-2026/CT/35"


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
