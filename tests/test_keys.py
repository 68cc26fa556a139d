"""domain.keys: one key per meaning, on real spellings (eth for Đ, NFD, old tones)."""
from __future__ import annotations

import unicodedata

from domain.keys import match_key, slug


def test_match_key_keeps_diacritics_and_unifies_spelling():
    assert match_key("QÐ-UBND") == match_key("qđ-ubnd") == "qđ-ubnd"      # U+00D0 typed for Đ
    assert match_key("ĐA") != match_key("DA") and match_key("HĐ") != match_key("HD")
    assert match_key("Uỷ ban  nhân\ndân") == match_key("Ủy ban nhân dân") == "ủy ban nhân dân"
    assert match_key(unicodedata.normalize("NFD", "Hòa Bình")) == "hòa bình"


def test_slug_abbreviates_and_drops_diacritics():
    assert slug("UBND thành phố Lạng Sơn") == slug("Uỷ ban nhân dân Thành phố LẠNG SƠN") == "ubnd-tp-lang-son"
    assert slug("Ủy ban Thường vụ Quốc hội") == "ubtvqh"
    assert slug("Đảng ủy xã Liên Thủy") == "dang-uy-xa-lien-thuy"
