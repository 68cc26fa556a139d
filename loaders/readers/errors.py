"""The one exception readers raise for a bad input; turned into a `LoadError`."""
from __future__ import annotations


class ReadError(Exception):
    """A clear, one-line reason why an input could not be read."""


_MB = 2**20


def size_text(n: int) -> str:
    """A size precise enough to compare with a limit: "50 MB" (whole MB), "1,000 bytes"
    (under 1 MB), else "50.0 MB (52,428,801 bytes)" (never rounded onto the limit)."""
    if n >= _MB and n % _MB == 0:
        return f"{n // _MB} MB"
    if n < _MB:
        return f"{n:,} bytes"
    return f"{n / _MB:.1f} MB ({n:,} bytes)"


def over_limit(what: str, size: int, limit: int) -> str:
    """ "file is 50.0 MB (52,428,801 bytes), above the 50 MB limit"."""
    return f"{what} {size_text(size)}, above the {size_text(limit)} limit"
