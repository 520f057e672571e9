"""The suspended sides listed for the Suspended screen (study/suspended.py)."""

from __future__ import annotations

from study_helpers import make_pack

from prepdeck.study.suspended import suspended_sides


def test_suspended_sides_are_listed_in_pack_order_and_leave_the_list_once_unsuspended(make_service) -> None:
    service = make_service(make_pack("alpha", 4), make_pack("beta", 2))
    assert suspended_sides(service) == []
    cards = {(card.key.pack_id, card.key.item_id): card for card in service.cram(limit=100)}
    later, earlier, other = (
        cards[("alpha", "alpha-card-003")],
        cards[("alpha", "alpha-card-001")],
        cards[("beta", "beta-card-000")],
    )
    for card in (other, later, earlier):
        service.suspend(card)
    listed = suspended_sides(service)
    assert [card.key.item_id for card in listed] == ["alpha-card-001", "alpha-card-003", "beta-card-000"]
    assert all(card.state.suspended for card in listed)
    service.unsuspend(listed[0])
    assert [card.key.item_id for card in suspended_sides(service)] == ["alpha-card-003", "beta-card-000"]
