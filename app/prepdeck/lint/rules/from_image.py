"""FROM, base images and stages: tags, digests, platforms, stage names and references."""

from __future__ import annotations

from prepdeck.lint.registry import Hit, rule


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
def latest_tag(ins, ctx):
    image = ins.image
    if image is None or image.stage is not None or image.digest:
        return
    if image.tag == "latest":
        yield Hit(image.tag_span or image.span, f"`{image.text}` uses the `latest` tag; pin a version")
