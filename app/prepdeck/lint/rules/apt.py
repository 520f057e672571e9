"""apt-get / apt on Debian and Ubuntu images: DL3008, DL3009, DL3014, DL3015, DL3027."""

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

# apt-get options whose value is the next word.
_APT_VALUE_OPTIONS = ("-t", "--target-release", "--default-release", "-o", "--option", "-c", "--config-file")
_APT_LISTS = "/var/lib/apt/lists"


def _installs(instruction: Instruction) -> Iterator[tuple[Command, Word]]:
    """(command, its `install` word) for every `apt-get install` of a RUN."""
    for command in commands(instruction):
        if command.program != "apt-get":
            continue
        operands = command.positional(takes_value=_APT_VALUE_OPTIONS)
        if operands and operands[0].value == "install":
            yield command, operands[0]


def _pinned(package: str) -> bool:
    # `pkg=1.2` (`pkg=1.2*` too), `pkg/bookworm-backports` (a release pin), or a local .deb file.
    # `pkg=*` matches every version, so it pins nothing.
    _, equals, version = package.partition("=")
    if equals:
        return bool(version.strip("*?"))
    return "/" in package or package.endswith(".deb")


def _pin_shape(package: str) -> str:
    return f"{package.partition('=')[0]}=<version>"


@rule(
    "DL3008",
    severity="warning",
    title="Pin versions in apt-get install",
    on=("RUN",),
    programs=("apt-get",),
    section="base-images",
    rationale="""
        `apt-get install curl` installs whatever version the mirror holds on the day of the
        build. Two builds of the same Dockerfile a month apart can then ship different
        software, and a cached layer can hide the difference until the cache is dropped.
        Pinning `curl=7.88.1-10+deb12u5` makes the build reproducible and makes every upgrade a
        visible change in review. The price is maintenance: pins must be bumped when the
        distribution drops an old version, which is why many teams pin the base image by digest
        and accept the packages of that snapshot instead.
    """,
    bad="RUN apt-get update && apt-get install -y --no-install-recommends curl",
    good="RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5",
    fix="Add `=<version>` to each package (find it with `apt-cache policy <package>` in the base image).",
)
def check_apt_pinning(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    for command, install in _installs(instruction):
        for package in operands_after(command, install, _APT_VALUE_OPTIONS):
            yield from unpinned_hits(instruction, ctx, package, _pinned, _pin_shape)


def _removes_lists(command: Command) -> bool:
    """`rm -rf /var/lib/apt/lists/*`, or `apt-get dist-clean` (apt 2.7+), which deletes the lists too."""
    if command.program in ("apt-get", "apt"):
        sub = command.subcommand
        return sub is not None and sub.value == "dist-clean"
    return command.program == "rm" and any(
        word.value.rstrip("/*").rstrip("/") == _APT_LISTS for word in command.args
    )


@rule(
    "DL3009",
    severity="info",
    title="Delete the apt lists in the RUN that fetched them",
    on=("RUN",),
    programs=("apt-get", "apt"),
    section="image-internals",
    rationale="""
        `apt-get update` downloads the package indexes into /var/lib/apt/lists, tens of
        megabytes the running container never needs. Each RUN is a layer, and a layer keeps
        what it added even when a later RUN deletes it, so the lists must go in the same RUN:
        `... && rm -rf /var/lib/apt/lists/*` (or `apt-get dist-clean`, apt 2.7+, which deletes
        them as well). A `RUN --mount=type=cache,target=/var/lib/apt`
        keeps them outside the image and is the better fix when builds run often. Stages that
        only feed files to a later stage (COPY --from) are not reported: their layers do not ship.
    """,
    bad="RUN apt-get update && apt-get install -y --no-install-recommends git=1:2.39.2-1.1",
    good="""
        RUN apt-get update \\
         && apt-get install -y --no-install-recommends git=1:2.39.2-1.1 \\
         && rm -rf /var/lib/apt/lists/*
    """,
    fix="End the RUN with `&& rm -rf /var/lib/apt/lists/*`, or mount a cache on /var/lib/apt.",
)
def check_apt_lists(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    found = commands(instruction)
    updates = [
        command
        for command in found
        if command.program in ("apt-get", "apt")
        and command.subcommand is not None
        and command.subcommand.value == "update"
    ]
    if not updates or any(_removes_lists(command) for command in found):
        return
    if cache_mount_covers(instruction, _APT_LISTS):
        return
    if not stage_ships(instruction, ctx):
        return
    update = updates[0].subcommand
    assert update is not None
    yield Hit(
        update.span, "the apt lists fetched here stay in the layer: add `&& rm -rf /var/lib/apt/lists/*`"
    )


@rule(
    "DL3014",
    severity="warning",
    title="Use -y with apt-get install",
    on=("RUN",),
    programs=("apt-get",),
    section="anti-patterns",
    rationale="""
        A build has no one at the keyboard. Without `-y`, apt-get asks "Do you want to
        continue?" whenever it installs more than was named, reads end-of-file from the closed
        standard input, and aborts - so the build breaks the day a dependency is added upstream.
    """,
    bad="RUN apt-get update && apt-get install --no-install-recommends jq=1.6-2.1",
    good="RUN apt-get update && apt-get install -y --no-install-recommends jq=1.6-2.1",
    fix="Add `-y` (or `--yes`, `--assume-yes`) to the install command.",
)
def check_apt_yes(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    for command, install in _installs(instruction):
        if flag_names(command) & {"y", "yes", "assume-yes", "q"}:
            continue
        if any("Assume-Yes=true" in value for value in _option_values(command)):
            continue
        yield Hit(install.span, "`apt-get install` without `-y` stops at the confirmation prompt")


def _option_values(command: Command) -> list[str]:
    values = []
    args = command.args
    for position, word in enumerate(args):
        if word.value in ("-o", "--option") and position + 1 < len(args):
            values.append(args[position + 1].value)
        elif word.value.startswith(("-o", "--option=")) and word.value not in ("-o", "--option"):
            values.append(word.value.split("=", 1)[-1] if word.value.startswith("--") else word.value[2:])
    return values


@rule(
    "DL3015",
    severity="info",
    title="Use --no-install-recommends with apt-get install",
    on=("RUN",),
    programs=("apt-get",),
    section="build-optimisation",
    rationale="""
        By default apt also installs the packages a package merely *recommends*: documentation,
        helpers, sometimes a whole X11 stack. They make the image bigger, slower to pull and
        richer in CVEs, and nothing in the container asked for them. `--no-install-recommends`
        installs only hard dependencies; add back explicitly what you really use.
    """,
    bad="RUN apt-get update && apt-get install -y python3=3.11.2-1+b1 && rm -rf /var/lib/apt/lists/*",
    good="""
        RUN apt-get update \\
         && apt-get install -y --no-install-recommends python3=3.11.2-1+b1 \\
         && rm -rf /var/lib/apt/lists/*
    """,
    fix="Add `--no-install-recommends` (or `-o APT::Install-Recommends=false`).",
)
def check_apt_recommends(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    for command, install in _installs(instruction):
        if "no-install-recommends" in flag_names(command):
            continue
        if any(word.value == "APT::Install-Recommends=false" for word in command.args):
            continue
        yield Hit(
            install.span, "`apt-get install` also pulls recommended packages: add `--no-install-recommends`"
        )


@rule(
    "DL3027",
    severity="warning",
    title="Use apt-get or apt-cache, not apt, in scripts",
    on=("RUN",),
    programs=("apt",),
    section="anti-patterns",
    rationale="""
        `apt` is the friendly front end for people at a terminal: progress bars, colours, and a
        command-line interface its authors say may change between releases (it prints "apt does
        not have a stable CLI interface"). Scripts, Dockerfiles included, should call `apt-get`
        and `apt-cache`, whose options and output are kept stable.
    """,
    bad="RUN apt update && apt install -y curl",
    good="RUN apt-get update && apt-get install -y --no-install-recommends curl=7.81.0-1ubuntu1.15",
    fix="Replace `apt` with `apt-get` (or `apt-cache` for search/show).",
)
def check_apt_frontend(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    for command in commands(instruction):
        if command.program == "apt" and command.name is not None:
            yield Hit(command.name.span, "`apt` has no stable command-line interface: use `apt-get`")
