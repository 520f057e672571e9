"""Learner statistics for the Stats screen and `prepdeck stats --format json`.

- reviews and time spent per study day (the day boundary is the `day_start_hour` setting);
- true retention: the share of reviews of sides in the review state that were not rated Again,
  split into young (scheduled interval under 21 days) and mature (21 days or more); answers in the
  learning steps (new, learning, relearning sides) are counted apart, so day one shows what exists,
  with when the first review of a learned side is due;
- the due forecast for the next 30 days (overdue sides count on day 0);
- mastery per section and per tag: the mean chance of recall now (never-seen sides count 0);
- the streak of consecutive study days, ending today or yesterday;
- leeches (sides flagged after 8 lapses);
- interview answers per section and drills (study/practice_stats.py).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from prepdeck.store.cards import NEW, REVIEW, STATE_NAMES
from prepdeck.store.store import Store
from prepdeck.store.timeconv import at_us
from prepdeck.study.items import ItemIndex
from prepdeck.study.practice_stats import PracticeStats, practice_stats
from prepdeck.study.queue import study_day
from prepdeck.study.scheduler import StudyScheduler

MATURE_DAYS = 21
FORECAST_DAYS = 30


@dataclass(frozen=True)
class Retention:
    reviews: int = 0
    passed: int = 0

    @property
    def rate(self) -> float | None:
        return self.passed / self.reviews if self.reviews else None

    def to_json(self) -> dict[str, int | float | None]:
        return {"reviews": self.reviews, "passed": self.passed, "rate": self.rate}


@dataclass(frozen=True)
class Stats:
    today: date
    reviews_per_day: dict[date, int]
    time_per_day_ms: dict[date, int]
    young: Retention
    mature: Retention
    forecast: list[int]  # index 0 is today
    mastery_by_section: dict[tuple[str, str], float]  # (pack id, section id) -> 0..1
    mastery_by_tag: dict[str, float]
    streak_days: int
    total_reviews: int
    time_spent_ms: int
    leeches: list[tuple[str, str, str]]  # (pack id, item id, variant)
    counts: dict[str, int] = field(default_factory=dict)  # sides by state over the loaded packs
    learning: Retention = Retention()  # answers in the learning steps, not rated Again
    first_review_due: datetime | None = None  # the first side in the review state comes due then
    practice: PracticeStats = field(default_factory=PracticeStats)  # interview answers and drills

    @property
    def reviews_today(self) -> int:
        return self.reviews_per_day.get(self.today, 0)

    def to_json(self) -> dict[str, object]:
        return {
            "today": self.today.isoformat(),
            "reviews_per_day": {day.isoformat(): n for day, n in sorted(self.reviews_per_day.items())},
            "time_per_day_ms": {day.isoformat(): n for day, n in sorted(self.time_per_day_ms.items())},
            "reviews_today": self.reviews_today,
            "retention": {
                "young": self.young.to_json(),
                "mature": self.mature.to_json(),
                "learning": self.learning.to_json(),
            },
            "first_review_due": self.first_review_due.isoformat() if self.first_review_due else None,
            "forecast": self.forecast,
            "mastery": {
                "sections": [
                    {"pack": pack, "section": section, "mastery": round(value, 4)}
                    for (pack, section), value in sorted(self.mastery_by_section.items())
                ],
                "tags": {tag: round(value, 4) for tag, value in sorted(self.mastery_by_tag.items())},
            },
            "streak_days": self.streak_days,
            "total_reviews": self.total_reviews,
            "time_spent_ms": self.time_spent_ms,
            "leeches": [{"pack": p, "item": i, "variant": v} for p, i, v in self.leeches],
            "counts": self.counts,
            "practice": self.practice.to_json(),
        }


def _local_day(moment: datetime, zone: tzinfo, day_start_hour: int) -> date:
    return (moment.astimezone(zone) - timedelta(hours=day_start_hour)).date()


def compute_stats(
    store: Store,
    index: ItemIndex,
    scheduler: StudyScheduler,
    now: datetime,
    zone: tzinfo,
    day_start_hour: int,
) -> Stats:
    today = _local_day(now, zone, day_start_hour)
    per_day: Counter[date] = Counter()
    time_per_day: Counter[date] = Counter()
    young = [0, 0]
    mature = [0, 0]
    learning = [0, 0]
    mature_us = MATURE_DAYS * 86_400_000_000
    for reviewed_us, duration_ms, rating, state_before, due_us, last_us in store.review_facts():
        day = _local_day(at_us(reviewed_us), zone, day_start_hour)
        per_day[day] += 1
        time_per_day[day] += duration_ms or 0
        if state_before == REVIEW and due_us and last_us:
            bucket = mature if due_us - last_us >= mature_us else young
            bucket[0] += 1
            bucket[1] += rating > 1
        elif state_before != REVIEW:
            learning[0] += 1
            learning[1] += rating > 1

    forecast = [0] * FORECAST_DAYS
    day_end = study_day(now, zone, day_start_hour).end
    recall: dict[tuple[str, str, str], float] = {}
    leeches = []
    first_review_due: datetime | None = None
    counts: Counter[str] = Counter({name: 0 for name in [*STATE_NAMES.values(), "suspended"]})
    for state in store.iter_states():
        key = (state.key.pack_id, state.key.item_id, state.key.variant)
        if state.leech:
            leeches.append(key)
        if key not in index.items:
            continue  # orphaned progress: kept, not counted
        counts["suspended" if state.suspended else STATE_NAMES[state.state]] += 1
        if state.state != NEW:
            recall[key] = scheduler.retrievability(state, now)
            reviewable = state.state == REVIEW and not state.suspended
            if reviewable and (first_review_due is None or state.due_at < first_review_due):
                first_review_due = state.due_at
            if not state.suspended:
                due = state.due_at  # never scheduled: due at once, counted today
                offset = 0 if due < day_end else (due - day_end).days + 1
                if offset < FORECAST_DAYS:
                    forecast[offset] += 1
    counts["new"] += len(index.items) - sum(counts.values())

    by_section: dict[tuple[str, str], list[float]] = defaultdict(list)
    by_tag: dict[str, list[float]] = defaultdict(list)
    for key, item in index.items.items():
        value = recall.get(key, 0.0)
        if item.section:
            by_section[(key[0], item.section)].append(value)
        for tag in item.tags:
            by_tag[tag].append(value)

    return Stats(
        today=today,
        reviews_per_day=dict(per_day),
        time_per_day_ms=dict(time_per_day),
        young=Retention(*young),
        mature=Retention(*mature),
        forecast=forecast,
        mastery_by_section={k: sum(v) / len(v) for k, v in by_section.items()},
        mastery_by_tag={k: sum(v) / len(v) for k, v in by_tag.items()},
        streak_days=_streak(set(per_day), today),
        total_reviews=sum(per_day.values()),
        time_spent_ms=sum(time_per_day.values()),
        leeches=sorted(leeches),
        counts=dict(counts),
        learning=Retention(*learning),
        first_review_due=first_review_due,
        practice=practice_stats(store, index),
    )


def _streak(days: set[date], today: date) -> int:
    """Consecutive study days ending today, or ending yesterday when today has no review yet."""
    day = today if today in days else today - timedelta(days=1)
    streak = 0
    while day in days:
        streak += 1
        day -= timedelta(days=1)
    return streak
