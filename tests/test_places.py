"""domain.places: the gazetteer's view of a place as written."""
from domain.places import is_province_level, province_only_kinds, split_place, ward_kinds


def test_split_place():
    assert split_place("TP. Lạng Sơn") == split_place("thành phố  Lạng Sơn") == ("thành phố", "Lạng Sơn")
    assert split_place("huyện Lạc Sơn") == ("huyện", "Lạc Sơn")
    assert split_place("Lạng Sơn") == (None, "Lạng Sơn")


def test_province_level_from_the_gazetteer():
    assert is_province_level("tỉnh Lạng Sơn") and is_province_level("thành phố Hải Phòng")
    assert is_province_level("thành phố Huế")           # a province-level city since 2025
    assert not is_province_level("thành phố Lạng Sơn") and not is_province_level("huyện Lạc Sơn")
    assert province_only_kinds() == {"tỉnh"}
    assert {"xã", "phường", "thị trấn"} <= ward_kinds() and "huyện" not in ward_kinds()
