"""Grading a typed interview answer against a question's key points, with rapidfuzz.

- A key point is covered when one of its alias phrases appears in the answer, allowing typos and
  small rewordings: `partial_ratio` (best-matching window of the answer) on rapidfuzz's default
  processor (lower case, punctuation removed) at or above ALIAS_THRESHOLD. When the answer is
  shorter than the alias, partial_ratio would look for the answer inside the alias, so the whole
  strings are compared with `ratio` instead: a one-word answer cannot cover a long phrase.
- The score is COVERAGE_WEIGHT x weighted key-point coverage + SIMILARITY_WEIGHT x token_set_ratio
  against the model answer. token_set_ratio gives 100 to any answer whose words are a subset of
  the model's, so its share is scaled by how long the answer is compared with the model answer.
- Each misconception phrase found in the answer is named and costs MISCONCEPTION_PENALTY, and
  caps the suggested rating at Hard.
- WRatio and partial_token_set_ratio are avoided on purpose: both rate short wrong answers high.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from rapidfuzz import fuzz, utils

ALIAS_THRESHOLD = 85.0
MISCONCEPTION_THRESHOLD = 88.0
COVERAGE_WEIGHT = 0.75
SIMILARITY_WEIGHT = 0.25
MISCONCEPTION_PENALTY = 0.2
# An answer at least this fraction of the model answer's length gets the full similarity share.
FULL_LENGTH_FRACTION = 0.5
# Lowest score for each suggested rating: Easy, Good, Hard; below the last is Again.
RATING_FLOORS = ((4, 0.85), (3, 0.6), (2, 0.4))


class KeyPointLike(Protocol):
    id: str
    label: str
    aliases: Sequence[str]
    weight: float


@dataclass(frozen=True)
class PointResult:
    id: str
    label: str
    covered: bool
    matched: str | None  # the alias that matched


@dataclass(frozen=True)
class AnswerGrade:
    score: float  # 0..1
    coverage: float  # weighted share of key points covered, 0..1
    similarity: float  # length-scaled token_set_ratio against the model answer, 0..1
    points: tuple[PointResult, ...]
    misconceptions: tuple[str, ...]
    suggested_rating: int  # 1 Again, 2 Hard, 3 Good, 4 Easy

    @property
    def covered(self) -> list[str]:
        return [point.id for point in self.points if point.covered]

    @property
    def missed(self) -> list[str]:
        return [point.id for point in self.points if not point.covered]

    def to_json(self) -> dict:
        """The `prepdeck grade --format json` shape: covered/missed are key-point ids."""
        return {
            "score": round(self.score, 4),
            "covered": self.covered,
            "missed": self.missed,
            "misconceptions": list(self.misconceptions),
            "suggested_rating": self.suggested_rating,
        }


def _phrase_found(phrase: str, answer: str, threshold: float) -> bool:
    """`phrase` and `answer` already went through utils.default_process."""
    if not phrase or not answer:
        return False
    if len(answer) < len(phrase):
        return fuzz.ratio(phrase, answer) >= threshold
    return fuzz.partial_ratio(phrase, answer, score_cutoff=threshold) >= threshold


def _point_result(point: KeyPointLike, answer: str) -> PointResult:
    for alias in point.aliases:
        if _phrase_found(utils.default_process(alias), answer, ALIAS_THRESHOLD):
            return PointResult(point.id, point.label, True, alias)
    return PointResult(point.id, point.label, False, None)


def key_points_covered(text: str, key_points: Sequence[KeyPointLike]) -> list[str]:
    """The ids of the key points `text` covers, in order (`pack check` warns on a model answer's gaps)."""
    answer = utils.default_process(text)
    return [point.id for point in key_points if _point_result(point, answer).covered]


def suggested_rating(score: float, has_misconception: bool) -> int:
    rating = next((rating for rating, floor in RATING_FLOORS if score >= floor), 1)
    return min(rating, 2) if has_misconception else rating


def grade_answer(
    answer: str,
    model_answer: str,
    key_points: Sequence[KeyPointLike],
    misconceptions: Sequence[str] = (),
) -> AnswerGrade:
    processed = utils.default_process(answer)
    points = tuple(_point_result(point, processed) for point in key_points)
    total_weight = sum(point.weight for point in key_points) or 1.0
    coverage = (
        sum(kp.weight for kp, result in zip(key_points, points, strict=False) if result.covered)
        / total_weight
    )
    model = utils.default_process(model_answer)
    similarity = 0.0
    if processed and model:
        length_share = min(1.0, len(processed.split()) / (FULL_LENGTH_FRACTION * len(model.split())))
        similarity = fuzz.token_set_ratio(processed, model) / 100.0 * length_share
    found = tuple(
        phrase
        for phrase in misconceptions
        if _phrase_found(utils.default_process(phrase), processed, MISCONCEPTION_THRESHOLD)
    )
    score = COVERAGE_WEIGHT * coverage + SIMILARITY_WEIGHT * similarity - MISCONCEPTION_PENALTY * len(found)
    score = min(1.0, max(0.0, score))
    return AnswerGrade(
        score=score,
        coverage=coverage,
        similarity=similarity,
        points=points,
        misconceptions=found,
        suggested_rating=suggested_rating(score, bool(found)),
    )


def grade_question(question, answer: str) -> AnswerGrade:
    """Grade against a pack's Question (prompt, model_answer, key_points, misconceptions)."""
    return grade_answer(answer, question.model_answer, question.key_points, question.misconceptions)
