"""Grading rules: aliases with typos, short answers, misconceptions, the score and the rating."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from prepdeck.study.grading import grade_answer, key_points_covered, suggested_rating


@dataclass
class Point:
    """Any object with these four attributes works: the grader does not need the pack model."""

    id: str
    label: str
    aliases: list[str]
    weight: float = 1.0


MODEL = (
    "Several FROM stages in one Dockerfile; the final stage copies artifacts with COPY --from, "
    "so the image is much smaller and carries no compilers."
)
POINTS = [
    Point("several-from", "several FROM stages", ["several from", "multiple stages"]),
    Point("copy-from", "COPY --from", ["copy --from", "copy from the builder"]),
    Point("smaller", "smaller image", ["smaller image", "image is much smaller"], weight=2.0),
]
MISCONCEPTIONS = ["builds images in parallel"]


def test_an_alias_counts_despite_case_punctuation_and_a_typo() -> None:
    result = grade_answer("We use MULTIPLE stages, then Copy --From the buidler.", MODEL, POINTS)
    assert result.covered == ["several-from", "copy-from"]
    assert result.missed == ["smaller"]


def test_coverage_is_weighted() -> None:
    result = grade_answer("It gives a smaller image.", MODEL, POINTS)
    assert result.coverage == pytest.approx(0.5)
    result = grade_answer("It has multiple stages.", MODEL, POINTS)
    assert result.coverage == pytest.approx(0.25)


def test_a_one_word_answer_does_not_cover_a_longer_alias_or_score_high() -> None:
    result = grade_answer("smaller", MODEL, POINTS)
    assert result.covered == []
    assert result.score < 0.1 and result.suggested_rating == 1


def test_an_answer_made_of_the_models_own_words_is_not_full_marks_when_short() -> None:
    # token_set_ratio alone would give 100 to any subset of the model's words.
    result = grade_answer("stages dockerfile", MODEL, POINTS)
    assert result.similarity < 0.3 and result.score < 0.1


def test_an_empty_answer_scores_zero() -> None:
    result = grade_answer("   ", MODEL, POINTS, MISCONCEPTIONS)
    assert (result.score, result.covered, result.misconceptions, result.suggested_rating) == (0.0, [], (), 1)


def test_the_model_answer_scores_full_marks() -> None:
    result = grade_answer(MODEL, MODEL, POINTS, MISCONCEPTIONS)
    assert result.score == pytest.approx(1.0) and result.suggested_rating == 4


def test_a_misconception_is_named_lowers_the_score_and_caps_the_rating() -> None:
    text = "Multiple stages build images in parallel; copy --from the builder, so the image is much smaller."
    clean = grade_answer(
        text.replace("build images in parallel", "are listed"), MODEL, POINTS, MISCONCEPTIONS
    )
    flawed = grade_answer(text.replace("build images", "builds images"), MODEL, POINTS, MISCONCEPTIONS)
    assert flawed.misconceptions == ("builds images in parallel",)
    assert flawed.score < clean.score
    assert clean.suggested_rating >= 3 and flawed.suggested_rating == 2


def test_the_json_shape_of_prepdeck_grade() -> None:
    result = grade_answer("multiple stages and copy --from", MODEL, POINTS, MISCONCEPTIONS)
    assert set(result.to_json()) == {"score", "covered", "missed", "misconceptions", "suggested_rating"}
    assert result.to_json()["covered"] == ["several-from", "copy-from"]


@pytest.mark.parametrize(
    ("score", "misconception", "rating"),
    [
        (0.0, False, 1),
        (0.39, False, 1),
        (0.4, False, 2),
        (0.6, False, 3),
        (0.85, False, 4),
        (0.95, True, 2),
        (0.2, True, 1),
    ],
)
def test_score_to_suggested_rating(score: float, misconception: bool, rating: int) -> None:
    assert suggested_rating(score, misconception) == rating


def test_key_points_covered_lists_the_ids_a_text_covers() -> None:
    assert key_points_covered(MODEL, POINTS) == ["several-from", "copy-from", "smaller"]
    assert key_points_covered("Only one FROM here.", POINTS) == []
