"""Helpers for the mock-interview and quick-quiz screen tests: the app over the quiz-sample pack
with a fixed clock and a seeded RNG (the data folder is the test's own PREPDECK_HOME)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from prepdeck.content.catalog import load_catalog
from prepdeck.tui.app import PrepdeckApp
from prepdeck.tui.context import AppContext

QUIZ_PACK = Path(__file__).resolve().parents[1] / "fixtures" / "packs" / "quiz-sample"
START = datetime(2026, 3, 2, 9, 30, tzinfo=timezone.utc)
SIZE = (100, 32)


class FixedClock:
    """A clock that stands still until a test moves it."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def quiz_app(clock: FixedClock, seed: int = 7) -> PrepdeckApp:
    catalog = load_catalog([QUIZ_PACK], include_installed=False)
    assert not catalog.broken, catalog.broken
    context = AppContext.build(catalog=catalog, clock=clock, seed=seed, zone=timezone.utc)
    return PrepdeckApp(context)


def shown(app, selector: str) -> str:
    """The text a widget of the active screen shows."""
    return str(app.screen.query_one(selector).render())
