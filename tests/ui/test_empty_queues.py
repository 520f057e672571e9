"""An empty queue names the next step (issue 12, study flow): when the next card is due, what can be
done meanwhile with the key that does it, and a footer that shows only the keys that work then."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from shell_helpers import FixedClock, make_app
from test_theory_reading import screen_lines

from prepdeck.tui.screens.review import ReviewScreen
from prepdeck.tui.widgets.card_view import CardView


async def footer(pilot) -> str:
    """The footer line, once drawn (a loaded machine may need a few frames after a screen opens)."""
    for _ in range(40):
        line = screen_lines(pilot.app)[-1]
        if line.strip():
            return line
        await pilot.pause(0.05)
    return ""


async def grade_every_card_easy(pilot) -> int:
    screen = pilot.app.screen
    graded = 0
    while screen.card is not None:
        if screen.query_one(CardView).card_type == "type_in":
            await pilot.press("enter")
        else:
            await pilot.press("space")
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        graded += 1
    return graded


async def test_an_empty_review_says_when_the_next_card_comes_and_offers_working_keys():
    app = make_app(clock=FixedClock())
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        app.open_review()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        keys = await footer(pilot)
        assert "Show answer" in keys and "Bury" in keys
        assert "Undo" not in keys  # nothing to take back yet
        assert "Read" not in keys and "Drill" not in keys  # next steps only once the cards run out
        assert await grade_every_card_easy(pilot) == 4
        shown = "\n".join(screen_lines(app))
        assert "Session done: 4 cards reviewed." in shown
        # Easy on a new card: the first one is due again in days, not today.
        assert "Nothing else is due today: the next card is due on " in shown
        assert "i  answer 1 interview question due today" in shown
        assert "t  read 'Layers and caching', the next section" in shown
        assert "d  try the drill 'Use the exec form'" in shown
        assert "q  a quick quiz on your weakest sections" in shown
        keys = await footer(pilot)
        for offered in ("Questions", "Read", "Drill", "Quiz", "Undo", "Back"):
            assert offered in keys
        for gone in ("Show answer", "Bury", "Suspend", "Section"):
            assert gone not in keys  # no card on screen: these keys do nothing
        await pilot.press("b")  # not offered: nothing happens
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("t")
        await pilot.pause()
        assert type(app.screen).__name__ == "TheoryScreen"
        assert app.screen.section_id == "layers"


async def test_new_cards_held_back_by_the_daily_limit_are_announced_for_tomorrow():
    app = make_app(clock=FixedClock())
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        app.context.study.update_settings(new_per_day=0)
        app.open_review()
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert "Nothing to review right now." in shown
        # New cards wait for tomorrow's limit; the study day starts at 04:00.
        assert "Nothing else is due today: the next card is due tomorrow at 04:00." in shown
        assert "The daily limit of 0 new cards is reached; more new cards come tomorrow." in shown
        keys = await footer(pilot)
        assert "Read" in keys and "Undo" not in keys and "Show answer" not in keys


async def test_drill_on_home_with_every_drill_passed_says_so_and_names_the_next_steps():
    app = make_app(clock=FixedClock())
    async with app.run_test(size=(100, 34), notifications=True) as pilot:
        await pilot.pause()
        app.context.study.record_drill_attempt("shell-sample", "exec-form", True, 'CMD ["sleep", "1"]')
        await pilot.press("d")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"  # no drill opened
        said = [notification.message for notification in app._notifications]
        assert said == [
            "Every drill of Shell sample pack is passed. Next: answer 1 interview question due today (i); "
            "read 'Layers and caching', the next section (t); a quick quiz on your weakest sections (q)."
        ]


async def test_home_does_not_send_the_learner_to_cards_still_in_their_learning_step():
    clock = FixedClock()
    app = make_app(clock=clock)
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        study = app.context.study
        card = study.next_card()
        study.grade(card, 3)  # Good on a new card: back after its 10-minute step
        app.screen.refresh_data()
        await pilot.pause()
        assert "Review 1 due card" not in "\n".join(screen_lines(app))
        clock.advance(minutes=10)
        app.screen.refresh_data()
        await pilot.pause()
        assert "Review 1 due card" in "\n".join(screen_lines(app))
