"""The end-of-ingest link pass (graph/links.py): a year-less citation linked to the one
instrument of the store that fits, several kept ambiguous with their candidates, an
analyst's confirmation kept across re-ingests. Real Bình Dương rows (line numbers of
../shared/corpus/binhduong/vbcddh.jsonl) ingested into the embedded store."""
from __future__ import annotations

from datetime import date

import pytest

from graph.links import Known, Reference, confirm, decide, link_key, stored_keys, unconfirm
from graph.ingest import ingest

BD_ROWS = {  # line -> what it is
    467: "4343/UBND-VX 31/08/2021: 'theo chỉ thị 16/ct-ttg của thủ tướng chính phủ' (no date)",
    529: "152/CV-BCĐ 13/08/2021: 'chỉ thị 16/ct-ttg ngày 31/3/2020' (dated)",
    1276: "1518/UBND-VX 31/03/2020: 'theo chỉ thị số 16/ct-ttg' the day 16/CT-TTg was signed",
    1318: "1132/UBND-VX 16/03/2020: 'chỉ thị 13/ct-ttg về tiếp tục đẩy mạnh phòng, chống dịch covid-19'",
    1691: "3620/UBND-KTTH 2019: 'chỉ thị số 13/ct-ttg ngày 20/5/2019 ... về phát triển bền vững'",
    2305: "2444/UBND-NC 04/06/2018: 'theo chỉ thị số 07/ct-ttg' (no date)",
    2440: "993/UBND-KTTH 2018: 'chỉ thị số 07/ct-ttg ngày 05/3/2018'",
    2644: "4626/KH-UBND 2017: 'chỉ thị số 07/ct-ttg ngày 13/3/2017 ... cơ sở dữ liệu quốc gia về dân cư'",
    3285: "2511/UBND-KTTH 2015: 'chỉ thị 07/ct-ttg ngày 30/4/2015'",
    1333: "935/UBND-KT 05/03/2020: 'chỉ thị số 07/ct-ttg ngày 07/02/2020' (after 2444: never its candidate)",
}
CT16 = "vn/thu-tuong-chinh-phu/2020/CT/16"
REF_4343 = "vn/ubnd-tinh-binh-duong/2021/CV/4343/cites/16-ct-ttg"
REF_1518 = "vn/ubnd-tinh-binh-duong/2020/CV/1518/cites/16-ct-ttg"
REF_1132 = "vn/ubnd-tinh-binh-duong/2020/CV/1132/cites/13-ct-ttg"
REF_2444 = "vn/ubnd-tinh-binh-duong/2018/CV/2444/cites/07-ct-ttg"
CT07 = {y: f"vn/thu-tuong-chinh-phu/{y}/CT/07" for y in (2015, 2017, 2018, 2020)}


def _rows(corpus_dir, lines) -> list[str]:
    src = (corpus_dir / "binhduong" / "vbcddh.jsonl").read_text(encoding="utf-8").splitlines()
    return [src[n - 1] for n in lines]


def _write(path, rows) -> str:
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


def _links(store, ref: str) -> list[dict]:
    return store.read("MATCH (m:Instrument {id: $ref}) MATCH (d:Instrument {id: m.cited_in})-[e]->(t:Instrument) "
                      "WHERE e.via = $ref RETURN type(e) AS rel, t.id AS target, e.status AS status, "
                      "e.reason AS reason, e.sentence AS sentence, e.source_doc AS source_doc", ref=ref)


def _ref(store, ref: str) -> dict:
    return store.read("MATCH (m:Instrument {id: $ref}) RETURN m.status AS status, m.link_status AS link, "
                      "m.link_candidates AS candidates, m.link_reason AS reason", ref=ref)[0]


@pytest.fixture(scope="module")
def bd_links(store_factory, corpus_dir, tmp_path_factory):
    """The rows above ingested in two runs: the year-less citers first (nothing to link to
    yet), then the rows that name the directives with their dates."""
    store = store_factory("links_bd")
    d = tmp_path_factory.mktemp("links")
    first = _write(d / "first.jsonl", _rows(corpus_dir, [467, 1276, 1318, 2305]))
    second = _write(d / "second.jsonl", _rows(corpus_dir, [529, 1691, 2440, 2644, 3285, 1333]))
    s1 = ingest([first], store, progress=False)
    s2 = ingest([second], store, progress=False)
    return store, (s1, s2), (first, second)


def test_nothing_to_link_before_the_directive_is_in_the_store(bd_links):
    _, (s1, _), _ = bd_links
    assert s1.links.references == 4 and s1.links.by_status == {"none": 4}


def test_year_less_citation_linked_to_the_one_directive_that_fits(bd_links):
    """The second run writes 16/CT-TTg (from 152/CV-BCĐ's dated mention): the pass decides
    the first run's references of that symbol again and links them."""
    store, _, _ = bd_links
    links = _links(store, REF_4343)
    assert [(x["rel"], x["target"], x["status"]) for x in links] == [("IMPLEMENTS", CT16, "inferred")]
    assert "theo chỉ thị 16/ct-ttg của thủ tướng chính phủ" in links[0]["sentence"]
    assert links[0]["source_doc"] == "vn/ubnd-tinh-binh-duong/2021/CV/4343"   # the stating instrument
    assert "dated no later" in links[0]["reason"]
    ref = _ref(store, REF_4343)
    assert ref["status"] == "unresolved" and ref["link"] == "inferred" and ref["candidates"] == [CT16]
    # signed the same day as the directive: not after it, so it fits
    assert [x["target"] for x in _links(store, REF_1518)] == [CT16]


def test_implementers_of_the_directive_include_the_linked_citers(bd_links):
    from queries.runner import run_query

    rows = run_query(bd_links[0], "implementers", id=CT16, hops=1)
    assert {"4343/UBND-VX", "1518/UBND-VX", "152/CV-BCĐ"} <= {r["symbol"] for r in rows}
    cited_by = bd_links[0].read("MATCH (n:Instrument {id: $id}) RETURN n.cited_by_count AS c", id=CT16)
    assert cited_by[0]["c"] == 3


def test_another_subject_is_another_instrument(bd_links):
    """1132/UBND-VX cites 13/CT-TTg "về ... phòng, chống dịch covid-19"; the store's only
    13/CT-TTg is "về phát triển bền vững": no link."""
    store, _, _ = bd_links
    assert _links(store, REF_1132) == [] and _ref(store, REF_1132)["link"] is None


def test_several_fit_ambiguous_with_candidates_never_merged(bd_links):
    store, _, _ = bd_links
    ref = _ref(store, REF_2444)
    assert ref["link"] == "ambiguous" and ref["candidates"] == [CT07[2015], CT07[2017], CT07[2018]]
    assert _links(store, REF_2444) == []


def test_confirmation_is_curated_and_survives_re_ingest(bd_links):
    store, _, (first, _) = bd_links
    confirm(store, REF_2444, CT07[2017], by="analyst")
    assert [(x["target"], x["status"]) for x in _links(store, REF_2444)] == [(CT07[2017], "curated")]
    s = ingest([first], store, progress=False, force=True)  # the citing rows rewritten
    assert s.changed == 4 and s.links.by_status["curated"] == 1
    assert [(x["target"], x["status"]) for x in _links(store, REF_2444)] == [(CT07[2017], "curated")]
    assert _ref(store, REF_2444)["link"] == "curated"
    assert [x["status"] for x in _links(store, REF_4343)] == ["inferred"]   # re-inferred, not doubled
    unconfirm(store, REF_2444)
    assert _links(store, REF_2444) == [] and _ref(store, REF_2444)["link"] == "ambiguous"


def test_confirm_refuses_another_number(bd_links):
    from graph.links import ConfirmError

    with pytest.raises(ConfirmError, match="not the citation's"):
        confirm(bd_links[0], REF_2444, CT16)
    with pytest.raises(ConfirmError, match="not a citation"):
        confirm(bd_links[0], CT16, CT07[2017])


def test_confirm_command_line(bd_links, graph_root):
    """`vbgraph confirm` on the store (a second process cannot open the embedded database
    while this one holds it, so the CLI parser and its refusal are checked in process)."""
    from vbgraph.cli import build_parser

    args = build_parser().parse_args(["confirm", REF_2444])
    assert args.func(args) == 2
    args = build_parser().parse_args(["confirm", REF_2444, CT07[2018], "--db", str(graph_root),
                                      "--database", "links_bd"])
    assert args.func(args) == 0
    assert [(x["target"], x["status"]) for x in _links(bd_links[0], REF_2444)] == [(CT07[2018], "curated")]
    args = build_parser().parse_args(["confirm", REF_2444, "--remove", "--db", str(graph_root),
                                      "--database", "links_bd"])
    assert args.func(args) == 0 and _links(bd_links[0], REF_2444) == []


# ---------------------------------------------------------------- the rule alone

REF = Reference("d/cites/1-ct-ttg", "1/ct-ttg", "d", "CT", scopes=("thu-tuong-chinh-phu",),
                citing_date=date(2020, 4, 1), citing_year=2020)


def _k(id_: str, **kw) -> Known:
    return Known(id_, "1/ct-ttg", "CT", **kw)


@pytest.mark.parametrize("why,known,status,target", [
    ("one fits", [_k("vn/thu-tuong-chinh-phu/2016/CT/01", date=date(2016, 3, 5))], "inferred",
     "vn/thu-tuong-chinh-phu/2016/CT/01"),
    ("dated after the citing document", [_k("vn/thu-tuong-chinh-phu/2021/CT/01", date=date(2021, 1, 4))], None, None),
    ("another issuer", [_k("vn/ubnd-tinh-lang-son/2016/CT/01", date=date(2016, 3, 5))], None, None),
    ("another type", [Known("vn/thu-tuong-chinh-phu/2016/CV/01", "1/ct-ttg", "CV", date(2016, 3, 5))], None, None),
    ("two fit", [_k("vn/thu-tuong-chinh-phu/2016/CT/01", date=date(2016, 3, 5)),
                 _k("vn/thu-tuong-chinh-phu/2019/CT/01", year=2019)], "ambiguous", None),
    ("one fits, one may (year unknown)", [_k("vn/thu-tuong-chinh-phu/2016/CT/01", date=date(2016, 3, 5)),
                                           _k("vn/thu-tuong-chinh-phu/x/CT/01")], "ambiguous", None),
    ("the citing document's own year, no dates", [_k("vn/thu-tuong-chinh-phu/2020/CT/01", year=2020)], "inferred",
     "vn/thu-tuong-chinh-phu/2020/CT/01"),
])
def test_decide(why, known, status, target):
    v = decide(REF, known)
    assert (v.status, v.target) == (status, target), why


def test_decide_ambiguous_citation_keeps_to_its_candidates():
    ref = Reference("d/cites/56-kh-ubnd", "56/kh-ubnd", "d", "KH", year=2020,
                    candidates=("vn/ubnd-tp-lang-son/2020/KH/56", "vn/ubnd-tinh-lang-son/2020/KH/56"),
                    citing_date=date(2020, 5, 1), citing_year=2020)
    one = [Known("vn/ubnd-tinh-lang-son/2020/KH/56", "56/kh-ubnd", "KH", date(2020, 4, 1)),
           Known("vn/ubnd-tinh-lang-son/2019/KH/56", "56/kh-ubnd", "KH", date(2019, 4, 1)),
           Known("vn/ubnd-huyen-x/2020/KH/56", "56/kh-ubnd", "KH", date(2020, 4, 1))]
    assert decide(ref, one).target == "vn/ubnd-tinh-lang-son/2020/KH/56"


def test_link_keys_ignore_leading_zeros():
    assert link_key("01/CT-TTg") == link_key("1/ct-ttg") == link_key("001/CT-TTg")
    assert set(stored_keys(link_key("1/CT-TTg"))) == {"1/ct-ttg", "01/ct-ttg", "001/ct-ttg"}
