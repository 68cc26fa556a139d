"""The one exception readers raise for a bad input; turned into a `LoadError`."""
from __future__ import annotations


class ReadError(Exception):
    """A clear, one-line reason why an input could not be read."""
