"""Query variants (queries/*.cypher `// variant:` sections): parsing, choice, inlining, and
the same answers as the general query on the seeds."""
from datetime import date

import pytest

from queries.runner import (QuerySpec, Variant, derived, inline, split_variants, convert_params, get_query,
                            list_queries, plan, run_query)


@pytest.fixture(scope="module")
def seeds_store(store_factory, seeds_dir):
    from graph.ingest import ingest

    s = store_factory("queries_variants_seeds")
    ingest([seeds_dir], s, progress=False)
    return s


def canon(rows: list[dict]) -> list[str]:
    return sorted(repr(sorted(r.items())) for r in rows)


# ------------------------------------------------------------------ parsing and choice
def test_variants_parse_and_general_query_stays_runnable_text():
    for spec in list_queries():
        assert "// variant" not in spec.cypher, spec.name      # the console's example = general query
        assert spec.cypher.startswith("// description: ")
        for v in spec.variants:
            assert "{{" not in inline(v.cypher, spec.defaults()), (spec.name, v.name)
            assert "$id IS NULL OR" not in v.cypher and "($id IS NULL AND" not in v.cypher
    names = {s.name: [v.name for v in s.variants] for s in list_queries()}
    assert names["implementers"] == ["direct_by_id", "by_id", "direct_by_symbol", "by_symbol", "nothing"]
    assert names["search"] == ["exact"]
    assert names["tasks"] == ["by_agency_id", "by_agency", "by_deadline", "task_first"]


def test_plan_picks_the_indexed_anchor():
    spec = get_query("implementers")

    def chosen(**p):
        return [name for name, _c, _e in plan(spec, convert_params(spec, p))]

    assert chosen(id="x") == ["direct_by_id", "by_id"]                # 1-hop rows first, unless short
    assert chosen(id="x", symbol="56/KH-UBND") == ["direct_by_id", "by_id"]   # id wins, as in the general query
    assert chosen(symbol="56/KH-UBND") == ["direct_by_symbol", "by_symbol"]
    assert chosen() == ["nothing"]
    t = get_query("tasks")

    def tasks_plan(**p):
        return [(n, rule) for n, _c, rule in plan(t, convert_params(t, p))]

    assert tasks_plan(overdue_on="2022-01-01") == [("by_deadline", None)]       # a bound: every row dated
    assert tasks_plan(overdue_on="2022-01-01", agency="so") == [("by_agency", None)]
    assert tasks_plan(agency_id="vn/x", agency="so") == [("by_agency_id", None)]
    assert tasks_plan(due_to="2022-01-01") == tasks_plan(due_from="2022-01-01") == [("by_deadline", None)]
    assert tasks_plan(due_to="2022-01-01", overdue_on="2021-05-01") == [("by_deadline", None)]
    assert tasks_plan() == [("by_deadline", "short"), ("task_first", None)]   # undated tasks come last
    s = get_query("search")
    assert [n for n, _c, _e in plan(s, convert_params(s, {"symbol": "56/kh"}))] == ["exact", "general"]
    assert [n for n, _c, _e in plan(s, convert_params(s, {"words": "thanh tra"}))] == ["general"]
    sp = get_query("shortest_path")
    assert [n for n, _c, _e in plan(sp, convert_params(sp, {"from_symbol": "a", "to_id": "b"}))] == \
        ["from_symbol_to_id"]
    assert plan(sp, convert_params(sp, {"from_id": "a"}))[0][:2] == ("no_to", None)


def test_hop_bound_is_an_int_clamped_never_text():
    assert inline("*1..{{hops|1..10}}", {"hops": 4}) == "*1..4"
    assert inline("*1..{{hops|1..10}}", {"hops": 99}) == "*1..10"
    assert inline("*1..{{hops|1..10}}", {"hops": -3}) == "*1..1"
    assert inline("*1..{{hops|1..10}}", {"hops": None}) == "*1..1"
    with pytest.raises((TypeError, ValueError)):
        inline("*1..{{hops|1..10}}", {"hops": "4] DETACH DELETE n //"})
    spec = get_query("implementers")
    with pytest.raises(ValueError):
        convert_params(spec, {"hops": "3]-() DETACH DELETE n //"})


def test_names_inline_from_the_listed_ones_only():
    """`{{rels|A|B}}`: the list's names as a label or relation-type filter, in the list's
    order; none: no filter; a name outside the listed ones is refused, never written."""
    pattern = "(n{{label|Instrument|Agency}})-[r{{rels|CITES|IMPLEMENTS|BASED_ON}}*..3]-()"
    assert inline(pattern, {"label": "Agency", "rels": ["BASED_ON", "CITES", "BASED_ON"]}) == \
        "(n:Agency)-[r:BASED_ON|CITES*..3]-()"
    assert inline(pattern, {"label": None, "rels": []}) == "(n)-[r*..3]-()"
    for bad in ({"label": "Agency) DETACH DELETE n //", "rels": []}, {"label": None, "rels": ["CITES]->()//"]},
                {"label": "Person", "rels": []}):
        with pytest.raises(ValueError, match="not one of"):
            inline(pattern, bad)
    spec = get_query("node_edges")
    with pytest.raises(ValueError, match="not one of"):
        plan(spec, convert_params(spec, {"id": "x", "rels": "CITES,SENT_TO]-(m) DETACH DELETE m //"}))


def test_bad_variant_files_are_refused(tmp_path):
    p = tmp_path / "q.cypher"
    text, variants = split_variants(p, "// description: d\n// params: id (str, null)\nRETURN 1 AS x\n"
                                        "// variant: a when id !symbol unless empty\nRETURN 2 AS x\n")
    assert text.strip().endswith("RETURN 1 AS x")
    assert variants == [Variant("a", ("id",), ("symbol",), "RETURN 2 AS x", True)]
    _t, short = split_variants(p, "// description: d\nRETURN 1 AS x\n// variant: s when id unless short\nRETURN 2\n")
    assert short == [Variant("s", ("id",), (), "RETURN 2", False, True)]
    with pytest.raises(ValueError):
        split_variants(p, "RETURN 1\n// variant a id\nRETURN 2\n")
    from queries import runner

    p.write_text("// description: d\n// params: id (str, null)\nRETURN 1 AS x\n// variant: v when nope\nRETURN 2\n")
    with pytest.raises(ValueError):
        runner.parse_query_file(p)
    p.write_text("// description: d\n// params: id (str, null)\nRETURN 1 AS x\n"
                 "// variant: v when id\nMATCH (n)-[*1..{{id|1..3}}]-() RETURN 2\n")
    with pytest.raises(ValueError):
        runner.parse_query_file(p)
    p.write_text("// description: d\n// params: id (str, null), n (int, 1)\nRETURN 1 AS x\n"
                 "// variant: v when id\nMATCH (n{{n|Task}}) RETURN 2\n")
    with pytest.raises(ValueError, match="only str or list parameters inline names"):
        runner.parse_query_file(p)
    p.write_text("// description: d\n// params: id (str, null)\nRETURN 1 AS x\n"
                 "// variant: v when id unless short\nRETURN 2 AS x\n")
    with pytest.raises(ValueError):   # 'unless short' needs a limit parameter
        runner.parse_query_file(p)
    from pathlib import Path

    assert isinstance(runner.parse_query_file(Path(get_query("implementers").path)), QuerySpec)


# ------------------------------------------------------------------ same answers as the general query
def variant_cases(store) -> list[tuple[str, dict]]:
    ids = [r["id"] for r in store.read(
        "MATCH (d:Instrument)-[:IMPLEMENTS|BASED_ON]->(n:Instrument) RETURN n.id AS id, count(d) AS c "
        "ORDER BY c DESC, id LIMIT 3")]
    docs = [r["id"] for r in store.read(
        "MATCH (d:Instrument)-[:IMPLEMENTS|BASED_ON|CITES]->() WHERE d.has_text = true "
        "RETURN DISTINCT d.id AS id ORDER BY id LIMIT 3")]
    cases: list[tuple[str, dict]] = []
    for t in ids:
        cases += [("implementers", {"id": t}), ("implementers", {"id": t, "hops": 1}),
                  ("implementers", {"id": t, "hops": 0}), ("implementers", {"id": t, "hops": 12}),
                  ("cited_by", {"id": t}), ("timeline", {"id": t}), ("gaps", {"id": t, "as_of": "2022-01-01"}),
                  ("validity", {"id": t}), ("validity", {"id": t, "on": "2020-01-01"})]
    for d in docs:
        cases += [("implements_chain", {"id": d}), ("implements_chain", {"id": d, "hops": 1}),
                  ("authorities", {"id": d})]
    for sym in ("2318/KL-TTr", "56/KH-UBND", "16/ct-ttg", "nope/none"):
        cases += [("implementers", {"symbol": sym}), ("implementers", {"symbol": sym, "hops": 2, "limit": 1}),
                  ("cited_by", {"symbol": sym, "since": "2020-01-01"}), ("timeline", {"symbol": sym}),
                  ("implements_chain", {"symbol": sym}), ("authorities", {"symbol": sym}),
                  ("gaps", {"symbol": sym}), ("search", {"symbol": sym}), ("validity", {"symbol": sym})]
    cases += [(n, {}) for n in ("implementers", "cited_by", "gaps", "authorities", "timeline", "implements_chain",
                                "validity")]
    cases += [("shortest_path", {"from_id": ids[0]}), ("shortest_path", {"to_symbol": "56/KH-UBND"}),
              ("shortest_path", {"from_symbol": "56/KH-UBND", "to_symbol": "2318/KL-TTr"}),
              ("shortest_path", {"from_id": docs[0], "to_id": ids[0]}),
              ("shortest_path", {"from_symbol": "56/KH-UBND", "to_id": ids[0]}),
              ("shortest_path", {"from_id": docs[0], "to_symbol": "2318/KL-TTr"}),
              ("tasks", {"agency": "thanh tra"}), ("tasks", {"agency": "phòng", "due_to": "2020-12-31"}),
              ("tasks", {"agency": "ubnd", "overdue_on": "2021-05-01", "limit": 3}), ("tasks", {"agency": "zzz"}),
              ("tasks", {"limit": 2}), ("tasks", {"overdue_on": "2020-04-07"}),
              ("tasks", {"overdue_on": "2021-01-01", "due_from": "2020-04-06", "limit": 3}),
              ("tasks", {"due_from": "2020-04-06", "due_to": "2020-04-30"}), ("tasks", {"overdue_on": "2000-01-01"}),
              ("tasks", {"limit": 10_000}),
              ("shortest_path", {"from_id": docs[0], "to_id": ids[0], "rels": "IMPLEMENTS,BASED_ON"}),
              ("shortest_path", {"from_id": docs[0], "to_id": ids[0], "rels": [], "hops": 3})]
    agency = store.read("MATCH (t:Task)-[:ASSIGNED_TO]->(a:Agency) RETURN a.id AS id, count(t) AS n "
                        "ORDER BY n DESC, id LIMIT 1")[0]["id"]
    cases += [("tasks", {"agency_id": agency}), ("tasks", {"agency_id": agency, "overdue_on": "2020-04-07"}),
              ("tasks", {"agency_id": agency, "agency": "zzz"}), ("tasks", {"agency_id": "vn/nope"})]
    for i in ids[:2] + docs[:1]:
        cases += [("node", {"id": i}), ("node", {"id": i, "label": "Instrument"}), ("node", {"id": i, "label": "Task"}),
                  ("node_edges", {"id": i, "label": "Instrument"}), ("node_edges", {"id": i}),
                  ("node_edges", {"id": i, "label": "Instrument", "rels": "IMPLEMENTS,ISSUED_BY,ASSIGNS"})]
    cases += [("node", {"id": agency, "label": "Agency"}), ("node_edges", {"id": agency, "label": "Agency"}),
              ("node", {}), ("node_edges", {}), ("instruments", {}), ("instruments", {"symbol": "56/kh-ubnd"}),
              ("instruments", {"symbol": "nope/none"}),
              ("trace_level", {"down_from": ids, "rels": "IMPLEMENTS"}), ("trace_level", {"down_from": ids}),
              ("trace_level", {"up_from": docs, "rels": "IMPLEMENTS,BASED_ON,CITES"}),
              ("trace_level", {"down_from": ids, "up_from": docs}), ("trace_level", {}),
              ("nodes_page", {"label": "Agency"}), ("nodes_page", {"label": "Task", "skip": 5, "limit": 10})]
    return cases


def test_every_variant_gives_the_general_answer(seeds_store):
    seen: set[tuple[str, str]] = set()
    for name, params in variant_cases(seeds_store):
        spec = get_query(name)
        values = convert_params(spec, params)
        want = derived(spec, seeds_store.read(spec.cypher, **values), values)
        got = run_query(seeds_store, name, **params)
        if name == "shortest_path":  # equally short paths may differ
            assert [r["hops"] for r in got] == [r["hops"] for r in want], (name, params)
        else:
            assert canon(got) == canon(want), (name, params)
        seen.update((name, c[0]) for c in plan(spec, values))
    for spec in list_queries():
        for v in spec.variants:
            assert (spec.name, v.name) in seen, f"variant {spec.name}.{v.name} never exercised"


def test_undated_tasks_follow_the_windows_of_dated_ones(seeds_store):
    """No date given: `tasks` reads the dated tasks in deadline windows; when they do not
    fill the limit, the tasks without a deadline (last in the order) come from task_first."""
    rec = RecordingStore(seeds_store)
    rows = run_query(rec, "tasks", limit=10_000)
    undated = [r for r in rows if r["deadline"] is None]
    assert undated and len(undated) < len(rows) and rows[len(rows) - len(undated):] == undated
    assert any("window_from" in p for _c, p in rec.calls)           # the windows were read first
    dated = len(rows) - len(undated)
    rec.calls.clear()
    assert run_query(rec, "tasks", limit=dated) == rows[:dated]      # the windows alone fill it
    assert all("window_floor" in p or "window_from" in p for _c, p in rec.calls)


def test_unless_short_gives_way_when_the_limit_is_not_filled(seeds_store):
    """2318/KL-TTr: one implementer at 1 hop (56/KH-UBND), one at 2. limit 1: the 1-hop
    variant fills it and answers; limit 2: it cannot (no rows), so the full walk answers."""
    spec = get_query("implementers")
    one = run_query(seeds_store, "implementers", symbol="2318/KL-TTr", limit=1)
    both = run_query(seeds_store, "implementers", symbol="2318/KL-TTr", limit=2)
    assert [r["symbol"] for r in one] == ["56/KH-UBND"] and [r["hops"] for r in both] == [1, 2]
    assert both[:1] == one
    values = convert_params(spec, {"symbol": "2318/KL-TTr", "limit": 2})
    (name, cypher, rule), *_ = plan(spec, values)
    assert name == "direct_by_symbol" and rule == "short"
    assert seeds_store.read(cypher, **values) == []   # 1 implementer at 1 hop < limit 2: no rows, the next runs
    for lim in (1, 2, 5):
        values = convert_params(spec, {"symbol": "2318/KL-TTr", "limit": lim})
        assert run_query(seeds_store, "implementers", symbol="2318/KL-TTr", limit=lim) == \
            seeds_store.read(spec.cypher, **values)


def test_search_exact_symbol_first_then_contains(seeds_store):
    exact = run_query(seeds_store, "search", symbol="56/KH-UBND")
    assert exact and {r["symbol"] for r in exact} == {"56/KH-UBND"}
    partial = run_query(seeds_store, "search", symbol="56/KH")      # no exact hit: every symbol containing it
    spec = get_query("search")
    assert canon(partial) == canon(seeds_store.read(spec.cypher, **convert_params(spec, {"symbol": "56/KH"})))
    assert "56/KH-UBND" in {r["symbol"] for r in partial}
    assert run_query(seeds_store, "search", symbol="56/KH-UBND", until=date(2000, 1, 1).isoformat()) == []


# ------------------------------------------------------------------ a generated corpus: many implementers, ties, limits
@pytest.fixture(scope="module")
def gen_store(store_factory, tmp_path_factory):
    """400 generated documents (bench.generate, seed 1: multi-hop chains, tasks with
    deadlines) ingested into their own database of the session server."""
    from bench.generate import write_corpus
    from graph.ingest import ingest

    out = tmp_path_factory.mktemp("gen400")
    write_corpus(out, 400, seed=1)
    s = store_factory("queries_variants_gen")
    ingest(sorted(out.glob("part-*.jsonl")), s, progress=False)
    return s


def _top_implemented(store, n: int = 2) -> list[dict]:
    return store.read("MATCH (d:Instrument)-[:IMPLEMENTS|BASED_ON]->(n:Instrument) "
                      "RETURN n.id AS id, n.symbol AS symbol, count(d) AS c ORDER BY c DESC, id LIMIT $n", n=n)


def _min_hops(store, root: str, hops: int) -> dict[str, int]:
    """Fewest IMPLEMENTS/BASED_ON steps from each document to `root`, by a BFS in Python."""
    up: dict[str, set[str]] = {}
    for r in store.read("MATCH (a:Instrument)-[:IMPLEMENTS|BASED_ON]->(b:Instrument) RETURN a.id AS a, b.id AS b"):
        up.setdefault(r["b"], set()).add(r["a"])
    seen, frontier = {root: 0}, [root]
    for h in range(1, hops + 1):
        frontier = [d for n in frontier for d in up.get(n, ()) if d not in seen]
        frontier = list(dict.fromkeys(frontier))
        seen.update((d, h) for d in frontier)
    # a document that also reaches the root by a cycle through it keeps its own fewest steps
    return {d: h for d, h in seen.items() if d != root}


def test_generated_variants_give_the_general_answer(gen_store):
    top = _top_implemented(gen_store)
    cases: list[tuple[str, dict]] = []
    for t in top:
        for hops in (1, 2, 5):
            for limit in (3, 40, 100_000):
                cases.append(("implementers", {"id": t["id"], "hops": hops, "limit": limit}))
        cases.append(("implementers", {"symbol": t["symbol"], "hops": 5, "limit": 25}))
    for as_of in ("2017-01-01", "2019-06-30", "2022-01-01"):
        cases += [("tasks", {"overdue_on": as_of, "limit": 30}), ("tasks", {"overdue_on": as_of, "limit": 100_000})]
    cases += [("tasks", {"limit": 15}), ("tasks", {"due_from": "2018-01-01", "due_to": "2018-12-31", "limit": 40}),
              ("tasks", {"overdue_on": "2022-01-01", "due_from": "2019-01-01", "limit": 20})]
    answered_short = 0   # cases the 1-hop variant answered alone (it filled the limit)
    for name, params in cases:
        spec = get_query(name)
        values = convert_params(spec, params)
        want = gen_store.read(spec.cypher, **values)
        got = run_query(gen_store, name, **params)
        assert got == want, (name, params, plan(spec, values)[0][0])  # same rows, same order, same paths
        first, cypher, rule = plan(spec, values)[0]
        if name == "implementers" and rule == "short" and len(gen_store.read(cypher, **values)) >= values["limit"]:
            answered_short += 1
    assert answered_short >= 2


def test_generated_implementers_fewest_hops_paths_and_limit(gen_store):
    (top, *_rest) = _top_implemented(gen_store, 1)
    full = run_query(gen_store, "implementers", id=top["id"], hops=5, limit=100_000)
    truth = _min_hops(gen_store, top["id"], 5)
    assert len(full) > 20 and {r["id"]: r["hops"] for r in full} == truth   # each implementer once, fewest hops
    assert [(r["hops"], str(r["date"]), r["id"]) for r in full] == \
        sorted((r["hops"], str(r["date"]), r["id"]) for r in full)
    assert len({r["hops"] for r in full}) >= 3
    for r in full:
        assert len(r["path"]) == r["hops"] + 1 and len(r["relations"]) == r["hops"]
        assert r["path"][0] == (r["symbol"] or r["id"]) and r["path"][-1] == top["symbol"]
        assert set(r["relations"]) <= {"IMPLEMENTS", "BASED_ON"} and r["target_id"] == top["id"]
    for k in (1, 7, 20):   # the limit keeps the first rows of the full answer
        assert run_query(gen_store, "implementers", id=top["id"], hops=5, limit=k) == full[:k]
    assert run_query(gen_store, "implementers", id=top["id"], hops=5, limit=7) == \
        run_query(gen_store, "implementers", id=top["id"], hops=5, limit=7)   # ties broken the same way


def test_generated_tasks_overdue_all_agencies(gen_store):
    everything = gen_store.read("MATCH (:Instrument)-[:ASSIGNS]->(t:Task) "
                                "RETURN DISTINCT t.id AS id, t.deadline AS deadline, t.deadline_date AS day")
    as_of = date(2019, 6, 30)
    late = sorted((r["deadline"], r["id"]) for r in everything if r["day"] is not None and r["day"] < as_of)
    assert len(late) > 60
    rows = run_query(gen_store, "tasks", overdue_on=as_of.isoformat(), limit=100_000)
    # every overdue task, by deadline then id (one row per assignee), none due on or after the day
    assert list(dict.fromkeys(r["id"] for r in rows)) == [i for _d, i in late]
    assert all(r["deadline"].date() < as_of and r["instrument_id"] for r in rows)
    first = run_query(gen_store, "tasks", overdue_on=as_of.isoformat(), limit=50)
    assert [r["id"] for r in first] == [r["id"] for r in rows[:50]]


class RecordingStore:
    """The real store, with each read's parameters kept (to see which windows were read)."""

    def __init__(self, store):
        self.store, self.calls = store, []

    def read(self, cypher, **params):
        self.calls.append((cypher, params))
        return self.store.read(cypher, **params)


def test_overdue_reads_deadline_windows_first_ones_first(gen_store):
    """`tasks` overdue reads windows of Task.deadline_date from the earliest overdue task:
    a window that fills the limit answers; one that does not widens (30 days, then 4x);
    past the latest deadline the window holds every overdue task. Each answer is the
    general query's, rows and order."""
    from datetime import timedelta

    spec = get_query("tasks")
    (window,) = [v.window for v in spec.variants if v.window]
    assert (window.label, window.prop, window.bounds, window.days, window.factor) == \
        ("Task", "deadline_date", ((">=", "due_from"), ("<=", "due_to"), ("<", "overdue_on")), 30, 4)
    days = sorted(r["d"] for r in gen_store.read(
        "MATCH (t:Task) WHERE t.deadline_date < $b RETURN t.deadline_date AS d", b=date(2022, 1, 1)))
    first = days[0]
    (overdue,) = [v for v in spec.variants if v.window]
    rows_30 = len(gen_store.read(overdue.cypher, **convert_params(spec, {"overdue_on": "2022-01-01", "limit": 100_000}),
                                 window_from=first, window_to=first + timedelta(days=30)))
    assert 0 < rows_30 and days[-1] >= first + timedelta(days=120)
    for limit, windows in ((max(1, rows_30 // 2), 1), (rows_30 + 1, 2), (100_000, None)):
        rec = RecordingStore(gen_store)
        got = run_query(rec, "tasks", overdue_on="2022-01-01", limit=limit)
        want = gen_store.read(spec.cypher, **convert_params(spec, {"overdue_on": "2022-01-01", "limit": limit}))
        assert got == want, limit
        reads = [p for _c, p in rec.calls if "window_from" in p]
        assert all(p["window_from"] == first for p in reads)
        assert [(p["window_to"] - first).days for p in reads][:2] == [30, 120][:len(reads)]
        if windows:
            assert len(reads) == windows, (limit, reads)
        else:  # read until the window passed the latest overdue deadline
            assert reads[-1]["window_to"] > days[-1]
            assert len(reads) == 1 or reads[-2]["window_to"] <= days[-1]
    assert run_query(gen_store, "tasks", overdue_on="1990-01-01") == []   # nothing overdue: no window read


def test_bad_window_lines_are_refused(tmp_path):
    from queries import runner

    head = "// description: d\n// params: day (date, null), n (int, 5), limit (int, 10)\nRETURN 1 AS x\n"
    p = tmp_path / "w.cypher"
    for bad in ("// window: Task.deadline_date < $n, 30 days x4",      # not a date bound
                "// window: Task.deadline_date < $nope, 30 days x4",   # no such parameter
                "// window: Task.deadline_date < $day, 30 days x1",    # no widening
                "// window: Task.deadline_date > $day, 30 days x4",    # not the form
                "// window: Task.deadline_date < $day, 30 days x4\n// window: Task.d < $day, 1 days x2"):
        p.write_text(head + "// variant: v when day\n" + bad + "\nRETURN 2 AS x\n")
        with pytest.raises(ValueError, match="window"):
            runner.parse_query_file(p)
    p.write_text(head + "// variant: v when day\n// windows below: a comment, not a directive\n"
                 "// window: Task.deadline_date < $day, 30 days x4\nRETURN 2 AS x\n")
    assert runner.parse_query_file(p).variants[0].window == \
        runner.Window("Task", "deadline_date", (("<", "day"),), 30, 4)
    p.write_text(head + "// variant: v when n\n// window: Task.deadline_date, 7 days x2\nRETURN 2 AS x\n")
    w = runner.parse_query_file(p).variants[0].window
    assert w.bounds == () and not w.bounded({"day": date(2020, 1, 1)})
    assert "n.deadline_date >= $window_floor" in w.edge("min", {})
