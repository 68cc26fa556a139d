"""Word documents: .docx (python-docx), legacy .doc (antiword), .rtf (striprtf)."""
from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
import zipfile

from .errors import ReadError, over_limit
from .layout import footer_lines, is_footer_row

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(data: bytes, max_unzipped: int) -> str:
    """Paragraphs and tables of a .docx in document order (tables: one line per
    row, cells separated by " | "; merged cells once)."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        total = sum(i.file_size for i in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ReadError(f"corrupt DOCX: {exc}") from None
    if total > max_unzipped:
        raise ReadError(over_limit("corrupt DOCX: unzips to", total, max_unzipped))
    if "word/document.xml" not in zf.namelist():
        raise ReadError("corrupt DOCX: no word/document.xml (not a Word document)")
    import docx  # python-docx
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # lxml / KeyError / ValueError from broken parts
        raise ReadError(f"corrupt DOCX: {type(exc).__name__}: {exc}") from None
    lines: list[str] = []
    _blocks(document.element.body, document, lines, Paragraph)
    return "\n".join(lines)


def _blocks(parent, document, lines: list[str], Paragraph) -> None:
    stack = [iter(parent.iterchildren())]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if tag == f"{_W}p":
            lines.append(Paragraph(child, document).text)
        elif tag == f"{_W}tbl":
            _table(child, document, lines, Paragraph)
        elif tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
            stack.append(iter(child.iterchildren()))


def _table(tbl, document, lines: list[str], Paragraph) -> None:
    """A <w:tbl>: one line per row, or a footer row cell by cell (merged cells once)."""
    above: dict[int, object] = {}
    for tr in tbl.tr_lst:
        roots, above = _row_cells(tr, above)
        cells, paras, seen = [], [], set()
        for tc in roots:
            if id(tc) in seen:
                continue
            seen.add(id(tc))
            own = [t for t in (Paragraph(p, document).text.strip() for p in tc.p_lst) if t]
            nested: list[str] = []
            for inner in tc.tbl_lst:
                _table(inner, document, nested, Paragraph)
            cells.append(" ".join([" ".join(own)] + nested).strip())
            paras.append(own + [n for n in nested if n])
        if is_footer_row(paras):      # recipients | signature: cell by cell, a line per paragraph
            lines.extend(footer_lines(paras))
        else:
            lines.append(" | ".join(cells))


def _row_cells(tr, above: dict[int, object]) -> tuple[list[object], dict[int, object]]:
    """The cell (<w:tc>) of each grid column of a row, as python-docx's `_Row.cells` gives
    them: a cell spanning columns repeated, a vertically merged one ("continue") resolved
    to the cell it continues. `above` maps each grid offset of the previous row to its
    resolved cell, so a cell merged down many rows costs one lookup, not a walk up the
    table per row. Returns the cells and this row's map."""
    cells: list[object] = []
    here: dict[int, object] = {}
    offset = tr.grid_before
    for tc in tr.tc_lst:
        root = tc
        if tc.vMerge == "continue":
            root = above.get(offset)
            if root is None:
                raise ValueError(f"merged cell at grid column {offset} continues no cell above it")
        here[offset] = root
        cells += [root] * root.grid_span
        offset += tc.grid_span
    return cells, here


def doc_text(data: bytes, timeout: float = 60) -> str:
    """Text of a legacy Word 97-2003 .doc via antiword (UTF-8 output)."""
    exe = shutil.which("antiword")
    if not exe:
        raise ReadError("legacy .doc needs antiword (Debian package antiword), not installed")
    with tempfile.TemporaryDirectory(prefix="vbgraph-doc-") as tmp:
        path = os.path.join(tmp, "in.doc")
        with open(path, "wb") as fh:
            fh.write(data)
        try:
            run = subprocess.run([exe, "-m", "UTF-8.txt", "-w", "0", path], capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise ReadError(f"antiword timed out after {timeout:.0f} s") from None
    if run.returncode != 0:
        msg = run.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = msg[-1] if msg else f"exit status {run.returncode}"
        raise ReadError(f"antiword could not read this .doc: {reason.replace(path, '').strip(' :')}")
    return run.stdout.decode("utf-8", "replace")


_CPG = re.compile(rb"\\ansicpg(\d+)")


def rtf_text(data: bytes) -> str:
    """Plain text of an RTF document (striprtf), with \\'xx bytes in the
    document's code page (\\ansicpgNNNN, windows-1252 by default)."""
    from striprtf.striprtf import rtf_to_text

    m = _CPG.search(data[:4096])
    encoding = f"cp{int(m.group(1))}" if m else "cp1252"
    try:
        "".encode(encoding)
    except LookupError:
        encoding = "cp1252"
    raw = data.decode("latin-1")  # RTF is 7-bit; stray 8-bit bytes kept as is
    try:
        return rtf_to_text(raw, encoding=encoding, errors="replace")
    except Exception as exc:
        raise ReadError(f"corrupt RTF: {type(exc).__name__}: {exc}") from None
