"""Bad input never stops a batch: one clear LoadError line per bad file."""
from __future__ import annotations

import io
import os
import zipfile

import pytest

from loaders.model import LoadError, Source
from loaders.read import Limits, iter_sources
from paths import seed_text
from test_formats import KEY_LINE, chromium_pdf, make_docx, seed_html

SEED = seed_text("000")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"


def one(path, **kw):
    items = list(iter_sources([path], **kw))
    assert len(items) == 1, items
    item = items[0]
    if isinstance(item, LoadError):
        assert "\n" not in str(item) and str(path.name) in str(item)
    return item


def error(path, **kw) -> str:
    item = one(path, **kw)
    assert isinstance(item, LoadError), item
    return item.reason


def test_image_named_txt(tmp_path):
    f = tmp_path / "scan.txt"
    f.write_bytes(PNG)
    assert error(f) == "binary file (looks like an image/png)"


def test_unknown_binary_named_txt(tmp_path):
    f = tmp_path / "blob.txt"
    f.write_bytes(bytes(range(256)) * 8)
    assert error(f).startswith("binary file")


def test_unknown_binary_named_pdf(tmp_path):
    f = tmp_path / "x.pdf"
    f.write_bytes(b"\x00\x01garbage" * 50)
    assert error(f).startswith("not a PDF: no %PDF header")


def test_corrupt_and_truncated_pdf(tmp_path):
    f = tmp_path / "bad.pdf"
    f.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\nxref\n0 9\nnonsense\n%%EOF")
    assert error(f).startswith(("not a PDF", "no text in PDF"))
    good = chromium_pdf(tmp_path)
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 3])
    item = one(cut)   # pypdf may recover pages; either way one item, no exception
    assert isinstance(item, (Source, LoadError))


def test_encrypted_pdf(tmp_path):
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter(clone_from=PdfReader(chromium_pdf(tmp_path)))
    w.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    f = tmp_path / "locked.pdf"
    with f.open("wb") as fh:
        w.write(fh)
    assert error(f) == "encrypted PDF (needs a password)"


def test_corrupt_and_truncated_docx(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document><unclosed")
    f = tmp_path / "bad.docx"
    f.write_bytes(buf.getvalue())
    assert error(f).startswith("corrupt DOCX")
    good = make_docx(tmp_path / "good.docx").read_bytes()
    f.write_bytes(good[: len(good) // 2])
    assert error(f).startswith("corrupt DOCX")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("content.xml", "<office/>")   # an .odt renamed .docx
    f.write_bytes(buf.getvalue())
    assert "no word/document.xml" in error(f)


def test_wrong_extensions_are_sniffed(tmp_path):
    pdf = chromium_pdf(tmp_path)
    (tmp_path / "really_pdf.docx").write_bytes(pdf.read_bytes())
    make_docx(tmp_path / "d.docx")
    (tmp_path / "really_docx.pdf").write_bytes((tmp_path / "d.docx").read_bytes())
    (tmp_path / "really_html.pdf").write_text(seed_html(), encoding="utf-8")
    a = one(tmp_path / "really_pdf.docx")
    assert a.format == "pdf" and a.metadata["note"] == "extension .docx but content is PDF; read as PDF"
    b = one(tmp_path / "really_docx.pdf")
    assert b.format == "docx" and "content is DOCX" in b.metadata["note"]
    c = one(tmp_path / "really_html.pdf")
    assert c.format == "html" and "content is HTML" in c.metadata["note"]
    for s in (a, b, c):
        assert KEY_LINE in " ".join(s.text.split())


def test_size_limit(tmp_path):
    big = tmp_path / "huge.pdf"
    with big.open("wb") as fh:
        fh.truncate(80 * 2**20)          # sparse: costs no disk
    assert error(big) == "file is 80 MB, above the 50 MB limit"
    just = tmp_path / "just_over.pdf"
    with just.open("wb") as fh:
        fh.truncate(50 * 2**20 + 1)      # 1 byte over: the message must not round onto the limit
    assert error(just) == "file is 50.0 MB (52,428,801 bytes), above the 50 MB limit"
    f = tmp_path / "seed.txt"
    f.write_text(SEED, encoding="utf-8")
    assert error(f, limits=Limits(max_file_bytes=1000)) == f"file is {f.stat().st_size:,} bytes, above the 1,000 bytes limit"
    assert isinstance(one(f), Source)


def test_undecodable_text(tmp_path):
    f = tmp_path / "weird.txt"
    f.write_bytes("Văn bản số ".encode("utf-8")[:6] + b"\x81\x8d\x8f\x90\x9d " * 3 + b"so 56/KH-UBND")
    assert error(f).startswith("undecodable text: not UTF-8")


def test_symlink_loop_is_not_followed(tmp_path):
    (tmp_path / "a.txt").write_text(SEED, encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "loop")
    assert [type(i) for i in iter_sources([tmp_path])] == [Source]


def test_batch_continues_past_every_bad_file(tmp_path):
    (tmp_path / "01.txt").write_bytes(PNG)
    (tmp_path / "02.pdf").write_bytes(b"%PDF-1.4 broken")
    (tmp_path / "03.docx").write_bytes(b"PK\x03\x04 broken")
    (tmp_path / "04.txt").write_bytes(b"")
    (tmp_path / "05.html").write_text(seed_html(), encoding="utf-8")
    (tmp_path / "06.jsonl").write_text('{"trich_yeu": "ok"}\n{bad\n', encoding="utf-8")
    (tmp_path / "07.zip").write_bytes(b"PK\x03\x04 broken")
    (tmp_path / "08.txt").write_text(SEED, encoding="utf-8")
    items = list(iter_sources([tmp_path]))
    kinds = [(type(i).__name__, (i.doc_id if isinstance(i, Source) else i.source).rsplit("/", 1)[-1]) for i in items]
    assert kinds == [("LoadError", "01.txt"), ("LoadError", "02.pdf"), ("LoadError", "03.docx"), ("LoadError", "04.txt"),
                     ("Source", "05.html"), ("Source", "06.jsonl#1"), ("LoadError", "06.jsonl"), ("LoadError", "07.zip"),
                     ("Source", "08.txt")]
    assert all("\n" not in str(i) for i in items if isinstance(i, LoadError))
