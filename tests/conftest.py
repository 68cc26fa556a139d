"""Shared fixtures. This file is shared by every test module: append, don't rewrite."""
import pytest

from paths import CORPUS, SEEDS, SHARED


@pytest.fixture(scope="session")
def shared_dir():
    if not SHARED.is_dir():
        pytest.fail(f"../shared not found at {SHARED}: CI clones the repo with shared/ beside it")
    return SHARED


@pytest.fixture(scope="session")
def corpus_dir(shared_dir):
    return CORPUS


@pytest.fixture(scope="session")
def seeds_dir():
    return SEEDS
