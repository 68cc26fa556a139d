"""Effective and expiry days with their evidence (loaders/effect.py), the relation kinds vbpl
lists (DETAILS, CONSOLIDATES, SUSPENDS, ANNULS, EXTENDS in loaders/data/relation_cues.yaml)
and the pinpoints of amendments, repeals and suspensions, each on real text: rows of
../shared/corpus/congbao/congbao_400.jsonl (1-based line, id), Bình Dương portal rows
(line of binhduong/vbcddh.jsonl) and Ministry of Justice notes (line of phapdien/notes.jsonl)."""
from __future__ import annotations

import json
from datetime import date
from functools import cache

import pytest

from graph.build import document_fragment, effect_days
from loaders.model import Document, Source
from loaders.pipeline import extract
from paths import CORPUS
from test_resolve import bd_doc


@cache
def _lines(name: str) -> list[str]:
    return (CORPUS / name).read_text(encoding="utf-8").split("\n")   # rows hold U+2028: not splitlines


@cache
def congbao(line: int, id_: str) -> Document:
    row = json.loads(_lines("congbao/congbao_400.jsonl")[line - 1])
    assert row["id"] == id_
    return extract(Source(f"congbao_400.jsonl#{line}", "congbao_400.jsonl", row["text"], "txt", id_), entities=False)


def note(line: int) -> Document:
    row = json.loads(_lines("phapdien/notes.jsonl")[line - 1])
    return extract(Source(f"notes.jsonl#{line}", "notes.jsonl", row["text"], "txt", f"n{line}"), entities=False)


def bd(line: int) -> Document:
    return bd_doc(line - 1)


def own(doc: Document) -> list[tuple]:
    """(kind, day, provision, anchor, days) of the document's statements about itself."""
    return [(e.kind, e.day, e.effect.provision, e.effect.anchor, e.effect.days)
            for e in effect_days(doc) if e.target is None]


def cited(doc: Document) -> list[tuple]:
    """(kind, day, cited symbol, provision) of its statements about cited instruments."""
    return [(e.kind, e.day, doc.citations[e.target].symbol, e.effect.provision)
            for e in effect_days(doc) if e.target is not None]


def edges(doc: Document, rel: str) -> dict[str, dict]:
    f = document_fragment(doc)
    return {e.dst: e.props for e in f.edges if e.type == rel}


# ---------------------------------------------------------------- effective and expiry forms

def test_effective_from_a_written_date():
    d = congbao(3, "nghi-dinh-so-162-2026-nd-cp-469551")   # "có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026"
    assert own(d) == [("effective", date(2026, 7, 1), None, "date", 0)]
    props = document_fragment(d).nodes[0].props
    assert props["effective_from"] == date(2026, 7, 1)
    assert props["effective_text"] == "Nghị định này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026."


def test_effective_from_signing():
    d = congbao(5, "nghi-dinh-so-212-2025-nd-cp-45740")    # "có hiệu lực thi hành kể từ ngày ký."
    assert d.date == date(2025, 7, 25) and own(d) == [("effective", date(2025, 7, 25), None, "signing", 0)]
    d = congbao(8, "nghi-quyet-so-113-nq-cp-469448")       # "có hiệu lực kể từ ngày ký ban hành."
    assert own(d) == [("effective", date(2026, 4, 25), None, "signing", 0)]


def test_effective_45_days_after_signing():
    d = congbao(92, "thong-tu-so-33-2026-tt-bkhcn-469775")  # "sau 45 ngày kể từ ngày ký ban hành" of 15/6/2026
    assert own(d) == [("effective", date(2026, 7, 30), None, "signing", 45)]
    d = congbao(150, "van-ban-hop-nhat-so-836-vbhn-bldtbxh-41447")   # "sau 45 ngày, kể từ ngày ký ban hành"
    assert ("effective", None, None, "signing", 45) in own(d)      # a consolidated text: no date of its own


def test_cited_instrument_expires_when_this_one_takes_effect():
    """"Nghị định số 30/2016/NĐ-CP … hết hiệu lực thi hành kể từ ngày Nghị định này có hiệu
    lực thi hành": the day of this decree's own statement; the document REPEALS it then."""
    d = congbao(5, "nghi-dinh-so-212-2025-nd-cp-45740")
    assert cited(d) == [("expiry", date(2025, 7, 25), "30/2016/NĐ-CP", None)]
    e = edges(d, "REPEALS")["vn/chinh-phu/qppl/2016/NĐ/30"]
    assert (e["cue"], e["effective_on"], e["in_part"], e["source_pinpoint"]) == (
        "hết hiệu lực thi hành", date(2025, 7, 25), False, "Điều 24, khoản 2")


def test_expiry_of_the_listed_instruments():
    """"2. Các Nghị định sau hết hiệu lực kể từ ngày Nghị định này có hiệu lực thi hành: a) …"."""
    d = congbao(53, "nghi-dinh-so-123-2026-nd-cp-469299")
    assert cited(d) == [("expiry", date(2026, 7, 1), s, None) for s in ("24/2015/NĐ-CP", "08/2021/NĐ-CP", "06/2024/NĐ-CP")]


def test_expiry_from_a_written_date_of_one_provision():
    """"… được sửa đổi, bổ sung tại Điều 3 Nghị định này hết hiệu lực thi hành kể từ ngày 01
    tháng 01 năm 2027": this decree's Điều 3 (a provision-level expiry)."""
    d = congbao(215, "nghi-dinh-so-155-2026-nd-cp-469547")
    assert ("expiry", date(2027, 1, 1), "Điều 3", "date", 0) in own(d)
    props = document_fragment(d).nodes[0].props
    assert props["effective_from"] == date(2026, 7, 1) and "expires_on" not in props   # only a provision expires
    assert json.loads(props["effects"])[1]["provision"] == "Điều 3"


def test_provisions_taking_effect_on_their_own_day():
    d = congbao(4, "nghi-dinh-so-188-2025-nd-cp-45593")
    got = own(d)
    assert got[0] == ("effective", date(2025, 8, 15), None, "date", 0)
    assert ("effective", date(2025, 7, 1), "Điều 69, khoản 8", "date", 0) in got    # "Khoản 8 Điều 69 của Nghị định này …"
    listed = [p for _, _, p, _, _ in got if p and p.startswith("Các điều từ Điều 1 đến Điều 11")]
    assert listed and listed[0].endswith("các điều 69, 70, 71 và 72")                # a list kept as written


def test_cited_provisions_that_expire():
    """"Các quy định … tại Mục 3 Chương III, khoản 4 Điều 84, … của Luật Bảo hiểm xã hội số
    58/2014/QH13 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành" (Luật 84/2015/QH13 in
    a consolidated text): those provisions are replaced (the closing formula, `trailing` in
    relation_cues.yaml), in part, from that day."""
    d = congbao(49, "van-ban-hop-nhat-so-50-vbhn-vpqh-28208")
    e = edges(d, "REPLACES")["vn/quoc-hoi/2014/QH13/58"]
    assert e["in_part"] is True and e["pinpoint"].startswith("Mục 3 Chương III, khoản 4 Điều 84")
    assert e["effective_on"] == date(2016, 7, 1)


def test_cited_instruments_own_effective_day():
    """The Ministry of Justice's note form: "(Điều 3 Thông tư số 35/2015/TT-NHNN, có hiệu lực
    thi hành kể từ ngày 01/01/2017, có nội dung bị hủy bỏ bởi Điều 2 Thông tư số 11/2018/TT-NHNN
    có hiệu lực thi hành kể từ ngày 01/10/2018)" (notes line 5580)."""
    d = note(5580)
    assert cited(d) == [("effective", date(2017, 1, 1), "35/2015/TT-NHNN", None),
                        ("effective", date(2018, 10, 1), "11/2018/TT-NHNN", None)]
    nodes = {n.id: n.props for n in document_fragment(d).nodes}
    assert nodes["vn/ngan-hang-nha-nuoc/qppl/2015/TT/35"]["effective_from"] == date(2017, 1, 1)


def test_a_contract_taking_effect_is_no_instrument_statement():
    """"Hợp đồng … có hiệu lực kể từ ngày ký hợp đồng" (congbao 4): not the decree's."""
    d = congbao(4, "nghi-dinh-so-188-2025-nd-cp-45593")
    assert not any("Hợp đồng" in e.sentence[:40] for e in d.effects)


# ---------------------------------------------------------------- relation kinds

def test_suspends_bd_4435_tam_hoan():
    """4435/UBND-NC "tạm hoãn việc triển khai thực hiện công văn số 4395/ubnd-nc … và công văn
    số 4423/ubnd-kt": SUSPENDS, not IMPLEMENTS (the longer cue wins)."""
    e = edges(bd(450), "SUSPENDS")
    assert set(e) == {"vn/ubnd-tinh-binh-duong/2021/CV/4395", "vn/ubnd-tinh-binh-duong/2021/CV/4423"}
    assert e["vn/ubnd-tinh-binh-duong/2021/CV/4395"]["cue"] == "tạm hoãn việc triển khai thực hiện"


def test_suspends_tam_ngung_hieu_luc_and_tam_dung():
    d = congbao(76, "nghi-quyet-so-15-2026-nq-cp-469344")   # "NGHỊ QUYẾT Tạm ngưng hiệu lực Nghị định số 46/2026/NĐ-CP …"
    assert edges(d, "SUSPENDS")["vn/chinh-phu/qppl/2026/NĐ/46"]["cue"] == "Tạm ngưng hiệu lực"
    assert set(edges(bd(3263), "SUSPENDS")) == {"vn/ubnd-tinh-binh-duong/qppl/2013/QĐ/25"}   # "tạm dừng thực hiện"


def test_annuls_in_part():
    """318/QĐ-UBND "hủy bỏ một phần nội dung quyết định số 54/2012/qđ-ubnd"; the Ministry of
    Justice's "có nội dung bị hủy bỏ bởi Điều 2 …" with both pinpoints."""
    e = edges(bd(3609), "ANNULS")["vn/ubnd-tinh-binh-duong/qppl/2012/QĐ/54"]
    assert (e["cue"], e["in_part"]) == ("hủy bỏ", True)
    f = document_fragment(note(5580))
    [r] = [e for e in f.edges if e.type == "ANNULS"]
    assert (r.src, r.dst) == ("vn/ngan-hang-nha-nuoc/qppl/2018/TT/11", "vn/ngan-hang-nha-nuoc/qppl/2015/TT/35")
    assert (r.props["pinpoint"], r.props["source_pinpoint"], r.props["in_part"]) == ("Điều 3", "Điều 2", True)


def test_extends():
    """2361/TTr-UBND "… kéo dài thời hạn áp dụng nghị quyết số 38/2016/nq-hđnd9"."""
    assert edges(bd(711), "EXTENDS")["vn/hdnd-tinh-binh-duong/qppl/2016/NQ/38"]["cue"] == "kéo dài thời hạn áp dụng"


def test_details_distinct_from_guides():
    """"Nghị định này quy định chi tiết và hướng dẫn thi hành một số điều của Luật Bảo hiểm y tế
    số 25/2008/QH12"."""
    d = congbao(4, "nghi-dinh-so-188-2025-nd-cp-45593")
    assert "vn/quoc-hoi/2008/QH12/25" in edges(d, "DETAILS")
    assert "vn/quoc-hoi/2008/QH12/25" not in edges(d, "GUIDES")


def test_consolidates():
    """A consolidated text (Văn bản hợp nhất 04/VBHN-BYT) opens with the circular it consolidates."""
    d = congbao(29, "van-ban-hop-nhat-so-04-vbhn-byt-26289")
    assert d.citations[0].symbol == "05/2015/TT-BYT" and d.citations[0].relation == "CONSOLIDATES"
    assert "vn/bo-y-te/qppl/2015/TT/05" in edges(d, "CONSOLIDATES")


# ---------------------------------------------------------------- pinpoints

@pytest.mark.parametrize("line,target,pinpoint", [
    (1796, "vn/ubnd-tinh-binh-duong/2018/QĐ/2741", "Điều 2, khoản 1, điểm b"),   # "điều chỉnh điểm b khoản 1 điều 2 tại …"
    (1895, "vn/ubnd-tinh-binh-duong/2018/QĐ/2267", "Điều 1, khoản 2"),
    (1766, "vn/ubnd-tinh-binh-duong/2018/QĐ/887", "Điều 1, khoản 2, điểm c"),
    (1944, "vn/ubnd-tinh-binh-duong/2017/QĐ/3060", "Điều 2, Điều 3"),
])
def test_amends_carries_the_targets_pinpoint(line, target, pinpoint):
    e = edges(bd(line), "AMENDS")[target]
    assert (e["pinpoint"], e["in_part"]) == (pinpoint, True)


def test_the_acting_provision_of_an_amendment_and_a_repeal():
    """"Điều 1. Sửa đổi, bổ sung một số điều của Nghị định số 70/2015/NĐ-CP" and "Điều 2 …
    bãi bỏ" (congbao 7); "2. Bãi bỏ khoản 4 Điều 2 Thông tư số 57/2019/TT-BCA" (congbao 25)."""
    d = congbao(7, "nghi-dinh-so-74-2025-nd-cp-44712")
    assert edges(d, "AMENDS")["vn/chinh-phu/qppl/2015/NĐ/70"]["source_pinpoint"] == "Điều 1"
    assert edges(d, "REPEALS")["vn/chinh-phu/qppl/2015/NĐ/70"]["source_pinpoint"] == "Điều 2"
    e = edges(congbao(25, "thong-tu-so-81-2025-tt-bca-46273"), "REPEALS")["vn/bo-cong-an/qppl/2019/TT/57"]
    assert (e["pinpoint"], e["source_pinpoint"], e["in_part"]) == ("Điều 2, khoản 4", "Điều 23, khoản 2", True)
