"""apk on Alpine images: DL3018 (pin versions) and DL3019 (no package cache in the image)."""

from __future__ import annotations

from collections.abc import Iterator

from prepdeck.lint.model import Instruction, Word
from prepdeck.lint.registry import Hit, RuleContext, rule
from prepdeck.lint.rules._commands import (
    cache_mount_covers,
    commands,
    flag_names,
    operands_after,
    stage_ships,
    unpinned_hits,
)
from prepdeck.lint.shell import Command

# apk options whose value is the next word (`--virtual .build-deps` names a group, not a package).
_APK_VALUE_OPTIONS = (
    "-t",
    "--virtual",
    "-X",
    "--repository",
    "-p",
    "--root",
    "--arch",
    "--cache-dir",
    "--keys-dir",
)
_APK_CACHE = "/var/cache/apk"


def _adds(instruction: Instruction) -> Iterator[tuple[Command, Word]]:
    for command in commands(instruction):
        if command.program != "apk":
            continue
        operands = command.positional(takes_value=_APK_VALUE_OPTIONS)
        if operands and operands[0].value == "add":
            yield command, operands[0]


@rule(
    "DL3018",
    severity="warning",
    title="Pin versions in apk add",
    on=("RUN",),
    programs=("apk",),
    section="base-images",
    rationale="""
        `apk add curl` takes whatever the Alpine repository serves that day, so the same
        Dockerfile builds different images over time. `curl=8.5.0-r0` (exact) or `curl~8.5`
        (any 8.5.x) makes the build repeatable and turns upgrades into reviewed changes. Alpine
        removes old package versions from its mirrors, so exact pins go with a pinned
        `alpine:3.19.1` base and a habit of bumping them.
    """,
    bad="RUN apk add --no-cache curl",
    good="RUN apk add --no-cache curl=8.5.0-r0",
    fix="Write each package as `name=version` (or `name~major.minor`); `apk policy <name>` lists versions.",
)
def check_apk_pinning(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    for command, add in _adds(instruction):
        for package in operands_after(command, add, _APK_VALUE_OPTIONS):
            yield from unpinned_hits(instruction, ctx, package, _apk_pinned, "{}=<version>")


def _apk_pinned(package: str) -> bool:
    return "=" in package or "~" in package or package.endswith(".apk")


@rule(
    "DL3019",
    severity="info",
    title="Use apk add --no-cache",
    on=("RUN",),
    programs=("apk",),
    section="image-internals",
    rationale="""
        Without `--no-cache`, apk keeps the downloaded index in /var/cache/apk, and it stays in
        the layer even if a later RUN deletes it. `apk add --no-cache` fetches a fresh index,
        installs, and leaves nothing behind - no `apk update` and no `rm -rf /var/cache/apk/*`
        needed. A `RUN --mount=type=cache,target=/var/cache/apk` is the alternative when you want
        the cache reused between builds without shipping it.
    """,
    bad="RUN apk update && apk add curl=8.5.0-r0",
    good="RUN apk add --no-cache curl=8.5.0-r0",
    fix="Add `--no-cache` to `apk add` (and drop the separate `apk update`).",
)
def check_apk_cache(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    if cache_mount_covers(instruction, _APK_CACHE) or not stage_ships(instruction, ctx):
        return
    for command, add in _adds(instruction):
        if "no-cache" not in flag_names(command):
            yield Hit(add.span, "`apk add` keeps its index in /var/cache/apk: add `--no-cache`")
