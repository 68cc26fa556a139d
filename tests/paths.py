"""Where the tests find real text: the repo's samples and ../shared beside the clone."""
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = REPO / "data" / "samples" / "seeds"
CORPUS = SHARED / "corpus"
ARTIFACTS = REPO / "tests" / "artifacts"

SEED_FILES = {p.name[:3]: p for p in sorted(SEEDS.glob("*.txt"))}


def seed_text(key: str) -> str:
    """Text of seed "000" … "004"."""
    return SEED_FILES[key].read_text(encoding="utf-8")
