"""base_image_pinned: tag or digest, all stages or the final one, allowed image globs."""

from __future__ import annotations

import pytest

PINNED = {"check": "base_image_pinned"}
DIGEST = "sha256:" + "a" * 64


@pytest.mark.parametrize(
    "image",
    [
        "node:22-slim",
        "python:3.12.4-slim-bookworm",
        f"alpine@{DIGEST}",
        f"alpine:3.20@{DIGEST}",
        "ghcr.io/org/app:1.2",
        "localhost:5000/app:2",
        "scratch",
    ],
)
def test_a_tag_or_digest_pins(judge, image):
    assert judge(PINNED, f"FROM {image}\n").met


def test_latest_fails_at_the_tag(judge, span):
    result = judge(PINNED, "FROM node:latest\n")
    assert not result.met
    assert span(result) == (1, 10, 1, 17)
    assert "`latest`" in result.reason


def test_no_tag_fails_at_the_image(judge, span):
    result = judge(PINNED, "FROM golang:1.22 AS build\nFROM ubuntu\n")
    assert not result.met
    assert span(result) == (2, 6, 2, 12)
    assert "no tag" in result.reason


def test_a_registry_port_is_not_a_tag(judge, span):
    result = judge(PINNED, "FROM localhost:5000/app\n")
    assert not result.met and span(result) == (1, 6, 1, 24)


def test_every_stage_is_checked_by_default_but_stage_references_are_not(judge, span):
    text = "FROM node AS build\nFROM build AS test\nFROM node:22-slim\n"
    result = judge(PINNED, text)
    assert span(result) == (1, 6, 1, 10)
    assert judge({**PINNED, "params": {"stage": "final"}}, text).met


def test_the_final_stage_follows_its_chain_to_the_image(judge, span):
    text = "FROM node:22-slim AS base\nFROM node:latest AS build\nFROM base\n"
    assert judge({**PINNED, "params": {"stage": "final"}}, text).met
    text = "FROM node AS base\nFROM base\n"
    result = judge({**PINNED, "params": {"stage": "final"}}, text)
    assert span(result) == (1, 6, 1, 10)


def test_by_digest_wants_a_digest(judge, span):
    requirement = {**PINNED, "params": {"by": "digest"}}
    assert judge(requirement, f"FROM node:22-slim@{DIGEST}\n").met
    assert judge(requirement, "FROM scratch\n").met
    result = judge(requirement, "FROM node:22-slim\n")
    assert not result.met and span(result) == (1, 6, 1, 18)
    assert "digest" in result.reason


def test_a_build_argument_with_a_default_is_resolved(judge, span):
    assert judge(PINNED, "ARG NODE=22\nFROM node:${NODE}-slim\n").met
    result = judge(PINNED, "ARG NODE=latest\nFROM node:$NODE\n")
    assert not result.met
    result = judge(PINNED, "ARG IMAGE\nFROM $IMAGE\n")
    assert not result.met and span(result) == (2, 6, 2, 12)
    assert "no default" in result.reason


def test_match_restricts_the_image_family(judge, span):
    requirement = {**PINNED, "params": {"stage": "final", "match": ["gcr.io/distroless/*", "scratch"]}}
    text = "FROM golang:1.22 AS build\nFROM gcr.io/distroless/static-debian12:nonroot\n"
    assert judge(requirement, text).met
    assert judge(requirement, "FROM golang:1.22 AS build\nFROM scratch\n").met
    result = judge(requirement, "FROM golang:1.22 AS build\nFROM alpine:3.20\n")
    assert not result.met and span(result) == (2, 6, 2, 17)
    assert "allowed images" in result.reason


def test_match_on_the_name_alone_still_needs_a_tag(judge):
    requirement = {**PINNED, "params": {"match": ["python"]}}
    assert judge(requirement, "FROM python:3.12-slim\n").met
    assert not judge(requirement, "FROM python\n").met
    assert not judge(requirement, "FROM pypy:3\n").met


def test_no_from_at_all(judge, span):
    result = judge(PINNED, "RUN true\n")
    assert not result.met and span(result) == (1, 1, 1, 1)
