"""The task register (vbgraph_app/register.py): its status rule, its rows and exports, on
the seeds as ingested into the real store."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from vbgraph_app import register
from vbgraph_app.register import DUE_SOON, DUE_SOON_DAYS, NO_DEADLINE, OPEN, OVERDUE, status

AS_OF = date(2020, 4, 6)

STATUS_TABLE = [
    # deadline                         as of   status
    (None,                             AS_OF, NO_DEADLINE),
    ("",                               AS_OF, NO_DEADLINE),
    (datetime(2020, 4, 5, 23, 59),     AS_OF, OVERDUE),      # the day before: late
    (date(2019, 12, 31),               AS_OF, OVERDUE),
    (datetime(2020, 4, 6, 14, 0),      AS_OF, DUE_SOON),     # the as-of day itself: not yet late
    (datetime(2020, 4, 6),             AS_OF, DUE_SOON),
    ("2020-04-13",                     AS_OF, DUE_SOON),     # DUE_SOON_DAYS after: still soon
    ("2020-04-14T08:00:00",            AS_OF, OPEN),         # one day more: open
    (date(2021, 1, 1),                 AS_OF, OPEN),
    ("không rõ",                       AS_OF, NO_DEADLINE),  # text that is no date
]


@pytest.mark.parametrize("deadline, as_of, expected", STATUS_TABLE)
def test_status(deadline, as_of, expected):
    assert status(deadline, as_of) == expected


def test_due_soon_window_is_the_named_constant():
    assert DUE_SOON_DAYS == 7
    edge = date.fromordinal(AS_OF.toordinal() + DUE_SOON_DAYS)
    assert status(edge, AS_OF) == DUE_SOON
    assert status(date.fromordinal(edge.toordinal() + 1), AS_OF) == OPEN


def test_base_url(monkeypatch):
    monkeypatch.delenv(register.BASE_URL_ENV, raising=False)
    assert register.base_url() == register.DEFAULT_BASE_URL == "http://127.0.0.1:8501/"
    assert register.base_url("http://10.0.0.5:8501/?page=nhiem-vu") == "http://10.0.0.5:8501/?page=nhiem-vu"
    assert register.absolute("?page=van-ban&id=x", register.base_url("http://10.0.0.5:8501/?page=nhiem-vu")) \
        == "http://10.0.0.5:8501/?page=van-ban&id=x"
    monkeypatch.setenv(register.BASE_URL_ENV, "https://vbgraph.so-tp.gov.vn/explorer")
    assert register.absolute("?page=van-ban&id=x", register.base_url("http://127.0.0.1:8501/")) \
        == "https://vbgraph.so-tp.gov.vn/explorer/?page=van-ban&id=x"


def test_iso_deadline():
    assert register.iso_deadline(None) == ""
    assert register.iso_deadline(datetime(2020, 4, 6)) == "2020-04-06"
    assert register.iso_deadline(datetime(2020, 4, 6, 14, 0)) == "2020-04-06T14:00"


@pytest.fixture(scope="module")
def seeds_register(store_factory, seeds_dir):
    """The register of every seeds task, as the `tasks` query gives them, as of AS_OF."""
    from graph.ingest import ingest
    from queries.runner import run_query

    s = store_factory("register_seeds")
    ingest([seeds_dir], s, progress=False)
    tasks = [register.from_query(r) for r in run_query(s, "tasks", limit=10_000)]
    return s, register.rows(tasks, AS_OF)


def test_register_rows_on_the_seeds(seeds_register):
    _, rows = seeds_register
    assert rows and all(tuple(r) == register.COLUMNS for r in rows)
    thanh_tra = [r for r in rows if r["Đơn vị"].startswith("Thanh tra") and r["Hạn"] == datetime(2020, 4, 6, 14, 0)]
    assert thanh_tra, [(r["Đơn vị"], r["Hạn"]) for r in rows]
    row = thanh_tra[0]
    assert row["Tình trạng"] == DUE_SOON and row["Văn bản giao"].startswith("Thông báo")
    assert row["Cơ quan ban hành"] == "UBND thành phố Lạng Sơn"
    assert row["Liên kết"].startswith("?page=van-ban&id=")
    for r in rows:
        assert r["Tình trạng"] == status(r["Hạn"], AS_OF)
        assert (r["Hạn"] is None) == (r["Tình trạng"] == NO_DEADLINE)


def test_csv_rows_iso_and_absolute(seeds_register, monkeypatch):
    import csv
    import io

    from vbgraph_app.export import csv_bytes

    monkeypatch.delenv(register.BASE_URL_ENV, raising=False)
    _, rows = seeds_register
    text = csv_bytes(register.csv_rows(rows, register.base_url())).decode("utf-8-sig")
    read = list(csv.DictReader(io.StringIO(text)))
    assert list(read[0]) == list(register.COLUMNS)
    assert "2020-04-06T14:00" in {r["Hạn"] for r in read}
    for r in read:
        assert r["Hạn"] == "" or date.fromisoformat(r["Hạn"][:10])
        assert r["Liên kết"].startswith("http://127.0.0.1:8501/?page=van-ban&id=")


def test_xlsx_on_the_seeds(seeds_register, tmp_path, monkeypatch):
    from openpyxl import load_workbook

    monkeypatch.delenv(register.BASE_URL_ENV, raising=False)
    _, rows = seeds_register
    path = tmp_path / "r.xlsx"
    path.write_bytes(register.xlsx_bytes(rows, register.base_url()))
    ws = load_workbook(path).active
    assert ws.title == "Nhiệm vụ" and [c.value for c in ws[1]] == list(register.COLUMNS)
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref
    body = list(ws.iter_rows(min_row=2))
    assert len(body) == len(rows)
    for cells, row in zip(body, rows):
        assert cells[0].value == row["Hạn"]
        assert cells[0].value is None or cells[0].is_date
        assert cells[5].value == row["Tình trạng"]
    timed = next(c[0] for c in body if c[0].value == datetime(2020, 4, 6, 14, 0))
    assert timed.number_format == "dd/mm/yyyy hh:mm"
    assert any(c[0].number_format == "dd/mm/yyyy" for c in body if c[0].value and c[0].value.hour == 0) \
        or all(c[0].value is None or c[0].value.hour for c in body)


def test_xlsx_text_is_text(tmp_path):
    """Document text is shown as text: '=…' is no formula, control characters go."""
    from openpyxl import load_workbook

    from vbgraph_app.xlsx import workbook_bytes

    evil = '=HYPERLINK("http://example.com","x")'
    path = tmp_path / "t.xlsx"
    path.write_bytes(workbook_bytes([{"Nhiệm vụ": evil, "Ghi chú": "a\x07b", "Ngày": date(2020, 4, 3)}]))
    ws = load_workbook(path).active
    assert ws["A2"].value == evil and ws["A2"].data_type == "s"
    assert ws["B2"].value == "ab" and ws["C2"].is_date and ws["C2"].number_format == "dd/mm/yyyy"


def test_report_html_on_the_seeds(seeds_register):
    from vbgraph_app import report

    _, rows = seeds_register
    page = report.report_html(rows, AS_OF, "http://127.0.0.1:8501/", made_on=date(2020, 4, 7))
    assert page.startswith("<!DOCTYPE html>") and '<html lang="vi">' in page
    assert "<h1>BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ</h1>" in page and "Tính đến ngày 06/04/2020" in page
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page and "Ngày 07 tháng 04 năm 2020" in page
    assert "size: A4" in page and "counter(page)" in page and "counter(pages)" in page
    groups = report.by_unit(rows)
    assert sum(len(items) for _, items in groups) == len(rows) == page.count("<td class=n>")
    headings = [f"<h2>{report.roman(k)}. " for k in range(1, len(groups) + 1)]
    positions = [page.index(h) for h in headings]
    assert positions == sorted(positions)
    thanh_tra = next(items for unit, items in groups if unit.startswith("Thanh tra"))
    assert any(r["Hạn"] == datetime(2020, 4, 6, 14, 0) for r in thanh_tra)
    assert "14h00 06/04/2020" in page and 'href="http://127.0.0.1:8501/?page=van-ban&amp;id=' in page


def test_report_escapes_document_text():
    from vbgraph_app import report

    evil = '<script>alert(1)</script><img src=x onerror=alert(2)> & "q"'
    rows = register.rows([{"action": evil, "agency": "<b>Phòng</b>", "doc_symbol": "1/KH-<i>", "doc_type_name": "Kế hoạch",
                           "doc_issuer": "<u>UBND</u>", "doc_id": 'x"><script>', "deadline": None}], AS_OF)
    page = report.report_html(rows, AS_OF, "http://127.0.0.1:8501/")
    body = page[page.index("</style>"):]
    assert "<script" not in body and "<img" not in body and "<b>" not in body and "<u>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body and "&lt;b&gt;Phòng&lt;/b&gt;" in body
    assert "Chưa có hạn" in body


def test_roman():
    from vbgraph_app.report import roman

    assert [roman(n) for n in (1, 4, 9, 14, 40, 1990)] == ["I", "IV", "IX", "XIV", "XL", "MCMXC"]
