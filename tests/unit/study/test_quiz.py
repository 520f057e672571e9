"""Quick quizzes: the cards chosen, answers checked at once, the schedule only on request."""

from __future__ import annotations

import random
from datetime import UTC
from pathlib import Path

import pytest

from prepdeck.content import load_pack
from prepdeck.store import Store
from prepdeck.study.quiz import QuizError, build_quiz, cloze_prompt, fresh_card
from prepdeck.study.service import StudyService

SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "packs" / "quiz-sample"


@pytest.fixture
def study(store: Store, clock) -> StudyService:
    return StudyService(store, [load_pack(SAMPLE).pack], clock=clock, rng=random.Random(5), zone=UTC)


def by_id(quiz, item_id: str, variant: str = "main"):
    return next(q for q in quiz.questions if q.card.key.item_id == item_id and q.card.variant == variant)


def test_checked_cards_come_first_and_the_tag_filters(study) -> None:
    quiz = build_quiz(study, tag="signals", count=5)
    assert [q.card.key.item_id for q in quiz.questions] in (
        ["stop-signal-name", "init-options"],
        ["init-options", "stop-signal-name"],
    )
    everything = build_quiz(study, section="runtime", count=10)
    types = [q.type for q in everything.questions]
    assert set(types[:2]) == {"choice", "order"}
    assert set(types[2:]) == {"reversed"}
    assert len(everything) == 4  # the reversed card counts twice: both its sides


def test_answers_are_checked_with_feedback(study) -> None:
    quiz = build_quiz(study, count=20, weakest=True)
    choice = by_id(quiz, "healthcheck-choice")
    feedback = quiz.answer(choice, 1)
    assert not feedback.correct and feedback.expected == "HEALTHCHECK"
    assert "✗ EXPOSE (your pick): It only documents a port." in feedback.details

    multi = by_id(quiz, "init-options")
    assert quiz.answer(multi, {0, 1}).correct
    assert not quiz.answer(multi, {0}).correct

    typed = by_id(quiz, "stop-signal-name")
    assert quiz.answer(typed, "  stopsignal ").correct  # case and spaces ignored by default
    assert not quiz.answer(typed, "SIGTERM").correct

    order = by_id(quiz, "runtime-order")
    assert order.shown_items != ["docker CLI", "dockerd", "containerd", "runc"]
    right = [order.shown_items.index(step) for step in ["docker CLI", "dockerd", "containerd", "runc"]]
    assert quiz.answer(order, right).correct
    wrong = quiz.answer(order, list(reversed(right)))
    assert not wrong.correct and wrong.details[0] == "✗ 1. docker CLI"

    reverse = by_id(quiz, "runc-role", "reverse")
    assert reverse.prompt == "the low-level OCI runtime that creates the container process"
    assert reverse.answer_text == "runc"
    assert quiz.answer(reverse, True).correct
    assert quiz.score == (1, 5)  # the last answer to each counts: only the reversed side was right


def test_cloze_sides_hide_one_deletion() -> None:
    text = "The default is {{c1::overlay2}}; writes go to a {{c2::copy-on-write::how writes work}} layer."
    assert cloze_prompt(text, 1) == "The default is [...]; writes go to a copy-on-write layer."
    assert cloze_prompt(text, 2) == "The default is overlay2; writes go to a [how writes work] layer."


def test_the_schedule_changes_only_when_applied(study, store) -> None:
    quiz = build_quiz(study, tag="signals", count=5)
    typed = next(q for q in quiz.questions if q.type == "type_in")
    multi = next(q for q in quiz.questions if q.type == "multi_choice")
    quiz.answer(typed, "STOPSIGNAL")
    quiz.answer(multi, {2})
    assert list(store.reviews()) == []
    multi.rating = 2  # the learner overrides Again with Hard
    results = quiz.apply()
    assert sorted((r.key.item_id, r.rating) for r in store.reviews()) == [
        ("init-options", 2),
        ("stop-signal-name", 3),
    ]
    assert len(results) == 2
    assert quiz.apply() == []  # a second apply commits nothing


def test_nothing_to_quiz_on_is_a_clear_error(study) -> None:
    with pytest.raises(QuizError, match="no card to quiz on in the tag 'kubernetes'"):
        build_quiz(study, tag="kubernetes")
    with pytest.raises(QuizError, match="at least one card"):
        build_quiz(study, count=0)


def test_the_weakest_quiz_draws_from_the_sections_with_the_lowest_mastery(study, clock) -> None:
    """Issue 12: all ten cards came from a 92% section while others sat at 0%."""
    for card in study.cram(section="runtime", limit=10):
        study.grade(fresh_card(study, card.item, clock.now), 4)
    clock.advance(days=1)
    study.mark_section_read("quiz-sample", "signals")
    quiz = build_quiz(study, weakest=True, count=4)
    assert {q.card.item.section for q in quiz.questions} == {"signals", "images"}  # both at 0%
    # equal mastery: the section read comes first, then reading order
    assert quiz.title == "your weakest sections: PID 1 and signals, Images and layers"
    # two months on, runtime has faded while signals and images were just learned: it is the weakest
    clock.advance(days=60)
    for section in ("signals", "images"):
        for card in study.cram(section=section, limit=10):
            study.grade(fresh_card(study, card.item, clock.now), 4)
    faded = build_quiz(study, weakest=True, count=3)
    assert faded.title.startswith("your weakest sections: The runtime")


def test_the_weakest_quiz_takes_turns_between_the_three_weakest_sections(study, clock) -> None:
    """Issue 12: ten weakest cards must not all come from the one weakest section."""
    sections = [section.id for section in study.index.packs["quiz-sample"].sections]
    assert len(sections) >= 3
    quiz = build_quiz(study, weakest=True, count=6)
    drawn = [q.card.item.section for q in quiz.questions]
    assert len(set(drawn)) == 3  # every section at 0%: three of them, two cards each
    assert all(drawn.count(section) == 2 for section in set(drawn))


def test_what_is_picked_in_the_list_is_checked_as_the_card_asks(study) -> None:
    quiz = build_quiz(study, count=20, weakest=True)
    # an order card's list shows its steps by their index in `items`, in the order the learner puts them
    order = by_id(quiz, "runtime-order")
    assert quiz.answer_picked(order, [0, 1, 2, 3]).correct
    assert not quiz.answer_picked(order, [1, 0, 2, 3]).correct
    choice = by_id(quiz, "healthcheck-choice")
    right = next(i for i, option in enumerate(choice.content.options) if option.correct)
    assert quiz.answer_picked(choice, [right]).correct
    assert not quiz.answer_picked(choice, []).correct  # nothing picked is not right
    multi = by_id(quiz, "init-options")
    assert quiz.answer_picked(multi, [1, 0]).correct
    assert not quiz.answer_picked(multi, [0]).correct


def test_the_quiz_moves_through_its_questions_once_and_then_is_over(study) -> None:
    quiz = build_quiz(study, section="runtime", count=10)
    asked = [quiz.current]
    while (question := quiz.next_question()) is not None:
        assert question is quiz.current
        asked.append(question)
    assert asked == quiz.questions
    assert quiz.next_question() is None and quiz.position == len(quiz)
