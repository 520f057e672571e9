"""The real `prepdeck` in a real terminal (tmux), driven with keys as a person would.

Home -> Theory -> back -> Stats -> back -> Help -> back -> quit, reading the screen after each step.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from shell_helpers import SHELL_PACK

PREPDECK = Path(sys.executable).with_name("prepdeck")
WAIT_SECONDS = 40  # a loaded CI machine starts Python slowly; each wait ends as soon as the text shows

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Terminal:
    """One tmux server of our own (its own socket), so no other tmux session is touched."""

    def __init__(self, name: str) -> None:
        self.socket = f"prepdeck-test-{os.getpid()}-{name}"
        self.session = "prepdeck"

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        # COLUMNS and LINES (pytest may set them) would make Textual ignore the pane's real size.
        env = {key: value for key, value in os.environ.items() if key not in ("COLUMNS", "LINES", "TMUX")}
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=check, env=env
        )

    def start(self, command: str, env: dict[str, str], width: int = 120, height: int = 40) -> None:
        exports = " ".join(f"-e {key}={value}" for key, value in env.items()).split()
        self.tmux(
            "new-session", "-d", "-s", self.session, "-x", str(width), "-y", str(height), *exports, command
        )

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.session, check=False).stdout

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.session, *keys)

    def wait_for(self, text: str) -> str:
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{self.screen()}")

    def running(self) -> bool:
        return self.tmux("has-session", "-t", self.session, check=False).returncode == 0

    def quit(self, exit_file: Path) -> str:
        """Press ctrl+q, wait for the program to end, and return the exit code it wrote."""
        self.keys("C-q")
        deadline = time.monotonic() + WAIT_SECONDS
        while self.running() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not self.running()
        return exit_file.read_text().strip()

    def kill(self) -> None:
        self.tmux("kill-server", check=False)


def test_a_person_walks_through_home_theory_stats_help_and_quits(tmp_path: Path):
    home = tmp_path / "home"
    home.mkdir()
    exit_file = tmp_path / "exit-code"
    terminal = Terminal("walk")
    command = f"'{PREPDECK}' --pack '{SHELL_PACK}'; echo $? > '{exit_file}'"
    terminal.start(f'sh -c "{command}"', {"PREPDECK_HOME": str(home), "TERM": "xterm-256color"})
    try:
        terminal.wait_for("Next step")
        screen = terminal.wait_for("Shell sample pack")  # the --pack pack, listed after the built-in one
        assert "Packs" in screen and "Today" in screen and "Sections" in screen

        terminal.keys("t")
        screen = terminal.wait_for("search sections")
        assert "Theory ·" in screen

        terminal.keys("Escape")
        terminal.wait_for("Next step")

        terminal.keys("s")
        screen = terminal.wait_for("Reviews per day")
        assert "Due in the next 30 days" in screen and "Retention" in screen

        terminal.keys("Escape")
        terminal.wait_for("Next step")

        terminal.keys("F1")
        screen = terminal.wait_for("prepdeck: keys")
        assert "Everywhere" in screen

        terminal.keys("Escape")
        terminal.wait_for("Next step")

        assert terminal.quit(exit_file) == "0"
    finally:
        terminal.kill()


def test_poisoned_progress_and_a_looping_pack_still_open_review_and_quit_with_0(tmp_path: Path):
    """Rows an older import left (a state "banana", a stability below zero, day_start_hour 99) and
    an installed pack holding a link loop: the app starts, says what it set aside, opens the
    review queue, and quits with the exit code the README documents."""
    import sqlite3

    home = tmp_path / "home"
    home.mkdir()
    loopy = home / "packs" / "loopy"
    shutil.copytree(SHELL_PACK, loopy)
    (loopy / "l1").symlink_to(".")
    subprocess.run(
        [sys.executable, "-m", "prepdeck", "stats"],
        env={**os.environ, "PREPDECK_HOME": str(home)},
        check=True,
        capture_output=True,
        timeout=WAIT_SECONDS,
    )
    db = sqlite3.connect(home / "progress.sqlite3")
    db.execute(
        "INSERT INTO card_state (pack_id, item_id, variant, state, due_us, reps, lapses) "
        "VALUES ('shell-sample', 'x', 'main', 'banana', 0, 0, 0)"
    )
    db.execute(
        "INSERT INTO card_state (pack_id, item_id, variant, state, stability, difficulty, due_us, "
        "last_review_us, reps, lapses) VALUES ('shell-sample', 'y', 'main', 2, -1.0, 5.0, 0, 0, 1, 0)"
    )
    db.execute("INSERT INTO settings (key, value_json) VALUES ('study.day_start_hour', '99')")
    db.commit()
    db.close()
    exit_file = tmp_path / "exit-code"
    terminal = Terminal("poisoned")
    command = f"'{PREPDECK}'; echo $? > '{exit_file}'"
    terminal.start(f'sh -c "{command}"', {"PREPDECK_HOME": str(home), "TERM": "xterm-256color"})
    try:
        terminal.wait_for("Next step")
        terminal.wait_for("Shell sample pack")  # once the packs have loaded, after the first frame
        terminal.wait_for("3 stored progress")  # the notice about the rows set aside
        terminal.keys("r")
        terminal.wait_for("Review: today's cards")
        terminal.keys("Escape")
        terminal.wait_for("Next step")
        assert terminal.quit(exit_file) == "0"
    finally:
        terminal.kill()
