"""Which interview question is asked: named, due, or the weakest as practice (study/interview.py)."""

from __future__ import annotations

from study_helpers import make_pack, question

from prepdeck.study.interview import due_or_weakest, named_question


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
