"""One instrument is one node, whatever the number of files that carry it (issue 21.5):
the same text under another name, a .docx and a .txt of it, an upload of a file already
loaded, a portal row and the full text. Real seeds, the real embedded store."""
import shutil
from itertools import count

import docx
import pytest

from graph.ingest import ingest
from paths import SEED_FILES, seed_text

_n = count()
SEED_311 = "vn/ubnd-tp-lang-son/2021/TB/311"  # seed 003, "Số: 311 /TB-UBND", 47 edges, 9 tasks
SEED_000 = SEED_FILES["000"]                 # blank number: its id carries a hash of the file
PORTAL_ROW = ('{"so_ky_hieu": "311/TB-UBND", "ngay_ban_hanh": "16/04/2021", '
              '"trich_yeu": "kết luận cuộc họp ubnd thành phố thường kỳ tháng 4/2021", '
              '"issuer": "UBND thành phố Lạng Sơn", "pdf_url": "https://langson.gov.vn/vb/311-tb-ubnd.pdf"}\n')


@pytest.fixture
def empty(store_factory):
    return store_factory(f"copies_{next(_n)}")


def graph(store) -> dict:
    """What a reader sees: edges, tasks and assignments, sources per instrument."""
    one = lambda q, **p: store.read(q, **p)[0]["c"]  # noqa: E731
    return {
        "edges": one("MATCH ()-[r]->() RETURN count(r) AS c"),
        "tasks": one("MATCH (t:Task) RETURN count(t) AS c"),
        "assigns": one("MATCH (:Instrument)-[r:ASSIGNS]->(:Task) RETURN count(r) AS c"),
        "instruments_with_text": one("MATCH (i:Instrument) WHERE i.has_text RETURN count(i) AS c"),
        "edge_keys": sorted((r["t"], r["a"], r["b"], r["d"]) for r in store.read(
            "MATCH (a)-[r]->(b) RETURN type(r) AS t, a.id AS a, b.id AS b, r.source_doc AS d")),
    }


def sources(store) -> dict[str, str]:
    return {r["id"]: r["i"] for r in store.read("MATCH (s:Source) RETURN s.id AS id, s.instrument AS i")}


def seed_docx(path, key: str = "003"):
    d = docx.Document()
    for line in seed_text(key).split("\n"):
        if line.strip():
            d.add_paragraph(line)
    d.save(path)
    return path


def test_same_text_under_another_name_is_one_instrument(empty, tmp_path):
    a, b = tmp_path / "a" / "003.txt", tmp_path / "b" / "cong-van-311.txt"
    for p in (a, b):
        p.parent.mkdir()
        shutil.copy(SEED_FILES["003"], p)
    first = ingest([a], empty, progress=False)
    once = graph(empty)
    assert once["edges"] == 47 and once["tasks"] == once["assigns"] == 9
    second = ingest([b], empty, progress=False)
    assert graph(empty) == once  # was 94 edges, every task assigned twice
    assert sources(empty) == {str(a): SEED_311, str(b): SEED_311}  # both files stay as provenance
    assert first.tasks == 9 and second.tasks == 0 and len(second.copies) == 1
    assert second.copies[0].startswith(f"{b}: another source of {SEED_311}")
    assert any(line.startswith("copies: 1 source(s)") for line in second.lines())
    # the copy is recognised as unchanged next time, and the graph does not move
    again = ingest([a, b], empty, progress=False)
    assert again.unchanged == 2 and graph(empty) == once


def test_both_copies_in_one_batch(empty, tmp_path):
    for name in ("x.txt", "y.txt"):
        shutil.copy(SEED_FILES["003"], tmp_path / name)
    s = ingest([tmp_path], empty, progress=False)
    assert s.new == 2 and len(s.copies) == 1 and s.tasks == 9
    g = graph(empty)
    assert g["edges"] == 47 and g["tasks"] == g["assigns"] == 9


def test_docx_and_txt_of_one_document(empty, tmp_path):
    txt = tmp_path / "311.txt"
    shutil.copy(SEED_FILES["003"], txt)
    ingest([txt], empty, progress=False)
    once = graph(empty)
    ingest([seed_docx(tmp_path / "311.docx")], empty, progress=False)
    assert graph(empty) == once
    assert set(sources(empty).values()) == {SEED_311}


def test_docx_and_txt_of_a_blank_numbered_document(empty, tmp_path):
    """Seed 000 ("Số: /TB-UBND") has no number: its id is made from its file's hash, so the
    .docx and the .txt got two ids; the same text makes them one instrument."""
    txt = tmp_path / "000.txt"
    shutil.copy(SEED_000, txt)
    ingest([txt], empty, progress=False)
    once = graph(empty)
    s = ingest([seed_docx(tmp_path / "000.docx", "000")], empty, progress=False)
    assert len(s.copies) == 1 and graph(empty) == once
    assert len(set(sources(empty).values())) == 1 and once["instruments_with_text"] == 1


def test_fuller_text_wins_in_either_order(store_factory, tmp_path):
    """A cut copy (the first half of seed 003, its number kept) and the whole text: the
    whole one writes the instrument whichever came first; both stay recorded."""
    full, cut = tmp_path / "full" / "311.txt", tmp_path / "cut" / "311-trich.txt"
    full.parent.mkdir()
    cut.parent.mkdir()
    shutil.copy(SEED_FILES["003"], full)
    text = seed_text("003")
    cut.write_text(text[: len(text) // 2], encoding="utf-8")
    reference = store_factory(f"copies_ref_{next(_n)}")
    ingest([full], reference, progress=False)
    want = graph(reference)
    for order in ([cut, full], [full, cut]):
        store = store_factory(f"copies_{next(_n)}")
        for path in order:
            ingest([path], store, progress=False)
        assert graph(store) == want, order
        assert store.read("MATCH (i:Instrument {id: $id}) RETURN i.doc_id AS d", id=SEED_311)[0]["d"] == str(full)
        assert sources(store) == {str(full): SEED_311, str(cut): SEED_311}


def test_portal_row_and_full_text_are_one_instrument(store_factory, tmp_path):
    """The portal's metadata row of 311/TB-UBND and the full text: one instrument, the
    text's edges and tasks, the row's URL filling what the text lacks (either order)."""
    row = tmp_path / "portal.jsonl"
    row.write_text(PORTAL_ROW, encoding="utf-8")
    txt = tmp_path / "311.txt"
    shutil.copy(SEED_FILES["003"], txt)
    reference = store_factory(f"copies_ref_{next(_n)}")
    ingest([txt], reference, progress=False)
    want = graph(reference)
    subject = reference.read("MATCH (i:Instrument {id: $id}) RETURN i.subject AS s", id=SEED_311)[0]["s"]
    for order in ([row, txt], [txt, row]):
        store = store_factory(f"copies_{next(_n)}")
        for path in order:
            ingest([path], store, progress=False)
        assert graph(store) == want, order
        node = store.read("MATCH (i:Instrument {id: $id}) RETURN i.url AS url, i.subject AS s, i.doc_id AS d, "
                          "i.text_length AS n", id=SEED_311)[0]
        assert node == {"url": "https://langson.gov.vn/vb/311-tb-ubnd.pdf", "s": subject, "d": str(txt),
                        "n": len(seed_text("003"))}, order
        assert set(sources(store)) == {str(txt), f"{row}#1"}


def test_upload_of_a_loaded_file(store_factory, graph_root, seeds_dir, tmp_path, monkeypatch):
    """The explorer's upload path (Nạp văn bản) on a seed its store already holds: a new
    Source, no new edge or task."""
    from vbgraph_app.views.ingest import ingest_files

    database = f"copies_upload_{next(_n)}"
    store = store_factory(database)
    ingest([seeds_dir], store, progress=False)
    monkeypatch.setenv("VBGRAPH_DB", str(graph_root))
    monkeypatch.setenv("VBGRAPH_DATABASE", database)
    monkeypatch.delenv("VBGRAPH_URI", raising=False)
    before = graph(store)
    upload = tmp_path / "uploaded.txt"
    shutil.copy(SEED_FILES["003"], upload)
    summary = ingest_files([upload])
    assert graph(store) == before
    assert summary.new == 1 and len(summary.copies) == 1 and sources(store)[str(upload)] == SEED_311

    def page(summary):
        from vbgraph_app.views.ingest import show_summary
        show_summary(summary)

    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(page, kwargs={"summary": summary}).run()
    assert not at.exception
    assert at.info[0].value.startswith("1 tệp là bản khác của văn bản đã có trong kho")


def test_holder_that_moves_leaves_its_copies_to_be_read_again(empty, tmp_path):
    """The file that wrote an instrument now carries another text: the instrument loses
    that text, and the other file of it is read again on the next run and writes it."""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    text = seed_text("003")
    a.write_text(text + "\n", encoding="utf-8")   # the fuller one: holds 311/TB-UBND
    b.write_text(text, encoding="utf-8")
    ingest([a, b], empty, progress=False)
    assert empty.read("MATCH (i:Instrument {id: $id}) RETURN i.doc_id AS d", id=SEED_311)[0]["d"] == str(a)
    shutil.copy(SEED_FILES["004"], a)             # a is now 161/TB-UBND of Hải Phòng
    ingest([a], empty, progress=False)
    assert empty.sources([str(b)]) == {str(b): None}  # marked unread
    s = ingest([a, b], empty, progress=False)
    assert s.unchanged == 1 and s.new == 1 and not s.copies
    node = empty.read("MATCH (i:Instrument {id: $id}) RETURN i.doc_id AS d, i.has_text AS t", id=SEED_311)[0]
    assert node == {"d": str(b), "t": True}
    assert empty.read("MATCH (:Instrument {id: $id})-[:ASSIGNS]->(t) RETURN count(t) AS c", id=SEED_311)[0]["c"] == 9
