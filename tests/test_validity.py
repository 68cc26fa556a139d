"""Validity on a date (graph/validity.py through queries/validity.cypher), the inspectors'
query of documents resting on a lapsed instrument (queries/lapsed_bases.cypher) and ELI's
in-force terms in the RDF export, on real gazette rows ingested into the embedded store:
Bộ luật Lao động 45/2019/QH14 (congbao_400.jsonl line 263: "Bộ luật Lao động số 10/2012/QH13
hết hiệu lực thi hành kể từ ngày Bộ luật này có hiệu lực", in force from 01/01/2021) and
Nghị định 145/2020/NĐ-CP (line 256, 14/12/2020, "Căn cứ Bộ luật Lao động ngày 18 tháng 6
năm 2012" among its bases). The Bình Dương cases are in test_binhduong_graph.py."""
from __future__ import annotations

from datetime import date

import pytest
from rdflib import RDFS, XSD, Literal, URIRef

from domain.validity import portal_agrees
from graph.ingest import ingest
from graph.rdf import ELI, VBG, node_iri, to_rdf, vocabulary
from graph.validity import Act, Facts, assess
from queries.dump import read_graph
from queries.runner import run_query

LINES = (256, 263)   # 145/2020/NĐ-CP, 45/2019/QH14
BLLD_2012, BLLD_2019 = "vn/quoc-hoi/2012/QH13/10", "vn/quoc-hoi/2019/QH14/45"
ND_145 = "vn/chinh-phu/qppl/2020/NĐ/145"


@pytest.fixture(scope="module")
def labour(store_factory, corpus_dir, tmp_path_factory):
    rows = (corpus_dir / "congbao" / "congbao_400.jsonl").read_text(encoding="utf-8").split("\n")
    path = tmp_path_factory.mktemp("labour") / "labour.jsonl"
    path.write_text("\n".join(rows[n - 1] for n in LINES) + "\n", encoding="utf-8")
    store = store_factory("validity_labour")
    ingest([str(path)], store, progress=False)
    return store


def _one(store, **params) -> dict:
    [v] = run_query(store, "validity", **params)
    return v


def test_replaced_from_the_day_the_new_code_takes_effect(labour):
    v = _one(labour, id=BLLD_2012, on="2021-06-01")
    assert (v["status"], v["since"], v["label"]) == ("replaced", date(2021, 1, 1), "Hết hiệu lực (bị thay thế)")
    cause = v["cause"]
    assert (cause["relation"], cause["by"], cause["day"], cause["day_basis"]) == (
        "REPLACES", "45/2019/QH14", date(2021, 1, 1), "stated")
    assert "hết hiệu lực thi hành kể từ ngày Bộ luật này có hiệu lực" in cause["sentence"]
    # the day before, the act is pending and the corpus does not say when 10/2012 took effect
    before = _one(labour, symbol="10/2012/QH13", on="2020-12-31")
    assert before["status"] == "unknown"
    assert ("REPLACES", "45/2019/QH14", "stated") in {(p["relation"], p["by"], p["day_basis"]) for p in before["pending"]}


def test_the_new_code_is_not_yet_in_force_before_its_day(labour):
    assert _one(labour, id=BLLD_2019, on="2020-06-01")["status"] == "not_yet_in_force"
    v = _one(labour, symbol="45/2019/qh14", on="2021-01-01")      # the symbol is matched folded
    assert (v["status"], v["in_force_from"]) == ("in_force", date(2021, 1, 1))
    assert v["basis"].startswith("stated: ") and "01 tháng 01 năm 2021" in v["basis"]


def test_validity_answers_nothing_without_an_instrument(labour):
    assert run_query(labour, "validity", on="2021-06-01") == []
    assert run_query(labour, "validity", symbol="999/2099/QH99") == []


def test_lapsed_bases_lists_the_decree_resting_on_the_replaced_code(labour):
    rows = run_query(labour, "lapsed_bases", on="2021-06-01")
    mine = [r for r in rows if r["id"] == ND_145 and r["instrument_id"] == BLLD_2012]
    assert [(r["relation"], r["lapsed_on"], r["cause"], r["after_lapse"]) for r in mine] == [
        ("BASED_ON", date(2021, 1, 1), "REPLACES 45/2019/QH14", False)]   # issued before it lapsed
    assert not [r for r in run_query(labour, "lapsed_bases", on="2020-12-31") if r["instrument_id"] == BLLD_2012]


def test_rdf_export_carries_eli_in_force_terms(labour):
    nodes, edges = read_graph(labour)
    g = to_rdf(nodes, edges, on=date(2021, 6, 1))
    old, new = node_iri("Instrument", BLLD_2012), node_iri("Instrument", BLLD_2019)
    assert (old, ELI.in_force, ELI["InForce-notInForce"]) in g
    assert (old, ELI.date_no_longer_in_force, Literal("2021-01-01", datatype=XSD.date)) in g
    assert (old, VBG.validityStatus, Literal("replaced")) in g
    assert (new, ELI.in_force, ELI["InForce-inForce"]) in g
    assert (new, ELI.first_date_entry_in_force, Literal("2021-01-01", datatype=XSD.date)) in g
    assert (new, ELI.repeals, old) in g and (new, VBG.replaces, old) in g
    # every vbg: term of this real graph is documented in vi and en
    vocab = vocabulary()
    used = {t for triple in g for t in triple if isinstance(t, URIRef) and str(t).startswith(str(VBG))}
    missing = [str(t) for t in sorted(used)
               if not {(p, lang) for p in (RDFS.label, RDFS.comment) for lang in ("vi", "en")}
               <= {(p, o.language) for p in (RDFS.label, RDFS.comment) for o in vocab.objects(t, p)}]
    assert not missing, f"document these in graph/data/vbgraph_vocab.ttl: {missing}"


# ---------------------------------------------------------------- the rules, on the real acts' shapes

def _facts(**kw) -> Facts:
    return Facts(id="x", symbol="x", family="normative", date=date(2020, 1, 1), has_text=True, **kw)


def _act(relation: str, day: date | None, in_part: bool = False) -> Act:
    return Act(relation, "by", "by", day, "stated" if day else "unknown", in_part)


ON = date(2022, 1, 1)


@pytest.mark.parametrize("facts,acts,status", [
    (_facts(effective_from=date(2020, 2, 1)), [], "in_force"),
    (_facts(effective_from=date(2023, 1, 1)), [], "not_yet_in_force"),
    (_facts(effective_from=date(2020, 2, 1), expires_on=date(2021, 12, 31)), [], "expired"),
    # an EXTENDS act since its expiry keeps it in force
    (_facts(effective_from=date(2020, 2, 1), expires_on=date(2021, 6, 30)), [_act("EXTENDS", date(2021, 7, 1))],
     "in_force"),
    (_facts(effective_from=date(2020, 2, 1)), [_act("REPEALS", date(2021, 1, 1))], "repealed"),
    (_facts(effective_from=date(2020, 2, 1)), [_act("ANNULS", date(2021, 1, 1))], "repealed"),
    (_facts(effective_from=date(2020, 2, 1)), [_act("REPLACES", date(2021, 1, 1))], "replaced"),
    (_facts(effective_from=date(2020, 2, 1)), [_act("REPLACES", date(2023, 1, 1))], "in_force"),   # pending
    (_facts(effective_from=date(2020, 2, 1)), [_act("SUSPENDS", date(2021, 1, 1))], "suspended"),
    (_facts(effective_from=date(2020, 2, 1)), [_act("REPEALS", date(2021, 1, 1), in_part=True)], "partly_in_force"),
    (_facts(effective_from=date(2020, 2, 1)), [_act("AMENDS", date(2021, 1, 1))], "amended_in_part"),
    (_facts(effective_from=date(2020, 2, 1),
            provisions=[{"kind": "expiry", "day": "2021-01-01", "provision": "Điều 5"}]), [], "partly_in_force"),
    # a normative text that states no day: the corpus does not say
    (_facts(), [], "unknown"),
    # an administrative one takes effect on signing (domain/data/validity.yaml: from_signing)
    (Facts(id="x", family="administrative", date=date(2020, 1, 1), has_text=True), [], "in_force"),
    # the earlier of an expiry and a repeal decides
    (_facts(effective_from=date(2020, 2, 1), expires_on=date(2020, 6, 30)), [_act("REPEALS", date(2021, 1, 1))],
     "expired"),
])
def test_first_rule_that_holds(facts, acts, status):
    assert assess(facts, acts, ON).status == status


def test_portal_claims_compare_folded():
    assert portal_agrees("Văn bản còn hiệu lực một phần", "amended_in_part") is True
    assert portal_agrees("van ban dang co hieu luc", "repealed") is False
    assert portal_agrees("Văn bản hết hiệu lực", "suspended") is True   # the portal has no "ngưng hiệu lực"
    assert portal_agrees(": ", "in_force") is None and portal_agrees(None, "in_force") is None

