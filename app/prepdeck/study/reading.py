"""New sides follow reading: a learner meets the cards of what they have read first.

Today's new sides come first from the sections the learner has marked read, in the pack's reading
order (section by section, each section's sides in pack order); the sides of unread sections (and
of cards that name no section) follow in pack order, so they are reached only when nothing read is
left within the day's new limit. Practising a section (Theory's `c`) reaches its cards at any time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime

from prepdeck.store.store import Store
from prepdeck.study.items import ItemIndex, StudyItem

NewSides = Callable[[str, str], Iterator[StudyItem]]


def section_beside(section_ids: Sequence[str], current: str | None, offset: int) -> str | None:
    """The section `offset` places from `current` in the pack's order, held to the first and the
    last (from a section not in the list, counted from the first); None when there is none."""
    if not section_ids:
        return None
    index = section_ids.index(current) if current in section_ids else 0
    return section_ids[max(0, min(len(section_ids) - 1, index + offset))]


def reading_first(
    index: ItemIndex,
    store: Store,
    sections_read: Callable[[str], set[str]],
    new_sides: NewSides,
    now: datetime,
) -> NewSides:
    """Wrap a pack-order new-side source (`NewSideFinder.new_sides`) so read sections lead."""

    def ordered(pack_id: str, kind: str) -> Iterator[StudyItem]:
        read = sections_read(pack_id)
        if read:
            yield from _new_in_read_sections(index, store, pack_id, kind, read, now)
        for item in new_sides(pack_id, kind):
            if item.section not in read:
                yield item

    return ordered


def _new_in_read_sections(
    index: ItemIndex, store: Store, pack_id: str, kind: str, read: set[str], now: datetime
) -> list[StudyItem]:
    pack = index.packs[pack_id]
    rank = {section.id: number for number, section in enumerate(pack.sections) if section.id in read}
    sides = [item for item in index.sequence[(pack_id, kind)][0] if item.section in rank]
    if not sides:
        return []
    # Started, suspended and buried sides are listed; every side not listed is new.
    not_new = store.side_status(pack_id, [item.key.item_id for item in sides], now)
    fresh = [item for item in sides if (item.key.item_id, item.key.variant) not in not_new]
    fresh.sort(key=lambda item: (rank[item.section], item.position))
    return fresh
