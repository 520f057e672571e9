"""`prepdeck serve` in a real headless Chromium, driven by Playwright, against a real server.

The page's text is read from xterm's own buffer (the terminal object textual-serve's script
creates), not from pixels. Chromium comes from the operating system's packages; Playwright never
downloads a browser. Without Chromium these tests skip and say why (`.ci/run` installs it).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = next(
    (found for name in ("chromium", "chromium-browser", "google-chrome") if (found := shutil.which(name))),
    None,
)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium on this machine (install the OS package `chromium`)"
)

# Runs before textual-serve's script: keeps each xterm Terminal it creates where a test can read it.
CAPTURE_TERMINALS = """
window.__terminals = [];
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    window.__terminals.push(value);
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true, enumerable: true});
  },
});
"""
READ_SCREEN = """() => {
  const terminal = window.__terminals[0];
  if (!terminal) return "";
  const buffer = terminal.buffer.active;
  const rows = [];
  for (let row = 0; row < terminal.rows; row++) rows.push(buffer.getLine(row).translateToString(true));
  return rows.join("\\n");
}"""
WAIT_SECONDS = 30


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _processes_using(home: Path) -> list[int]:
    """PIDs of live processes whose environment names this test's data folder."""
    marker = f"PREPDECK_HOME={home}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environment = (entry / "environ").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z" and marker in environment.split(b"\0"):
            found.append(int(entry.name))
    return found


class Served:
    """A `prepdeck serve` process on a free loopback port, with its own data folder."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.port = _free_port()
        environment = {**os.environ, "PREPDECK_HOME": str(home)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "prepdeck", "serve", "--port", str(self.port)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=environment,
        )
        self.url = self._read_url()

    def _read_url(self) -> str:
        assert self.process.stdout is not None
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if "served at" in line:
                return line.split("served at", 1)[1].strip()
            if not line and self.process.poll() is not None:
                break
        raise AssertionError(f"prepdeck serve printed no address (exit {self.process.poll()})")

    def stop(self) -> int:
        """ctrl+c, as a person stops it."""
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=20)
        finally:
            if self.process.poll() is None:
                self.process.kill()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    server = Served(tmp_path / "data")
    yield server
    if server.process.poll() is None:
        server.stop()


def open_tab(browser, url: str):
    """A new tab on the app, showing Home, with the keyboard in the terminal."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.add_init_script(CAPTURE_TERMINALS)
    page.goto(url)
    wait_for_text(page, "Docker in depth, for interviews")
    page.locator(".xterm-helper-textarea").focus()
    return page


def screen_text(page) -> str:
    return page.evaluate(READ_SCREEN)


def wait_for_text(page, needle: str, absent: bool = False) -> str:
    deadline = time.monotonic() + WAIT_SECONDS
    text = ""
    while time.monotonic() < deadline:
        text = screen_text(page)
        if (needle in text) != absent:
            return text
        time.sleep(0.2)
    raise AssertionError(f"{needle!r} {'still' if absent else 'never'} on screen; it shows:\n{text}")


TODAY_ROW = re.compile(r"(?:Cards due|New cards|Questions) .*")


def today_panel(page) -> list[str]:
    """The Home screen's counts, as the learner reads them: each row from its label on (the
    panel's left border is not part of it; a frame xterm is still drawing may lack it)."""
    return [
        found.group(0).strip() for row in screen_text(page).splitlines() if (found := TODAY_ROW.search(row))
    ]


def settled_panel(page, wanted) -> list[str]:
    """Home's counts once they satisfy `wanted` and read the same twice in a row.

    xterm draws what the app sends a chunk at a time, and Home redraws its counts a refresh after
    it comes back: a single read can catch a frame half drawn, or the counts of a moment before.
    """
    deadline = time.monotonic() + WAIT_SECONDS
    shown: list[str] = []
    while time.monotonic() < deadline:
        shown = today_panel(page)
        if len(shown) == 3 and wanted(shown):
            time.sleep(0.3)
            if today_panel(page) == shown:
                return shown
        time.sleep(0.2)
    raise AssertionError(f"Home's counts never settled as expected; they read {shown}:\n{screen_text(page)}")


def lint_finding_count(page) -> int:
    """The drill screen's summary line: '0 of 5 requirements met · 8 lint findings · ...'."""
    found = re.search(r"(\d+) lint findings?", screen_text(page))
    return int(found.group(1)) if found else -1


def stored_reviews(home: Path) -> int:
    result = subprocess.run(
        [sys.executable, "-m", "prepdeck", "stats", "--format", "json"],
        capture_output=True,
        text=True,
        env={**os.environ, "PREPDECK_HOME": str(home)},
        timeout=60,
        check=True,
    )
    return sum(json.loads(result.stdout)["reviews_per_day"].values())


def test_home_shows_the_docker_pack_and_a_review_made_with_keys_is_stored(browser, served):
    page = open_tab(browser, served.url)
    assert "prepdeck" in page.title()
    assert stored_reviews(served.home) == 0

    page.keyboard.press("r")
    wait_for_text(page, "Show answer")
    page.keyboard.press("Space")
    wait_for_text(page, "Good")
    page.keyboard.press("3")
    deadline = time.monotonic() + WAIT_SECONDS
    while stored_reviews(served.home) != 1 and time.monotonic() < deadline:
        time.sleep(0.3)
    assert stored_reviews(served.home) == 1


def test_a_drill_shows_a_finding_for_a_typed_line(browser, served):
    page = open_tab(browser, served.url)
    page.keyboard.press("d")
    wait_for_text(page, "lint findings")
    before = lint_finding_count(page)
    for _ in range(60):  # to the last line, whatever the starter's length
        page.keyboard.press("ArrowDown")
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.type("RUN cd /tmp && make", delay=20)  # DL3003: use WORKDIR, not cd
    deadline = time.monotonic() + WAIT_SECONDS
    while lint_finding_count(page) <= before and time.monotonic() < deadline:
        time.sleep(0.2)
    assert lint_finding_count(page) > before, screen_text(page)


def test_the_token_guards_every_address(served):
    base = served.url.rsplit("/", 2)[0]
    for path in ("/", "/ws", "/static/js/textual.js", "/download/x", "/wrong-token/"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(base + path, timeout=10)
        assert refused.value.code == 403, path
    with pytest.raises(urllib.error.HTTPError) as listing:
        urllib.request.urlopen(served.url + "static/", timeout=10)
    assert listing.value.code in (403, 404)
    with urllib.request.urlopen(served.url, timeout=10) as page:
        assert b"<title>prepdeck</title>" in page.read()


def test_two_tabs_share_progress(browser, served):
    first = open_tab(browser, served.url)
    second = open_tab(browser, served.url)
    before = settled_panel(second, lambda shown: "Loading" not in screen_text(second))
    settled_panel(first, lambda shown: shown == before)

    first.keyboard.press("r")
    wait_for_text(first, "Show answer")
    first.keyboard.press("Space")
    wait_for_text(first, "Good")
    first.keyboard.press("3")
    first.keyboard.press("Escape")
    wait_for_text(first, "Next step")
    after = settled_panel(first, lambda shown: shown != before)

    second.keyboard.press("s")  # statistics, then back: Home reads the store again
    wait_for_text(second, "Next step", absent=True)
    second.keyboard.press("Escape")
    wait_for_text(second, "Next step")
    settled_panel(second, lambda shown: shown == after)


def test_closing_a_tab_and_stopping_the_server_leave_no_process(browser, served):
    open_tab(browser, served.url)  # stays open while the other tab closes
    other = open_tab(browser, served.url)
    apps = [pid for pid in _processes_using(served.home) if pid != served.process.pid]
    assert len(apps) == 2

    other.close()
    deadline = time.monotonic() + WAIT_SECONDS
    while len(_processes_using(served.home)) > 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(_processes_using(served.home)) == 2  # the server and the open tab's app

    assert served.stop() == 0
    deadline = time.monotonic() + WAIT_SECONDS
    while _processes_using(served.home) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _processes_using(served.home) == []
