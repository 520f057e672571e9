"""Today's queue through StudyService: limits, order, siblings, suspend, bury, day boundary."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone

from study_helpers import START, cloze_card, make_pack, question, reversed_card

from prepdeck.store import ItemKey
from prepdeck.study.queue import DueCounts, study_day
from prepdeck.study.service import QUESTION, StudyService


def _study(service: StudyService, rating: int = 3, limit: int = 1000, clock=None) -> list:
    """Grade what comes; with a clock, wait for learning steps as a learner at the screen would."""
    shown = []
    while len(shown) < limit:
        card = service.next_card()
        if card is None and clock is not None and service.next_due_at() is not None:
            clock.now = max(clock.now, service.next_due_at())
            card = service.next_card()
        if card is None:
            break
        shown.append(card)
        service.grade(card, rating)
    return shown


def test_counts_before_any_study_are_the_new_limit_shared_across_packs(make_service) -> None:
    service = make_service(make_pack("alpha", 30), make_pack("beta", 4))
    assert service.today_counts() == {"alpha": DueCounts(0, 0, 16), "beta": DueCounts(0, 0, 4)}


def test_new_sides_stop_at_the_daily_limit_even_after_a_restart(make_service, store, clock) -> None:
    pack = make_pack("alpha", 30)
    service = make_service(pack)
    for _ in range(5):
        service.grade(service.next_card(), 4)  # Easy: straight to review, due in days
    again = StudyService(store, [pack], clock=clock, rng=random.Random(1), zone=UTC)
    assert again.today_counts()["alpha"] == DueCounts(0, 0, 15)
    again.update_settings(new_per_day=8)
    assert again.today_counts()["alpha"].new == 3


def test_packs_and_sections_are_interleaved(make_service) -> None:
    alpha = make_pack("alpha", 6, sections=("s1", "s2"))
    beta = make_pack("beta", 3)
    service = make_service(alpha, beta)
    order = []
    for _ in range(6):
        card = service.next_card()
        order.append((card.key.pack_id, card.item.section))
        service.bury(card)
    assert order[:4] == [("alpha", "s1"), ("beta", "s1"), ("alpha", "s2"), ("beta", "s1")]


def test_learning_sides_come_first_once_due(make_service, clock) -> None:
    service = make_service(make_pack("alpha", 10))
    first = service.next_card()
    service.grade(first, 1)  # Again: back in one minute
    second = service.next_card()
    assert second.key != first.key and second.bucket == "new"
    clock.advance(minutes=2)
    third = service.next_card()
    assert third.key == first.key and third.bucket == "learning"


def test_when_only_learning_sides_remain_the_queue_waits_for_their_step(make_service, clock) -> None:
    service = make_service(make_pack("alpha", 1))
    card = service.next_card()
    service.grade(card, 1)  # Again: back after its step, not at once
    due = service.next_due_at()
    assert due is not None and due > clock.now
    assert service.next_card() is None
    clock.now = due
    assert service.next_card().key == card.key
    service.grade(service.next_card(), 3)  # Good: the next step
    assert service.next_card() is None
    clock.now = service.next_due_at()
    service.grade(service.next_card(), 3)  # graduates to review, due in days
    assert service.next_card() is None
    assert service.next_due_at() is None


def test_reviews_due_today_are_capped_by_the_review_limit(make_service, clock) -> None:
    service = make_service(make_pack("alpha", 12))
    service.update_settings(new_per_day=12, reviews_per_day=5)
    for card in _study(service, rating=4):
        assert card.bucket == "new"
    clock.advance(days=60)
    counts = service.today_counts()["alpha"]
    assert counts.review == 5 and counts.new == 0


def test_siblings_of_an_item_are_buried_for_the_day(make_service, clock) -> None:
    service = make_service(make_pack("alpha", 0, more_cards=[reversed_card("rev"), cloze_card("clz")]))
    shown = _study(service, clock=clock)
    sides = {(card.key.item_id, card.variant) for card in shown}
    assert {item for item, _ in sides} == {"rev", "clz"}
    assert sides == {("rev", "forward"), ("clz", "c1")}  # one side of each item today
    clock.advance(days=1)
    tomorrow = {(card.key.item_id, card.variant) for card in _study(service) if card.bucket == "new"}
    assert tomorrow == {("rev", "reverse"), ("clz", "c2")}


def test_suspended_sides_leave_the_queue_until_unsuspended(make_service) -> None:
    service = make_service(make_pack("alpha", 3))
    card = service.next_card()
    service.suspend(card)
    assert service.today_counts()["alpha"].new == 2
    assert card.key not in {c.key for c in _study(service, limit=10)}
    service.unsuspend(card.key)
    assert service.next_card().key == card.key


def test_a_buried_side_returns_the_next_study_day(make_service, clock) -> None:
    service = make_service(make_pack("alpha", 2))
    card = service.next_card()
    service.bury(card)
    assert service.today_counts()["alpha"].new == 1
    clock.now = service.today().end
    assert service.today_counts()["alpha"].new == 2


def test_the_day_boundary_hour_is_a_setting(make_service, clock) -> None:
    clock.now = datetime(2026, 3, 2, 3, 30, tzinfo=UTC)
    service = make_service(make_pack("alpha", 1))
    assert service.today().start == datetime(2026, 3, 1, 4, 0, tzinfo=UTC)
    service.update_settings(day_start_hour=2)
    assert service.today().start == datetime(2026, 3, 2, 2, 0, tzinfo=UTC)


def test_the_study_day_follows_the_local_zone() -> None:
    zone = timezone(timedelta(hours=-5))
    day = study_day(datetime(2026, 3, 2, 8, 0, tzinfo=UTC), zone, 4)  # 03:00 local
    assert day.start == datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    assert day.end - day.start == timedelta(days=1)


def test_leech_is_flagged_suspended_and_announced(make_service, clock) -> None:
    service = make_service(make_pack("alpha", 1))
    service.update_settings(fuzz=False)
    notices = []
    for _ in range(40):
        card = service.next_card()
        if card is None:
            clock.now = max(clock.now, service.store.get_state(ItemKey("alpha", "alpha-card-000")).due)
            continue
        rating = 1 if card.state.state == 2 else 3
        result = service.grade(card, rating)
        if result.notice:
            notices.append(result.notice)
            break
    state = service.store.get_state(ItemKey("alpha", "alpha-card-000"))
    assert state.lapses == 8 and state.leech and state.suspended
    assert notices and "leech" in notices[0] and notices[0] in service.notices
    assert notices[0].startswith("'") and "alpha-card-000" not in notices[0]  # its front, not its id
    assert service.stats().leeches == [("alpha", "alpha-card-000", "main")]


def test_undo_restores_the_side_and_shows_it_again(make_service, store) -> None:
    service = make_service(make_pack("alpha", 3))
    card = service.next_card()
    service.grade(card, 3)
    assert store.review_count() == 1
    back = service.undo()
    assert back.key == card.key and back.bucket == "new"
    assert store.review_count() == 0 and store.get_state(card.key).is_new
    assert service.next_card().key == card.key
    assert service.today_counts()["alpha"] == DueCounts(0, 0, 3)
    assert service.undo() is None


def test_reset_pack_makes_every_side_new_again(make_service, store) -> None:
    service = make_service(make_pack("alpha", 3), make_pack("beta", 2))
    _study(service, rating=4)
    assert service.reset_pack("alpha") == 3
    assert all(s.key.pack_id == "beta" for s in store.iter_states())
    assert store.review_count() == 5  # history kept


def test_replaces_carries_progress_and_removed_items_keep_their_history(make_service, store, clock) -> None:
    service = make_service(make_pack("alpha", 2))
    _study(service, rating=4)
    renamed = make_pack("alpha", 1)  # alpha-card-001 is gone from the pack
    renamed.cards.append(
        renamed.cards[0].model_copy(update={"id": "renamed", "replaces": ["alpha-card-000"]})
    )
    del renamed.cards[0]
    fresh = StudyService(store, [renamed], clock=clock, rng=random.Random(2), zone=UTC)
    assert fresh.store.get_state(ItemKey("alpha", "renamed")).reps == 1
    assert fresh.today_counts()["alpha"] == DueCounts(0, 0, 0)
    assert not store.get_state(ItemKey("alpha", "alpha-card-001")).is_new  # orphaned, not deleted
    assert fresh.stats().counts == {"new": 0, "learning": 0, "review": 1, "relearning": 0, "suspended": 0}


def test_questions_have_their_own_queue_and_grading(make_service) -> None:
    service = make_service(make_pack("alpha", 25, questions=[question()]))
    assert service.today_counts(QUESTION)["alpha"] == DueCounts(0, 0, 1)
    card = service.next_card(kind=QUESTION)
    grade = service.grade_answer(card, "Multiple stages; copy --from the builder so the image is smaller.")
    assert grade.covered == ["several-from", "copy-from", "smaller"]
    assert grade.suggested_rating == 4
    service.grade(card, grade.suggested_rating)
    assert service.next_card(kind=QUESTION) is None  # Easy: reviewed again in days
    assert service.today_counts()["alpha"].new == 20  # the card limit is separate


def test_grade_commits_exactly_the_previewed_interval(make_service, store, clock) -> None:
    service = make_service(make_pack("alpha", 1))
    card = service.next_card()
    service.grade(card, 4)
    clock.now = store.get_state(card.key).due + timedelta(days=9)
    card = service.next_card()
    labels = service.preview(card)
    outcomes = service.preview_outcomes(card)
    clock.advance(seconds=20)
    result = service.grade(card, 3)
    assert result.outcome == outcomes[3]
    stored = store.get_state(card.key)
    assert stored.due == outcomes[3].after.due
    assert labels[3].endswith(("d", "mo"))
    assert store.reviews()[-1].duration_ms == 20_000


def test_cram_chooses_by_tag_section_and_weakness_without_touching_the_schedule(
    make_service, store, clock
) -> None:
    service = make_service(make_pack("alpha", 9, sections=("s1", "s2", "s3")))
    _study(service, rating=4)
    before = list(store.iter_states())
    log = store.review_count()
    by_tag = service.cram(tag="tag1")
    assert {c.key.item_id for c in by_tag} == {"alpha-card-001", "alpha-card-004", "alpha-card-007"}
    assert {c.item.section for c in service.cram(section="s2")} == {"s2"}
    clock.advance(days=30)
    weakest = service.cram(weakest=True, limit=3)
    assert len(weakest) == 3 and all(c.bucket == "cram" for c in weakest)
    chances = [service.scheduler.retrievability(c.state, clock.now) for c in service.cram(weakest=True)]
    assert chances == sorted(chances)
    assert list(store.iter_states()) == before and store.review_count() == log


def test_again_today_lists_the_sides_failed_today(make_service) -> None:
    service = make_service(make_pack("alpha", 4))
    failed = []
    for index in range(4):
        card = service.next_card()
        service.grade(card, 1 if index % 2 else 3)
        if index % 2:
            failed.append(card.key)
    assert {c.key for c in service.cram(again_today=True)} == set(failed)


def test_sections_read_drafts_and_drill_attempts(make_service, store) -> None:
    service = make_service(make_pack("alpha", 1))
    service.mark_section_read("alpha", "s1")
    assert service.sections_read("alpha") == {"s1"}
    service.mark_section_read("alpha", "s1", read=False)
    assert service.sections_read("alpha") == set()
    assert service.load_draft("alpha", "drill") is None
    service.save_draft("alpha", "drill", "FROM alpine:3.20")
    assert service.load_draft("alpha", "drill") == "FROM alpine:3.20"
    assert not service.drill_passed("alpha", "drill")
    service.record_drill_attempt("alpha", "drill", True, "FROM alpine:3.20", {"met": ["pinned"]})
    assert service.drill_passed("alpha", "drill")
    assert store.drill_attempts()[0].finished_at == START


def test_settings_persist_and_an_unusable_stored_value_falls_back_with_a_notice(make_service, store) -> None:
    make_service(make_pack("alpha", 1)).update_settings(new_per_day=3, learning_steps_minutes=(2.0,))
    store.set_setting("study.reviews_per_day", "lots")
    service = make_service(make_pack("alpha", 1))
    assert service.settings.new_per_day == 3 and service.settings.learning_steps_minutes == (2.0,)
    assert service.settings.reviews_per_day == 200
    assert any("study.reviews_per_day" in notice for notice in service.notices)


def test_a_side_undone_behind_the_new_side_cursor_is_found_again(make_service, store) -> None:
    service = make_service(make_pack("alpha", 6))
    graded = []
    for _ in range(3):
        card = service.next_card()
        service.grade(card, 4)
        graded.append(card.key)
    service.update_settings(
        new_per_day=20
    )  # rebuilds the queue: the scan now starts after three started sides
    assert service.today_counts()["alpha"].new == 3
    service.undo()
    service.update_settings(new_per_day=20)
    assert service.today_counts()["alpha"].new == 4
    assert graded[-1] in {entry.item.key for entry in service._queue("card").entries()}


def test_a_side_shown_again_later_gets_a_fresh_preview(make_service, store, clock) -> None:
    service = make_service(make_pack("alpha", 1))
    first_showing = service.next_card()
    early = service.preview_outcomes(first_showing)
    clock.advance(hours=2)
    second_showing = service.next_card()
    assert second_showing.key == first_showing.key
    service.grade(second_showing, 3)
    assert store.get_state(second_showing.key).last_review == clock.now
    assert store.get_state(second_showing.key).due == early[3].after.due + timedelta(hours=2)


def test_a_second_process_on_the_same_folder_sees_grades_made_in_the_first(store, clock) -> None:
    """Two browser tabs (or terminals) run two services over one database: counts agree after a review."""
    from prepdeck.store import Store

    pack = make_pack("alpha", 30)
    here = StudyService(store, [pack], clock=clock, rng=random.Random(1), zone=UTC)
    with Store.open(store.path) as other_store:
        there = StudyService(other_store, [pack], clock=clock, rng=random.Random(2), zone=UTC)
        assert there.today_counts() == here.today_counts()
        here.grade(here.next_card(), 3)
        assert there.today_counts() == here.today_counts()
        assert there.today_counts()["alpha"].learning == 1
