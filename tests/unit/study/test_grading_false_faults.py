"""Correct answers the grader used to fault, each a reading a candidate's words need: a thing named
in a negated clause is not denied, a negation ends at the comma of its phrase or relative clause,
a case ("when it doesn't ...") is not a denial, an accusation keeps its word order, and a pronoun
borrows only the sentence's opening words."""

from __future__ import annotations

import pytest

from prepdeck.study.grading import AnswerGrade, grade_answer

from .test_grading import Point
from .test_grading_readings import graded


def faults(result: AnswerGrade) -> list[str]:
    return [c.key_point for c in result.contradictions] + list(result.misconceptions)


@pytest.mark.parametrize(
    ("question_id", "answer", "point"),
    [
        # a thing named in a negated clause: "can't bind ports below 1024" is the point itself
        (
            "q-non-root-pitfalls",
            "As a non-root user it can't bind ports below 1024, so listen on 8080 instead.",
            "low-ports",
        ),
        # "doesn't replace graceful shutdown" does not deny graceful shutdown
        (
            "q-pid1-init",
            "tini forwards signals and reaps zombies. It doesn't replace graceful shutdown code in the app.",
            "not-graceful-alone",
        ),
        # "not to files" negates a phrase: the scope ends at its comma
        (
            "q-logging-strategy",
            "Log to stdout and stderr, not to files inside the container, ideally as structured JSON lines.",
            "structured",
        ),
        # a negation in a relative clause ends at its comma
        (
            "q-multi-arch",
            "Pitfalls: base images that don't exist for arm64, and an M1 Mac building arm64-only images "
            "that fail on amd64 servers.",
            "apple-silicon",
        ),
    ],
)
def test_a_correct_statement_is_credited_and_not_faulted(question_id: str, answer: str, point: str) -> None:
    result = graded(question_id, answer)
    assert faults(result) == []
    assert point in result.covered


def test_a_case_introduced_by_when_is_not_a_denial() -> None:
    result = graded(
        "q-pid1-init",
        "tini forwards signals and reaps zombies. You need it when the app spawns children, or when it "
        "doesn't handle signals itself.",
    )
    assert faults(result) == []


def test_an_accusation_keeps_its_word_order() -> None:
    right = graded(
        "q-processes-on-host",
        "Yes, they are ordinary processes on the host with other PIDs. The reverse isn't true: the "
        "container can't see host processes.",
    )
    assert faults(right) == [] and "regular-processes" in right.covered
    wrong = graded("q-processes-on-host", "No. The host cannot see a container's processes.")
    assert "regular-processes" in faults(wrong) and wrong.suggested_rating == 1


def test_a_pronoun_borrows_only_the_sentences_opening_words() -> None:
    # "it reaps zombies" is about tini: the kernel later in the sentence does not become its subject
    result = graded(
        "q-pid1-init",
        "As PID 1 it forwards signals, because the kernel applies no default handlers to PID 1, and it "
        "reaps zombie processes.",
    )
    assert faults(result) == [] and "reaps-zombies" in result.covered
    # nor does a negated verb: "Kubernetes doesn't use it, it has its own probes"
    probes = graded(
        "q-healthcheck", "Kubernetes doesn't use it, it has liveness and readiness probes instead."
    )
    assert faults(probes) == [] and "k8s-ignores" in probes.covered


def test_what_the_grader_cannot_read_is_never_rated_good() -> None:
    # a false claim's words in another order: not faulted, but never Good either
    points = [
        Point(
            "see",
            "the host sees them",
            ["ordinary processes on the host"],
            contradicted_by=["host cannot see"],
        ),
        Point("pids", "other PIDs", ["other pids"]),
    ]
    answer = "They are ordinary processes on the host with other PIDs; you cannot see host processes inside."
    result = grade_answer(answer, "", points)
    assert result.covered == ["see", "pids"] and faults(result) == []
    assert result.score == 1.0 and result.suggested_rating == 2
    # a point named only in a negated clause, the rest right: never Good
    named = [
        Point("ports", "ports below 1024", ["below 1024"]),
        Point("chown", "chown the files", ["copy --chown"]),
        Point("uid", "numeric uid", ["numeric uid"]),
        Point("home", "a home directory", ["home directory"]),
        Point("tmp", "writable tmp", ["writable tmp"]),
    ]
    partly = grade_answer(
        "Use COPY --chown, set a numeric UID, create a home directory and a writable tmp; it doesn't "
        "matter whether it binds below 1024.",
        "",
        named,
    )
    assert partly.covered == ["chown", "uid", "home", "tmp"] and faults(partly) == []
    assert partly.suggested_rating <= 2


def test_a_thing_denied_directly_is_still_a_contradiction() -> None:
    # the negation falls on the point's words themselves, not on another verb before them
    points = [
        Point("smaller", "a smaller final image", ["smaller final image"], weight=2),
        Point("from", "FROM", ["several from stages"]),
    ]
    result = grade_answer("Several FROM stages, but the final image is not smaller at all.", "", points)
    assert faults(result) == ["smaller"] and result.suggested_rating == 1
