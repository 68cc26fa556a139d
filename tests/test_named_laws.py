"""Laws, codes, ordinances and the Constitution cited by name: found in real preambles
and running text, resolved to their number by name and date (or by the citing
document's date), ambiguous or unresolved otherwise — never guessed."""
from __future__ import annotations

import json
from datetime import date

import pytest
from paths import CORPUS, REPO

from domain.laws import AMBIGUOUS, RESOLVED, UNRESOLVED, pick_law
from loaders.model import Source
from loaders.pipeline import extract

D = date.fromisoformat
# Where each text is from: the lines of real documents (gazette rows of ../shared, and
# public provincial pages: hethongphapluat.com 64/2024/QĐ-UBND Thừa Thiên Huế,
# hethongphapluat.vn 128/2025/QĐ-UBND Thanh Hóa, text.123docz.net 1961/QĐ-UBND Kiên Giang).
# (why, text, document date, [(name as written, type, date, symbol or None, status)])
CASES = [
    ("name and date, 2015 law", "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
     D("2024-09-04"), [("Luật Tổ chức chính quyền địa phương", "L", D("2015-06-19"), "77/2015/QH13", RESOLVED)]),
    ("name and date, the 2025 law of the same name",
     "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;", D("2025-10-09"),
     [("Luật Tổ chức chính quyền địa phương", "L", D("2025-06-16"), "72/2025/QH15", RESOLVED)]),
    ("an amending law is one name, up to its date",
     "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền "
     "địa phương ngày 22 tháng 11 năm 2019;", D("2024-09-04"),
     [("Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương",
       "L", D("2019-11-22"), "47/2019/QH14", RESOLVED)]),
    ("two laws in one Căn cứ line",
     "Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 19 tháng 02 năm 2025; Luật sửa đổi, bổ sung "
     "một số điều của Luật Ban hành văn bản quy phạm pháp luật ngày 25 tháng 6 năm 2025;", D("2025-10-09"),
     [("Luật Ban hành văn bản quy phạm pháp luật", "L", D("2025-02-19"), "64/2025/QH15", RESOLVED),
      ("Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật", "L",
       D("2025-06-25"), None, UNRESOLVED)]),
    ("a date broken across lines (a PDF line wrap)",
     "Căn cứ Luật Tổ chức chính quyền địa phương ngày\n19/6/2015;", D("2017-12-29"),
     [("Luật Tổ chức chính quyền địa phương", "L", D("2015-06-19"), "77/2015/QH13", RESOLVED)]),
    ("gazette: Căn cứ with the name and date (congbao row 4)",
     "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;  \nCăn cứ Luật Bảo hiểm y tế ngày 14 tháng 11 "
     "năm 2008;", D("2025-07-01"),
     [("Luật Tổ chức Chính phủ", "L", D("2025-02-18"), "63/2025/QH15", RESOLVED),
      ("Luật Bảo hiểm y tế", "L", D("2008-11-14"), "25/2008/QH12", RESOLVED)]),
    ("name alone: the law in force on the document's date",
     "Thực hiện theo quy định của Luật Đất đai và Bộ luật Dân sự.", D("2019-03-01"),
     [("Luật Đất đai", "L", None, "45/2013/QH13", RESOLVED), ("Bộ luật Dân sự", "BL", None, "91/2015/QH13", RESOLVED)]),
    ("name alone, after the next law took force", "theo quy định của Luật Đất đai.", D("2025-01-10"),
     [("Luật Đất đai", "L", None, "31/2024/QH15", RESOLVED)]),
    ("name and year", "Luật Đất đai năm 2013 và các văn bản hướng dẫn", D("2020-01-01"),
     [("Luật Đất đai", "L", None, "45/2013/QH13", RESOLVED)]),
    ("name alone and no date of the document: ambiguous with candidates", "theo Luật Đất đai.", None,
     [("Luật Đất đai", "L", None, None, AMBIGUOUS)]),
    ("the Constitution has no number", "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;", None,
     [("Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam", "HP", None, None, None)]),
    ("a known name continued by a word that does not end it: an unknown law, needs a date",
     "Căn cứ Luật Đầu tư công ngày 13 tháng 6 năm 2019;", D("2020-05-01"),
     [("Luật Đầu tư công", "L", D("2019-06-13"), "39/2019/QH14", RESOLVED)]),
    ("not laws: this law, a lawyer, a draft, a numbered law (the symbol finder's)",
     "Luật này có hiệu lực. Luật sư Nguyễn Văn A tham gia góp ý dự án Luật Đất đai (sửa đổi). "
     "Căn cứ Luật số 77/2015/QH13;", D("2020-01-01"), []),
    ("a law's own title in its preamble is not a citation",
     "Quốc hội ban hành Luật Đất đai.", D("2024-01-18"), []),
]


@pytest.mark.parametrize("why,text,on,expected", CASES, ids=[c[0] for c in CASES])
def test_named_laws(why: str, text: str, on: date | None, expected: list) -> None:
    header = f"ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 1/QĐ-UBND\n" + (
        f"Quảng Ngãi, ngày {on.day} tháng {on.month} năm {on.year}\n" if on else "") + "QUYẾT ĐỊNH\nVề việc thử\n"
    doc = extract(Source("t.txt", "t.txt", header + text, "txt", "0"), entities=False)
    named = [c for c in doc.citations if c.kind == "named"]
    got = [(" ".join(c.text.split()), c.type, c.date, c.symbol,
            (c.resolved_by or "").split(":")[0] or None) for c in named]
    assert got == expected


def test_ambiguous_keeps_its_candidates() -> None:
    pick = pick_law("Luật Đất đai")
    assert pick.status == AMBIGUOUS and [x.symbol for x in pick.candidates] == ["13/2003/QH11", "45/2013/QH13", "31/2024/QH15"]


def test_named_law_lands_on_the_numbered_law_node() -> None:
    """ "Luật Tổ chức chính quyền địa phương ngày 19/6/2015" and "Luật số 77/2015/QH13" are one node."""
    from graph.build import document_fragment

    text = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 1/QĐ-UBND\nQuảng Ngãi, ngày 5 tháng 1 năm 2018\nQUYẾT ĐỊNH\n"
            "Về việc thử\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;\nCăn cứ Luật số 77/2015/QH13;\n")
    frag = document_fragment(extract(Source("t.txt", "t.txt", text, "txt", "0"), entities=False))
    law = [n for n in frag.nodes if n.props.get("symbol") == "77/2015/QH13"]
    assert len({n.id for n in law}) == 1 and law[0].props["status"] == "resolved"


def test_law_table_is_the_build_script_output() -> None:
    """domain/data/laws.yaml is what tools/build_law_table.py makes of the corpora: every
    row keeps its sources, and no row is edited by hand."""
    from tools.build_law_table import OUT, build

    if not (CORPUS / "phapdien" / "notes.jsonl").exists():
        pytest.skip("../shared/corpus is not beside the clone")
    import yaml

    shipped = yaml.safe_load(OUT.read_text(encoding="utf-8"))
    rebuilt = json.loads(json.dumps(build(CORPUS), default=str))
    assert json.loads(json.dumps(shipped, default=str)) == rebuilt
    assert all(r["sources"] for r in shipped)
    assert (REPO / "tools" / "laws_curated.yaml").exists()
