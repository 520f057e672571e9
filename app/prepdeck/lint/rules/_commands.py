"""A package-manager's-eye view of the shell commands in a RUN, shared by the RUN rule families.

`shell.py` splits a RUN script into commands with words and spans. The RUN rules need a few readings
on top of that, kept here so each rule module stays about its own tool:

- `commands(ins)`: every simple command of a RUN with wrappers (`sudo`, `env A=1`) looked through;
- `flag_names(cmd)`: hadolint's reading of options (`--name[=value]` is `name`, `-abc` is `a`, `b`,
  `c`), so "has -y" agrees with hadolint on clusters such as `-qy`;
- `operands_after(cmd, word, takes_value)`: the package words after `install`, skipping the value
  of each option that takes one (`-t bookworm-backports`, `--virtual .deps`);
- `cache_mount_covers(ins, dir)`: a `RUN --mount=type=cache` makes a cleanup for that folder moot.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from prepdeck.lint.model import Instruction, Stage, Word
from prepdeck.lint.shell import Command

__all__ = [
    "TRUTHY",
    "cache_mount_covers",
    "commands",
    "flag_names",
    "has_flag",
    "is_variable",
    "operands_after",
    "stage_runs",
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
