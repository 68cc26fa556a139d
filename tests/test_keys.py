"""domain.keys: one key per meaning, on real spellings (eth for Đ, NFD, old tones)."""
from __future__ import annotations

import unicodedata

from domain.keys import match_key, search_key, slug, symbol_key


def test_match_key_keeps_diacritics_and_unifies_spelling():
    assert match_key("QÐ-UBND") == match_key("qđ-ubnd") == "qđ-ubnd"      # U+00D0 typed for Đ
    assert match_key("ĐA") != match_key("DA") and match_key("HĐ") != match_key("HD")
    assert match_key("Uỷ ban  nhân\ndân") == match_key("Ủy ban nhân dân") == "ủy ban nhân dân"
    assert match_key(unicodedata.normalize("NFD", "Hòa Bình")) == "hòa bình"


def test_slug_abbreviates_and_drops_diacritics():
    assert slug("UBND thành phố Lạng Sơn") == slug("Uỷ ban nhân dân Thành phố LẠNG SƠN") == "ubnd-tp-lang-son"
    assert slug("Ủy ban Thường vụ Quốc hội") == "ubtvqh"
    assert slug("Đảng ủy xã Liên Thủy") == "dang-uy-xa-lien-thuy"


def test_search_key():
    assert search_key("56/KH-UBND") == "56/kh-ubnd"
    assert search_key("10/2020/NĐ-CP") == search_key("10/2020/nd-cp") == search_key("10/2020/NÐ-CP")
    assert search_key("Ủy ban  nhân dân") == "uy ban nhan dan"
    assert symbol_key("56 / KH-UBND") == "56/kh-ubnd"
    assert search_key(None) == "" and search_key(123) == "123"


def test_search_key_cache_gives_the_slow_forms():
    """search_key is cached: repeated and new strings alike give the uncached result."""
    import re

    def slow(text):
        text = unicodedata.normalize("NFKD", text.replace("Đ", "d").replace("đ", "d")
                                     .replace("Ð", "d").replace("ð", "d"))
        return re.sub(r"\s+", " ", "".join(c for c in text if not unicodedata.combining(c)).lower()).strip()

    words = ["Phòng Tài chính - Kế hoạch", "ĐẢNG ỦY", "Sở\u00a0Nội vụ", "Ｆｕｌｌ", "ﬁ", " x  y ", "Ω"]
    for w in words * 2:
        assert search_key(w) == slow(w)


def test_column_key():
    from domain.keys import column_key

    assert column_key(" Số ký hiệu ") == column_key("so_ky_hieu") == "so_ky_hieu"
    assert column_key("Ngày ban hành") == "ngay_ban_hanh"
