"""npm and yarn: DL3016 (pin versions of named packages) and DL3060 (yarn cache left in the layer)."""

from __future__ import annotations

from collections.abc import Iterator

from prepdeck.lint.model import Instruction
from prepdeck.lint.registry import Hit, RuleContext, rule
from prepdeck.lint.rules._commands import commands, operands_after, stage_ships, unpinned_hits
from prepdeck.lint.shell import Command

# `npm i` and friends are aliases of `npm install` (npm's own list).
_NPM_INSTALL = frozenset(
    {"install", "i", "in", "ins", "inst", "insta", "instal", "isnt", "isnta", "isntal", "isntall", "add"}
)
_NPM_VALUE_OPTIONS = (
    "--prefix",
    "--registry",
    "--cache",
    "--omit",
    "--include",
    "--tag",
    "-w",
    "--workspace",
)
_GIT_PREFIXES = ("git://", "git+ssh://", "git+http://", "git+https://", "github:", "gitlab:", "bitbucket:")
_PATH_PREFIXES = ("/", "./", "../", "~/", "file:")
_TARBALLS = (".tar", ".tar.gz", ".tgz")


def _pinned(package: str) -> bool:
    if package.startswith(_GIT_PREFIXES):
        return "#" in package
    if package.endswith(_TARBALLS) or package.startswith(_PATH_PREFIXES):
        return True
    name = package
    if name.startswith("@"):  # a scoped name: the version comes after the second @
        name = name.partition("/")[2]
    return "@" in name


@rule(
    "DL3016",
    severity="warning",
    title="Pin versions in npm install",
    on=("RUN",),
    programs=("npm",),
    section="build-cache",
    rationale="""
        `npm install -g typescript` installs the latest release at build time; rebuilding next
        month may bring a new major version. Pin it (`typescript@5.3.3`). The project's own
        dependencies are a different case: they belong in package.json with a lock file,
        installed by `npm ci`, which this rule does not flag.
    """,
    bad="RUN npm install -g typescript",
    good="RUN npm install -g typescript@5.3.3",
    fix="Add `@<version>` to each named package, or move it to package.json and run `npm ci`.",
)
def check_npm_pinning(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    for command in commands(instruction):
        if command.program != "npm":
            continue
        operands = command.positional(takes_value=_NPM_VALUE_OPTIONS)
        if not operands or operands[0].value not in _NPM_INSTALL:
            continue
        for package in operands_after(command, operands[0], _NPM_VALUE_OPTIONS):
            yield from unpinned_hits(instruction, ctx, package, _pinned, "{}@<version>")


@rule(
    "DL3060",
    severity="info",
    title="Clean the yarn cache in the RUN that installed",
    on=("RUN",),
    programs=("yarn",),
    section="image-internals",
    rationale="""
        yarn v1 copies every package it downloads into its global cache
        (/usr/local/share/.cache/yarn), often as big as node_modules itself. In an image that
        cache is dead weight. Run `yarn cache clean` in the same RUN, or mount the cache with
        `RUN --mount=type=cache,target=/usr/local/share/.cache/yarn` so it is reused between
        builds and never shipped.
    """,
    bad="RUN yarn install --frozen-lockfile",
    good="RUN yarn install --frozen-lockfile && yarn cache clean",
    fix="Append `&& yarn cache clean`, or mount a cache on the yarn cache folder.",
)
def check_yarn_cache(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    found = commands(instruction)
    installs = [command for command in found if command.is_("yarn", "install")]
    if not installs:
        return
    if any(
        (command.is_("yarn", "cache") and command.has_option("clean")) or _is_cache_clean(command)
        for command in found
    ):
        return
    if any(mount.type == "cache" and "yarn" in (mount.target or "") for mount in instruction.mounts):
        return
    if not stage_ships(instruction, ctx):
        return  # a builder stage's cache never reaches an image
    install = installs[0].subcommand
    assert install is not None
    yield Hit(install.span, "the yarn cache stays in the layer: add `&& yarn cache clean`")


def _is_cache_clean(command: Command) -> bool:
    values = [word.value for word in command.args]
    return command.program == "yarn" and values[:2] == ["cache", "clean"]
