"""Bad inputs end to end: `vbgraph ingest` (the CLI entry point, in process, on the
session's embedded store) on a folder mixing good documents with an empty file, a binary
file, a corrupt PDF, a truncated DOCX, files with a wrong extension and an oversized file:
one clear summary line per bad file, the good files ingested, and a second run that keeps
everything stored."""
from __future__ import annotations

import os
import re
import shutil

import docx
import pytest
from paths import SEED_FILES

from loaders.readers.core import Limits
from vbgraph.cli import main

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02\x00\x00\x00\x90\x91h6"


def _docx(path, text):
    d = docx.Document()
    for line in text.split("\n"):
        if line.strip():
            d.add_paragraph(line)
    d.save(path)
    return path


@pytest.fixture
def bad_folder(tmp_path):
    d = tmp_path / "inbox"
    d.mkdir()
    good = []
    for key in ("000", "002", "003"):
        good.append(shutil.copy(SEED_FILES[key], d / SEED_FILES[key].name))
    # a real .docx named .pdf: readable (sniffed), so a good file
    good.append(_docx(d / "seed004_saved_as.pdf", SEED_FILES["004"].read_text(encoding="utf-8")))
    bad = {}
    (d / "empty.txt").write_bytes(b"")
    bad["empty.txt"] = "empty"
    (d / "blob.bin").write_bytes(os.urandom(4096))
    bad["blob.bin"] = "unsupported"
    (d / "image.txt").write_bytes(PNG + os.urandom(2048))  # a PNG with a .txt name
    bad["image.txt"] = "binary"
    (d / "corrupt.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R" + os.urandom(3000))
    bad["corrupt.pdf"] = "pdf"
    full = _docx(d / "full.docx", SEED_FILES["001"].read_text(encoding="utf-8")).read_bytes()
    (d / "full.docx").unlink()
    (d / "truncated.docx").write_bytes(full[: len(full) // 2])
    bad["truncated.docx"] = "docx"
    (d / "letter.docx").write_text("Số: 12/UBND-VP\nnot a zip at all\n", encoding="utf-8")
    bad["letter.docx"] = "docx"   # text with a .docx extension
    with open(d / "huge.txt", "wb") as fh:  # sparse: above the size limit, no disk used
        fh.truncate(Limits().max_file_bytes + 1)
    bad["huge.txt"] = "limit"
    return d, good, bad


def _ingest(capsys, root, database, folder):
    rc = main(["ingest", "--quiet", "--db", str(root), "--database", database, "--batch", "3", str(folder)])
    out = capsys.readouterr().out
    return rc, out.splitlines()


def test_bad_files_reported_one_line_each_good_files_ingested(store_factory, graph_root, bad_folder, capsys):
    folder, good, bad = bad_folder
    store = store_factory("bad_input")  # starts the session's server; the CLI joins it
    rc, lines = _ingest(capsys, graph_root, "bad_input", folder)
    assert rc == 0, lines
    head = lines[0]
    m = re.match(r"documents: (\d+) seen, (\d+) new, 0 changed, 0 unchanged, (\d+) rejected", head)
    assert m, lines
    assert int(m.group(2)) == len(good) and int(m.group(3)) == len(bad), lines
    rejected = [line[len("rejected: "):] for line in lines if line.startswith("rejected: ")]
    assert len(rejected) == len(bad), "\n".join(lines)
    for name, word in bad.items():
        mine = [r for r in rejected if r.startswith(str(folder / name) + ": ")]
        assert len(mine) == 1, (name, rejected)
        reason = mine[0].split(": ", 1)[1]
        assert word in reason.lower() and len(reason) < 200 and "Traceback" not in reason, (name, reason)
    # the good files are in the graph, with their Source markers and citations
    recorded = store.sources()
    assert len(recorded) == len(good)
    assert {os.path.basename(k) for k in recorded} == {os.path.basename(str(p)) for p in good}
    cited = {r["s"] for r in store.read("MATCH (:Instrument)-[r]->(n:Instrument) RETURN DISTINCT n.symbol AS s")}
    assert {"56/KH-UBND", "2318/KL-TTr", "42/NQ-CP", "15/CT-TTg"} <= cited
    counts = store.counts()

    # a second run: nothing new, nothing lost, the same bad lines
    rc2, lines2 = _ingest(capsys, graph_root, "bad_input", folder)
    assert rc2 == 0
    assert lines2[0].startswith(f"documents: {len(good) + len(bad)} seen, 0 new, 0 changed, "
                                f"{len(good)} unchanged, {len(bad)} rejected"), lines2
    assert [line for line in lines2 if line.startswith("rejected: ")] == \
        [line for line in lines if line.startswith("rejected: ")]
    assert store.counts() == counts and store.sources() == recorded
    print("\n".join(lines))
