"""Helpers for the Review, Interview and Drill screen tests: the app over the small sample pack
(every card type, two questions, two drills), with the shared fixed clock and seeded RNG."""

from __future__ import annotations

from pathlib import Path

from shell_helpers import FixedClock, make_app

SAMPLE_PACK = Path(__file__).resolve().parents[1] / "fixtures" / "packs" / "tui-sample"
SIZE = (100, 32)

__all__ = ["SAMPLE_PACK", "SIZE", "FixedClock", "sample_app"]


def sample_app(clock: FixedClock | None = None):
    return make_app(SAMPLE_PACK, clock=clock)
