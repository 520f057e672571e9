"""DL3059: consecutive RUN instructions that could be one layer."""

from __future__ import annotations

from collections.abc import Iterator

from prepdeck.lint.model import Dockerfile, Instruction
from prepdeck.lint.registry import Hit, RuleContext, rule
from prepdeck.lint.rules._commands import commands
from prepdeck.lint.shell import SHELLS, parse_script


def _command_count(instruction: Instruction) -> int:
    """Simple commands in a RUN; for `RUN ["sh", "-c", "a && b"]` those of the script given to -c."""
    if instruction.is_json:
        values = [word.value for word in instruction.exec_args]
        if len(values) >= 3 and values[0].rsplit("/", 1)[-1] in SHELLS and values[1] == "-c":
            return len([command for command in parse_script(values[2]).commands if command.words])
    return len(commands(instruction))


def _flags_key(instruction: Instruction) -> tuple[str, ...]:
    return tuple(sorted(flag.text for flag in instruction.flags))


@rule(
    "DL3059",
    severity="info",
    title="Join consecutive short RUN instructions",
    section="image-internals",
    rationale="""
        Each RUN makes a layer, with its own metadata and its own copy of every file it
        touches. One-command RUNs in a row (`RUN mkdir`, `RUN chown`, `RUN touch`) give more
        layers, a slower build and files duplicated across layers, for nothing in return. Join
        them with `&&`. RUNs that already chain commands, or that use different `--mount`
        flags, are left alone: whoever split those probably did it on purpose, for the cache.
    """,
    bad="RUN mkdir -p /opt/app\nRUN chown 1000:1000 /opt/app",
    good="RUN mkdir -p /opt/app && chown 1000:1000 /opt/app",
    fix="Merge the RUN lines with `&&` (a heredoc `RUN <<EOF` keeps long scripts readable).",
)
def check_consecutive_runs(dockerfile: Dockerfile, ctx: RuleContext) -> Iterator[Hit]:
    previous: tuple[tuple[str, ...], int] | None = None
    for instruction in dockerfile.instructions:
        if instruction.keyword != "RUN":
            previous = None
            continue
        flags = _flags_key(instruction)
        count = _command_count(instruction)
        if previous is None or previous[0] != flags or count > 1 or previous[1] > 1:
            previous = (flags, count)
            continue
        yield Hit(instruction.keyword_span, "this RUN follows another one-command RUN: join them with `&&`")
