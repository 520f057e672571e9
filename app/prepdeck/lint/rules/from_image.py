"""FROM, base images and stages: tags, digests, platforms, stage names and references."""

from __future__ import annotations

from collections.abc import Iterator

from prepdeck.lint.model import Dockerfile, Instruction
from prepdeck.lint.registry import Hit, RuleContext, rule


@rule(
    "DL3007",
    severity="warning",
    title="Do not build on the `latest` tag",
    rationale="`latest` is just the tag pushed most recently, not a promise of stability: the same "
    "Dockerfile builds on a different base tomorrow, breaks without any change of yours, and cannot "
    "be rebuilt exactly for a bug report. Naming a version makes the build repeatable and an "
    "upgrade a visible, reviewable change.",
    bad="FROM node:latest",
    good="FROM node:22.11-bookworm-slim",
    fix="Replace `latest` with the version you tested (and pin the digest too for full repeatability).",
    on=("FROM",),
    section="base-images",
)
def latest_tag(ins: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    image = ins.image
    if image is None or image.stage is not None or ins.parent is not None:
        return
    if image.resolved is None:
        # The name depends on a build argument; judge only a literal `:latest` (`${IMAGE}:latest`).
        if image.text.endswith(":latest"):
            yield Hit(image.span, f"`{image.text}` uses the `latest` tag; pin a version")
        return
    if image.digest or image.tag != "latest":
        return
    if image.uses_variables and not image.text.endswith(":latest"):
        yield Hit(
            image.span,
            f"`{image.text}` resolves to `{image.resolved}` through its ARG default; pin a version",
        )
    else:
        yield Hit(image.tag_span or image.span, f"`{image.text}` uses the `latest` tag; pin a version")


@rule(
    "DL3006",
    severity="warning",
    title="Tag the base image explicitly",
    rationale="Without a tag Docker silently uses `latest`, so the base changes under you whenever "
    "the image is republished. The tag documents which version you built and tested on, and makes "
    "an upgrade a one-line, reviewable diff.",
    bad="FROM debian",
    good="FROM debian:12-slim",
    fix="Add the tag you tested, e.g. `FROM debian:12-slim`, or a digest (`@sha256:...`).",
    on=("FROM",),
    section="base-images",
)
def untagged_image(ins: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    image = ins.image
    if image is None or image.stage is not None or image.is_scratch or ins.parent is not None:
        return
    # Unlike hadolint we never guess about `FROM $IMAGE`: a name built from ARGs is only judged
    # when it is written literally; its value is the build command's business.
    if image.uses_variables or not image.text:
        return
    if image.tag is None and image.digest is None:
        yield Hit(image.span, f"`{image.text}` has no tag, so it means `{image.text}:latest`; name a version")


@rule(
    "DL3022",
    severity="warning",
    title="COPY --from must name an earlier stage",
    rationale="`COPY --from=name` looks for a stage called `name` defined above; if there is none, "
    "BuildKit treats `name` as an image to pull from a registry, which fails or, worse, silently "
    "copies from some public image of that name.",
    bad="FROM golang:1.23 AS build\n...\nFROM alpine:3.20\nCOPY --from=builder /app /app",
    good="FROM golang:1.23 AS build\n...\nFROM alpine:3.20\nCOPY --from=build /app /app",
    fix="Use the exact `AS` name of a stage defined before this COPY (or its number).",
    on=("COPY",),
    section="multi-stage",
)
def copy_from_unknown_stage(ins: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    flag = ins.flag("from")
    if flag is None or not flag.value or ins.stage is None:
        return
    value = flag.value
    if "$" in value or ":" in value or "@" in value:
        return  # a tagged image reference or a build-time value, not a stage name
    if "/" in value:
        # not a stage name (those have no slash): an image, but pulled at whatever `latest` is today
        yield Hit(
            flag.value_span or flag.span,
            f"`{value}` is no stage of this Dockerfile; as an image it has no tag: pin it (`{value}:<tag>`)",
        )
        return
    current = ins.stage.index
    if value.isdigit():
        if int(value) < current:
            return
        if int(value) == current:
            return  # DL3023 reports a stage copying from itself
        yield Hit(
            flag.value_span or flag.span,
            f"there is no stage number {value} before this one (stages count from 0)",
        )
        return
    lowered = value.lower()
    if ins.stage.name == lowered:
        return  # DL3023
    named = ctx.dockerfile.stage_named(lowered)  # the first stage of that name
    if named is not None and named.index < current:
        return
    where = "is defined only after this COPY" if named is not None else "is not defined in this Dockerfile"
    yield Hit(
        flag.value_span or flag.span,
        f"stage `{value}` {where}; BuildKit would try to pull an image called `{value}`",
    )


@rule(
    "DL3023",
    severity="error",
    title="COPY --from cannot copy from its own stage",
    rationale="A stage cannot read its own result while it is still being built. `--from` must name "
    "an earlier stage; to move files inside one stage use `RUN cp` or copy them from the context.",
    bad="FROM node:22 AS build\nCOPY --from=build /src /app",
    good="FROM node:22 AS build\n...\nFROM node:22-slim\nCOPY --from=build /src /app",
    fix="Point `--from` at the earlier stage that produced the files.",
    on=("COPY",),
    section="multi-stage",
)
def copy_from_itself(ins: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    flag = ins.flag("from")
    if flag is None or not flag.value or ins.stage is None:
        return
    value = flag.value.lower()
    if value == ins.stage.name or (value.isdigit() and int(value) == ins.stage.index):
        yield Hit(flag.value_span or flag.span, f"`--from={flag.value}` names the stage this COPY is in")


@rule(
    "DL3024",
    severity="error",
    buildkit_name="DuplicateStageName",
    title="Stage names must be unique",
    rationale="`COPY --from=name` and `--target name` pick a stage by name; with two stages of the "
    "same name (names ignore case) one of them can never be referenced and readers cannot tell "
    "which one is meant.",
    bad="FROM node:22 AS build\nFROM golang:1.23 AS build",
    good="FROM node:22 AS web-build\nFROM golang:1.23 AS api-build",
    fix="Rename one of the stages and update the `--from` references.",
    section="multi-stage",
)
def duplicate_stage_names(dockerfile: Dockerfile, ctx: RuleContext) -> Iterator[Hit]:
    seen: dict[str, int] = {}
    for stage in dockerfile.stages:
        name = stage.name
        word = stage.from_instruction.stage_name
        if name is None or word is None:
            continue
        if name in seen:
            yield Hit(word.span, f"stage name `{word.value}` is already used on line {seen[name]}")
        else:
            seen[name] = word.span.line


def _registry_allowed(registry: str, trusted: tuple[str, ...]) -> bool:
    from fnmatch import fnmatchcase

    return any(fnmatchcase(registry, pattern) for pattern in trusted)


@rule(
    "DL3026",
    severity="error",
    title="Use only trusted registries",
    rationale="Where base images come from is a supply-chain decision: an image from an unknown "
    "registry may be unmaintained or malicious. Teams list the registries they trust in "
    "`.hadolint.yaml` (`trustedRegistries`); this rule only runs when that list is set.",
    bad="# .hadolint.yaml: trustedRegistries: [docker.io]\nFROM randomregistry.example/python:3.12",
    good="FROM docker.io/library/python:3.12-slim",
    fix="Pull the image through a trusted registry (or mirror it there), or add the registry to `trustedRegistries`.",
    on=("FROM",),
    section="base-images",
)
def untrusted_registry(ins: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    trusted = ctx.config.trusted_registries
    image = ins.image
    if (
        not trusted
        or ins.parent is not None
        or image is None
        or image.stage is not None
        or image.is_scratch
        or image.resolved is None
    ):
        return
    registry = image.registry or "docker.io"
    if not _registry_allowed(registry, trusted):
        yield Hit(image.span, f"registry `{registry}` is not in trustedRegistries ({', '.join(trusted)})")


@rule(
    "DL3029",
    severity="warning",
    buildkit_name="FromPlatformFlagConstDisallowed",
    title="Do not hard-code FROM --platform",
    rationale="A constant `--platform=linux/amd64` forces that architecture on every builder: on an "
    "ARM laptop or a multi-platform build the image runs under emulation or is simply wrong. "
    "Leave the platform to the build (`docker buildx build --platform ...`), or use the "
    "`$BUILDPLATFORM`/`$TARGETPLATFORM` variables for cross-compiling stages.",
    bad="FROM --platform=linux/amd64 python:3.12-slim",
    good="FROM --platform=$BUILDPLATFORM golang:1.23 AS build",
    fix="Remove `--platform`, or use `$BUILDPLATFORM` for a stage that cross-compiles.",
    on=("FROM",),
    section="build-optimisation",
)
def constant_platform(ins: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    for flag in ins.flags_named("platform"):
        if flag.value and "$" not in flag.value:
            yield Hit(
                flag.value_span or flag.span, f"`--platform={flag.value}` pins every build to one platform"
            )


@rule(
    "DL3065",
    severity="warning",
    buildkit_name="RedundantTargetPlatform",
    title="FROM --platform=$TARGETPLATFORM is redundant",
    rationale="Stages are built for the target platform by default, so `--platform=$TARGETPLATFORM` "
    "changes nothing; it only adds noise and suggests that something special happens.",
    bad="FROM --platform=$TARGETPLATFORM alpine:3.20",
    good="FROM alpine:3.20",
    fix="Drop the flag (keep `--platform=$BUILDPLATFORM` only on stages that cross-compile).",
    on=("FROM",),
    section="build-optimisation",
)
def redundant_target_platform(ins: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    for flag in ins.flags_named("platform"):
        if flag.value in ("$TARGETPLATFORM", "${TARGETPLATFORM}"):
            yield Hit(
                flag.value_span or flag.span, "the target platform is already the default for every stage"
            )


_RESERVED_STAGE_NAMES = ("scratch", "context")


@rule(
    "DL3063",
    severity="warning",
    buildkit_name="ReservedStageName",
    title="Do not name a stage `scratch` or `context`",
    rationale="`scratch` is the built-in empty image and `context` is how BuildKit names build "
    "contexts; a stage with one of these names is ambiguous in `FROM` and `COPY --from`.",
    bad="FROM alpine:3.20 AS scratch",
    good="FROM alpine:3.20 AS base",
    fix="Choose another stage name and update the references to it.",
    on=("FROM",),
    section="multi-stage",
)
def reserved_stage_name(ins: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    word = ins.stage_name
    if word is not None and word.value.lower() in _RESERVED_STAGE_NAMES:
        yield Hit(word.span, f"`{word.value}` is a reserved name; call the stage something else")


@rule(
    "DL3061",
    severity="error",
    title="A Dockerfile starts with FROM (or ARG)",
    rationale="Every instruction but ARG belongs to a stage, and stages begin at FROM. Instructions "
    "above the first FROM have no image to apply to; BuildKit rejects them.",
    bad="LABEL team=web\nFROM nginx:1.27",
    good="FROM nginx:1.27\nLABEL team=web",
    fix="Move the instruction below the first FROM (only ARG may come before it).",
    section="dockerfile-instructions",
)
def instruction_before_from(dockerfile: Dockerfile, ctx: RuleContext) -> Iterator[Hit]:
    for ins in dockerfile.instructions:
        if ins.keyword == "FROM":
            return
        if ins.keyword != "ARG" and ins.known:
            yield Hit(ins.keyword_span, f"{ins.keyword} comes before the first FROM; only ARG may")


@rule(
    "DL3067",
    severity="warning",
    title="Do not copy a stage's whole filesystem",
    rationale="`COPY --from=stage / /` drags everything of that stage into this one: compilers, "
    "caches, package lists, shells. It undoes the point of a multi-stage build, which is to ship "
    "only the artefacts you name.",
    bad="COPY --from=build / /",
    good="COPY --from=build /out/app /usr/local/bin/app",
    fix="Copy only the paths the final image needs.",
    on=("COPY",),
    section="multi-stage",
)
def copy_whole_filesystem(ins: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    if ins.flag("from") is None:
        return
    destination = ins.destination
    if destination is None or destination.value != "/":
        return
    for source in ins.sources:
        if source.value == "/":
            yield Hit(source.span, "this copies the entire filesystem of the other stage")
