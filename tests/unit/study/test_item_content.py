"""A study item's content is the pack's own model: a card of one type, or an interview question,
and code that needs a question gets one or a clear error."""

from __future__ import annotations

import pytest

from prepdeck.content.model import BasicCard, Question
from prepdeck.study.items import CARD, QUESTION, ItemIndex

from .study_helpers import make_pack, question


def test_each_side_carries_the_model_it_comes_from_and_only_questions_answer_as_questions():
    asked = question("q-layers")
    index = ItemIndex([make_pack("p", cards=2, questions=[asked])])
    kinds = {item.key.item_id: (item.kind, type(item.content)) for item in index.items.values()}
    assert kinds == {
        "p-card-000": (CARD, BasicCard),
        "p-card-001": (CARD, BasicCard),
        "q-layers": (QUESTION, Question),
    }
    [item] = [item for item in index.items.values() if item.kind == QUESTION]
    assert item.question is asked
    card = next(item for item in index.items.values() if item.kind == CARD)
    with pytest.raises(TypeError, match=r"p/p-card-00\d is a card, not an interview question"):
        _ = card.question
