"""The right option of a choice card moves every day (issue 12: the checker shows the pack's
choice cards on several days, and the right answer must not keep its position)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path

from prepdeck.content.catalog import load_catalog
from prepdeck.store.cards import ItemKey
from prepdeck.study.shuffle import shown_order

DOCKER = Path(__file__).resolve().parents[3] / "content" / "docker"
DAYS = 12


def test_no_choice_card_of_the_docker_pack_keeps_its_right_answer_in_place_two_days_running():
    [pack] = load_catalog([DOCKER], include_installed=False).packs
    choice_cards = [card for card in pack.cards if card.type in ("choice", "multi_choice")]
    assert len(choice_cards) > 50
    for card in choice_cards:
        right = next(number for number, option in enumerate(card.options) if option.correct)
        key, count = ItemKey(pack.id, card.id), len(card.options)
        places = []
        for day in range(DAYS):
            start = (datetime(2026, 12, 6, 4, tzinfo=UTC) + timedelta(days=day)).isoformat()
            order = shown_order(key, start, count, card.type, right)
            assert sorted(order) == list(range(count))
            assert shown_order(key, start, count, card.type, right) == order  # the same all day (undo)
            places.append(order.index(right))
        assert all(today != yesterday for yesterday, today in pairwise(places)), (card.id, places)
        assert set(places[: 2 * count]) == set(range(count)), (card.id, places)  # every place, soon
