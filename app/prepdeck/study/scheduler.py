"""FSRS-6 scheduling through py-fsrs, with a preview that is exactly what gets committed.

py-fsrs draws its interval fuzz from the global `random` module on every `review_card` call, so
asking it twice for the same rating can give two different days. Here fsrs computes each outcome
without fuzz, and the fuzz is drawn once per preview from the injected RNG, over the same range
fsrs itself uses (`fsrs.scheduler.FUZZ_RANGES`). The four outcomes are computed together and the
learner's choice commits one of them unchanged.
"""

from __future__ import annotations

import math
import random
import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from fsrs import Card, Rating, Scheduler, State
from fsrs.scheduler import FUZZ_RANGES

from prepdeck.store.cards import NEW, REVIEW, CardState, ItemKey

RATINGS = (1, 2, 3, 4)
RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
LEECH_LAPSES = 8


@dataclass(frozen=True)
class SchedulerSettings:
    desired_retention: float = 0.9
    learning_steps_minutes: tuple[float, ...] = (1.0, 10.0)
    relearning_steps_minutes: tuple[float, ...] = (10.0,)
    maximum_interval_days: int = 36500
    fuzz: bool = True


@dataclass(frozen=True)
class Outcome:
    """What one rating does: the state to store and the wait until the side is due again."""

    rating: int
    after: CardState
    interval: timedelta
    becomes_leech: bool


@dataclass(frozen=True)
class Preview:
    """The four outcomes of reviewing `before` at `at`; show them, then commit one with `outcome()`."""

    before: CardState
    at: datetime
    outcomes: dict[int, Outcome]

    def outcome(self, rating: int) -> Outcome:
        if rating not in self.outcomes:
            raise ValueError(f"rating must be one of 1 (Again), 2 (Hard), 3 (Good), 4 (Easy); got {rating!r}")
        return self.outcomes[rating]


def fsrs_card_id(key: ItemKey) -> int:
    """A stable id for fsrs (its Card() without an id sleeps a millisecond to make one up)."""
    return zlib.crc32(f"{key.pack_id}\0{key.item_id}\0{key.variant}".encode())


def fuzz_range(interval_days: int, maximum_interval: int) -> tuple[int, int]:
    """fsrs' fuzz bounds for `interval_days` (its own FUZZ_RANGES table).

    fsrs draws `random() * (high - low + 1) + low` and rounds it, so the day it picks lies in
    low..high + 1 (capped at the maximum interval); `_fuzzed` draws the same way.
    """
    delta = 1.0
    for band in FUZZ_RANGES:
        delta += band["factor"] * max(min(float(interval_days), band["end"]) - band["start"], 0.0)
    low = max(2, round(interval_days - delta))
    high = min(round(interval_days + delta), maximum_interval)
    return min(low, high), high


class StudyScheduler:
    """Turns a stored CardState and a rating into the next CardState, via fsrs."""

    def __init__(self, settings: SchedulerSettings | None = None, rng: random.Random | None = None) -> None:
        self.settings = settings or SchedulerSettings()
        self.rng = rng or random.Random(0)
        self.fsrs = Scheduler(
            desired_retention=self.settings.desired_retention,
            learning_steps=[timedelta(minutes=m) for m in self.settings.learning_steps_minutes],
            relearning_steps=[timedelta(minutes=m) for m in self.settings.relearning_steps_minutes],
            maximum_interval=self.settings.maximum_interval_days,
            enable_fuzzing=False,
        )

    def to_fsrs(self, card: CardState, at: datetime) -> Card:
        if card.state == NEW:
            return Card(card_id=fsrs_card_id(card.key), state=State.Learning, step=0, due=at)
        return Card(
            card_id=fsrs_card_id(card.key),
            state=State(card.state),
            step=card.step,
            stability=card.stability,
            difficulty=card.difficulty,
            due=card.due,
            last_review=card.last_review,
        )

    def preview(self, card: CardState, at: datetime, seed: str | None = None) -> Preview:
        """Compute all four outcomes once (one fuzz draw each); `at` must be an aware UTC datetime.

        With a `seed` the fuzz is drawn from a generator of its own, so the same seed (e.g. the
        side, its stored state and the study day) always gives the same days: showing a side
        again, or again after an undo, shows the same intervals.
        """
        fsrs_card = self.to_fsrs(card, at)
        rng = self.rng if seed is None else random.Random(seed)
        outcomes = {}
        for rating in RATINGS:
            result, _ = self.fsrs.review_card(fsrs_card, Rating(rating), review_datetime=at)
            interval = result.due - at
            if self.settings.fuzz and result.state == State.Review:
                interval = self._fuzzed(interval, rng)
            outcomes[rating] = self._outcome(card, result, rating, at, interval)
        return Preview(before=card, at=at, outcomes=outcomes)

    def _fuzzed(self, interval: timedelta, rng: random.Random) -> timedelta:
        days = interval.days
        if days < 2.5:
            return interval
        low, high = fuzz_range(days, self.settings.maximum_interval_days)
        return timedelta(
            days=min(round(rng.random() * (high - low + 1) + low), self.settings.maximum_interval_days)
        )

    def _outcome(
        self, card: CardState, result: Card, rating: int, at: datetime, interval: timedelta
    ) -> Outcome:
        lapsed = card.state == REVIEW and rating == 1
        lapses = card.lapses + (1 if lapsed else 0)
        becomes_leech = lapsed and lapses >= LEECH_LAPSES and not card.leech
        after = card.with_changes(
            state=int(result.state),
            step=result.step,
            stability=result.stability,
            difficulty=result.difficulty,
            due=at + interval,
            last_review=at,
            first_review=card.first_review or at,
            reps=card.reps + 1,
            lapses=lapses,
            leech=card.leech or becomes_leech,
            suspended=card.suspended or becomes_leech,
            buried_until=None,
        )
        return Outcome(rating=rating, after=after, interval=interval, becomes_leech=becomes_leech)

    def retrievability(self, card: CardState, at: datetime) -> float:
        """The chance of recall now (0 for a new side), from fsrs' forgetting curve."""
        if card.state == NEW or card.stability is None:
            return 0.0
        return float(self.fsrs.get_card_retrievability(self.to_fsrs(card, at), current_datetime=at))


def format_interval(interval: timedelta) -> str:
    """A short label for a grade button: 45s, 10m, 3h, 4d, 2.1mo, 1.3y."""
    seconds = interval.total_seconds()
    if seconds < 60:
        return f"{max(0, math.floor(seconds))}s"
    if seconds < 3600:
        return f"{round(seconds / 60)}m"
    if seconds < 86400:
        return f"{round(seconds / 3600)}h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}mo"
    return f"{days / 365:.1f}y"
