"""The build cache: if a context file changes, which instructions run again?

An instruction re-runs when what it reads changed: a COPY/ADD whose sources take the file (after
`.dockerignore`), a RUN whose bind mount reads it, a `COPY --from`/`--mount=from` of a stage that
re-ran. Every later instruction of the same stage re-runs too (each layer builds on the previous
one), and so does every instruction of a stage built FROM one that re-ran. A cache mount never
invalidates anything: it is not part of the cache key.
"""

from __future__ import annotations

from dataclasses import dataclass

from prepdeck.build.walk import Build, Step
from prepdeck.lint.model import Instruction


@dataclass(frozen=True)
class Rerun:
    instruction: Instruction
    cause: Instruction  # the first instruction of the chain that re-ran, and why
    why: str


def reruns(build: Build, changed: str) -> list[Rerun]:
    """Every instruction that re-runs when context file `changed` changes, in file order."""
    context = build.context
    if context.declared and context.dockerignore.excludes(changed):
        return []
    dirty_from: dict[int, Rerun] = {}  # stage index -> the first re-run in it
    result: list[Rerun] = []
    for stage in build.stages:
        steps = [step for step in build.steps if step.stage == stage.index]
        current: Rerun | None = None
        if stage.parent is not None and stage.parent.index in dirty_from:
            parent_first = dirty_from[stage.parent.index]
            current = Rerun(stage.stage.from_instruction, parent_first.cause, parent_first.why)
        for step in steps:
            if current is None:
                cause = _reads_change(build, step, changed, dirty_from)
                if cause:
                    current = Rerun(step.instruction, step.instruction, cause)
            if current is not None:
                result.append(Rerun(step.instruction, current.cause, current.why))
                dirty_from.setdefault(stage.index, current)
    return result


def _reads_change(build: Build, step: Step, changed: str, dirty: dict[int, Rerun]) -> str:
    for source in step.context_sources:
        if build.context.source_matches(source, changed):
            verb = "bind-mounts" if step.instruction.keyword == "RUN" else "copies"
            return f"line {step.instruction.line} {verb} it"
    for index in step.from_stages:
        if index in dirty:
            first = dirty[index]
            return f"line {step.instruction.line} copies from a stage that re-runs ({first.why})"
    return ""
