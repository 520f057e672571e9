"""RPM-family package managers: yum, dnf, microdnf (RHEL, UBI, Fedora, CentOS) and zypper (SUSE).

DL3030/DL3038 and DL3034 want non-interactive installs, DL3033/DL3041/DL3037 version pins,
DL3032/DL3040/DL3036 a cache cleanup in the same RUN, DL3035 no `zypper dist-upgrade`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import partial

from prepdeck.lint.model import Instruction, Word
from prepdeck.lint.registry import Hit, RuleContext, rule
from prepdeck.lint.rules._commands import (
    cache_mount_covers,
    commands,
    flag_names,
    stage_ships,
    unpinned_hits,
)
from prepdeck.lint.shell import Command

_YUM_VALUE_OPTIONS = (
    "--installroot",
    "--releasever",
    "--enablerepo",
    "--disablerepo",
    "-c",
    "--config",
    "--setopt",
    "--exclude",
    "-x",
    "--repo",
    "--repoid",
    "--nodocs-x",
)
_ZYPPER_VALUE_OPTIONS = ("-R", "--root", "-r", "--repo", "-t", "--type", "--from", "-c", "--config")
_INSTALLS = frozenset({"install", "groupinstall", "localinstall"})
_RPM_CACHES = ("/var/cache/yum", "/var/cache/dnf", "/var/cache/zypp", "/var/cache/libdnf5")
_DNF_VERSION_PART = re.compile(r"^[0-9A-Za-z.~^_:+]+$")


def _operands(command: Command, options: tuple[str, ...]) -> list[Word]:
    return command.positional(takes_value=options)


def _install_of(
    command: Command, programs: tuple[str, ...], options: tuple[str, ...]
) -> tuple[Word, list[Word], bool] | None:
    """(install word, package words, is a module install) when `command` installs packages."""
    if command.program not in programs:
        return None
    operands = _operands(command, options)
    if not operands:
        return None
    if operands[0].value == "module" and len(operands) > 1 and operands[1].value == "install":
        return operands[1], operands[2:], True
    if operands[0].value in _INSTALLS:
        packages = operands[1:] if operands[0].value != "groupinstall" else []
        return operands[0], packages, False
    return None


def _non_interactive(command: Command) -> bool:
    return bool(flag_names(command) & {"y", "assumeyes"})


def _yes_hits(instruction: Instruction, programs: tuple[str, ...]) -> Iterator[Hit]:
    for command in commands(instruction):
        found = _install_of(command, programs, _YUM_VALUE_OPTIONS)
        if found is not None and not _non_interactive(command):
            install = found[0]
            yield Hit(
                install.span, f"`{command.program} {install.value}` without `-y` waits for a confirmation"
            )


_INTERACTIVE_RATIONALE = """
    A build cannot answer "Is this ok [y/N]". Without `-y` the package manager reads end of
    input, takes it as "no" and the RUN fails - or worse, hangs with some front ends. Make every
    install explicitly non-interactive.
"""


@rule(
    "DL3030",
    severity="warning",
    title="Use -y with yum install",
    on=("RUN",),
    programs=("yum",),
    section="anti-patterns",
    rationale=_INTERACTIVE_RATIONALE,
    bad="RUN yum install httpd-2.4.37 && yum clean all",
    good="RUN yum install -y httpd-2.4.37 && yum clean all",
    fix="Add `-y` (or `--assumeyes`).",
)
def check_yum_yes(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    yield from _yes_hits(instruction, ("yum",))


@rule(
    "DL3038",
    severity="warning",
    title="Use -y with dnf install",
    on=("RUN",),
    programs=("dnf", "microdnf"),
    section="anti-patterns",
    rationale=_INTERACTIVE_RATIONALE,
    bad="RUN dnf install git-2.43.0 && dnf clean all",
    good="RUN dnf install -y git-2.43.0 && dnf clean all",
    fix="Add `-y` (or `--assumeyes`) to dnf or microdnf.",
)
def check_dnf_yes(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    yield from _yes_hits(instruction, ("dnf", "microdnf"))


def _cleans(command: Command, program: str) -> bool:
    values = [word.value for word in command.args]
    if command.program == program and "clean" in values and "all" in values:
        return True
    return command.program == "rm" and any(value.rstrip("/*").rstrip("/") in _RPM_CACHES for value in values)


def _clean_hits(
    instruction: Instruction, ctx: RuleContext, programs: tuple[str, ...], clean_text: str
) -> Iterator[Hit]:
    if cache_mount_covers(instruction, *_RPM_CACHES) or not stage_ships(instruction, ctx):
        return
    found = commands(instruction)
    for position, command in enumerate(found):
        install = _install_of(command, programs, _YUM_VALUE_OPTIONS)
        if install is None:
            continue
        if any(_cleans(later, command.program) for later in found[position + 1 :]):
            continue
        yield Hit(
            install[0].span,
            f"the {command.program} cache stays in the layer: add `&& {command.program} {clean_text}`",
        )
        return


_CLEAN_RATIONALE = """
    yum and dnf keep repository metadata and downloaded RPMs under /var/cache; left there they
    add tens of megabytes to the layer. Because a layer keeps whatever it added, the cleanup
    must run in the same RUN as the install. A `RUN --mount=type=cache` on the cache folder is
    the alternative that also speeds up rebuilds.
"""


@rule(
    "DL3032",
    severity="warning",
    title="Run yum clean all after yum install",
    on=("RUN",),
    programs=("yum",),
    section="image-internals",
    rationale=_CLEAN_RATIONALE,
    bad="RUN yum install -y httpd-2.4.37",
    good="RUN yum install -y httpd-2.4.37 && yum clean all && rm -rf /var/cache/yum",
    fix="Append `&& yum clean all` to the RUN that installs.",
)
def check_yum_clean(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    yield from _clean_hits(instruction, ctx, ("yum",), "clean all")


@rule(
    "DL3040",
    severity="warning",
    title="Run dnf clean all after dnf install",
    on=("RUN",),
    programs=("dnf", "microdnf"),
    section="image-internals",
    rationale=_CLEAN_RATIONALE,
    bad="RUN microdnf install -y tar-1.34",
    good="RUN microdnf install -y tar-1.34 && microdnf clean all",
    fix="Append `&& dnf clean all` (`microdnf clean all` on ubi-minimal) to the RUN that installs.",
)
def check_dnf_clean(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    yield from _clean_hits(instruction, ctx, ("dnf", "microdnf"), "clean all")


def _yum_pinned(package: str, module: bool) -> bool:
    if module:
        return ":" in package
    return "-" in package or package.endswith(".rpm")


def _dnf_pinned(package: str, module: bool) -> bool:
    if module:
        return ":" in package
    if package.endswith(".rpm"):
        return True
    parts = package.split("-")[1:]
    return (
        bool(parts)
        and all(_DNF_VERSION_PART.match(part) for part in parts)
        and any(part[:1].isdigit() for part in parts)
    )


def _local_or_pinned(name: str, *, pinned: Callable[[str, bool], bool], module: bool) -> bool:
    """A URL, a local file or an `@group` needs no pin; a package needs its version (its stream)."""
    return "://" in name or name.startswith(("/", "@")) or pinned(name, module)


def _pin_hits(
    instruction: Instruction,
    ctx: RuleContext,
    programs: tuple[str, ...],
    pinned: Callable[[str, bool], bool],
) -> Iterator[Hit]:
    for command in commands(instruction):
        found = _install_of(command, programs, _YUM_VALUE_OPTIONS)
        if found is None:
            continue
        _, packages, module = found
        for package in packages:
            yield from unpinned_hits(
                instruction,
                ctx,
                package,
                partial(_local_or_pinned, pinned=pinned, module=module),
                "{}:<stream>" if module else "{}-<version>",
            )


_RPM_PIN_RATIONALE = """
    Installing by bare name takes the newest build in the enabled repositories, so the same
    Dockerfile yields a different image as the repositories move. Naming `httpd-2.4.37` (or a
    module stream such as `nodejs:20`) keeps builds repeatable and makes upgrades deliberate.
"""


@rule(
    "DL3033",
    severity="warning",
    title="Pin versions in yum install",
    on=("RUN",),
    programs=("yum",),
    section="base-images",
    rationale=_RPM_PIN_RATIONALE,
    bad="RUN yum install -y httpd && yum clean all",
    good="RUN yum install -y httpd-2.4.37 && yum clean all",
    fix="Write `<package>-<version>` (and `<module>:<stream>` for `yum module install`).",
)
def check_yum_pinning(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    yield from _pin_hits(instruction, ctx, ("yum",), _yum_pinned)


@rule(
    "DL3041",
    severity="warning",
    title="Pin versions in dnf install",
    on=("RUN",),
    programs=("dnf", "microdnf"),
    section="base-images",
    rationale=_RPM_PIN_RATIONALE,
    bad="RUN dnf install -y git && dnf clean all",
    good="RUN dnf install -y git-2.43.0 && dnf clean all",
    fix="Write `<package>-<version>` (and `<module>:<stream>` for `dnf module install`).",
)
def check_dnf_pinning(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    yield from _pin_hits(instruction, ctx, ("dnf", "microdnf"), _dnf_pinned)


_ZYPPER_INTERACTIVE = frozenset({"install", "in", "remove", "rm", "source-install", "si", "patch"})


def _zypper_operands(command: Command) -> list[Word]:
    return command.positional(takes_value=_ZYPPER_VALUE_OPTIONS) if command.program == "zypper" else []


@rule(
    "DL3034",
    severity="warning",
    title="Make zypper non-interactive",
    on=("RUN",),
    programs=("zypper",),
    section="anti-patterns",
    rationale=_INTERACTIVE_RATIONALE,
    bad="RUN zypper install curl=8.0.1",
    good="RUN zypper --non-interactive install curl=8.0.1 && zypper clean --all",
    fix="Add `-n`/`--non-interactive` before the command, or `-y` after it.",
)
def check_zypper_yes(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    for command in commands(instruction):
        operands = _zypper_operands(command)
        if not operands or operands[0].value not in _ZYPPER_INTERACTIVE:
            continue
        if flag_names(command) & {"n", "non-interactive", "y", "no-confirm"}:
            continue
        yield Hit(operands[0].span, f"`zypper {operands[0].value}` without `-n` waits for a confirmation")


@rule(
    "DL3035",
    severity="warning",
    title="Do not run zypper dist-upgrade in a Dockerfile",
    on=("RUN",),
    programs=("zypper",),
    section="base-images",
    rationale="""
        `zypper dist-upgrade` moves the whole system to whatever the repositories hold today,
        possibly a new distribution release, inside your image. The result depends on the day of
        the build and can differ wildly from the base image the tag promises. Take a newer base
        image instead, and let its maintainers do the upgrade.
    """,
    bad="RUN zypper -n dist-upgrade",
    good="FROM opensuse/leap:15.5",
    fix="Remove the dist-upgrade and move to a newer base image tag.",
)
def check_zypper_dist_upgrade(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    for command in commands(instruction):
        operands = _zypper_operands(command)
        if operands and operands[0].value in ("dist-upgrade", "dup"):
            yield Hit(
                operands[0].span,
                f"`zypper {operands[0].value}` upgrades the whole distribution at build time",
            )


@rule(
    "DL3036",
    severity="warning",
    title="Run zypper clean after zypper install",
    on=("RUN",),
    programs=("zypper",),
    section="image-internals",
    rationale="""
        zypper keeps repository metadata and packages under /var/cache/zypp. Left in the layer
        they only add size; clean them in the same RUN that installed (`zypper clean --all`).
    """,
    bad="RUN zypper -n install curl=8.0.1",
    good="RUN zypper -n install curl=8.0.1 && zypper clean --all",
    fix="Append `&& zypper clean --all` (or `zypper cc -a`).",
)
def check_zypper_clean(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    if cache_mount_covers(instruction, "/var/cache/zypp") or not stage_ships(instruction, ctx):
        return
    found = commands(instruction)
    for position, command in enumerate(found):
        operands = _zypper_operands(command)
        if not operands or operands[0].value not in ("install", "in"):
            continue
        cleaned = any(
            (later_operands := _zypper_operands(later)) and later_operands[0].value in ("clean", "cc")
            for later in found[position + 1 :]
        )
        if not cleaned:
            yield Hit(operands[0].span, "the zypper cache stays in the layer: add `&& zypper clean --all`")
            return


@rule(
    "DL3037",
    severity="warning",
    title="Pin versions in zypper install",
    on=("RUN",),
    programs=("zypper",),
    section="base-images",
    rationale=_RPM_PIN_RATIONALE,
    bad="RUN zypper -n install curl && zypper clean --all",
    good="RUN zypper -n install curl=8.0.1 && zypper clean --all",
    fix="Write `<package>=<version>` (or a range such as `curl>=8`).",
)
def check_zypper_pinning(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    for command in commands(instruction):
        operands = _zypper_operands(command)
        if not operands or operands[0].value not in ("install", "in"):
            continue
        for package in operands[1:]:
            yield from unpinned_hits(instruction, ctx, package, _zypper_pinned, "{}=<version>")


def _zypper_pinned(package: str) -> bool:
    return any(mark in package for mark in "=<>") or package.endswith(".rpm")
