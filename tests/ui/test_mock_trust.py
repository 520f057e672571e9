"""Mock interview bugs a learner met (issue 12, bugs 10-12), replayed through the Pilot."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from quiz_screens import SIZE, FixedClock, quiz_app, shown
from test_mock import type_answer, wait_for

from prepdeck.store import Store


async def test_time_running_out_on_the_last_question_is_reported_as_time():
    clock = FixedClock()
    app = quiz_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_mock(questions=2, minutes=1, level=None, pack_ids=None)
        await pilot.pause()
        screen = app.screen
        clock.advance(seconds=20)
        await type_answer(pilot, "runc starts the process")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await type_answer(pilot, "half an answer")
        clock.advance(seconds=50)  # the last question runs out of time
        await wait_for(pilot, lambda: screen.phase == "report")
        report = shown(app, "#mock-report-text")
        assert "time" in report and "every question answered" not in report
    with Store.open() as store:
        [session] = store.mock_sessions()
        assert session.report["ended_by"] == "time"


async def test_export_writes_markdown_and_json_and_home_is_fresh_after_a_mock(prepdeck_home: Path):
    clock = FixedClock()
    app = quiz_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home_before = shown(app, "#today")
        app.open_mock(questions=1, minutes=5, level=None, pack_ids=None)
        await pilot.pause()
        screen = app.screen
        clock.advance(seconds=30)
        await type_answer(pilot, "an answer")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.phase == "report"
        await pilot.press("e")
        await pilot.pause()
        session = screen.report["session"]
        folder = prepdeck_home / "reports"
        assert (folder / f"mock-{session}.md").read_text().strip()
        assert json.loads((folder / f"mock-{session}.json").read_text())["session"] == session
        await pilot.press("c")  # the ratings go on the schedule: one question fewer due
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        assert shown(app, "#today") != home_before
