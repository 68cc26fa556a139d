"""iter_sources contract: ids, hashes, order, directories, portal rows (jsonl/csv)."""
from __future__ import annotations

import csv
import hashlib
import inspect
import json
from pathlib import Path

import pytest

from loaders.model import LoadError, Source
from loaders.read import iter_sources
from paths import CORPUS, SEED_FILES, seed_text

VBCDDH = CORPUS / "binhduong" / "vbcddh.jsonl"


def _split(items):
    items = list(items)
    return [i for i in items if isinstance(i, Source)], [i for i in items if isinstance(i, LoadError)]


def _rows(path: Path, n: int) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(next(fh)) for _ in range(n)]


# ------------------------------------------------------------------ portal rows
def test_binhduong_portal_loads_as_3613_documents(corpus_dir):
    sources, errors = _split(iter_sources([VBCDDH]))
    assert errors == []
    assert len(sources) == 3613
    first = sources[0]
    row = _rows(VBCDDH, 1)[0]
    assert first.doc_id.endswith("binhduong/vbcddh.jsonl#1") and sources[-1].doc_id.endswith("#3613")
    assert first.format == "jsonl-row" and first.row == 1
    assert first.text == row["trich_yeu"]          # no full text: the subject line is the text
    assert first.metadata["symbol"] == "3637/UBND-VX"
    assert first.metadata["date"] == "20/07/2022"  # as written
    assert first.metadata["subject"] == row["trich_yeu"]
    assert first.metadata["status"] == "Văn bản đang có hiệu lực"
    assert first.metadata["url"].endswith("3637-VX.signed.pdf")
    assert first.metadata["issuer"].startswith("UBND tỉnh Bình Dương")
    assert first.metadata["row"] == row
    canonical = json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert first.content_hash == hashlib.sha256(canonical.encode()).hexdigest()
    assert len({s.doc_id for s in sources}) == 3613
    # real Unicode text is never "repaired" as a legacy encoding (U+00D0 "QÐ", NFD rows included)
    assert not [s.doc_id for s in sources if "legacy_encoding" in s.metadata]


def test_bad_json_line_is_one_error_for_that_row_only(tmp_path, corpus_dir):
    lines = VBCDDH.read_text(encoding="utf-8").splitlines()[:40]
    lines[9] = lines[9][:55]                      # truncated JSON on line 10
    lines[20] = "[1, 2, 3]"                       # JSON, not an object
    lines.insert(30, "")                          # a blank line (line 31) is skipped
    f = tmp_path / "portal.jsonl"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sources, errors = _split(iter_sources([f]))
    assert len(sources) == 38
    assert [(e.row, e.reason.split(":")[0]) for e in errors] == [(10, "invalid JSON"), (21, "row is a JSON list, not an object")]
    assert all("portal.jsonl#" in str(e) and "\n" not in str(e) for e in errors)
    ids = [s.doc_id.rsplit("#", 1)[1] for s in sources]
    assert "10" not in ids and "11" in ids and ids[-1] == "41"   # row numbers stay the line numbers


def test_full_text_rows_use_the_text_field(corpus_dir):
    sources, errors = _split(iter_sources([CORPUS / "dvhcvn", CORPUS / "congbao"]))
    assert errors == [] and len(sources) == 36 + 402
    dv = [s for s in sources if "dvhcvn" in s.doc_id]
    assert dv[0].metadata["text_format"] == "markdown"
    assert "Công văn số 1027/CTK-CSCL" in dv[0].text
    assert "**" not in dv[0].text and "_(" not in dv[0].text       # pandoc emphasis stripped
    cb = [s for s in sources if "congbao" in s.doc_id]
    raw = _rows(CORPUS / "congbao" / "congbao_400.jsonl", 1)[0]
    assert cb[0].text == raw["text"] and cb[0].metadata["symbol"] == raw["so_hieu"]


def test_csv_with_vietnamese_headers_and_semicolons(tmp_path, corpus_dir):
    rows = _rows(VBCDDH, 5)
    f = tmp_path / "export.csv"
    with f.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(["Số ký hiệu", "Ngày ban hành", "Trích yếu", "Cơ quan ban hành", "Tình trạng", "Link"])
        for r in rows:
            w.writerow([r["so_ky_hieu"], r["ngay_ban_hanh"], r["trich_yeu"], r["issuer"], r["hieu_luc"], r["pdf_url"]])
    sources, errors = _split(iter_sources([f]))
    assert errors == [] and len(sources) == 5
    for s, r in zip(sources, rows):
        assert s.format == "csv-row"
        assert s.text == r["trich_yeu"]
        assert (s.metadata["symbol"], s.metadata["date"], s.metadata["url"]) == (r["so_ky_hieu"], r["ngay_ban_hanh"], r["pdf_url"])
        assert s.metadata["status"] == r["hieu_luc"] and s.metadata["issuer"] == r["issuer"]
    assert sources[0].doc_id.endswith("export.csv#1")


def test_explicit_mapping_overrides_aliases(tmp_path):
    f = tmp_path / "odd.jsonl"
    row = {"sh": "56/KH-UBND", "ty": "Kế hoạch thực hiện Kết luận thanh tra số 2318/KL-TTr", "d": "01/4/2020",
           "trich_yeu": "not this one"}
    f.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    (s,) = iter_sources([f], mapping={"symbol": "sh", "subject": "ty", "date": "d"})
    assert s.text == row["ty"] and s.metadata["symbol"] == "56/KH-UBND" and s.metadata["date"] == "01/4/2020"
    assert s.metadata["issuer"] is None


def test_csv_mapping_to_a_missing_column_is_one_error(tmp_path):
    f = tmp_path / "a.csv"
    f.write_text("so_hieu,trich_yeu\n56/KH-UBND,Kế hoạch\n", encoding="utf-8")
    (e,) = iter_sources([f], mapping={"symbol": "nope"})
    assert isinstance(e, LoadError) and "nope" in e.reason


def test_row_without_any_text_is_an_error(tmp_path):
    f = tmp_path / "r.jsonl"
    f.write_text('{"so_ky_hieu": "1/TB-UBND"}\n{"so_ky_hieu": "2/TB-UBND", "trich_yeu": "Thông báo"}\n', encoding="utf-8")
    items = list(iter_sources([f]))
    assert isinstance(items[0], LoadError) and items[0].row == 1 and "no text" in items[0].reason
    assert isinstance(items[1], Source) and items[1].text == "Thông báo"


# ------------------------------------------------------------------ files and folders
def test_directory_walk_sorted_recursive_hidden_skipped(tmp_path, monkeypatch):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "z.txt").write_text(seed_text("004"), encoding="utf-8")
    (tmp_path / "b" / "a.md").write_text(seed_text("003"), encoding="utf-8")
    (tmp_path / "a.txt").write_text(seed_text("000"), encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / ".git" / "HEAD.txt").write_text("x", encoding="utf-8")
    (tmp_path / "~$lock.docx").write_bytes(b"\x00")
    (tmp_path / "notes.xyz").write_text("y", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    items = list(iter_sources(["."]))
    assert [i.doc_id if isinstance(i, Source) else str(i) for i in items] == [
        "a.txt", "b/a.md", "notes.xyz: unsupported file type .xyz", "z.txt"]
    assert items[0].text == seed_text("000") and items[0].format == "txt"
    assert items[0].content_hash == hashlib.sha256((tmp_path / "a.txt").read_bytes()).hexdigest()
    assert list(iter_sources(["."])) == items      # deterministic


def test_doc_id_relative_inside_cwd_else_absolute(tmp_path, monkeypatch):
    f = tmp_path / "sub" / "x.txt"
    f.parent.mkdir()
    f.write_text(seed_text("004"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert next(iter_sources([f])).doc_id == "sub/x.txt"
    assert next(iter_sources(["sub/x.txt"])).path == "sub/x.txt"
    monkeypatch.chdir(tmp_path / "sub")
    assert next(iter_sources([tmp_path / "sub"])).doc_id == "x.txt"
    (tmp_path / "other").mkdir()
    monkeypatch.chdir(tmp_path / "other")
    assert next(iter_sources([f])).doc_id == f.resolve().as_posix()


def test_missing_path_and_lazy_iteration(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text(seed_text("004"), encoding="utf-8")

    def paths():
        yield good
        raise AssertionError("iter_sources must not read ahead")

    it = iter_sources(paths())
    assert inspect.isgenerator(it)
    assert next(it).doc_id.endswith("a.txt")
    (e,) = iter_sources([tmp_path / "nope.pdf"])
    assert isinstance(e, LoadError) and e.reason == "no such file or directory"


def test_seeds_read_unchanged(seeds_dir):
    sources = list(iter_sources([seeds_dir]))
    assert [s.text for s in sources] == [seed_text(k) for k in sorted(SEED_FILES)]
    assert all(s.metadata["encoding"] == "utf-8" for s in sources)


@pytest.mark.parametrize("bad", [b"", b"   \n\t\n"])
def test_empty_and_blank_files(tmp_path, bad):
    f = tmp_path / "empty.txt"
    f.write_bytes(bad)
    (e,) = iter_sources([f])
    assert isinstance(e, LoadError) and "empty file" in str(e) and "empty.txt" in str(e)
