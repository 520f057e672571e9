"""The Drill screen's background work: ShellCheck findings join the lint findings after a typing
pause, and the keys that leave (escape, ctrl+q) work while a check is still running."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from study_screens import SIZE, sample_app
from test_drill import open_drill, settle

from prepdeck.lint.shellcheck import binary
from prepdeck.tui.screens import drill as drill_screen
from prepdeck.tui.widgets.dockerfile_editor import DockerfileEditor


@pytest.mark.skipif(binary() is None, reason="no shellcheck binary")
async def test_shellcheck_findings_are_listed_with_the_lint_findings():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_drill(pilot)
        editor = screen.query_one(DockerfileEditor)
        editor.move_cursor(editor.document.end)
        await pilot.press("enter", *"RUN rm -rf $TMPDIR/cache")
        await settle(pilot)
        findings = [str(option.prompt) for option in screen.query_one("#drill-findings").options]
        last_line = editor.document.line_count
        assert any(line.startswith(f"{last_line}:12 SC2086 Double quote") for line in findings), findings
        assert any(" DL" in line for line in findings)  # the lint findings are still there
        assert f"{len(findings)} lint findings" in str(screen.query_one("#drill-status").render())


async def test_escape_and_ctrl_q_work_while_a_check_is_running(monkeypatch):
    started, release = threading.Event(), threading.Event()
    finished: list[bool] = []
    real_check = drill_screen.check_drill

    def slow_check(drill, text, **kwargs):
        started.set()
        release.wait(20)  # far longer than the test, unless the keys wait for it
        finished.append(True)
        return real_check(drill, text, **kwargs)

    app = sample_app()
    try:
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_drill(pilot)
            monkeypatch.setattr(drill_screen, "check_drill", slow_check)
            await pilot.press("f5")
            while not started.is_set():
                await pilot.pause(0.02)
            await pilot.press("escape", "escape")
            await pilot.pause()
            assert app.screen is not screen, "escape did not leave the drill while a check was running"
            await pilot.press("ctrl+q")
            await pilot.pause()
        assert not finished, "ctrl+q waited for the running check"
    finally:
        release.set()
