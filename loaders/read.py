"""STUB (replaced by the format readers)."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from .model import LoadError, Source


def iter_sources(paths: Iterable[str | Path], mapping: dict[str, str] | None = None) -> Iterator[Source | LoadError]:
    """Every document in `paths` (files, directories, portal row files), or an error per bad one."""
    for p in paths:
        p = Path(p)
        files = sorted(x for x in p.rglob("*") if x.is_file()) if p.is_dir() else [p]
        for f in files:
            try:
                data = f.read_bytes()
                yield Source(str(f), str(f), data.decode("utf-8"), "txt", hashlib.sha256(data).hexdigest())
            except (OSError, UnicodeDecodeError) as exc:
                yield LoadError(str(f), str(exc))
