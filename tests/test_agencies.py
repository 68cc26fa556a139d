"""Agency canonical names, abbreviations and jurisdiction scoping; the gazetteer."""
from datetime import date

import pytest

from loaders.agencies import Jurisdiction, canonical, split_agencies
from domain.places import resolve_place


def jur(place: str, on: date | None = date(2020, 4, 1)) -> Jurisdiction:
    u = resolve_place(place, on)
    return Jurisdiction(u.full, u.name, u.province, u.era)


LS, HP = jur("TP. Lạng Sơn"), jur("Hải Phòng")


@pytest.mark.parametrize("place,on,full", [
    ("TP. Lạng Sơn", date(2020, 4, 3), "thành phố Lạng Sơn, tỉnh Lạng Sơn"),
    ("Lạc Sơn", date(2020, 8, 1), "huyện Lạc Sơn, tỉnh Hòa Bình"),
    ("Lạc Sơn", date(2025, 8, 1), "xã Lạc Sơn, tỉnh Phú Thọ"),      # after the 1 July 2025 reorganisation
    ("Hải Phòng", date(2020, 3, 27), "thành phố Hải Phòng"),
    ("Lạng Sơn", date(2020, 1, 1), "tỉnh Lạng Sơn"),                 # bare name: the province
    ("Hà Nội", None, "thành phố Hà Nội"),
])
def test_resolve_place(place, on, full):
    assert resolve_place(place, on).full == full


def test_resolve_place_unknown():
    assert resolve_place("Atlantis", date(2020, 1, 1)) is None
    assert resolve_place("", None) is None


@pytest.mark.parametrize("written,name,jurisdiction", [
    ("Phòng Kinh tế", "Phòng Kinh tế", "thành phố Lạng Sơn, tỉnh Lạng Sơn"),
    ("Thanh tra thành phố", "Thanh tra", "thành phố Lạng Sơn, tỉnh Lạng Sơn"),
    ("phòng TC-KH", "Phòng Tài chính - Kế hoạch", "thành phố Lạng Sơn, tỉnh Lạng Sơn"),
    ("Ban CHQS thành phố", "Ban Chỉ huy Quân sự", "thành phố Lạng Sơn, tỉnh Lạng Sơn"),
    ("phòng GD-ĐT", "Phòng Giáo dục và Đào tạo", "thành phố Lạng Sơn, tỉnh Lạng Sơn"),
    ("phòng Văn hóa - Thông tin thành phố", "Phòng Văn hóa và Thông tin", "thành phố Lạng Sơn, tỉnh Lạng Sơn"),
    ("UBND tỉnh (B/c)", "UBND tỉnh Lạng Sơn", "tỉnh Lạng Sơn"),
    ("TT HĐND TP", "Thường trực HĐND thành phố Lạng Sơn", "thành phố Lạng Sơn, tỉnh Lạng Sơn"),
    ("Sở Y tế", "Sở Y tế", "tỉnh Lạng Sơn"),                       # a Sở belongs to the province
    ("Sở Y tế tỉnh Lạng Sơn", "Sở Y tế", "tỉnh Lạng Sơn"),
    ("Bộ Y tế", "Bộ Y tế", None),                                  # national
])
def test_canonical_in_a_city_notice(written, name, jurisdiction):
    a = canonical(written, LS)
    assert (a.name, a.jurisdiction) == (name, jurisdiction)
    assert a.text == written


def test_same_department_name_in_another_city_is_another_agency():
    assert canonical("Phòng Kinh tế", LS).jurisdiction != canonical("Phòng Kinh tế", jur("TP. Hạ Long")).jurisdiction


def test_province_level_city_scopes_so_and_thanh_pho():
    assert canonical("Sở Nội vụ", HP).jurisdiction == "thành phố Hải Phòng"
    vp = canonical("Văn phòng Ủy ban nhân dân thành phố", HP)
    assert (vp.name, vp.jurisdiction) == ("Văn phòng UBND", "thành phố Hải Phòng")


@pytest.mark.parametrize("text,parts", [
    ("Phòng Tài nguyên và Môi trường thành phố và Trung tâm phát triển quỹ đất thành phố",
     ["Phòng Tài nguyên và Môi trường thành phố", "Trung tâm phát triển quỹ đất thành phố"]),
    ("Phòng Văn hóa và Thông tin, Trung tâm Văn hóa, Thể thao và Truyền thông",
     ["Phòng Văn hóa và Thông tin", "Trung tâm Văn hóa, Thể thao và Truyền thông"]),
    ("phòng Kinh tế, QLĐT, VH-TT, Ban CHQS thành phố", ["phòng Kinh tế", "phòng QLĐT", "phòng VH-TT", "Ban CHQS thành phố"]),
    ("Thủ trưởng các phòng, ban, đơn vị và UBND các phường, xã", ["Thủ trưởng các phòng, ban, đơn vị", "UBND các phường, xã"]),
    ("Sở Thông tin và Truyền thông", ["Sở Thông tin và Truyền thông"]),
    ("Phòng Nông nghiệp và PTNT", ["Phòng Nông nghiệp và PTNT"]),
])
def test_split_agencies(text, parts):
    assert split_agencies(text) == parts


@pytest.mark.parametrize("text", ["", " ", "-", "(B/c)", "thành phố", "các", "x" * 10_000])
def test_canonical_never_crashes(text):
    canonical(text, LS)
    canonical(text, Jurisdiction())


def test_list_of_unit_kinds_is_not_a_level():
    from loaders.agencies import Jurisdiction, canonical
    j = Jurisdiction("tỉnh Lạng Sơn", "tỉnh Lạng Sơn", "tỉnh Lạng Sơn")
    a = canonical("UBND các huyện, thành phố", j)
    assert (a.name, a.jurisdiction) == ("UBND các huyện, thành phố", "tỉnh Lạng Sơn")


@pytest.mark.parametrize("text,jur,name,full", [
    ("Thanh tra thành phố", ("thành phố Lạng Sơn, tỉnh Lạng Sơn", "thành phố Lạng Sơn", "tỉnh Lạng Sơn"),
     "Thanh tra", "Thanh tra thành phố Lạng Sơn"),
    ("Phòng Kinh tế", ("thành phố Lạng Sơn, tỉnh Lạng Sơn", "thành phố Lạng Sơn", "tỉnh Lạng Sơn"),
     "Phòng Kinh tế", "Phòng Kinh tế thành phố Lạng Sơn"),
    ("Sở Nội vụ", ("thành phố Hải Phòng", "thành phố Hải Phòng", "thành phố Hải Phòng"),
     "Sở Nội vụ", "Sở Nội vụ thành phố Hải Phòng"),
    ("UBND tỉnh", ("thành phố Lạng Sơn, tỉnh Lạng Sơn", "thành phố Lạng Sơn", "tỉnh Lạng Sơn"),
     "UBND tỉnh Lạng Sơn", "UBND tỉnh Lạng Sơn"),
    ("Đài Phát thanh và Truyền hình Hải Phòng", ("thành phố Hải Phòng", "thành phố Hải Phòng", "thành phố Hải Phòng"),
     "Đài Phát thanh và Truyền hình Hải Phòng", "Đài Phát thanh và Truyền hình Hải Phòng"),
    ("Bộ Y tế", (None, None, None), "Bộ Y tế", "Bộ Y tế"),
])
def test_full_name(text, jur, name, full):
    from loaders.agencies import Jurisdiction, canonical
    a = canonical(text, Jurisdiction(*jur))
    assert (a.name, a.full_name) == (name, full)


def test_groups_have_no_full_name():
    from loaders.agencies import Jurisdiction, canonical
    a = canonical("các cơ quan, đơn vị liên quan", Jurisdiction("tỉnh Lạng Sơn", "tỉnh Lạng Sơn", "tỉnh Lạng Sơn"))
    assert a.full_name is None


@pytest.mark.parametrize("line,expect", [
    ("TTTU, TTHĐND TP; (đề b/c)", ["TTTU", "TTHĐND TP"]),
    ("CT, các PCT UBND TP", ["Chủ tịch UBND thành phố", "Phó Chủ tịch UBND thành phố"]),
    ("Chủ tịch, các PCT UBND huyện", ["Chủ tịch UBND huyện", "Phó Chủ tịch UBND huyện"]),
    ("Chủ tịch, Phó Chủ tịch UBND thành phố", ["Chủ tịch UBND thành phố", "Phó Chủ tịch UBND thành phố"]),
    ("CPVP, CVVP", ["Chánh Văn phòng", "Phó Chánh Văn phòng", "Chuyên viên Văn phòng"]),
    ("Các Phòng: KSTTHC, VX", ["Phòng KSTTHC", "Phòng VX"]),
    ("Sở Nội vụ, Sở Tài chính", ["Sở Nội vụ", "Sở Tài chính"]),
    # one agency, or a group of unit kinds: whole
    ("Văn phòng HĐND và UBND", ["Văn phòng HĐND và UBND"]),
    ("Sở Thông tin và Truyền thông", ["Sở Thông tin và Truyền thông"]),
    ("UBND các phường, xã", ["UBND các phường, xã"]),
    ("Sở, ban, ngành TP", ["Sở, ban, ngành TP"]),
    ("Các phòng ban, ngành, Đảng, đoàn thể TP", ["Các phòng ban, ngành, Đảng, đoàn thể TP"]),
    ("UBND tỉnh (B/c)", ["UBND tỉnh"]),
    ("Chánh, Phó, CV VP HĐND&UBND", ["Chánh, Phó, CV VP HĐND&UBND"]),   # elision not resolved: whole
])
def test_split_recipients(line, expect):
    from loaders.agencies import split_recipients
    assert split_recipients(line) == expect
