"""Checks that need the build context (`prepdeck lint --context DIR`): PD015 (.dockerignore missing
or still sending .git, node_modules, .env) and BuildKit's CopyIgnoredFile."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from prepdeck.lint.model import Dockerfile, Instruction, Word
from prepdeck.lint.registry import TYPE_CHECKING, Hit, RuleContext, rule

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

_WHOLE_CONTEXT = frozenset({".", "./", "*", "./*"})
_MUST_NOT_SEND = (".git", "node_modules", ".env")


class IgnoreRules:
    """A .dockerignore file: patterns in order, the last one that matches a path decides."""

    def __init__(self, text: str) -> None:
        self.patterns: list[tuple[re.Pattern[str], bool]] = []
        for raw in text.splitlines():
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            include = line.startswith("!")
            pattern = line[1:].strip() if include else line
            pattern = pattern.lstrip("/")
            while pattern.startswith("./"):
                pattern = pattern[2:]
            pattern = pattern.rstrip("/")
            if pattern:
                self.patterns.append((_compile(pattern), include))

    def ignores(self, path: str) -> bool:
        """Whether `path` (relative to the context, with /) is left out of the context."""
        parts = path.strip("/").split("/")
        candidates = ["/".join(parts[: index + 1]) for index in range(len(parts))]
        ignored = False
        for pattern, include in self.patterns:
            if any(pattern.fullmatch(candidate) for candidate in candidates):
                ignored = not include
        return ignored


def _compile(pattern: str) -> re.Pattern[str]:
    out: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
            continue
        if pattern.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = pattern.find("]", index + 1)
            if end < 0:
                out.append(re.escape(char))
            else:
                body = pattern[index + 1 : end].replace("\\", "\\\\")
                if body.startswith("^"):
                    body = "^" + body[1:]
                out.append("[" + body + "]")
                index = end
        elif char == "\\" and index + 1 < len(pattern):
            index += 1
            out.append(re.escape(pattern[index]))
        else:
            out.append(re.escape(char))
        index += 1
    return re.compile("".join(out))


@lru_cache(maxsize=32)
def _read_ignore(path: str, stamp: float) -> IgnoreRules:
    from prepdeck.capped import InputRefused, read_capped  # only with --context: keep start-up lean

    try:
        return IgnoreRules(read_capped(path, 1024 * 1024, stdin=False).decode("utf-8", errors="replace"))
    except InputRefused:
        return IgnoreRules("")  # unreadable or absurdly large: as if there were none


def ignore_file(ctx: RuleContext) -> Path | None:
    """The ignore file BuildKit would use: `<Dockerfile name>.dockerignore` first, then .dockerignore."""
    if ctx.context_dir is None:
        return None
    from pathlib import Path  # only with --context: keep the lint start-up lean

    context = Path(ctx.context_dir)
    dockerfile = Path(ctx.path)
    for candidate in (dockerfile.parent / (dockerfile.name + ".dockerignore"), context / ".dockerignore"):
        if candidate.is_file():
            return candidate
    return None


def ignore_rules(ctx: RuleContext) -> IgnoreRules | None:
    path = ignore_file(ctx)
    if path is None:
        return None
    return _read_ignore(str(path), path.stat().st_mtime)


def _context_copies(dockerfile: Dockerfile) -> Iterator[tuple[Instruction, Word]]:
    for instruction in dockerfile.walk():
        if (
            instruction.keyword not in ("COPY", "ADD")
            or instruction.flag("from") is not None
            or instruction.heredocs
        ):
            continue
        for source in instruction.sources:
            yield instruction, source


@rule(
    "PD015",
    severity="warning",
    title="The build context sends what the image must not contain",
    origin="prepdeck",
    section="build-optimisation",
    rationale="""
        `docker build` sends the whole context folder to the builder, and `COPY . .` puts all of
        it in the image: the .git history (and every secret ever committed), a local
        node_modules built for another OS, `.env` files with credentials. Without a
        .dockerignore, every build also uploads them and every edit to them busts the cache. A
        .dockerignore listing `.git`, `node_modules`, `.env` and build output keeps the
        context small, the cache stable and the secrets out.
    """,
    bad="# no .dockerignore\nCOPY . .",
    good="# .dockerignore: .git  node_modules  .env  dist\nCOPY . .",
    fix="Add a .dockerignore with at least `.git`, `node_modules` and `.env` (and your build output).",
)
def check_context_ignore(dockerfile: Dockerfile, ctx: RuleContext) -> Iterator[Hit]:
    if ctx.context_dir is None:
        return
    from pathlib import Path  # only with --context: keep the lint start-up lean

    whole = next(
        (source for _, source in _context_copies(dockerfile) if source.value in _WHOLE_CONTEXT), None
    )
    if whole is None:
        return
    context = Path(ctx.context_dir)
    rules = ignore_rules(ctx)
    present = [name for name in _MUST_NOT_SEND if (context / name).exists()]
    if rules is None:
        listed = f" (this context has {', '.join(present)})" if present else ""
        yield Hit(
            whole.span, f"no .dockerignore: `{whole.value}` copies the whole context into the image{listed}"
        )
        return
    for name in present:
        if not rules.ignores(name):
            yield Hit(
                whole.span,
                f"`{name}` is in the context and .dockerignore does not exclude it: `{whole.value}` copies it into the image",
            )


@rule(
    "CopyIgnoredFile",
    severity="warning",
    title="COPY names a file that .dockerignore leaves out",
    origin="buildkit",
    buildkit_name="CopyIgnoredFile",
    section="build-optimisation",
    rationale="""
        Files excluded by .dockerignore never reach the builder, so a COPY that names one fails
        ("not found") or, with a wildcard, silently copies nothing. Either the ignore pattern is
        too broad or the COPY is stale.
    """,
    bad="# .dockerignore: *.md\nCOPY README.md /docs/",
    good="# .dockerignore: *.md\n# !README.md\nCOPY README.md /docs/",
    fix="Remove the COPY, or re-include the file in .dockerignore with `!path`.",
)
def check_copy_ignored(dockerfile: Dockerfile, ctx: RuleContext) -> Iterator[Hit]:
    rules = ignore_rules(ctx)
    if rules is None:
        return
    for _, source in _context_copies(dockerfile):
        value = source.value
        if value in _WHOLE_CONTEXT or "$" in value or "://" in value or value.startswith("git@"):
            continue
        if rules.ignores(value.lstrip("./") if value.startswith("./") else value):
            yield Hit(source.span, f"`{value}` is excluded by .dockerignore, so the builder never sees it")
