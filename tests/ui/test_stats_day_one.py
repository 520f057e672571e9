"""Stats right after the first session (issue 12, study flow): what exists is shown (reviews today,
answers in the learning steps) and every empty chart says why, instead of dashes and zeros."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from rich.console import Console
from shell_helpers import FixedClock, make_app, wait_until
from test_theory_reading import screen_lines

from prepdeck.store.cards import REVIEW
from prepdeck.tui.widgets.card_view import CardView


def panel_text(app, selector: str) -> str:
    """A panel's text in one line (the panels stand side by side on screen, and captions wrap)."""
    console = Console(width=400, record=True)
    console.print(app.screen.query_one(selector).content)
    return " ".join(console.export_text().split())


async def open_stats(pilot) -> str:
    pilot.app.open_stats()
    await pilot.pause()
    return "\n".join(screen_lines(pilot.app))


async def test_stats_before_any_review_say_what_fills_them():
    app = make_app(clock=FixedClock())
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        shown = await open_stats(pilot)
        assert "0 reviews · 0 today · 0 min · streak 0 days" in shown
        assert "No reviews yet: each day you" in shown and "study fills its square." in shown
        assert "Retention counts reviews of cards past their learning steps: none yet." in " ".join(
            shown.split()
        )
        assert "Nothing studied yet: a section's mastery grows as you review its cards." in shown
        assert "Nothing is due in the next 30 days." in shown


async def test_stats_after_the_first_session_show_todays_answers_and_when_retention_starts():
    app = make_app(clock=FixedClock())
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        app.open_review()
        await pilot.pause()
        screen, ratings = app.screen, iter(["1", "4", "3", "4"])
        while screen.card is not None and screen.card.bucket == "new":
            await pilot.press("enter" if screen.query_one(CardView).card_type == "type_in" else "space")
            await pilot.pause()
            await pilot.press(next(ratings))
            await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        shown = await open_stats(pilot)
        assert "4 reviews · 4 today" in shown
        learning_row = next(line for line in shown.splitlines() if " learning " in line and "%" in line)
        assert learning_row.split()[-3:] == ["4", "3", "75%"]  # one Again of four answers
        # Easy put a card days ahead: the caption says when retention starts counting
        first = min(state.due for state in app.context.study.store.iter_states() if state.state == REVIEW)
        expected = f"none yet; the first is due on {first:%a} {first.day} {first:%b} at {first:%H:%M}."
        assert expected in panel_text(app, "#retention")
        assert "No reviews yet" not in shown
        assert "Nothing studied yet" not in shown
        assert "Nothing is due in the next 30 days." not in shown


async def test_stats_show_interview_answers_per_section_and_drills():
    app = make_app(clock=FixedClock())
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        shown = await open_stats(pilot)
        assert "No interview answer graded yet (i on Home asks one)." in shown
        assert "Drills passed: 0 of 1" in shown
        await pilot.press("escape")
        study = app.context.study
        question = study.next_card("question")
        study.grade(question, 3)
        finding = {"code": "DL3025", "line": 2, "message": "use JSON notation for CMD"}
        study.record_drill_attempt("shell-sample", "exec-form", False, "CMD sleep 1", {"findings": [finding]})
        study.record_drill_attempt("shell-sample", "exec-form", True, 'CMD ["sleep", "1"]', {"findings": []})
        shown = await open_stats(pilot)
        assert "1 interview answer graded:" in shown
        assert "PID 1 and signals: 1 given, 1 rated Good or Easy" in shown
        assert "Drills passed: 1 of 1 (2 attempts stored)" in shown
        assert "Findings met most often in your drills: DL3025 (1)" in shown


async def test_home_says_retention_waits_for_cards_past_their_learning_steps():
    """Not a dash "of 1 reviews" while every answer so far is a learning step, and on one line."""
    clock = FixedClock()
    app = make_app(clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:  # the narrowest Home: the line must fit
        await pilot.pause()
        app.open_review()
        await pilot.pause()
        await pilot.press("space")
        await pilot.press("3")  # a new card, Good: into its learning steps
        await pilot.press("escape")
        await wait_until(pilot, lambda: any("Streak      1 day" in line for line in screen_lines(app)))
        (line,) = [line.split("▏")[-1].strip() for line in screen_lines(app) if "Retention" in line]
        assert line == "Retention   not yet: all learning"
