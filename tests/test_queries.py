"""The named queries on the seeds, ingested into the real embedded store."""
from datetime import date, datetime

import pytest

from graph.store import CITING
from queries.runner import convert, get_query, list_queries, run_query

NOTICE_DATE = date(2020, 4, 3)


@pytest.fixture(scope="module")
def seeds_store(store_factory, seeds_dir):
    from graph.ingest import ingest

    s = store_factory("queries_seeds")
    ingest([seeds_dir], s, progress=False)
    return s


def test_every_query_has_header_and_runs(seeds_store):
    specs = list_queries()
    assert {s.name for s in specs} >= {
        "implementers", "implements_chain", "cited_by", "authorities", "tasks", "unresolved",
        "most_cited", "shortest_path", "timeline", "search", "gaps"}
    for spec in specs:
        assert spec.cypher.startswith("// description: ") and spec.description
        assert spec.cypher.splitlines()[1].startswith("// mô tả: ") and spec.description_vi
        assert "// params:" in spec.cypher.splitlines()[2]
        run_query(seeds_store, spec.name)  # defaults only: runs, whatever it returns


def test_param_conversion():
    assert convert(get_query("search").params[0], "56/kh-ubnd") == "56/kh-ubnd"
    sym = next(p for p in get_query("search").params if p.name == "symbol")
    assert convert(sym, "10/2020/NĐ-CP") == convert(sym, "10/2020/nd-cp ") == "10/2020/nd-cp"
    since = next(p for p in get_query("search").params if p.name == "since")
    assert convert(since, "2020-04-01") == date(2020, 4, 1)
    with pytest.raises(ValueError):
        run_query(None, "search", nope=1)
    with pytest.raises(ValueError):
        convert(since, "not a date")


def test_implementers_chain_of_2318(seeds_store):
    rows = run_query(seeds_store, "implementers", symbol="2318/KL-TTr")
    by_symbol = {r["symbol"]: r for r in rows}
    plan = by_symbol["56/KH-UBND"]
    assert plan["issuer"] == "UBND tỉnh Lạng Sơn" and plan["date"] == date(2020, 4, 1) and plan["hops"] == 1
    notice = next(r for r in rows if r["date"] == NOTICE_DATE)
    assert notice["issuer"] == "UBND thành phố Lạng Sơn"
    assert notice["path"] == [notice["symbol"], "56/KH-UBND", "2318/KL-TTr"] and notice["hops"] == 2
    assert any(t["deadline"] == datetime(2020, 4, 6, 14, 0) for t in notice["tasks"])
    # lower case, no diacritics, by id: same answer
    assert run_query(seeds_store, "implementers", symbol="2318/kl-ttr") == rows
    assert run_query(seeds_store, "implementers", id=plan["target_id"]) == rows
    assert run_query(seeds_store, "implementers", symbol="2318/KL-TTr", hops=1) == [plan]


def test_implements_chain_up_to_national(seeds_store):
    notice = run_query(seeds_store, "implementers", symbol="2318/KL-TTr")[-1]
    rows = run_query(seeds_store, "implements_chain", id=notice["id"])
    top = next(r for r in rows if r["symbol"] == "2318/KL-TTr")
    assert top["hops"] == 2 and top["level"] == "national" and top["issuer"] == "Thanh tra Chính phủ"


def test_tasks_of_thanh_tra_thanh_pho(seeds_store):
    for spelling in ("Thanh tra thành phố", "thanh tra thanh pho", "THANH TRA THÀNH PHỐ"):
        rows = run_query(seeds_store, "tasks", agency=spelling)
        assert [r["deadline"] for r in rows] == [datetime(2020, 4, 6, 14, 0)], spelling
        assert rows[0]["date"] == NOTICE_DATE and rows[0]["issuer"] == "UBND thành phố Lạng Sơn"
    assert run_query(seeds_store, "tasks", agency="thanh tra thanh pho", overdue_on="2020-04-07")
    assert not run_query(seeds_store, "tasks", agency="thanh tra thanh pho", overdue_on="2020-04-06")
    assert run_query(seeds_store, "tasks", agency="thanh tra thanh pho", due_from="2020-04-06", due_to="2020-04-06")


def test_search_unresolved_most_cited_timeline(seeds_store):
    hits = run_query(seeds_store, "search", symbol="56/kh-ubnd")
    assert hits[0]["symbol"] == "56/KH-UBND"
    assert run_query(seeds_store, "search", symbol="16/ct-ttg")[0]["symbol"] == "16/CT-TTg"
    assert run_query(seeds_store, "search", words="kết luận thanh tra", symbol="56/KH")
    unresolved = run_query(seeds_store, "unresolved")
    assert unresolved and all(r["cited_by"] >= 1 for r in unresolved)
    assert [r["cited_by"] for r in unresolved] == sorted((r["cited_by"] for r in unresolved), reverse=True)
    top = run_query(seeds_store, "most_cited", limit=3)
    assert len(top) == 3
    timeline = run_query(seeds_store, "timeline", symbol="56/KH-UBND")
    assert any(r["date"] == NOTICE_DATE for r in timeline)
    path = run_query(seeds_store, "shortest_path", from_symbol="56/KH-UBND", to_symbol="2318/KL-TTr")
    assert path and path[0]["hops"] == 1
    notice = run_query(seeds_store, "implementers", symbol="2318/KL-TTr")[-1]
    cited = run_query(seeds_store, "authorities", id=notice["id"])
    assert "56/KH-UBND" in {r["symbol"] for r in cited}
    assert run_query(seeds_store, "cited_by", symbol="56/KH-UBND", since="2020-04-02", until="2020-04-30")
    assert not run_query(seeds_store, "cited_by", symbol="56/KH-UBND", until="2020-01-01")
    gaps = run_query(seeds_store, "gaps", id=notice["id"], as_of="2020-05-01")
    assert any(g["gap"].startswith("overdue") and g["agency"] == "Thanh tra" for g in gaps)


INJECTIONS = ["'", "\"", "//", "}) DETACH DELETE n //", "x' OR 1=1 //", "*/ MATCH (n) DETACH DELETE n /*",
              "\\'; MATCH (n) DETACH DELETE n; //", "$symbol", "`) DETACH DELETE n"]


@pytest.mark.parametrize("evil", INJECTIONS)
def test_injection_through_params_changes_nothing(seeds_store, evil):
    before = seeds_store.counts()
    for name, key in [("search", "symbol"), ("search", "words"), ("tasks", "agency"), ("implementers", "id"),
                      ("implementers", "symbol"), ("cited_by", "issuer"), ("unresolved", "status"),
                      ("gaps", "symbol")]:
        run_query(seeds_store, name, **{key: evil})
    seeds_store.read("MATCH (n:Instrument) WHERE n.symbol = $s RETURN n.id AS id", s=evil)
    assert seeds_store.counts() == before


# ------------------------------------------------------------------ the CLI (in-process, over Bolt)
@pytest.fixture
def cli_env(seeds_store, monkeypatch):
    server = seeds_store.embedded
    monkeypatch.setenv("VBGRAPH_USER", server.user)
    monkeypatch.setenv("VBGRAPH_PASSWORD", server.password)
    return ["--uri", seeds_store.uri, "--database", seeds_store.database]


def test_cli_query_and_cypher(cli_env, capsys):
    import json

    from vbgraph.cli import main

    assert main(["query", "tasks", "-p", "agency=thanh tra thanh pho", "--format", "json", *cli_env]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["deadline"] == "2020-04-06 14:00:00"
    assert main(["query", "implementers", "-p", "symbol=2318/KL-TTr", *cli_env]) == 0
    out = capsys.readouterr().out
    assert "56/KH-UBND" in out and "(2 rows)" in out
    assert main(["query", "search", "-p", "symbol=56/kh-ubnd", "--format", "csv", *cli_env]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("symbol,")
    assert main(["query", "nope", *cli_env]) == 2
    assert main(["query", "search", "-p", "bogus=1", *cli_env]) == 2
    assert main(["cypher", "MATCH (n:Instrument) WHERE n.symbol = $s RETURN n.id AS id", "-p", "s=56/KH-UBND",
                 "--format", "json", *cli_env]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1
    assert main(["cypher", "MATCH (n) DETACH DELETE n", *cli_env]) == 2
    assert "refused" in capsys.readouterr().err
    assert main(["cypher", "MATCH (n RETURN n", *cli_env]) == 1
    assert main(["query", *cli_env]) == 0 and "implementers:" in capsys.readouterr().out


def test_most_cited_and_unresolved_agree_with_the_edges(seeds_store):
    """Both rank by the count the store keeps at write time; it equals the distinct citing
    instruments counted from the edges, and `cited_in` lists real citers."""
    citers: dict[str, set[str]] = {}
    for r in seeds_store.read(f"MATCH (d:Instrument)-[:{CITING}]->(n:Instrument) "
                              "RETURN DISTINCT n.id AS n, coalesce(d.symbol, d.id) AS d"):
        citers.setdefault(r["n"], set()).add(r["d"])
    top = run_query(seeds_store, "most_cited", limit=1000)
    assert {r["id"]: r["cited_by"] for r in top} == {n: len(ds) for n, ds in citers.items()}
    assert [r["cited_by"] for r in top] == sorted((r["cited_by"] for r in top), reverse=True)
    missing = run_query(seeds_store, "unresolved", limit=1000)
    assert missing and all(not r.get("has_text") for r in missing)
    for r in missing:
        assert r["cited_by"] == len(citers[r["id"]])
        assert set(r["cited_in"]) <= citers[r["id"]] and len(r["cited_in"]) == min(5, r["cited_by"])


def test_cli_tasks_xlsx_has_date_cells(cli_env, tmp_path, capsys):
    """`vbgraph query tasks --format xlsx --output F`: the task register as a workbook,
    Vietnamese headers, deadlines as real date cells, absolute links; no --output: one line."""
    from datetime import datetime

    from openpyxl import load_workbook

    from vbgraph.cli import main

    assert main(["query", "tasks", "--format", "xlsx", *cli_env]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--output" in err
    out = tmp_path / "nhiem-vu.xlsx"
    assert main(["query", "tasks", "-p", "agency=thanh tra thanh pho", "-p", "overdue_on=2020-04-10",
                 "--format", "xlsx", "--output", str(out), *cli_env]) == 0
    ws = load_workbook(out).active
    header = [c.value for c in ws[1]]
    assert header == ["Hạn", "Đơn vị", "Nhiệm vụ", "Văn bản giao", "Cơ quan ban hành", "Tình trạng", "Liên kết"]
    deadlines = [row[0] for row in ws.iter_rows(min_row=2)]
    assert deadlines and all(c.is_date for c in deadlines if c.value is not None)
    assert datetime(2020, 4, 6, 14, 0) in [c.value for c in deadlines]
    assert {row[5].value for row in ws.iter_rows(min_row=2)} == {"Quá hạn"}
    links = [row[6] for row in ws.iter_rows(min_row=2)]
    assert all(c.value.startswith("http://127.0.0.1:8501/?page=van-ban&id=") and c.hyperlink for c in links)
    other = tmp_path / "search.xlsx"
    assert main(["query", "search", "-p", "symbol=56/kh-ubnd", "--format", "xlsx", "-o", str(other), *cli_env]) == 0
    sheet = load_workbook(other).active
    cols = [c.value for c in sheet[1]]
    assert "symbol" in cols and sheet.cell(2, cols.index("date") + 1).is_date
