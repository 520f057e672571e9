"""A simulated month of daily study: due counts and intervals agree with fsrs run alongside."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from fsrs import Card, Rating, Scheduler, State
from study_helpers import make_pack

from prepdeck.store import ItemKey
from prepdeck.study.scheduler import fsrs_card_id, fuzz_range
from prepdeck.study.service import StudyService

DAYS = 30
CARDS = 45


def _rating(rng: random.Random) -> int:
    return rng.choices((1, 2, 3, 4), weights=(12, 10, 68, 10))[0]


def _study_one_day(service: StudyService, clock, rng: random.Random, on_grade) -> int:
    """Answer everything due today, jumping the clock forward over learning steps; returns sides graded."""
    graded = 0
    while True:
        card = service.next_card()
        if card is None:
            upcoming = service.next_due_at()
            if upcoming is None or upcoming >= service.today().end:
                return graded
            clock.now = max(clock.now, upcoming)
            continue
        clock.advance(seconds=20)
        rating = _rating(rng)
        before = service.store.get_state(card.key)
        service.grade(card, rating)
        on_grade(card.key, before, rating, clock.now)
        graded += 1


def test_a_month_without_fuzz_matches_fsrs_review_by_review_and_day_by_day(make_service, clock) -> None:
    service = make_service(make_pack("alpha", CARDS, sections=("s1", "s2")))
    service.update_settings(fuzz=False)
    reference = Scheduler(enable_fuzzing=False)
    cards: dict[ItemKey, Card] = {}
    rng = random.Random(2026)

    def check(key: ItemKey, before, rating: int, now) -> None:
        card = cards.get(key) or Card(card_id=fsrs_card_id(key), due=now)
        expected, _ = reference.review_card(card, Rating(rating), review_datetime=now)
        cards[key] = expected
        stored = service.store.get_state(key)
        assert (stored.state, stored.step, stored.due) == (int(expected.state), expected.step, expected.due)
        assert stored.stability == pytest.approx(expected.stability, rel=1e-12)
        assert stored.difficulty == pytest.approx(expected.difficulty, rel=1e-12)

    total = 0
    for day in range(DAYS):
        clock.now = service.today().start + timedelta(days=1 if day else 0, hours=5)
        end = service.today().end
        counts = service.today_counts()["alpha"]
        due_reviews = sum(1 for c in cards.values() if c.state == State.Review and c.due < end)
        due_learning = sum(1 for c in cards.values() if c.state != State.Review and c.due < end)
        assert (counts.review, counts.learning) == (due_reviews, due_learning)
        assert counts.new == min(20, CARDS - len(cards))
        total += _study_one_day(service, clock, rng, check)
    assert total == service.store.review_count()
    assert len(cards) == CARDS
    # After a month most sides are in review with intervals of days to weeks.
    intervals = [(c.due - c.last_review).days for c in cards.values() if c.state == State.Review]
    assert len(intervals) > CARDS // 2 and max(intervals) >= 7


def test_a_month_with_fuzz_keeps_every_interval_in_fsrs_fuzz_range(make_service, clock) -> None:
    service = make_service(make_pack("alpha", 25))
    reference = Scheduler(enable_fuzzing=False)
    rng = random.Random(7)
    fuzzed = 0

    def check(key: ItemKey, before, rating: int, now) -> None:
        nonlocal fuzzed
        # The loop grades without showing a preview first, so the preview is made at `now`.
        card = service.scheduler.to_fsrs(before, now)
        expected, _ = reference.review_card(card, Rating(rating), review_datetime=now)
        stored = service.store.get_state(key)
        assert stored.stability == pytest.approx(expected.stability, rel=1e-12)
        plain_days = (expected.due - expected.last_review).days
        if expected.state == State.Review and plain_days >= 3:
            low, high = fuzz_range(plain_days, 36500)
            assert low <= (stored.due - stored.last_review).days <= high + 1  # fsrs rounds its draw
            fuzzed += (stored.due - stored.last_review).days != plain_days
        else:
            assert stored.due - stored.last_review == expected.due - expected.last_review

    for day in range(DAYS):
        clock.now = service.today().start + timedelta(days=1 if day else 0, hours=5)
        _study_one_day(service, clock, rng, check)
    assert fuzzed > 0
