"""pip: DL3013 (pin versions) and DL3042 (no download cache in the image)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from prepdeck.lint.model import Instruction, Stage, Word
from prepdeck.lint.registry import Hit, RuleContext, rule
from prepdeck.lint.rules._commands import (
    TRUTHY,
    cache_mount_covers,
    commands,
    flag_names,
    operands_after,
    stage_ships,
    unpinned_hits,
)
from prepdeck.lint.shell import Command

_PIP_PROGRAM = re.compile(r"^pip[0-9.]*$")
_PYTHON_PROGRAM = re.compile(r"^python[0-9.]*$")
# pip install options whose value is the next word.
_PIP_VALUE_OPTIONS = (
    "-r",
    "--requirement",
    "-c",
    "--constraint",
    "-e",
    "--editable",
    "-i",
    "--index-url",
    "--extra-index-url",
    "-f",
    "--find-links",
    "-t",
    "--target",
    "--prefix",
    "--root",
    "--src",
    "--platform",
    "--python-version",
    "--implementation",
    "--abi",
    "--no-binary",
    "--only-binary",
    "--progress-bar",
    "--proxy",
    "--trusted-host",
    "--upgrade-strategy",
    "-b",
    "--build",
    "--cache-dir",
    "--log",
    "--timeout",
    "--retries",
    "--config-settings",
    "-C",
)
_VERSION_OPERATORS = ("==", ">=", "<=", ">", "<", "!=", "~=", "===")
# Kept as pattern strings: `re` compiles each on first use (and caches it), not on every start
# of `prepdeck lint FILE` (3.5 ms of regex compiling for files that mostly never need them).
_VCS = r"^(git|hg|svn|bzr)(\+[a-z]+)?(://|\+)"
_PIP_CACHE_DIRS = ("/root/.cache/pip",)


def pip_installs(instruction: Instruction) -> Iterator[tuple[Command, Word]]:
    """(command, its `install` word) for `pip install`, `pip3 install`, `python -m pip install`."""
    for command in commands(instruction):
        program = command.program
        args = command.args
        if _PIP_PROGRAM.match(program):
            operands = command.positional(takes_value=_PIP_VALUE_OPTIONS)
            if operands and operands[0].value == "install":
                yield command, operands[0]
        elif _PYTHON_PROGRAM.match(program):
            values = [word.value for word in args]
            for position in range(len(values) - 2):
                if (
                    values[position] == "-m"
                    and _PIP_PROGRAM.match(values[position + 1])
                    and values[position + 2] == "install"
                ):
                    yield command, args[position + 2]
                    break


def _pinned(package: str) -> bool:
    if any(operator in package for operator in _VERSION_OPERATORS):
        return True
    if re.match(_VCS, package):
        return "@" in package.split("://", 1)[-1]
    # a wheel, an sdist or a folder on disk carries its own version
    return package.endswith((".whl", ".tar.gz", ".zip")) or "/" in package or package in (".", "..")


@rule(
    "DL3013",
    severity="warning",
    title="Pin versions in pip install",
    on=("RUN",),
    section="build-cache",
    rationale="""
        `pip install flask` resolves to the newest release at build time, so a rebuild can pull a
        new major version with breaking changes, or a compromised release, without any change to
        the Dockerfile. Pin with `flask==3.0.2`, or better install from a requirements file (or
        lock file) with `-r requirements.txt`, which is also what lets the dependency layer stay
        cached while the code changes.
    """,
    bad="RUN pip install --no-cache-dir flask gunicorn",
    good="RUN pip install --no-cache-dir flask==3.0.2 gunicorn==21.2.0",
    fix="Add `==<version>` to each package, or list them with versions in requirements.txt and use `-r`.",
)
def check_pip_pinning(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    for command, install in pip_installs(instruction):
        flags = flag_names(command)
        if flags & {"r", "requirement", "c", "constraint"}:
            continue
        packages = operands_after(command, install, _PIP_VALUE_OPTIONS)
        if any(word.value == "." for word in packages) or "e" in flags or "editable" in flags:
            continue
        for package in packages:
            yield from unpinned_hits(instruction, ctx, package, _pinned, "{}==<version>")


def _cache_off_from(stage: Stage) -> tuple[bool, float]:
    """(inherited, first index): whether a base stage sets ENV PIP_NO_CACHE_DIR to a true value,
    and the index of the first such ENV in this stage (infinity if none)."""

    def first_setting(current: Stage) -> float:
        for instruction in current.instructions:
            if instruction.keyword == "ENV" and any(
                pair.name == "PIP_NO_CACHE_DIR"
                and pair.value is not None
                and pair.value.value.lower() in TRUTHY
                for pair in instruction.pairs
            ):
                return instruction.index
        return float("inf")

    inherited = False
    seen = {stage.index}
    base = stage.base_stage
    while base is not None and base.index not in seen and not inherited:
        seen.add(base.index)
        inherited = first_setting(base) != float("inf")
        base = base.base_stage
    return inherited, first_setting(stage)


def _env_disables_cache(instruction: Instruction, ctx: RuleContext) -> bool:
    stage = instruction.stage
    if stage is None:
        return False
    inherited, first = ctx.once(f"pip-no-cache:{stage.index}", lambda: _cache_off_from(stage))
    return inherited or first < instruction.index


@rule(
    "DL3042",
    severity="warning",
    title="Use pip install --no-cache-dir",
    on=("RUN",),
    section="image-internals",
    rationale="""
        pip keeps every wheel it downloads in ~/.cache/pip so the next install on the same
        machine is faster. In an image that next install never comes: the cache only adds
        megabytes to the layer. `--no-cache-dir` (or `ENV PIP_NO_CACHE_DIR=1`) turns it off; a
        `RUN --mount=type=cache,target=/root/.cache/pip` keeps it between builds but outside the
        image, which is faster still.
    """,
    bad="RUN pip install -r requirements.txt",
    good="RUN pip install --no-cache-dir -r requirements.txt",
    fix="Add `--no-cache-dir`, set `ENV PIP_NO_CACHE_DIR=1`, or mount a cache on /root/.cache/pip.",
)
def check_pip_cache(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    installs = list(pip_installs(instruction))
    if not installs or not stage_ships(instruction, ctx):
        return
    if cache_mount_covers(instruction, *_PIP_CACHE_DIRS) or any(
        ".cache/pip" in (mount.target or "") for mount in instruction.mounts if mount.type == "cache"
    ):
        return
    if _env_disables_cache(instruction, ctx) or "PIP_NO_CACHE_DIR=" in instruction.arguments:
        return
    for command, install in installs:
        if "no-cache-dir" not in flag_names(command):
            yield Hit(install.span, "pip keeps its download cache in the layer: add `--no-cache-dir`")
