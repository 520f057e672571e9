"""Extra practice ("cram"): sides chosen by tag, section, weakness or today's failures.

Choosing them reads the store but never writes it; the schedule is left alone. Sides the learner
suspended, or buried until a time still to come, are left out: practice, quizzes and the interview's
weakest questions respect the learner's word as today's queue does.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Container
from datetime import datetime

from prepdeck.store.cards import NEW, CardState
from prepdeck.store.store import Store
from prepdeck.study.items import ItemIndex, StudyItem
from prepdeck.study.queue import StudyDay, is_buried
from prepdeck.study.scheduler import StudyScheduler

# (0 started / 1 new, chance of recall, minus lapses): smaller is weaker
Weakness = tuple[int, float, int]

# The weakest practice takes turns between this many of the lowest-mastery sections.
WEAKEST_SECTIONS = 3
# Sections within this much of the weakest one's mastery count as weak too (0.2: 20 points).
WEAK_MARGIN = 0.2


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
    states = [(item, store.get_state(item.key)) for item in candidates]
    chosen = [(item, state) for item, state in states if not is_set_aside(state, now)]
    if weakest:
        chosen = weakest_first(chosen, index, scheduler, now, store.sections_read())
    else:
        rng.shuffle(chosen)
    return chosen[:limit]


def weakest_first(
    chosen: list[tuple[StudyItem, CardState]],
    index: ItemIndex,
    scheduler: StudyScheduler,
    now: datetime,
    read: Container[tuple[str, str]],
) -> list[tuple[StudyItem, CardState]]:
    """The sides of the sections with the lowest mastery first (the mean chance of recall of their
    sides, never-seen sides counting 0, as on the Stats screen), so a well-known section does not
    fill the list while others sit at 0%; equal sections go read first, then in reading order.
    Within a section: the started sides least likely recalled first, new ones last. The list
    then takes turns between up to three weak sections (`spread_over_sections`)."""
    recall = {item.key: _recall(state, scheduler, now) for item, state in chosen}
    by_section: dict[tuple[str, str | None], list[float]] = defaultdict(list)
    for item, _ in chosen:
        by_section[(item.key.pack_id, item.section)].append(recall[item.key])
    mastery = {section: sum(values) / len(values) for section, values in by_section.items()}
    place = {
        (pack_id, section.id): number
        for pack_id, pack in index.packs.items()
        for number, section in enumerate(pack.sections)
    }

    def order(pair: tuple[StudyItem, CardState]) -> tuple[float, bool, int, Weakness, int]:
        item, state = pair
        section = (item.key.pack_id, item.section)
        return (
            mastery[section],
            section not in read,
            place.get((item.key.pack_id, item.section or ""), len(place)),
            _weakness(state, scheduler, now),
            item.position,
        )

    return spread_over_sections(sorted(chosen, key=order), mastery)


def spread_over_sections(
    ordered: list[tuple[StudyItem, CardState]], mastery: dict[tuple[str, str | None], float]
) -> list[tuple[StudyItem, CardState]]:
    """Take turns between the first WEAKEST_SECTIONS sections of an ordered list (one side from
    each in turn), so ten weakest cards come from several weak sections, not all from the weakest.
    Only sections close to the weakest (within WEAK_MARGIN of its mastery) take turns: a
    well-known section waits until the weak ones run out, then the rest follow in order."""
    queues: dict[tuple[str, str | None], list[tuple[StudyItem, CardState]]] = {}
    for pair in ordered:
        queues.setdefault((pair[0].key.pack_id, pair[0].section), []).append(pair)
    if not queues:
        return []
    lowest = min(mastery[section] for section in queues)
    weak = [section for section in queues if mastery[section] <= lowest + WEAK_MARGIN]
    waiting = [list(reversed(queues[section])) for section in weak]
    turning: list[list[tuple[StudyItem, CardState]]] = []
    spread: list[tuple[StudyItem, CardState]] = []
    while waiting or turning:
        while waiting and len(turning) < WEAKEST_SECTIONS:
            turning.append(waiting.pop(0))
        for sides in turning:
            spread.append(sides.pop())
        turning = [sides for sides in turning if sides]
    return spread + [pair for section, sides in queues.items() if section not in weak for pair in sides]


def _recall(state: CardState, scheduler: StudyScheduler, now: datetime) -> float:
    return 0.0 if state.state == NEW else scheduler.retrievability(state, now)


def is_set_aside(state: CardState, now: datetime) -> bool:
    """Suspended, or buried until later (a bury lasts until the study day ends)."""
    return state.suspended or is_buried(state, now)


def _weakness(state: CardState, scheduler: StudyScheduler, now: datetime) -> Weakness:
    """Sort key: started sides with the lowest recall chance first, most lapses breaking ties; new last."""
    if state.state == NEW:
        return (1, 0.0, 0)
    return (0, scheduler.retrievability(state, now), -state.lapses)
