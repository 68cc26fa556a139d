"""The printable report of the task register: one HTML page the user prints (or saves as
PDF) from the browser.

Pure (no Streamlit). A4 portrait, the layout of a Vietnamese administrative report
(Nghị định 30/2020/NĐ-CP, Phụ lục I, loosely: Quốc hiệu and Tiêu ngữ top right with the
day it was made, the title in capitals, "Tính đến ngày dd/mm/yyyy", Times New Roman 13 pt),
then a summary by status and one numbered section per unit, each a table of its tasks.
Page numbers come from CSS `@page` margin boxes (Chromium 131 and later print them).
Every piece of document text is HTML-escaped: it is shown as text, never read as markup.
"""
from __future__ import annotations

from datetime import date, datetime
from html import escape

from vbgraph_app import register
from vbgraph_app.fmt import vn_date, vn_datetime

TITLE = "BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ"
NO_UNIT = "Chưa xác định đơn vị"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))

CSS = """
@page { size: A4 portrait; margin: 20mm 15mm 20mm 30mm;
        @bottom-center { content: "Trang " counter(page) " / " counter(pages);
                         font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", serif; font-size: 11pt; } }
html { font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", serif; font-size: 13pt; color: #000; }
body { margin: 0 auto; max-width: 165mm; line-height: 1.3; }
.head { display: flex; justify-content: space-between; align-items: flex-start; margin-bottom: 8mm; }
.head .left, .head .right { text-align: center; }
.head .left { flex: 1; font-weight: bold; }
.head .right { flex: none; }
.nation { font-weight: bold; font-size: 12pt; white-space: nowrap; }
.motto { font-weight: bold; display: inline-block; border-bottom: 1px solid #000; padding-bottom: 1px; }
.made { font-style: italic; margin-top: 4mm; }
h1 { font-size: 14pt; text-align: center; margin: 0; }
.asof { text-align: center; font-style: italic; margin: 1mm 0 6mm; }
h2 { font-size: 13pt; margin: 6mm 0 2mm; break-after: avoid; }
table { width: 100%; border-collapse: collapse; font-size: 11.5pt; table-layout: fixed; }
col.n { width: 7%; } col.task { width: 44%; } col.doc { width: 22%; } col.due { width: 14%; } col.st { width: 13%; }
th, td { border: 1px solid #000; padding: 1.5mm 2mm; vertical-align: top; text-align: left; }
th { text-align: center; background: #eee; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.n, td.due, td.st { text-align: center; }
.overdue { font-weight: bold; }
a { color: inherit; text-decoration: none; }
.summary td:last-child { text-align: right; }
.summary { width: auto; margin: 0 0 4mm; table-layout: auto; }
.note { font-size: 11pt; font-style: italic; }
@media screen { body { padding: 15mm; } }
"""


def roman(n: int) -> str:
    """1 -> I, 4 -> IV, 14 -> XIV (the sections of an administrative report)."""
    out = ""
    for value, digits in _ROMAN:
        while n >= value:
            out, n = out + digits, n - value
    return out


def by_unit(rows: list[dict]) -> list[tuple[str, list[dict]]]:
    """Register rows grouped by unit, units in alphabetical order (the unnamed last), each
    group in deadline order (no deadline last)."""
    groups: dict[str, list[dict]] = {}
    for r in rows:
        groups.setdefault(r[register.UNIT] or NO_UNIT, []).append(r)
    order = sorted(groups, key=lambda u: (u == NO_UNIT, u.casefold()))
    due = lambda r: (r[register.DEADLINE] is None, r[register.DEADLINE] or datetime.min)  # noqa: E731
    return [(u, sorted(groups[u], key=due)) for u in order]


def _long_date(day: date) -> str:
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def _row(i: int, r: dict, base: str) -> str:
    href = escape(register.absolute(r[register.LINK], base), quote=True)
    st = r[register.STATUS]
    issuer = f"<br>{escape(r[register.ISSUER])}" if r[register.ISSUER] else ""
    return (f"<tr><td class=n>{i}</td><td>{escape(r[register.TASK])}</td>"
            f"<td><a href=\"{href}\">{escape(r[register.DOCUMENT])}</a>{issuer}</td>"
            f"<td class=due>{escape(vn_datetime(r[register.DEADLINE]))}</td>"
            f"<td class=\"st{' overdue' if st == register.OVERDUE else ''}\">{escape(st)}</td></tr>")


def report_html(rows: list[dict], as_of: date, base: str, made_on: date | None = None,
                scope: str = "") -> str:
    """The report of register rows (`register.rows`) as of `as_of`; `scope` a line saying
    what was selected (a unit, a deadline window), shown under the as-of day."""
    made_on = made_on or date.today()
    counts = {s: sum(r[register.STATUS] == s for r in rows) for s in register.STATUSES}
    summary = "".join(f"<tr><td>{escape(s)}</td><td>{n}</td></tr>" for s, n in counts.items() if n)
    parts = [
        "<!DOCTYPE html>", '<html lang="vi"><head><meta charset="utf-8">',
        f"<title>{escape(TITLE.capitalize())} – {escape(vn_date(as_of))}</title>",
        f"<style>{CSS}</style></head><body>",
        '<div class="head"><div class="left"></div><div class="right">'
        '<div class="nation">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>'
        '<div class="motto">Độc lập - Tự do - Hạnh phúc</div>'
        f'<div class="made">{escape(_long_date(made_on).capitalize())}</div></div></div>',
        f"<h1>{escape(TITLE)}</h1>",
        f'<p class="asof">Tính đến ngày {escape(vn_date(as_of))}</p>',
    ]
    if scope:
        parts.append(f'<p class="asof">{escape(scope)}</p>')
    parts.append(f"<p>Tổng số: {len(rows)} nhiệm vụ.</p>")
    if summary:
        parts.append(f'<table class="summary"><tbody>{summary}</tbody></table>')
    for k, (unit, items) in enumerate(by_unit(rows), start=1):
        parts.append(f"<h2>{roman(k)}. {escape(unit)} ({len(items)} nhiệm vụ)</h2>")
        parts.append('<table><colgroup><col class="n"><col class="task"><col class="doc"><col class="due">'
                     '<col class="st"></colgroup><thead><tr><th>STT</th><th>Nhiệm vụ</th><th>Văn bản giao</th><th>Hạn</th>'
                     "<th>Tình trạng</th></tr></thead><tbody>")
        parts += [_row(i, r, base) for i, r in enumerate(items, start=1)]
        parts.append("</tbody></table>")
    parts.append(f'<p class="note">«{escape(register.DUE_SOON)}»: đến hạn trong {register.DUE_SOON_DAYS} ngày '
                 f"kể từ ngày {escape(vn_date(as_of))}. Số liệu trích từ các văn bản đã nạp vào vbgraph.</p>")
    parts.append("</body></html>")
    return "\n".join(parts)
