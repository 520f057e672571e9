"""A side the learner buried or suspended stays away from every way of studying: today's review,
extra practice, quizzes and the interview's weakest questions. A bury ends with the study day; a
suspension only when the learner unsuspends the side."""

from __future__ import annotations

from study_helpers import make_pack

from prepdeck.content.model import KeyPoint, Question
from prepdeck.study.interview import due_or_weakest
from prepdeck.study.quiz import build_quiz
from prepdeck.study.session import ReviewFilters, ReviewSession

CARDS = 6


def _ids(cards) -> set[str]:
    return {card.key.item_id for card in cards}


def _question(n: int) -> Question:
    return Question(
        id=f"q{n}",
        section="s1",
        prompt=f"Why {n}?",
        model_answer=f"Because {n}.",
        key_points=[KeyPoint(id="k", label=f"because {n}", aliases=[f"because {n}"])],
    )


def _everything_today(study) -> dict[str, set[str]]:
    """The sides each way of studying offers now (today's queue drained with Good)."""
    seen = {
        "practice by section": _ids(ReviewSession(study, ReviewFilters(section="s1")).cards),
        "practice by tag": set().union(
            *(_ids(ReviewSession(study, ReviewFilters(tag=f"tag{n}")).cards) for n in range(3))
        ),
        "practice, weakest": _ids(ReviewSession(study, ReviewFilters(weakest=True), size=100).cards),
        "quiz": {q.card.key.item_id for q in build_quiz(study, section="s1", count=100).questions},
        "interview's weakest": _ids(study.cram(kind="question", weakest=True, limit=100)),
    }
    reviewed = set()
    while (card := study.next_card()) is not None:
        reviewed.add(card.key.item_id)
        study.grade(card, 3)
    seen["review"] = reviewed
    return seen


def test_buried_and_suspended_sides_stay_away_all_day_then_only_the_bury_ends(make_service, clock) -> None:
    pack = make_pack("p", cards=CARDS, questions=[_question(1), _question(2)])
    study = make_service(pack)
    buried, suspended = study.next_card(), study.cram(limit=100)[-1]
    study.bury(buried)
    study.suspend(suspended)
    question = study.cram(kind="question", limit=1)[0]
    study.suspend(question)
    set_aside = {buried.key.item_id, suspended.key.item_id, question.key.item_id}

    clock.advance(hours=3)
    for way, offered in _everything_today(study).items():
        assert offered, way
        assert not offered & set_aside, way
    for _ in range(3):  # asked, rated Good, asked again: never the suspended question
        choice = due_or_weakest(study, "p")
        assert choice.card is not None and choice.card.key != question.key
        if not choice.practice:
            study.grade(choice.card, 3)

    clock.advance(days=1)  # the next study day: the bury is over, the suspensions are not
    practice = _ids(ReviewSession(study, ReviewFilters(section="s1")).cards)
    assert buried.key.item_id in practice
    assert suspended.key.item_id not in practice
    study.unsuspend(suspended)
    assert suspended.key.item_id in _ids(ReviewSession(study, ReviewFilters(section="s1")).cards)


def test_bury_and_suspend_in_practice_are_stored_and_respected_by_the_review(make_service) -> None:
    study = make_service(make_pack("p", cards=CARDS))
    sitting = ReviewSession(study, ReviewFilters(section="s1"))
    first, second = sitting.next_card(), sitting.next_card()
    sitting.bury(first)
    sitting.suspend(second)
    assert study.store.get_state(first.key).buried_until == study.today().end
    assert study.store.get_state(second.key).suspended
    offered = _everything_today(study)
    for way in ("review", "practice by section", "quiz"):
        assert not offered[way] & {first.key.item_id, second.key.item_id}, way
    assert len(offered["review"]) == CARDS - 2
