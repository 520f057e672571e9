"""BuildKit's own build checks (`docker build --check`) that hadolint has no rule for.

Their codes are BuildKit's check names, so `# check=skip=StageNameCasing` in the Dockerfile and
`--ignore StageNameCasing` both work. Checks that mean the same as a hadolint rule (duplicate or
reserved stage names, MAINTAINER, relative WORKDIR, constant or redundant --platform, secrets in
ARG/ENV) are reported once, under the hadolint code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial

from prepdeck.lint.model import Dockerfile, Instruction, Span, Stage, Word
from prepdeck.lint.registry import Hit, RuleContext, rule

_VARIABLE = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}?|([A-Za-z_][A-Za-z0-9_]*))")
# Build arguments BuildKit defines for every FROM without an ARG.
_AUTOMATIC_ARGS = frozenset(
    {
        "TARGETPLATFORM",
        "TARGETOS",
        "TARGETARCH",
        "TARGETVARIANT",
        "BUILDPLATFORM",
        "BUILDOS",
        "BUILDARCH",
        "BUILDVARIANT",
    }
)
_PROXY_ARGS = frozenset(
    {
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "FTP_PROXY",
        "ftp_proxy",
        "NO_PROXY",
        "no_proxy",
        "ALL_PROXY",
        "all_proxy",
    }
)
# Kept as pattern strings: `re` compiles each on first use (and caches it), not on every start
# of `prepdeck lint FILE` (3.5 ms of regex compiling for files that mostly never need them).
_IMAGE_REFERENCE = (
    r"^(?:(?:[a-zA-Z0-9-]+\.)*[a-zA-Z0-9-]+(?::\d+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*"
    r"(?::[\w][\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$"
)


def _word_offset_span(span: Span, start: int, end: int) -> Span:
    """A sub-span of a one-line word: characters [start, end) of it."""
    return Span(span.line, span.column + start, span.line, span.column + end)


@rule(
    "StageNameCasing",
    severity="style",
    title="Stage names should be lowercase",
    on=("FROM",),
    origin="buildkit",
    buildkit_name="StageNameCasing",
    section="multi-stage",
    rationale="""
        BuildKit matches stage names case-insensitively, so `Builder` and `builder` are the same
        stage, but `--target` and `COPY --from` spellings that differ in case are confusing to
        read and easy to get wrong in scripts. Lowercase names, like image names, avoid the
        question.
    """,
    bad="FROM golang:1.22.1 AS Builder",
    good="FROM golang:1.22.1 AS builder",
    fix="Write the stage name in lowercase (and update COPY --from and --target).",
)
def check_stage_name_casing(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    name = instruction.stage_name
    if name is not None and name.value != name.value.lower():
        yield Hit(name.span, f"stage name `{name.value}` should be lowercase: `{name.value.lower()}`")


def _as_word(instruction: Instruction) -> Word | None:
    words = instruction.words
    for position, word in enumerate(words[:-1]):
        if word.value.lower() == "as" and words[position + 1] is instruction.stage_name:
            return word
    return None


@rule(
    "FromAsCasing",
    severity="style",
    title="The AS keyword should match the case of FROM",
    on=("FROM",),
    origin="buildkit",
    buildkit_name="FromAsCasing",
    section="multi-stage",
    rationale="""
        `FROM node AS build` or `from node as build` both read well; `FROM node as build` mixes
        conventions in a single line. Consistent casing makes Dockerfiles easier to scan and to
        search (`grep "AS build"`).
    """,
    bad="FROM node:20.11.1-alpine as build",
    good="FROM node:20.11.1-alpine AS build",
    fix="Write `AS` in the same case as `FROM`.",
)
def check_from_as_casing(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    word = _as_word(instruction)
    if word is None:
        return
    keyword = instruction.keyword_text
    if keyword.isupper() and word.text != "AS":
        yield Hit(word.span, f"`{word.text}` should be `AS` to match `{keyword}`")
    elif keyword.islower() and word.text != "as":
        yield Hit(word.span, f"`{word.text}` should be `as` to match `{keyword}`")


@rule(
    "NoEmptyContinuation",
    severity="warning",
    title="No empty lines inside a continued instruction",
    origin="buildkit",
    buildkit_name="NoEmptyContinuation",
    section="build-optimisation",
    rationale="""
        A blank line after a trailing backslash does not end the instruction: BuildKit skips it
        and joins the next line, so a RUN can swallow lines the author thought were separate.
        BuildKit warns that this will become an error in a future release. Remove the empty
        line (a comment line is fine) or end the instruction before it.
    """,
    bad="RUN apt-get update && \\\n\n    apt-get install -y curl",
    good="RUN apt-get update && \\\n    apt-get install -y curl",
    fix="Delete the empty line inside the continuation.",
)
def check_empty_continuation(dockerfile: Dockerfile, ctx: RuleContext) -> Iterator[Hit]:
    for instruction in dockerfile.instructions:
        if instruction.span.end_line - instruction.span.line < 2:
            continue  # no line between the first and the last: nothing can be empty inside
        head = instruction.head_span
        for line in range(head.line + 1, head.end_line):
            if not dockerfile.line_text(line).strip():
                yield Hit(
                    Span(line, 1, line, 1),
                    f"empty line inside the {instruction.keyword} that starts on line {head.line}",
                )
                break


@rule(
    "ConsistentInstructionCasing",
    severity="style",
    title="Write all instructions in the same case",
    origin="buildkit",
    buildkit_name="ConsistentInstructionCasing",
    section="anti-patterns",
    rationale="""
        Instructions are case-insensitive, but a file that mixes `RUN` and `run` (or `Copy`) is
        harder to read and to grep. The convention is uppercase; lowercase throughout is also
        consistent. BuildKit takes the majority as the file's style.
    """,
    bad="FROM alpine:3.19.1\nrun echo hi",
    good="FROM alpine:3.19.1\nRUN echo hi",
    fix="Rewrite the instruction in the file's case (usually uppercase).",
)
def check_instruction_casing(dockerfile: Dockerfile, ctx: RuleContext) -> Iterator[Hit]:
    keywords = [instruction for instruction in dockerfile.walk() if instruction.known]
    upper = sum(1 for instruction in keywords if instruction.keyword_text.isupper())
    lower = sum(1 for instruction in keywords if instruction.keyword_text.islower())
    expected = "lowercase" if lower > upper else "uppercase"
    for instruction in keywords:
        text = instruction.keyword_text
        fits = text.islower() if expected == "lowercase" else text.isupper()
        if not fits:
            wanted = text.lower() if expected == "lowercase" else text.upper()
            yield Hit(
                instruction.keyword_span,
                f"`{text}` should be `{wanted}` like the rest of the file ({expected})",
            )


def _has_shell_instruction(stage: Stage | None, before: int, ctx: RuleContext) -> bool:
    seen: set[int] = set()
    while stage is not None and stage.index not in seen:
        seen.add(stage.index)
        shells = ctx.once(f"shells:{stage.index}", partial(stage.instructions_of, "SHELL"))
        if any(instruction.index < before for instruction in shells):
            return True
        before = stage.from_instruction.index
        stage = stage.base_stage
    return False


@rule(
    "JSONArgsRecommended",
    severity="warning",
    title="Use JSON arguments for ENTRYPOINT and CMD",
    on=("CMD", "ENTRYPOINT"),
    origin="buildkit",
    buildkit_name="JSONArgsRecommended",
    section="entrypoint-cmd",
    same_as=("DL3025",),
    rationale="""
        In shell form the command runs as a child of `/bin/sh -c`, which does not pass signals
        on, so the program misses SIGTERM and is killed after the stop timeout. BuildKit's
        check differs from DL3025 in one way: it stays quiet when the stage sets a SHELL
        explicitly, taking that as a sign the shell is wanted. It means the same as DL3025, so it
        is reported only where DL3025 is not (ignored or disabled).
    """,
    bad="CMD node server.js",
    good='CMD ["node", "server.js"]',
    fix="Write the command as a JSON array, or set SHELL explicitly if a shell is really intended.",
)
def check_json_args(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    if (
        instruction.is_json
        or not instruction.arguments.strip()
        or instruction.arguments.lstrip().startswith("[")
    ):
        return
    if instruction.parent is not None:
        return
    if _has_shell_instruction(instruction.stage, instruction.index, ctx):
        return
    span = instruction.arguments_span or instruction.keyword_span
    yield Hit(
        span, f"JSON arguments are recommended for {instruction.keyword} so the program receives OS signals"
    )


def _global_args(dockerfile: Dockerfile) -> dict[str, str | None]:
    return dockerfile.global_arg_defaults()


def _from_texts(instruction: Instruction) -> list[tuple[str, Span]]:
    texts = []
    if instruction.image is not None:
        texts.append((instruction.image.text, instruction.image.span))
    platform = instruction.flag("platform")
    if platform is not None and platform.value is not None and platform.value_span is not None:
        texts.append((platform.value, platform.value_span))
    return texts


@rule(
    "UndefinedArgInFrom",
    severity="warning",
    title="FROM uses a build argument that was not declared",
    on=("FROM",),
    origin="buildkit",
    buildkit_name="UndefinedArgInFrom",
    section="base-images",
    rationale="""
        Only ARGs declared *before the first FROM* can be used in FROM lines (plus BuildKit's
        automatic platform arguments). An undeclared `$BASE` expands to an empty string, and
        the build fails with a confusing "invalid reference format" - or worse, silently uses
        a different image when the variable happens to be set by someone's `--build-arg`.
    """,
    bad="FROM ${BASE_IMAGE}",
    good="ARG BASE_IMAGE=python:3.12.2-slim\nFROM ${BASE_IMAGE}",
    fix="Declare the argument with `ARG NAME[=default]` above the first FROM.",
)
def check_undefined_arg_in_from(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    declared = _global_args(ctx.dockerfile)
    for text, span in _from_texts(instruction):
        for match in _VARIABLE.finditer(text):
            name = match.group(1) or match.group(2)
            if name in declared or name in _AUTOMATIC_ARGS:
                continue
            where = (
                _word_offset_span(span, match.start(), match.end()) if span.line == span.end_line else span
            )
            yield Hit(where, f"`{name}` is not declared by an ARG before the first FROM")


@rule(
    "InvalidDefaultArgInFrom",
    severity="warning",
    title="The default ARG values give an invalid FROM",
    on=("FROM",),
    origin="buildkit",
    buildkit_name="InvalidDefaultArgInFrom",
    section="base-images",
    rationale="""
        When the global ARGs used by FROM have no default (or an empty one), a plain
        `docker build` without `--build-arg` expands FROM to something like `python:3.12-` or
        `/nginx:1.25`, which is not an image reference. Give every such ARG a default that
        works, so the Dockerfile builds as written.
    """,
    bad="ARG TAG\nFROM python:${TAG}",
    good="ARG TAG=3.12.2-slim\nFROM python:${TAG}",
    fix="Give the ARG a default value that makes a valid image reference.",
)
def check_invalid_default_from(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    image = instruction.image
    if image is None or not image.uses_variables or image.stage is not None:
        return
    declared = _global_args(ctx.dockerfile)
    names = [match.group(1) or match.group(2) for match in _VARIABLE.finditer(image.text)]
    if any(name not in declared for name in names):
        return  # UndefinedArgInFrom already says what is wrong

    def value_of(match: re.Match[str]) -> str:
        name = match.group(1) or match.group(2)
        return declared.get(name) or ""

    expanded = _VARIABLE.sub(value_of, image.text)
    if expanded.lower() == "scratch" or re.match(_IMAGE_REFERENCE, expanded):
        return
    shown = expanded or "an empty name"
    yield Hit(
        image.span, f"with the default ARG values this FROM names `{shown}`, which is not a valid image"
    )


# Variables that official base images set in their config; BuildKit knows them from the image, we
# cannot, so they are given the benefit of the doubt.
_IMAGE_ENV = frozenset(
    {
        "PATH",
        "HOME",
        "HOSTNAME",
        "LANG",
        "USER",
        "JAVA_HOME",
        "JAVA_VERSION",
        "GOPATH",
        "GOROOT",
        "GOLANG_VERSION",
        "CARGO_HOME",
        "RUSTUP_HOME",
        "RUST_VERSION",
        "GEM_HOME",
        "BUNDLE_APP_CONFIG",
        "BUNDLE_PATH",
        "RUBY_VERSION",
        "NODE_VERSION",
        "YARN_VERSION",
        "PYTHON_VERSION",
        "PHP_INI_DIR",
        "PHP_VERSION",
        "NGINX_VERSION",
        "CATALINA_HOME",
        "MAVEN_HOME",
        "GRADLE_HOME",
        "DOTNET_VERSION",
        "APP_ROOT",
        "HOME_DIR",
    }
)
_EXPANDING = ("ADD", "COPY", "ENV", "EXPOSE", "LABEL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR")


def _scope(stage: Stage) -> tuple[dict[str, int], frozenset[str]]:
    """Where each ARG/ENV name is first declared in a stage, and the ENV names its base stages set."""
    first: dict[str, int] = {}
    for instruction in stage.instructions:
        if instruction.keyword in ("ARG", "ENV"):
            for pair in instruction.pairs:
                first.setdefault(pair.name, instruction.index)
    inherited: set[str] = set()
    seen = {stage.index}
    base = stage.base_stage
    while base is not None and base.index not in seen:
        seen.add(base.index)
        for instruction in base.instructions_of("ENV"):
            inherited.update(pair.name for pair in instruction.pairs)
        base = base.base_stage
    return first, frozenset(inherited)


def _defined(name: str, instruction: Instruction, ctx: RuleContext) -> bool:
    """Whether `name` is an ARG or ENV in scope for `instruction` (the ENV being read included)."""
    stage = instruction.stage
    assert stage is not None
    first, inherited = ctx.once(f"scope:{stage.index}", lambda: _scope(stage))
    if name in _PROXY_ARGS or name in inherited or first.get(name, instruction.index + 1) < instruction.index:
        return True
    return instruction.keyword == "ENV" and any(pair.name == name for pair in instruction.pairs)


@rule(
    "UndefinedVar",
    severity="warning",
    title="A variable is used but never defined",
    on=_EXPANDING,
    origin="buildkit",
    buildkit_name="UndefinedVar",
    section="build-cache",
    rationale="""
        COPY, ENV, WORKDIR and the other instructions expand `$NAME` at build time from the
        stage's ARGs and ENVs. An unknown name expands to an empty string without any error:
        `COPY config $CONFIG_DIR/` copies into `/`. A common cause is an ARG declared before
        FROM but not re-declared inside the stage (global ARGs are only in scope for FROM).
        Variables the base image sets (PATH, JAVA_HOME...) are invisible to this check, so
        treat the finding as a question if the name comes from the base image.
    """,
    bad="FROM alpine:3.19.1\nCOPY config $CONFIG_DIR/",
    good="FROM alpine:3.19.1\nENV CONFIG_DIR=/etc/app\nCOPY config $CONFIG_DIR/",
    fix="Define the name with ARG or ENV in this stage (re-declare global ARGs with `ARG NAME`), or fix its spelling.",
)
def check_undefined_var(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    if instruction.parent is not None or instruction.heredocs or instruction.stage is None:
        return
    global_args = _global_args(ctx.dockerfile)
    words = instruction.exec_args if instruction.is_json else instruction.words
    if instruction.keyword in ("ENV", "LABEL"):
        words = [pair.value for pair in instruction.pairs if pair.value is not None]
    for word in words:
        if "$" not in word.text or word.span.line != word.span.end_line:
            continue
        for match in _VARIABLE.finditer(word.text):
            if match.start() > 0 and word.text[match.start() - 1] == "\\":
                continue
            name = match.group(1) or match.group(2)
            if name in _IMAGE_ENV or _defined(name, instruction, ctx):
                continue
            hint = (
                " (it is a global ARG: re-declare it in this stage with `ARG " + name + "`)"
                if name in global_args
                else ""
            )
            yield Hit(
                _word_offset_span(word.span, match.start(), match.end()),
                f"`{name}` is not defined by an ARG or ENV in this stage{hint}",
            )


@rule(
    "MultipleInstructionsDisallowed",
    severity="warning",
    title="Only the last CMD, ENTRYPOINT or HEALTHCHECK of a stage counts",
    origin="buildkit",
    buildkit_name="MultipleInstructionsDisallowed",
    section="entrypoint-cmd",
    same_as=("DL4003", "DL4004", "DL3012"),
    rationale="""
        A stage keeps one CMD, one ENTRYPOINT and one HEALTHCHECK: each new one silently
        replaces the previous. The earlier lines are dead code that misleads the reader about
        how the container starts. (hadolint reports the same under DL4003, DL4004 and DL3012, so this finding is
        shown only where those are not.)
    """,
    bad='FROM alpine:3.19.1\nCMD ["echo", "one"]\nCMD ["echo", "two"]',
    good='FROM alpine:3.19.1\nCMD ["echo", "two"]',
    fix="Delete the earlier instruction; keep only the one that takes effect.",
)
def check_multiple_instructions(dockerfile: Dockerfile, ctx: RuleContext) -> Iterator[Hit]:
    for stage in dockerfile.stages:
        for keyword in ("CMD", "ENTRYPOINT", "HEALTHCHECK"):
            found = stage.instructions_of(keyword)
            for instruction in found[:-1]:
                yield Hit(
                    instruction.keyword_span,
                    f"this {keyword} is overridden by the one on line {found[-1].line}",
                )


@rule(
    "LegacyKeyValueFormat",
    severity="warning",
    title="Use KEY=value in ENV and LABEL",
    on=("ENV", "LABEL"),
    origin="buildkit",
    buildkit_name="LegacyKeyValueFormat",
    section="anti-patterns",
    rationale="""
        `ENV KEY value` is the old form: everything after the first space becomes the value, so
        `ENV A 1 B 2` sets A to "1 B 2", and one instruction cannot set two keys. `KEY=value`
        is unambiguous, allows several pairs per instruction and is what the documentation uses.
    """,
    bad="ENV APP_ENV production",
    good="ENV APP_ENV=production",
    fix="Write `KEY=value` (quote values that contain spaces).",
)
def check_legacy_key_value(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    for pair in instruction.pairs:
        if pair.legacy:
            value = pair.value.text if pair.value is not None else ""
            yield Hit(
                pair.span or pair.key.span,
                f"legacy `{instruction.keyword} {pair.name} {value}`: write `{pair.name}={value}`",
            )


_EXPOSE_WORD = r"^(?P<port>[^/]+)(?:/(?P<proto>.*))?$"


@rule(
    "ExposeProtoCasing",
    severity="style",
    title="Write EXPOSE protocols in lowercase",
    on=("EXPOSE",),
    origin="buildkit",
    buildkit_name="ExposeProtoCasing",
    section="production-readiness",
    rationale="""
        The protocol of an exposed port is `tcp`, `udp` or `sctp`, in lowercase, as the image
        config and `docker inspect` show them. Uppercase works today only because the builder
        lowercases it for you; keeping it lowercase avoids surprises in tools that read the
        Dockerfile directly.
    """,
    bad="EXPOSE 443/TCP",
    good="EXPOSE 443/tcp",
    fix="Lowercase the protocol.",
)
def check_expose_proto_casing(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    for word in instruction.words:
        match = re.match(_EXPOSE_WORD, word.value)
        if match is None:
            continue
        proto = match.group("proto")
        if proto and proto != proto.lower() and word.span.line == word.span.end_line:
            start = len(match.group("port")) + 1
            yield Hit(
                _word_offset_span(word.span, start, start + len(proto)),
                f"protocol `{proto}` should be `{proto.lower()}`",
            )


@rule(
    "ExposeInvalidFormat",
    severity="warning",
    title="EXPOSE takes container ports, not host mappings",
    on=("EXPOSE",),
    origin="buildkit",
    buildkit_name="ExposeInvalidFormat",
    section="production-readiness",
    rationale="""
        EXPOSE documents which ports the *container* listens on. Which host port (and address)
        maps to it is decided when the container runs (`docker run -p 8080:80`, a Service in
        Kubernetes), not when the image is built. `EXPOSE 8080:80` or an IP address in EXPOSE
        mixes the two; BuildKit ignores the host part and will reject it in the future.
    """,
    bad="EXPOSE 8080:80",
    good="EXPOSE 80",
    fix="Keep only the container port (and protocol); publish it with `-p host:container` at run time.",
)
def check_expose_format(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    for word in instruction.words:
        if ":" in word.value:
            container = word.value.rsplit(":", 1)[-1]
            yield Hit(
                word.span,
                f"`{word.value}` includes a host part: EXPOSE only `{container}` and map it with `-p` at run time",
            )


@rule(
    "InvalidDefinitionDescription",
    severity="ignore",
    title="A comment above a stage or ARG should start with its name",
    on=("FROM", "ARG"),
    origin="buildkit",
    buildkit_name="InvalidDefinitionDescription",
    section="multi-stage",
    rationale="""
        BuildKit (experimentally) reads the comment right above `FROM ... AS name` or
        `ARG name` as that stage's or argument's description, shown by tools such as
        `docker buildx build --call outline`. The convention is `# name description`. A comment
        that does not start with the name is probably not meant as a description; separate it
        with an empty line. Off by default, as in BuildKit, where it is experimental.
    """,
    bad="# the Go toolchain\nFROM golang:1.22.1 AS build",
    good="# build compiles the server with the Go toolchain\nFROM golang:1.22.1 AS build",
    fix="Start the comment with the stage or argument name, or put an empty line between them.",
)
def check_definition_description(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    if instruction.keyword == "FROM":
        name = instruction.stage_name.value if instruction.stage_name is not None else None
    else:
        name = instruction.pairs[0].name if len(instruction.pairs) == 1 else None
    comments = instruction.comments
    if name is None or not comments or comments[-1].span.line != instruction.line - 1:
        return
    comment = comments[-1]
    text = comment.text
    if text.lower().startswith(("hadolint", "prepdeck", "check=", "syntax=", "escape=")):
        return
    if text.split(None, 1)[:1] != [name]:
        yield Hit(comment.span, f"this comment describes `{name}` only if it starts with `{name}`")
