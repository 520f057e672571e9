"""Shared by the UI tests, the snapshot apps and make_screenshots.py: a fixed clock, the test pack,
an app built on them, and a few weeks of study history made through the real study service."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from prepdeck.content.catalog import load_catalog
from prepdeck.tui.context import AppContext

UI_TESTS = Path(__file__).resolve().parent
SHELL_PACK = UI_TESTS / "fixtures" / "shell-pack"
BROKEN_PACK = UI_TESTS / "fixtures" / "broken-pack"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday morning


class FixedClock:
    """A clock that stands still until a test moves it."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def make_context(*packs: Path, clock: FixedClock | None = None, seed: int = 7) -> AppContext:
    """A context over only the given packs (never the built-in ones, which change as they grow)."""
    catalog = load_catalog([*(packs or [SHELL_PACK])], include_installed=False)
    return AppContext.build(clock=clock or FixedClock(), seed=seed, zone=UTC, catalog=catalog)


def make_app(*packs: Path, clock: FixedClock | None = None):
    from prepdeck.tui.app import PrepdeckApp

    return PrepdeckApp(make_context(*packs, clock=clock))


def study_history(context: AppContext, clock: FixedClock, days: int, forget_every: int = 4) -> int:
    """Review what is due on each of `days` days before the clock's time (Again on every
    `forget_every`-th review, else Good), then put the clock back. Returns the number of reviews."""
    end = clock.now
    reviews = 0
    for day in range(days, 0, -1):
        clock.now = end - timedelta(days=day)
        for _ in range(50):  # a bounded session: learning steps come back within minutes
            card = context.study.next_card()
            if card is None:
                break
            reviews += 1
            context.study.grade(card, 1 if reviews % forget_every == 0 else 3, duration_ms=8000)
            clock.advance(minutes=11)
    clock.now = end  # the service rebuilds its queue for the new study day by itself
    return reviews


def drawn(app, selector: str) -> str:
    """The text a widget of the active screen draws, line by line."""
    from textual.geometry import Region

    widget = app.screen.query_one(selector)
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, *widget.size)))


async def wait_until(pilot, condition, seconds: float = 5.0) -> None:
    """Let the app run until `condition()` holds (or fail): for what is drawn a refresh later on a
    loaded machine, such as the footer of a screen just pushed."""
    for _ in range(int(seconds * 10)):
        if condition():
            return
        await pilot.pause(0.1)
    assert condition()
