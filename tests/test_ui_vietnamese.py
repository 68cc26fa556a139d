"""Vietnamese only, in real Chromium: every page of the explorer on the seeds, with its
widgets opened (a select box filtered to nothing, the date picker's calendar, the graph's
side panel on a clicked node, a refused and a run Cypher query, the upload box), shows no
English UI string of ENGLISH: not in its text, its placeholders, its tooltips nor its
screen-reader labels, nor in the graph component's frame. Screenshots: tests/artifacts/vi_*.png."""
from __future__ import annotations

import re
from urllib.parse import quote, unquote

import pytest

from app_server import ARGS, CHROMIUM
from app_server import open_app as serve_open_app
from paths import ARTIFACTS, SEEDS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# what Streamlit, its widgets, the graph component or vbgraph itself wrote in English
# before (each a whole word or phrase, case as written)
ENGLISH = [
    "Choose an option", "Choose options", "Choose date", "No results", "No options", "Select all", "Clear all",
    "Drag and drop", "Browse files", "Upload", "per file", "file upload", "Skip to main content", "Sidebar",
    "Collapse sidebar", "Expand sidebar", "Link to heading", "Open", "Close", "Remove", "Show/hide columns",
    "Download as", "Fullscreen", "Search", "Sort ascending", "Sort descending", "Running...", "Stop",
    "Previous month", "Next month", "Decrement", "Increment", "Clear value", "Selected values", "Select...",
    "column menu", "Next page", "Previous page", "Scroll tabs", "January", "February", "March", "April", "June", "July", "August",
    "September", "October", "November", "December", "Mo", "Tu", "We", "Th", "Fr", "Sa", "Su",
    "No selected elements", "Streamlit Link Analysis", "Zoom In", "Zoom Out", "Fit to Screen", "Recenter",
    "Refresh Layout", "Remove Nodes", "Expand Node",
    "Instrument", "Agency", "Person", "Task", "IMPLEMENTS", "BASED_ON", "CITES", "ASSIGNS", "ASSIGNED_TO",
    "resolved", "unresolved", "ambiguous", "inferred", "loaded",
    "read-only console", "not allowed", "empty query", "documents:", "citations:", "another source",
    "rejected", "description", "None", "null", "NaN", "NaT", "True", "False", "Error", "Traceback", "Exception",
]
_ENGLISH = re.compile(r"(?<![\w/])(" + "|".join(map(re.escape, ENGLISH)) + r")(?![\w-])")
_URL = re.compile(r"^https?://\S+$")  # a link's address (its query may name relations: rels=IMPLEMENTS)
# the strings of a page a user can see or hear: text (not icon ligatures, not code the
# user typed), placeholders, tooltips, screen-reader labels; same-origin frames too
COLLECT = """() => {
  const out = [];
  const walk = (doc, where) => {
    const texts = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
    for (let n = texts.nextNode(); n; n = texts.nextNode()) {
      const p = n.parentElement;
      if (!p || p.closest("[data-testid='stIconMaterial'], script, style, noscript, textarea, [data-testid='stCode']")) continue;
      if (n.nodeValue.trim()) out.push([where, n.nodeValue.trim()]);
    }
    for (const e of doc.querySelectorAll('[placeholder],[title],[aria-label]'))
      for (const a of ['placeholder', 'title', 'aria-label'])
        if (e.getAttribute(a)) out.push([where + ' @' + a, e.getAttribute(a)]);
    for (const f of doc.querySelectorAll('iframe')) {
      try { if (f.contentDocument && f.contentDocument.body) walk(f.contentDocument, where + ' > iframe'); }
      catch (e) {}
    }
  };
  walk(document, 'page');
  return out;
}"""


def english(strings: list[list[str]]) -> list[tuple[str, str, str]]:
    """(where, the English found, the whole string) for each string holding an ENGLISH entry."""
    return [(where, m.group(1), text) for where, text in strings
            if not _URL.search(text) for m in [_ENGLISH.search(text)] if m]


def test_english_list_finds_what_it_names():
    found = english([["page", "Choose an option"], ["page @aria-label", "month, Từ ngày"],
                     ["page", "200MB per file • TXT"], ["page", "Trích dẫn: đã xác định"],
                     ["page", "Thông báo 56/KH-UBND"], ["page", "vn/ubnd/2020/TB/Task"],
                     ["page", "http://127.0.0.1:8501/?page=truy-vet&rels=IMPLEMENTS"], ["page", "Upload"]])
    assert [f[1] for f in found] == ["Choose an option", "per file", "Upload"]


@pytest.fixture(scope="module")
def open_app(tmp_path_factory):
    """The open app (no users) on loopback over the seeds (`app_server.open_app`)."""
    with serve_open_app(tmp_path_factory.mktemp("vi"), [SEEDS]) as url:
        yield url


def test_every_page_is_vietnamese(open_app):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    seen: dict[str, list] = {}
    errors: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1366, "height": 900})
            page.on("pageerror", lambda e: errors.append(str(e)))
            main = page.locator("[data-testid='stMain']").first

            def look(name: str, settle: int = 1500) -> None:
                page.wait_for_timeout(settle)
                seen[name] = page.evaluate(COLLECT)
                page.screenshot(path=str(ARTIFACTS / f"vi_{name}.png"), full_page=True)

            def open_page(query: str, title: str) -> None:
                page.goto(f"{open_app}/?{query}", wait_until="domcontentloaded")
                page.get_by_role("heading", name=title).first.wait_for(timeout=120_000)

            # Tìm kiếm: results, then the calendar of a date input
            open_page("page=tim-kiem&q=" + quote("2318/KL-TTr"), "Tìm kiếm")
            page.get_by_text("Kết luận 2318/KL-TTr").first.wait_for(timeout=60_000)
            look("tim_kiem")
            page.locator("[data-testid='stDateInput']").first.get_by_role("button").first.click()
            page.locator("[role='grid']").first.wait_for(timeout=30_000)
            look("tim_kiem_lich", 800)
            page.keyboard.press("Escape")

            # Văn bản, opened from the result
            page.get_by_role("button", name="Văn bản").first.click()
            page.wait_for_url(lambda u: "page=van-ban" in u and "id=" in u, timeout=60_000)
            doc_id = unquote(page.url.split("id=")[1].split("&")[0]).replace("+", " ")
            page.get_by_text("Toàn văn").first.wait_for(timeout=60_000)
            look("van_ban")
            # its links to other documents (relation groups, citations in the text) stay in this tab
            targets = page.evaluate("""() => [...document.querySelectorAll("[data-testid='stMain'] a")]
                .filter(a => (a.getAttribute('href') || '').includes('page=')).map(a => a.getAttribute('target'))""")

            # Truy vết and Đồ thị, with the side panel of a clicked node
            open_page("page=truy-vet&id=" + quote(doc_id, safe=""), "Truy vết")
            page.get_by_text("Cấp 1").first.wait_for(timeout=60_000)
            look("truy_vet", 3000)
            open_page("page=do-thi&id=" + quote(doc_id, safe=""), "Đồ thị")
            frame = None
            for _ in range(100):
                frame = next((f for f in page.frames if "st_link_analysis" in f.url), None)
                if frame is not None and frame.evaluate(
                        "() => (document.getElementById('cy')?._cyreg?.cy?.nodes().length || 0)") > 0:
                    break
                page.wait_for_timeout(200)
            page.wait_for_timeout(800)
            pos = frame.evaluate("() => document.getElementById('cy')._cyreg.cy.nodes()[0].renderedPosition()")
            box = page.locator("iframe[title*='st_link_analysis']").first.bounding_box()
            page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
            look("do_thi", 2000)

            # Nhiệm vụ: the unit picker filtered to nothing
            open_page("page=nhiem-vu", "Nhiệm vụ")
            page.get_by_text("nhiệm vụ").first.wait_for(timeout=60_000)
            look("nhiem_vu")
            page.locator("[data-testid='stSelectbox']").first.click()
            page.keyboard.type("zzzqqq")
            page.get_by_text("Không có kết quả").first.wait_for(timeout=30_000)
            look("nhiem_vu_loc", 500)
            page.keyboard.press("Escape")

            # Cypher: a refused write, then the first example run, its graph tab
            open_page("page=cypher&cypher=" + quote("MATCH (n) DETACH DELETE n"), "Cypher")
            page.get_by_role("button", name="Chạy").click()
            page.get_by_text("Câu truy vấn bị từ chối").first.wait_for(timeout=60_000)
            look("cypher_tu_choi", 500)
            open_page("page=cypher", "Cypher")
            page.get_by_role("button", name="Chạy").click()
            page.get_by_text("dòng").first.wait_for(timeout=60_000)
            page.get_by_role("tab", name="Đồ thị").click()
            look("cypher", 3000)

            # Nạp văn bản and Người dùng
            open_page("page=nap", "Nạp văn bản")
            page.locator("[data-testid='stFileUploader']").first.wait_for(timeout=60_000)
            look("nap")
            open_page("page=nguoi-dung", "Người dùng")
            look("nguoi_dung")
        finally:
            browser.close()

    assert targets and set(targets) == {"_self"}, targets
    found = {name: english(strings) for name, strings in seen.items()}
    assert not {k: v for k, v in found.items() if v}, found
    assert len(seen) == 11 and all(seen.values())
    # the translations did land: the calendar, the filtered picker, the upload box
    flat = {name: " | ".join(t for _, t in strings) for name, strings in seen.items()}
    assert "T2" in flat["tim_kiem_lich"] and "Tháng" in flat["tim_kiem_lich"], flat["tim_kiem_lich"][:2000]
    assert "Không có kết quả" in flat["nhiem_vu_loc"]
    assert "Tối đa 200 MB mỗi tệp" in flat["nap"] and "Tải lên" in flat["nap"]
    assert "Trích dẫn: " in flat["tim_kiem"] or "Đã nạp vào kho" in flat["tim_kiem"]
    assert "Văn bản đã nạp: " in flat["tim_kiem"] and "Chỉ được viện dẫn: " in flat["tim_kiem"]
    assert "Liên kết chia sẻ:" in flat["truy_vet"] and open_app + "/?page=truy-vet&id=" in flat["truy_vet"]
    assert not errors, errors
