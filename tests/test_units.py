"""Units as an inspector reads them (vbgraph_app/units.py): names with their jurisdiction,
found however typed, ordered by level and place. Rows: real agency nodes of the seeds."""
import pytest

from vbgraph_app.units import Unit, matches, ordered, unit_name

THANH_TRA = Unit("vn/tp-lang-son/thanh-tra", "Thanh tra", "Thanh tra thành phố Lạng Sơn",
                 "thành phố Lạng Sơn, tỉnh Lạng Sơn", 3)
XA = Unit("vn/tp-lang-son/ubnd-cac-phuong-xa", "UBND các phường, xã", None, "thành phố Lạng Sơn, tỉnh Lạng Sơn")
SO = Unit("vn/tinh-lang-son/so-noi-vu", "Sở Nội vụ", None, "tỉnh Lạng Sơn")
BO = Unit("vn/bo-noi-vu", "Bộ Nội vụ", None, None)


@pytest.mark.parametrize("unit, label", [
    (THANH_TRA, "Thanh tra thành phố Lạng Sơn"),                # the graph's full name
    (XA, "UBND các phường, xã thành phố Lạng Sơn"),              # the name and its nearest place
    (Unit("x", "UBND tỉnh Lạng Sơn", None, "tỉnh Lạng Sơn"), "UBND tỉnh Lạng Sơn"),  # already says it
    (BO, "Bộ Nội vụ"),                                          # national: no place
])
def test_label_has_the_jurisdiction(unit, label):
    assert unit.label == label == unit_name(unit.name, unit.full_name, unit.jurisdiction)


@pytest.mark.parametrize("typed, found", [
    ("thanh tra thanh pho", True), ("THANH TRA", True), ("Thanh tra thành phố", True),
    ("lang son", True), ("thanh tra tinh", True),    # its jurisdiction names the province too
    ("thanh tra thanh p", True),                     # the last word still being typed
    ("so noi vu", False), ("thanh tra huyen", False),
    ("tra thanh", True), ("tr thanh", False),        # a word before the last is whole: not 'Trật', 'Trại'
])
def test_matches_in_any_case_with_or_without_diacritics(typed, found):
    assert matches(typed, THANH_TRA) is found


def test_ordered_by_level_then_place_then_name():
    assert [u.id for u in ordered([XA, THANH_TRA, SO, BO])] == [BO.id, SO.id, THANH_TRA.id, XA.id]
    assert [u.level for u in (BO, SO, THANH_TRA)] == [(0, "Trung ương"), (1, "Cấp tỉnh"), (2, "Cấp huyện")]
