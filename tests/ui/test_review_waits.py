"""A card rated Again comes back after its learning step (issue 12, study flow): the review says
when, waits for it instead of showing it again at once, and brings it back when it is due."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from shell_helpers import FixedClock, make_app, wait_until
from test_theory_reading import THEORY_PACK, screen_lines


async def test_again_says_when_the_card_returns_and_the_review_waits_for_it():
    clock = FixedClock()
    app = make_app(THEORY_PACK, clock=clock)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        app.open_review()
        await pilot.pause()
        screen = app.screen
        missed = screen.card.key
        await pilot.press("space", "1")
        await wait_until(
            pilot, lambda: "Again: it comes back at 09:01 (in 1 min)." in "\n".join(screen_lines(app))
        )
        while screen.card is not None and screen.card.key != missed:
            await pilot.press("b")  # the other new cards: buried, so nothing else is left
            await pilot.pause()
        assert screen.card is None  # not the missed card again at once
        shown = "\n".join(screen_lines(app))
        assert "A card you are learning comes back at 09:01 (in 1 min); it appears here then." in shown
        clock.advance(minutes=1)
        # The screen checks every 2 s; a loaded machine may run that timer late.
        await wait_until(pilot, lambda: screen.card is not None, seconds=20)
        assert screen.card.key == missed
        assert screen.card.bucket == "learning"
