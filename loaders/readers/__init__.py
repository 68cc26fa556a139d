"""Format readers: every input file (or portal row) becomes a `Source` or a `LoadError`."""
from .core import Limits, iter_sources

__all__ = ["Limits", "iter_sources"]
