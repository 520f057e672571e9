"""The Dockerfile under check, parsed and linted once and shared by every requirement."""

from __future__ import annotations

from collections.abc import Sized
from dataclasses import dataclass, field
from typing import Any

from prepdeck.build import Build, BuildContext, build_image
from prepdeck.lint.model import Dockerfile, Instruction, Span, Stage


@dataclass(slots=True)
class Subject:
    text: str
    dockerfile: Dockerfile
    findings: list[Any] = field(default_factory=list)
    context: BuildContext = field(default_factory=BuildContext.unknown)
    _build: Build | None = None

    @property
    def build(self) -> Build:
        """What the Dockerfile builds (made once, on first use, shared by every requirement)."""
        if self._build is None:
            self._build = build_image(self.dockerfile, self.context)
        return self._build

    @property
    def final_stage(self) -> Stage | None:
        return self.dockerfile.final_stage

    def missing_span(self) -> Span:
        """Where to point when something is missing: the final stage's FROM line (or the file's start)."""
        stage = self.final_stage
        if stage is None:
            return Span.point(1, 1)
        return stage.from_instruction.head_span

    def scope(self, where: str) -> list[Instruction]:
        """Instructions of the final stage (its FROM included), or of the whole file for "any"/"all"."""
        if where == "final":
            stage = self.final_stage
            return [stage.from_instruction, *stage.instructions] if stage is not None else []
        return list(self.dockerfile.instructions)


def stage_chain(stage: Stage) -> list[Stage]:
    """The stage and the earlier stages it builds on (`FROM build AS test`), oldest first."""
    chain: list[Stage] = []
    current: Stage | None = stage
    while current is not None and current not in chain:
        chain.append(current)
        current = current.base_stage
    return chain[::-1]


def quoted(text: str, limit: int = 60) -> str:
    """`text` in backticks for a message, shortened to one line."""
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return f"`{flat}`"


def and_more(items: Sized) -> str:
    """`" (and 2 more)"` after naming the first of several items; empty for one."""
    return f" (and {len(items) - 1} more)" if len(items) > 1 else ""
