"""`DueCounts`: how many sides are due today, by state (kept apart from the queue so the Home
screen's first frame can show counts without importing the study engine). A NamedTuple, not a
dataclass: making a dataclass costs about 0.8 ms of the first frame, a NamedTuple a tenth of that."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple


class DueCounts(NamedTuple):
    learning: int = 0
    review: int = 0
    new: int = 0

    @property
    def total(self) -> int:
        return self.learning + self.review + self.new


def sum_counts(counts: Iterable[DueCounts]) -> DueCounts:
    """The counts of several packs added up, state by state."""
    learning = review = new = 0
    for count in counts:
        learning, review, new = learning + count.learning, review + count.review, new + count.new
    return DueCounts(learning, review, new)
