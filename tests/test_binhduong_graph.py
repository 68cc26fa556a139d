"""The Bình Dương portal corpus (3,613 real rows) plus the seeds, ingested into the
real embedded store: real chains, amendments landing on loaded documents, statuses."""
from datetime import date, timedelta

import pytest

from graph.ingest import ingest
from queries.runner import run_query

BINHDUONG = "binhduong/vbcddh.jsonl"
CT16 = "vn/thu-tuong-chinh-phu/2020/CT/16"


@pytest.fixture(scope="module")
def bd(store_factory, corpus_dir, seeds_dir):
    store = store_factory("binhduong_graph")
    summary = ingest([str(corpus_dir / BINHDUONG), str(seeds_dir)], store, progress=False)
    return store, summary


def test_every_row_and_seed_is_ingested(bd):
    store, summary = bd
    text = "\n".join(summary.lines())
    assert "3618 seen, 3618 new" in text and "0 rejected" in text, text
    [row] = store.read("MATCH (s:Source) RETURN count(s) AS n")
    assert row["n"] == 3618


def test_same_national_directive_implemented_across_provinces(bd):
    """Chỉ thị 16/CT-TTg: implemented by Bình Dương letters and by a Lạng Sơn letter."""
    store, _ = bd
    implementers = run_query(store, "implementers", id=CT16, hops=2)
    bd_docs = {r["id"] for r in implementers if r["issuer"] == "UBND tỉnh Bình Dương"}
    assert len(bd_docs) >= 2, implementers
    citers = run_query(store, "cited_by", id=CT16)
    issuers = {r["issuer"] for r in citers}
    # 384/UBND-KGVX of Lạng Sơn, stated by the news page ("Theo đó, tiếp tục thực hiện nghiêm
    # Chỉ thị số 16/CT-TTg"), and Bình Dương's own letters meet on one node
    assert {"UBND tỉnh Lạng Sơn", "UBND tỉnh Bình Dương"} <= issuers, citers
    assert "384/UBND-KGVX" in {r["symbol"] for r in citers}


def test_amendments_land_on_the_loaded_documents(bd):
    store, _ = bd
    [row] = store.read(
        "MATCH (a:Instrument)-[r:AMENDS]->(b:Instrument) "
        "RETURN count(r) AS n, sum(CASE WHEN b.has_text THEN 1 ELSE 0 END) AS loaded")
    assert row["n"] >= 80 and row["loaded"] >= 30, row
    # a known pair: decision 1501/QĐ-UBND (2022) amends the province's own 224/QĐ-UBND
    rows = store.read(
        "MATCH (a:Instrument {id: $a})-[:AMENDS]->(b:Instrument {id: $b}) "
        "RETURN b.has_text AS has_text, b.symbol AS symbol",
        a="vn/ubnd-tinh-binh-duong/2022/QĐ/1501", b="vn/ubnd-tinh-binh-duong/2022/QĐ/224")
    assert rows == [{"has_text": True, "symbol": "224/QĐ-UBND"}]
    # and no loaded row got a duplicate node under another id
    [dup] = store.read(
        "MATCH (n:Instrument) WHERE n.has_text = true WITH n.symbol AS s, n.date AS d, count(*) AS c "
        "WHERE c > 1 AND s IS NOT NULL RETURN count(*) AS groups")
    [posted_twice] = store.read(
        "MATCH (s:Source) WITH s.instrument AS i, count(*) AS c WHERE c > 1 RETURN count(*) AS n")
    assert dup["groups"] <= posted_twice["n"] + 5, (dup, posted_twice)


def test_status_counts(bd):
    store, _ = bd
    rows = store.read(
        "MATCH (:Instrument)-[r]->(:Instrument) WHERE r.status IS NOT NULL "
        "RETURN r.status AS status, count(*) AS n")
    counts = {r["status"]: r["n"] for r in rows}
    total = sum(counts.values())
    assert set(counts) <= {"resolved", "ambiguous", "unresolved", "inferred"}
    assert counts["inferred"] >= 10, counts   # year-less citations the link pass linked (graph/links.py)
    assert total >= 600, counts
    assert counts["resolved"] >= 0.75 * total, counts
    assert counts.get("unresolved", 0) > 0, counts  # the corpus does cite what it can't pin down
    # unresolved references are never merged: each is scoped to the document stating it
    merged = store.read(
        "MATCH (:Instrument)-[r]->(n:Instrument) WHERE r.status = 'unresolved' "
        "WITH n, count(DISTINCT r.source_doc) AS docs WHERE docs > 1 RETURN count(n) AS n")
    assert merged == [{"n": 0}]


# ---------------------------------------------------------------- validity (graph/validity.py)

# the portal marks these four "còn hiệu lực một phần"; a later row of the corpus amends each
AMENDED_IN_PART = {   # instrument -> (the amending row, the part it names)
    "vn/ubnd-tinh-binh-duong/2018/QĐ/2741": ("1376/QĐ-UBND", "Điều 2, khoản 1, điểm b"),
    "vn/ubnd-tinh-binh-duong/2018/QĐ/2267": ("665/QĐ-UBND", "Điều 1, khoản 2"),
    "vn/ubnd-tinh-binh-duong/2018/QĐ/887": ("1652/QĐ-UBND", "Điều 1, khoản 2, điểm c"),
    "vn/ubnd-tinh-binh-duong/2017/QĐ/3060": ("348/QĐ-UBND", "Điều 2, Điều 3"),
}


@pytest.mark.parametrize("instrument", sorted(AMENDED_IN_PART))
def test_portal_rows_amended_in_part(bd, instrument):
    store, _ = bd
    [v] = run_query(store, "validity", id=instrument, on="2022-07-20")
    by, pinpoint = AMENDED_IN_PART[instrument]
    assert (v["status"], v["cause"]["relation"], v["cause"]["by"], v["cause"]["pinpoint"]) == (
        "amended_in_part", "AMENDS", by, pinpoint)
    assert v["portal_status"] == "Văn bản còn hiệu lực một phần" and v["portal_agrees"] is True
    # the day before the amending row was signed it was in force, from its own signing (a
    # decision states no day in a portal row: domain/data/validity.yaml from_signing)
    [before] = run_query(store, "validity", id=instrument, on=(v["since"] - timedelta(days=1)).isoformat())
    assert (before["status"], [p["by"] for p in before["pending"]][:1]) == ("in_force", [by])


def test_portal_row_suspended(bd):
    """4435/UBND-NC (04/09/2021) 'tạm hoãn việc triển khai thực hiện công văn số 4395/ubnd-nc
    ngày 03/9/2021': suspended from that day; the portal lists it 'hết hiệu lực'."""
    store, _ = bd
    by_symbol = run_query(store, "validity", symbol="4395/UBND-NC", on="2021-09-04")
    [v] = [r for r in by_symbol if r["id"] == "vn/ubnd-tinh-binh-duong/2021/CV/4395"]
    assert (v["status"], v["since"], v["cause"]["relation"], v["cause"]["by"]) == (
        "suspended", date(2021, 9, 4), "SUSPENDS", "4435/UBND-NC")
    assert "tạm hoãn việc triển khai thực hiện công văn số 4395/ubnd-nc" in v["cause"]["sentence"]
    assert v["portal_status"] == "Văn bản hết hiệu lực" and v["portal_agrees"] is True
    [day_before] = run_query(store, "validity", id=v["id"], on="2021-09-03")
    assert day_before["status"] == "in_force" and day_before["pending"][0]["by"] == "4435/UBND-NC"
