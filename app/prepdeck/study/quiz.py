"""Quick quizzes: N cards from a tag, a section or "my weakest", checked at once.

Cards the app can check by itself (choice, multi-choice, type-in, order) come first; the others
(basic, reversed, cloze) are revealed and the learner says whether they knew them. Nothing
touches the schedule while the quiz runs; at the end the learner may apply the results
(`Quiz.apply`), which grades each side answered through the study service: right as Good, wrong
as Again, unless the learner picks another rating.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from prepdeck.content import model as m
from prepdeck.content.model import CLOZE_PATTERN
from prepdeck.store.cards import NEW, REVIEW
from prepdeck.study.items import CARD, StudyItem
from prepdeck.study.service import GradeResult, StudyCard, StudyService
from prepdeck.study.typein import check_card

CHECKED_TYPES = ("choice", "multi_choice", "type_in", "order")
RIGHT_RATING, WRONG_RATING = 3, 1
CARD_CLASSES = (
    m.BasicCard,
    m.ReversedCard,
    m.ClozeCard,
    m.TypeInCard,
    m.ChoiceCard,
    m.MultiChoiceCard,
    m.OrderCard,
)

# A response to a question: an option index (choice), a set of indices (multi-choice), typed text
# (type-in), a list of positions (order), or True/False for "I knew it" (the self-judged sides).
Response = int | set[int] | list[int] | str | bool


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
    def content(self) -> m.Card:
        return card_content(self.card)

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

    def replace(match: re.Match[str]) -> str:
        if int(match.group(1)) == number:
            return f"[{match.group(3)}]" if match.group(3) else "[...]"
        return match.group(2)

    return CLOZE_PATTERN.sub(replace, text)


def cloze_answers(text: str, number: int) -> list[str]:
    return [match.group(2) for match in CLOZE_PATTERN.finditer(text) if int(match.group(1)) == number]


def card_content(card: StudyCard) -> m.Card:
    """The flashcard a side comes from (a quiz holds flashcards only, never a question)."""
    content = card.content
    if not isinstance(content, CARD_CLASSES):
        raise TypeError(f"{card.key} is not a flashcard side")
    return content


def side_prompt(card: StudyCard) -> str:
    return item_prompt(card_content(card), card.variant)


def item_prompt(content: m.Card | m.Question, variant: str = "main") -> str:
    """What a side asks: a card's front (or back, reversed), a cloze with its gap, a prompt."""
    if isinstance(content, m.ReversedCard):
        return content.back if variant == "reverse" else content.front
    if isinstance(content, m.BasicCard):
        return content.front
    if isinstance(content, m.ClozeCard):
        return cloze_prompt(content.text, int(variant.lstrip("c") or 1))
    return content.prompt


def side_answer(card: StudyCard) -> str:
    content, variant = card_content(card), card.variant
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
    """The questions in order, the one being asked (`current`), and each answer's feedback."""

    def __init__(self, study: StudyService, questions: list[QuizQuestion], title: str) -> None:
        self.study = study
        self.questions = questions
        self.title = title
        self.applied = False
        self.position = 0  # the question being asked; len(self) once the quiz is over

    def __len__(self) -> int:
        return len(self.questions)

    @property
    def current(self) -> QuizQuestion:
        return self.questions[min(self.position, len(self.questions) - 1)]

    def next_question(self) -> QuizQuestion | None:
        """Move on: the next question, or None when the quiz is over."""
        self.position = min(self.position + 1, len(self.questions))
        return self.questions[self.position] if self.position < len(self.questions) else None

    @property
    def answered(self) -> list[tuple[QuizQuestion, Feedback]]:
        return [(question, question.feedback) for question in self.questions if question.feedback is not None]

    @property
    def score(self) -> tuple[int, int]:
        """(right, answered)."""
        answered = self.answered
        return sum(feedback.correct for _, feedback in answered), len(answered)

    def answer_picked(self, question: QuizQuestion, picked: Sequence[int]) -> Feedback:
        """Check what was picked in the list of options: for a choice or multi-choice card, indices
        into its options; for an order card, its steps' indices (`content.items`) in the order put."""
        content = question.content
        if isinstance(content, m.OrderCard):
            shown = question.shown_items
            return self.answer(question, [shown.index(content.items[index]) for index in picked])
        if isinstance(content, m.ChoiceCard):
            return self.answer(question, picked[0] if picked else -1)
        return self.answer(question, set(picked))

    def answer(self, question: QuizQuestion, response: Response) -> Feedback:
        """Check a response (see `Response`)."""
        content = question.content
        if isinstance(content, m.ChoiceCard) and isinstance(response, int):
            feedback = check_choice(content, {response})
        elif isinstance(content, m.MultiChoiceCard) and isinstance(response, set | list):
            feedback = check_choice(content, {int(index) for index in response})
        elif isinstance(content, m.TypeInCard):
            feedback = check_type_in(content, str(response))
        elif isinstance(content, m.OrderCard) and isinstance(response, set | list):
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
        for question, feedback in self.answered:
            rating = question.rating or feedback.suggested_rating
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
    return sorted(
        cards, key=lambda card: isinstance(card.content, m.Question) or card.content.type not in CHECKED_TYPES
    )


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
        pack = study.index.packs.get(card.key.pack_id)
        section = pack.section(section_id) if pack is not None else None
        if section is not None:
            title: str = section.title  # the index holds its packs untyped (tests give stand-ins)
            return title
    return f"section {section_id}"


def _weakest_title(study: StudyService, cards: list[StudyCard]) -> str:
    """'your weakest sections: Networking, Volumes': where the cards came from, lowest mastery first."""
    named = []
    for pack_id, section_id in dict.fromkeys((card.key.pack_id, card.item.section) for card in cards):
        section = study.index.packs[pack_id].section(section_id) if section_id else None
        named.append(section.title if section is not None else "cards without a section")
    return "your weakest sections: " + ", ".join(named)
