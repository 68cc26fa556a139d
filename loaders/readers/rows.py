"""Portal metadata rows (.jsonl, .csv): one `Source` per row.

Column names are matched to the fixed metadata keys through the aliases in
`data/fields.yaml`, or an explicit mapping {"symbol": "column", ...}.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator
from functools import cache
from typing import IO, Any

from domain.keys import column_key

from ..model import LoadError, Source
from .errors import size_text
from ..tables import table
from .markup import markdown_text

KEYS = ("symbol", "date", "subject", "issuer", "status", "url")


@cache
def _aliases() -> dict[str, list[str]]:
    return {k: [column_key(a) for a in v] for k, v in table("fields").items()}


def resolve(columns: list[str], mapping: dict[str, str] | None) -> dict[str, str | None]:
    """Which column feeds each key (KEYS + "text"); explicit mapping first."""
    folded: dict[str, str] = {}
    for c in columns:
        folded.setdefault(column_key(c), c)
    out: dict[str, str | None] = {}
    for key, aliases in _aliases().items():
        out[key] = next((folded[a] for a in aliases if a in folded), None)
    for key, col in (mapping or {}).items():
        out[key] = col if col in columns else folded.get(column_key(col))
    return out


def make_source(row: dict[str, Any], n: int, path: str, doc_id: str, fmt: str,
                cols: dict[str, str | None]) -> Source | LoadError:
    """The Source for one row (text: full-text field, else the subject line)."""
    canonical = json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    meta: dict[str, Any] = {k: _value(row, cols.get(k)) for k in KEYS}
    full = _value(row, cols.get("text"))
    text = full if isinstance(full, str) and full.strip() else meta["subject"]
    if not isinstance(text, str) or not text.strip():
        names = ", ".join(list(row)[:12])
        return LoadError(path, f"row has no text: no full-text or subject field with a value (fields: {names})", n)
    if text is full and "markdown" in str(row.get("format", "")).lower():
        text = markdown_text(text)
        meta["text_format"] = "markdown"
    meta["row"] = row
    return Source(f"{doc_id}#{n}", path, text, fmt, hashlib.sha256(canonical.encode("utf-8")).hexdigest(),
                  row=n, metadata=meta)


def _value(row: dict[str, Any], col: str | None) -> Any:
    if col is None:
        return None
    v = row.get(col)
    if v is None or v == "":
        return None
    return v if isinstance(v, (str, int, float, bool)) else json.dumps(v, ensure_ascii=False)


def iter_jsonl(stream: IO[bytes], path: str, doc_id: str, mapping: dict[str, str] | None,
               max_row_bytes: int) -> Iterator[Source | LoadError]:
    """One Source per JSON line; n = line number; a bad line is one LoadError."""
    n = 0
    while True:
        line = stream.readline(max_row_bytes + 1)
        if not line:
            return
        n += 1
        if len(line) > max_row_bytes and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest of the oversized line
                line = stream.readline(1 << 20)
            yield LoadError(path, f"row is above the {size_text(max_row_bytes)} limit", n)
            continue
        if n == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if not line.strip():
            continue
        try:
            row = json.loads(line.decode("utf-8"))
        except UnicodeDecodeError as exc:
            yield LoadError(path, f"undecodable text: row is not UTF-8 ({exc.reason} at byte {exc.start})", n)
            continue
        except (json.JSONDecodeError, RecursionError) as exc:
            yield LoadError(path, f"invalid JSON: {getattr(exc, 'msg', exc)} (column {getattr(exc, 'colno', '?')})", n)
            continue
        if not isinstance(row, dict):
            yield LoadError(path, f"row is a JSON {type(row).__name__}, not an object", n)
            continue
        yield make_source(row, n, path, doc_id, "jsonl-row", resolve(list(row), mapping))


def iter_csv(stream: IO[bytes], path: str, doc_id: str, mapping: dict[str, str] | None,
             max_row_bytes: int) -> Iterator[Source | LoadError]:
    """One Source per data row (n = 1 for the first row after the header)."""
    head = stream.read(65536)
    stream.seek(0)
    encoding = _csv_encoding(head)
    text = io.TextIOWrapper(stream, encoding=encoding, errors="strict", newline="")
    sample = head.decode(encoding, errors="ignore")
    try:
        dialect = csv.Sniffer().sniff(sample[:16384], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    csv.field_size_limit(max(csv.field_size_limit(), max_row_bytes))
    reader = csv.reader(text, dialect)
    try:
        header = next(reader)
    except StopIteration:
        yield LoadError(path, "empty file")
        return
    except (csv.Error, UnicodeDecodeError) as exc:
        yield LoadError(path, f"unreadable CSV header: {exc}")
        return
    header = [h.strip() for h in header]
    if header:
        header[0] = header[0].lstrip("\ufeff")
    missing = [c for c in (mapping or {}).values() if c not in header and column_key(c) not in map(column_key, header)]
    if missing:
        yield LoadError(path, f"mapping names column(s) {', '.join(missing)} not in the header ({', '.join(header)})")
        return
    cols = resolve(header, mapping)
    n = 0
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError as exc:
            yield LoadError(path, f"undecodable text after row {n}: {exc.reason} ({encoding})", n + 1)
            return
        except csv.Error as exc:
            n += 1
            yield LoadError(path, f"invalid CSV row: {exc}", n)
            continue
        n += 1
        if not any(v.strip() for v in values):
            continue
        if len(values) > len(header):
            yield LoadError(path, f"row has {len(values)} fields, the header {len(header)}", n)
            continue
        row = dict(zip(header, values))
        yield make_source(row, n, path, doc_id, "csv-row", cols)


def _csv_encoding(head: bytes) -> str:
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3:  # a character cut by the sample boundary
            return "utf-8"
        return "cp1258"
