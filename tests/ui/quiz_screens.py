"""Helpers for the mock-interview and quick-quiz screen tests: the app over the quiz-sample pack
with a fixed clock and a seeded RNG (the data folder is the test's own PREPDECK_HOME)."""

from __future__ import annotations

from pathlib import Path

from shell_helpers import FixedClock, make_app

QUIZ_PACK = Path(__file__).resolve().parents[1] / "fixtures" / "packs" / "quiz-sample"
SIZE = (100, 32)

__all__ = ["SIZE", "FixedClock", "quiz_app", "shown"]


def quiz_app(clock: FixedClock):
    return make_app(QUIZ_PACK, clock=clock)


def shown(app, selector: str) -> str:
    """The text a widget of the active screen shows."""
    return str(app.screen.query_one(selector).render())
