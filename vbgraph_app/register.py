"""The task register (Sổ theo dõi nhiệm vụ): one row per task, as an inspector reads it.

Pure (no Streamlit): the app's Nhiệm vụ page, its CSV / Excel / print exports and
`vbgraph query tasks --format xlsx` all shape their rows here, from rows shaped like
`vbgraph_app.repo.tasks` (or the raw `tasks` query rows, through `from_query`).

Status ("Tình trạng") is one rule, `status`: a task is overdue when its deadline day is
before the as-of day, due soon within DUE_SOON_DAYS after it, and so on. "Đã hoàn thành"
is not among the statuses: the graph records no later document reporting a task done
(a Task has ASSIGNS / ASSIGNED_TO / COORDINATES_WITH / FOR_INSTRUMENT, nothing else), so
no row can be said to be done.
"""
from __future__ import annotations

import os
from datetime import date, datetime, time
from typing import Any
from urllib.parse import urljoin

from vbgraph_app.fmt import instrument_title, link

DUE_SOON_DAYS = 7  # "Sắp đến hạn": due on the as-of day or within this many days after it

OVERDUE, DUE_SOON, OPEN, NO_DEADLINE = "Quá hạn", "Sắp đến hạn", "Còn hạn", "Chưa có hạn"
STATUSES = (OVERDUE, DUE_SOON, OPEN, NO_DEADLINE)

DEADLINE, UNIT, TASK, DOCUMENT, ISSUER, STATUS, LINK = (
    "Hạn", "Đơn vị", "Nhiệm vụ", "Văn bản giao", "Cơ quan ban hành", "Tình trạng", "Liên kết")
COLUMNS = (DEADLINE, UNIT, TASK, DOCUMENT, ISSUER, STATUS, LINK)

# where the app is served, for absolute links in exports: VBGRAPH_BASE_URL when set
# (an office server behind a proxy), else the address the browser used, else this
BASE_URL_ENV = "VBGRAPH_BASE_URL"
DEFAULT_BASE_URL = "http://127.0.0.1:8501/"


def _as_datetime(value: Any) -> datetime | None:
    """A deadline (datetime, date, ISO text or a driver temporal) as a naive datetime."""
    if value in (None, ""):
        return None
    if hasattr(value, "to_native"):
        value = value.to_native()
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return datetime.combine(value, time())
    try:
        return datetime.fromisoformat(str(value).strip()).replace(tzinfo=None)
    except ValueError:
        return None


def status(deadline: Any, as_of: date) -> str:
    """The register's status of a task due `deadline` (None: no deadline), as of `as_of`.

    Days only, as the overdue filter reads them: due the as-of day itself is not late."""
    due = _as_datetime(deadline)
    if due is None:
        return NO_DEADLINE
    days = (due.date() - as_of).days
    if days < 0:
        return OVERDUE
    return DUE_SOON if days <= DUE_SOON_DAYS else OPEN


def base_url(seen: str | None = None) -> str:
    """The app's own address for absolute links: VBGRAPH_BASE_URL, else `seen` (the URL the
    browser used, `st.context.url`), else DEFAULT_BASE_URL."""
    url = os.environ.get(BASE_URL_ENV) or seen or DEFAULT_BASE_URL
    return url if url.endswith("/") or "?" in url else url + "/"


def absolute(relative: str, base: str) -> str:
    """A relative app link (`?page=…`) made absolute against `base`."""
    return urljoin(base, relative)


def from_query(r: dict) -> dict:
    """A raw `tasks` query row (queries/tasks.cypher) in the shape of `repo.tasks`."""
    return {"id": r.get("id"), "action": r.get("task"), "deadline": r.get("deadline"),
            "deadline_text": r.get("deadline_text"), "agency_id": r.get("agency_id"), "agency": r.get("agency"),
            "doc_id": r.get("instrument_id"), "doc_symbol": r.get("instrument"), "doc_type_name": r.get("type"),
            "doc_date": r.get("date"), "doc_issuer": r.get("issuer")}


def rows(tasks: list[dict], as_of: date) -> list[dict]:
    """Register rows (COLUMNS) of tasks shaped like `repo.tasks`: the deadline a datetime
    (None when the text gives none), the link relative to the app."""
    out = []
    for t in tasks:
        due = _as_datetime(t.get("deadline"))
        out.append({
            DEADLINE: due,
            UNIT: t.get("agency") or "",
            TASK: t.get("action") or "",
            DOCUMENT: instrument_title({"symbol": t.get("doc_symbol"), "type_name": t.get("doc_type_name"),
                                        "date": t.get("doc_date")}),
            ISSUER: t.get("doc_issuer") or "",
            STATUS: status(due, as_of),
            LINK: link("van-ban", id=t.get("doc_id")),
        })
    return out


def iso_deadline(due: datetime | None) -> str:
    """yyyy-mm-dd, or yyyy-mm-ddThh:mm when the deadline has an hour; '' when none."""
    if due is None:
        return ""
    return due.date().isoformat() if due.time() == time() else due.strftime("%Y-%m-%dT%H:%M")


def for_export(register: list[dict], base: str) -> list[dict]:
    """Register rows for CSV / Excel: links absolute against `base` (deadlines stay
    datetimes; `csv_rows` writes them ISO)."""
    return [{**r, LINK: absolute(r[LINK], base)} for r in register]


XLSX_WIDTHS = {DEADLINE: 17, UNIT: 30, TASK: 70, DOCUMENT: 28, ISSUER: 28, STATUS: 14, LINK: 40}


def xlsx_bytes(register: list[dict], base: str) -> bytes:
    """The register as an Excel workbook: Vietnamese headers, deadlines as date cells,
    links absolute against `base` (vbgraph_app/xlsx.py)."""
    from vbgraph_app.xlsx import workbook_bytes

    return workbook_bytes(for_export(register, base), sheet="Nhiệm vụ", widths=XLSX_WIDTHS, columns=list(COLUMNS))


def csv_rows(register: list[dict], base: str) -> list[dict]:
    """Register rows for CSV: deadlines ISO (`iso_deadline`), links absolute."""
    return [{**r, DEADLINE: iso_deadline(r[DEADLINE])} for r in for_export(register, base)]
