"""Floors on the development gold (tests/gold/): real documents labelled by reading.
`make eval` prints the figures; these floors sit at the level reached, so a change that
reads real documents worse fails here. Raise a floor when a class of failure is fixed."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bench.eval_gold import GOLD, evaluate, gold_docs

FLOORS = yaml.safe_load((Path(__file__).parent / "gold" / "floors.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def scores() -> dict:
    s, meta = evaluate(gold_docs(GOLD))
    assert not meta["failed"], meta["failed"]
    return s.table()["all"]


def test_every_gold_item_has_its_text_and_source() -> None:
    docs = gold_docs(GOLD)
    assert len(docs) >= FLOORS["documents"]
    for g in docs:
        assert str(g.labels.get("source", "")).startswith(("http", "shared:")) or g.labels.get("text_from"), g.id
        assert g.labels.get("source_kind"), g.id


@pytest.mark.parametrize("field,floor", sorted(FLOORS["fields"].items()))
def test_field_floor(scores: dict, field: str, floor: float) -> None:
    fig = scores[field]
    value = fig["accuracy"] if "accuracy" in fig else fig["f1"]
    assert value is not None and value >= floor, f"{field}: {fig}"
