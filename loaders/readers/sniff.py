"""What a file really is, from its first bytes (magic numbers)."""
from __future__ import annotations

import io
import zipfile

# (magic prefix, kind); kinds other than the document formats are "binary/…"
_MAGIC: list[tuple[bytes, str]] = [
    (b"%PDF-", "pdf"),
    (b"{\\rtf", "rtf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"RIFF", "audio-video/riff"),
    (b"\x7fELF", "executable/elf"),
    (b"MZ", "executable/windows"),
    (b"\x1f\x8b", "archive/gzip"),
    (b"BZh", "archive/bzip2"),
    (b"7z\xbc\xaf\x27\x1c", "archive/7z"),
    (b"Rar!\x1a\x07", "archive/rar"),
    (b"\xfd7zXZ\x00", "archive/xz"),
    (b"SQLite format 3\x00", "database/sqlite"),
    (b"OggS", "audio/ogg"),
    (b"ID3", "audio/mp3"),
]
DOCUMENT_KINDS = {"pdf", "rtf", "ole", "zip", "docx"}


def sniff(data: bytes) -> str | None:
    """The kind of content by magic bytes: "pdf", "docx", "zip", "rtf", "ole",
    "image/png" … or None for no known signature (text, or unknown binary)."""
    head = data[:1024]
    at = head.find(b"%PDF-")
    if at == 0 or (at > 0 and b" obj" in data[:65536]):
        return "pdf"
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            if kind == "zip":
                return "docx" if _is_docx(data) else "zip"
            if kind == "executable/windows" and len(data) < 64:
                return None  # "MZ" could be text
            return kind
    if head[4:8] == b"ftyp":
        return "audio-video/mp4"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False
