"""Property: iter_sources never raises, whatever the bytes and the file name."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders.model import LoadError, Source
from loaders.read import Limits, iter_sources

EXTS = [".txt", ".md", ".html", ".htm", ".docx", ".doc", ".rtf", ".pdf", ".zip", ".jsonl", ".csv", ".xyz", ""]
MAGIC = [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"{\\rtf1\\ansi ", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
         b"\xef\xbb\xbf", b"\xff\xfe", b"<html><body>", b'{"trich_yeu": ', b"\x89PNG\r\n\x1a\n"]
LIMITS = Limits(max_file_bytes=64_000, max_ocr_pages=1)
import warnings
warnings.filterwarnings("ignore", "Duplicate name", UserWarning)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(data: bytes, ext: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / f"input{ext}"
        f.write_bytes(data)
        items = list(iter_sources([f, tmp], limits=LIMITS))
    assert len(items) >= 2
    for item in items:
        assert isinstance(item, (Source, LoadError))
        if isinstance(item, Source):
            assert isinstance(item.text, str) and item.text.strip()
        else:
            assert item.reason and "\n" not in str(item)


@SETTINGS
@given(st.sampled_from(MAGIC), st.binary(max_size=3000), st.sampled_from(EXTS))
def test_arbitrary_bytes_never_raise(prefix, data, ext):
    _check(prefix + data, ext)


@SETTINGS
@given(st.text(max_size=2000), st.sampled_from(EXTS), st.sampled_from(["utf-8", "utf-16", "cp1252-ish"]))
def test_arbitrary_unicode_never_raises(text, ext, encoding):
    data = text.encode("cp1252", "replace") if encoding == "cp1252-ish" else text.encode(encoding, "surrogatepass")
    _check(data, ext)


@SETTINGS
@given(st.lists(st.tuples(st.text(min_size=1, max_size=30), st.binary(max_size=500)), max_size=5))
def test_arbitrary_zip_members_never_raise(members):
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members:
            try:
                zf.writestr(name, data)
            except (ValueError, UnicodeEncodeError, IndexError):  # names zipfile cannot write
                pass
    _check(buf.getvalue(), ".zip")
