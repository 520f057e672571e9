"""The order in which a card's options (choice, multi-choice) or steps (order) are shown.

Shuffled so that the right answer does not keep its place in the pack (authors tend to write it
first), and seeded by the side and the study day: showing a side again the same day, e.g. after
an undo, shows the same order; the next day shows another. A plain shuffle leaves the right
answer where it was the day before once in every few days (1 in 4 with four options), so a
learner who remembers its place is not tested: the right option's place is chosen apart, never
the same on two days in a row, and it visits every place over `count` days.
"""

from __future__ import annotations

import random
from datetime import date

from prepdeck.store.cards import ItemKey, side_token

ORDER_TYPE = "order"


def shown_order(
    key: ItemKey, day_key: str, count: int, card_type: str, right: int | None = None
) -> list[int]:
    """Option indexes in the order to show them. An order card never starts in the right order
    (that would give it away) when it has two or more steps. `right` (a choice card's right
    option, a multi-choice card's first right one) moves to a place other than the day before's;
    `day_key` is the study day's start in ISO format."""
    token = side_token(key.pack_id, key.item_id, key.variant)
    order = list(range(count))
    rng = random.Random(f"{token}\x1f{day_key}")
    rng.shuffle(order)
    if card_type == ORDER_TYPE and count > 1 and order == sorted(order):
        order = order[1:] + order[:1]
    if right is not None and 0 <= right < count and count > 1:
        order.remove(right)
        order.insert(_right_place(token, date.fromisoformat(day_key[:10]).toordinal(), count), right)
    return order


def _right_place(token: str, day_number: int, count: int) -> int:
    """The right option's place on a day: within each run of `count` days every place once, in an
    order drawn for the side and that run; a run never starts where the one before ended (the
    swap that ensures it touches a run's first two places, never its last, from three options)."""
    if count == 2:  # two places: they alternate
        return (random.Random(token).randrange(2) + day_number) % 2
    run, day_in_run = divmod(day_number, count)
    places = _places(token, run, count)
    if _places(token, run - 1, count)[-1] == places[0]:
        places[0], places[1] = places[1], places[0]
    return places[day_in_run]


def _places(token: str, run: int, count: int) -> list[int]:
    places = list(range(count))
    random.Random(f"{token}\x1fplaces\x1f{run}").shuffle(places)
    return places
