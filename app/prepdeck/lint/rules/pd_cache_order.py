"""PD001: the whole build context copied before the dependency install busts the install's cache."""

from __future__ import annotations

import re
from collections.abc import Iterator

from prepdeck.lint.model import Dockerfile, Instruction, Word
from prepdeck.lint.registry import Hit, RuleContext, rule
from prepdeck.lint.rules._commands import commands, flag_names
from prepdeck.lint.rules.pip import pip_installs
from prepdeck.lint.shell import Command

_WHOLE_CONTEXT = frozenset({".", "./", "*", "./*"})
_PIP_REQUIREMENTS = frozenset({"r", "requirement"})
_NPM_INSTALL = frozenset({"install", "i", "ci"})
# Kept as pattern strings: `re` compiles each on first use (and caches it), not on every start
# of `prepdeck lint FILE` (3.5 ms of regex compiling for files that mostly never need them).
_MAVEN_OFFLINE = r"^dependency:(go-offline|resolve|resolve-plugins)"


def _installs_dependencies(command: Command) -> bool:
    """A command that installs what a manifest lists (and nothing named on its command line)."""
    program = command.program
    operands = [word.value for word in command.positional()]
    first = operands[0] if operands else ""
    if program in ("npm", "pnpm"):
        return first in _NPM_INSTALL and len(operands) == 1
    if program == "yarn":
        return not operands or (first == "install" and len(operands) == 1)
    if program in ("bundle", "composer", "poetry", "pipenv"):
        return first == "install"
    if program == "go":
        return operands[:2] == ["mod", "download"]
    if program in ("mvn", "./mvnw", "mvnw"):
        return any(re.match(_MAVEN_OFFLINE, value) for value in operands)
    if program in ("gradle", "gradlew"):
        return "dependencies" in operands
    if program == "cargo":
        return first == "fetch"
    if program == "dotnet":
        return first == "restore"
    return False


def _dependency_install(instruction: Instruction) -> tuple[str, int] | None:
    """How the dependency install of a RUN reads (`npm ci`, `go mod download`) and its line, if any."""
    for command, install in pip_installs(instruction):
        if flag_names(command) & _PIP_REQUIREMENTS:
            return f"{command.program} install -r", install.span.line
    for command in commands(instruction):
        if _installs_dependencies(command):
            words = [command.program, *(word.value for word in command.positional()[:2])]
            assert command.name is not None
            return " ".join(words), command.name.span.line
    return None


def _whole_context_source(instruction: Instruction) -> Word | None:
    if (
        instruction.keyword not in ("COPY", "ADD")
        or instruction.flag("from") is not None
        or instruction.heredocs
    ):
        return None
    for source in instruction.sources:
        if source.value in _WHOLE_CONTEXT:
            return source
    return None


@rule(
    "PD001",
    severity="warning",
    title="Copy the dependency manifests, install, then copy the source",
    origin="prepdeck",
    section="build-cache",
    rationale="""
        The build cache reuses a step only while everything before it is unchanged, and a COPY
        counts as changed when any copied file changes. With `COPY . .` before `npm ci` (or
        `pip install -r`, `go mod download`, `bundle install`, `mvn dependency:go-offline`),
        every edit to any source file invalidates the dependency layer, and each build downloads
        and installs everything again. Copy only the manifests and lock files first, install,
        and copy the rest of the source afterwards: the install then reruns only when the
        dependencies change.
    """,
    bad="FROM node:20.11.1-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci",
    good="FROM node:20.11.1-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .",
    fix="Before the install, COPY only the manifest and lock file; move `COPY . .` after the install.",
)
def check_cache_order(dockerfile: Dockerfile, ctx: RuleContext) -> Iterator[Hit]:
    for stage in dockerfile.stages:
        whole_copy: Word | None = None
        for instruction in stage.instructions:
            if whole_copy is None:
                whole_copy = _whole_context_source(instruction)
                continue
            if instruction.keyword != "RUN":
                continue
            install = _dependency_install(instruction)
            if install is not None:
                label, line = install
                yield Hit(
                    whole_copy.span,
                    f"the whole context is copied before `{label}` on line {line}: any source edit reinstalls every dependency",
                )
                break
