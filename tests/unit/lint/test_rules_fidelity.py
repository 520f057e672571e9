"""Cases found by comparing with hadolint on real-world Dockerfiles (issue 15): each must-fire case
asserts the exact span, each must-not-fire case that the rule stays quiet."""

from __future__ import annotations

import json

import pytest

from prepdeck.lint import lint_text
from prepdeck.lint.report import format_json, format_tty

D = "FROM debian:12.5-slim\n"
A = "FROM alpine:3.19.1\n"
P = "FROM python:3.12.2-slim\n"
BUILDER = "FROM node:20.11.1 AS build\n"
FINAL = "FROM nginx:1.25.4\nCOPY --from=build /app/dist /usr/share/nginx/html\n"

CASES = [
    # two or more `NAME=value` prefixes still leave the command visible
    ("DL3008", D + "RUN A=1 B=2 apt-get install -y --no-install-recommends curl\n", ["2:56-2:60"]),
    (
        "DL3015",
        D + "RUN LC_ALL=C DEBIAN_FRONTEND=noninteractive apt-get install -y curl=7.88.1\n",
        ["2:53-2:60"],
    ),
    ("DL3013", P + "RUN X=1 Y=2 pip install --no-cache-dir flask\n", ["2:40-2:45"]),
    ("DL3003", D + "RUN X=1 Y=2 cd /tmp\n", ["2:13-2:15"]),
    # DL4006: pipes inside command substitutions, backticks, process substitution, sh -c strings
    (
        "DL4006",
        D + "RUN dpkgArch=\"$(dpkg --print-architecture | awk -F- '{ print $NF }')\"\n",
        ["2:43-2:44"],
    ),
    ("DL4006", D + "RUN echo `ls / | wc -l`\n", ["2:16-2:17"]),
    ("DL4006", D + "RUN diff <(sort a | uniq) b\n", ["2:19-2:20"]),
    ("DL4006", D + "RUN sh -c 'curl -fsSL https://example.com/x.sh | sh'\n", ["2:48-2:49"]),
    ("DL4006", D + "RUN { echo a; echo b; } | tee /etc/x.conf\n", ["2:25-2:26"]),
    ("DL4006", D + 'RUN x="$(a \\\n  | b)"\n', ["3:3-3:4"]),
    ("DL4006", D + "RUN echo $((1 | 2)) '$(a | b)'\n", []),
    ("DL4006", D + 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN x="$(a | b)"\n', []),
    ("DL4006", D + 'RUN set -o pipefail && x="$(a | b)"\n', []),
    # DL3062 also covers `go get`
    ("DL3062", "FROM golang:1.22.1\nRUN go get github.com/pkg/errors\n", ["2:12-2:33"]),
    ("DL3062", "FROM golang:1.22.1\nRUN go get github.com/pkg/errors@latest\n", ["2:12-2:40"]),
    ("DL3062", "FROM golang:1.22.1\nRUN go get -d -v ./... && go get golang.org/x/text@v0.14.0\n", []),
    # DL3009: `apt-get dist-clean` (apt 2.7+, Debian trixie) removes the lists too
    (
        "DL3009",
        D + "RUN apt-get update; apt-get install -y --no-install-recommends x=1; apt-get dist-clean\n",
        [],
    ),
    (
        "DL3009",
        D + "RUN apt-get update && apt-get install -y --no-install-recommends x=1 && apt-get clean\n",
        ["2:13-2:19"],
    ),
    # rules about leftovers in the image are quiet in a stage that never ships
    ("DL3060", BUILDER + "RUN yarn install --frozen-lockfile\n" + FINAL, []),
    ("DL3060", "FROM node:20.11.1\nRUN yarn install --frozen-lockfile\n", ["2:10-2:17"]),
    ("DL3019", "FROM alpine:3.19.1 AS build\nRUN apk add curl=8.5.0-r0\n" + FINAL, []),
    ("DL3042", "FROM python:3.12.2 AS build\nRUN pip install -r req.txt\n" + FINAL, []),
    ("DL3042", "FROM python:3.12.2 AS base\nRUN pip install -r req.txt\nFROM base\n", ["2:9-2:16"]),
    ("DL3040", "FROM fedora:39 AS build\nRUN dnf install -y tar-1.35\n" + FINAL, []),
    # a package list through a variable whose value is not known here is said to be unverifiable
    ("DL3008", D + "RUN apt-get install -y --no-install-recommends $(cat packages.txt)\n", ["2:48-2:67"]),
]


@pytest.mark.parametrize(("code", "text", "expected"), CASES)
def test_rule(code: str, text: str, expected: list[str]) -> None:
    found = [str(finding.span) for finding in lint_text(text).findings if finding.code == code]
    assert found == expected


def test_a_variable_package_points_at_its_definition() -> None:
    text = D + "ENV BUILD_DEPS='gcc=4:12.2.0-3 make'\nRUN apt-get install -y $BUILD_DEPS\n"
    records = json.loads(format_json([lint_text(text)]))
    (record,) = [record for record in records if record["code"] == "DL3008"]
    assert record["message"] == "`make` (from `$BUILD_DEPS`) is not pinned: write `make=<version>`"
    assert (record["line"], record["column"], record["end_column"]) == (3, 24, 35)
    assert record["related"] == [
        {"line": 2, "column": 5, "end_line": 2, "end_column": 37, "message": "`BUILD_DEPS` is set here (ENV)"}
    ]


def test_an_assignment_in_the_same_run_is_the_definition() -> None:
    text = D + "RUN deps='curl'; \\\n    apt-get install -y $deps\n"
    (finding,) = [f for f in lint_text(text).findings if f.code == "DL3008"]
    assert finding.message.startswith("`curl` (from `$deps`)")
    assert [(span.line, span.column, note) for span, note in finding.related] == [
        (2, 5, "`deps` is set here")
    ]


def test_utf16_with_a_byte_order_mark_is_decoded() -> None:
    text = D + "RUN apt-get install -y curl\n"
    for encoding in ("utf-16-le", "utf-16-be"):
        bom = "\ufeff".encode(encoding)
        result = lint_text(bom + text.replace("\n", "\r\n").encode(encoding))
        assert [(f.code, f.line, f.column) for f in result.findings if f.code.startswith("DL")] == [
            ("DL3015", 2, 13),
            ("DL3008", 2, 24),
        ]


def test_control_characters_never_reach_the_terminal_raw() -> None:
    result = lint_text(b"FROM debian:12.5-slim\nRUN apt-get install -y cu\x00rl\x1b[31m\n", path="a\x1bb")
    shown = format_tty([result])
    assert "\x00" not in shown and "\x1b" not in shown
    assert "cu\u2400rl\u241b[31m" in shown
