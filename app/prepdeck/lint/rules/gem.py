"""RubyGems: DL3028 (pin versions in gem install)."""

from __future__ import annotations

from collections.abc import Iterator

from prepdeck.lint.model import Instruction
from prepdeck.lint.registry import Hit, RuleContext, rule
from prepdeck.lint.rules._commands import commands, flag_names, operands_after, unpinned_hits

_GEM_VALUE_OPTIONS = (
    "-i",
    "--install-dir",
    "-n",
    "--bindir",
    "-s",
    "--source",
    "-p",
    "--http-proxy",
    "--platform",
    "-g",
    "--file",
)


@rule(
    "DL3028",
    severity="warning",
    title="Pin versions in gem install",
    on=("RUN",),
    programs=("gem",),
    section="build-cache",
    rationale="""
        `gem install rails` installs the newest release on the day of the build, so the image
        changes under an unchanged Dockerfile. Pin the version (`rails:7.1.3` or `-v 7.1.3`),
        and keep the application's gems in a Gemfile.lock installed with `bundle install`.
    """,
    bad="RUN gem install bundler",
    good="RUN gem install bundler:2.5.6",
    fix="Write `gem install <gem>:<version>`, or add `-v <version>` when installing one gem.",
)
def check_gem_pinning(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    for command in commands(instruction):
        if command.program != "gem":
            continue
        operands = command.positional(takes_value=(*_GEM_VALUE_OPTIONS, "-v", "--version"))
        if not operands or operands[0].value not in ("install", "i"):
            continue
        if flag_names(command) & {"v", "version"}:
            continue
        for gem in operands_after(command, operands[0], (*_GEM_VALUE_OPTIONS, "-v", "--version")):
            yield from unpinned_hits(instruction, ctx, gem, _gem_pinned, "{}:<version>")


def _gem_pinned(gem: str) -> bool:
    return ":" in gem or gem.endswith(".gem")
