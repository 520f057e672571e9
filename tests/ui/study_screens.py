"""Helpers for the Review, Interview and Drill screen tests: the app over the small sample pack,
with a fixed clock and a seeded RNG, so what the screens show is exact."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from prepdeck.content.catalog import load_catalog
from prepdeck.tui.app import PrepdeckApp
from prepdeck.tui.context import AppContext

SAMPLE_PACK = Path(__file__).resolve().parents[1] / "fixtures" / "packs" / "tui-sample"
SAMPLE_PACK_ID = "tui-sample"
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


def sample_context(clock: FixedClock | None = None, seed: int = 7) -> AppContext:
    catalog = load_catalog([SAMPLE_PACK], include_installed=False)
    assert not catalog.broken, catalog.broken
    return AppContext.build(catalog=catalog, clock=clock or FixedClock(), seed=seed, zone=timezone.utc)


def sample_app(clock: FixedClock | None = None, seed: int = 7) -> PrepdeckApp:
    return PrepdeckApp(sample_context(clock, seed))
