"""copy_before_run (dependency manifests before the source) and run_mount."""

from __future__ import annotations

ORDER = {"check": "copy_before_run", "params": {"copy": "package*.json", "run": "npm ci"}}

GOOD_NODE = """
FROM node:22-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
"""


def test_manifests_copied_before_the_install_pass(judge):
    assert judge(ORDER, GOOD_NODE).met


def test_the_glob_itself_as_a_source_passes(judge):
    assert judge(ORDER, "FROM node:22-slim\nCOPY ./package*.json ./\nRUN npm ci\nCOPY . .\n").met


def test_copying_the_whole_context_first_fails_at_that_copy(judge, span):
    text = "FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\n"
    result = judge(ORDER, text)
    assert not result.met
    assert span(result) == (3, 1, 3, 9)
    assert "`COPY . .` on line 3" in result.reason and "line 4" in result.reason


def test_the_whole_context_copied_even_after_the_manifests_fails(judge, span):
    text = "FROM node:22-slim\nCOPY package*.json ./\nCOPY ./ /app/\nRUN npm ci\n"
    result = judge(ORDER, text)
    assert not result.met and span(result) == (3, 1, 3, 14)


def test_no_manifest_copy_fails_at_the_run(judge, span):
    result = judge(ORDER, "FROM node:22-slim\nCOPY src/ ./src/\nRUN npm ci\n")
    assert not result.met
    assert span(result) == (3, 1, 3, 11)
    assert "nothing matching `package*.json`" in result.reason


def test_a_missing_run_fails_at_the_final_from(judge, span):
    result = judge(ORDER, "FROM node:22-slim\nCOPY package.json ./\nRUN npm install\n")
    assert not result.met and span(result) == (1, 1, 1, 18)
    assert "no RUN runs `npm ci`" in result.reason


def test_a_copy_from_another_stage_is_not_the_build_context(judge):
    text = "FROM node:22 AS deps\nFROM node:22-slim\nCOPY --from=deps / .\nCOPY package.json ./\nRUN npm ci\n"
    assert judge(ORDER, text).met
    text = "FROM node:22 AS deps\nFROM node:22-slim\nCOPY --from=deps /app/package.json ./\nRUN npm ci\n"
    assert not judge(ORDER, text).met


def test_a_parent_stage_copy_counts(judge):
    text = "FROM node:22-slim AS base\nCOPY package*.json ./\nFROM base AS deps\nRUN npm ci\n"
    assert judge(ORDER, text).met


def test_a_bind_mount_of_the_manifest_counts(judge):
    text = "FROM node:22-slim\nRUN --mount=type=bind,source=package.json,target=package.json \\\n    --mount=type=bind,source=package-lock.json,target=package-lock.json \\\n    npm ci\nCOPY . .\n"
    assert judge(ORDER, text).met


def test_the_run_piece_is_found_across_continuations_and_heredocs(judge):
    requirement = {
        "check": "copy_before_run",
        "params": {"copy": "requirements.txt", "run": "pip install -r requirements.txt"},
    }
    text = "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install \\\n    -r requirements.txt\nCOPY . .\n"
    assert judge(requirement, text).met
    text = "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN <<EOF\npip install -r requirements.txt\nEOF\n"
    assert judge(requirement, text).met


def test_a_file_in_a_folder_matches_by_its_base_name(judge):
    requirement = {"check": "copy_before_run", "params": {"copy": "go.*", "run": "go mod download"}}
    assert judge(
        requirement, "FROM golang:1.22\nCOPY app/go.mod app/go.sum ./\nRUN go mod download\nCOPY . .\n"
    ).met


# --- run_mount ------------------------------------------------------------------------------


def test_a_cache_mount_on_the_named_run_passes(judge):
    requirement = {
        "check": "run_mount",
        "params": {"type": "cache", "target": "/root/.npm/", "run": "npm ci"},
    }
    text = "FROM node:22-slim\nCOPY package*.json ./\nRUN --mount=type=cache,target=/root/.npm npm ci\n"
    assert judge(requirement, text).met


def test_a_run_without_the_mount_fails_at_that_run(judge, span):
    requirement = {"check": "run_mount", "params": {"type": "cache", "run": "pip install"}}
    result = judge(requirement, "FROM python:3.12-slim\nRUN pip install -r requirements.txt\n")
    assert not result.met
    assert span(result) == (2, 1, 2, 36)
    assert "without `--mount=type=cache`" in result.reason


def test_the_wrong_type_or_target_does_not_count(judge):
    requirement = {"check": "run_mount", "params": {"type": "cache", "target": "/root/.cache/pip"}}
    assert not judge(requirement, "FROM python:3.12\nRUN --mount=type=cache,target=/tmp pip install x\n").met
    assert not judge(
        requirement, "FROM python:3.12\nRUN --mount=type=tmpfs,target=/root/.cache/pip pip install x\n"
    ).met
    assert judge(
        requirement, "FROM python:3.12\nRUN --mount=type=cache,dst=/root/.cache/pip pip install x\n"
    ).met


def test_a_secret_mount_without_target_lands_in_run_secrets(judge):
    requirement = {"check": "run_mount", "params": {"type": "secret", "target": "/run/secrets/npmrc"}}
    assert judge(requirement, "FROM node:22\nRUN --mount=type=secret,id=npmrc npm ci\n").met
    assert not judge(requirement, "FROM node:22\nRUN --mount=type=secret,id=other npm ci\n").met


def test_no_run_at_all_fails_at_the_final_from(judge, span):
    result = judge({"check": "run_mount", "params": {"type": "ssh"}}, "FROM alpine:3.20\nCOPY . .\n")
    assert not result.met and span(result) == (1, 1, 1, 17)
    assert "the file has no RUN" in result.reason


def test_the_mount_may_sit_on_any_matching_run(judge):
    requirement = {"check": "run_mount", "params": {"type": "cache", "run": "apt-get"}}
    text = "FROM debian:12\nRUN apt-get update\nRUN --mount=type=cache,target=/var/cache/apt apt-get install -y curl\n"
    assert judge(requirement, text).met


def test_the_run_piece_must_appear_as_whole_words(judge, span):
    for other in ("pnpm ci", "npm city-build"):
        result = judge(ORDER, f"FROM node:22-slim\nCOPY . .\nRUN {other}\n")
        assert "no RUN runs `npm ci`" in result.reason
    assert judge(ORDER, "FROM node:22-slim\nCOPY package.json ./\nRUN npm ci&&npm run build\n").met


def test_json_form_copy_sources_count(judge, span):
    assert judge(
        ORDER, 'FROM node:22-slim\nCOPY ["package.json", "package-lock.json", "./"]\nRUN npm ci\n'
    ).met
    result = judge(ORDER, 'FROM node:22-slim\nCOPY [".", "/app"]\nRUN ["npm", "ci"]\n')
    assert not result.met and span(result) == (2, 1, 2, 19)


GO_ORDER = {"check": "copy_before_run", "params": {"copy": "go.sum", "run": "go mod download"}}


def test_a_copy_source_glob_that_matches_the_wanted_file_counts(judge):
    assert judge(
        GO_ORDER, "FROM golang:1.22\nWORKDIR /src\nCOPY go.* ./\nRUN go mod download\nCOPY . .\n"
    ).met
    assert judge(
        GO_ORDER, "FROM golang:1.22\nWORKDIR /src\nCOPY ./mod/go.* ./\nRUN go mod download\nCOPY . .\n"
    ).met


def test_a_copy_source_glob_that_misses_the_wanted_file_does_not_count(judge, span):
    result = judge(GO_ORDER, "FROM golang:1.22\nWORKDIR /src\nCOPY *.mod ./\nRUN go mod download\nCOPY . .\n")
    assert not result.met
    assert span(result) == (4, 1, 4, 20)
