"""The Drill screen through the Pilot: lint as you type, requirements, hints, solution, drafts."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from study_screens import SAMPLE_PACK, SIZE, sample_app

from prepdeck.tui.screens.drill import DrillScreen
from prepdeck.tui.widgets.dockerfile_editor import DockerfileEditor

DRILL_FILES = SAMPLE_PACK / "drills" / "pin-and-user"
STARTER = (DRILL_FILES / "starter.Dockerfile").read_text()
SOLUTION = (DRILL_FILES / "solution.Dockerfile").read_text()


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def settle(pilot) -> None:
    """Wait until the findings on screen belong to the editor's text (however loaded the machine)."""
    await pilot.pause()  # deliver the editor's Changed message, which starts the debounce timer
    for _ in range(400):
        screen = pilot.app.screen
        if not (isinstance(screen, DrillScreen) and screen.checks_pending):
            break
        await pilot.pause(0.05)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_drill(pilot, drill_id: str = "pin-and-user") -> DrillScreen:
    await pilot.pause()
    pilot.app.open_drill("tui-sample", drill_id)
    await settle(pilot)
    assert isinstance(pilot.app.screen, DrillScreen)
    return pilot.app.screen


async def test_the_starter_fails_with_findings_listed_and_marked():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_drill(pilot)
        editor = screen.query_one(DockerfileEditor)
        assert editor.text == STARTER
        assert editor.has_focus
        assert shown(app, "#drill-status").startswith("0 of 3 requirements met")
        checklist = shown(app, "#drill-checklist")
        assert "✗ Pin the base image to a version tag or a digest." in checklist
        assert "4:5 CMD on line 4 is in shell form" in checklist
        findings = [str(option.prompt) for option in screen.query_one("#drill-findings").options]
        assert any(line.startswith("1:6 DL3006 ") for line in findings)
        # Each finding's exact span is marked: DL3006 covers `alpine` on line 1 (columns 6-12).
        assert any((mark.line, mark.column, mark.end_column) == (1, 6, 12) for mark in editor.marks)
        assert any(
            start == 5 and end == 11
            for start, end, name in editor._highlights[0]
            if name.startswith("prepdeck.")
        )
        assert app.context.study.store.drill_attempts() == []


async def test_requirements_turn_green_one_by_one_as_the_learner_types():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_drill(pilot)
        editor = screen.query_one(DockerfileEditor)
        editor.move_cursor((0, 11))
        await pilot.press(*":3.20")
        await settle(pilot)
        assert editor.text.startswith("FROM alpine:3.20\n")
        assert "✓ Pin the base image" in shown(app, "#drill-checklist")
        assert shown(app, "#drill-status").startswith("1 of 3 requirements met")


async def test_the_solution_passes_is_recorded_and_shows_the_solution():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_drill(pilot)
        screen.query_one(DockerfileEditor).load_text(SOLUTION)
        await settle(pilot)
        assert shown(app, "#drill-status").startswith("PASSED · 3 of 3 requirements met")
        assert shown(app, "#drill-checklist").count("✓") == 3
        attempts = app.context.study.store.drill_attempts("tui-sample", "pin-and-user")
        assert [(attempt.passed, attempt.text) for attempt in attempts] == [(True, SOLUTION)]
        assert "Your file is the reference solution, line for line." in shown(app, "#drill-solution")


async def test_giving_up_shows_a_diff_against_the_learners_file():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_drill(pilot)
        await pilot.press("ctrl+g")
        await pilot.pause()
        solution = shown(app, "#drill-solution")
        assert "-FROM alpine\n" in solution
        assert "+FROM alpine:3.20\n" in solution
        assert '+CMD ["sh", "/app/app.sh"]' in solution
        attempts = app.context.study.store.drill_attempts()
        assert [attempt.passed for attempt in attempts] == [False]


async def test_hints_are_revealed_one_at_a_time_with_f2_from_the_editor():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_drill(pilot)
        assert screen.query_one(DockerfileEditor).has_focus
        assert not screen.query_one("#drill-hints").display
        await pilot.press("f2")
        await pilot.pause()
        hints = shown(app, "#drill-hints")
        assert "1. Which tag does `FROM alpine` pull?" in hints
        assert "2." not in hints
        await pilot.press("f2")
        await pilot.pause()
        assert "2. The USER instruction" in shown(app, "#drill-hints")


async def test_quit_mid_drill_and_the_draft_is_back_after_a_restart():
    typed = "# my work\n"
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_drill(pilot)
        editor = screen.query_one(DockerfileEditor)
        editor.move_cursor((0, 0))
        await pilot.press(*"# my work", "enter")
        await pilot.press("ctrl+q")  # at once: before the debounced save would fire
        await pilot.pause()
    app.context.close()

    restarted = sample_app()
    async with restarted.run_test(size=SIZE) as pilot:
        screen = await open_drill(pilot)
        assert screen.query_one(DockerfileEditor).text == typed + STARTER


async def test_escape_leaves_the_editor_then_the_drill():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_drill(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert not screen.query_one(DockerfileEditor).has_focus
        assert app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen
        assert (
            app.context.study.load_draft("tui-sample", "pin-and-user") is None
        )  # nothing typed, nothing saved


async def test_an_unknown_drill_says_so():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_drill("tui-sample", "no-such-drill")
        await pilot.pause()
        assert "There is no drill 'no-such-drill' in pack 'tui-sample'." in shown(app, "#drill-title")


def test_snapshot_drill_starter(snap_compare):
    async def open_and_check(pilot):
        screen = await open_drill(pilot)
        screen.query_one(DockerfileEditor).cursor_blink = False

    assert snap_compare(sample_app(), terminal_size=SIZE, run_before=open_and_check)


async def test_choosing_a_finding_selects_its_span_in_the_editor():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_drill(pilot)
        findings = screen.query_one("#drill-findings")
        index = next(i for i, option in enumerate(findings.options) if "DL3006" in str(option.prompt))
        findings.focus()
        findings.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        editor = screen.query_one(DockerfileEditor)
        assert editor.has_focus
        assert editor.selected_text == "alpine"


def toasts(app) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


async def test_editor_keys_select_all_copy_and_a_reset_that_asks_first():
    app = sample_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_drill(pilot)
        editor = screen.query_one(DockerfileEditor)
        assert editor.has_focus
        await pilot.press("ctrl+c")  # nothing selected: a hint, not the quit prompt
        await pilot.pause()
        assert any("Nothing is selected" in toast for toast in toasts(app))
        assert not any("to quit" in toast for toast in toasts(app))
        await pilot.press("ctrl+a", "ctrl+c")
        await pilot.pause()
        assert editor.selected_text == STARTER
        assert app.clipboard == STARTER
        assert any(toast.startswith("Copied ") for toast in toasts(app))
        assert not any("to quit" in toast for toast in toasts(app))
        await pilot.press("end", *"# mine")
        await settle(pilot)
        edited = editor.text
        await pilot.press("ctrl+r")  # asks first: the text stays
        await pilot.pause()
        assert editor.text == edited
        assert any("Press ctrl+r again" in toast for toast in toasts(app))
        await pilot.press("x", "ctrl+r")  # an edit in between cancels the question
        await pilot.pause()
        assert editor.text != STARTER
        await pilot.press("ctrl+r", "ctrl+r")
        await settle(pilot)
        assert editor.text == STARTER
