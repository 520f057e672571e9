"""Reviewing one section's cards on the schedule, right after reading it (issue 12, study flow).

Unlike practice (`StudyService.cram`), these grades are committed like today's queue: the section's
sides due today and its new sides, in pack order, one side per item, none suspended or buried and
none of an item answered today. A side rated Again comes back in this review once its step is
over, as in today's queue.
"""

from __future__ import annotations

from datetime import datetime

from prepdeck.store.cards import NEW, REVIEW
from prepdeck.study.items import CARD
from prepdeck.study.service import StudyCard, StudyService


def section_sides(study: StudyService, pack_id: str, section_id: str) -> list[StudyCard]:
    """The section's sides to review now: those due (reviews due today, learning sides whose step
    is over) first, then the new ones; each list in pack order."""
    now, day = study.clock(), study.today()
    answered = {
        (record.key.pack_id, record.key.item_id)
        for record in study.store.reviews(since=day.start, until=day.end)
    }
    due: list[StudyCard] = []
    new: list[StudyCard] = []
    taken: set[str] = set()
    for item in study.index.by_pack.get(pack_id, []):
        if item.kind != CARD or item.section != section_id or item.key.item_id in taken:
            continue
        state = study.store.get_state(item.key)
        if state.suspended or (state.buried_until is not None and state.buried_until > now):
            continue
        if state.state == NEW:
            if (pack_id, item.key.item_id) not in answered:
                new.append(StudyCard(item, state, "new", now))
                taken.add(item.key.item_id)
        elif state.state == REVIEW:
            if state.due_at < day.end and (pack_id, item.key.item_id) not in answered:
                due.append(StudyCard(item, state, "review", now))
                taken.add(item.key.item_id)
        elif state.due_at <= now:
            due.append(StudyCard(item, state, "learning", now))
            taken.add(item.key.item_id)
    return due + new


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
