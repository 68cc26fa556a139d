"""Nạp văn bản: upload files into the viewer's private folder, ingest them into the
store, show the summary (the page needs the role `nhập`, checked again here)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import streamlit as st

from vbgraph_app import access, app_data, repo
from vbgraph_app.fmt import instrument_title, md_link, md_text, relation_label, status_label
from vbgraph_app.locale_vi import reason_vi
from vbgraph_app.users import LOADER, has_role

LINKS_SHOWN = 50
LAST_RUN = "ingest_last"  # session state: (summary, upload folder) of the last ingest, shown until the next
TYPES = ["txt", "md", "html", "htm", "docx", "doc", "pdf", "jsonl", "csv", "rtf", "png", "jpg", "jpeg", "tif", "tiff"]


def ingest_files(paths: list[Path]) -> Any:
    """Ingest files through graph.ingest into the app's store; returns its IngestSummary."""
    from graph.ingest import ingest

    return ingest([str(p) for p in paths], app_data.get_store(), progress=False)


def save_upload(folder: Path, name: str, data: bytes) -> Path:
    """The uploaded file written into `folder` under its own base name, mode 0600."""
    base = Path(name.replace("\\", "/")).name
    if base in ("", ".", ".."):
        raise ValueError(f"tên tệp không hợp lệ: {name!r}")
    path = folder / base
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    return path


def render() -> None:
    who = access.page_viewer()
    if who is None or not has_role(who.role, LOADER):
        st.error("Trang này cần quyền “nhập”.")
        return
    last = st.session_state.get(LAST_RUN)
    if last is not None:
        show_summary(*last)
        st.divider()
    files = st.file_uploader("Chọn tệp văn bản", type=TYPES, accept_multiple_files=True, key="ingest_files")
    if not st.button("Nạp vào kho", type="primary", disabled=not files, key="ingest_run"):
        st.caption("Hỗ trợ: " + ", ".join(TYPES) + ". Tệp không đọc được sẽ được liệt kê kèm lý do.")
        return
    # the viewer's own stable folder: the same file uploaded again is recognised (unchanged / changed)
    folder = access.upload_dir(who)
    paths = []
    for f in files:
        try:
            paths.append(save_upload(folder, f.name, f.getvalue()))
        except (OSError, ValueError) as exc:
            st.error(md_text(f"{f.name}: {exc}"))
    try:
        with st.spinner("Đang nạp…"):
            summary = ingest_files(paths)
    except Exception as exc:  # noqa: BLE001 - shown plainly
        st.error(md_text(f"Nạp thất bại: {exc}"))
        return
    app_data.clear_caches()
    # shown on the next run, whose sidebar counts are read again after the caches went
    st.session_state[LAST_RUN] = (summary, str(folder))
    st.rerun()


def show_summary(summary: Any, folder: str = "") -> None:
    """The ingest summary: counts, then every rejected file with its reason (named
    without the upload folder, which document ids spell relative to the working directory)."""
    here = Path(folder).absolute() if folder else None
    prefixes = [f"{here}/"] if here else []
    if here and here.is_relative_to(Path.cwd()):
        prefixes.append(here.relative_to(Path.cwd()).as_posix() + "/")

    def strip(line: Any) -> str:
        text = str(line)
        for prefix in prefixes:
            text = text.replace(prefix, "")
        return text

    st.success(f"Đã nạp: {summary.seen} tệp, {summary.new} mới, {summary.changed} thay đổi, "
               f"{summary.unchanged} không đổi, {len(summary.rejected)} bị từ chối.")
    if summary.copies:  # another file of a document already loaded: recorded, nothing doubled
        st.info(f"{len(summary.copies)} tệp là bản khác của văn bản đã có trong kho: đã ghi nhận nguồn, "
                "quan hệ và nhiệm vụ không bị nhân đôi.")
    _loaded_links(getattr(summary, "loaded", []))
    c1, c2, c3 = st.columns(3)
    c1.metric("Trích dẫn", sum(summary.citations_by_status.values()))
    c2.metric("Nhiệm vụ", summary.tasks)
    c3.metric("Thời gian (giây)", round(summary.seconds, 1))
    if summary.rejected:
        st.markdown(f"#### Tệp bị từ chối ({len(summary.rejected)})")
        rows = []
        for r in summary.rejected:
            where, _, reason = strip(r).partition(": ")
            rows.append({"Tệp": where, "Lý do": reason_vi(reason or where), "Chi tiết kỹ thuật": reason})
        st.dataframe(rows, hide_index=True, width="stretch")
    with st.expander("Tóm tắt đầy đủ"):
        st.markdown("\n".join(f"- {md_text(strip(line))}" for line in summary_lines(summary)))


def _loaded_links(ids: list[str]) -> None:
    """Văn bản vừa nạp: a link to each (the first LINKS_SHOWN)."""
    if not ids:
        return
    st.markdown(f"#### Văn bản vừa nạp ({len(ids)})")
    lines = []
    for inst in list(dict.fromkeys(ids))[:LINKS_SHOWN]:
        row = repo.node(inst) or {"id": inst}
        lines.append("- " + md_link(instrument_title(row) if row.get("symbol") or row.get("subject") or
                                    row.get("name") else inst, "van-ban", id=inst))
    st.markdown("\n".join(lines))
    if len(ids) > LINKS_SHOWN:
        st.caption(f"… và {len(ids) - LINKS_SHOWN} văn bản khác (xem trang Tìm kiếm).")


def summary_lines(summary: Any) -> list[str]:
    """The run's summary in Vietnamese, one fact a line (the CLI prints `IngestSummary.lines`)."""
    by_status = ", ".join(f"{status_label(k)} {v}" for k, v in summary.citations_by_status.most_common() if v)
    by_rel = ", ".join(f"{relation_label(k)} {v}" for k, v in summary.citations_by_relation.most_common() if v)
    out = [f"Tệp: {summary.seen} đã xem, {summary.new} mới, {summary.changed} thay đổi, "
           f"{summary.unchanged} không đổi, {len(summary.rejected)} bị từ chối ({summary.seconds:.1f} giây)",
           f"Trích dẫn: {sum(summary.citations_by_status.values())} đã ghi" + (f" ({by_status})" if by_status else ""),
           "Quan hệ: " + (by_rel or "không có"),
           f"Nhiệm vụ: {summary.tasks} đã ghi"]
    links = getattr(summary, "links", None)
    if links is not None and links.references:
        parts = ", ".join(f"{status_label(k)} {v}" for k, v in sorted(links.by_status.items()) if v)
        out.append(f"Liên kết trích dẫn chưa đủ thông tin: {links.references} đã xét" + (f" ({parts})" if parts else ""))
    out += [f"Bản khác của văn bản đã có: {line.split(': another source of ')[0]}" for line in summary.copies]
    return out
