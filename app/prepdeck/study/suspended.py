"""The suspended sides of the loaded packs, for the Suspended screen to list and bring back.

A side is suspended by the learner (`s` in a review) or as a leech; unsuspending it puts it back on
the schedule as it was, due when it was due.
"""

from __future__ import annotations

from prepdeck.study.service import StudyCard, StudyService

SUSPENDED = "suspended"  # the bucket of a side listed here: not in any queue


def suspended_sides(study: StudyService) -> list[StudyCard]:
    """The loaded packs' suspended sides in pack order (a side of a pack not loaded is left out:
    there is nothing to show of it; `prepdeck unsuspend --all` still reaches it)."""
    suspended = {state.key: state for state in study.store.iter_states() if state.suspended}
    if not suspended:
        return []
    now = study.clock()
    return [
        StudyCard(item, suspended[item.key], SUSPENDED, now)
        for item in study.index.items.values()
        if item.key in suspended
    ]
