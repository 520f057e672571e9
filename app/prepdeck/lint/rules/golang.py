"""The Go toolchain: DL3062 (go install / go get without a version)."""

from __future__ import annotations

from collections.abc import Iterator

from prepdeck.lint.model import Instruction
from prepdeck.lint.registry import Hit, RuleContext, rule
from prepdeck.lint.rules._commands import commands, operands_after, unpinned_hits

_GO_VALUE_OPTIONS = (
    "-o",
    "-p",
    "-C",
    "-tags",
    "-ldflags",
    "-gcflags",
    "-mod",
    "-modfile",
    "-pkgdir",
    "-overlay",
)


@rule(
    "DL3062",
    severity="warning",
    title="Pin versions in go install and go get",
    on=("RUN",),
    programs=("go",),
    section="build-cache",
    rationale="""
        `go install example.com/tool/cmd/tool@latest` (or a path with no version at all, which
        resolves through whatever go.mod happens to be around) builds a different tool every
        time a new release is tagged. `@v1.56.2` names one exact module version, which Go then
        verifies against the checksum database - a reproducible and tamper-evident build tool.
        `go get example.com/lib` without a version is the same gamble for a dependency.
    """,
    bad="RUN go install github.com/go-delve/delve/cmd/dlv@latest",
    good="RUN go install github.com/go-delve/delve/cmd/dlv@v1.22.1",
    fix="Append `@<version>` (a tag such as v1.22.1 or a commit), never `@latest`.",
)
def check_go_install(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    for command in commands(instruction):
        if not command.is_("go", "install", "get"):
            continue
        install = command.subcommand
        assert install is not None
        for package in operands_after(command, install, _GO_VALUE_OPTIONS):
            if package.value == "tool":
                continue  # `go get tool ...` (Go 1.24) names no package here
            yield from unpinned_hits(
                instruction, ctx, package, _go_pinned, lambda name: name.partition("@")[0] + "@<version>"
            )


def _go_pinned(package: str) -> bool:
    if package.startswith((".", "/")):
        return True  # a local package builds from the module in the context
    _, _, version = package.partition("@")
    return bool(version) and version not in ("latest", "none")
