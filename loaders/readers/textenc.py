"""Bytes -> text: BOMs, UTF-8, UTF-16, windows-1258, TCVN3 and VNI."""
from __future__ import annotations

import codecs

from domain.unicode_forms import normal_form

from . import legacy
from .errors import ReadError

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_CONTROL_OK = set("\t\n\r\f\v\x1a")  # \x1a: DOS end-of-file marker
# bytes undefined in windows-1252 (0x81, 0x8d ...) read as latin-1
codecs.register_error("latin1fallback", lambda e: (e.object[e.start:e.end].decode("latin-1"), e.end))


def bom_encoding(data: bytes) -> tuple[str | None, int]:
    """(encoding, BOM length) when `data` starts with a byte-order mark."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc, len(bom)
    return None, 0


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'-be' when every other byte is NUL (ASCII-heavy UTF-16)."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


_CONTROL_BYTES = bytes(b for b in range(32) if chr(b) not in _CONTROL_OK)


def binary_bytes(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    bad = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return bad > max(2, len(sample) // 50)


def looks_binary(text: str) -> bool:
    """Text with NULs or many control characters is not a text document."""
    sample = text[:8192]
    if "\x00" in sample:
        return True
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in _CONTROL_OK) or 0x7F <= ord(c) < 0xA0)
    return bad > max(2, len(sample) // 50)


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode document bytes; returns (text, encoding name).

    Order: BOM, a declared charset (HTML meta), UTF-16 without BOM, UTF-8, then
    the best-reading of windows-1258 / TCVN3 / VNI. Raises ReadError when no
    decoding fits or the result is binary.
    """
    enc, skip = bom_encoding(data)
    if enc:
        try:
            text = data[skip:].decode(enc)
        except UnicodeDecodeError as exc:
            raise ReadError(f"undecodable text: {enc} byte-order mark but {exc.reason} at byte {exc.start + skip}") from None
        return _checked(text, enc)
    if declared:
        try:
            return _checked(normal_form("NFC", data.decode(declared)), declared)
        except (UnicodeDecodeError, LookupError):
            pass
    enc16 = _utf16_without_bom(data)
    if enc16:
        try:
            return _checked(data.decode(enc16), enc16)
        except UnicodeDecodeError:
            pass
    if binary_bytes(data):
        raise ReadError("binary file (unknown type: NUL or control bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = f"not UTF-8 ({exc.reason} at byte {exc.start})"
    else:
        return _checked(text, "utf-8")
    return _checked(*_single_byte(data, utf8_error))


def _single_byte(data: bytes, utf8_error: str) -> tuple[str, str]:
    """Pick the single-byte reading that is most Vietnamese."""
    candidates: list[tuple[str, str]] = []
    try:
        candidates.append((normal_form("NFC", data.decode("cp1258")), "windows-1258"))
    except UnicodeDecodeError as exc:
        cp1258_error = f"byte 0x{data[exc.start]:02x} at {exc.start} is not windows-1258"
    else:
        cp1258_error = ""
    latin = data.decode("cp1252", errors="latin1fallback")
    if not looks_binary(latin) and legacy.suspicious(latin):
        for conv, name in ((legacy.from_tcvn3, "tcvn3"), (legacy.from_vni, "vni")):
            cand = conv(latin)
            if legacy.reads_vietnamese(cand):
                candidates.append((cand, name))
    if not candidates:
        raise ReadError(f"undecodable text: {utf8_error}, and {cp1258_error}")
    scored = [(legacy.score(t), -i, t, e) for i, (t, e) in enumerate(candidates)]
    _, _, text, enc = max(scored)
    return text, enc


def _checked(text: str, enc: str) -> tuple[str, str]:
    if looks_binary(text):
        raise ReadError(f"binary file (unknown type: control characters in text read as {enc})")
    return text, enc
