"""Statistics from a known history: per day, retention young/mature, forecast, mastery, streak."""

from __future__ import annotations

from datetime import timedelta

import pytest
from study_helpers import START, make_pack

from prepdeck.store import REVIEW, CardState, ItemKey


def _review_state(key: ItemKey, last, interval_days: int) -> CardState:
    return CardState(
        key,
        state=REVIEW,
        stability=float(interval_days),
        difficulty=5.0,
        due=last + timedelta(days=interval_days),
        last_review=last,
        reps=3,
    )


def _log(store, key: ItemKey, before: CardState, rating: int, at, duration_ms: int = 6000) -> CardState:
    after = before.with_changes(last_review=at, due=at + timedelta(days=5), reps=before.reps + 1)
    store.record_review(before, after, rating, at, duration_ms)
    return after


def test_reviews_time_streak_and_retention(make_service, store, clock) -> None:
    service = make_service(make_pack("alpha", 4))
    young_key, mature_key = ItemKey("alpha", "alpha-card-000"), ItemKey("alpha", "alpha-card-001")
    three_days_ago = START - timedelta(days=3)
    young = _review_state(young_key, three_days_ago - timedelta(days=5), 5)
    mature = _review_state(mature_key, three_days_ago - timedelta(days=30), 30)
    _log(store, young_key, young, 3, three_days_ago)  # young pass
    _log(store, mature_key, mature, 1, START - timedelta(days=1))  # mature lapse, yesterday
    _log(store, mature_key, mature, 4, START)  # mature pass, today
    _log(store, young_key, CardState(young_key), 3, START)  # a new side: not counted in retention
    stats = service.stats()
    assert stats.reviews_per_day == {
        (three_days_ago - timedelta(hours=4)).date(): 1,
        (START - timedelta(days=1, hours=4)).date(): 1,
        (START - timedelta(hours=4)).date(): 2,
    }
    assert stats.total_reviews == 4 and stats.time_spent_ms == 24_000
    assert stats.streak_days == 2  # today and yesterday; three days ago is not adjacent
    assert (stats.young.reviews, stats.young.passed) == (1, 1)
    assert (stats.mature.reviews, stats.mature.passed, stats.mature.rate) == (2, 1, 0.5)


def test_streak_counts_back_from_yesterday_when_today_is_empty(make_service, store) -> None:
    service = make_service(make_pack("alpha", 2))
    key = ItemKey("alpha", "alpha-card-000")
    for days_ago in (1, 2, 3):
        _log(store, key, CardState(key), 3, START - timedelta(days=days_ago))
    assert service.stats().streak_days == 3


def test_forecast_counts_due_sides_per_day_with_overdue_today(make_service, store, clock) -> None:
    service = make_service(make_pack("alpha", 6))
    day_end = service.today().end
    keys = [ItemKey("alpha", f"alpha-card-{n:03d}") for n in range(5)]
    store.put_states(
        [
            _review_state(keys[0], START - timedelta(days=10), 3),  # overdue: today
            _review_state(keys[1], START - timedelta(hours=2), 1),  # due later today... or tomorrow morning
            _review_state(keys[2], START, 2),
            _review_state(keys[3], START, 29),
            _review_state(keys[4], START, 40).with_changes(suspended=True),
        ]
    )
    forecast = service.stats().forecast
    assert len(forecast) == 30 and sum(forecast) == 4
    assert forecast[0] == 1 + (START - timedelta(hours=2) + timedelta(days=1) < day_end)
    assert forecast[2] == 1 and forecast[29] == 1


def test_mastery_per_section_and_tag_and_counts(make_service, store) -> None:
    service = make_service(make_pack("alpha", 4, sections=("s1", "s2")))
    strong = _review_state(ItemKey("alpha", "alpha-card-000"), START - timedelta(days=1), 100)
    store.put_states([strong])
    stats = service.stats()
    recall = service.scheduler.retrievability(strong, START)
    assert stats.mastery_by_section[("alpha", "s1")] == pytest.approx(recall / 2)
    assert stats.mastery_by_section[("alpha", "s2")] == 0.0
    assert stats.mastery_by_tag["tag0"] == pytest.approx(recall / 2)  # cards 0 and 3
    assert stats.mastery_by_tag["tag1"] == 0.0
    assert stats.counts == {"new": 3, "learning": 0, "review": 1, "relearning": 0, "suspended": 0}
    data = stats.to_json()
    assert data["mastery"]["sections"][0] == {
        "pack": "alpha",
        "section": "s1",
        "mastery": round(recall / 2, 4),
    }
    assert data["retention"]["mature"]["rate"] is None
