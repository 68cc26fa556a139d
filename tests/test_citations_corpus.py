"""Real noise: Bình Dương subject lines (lower case, NFD, U+00D0) and gazette texts
(citations broken across lines and page headers), chosen by their own keys."""
from __future__ import annotations

import json
import unicodedata
from datetime import date
from functools import cache

import pytest
from paths import CORPUS

from loaders.citations import find_citations
from loaders.normalize import normalize


@cache
def binhduong() -> dict[str, dict]:
    rows = {}
    with (CORPUS / "binhduong" / "vbcddh.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            rows.setdefault(r["so_ky_hieu"], r)
    return rows


@cache
def congbao() -> dict[str, str]:
    with (CORPUS / "congbao" / "congbao_400.jsonl").open(encoding="utf-8") as fh:
        return {r["id"]: r["text"] for r in map(json.loads, fh)}


def cite(text: str):
    cits, rels = find_citations(normalize(text))
    for c in cits:
        assert text[c.start:c.end] == c.text
    return cits, rels


def test_lower_case_subject_line():
    cits, _ = cite(binhduong()["3207/UBND-VX"]["trich_yeu"])
    [c] = cits
    assert (c.symbol, c.type, c.type_name, c.date, c.relation) == (
        "180/TB-VPCP", "TB", "Thông báo", date(2022, 6, 23), "IMPLEMENTS")
    assert c.text == "thông báo số 180/tb-vpcp"


def test_list_shares_one_date_and_issuer():
    cits, _ = cite(binhduong()["1264/QĐ-UBND"]["trich_yeu"])
    assert [(c.symbol, c.date, c.issuer, c.relation) for c in cits] == [
        ("1253/QĐ-UBND", date(2018, 5, 17), "ubnd tỉnh", "AMENDS"),
        ("1255/QĐ-UBND", date(2018, 5, 17), "ubnd tỉnh", "AMENDS"),
    ]


def test_party_programme_implementing_a_resolution():
    cits, rels = cite(binhduong()["4470/KH-UBND"]["trich_yeu"])
    assert [(c.symbol, c.family, c.relation) for c in cits] == [
        ("78-CTr/TU", "party", "IMPLEMENTS"), ("21-NQ/TW", "party", "CITES")]
    assert cits[0].issuer == "ban thường vụ tỉnh ủy"
    assert [(r.source, r.target, r.relation) for r in rels] == [(0, 1, "IMPLEMENTS")]


def test_nfd_row_with_written_out_date_and_correction():
    row = binhduong()["1464/QĐ-UBND"]
    assert not unicodedata.is_normalized("NFC", row["trich_yeu"])
    cits, _ = cite(row["trich_yeu"])
    [c] = cits
    assert (c.symbol, c.family, c.date, c.issuer, c.relation) == (
        "01/2022/QĐ-UBND", "normative", date(2022, 1, 6), "ubnd tỉnh", "CORRECTS")
    assert not unicodedata.is_normalized("NFC", c.sentence)   # the sentence is cut from the original


def test_amending_decision_inside_a_cited_decision():
    text = "thực hiện quyết định số 2072/qđ-ubnd ngày 05/8/2019 của ubnd tỉnh về việc sửa đổi quyết định số 3825/qđ-ubnd ngày 29/12/2017"
    cits, rels = cite(text)
    assert [(c.symbol, c.relation) for c in cits] == [("2072/QĐ-UBND", "IMPLEMENTS"), ("3825/QĐ-UBND", "CITES")]
    assert [(r.source, r.target, r.relation, r.cue) for r in rels] == [(0, 1, "AMENDS", "sửa đổi")]


@pytest.mark.parametrize("key", ["2403/QÐ-UBND", "3159/QÐ-UBND", "1040/QÐ-UBND"])
def test_eth_typed_for_d_with_stroke(key):
    assert "\u00d0" in key
    cits, _ = cite(f"Quyết định số {key} của UBND tỉnh")
    assert cits[0].symbol == key.replace("\u00d0", "Đ") and cits[0].type == "QĐ"
    assert cits[0].text.endswith(key)


def test_gazette_citation_broken_across_lines():
    text = congbao()["quyet-dinh-so-169-qd-bldtbxh-44203"]
    cits, _ = cite(text)
    broken = [c for c in cits if c.symbol == "05/2024/TT-BLĐTBXH" and "\n" in c.text]
    assert broken and all(c.date == date(2024, 5, 10) for c in broken)
    replaced = [c for c in cits if c.symbol == "05/2024/TT-BLĐTBXH" and "thay thế" in c.sentence.lower()]
    assert replaced


@pytest.mark.parametrize("doc,symbol,piece", [
    ("nghi-dinh-so-200-2026-nd-cp-469728", "245/2025/NĐ-CP", "Nghị \n\nCÔNG BÁO/Số 342/Ngày 21-06-2026"),
    ("thong-tu-so-12-2024-tt-bldtbxh-43233", "27/2016/TT-BLĐTBXH", "27/2016/TT-\n\n"),
    ("nghi-quyet-so-24-2026-nq-cp-469471", "131/2021/NĐ-CP", "131/2021/NĐ-\n\nCÔNG BÁO"),
])
def test_gazette_citation_broken_by_page_header(doc, symbol, piece):
    cits, _ = cite(congbao()[doc])
    assert any(c.symbol == symbol and piece in c.text and "CÔNG BÁO" in c.text for c in cits)


def test_gazette_scale_is_not_a_citation():
    text = congbao()["van-ban-hop-nhat-so-4-vbhn-btc-469150"]
    i = text.index("1/500")
    cits, _ = cite(text)
    assert cits and not any(c.start <= i < c.end for c in cits)
    assert all(c.number in c.text for c in cits if c.number)


def test_gazette_preamble_passive_amendments():
    text = ("Căn cứ Luật Bảo hiểm y tế số 25/2008/QH12 được sửa đổi, bổ sung bởi Luật \n"
            "số 32/2013/QH13, Luật số 46/2014/QH13 và Luật số \n51/2024/QH15;")
    cits, rels = cite(text)
    assert [(c.symbol, c.family, c.relation) for c in cits] == [
        ("25/2008/QH12", "law", "BASED_ON"), ("32/2013/QH13", "law", "BASED_ON"),
        ("46/2014/QH13", "law", "BASED_ON"), ("51/2024/QH15", "law", "BASED_ON")]
    assert cits[0].type_name == "Luật" and cits[0].subject == "Bảo hiểm y tế"
    assert sorted((r.source, r.target, r.relation) for r in rels) == [
        (1, 0, "AMENDS"), (2, 0, "AMENDS"), (3, 0, "AMENDS")]
