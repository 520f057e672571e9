"""The grader on a labelled set (tests/fixtures/grading): good > partial > bad, model answers full."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from prepdeck.content.model import Question
from prepdeck.study.grading import grade_question

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "grading" / "labelled-answers.yaml"
ENTRIES = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))


def _question(entry: dict) -> Question:
    return Question(**{key: value for key, value in entry.items() if key != "answers"})


def _scores(entry: dict) -> dict[str, float]:
    question = _question(entry)
    return {label: grade_question(question, text).score for label, text in entry["answers"].items()}


def test_the_set_has_at_least_ten_questions_each_with_three_labelled_answers() -> None:
    assert len(ENTRIES) >= 10
    for entry in ENTRIES:
        assert set(entry["answers"]) == {"good", "partial", "bad"}


@pytest.mark.parametrize("entry", ENTRIES, ids=[entry["id"] for entry in ENTRIES])
def test_a_good_answer_beats_a_bad_one(entry: dict) -> None:
    scores = _scores(entry)
    assert scores["good"] > scores["bad"], scores


def test_good_beats_partial_beats_bad_for_at_least_eight_in_ten() -> None:
    ordered = [
        entry["id"] for entry in ENTRIES if (lambda s: s["good"] > s["partial"] > s["bad"])(_scores(entry))
    ]
    assert len(ordered) >= 0.8 * len(ENTRIES), ordered


@pytest.mark.parametrize("entry", ENTRIES, ids=[entry["id"] for entry in ENTRIES])
def test_a_model_answer_covers_all_its_key_points_and_scores_full_marks(entry: dict) -> None:
    question = _question(entry)
    result = grade_question(question, question.model_answer)
    assert result.missed == [] and result.misconceptions == ()
    assert result.score == pytest.approx(1.0)
    assert result.suggested_rating == 4


@pytest.mark.parametrize("entry", ENTRIES, ids=[entry["id"] for entry in ENTRIES])
def test_bad_answers_are_rated_again_or_hard(entry: dict) -> None:
    question = _question(entry)
    assert grade_question(question, entry["answers"]["bad"]).suggested_rating <= 2
