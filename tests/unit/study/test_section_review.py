"""A section reviewed on the schedule (study/section_review.py, ReviewSession(scheduled=True))."""

from __future__ import annotations

from datetime import timedelta

from study_helpers import make_pack, reversed_card

from prepdeck.study.counts import DueCounts
from prepdeck.study.session import (
    PRACTICE,
    SECTION_ON_SCHEDULE,
    TODAY,
    ReviewFilters,
    ReviewSession,
)


def test_a_section_review_grades_on_the_schedule_and_brings_an_again_card_back(make_service, store, clock):
    service = make_service(make_pack("alpha", 6, sections=("s1", "s2"), more_cards=[reversed_card("rev")]))
    session = ReviewSession(service, ReviewFilters(pack_id="alpha", section="s1", scheduled=True))
    assert not session.practice
    # s1's three cards in pack order and both sides of the reversed card, the second sides last, so
    # the count offered after reading is the section's card count (issue 12)
    assert [(card.key.item_id, card.key.variant) for card in session.cards] == [
        ("alpha-card-000", "main"),
        ("alpha-card-002", "main"),
        ("alpha-card-004", "main"),
        ("rev", "forward"),
        ("rev", "reverse"),
    ]
    assert session.left == 5 and session.learning == 0
    first = session.next_card()
    session.grade(first, 1)  # Again: back after its 1-minute step
    session.bury(session.next_card())
    shown = []
    while (card := session.next_card()) is not None:
        shown.append(card.key.item_id)
        session.grade(card, 4)
    assert shown == ["alpha-card-004", "rev", "rev"]
    assert session.next_due_at() == store.get_state(first.key).due_at
    assert session.left == 0 and session.learning == 1
    # today's review holds s1's learning card and s2's three new cards; only s2's are "other" cards
    assert session.today_left() == DueCounts(learning=1, review=0, new=3)
    assert session.others_waiting_today() == 3
    clock.advance(minutes=1)
    assert session.elapsed() == timedelta(minutes=1)  # the sitting's time, shown on its summary
    back = session.next_card()
    assert back is not None and back.key == first.key and back.bucket == "learning"
    assert [(r.key.item_id, r.rating) for r in store.reviews()] == [
        ("alpha-card-000", 1),
        ("alpha-card-004", 4),
        ("rev", 4),
        ("rev", 4),
    ]
    assert session.ratings() == {1: 1, 4: 3}


def test_a_section_with_nothing_due_or_new_has_nothing_to_review(make_service):
    service = make_service(make_pack("alpha", 2, sections=("s1",)))
    for card in ReviewSession(service, ReviewFilters(pack_id="alpha", section="s1", scheduled=True)).cards:
        service.grade(card, 4)
    assert (
        ReviewSession(service, ReviewFilters(pack_id="alpha", section="s1", scheduled=True)).next_card()
        is None
    )


def test_a_section_is_on_the_schedule_only_with_its_pack_and_scheduled_else_any_filter_is_practice():
    def kind(**given):
        return ReviewFilters(**given).kind

    assert kind() == TODAY
    assert kind(pack_id="alpha") == TODAY  # a pack alone does not make practice
    assert kind(pack_id="alpha", section="s1", scheduled=True) == SECTION_ON_SCHEDULE
    assert kind(section="s1", scheduled=True) == PRACTICE  # no pack: the section cannot be scheduled
    assert kind(pack_id="alpha", section="s1") == PRACTICE
    assert kind(tag="build") == kind(weakest=True) == kind(again_today=True) == PRACTICE
