"""End to end: `streamlit run ui/app.py` on 127.0.0.1, driven by Debian's headless Chromium through Playwright."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from assistant.config import Settings

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]
NEW_TEXT = "Notitie proeftuin\n\nVoor de proeftuin Slimme Dijken is in 2026 € 4,2 miljoen beschikbaar.\n"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (apt-get install chromium)"),
]


def start_streamlit(index_dir: Path, port: int, log: Path) -> subprocess.Popen:
    """The app as a user runs it, on loopback only, without usage statistics."""
    command = [
        str(Path(sys.executable).parent / "streamlit"), "run", str(ROOT / "ui" / "app.py"),
        "--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.enableStaticServing", "true",
    ]
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(index_dir), "OMP_WAIT_POLICY": "PASSIVE"}
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("streamlit exited early")
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"streamlit did not answer within {timeout} s")


@pytest.fixture
def app_url(tmp_path, corpus_settings):
    """A running app over a private copy of the corpus index (uploads must not touch the shared one)."""
    from conftest import free_port

    index_dir = tmp_path / "index"
    shutil.copytree(corpus_settings.index_dir, index_dir)
    port = free_port()
    proc = start_streamlit(index_dir, port, tmp_path / "streamlit.log")
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        yield url, Settings(index_dir=index_dir)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def corpus_ids(settings: Settings) -> set[str]:
    """Ids of the documents in the live snapshot."""
    from assistant.index import snapshot
    return {d.id for d in snapshot.read_documents(settings.index_dir, snapshot.current(settings.index_dir))}


def test_chat_in_real_browser(app_url, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    url, settings = app_url
    before = len(corpus_ids(settings))
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(url)
        chat_input = page.get_by_test_id("stChatInputTextArea")
        expect(chat_input).to_be_visible(timeout=90_000)
        chat_input.fill("Wat is het doel van het Nationaal Programma Circulaire Economie?")
        chat_input.press("Enter")

        first_citation = page.get_by_role("button", name=re.compile(r"^\[1\] "))
        expect(first_citation).to_be_visible(timeout=90_000)
        expect(page.get_by_test_id("stChatMessage")).to_have_count(2)
        first_citation.click()
        link = page.get_by_role("link", name=re.compile("Open het origineel op pagina"))
        expect(link).to_be_visible(timeout=30_000)
        expect(page.get_by_text(re.compile(r"· alinea \S+"))).to_be_visible()
        href = link.get_attribute("href")
        assert re.search(r"app/static/docs/.+\.pdf#page=\d+$", href)
        pdf = page.request.get(f"{url}/{href.split('#')[0]}")
        assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
        page.screenshot(path=str(tmp_path / "chat.png"), full_page=True)

        uploader = page.get_by_test_id("stFileUploaderDropzoneInput")
        fake = tmp_path / "nep.pdf"
        fake.write_bytes(b"Dit is geen PDF.")
        uploader.set_input_files(str(fake))
        refused = page.get_by_text(re.compile("nep.pdf is niet toegevoegd"))
        expect(refused.first).to_be_visible(timeout=60_000)  # a rerun briefly shows the old copy beside the new
        good = tmp_path / "proeftuin.txt"
        good.write_text(NEW_TEXT, encoding="utf-8")
        uploader.set_input_files(str(good))
        added = page.get_by_text(re.compile("proeftuin.txt is toegevoegd"))
        expect(added.first).to_be_visible(timeout=300_000)
        documents = before + 1
        sidebar = page.get_by_test_id("stSidebar")
        expect(sidebar.get_by_text(re.compile(rf"^{documents} documenten"))).to_be_visible(timeout=60_000)
        expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=60_000)
        expect(added).to_have_count(1, timeout=60_000)  # a loaded machine keeps the pre-rerun copy a while
        expect(refused).to_have_count(1, timeout=60_000)

        chat_input.fill("Hoeveel geld is er voor de proeftuin Slimme Dijken?")
        chat_input.press("Enter")
        expect(page.get_by_test_id("stChatMessage")).to_have_count(4, timeout=90_000)
        expect(page.get_by_test_id("stChatMessage").last).to_contain_text("4,2 miljoen", timeout=90_000)
        expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=60_000)
        page.screenshot(path=str(tmp_path / "upload.png"), full_page=True)
        browser.close()
    hosts = {urlparse(u).hostname for u in requested if urlparse(u).scheme in ("http", "https", "ws", "wss")}
    assert requested and hosts <= {"127.0.0.1", "localhost"}, f"the page reached beyond this machine: {hosts}"
    assert (settings.index_dir / "uploads" / "proeftuin.txt").exists()
    assert not (settings.index_dir / "uploads" / "nep.pdf").exists()
