"""Each input format read from fixtures generated at test time from the seeds."""
from __future__ import annotations

import html
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from loaders.model import LoadError, Source
from loaders.read import Limits, iter_sources
from paths import CORPUS, seed_text

SEED = seed_text("000")          # cites 739/UBND-VP, 105/KH-UBND, 56/KH-UBND, 2318/KL-TTr
KEY_LINE = "Nghiêm túc chấp hành thực hiện theo chỉ đạo của đồng chí Chủ tịch UBND thành phố tại công văn số 739/UBND-VP"


def one(path, **kw):
    items = list(iter_sources([path], **kw))
    assert len(items) == 1, items
    return items[0]


def squash(text: str) -> str:
    return " ".join(text.split())


# ------------------------------------------------------------------ fixtures built from seeds
def make_docx(path: Path, text: str = SEED, table_row: list[str] | None = None) -> Path:
    d = docx.Document()
    paras = [p for p in text.split("\n") if p.strip()]
    for p in paras[:3]:
        d.add_paragraph(p)
    if table_row:
        t = d.add_table(rows=1, cols=len(table_row))
        for cell, value in zip(t.rows[0].cells, table_row):
            cell.text = value
    for p in paras[3:]:
        d.add_paragraph(p)
    d.save(path)
    return path


def seed_html(text: str = SEED, extra_head: str = "", charset: str = "utf-8") -> str:
    body = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.split("\n") if line.strip())
    return (f"<!DOCTYPE html><html><head><meta charset=\"{charset}\"><title>Tin</title>{extra_head}"
            "<style>p { color: red }</style></head><body>\n"
            "<header>Cổng thông tin điện tử</header>\n"
            "<nav><ul><li><a href='/'>Trang chủ</a></li><li>Văn bản 999/QĐ-NAV</li></ul></nav>\n"
            "<div class='breadcrumb'>Trang chủ &gt; Tin tức 998/QĐ-CRUMB</div>\n"
            "<ul id='main-menu'><li>Giới thiệu 997/QĐ-MENU</li></ul>\n"
            "<script>var leak = '996/QĐ-SCRIPT';</script><noscript>995/QĐ-NOSCRIPT</noscript>\n"
            f"<div class='content'><article>{body}</article></div>\n"
            "<form><input name=q><button>Tìm 994/QĐ-FORM</button></form>\n"
            "<aside>Liên kết 993/QĐ-ASIDE</aside><footer>Bản quyền 992/QĐ-FOOT</footer></body></html>")


def chromium_pdf(tmp_path: Path, text: str = SEED) -> Path:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        pytest.skip("needs Debian chromium to print a text PDF (make sysdeps-test)")
    src = tmp_path / "page.html"
    src.write_text(seed_html(text), encoding="utf-8")
    out = tmp_path / "seed.pdf"
    subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={out}", src.as_uri()], capture_output=True, timeout=180, check=True)
    return out


def scanned_pdf(path: Path, text: str = SEED) -> Path:
    """An image-only PDF of `text` (A4, 300 dpi, DejaVu Sans 10.5 pt)."""
    import textwrap

    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 36)
    width, height, margin, step = 2480, 3508, 160, 54
    lines = [w for para in text.split("\n") for w in (textwrap.wrap(para, 95) or [""])]
    pages, y, draw = [], height, None
    for line in lines:
        if y + step > height - margin:
            pages.append(Image.new("L", (width, height), 255))
            draw, y = ImageDraw.Draw(pages[-1]), margin
        draw.text((margin, y), line, font=font, fill=0)
        y += step
    pages[0].save(path, save_all=True, append_images=pages[1:], resolution=300)
    return path


def rtf_of(text: str) -> bytes:
    """RTF with every non-ASCII character as a \\uN? escape (as Word writes it)."""
    out = []
    for ch in text:
        if ch == "\n":
            out.append("\\par\n")
        elif ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) < 128:
            out.append(ch)
        else:
            n = ord(ch)
            out.append(f"\\u{n if n < 32768 else n - 65536}?")
    return ("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Times New Roman;}}\\f0\\fs26 "
            + "".join(out) + "}").encode("ascii")


# ------------------------------------------------------------------ text formats
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le-nobom"])
def test_txt_unicode_encodings(tmp_path, encoding):
    f = tmp_path / "seed.txt"
    data = SEED.encode("utf-16-le") if encoding == "utf-16-le-nobom" else SEED.encode(encoding)
    f.write_bytes(data)
    s = one(f)
    assert s.text == SEED and s.format == "txt"


def test_markdown_emphasis_escapes_and_tables(tmp_path, corpus_dir):
    import json

    with (CORPUS / "dvhcvn" / "dvhcvn_2025.jsonl").open(encoding="utf-8") as fh:
        md = json.loads(next(fh))["text"]
    md += "\n\nCăn cứ Nghị định số 10/2020/NĐ\\-CP; **Kế hoạch số __56__/KH-UBND**; biến snake_case_name; \\*x\\*\n"
    f = tmp_path / "pl.md"
    f.write_text(md, encoding="utf-8")
    s = one(f)
    assert s.format == "md"
    assert "(Ban hành kèm theo Công văn số 1027/CTK-CSCL ngày 25 tháng 6 năm 2025 của Cục Thống kê)" in s.text
    assert "Phụ lục I DANH MỤC" in s.text and "**" not in s.text
    assert "| 11 | 00226 | Phường Văn Miếu - Quốc Tử Giám |" in squash(s.text)   # table cells kept
    assert "---" not in s.text
    assert "10/2020/NĐ-CP; Kế hoạch số 56/KH-UBND; biến snake_case_name; *x*" in s.text


def test_html_drops_scripts_navigation_and_keeps_blocks(tmp_path):
    f = tmp_path / "tin.html"
    f.write_text(seed_html(), encoding="utf-8")
    s = one(f)
    assert s.format == "html"
    for leak in ("NAV", "CRUMB", "MENU", "SCRIPT", "NOSCRIPT", "FORM", "ASIDE", "FOOT", "color: red", "Cổng thông tin"):
        assert leak not in s.text
    lines = s.text.split("\n")
    assert "Số: /TB-UBND" in lines and "THÔNG BÁO" in lines          # blocks become lines
    assert any(line.startswith(KEY_LINE) for line in lines)


def test_html_declared_windows_1258(tmp_path):
    from test_legacy_encoding import to_cp1258

    f = tmp_path / "old.htm"
    f.write_bytes(to_cp1258(seed_html(charset="windows-1258")))
    s = one(f)
    assert s.metadata["encoding"] == "windows-1258"
    assert KEY_LINE in s.text


def test_docx_paragraphs_and_tables_in_document_order(tmp_path):
    f = make_docx(tmp_path / "seed.docx", table_row=["Kế hoạch số 56/KH-UBND", "UBND tỉnh"])
    s = one(f)
    assert s.format == "docx"
    lines = s.text.split("\n")
    assert lines[:4] == ["Số: /TB-UBND", "TP. Lạng Sơn, ngày 03 tháng 4 năm 2020", "THÔNG BÁO",
                         "Kế hoạch số 56/KH-UBND | UBND tỉnh"]
    assert KEY_LINE in s.text


def test_pdf_text_layer(tmp_path):
    s = one(chromium_pdf(tmp_path))
    assert s.format == "pdf" and not s.ocr and s.metadata["pages"] >= 2
    for symbol in ("739/UBND-VP", "105/KH-UBND", "56/KH-UBND", "2318/KL-TTr"):
        assert symbol in s.text
    assert "Kết luận giao ban Chủ tịch" in s.text


@pytest.mark.slow
def test_scanned_pdf_is_ocred_in_vietnamese(tmp_path):
    from loaders.citations import find_citations
    from loaders.normalize import normalize

    s = one(scanned_pdf(tmp_path / "scan.pdf"))
    assert s.ocr is True and s.metadata["ocr_pages"] == list(range(1, s.metadata["pages"] + 1))
    assert "56/KH-UBND" in s.text and "2318/KL-TTr" in s.text
    assert "Lạng Sơn" in s.text and "Chủ tịch" in s.text        # Vietnamese data, not eng
    symbols = {c.symbol for c in find_citations(normalize(s.text))[0]}
    assert {"56/KH-UBND", "2318/KL-TTr"} <= symbols


def test_rtf_with_unicode_escapes(tmp_path):
    f = tmp_path / "seed.rtf"
    f.write_bytes(rtf_of(SEED))
    s = one(f)
    assert s.format == "rtf" and KEY_LINE in s.text and "56/KH-UBND" in s.text


def test_rtf_saved_as_doc_is_read_as_rtf(tmp_path):
    f = tmp_path / "old.doc"
    f.write_bytes(rtf_of(SEED))
    s = one(f)
    assert s.format == "rtf" and "content is RTF" in s.metadata["note"] and KEY_LINE in s.text


def test_corrupt_doc_reports_antiword(tmp_path):
    if not shutil.which("antiword"):
        pytest.skip("needs Debian antiword (make sysdeps-test)")
    f = tmp_path / "broken.doc"
    f.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + b"garbage" * 100)
    e = one(f)
    assert isinstance(e, LoadError) and "broken.doc" in str(e) and "antiword" in e.reason and "\n" not in str(e)


# ------------------------------------------------------------------ zip archives
def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_zip_members_nested_and_unsafe_names(tmp_path, monkeypatch):
    docx_bytes = make_docx(tmp_path / "x.docx").read_bytes()
    inner = _zip({"c.md": seed_text("003").encode()})
    f = tmp_path / "batch.zip"
    f.write_bytes(_zip({"a/seed.txt": SEED.encode(), "b.docx": docx_bytes, "inner.zip": inner,
                        "../evil.txt": b"x", "/etc/abs.txt": b"x", "__MACOSX/._a.txt": b"x", "rows.jsonl":
                        (CORPUS / "binhduong" / "vbcddh.jsonl").read_bytes()[:2000].rsplit(b"\n", 1)[0] + b"\n"}))
    monkeypatch.chdir(tmp_path)
    items = list(iter_sources(["batch.zip"]))
    ids = [i.doc_id if isinstance(i, Source) else str(i) for i in items]
    assert ids[:3] == ["batch.zip!../evil.txt: unsafe member path in archive (absolute or '..'), skipped",
                       "batch.zip!/etc/abs.txt: unsafe member path in archive (absolute or '..'), skipped",
                       "batch.zip!a/seed.txt"]
    assert ids[3:6] == ["batch.zip!b.docx", "batch.zip!inner.zip!c.md", "batch.zip!rows.jsonl#1"]
    assert items[2].text == SEED and items[4].text.startswith(seed_text("003")[:40])


def test_zip_limits(tmp_path):
    f = tmp_path / "many.zip"
    f.write_bytes(_zip({f"{i}.txt": seed_text("004").encode() for i in range(5)}))
    items = list(iter_sources([f], limits=Limits(max_archive_members=2)))
    assert "above the 2 limit" in str(items[0]) and len(items) == 3
    items = list(iter_sources([f], limits=Limits(max_archive_bytes=10_000)))
    assert sum(isinstance(i, Source) for i in items) == 2 and "unzips to more than" in str(items[-1])
    assert str(items[-1]).endswith("archive unzips to more than 10,000 bytes; rest skipped")
    deep = _zip({"doc.txt": SEED.encode()})
    for _ in range(3):
        deep = _zip({"level.zip": deep})
    f.write_bytes(deep)
    (e,) = iter_sources([f])
    assert "nested deeper than 2 levels" in str(e)


def test_zip_bomb_member_is_refused_without_unpacking(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("bomb.txt", "w", force_zip64=True) as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(60):
                fh.write(chunk)
        zf.writestr("ok.txt", SEED)
    f = tmp_path / "bomb.zip"
    f.write_bytes(buf.getvalue())
    items = list(iter_sources([f]))
    assert str(items[0]).endswith("bomb.zip!bomb.txt: file is 60 MB, above the 50 MB limit")
    assert isinstance(items[1], Source) and items[1].text == SEED
