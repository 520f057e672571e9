"""Grading a typed interview answer by what it claims (no Textual).

- `words`: tokens, English stems (PyStemmer), a pack's synonym table, typo tolerance;
- `statements`: sentences, clauses, negation scopes, whether a sentence states anything;
- `matcher`: one matcher for aliases, `contradicted_by` claims and misconceptions (polarity,
  subjects and swapped roles);
- `scoring`: the verdict per key point, the score and the suggested rating.

`grade_question(question, answer, synonyms)` is what the CLI, the Interview screen and the mock
interview call; `grade_answer(...)` takes the parts of a question one by one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from prepdeck.study.grading.scoring import (
    AnswerGrade,
    CompiledQuestion,
    Contradiction,
    Evidence,
    KeyPointLike,
    MisconceptionFound,
    PointResult,
    grade_compiled,
    suggested_rating,
)
from prepdeck.study.grading.words import Synonyms, content_stems

__all__ = [
    "AnswerGrade",
    "Contradiction",
    "Evidence",
    "MisconceptionFound",
    "PointResult",
    "Synonyms",
    "compiled_question",
    "grade_answer",
    "grade_question",
    "key_points_covered",
    "restates_label",
    "suggested_rating",
]

_CACHE: dict[tuple[int, int], tuple[Any, Any, CompiledQuestion]] = {}
_CACHE_SIZE = 512
_NO_SYNONYMS = Synonyms()


_TABLES: dict[int, tuple[Any, Synonyms]] = {}


def _synonyms(table: Synonyms | Iterable[Sequence[str]] | None) -> Synonyms:
    """A pack's table compiled once (kept while the same list object is in use)."""
    if not table:
        return _NO_SYNONYMS
    if isinstance(table, Synonyms):
        return table
    cached = _TABLES.get(id(table))
    if cached is not None and cached[0] is table:
        return cached[1]
    compiled = Synonyms(table)
    if len(_TABLES) >= 64:
        _TABLES.clear()
    _TABLES[id(table)] = (table, compiled)
    return compiled


def compiled_question(
    question: Any, synonyms: Synonyms | Iterable[Sequence[str]] | None = None
) -> CompiledQuestion:
    """A pack Question compiled for grading; kept while the same question object is in use."""
    key = (id(question), id(synonyms))
    cached = _CACHE.get(key)
    if cached is not None and cached[0] is question and cached[1] is synonyms:
        return cached[2]
    compiled = CompiledQuestion(
        getattr(question, "prompt", ""),
        question.model_answer,
        question.key_points,
        getattr(question, "misconceptions", ()),
        _synonyms(synonyms),
    )
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.clear()
    _CACHE[key] = (question, synonyms, compiled)
    return compiled


def grade_question(
    question: Any, answer: str, synonyms: Synonyms | Iterable[Sequence[str]] | None = None
) -> AnswerGrade:
    """Grade against a pack's Question (prompt, model_answer, key_points, misconceptions), with the
    pack's synonym table."""
    return grade_compiled(compiled_question(question, synonyms), answer)


def grade_answer(
    answer: str,
    model_answer: str,
    key_points: Sequence[KeyPointLike],
    misconceptions: Sequence[Any] = (),
    *,
    prompt: str = "",
    synonyms: Synonyms | Iterable[Sequence[str]] | None = None,
) -> AnswerGrade:
    compiled = CompiledQuestion(prompt, model_answer, key_points, misconceptions, _synonyms(synonyms))
    return grade_compiled(compiled, answer)


def restates_label(point: KeyPointLike, synonyms: Synonyms | Iterable[Sequence[str]] | None = None) -> bool:
    """Every alias of the point uses only the words of its label: no alias in other words."""
    table = _synonyms(synonyms)
    label = set(content_stems(point.label, table))
    return all(set(content_stems(alias, table)) <= label for alias in point.aliases)


def key_points_covered(
    text: str, key_points: Sequence[KeyPointLike], synonyms: Synonyms | Iterable[Sequence[str]] | None = None
) -> list[str]:
    """The ids of the key points `text` states, in order (`pack check` warns on a model answer's gaps)."""
    return grade_answer(text, text, key_points, synonyms=synonyms).covered
