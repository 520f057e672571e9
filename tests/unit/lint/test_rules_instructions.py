"""Instruction rules (not RUN commands), hadolint-spec style: must fire with the exact span, and must not."""

from __future__ import annotations

import pytest

from prepdeck.lint import lint_text
from prepdeck.lint.config import LintConfig


def spans(text: str, code: str, config: LintConfig | None = None) -> list[str]:
    return [str(f.span) for f in lint_text(text, config=config).findings if f.code == code]


FIRES = [
    ("DL3000", "FROM alpine:3.20\nWORKDIR app\n", ["2:9-2:12"]),
    ("DL3000", "FROM alpine:3.20\nWORKDIR ~/src\n", ["2:9-2:14"]),
    ("DL3002", "FROM node:22-slim\nUSER node\nUSER root\n", ["3:6-3:10"]),
    ("DL3002", "FROM alpine:3.20 AS build\nFROM alpine:3.20\nUSER 0:0\n", ["3:6-3:9"]),
    (
        "DL3010",
        "FROM alpine:3.20\nCOPY app.tar.gz /opt/\nRUN tar -xzf /opt/app.tar.gz -C /opt\n",
        ["2:6-2:16"],
    ),
    (
        "DL3010",
        "FROM alpine:3.20\nCOPY a.txt data.tar.xz /d/\nRUN cd /d && tar -x -f data.tar.xz\n",
        ["2:12-2:23"],
    ),
    ("DL3011", "FROM alpine:3.20\nEXPOSE 80 65536\n", ["2:11-2:16"]),
    ("DL3011", "FROM alpine:3.20\nEXPOSE 8000-70000/udp\n", ["2:8-2:22"]),
    ("DL3012", "FROM alpine:3.20\nHEALTHCHECK CMD true\nHEALTHCHECK NONE\n", ["3:1-3:12"]),
    ("DL3020", "FROM alpine:3.20\nADD requirements.txt /app/\n", ["2:5-2:21"]),
    ("DL3020", "FROM alpine:3.20\nADD app.tar.gz config/ /app/\n", ["2:16-2:23"]),
    ("DL3021", "FROM alpine:3.20\nCOPY package.json package-lock.json /app\n", ["2:37-2:41"]),
    ("DL3021", 'FROM alpine:3.20\nCOPY ["a", "b", "/c"]\n', ["2:17-2:21"]),
    ("DL3025", "FROM node:22\nCMD node server.js\n", ["2:5-2:19"]),
    ("DL3025", "FROM node:22\nENTRYPOINT /entrypoint.sh \\\n  --verbose\n", ["2:12-3:12"]),
    ("DL3043", "FROM alpine:3.20\nONBUILD ONBUILD RUN make\n", ["2:9-2:16"]),
    ("DL3043", "FROM alpine:3.20\nonbuild maintainer me\n", ["2:9-2:19"]),
    ("DL3044", "FROM alpine:3.20\nENV APP=/app BIN=$APP/bin\n", ["2:18-2:22"]),
    ("DL3044", "FROM alpine:3.20\nENV A=1 \\\n    B=${A}\n", ["3:7-3:11"]),
    ("DL3045", "FROM python:3.12-slim\nCOPY app.py .\n", ["2:13-2:14"]),
    ("DL3045", "FROM python:3.12-slim\nCOPY app.py src/\nWORKDIR /app\n", ["2:13-2:17"]),
    ("DL3048", "FROM alpine:3.20\nLABEL Maintainer=me\n", ["2:7-2:17"]),
    ("DL3048", "FROM alpine:3.20\nLABEL ok=1 com.docker.x=2 a..b=3\n", ["2:12-2:24", "2:27-2:31"]),
    ("DL3066", "FROM alpine:3.20\nUSER app\n", ["2:6-2:9"]),
    ("DL3066", "FROM alpine:3.20\nUSER app:1000\n", ["2:6-2:14"]),
    # a variable the Dockerfile never declares (the base image's ENV?): nothing shows it is numeric
    ("DL3066", "FROM alpine:3.20\nUSER $APP_UID\n", ["2:6-2:14"]),
    ("DL3066", "FROM alpine:3.20\nENV APP_USER=app\nUSER ${APP_USER}\n", ["3:6-3:17"]),
    ("DL4000", "FROM alpine:3.20\nMAINTAINER Jane <jane@example.com>\n", ["2:1-2:11"]),
    ("DL4003", 'FROM alpine:3.20\nCMD ["a"]\nCMD ["b"]\n', ["3:1-3:4"]),
    ("DL4004", 'FROM alpine:3.20\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\n', ["3:1-3:11"]),
]

PASSES = [
    ("DL3000", "FROM alpine:3.20\nWORKDIR /app\n"),
    ("DL3000", "FROM alpine:3.20\nWORKDIR $HOME/app\n"),
    ("DL3000", "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\\\app\n"),
    ("DL3000", 'FROM alpine:3.20\nWORKDIR "/srv/my app"\n'),
    ("DL3002", "FROM node:22-slim\nUSER root\nRUN npm i -g pm2@5\nUSER node\n"),
    ("DL3002", "FROM alpine:3.20 AS build\nUSER root\nFROM alpine:3.20\nUSER 10001\n"),
    ("DL3002", "FROM alpine:3.20\nUSER rootless\n"),
    ("DL3010", "FROM alpine:3.20\nCOPY app.tar.gz /opt/\n"),
    (
        "DL3010",
        "FROM alpine:3.20 AS a\nFROM alpine:3.20\nCOPY --from=a /app.tar /x/\nRUN tar -xf /x/app.tar\n",
    ),
    ("DL3010", "FROM alpine:3.20\nCOPY f.tar.gz /f/\nRUN tar -czf other.tar.gz /f\n"),
    ("DL3011", "FROM alpine:3.20\nEXPOSE 80 443/tcp 53/udp 8000-8010\n"),
    ("DL3011", "FROM alpine:3.20\nEXPOSE $PORT\n"),
    ("DL3012", "FROM alpine:3.20\nHEALTHCHECK CMD true\n"),
    ("DL3012", "FROM alpine:3.20 AS a\nHEALTHCHECK CMD true\nFROM alpine:3.20\nHEALTHCHECK CMD true\n"),
    ("DL3020", "FROM alpine:3.20\nADD https://example.com/x.tgz /x/\n"),
    ("DL3020", "FROM alpine:3.20\nADD rootfs.tar.gz /\n"),
    ("DL3020", "FROM alpine:3.20\nADD git@github.com:moby/buildkit.git /src\n"),
    ("DL3020", "FROM alpine:3.20\nADD $ARTIFACT /opt/\n"),
    ("DL3021", "FROM alpine:3.20\nCOPY package.json package-lock.json /app/\n"),
    ("DL3021", "FROM alpine:3.20\nCOPY app.py /app\n"),
    ("DL3025", 'FROM node:22\nCMD ["node", "server.js"]\n'),
    ("DL3025", "FROM node:22\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n"),
    ("DL3025", 'FROM node:22\nENTRYPOINT ["tini", "--"]\nCMD []\n'),
    ("DL3043", "FROM alpine:3.20\nONBUILD RUN make\n"),
    ("DL3043", "FROM alpine:3.20\nONBUILD COPY . /src\n"),
    ("DL3044", "FROM alpine:3.20\nENV APP=/app\nENV BIN=$APP/bin\n"),
    ("DL3044", "FROM alpine:3.20\nENV PATH=/opt/bin:$PATH LANG=C.UTF-8\n"),
    ("DL3044", "FROM alpine:3.20\nENV A=1 B=\\$A\n"),
    ("DL3045", "FROM python:3.12-slim\nWORKDIR /app\nCOPY app.py .\n"),
    ("DL3045", "FROM python:3.12-slim\nCOPY app.py /app/\n"),
    ("DL3045", "FROM python:3.12-slim AS base\nWORKDIR /app\nFROM base\nCOPY app.py .\n"),
    ("DL3045", "FROM python:3.12-slim\nCOPY app.py $APP_HOME/\n"),
    ("DL3048", "FROM alpine:3.20\nLABEL org.opencontainers.image.title=x a-b=1 a_b=2\n"),
    ("DL3048", 'FROM alpine:3.20\nLABEL maintainer="me"\n'),
    ("DL3066", "FROM alpine:3.20\nUSER 10001:10001\n"),
    ("DL3066", "FROM alpine:3.20\nARG APP_UID\nUSER $APP_UID\n"),
    ("DL3066", "ARG APP_UID=10001\nFROM alpine:3.20\nUSER ${APP_UID}:${APP_UID}\n"),
    ("DL3066", "FROM alpine:3.20\nENV APP_UID=10001\nUSER $APP_UID\n"),
    ("DL4000", "FROM alpine:3.20\nLABEL org.opencontainers.image.authors=me\n"),
    ("DL4000", "FROM alpine:3.20\n"),
    ("DL4003", 'FROM alpine:3.20 AS a\nCMD ["a"]\nFROM alpine:3.20\nCMD ["b"]\n'),
    ("DL4003", 'FROM alpine:3.20\nCMD ["a"]\n'),
    ("DL4004", 'FROM alpine:3.20 AS a\nENTRYPOINT ["a"]\nFROM alpine:3.20\nENTRYPOINT ["b"]\n'),
    ("DL4004", 'FROM alpine:3.20\nENTRYPOINT ["a"]\nCMD ["b"]\n'),
    ("DL3000", "FROM alpine:3.20\nWORKDIR ${APP_HOME}\n"),
    ("DL3002", "FROM alpine:3.20\nRUN adduser -D app\n"),
    ("DL3010", "FROM alpine:3.20\nADD app.tar.gz /opt/\n"),
    ("DL3011", "FROM alpine:3.20\nEXPOSE 65535/udp 0\n"),
    ("DL3012", "FROM alpine:3.20\nONBUILD HEALTHCHECK CMD true\nHEALTHCHECK CMD true\n"),
    ("DL3020", "FROM alpine:3.20\nADD https://github.com/moby/buildkit.git#v0.13 /src\n"),
    ("DL3021", 'FROM alpine:3.20\nCOPY ["a", "b", "/c/"]\n'),
    ("DL3025", "FROM alpine:3.20\nCMD\n"),
    ("DL3043", "FROM alpine:3.20\nONBUILD WORKDIR /app\n"),
    ("DL3044", "FROM alpine:3.20\nENV A=1 B=2\n"),
    ("DL3045", "# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY app.exe C:\\app\\\n"),
    ("DL3048", "FROM alpine:3.20\nLABEL $KEY=value\n"),
    ("DL3066", "FROM alpine:3.20\nUSER 0\n"),
    ("DL4000", "FROM alpine:3.20\nLABEL maintainer=me\n"),
    ("DL4003", 'FROM alpine:3.20\nENTRYPOINT ["a"]\nCMD ["b"]\n'),
]


@pytest.mark.parametrize(("code", "text", "expected"), FIRES)
def test_rule_fires_on_the_exact_token(code: str, text: str, expected: list[str]) -> None:
    assert spans(text, code) == expected


@pytest.mark.parametrize(("code", "text"), PASSES)
def test_rule_stays_quiet(code: str, text: str) -> None:
    assert spans(text, code) == []


def test_every_rule_of_this_family_has_cases() -> None:
    family = {
        "DL3000",
        "DL3002",
        "DL3010",
        "DL3011",
        "DL3012",
        "DL3020",
        "DL3021",
        "DL3025",
        "DL3043",
        "DL3044",
        "DL3045",
        "DL3048",
        "DL3066",
        "DL4000",
        "DL4003",
        "DL4004",
    }
    assert family <= {code for code, _, _ in FIRES}
    assert family <= {code for code, _ in PASSES}


# Rules that are off by default (severity "ignore") are checked with an override that enables them.
ENABLED = LintConfig(overrides={"DL3057": "info", "DL1001": "info"})


def test_missing_healthcheck_is_off_by_default() -> None:
    assert spans("FROM alpine:3.20\n", "DL3057") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('FROM alpine:3.20\nCMD ["a"]\n', ["1:1-1:17"]),
        ("FROM alpine:3.20 AS a\nHEALTHCHECK CMD true\nFROM alpine:3.20\n", ["3:1-3:17"]),
    ],
)
def test_missing_healthcheck_fires_on_the_final_from_when_enabled(text: str, expected: list[str]) -> None:
    assert spans(text, "DL3057", ENABLED) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM alpine:3.20\nHEALTHCHECK CMD true\n",
        "FROM alpine:3.20 AS base\nHEALTHCHECK CMD true\nFROM base\n",
        "FROM alpine:3.20 AS a\nFROM alpine:3.20\nHEALTHCHECK NONE\n",
    ],
)
def test_missing_healthcheck_quiet_when_the_final_stage_has_one(text: str) -> None:
    assert spans(text, "DL3057", ENABLED) == []


def test_inline_pragma_rule_reports_the_comment_when_enabled() -> None:
    text = "FROM alpine:3.20\n# hadolint ignore=DL3025\nCMD run\n"
    assert spans(text, "DL1001", ENABLED) == ["2:1-2:25"]
    assert spans(text, "DL1001") == []
    assert spans("FROM alpine:3.20\n# just a comment\n", "DL1001", ENABLED) == []


def test_dl3044_ignores_a_variable_defined_by_an_earlier_instruction() -> None:
    assert spans("FROM alpine:3.20\nENV A=1\nENV A=2 B=$A\n", "DL3044") == ["3:11-3:13"]
