"""Random sittings of grade, undo, bury, suspend and waiting, driven through the review session:
after every step the summary equals the stored log, an undo puts back the stored state and the
queue exactly, and the interval shown before a grade is the one committed."""

from __future__ import annotations

import random
import tempfile
from collections import Counter
from datetime import UTC
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from study_helpers import Clock, make_pack, question, reversed_card

from prepdeck.store import Store
from prepdeck.store.cards import ItemKey
from prepdeck.study.quiz import fresh_card
from prepdeck.study.scheduler import format_interval
from prepdeck.study.service import StudyService
from prepdeck.study.session import ReviewSession

STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("grade"), st.integers(1, 4)),
        st.tuples(st.sampled_from(["undo", "bury", "suspend", "undo"]), st.just(0)),
        st.tuples(st.just("wait"), st.sampled_from([1, 11, 90])),
    ),
    max_size=40,
)


def queue_keys(study: StudyService) -> list:
    return [entry.item.key for entry in study._queue("card").entries()]


def check_summary(session: ReviewSession, store: Store) -> None:
    stored = Counter(record.rating for record in store.reviews())
    assert session.ratings() == stored
    assert session.done == sum(stored.values())


@example(steps=[("grade", 1), ("grade", 1), ("undo", 0), ("wait", 1), ("bury", 0), ("undo", 0)], seed=0)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=STEPS, seed=st.integers(0, 2**16))
def test_random_sittings_keep_summary_undo_and_previews_exact(steps, seed) -> None:
    clock = Clock()
    pack = make_pack("alpha", 8, sections=("s1", "s2"), more_cards=[reversed_card("alpha-rev")])
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "p.sqlite3", now=clock) as store:
        study = StudyService(store, [pack], clock=clock, rng=random.Random(seed), zone=UTC)
        study.update_settings(new_per_day=5)
        session = ReviewSession(study)
        undo_points: list[list] = []  # [key, stored state, queue, changed since] per grade in the log
        dropped: set = set()
        card = session.next_card()
        for action, value in steps:
            if action == "wait":
                clock.advance(minutes=value)
                card = session.next_card()
            elif card is None and action != "undo":
                card = session.next_card()
            elif action == "grade":
                before_state = store.get_state(card.key)
                before_queue = queue_keys(study)
                shown = session.preview(card)[value]
                session.grade(card, value)
                committed = store.reviews()[-1]
                assert committed.before == before_state
                assert shown == format_interval(committed.after.due - committed.after.last_review)
                undo_points.append([card.key, before_state, before_queue, False])
                card = session.next_card()
            elif action == "undo":
                shown_again = session.undo()
                if undo_points and undo_points[-1][3]:  # buried or suspended since: the grade stays
                    assert shown_again is None
                elif undo_points:
                    key, state, queue, _ = undo_points.pop()
                    card = shown_again
                    assert card is not None and card.key == key
                    assert store.get_state(key) == state
                    assert queue_keys(study) == [k for k in queue if k not in dropped]
            elif action in ("bury", "suspend"):
                getattr(session, action)(card)
                dropped.add(card.key)
                for point in undo_points:
                    point[3] = point[3] or point[0] == card.key
                card = session.next_card()
            check_summary(session, store)


def test_a_grade_from_outside_the_queue_updates_todays_counts(make_service, clock) -> None:
    """A mock interview commits ratings of questions that were not in today's queue: the counts
    that Home shows must then be those a restart would show."""
    pack = make_pack("alpha", 0, questions=[question(f"q-{n}") for n in range(4)])
    study = make_service(pack)
    study.update_settings(new_per_day=2)
    assert study.today_counts("question")["alpha"].new == 2
    outside = study.index.get(ItemKey("alpha", "q-3"))
    study.grade(fresh_card(study, outside, clock()), 3)
    fresh = StudyService(study.store, [pack], clock=clock, rng=random.Random(1), zone=UTC)
    assert study.today_counts("question") == fresh.today_counts("question")
    assert study.today_counts("question")["alpha"].new == 1
