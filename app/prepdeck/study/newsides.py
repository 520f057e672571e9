"""Finding today's new sides without reading every stored side.

A learner with 100,000 cards has usually started the first 90,000 of each pack, in order. Telling
those apart from new ones by loading every stored key costs a noticeable pause at start-up, so
this finder reads the store only for the sides it looks at, in chunks, and remembers per pack
(in the settings table) a *frontier*: how many leading sides are started or suspended.

The frontier is only trusted while two things are unchanged: the pack's list of sides (a
fingerprint) and the store's `new_generation` counter, which the store bumps in the same
transaction as any change that can turn a started side back into a new one (undo of a first
review, unsuspending a new side, a reset, an import). Any other process's change of that kind
therefore invalidates this process's memory too.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from prepdeck.store.store import Store
from prepdeck.study.items import ItemIndex, StudyItem
from prepdeck.study.queue import StudyDay

NEW_SIDE, STARTED, BURIED = 0, 1, 2
CHUNK = 1024


class NewSideFinder:
    def __init__(self, store: Store, index: ItemIndex) -> None:
        self.store = store
        self.index = index
        self.status: dict[str, int] = {}  # side token -> NEW_SIDE, STARTED or BURIED (today)
        self.cursors: dict[tuple[str, str], int] = {}  # leading sides known not to be new today
        self.generation: int | None = None
        self.day: StudyDay | None = None
        self.now: datetime | None = None

    def begin(self, day: StudyDay, now: datetime) -> None:
        """Call before each queue build: forgets what a new day or another process made stale."""
        generation = self.store.new_generation()
        if generation != self.generation or day != self.day:
            self.status.clear()
            self.cursors.clear()
            self.generation, self.day = generation, day
        self.now = now

    def mark(self, token: str, status: int) -> None:
        """Keep memory in step with a change this process made (a grade, a bury, a suspend)."""
        self.status[token] = status

    def became_new(self, token: str) -> None:
        """This process turned one side back into a new one (undo, unsuspend), and the store bumped
        the generation. When nothing else changed meanwhile (the generation moved by exactly one),
        every stored frontier still holds, cut back to that side's position; then adopt it."""
        previous, current = self.generation, self.store.new_generation()
        self.status[token] = NEW_SIDE
        self.cursors.clear()
        if previous is not None and current == previous + 1:
            for (pack_id, kind), (_, tokens) in self.index.sequence.items():
                frontier = self._stored_frontier(pack_id, kind)
                if frontier:
                    if token in tokens[:frontier]:
                        frontier = tokens.index(token)
                    self._store_frontier(pack_id, kind, frontier, generation=current)
        self.generation = current

    def new_sides(self, pack_id: str, kind: str) -> Iterator[StudyItem]:
        """The pack's sides that may be shown as new, in pack order."""
        sides, tokens = self.index.sequence[(pack_id, kind)]
        key = (pack_id, kind)
        frontier = self._stored_frontier(pack_id, kind)
        if frontier == 0 and key not in self.cursors:
            frontier = self._find_frontier(pack_id, kind)
        position = max(self.cursors.get(key, 0), frontier)
        counting = position == frontier  # extending the run of started sides after the frontier
        leading = True  # still in the run of sides that are not new today (the cursor)
        while position < len(sides):
            self._load(pack_id, sides, tokens, position)
            status = self.status[tokens[position]]
            if counting and status != STARTED:
                counting = False
                if position > frontier:
                    self._store_frontier(pack_id, kind, position)
            if leading and status == NEW_SIDE:
                leading = False
            elif leading:
                self.cursors[key] = position + 1
            if status == NEW_SIDE:
                yield sides[position]
            position += 1
        if counting and position > frontier:
            self._store_frontier(pack_id, kind, position)

    # --- internals -----------------------------------------------------------------------

    def _load(self, pack_id: str, sides: list[StudyItem], tokens: list[str], position: int) -> None:
        if tokens[position] in self.status:
            return
        chunk = [
            i for i in range(position, min(position + CHUNK, len(sides))) if tokens[i] not in self.status
        ]
        if self.now is None:
            raise RuntimeError("NewSideFinder.begin() must run before new sides are looked up")
        found = self.store.side_status(pack_id, [sides[i].key.item_id for i in chunk], self.now)
        for i in chunk:
            key = sides[i].key
            self.status[tokens[i]] = found.get((key.item_id, key.variant), NEW_SIDE)

    def _find_frontier(self, pack_id: str, kind: str) -> int:
        """No trusted frontier: read the pack's started sides once and measure the started prefix."""
        tokens = self.index.sequence[(pack_id, kind)][1]
        started = self.store.started_tokens(pack_id)
        frontier = leading_known(tokens, started, 0)
        if frontier:
            self._store_frontier(pack_id, kind, frontier)
        return frontier

    def _setting(self, pack_id: str, kind: str) -> str:
        return f"queue.frontier.{pack_id}.{kind}"

    def _stored_frontier(self, pack_id: str, kind: str) -> int:
        stored = self.store.get_setting(self._setting(pack_id, kind))
        fingerprint = self.index.fingerprints[(pack_id, kind)]
        if (
            isinstance(stored, dict)
            and stored.get("fingerprint") == fingerprint
            and stored.get("generation") == self.generation
            and isinstance(stored.get("position"), int)
        ):
            position: int = stored["position"]
            return min(position, len(self.index.sequence[(pack_id, kind)][0]))
        return 0

    def _store_frontier(self, pack_id: str, kind: str, position: int, generation: int | None = None) -> None:
        value = {
            "fingerprint": self.index.fingerprints[(pack_id, kind)],
            "generation": self.generation if generation is None else generation,
            "position": position,
        }
        self.store.set_setting(self._setting(pack_id, kind), value)


def leading_known(tokens: list[str], known: set[str], start: int) -> int:
    """The first position at or after `start` whose token is not in `known`.

    A binary search over `set.issuperset` on slices: the membership tests run in C, so skipping
    90,000 started sides costs milliseconds rather than a Python loop over each.
    """
    low, high = start, len(tokens)  # tokens[start:low] are all known; the answer is <= high
    while low < high:
        middle = (low + high + 1) // 2
        if known.issuperset(tokens[low:middle]):
            low = middle
        else:
            high = middle - 1
    return low
