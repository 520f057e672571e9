"""no_secrets: secret-looking ARG/ENV names and values."""

from __future__ import annotations

import pytest

from prepdeck.drills.secrets import secret_name

SECRETS = {"check": "no_secrets"}


@pytest.mark.parametrize(
    "name",
    [
        "NPM_TOKEN",
        "DB_PASSWORD",
        "dbPassword",
        "AWS_SECRET_ACCESS_KEY",
        "API_KEY",
        "apikey",
        "SSH_PRIVATE_KEY",
        "GITHUB_AUTH",
        "REGISTRY_CREDENTIALS",
        "MYSQL_ROOT_PASS",
        "SECRET",
        "SSH_KEY",
    ],
)
def test_secret_names(name):
    assert secret_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "NODE_ENV",
        "GPG_KEY",
        "PUBLIC_KEY_URL",
        "OAUTH_CALLBACK_URL",
        "PASSENGER_HOME",
        "POSTGRES_PASSWORD_FILE",
        "TOKEN_PATH",
        "KEYRING_DIR",
        "PATH",
        "PYTHONUNBUFFERED",
        "TOKENIZERS_PARALLELISM",
        "OAUTH_TOKEN_URL",
        "SECRET_NAME",
    ],
)
def test_ordinary_names(name):
    assert not secret_name(name)


def test_a_secret_arg_name_fails_at_the_name_even_without_a_value(judge, span):
    result = judge(SECRETS, "FROM node:22\nARG NPM_TOKEN\nRUN npm ci\n")
    assert not result.met
    assert span(result) == (2, 5, 2, 14)
    assert "ARG `NPM_TOKEN`" in result.reason and "--mount=type=secret" in result.reason


def test_a_secret_env_in_legacy_form(judge, span):
    result = judge(SECRETS, "FROM node:22\nENV DB_PASSWORD hunter2\n")
    assert not result.met and span(result) == (2, 5, 2, 16)


def test_a_global_arg_is_checked(judge, span):
    result = judge(SECRETS, "ARG GITHUB_TOKEN\nFROM alpine:3.20\n")
    assert not result.met and span(result) == (1, 5, 1, 17)


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("AKIAIOSFODNN7EXAMPLE", "AWS"),
        ("ghp_" + "a1B2" * 9, "GitHub"),
        ("postgres://app:s3cret@db:5432/app", "password inside a URL"),
        ("sk_live_" + "x" * 24, "Stripe"),
    ],
)
def test_secret_values_under_innocent_names_fail_at_the_value(judge, span, value, kind):
    result = judge(SECRETS, f"FROM alpine:3.20\nENV UPSTREAM={value}\n")
    assert not result.met
    assert span(result) == (2, 14, 2, 14 + len(value))
    assert kind in result.reason


def test_clean_files_pass(judge):
    text = """
    FROM node:22-slim
    ARG NODE_ENV=production
    ENV PORT=8080 DATABASE_URL=postgres://app:${DB_PASS}@db/app POSTGRES_PASSWORD_FILE=/run/secrets/db
    RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
    """
    assert judge(SECRETS, text).met
