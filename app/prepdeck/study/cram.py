"""Extra practice ("cram"): sides chosen by tag, section, weakness or today's failures.

Choosing them reads the store but never writes it; the schedule is left alone.
"""

from __future__ import annotations

import random
from datetime import datetime

from prepdeck.store.cards import NEW, CardState
from prepdeck.store.store import Store
from prepdeck.study.items import ItemIndex, StudyItem
from prepdeck.study.queue import StudyDay
from prepdeck.study.scheduler import StudyScheduler


def select(
    index: ItemIndex,
    store: Store,
    scheduler: StudyScheduler,
    *,
    now: datetime,
    day: StudyDay,
    tag: str | None,
    section: str | None,
    weakest: bool,
    again_today: bool,
    pack_id: str | None,
    kind: str,
    limit: int,
    rng: random.Random,
) -> list[tuple[StudyItem, CardState]]:
    failed_today = None
    if again_today:
        failed_today = {
            (r.key.pack_id, r.key.item_id, r.key.variant)
            for r in store.reviews(since=day.start, until=day.end)
            if r.rating == 1
        }
    candidates = [
        item
        for key, item in index.items.items()
        if item.kind == kind
        and (pack_id is None or key[0] == pack_id)
        and (tag is None or tag in item.tags)
        and (section is None or item.section == section)
        and (failed_today is None or key in failed_today)
    ]
    chosen = [(item, store.get_state(item.key)) for item in candidates]
    if weakest:
        chosen.sort(key=lambda pair: _weakness(pair[1], scheduler, now))
    else:
        rng.shuffle(chosen)
    return chosen[:limit]


def _weakness(state: CardState, scheduler: StudyScheduler, now: datetime) -> tuple:
    """Sort key: started sides with the lowest recall chance first, most lapses breaking ties; new last."""
    if state.state == NEW:
        return (1, 0.0, 0)
    return (0, scheduler.retrievability(state, now), -state.lapses)
