"""Load the domain tables shipped in `domain/data/` (YAML), once per process."""
from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def table(name: str) -> Any:
    """The parsed content of `domain/data/<name>.yaml`."""
    path = resources.files("domain.data").joinpath(f"{name}.yaml")
    with path.open("r", encoding="utf-8") as fh:
        return yaml.safe_load(fh)
