"""`iter_sources`: walk the inputs, sniff each file, dispatch to a format reader.

Every problem becomes one `LoadError` line; nothing raises out of the iterator.
"""
from __future__ import annotations

import hashlib
import io
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import LoadError, Source
from . import archive, legacy, markup, office, rows, textenc
from .errors import ReadError, over_limit
from .pdf import pdf_text
from .sniff import sniff

MB = 2**20
EXT_FORMATS = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
    ".xhtml": "html", ".docx": "docx", ".doc": "doc", ".rtf": "rtf", ".pdf": "pdf", ".zip": "zip",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv",
}
TEXT_FORMATS = {"txt", "md", "html", "jsonl", "csv"}
ROW_FORMATS = {"jsonl", "csv"}
_KIND_FORMAT = {"pdf": "pdf", "docx": "docx", "rtf": "rtf", "ole": "doc", "zip": "zip"}
_NAMES = {"pdf": "PDF", "docx": "DOCX", "doc": "Word .doc", "rtf": "RTF", "zip": "ZIP archive"}
_SIGNATURES = {"pdf": "%PDF header", "docx": "ZIP (PK) signature", "doc": "OLE2 signature",
               "rtf": "{\\rtf header", "zip": "PK signature"}
_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<meta|<!--)", re.I)
_ALNUM = re.compile(r"\w")


@dataclass(frozen=True)
class Limits:
    """Safety limits of a read; pass your own to `iter_sources(..., limits=...)`."""

    max_file_bytes: int = 50 * MB          # any single document (rows: any single row)
    max_archive_bytes: int = 500 * MB      # total unzipped per archive
    max_archive_members: int = 5000
    max_archive_depth: int = 2             # zip inside zip inside zip: no
    ocr: bool = True                       # OCR pages without a text layer
    max_ocr_pages: int = 50                # per PDF
    ocr_lang: str = "vie"


def iter_sources(paths: Iterable[str | Path], mapping: dict[str, str] | None = None, *,
                 limits: Limits | None = None) -> Iterator[Source | LoadError]:
    """Every document in `paths` (files, directories, portal row files, zip
    archives), lazily and in a deterministic order, or one `LoadError` per bad input."""
    reader = _Reader(limits or Limits(), mapping)
    for p in paths:
        for item in reader.path(Path(p)):
            if isinstance(item, LoadError):  # always one printable line
                item.source, item.reason = _printable(item.source), _printable(item.reason)
            yield item


@dataclass
class _Reader:
    limits: Limits
    mapping: dict[str, str] | None

    def path(self, p: Path) -> Iterator[Source | LoadError]:
        try:
            if p.is_dir():
                files = _walk(p)
            elif p.exists():
                files = [p]
            else:
                yield LoadError(str(p), "no such file or directory")
                return
        except OSError as exc:
            yield LoadError(str(p), f"cannot read: {exc.strerror or exc}")
            return
        for f in files:
            yield from self.file(f)

    def file(self, f: Path) -> Iterator[Source | LoadError]:
        path, doc_id = str(f), _doc_id(f)
        try:
            size = f.stat().st_size
            if not f.is_file():
                yield LoadError(path, "not a regular file")
                return
            if size == 0:
                yield LoadError(path, "empty file")
                return
            fmt = EXT_FORMATS.get(f.suffix.lower())
            if fmt in ROW_FORMATS:
                with f.open("rb") as fh:
                    head = fh.read(1024)
                    if sniff(head) is None:  # a real row file (not a PDF named .csv)
                        fh.seek(0)
                        yield from self._guard(self._rows(fmt, fh, path, doc_id), path)
                        return
            if size > self.limits.max_file_bytes:
                yield LoadError(path, over_limit("file is", size, self.limits.max_file_bytes))
                return
            data = f.read_bytes()
        except OSError as exc:
            yield LoadError(path, f"cannot read: {exc.strerror or exc}")
            return
        yield from self.data(data, f.name, path, doc_id, 0)

    def data(self, data: bytes, name: str, path: str, doc_id: str, depth: int) -> Iterator[Source | LoadError]:
        """Sources from one file's bytes (also used for archive members)."""
        yield from self._guard(self._data(data, name, path, doc_id, depth), path)

    def _data(self, data: bytes, name: str, path: str, doc_id: str, depth: int) -> Iterator[Source | LoadError]:
        if not data:
            yield LoadError(path, "empty file")
            return
        ext = os.path.splitext(name)[1].lower()
        try:
            fmt, note = _decide(ext, sniff(data), data)
        except ReadError as exc:
            yield LoadError(path, str(exc))
            return
        if fmt == "zip":
            yield from archive.iter_zip(data, path, doc_id, depth, self.limits, self.data)
            return
        if fmt in ROW_FORMATS:
            yield from self._rows(fmt, io.BytesIO(data), path, doc_id)
            return
        try:
            text, meta, ocr = self._document(fmt, data)
            if note:
                meta["note"] = note
            yield _finish(Source(doc_id, path, text, fmt, hashlib.sha256(data).hexdigest(), metadata=meta, ocr=ocr))
        except ReadError as exc:
            yield LoadError(path, str(exc))

    def _rows(self, fmt: str, stream, path: str, doc_id: str) -> Iterator[Source | LoadError]:
        head = stream.read(8192)
        stream.seek(0)
        enc, _ = textenc.bom_encoding(head)
        if enc is None and textenc.binary_bytes(head):
            yield LoadError(path, "binary file (unknown type: NUL or control bytes)")
            return
        read = rows.iter_jsonl if fmt == "jsonl" else rows.iter_csv
        n = 0
        for n, item in enumerate(self._finished(read(stream, path, doc_id, self.mapping, self.limits.max_file_bytes), path), 1):
            yield item
        if n == 0:
            yield LoadError(path, "no rows (blank lines or a header only)")

    def _finished(self, items: Iterator[Source | LoadError], path: str) -> Iterator[Source | LoadError]:
        for item in items:
            if isinstance(item, Source):
                try:
                    item = _finish(item)
                except ReadError as exc:
                    item = LoadError(path, str(exc), item.row)
                except Exception as exc:  # one bad row never ends the file
                    item = LoadError(path, f"reader failed: {type(exc).__name__}: {_one_line(exc)}", item.row)
            yield item

    def _document(self, fmt: str, data: bytes) -> tuple[str, dict[str, Any], bool]:
        meta: dict[str, Any] = {}
        if fmt in ("txt", "md", "html"):
            declared = markup.declared_charset(data) if fmt == "html" else None
            text, meta["encoding"] = textenc.decode(data, declared)
            if fmt == "md":
                text = markup.markdown_text(text)
            elif fmt == "html":
                text = markup.html_text(text)
            return text, meta, False
        if fmt == "docx":
            return office.docx_text(data, self.limits.max_archive_bytes), meta, False
        if fmt == "doc":
            return office.doc_text(data), meta, False
        if fmt == "rtf":
            return office.rtf_text(data), meta, False
        if fmt == "pdf":
            lim = self.limits
            res = pdf_text(data, ocr=lim.ocr, max_ocr_pages=lim.max_ocr_pages, ocr_lang=lim.ocr_lang)
            meta["pages"] = res.pages
            if res.ocr_pages:
                meta["ocr_pages"] = res.ocr_pages
            if res.warnings:
                meta["warnings"] = res.warnings
            return res.text, meta, bool(res.ocr_pages)
        raise ReadError(f"unsupported file type {fmt}")

    def _guard(self, items: Iterator[Source | LoadError], path: str) -> Iterator[Source | LoadError]:
        """Turn any unexpected exception of a reader into one LoadError line."""
        try:
            yield from items
        except Exception as exc:  # last line of defence: a batch never stops
            yield LoadError(path, f"reader failed: {type(exc).__name__}: {_one_line(exc)}")


def _decide(ext: str, kind: str | None, data: bytes) -> tuple[str, str | None]:
    """(format to read, note about a wrong extension) from extension and magic bytes."""
    want = EXT_FORMATS.get(ext)
    label = ext or "(no extension)"
    if kind is None:
        if want in TEXT_FORMATS:
            return want, None
        if want is None:
            raise ReadError(f"unsupported file type {label}")
        if _HTML_START.match(data[:1024]):
            return "html", f"extension {ext} but content is HTML; read as HTML"
        raise ReadError(f"not a {_NAMES[want]}: no {_SIGNATURES[want]} (starts with {data[:8]!r})")
    got = _KIND_FORMAT.get(kind)
    if got is None:
        if want is None:
            raise ReadError(f"unsupported file type {label}")
        raise ReadError(f"binary file (looks like {_article(kind)} {kind})")
    if want == "docx" and got == "zip":
        return "docx", None  # the DOCX reader says what is wrong (truncated, no word/document.xml)
    if got == want:
        return got, None
    if want is None and got in ("zip", "doc"):  # .xlsx, .odt, .xls ... are zip/OLE too
        raise ReadError(f"unsupported file type {label}")
    return got, f"extension {label} but content is {_NAMES[got]}; read as {_NAMES[got]}"


def _finish(src: Source) -> Source:
    """Legacy-encoding repair and the no-text check, common to every format."""
    text = src.text.replace("\x00", "")
    fixed, enc = legacy.fix_mojibake(text)
    if enc:
        text = fixed
        src.metadata["legacy_encoding"] = enc
    if src.metadata.get("encoding") in ("tcvn3", "vni"):
        src.metadata["legacy_encoding"] = src.metadata["encoding"]
    if not _ALNUM.search(text):
        raise ReadError("empty file (whitespace only)" if not text.strip() else "no text (no letters or digits)")
    src.text = text
    return src


def _walk(root: Path) -> list[Path]:
    """Files under `root`, recursively, sorted; hidden files/folders and Office
    lock files (~$x.docx) skipped, symlinked folders not followed."""
    found: list[tuple[str, Path]] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if name.startswith((".", "~$")):
                continue
            p = Path(dirpath, name)
            found.append((p.relative_to(root).as_posix(), p))
    return [p for _, p in sorted(found)]


def _doc_id(p: Path) -> str:
    """Posix path relative to the current directory when inside it, else absolute."""
    absolute = Path(os.path.abspath(p))
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return absolute.as_posix()


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _printable(s: str) -> str:
    """Control characters (a newline in a file or member name) shown escaped."""
    return _CONTROL.sub(lambda m: repr(m.group(0))[1:-1], s)


def _article(kind: str) -> str:
    return "an" if kind[:1] in "aeiou" else "a"


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300]
