"""The drill editor's incremental re-lint (lint/incremental.py) gives exactly what a full lint gives:
the same findings and the same model, after any series of edits."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prepdeck.lint import lint_text
from prepdeck.lint.incremental import Relinter
from prepdeck.lint.model import Dockerfile

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "dockerfiles"
BASES = [
    path.read_text(encoding="utf-8")
    for path in sorted(FIXTURES.glob("*.Dockerfile"))
    if "parse-error" not in path.name
][:40]

# What a learner types: single characters that matter to the parser, and whole pieces.
TYPED = st.sampled_from(
    [
        "a",
        " ",
        "\n",
        "\\",
        "\\\n",
        "`",
        "#",
        "# escape=`\n",
        "\t",
        '"',
        "'",
        "$",
        "${X}",
        "=",
        "<<EOF",
        "<<-EOF\n",
        "\nEOF\n",
        "FROM alpine:3.19 AS base\n",
        "FROM base\n",
        "ARG TAG=1\n",
        "ONBUILD RUN x\n",
        "RUN apt-get install -y curl\n",
        'SHELL ["/bin/bash", "-c"]\n',
        "USER root\n",
        "# hadolint ignore=DL3008\n",
        '["a", "b"]',
        "&& ",
        "| ",
    ]
)
EDIT = st.tuples(st.floats(0, 1), st.integers(0, 3), TYPED | st.just(""))


def apply(text: str, edit: tuple[float, int, str]) -> str:
    where, deleted, inserted = edit
    at = int(where * len(text))
    return text[:at] + inserted + text[at + deleted :]


def model_of(dockerfile: Dockerfile) -> list[tuple]:
    """What drills and rules read from the model, instruction by instruction."""
    rows = []
    for instruction in dockerfile.walk():
        image = instruction.image
        rows.append(
            (
                instruction.keyword,
                instruction.index,
                instruction.span,
                instruction.arguments,
                instruction.stage.index if instruction.stage is not None else None,
                [comment.text for comment in instruction.comments],
                None
                if image is None
                else (
                    image.resolved,
                    image.registry,
                    image.repository,
                    image.tag,
                    image.digest,
                    image.tag_span,
                    image.digest_span,
                    image.stage.index if image.stage is not None else None,
                ),
            )
        )
    return [
        *rows,
        ("stages", [(stage.index, stage.name, len(stage.instructions)) for stage in dockerfile.stages]),
        ("comments", [(comment.text, comment.span) for comment in dockerfile.comments]),
        ("diagnostics", sorted((d.message, d.span) for d in dockerfile.diagnostics)),
    ]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(base=st.sampled_from(BASES), edits=st.lists(EDIT, min_size=1, max_size=8))
def test_incremental_lint_equals_a_full_lint_after_random_edits(base: str, edits: list) -> None:
    relinter = Relinter(path="Dockerfile")
    relinter.lint(base)
    text = base
    for edit in edits:
        text = apply(text, edit)
        incremental = relinter.lint(text)
        full = lint_text(text)
        assert [f.to_dict() for f in incremental.findings] == [f.to_dict() for f in full.findings]
        assert model_of(incremental.dockerfile) == model_of(full.dockerfile)


def test_a_one_character_edit_reads_only_its_instruction_again() -> None:
    text = 'FROM debian:12.5-slim AS build\nRUN apt-get update\nRUN make\nFROM build\nCMD ["x"]\n'
    relinter = Relinter()
    before = list(relinter.lint(text).dockerfile.instructions)
    edited = text.replace("RUN make", "RUN makes")
    after = relinter.lint(edited).dockerfile.instructions
    kept = [new is old for new, old in zip(after, before, strict=True)]
    assert kept == [True, True, False, True, True]
    assert [f.to_dict() for f in relinter.lint(edited).findings] == [
        f.to_dict() for f in lint_text(edited).findings
    ]


def test_a_line_added_at_the_end_reads_an_open_continuation_again() -> None:
    relinter = Relinter()
    relinter.lint("FROM alpine:3.19\nRUN echo \\\n# a comment\n")
    result = relinter.lint("FROM alpine:3.19\nRUN echo \\\n# a comment\nhello\n")
    assert result.dockerfile.instructions[1].arguments == "echo hello"


def test_a_refused_text_then_a_normal_one() -> None:
    relinter = Relinter()
    assert relinter.lint("FROM alpine:3.19\n" + "RUN a b c d e\n" * 60_000).codes() == ["DL1000"]
    text = "FROM alpine:3.19\nRUN echo hi\n"
    assert relinter.lint(text).codes() == lint_text(text).codes()
