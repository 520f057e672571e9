"""Quick quizzes: N cards from a tag, a section or "my weakest", checked at once.

Cards the app can check by itself (choice, multi-choice, type-in, order) come first; the others
(basic, reversed, cloze) are revealed and the learner says whether they knew them. Nothing
touches the schedule while the quiz runs; at the end the learner may apply the results
(`Quiz.apply`), which grades each side answered through the study service: right as Good, wrong
as Again, unless the learner picks another rating.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from prepdeck.content import model as m
from prepdeck.content.model import CLOZE_PATTERN
from prepdeck.store.cards import NEW, REVIEW
from prepdeck.study.items import CARD, StudyItem
from prepdeck.study.service import GradeResult, StudyCard, StudyService
from prepdeck.study.typein import check_card

CHECKED_TYPES = ("choice", "multi_choice", "type_in", "order")
RIGHT_RATING, WRONG_RATING = 3, 1


class QuizError(Exception):
    """Nothing to quiz on (no card has that tag, ...): one clear sentence."""


@dataclass(frozen=True)
class Feedback:
    correct: bool
    expected: str  # the right answer, as text to show
    details: tuple[str, ...] = ()  # one line per option or step: what was right or wrong, and why

    @property
    def suggested_rating(self) -> int:
        return RIGHT_RATING if self.correct else WRONG_RATING


@dataclass
class QuizQuestion:
    card: StudyCard
    prompt: str
    # For order cards: the steps as shown (shuffled); the learner answers with their positions.
    shown_items: list[str] = field(default_factory=list)
    feedback: Feedback | None = None
    rating: int | None = None  # the learner's override of the suggested rating

    @property
    def content(self) -> Any:
        return self.card.content

    @property
    def type(self) -> str:
        return self.content.type

    @property
    def checked(self) -> bool:
        """True when the app checks the answer; False when the learner judges it."""
        return self.type in CHECKED_TYPES

    @property
    def answer_text(self) -> str:
        """What the back of a self-judged side shows."""
        return side_answer(self.card)


# --- rendering a side as a question ------------------------------------------------------------


def cloze_prompt(text: str, number: int) -> str:
    """Deletion `number` as [...] (or [hint]); the other deletions shown as their answers."""

    def replace(match: re.Match) -> str:
        if int(match.group(1)) == number:
            return f"[{match.group(3)}]" if match.group(3) else "[...]"
        return match.group(2)

    return CLOZE_PATTERN.sub(replace, text)


def cloze_answers(text: str, number: int) -> list[str]:
    return [match.group(2) for match in CLOZE_PATTERN.finditer(text) if int(match.group(1)) == number]


def side_prompt(card: StudyCard) -> str:
    return item_prompt(card.content, card.variant)


def item_prompt(content: Any, variant: str = "main") -> str:
    """What a side asks: a card's front (or back, reversed), a cloze with its gap, a prompt."""
    if isinstance(content, m.ReversedCard):
        return content.back if variant == "reverse" else content.front
    if isinstance(content, m.BasicCard):
        return content.front
    if isinstance(content, m.ClozeCard):
        return cloze_prompt(content.text, int(variant.lstrip("c") or 1))
    return content.prompt


def side_answer(card: StudyCard) -> str:
    content, variant = card.content, card.variant
    if isinstance(content, m.ReversedCard):
        return content.front if variant == "reverse" else content.back
    if isinstance(content, m.BasicCard):
        return content.back
    if isinstance(content, m.ClozeCard):
        return ", ".join(cloze_answers(content.text, int(variant.lstrip("c") or 1)))
    if isinstance(content, m.TypeInCard):
        return content.answers[0]
    if isinstance(content, (m.ChoiceCard, m.MultiChoiceCard)):
        return ", ".join(option.text for option in content.options if option.correct)
    if isinstance(content, m.OrderCard):
        return " → ".join(content.items)
    return ""


# --- checking answers ----------------------------------------------------------------------------


def check_type_in(card: m.TypeInCard, typed: str) -> Feedback:
    correct = check_card(card, typed).correct
    others = f" (also accepted: {', '.join(card.answers[1:])})" if len(card.answers) > 1 else ""
    return Feedback(correct, card.answers[0], (f"you typed: {typed.strip() or '(nothing)'}{others}",))


def check_choice(card: m.ChoiceCard | m.MultiChoiceCard, picked: set[int]) -> Feedback:
    right = {index for index, option in enumerate(card.options) if option.correct}
    details = []
    for index, option in enumerate(card.options):
        mark = "✓" if option.correct else "✗"
        yours = " (your pick)" if index in picked else ""
        why = f": {option.why}" if option.why else ""
        details.append(f"{mark} {option.text}{yours}{why}")
    expected = ", ".join(card.options[index].text for index in sorted(right))
    return Feedback(picked == right, expected, tuple(details))


def check_order(card: m.OrderCard, shown: list[str], order: list[int]) -> Feedback:
    """`order`: positions in `shown`, in the order the learner put them."""
    given = [shown[index] for index in order if 0 <= index < len(shown)]
    details = tuple(
        f"{'✓' if position < len(given) and given[position] == item else '✗'} {position + 1}. {item}"
        for position, item in enumerate(card.items)
    )
    return Feedback(given == list(card.items), " → ".join(card.items), details)


# --- the quiz ------------------------------------------------------------------------------------


class Quiz:
    def __init__(self, study: StudyService, questions: list[QuizQuestion], title: str) -> None:
        self.study = study
        self.questions = questions
        self.title = title
        self.applied = False

    def __len__(self) -> int:
        return len(self.questions)

    @property
    def answered(self) -> list[QuizQuestion]:
        return [question for question in self.questions if question.feedback is not None]

    @property
    def score(self) -> tuple[int, int]:
        return sum(q.feedback.correct for q in self.answered), len(self.answered)

    def answer(self, question: QuizQuestion, response: Any) -> Feedback:
        """Check a response: an option index (choice), a set of indices (multi-choice), typed
        text (type-in), a list of positions (order), or True/False for "I knew it" (the others)."""
        content = question.content
        if isinstance(content, m.ChoiceCard):
            feedback = check_choice(content, {int(response)})
        elif isinstance(content, m.MultiChoiceCard):
            feedback = check_choice(content, {int(index) for index in response})
        elif isinstance(content, m.TypeInCard):
            feedback = check_type_in(content, str(response))
        elif isinstance(content, m.OrderCard):
            feedback = check_order(content, question.shown_items, [int(index) for index in response])
        else:
            feedback = Feedback(bool(response), question.answer_text)
        question.feedback = feedback
        return feedback

    def apply(self) -> list[GradeResult]:
        """Put the answered sides on the schedule (the learner chose to): once, with each rating."""
        if self.applied:
            return []
        results = []
        for question in self.answered:
            rating = question.rating or question.feedback.suggested_rating
            card = fresh_card(self.study, question.card.item, question.card.shown_at)
            results.append(self.study.grade(card, rating))
        self.applied = True
        return results


def fresh_card(study: StudyService, item: StudyItem, shown_at: datetime) -> StudyCard:
    """A side with its stored state as of now, to grade outside today's queue (by the learner's choice)."""
    state = study.store.get_state(item.key)
    bucket = "new" if state.state == NEW else ("review" if state.state == REVIEW else "learning")
    return StudyCard(item, state, bucket, shown_at)


def _checked_first(cards: list[StudyCard]) -> list[StudyCard]:
    """Cards the app can check come before self-judged ones; the order is kept within each group."""
    return sorted(cards, key=lambda card: card.content.type not in CHECKED_TYPES)


def build_quiz(
    study: StudyService,
    *,
    count: int = 10,
    tag: str | None = None,
    section: str | None = None,
    weakest: bool = False,
    pack_id: str | None = None,
) -> Quiz:
    """Choose the cards: by tag or section (shuffled with the service's RNG), or the weakest."""
    if count < 1:
        raise QuizError("a quiz needs at least one card")
    if not (tag or section or weakest):
        weakest = True
    cards = study.cram(
        tag=tag, section=section, weakest=weakest, pack_id=pack_id, kind=CARD, limit=max(count * 4, 50)
    )
    if not cards:
        what = f"the tag '{tag}'" if tag else f"the section '{section}'" if section else "the loaded packs"
        raise QuizError(f"no card to quiz on in {what}")
    # The weakest cards are chosen by weakness, then ordered; from a tag or a section (a random
    # draw anyway) the cards the app can check are also preferred in the choice.
    chosen = _checked_first(cards[:count]) if weakest else _checked_first(cards)[:count]
    questions = []
    for card in chosen:
        shown: list[str] = []
        if isinstance(card.content, m.OrderCard):
            shown = list(card.content.items)
            for _ in range(10):  # a shuffle that leaves the right order would give the answer away
                study.rng.shuffle(shown)
                if shown != list(card.content.items):
                    break
        questions.append(QuizQuestion(card, side_prompt(card), shown))
    if tag:
        title = f"tag {tag}"
    elif section:
        title = _section_title(study, cards, section)
    else:
        title = _weakest_title(study, cards[:count])
    return Quiz(study, questions, title)


def _section_title(study: StudyService, cards: list[StudyCard], section_id: str) -> str:
    """'Images and layers': the section by its title, never its id."""
    for card in cards:
        find = getattr(study.index.packs.get(card.key.pack_id), "section", None)  # test packs may lack it
        section = find(section_id) if find is not None else None
        if section is not None:
            return section.title
    return f"section {section_id}"


def _weakest_title(study: StudyService, cards: list[StudyCard]) -> str:
    """'your weakest sections: Networking, Volumes': where the cards came from, lowest mastery first."""
    named = []
    for pack_id, section_id in dict.fromkeys((card.key.pack_id, card.item.section) for card in cards):
        section = study.index.packs[pack_id].section(section_id) if section_id else None
        named.append(section.title if section is not None else "cards without a section")
    return "your weakest sections: " + ", ".join(named)
