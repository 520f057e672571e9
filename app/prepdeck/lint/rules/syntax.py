"""DL1000: what the parser could not make sense of, as findings."""

from __future__ import annotations

from collections.abc import Iterator

from prepdeck.lint.model import Dockerfile
from prepdeck.lint.registry import Hit, RuleContext, rule


@rule(
    "DL1000",
    severity="error",
    title="The Dockerfile does not parse",
    rationale="BuildKit refuses a Dockerfile it cannot parse, so nothing else matters until this is "
    "fixed. Unlike hadolint, which stops at the first parse error, prepdeck reports each problem "
    "where it is (an unknown instruction, a missing argument, an unclosed heredoc, an invalid "
    "escape directive...) and keeps checking the rest of the file.",
    bad="FROM\nRUNN apt-get update",
    good="FROM debian:12-slim\nRUN apt-get update",
    fix="Follow the message: it names the instruction or token BuildKit would reject and what it expects.",
    section="dockerfile-instructions",
)
def parse_problems(dockerfile: Dockerfile, ctx: RuleContext) -> Iterator[Hit]:
    for diagnostic in dockerfile.diagnostics:
        yield Hit(diagnostic.span, diagnostic.message)
