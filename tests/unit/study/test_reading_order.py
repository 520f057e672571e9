"""New cards follow reading (issue 12, study flow): read sections' new sides come first, in
reading order; unread sections' sides only when nothing read is left."""

from __future__ import annotations

from study_helpers import make_pack

from prepdeck.study.reading import section_beside


def _sections_of_new(service, count: int) -> list[str]:
    shown = []
    for _ in range(count):
        card = service.next_card()
        if card is None:
            break
        shown.append(card.item.section)
        service.bury(card)
    return shown


def test_without_reading_new_sides_come_in_pack_order(make_service) -> None:
    service = make_service(make_pack("alpha", 6, sections=("s1", "s2", "s3")))
    assert _sections_of_new(service, 6) == ["s1", "s2", "s3", "s1", "s2", "s3"]


def test_read_sections_lead_in_reading_order_then_the_unread_ones(make_service) -> None:
    service = make_service(make_pack("alpha", 9, sections=("s1", "s2", "s3")))
    service.mark_section_read("alpha", "s3")
    service.mark_section_read("alpha", "s2")
    # s2 comes before s3 (the pack's reading order, not the order they were marked), s1 last.
    assert _sections_of_new(service, 9) == ["s2"] * 3 + ["s3"] * 3 + ["s1"] * 3


def test_marking_a_section_read_changes_todays_new_sides_at_once(make_service) -> None:
    pack = make_pack("alpha", 40, sections=("s1", "s2"))
    service = make_service(pack)
    before = service.today_counts()["alpha"].new
    service.mark_section_read("alpha", "s2")
    assert service.today_counts()["alpha"].new == before
    assert _sections_of_new(service, 5) == ["s2"] * 5


def test_started_buried_and_suspended_sides_of_a_read_section_are_not_new_again(make_service) -> None:
    service = make_service(make_pack("alpha", 6, sections=("s1", "s2")))
    service.mark_section_read("alpha", "s2")
    first = service.next_card()
    service.grade(first, 4)  # Easy: reviewed in days, not today
    second = service.next_card()
    service.suspend(second)
    third = service.next_card()
    assert third.item.section == "s2"
    assert len({first.key, second.key, third.key}) == 3
    service.bury(third)
    assert service.next_card().item.section == "s1"  # nothing read is left


def test_the_section_beside_is_held_to_the_first_and_the_last() -> None:
    ids = ["intro", "layers", "signals"]
    assert section_beside(ids, "layers", 1) == "signals"
    assert section_beside(ids, "signals", 1) == "signals"  # no wrap past the last
    assert section_beside(ids, "intro", -1) == "intro"
    assert section_beside(ids, "gone", 1) == "layers"  # an unknown section counts from the first
    assert section_beside([], "intro", 1) is None
