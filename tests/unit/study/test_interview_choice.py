"""Which interview question is asked: named, due, or the weakest as practice (study/interview.py)."""

from __future__ import annotations

from study_helpers import make_pack, question

from prepdeck.study.interview import (
    ASKING,
    EMPTY,
    GRADED,
    SAVED,
    InterviewSitting,
    due_or_weakest,
    named_question,
)


def _packs():
    alpha = make_pack("alpha", 1, questions=[question("q-one"), question("q-two")])
    beta = make_pack("beta", 0, questions=[question("q-one"), question("q-beta")])
    return alpha, beta


def test_a_named_question_is_found_in_the_given_pack_first_then_in_load_order(make_service) -> None:
    service = make_service(*_packs())
    assert named_question(service, "q-one", "beta").card.key.pack_id == "beta"
    assert named_question(service, "q-one").card.key.pack_id == "alpha"
    assert named_question(service, "q-beta", "alpha").card.key.pack_id == "beta"
    chosen = named_question(service, "q-two")
    assert not chosen.practice and chosen.card.bucket == "chosen"


def test_an_unknown_or_non_question_id_says_so(make_service) -> None:
    service = make_service(*_packs())
    for missing in ("q-nope", "alpha-card-000"):
        chosen = named_question(service, missing)
        assert chosen.card is None
        assert chosen.problem == f"There is no interview question '{missing}'."


def test_a_due_question_is_graded_and_once_none_is_due_the_weakest_other_one_is_practice(
    make_service,
) -> None:
    service = make_service(make_pack("alpha", 0, questions=[question("q-one"), question("q-two")]))
    service.update_settings(new_per_day=1)
    first = due_or_weakest(service, "alpha")
    assert first.card is not None and not first.practice
    service.grade(first.card, 4)  # easy: not due again today, and today's one new question is used
    after = due_or_weakest(service, "alpha", after=first.card.key)
    assert after.practice
    assert after.card is not None and after.card.key.item_id == "q-two"


def test_a_due_question_of_another_pack_is_not_asked_for_this_pack(make_service) -> None:
    alpha, beta = _packs()
    service = make_service(alpha, beta)
    due = service.next_card(kind="question")
    assert due is not None and due.key.pack_id == "alpha"
    chosen = due_or_weakest(service, "beta")
    assert chosen.practice and chosen.card.key.pack_id == "beta"


def test_nothing_to_ask_when_the_only_question_was_just_asked(make_service) -> None:
    service = make_service(make_pack("alpha", 0, questions=[question("q-one")]))
    service.update_settings(new_per_day=0)
    only = named_question(service, "q-one").card
    assert due_or_weakest(service, after=only.key).card is None


GOOD_ANSWER = (
    "Several FROM stages: the final stage copies artifacts with COPY --from, so the image is smaller."
)


def test_a_sitting_grades_the_answer_chooses_the_suggested_rating_and_saves_the_chosen_one(
    make_service,
) -> None:
    service = make_service(make_pack("alpha", 0, questions=[question("q-one")]))
    sitting = InterviewSitting(service, "alpha")
    assert sitting.save() is None and sitting.choose(2) is False  # nothing asked yet
    assert sitting.ask_next() and sitting.phase == ASKING and not sitting.practice
    grade = sitting.submit(GOOD_ANSWER)
    assert grade is not None and sitting.phase == GRADED
    assert sitting.rating == grade.suggested_rating == 4
    assert set(sitting.interval_preview()) == {1, 2, 3, 4}
    assert sitting.submit("again") is None  # one answer per question
    assert sitting.choose(2) and sitting.rating == 2
    result = sitting.save()
    assert result is not None and sitting.phase == SAVED
    rows = service.store.reviews()
    assert [(row.key.item_id, row.rating, row.answer_score) for row in rows] == [("q-one", 2, grade.score)]
    assert sitting.choose(3) is False and sitting.save() is None  # saved once


def test_a_practice_question_saves_nothing_and_typing_an_answer_keeps_the_question(make_service) -> None:
    service = make_service(make_pack("alpha", 0, questions=[question("q-one"), question("q-two")]))
    service.update_settings(new_per_day=1)
    sitting = InterviewSitting(service, "alpha")
    sitting.ask_next()
    first = sitting.card
    assert first is not None
    assert not sitting.ask_next()  # the answer is being typed: the question stays
    assert sitting.card is first
    sitting.submit(GOOD_ANSWER)
    assert sitting.save() is not None
    assert sitting.ask_next() and sitting.practice  # nothing else is due: the weakest other one
    assert sitting.card is not None and sitting.card.key.item_id == "q-two"
    sitting.submit("it builds images in parallel")
    assert sitting.interval_preview() == {}
    assert sitting.save() is None and sitting.phase == GRADED
    assert len(service.store.reviews()) == 1


def test_a_named_question_that_does_not_exist_leaves_nothing_to_ask(make_service) -> None:
    sitting = InterviewSitting(make_service(*_packs()))
    assert sitting.ask_named("q-nope") == "There is no interview question 'q-nope'."
    assert sitting.card is None and sitting.phase == EMPTY
    assert sitting.ask_named("q-beta") is None and sitting.phase == ASKING
