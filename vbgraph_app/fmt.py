"""Display helpers: Vietnamese labels, dd/mm/yyyy dates, escaping."""
from __future__ import annotations

import html
import re
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

RELATION_LABELS = {
    "IMPLEMENTS": "Thực hiện",
    "BASED_ON": "Căn cứ",
    "GUIDES": "Hướng dẫn",
    "AMENDS": "Sửa đổi, bổ sung",
    "REPLACES": "Thay thế",
    "REPEALS": "Bãi bỏ",
    "CORRECTS": "Đính chính",
    "DETAILS": "Quy định chi tiết",
    "CONSOLIDATES": "Hợp nhất",
    "SUSPENDS": "Đình chỉ, tạm hoãn",
    "ANNULS": "Hủy bỏ",
    "EXTENDS": "Kéo dài hiệu lực",
    "CITES": "Viện dẫn",
    "ISSUED_BY": "Cơ quan ban hành",
    "SIGNED_BY": "Người ký",
    "CHAIRED_BY": "Người chủ trì",
    "SENT_TO": "Nơi nhận",
    "ASSIGNS": "Giao nhiệm vụ",
    "ASSIGNED_TO": "Giao cho",
    "COORDINATES_WITH": "Phối hợp",
    "FOR_INSTRUMENT": "Liên quan văn bản",
}
# incoming edges read from the target's side
RELATION_LABELS_IN = {
    "IMPLEMENTS": "Được thực hiện bởi",
    "BASED_ON": "Là căn cứ của",
    "GUIDES": "Được hướng dẫn bởi",
    "AMENDS": "Bị sửa đổi bởi",
    "REPLACES": "Bị thay thế bởi",
    "REPEALS": "Bị bãi bỏ bởi",
    "CORRECTS": "Được đính chính bởi",
    "DETAILS": "Được quy định chi tiết bởi",
    "CONSOLIDATES": "Được hợp nhất bởi",
    "SUSPENDS": "Bị đình chỉ, tạm hoãn bởi",
    "ANNULS": "Bị hủy bỏ bởi",
    "EXTENDS": "Được kéo dài hiệu lực bởi",
    "CITES": "Được viện dẫn bởi",
    "ISSUED_BY": "Đã ban hành",
    "SIGNED_BY": "Đã ký",
    "CHAIRED_BY": "Đã chủ trì",
    "SENT_TO": "Nhận văn bản",
    "ASSIGNS": "Được giao trong",
    "ASSIGNED_TO": "Nhiệm vụ được giao",
    "COORDINATES_WITH": "Phối hợp trong",
    "FOR_INSTRUMENT": "Nhiệm vụ liên quan",
}
LABEL_NAMES = {"Instrument": "Văn bản", "Agency": "Cơ quan", "Person": "Cá nhân", "Task": "Nhiệm vụ"}
STATUS_NAMES = {
    "resolved": "đã xác định",
    "ambiguous": "nhiều khả năng",
    "unresolved": "chưa xác định",
    "inferred": "suy ra từ kho (văn bản duy nhất phù hợp)",
    "curated": "chuyên viên đã xác nhận",
    "loaded": "đã nạp toàn văn",
}


def parse_date(value: Any) -> date | None:
    """ISO string / date / datetime -> date (None when unknown)."""
    if value is None or value == "":
        return None
    if hasattr(value, "to_native"):  # neo4j temporal types
        value = value.to_native()
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    s = str(value).strip()
    try:
        return datetime.fromisoformat(s[:19]).date() if "T" in s else date.fromisoformat(s[:10])
    except ValueError:
        return None


def vn_date(value: Any) -> str:
    """dd/mm/yyyy, or '' when unknown (keeps an unparseable value as written)."""
    d = parse_date(value)
    if d is not None:
        return d.strftime("%d/%m/%Y")
    return "" if value in (None, "") else str(value)


def vn_datetime(value: Any) -> str:
    """dd/mm/yyyy, with hh:mm when the value carries a non-midnight time."""
    if value in (None, ""):
        return ""
    if hasattr(value, "to_native"):
        value = value.to_native()
    s = str(value)
    try:
        dt = value if isinstance(value, datetime) else datetime.fromisoformat(s[:19])
    except ValueError:
        return vn_date(value)
    if isinstance(dt, datetime) and (dt.hour or dt.minute):
        return dt.strftime("%Hh%M %d/%m/%Y")
    return vn_date(value)


def relation_label(rel: str, incoming: bool = False) -> str:
    table = RELATION_LABELS_IN if incoming else RELATION_LABELS
    return table.get(rel, rel)


def status_label(status: Any) -> str:
    return STATUS_NAMES.get(str(status), str(status or ""))


def citation_status(status: Any) -> str:
    """How a citation was resolved, labelled as such ("Trích dẫn: đã xác định"), never to be
    read as legal validity (that is `domain.validity`); a loaded document: "Đã nạp vào kho"."""
    if not status:
        return ""
    if str(status) == "loaded":
        return "Đã nạp vào kho"
    return f"Trích dẫn: {status_label(status)}"


def instrument_title(row: dict) -> str:
    """'Kế hoạch 56/KH-UBND' or the subject when there is no symbol."""
    symbol = row.get("symbol") or ""
    kind = row.get("type_name") or ""
    if symbol and not symbol.startswith("/"):
        return f"{kind} {symbol}".strip()
    base = f"{kind} {symbol}".strip()
    if not base:
        name = str(row.get("name") or row.get("subject") or "Văn bản")
        base = name if len(name) <= 80 else name[:79] + "…"
    when = vn_date(row.get("date"))
    return f"{base} ngày {when}" if when else base


def node_caption(row: dict) -> str:
    """A short caption for any node kind."""
    label = row.get("label") or "Instrument"
    if label == "Instrument":
        return instrument_title(row)
    if label == "Task":
        action = str(row.get("action") or row.get("name") or "Nhiệm vụ")
        return action if len(action) <= 40 else action[:39] + "…"
    return str(row.get("name") or row.get("id") or "")


def link(page: str, **params: Any) -> str:
    """A relative deep link to a page of the app."""
    query = {"page": page, **{k: v for k, v in params.items() if v not in (None, "")}}
    return "?" + urlencode(query)


def esc(text: Any) -> str:
    """Text for raw HTML (the document view's highlighted text): HTML-escaped."""
    return html.escape(str(text if text is not None else ""))


_MD_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation mark
# where Streamlit's Markdown still makes a link of plain text after unescaping it (GFM's
# literal autolinks, found in text nodes: `http://`, `https://`, `www.`, `name@host.tld`)
_AUTOLINK_START = re.compile(r"(?i)(?<=https)(?=\\:)|(?<=http)(?=\\:)|(?<=www)(?=\\\.)|(?<=\\@)")
WORD_JOINER = "\u2060"  # invisible, zero width: breaks those patterns and nothing on screen


def md_text(value: Any) -> str:
    """Any text Streamlit renders as Markdown (st.markdown, captions, titles, alerts, widget
    and expander labels, st.table cells) shown as exactly that text: every ASCII punctuation
    mark backslash-escaped, so no image, link, HTML, emphasis, math or directive survives; a
    word joiner inside `http:`, `www.` and after `@`, so no literal autolink either; line
    breaks become spaces (they would start headings, lists or code blocks)."""
    escaped = _MD_SPECIAL.sub(r"\\\1", " ".join(str("" if value is None else value).split()))
    return _AUTOLINK_START.sub(WORD_JOINER, escaped)


def md_link(label: Any, page: str, **params: Any) -> str:
    """A Markdown link to a page of the app, its label shown as text."""
    return f"[{md_text(label)}]({link(page, **params)})"
