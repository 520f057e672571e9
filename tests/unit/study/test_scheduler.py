"""The FSRS scheduler: previews are what gets committed, fuzz stays in fsrs' range, leeches flagged."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Card, Rating, Scheduler, State

from prepdeck.store import REVIEW, CardState, ItemKey
from prepdeck.study.scheduler import (
    LEECH_LAPSES,
    SchedulerSettings,
    StudyScheduler,
    format_interval,
    fsrs_card_id,
    fuzz_range,
)

AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
KEY = ItemKey("docker", "layers", "main")


def _mature(scheduler: StudyScheduler) -> tuple[CardState, datetime]:
    """A side taken through learning into the review state with a few Good ratings."""
    state, now = CardState(KEY), AT
    for _ in range(4):
        state = scheduler.preview(state, now).outcome(3).after
        now = state.due
    assert state.state == REVIEW
    return state, now


def test_without_fuzz_every_outcome_is_exactly_fsrs() -> None:
    ours = StudyScheduler(SchedulerSettings(fuzz=False))
    reference = Scheduler(enable_fuzzing=False)
    state, now = CardState(KEY), AT
    card = Card(card_id=1, due=AT)
    for rating in (3, 3, 1, 2, 3, 4, 3, 1, 3):
        preview = ours.preview(state, now)
        expected, _ = reference.review_card(card, Rating(rating), review_datetime=now)
        after = preview.outcome(rating).after
        assert (after.state, after.step, after.due) == (int(expected.state), expected.step, expected.due)
        assert after.stability == pytest.approx(expected.stability)
        assert after.difficulty == pytest.approx(expected.difficulty)
        state, card, now = after, expected, expected.due


def test_fuzzed_review_intervals_fall_in_fsrs_range_and_vary_with_the_seed() -> None:
    plain = StudyScheduler(SchedulerSettings(fuzz=False))
    state, now = _mature(plain)
    later = now + timedelta(days=40)
    unfuzzed = plain.preview(state, later).outcome(3).interval.days
    low, high = fuzz_range(unfuzzed, 36500)
    seen = set()
    for seed in range(30):
        fuzzed = StudyScheduler(SchedulerSettings(fuzz=True), random.Random(seed)).preview(state, later)
        days = fuzzed.outcome(3).interval.days
        assert low <= days <= high + 1  # fsrs rounds its draw
        seen.add(days)
    assert len(seen) > 1


def test_the_same_seed_gives_the_same_preview() -> None:
    state, now = _mature(StudyScheduler(SchedulerSettings(fuzz=False)))
    first = StudyScheduler(rng=random.Random(5)).preview(state, now + timedelta(days=30))
    second = StudyScheduler(rng=random.Random(5)).preview(state, now + timedelta(days=30))
    assert first.outcomes == second.outcomes


def test_a_preview_is_computed_once_and_its_outcome_does_not_change() -> None:
    scheduler = StudyScheduler(rng=random.Random(1))
    state, now = _mature(StudyScheduler(SchedulerSettings(fuzz=False)))
    preview = scheduler.preview(state, now + timedelta(days=20))
    shown = {rating: preview.outcome(rating).interval for rating in (1, 2, 3, 4)}
    for _ in range(5):
        scheduler.preview(state, now + timedelta(days=20))  # more draws from the RNG
    assert {rating: preview.outcome(rating).interval for rating in (1, 2, 3, 4)} == shown
    assert preview.outcome(3).after.due == preview.at + shown[3]


def test_outcomes_grow_with_the_rating_for_a_review_card() -> None:
    state, now = _mature(StudyScheduler(SchedulerSettings(fuzz=False)))
    preview = StudyScheduler(SchedulerSettings(fuzz=False)).preview(state, now)
    intervals = [preview.outcome(rating).interval for rating in (1, 2, 3, 4)]
    assert intervals == sorted(intervals) and intervals[0] == timedelta(minutes=10)


def test_settings_reach_fsrs() -> None:
    settings = SchedulerSettings(
        desired_retention=0.8, learning_steps_minutes=(5.0,), maximum_interval_days=30, fuzz=False
    )
    scheduler = StudyScheduler(settings)
    first = scheduler.preview(CardState(KEY), AT)
    assert first.outcome(1).interval == timedelta(minutes=5)
    state = first.outcome(3).after
    assert state.state == REVIEW  # one learning step: Good graduates
    for _ in range(6):
        state = scheduler.preview(state, state.due).outcome(4).after
    assert (state.due - state.last_review).days <= 30


def test_an_unknown_rating_is_refused_with_a_message() -> None:
    preview = StudyScheduler().preview(CardState(KEY), AT)
    with pytest.raises(ValueError, match=r"rating must be one of 1 .Again."):
        preview.outcome(5)


def test_eight_lapses_flag_and_suspend_a_leech() -> None:
    scheduler = StudyScheduler(SchedulerSettings(fuzz=False))
    state, now = _mature(scheduler)
    flagged_at = None
    for lapse in range(1, LEECH_LAPSES + 1):
        outcome = scheduler.preview(state, now).outcome(1)
        assert outcome.after.lapses == lapse
        if outcome.becomes_leech:
            flagged_at = lapse
        state = outcome.after
        while state.state != REVIEW:  # relearn back into review
            state = scheduler.preview(state, state.due).outcome(3).after
        now = state.due
    assert flagged_at == LEECH_LAPSES
    assert state.leech and state.suspended


def test_fsrs_ids_are_stable_and_distinct_per_side() -> None:
    assert fsrs_card_id(KEY) == fsrs_card_id(ItemKey("docker", "layers", "main"))
    assert fsrs_card_id(KEY) != fsrs_card_id(ItemKey("docker", "layers", "reverse"))
    card = StudyScheduler().to_fsrs(CardState(KEY), AT)
    assert card.card_id == fsrs_card_id(KEY) and card.state == State.Learning


@pytest.mark.parametrize(
    ("interval", "label"),
    [
        (timedelta(seconds=30), "30s"),
        (timedelta(minutes=10), "10m"),
        (timedelta(hours=5), "5h"),
        (timedelta(days=4), "4d"),
        (timedelta(days=45), "1.5mo"),
        (timedelta(days=400), "1.1y"),
    ],
)
def test_interval_labels(interval: timedelta, label: str) -> None:
    assert format_interval(interval) == label


def test_fuzz_draws_exactly_like_fsrs_given_the_same_random_numbers() -> None:
    """fsrs draws from the global `random`; with the same seed both pick the same day."""
    saved = random.getstate()
    try:
        for seed in range(20):
            for days in (3, 8, 25, 90, 400):
                random.seed(seed)
                theirs = Scheduler()._get_fuzzed_interval(interval=timedelta(days=days))
                ours = StudyScheduler()._fuzzed(timedelta(days=days), random.Random(seed))
                assert ours == theirs
    finally:
        random.setstate(saved)
