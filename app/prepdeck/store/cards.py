"""A learner's state for one reviewable side of an item, as stored; and one review log row."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from prepdeck.store.timeconv import EPOCH, from_us, to_us

NEW = 0  # our own state for a side never reviewed; 1..3 are fsrs.State values
LEARNING, REVIEW, RELEARNING = 1, 2, 3
STATE_NAMES = {NEW: "new", LEARNING: "learning", REVIEW: "review", RELEARNING: "relearning"}


@dataclass(frozen=True)
class ItemKey:
    """Learner state is keyed by (pack id, item id, variant): the contract with pack authors."""

    pack_id: str
    item_id: str
    variant: str = "main"


def side_token(pack_id: str, item_id: str, variant: str) -> str:
    """One string per side (ids cannot hold the unit separator), for cheap in-memory sets."""
    return f"{pack_id}\x1f{item_id}\x1f{variant}"


@dataclass(frozen=True)
class CardState:
    key: ItemKey
    state: int = NEW
    step: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None
    last_review: datetime | None = None
    first_review: datetime | None = None
    reps: int = 0
    lapses: int = 0
    suspended: bool = False
    leech: bool = False
    buried_until: datetime | None = None

    @property
    def is_new(self) -> bool:
        return self.state == NEW

    @property
    def due_at(self) -> datetime:
        """When the side is due, for comparing and sorting: one never scheduled is due at once."""
        return self.due if self.due is not None else EPOCH

    def with_changes(self, **changes: Any) -> CardState:
        return replace(self, **changes)

    def to_json(self) -> str:
        """The scheduler-relevant fields, for the review log's before/after columns."""
        data = {name: getattr(self, name) for name in _SCALARS}
        for name in _TIMES:
            moment = getattr(self, name)
            data[name] = to_us(moment) if moment is not None else None
        return json.dumps(data, sort_keys=True)

    @classmethod
    def from_json(cls, key: ItemKey, text: str) -> CardState:
        data = json.loads(text)
        for name in _TIMES:
            data[name] = from_us(data.get(name))
        return cls(key=key, **data)


_TIMES = ("due", "last_review", "first_review", "buried_until")
_SCALARS = ("state", "step", "stability", "difficulty", "reps", "lapses", "suspended", "leech")


@dataclass(frozen=True)
class ReviewRecord:
    id: int
    key: ItemKey
    rating: int
    reviewed_at: datetime
    duration_ms: int | None
    before: CardState
    after: CardState
    answer_score: float | None = None  # an interview answer's grader score (0..1); None for cards
