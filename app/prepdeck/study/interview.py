"""Interview questions: which one to ask, and one sitting's steps (asked, graded, saved).

Which question: a named one, else the next one due, else the weakest as practice, whose rating
changes nothing. `InterviewSitting` holds the steps the Interview screen draws: the question is
asked; the typed answer is graded and the grader's suggested rating chosen; the learner may choose
another rating, then saves it (a practice question saves nothing); then the next question.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from prepdeck.store.cards import ItemKey
from prepdeck.study.grading import AnswerGrade
from prepdeck.study.items import QUESTION, StudyItem
from prepdeck.study.service import GradeResult, StudyCard, StudyService

Phase = Literal["asking", "graded", "saved", "empty"]
ASKING: Phase = "asking"  # a question is shown and the answer is being typed
GRADED: Phase = "graded"  # the answer is graded; a rating is chosen but not saved
SAVED: Phase = "saved"  # the rating is on the schedule
EMPTY: Phase = "empty"  # no question to ask

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


class InterviewSitting:
    """The Interview screen's questions, one at a time: asked, graded, rated, saved."""

    def __init__(self, study: StudyService, pack_id: str | None = None) -> None:
        self.study = study
        self.pack_id = pack_id
        self.card: StudyCard | None = None
        self.practice = False
        self.phase: Phase = EMPTY
        self.grade: AnswerGrade | None = None
        self.rating: int | None = None  # chosen, not yet saved

    def ask_named(self, question_id: str) -> str | None:
        """Ask this question; returns why it cannot be asked (then nothing is asked), else None."""
        choice = named_question(self.study, question_id, self.pack_id)
        self._ask(choice)
        return choice.problem

    def ask_next(self) -> bool:
        """Ask the next question due, else the weakest other than the one just asked, as practice.
        Not while an answer is being typed (returns False: nothing changed)."""
        if self.phase == ASKING:
            return False
        after = self.card.key if self.card is not None else None
        self._ask(due_or_weakest(self.study, self.pack_id, after))
        return True

    def _ask(self, choice: QuestionChoice) -> None:
        self.card, self.practice = choice.card, choice.practice
        self.grade, self.rating = None, None
        self.phase = ASKING if choice.card is not None else EMPTY

    def submit(self, answer: str) -> AnswerGrade | None:
        """Grade the typed answer and choose the grader's suggested rating (None: nothing asked)."""
        if self.phase != ASKING or self.card is None:
            return None
        self.grade = self.study.grade_answer(self.card, answer)
        self.phase = GRADED
        self.rating = self.grade.suggested_rating
        return self.grade

    def interval_preview(self) -> dict[int, str]:
        """The interval each rating would give; none for practice, which leaves the schedule alone."""
        if self.practice or self.card is None:
            return {}
        return self.study.preview(self.card)

    def choose(self, rating: int) -> bool:
        """Choose another rating for the graded answer; False when no answer is graded."""
        if self.phase != GRADED:
            return False
        self.rating = rating
        return True

    def save(self) -> GradeResult | None:
        """Put the chosen rating, with the grader's score, on the schedule. None when nothing is
        saved: no rating chosen, or a practice question (the caller moves on to the next one)."""
        if self.phase != GRADED or self.rating is None or self.card is None or self.practice:
            return None
        score = self.grade.score if self.grade is not None else None
        result = self.study.grade(self.card, self.rating, answer_score=score)
        self.phase = SAVED
        return result
