"""ZIP archives of documents, read in memory with limits (no extraction to disk)."""
from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator

from ..model import LoadError, Source
from .errors import over_limit, size_text

_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
Handler = Callable[[bytes, str, str, str, int], Iterator[Source | LoadError]]


def unsafe_name(name: str) -> bool:
    """Absolute paths, drive letters and ".." components could escape a folder."""
    norm = name.replace("\\", "/")
    return norm.startswith("/") or bool(_DRIVE.match(norm)) or ".." in norm.split("/")


def iter_zip(data: bytes, path: str, doc_id: str, depth: int, limits, handler: Handler) -> Iterator[Source | LoadError]:
    """Every member document as `archive.zip!member/path`; a LoadError per bad member.

    `handler(data, member_name, path, doc_id, depth)` reads one member's bytes.
    """
    if depth > limits.max_archive_depth:
        yield LoadError(path, f"archive nested deeper than {limits.max_archive_depth} levels")
        return
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        yield LoadError(path, f"corrupt ZIP archive: {exc}")
        return
    members = sorted((i for i in infos if not i.is_dir()), key=lambda i: i.filename)
    if len(members) > limits.max_archive_members:
        yield LoadError(path, f"archive has {len(members)} files, above the {limits.max_archive_members} limit; "
                              f"only the first {limits.max_archive_members} read")
        members = members[: limits.max_archive_members]
    budget = limits.max_archive_bytes
    seen = 0
    for info in members:
        name = info.filename
        shown = _CONTROL.sub(lambda m: repr(m.group(0))[1:-1], name)
        mpath, mid = f"{path}!{shown}", f"{doc_id}!{shown}"
        if unsafe_name(name):
            yield LoadError(mpath, "unsafe member path in archive (absolute or '..'), skipped")
            continue
        if any(p.startswith(".") or p == "__MACOSX" for p in posixpath.normpath(name).split("/")):
            continue
        if info.flag_bits & 0x1:
            yield LoadError(mpath, "encrypted archive member")
            continue
        if info.file_size > limits.max_file_bytes:
            yield LoadError(mpath, over_limit("file is", info.file_size, limits.max_file_bytes))
            continue
        if budget <= 0:
            yield LoadError(path, f"archive unzips to more than {size_text(limits.max_archive_bytes)}; rest skipped")
            return
        try:
            with zf.open(info) as fh:
                content = fh.read(min(limits.max_file_bytes, budget) + 1)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError, ValueError) as exc:
            yield LoadError(mpath, f"corrupt archive member: {exc}")
            continue
        if len(content) > limits.max_file_bytes:
            yield LoadError(mpath, f"file unzips above the {size_text(limits.max_file_bytes)} limit (size in the archive is wrong)")
            continue
        if len(content) > budget:
            yield LoadError(path, f"archive unzips to more than {size_text(limits.max_archive_bytes)}; rest skipped")
            return
        budget -= len(content)
        seen += 1
        yield from handler(content, name, mpath, mid, depth + 1)
    if not seen and not any(unsafe_name(i.filename) for i in members):
        yield LoadError(path, "empty archive (no documents)")
