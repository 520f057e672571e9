"""A package-manager's-eye view of the shell commands in a RUN, shared by the RUN rule families.

`shell.py` splits a RUN script into commands with words and spans. The RUN rules need a few readings
on top of that, kept here so each rule module stays about its own tool:

- `commands(ins)`: every simple command of a RUN with wrappers (`sudo`, `env A=1`) looked through;
- `flag_names(cmd)`: hadolint's reading of options (`--name[=value]` is `name`, `-abc` is `a`, `b`,
  `c`), so "has -y" agrees with hadolint on clusters such as `-qy`;
- `operands_after(cmd, word, takes_value)`: the package words after `install`, skipping the value
  of each option that takes one (`-t bookworm-backports`, `--virtual .deps`);
- `cache_mount_covers(ins, dir)`: a `RUN --mount=type=cache` makes a cleanup for that folder moot;
- `unpinned_hits(ins, ctx, word, pinned, shape)`: the pin rules' findings for one package word,
  looking through a variable (`$buildDeps`) to the packages it holds;
- `stage_ships(ins, ctx)`: whether the layers of the instruction's stage end up in an image, the test
  every rule about leftovers in the image (package caches, lists) applies before it speaks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from prepdeck.lint.lexing import expand
from prepdeck.lint.model import Instruction, Span, Stage, Word
from prepdeck.lint.registry import Hit, RuleContext
from prepdeck.lint.shell import Command

__all__ = [
    "TRUTHY",
    "cache_mount_covers",
    "commands",
    "flag_names",
    "has_flag",
    "is_variable",
    "operands_after",
    "resolve_word",
    "stage_runs",
    "stage_ships",
    "unpinned_hits",
]

TRUTHY = frozenset({"1", "true", "yes", "on"})


def is_variable(text: str) -> bool:
    """True when a word is only known at build time (`$PKGS`, `${VERSION}`, `$(cat list)`)."""
    return "$" in text or "`" in text


def commands(instruction: Instruction) -> list[Command]:
    """Every simple command of a RUN (exec form included), wrappers such as `sudo` looked through.

    Some forty rules ask for this list for every RUN; the script keeps it once computed (a cache
    held by the parsed file, so it goes when the file does).
    """
    return instruction.script.unwrapped()


def flag_names(command: Command) -> set[str]:
    """Option names as hadolint reads them: `--no-cache=1` -> `no-cache`; `-qy` -> `q`, `y`."""
    names: set[str] = set()
    for word in command.args:
        value = word.value
        if value in ("-", "--") or not value.startswith("-"):
            continue
        if value.startswith("--"):
            names.add(value[2:].split("=", 1)[0])
        else:
            names.update(value[1:])
    return names


def has_flag(command: Command, *names: str) -> bool:
    found = flag_names(command)
    return any(name in found for name in names)


def operands_after(command: Command, word: Word, takes_value: Iterable[str] = ()) -> list[Word]:
    """The non-option words after `word` (e.g. the packages after `install`).

    `takes_value` lists options, with their dashes, whose value is the next word.
    """
    operands = command.positional(takes_value=takes_value)
    for position, candidate in enumerate(operands):
        if candidate is word:
            return operands[position + 1 :]
    return []


def cache_mount_covers(instruction: Instruction, *directories: str) -> bool:
    """True when a `RUN --mount=type=cache` targets one of `directories` or a folder above it."""
    for mount in instruction.mounts:
        if mount.type != "cache":
            continue
        target = (mount.target or "").rstrip("/")
        if not target:
            continue
        for directory in directories:
            wanted = directory.rstrip("/")
            if wanted == target or wanted.startswith(target + "/"):
                return True
    return False


def stage_runs(stage: Stage) -> Iterator[Instruction]:
    """The RUNs of a stage in order, ONBUILD RUNs included."""
    for instruction in stage.instructions:
        if instruction.keyword == "RUN":
            yield instruction
        elif instruction.sub is not None and instruction.sub.keyword == "RUN":
            yield instruction.sub


def stage_ships(instruction: Instruction, ctx: RuleContext) -> bool:
    """Whether the layers of this instruction's stage end up in an image.

    They do in the final stage and in any stage a later FROM builds on (`FROM build AS test`),
    and an ONBUILD trigger runs in the child image. A stage that only feeds files to others
    (`COPY --from=build`) ships none of its layers, so a cache left in them costs nothing.
    """
    if instruction.parent is not None:
        return True
    stage = instruction.stage
    if stage is None:
        return True
    stages = ctx.dockerfile.stages
    if stage is stages[-1]:
        return True
    bases = ctx.once(
        "stages-built-on", lambda: {id(later.base_stage) for later in stages if later.base_stage is not None}
    )
    return id(stage) in bases


# -- packages written through a variable --------------------------------------------------------
# Another place a finding's message refers to (shown as a SARIF related location), and its note.
Related = tuple[Span, str]
_ASSIGNERS = frozenset({"export", "readonly", "declare", "local", "typeset"})
_NAME = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\+?=")


def resolve_word(
    instruction: Instruction, ctx: RuleContext, word: Word
) -> tuple[str, tuple[Related, ...]] | None:
    """The value of a word written with variables (`$buildDeps`), and where they were set.

    Values come from an assignment earlier in the same RUN (`buildDeps='gcc make'; ...`), else
    from the ARG and ENV values in scope. Returns (value, ((span, note), ...)), or None when a
    variable's value is not known here (a bare ARG, the base image's ENV, a `$(...)`).
    """
    text = word.value
    if "`" in text or "$(" in text:
        return None
    scope: dict[str, str | None] = dict(
        ctx.once(f"variables:{id(instruction)}", lambda: ctx.dockerfile.variables_at(instruction))
    )
    places: dict[str, Related] = {}
    where = (word.span.line, word.span.column)
    for command in instruction.script.commands:
        if (command.span.line, command.span.column) >= where:
            break
        if command.words and command.words[0].value not in _ASSIGNERS:
            continue
        for assignment in (*command.assignments, *command.words[1:]):
            match = _NAME.match(assignment.value)
            if match is None:
                continue
            name = match.group(1)
            scope[name] = expand(assignment.value[match.end() :], scope)
            places[name] = (assignment.span, f"`{name}` is set here")
    value = expand(text, scope)
    if value is None:
        return None
    related = []
    for name in dict.fromkeys(re.findall(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)", text)):
        place = places.get(name) or _definition(instruction, ctx, name)
        if place is not None:
            related.append(place)
    return value, tuple(related)


def _definition(instruction: Instruction, ctx: RuleContext, name: str) -> Related | None:
    """(span, note) of the last ARG or ENV above `instruction` that gives `name` a value."""
    stage = instruction.stage
    chain = []
    while stage is not None and stage not in chain:
        chain.append(stage)
        stage = stage.base_stage
    found = None
    for earlier in ctx.dockerfile.instructions:
        if earlier.index >= (instruction.parent or instruction).index:
            break
        if earlier.keyword not in ("ARG", "ENV") or (
            earlier.stage is not None and earlier.stage not in chain
        ):
            continue
        for pair in earlier.pairs:
            if pair.name == name:
                span = pair.key.span if pair.value is None else pair.key.span.cover(pair.value.span)
                found = (span, f"`{name}` is set here ({earlier.keyword})")
    return found


def unpinned_hits(
    instruction: Instruction,
    ctx: RuleContext,
    package: Word,
    pinned: Callable[[str], bool],
    shape: str | Callable[[str], str],
) -> Iterator[Hit]:
    """The findings for one package word of an install: itself, or each package a variable holds.

    `pinned(name)` says whether a package is pinned; `shape` shows how to pin, `{}` standing for
    the name (`"{}=<version>"`), or is a function of the name. A package list in a variable is checked word by word where its
    value is known, pointing at the use and at the assignment; where it is not, the finding says so.
    """
    value = package.value
    if pinned(value):
        return
    pin = shape.format if isinstance(shape, str) else shape
    if not is_variable(package.text):
        yield Hit(package.span, f"`{value}` is not pinned: write `{pin(value)}`")
        return
    resolved = resolve_word(instruction, ctx, package)
    if resolved is None:
        yield Hit(
            package.span,
            f"the packages in `{package.text}` are only known at build time, so nothing here shows "
            f"they are pinned: list them as `{pin('name')}`",
        )
        return
    names, related = resolved
    for name in names.split():
        if not pinned(name):
            yield Hit(
                package.span,
                f"`{name}` (from `{package.text}`) is not pinned: write `{pin(name)}`",
                related,
            )
