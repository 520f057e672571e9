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
        session = screen.report.session
        folder = prepdeck_home / "reports"
        assert (folder / f"mock-{session}.md").read_text().strip()
        assert json.loads((folder / f"mock-{session}.json").read_text())["session"] == session
        await pilot.press("c")  # the ratings go on the schedule: one question fewer due
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        assert shown(app, "#today") != home_before


async def test_a_damaged_saved_session_says_why_and_stays_in_the_list():
    clock = FixedClock()
    damaged = {"questions": [{"pack": "quiz-sample", "id": "runtime-stack"}], "answers": [{"score": "high"}]}
    with Store.open() as store:
        session_id = store.create_mock_session(clock(), {"questions": 1, "minutes": 5}, damaged)
    app = quiz_app(clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_mock(questions=1, minutes=5, level=None, pack_ids=None)  # as `prepdeck mock` does
        await pilot.pause()
        screen = app.screen
        assert screen.phase == "asking"  # the damaged session is not one to resume first
        await pilot.press("escape")
        await pilot.pause()
        app.open_mock()
        await pilot.pause()
        screen = app.screen
        sessions = screen.query_one("#mock-sessions")
        labels = [str(sessions.get_option_at_index(i).prompt) for i in range(sessions.option_count)]
        [damaged_label] = [label for label in labels if label.startswith(f"#{session_id} ")]
        assert "cannot be read by this prepdeck (enter says why)" in damaged_label
        sessions.focus()
        sessions.highlighted = labels.index(damaged_label)
        for key in ("enter", "x"):
            await pilot.press(key)
            await pilot.pause()
            assert screen.phase == "setup"
            message = [n.message for n in app._notifications][-1]
            assert f"mock interview {session_id} was saved in a shape this prepdeck cannot read" in message
            assert "it is kept as it is" in message
    with Store.open() as store:
        record = store.get_mock_session(session_id)
        assert (record.state, record.report) == (damaged, None)
