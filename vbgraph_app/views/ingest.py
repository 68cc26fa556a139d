"""Nạp văn bản: upload files, ingest them into the store, show the summary."""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import streamlit as st

from vbgraph_app import app_data

TYPES = ["txt", "md", "html", "htm", "docx", "doc", "pdf", "jsonl", "csv", "rtf", "png", "jpg", "jpeg", "tif", "tiff"]


def ingest_files(paths: list[Path]) -> Any:
    """Ingest files through graph.ingest into the app's store; returns its IngestSummary."""
    from graph.ingest import ingest

    return ingest([str(p) for p in paths], app_data.get_store(), progress=False)


def render() -> None:
    files = st.file_uploader("Chọn tệp văn bản", type=TYPES, accept_multiple_files=True, key="ingest_files")
    if not st.button("Nạp vào kho", type="primary", disabled=not files, key="ingest_run"):
        st.caption("Hỗ trợ: " + ", ".join(TYPES) + ". Tệp không đọc được sẽ được liệt kê kèm lý do.")
        return
    # a stable folder: the same file uploaded again is recognised (unchanged / changed)
    tmp = str(Path(tempfile.gettempdir()) / "vbgraph-uploads")
    Path(tmp).mkdir(parents=True, exist_ok=True)
    paths = []
    for f in files:
        p = Path(tmp) / Path(f.name).name
        p.write_bytes(f.getvalue())
        paths.append(p)
    try:
        with st.spinner("Đang nạp…"):
            summary = ingest_files(paths)
    except Exception as exc:  # noqa: BLE001 - shown plainly
        st.error(f"Nạp thất bại: {exc}")
        return
    app_data.clear_caches()
    show_summary(summary, tmp)


def show_summary(summary: Any, tmp: str = "") -> None:
    """The ingest summary: counts, then every rejected file with its reason."""
    strip = (lambda s: str(s).replace(tmp.rstrip("/") + "/", "")) if tmp else str  # noqa: E731
    st.success(f"Đã nạp: {summary.seen} tệp, {summary.new} mới, {summary.changed} thay đổi, "
               f"{summary.unchanged} không đổi, {len(summary.rejected)} bị từ chối.")
    if summary.copies:  # another file of a document already loaded: recorded, nothing doubled
        st.info(f"{len(summary.copies)} tệp là bản khác của văn bản đã có trong kho: đã ghi nhận nguồn, "
                "quan hệ và nhiệm vụ không bị nhân đôi.")
    c1, c2, c3 = st.columns(3)
    c1.metric("Trích dẫn", sum(summary.citations_by_status.values()))
    c2.metric("Nhiệm vụ", summary.tasks)
    c3.metric("Thời gian (giây)", round(summary.seconds, 1))
    if summary.rejected:
        st.markdown(f"#### Tệp bị từ chối ({len(summary.rejected)})")
        rows = []
        for r in summary.rejected:
            where, _, reason = strip(r).partition(": ")
            rows.append({"Tệp": where, "Lý do": reason or where})
        st.dataframe(rows, hide_index=True, width="stretch")
    with st.expander("Tóm tắt đầy đủ"):
        st.code("\n".join(strip(line) for line in summary.lines(max_rejected=None)), language=None)
