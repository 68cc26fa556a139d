"""Extraction output is byte-for-byte what it was when `bench/results/extract_snapshot.json`
was recorded (speed work must change no output): the CI subset of `bench.extract_snapshot`
(seeds, Bình Dương rows, 400 generated documents, every 100th MOJ note, 20 gazette texts).
The full set: `python -m bench.extract_snapshot --check`."""
import pytest

from bench.extract_snapshot import SETS, SUBSET, digests, recorded
from tests.paths import CORPUS, SHARED


def test_extraction_output_unchanged_on_the_subset():
    if not (CORPUS / "congbao").is_dir() or not (SHARED / "seeds").is_dir():
        pytest.fail("needs ../shared/corpus and ../shared/seeds beside the checkout")
    want = recorded()["subset"]
    got = digests(SUBSET)
    assert set(got) == set(SETS)
    for name in SETS:
        assert got[name] == want[name], f"extraction output of {name!r} changed"
