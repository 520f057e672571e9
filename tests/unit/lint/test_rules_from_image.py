"""FROM, base image and stage rules, hadolint-spec style: must fire (with the exact span) and must not."""

from __future__ import annotations

import pytest

from prepdeck.lint import lint_text
from prepdeck.lint.config import LintConfig


def spans(text: str, code: str, config: LintConfig | None = None) -> list[str]:
    """Where `code` fires, as "line:col-end_line:end_col" strings."""
    return [str(f.span) for f in lint_text(text, config=config).findings if f.code == code]


FIRES = [
    # DL3006: no tag
    ("DL3006", "FROM debian\n", ["1:6-1:12"]),
    ("DL3006", "FROM golang:1.23 AS build\nFROM alpine AS final\n", ["2:6-2:12"]),
    ("DL3006", "FROM ghcr.io/acme/base\n", ["1:6-1:23"]),
    # DL3007: latest
    ("DL3007", "FROM node:latest\n", ["1:10-1:17"]),
    ("DL3007", "FROM ghcr.io/acme/api:latest AS api\n", ["1:22-1:29"]),
    ("DL3007", "ARG TAG=latest\nFROM node:$TAG\n", ["2:6-2:15"]),
    ("DL3007", "FROM ${BASE}:latest\n", ["1:6-1:20"]),
    # DL3022: --from names no earlier stage
    ("DL3022", "FROM alpine:3.20\nCOPY --from=builder /a /a\n", ["2:13-2:20"]),
    ("DL3022", "FROM alpine:3.20\nCOPY --from=later /a /a\nFROM alpine:3.20 AS later\n", ["2:13-2:18"]),
    ("DL3022", "FROM alpine:3.20\nCOPY --from=3 /a /a\n", ["2:13-2:14"]),
    # no stage has a slash in its name: an image, but with no tag
    ("DL3022", "FROM alpine:3.20\nCOPY --from=gloursdocker/docker / /\n", ["2:13-2:32"]),
    # DL3023: --from names its own stage
    ("DL3023", "FROM node:22 AS build\nCOPY --from=build /src /app\n", ["2:13-2:18"]),
    ("DL3023", "FROM node:22 AS Build\nCOPY --from=build /src /app\n", ["2:13-2:18"]),
    # DL3024: duplicate stage names
    ("DL3024", "FROM node:22 AS build\nFROM golang:1.23 AS build\n", ["2:21-2:26"]),
    ("DL3024", "FROM node:22 AS build\nFROM golang:1.23 AS BUILD\n", ["2:21-2:26"]),
    # DL3029: constant platform
    ("DL3029", "FROM --platform=linux/amd64 python:3.12-slim\n", ["1:17-1:28"]),
    # DL3061: instruction before FROM
    ("DL3061", "LABEL team=web\nFROM nginx:1.27\n", ["1:1-1:6"]),
    ("DL3061", "ARG V=1\nENV X=1\nRUN true\nFROM nginx:1.27\n", ["2:1-2:4", "3:1-3:4"]),
    # DL3063: reserved stage names
    ("DL3063", "FROM alpine:3.20 AS scratch\n", ["1:21-1:28"]),
    ("DL3063", "FROM alpine:3.20 AS Context\n", ["1:21-1:28"]),
    # DL3065: redundant $TARGETPLATFORM
    ("DL3065", "FROM --platform=$TARGETPLATFORM alpine:3.20\n", ["1:17-1:32"]),
    ("DL3065", "FROM --platform=${TARGETPLATFORM} alpine:3.20\n", ["1:17-1:34"]),
    # DL3067: whole filesystem
    ("DL3067", "FROM alpine:3.20 AS a\nFROM scratch\nCOPY --from=a / /\n", ["3:15-3:16"]),
    ("DL3067", 'FROM alpine:3.20 AS a\nFROM scratch\nCOPY --from=a ["/", "/"]\n', ["3:16-3:19"]),
]

PASSES = [
    ("DL3006", "FROM debian:12-slim\n"),
    ("DL3006", "FROM debian@sha256:" + "a" * 64 + "\n"),
    ("DL3006", "FROM scratch\n"),
    ("DL3006", "FROM golang:1.23 AS build\nFROM build\n"),
    ("DL3006", "ARG IMAGE\nFROM $IMAGE\n"),
    ("DL3006", "ARG IMAGE=ubuntu:24.04\nFROM ${IMAGE}\n"),
    ("DL3006", "FROM localhost:5000/app:1.0\n"),
    ("DL3007", "FROM node:22-slim\n"),
    ("DL3007", "FROM node:latest@sha256:" + "b" * 64 + "\n"),
    ("DL3007", "FROM latest:1.0\n"),
    ("DL3007", "ARG TAG=22\nFROM node:$TAG\n"),
    ("DL3022", "FROM golang:1.23 AS build\nFROM alpine:3.20\nCOPY --from=build /a /a\n"),
    ("DL3022", "FROM golang:1.23 AS build\nFROM alpine:3.20\nCOPY --from=BUILD /a /a\n"),
    ("DL3022", "FROM alpine:3.20\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n"),
    ("DL3022", "FROM golang:1.23\nFROM alpine:3.20\nCOPY --from=0 /a /a\n"),
    ("DL3022", "FROM alpine:3.20\nCOPY --from=$STAGE /a /a\n"),
    ("DL3023", "FROM node:22 AS build\nFROM node:22-slim\nCOPY --from=build /src /app\n"),
    ("DL3023", "FROM node:22 AS build\nCOPY /src /app\n"),
    ("DL3024", "FROM node:22 AS web\nFROM golang:1.23 AS api\n"),
    ("DL3024", "FROM node:22\nFROM golang:1.23\n"),
    ("DL3029", "FROM --platform=$BUILDPLATFORM golang:1.23 AS build\n"),
    ("DL3029", "FROM python:3.12-slim\n"),
    ("DL3061", "# comment\nARG V=1\nFROM nginx:1.27\nLABEL a=b\n"),
    ("DL3061", "FROM nginx:1.27\n"),
    ("DL3063", "FROM alpine:3.20 AS base\n"),
    ("DL3063", "FROM scratch\n"),
    ("DL3065", "FROM --platform=$BUILDPLATFORM alpine:3.20\n"),
    ("DL3065", "FROM alpine:3.20\n"),
    ("DL3067", "FROM alpine:3.20 AS a\nFROM scratch\nCOPY --from=a /app /app\n"),
    ("DL3067", "FROM alpine:3.20 AS a\nFROM scratch\nCOPY --from=a / /rootfs/\n"),
    ("DL3067", "FROM scratch\nCOPY / /\n"),
    ("DL3006", "FROM --platform=$BUILDPLATFORM golang:1.23-alpine AS build\n"),
    ("DL3006", "ONBUILD FROM debian\n"),
    ("DL3007", "FROM scratch\n"),
    ("DL3007", "FROM golang:1.23 AS latest\nFROM latest\n"),
    ("DL3022", "FROM golang:1.23 AS build\nCOPY --from=docker.io/library/alpine:3.20 /etc/os-release /x\n"),
    ("DL3022", "FROM alpine:3.20\nCOPY /src /dst\n"),
    ("DL3023", "FROM node:22 AS build\nFROM build AS test\nCOPY --from=build /src /app\n"),
    ("DL3024", "FROM node:22 AS build\nFROM build AS test\n"),
    ("DL3029", "FROM --platform=${BUILDPLATFORM} golang:1.23 AS build\n"),
    ("DL3061", "# syntax=docker/dockerfile:1\n# just comments\n\nFROM nginx:1.27\n"),
    ("DL3063", "FROM alpine:3.20 AS scratchpad\n"),
    ("DL3065", "FROM --platform=linux/arm64 alpine:3.20\n"),
]


@pytest.mark.parametrize(("code", "text", "expected"), FIRES)
def test_rule_fires_on_the_exact_token(code: str, text: str, expected: list[str]) -> None:
    assert spans(text, code) == expected


@pytest.mark.parametrize(("code", "text"), PASSES)
def test_rule_stays_quiet(code: str, text: str) -> None:
    assert spans(text, code) == []


def test_every_rule_of_this_family_has_cases() -> None:
    family = {
        "DL3006",
        "DL3007",
        "DL3022",
        "DL3023",
        "DL3024",
        "DL3029",
        "DL3061",
        "DL3063",
        "DL3065",
        "DL3067",
    }
    assert family <= {code for code, _, _ in FIRES}
    assert family <= {code for code, _ in PASSES}


TRUSTED = LintConfig(trusted_registries=("docker.io", "*.gcr.io", "my.registry:5000"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM ghcr.io/acme/app:1.0\n", ["1:6-1:26"]),
        ("FROM gcr.io/acme/app:1.0\n", ["1:6-1:25"]),
        ("FROM my.registry/app:1.0\n", ["1:6-1:25"]),
    ],
)
def test_untrusted_registry_fires(text: str, expected: list[str]) -> None:
    assert spans(text, "DL3026", TRUSTED) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM ubuntu:24.04\n",
        "FROM docker.io/library/ubuntu:24.04\n",
        "FROM eu.gcr.io/acme/app:1.0\n",
        "FROM my.registry:5000/app:1.0\n",
        "FROM scratch\n",
        "FROM ubuntu:24.04 AS base\nFROM base\n",
        "ARG REGISTRY\nFROM $REGISTRY/app:1.0\n",
    ],
)
def test_trusted_registry_passes(text: str) -> None:
    assert spans(text, "DL3026", TRUSTED) == []


def test_trusted_registries_rule_is_off_without_config() -> None:
    assert spans("FROM ghcr.io/acme/app:1.0\n", "DL3026") == []


def test_message_names_the_registry() -> None:
    finding = next(
        f for f in lint_text("FROM quay.io/a/b:1\n", config=TRUSTED).findings if f.code == "DL3026"
    )
    assert "quay.io" in finding.message and finding.level == "error"


def test_onbuild_from_is_reported_once_by_dl3043_not_as_a_base_image() -> None:
    codes = [f.code for f in lint_text("FROM alpine:3.20\nONBUILD FROM debian\n").findings]
    assert "DL3043" in codes and "DL3006" not in codes
