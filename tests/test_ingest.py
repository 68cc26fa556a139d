"""Ingest: incremental and idempotent, on the real embedded store.
(Crash safety: tests/test_crash_safety.py kills ingest at 10 moments.)"""
import shutil
from itertools import count

import pytest

from graph.ingest import ingest

_n = count()


@pytest.fixture
def empty(store_factory):
    return store_factory(f"ingest_{next(_n)}")


def test_seeds_twice_same_counts(empty, seeds_dir):
    first = ingest([seeds_dir], empty, progress=False)
    assert first.seen == first.new == 5 and first.unchanged == 0 and not first.rejected
    assert first.tasks > 0 and sum(first.citations_by_status.values()) > 0
    second = ingest([seeds_dir], empty, progress=False)
    assert second.unchanged == 5 and second.new == second.changed == 0
    assert second.counts == first.counts
    lines = second.lines()
    assert lines[0].startswith("documents: 5 seen, 0 new, 0 changed, 5 unchanged, 0 rejected")
    assert any(line.startswith("citations: ") for line in lines)


def test_changed_file_replaces_its_edges(empty, seeds_dir, tmp_path):
    for p in sorted(seeds_dir.glob("*.txt")):
        shutil.copy(p, tmp_path / p.name)
    ingest([tmp_path], empty, progress=False)
    target = sorted(tmp_path.glob("000_*.txt"))[0]
    doc_id = str(target)

    def owned(query: str) -> int:  # edges and tasks belong to the file's instrument
        inst = empty.read("MATCH (s:Source {id: $d}) RETURN s.instrument AS i", d=doc_id)[0]["i"]
        return empty.read(query, d=inst)[0]["c"]

    before = owned("MATCH ()-[r]->() WHERE r.source_doc = $d RETURN count(r) AS c")
    assert before > 0
    # cut the document to its first lines: fewer citations and tasks
    target.write_text("\n".join(target.read_text(encoding="utf-8").splitlines()[:12]) + "\n", encoding="utf-8")
    s = ingest([tmp_path], empty, progress=False)
    assert (s.changed, s.unchanged, s.new) == (1, 4, 0)
    after = owned("MATCH ()-[r]->() WHERE r.source_doc = $d RETURN count(r) AS c")
    assert after < before
    assert owned("MATCH (t:Task) WHERE t.source_doc = $d RETURN count(t) AS c") == s.tasks
    # the same fragment from a clean graph gives the same edges
    again = ingest([tmp_path], empty, progress=False)
    assert again.unchanged == 5 and again.counts == s.counts


def test_rejected_files_are_reported(empty, tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00\x00garbage\x00\x01")
    (tmp_path / "empty.docx").write_bytes(b"not a zip")
    s = ingest([tmp_path], empty, progress=False)
    assert s.rejected and all(":" in r for r in s.rejected)
    assert any(line.startswith("rejected: ") for line in s.lines())


# ------------------------------------------------------------------ crash safety


def test_python_gc_is_paced_during_ingest_and_restored(empty, seeds_dir):
    """While ingesting, Python's automatic collector is off (JPype would run a full
    collection on every Java GC) and the loop collects after each batch; afterwards the
    collector is back as it was, also when the ingest fails."""
    import gc

    seen = []
    write = empty.write_fragments

    def spy(fragments, replace=()):
        seen.append(gc.isenabled())
        return write(fragments, replace)

    empty.write_fragments = spy
    try:
        assert gc.isenabled()
        ingest([seeds_dir], empty, progress=False, batch_size=2)
        assert seen and not any(seen) and gc.isenabled()

        def boom(fragments, replace=()):
            raise RuntimeError("store gone")

        empty.write_fragments = boom
        with pytest.raises(RuntimeError):
            ingest([seeds_dir], empty, progress=False, force=True)
        assert gc.isenabled()
    finally:
        del empty.write_fragments
