"""Properties of the citation finder: no exception on any text, spans that slice the
original, and linear time on adversarial input."""
from __future__ import annotations

import time
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders.citations import find_citations
from loaders.normalize import normalize

PIECES = ["số ", "Số: ", "/", "-", " / ", "QĐ", "qđ", "UBND", "KH", "TTg", "TW", "TU", "NĐ-CP", "QH14",
          "2020", "17", "ngày ", "tháng ", "năm ", "của ", "về việc ", "Căn cứ ", "thực hiện ", "(", ")",
          "\n", "\n\n", " ", ",", "và ", "Nghị quyết Đại hội Đảng bộ ", "lần thứ XV", "Đề án “", "”",
          "Ð", "\u0301", "\u0323", "khoản 2 Điều 7 ", "được sửa đổi bởi ", "CÔNG BÁO/Số 1/Ngày 1-1-2020\n"]
texty = st.lists(st.sampled_from(PIECES) | st.integers(0, 99999).map(str), max_size=60).map("".join)


def _check(text: str) -> None:
    cits, rels = find_citations(normalize(text))
    for c in cits:
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start:c.end] == c.text
        if c.kind == "numbered":
            assert c.number and unicodedata.normalize("NFC", c.number) in unicodedata.normalize("NFC", c.text)
            assert c.symbol and c.family in {"administrative", "cong_van", "normative", "law", "party"}
    for r in rels:
        assert 0 <= r.source < len(cits) and 0 <= r.target < len(cits) and r.source != r.target


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_unicode(text):
    _check(text)


@settings(max_examples=400, deadline=None)
@given(texty)
def test_citation_like_noise(text):
    _check(text)


def test_one_megabyte_adversarial_input_is_linear():
    chunks = ["1" * 5000, "/" * 3000, "số " * 2000, "-" * 3000, "1/" * 3000, "1-" * 3000, "1/1/1/1/" * 500,
              "12/QĐ-" * 800, "số 1/UBND-" * 500, " " * 4000, "\n" * 2000, "ngày 1/1/" * 600, "của " * 1500,
              "(số " * 1000, "khoản 1 Điều " * 500, "A-" * 3000]
    text = "".join(chunks)
    while len(text) < 1_000_000:
        text += text
    text = text[:1_000_000]
    t0 = time.perf_counter()
    find_citations(normalize(text))
    assert time.perf_counter() - t0 < 2.0


def test_dense_real_citations_stay_linear():
    """1 MB made only of citations, lists, news forms and passive chains: no quadratic step."""
    unit = ("Căn cứ Quyết định số 12/QĐ-UBND ngày 1/1/2020 của UBND tỉnh về việc x, "
            "(số 1/QĐ-UBND) Theo đó, thực hiện Đề án “A b c” và Luật số 2/2021/QH14 được sửa đổi bởi Luật số 3/2022/QH15\n\n")
    text = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]
    t0 = time.perf_counter()
    cits, _ = find_citations(normalize(text))
    assert len(cits) > 20_000
    assert time.perf_counter() - t0 < 8.0   # quadratic steps took 10-55 s here
