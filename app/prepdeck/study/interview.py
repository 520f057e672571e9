"""Which interview question to ask: a named one, else the next one due, else the weakest as practice.

The Interview screen shows what this returns; a practice question's rating changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from prepdeck.store.cards import ItemKey
from prepdeck.study.items import QUESTION, StudyItem
from prepdeck.study.service import StudyCard, StudyService

# How many of the weakest questions are read to find one other than the question just asked.
WEAKEST_POOL = 5


@dataclass(frozen=True)
class QuestionChoice:
    card: StudyCard | None  # None: nothing to ask (see `problem`)
    practice: bool = False  # the weakest question, asked for practice: its rating is not stored
    problem: str | None = None  # why a named question cannot be asked


def named_question(study: StudyService, question_id: str, pack_id: str | None = None) -> QuestionChoice:
    """The question with this id, looked for in `pack_id` first, then in every pack in load order.
    Its grade is committed like any review."""
    item = _find_question(study, question_id, pack_id)
    if item is None:
        return QuestionChoice(None, problem=f"There is no interview question '{question_id}'.")
    return QuestionChoice(StudyCard(item, study.store.get_state(item.key), "chosen", study.clock()))


def due_or_weakest(
    study: StudyService, pack_id: str | None = None, after: ItemKey | None = None
) -> QuestionChoice:
    """The next question due today (in `pack_id`, when given); when none is, the weakest question
    other than `after` (the one just asked), as practice."""
    due = study.next_card(kind=QUESTION)
    if due is not None and (pack_id is None or due.key.pack_id == pack_id):
        return QuestionChoice(due)
    weakest = study.cram(kind=QUESTION, weakest=True, pack_id=pack_id, limit=WEAKEST_POOL)
    others = [card for card in weakest if card.key != after]
    return QuestionChoice(others[0], practice=True) if others else QuestionChoice(None)


def _find_question(study: StudyService, question_id: str, pack_id: str | None) -> StudyItem | None:
    packs = list(study.index.packs)
    if pack_id in study.index.packs:
        packs.remove(pack_id)
        packs.insert(0, pack_id)
    for candidate in packs:
        item = study.index.get(ItemKey(candidate, question_id, "main"))
        if item is not None and item.kind == QUESTION:
            return item
    return None
