"""The order in which a card's options (choice, multi-choice) or steps (order) are shown.

Shuffled so that the right answer does not keep its place in the pack (authors tend to write it
first), and seeded by the side and the study day: showing a side again the same day, e.g. after
an undo, shows the same order; the next day shows another.
"""

from __future__ import annotations

import random

from prepdeck.store.cards import ItemKey, side_token

ORDER_TYPE = "order"


def shown_order(key: ItemKey, day_key: str, count: int, card_type: str) -> list[int]:
    """Option indexes in the order to show them. An order card never starts in the right order
    (that would give it away) when it has two or more steps."""
    order = list(range(count))
    rng = random.Random(f"{side_token(key.pack_id, key.item_id, key.variant)}\x1f{day_key}")
    rng.shuffle(order)
    if card_type == ORDER_TYPE and count > 1 and order == sorted(order):
        order = order[1:] + order[:1]
    return order
