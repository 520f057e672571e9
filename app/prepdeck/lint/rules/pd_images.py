"""What ends up in the image: PD007 (build tools in the final stage), PD009 (base not pinned by
digest), PD012 (an index update alone in its RUN), PD013 (upgrading the whole distribution)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from prepdeck.lint.model import Dockerfile, Instruction, Stage, Word
from prepdeck.lint.registry import Hit, RuleContext, rule
from prepdeck.lint.rules._commands import commands, stage_runs
from prepdeck.lint.shell import Command

# Base images that are toolchains (compilers, SDKs), by repository name.
_SDK_REPOSITORIES = frozenset(
    {"golang", "maven", "gradle", "rust", "gcc", "buildpack-deps", "dotnet/sdk", "openjdk"}
)
_BUILD_PACKAGES = frozenset(
    {
        "gcc",
        "g++",
        "make",
        "cmake",
        "clang",
        "build-essential",
        "build-base",
        "maven",
        "gradle",
        "cargo",
        "golang",
        "autoconf",
        "automake",
        "libtool",
        "pkg-config",
        "pkgconf",
        "musl-dev",
        "linux-headers",
    }
)
# Kept as pattern strings: `re` compiles each on first use (and caches it), not on every start
# of `prepdeck lint FILE` (3.5 ms of regex compiling for files that mostly never need them).
_DEV_SUFFIX = r"-(dev|devel)$"
_VERSION_MARK = r"[=<>~]"
_INSTALLERS = {
    "apt-get": "install",
    "apt": "install",
    "apk": "add",
    "yum": "install",
    "dnf": "install",
    "microdnf": "install",
}


def _sdk_image(repository: str, tag: str | None) -> bool:
    name = repository.lower()
    short = name.rsplit("/", 1)[-1]
    if name.endswith("dotnet/sdk") or short in _SDK_REPOSITORIES - {"openjdk"}:
        return True
    tag_text = (tag or "").lower()
    if short in ("openjdk", "eclipse-temurin", "amazoncorretto", "ibm-semeru-runtimes") and "jdk" in tag_text:
        return True
    return "-dev" in tag_text and "chainguard" in name


def _package_name(word: Word) -> str:
    return re.split(_VERSION_MARK, word.value, maxsplit=1)[0]


def _installed_build_tools(instruction: Instruction) -> Iterator[Word]:
    for command in commands(instruction):
        verb = _INSTALLERS.get(command.program)
        if verb is None:
            continue
        operands = command.positional(takes_value=("-t", "--virtual", "-o"))
        if not operands or operands[0].value != verb:
            continue
        for word in operands[1:]:
            name = _package_name(word)
            if name in _BUILD_PACKAGES or re.search(_DEV_SUFFIX, name):
                yield word


_PRODUCTION_FLAGS = frozenset({"omit", "only", "production", "prod"})


def _installs_dev_dependencies(command: Command) -> Word | None:
    """The install word of an `npm ci`/`npm install`/`yarn install` that also installs devDependencies."""
    operands = command.positional()
    if (
        command.program == "npm"
        and operands
        and operands[0].value in ("ci", "install", "i")
        and len(operands) == 1
    ):
        values = [word.value for word in command.args]
        if any(value.split("=", 1)[0].lstrip("-") in _PRODUCTION_FLAGS for value in values):
            return None
        return operands[0]
    if command.program == "yarn" and operands[:1] and operands[0].value == "install":
        if any(word.value in ("--production", "--prod") for word in command.args):
            return None
        return operands[0]
    return None


def _production_env(stage: Stage) -> bool:
    """NODE_ENV=production set in the stage (or a stage it builds on): npm then skips devDependencies."""
    seen: set[int] = set()
    current: Stage | None = stage
    while current is not None and current.index not in seen:
        seen.add(current.index)
        for instruction in current.instructions_of("ENV", "ARG"):
            if any(
                pair.name == "NODE_ENV" and pair.value is not None and pair.value.value == "production"
                for pair in instruction.pairs
            ):
                return True
        current = current.base_stage
    return False


def _dev_install_in(stage: Stage) -> Word | None:
    """The last dependency install of a stage chain that keeps devDependencies (and is not pruned after)."""
    if _production_env(stage):
        return None
    found: Word | None = None
    chain: list[Stage] = []
    current: Stage | None = stage
    while current is not None and current not in chain:
        chain.insert(0, current)
        current = current.base_stage
    for member in chain:
        for instruction in stage_runs(member):
            for command in commands(instruction):
                if (
                    command.program == "npm"
                    and command.subcommand is not None
                    and command.subcommand.value == "prune"
                ):
                    found = None
                else:
                    found = _installs_dev_dependencies(command) or found
    return found


def _copied_node_modules(dockerfile: Dockerfile, stage: Stage) -> Iterator[tuple[Word, Word]]:
    """(COPY source, the install that filled it) for node_modules copied from a stage with devDependencies."""
    for instruction in stage.instructions_of("COPY"):
        origin = instruction.flag("from")
        if origin is None or origin.value is None:
            continue
        value = origin.value
        source_stage = (
            dockerfile.stages[int(value)]
            if value.isdigit() and int(value) < len(dockerfile.stages)
            else dockerfile.stage_named(value)
        )
        if source_stage is None or source_stage is stage:
            continue
        for source in instruction.sources:
            if source.value.rstrip("/").endswith("node_modules"):
                install = _dev_install_in(source_stage)
                if install is not None:
                    yield source, install


@rule(
    "PD007",
    severity="warning",
    title="Build tools are left in the final stage",
    origin="prepdeck",
    section="multi-stage",
    rationale="""
        The point of a multi-stage build is that compilers, SDKs and -dev headers stay in the
        builder stage and only the built artefact is copied into a small runtime stage. A final
        stage based on `golang`, `maven` or a JDK, one that installs gcc or `libfoo-dev`, or
        node_modules still holding devDependencies (TypeScript, test runners, bundlers) ships
        hundreds of megabytes of tools: a slower pull, a larger attack surface, and a compiler
        ready for whoever breaks in. Build in the builder, `COPY --from` the result, install
        production dependencies only (`npm ci --omit=dev`), and base the final stage on a
        runtime image (slim, distroless, a JRE, scratch).
    """,
    bad="FROM golang:1.22.1 AS build\nRUN go build -o /out/app .\nFROM golang:1.22.1\nCOPY --from=build /out/app /app",
    good="FROM golang:1.22.1 AS build\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/app /app",
    fix="Base the final stage on a runtime image and install build-only packages in the builder stage.",
)
def check_build_tools_in_final(dockerfile: Dockerfile, ctx: RuleContext) -> Iterator[Hit]:
    if len(dockerfile.stages) < 2:
        return
    stage = dockerfile.final_stage
    assert stage is not None
    base = stage.base
    if (
        base is not None
        and base.stage is None
        and not base.uses_variables
        and _sdk_image(base.repository, base.tag)
    ):
        yield Hit(
            base.span, f"the final stage is based on the build image `{base.text}`: use a runtime image"
        )
    production = _production_env(stage)
    for instruction in stage_runs(stage):
        for word in _installed_build_tools(instruction):
            yield Hit(
                word.span,
                f"`{_package_name(word)}` is a build tool: install it in the builder stage, not the final one",
            )
        if not production:
            for command in commands(instruction):
                install = _installs_dev_dependencies(command)
                if install is not None:
                    yield Hit(
                        install.span,
                        f"`{command.program} {install.value}` in the final stage also installs devDependencies: add `--omit=dev`",
                    )
    for source, install in _copied_node_modules(dockerfile, stage):
        yield Hit(
            source.span,
            f"these node_modules include devDependencies (installed on line {install.span.line}): install with `--omit=dev` or `npm prune --omit=dev`",
        )


@rule(
    "PD009",
    severity="info",
    title="Pin the base image by digest",
    on=("FROM",),
    origin="prepdeck",
    section="base-images",
    rationale="""
        A tag is a movable name: `python:3.12.2-slim` is rebuilt and re-pushed with security
        fixes, and a registry (or an attacker who controls it) can point it at anything. A
        digest (`@sha256:...`) names exactly one image; the build is then repeatable and
        verifiable. Keep the tag for humans (`python:3.12.2-slim@sha256:...`) and let a bot
        such as Renovate or Dependabot bump the digest, so you still get the fixes.
    """,
    bad="FROM python:3.12.2-slim",
    good="FROM python:3.12.2-slim@sha256:<digest of the image you tested>",
    fix="Append `@sha256:<digest>` (from `docker buildx imagetools inspect <image>`) and automate its updates.",
)
def check_digest_pin(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    image = instruction.image
    if image is None or image.stage is not None or image.is_scratch or image.digest or image.uses_variables:
        return
    yield Hit(image.span, f"`{image.text}` is not pinned by digest: the tag can move under you")


_INDEX_UPDATES = {
    "apt-get": ("update",),
    "apt": ("update",),
    "apk": ("update",),
    "zypper": ("refresh", "ref"),
    "yum": ("makecache",),
    "dnf": ("makecache",),
}


def _index_update(command: Command) -> Word | None:
    verbs = _INDEX_UPDATES.get(command.program)
    operands = command.positional()
    if verbs and operands and operands[0].value in verbs and len(operands) == 1:
        return operands[0]
    return None


@rule(
    "PD012",
    severity="warning",
    title="Do not refresh the package index in a RUN of its own",
    on=("RUN",),
    programs=tuple(_INDEX_UPDATES),
    origin="prepdeck",
    section="build-cache",
    rationale="""
        `RUN apt-get update` alone makes a layer the cache keeps for months. The next RUN that
        installs packages reuses that stale index; when the mirror has moved on, the install
        fails with 404s, or silently installs old versions, and changing the install line does
        not refresh the index because the update layer is still cached. Update and install in
        the same RUN so they are always cached (and invalidated) together.
    """,
    bad="RUN apt-get update\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5",
    good="RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 \\\n && rm -rf /var/lib/apt/lists/*",
    fix="Join the update with the install that needs it: `RUN apt-get update && apt-get install ...`.",
)
def check_update_alone(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    found = commands(instruction)
    if not found:
        return
    updates = [_index_update(command) for command in found]
    if all(word is not None for word in updates):
        word = updates[0]
        assert word is not None
        yield Hit(
            word.span,
            f"`{found[0].program} {word.value}` alone: its cached layer goes stale; install in the same RUN",
        )


_UPGRADES = {
    "apt-get": ("upgrade", "dist-upgrade", "full-upgrade"),
    "apt": ("upgrade", "full-upgrade", "dist-upgrade"),
    "apk": ("upgrade",),
    "yum": ("update", "upgrade", "distro-sync"),
    "dnf": ("update", "upgrade", "distro-sync"),
    "microdnf": ("update", "upgrade"),
    "zypper": ("update", "up"),
}


@rule(
    "PD013",
    severity="info",
    title="Avoid upgrading every package in the image",
    on=("RUN",),
    programs=tuple(_UPGRADES),
    origin="prepdeck",
    section="base-images",
    rationale="""
        `apt-get upgrade` (or `dist-upgrade`, `apk upgrade`, `dnf update` with no package) pulls
        whatever the mirrors hold at build time into your image: the result differs from build
        to build, can cross into packages the base image's maintainers deliberately held back,
        and doubles the size of everything it touches in a new layer. Security fixes are better
        taken by moving to a freshly published base image tag (or digest); upgrade only the
        named packages you must.
    """,
    bad="RUN apt-get update && apt-get dist-upgrade -y",
    good="FROM ubuntu:22.04@sha256:<the newest digest>",
    fix="Rebuild on a newer base image instead; if one package needs a fix, install that package at a pinned version.",
)
def check_full_upgrade(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    for command in commands(instruction):
        verbs = _UPGRADES.get(command.program)
        if not verbs:
            continue
        operands = command.positional(takes_value=("-o",))
        if operands and operands[0].value in verbs and len(operands) == 1:
            yield Hit(
                operands[0].span,
                f"`{command.program} {operands[0].value}` upgrades every package at build time: take a newer base image",
            )
