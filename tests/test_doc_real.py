"""Genuine Word 97 `.doc` and LibreOffice `.rtf` files, made at test time by LibreOffice
(`soffice --headless --convert-to doc|rtf`, Debian libreoffice-writer-nogui) from seed 000
(as UTF-8 text, and as a .docx built with python-docx whose header is a 2x2 table like a
real notice), then read by `loaders.read.iter_sources` (.doc through antiword, .rtf through
striprtf) and extracted by `loaders.extract`."""
from __future__ import annotations

import os
import shutil
import subprocess
import unicodedata

import pytest
from paths import SEED_FILES, seed_text

from loaders.model import LoadError
from loaders.pipeline import extract
from loaders.read import iter_sources

SEED = seed_text("000")
HEADER = ("ỦY BAN NHÂN DÂN THÀNH PHỐ LẠNG SƠN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
KEY_SYMBOLS = {"56/KH-UBND", "2318/KL-TTr"}


def _words(text: str) -> list[str]:
    return unicodedata.normalize("NFC", text).replace("|", " ").split()


def _soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        pytest.fail("LibreOffice not installed: Debian libreoffice-writer-nogui (Makefile APT_TEST)")
    if not shutil.which("antiword"):
        pytest.fail("antiword not installed: Debian antiword (Makefile APT_TEST)")
    return exe


def _convert(exe: str, profile, outdir, fmt: str, *files) -> None:
    """One soffice run: `files` to `fmt` in `outdir`, with its own throw-away profile."""
    cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
           "--convert-to", fmt, "--outdir", str(outdir), *map(str, files)]
    env = dict(os.environ, HOME=str(profile), SAL_USE_VCLPLUGIN="svp")
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=env)
    assert p.returncode == 0, f"{cmd}\n{p.stdout}\n{p.stderr}"


@pytest.fixture(scope="module")
def office_files(tmp_path_factory):
    """{"txt.doc", "docx.doc", "txt.rtf", "docx.rtf"} -> Path, converted once per module."""
    import docx

    exe = _soffice()
    base = tmp_path_factory.mktemp("lo")
    src = base / "src"
    src.mkdir()
    txt = src / "seed000.txt"
    shutil.copy(SEED_FILES["000"], txt)
    lines = [line for line in SEED.split("\n") if line.strip()]
    d = docx.Document()
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = HEADER
    table.cell(1, 0).text, table.cell(1, 1).text = lines[0], lines[1]
    for line in lines[2:]:
        d.add_paragraph(line)
    d.save(src / "seed000w.docx")
    out = {}
    for fmt in ("doc", "rtf"):
        outdir = base / fmt
        _convert(exe, base / "profile", outdir, fmt, txt, src / "seed000w.docx")
        out[f"txt.{fmt}"] = outdir / f"seed000.{fmt}"
        out[f"docx.{fmt}"] = outdir / f"seed000w.{fmt}"
    for p in out.values():
        assert p.is_file() and p.stat().st_size > 0, p
    return out


def _one(path):
    items = list(iter_sources([path]))
    assert len(items) == 1, items
    assert not isinstance(items[0], LoadError), str(items[0])
    return items[0]


def test_libreoffice_writes_real_word97_and_rtf(office_files):
    for key, p in office_files.items():
        head = p.read_bytes()[:8]
        if key.endswith(".doc"):
            assert head == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", f"{key}: not an OLE2 compound file"
        else:
            assert head.startswith(b"{\\rtf1"), key


@pytest.mark.parametrize("key", ["txt.doc", "txt.rtf"])
def test_converted_text_equals_the_seed(office_files, key):
    s = _one(office_files[key])
    assert s.format == key.split(".")[1]
    assert _words(s.text) == _words(SEED)


@pytest.mark.parametrize("key", ["docx.doc", "docx.rtf"])
def test_header_table_and_body_survive(office_files, key):
    s = _one(office_files[key])
    assert s.format == key.split(".")[1]
    lines = [line for line in SEED.split("\n") if line.strip()]
    # the 2x2 header table row by row (cells joined by "|"), then the paragraphs
    assert _words(s.text) == _words(" ".join([*HEADER, *lines]))
    assert "LẠNG SƠN" in s.text.split("\n", 3)[1] + s.text.split("\n", 3)[0]


@pytest.fixture(scope="module")
def reference():
    """Citations extracted from the seed's own text file."""
    return extract(_one(SEED_FILES["000"]), entities=False)


def _cits(doc):
    return [(c.symbol, c.type, c.date, c.relation) for c in doc.citations if c.symbol]


@pytest.mark.parametrize("key", ["txt.doc", "docx.doc", "txt.rtf", "docx.rtf"])
def test_key_citations_extracted(office_files, reference, key):
    doc = extract(_one(office_files[key]), entities=False)
    symbols = {c.symbol for c in doc.citations}
    assert KEY_SYMBOLS <= symbols
    assert "IMPLEMENTS" in {c.relation for c in doc.citations if c.symbol == "56/KH-UBND"}
    kl = [c for c in doc.citations if c.symbol == "2318/KL-TTr"]
    assert kl and all(str(c.date) == "2019-12-23" for c in kl)
    cits = doc.citations
    assert ("56/KH-UBND", "2318/KL-TTr", "IMPLEMENTS") in {
        (cits[r.source].symbol, cits[r.target].symbol, r.relation) for r in doc.relations}
    # same citations (symbol, type, date, relation), in the same order, as the .txt seed
    assert _cits(doc) == _cits(reference)
    if key.startswith("txt."):
        assert (doc.symbol, doc.date, doc.type) == (reference.symbol, reference.date, reference.type)
        assert doc.issuer and doc.issuer.name == reference.issuer.name


@pytest.mark.parametrize("key", ["docx.doc", "docx.rtf"])
def test_identity_from_a_header_table(office_files, reference, key):
    doc = extract(_one(office_files[key]), entities=False)
    assert (doc.symbol, doc.date, doc.place) == (reference.symbol, reference.date, reference.place)
    # the issuer block of the left column: the same issuer as inferred from symbol and place
    assert doc.issuer.text == HEADER[0]
    assert (doc.issuer.name, doc.issuer.jurisdiction) == (reference.issuer.name, reference.issuer.jurisdiction)
    assert (doc.type, doc.subject) == (reference.type, reference.subject)


def test_truncated_doc_is_one_clear_error(office_files, tmp_path):
    data = office_files["txt.doc"].read_bytes()
    bad = tmp_path / "cut.doc"
    bad.write_bytes(data[: len(data) // 3])
    items = list(iter_sources([bad]))
    assert len(items) == 1 and isinstance(items[0], LoadError), items
    line = str(items[0])
    assert "\n" not in line and line.startswith(str(bad)) and len(line) < 300, line
