"""BuildKit-named checks: must-fire cases with the exact span, must-not-fire cases, and
`# check=skip=...` switching them off."""

from __future__ import annotations

import pytest

from prepdeck.lint import lint_text
from prepdeck.lint.config import config_from_mapping

A = "FROM alpine:3.19.1\n"

CASES = [
    ("StageNameCasing", "FROM golang:1.22.1 AS Builder\n", ["1:23-1:30"]),
    ("StageNameCasing", "FROM golang:1.22.1 AS builder\n", []),
    ("StageNameCasing", "FROM golang:1.22.1\n", []),
    ("FromAsCasing", "FROM golang:1.22.1 as build\n", ["1:20-1:22"]),
    ("FromAsCasing", "from golang:1.22.1 AS build\n", ["1:20-1:22"]),
    ("FromAsCasing", "FROM golang:1.22.1 AS build\n", []),
    ("FromAsCasing", "from golang:1.22.1 as build\n", []),
    ("NoEmptyContinuation", A + "RUN apk add --no-cache \\\n\n    curl=8.5.0-r0\n", ["3:1-3:1"]),
    (
        "NoEmptyContinuation",
        A + "RUN apk add --no-cache \\\n    # a comment line is fine\n    curl=8.5.0-r0\n",
        [],
    ),
    ("NoEmptyContinuation", A + "RUN echo one\n\nRUN echo two\n", []),
    ("ConsistentInstructionCasing", A + "run echo hi\nCopy a /a\n", ["2:1-2:4", "3:1-3:5"]),
    ("ConsistentInstructionCasing", "from alpine:3.19.1\nrun echo hi\nWORKDIR /a\n", ["3:1-3:8"]),
    ("ConsistentInstructionCasing", "from alpine:3.19.1\nrun echo hi\n", []),
    ("ConsistentInstructionCasing", A + "RUN echo hi\n", []),
    ("JSONArgsRecommended", A + "CMD echo hi\n", []),  # DL3025 says it (see the test below)
    ("JSONArgsRecommended", A + 'CMD ["echo", "hi"]\n', []),
    ("JSONArgsRecommended", A + 'SHELL ["/bin/ash", "-c"]\nCMD echo hi\n', []),
    ("UndefinedArgInFrom", "FROM ${BASE_IMAGE}\n", ["1:6-1:19"]),
    ("UndefinedArgInFrom", "ARG TAG=1.25.4\nFROM nginx:${TAG}-$FLAVOUR\n", ["2:19-2:27"]),
    ("UndefinedArgInFrom", "ARG BASE=alpine:3.19.1\nFROM $BASE\n", []),
    ("UndefinedArgInFrom", "FROM --platform=$BUILDPLATFORM golang:1.22.1\n", []),
    ("InvalidDefaultArgInFrom", "ARG TAG\nFROM busybox:${TAG}\n", ["2:6-2:20"]),
    ("InvalidDefaultArgInFrom", "ARG REGISTRY\nFROM ${REGISTRY}/nginx:1.25.4\n", ["2:6-2:30"]),
    ("InvalidDefaultArgInFrom", "ARG TAG=1.36.1\nFROM busybox:${TAG}\n", []),
    ("InvalidDefaultArgInFrom", "ARG BASE=scratch\nFROM ${BASE}\n", []),
    ("UndefinedVar", A + "COPY config $CONFIG_DIR/\n", ["2:13-2:24"]),
    ("UndefinedVar", "ARG VERSION=1\n" + A + "LABEL version=${VERSION}\n", ["3:15-3:25"]),
    ("UndefinedVar", A + "ENV CONFIG_DIR=/etc/app\nCOPY config $CONFIG_DIR/\n", []),
    ("UndefinedVar", "ARG VERSION=1\n" + A + "ARG VERSION\nLABEL version=${VERSION}\n", []),
    ("UndefinedVar", "FROM alpine:3.19.1 AS base\nENV APP=/app\nFROM base\nWORKDIR $APP\n", []),
    ("UndefinedVar", A + "RUN echo $UNKNOWN_IN_SHELL\nENV PATH=$PATH:/opt/bin\n", []),
    ("UndefinedVar", "FROM eclipse-temurin:21-jre\nCOPY certs/ $JAVA_HOME/lib/security/\n", []),
    ("MultipleInstructionsDisallowed", A + 'CMD ["a"]\nCMD ["b"]\n', ["2:1-2:4"]),
    ("MultipleInstructionsDisallowed", A + "HEALTHCHECK CMD true\nHEALTHCHECK NONE\n", ["2:1-2:12"]),
    ("MultipleInstructionsDisallowed", A + 'ENTRYPOINT ["a"]\nCMD ["b"]\n', []),
    ("MultipleInstructionsDisallowed", A + 'CMD ["a"]\n' + A + 'CMD ["b"]\n', []),
    ("LegacyKeyValueFormat", A + "ENV APP_ENV production\n", ["2:5-2:23"]),
    ("LegacyKeyValueFormat", A + 'LABEL maintainer "ops@example.com"\n', ["2:7-2:35"]),
    ("LegacyKeyValueFormat", A + "ENV APP_ENV=production\n", []),
    ("LegacyKeyValueFormat", A + 'LABEL a=1 b="two words"\n', []),
    ("ExposeProtoCasing", A + "EXPOSE 443/TCP 53/udp\n", ["2:12-2:15"]),
    ("ExposeProtoCasing", A + "EXPOSE 443/tcp\n", []),
    ("ExposeProtoCasing", A + "EXPOSE 8080\n", []),
    ("ExposeInvalidFormat", A + "EXPOSE 8080:80\n", ["2:8-2:15"]),
    ("ExposeInvalidFormat", A + "EXPOSE 127.0.0.1:8080:80/tcp\n", ["2:8-2:29"]),
    ("ExposeInvalidFormat", A + "EXPOSE 80 443/tcp 9000-9010\n", []),
    ("MultipleInstructionsDisallowed", A + 'HEALTHCHECK CMD ["true"]\nCMD ["a"]\nENTRYPOINT ["b"]\n', []),
    ("MultipleInstructionsDisallowed", A + 'ONBUILD CMD ["a"]\nCMD ["b"]\n', []),
    ("ConsistentInstructionCasing", "FROM alpine:3.19.1\nRUN echo hi\nCOPY a /a\nUSER 1000\n", []),
    ("ConsistentInstructionCasing", "from alpine:3.19.1\nrun echo RUN COPY\n", []),
    (
        "JSONArgsRecommended",
        'FROM alpine:3.19.1 AS base\nSHELL ["/bin/ash", "-c"]\nFROM base\nCMD echo hi\n',
        [],
    ),
    (
        "JSONArgsRecommended",
        A + 'ENTRYPOINT ["/entrypoint.sh"]\nHEALTHCHECK CMD wget -q --spider http://localhost/ || exit 1\n',
        [],
    ),
    ("FromAsCasing", "FROM golang:1.22.1\n", []),
    ("FromAsCasing", "From golang:1.22.1 AS build\n", []),
    ("ExposeInvalidFormat", A + "EXPOSE 53/udp 8080/tcp\n", []),
    ("ExposeInvalidFormat", A + "EXPOSE $PORT\n", []),
    (
        "UndefinedArgInFrom",
        "ARG REGISTRY=docker.io\nARG TAG=3.19.1\nFROM ${REGISTRY}/library/alpine:${TAG}\n",
        [],
    ),
    ("UndefinedArgInFrom", "FROM --platform=$TARGETPLATFORM alpine:3.19.1\n", []),
    ("InvalidDefaultArgInFrom", "ARG VARIANT=slim\nFROM python:3.12-${VARIANT}\n", []),
    ("InvalidDefaultArgInFrom", "FROM python:3.12.2-slim AS base\nFROM base\n", []),
    ("LegacyKeyValueFormat", A + "ENV A=1 B=2\n", []),
    ("LegacyKeyValueFormat", A + "ARG VERSION 1.0\n", []),
]


@pytest.mark.parametrize(("code", "text", "expected"), CASES)
def test_rule(code: str, text: str, expected: list[str]) -> None:
    found = [str(finding.span) for finding in lint_text(text).findings if finding.code == code]
    assert found == expected


def test_definition_descriptions_are_checked_once_enabled() -> None:
    config = config_from_mapping({"override": {"info": ["InvalidDefinitionDescription"]}})
    cases = {
        "# the Go toolchain\nFROM golang:1.22.1 AS build\n": ["1:1-1:19"],
        "# build compiles the server\nFROM golang:1.22.1 AS build\n": [],
        "# VERSION of the tool\nARG VERSION=1\n": [],
        "# pinned version\n\nARG VERSION=1\n": [],
        "# hadolint ignore=DL3006\nFROM golang AS build\n": [],
    }
    for text, expected in cases.items():
        found = [
            str(f.span)
            for f in lint_text(text, config=config).findings
            if f.code == "InvalidDefinitionDescription"
        ]
        assert found == expected, text
    assert [
        f
        for f in lint_text("# the Go toolchain\nFROM golang:1.22.1 AS build\n").findings
        if f.code == "InvalidDefinitionDescription"
    ] == []


def test_check_skip_directive_turns_named_checks_off() -> None:
    text = "# check=skip=StageNameCasing,FromAsCasing\nFROM golang:1.22.1 as Builder\n"
    codes = {f.code for f in lint_text(text).findings}
    assert not codes & {"StageNameCasing", "FromAsCasing"}
    kept = {f.code for f in lint_text("FROM golang:1.22.1 as Builder\n").findings}
    assert {"StageNameCasing", "FromAsCasing"} <= kept


def test_check_skip_all_and_error_true() -> None:
    assert not [
        f
        for f in lint_text("# check=skip=all\nFROM golang:1.22.1 as Builder\n").findings
        if f.rule and f.rule.origin == "buildkit"
    ]
    findings = lint_text("# check=error=true\nFROM golang:1.22.1 AS Builder\n").findings
    assert [f.level for f in findings if f.code == "StageNameCasing"] == ["error"]


def test_undefined_var_hints_at_redeclaring_a_global_arg() -> None:
    finding = next(
        f
        for f in lint_text("ARG VERSION=1\n" + A + "LABEL v=$VERSION\n").findings
        if f.code == "UndefinedVar"
    )
    assert "ARG VERSION" in finding.message


def test_json_args_recommended_speaks_only_where_dl3025_does_not() -> None:
    text = A + "CMD echo hi\nENTRYPOINT /entrypoint.sh --verbose\n"
    shown = [
        (f.code, str(f.span)) for f in lint_text(text).findings if f.code in ("DL3025", "JSONArgsRecommended")
    ]
    assert shown == [("DL3025", "2:5-2:12"), ("DL3025", "3:12-3:36")]
    dl3025_off = config_from_mapping({"ignored": ["DL3025"]})
    shown = [
        (f.code, str(f.span))
        for f in lint_text(text, config=dl3025_off).findings
        if f.code in ("DL3025", "JSONArgsRecommended")
    ]
    assert shown == [("JSONArgsRecommended", "2:5-2:12"), ("JSONArgsRecommended", "3:12-3:36")]


def test_multiple_instructions_disallowed_is_dropped_where_dl4003_fires_on_the_same_cmd() -> None:
    # BuildKit points at the overridden CMD, hadolint at the overriding one: the middle CMD gets both.
    text = A + 'CMD ["echo", "one"]\nCMD ["echo", "two"]\nCMD ["echo", "three"]\n'
    shown = [
        (f.line, f.code)
        for f in lint_text(text).findings
        if f.code in ("DL4003", "MultipleInstructionsDisallowed")
    ]
    assert shown == [(2, "MultipleInstructionsDisallowed"), (3, "DL4003"), (4, "DL4003")]
    dl4003_off = config_from_mapping({"ignored": ["DL4003"]})
    shown = [
        (f.line, f.code)
        for f in lint_text(text, config=dl4003_off).findings
        if f.code in ("DL4003", "MultipleInstructionsDisallowed")
    ]
    assert shown == [(2, "MultipleInstructionsDisallowed"), (3, "MultipleInstructionsDisallowed")]


HADOLINT_RULES_WITH_BUILDKIT_NAMES = [
    ("DL3024", "DuplicateStageName", "FROM alpine:3.19.1 AS build\nFROM alpine:3.19.1 AS build\n"),
    ("DL3063", "ReservedStageName", "FROM alpine:3.19.1 AS scratch\n"),
    ("DL4000", "MaintainerDeprecated", A + "MAINTAINER dev@example.com\n"),
    ("DL3000", "WorkdirRelativePath", A + "WORKDIR app\n"),
    ("DL3029", "FromPlatformFlagConstDisallowed", "FROM --platform=linux/amd64 alpine:3.19.1\n"),
    ("DL3065", "RedundantTargetPlatform", "FROM --platform=$TARGETPLATFORM alpine:3.19.1\n"),
]


@pytest.mark.parametrize(("code", "name", "text"), HADOLINT_RULES_WITH_BUILDKIT_NAMES)
def test_check_skip_by_buildkit_name_silences_the_hadolint_rule(code: str, name: str, text: str) -> None:
    assert code in [f.code for f in lint_text(text).findings]
    assert code not in [f.code for f in lint_text(f"# check=skip={name}\n" + text).findings]
    assert code not in [f.code for f in lint_text("# check=skip=all\n" + text).findings]
    assert code in [f.code for f in lint_text("# check=skip=StageNameCasing\n" + text).findings]
    from prepdeck.lint.registry import get_rule

    assert get_rule(name).code == code  # `--explain DuplicateStageName` finds it too
