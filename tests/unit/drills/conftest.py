"""Fixtures: build a drill from requirement dicts and check a Dockerfile against it."""

from __future__ import annotations

import textwrap

import pytest

from prepdeck.content import model as m
from prepdeck.drills import check_drill
from prepdeck.drills.outcome import RequirementResult


def _make_drill(*requirements: dict, context: dict | None = None) -> m.Drill:
    listed = [
        {"id": f"req-{index}", "message": f"requirement {index}", **requirement}
        for index, requirement in enumerate(requirements)
    ]
    return m.Drill.model_validate(
        {
            "id": "demo",
            "title": "Demo",
            "instructions": "Fix it.",
            "starter": "s",
            "solution": "s",
            "requirements": listed,
            **({"context": context} if context is not None else {}),
        }
    )


def _judge(requirement: dict, dockerfile: str) -> RequirementResult:
    return check_drill(_make_drill(requirement), textwrap.dedent(dockerfile).lstrip("\n")).requirements[0]


@pytest.fixture
def make_drill():
    """make_drill({"check": ..., "params": ...}, ..., context={...}) -> Drill with ids req-0, req-1, ..."""
    return _make_drill


@pytest.fixture
def judge():
    """judge(requirement_dict, dockerfile_text) -> the RequirementResult (text is dedented)."""
    return _judge


def span_tuple(result: RequirementResult) -> tuple[int, int, int, int] | None:
    span = result.span
    return None if span is None else (span.line, span.column, span.end_line, span.end_column)


@pytest.fixture
def span():
    """span(result) -> (line, column, end_line, end_column), or None when met."""
    return span_tuple
