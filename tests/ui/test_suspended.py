"""Suspended cards can be brought back from the app: Statistics -> s lists them by their front,
u (or enter) unsuspends the highlighted one, which then comes back in today's review."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from study_screens import SIZE, sample_app
from test_review import open_review, shown
from textual.widgets import OptionList

from prepdeck.study.quiz import side_prompt
from prepdeck.tui.screens.suspended import SuspendedScreen


async def test_a_card_suspended_in_an_earlier_review_is_unsuspended_from_the_list():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        first = screen.card
        await pilot.press("s")
        await pilot.pause()
        second = screen.card
        await pilot.press("s", "escape")  # two suspended; the review is left, so S no longer reaches them
        await pilot.pause()
        store = app.context.study.store
        assert store.get_state(first.key).suspended and store.get_state(second.key).suspended

        app.open_stats()
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        suspended = app.screen
        assert isinstance(suspended, SuspendedScreen)
        assert "2 suspended cards" in shown(app, "#suspended-status")
        options = suspended.query_one(OptionList)
        listed = " | ".join(str(options.get_option_at_index(i).prompt) for i in range(options.option_count))
        first_front = side_prompt(first)[:20]
        assert first_front in listed and side_prompt(second)[:20] in listed

        highlighted = suspended.sides[0]
        await pilot.press("u")
        await pilot.pause()
        assert not store.get_state(highlighted.key).suspended
        assert "1 suspended card " in shown(app, "#suspended-status")
        await pilot.press("enter")  # enter on the highlighted one does the same
        await pilot.pause()
        assert not store.get_state(first.key).suspended and not store.get_state(second.key).suspended
        assert "No card is suspended" in shown(app, "#suspended-status")
        queued = [entry.item.key for entry in app.context.study._queue("card").entries()]
        assert first.key in queued and second.key in queued
