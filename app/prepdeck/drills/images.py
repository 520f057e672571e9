"""base_image_pinned: every base image (or the final one) pinned by tag or digest, and of an allowed family."""

from __future__ import annotations

import re
from fnmatch import fnmatchcase

from prepdeck.build.catalogue import lookup
from prepdeck.content import model as m
from prepdeck.drills.outcome import Verdict
from prepdeck.drills.subject import Subject, quoted, stage_chain
from prepdeck.lint.model import ImageRef, Stage


def base_image_pinned(requirement: m.BaseImagePinned, subject: Subject) -> Verdict:
    params = requirement.params
    stages = subject.dockerfile.stages
    if not stages:
        return Verdict.fail(subject.missing_span(), "the file has no FROM line")
    if params.stage == "final":
        # The final image is built on whatever image its chain of stages starts from.
        roots = [stage_chain(stages[-1])[0]]
    else:
        roots = [stage for stage in stages if stage.base_stage is None]
    for stage in roots:
        verdict = _check_image(stage, params)
        if not verdict.met:
            return verdict
    return Verdict.ok()


def _check_image(stage: Stage, params: m.BaseImageParams) -> Verdict:
    image = stage.base
    if image is None:
        return Verdict.fail(
            stage.from_instruction.head_span, f"the FROM on line {stage.from_instruction.line} names no image"
        )
    shown = quoted(image.text)
    if image.resolved is None:
        return Verdict.fail(
            image.span,
            f"{shown} depends on a build argument with no default, so the image is unknown; give the ARG a default",
        )
    if params.match and not _matches(image, params.match):
        allowed = ", ".join(f"`{pattern}`" for pattern in params.match)
        return Verdict.fail(image.span, f"{shown} is not one of the allowed images: {allowed}")
    if image.is_scratch:
        return Verdict.ok()
    if image.digest and not _DIGEST.match(image.digest):
        return Verdict.fail(
            image.span,
            f"`{image.digest}` in {shown} is not a whole digest (sha256: and 64 hex digits), so the pull fails",
        )
    wrong_digest = _other_digest(image, params.digests)
    if wrong_digest is not None:
        return wrong_digest
    if params.by == "digest":
        if image.digest:
            return Verdict.ok()
        return Verdict.fail(image.span, f"{shown} is not pinned by digest; add `@sha256:...`")
    if image.digest:
        return Verdict.ok()
    if image.tag is None:
        return Verdict.fail(image.span, f"{shown} has no tag, so it means `latest`; name a version tag")
    if image.tag.lower() == "latest":
        return Verdict.fail(
            image.tag_span or image.span, f"{shown} uses the moving `latest` tag; name a version tag"
        )
    if not _tag_names_a_version(image):
        return Verdict.fail(
            image.tag_span or image.span,
            f"the tag `{image.tag}` of {shown} names no version, so it moves with every release "
            "(like `latest`); name a version tag such as `3.12-slim` or `22.12-bookworm-slim`",
        )
    return _version_too_short(image, shown) or Verdict.ok()


def _version_too_short(image: ImageRef, shown: str) -> Verdict | None:
    """`python:3-slim` names a version, but only the major one: it follows every minor release
    (3.12, then 3.13), as far as `latest` for a language whose major version never changes."""
    base = lookup(image.resolved or image.text)
    version = re.match(r"v?(\d+(?:\.\d+)*)", image.tag or "")
    if base is None or version is None or base.version_parts <= 1:
        return None
    parts = version.group(1).count(".") + 1
    if parts >= base.version_parts:
        return None
    return Verdict.fail(
        image.tag_span or image.span,
        f"the tag `{image.tag}` of {shown} names only the major version, so it moves to every new minor "
        "release; name the minor version too, such as `3.12-slim` or `1.24-bookworm`",
    )


def _other_digest(image: ImageRef, digests: dict[str, str]) -> Verdict | None:
    """The image is pinned by a digest other than the one its name and tag are known to resolve to."""
    if not image.digest or not digests:
        return None
    name = _name(image).lower()
    for reference, wanted in digests.items():
        known_name, _, known_tag = reference.rpartition(":")
        if "/" in known_tag or not known_name:  # no tag: a registry port
            known_name, known_tag = reference, ""
        if name != known_name.lower() or (image.tag and known_tag and image.tag != known_tag):
            continue
        if image.digest.lower() != wanted.lower():
            return Verdict.fail(
                image.digest_span or image.span,
                f"`{image.digest}` is not the digest `{reference}` resolves to (`{wanted}`): the pull "
                "fails, or brings another image",
            )
    return None


# Release code names pin a distribution release the way a number does (`debian:bookworm-slim`).
RELEASE_NAMES = frozenset(
    {"buster", "bullseye", "bookworm", "trixie", "focal", "jammy", "noble", "hydrogen", "iron", "jod"}
)


# Images whose version is the distribution release, so a code name pins them.
DISTRIBUTIONS = frozenset({"debian", "ubuntu", "buildpack-deps"})


def _tag_names_a_version(image: ImageRef) -> bool:
    """`3.12-slim`, `22.12.0-bookworm-slim` and `debian:bookworm` name a release; `slim`,
    `lts-slim`, `lts-bookworm-slim` (Node's next LTS), `slim-bookworm` and `current` move. An image whose name carries the version (distroless
    `python3-debian12:nonroot`) publishes no version tags, so its word tags count as pinned."""
    tag = image.tag or ""
    if any(char.isdigit() for char in tag):
        return True
    name = (image.resolved or image.text).partition("@")[0].rsplit(":", 1)[0]
    repository = name.rsplit("/", 1)[-1]
    if repository in DISTRIBUTIONS and any(part in RELEASE_NAMES for part in tag.lower().split("-")):
        return True  # the code name is the distribution's version; on python or node it is not
    return any(char.isdigit() for char in repository)


_DIGEST = re.compile(r"^(?:sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$")


def _name(image: ImageRef) -> str:
    """The reference without tag or digest."""
    name = (image.resolved or image.text).partition("@")[0]
    colon = name.rfind(":")
    return name[:colon] if colon > name.rfind("/") else name


def _matches(image: ImageRef, patterns: list[str]) -> bool:
    """Globs are tried against the whole reference and against its name without tag or digest."""
    reference = image.resolved or image.text
    name = _name(image)
    candidates = {reference, name, reference.lower(), name.lower()}
    return any(fnmatchcase(candidate, pattern) for pattern in patterns for candidate in candidates)
