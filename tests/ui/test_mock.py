"""The mock interview through the Pilot: three questions end to end, and a session resumed."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from quiz_screens import SIZE, FixedClock, quiz_app, shown

from prepdeck.store import Store
from prepdeck.tui.screens.mock import MockScreen

ANSWERS = {
    "image-vs-container": "An image is a read-only template, a container a running instance with a writable layer.",
    "runtime-stack": "The CLI asks dockerd, which asks containerd, and runc starts the process.",
    "pid-one-signals": "SIGTERM then SIGKILL after the grace period. Use the exec form or tini.",
    "layer-caching": "I think it rebuilds everything each time",
}


async def wait_for(pilot, condition, seconds: float = 5.0) -> None:
    """Let the screen's one-second countdown tick until `condition()` holds (or fail)."""
    for _ in range(int(seconds * 10)):
        if condition():
            return
        await pilot.pause(0.1)
    assert condition()


async def type_answer(pilot, text: str) -> None:
    area = pilot.app.screen.query_one("#mock-answer")
    area.insert(text)
    await pilot.pause()


async def test_three_question_mock_interview_end_to_end(tmp_path: Path, prepdeck_home: Path) -> None:
    clock = FixedClock()
    app = quiz_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_mock(questions=3, minutes=10, level=None, pack_ids=None)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MockScreen) and screen.phase == "asking"
        assert shown(app, "#mock-countdown") == "10:00 left of 10 min"
        asked = []
        for number, seconds in enumerate((70, 45, 20), start=1):
            current = screen.session.current
            assert f"question {number} of 3" in shown(app, "#mock-title")
            asked.append(current.key.item_id)
            clock.advance(seconds=seconds)
            await type_answer(pilot, ANSWERS[current.key.item_id])
            if number == 1:
                await wait_for(pilot, lambda: shown(app, "#mock-countdown") == "08:50 left of 10 min")
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert screen.phase == "report"
        report_on_screen = shown(app, "#mock-report-text")
        assert "3 of 3 answered" in report_on_screen and "1 min 10 s" in report_on_screen

        await pilot.press("1")  # the first rating becomes Again
        await pilot.press("c")
        await pilot.pause()
        weakest = screen.report.weakest_sections[0]
        screen.query_one("#mock-weak").focus()
        await pilot.press("enter")  # the weakest section opens in the theory
        await pilot.pause()
        assert type(app.screen).__name__ == "TheoryScreen"
        assert weakest.section == "images"  # the wrong answer above was about the build cache

    with Store.open() as store:
        [session] = store.mock_sessions()
        report = session.report
        assert session.finished_at is not None
        assert [entry["id"] for entry in report["answers"]] == asked
        assert [entry["seconds"] for entry in report["answers"]] == [70, 45, 20]
        assert [entry["answer"] for entry in report["answers"]] == [ANSWERS[i] for i in asked]
        for entry in report["answers"]:
            expected_good = entry["id"] != "layer-caching"
            assert (entry["score"] > 0.5) is expected_good, entry
        assert report["ended_by"] == "completed" and report["answered"] == 3
        assert report["ratings"][0]["committed"] == 1
        assert [r["committed"] for r in report["ratings"][1:]] == [
            r["suggested"] for r in report["ratings"][1:]
        ]
        logged = [(record.key.item_id, record.rating) for record in store.reviews()]
        assert logged == [(r["id"], r["committed"]) for r in report["ratings"]]


async def test_an_interrupted_session_resumes_where_it_stopped() -> None:
    clock = FixedClock()
    app = quiz_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_mock(questions=2, minutes=5, level="mid", pack_ids=None)
        await pilot.pause()
        screen = app.screen
        first = screen.session.current.key.item_id
        clock.advance(seconds=30)
        await type_answer(pilot, ANSWERS[first])
        await pilot.press("ctrl+s")
        await pilot.pause()
        second = screen.session.current.key.item_id
        clock.advance(seconds=40)
        await type_answer(pilot, "half of my second answer")
        await pilot.press("escape")  # leave mid-question: the draft and its time are kept
        await pilot.pause()
        assert not isinstance(app.screen, MockScreen)

    clock.advance(hours=3)
    app = quiz_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_mock(questions=2, minutes=5, level="mid", pack_ids=None)  # as `prepdeck mock` does
        await pilot.pause()
        screen = app.screen
        assert screen.phase == "setup"  # an unfinished session is offered before a new one starts
        assert "unfinished: 1/2 answered" in str(
            screen.query_one("#mock-sessions").get_option_at_index(0).prompt
        )
        screen.query_one("#mock-sessions").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert screen.phase == "asking"
        assert screen.session.current.key.item_id == second
        assert "question 2 of 2" in shown(app, "#mock-title")
        assert screen.query_one("#mock-answer").text == "half of my second answer"
        assert shown(app, "#mock-countdown") == "03:50 left of 5 min"  # 30 s + 40 s spent, not 3 hours
        screen.query_one("#mock-answer").insert(", finished after the break")
        clock.advance(seconds=10)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.phase == "report"

    with Store.open() as store:
        [session] = store.mock_sessions()
        answers = session.report["answers"]
        assert [entry["id"] for entry in answers] == [first, second]
        assert answers[1]["answer"] == "half of my second answer, finished after the break"
        assert answers[1]["seconds"] == 50


async def test_an_unfinished_session_can_be_closed_with_partial_results() -> None:
    clock = FixedClock()
    app = quiz_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_mock(questions=3, minutes=5, level=None, pack_ids=None)
        await pilot.pause()
        first = app.screen.session.current.key.item_id
        await type_answer(pilot, ANSWERS[first])
        await pilot.press("ctrl+s", "escape")
        await pilot.pause()
        app.open_mock()
        await pilot.pause()
        screen = app.screen
        screen.query_one("#mock-sessions").focus()
        await pilot.press("x")
        await pilot.pause()
        assert screen.phase == "report"
        assert "1 of 3 answered" in shown(app, "#mock-report-text")
        assert "ended: closed" in shown(app, "#mock-report-text")
    with Store.open() as store:
        [session] = store.mock_sessions()
        assert session.report["ended_by"] == "closed"


async def test_time_running_out_submits_and_ends() -> None:
    clock = FixedClock()
    app = quiz_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_mock(questions=2, minutes=1, level=None, pack_ids=None)
        await pilot.pause()
        screen = app.screen
        await type_answer(pilot, "something about runc")
        clock.advance(seconds=61)
        await wait_for(pilot, lambda: screen.phase == "report")
        assert "ended: time" in shown(app, "#mock-report-text")
    with Store.open() as store:
        [session] = store.mock_sessions()
        assert session.report["answers"][0]["answer"] == "something about runc"
        assert session.report["answered"] == 1


async def test_quitting_mid_question_keeps_the_draft() -> None:
    clock = FixedClock()
    app = quiz_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_mock(questions=2, minutes=5, level=None, pack_ids=None)
        await pilot.pause()
        clock.advance(seconds=12)
        await type_answer(pilot, "typed just before quitting")
        await pilot.press("ctrl+q")
        await pilot.pause()
    with Store.open() as store:
        [session] = store.mock_sessions()
        assert session.finished_at is None
        assert session.state["draft"] == "typed just before quitting"
        assert session.state["draft_seconds"] == 12


async def test_pack_text_with_markup_is_shown_as_typed(tmp_path: Path) -> None:
    pack = tmp_path / "sneaky"
    pack.mkdir()
    (pack / "pack.yaml").write_text(
        'format: 1\npack: {id: sneaky, title: "[bold]Sneaky[/bold]", version: "1.0.0"}\n'
        "sections:\n  - {id: s, title: '[red]Red[/red]', body: text}\n"
        "questions:\n  - id: q\n    section: s\n    prompt: '[blink]Why?[/blink]'\n    model_answer: Because of layers.\n"
        "    key_points: [{id: k, label: layers, aliases: [layers]}]\n",
        encoding="utf-8",
    )
    from shell_helpers import make_app

    app = make_app(pack, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_mock()
        await pilot.pause()
        assert "[bold]Sneaky[/bold]" in app.export_screenshot()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "[blink]Why?[/blink]" in app.export_screenshot()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.phase == "report"
        assert "[red]Red[/red]" in app.export_screenshot()


def test_snapshot_mock_report(snap_compare):
    clock = FixedClock()

    async def answer_three(pilot):
        await pilot.pause()
        pilot.app.open_mock(questions=3, minutes=10, level=None, pack_ids=None)
        await pilot.pause()
        screen = pilot.app.screen
        for seconds in (70, 45, 20):
            clock.advance(seconds=seconds)
            await type_answer(pilot, ANSWERS[screen.session.current.key.item_id])
            await pilot.press("ctrl+s")
            await pilot.pause()

    assert snap_compare(quiz_app(clock), terminal_size=SIZE, run_before=answer_three)


async def test_code_spans_in_the_mock_and_its_report_are_drawn_as_code_without_backticks(
    tmp_path: Path,
) -> None:
    """Issue 12: the mock report showed `docker run` with its backticks; card text did not."""
    pack = tmp_path / "spans"
    pack.mkdir()
    (pack / "pack.yaml").write_text(
        'format: 1\npack: {id: spans, title: Spans, version: "1.0.0"}\n'
        "sections:\n  - {id: s, title: Runs, body: text}\n"
        "questions:\n  - id: q\n    section: s\n    prompt: 'What happens when you type `docker run nginx`?'\n"
        "    model_answer: The CLI asks dockerd, which starts the container with runc.\n"
        "    key_points:\n      - {id: k, label: '`dockerd` is asked', aliases: [dockerd]}\n"
        "      - {id: r, label: '`runc` starts it', aliases: [runc]}\n",
        encoding="utf-8",
    )
    from shell_helpers import make_app

    app = make_app(pack, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_mock()
        await pilot.pause()
        await pilot.press("ctrl+s")  # start
        await pilot.pause()
        asked = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert "What happens when you type docker run nginx?" in asked
        await type_answer(pilot, "The CLI asks dockerd.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.phase == "report"
        report = shown(app, "#mock-report-text")
        assert "What happens when you type docker run nginx?" in report
        assert "✓ dockerd is asked" in report and "✗ runc starts it" in report
        screen = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert "`" not in screen
