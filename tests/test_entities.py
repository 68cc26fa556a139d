"""spaCy entities: tokenizer special cases, ORG/PER/LOC/DATE from the tables, offsets."""
import unicodedata

import pytest

from paths import seed_text
from loaders.entities import find_entities, nlp
from loaders.identity import parse_identity
from loaders.model import Document
from loaders.normalize import normalize


def ents(text: str) -> list:
    d = Document("t", "t", text)
    nt = normalize(text)
    parse_identity(d, nt)
    return find_entities(d, nt)


def test_tokenizer_keeps_symbols_dates_and_dc_whole():
    toks = [t.text for t in nlp().tokenizer("Chỉ thị số 16/CT-TTg, ngày 31/3/2020 của Đ/c Lê (TP. Lạng Sơn); "
                                            "Số: 311 /TB-UBND, 10/2020/NĐ-CP và 09-NQ/TU tháng 4/2021.")]
    for whole in ("16/CT-TTg", "31/3/2020", "Đ/c", "TP.", "/TB-UBND", "10/2020/NĐ-CP", "09-NQ/TU", "4/2021"):
        assert whole in toks
    assert "," in toks and ")" in toks and ";" in toks      # punctuation split off words


def test_pipeline_is_built_once():
    assert nlp() is nlp()


def test_seed_000_entities():
    es = ents(seed_text("000"))
    per = [e for e in es if e.label == "PER"]
    assert [(e.text, e.title, e.norm) for e in per] == [("Đ/c Lê Trí Thức", "Chủ tịch UBND thành phố", "Lê Trí Thức")]
    orgs = {e.norm for e in es if e.label == "ORG"}
    assert {"Phòng Kinh tế", "Phòng Nội vụ", "UBND tỉnh Lạng Sơn", "UBND thành phố Lạng Sơn",
            "Tổng Thanh tra Chính phủ"} <= orgs
    assert "TP. Lạng Sơn" in {e.text for e in es if e.label == "LOC"}
    dates = {e.norm for e in es if e.label == "DATE"}
    assert {"2020-04-03", "2020-04-01", "2019-12-23", "2020-04-06"} <= dates
    assert not any(e.label == "ORG" and e.text == "thanh tra" for e in es)   # "Kết luận thanh tra" is a verb


def test_seed_004_person_with_title_before_name():
    es = ents(seed_text("004"))
    per = [e for e in es if e.label == "PER"]
    assert per[0].text == "Phó Chủ tịch Thường trực Ủy ban nhân dân thành phố Nguyễn Xuân Bình"
    assert (per[0].title, per[0].norm) == ("Phó Chủ tịch Thường trực Ủy ban nhân dân thành phố", "Nguyễn Xuân Bình")
    assert "Sở Thông tin và Truyền thông" in {e.text for e in es if e.label == "ORG"}


def test_title_then_name_and_places_of_both_eras():
    text = ("Chủ tịch UBND thành phố Nguyễn Văn Hạnh làm việc tại huyện Lạc Sơn ngày 03 tháng 4 năm 2020; "
            "từ tháng 7/2025 xã Lạc Sơn thuộc tỉnh Phú Thọ, đặc khu Phú Quốc.")
    es = ents(text)
    per = next(e for e in es if e.label == "PER")
    assert (per.text, per.title, per.norm) == ("Chủ tịch UBND thành phố Nguyễn Văn Hạnh", "Chủ tịch UBND thành phố",
                                               "Nguyễn Văn Hạnh")
    locs = {e.text for e in es if e.label == "LOC"}
    assert {"huyện Lạc Sơn", "xã Lạc Sơn", "tỉnh Phú Thọ", "đặc khu Phú Quốc"} <= locs   # legacy + 2025 units
    assert {e.norm for e in es if e.label == "DATE"} == {"2020-04-03", "2025-07"}


def test_offsets_and_sentences_point_into_original_nfd_text():
    text = unicodedata.normalize("NFD", seed_text("003"))
    es = ents(text)
    assert es
    for e in es:
        assert text[e.start:e.end] == e.text
        assert " ".join(e.text.split()) in e.sentence
    per = next(e for e in es if e.label == "PER")
    assert unicodedata.normalize("NFC", per.text) == "Đ/c Nguyễn Văn Hạnh"


@pytest.mark.parametrize("text", ["", "   ", "\n", "Đ/c", "ngày 99/99/2020", "UBND", "a" * 250_000])
def test_odd_input_never_crashes(text):
    for e in ents(text):
        assert 0 <= e.start < e.end <= len(text)


def test_huge_text_is_chunked_and_keeps_offsets():
    para = seed_text("000")
    text = para * 60                              # ~ 320 kB: several chunks
    es = ents(text)
    per = [e for e in es if e.label == "PER"]
    assert len(per) == 60
    assert all(text[e.start:e.end] == "Đ/c Lê Trí Thức" for e in per)
