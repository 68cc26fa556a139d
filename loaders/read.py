"""Reading every input format into `Source` records (see `loaders/readers/`).

    iter_sources(paths, mapping=None, *, limits=Limits()) -> Iterator[Source | LoadError]
"""
from __future__ import annotations

from .readers import Limits, iter_sources

__all__ = ["Limits", "iter_sources"]
