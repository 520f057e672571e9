"""Finishing a section offers to review its cards now, on the schedule (issue 12, study flow):
titled with the section's name, its grades stored like today's queue, and the offer gone once
nothing of the section is due."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from shell_helpers import FixedClock, make_app
from test_empty_queues import footer
from test_theory_reading import screen_lines

from prepdeck.tui.screens.review import ReviewScreen


async def test_marking_a_section_read_offers_a_scheduled_review_of_its_cards():
    app = make_app(clock=FixedClock())
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        app.open_section("shell-sample", "layers")
        await pilot.pause()
        theory = app.screen
        assert "Review" in await footer(pilot)  # its two new cards can be reviewed already
        await pilot.press("x")
        await pilot.pause()
        said = [notification.message for notification in app._notifications]
        assert said[-1] == (
            "Marked as read: its new cards now come first in your reviews. "
            "Press r to review its 2 cards now, on your schedule."
        )
        await pilot.press("r")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        lines = screen_lines(app)
        assert lines[0].strip() == "Review on your schedule: 'Layers and caching'"
        assert "done 0 · left in this section 2 · learning 0 · grades go on your schedule" in lines[1]
        graded = []
        while review.card is not None:
            assert review.card.item.section == "layers"
            graded.append(review.card.key.item_id)
            await pilot.press("space")
            await pilot.pause()
            await pilot.press("4")
            await pilot.pause()
        assert graded == ["layer-what", "cache-order"]  # pack order
        stored = [(record.key.item_id, record.rating) for record in app.context.study.store.reviews()]
        assert stored == [("layer-what", 4), ("cache-order", 4)]  # on the schedule, not practice
        shown = "\n".join(screen_lines(app))
        assert "Every card of 'Layers and caching' due now is reviewed." in shown
        assert "other cards wait in today's review (r on Home)." in shown
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is theory
        assert "Esc" in (await footer(pilot)).title() and "Review" not in await footer(
            pilot
        )  # nothing of the section is due now
        await pilot.press("r")
        await pilot.pause()
        assert app.screen is theory


async def test_theory_footer_offers_question_and_drill_only_where_the_section_has_them():
    app = make_app(clock=FixedClock())
    async with app.run_test(size=(140, 36)) as pilot:
        await pilot.pause()
        app.open_section("shell-sample", "layers")  # cards, no question, no drill
        await pilot.pause()
        keys = await footer(pilot)
        assert "Cards" in keys and "Question" not in keys and "Drill" not in keys
        await pilot.press("n")  # PID 1 and signals: a card, a question and a drill
        await pilot.pause()
        keys = await footer(pilot)
        assert "Cards" in keys and "Question" in keys and "Drill" in keys
        await pilot.press("n")  # the hostile section: one card only
        await pilot.pause()
        keys = await footer(pilot)
        assert "Question" not in keys and "Drill" not in keys


async def test_a_section_reviews_summary_speaks_of_the_section_not_of_the_daily_limit():
    """Issue 12: a section review is not held to the daily limit of new cards, yet its summary said
    'The daily limit of N new cards is reached' once a card of it was learning."""
    app = make_app(clock=FixedClock())
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.context.study.update_settings(new_per_day=1)
        app.open_section("shell-sample", "layers")
        await pilot.pause()
        await pilot.press("x", "r")
        await pilot.pause()
        for rating in ("1", "3"):  # Again on the first: it is learning when the list ends
            await pilot.press("space")
            await pilot.pause()
            await pilot.press(rating)
            await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert "Session done: 2 cards reviewed." in shown
        assert "A card of 'Layers and caching' you are learning comes back at 09:01 (in 1 min)" in shown
        assert "daily limit" not in shown
