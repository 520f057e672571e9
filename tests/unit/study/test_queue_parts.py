"""Pieces of the queue builder: spreading new sides, and finding new sides via a stored frontier."""

from __future__ import annotations

import random
from datetime import UTC, timedelta

from study_helpers import make_pack

from prepdeck.store import ItemKey, Store
from prepdeck.store.cards import LEARNING, CardState
from prepdeck.study.queue import QueueEntry, TodayQueue, spread
from prepdeck.study.service import StudyService


def test_new_sides_are_spread_evenly_among_reviews() -> None:
    reviews, new = list("RRRRRR"), list("nn")
    assert "".join(spread(reviews, new)) == "RRRnRRnR"  # one new side every (6 + 1) / (2 + 1) reviews
    assert spread([], new) == new and spread(reviews, []) == reviews


def _service(store: Store, clock, pack) -> StudyService:
    return StudyService(store, [pack], clock=clock, rng=random.Random(3), zone=UTC)


def _study_new(service: StudyService, count: int) -> list[ItemKey]:
    keys = []
    for _ in range(count):
        card = service.next_card()
        service.grade(card, 4)
        keys.append(card.key)
    return keys


def _first_new(service: StudyService) -> str:
    return next(e.item.key.item_id for e in service._queue("card").entries() if e.bucket == "new")


def test_the_started_prefix_is_remembered_for_the_next_start(store, clock) -> None:
    pack = make_pack("alpha", 12)
    _study_new(_service(store, clock, pack), 5)
    clock.advance(days=1)
    again = _service(store, clock, pack)
    assert _first_new(again) == "alpha-card-005"
    assert store.get_setting("queue.frontier.alpha.card")["position"] == 5
    looked_up = []
    original = store.side_status
    store.side_status = lambda pack_id, ids, now: looked_up.extend(ids) or original(pack_id, ids, now)
    third = _service(store, clock, pack)
    assert _first_new(third) == "alpha-card-005"
    assert "alpha-card-000" not in looked_up  # the started prefix was not read again


def test_a_side_made_new_by_another_process_reappears(store, clock, prepdeck_home) -> None:
    pack = make_pack("alpha", 8)
    service = _service(store, clock, pack)
    first = _study_new(service, 3)[0]
    clock.advance(days=1)
    assert _first_new(service) == "alpha-card-003"
    with Store.open() as other:  # a second prepdeck resets the pack
        other.reset_pack("alpha")
    service.update_settings(new_per_day=20)  # any rebuild notices the change
    assert _first_new(service) == first.item_id


def test_an_edited_pack_is_scanned_again(store, clock) -> None:
    pack = make_pack("alpha", 6)
    _study_new(_service(store, clock, pack), 4)
    clock.advance(days=1)
    edited = make_pack("alpha", 6)
    edited.cards.insert(0, edited.cards[0].model_copy(update={"id": "inserted-first"}))
    assert _first_new(_service(store, clock, edited)) == "inserted-first"


def test_unsuspending_a_new_side_behind_the_frontier_brings_it_back(store, clock) -> None:
    pack = make_pack("alpha", 6)
    service = _service(store, clock, pack)
    card = service.next_card()
    service.suspend(card)
    _study_new(service, 2)
    clock.advance(days=1)
    later = _service(store, clock, pack)
    assert _first_new(later) == "alpha-card-003"
    later.unsuspend(card.key)
    assert _first_new(later) == "alpha-card-000"


def test_undoing_a_first_review_keeps_the_frontier_cut_back_to_that_side(store, clock) -> None:
    pack = make_pack("alpha", 10)
    service = _service(store, clock, pack)
    _study_new(service, 4)
    service.update_settings(new_per_day=20)
    assert _first_new(service) == "alpha-card-004"
    assert store.get_setting("queue.frontier.alpha.card")["position"] == 4
    service.undo()  # alpha-card-003 is new again
    setting = store.get_setting("queue.frontier.alpha.card")
    assert (setting["position"], setting["generation"]) == (3, store.new_generation())
    assert service.next_card().key.item_id == "alpha-card-003"


def test_leading_known_finds_the_first_unknown_token() -> None:
    from prepdeck.study.newsides import leading_known

    rng = random.Random(4)
    for _ in range(3000):
        tokens = [f"side-{n}" for n in range(rng.randrange(0, 40))]
        known = {token for token in tokens if rng.random() < 0.85}
        start = rng.randrange(0, len(tokens) + 1)
        expected = start
        while expected < len(tokens) and tokens[expected] in known:
            expected += 1
        assert leading_known(tokens, known, start) == expected


def test_a_learning_side_without_a_due_time_is_offered_at_once(store, clock) -> None:
    # CardState.due is optional (a new side has none); the learning list compares and sorts by it.
    service = _service(store, clock, make_pack("alpha", 3))
    first, second = (entry.item for entry in service._queue("card").entries()[:2])
    undated = QueueEntry(first, CardState(first.key, state=LEARNING), "learning")
    later = CardState(second.key, state=LEARNING, due=clock() + timedelta(minutes=5))
    queue = TodayQueue(service.today())
    queue.add_learning(QueueEntry(second, later, "learning"))
    queue.add_learning(undated)
    assert queue.learning[0] is undated
    assert queue.next(clock()) is undated
