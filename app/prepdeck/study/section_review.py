"""Reviewing one section's cards on the schedule, right after reading it (issue 12, study flow).

Unlike practice (`StudyService.cram`), these grades are committed like today's queue: the section's
sides due today and its new sides, none suspended or buried and none of an item answered today
before the review listed it. Every side of the section is listed, both sides of a reversed card
and every gap of a cloze (the first side of each card first, then the second ones...), so the
count offered after reading is the section's card count. A side rated Again comes back in this
review once its step is over, as in today's queue.
"""

from __future__ import annotations

from datetime import datetime

from prepdeck.store.cards import NEW, REVIEW
from prepdeck.study.cram import is_set_aside
from prepdeck.study.items import CARD, StudyItem
from prepdeck.study.service import StudyCard, StudyService


def section_card_sides(study: StudyService, pack_id: str, section_id: str) -> list[StudyItem]:
    """Every card side of the section, in pack order: what its practice goes through, and the
    count the Theory screen shows (a reversed card has two sides, a cloze one per gap)."""
    return [
        item
        for item in study.index.by_pack.get(pack_id, [])
        if item.kind == CARD and item.section == section_id
    ]


def practice_count(study: StudyService, pack_id: str, section_id: str) -> int:
    """The section's card sides its practice shows: all but those suspended or buried for today."""
    now = study.clock()
    return sum(
        not is_set_aside(study.store.get_state(item.key), now)
        for item in section_card_sides(study, pack_id, section_id)
    )


def section_sides(study: StudyService, pack_id: str, section_id: str) -> list[StudyCard]:
    """The section's sides to review now: those due (reviews due today, learning sides whose step
    is over) first, then the new ones; each list by side (every card's first side, then the
    second sides...), in pack order within."""
    now, day = study.clock(), study.today()
    answered = {
        (record.key.pack_id, record.key.item_id)
        for record in study.store.reviews(since=day.start, until=day.end)
    }
    due: list[tuple[int, int, StudyCard]] = []
    new: list[tuple[int, int, StudyCard]] = []
    sides_seen: dict[str, int] = {}  # item id -> sides of it listed so far
    for item in section_card_sides(study, pack_id, section_id):
        side = sides_seen[item.key.item_id] = sides_seen.get(item.key.item_id, 0) + 1
        state = study.store.get_state(item.key)
        if is_set_aside(state, now):
            continue
        if state.state == NEW:
            if (pack_id, item.key.item_id) not in answered:
                new.append((side, item.position, StudyCard(item, state, "new", now)))
        elif state.state == REVIEW:
            if state.due_at < day.end and (pack_id, item.key.item_id) not in answered:
                due.append((side, item.position, StudyCard(item, state, "review", now)))
        elif state.due_at <= now:
            due.append((side, item.position, StudyCard(item, state, "learning", now)))
    return [card for _, _, card in sorted(due, key=_side_then_place) + sorted(new, key=_side_then_place)]


def _side_then_place(entry: tuple[int, int, StudyCard]) -> tuple[int, int]:
    return entry[0], entry[1]


def learning_back(study: StudyService, pack_id: str, section_id: str) -> list[StudyCard]:
    """The section's sides in their learning steps today, earliest first (due now or later)."""
    now = study.clock()
    return [
        StudyCard(entry.item, study.store.get_state(entry.item.key), "learning", now)
        for entry in study.learning_entries(CARD)
        if entry.item.key.pack_id == pack_id and entry.item.section == section_id
    ]


def next_learning_due(study: StudyService, pack_id: str, section_id: str) -> datetime | None:
    waiting = learning_back(study, pack_id, section_id)
    return waiting[0].state.due_at if waiting else None
