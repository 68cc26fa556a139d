"""The Streamlit explorer, page by page, with AppTest against the seeds ingested into
the real embedded store (fixture `app_store`)."""
from __future__ import annotations

import json
import os
import re
from datetime import date

import pytest
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from app_server import MARKDOWN_DOC, OFFSITE
from paths import REPO
from vbgraph_app.fmt import WORD_JOINER

APP = str(REPO / "vbgraph_app" / "main.py")  # the pages app.py serves behind its login gate
NOTICE_DATE = date(2020, 4, 3)


@pytest.fixture(scope="module", autouse=True)
def open_app(tmp_path_factory):
    """The app as `make run` serves it on a machine with no users: loopback, open."""
    from vbgraph_app import access

    before = st_config.get_option("server.address")
    st_config.set_option("server.address", "127.0.0.1")
    env = {"VBGRAPH_USERS": str(tmp_path_factory.mktemp("nousers") / "users.json"),
           "VBGRAPH_DATA": str(tmp_path_factory.mktemp("appdata"))}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    for cached in (access.settings, access.users, access.sessions):
        cached.cache_clear()
    yield env
    for k, v in saved.items():
        os.environ.pop(k, None) if v is None else os.environ.__setitem__(k, v)
    for cached in (access.settings, access.users, access.sessions):
        cached.cache_clear()
    st_config.set_option("server.address", before)


def run(**params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown(markdown: str) -> str:
    """Markdown source as read on screen: the backslash escapes and word joiners of
    `fmt.md_text` undone."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace(WORD_JOINER, "")


def text_of(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [s.value for s in at.subheader]
    return shown("\n".join(parts))


def days_of(column) -> list[date | None]:
    """The days of a dataframe's datetime column (the register's "Hạn"), None for no deadline."""
    return [None if v is None or v != v else v.date() for v in column]  # NaT != NaT


def graphs(at: AppTest) -> list[dict]:
    """The graph component's arguments (elements, layout …) as sent to the browser."""
    return [json.loads(el.proto.json_args) for el in at.get("component_instance")]


@pytest.fixture(scope="module")
def ids(app_store) -> dict[str, str]:
    def one(cypher: str, **params) -> str:
        rows = app_store.read(cypher, **params)
        assert len(rows) == 1, rows
        return rows[0]["id"]

    return {
        "kl": one("MATCH (n:Instrument {symbol: '2318/KL-TTr'}) RETURN n.id AS id"),
        "kh": one("MATCH (n:Instrument {symbol: '56/KH-UBND'}) RETURN n.id AS id"),
        "notice": one("MATCH (n:Instrument) WHERE n.date = $d AND n.has_text RETURN n.id AS id", d=NOTICE_DATE),
        "thanh_tra": one("MATCH (t:Task)-[:ASSIGNED_TO]->(a:Agency) WHERE a.name STARTS WITH 'Thanh tra' "
                         "AND t.text CONTAINS '56/KH-UBND' RETURN DISTINCT a.id AS id"),
    }


def test_search_symbol_lenient(ids):
    for q in ("2318/KL-TTr", "2318/kl-ttr", "2318 / KL - TTr"):
        at = run(page="tim-kiem", q=q)
        assert shown(at.markdown[0].value).startswith("**Kết luận 2318/KL-TTr**"), q
    at = run(page="tim-kiem", q="56/kh-ubnd")
    assert "**Kế hoạch 56/KH-UBND**" in shown(at.markdown[0].value)
    assert "01/04/2020 · UBND tỉnh Lạng Sơn" in shown(at.markdown[0].value)


def test_search_subject_issuer_dates(ids):
    at = run(page="tim-kiem", q="to chuc trien khai ket luan thanh tra")  # subject words, no diacritics
    assert "Kế hoạch 56/KH-UBND" in text_of(at)
    at = run(page="tim-kiem", issuer="ubnd tinh lang son")
    assert "Kế hoạch 56/KH-UBND" in text_of(at) and "**Kết luận 2318/KL-TTr**" not in text_of(at)
    at = run(page="tim-kiem", **{"from": "2019-12-01", "to": "2019-12-31"})
    assert "Kết luận 2318/KL-TTr" in text_of(at) and "56/KH-UBND**" not in text_of(at)


def test_search_filters_sort_and_pages(ids, monkeypatch):
    """Type, year and loaded / only cited filters, newest or oldest first, and pages of
    PAGE_SIZE results with Trang sau / Trang trước (the page in the URL, back to the first
    on a new search)."""
    from vbgraph_app.views import search as view

    def titles(at):
        return [shown(m.value).split("**")[1] for m in at.markdown if shown(m.value).startswith("**")]

    every = titles(run(page="tim-kiem", issuer="ubnd"))
    plans = titles(run(page="tim-kiem", issuer="ubnd", loai="Kế hoạch"))
    assert plans and all(t.startswith("Kế hoạch") for t in plans) and len(plans) < len(every)
    assert "Kế hoạch 56/KH-UBND" in titles(run(page="tim-kiem", issuer="ubnd", nam="2020"))
    assert not [t for t in titles(run(page="tim-kiem", issuer="ubnd", nam="2019")) if "56/KH-UBND" in t]
    loaded = titles(run(page="tim-kiem", issuer="ubnd", nap="da-nap"))
    cited = titles(run(page="tim-kiem", issuer="ubnd", nap="chi-vien-dan"))
    assert loaded and cited and not set(loaded) & set(cited) and len(loaded) + len(cited) == len(every)
    dated = run(page="tim-kiem", issuer="ubnd", xep="cu-nhat")
    days = [shown(m.value).split("  \n")[1][:10] for m in dated.markdown if shown(m.value).startswith("**")]
    days = [date(int(d[6:]), int(d[3:5]), int(d[:2])) for d in days if d[2:3] == "/"]
    assert len(days) >= 3 and days == sorted(days)

    monkeypatch.setattr(view, "PAGE_SIZE", 3)
    at = run(page="tim-kiem", issuer="ubnd")
    first = titles(at)
    assert len(first) == 3 and "trang 1/" in text_of(at)
    next(b for b in at.button if b.label == "Trang sau →").click().run()
    second = titles(at)
    assert at.query_params["trang"] == "2" and len(second) == 3 and not set(first) & set(second)
    next(b for b in at.button if b.label == "← Trang trước").click().run()
    assert titles(at) == first and "trang" not in at.query_params
    at = run(page="tim-kiem", issuer="ubnd", trang="2")
    assert titles(at) == second


def test_search_form_and_open_buttons(ids):
    at = run(page="tim-kiem")
    at.text_input(key="qp_q").set_value("2318/KL-TTr")
    at.button[0].click().run()  # the form's "Tìm"
    assert at.query_params["q"] == "2318/KL-TTr"
    trace = next(b for b in at.button if b.label == "Truy vết")
    trace.click().run()
    assert at.query_params["page"] == "truy-vet" and at.query_params["id"] == ids["kl"]
    assert "Gốc: Kết luận 2318/KL-TTr" in text_of(at)


def test_document_fields_edges_text_tasks(ids):
    at = run(page="van-ban", id=ids["notice"])
    table = at.table[0].value
    values = [shown(v) for v in table["Giá trị"]]
    assert "03/04/2020" in values and "UBND thành phố Lạng Sơn" in values
    body = text_of(at)
    assert "Thực hiện" in [e.label.split(" (")[0] for e in at.expander]
    assert "Kế hoạch 56/KH-UBND" in body
    # evidence sentence of the IMPLEMENTS edge
    assert "Kế hoạch số 56/KH-UBND ngày 01/4/2020" in body
    html_text = next(m.value for m in at.markdown if 'class="vb-text"' in m.value)
    assert html_text.count("<mark>") >= 3
    assert f'href="?page=van-ban&amp;id={ids["kh"].replace("/", "%2F")}"' in html_text
    tasks = next(d.value for d in at.dataframe if "Đơn vị chủ trì" in d.value.columns)
    assert any(str(a).startswith("Thanh tra") for a in tasks["Đơn vị chủ trì"])
    assert any("06/04/2020" in str(d) for d in tasks["Hạn"])


def test_document_validity_apart_from_citation_status(ids):
    """The notice (a TB that states no effective day) is in force from its signing; its
    "Tình trạng hiệu lực" is a row of its own, apart from the citation status; the
    "Lược đồ" counts its bases, and 2318/KL-TTr's citers."""
    at = run(page="van-ban", id=ids["notice"])
    fields = {shown(k): shown(v) for k, v in zip(at.table[0].value["Thuộc tính"], at.table[0].value["Giá trị"])}
    assert fields["Tình trạng hiệu lực"].startswith("Còn hiệu lực (ngày ")
    assert "có hiệu lực từ ngày ký 03/04/2020 (văn bản không nêu ngày hiệu lực)" in fields["Tình trạng hiệu lực"]
    assert "Trạng thái trích dẫn (nhận dạng văn bản)" in fields and "Trạng thái" not in fields
    scheme = next(d.value for d in at.dataframe if "Nhóm" in d.value.columns)
    groups = dict(zip(scheme["Nhóm"], scheme["Văn bản này → văn bản khác"]))
    assert list(scheme["Nhóm"])[:3] == ["Căn cứ", "Hướng dẫn, quy định chi tiết", "Sửa đổi, bổ sung"]
    assert int(groups["Căn cứ"]) >= 1
    at = run(page="van-ban", id=ids["kl"])
    scheme = next(d.value for d in at.dataframe if "Nhóm" in d.value.columns)
    cited = dict(zip(scheme["Nhóm"], scheme["Văn bản khác → văn bản này"]))["Được viện dẫn bởi"]
    assert int(cited) >= 1


def test_document_incoming_edges(ids):
    at = run(page="van-ban", id=ids["kl"])
    assert any(e.label.startswith("Được thực hiện bởi") for e in at.expander)
    assert "Kế hoạch 56/KH-UBND" in text_of(at)


def test_trace_down_from_directive(ids):
    at = run(page="truy-vet", id=ids["kl"])
    body = text_of(at)
    assert "##### Cấp 1 — 1 văn bản" in body and "##### Cấp 2 — 1 văn bản" in body
    assert "Kế hoạch 56/KH-UBND" in body
    assert "Thông báo /TB-UBND ngày 03/04/2020" in body and "03/04/2020 · UBND thành phố Lạng Sơn" in body
    assert "Thanh tra" in body  # the notice's tasks are listed under it
    (graph,) = graphs(at)
    node_ids = {n["data"]["id"] for n in graph["elements"]["nodes"]}
    assert {ids["kl"], ids["kh"], ids["notice"]} <= node_ids
    assert graph["layout"]["name"] == "breadthfirst" and graph["layout"]["roots"] == [ids["kl"]]
    assert {e["data"]["label"] for e in graph["elements"]["edges"]} == {"Thực hiện"}


def test_trace_up_and_filters(ids):
    at = run(page="truy-vet", id=ids["notice"], dir="up")
    body = text_of(at)
    assert body.index("Kế hoạch 56/KH-UBND") < body.index("Kết luận 2318/KL-TTr")
    at = run(page="truy-vet", id=ids["notice"], dir="up", depth="1")
    assert "Kết luận 2318/KL-TTr" not in text_of(at)
    at = run(page="truy-vet", id=ids["kl"], rels="AMENDS")
    assert "Cấp 1" not in text_of(at)


def test_explorer_expand_filters_cap(ids):
    at = run(page="do-thi", id=ids["kh"])
    (graph,) = graphs(at)
    node_ids = {n["data"]["id"] for n in graph["elements"]["nodes"]}
    assert {ids["kh"], ids["kl"], ids["notice"]} <= node_ids
    assert graph["events"][0]["event_type"] == "click"
    # the notice opened (as a click does): its neighbours join, capped
    at = run(page="do-thi", id=ids["kh"], open=ids["notice"], cap="3")
    (graph,) = graphs(at)
    assert len(graph["elements"]["nodes"]) <= 1 + 3 + 3
    at = run(page="do-thi", id=ids["kh"], open=ids["notice"], labels="Instrument")
    (graph,) = graphs(at)
    assert {n["data"]["label"] for n in graph["elements"]["nodes"]} == {"Văn bản"}
    assert [b.label for b in at.get("download_button")] == ["Tải GraphML", "Tải GEXF", "Tải JSONL"]


def test_shortest_path(ids):
    at = run(page="do-thi", from_q="2318/KL-TTr", to_q="56/kh-ubnd")
    assert "Đường đi dài 1 bước." in [s.value for s in at.success]
    graph = graphs(at)[-1]
    assert {n["data"]["id"] for n in graph["elements"]["nodes"]} == {ids["kl"], ids["kh"]}


def test_tasks_by_agency_and_overdue(ids):
    at = run(page="nhiem-vu", agency=ids["thanh_tra"])
    table = at.dataframe[0].value
    assert len(table) >= 1 and set(table["Đơn vị"]) == {table["Đơn vị"][0]}
    assert any("56/KH-UBND" in t for t in table["Nhiệm vụ"])
    assert list(table.columns) == ["Hạn", "Đơn vị", "Nhiệm vụ", "Văn bản giao", "Cơ quan ban hành", "Tình trạng",
                                   "Liên kết"]
    assert set(table["Tình trạng"]) <= {"Quá hạn", "Chưa có hạn"}  # as of today, a 2020 task is late
    assert "UBND thành phố Lạng Sơn" in set(table["Cơ quan ban hành"])
    assert {"Tải CSV", "Tải Excel (.xlsx)", "Tải báo cáo in (HTML)"} <= {b.label for b in at.get("download_button")}
    late = run(page="nhiem-vu", agency=ids["thanh_tra"], overdue="2020-04-10").dataframe[0].value
    assert any(d == date(2020, 4, 6) for d in days_of(late["Hạn"]))  # a real date: the column sorts by it
    assert set(late["Tình trạng"]) == {"Quá hạn"}
    early = run(page="nhiem-vu", agency=ids["thanh_tra"], overdue="2020-04-01")
    assert not early.dataframe or date(2020, 4, 6) not in days_of(early.dataframe[0].value["Hạn"])
    assert early.query_params["overdue"] == "2020-04-01"
    assert set(table["Đơn vị"]) == {"Thanh tra thành phố Lạng Sơn"}  # with its jurisdiction


def test_unit_picker_finds_units_typed_without_accents(ids):
    """'thanh tra thanh pho' (no diacritics, any case) leaves the city's Thanh tra among the
    units; the places come by level (province before city); a place narrows the units."""
    at = run(page="nhiem-vu")
    everyone = at.selectbox(key="qp_agency").options[1:]  # as shown (AppTest: formatted)
    at.text_input(key="qp_unit_q").set_value("THANH TRA thanh pho").run()
    typed = at.selectbox(key="qp_agency").options[1:]
    assert typed and len(typed) < len(everyone) and all("Thanh tra" in t or "thanh tra" in t for t in typed), typed
    assert any(t.startswith("Thanh tra thành phố Lạng Sơn (") for t in typed), typed
    assert at.query_params["unit_q"] == "THANH TRA thanh pho"
    labels = at.selectbox(key="qp_place").options[1:]
    levels = [label.split(" · ")[0] for label in labels]
    assert levels == sorted(levels, key=["Trung ương", "Cấp tỉnh", "Cấp huyện", "Cấp xã"].index), labels
    assert "Cấp huyện · thành phố Lạng Sơn" in labels, labels
    city = run(page="nhiem-vu", place="thành phố Lạng Sơn").selectbox(key="qp_agency").options[1:]
    assert city and len(city) < len(everyone) and all("Lạng Sơn" in u for u in city), city


def test_explorer_counts_more_find_and_legend(ids):
    """'hiện 1 trong số N nút lân cận' with a button that shows more; the legend names the
    kinds and relations shown, in Vietnamese; 'Tìm trong đồ thị' finds a node shown by its
    symbol typed in lower case and selects it."""
    at = run(page="do-thi", id=ids["kh"], cap="1")
    counts = [shown(c.value) for c in at.caption if "trong số" in c.value]
    assert counts and "hiện 1 trong số " in counts[0], counts
    total = int(counts[0].split("trong số ")[1].split()[0].rstrip("+"))
    assert total > 1
    legend = next(h.proto.body for h in at.get("html") if "Chú giải" in h.proto.body)
    assert "Văn bản" in legend and "Instrument" not in legend
    at.button(key="ex_more").click().run()
    assert at.number_input(key="qp_cap").value == 2 and at.query_params["cap"] == "2"
    assert len(graphs(at)[0]["elements"]["nodes"]) > len(graphs(run(page="do-thi", id=ids["kh"], cap="1"))[0]["elements"]["nodes"])
    at = run(page="do-thi", id=ids["kh"])
    at.text_input(key="ex_find").set_value("2318/kl-ttr").run()
    found = [b for b in at.button if b.label.startswith("Kết luận 2318/KL-TTr")]
    assert found
    found[0].click().run()
    assert at.query_params["sel"] == ids["kl"]


def test_cypher_console(ids):
    at = run(page="cypher", cypher="MATCH (a:Instrument)-[r:IMPLEMENTS]->(b:Instrument) RETURN a, r, b LIMIT 20")
    assert not at.dataframe and not graphs(at)  # the link filled the editor only
    at.button(key="cy_run").click().run()
    assert not at.error and len(at.dataframe[0].value) >= 2
    (graph,) = graphs(at)
    assert ids["kl"] in {n["data"]["id"] for n in graph["elements"]["nodes"]}
    assert "Tải CSV" in [b.label for b in at.get("download_button")]
    at.run()  # any other rerun shows the same result, without running the query again
    assert len(at.dataframe[0].value) >= 2
    at.text_area(key="qp_cypher").set_value("MATCH (n:Agency) RETURN n.name AS name LIMIT 3").run()
    assert not at.dataframe  # an edited query shows no stale result
    bad = run(page="cypher", cypher="MATCH (n) DETACH DELETE n")
    bad.button(key="cy_run").click().run()
    refusal = shown(bad.error[0].value) if bad.error else ""
    assert refusal.startswith("Câu truy vấn bị từ chối: bảng truy vấn chỉ đọc: không được dùng DETACH"), refusal


def test_cypher_link_never_runs_on_load(app_store, ids):
    """A shared link fills the editor; nothing runs until Chạy is pressed, `run=1` or not,
    and no link the app shows carries `run=1`."""
    count = "MATCH (n) RETURN count(n) AS c"
    before = app_store.read(count)[0]["c"]
    for cypher in ("RETURN 1 AS x", "MATCH (n) DETACH DELETE n"):
        at = run(page="cypher", cypher=cypher, run="1")
        assert at.text_area(key="qp_cypher").value == cypher
        assert not at.dataframe and not at.error, cypher
        assert "run" not in at.query_params
        share = next(c.value for c in at.caption if "Liên kết chia sẻ" in c.value)
        assert "run=" not in share and "cypher=" in share
    assert app_store.read(count)[0]["c"] == before
    at.button(key="cy_run").click().run()  # pressed: the guard refuses the write
    assert at.error and app_store.read(count)[0]["c"] == before
    assert shown(run(page="tim-kiem", q="2318/KL-TTr").markdown[0].value).startswith("**Kết luận 2318/KL-TTr**")


def test_cypher_saved_query_examples(ids):
    at = run(page="cypher")
    names = at.selectbox(key="cy_example").options
    assert any(n.startswith("implementers") for n in names)
    at.selectbox(key="cy_example").select_index(
        next(i for i, n in enumerate(names) if n.startswith("implements_chain"))).run()
    assert "MATCH" in at.text_area(key="qp_cypher").value


def test_escaped_document_text(app_store, tmp_path):
    """A document with <script> shows it as text (escaped), never as markup."""
    from graph.ingest import ingest

    evil = tmp_path / "evil.txt"
    evil.write_text("Số: 99/TB-UBND\n\nTP. Lạng Sơn, ngày 05 tháng 4 năm 2020\n\nTHÔNG BÁO\n\n"
                    "Về <script>alert('x')</script> <img src=x onerror=alert(1)>\n\n"
                    "Thực hiện Kế hoạch số 56/KH-UBND ngày 01/4/2020 của UBND tỉnh.\n", encoding="utf-8")
    ingest([evil], app_store, progress=False)
    rows = app_store.read("MATCH (n:Instrument) WHERE n.text CONTAINS 'alert' RETURN n.id AS id")
    from vbgraph_app import repo
    repo.node.clear()
    at = run(page="van-ban", id=rows[0]["id"])
    page_html = next(m.value for m in at.markdown if 'class="vb-text"' in m.value)
    assert "&lt;script&gt;" in page_html and "<script" not in page_html and "<img" not in page_html
    assert all("<script" not in m.value for m in at.markdown)
    (graph,) = graphs(run(page="do-thi", id=rows[0]["id"]))
    assert not any("<" in str(v) for n in graph["elements"]["nodes"] for v in n["data"].values())


def test_deep_links_open_every_page(ids):
    """Every view opens from its URL alone (page speed is measured in bench/bench_app.py,
    never asserted here)."""
    at = run(page="truy-vet", id=ids["kl"], depth="3")
    assert any("Liên kết chia sẻ" in c.value and "page=truy-vet" in c.value for c in at.caption)
    for params in (dict(page="tim-kiem", q="56/kh-ubnd"), dict(page="van-ban", id=ids["notice"]),
                   dict(page="truy-vet", id=ids["kl"]), dict(page="do-thi", id=ids["kh"]),
                   dict(page="nhiem-vu"), dict(page="nap")):
        at = run(**params)
        assert not at.exception, (params, at.exception)
        assert at.title or at.header or at.subheader, params


def test_ingest_summary_lists_rejected(app_store, tmp_path):
    from graph.ingest import ingest

    bad = tmp_path / "hong.pdf"
    bad.write_bytes(b"%PDF-1.4 not really a pdf")
    summary = ingest([bad], app_store, progress=False)
    assert summary.rejected

    def page(summary, tmp):
        from vbgraph_app.views.ingest import show_summary
        show_summary(summary, tmp)

    at = AppTest.from_function(page, kwargs={"summary": summary, "tmp": str(tmp_path)}).run()
    assert not at.exception
    rejected = at.dataframe[0].value
    assert list(rejected["Tệp"]) == ["hong.pdf"] and rejected["Lý do"][0] == "không phải tệp PDF hợp lệ"
    assert rejected["Chi tiết kỹ thuật"][0].startswith("not a PDF")
    assert "1 bị từ chối" in at.success[0].value
    full = shown(at.expander[0].markdown[0].value)
    assert "Tệp: 1 đã xem, 0 mới" in full and "Nhiệm vụ: 0 đã ghi" in full


def test_tasks_all_agencies_filters_hold_for_every_row(ids):
    """Nhiệm vụ without an agency: the deadline filters apply to every task listed, the
    limit keeps the earliest (tasks are ordered and limited before their documents are read)."""
    from vbgraph_app import repo

    repo.tasks.clear()
    everything = repo.tasks(None, limit=10_000)
    days = sorted({r["deadline"].date() for r in everything if r.get("deadline")})
    assert len(days) >= 2 and all(r["doc_id"] for r in everything)
    cut = days[1]   # due strictly before the second deadline day: the first day's tasks only
    late = repo.tasks(None, overdue_on=cut.isoformat(), limit=10_000)
    assert late and {r["id"] for r in late} == {r["id"] for r in everything
                                                 if r.get("deadline") and r["deadline"].date() < cut}
    window = repo.tasks(None, due_from=days[0].isoformat(), due_to=days[0].isoformat(), limit=10_000)
    assert {r["id"] for r in window} == {r["id"] for r in late}
    assert repo.tasks(None, due_from=(days[-1].replace(year=days[-1].year + 1)).isoformat()) == []
    keys = [(r["deadline"], r["id"]) for r in everything if r.get("deadline")]
    assert keys == sorted(keys)
    assert [r["id"] for r in repo.tasks(None, limit=2)] == [r["id"] for r in everything[:2]]
    page = run(page="nhiem-vu", overdue=cut.isoformat()).dataframe[0].value
    assert len(page) == len(late) and set(days_of(page["Hạn"])) == {days[0]}


def test_trace_lists_a_capped_number_per_level(ids, monkeypatch):
    """Each level lists at most LIST_PER_LEVEL documents (with their tasks); the graph
    still holds every traced document, and a caption counts the ones not listed."""
    from vbgraph_app.views import trace

    monkeypatch.setattr(trace, "LIST_PER_LEVEL", 0)
    at = run(page="truy-vet", id=ids["kl"])
    body = text_of(at)
    assert "##### Cấp 1 — 1 văn bản" in body and "##### Cấp 2 — 1 văn bản" in body
    assert "Kế hoạch 56/KH-UBND" not in [m.value for m in at.markdown]
    assert sum("1 văn bản khác ở cấp này" in c.value for c in at.caption) == 2
    assert not any(e.label.startswith("Nhiệm vụ") for e in at.expander)
    (graph,) = graphs(at)
    assert {ids["kl"], ids["kh"], ids["notice"]} <= {n["data"]["id"] for n in graph["elements"]["nodes"]}


def test_tasks_page_reads_the_tasks_query(ids):
    """Nhiệm vụ reads queries/tasks.cypher through the runner (deadline windows, or the
    agency's own tasks): for every filter and limit, the rows of its general query (the
    whole sort), in its order."""
    from queries.runner import convert_params, get_query
    from vbgraph_app import app_data, repo
    from vbgraph_app.units import unit_name

    spec = get_query("tasks")
    everything = repo.tasks.__wrapped__(None, limit=10_000)
    days = sorted({r["deadline"].date() for r in everything if r.get("deadline")})
    cases = [{}, {"overdue_on": days[-1].isoformat()}, {"overdue_on": "2000-01-01"},
             {"due_from": days[0].isoformat()}, {"due_to": days[0].isoformat()},
             {"agency_id": ids["thanh_tra"]}, {"agency_id": ids["thanh_tra"], "overdue_on": "2020-04-10"}]
    for case in cases:
        for limit in (1, 2, 10_000):
            got = repo.tasks.__wrapped__(limit=limit, **case)
            want = app_data.get_store().read(spec.cypher, **convert_params(spec, {**case, "limit": limit}))
            assert [(r["id"], r["doc_id"], r["agency"], r["deadline"]) for r in got] == \
                [(r["id"], r["instrument_id"], unit_name(r["agency"], r["agency_full_name"], r["jurisdiction"]),
                  r["deadline"]) for r in want], (case, limit)
    assert everything[-1]["deadline"] is None      # the tasks without a deadline come last


def test_search_index_finds_a_word_in_exactly_the_rows_holding_it():
    """The one-text search index: a word at the start, end and across every row's parts
    is found in exactly the rows a row-by-row scan finds, each once, in index order."""
    from vbgraph_app.repo import SearchIndex

    rows = [{"_words": w, "_sym": s} for w, s in [
        ("dat dai dat", "1/ct-ttg"), ("", ""), ("quan ly", "dat"), ("ke hoach", "56/kh-ubnd"),
        ("datdai", ""), ("thong bao", "d"), ("", "at"), ("cong van dat", "")]]
    index = SearchIndex(rows)
    for word in ("dat", "d", "at", "1/ct", "ubnd", "t", "zz", "a d", "ct-ttg"):
        scan = [r for r in rows if word in r["_words"] or word in r["_sym"]]
        assert index.containing(word) == scan, word
    assert index.rarest(["dat", "ubnd", "a"]) == "ubnd"


# --- document text is shown as text (issue 21, point 4) -------------------------------------
_ESCAPED = re.compile(r"\\[!-/:-@\[-`{-~]")
_APP_LINK = re.compile(r"\]\(\?page=[^)\s]*\)")
_OWN_HTML_TAG = re.compile(r"<(?!/?(?:div|a|mark|br)\b)[a-zA-Z/!?]")


def rendered_markdown(at: AppTest) -> list[tuple[str, bool]]:
    """(source, HTML allowed) of everything on the page that Streamlit renders as Markdown."""
    out = [(m.value, bool(m.proto.allow_html)) for m in at.markdown]
    out += [(e.value, False) for kind in ("caption", "title", "header", "subheader", "error", "warning",
                                          "info", "success") for e in at.get(kind)]
    out += [(e.label, False) for kind in ("expander", "button", "tab") for e in at.get(kind)]
    for table in at.table:
        out += [(str(v), False) for col in table.value.columns for v in table.value[col]]
    return out


_SHARE_LINK = re.compile(r"🔗 Liên kết chia sẻ: `http://127\.0\.0\.1:8501/\?page=[^`\s]*`")


def assert_markdown_is_text(at: AppTest) -> None:
    """No document string on the page can render an image, a link, an autolink or HTML: in
    Markdown every punctuation mark of it is escaped; in the one raw-HTML block (the full
    text) it is HTML-escaped on a single line, and the only tags are the app's own."""
    for source, html_allowed in rendered_markdown(at):
        if _SHARE_LINK.fullmatch(source):  # the app's own address, in a code span (no link is made)
            continue
        if html_allowed:
            assert "\n" not in source and not _OWN_HTML_TAG.search(source), source[:300]
            assert all(h.startswith("?page=") for h in re.findall(r'href="([^"]*)"', source)), source[:300]
            continue
        bare = _APP_LINK.sub("]", _ESCAPED.sub("", source))  # the app's own links to its pages go
        for live in (OFFSITE, "](", "![", "<", "www.", "**đậm"):
            assert live not in bare, (live, source)
        # GFM literal autolinks are found in the text as read, escapes undone
        assert not re.search(r"(?i)https?:|www\.|@[-\w]", re.sub(r"\\(.)", r"\1", source)), source


@pytest.fixture
def markdown_graph(store_factory, graph_root, seeds_dir, tmp_path, monkeypatch):
    """The seeds and a document whose subject, citing sentence and task carry Markdown and
    HTML pointing off the machine, in database "app_markdown"; the app reads it."""
    from graph.ingest import ingest
    from vbgraph_app import app_data

    doc = tmp_path / "bieu_mau.txt"
    doc.write_text(MARKDOWN_DOC, encoding="utf-8")
    s = store_factory("app_markdown")
    ingest([seeds_dir, doc], s, progress=False)
    monkeypatch.setenv("VBGRAPH_DB", str(graph_root))
    monkeypatch.setenv("VBGRAPH_DATABASE", "app_markdown")
    monkeypatch.delenv("VBGRAPH_URI", raising=False)
    app_data.clear_caches()
    yield s
    app_data.clear_caches()


def test_document_markdown_shown_as_text(markdown_graph):
    (doc,) = markdown_graph.read("MATCH (n:Instrument {symbol: '412/KH-UBND'}) RETURN n.id AS id, n.subject AS s")
    assert f"![x](http://{OFFSITE}/a.png)" in doc["s"]  # the text itself is stored as written
    (cited,) = markdown_graph.read("MATCH (n:Instrument {symbol: '311/TB-UBND'}) RETURN n.id AS id")
    pages = [dict(page="tim-kiem", q="triển khai biểu mẫu"), dict(page="van-ban", id=doc["id"]),
             dict(page="van-ban", id=cited["id"]), dict(page="truy-vet", id=cited["id"]),
             dict(page="do-thi", id=doc["id"]), dict(page="nhiem-vu")]
    for params in pages:
        at = run(**params)
        assert_markdown_is_text(at)
    search = run(page="tim-kiem", q="triển khai biểu mẫu")
    assert f"[tải biểu mẫu](http://{OFFSITE}/form)" in text_of(search)  # shown, as text
    cited_page = run(page="van-ban", id=cited["id"])
    assert f"![y](http://{OFFSITE}/c.png)" in text_of(cited_page)  # the citing sentence, as text


def test_full_text_without_stray_emphasis_markers(seeds_dir):
    """The city notice (a seed converted by pandoc) shows '(thứ Hai)' and 'TL. CHỦ TỊCH',
    not '(*thứ Hai*)' and '**TL. CHỦ TỊCH'; a citation inside stays marked, at its place;
    a lone asterisk ('(*)' footnotes) is kept."""
    from vbgraph_app.views.document import highlight_html

    text = (seeds_dir / "000_b6f662df1e0bf529.txt").read_text(encoding="utf-8")
    assert "(*thứ Hai*)" in text and "**TL. CHỦ TỊCH" in text
    at = text.index("56/KH-UBND")
    html = highlight_html(text, [{"start": at, "end": at + len("56/KH-UBND"), "id": "x", "relation": "IMPLEMENTS"}])
    assert "(thứ Hai)" in html and "TL. CHỦ TỊCH<br>CHÁNH VĂN PHÒNG" in html and "*" not in html
    assert '<mark>56/KH-UBND</mark>' in html
    assert highlight_html("Ghi chú (*) và 2 * 3", []) == "Ghi chú (*) và 2 * 3"
