"""End to end in real headless Chromium (Debian's, via Playwright): `streamlit run app.py`
on a loopback port against the seeds ingested by `vbgraph ingest`; search, trace, click a
graph node; no request may leave the machine and the page must raise no error. Then a viewer and a
loader logging in to an office server (`vbgraph app` with users): the login page for anyone
anonymous, no upload for a viewer, upload and ingest for a loader; a document whose text
carries Markdown and HTML shows it as text, with no <img> or <a> made of it."""
from __future__ import annotations

from urllib.parse import quote, unquote

import pytest

from app_server import (ARGS, CHROMIUM, MARKDOWN_DOC, OFFSITE, add_user, app_env, ingest, need_chromium, offsite,
                        open_app, serve)
from paths import ARTIFACTS, SEEDS
from vbgraph_app.fmt import WORD_JOINER

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """The open app (no users) on loopback over the seeds (`app_server.open_app`)."""
    with open_app(tmp_path_factory.mktemp("e2e"), [SEEDS]) as url:
        yield url


def _graph_frame(page):
    for _ in range(100):
        for f in page.frames:
            if "st_link_analysis" in f.url:
                try:
                    if f.evaluate("() => (document.getElementById('cy')?._cyreg?.cy?.nodes().length || 0)") > 0:
                        return f
                except Exception:  # noqa: BLE001 - frame still loading
                    pass
        page.wait_for_timeout(200)
    raise AssertionError("graph component did not render")


def test_search_trace_click_offline(app_url):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    requests, errors, console_errors = [], [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.on("request", lambda r: requests.append(r.url))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
            page.goto(app_url + "/?page=tim-kiem", wait_until="domcontentloaded")
            box = page.get_by_label("Số, ký hiệu hoặc từ khóa trích yếu")
            box.wait_for(timeout=120_000)
            box.fill("2318/KL-TTr")
            page.get_by_role("button", name="Tìm").click()
            page.get_by_text("Kết luận 2318/KL-TTr").first.wait_for(timeout=60_000)
            page.get_by_role("button", name="Truy vết").first.click()

            # the chain, level by level, down to the Lạng Sơn city notice
            page.get_by_text("Cấp 2 — 1 văn bản").wait_for(timeout=60_000)
            assert "page=truy-vet" in page.url
            main = page.locator("section.main, [data-testid='stMain']").first
            text = main.inner_text()
            assert "Kế hoạch 56/KH-UBND" in text
            assert "Thông báo /TB-UBND ngày 03/04/2020" in text
            assert "03/04/2020 · UBND thành phố Lạng Sơn" in text

            frame = _graph_frame(page)
            page.wait_for_timeout(800)  # layout settled
            nodes = frame.evaluate("""() => document.getElementById('cy')._cyreg.cy.nodes().map(n => ({
                id: n.id(), name: n.data('name'), pos: n.renderedPosition()}))""")
            assert len(nodes) == 3, nodes
            notice = next(n for n in nodes if n["name"].startswith("Thông báo"))
            page.locator("iframe[title*='st_link_analysis']").first.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / "e2e_truy_vet.png"), full_page=True)
            iframe_box = page.locator("iframe[title*='st_link_analysis']").first.bounding_box()
            page.mouse.click(iframe_box["x"] + notice["pos"]["x"], iframe_box["y"] + notice["pos"]["y"])

            # a click opens that document's view
            page.wait_for_url(lambda u: "page=van-ban" in u and "id=" in u, timeout=60_000)
            assert unquote(page.url.split("id=")[1]).replace("+", " ") == notice["id"]
            page.get_by_text("Toàn văn").first.wait_for(timeout=60_000)
            page.wait_for_timeout(500)
            page.screenshot(path=str(ARTIFACTS / "e2e_van_ban.png"), full_page=True)
        finally:
            browser.close()

    assert not offsite(requests), offsite(requests)
    assert not errors, errors


def test_shortest_path_link_opens_its_tab(app_url):
    """A shortest-path deep link (its two ends in the URL) opens the Đồ thị page on the
    'Đường đi ngắn nhất' tab, with the path drawn; a plain Đồ thị link on 'Khám phá'."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1366, "height": 900})
            page.goto(app_url + "/?page=do-thi&from_q=" + quote("2318/KL-TTr") + "&to_q=" + quote("56/kh-ubnd"),
                      wait_until="domcontentloaded")
            tab = page.get_by_role("tab", name="Đường đi ngắn nhất")
            tab.wait_for(timeout=120_000)
            page.wait_for_timeout(1500)
            assert tab.get_attribute("aria-selected") == "true"
            assert page.get_by_role("tab", name="Khám phá").get_attribute("aria-selected") == "false"
            page.goto(app_url + "/?page=do-thi", wait_until="domcontentloaded")
            explore = page.get_by_role("tab", name="Khám phá")
            explore.wait_for(timeout=120_000)
            page.wait_for_timeout(1000)
            assert explore.get_attribute("aria-selected") == "true"
        finally:
            browser.close()


# --- an office server: logins, roles, document text as text (issue 21, points 3 and 4) --------
PASSWORD = "mật-khẩu-thử-1"
NEW_DOC = """ỦY BAN NHÂN DÂN
THÀNH PHỐ LẠNG SƠN
Số: 77/TB-UBND

TP. Lạng Sơn, ngày 02 tháng 6 năm 2021

THÔNG BÁO

Về lịch tiếp công dân tháng 6/2021

Thực hiện Kế hoạch số 56/KH-UBND ngày 01/4/2020 của UBND tỉnh, UBND thành phố thông báo lịch tiếp công dân.
"""


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """`vbgraph app` (loopback) with a viewer `lan` (xem) and a loader `minh` (nhập); the
    seeds and MARKDOWN_DOC ingested. Yields (url, data folder)."""
    need_chromium()
    folder = tmp_path_factory.mktemp("office")
    env = app_env(folder)
    (folder / "bieu_mau.txt").write_text(MARKDOWN_DOC, encoding="utf-8")
    ingest([SEEDS, folder / "bieu_mau.txt"], env)
    add_user(env, "lan", "xem", PASSWORD)
    add_user(env, "minh", "nhập", PASSWORD)
    with serve(env, folder / "app.log") as url:
        yield url, folder / "data"


@pytest.fixture
def browser_page():
    """A Chromium page whose requests leaving the machine are recorded and aborted, never sent."""
    from playwright.sync_api import sync_playwright

    seen = {"offsite": [], "errors": []}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1000})

            def route(r):
                if offsite([r.request.url]):
                    seen["offsite"].append(r.request.url)
                    return r.abort()
                return r.continue_()

            context.route("**/*", route)
            page = context.new_page()
            page.on("pageerror", lambda e: seen["errors"].append(str(e)))
            yield page, seen
        finally:
            browser.close()


def log_in(page, url: str, name: str) -> None:
    page.goto(url + "/login", wait_until="domcontentloaded")
    page.get_by_label("Tên đăng nhập").fill(name)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text(f"Người dùng: {name}").wait_for(timeout=120_000)
    page.locator("[data-testid='stSidebar']").get_by_text("Cypher").wait_for(timeout=60_000)


def open_page(page, url: str, query: str, wait_text: str) -> str:
    page.goto(f"{url}/?{query}", wait_until="domcontentloaded")
    page.get_by_text(wait_text).first.wait_for(timeout=120_000)
    page.wait_for_timeout(500)
    return page.locator("[data-testid='stMain']").first.inner_text()


def test_anonymous_gets_the_login_page(office, browser_page):
    url, _ = office
    page, seen = browser_page
    page.goto(url + "/?page=nap", wait_until="domcontentloaded")
    assert page.url.startswith(url + "/login?")
    page.get_by_role("heading", name="Đăng nhập").wait_for(timeout=30_000)
    assert page.get_by_label("Mật khẩu").is_visible()
    assert page.locator("[data-testid='stFileUploader'], [data-testid='stApp']").count() == 0
    page.get_by_label("Tên đăng nhập").fill("lan")
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng.").wait_for(timeout=30_000)
    assert not seen["offsite"] and not seen["errors"], seen


def test_a_viewer_cannot_reach_upload(office, browser_page):
    url, data = office
    page, seen = browser_page
    log_in(page, url, "lan")
    sidebar = page.locator("[data-testid='stSidebar']").inner_text()
    assert "Tìm kiếm" in sidebar and "Nạp văn bản" not in sidebar and "Người dùng\n" not in sidebar
    text = open_page(page, url, "page=nap", "Trang này cần quyền")
    assert "tài khoản của bạn có quyền “xem”" in text
    assert page.locator("[data-testid='stFileUploader']").count() == 0
    assert not (data / "uploads" / "lan").exists()
    page.get_by_role("link", name="Đăng xuất").click()
    page.get_by_text("Bạn đã đăng xuất.").wait_for(timeout=30_000)
    assert not seen["offsite"] and not seen["errors"], seen


def _loaded_count(page) -> int:
    """'Văn bản đã nạp: N' of the sidebar."""
    import re

    text = page.locator("[data-testid='stSidebar']").inner_text()
    return int(re.search(r"Văn bản đã nạp: ([\d.]+)", text).group(1).replace(".", ""))


def test_a_loader_uploads_and_ingests(office, browser_page, tmp_path):
    url, data = office
    page, seen = browser_page
    log_in(page, url, "minh")
    assert "Nạp văn bản" in page.locator("[data-testid='stSidebar']").inner_text()
    open_page(page, url, "page=nap", "Chọn tệp văn bản")
    before = _loaded_count(page)
    upload = tmp_path / "lich.txt"
    upload.write_text(NEW_DOC, encoding="utf-8")
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(str(upload))
    page.get_by_text("lich.txt").first.wait_for(timeout=30_000)
    page.get_by_role("button", name="Nạp vào kho").click()
    page.get_by_text("Đã nạp: 1 tệp, 1 mới").wait_for(timeout=180_000)
    # a link to the document just loaded, and the sidebar counts it
    page.get_by_role("link", name="Thông báo 77/TB-UBND").wait_for(timeout=30_000)
    assert _loaded_count(page) == before + 1
    stored = data / "uploads" / "minh" / "lich.txt"
    assert stored.read_text(encoding="utf-8") == NEW_DOC
    assert stored.stat().st_mode & 0o777 == 0o600 and stored.parent.stat().st_mode & 0o777 == 0o700
    text = open_page(page, url, "page=tim-kiem&q=77%2FTB-UBND", "kết quả")
    assert "Thông báo 77/TB-UBND" in text
    assert not seen["offsite"] and not seen["errors"], seen


def test_document_markdown_is_text_in_chromium(office, browser_page):
    """Subject, citing sentence, task and full text of MARKDOWN_DOC on every page that shows
    them: the characters as written, no <img> or <a> made of them, no request off the machine."""
    url, _ = office
    page, seen = browser_page
    log_in(page, url, "lan")
    def look(name: str, wait: str) -> str:
        page.get_by_text(wait).first.wait_for(timeout=120_000)
        page.wait_for_timeout(800)
        tags = page.evaluate("""() => [...document.querySelectorAll('img, a, iframe, video, audio, source')]
            .map(e => e.tagName + ' ' + (e.getAttribute('src') || e.getAttribute('href') || ''))""")
        assert not [t for t in tags if OFFSITE in t or "example.com" in t], (name, tags)
        page.screenshot(path=str(ARTIFACTS / f"e2e_markdown_{name}.png"), full_page=True)
        return page.locator("[data-testid='stMain']").first.inner_text().replace(WORD_JOINER, "")

    page.goto(url + "/?page=tim-kiem&q=" + quote("triển khai biểu mẫu"), wait_until="domcontentloaded")
    search = look("tim_kiem", "kết quả")
    page.get_by_role("button", name="Văn bản").first.click()
    own = look("van_ban", "Toàn văn")
    page.locator("a.cit", has_text="311/TB-UBND").first.click()  # the citation, highlighted
    page.get_by_text("Thông báo 311/TB-UBND").first.wait_for(timeout=120_000)
    cited = look("van_ban_311", "Toàn văn")
    page.goto(url + "/?page=nhiem-vu", wait_until="domcontentloaded")
    look("nhiem_vu", "nhiệm vụ")
    assert f"Triển khai biểu mẫu ![x](http://{OFFSITE}/a.png) và [tải biểu mẫu](http://{OFFSITE}/form)" in search
    # the emphasis markers a converted file leaves are dropped, nothing else: no bold, no link
    assert f'<img src="http://{OFFSITE}/b.png">' in own and "đậm www.example.com" in own and "**đậm" not in own
    assert f"![y](http://{OFFSITE}/c.png)" in cited
    assert not seen["offsite"], seen["offsite"]
    assert not seen["errors"], seen["errors"]


# --- the task register (issue 25: a task register an inspector can use) ---------------------
def test_task_register_fits_1366_exports_and_prints(app_url, tmp_path):
    """At 1366 px with the sidebar open, the register shows every column (no horizontal
    scroll in the grid); the CSV links are absolute against the address the browser used,
    the Excel deadlines are date cells, and the report prints on A4 with page numbers."""
    import csv
    import io

    from openpyxl import load_workbook
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True).new_page()
            page.goto(app_url + "/?page=nhiem-vu", wait_until="domcontentloaded")
            page.get_by_text("Tình trạng tính đến ngày").first.wait_for(timeout=120_000)
            grid = page.locator("[data-testid='stDataFrame']").first
            grid.wait_for(timeout=60_000)
            page.wait_for_timeout(800)
            box = grid.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 1366, box
            scroll = grid.evaluate("""g => { const s = g.querySelector('.dvn-scroller');
                return s ? [s.scrollWidth, s.clientWidth] : null; }""")
            assert scroll and scroll[0] <= scroll[1] + 1, scroll  # nothing clipped to the right
            page.screenshot(path=str(ARTIFACTS / "e2e_nhiem_vu_1366.png"), full_page=True)

            def download(label: str):
                with page.expect_download(timeout=60_000) as info:
                    page.get_by_role("button", name=label).click()
                path = tmp_path / info.value.suggested_filename
                info.value.save_as(path)
                return path

            rows = list(csv.DictReader(io.StringIO(download("Tải CSV").read_text("utf-8-sig"))))
            assert rows and all(r["Liên kết"].startswith(app_url + "/?page=van-ban&id=") for r in rows), rows[0]
            assert "2020-04-06T14:00" in {r["Hạn"] for r in rows}
            ws = load_workbook(download("Tải Excel (.xlsx)")).active
            assert ws["A1"].value == "Hạn" and all(c.is_date for c in ws["A"][1:] if c.value is not None)
            report = download("Tải báo cáo in (HTML)")
            printed = browser.new_page()
            printed.goto(report.as_uri())
            pdf = tmp_path / "bao-cao.pdf"
            printed.pdf(path=str(pdf), prefer_css_page_size=True)
            printed.screenshot(path=str(ARTIFACTS / "e2e_bao_cao_nhiem_vu.png"), full_page=True)
        finally:
            browser.close()
    reader = PdfReader(pdf)
    first = reader.pages[0]
    assert (round(float(first.mediabox.width)), round(float(first.mediabox.height))) == (595, 842)  # A4 in points
    text = first.extract_text()
    assert "BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ" in text and "Tính đến ngày" in text
    n = len(reader.pages)
    assert f"Trang 1 / {n}" in text, text[-300:]
