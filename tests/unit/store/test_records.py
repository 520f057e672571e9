"""Card state, the review log, drafts, attempts, mock sessions, section marks and settings as stored."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from prepdeck.store import CardState, ItemKey, Store

AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
KEY = ItemKey("docker", "pid-one", "main")


@pytest.fixture
def store():
    with Store.open() as opened:
        yield opened


def _reviewed(before: CardState, minutes: int = 10) -> CardState:
    return before.with_changes(
        state=1,
        step=1,
        stability=2.3,
        difficulty=4.1,
        due=AT + timedelta(minutes=minutes),
        last_review=AT,
        first_review=AT,
        reps=before.reps + 1,
    )


def test_a_review_stores_the_state_and_one_log_row_with_both_states(store: Store) -> None:
    before = store.get_state(KEY)
    assert before == CardState(KEY)
    after = _reviewed(before)
    log_id = store.record_review(before, after, 3, AT, 5300)
    assert store.get_state(KEY) == after
    [row] = store.reviews()
    assert (row.id, row.rating, row.reviewed_at, row.duration_ms) == (log_id, 3, AT, 5300)
    assert row.before == before and row.after == after


def test_undo_restores_the_state_and_removes_the_log_row(store: Store) -> None:
    first = _reviewed(store.get_state(KEY))
    store.record_review(CardState(KEY), first, 3, AT, 1)
    second = first.with_changes(state=2, step=None, reps=2, due=AT + timedelta(days=3))
    log_id = store.record_review(first, second, 3, AT + timedelta(minutes=10), 1)
    undone = store.undo_review(log_id)
    assert undone is not None and undone.after == second
    assert store.get_state(KEY) == first
    assert [r.after for r in store.reviews()] == [first]


def test_undo_refuses_when_the_side_changed_since(store: Store) -> None:
    after = _reviewed(CardState(KEY))
    log_id = store.record_review(CardState(KEY), after, 3, AT, 1)
    store.put_states([after.with_changes(suspended=True)])
    assert store.undo_review(log_id) is None
    assert store.get_state(KEY).suspended is True
    assert store.review_count() == 1


def test_reset_forgets_the_schedule_of_one_pack_and_keeps_the_history(store: Store) -> None:
    other = ItemKey("kubernetes", "pods")
    for key in (KEY, other):
        store.record_review(CardState(key), _reviewed(CardState(key)), 3, AT, 1)
    assert store.reset_pack("docker") == 1
    assert store.get_state(KEY).is_new
    assert not store.get_state(other).is_new
    assert store.review_count() == 2


def test_renaming_carries_state_and_history_but_never_overwrites(store: Store) -> None:
    store.record_review(CardState(KEY), _reviewed(CardState(KEY)), 3, AT, 1)
    assert store.rename_item("docker", "pid-one", "pid-1") is True
    assert store.get_state(KEY).is_new
    assert store.get_state(ItemKey("docker", "pid-1")).reps == 1
    assert [r.key.item_id for r in store.reviews()] == ["pid-1"]
    assert store.rename_item("docker", "pid-one", "pid-1") is False  # nothing left to carry


def test_due_queries_leave_out_new_suspended_and_later_sides(store: Store) -> None:
    learning = _reviewed(CardState(KEY))
    suspended = _reviewed(CardState(ItemKey("docker", "other"))).with_changes(suspended=True)
    later = _reviewed(CardState(ItemKey("docker", "later")), minutes=60 * 24 * 3)
    reviews = [
        _reviewed(CardState(ItemKey("docker", f"review-{n}")), minutes=n).with_changes(state=2, step=None)
        for n in range(5, 0, -1)
    ]
    store.put_states(
        [learning, suspended, later, CardState(ItemKey("docker", "fresh"), buried_until=AT), *reviews]
    )
    until = AT + timedelta(hours=1)
    assert [s.key.item_id for s in store.due_learning(until)] == ["pid-one"]
    assert [s.key.item_id for s in store.iter_due_reviews(until, page=2)] == [
        f"review-{n}" for n in range(1, 6)
    ]


def test_side_status_tells_started_and_buried_from_new(store: Store) -> None:
    store.put_states(
        [
            _reviewed(CardState(KEY)),
            CardState(ItemKey("docker", "held"), suspended=True),
            CardState(ItemKey("docker", "later", "c1"), buried_until=AT + timedelta(hours=2)),
            CardState(ItemKey("docker", "stale"), buried_until=AT - timedelta(hours=2)),
        ]
    )
    status = store.side_status("docker", ["pid-one", "held", "later", "stale", "unknown"], AT)
    assert status == {("pid-one", "main"): 1, ("held", "main"): 1, ("later", "c1"): 2}


def test_changes_that_can_make_a_side_new_again_bump_the_generation(store: Store) -> None:
    generation = store.new_generation()
    log_id = store.record_review(CardState(KEY), _reviewed(CardState(KEY)), 3, AT, 1)
    store.put_states([CardState(ItemKey("docker", "b"), buried_until=AT)])  # bury: not new-able
    assert store.new_generation() == generation
    store.undo_review(log_id)
    assert store.new_generation() == generation + 1
    store.reset_pack("docker")
    store.put_states([CardState(ItemKey("docker", "c"))])  # e.g. unsuspended
    assert store.new_generation() == generation + 3


def test_settings_are_json_values(store: Store) -> None:
    assert store.get_setting("study.new_per_day", 20) == 20
    store.set_setting("study.new_per_day", 5)
    store.set_setting("study.learning_steps_minutes", [1, 10])
    assert store.get_setting("study.new_per_day") == 5
    assert store.all_settings() == {"study.new_per_day": 5, "study.learning_steps_minutes": [1, 10]}


def test_drafts_are_saved_replaced_and_deleted(store: Store) -> None:
    assert store.load_draft("docker", "slim-image") is None
    store.save_draft("docker", "slim-image", "FROM python", AT)
    store.save_draft("docker", "slim-image", "FROM python:3.12-slim", AT + timedelta(seconds=5))
    draft = store.load_draft("docker", "slim-image")
    assert (draft.text, draft.saved_at) == ("FROM python:3.12-slim", AT + timedelta(seconds=5))
    store.delete_draft("docker", "slim-image")
    assert store.load_draft("docker", "slim-image") is None


def test_drill_attempts_are_appended_in_time_order(store: Store) -> None:
    store.record_drill_attempt("docker", "slim-image", False, "FROM python", AT, {"unmet": ["pinned"]})
    store.record_drill_attempt(
        "docker", "slim-image", True, "FROM python:3.12-slim", AT + timedelta(minutes=3)
    )
    store.record_drill_attempt("docker", "other", True, "FROM scratch", AT)
    attempts = store.drill_attempts("docker", "slim-image")
    assert [(a.passed, a.result) for a in attempts] == [(False, {"unmet": ["pinned"]}), (True, {})]
    assert len(store.drill_attempts()) == 3


def test_mock_sessions_keep_config_state_and_report_as_json(store: Store) -> None:
    first = store.create_mock_session(AT, {"packs": ["docker"], "questions": 3}, {"index": 0})
    second = store.create_mock_session(AT + timedelta(hours=1), {"questions": 5})
    store.update_mock_session(first, state={"index": 2, "answers": ["a", "b"]})
    store.update_mock_session(first, report={"score": 0.7}, finished_at=AT + timedelta(minutes=30))
    session = store.get_mock_session(first)
    assert session.config == {"packs": ["docker"], "questions": 3}
    assert session.state == {"index": 2, "answers": ["a", "b"]}
    assert session.report == {"score": 0.7}
    assert session.finished_at == AT + timedelta(minutes=30)
    assert [s.id for s in store.mock_sessions()] == [second, first]  # newest first
    assert store.get_mock_session(second).finished_at is None
    assert store.get_mock_session(999) is None


def test_sections_are_marked_and_unmarked_as_read(store: Store) -> None:
    store.mark_section_read("docker", "layers", AT)
    store.mark_section_read("docker", "pid1", AT)
    store.mark_section_read("docker", "pid1", AT, read=False)
    assert store.sections_read("docker") == {("docker", "layers"): AT}
