"""Today's queue: which sides are due, in what order, within the daily limits.

Rules, in order of precedence:
- the study day runs from `day_start_hour` local time to the same hour the next day;
- learning and relearning sides come first as soon as they are due;
- reviews due before the day ends, oldest first, at most `reviews_per_day` a day (reviews already
  done today count); new sides in pack order, at most `new_per_day` a day, taken in turn from each
  pack;
- reviews are interleaved across packs and sections; new sides come from each pack in turn, the
  sections the learner has read first, in reading order (study/reading.py); then the new sides are
  spread evenly among the reviews;
- siblings (other sides of one item, e.g. the reverse of a reversed card) are buried for the day:
  at most one side of an item is queued, and none once a side was reviewed today;
- suspended and buried sides, and progress of items no longer in a pack (orphans), are left out.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta, tzinfo
from itertools import zip_longest

from prepdeck.store.cards import CardState
from prepdeck.study.counts import DueCounts
from prepdeck.study.items import ItemIndex, StudyItem


@dataclass(frozen=True)
class Limits:
    new_per_day: int = 20
    reviews_per_day: int = 200


@dataclass(frozen=True)
class StudyDay:
    start: datetime
    end: datetime


def study_day(now: datetime, zone: tzinfo, day_start_hour: int) -> StudyDay:
    """The study day containing `now`: [day_start_hour local, the same hour the next day)."""
    local = now.astimezone(zone)
    day = (local - timedelta(hours=day_start_hour)).date()
    start = datetime.combine(day, time(hour=day_start_hour), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time(hour=day_start_hour), tzinfo=zone)
    return StudyDay(start.astimezone(now.tzinfo), end.astimezone(now.tzinfo))


@dataclass(frozen=True)
class QueueEntry:
    item: StudyItem
    state: CardState
    bucket: str  # "learning", "review" or "new"


@dataclass(frozen=True)
class DoneToday:
    """What the log says about today so far: counts against the limits, and items touched."""

    new: int = 0
    reviews: int = 0
    items: frozenset[tuple[str, str]] = frozenset()


@dataclass
class TodayQueue:
    day: StudyDay
    learning: list[QueueEntry] = field(default_factory=list)  # kept sorted by due
    main: deque[QueueEntry] = field(default_factory=deque)

    def next(self, now: datetime) -> QueueEntry | None:
        """A learning side due now, else the next review or new side; a learning side is never
        shown before its step is over (an Again card does not come straight back when nothing
        else is left: the review waits for it, see `StudyService.next_due_at`)."""
        if self.learning and self.learning[0].state.due_at <= now:
            return self.learning[0]
        if self.main:
            return self.main[0]
        return None

    def remove(self, key_tuple: tuple[str, str, str]) -> None:
        self.learning = [e for e in self.learning if _tuple(e) != key_tuple]
        if any(_tuple(e) == key_tuple for e in self.main):
            self.main = deque(e for e in self.main if _tuple(e) != key_tuple)

    def remove_item(self, pack_id: str, item_id: str) -> None:
        """Drop every side of an item (its siblings are buried once one side is answered)."""
        self.learning = [
            e for e in self.learning if (e.item.key.pack_id, e.item.key.item_id) != (pack_id, item_id)
        ]
        self.main = deque(
            e for e in self.main if (e.item.key.pack_id, e.item.key.item_id) != (pack_id, item_id)
        )

    def add_learning(self, entry: QueueEntry) -> None:
        self.learning.append(entry)
        self.learning.sort(key=lambda e: e.state.due_at)

    def add_front(self, entry: QueueEntry) -> None:
        self.main.appendleft(entry)

    def copy(self) -> TodayQueue:
        return TodayQueue(self.day, list(self.learning), deque(self.main))

    def entries(self) -> list[QueueEntry]:
        return [*self.learning, *self.main]

    def counts(self) -> dict[str, DueCounts]:
        tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for entry in self.entries():
            tally[entry.item.key.pack_id][("learning", "review", "new").index(entry.bucket)] += 1
        return {pack_id: DueCounts(*numbers) for pack_id, numbers in tally.items()}


def _tuple(entry: QueueEntry) -> tuple[str, str, str]:
    key = entry.item.key
    return (key.pack_id, key.item_id, key.variant)


def _round_robin(groups: Iterable[list[QueueEntry]]) -> list[QueueEntry]:
    return [entry for row in zip_longest(*groups) for entry in row if entry is not None]


def interleave(entries: Sequence[QueueEntry]) -> list[QueueEntry]:
    """Take packs in turn, and within each pack its sections in turn, keeping each group's order."""
    packs: dict[str, dict[str | None, list[QueueEntry]]] = {}
    for entry in entries:
        packs.setdefault(entry.item.key.pack_id, {}).setdefault(entry.item.section, []).append(entry)
    return _round_robin(_round_robin(sections.values()) for sections in packs.values())


def spread(reviews: list[QueueEntry], new: list[QueueEntry]) -> list[QueueEntry]:
    """New sides placed evenly among the reviews (first a review, when there are any)."""
    if not new or not reviews:
        return [*reviews, *new]
    merged: list[QueueEntry] = []
    gap = (len(reviews) + 1) / (len(new) + 1)
    review_iter = iter(reviews)
    placed = 0
    for index, review in enumerate(review_iter, start=1):
        merged.append(review)
        while placed < len(new) and index >= gap * (placed + 1):
            merged.append(new[placed])
            placed += 1
    merged.extend(new[placed:])
    return merged


def build_queue(
    index: ItemIndex,
    kind: str,
    learning_states: Iterable[CardState],
    due_reviews: Iterator[CardState],
    new_sides: Callable[[str, str], Iterator[StudyItem]],
    done: DoneToday,
    limits: Limits,
    day: StudyDay,
    now: datetime,
) -> TodayQueue:
    """Today's queue of `kind` ("card" or "question") sides from the loaded packs.

    `learning_states` are the learning sides due before the day ends; `due_reviews` yields the
    review sides due before the day ends, most overdue first, and is read only as far as the
    review limit needs; `new_sides(pack_id, kind)` yields a pack's sides that may be shown as new,
    in pack order, and is read only as far as the new limit needs.
    """
    learning: list[QueueEntry] = []
    queued_items: set[tuple[str, str]] = set()
    for state in learning_states:
        item = index.get(state.key)
        if item is not None and item.kind == kind and not is_buried(state, now):
            learning.append(QueueEntry(item, state, "learning"))
            queued_items.add((state.key.pack_id, state.key.item_id))
    reviews: list[QueueEntry] = []
    wanted = max(0, limits.reviews_per_day - done.reviews)
    for state in due_reviews:
        if len(reviews) >= wanted:
            break
        item = index.get(state.key)
        item_key = (state.key.pack_id, state.key.item_id)
        if item is None or item.kind != kind or is_buried(state, now):
            continue
        if item_key not in done.items and item_key not in queued_items:
            reviews.append(QueueEntry(item, state, "review"))
            queued_items.add(item_key)
    new = _new_entries(index, kind, new_sides, done, limits, queued_items)
    queue = TodayQueue(day=day, learning=learning)
    # New sides keep the order they were taken in (packs in turn, read sections first and in
    # reading order: study/reading.py); reviews mix packs and sections.
    queue.main.extend(spread(interleave(reviews), new))
    return queue


def is_buried(state: CardState, now: datetime) -> bool:
    return state.buried_until is not None and state.buried_until > now


def _new_entries(
    index: ItemIndex,
    kind: str,
    new_sides: Callable[[str, str], Iterator[StudyItem]],
    done: DoneToday,
    limits: Limits,
    queued_items: set[tuple[str, str]],
) -> list[QueueEntry]:
    """Up to the day's new limit, taken from each pack in turn."""
    wanted = max(0, limits.new_per_day - done.new)
    if wanted == 0:
        return []
    per_pack = [_unseen(new_sides(pack_id, kind), done, queued_items) for pack_id in index.by_pack]
    taken: list[QueueEntry] = []
    while len(taken) < wanted and per_pack:
        for source in list(per_pack):
            entry = next(source, None)
            if entry is None:
                per_pack.remove(source)
                continue
            taken.append(entry)
            if len(taken) == wanted:
                break
    return taken


def _unseen(
    sides: Iterator[StudyItem], done: DoneToday, queued_items: set[tuple[str, str]]
) -> Iterator[QueueEntry]:
    """New sides in order, one per item, skipping items touched or queued today (siblings)."""
    for item in sides:
        item_key = (item.key.pack_id, item.key.item_id)
        if item_key in queued_items or item_key in done.items:
            continue
        queued_items.add(item_key)
        yield QueueEntry(item, CardState(key=item.key), "new")
