"""End to end in real headless Chromium (Debian's, via Playwright): `streamlit run app.py`
on a loopback port against the seeds ingested by `vbgraph ingest`; search, trace, click a
graph node; no request may leave the machine and the page must raise no error."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from graph.server import free_port
from paths import ARTIFACTS, REPO, SEEDS
from served import wait_healthy

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
BIN = Path(sys.executable).parent

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """A `streamlit run app.py` server (own process, own embedded store) on loopback."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is missing: `make test` installs it (APT_TEST)")
    db = tmp_path_factory.mktemp("e2e-db")
    env = {**os.environ, "VBGRAPH_DB": str(db), "VBGRAPH_HEAP": "1g"}
    env.pop("VBGRAPH_URI", None)
    env.pop("VBGRAPH_DATABASE", None)
    subprocess.run([str(BIN / "vbgraph"), "ingest", str(SEEDS), "--db", str(db), "--quiet"],
                   cwd=REPO, env=env, check=True, timeout=600, capture_output=True)
    port = free_port()
    log = open(db / "streamlit.log", "wb")
    proc = subprocess.Popen(
        [str(BIN / "streamlit"), "run", "app.py", "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc, db / "streamlit.log")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


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

    outside = [u for u in requests if urlparse(u).scheme not in ("data", "blob", "about")
               and urlparse(u).hostname not in LOOPBACK]
    assert not outside, outside
    assert not errors, errors
