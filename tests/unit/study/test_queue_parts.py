"""Pieces of the queue builder checked on their own."""

from __future__ import annotations

import random

from prepdeck.study.queue import _leading_known, spread


def test_leading_known_finds_the_first_side_that_may_be_new() -> None:
    rng = random.Random(4)
    for _ in range(3000):
        tokens = [f"side-{n}" for n in range(rng.randrange(0, 40))]
        known = {token for token in tokens if rng.random() < 0.85}
        start = rng.randrange(0, len(tokens) + 1)
        expected = start
        while expected < len(tokens) and tokens[expected] in known:
            expected += 1
        assert _leading_known(tokens, known, start) == expected


def test_new_sides_are_spread_evenly_among_reviews() -> None:
    reviews, new = list("RRRRRR"), list("nn")
    assert "".join(spread(reviews, new)) == "RRRnRRnR"  # one new side every (6 + 1) / (2 + 1) reviews
    assert spread([], new) == new and spread(reviews, []) == reviews
