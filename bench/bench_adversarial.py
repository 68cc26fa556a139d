"""Extraction time of adversarial inputs at 1, 2 and 4 MB: is every reader and finder linear?

    python -m bench.bench_adversarial [--sizes 1,2,4] [--only NAME,NAME] [--out bench/results/adversarial.json]

Each input of `INPUTS` is a file built at a target size (MB of its text: the UTF-8 bytes
of the text, markup or XML before any zipping), read and extracted as `vbgraph extract`
does (`loaders.extract_paths`: reader, normalisation, identity, citations, relations,
tasks, entities). Measured: CPU seconds of one run per size (the process's CPU time, so
other processes on the machine count less), seconds per MB, and the growth from the
smallest to the largest size (1.0 per doubling is linear). Writes
bench/results/adversarial.json; no assertion (tests/test_linear_time.py checks the
growth of the same inputs at ~100 KB).
"""
from __future__ import annotations

import argparse
import io
import itertools
import json
import os
import string
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from bench.bench_graph import RESULTS, git_rev, log, machine, write_json

SEED = (Path(__file__).resolve().parents[1] / "data" / "samples" / "seeds" / "000_b6f662df1e0bf529.txt")
MB = 1_000_000


@dataclass(frozen=True)
class Adversarial:
    """An input shape: `make(n)` gives the file's text (~n UTF-8 bytes) or bytes."""

    name: str
    ext: str
    make: Callable[[int], str | bytes]
    why: str


def repeat(unit: str, n: int, head: str = "", tail: str = "") -> str:
    """`head`, `unit` repeated, `tail`: ~n UTF-8 bytes."""
    k = max(1, (n - len(head.encode()) - len(tail.encode())) // max(1, len(unit.encode())))
    return head + unit * k + tail


def seed() -> str:
    return SEED.read_text(encoding="utf-8")


def seed_header() -> str:
    """The seed's header: number, place and date, type title, subject."""
    text = seed()
    return text[: text.find("\n1. ")] + "\n"


def _docx(body_xml: str) -> bytes:
    """A minimal .docx (content types, package relationships, word/document.xml)."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
            '"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
            'document.main+xml"/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}"><w:body>'
                             f"{body_xml}</w:body></w:document>",
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, xml in parts.items():
            zf.writestr(name, xml)
    return buf.getvalue()


def _p(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def docx_paragraphs(n: int) -> bytes:
    lines = [line for line in seed().split("\n") if line.strip()]
    xml = "".join(_p(line) for line in lines)
    return _docx(repeat(xml, n))


def docx_table(n: int) -> bytes:
    """One two-column table of many rows (a recipients list | a signature, row after row)."""
    row = ("<w:tr><w:tc>" + _p("- Sở Tài chính thực hiện Quyết định số 12/QĐ-UBND;") + "</w:tc><w:tc>"
           + _p("KT. CHỦ TỊCH") + "</w:tc></w:tr>")
    grid = "<w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
    return _docx(f"<w:tbl>{grid}{repeat(row, n)}</w:tbl>")


def docx_merged(n: int) -> bytes:
    """A table whose first column is one cell merged down every row (vMerge)."""
    first = "<w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>" + _p("Sở Tài chính") + "</w:tc><w:tc>" \
            + _p("Giao Sở Tài chính chủ trì") + "</w:tc></w:tr>"
    row = "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr>" + _p("") + "</w:tc><w:tc>" \
          + _p("Giao Sở Tài chính chủ trì, phối hợp với Sở Nội vụ;") + "</w:tc></w:tr>"
    grid = "<w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
    return _docx(f"<w:tbl>{grid}{first}{repeat(row, n)}</w:tbl>")


def pdf_page(n: int) -> bytes:
    """One PDF page whose text layer is a very long run of lines (Helvetica, ASCII)."""
    line = "(Can cu Quyet dinh so 12/QD-UBND ngay 1/1/2020 cua UBND tinh ve viec x) Tj T*\n"
    stream = ("BT /F1 10 Tf 12 TL 40 800 Td\n" + repeat(line, n) + "ET").encode("latin-1")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def jsonl_rows(n: int) -> str:
    row = json.dumps({"so_ky_hieu": "12/QĐ-UBND", "ngay_ban_hanh": "01/01/2020",
                      "trich_yeu": "Về việc thực hiện Kế hoạch số 56/KH-UBND ngày 1/4/2020 của UBND tỉnh"},
                     ensure_ascii=False)
    return repeat(row + "\n", n)


def jsonl_one_row(n: int) -> str:
    """One portal row whose subject is the whole size (no newline inside)."""
    body = repeat("Căn cứ Quyết định số 12/QĐ-UBND ngày 1/1/2020; giao Sở Tài chính chủ trì, ", n)
    return json.dumps({"so_ky_hieu": "1/QĐ-UBND", "trich_yeu": body}, ensure_ascii=False) + "\n"


def csv_rows(n: int) -> str:
    return repeat('12/QĐ-UBND,01/01/2020,"Về việc thực hiện Kế hoạch số 56/KH-UBND của UBND tỉnh"\n', n,
                  head="so_ky_hieu,ngay_ban_hanh,trich_yeu\n")


def rtf(text: str) -> bytes:
    """RTF with every non-ASCII character as a \\uN? escape (as Word writes it)."""
    body = "".join("\\par\n" if ch == "\n" else ch if ord(ch) < 128 else f"\\u{ord(ch)}?" for ch in text)
    return ("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Times New Roman;}}\\f0 " + body + "}").encode("ascii")


def rtf_paragraphs(n: int) -> bytes:
    return rtf(repeat(seed() + "\n", n // 2))     # escapes double the size


def rtf_groups(n: int) -> bytes:
    """Groups opened and never closed."""
    return repeat("{a ", n, head="{\\rtf1\\ansi Số ").encode("ascii", "replace")


def cp1258_marks(n: int) -> bytes:
    """windows-1258 bytes: a letter carrying a run of combining acute (0xEC) and dot below (0xF2)."""
    return b"So a" + b"\xec\xf2" * (n // 2)


def news_with_followers(n: int) -> str:
    """One paragraph of many news mentions "(số X ...)", then as many "Theo đó" paragraphs."""
    half = n // 2
    return repeat("(số 1/QĐ-UBND) ", half) + "\n\n" + repeat("Theo đó, giao Sở Tài chính thực hiện.\n\n", half)


def _name_stream() -> Iterator[str]:
    for size in itertools.count(4):
        for first in string.ascii_uppercase:
            for rest in itertools.product(string.ascii_lowercase, repeat=size):
                yield first + "".join(rest)


_NAMES = _name_stream()


def distinct_names(k: int) -> list[str]:
    """k capitalised words never given before in this process ("Aaaaa", "Aaaab" ...):
    agencies that never repeat, not even from one run to the next (so no run finds
    them in the extraction's memo caches)."""
    return list(itertools.islice(_NAMES, k))


def _names_list(head: str, each: str, tail: str, sep: str = ", ") -> Callable[[int], str]:
    """`head`, then distinct agency names (`each` formats one) joined by `sep`, then `tail`."""
    def make(n: int) -> str:
        return head + sep.join(each.format(x) for x in distinct_names(max(1, n // (len(each) + 5)))) + tail
    return make


def docx_wide_row(n: int) -> bytes:
    """One table row of thousands of cells."""
    cell = "<w:tc>" + _p("Sở Tài chính") + "</w:tc>"
    return _docx(f"<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr>{repeat(cell, n)}</w:tr></w:tbl>")


# the 1 MB mix of tests/test_citation_properties.py, as one unit
_CITATION_NOISE = "".join([
    "1" * 5000, "/" * 3000, "số " * 2000, "-" * 3000, "1/" * 3000, "1-" * 3000, "1/1/1/1/" * 500, "12/QĐ-" * 800,
    "số 1/UBND-" * 500, " " * 4000, "\n" * 2000, "ngày 1/1/" * 600, "của " * 1500, "(số " * 1000,
    "khoản 1 Điều " * 500, "A-" * 3000])
_DENSE = ("Căn cứ Quyết định số 12/QĐ-UBND ngày 1/1/2020 của UBND tỉnh về việc x, "
          "(số 1/QĐ-UBND) Theo đó, thực hiện Đề án “A b c” và Luật số 2/2021/QH14 được sửa đổi bởi Luật số 3/2022/QH15\n\n")


def _text(name: str, unit: str, why: str, head: str | Callable[[], str] = "", ext: str = ".txt",
          tail: str = "") -> Adversarial:
    def make(n: int) -> str:
        return repeat(unit, n, head() if callable(head) else head, tail)
    return Adversarial(name, ext, make, why)


INPUTS: list[Adversarial] = [
    # the three cases of issue 21, point 7
    _text("combining_marks", "\u0301\u0323", "one letter carrying a run of combining marks of two classes", head="Số a"),
    _text("task_paragraph", "Giao Sở Tài chính chủ trì, phối hợp với Sở Nội vụ thực hiện\n",
          "one paragraph of many assignments (lines without final punctuation)", head=seed_header),
    _text("md_emphasis", "*a ", "emphasis markers that never close", ext=".md"),
    # text shapes
    _text("seed_repeated", seed() + "\n\n", "a real notice, over and over"),
    _text("one_line_seed", " ".join(seed().split()) + " ", "a real notice without any line break"),
    _text("citation_noise", _CITATION_NOISE, "digits, slashes, 'số', dashes, dates (the existing adversarial mix)"),
    _text("dense_citations", _DENSE, "citations, lists, news forms and passive chains only"),
    _text("citation_list", "Quyết định số 12/QĐ-UBND, ", "one list of thousands of citations"),
    _text("can_cu", "Căn cứ ", "'Căn cứ' repeated"),
    _text("can_cu_lines", "Căn cứ Quyết định số 12/QĐ-UBND ngày 1/1/2020 của UBND tỉnh;\n", "a long preamble"),
    _text("so", "số ", "'số' repeated"),
    _text("so_colon_lines", "Số: 1/TB-UBND\n", "own-number lines repeated"),
    _text("digits", "1", "one run of digits"),
    _text("slashes", "1/", "digits and slashes"),
    _text("dashes", "-", "one run of dashes", head="Số "),
    _text("parens", "(", "unbalanced brackets", head="Số "),
    _text("quotes", "Đề án “", "unbalanced quotes"),
    _text("news_form", "(số 1/QĐ-UBND ", "news mentions never closed"),
    _text("short_lines", "a\n", "many short lines"),
    _text("blank_lines", "\n", "newlines only, with one word", head="Số"),
    _text("spaces", " ", "spaces only, with one word", head="Số"),
    _text("long_word", "a", "one word as long as the file"),
    _text("dots", "TP. ", "abbreviation dots"),
    _text("numbered_items", "1. Sở Tài chính:\n", "item headings naming an agency, with nothing under them"),
    _text("dash_items", "- Sở Tài chính:\n", "dash items naming an agency", head=seed_header),
    _text("coordinators", "Sở Nội vụ, ", "one assignment coordinating with thousands of agencies",
          head="Giao Sở Tài chính chủ trì, phối hợp với "),
    _text("agencies", "UBND ", "agency words without names"),
    Adversarial("distinct_coordinators", ".txt",
                _names_list("Giao Sở Tài chính chủ trì, phối hợp với ", "Sở {}", " thực hiện."),
                "one assignment coordinating with thousands of different agencies"),
    Adversarial("council_list", ".txt", _names_list("Giao UBND các xã ", "{}", " thực hiện."),
                "one council of thousands of communes"),
    Adversarial("heading_agencies", ".txt", _names_list("1. ", "Sở {}", ":\n- Thực hiện.\n"),
                "one item heading naming thousands of agencies"),
    Adversarial("recipient_line", ".txt", _names_list("Nơi nhận:\n- ", "Sở {}", ";\n"),
                "one recipient line naming thousands of agencies"),
    _text("recipients", "Nơi nhận:\n- Như trên;\n", "footers repeated"),
    _text("signatures", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn A\n", "signature blocks repeated"),
    _text("headers", "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ LẠNG SƠN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n", "header lines repeated"),
    _text("appendix_headings", "Phụ lục I\n", "appendix headings repeated", head=seed_header),
    _text("dates", "ngày 1 tháng 1 năm 2020 ", "dates"),
    _text("pinpoints", "khoản 1 Điều ", "pinpoints without an instrument"),
    _text("persons", "Đồng chí Nguyễn Văn ", "person cues"),
    _text("page_headers", "CÔNG BÁO/Số 1/Ngày 1-1-2020\n", "gazette page headers"),
    _text("named_laws", "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; ", "laws cited by name"),
    _text("law_words", "Luật ", "'Luật' repeated (a kind word opening no name)"),
    _text("amending_laws", "Luật sửa đổi, bổ sung một số điều của Luật ", "amending laws never closed by a date"),
    _text("based_on_heading", "- Quyết định số 12/QĐ-UBND ngày 1/1/2020 của UBND tỉnh;\n",
          "one 'Căn cứ:' heading over thousands of items", head="Căn cứ:\n"),
    _text("execution_clauses", "Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Nội vụ chịu trách nhiệm thi hành "
          "Quyết định này.\n\n", "execution clauses repeated"),
    Adversarial("joint_subjects", ".txt", _names_list("", "UBND huyện {}", " triển khai thực hiện.", sep=" và "),
                "one sentence whose subject joins thousands of councils"),
    _text("lower_paragraphs", "và thực hiện\n\n", "paragraphs that each continue the one before (joined back)"),
    _text("lead_ins", "Yêu cầu các cơ quan, đơn vị thực hiện các nội dung sau: ",
          "one paragraph of lead-ins to a group of tasks"),
    _text("recipients_list", "- Sở Tài chính;\n", "one very long 'Nơi nhận' list", head="Nơi nhận:\n"),
    _text("addressees_list", "- Sở Tài chính;\n", "one very long 'Kính gửi' list", head="Kính gửi:\n"),
    Adversarial("news_followers", ".txt", news_with_followers, "news mentions, then 'Theo đó' paragraphs"),
    _text("passive_chain", "được sửa đổi bởi Luật số 1/2020/QH14, ", "one long chain of amendments",
          head="Luật số 2/2019/QH14 "),
    _text("page_headers_one_line", "CÔNG BÁO x ", "gazette page-header keys on one line", head="Số "),
    _text("tcvn3_mojibake", "Uû ban nh©n d©n tØnh L¹ng S¬n ", "TCVN3 text read as windows-1252"),
    Adversarial("cp1258_marks", ".txt", cp1258_marks, "windows-1258 combining marks on one letter"),
    # markup
    _text("md_pipe_table", "| Sở Tài chính | KT. CHỦ TỊCH |\n", "one long pipe table", ext=".md"),
    _text("md_layout_rows", "----- -----\nNơi nhận: KT. CHỦ TỊCH\n", "dash-rule rows that may be layout tables",
          ext=".md"),
    _text("md_strong", "**a ", "strong markers that never close", ext=".md"),
    _text("md_links", "[a](", "links that never close", ext=".md"),
    _text("md_images", "![a", "images that never close", ext=".md"),
    _text("md_attributes", "{#a", "pandoc attributes that never close", ext=".md"),
    _text("md_rule_spaces", " ", "a line of spaces that is no table rule", head="Số\n", tail="x", ext=".md"),
    _text("md_grid", "+---+---+\n| a | b |\n", "grid-table lines", ext=".md"),
    _text("md_quotes", "> a", "deeply nested block quotes", ext=".md"),
    _text("md_lists", "  - a", "deeply nested lists", ext=".md"),
    _text("html_nested", "<div>a", "deeply nested elements", ext=".html"),
    _text("html_nested_menus", "<div class='nav-wrap'>a ", "nested elements whose class looks like a menu",
          ext=".html"),
    _text("html_cells", "<table><tr><td>a", "tables nested in cells", ext=".html"),
    _text("html_paragraphs", "<p>Căn cứ Quyết định số 12/QĐ-UBND ngày 1/1/2020 của UBND tỉnh;</p>\n",
          "many paragraphs", ext=".html"),
    _text("html_wide_row", "<td>a</td>", "one table row of thousands of cells", head="<table><tr>", ext=".html"),
    # other formats
    Adversarial("docx_wide_row", ".docx", docx_wide_row, "one table row of thousands of cells"),
    Adversarial("rtf_paragraphs", ".rtf", rtf_paragraphs, "a real notice over and over, as RTF"),
    Adversarial("rtf_groups", ".rtf", rtf_groups, "RTF groups never closed"),
    Adversarial("csv_rows", ".csv", csv_rows, "many portal rows (CSV)"),
    Adversarial("docx_paragraphs", ".docx", docx_paragraphs, "a real notice over and over, as Word paragraphs"),
    Adversarial("docx_table", ".docx", docx_table, "one table of many two-cell rows"),
    Adversarial("docx_merged", ".docx", docx_merged, "one cell merged down every row"),
    Adversarial("pdf_page", ".pdf", pdf_page, "one PDF page with a very long text layer"),
    Adversarial("jsonl_rows", ".jsonl", jsonl_rows, "many portal rows"),
    Adversarial("jsonl_one_row", ".jsonl", jsonl_one_row, "one portal row with a huge subject"),
]
BY_NAME = {a.name: a for a in INPUTS}


def write(a: Adversarial, n: int, folder: Path) -> Path:
    data = a.make(n)
    path = folder / f"{a.name}{a.ext}"
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


@dataclass
class Run:
    """One read and extraction of a file: CPU seconds, documents, `LoadError` reasons."""

    seconds: float
    documents: int
    errors: list[str]


def extract_file(path: Path) -> Run:
    """Read and extract every document of `path`, as `vbgraph extract` does."""
    from loaders import LoadError, extract_paths

    t = time.process_time()
    out = list(extract_paths([path]))
    secs = time.process_time() - t
    errors = [x.reason for x in out if isinstance(x, LoadError)]
    return Run(secs, len(out) - len(errors), errors)


def run_input(a: Adversarial, n: int, folder: Path) -> Run:
    """`a` built at ~n bytes, written to `folder`, read and extracted (the file is removed)."""
    path = write(a, n, folder)
    try:
        return extract_file(path)
    finally:
        path.unlink()


def warm_up() -> None:
    """Pay the process's one-time set-up (spaCy pipeline, tables) before timing."""
    extract_file(SEED)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.bench_adversarial", description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1,2,4", help="sizes in MB, comma-separated")
    ap.add_argument("--only", help="comma-separated input names")
    ap.add_argument("--out", default=str(RESULTS / "adversarial.json"))
    a = ap.parse_args(argv)
    sizes = [float(s) for s in a.sizes.split(",")]
    chosen = [BY_NAME[x] for x in a.only.split(",")] if a.only else INPUTS
    res = {"machine": machine(), "git": git_rev(), "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
           "sizes_mb": sizes, "inputs": {}}
    warm_up()
    with tempfile.TemporaryDirectory(prefix="vbgraph-adv-") as tmp:
        for adv in chosen:
            row: dict = {"why": adv.why, "format": adv.ext.lstrip("."), "seconds": {}, "seconds_per_mb": {}}
            for mb in sizes:
                run = run_input(adv, int(mb * MB), Path(tmp))
                row["seconds"][f"{mb:g}"] = round(run.seconds, 3)
                row["seconds_per_mb"][f"{mb:g}"] = round(run.seconds / mb, 3)
                row["documents"], row["errors"] = run.documents, run.errors[:3]
            first, last = row["seconds"][f"{sizes[0]:g}"], row["seconds"][f"{sizes[-1]:g}"]
            row["growth"] = round(last / first, 2) if first > 0 else None
            res["inputs"][adv.name] = row
            log("adversarial", f"{adv.name}: " + ", ".join(f"{k} MB {v} s" for k, v in row["seconds"].items()))
    rows = res["inputs"]
    if rows:
        worst = max(rows, key=lambda k: max(rows[k]["seconds_per_mb"].values()))
        res["worst"] = worst
        res["max_seconds_per_mb"] = max(rows[worst]["seconds_per_mb"].values())
        res["max_growth"] = max((r["growth"] for r in rows.values() if r["growth"]), default=None)
        res["over_2_s_at_1_mb"] = sorted(k for k, r in rows.items() if r["seconds"].get("1", 0) > 2.0)
    res["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    write_json(Path(a.out), res)
    print(f"{len(chosen)} inputs; worst {res.get('max_seconds_per_mb')} s per MB ({res.get('worst')}); "
          f"largest growth x{res.get('max_growth')} for x{sizes[-1] / sizes[0]:g} the size; written {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
