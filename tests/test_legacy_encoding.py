"""TCVN3 (ABC), VNI and windows-1258 text is converted to Unicode before parsing."""
from __future__ import annotations

import unicodedata

import pytest

from loaders.model import Source
from loaders.normalize import normalize
from loaders.read import iter_sources
from loaders.readers import legacy
from paths import SEED_FILES, seed_text

SEEDS = sorted(SEED_FILES)


# ------------------------------------------------------------------ encoders (inverse tables)
def to_tcvn3(text: str) -> str:
    """Unicode -> TCVN3 as seen through windows-1252 (capitals with tones have no
    TCVN3 code: their lower-case code is used, as .VnTimeH users typed them)."""
    inv = {v: k for k, v in legacy.tables().tcvn3.items()}
    return "".join(inv.get(c, inv.get(c.lower(), c)) for c in unicodedata.normalize("NFC", text))


def to_vni(text: str) -> str:
    inv: dict[str, str] = {}
    for seq, letter in legacy.tables().vni.items():
        inv.setdefault(letter, seq)
    return "".join(inv.get(c, c) for c in unicodedata.normalize("NFC", text))


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """windows-1258: base letters with their hat/horn/breve, tones as combining marks."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONES))
        out += (base + "".join(c for c in d if c in _TONES)).encode("cp1258", errors="replace")
    return bytes(out)


# ------------------------------------------------------------------ hand-checked strings
@pytest.mark.parametrize("legacy_text, unicode_text", [
    ("Uû ban nh©n d©n", "Uỷ ban nhân dân"),
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),   # .VnTimeH
    ("Th«ng b¸o kÕt luËn", "Thông báo kết luận"),
    ("Sè: 311/TB-UBND", "Số: 311/TB-UBND"),
])
def test_tcvn3_known_strings(legacy_text, unicode_text):
    assert legacy.from_tcvn3(legacy_text) == unicode_text


def test_tcvn3_brief_example_normalises_to_new_tone_placement():
    assert normalize(legacy.from_tcvn3("Uû ban nh©n d©n")).text == "Ủy ban nhân dân"


@pytest.mark.parametrize("legacy_text, unicode_text", [
    ("UÛy ban nhaân daân", "Ủy ban nhân dân"),
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Xin chaøo caùc baïn", "Xin chào các bạn"),
    ("ÑOÄC LAÄP - TÖÏ DO - HAÏNH PHUÙC", "ĐỘC LẬP - TỰ DO - HẠNH PHÚC"),
    ("ngöôøi daân", "người dân"),
])
def test_vni_known_strings(legacy_text, unicode_text):
    assert legacy.from_vni(legacy_text) == unicode_text


# ------------------------------------------------------------------ whole seeds, detected
@pytest.mark.parametrize("key", SEEDS)
def test_tcvn3_seed_detected_as_mojibake_and_as_bytes(tmp_path, key):
    text = seed_text(key)
    moj = to_tcvn3(text)
    (tmp_path / "moj.txt").write_text(moj, encoding="utf-8")    # pasted into a Unicode editor
    (tmp_path / "raw.txt").write_bytes(moj.encode("cp1252"))     # the .VnTime file's bytes
    a, b = iter_sources([tmp_path / "moj.txt", tmp_path / "raw.txt"])
    assert a.metadata["legacy_encoding"] == "tcvn3" and b.metadata["encoding"] == "tcvn3"
    # TCVN3 has no capitals with tones: only a few word-initial capitals ("Ủy") come back lower-case
    for s in (a, b):
        assert s.text.lower() == text.lower()
        wrong = [(x, y) for x, y in zip(s.text.split(), text.split()) if x != y]
        assert all(x[1:] == y[1:] for x, y in wrong), wrong[:10]


@pytest.mark.parametrize("key", SEEDS)
def test_vni_seed_detected_as_mojibake_and_as_bytes(tmp_path, key):
    text = seed_text(key)
    moj = to_vni(text)
    (tmp_path / "moj.txt").write_text(moj, encoding="utf-8")
    (tmp_path / "raw.txt").write_bytes(moj.encode("cp1252"))
    a, b = iter_sources([tmp_path / "moj.txt", tmp_path / "raw.txt"])
    assert a.metadata["legacy_encoding"] == "vni" and b.metadata["encoding"] == "vni"
    assert a.text == text and b.text == text


@pytest.mark.parametrize("key", SEEDS)
def test_windows_1258_seed(tmp_path, key):
    f = tmp_path / "cp.txt"
    f.write_bytes(to_cp1258(seed_text(key)))
    (s,) = iter_sources([f])
    assert s.metadata["encoding"] == "windows-1258" and "legacy_encoding" not in s.metadata
    assert s.text == unicodedata.normalize("NFC", seed_text(key))


def test_tcvn3_inside_docx_and_html(tmp_path):
    from test_formats import make_docx, seed_html

    text = seed_text("000")
    make_docx(tmp_path / "vntime.docx", to_tcvn3(text))
    (tmp_path / "vni.html").write_text(seed_html(to_vni(text)), encoding="utf-8")
    h, d = iter_sources([tmp_path])
    assert isinstance(d, Source) and d.metadata["legacy_encoding"] == "tcvn3"
    assert "kế hoạch số 56/kh-ubnd ngày 01/4/2020" in d.text.lower()
    assert h.metadata["legacy_encoding"] == "vni" and "Kế hoạch số 56/KH-UBND ngày 01/4/2020" in h.text


def test_real_unicode_with_a_few_latin1_signs_is_left_alone():
    text = seed_text("001") + "\n© 2020 Cổng TTĐT · nhiệt độ 30°C ± 2 « trích » §3 µg"
    assert legacy.fix_mojibake(text) == (text, None)
    assert legacy.fix_mojibake("Café crème brûlée à la française, señor Müller") [1] is None
