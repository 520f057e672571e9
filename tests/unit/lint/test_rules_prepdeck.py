"""Our own PD rules for what hadolint misses (PD001, PD002, PD006-PD014): must-fire cases with the
exact span, and must-not-fire cases."""

from __future__ import annotations

import pytest

from prepdeck.lint import lint_text

N = "FROM node:20.11.1-slim\n"
D = "FROM debian:12.5-slim\n"
U = "USER 1000\n"

CASES = [
    # PD001: the `.` of the whole-context COPY that comes before the dependency install
    ("PD001", N + "WORKDIR /app\nCOPY . .\nRUN npm ci\n" + U, ["3:6-3:7"]),
    (
        "PD001",
        "FROM python:3.12.2-slim\nCOPY ./ /code/\nRUN pip install --no-cache-dir -r /code/requirements.txt\n"
        + U,
        ["2:6-2:8"],
    ),
    (
        "PD001",
        "FROM golang:1.22.1\nWORKDIR /src\nCOPY . .\nRUN go mod download && go build -o /app .\n",
        ["3:6-3:7"],
    ),
    ("PD001", "FROM ruby:3.3.0\nADD . /app\nRUN cd /app && bundle install\n", ["2:5-2:6"]),
    (
        "PD001",
        N
        + "WORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n"
        + U,
        [],
    ),
    ("PD001", "FROM python:3.12.2-slim\nWORKDIR /src\nCOPY . .\nRUN pip install --no-cache-dir .\n", []),
    ("PD001", N + "COPY --from=deps /app/node_modules ./node_modules\nCOPY . .\nRUN npm run build\n", []),
    ("PD001", "FROM rust:1.76.0 AS chef\nCOPY . .\nRUN cargo chef prepare --recipe-path recipe.json\n", []),
    # PD002: the final stage's base image when no USER is ever set
    ("PD002", D + 'CMD ["bash"]\n', ["1:6-1:22"]),
    ("PD002", "FROM golang:1.22.1 AS build\nUSER 1000\nFROM alpine:3.19.1\n", ["3:6-3:19"]),
    ("PD002", D + "USER 10001\n", []),
    ("PD002", 'FROM alpine:3.19.1 AS base\nUSER 1000\nFROM base\nCMD ["sh"]\n', []),
    ("PD002", "FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\n", []),
    ("PD002", "FROM nginxinc/nginx-unprivileged:1.25.4-alpine\n", []),
    # PD006: the first word of a shell-form process that becomes a child of /bin/sh
    ("PD006", N + U + "CMD node server.js\n", []),  # shell form is DL3025's (see test_pid1_...)
    ("PD006", N + U + 'CMD ["sh", "-c", "node server.js --port $PORT"]\n', ["3:6-3:10"]),
    ("PD006", N + U + 'CMD ["node", "server.js"]\n', []),
    ("PD006", N + U + 'CMD ["/bin/sh", "-c", "exec node server.js"]\n', []),
    ("PD006", N + U + "CMD exec node server.js\n", []),
    ("PD006", N + U + 'ENTRYPOINT ["/usr/bin/tini", "--"]\nCMD node server.js\n', []),
    (
        "PD006",
        "FROM node:20.11.1-slim AS dev\nCMD npm run dev\nFROM node:20.11.1-slim\n"
        + U
        + 'CMD ["node", "index.js"]\n',
        [],
    ),
    # PD007: build tools in the final stage of a multi-stage build
    (
        "PD007",
        "FROM golang:1.22.1 AS build\nRUN go build -o /app .\nFROM golang:1.22.1\nCOPY --from=build /app /app\n",
        ["3:6-3:19"],
    ),
    (
        "PD007",
        "FROM python:3.12.2 AS build\nRUN true\nFROM python:3.12.2-slim\nRUN apt-get install -y gcc=4:12.2.0-3 libpq-dev=15.6 curl=7.88\n",
        ["4:24-4:38", "4:39-4:53"],
    ),
    (
        "PD007",
        "FROM node:20.11.1 AS build\nRUN npm ci && npm run build\nFROM node:20.11.1-slim\nCOPY --from=build /app/node_modules ./node_modules\n",
        ["4:19-4:36"],
    ),
    (
        "PD007",
        "FROM node:20.11.1 AS build\nRUN npm run build\nFROM node:20.11.1-slim\nRUN npm ci\n",
        ["4:9-4:11"],
    ),
    (
        "PD007",
        "FROM node:20.11.1 AS build\nRUN npm ci && npm run build && npm prune --omit=dev\nFROM node:20.11.1-slim\nCOPY --from=build /app/node_modules ./node_modules\n",
        [],
    ),
    (
        "PD007",
        "FROM node:20.11.1 AS deps\nRUN npm ci --omit=dev\nFROM node:20.11.1-slim\nCOPY --from=deps /app/node_modules ./node_modules\nRUN npm ci --only=production\n",
        [],
    ),
    (
        "PD007",
        "FROM node:20.11.1 AS build\nRUN true\nFROM node:20.11.1-slim\nENV NODE_ENV=production\nRUN npm ci\n",
        [],
    ),
    ("PD007", "FROM eclipse-temurin:21-jdk AS build\nRUN true\nFROM eclipse-temurin:21-jre\n", []),
    ("PD007", "FROM golang:1.22.1\nRUN go build -o /app .\n", []),
    (
        "PD007",
        "FROM golang:1.22.1 AS build\nRUN true\nFROM alpine:3.19.1\nRUN apk add --no-cache libpq=16.2-r0\n",
        [],
    ),
    # PD008: the URL of an ADD without --checksum
    ("PD008", D + "ADD https://example.com/tool.tgz /tmp/\n", ["2:5-2:33"]),
    (
        "PD008",
        D
        + "ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.tgz /tmp/\n",
        [],
    ),
    ("PD008", D + "ADD vendor.tar.gz /opt/\n", []),
    # PD009: the image of a FROM without a digest
    ("PD009", "FROM python:3.12.2-slim\n", ["1:6-1:24"]),
    (
        "PD009",
        "FROM python:3.12.2-slim@sha256:d3f8d5e1dba0d7e2ab7f4ab3e4c81f0d5e9fbb8c3c2f8c7f3c5f0f7d9e1c2b3a\n",
        [],
    ),
    ("PD009", "FROM scratch\n", []),
    ("PD009", "ARG BASE=alpine:3.19.1\nFROM $BASE AS base\nFROM base\n", []),
    # PD010: the option or variable that turns verification off
    ("PD010", D + "RUN curl -k -o /tmp/i.sh https://internal.example/i.sh\n", ["2:10-2:12"]),
    (
        "PD010",
        D
        + "RUN wget -q --no-check-certificate https://x.example/a && pip install --trusted-host pypi.x -r r.txt\n",
        ["2:13-2:35", "2:71-2:85"],
    ),
    ("PD010", "FROM alpine:3.19.1\nRUN apk add --no-cache --allow-untrusted /tmp/a.apk\n", ["2:24-2:41"]),
    (
        "PD010",
        N + "ENV NODE_TLS_REJECT_UNAUTHORIZED=0\nRUN npm config set strict-ssl false\n",
        ["2:5-2:33", "3:20-3:30"],
    ),
    ("PD010", D + "RUN GIT_SSL_NO_VERIFY=1 git clone https://git.example/repo.git\n", ["2:5-2:24"]),
    (
        "PD010",
        "FROM fedora:39\nRUN dnf install -y --nogpgcheck ./agent.rpm && dnf clean all\n",
        ["2:20-2:32"],
    ),
    ("PD010", D + "RUN curl -fsSL https://example.com/a -o /a && wget -q https://example.com/b\n", []),
    ("PD010", N + "ENV NODE_TLS_REJECT_UNAUTHORIZED=1 GIT_SSL_NO_VERIFY=false\n", []),
    ("PD010", N + "RUN npm config set strict-ssl true && npm ci\n", []),
    # PD011: port 22
    ("PD011", D + "EXPOSE 22 8080\n", ["2:8-2:10"]),
    ("PD011", D + "EXPOSE 22/tcp\n", ["2:8-2:14"]),
    ("PD011", D + "EXPOSE 2222 8022\n", []),
    ("PD011", D + "EXPOSE 8080/tcp\n", []),
    # PD012: an index refresh alone in its RUN
    ("PD012", D + "RUN apt-get update\nRUN apt-get install -y curl=7.88\n", ["2:13-2:19"]),
    ("PD012", "FROM alpine:3.19.1\nRUN apk update\n", ["2:9-2:15"]),
    ("PD012", D + "RUN apt-get update && apt-get install -y curl=7.88 && rm -rf /var/lib/apt/lists/*\n", []),
    ("PD012", "FROM alpine:3.19.1\nRUN apk add --no-cache --update curl=8.5.0-r0\n", []),
    # PD013: upgrading every package
    ("PD013", D + "RUN apt-get update && apt-get dist-upgrade -y\n", ["2:31-2:43"]),
    ("PD013", "FROM fedora:39\nRUN dnf -y update && dnf clean all\n", ["2:12-2:18"]),
    ("PD013", D + "RUN apt-get update && apt-get install -y --only-upgrade openssl=3.0.13-1~deb12u1\n", []),
    ("PD013", "FROM fedora:39\nRUN dnf -y update openssl && dnf clean all\n", []),
    # PD014: WORKDIR on a system directory
    ("PD014", D + "WORKDIR /usr/bin\n", ["2:9-2:17"]),
    ("PD014", D + "WORKDIR /\n", ["2:9-2:10"]),
    ("PD014", D + "WORKDIR /app\n", []),
    ("PD014", D + "WORKDIR /usr/local/src/app\n", []),
    ("PD011", D + "EXPOSE 220\n", []),
    ("PD011", D + "EXPOSE 8022/udp 80\n", []),
    ("PD010", D + "RUN pip install --no-cache-dir --index-url https://pypi.example/simple app==1.0\n", []),
    ("PD010", "FROM alpine:3.19.1\nRUN apk add --no-cache curl=8.5.0-r0\n", []),
    ("PD010", "FROM fedora:39\nRUN dnf install -y git-2.43.0 && dnf clean all\n", []),
    ("PD010", D + "ENV GIT_SSL_CAINFO=/etc/ssl/certs/company.pem\n", []),
    ("PD010", D + "RUN git clone --depth 1 https://github.com/example/app.git\n", []),
    (
        "PD010",
        D + 'RUN echo "insecure=false" > /etc/app.conf && curl --fail -sS https://example.com -o /tmp/a\n',
        [],
    ),
    (
        "PD010",
        N + "RUN yarn config set registry https://registry.example && yarn install --frozen-lockfile\n",
        [],
    ),
    (
        "PD007",
        "FROM golang:1.22.1 AS build\nRUN true\nFROM debian:12.5-slim\nRUN apt-get install -y libpq5=15.6 && rm -rf /var/lib/apt/lists/*\n",
        [],
    ),
    ("PD013", D + "RUN apt-get update && apt-get install -y curl=7.88 && rm -rf /var/lib/apt/lists/*\n", []),
    ("PD013", "FROM alpine:3.19.1\nRUN apk upgrade --no-cache openssl\n", []),
    ("PD001", "FROM golang:1.22.1\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n", []),
    (
        "PD001",
        "FROM maven:3.9.6-eclipse-temurin-21\nCOPY pom.xml .\nRUN mvn -B dependency:go-offline\nCOPY src ./src\n",
        [],
    ),
    ("PD001", "FROM ruby:3.3.0\nCOPY . .\nRUN bundle exec rake assets:precompile\n", []),
    ("PD014", D + "WORKDIR /srv/app\n", []),
    ("PD014", D + "WORKDIR $HOME/app\n", []),
    ("PD012", D + "RUN apt-get update && apt-get install -y --no-install-recommends git=1:2.39\n", []),
    ("PD012", "FROM fedora:39\nRUN dnf makecache && dnf install -y git-2.43.0 && dnf clean all\n", []),
]


@pytest.mark.parametrize(("code", "text", "expected"), CASES)
def test_rule(code: str, text: str, expected: list[str]) -> None:
    found = [str(finding.span) for finding in lint_text(text).findings if finding.code == code]
    assert found == expected


def test_cache_order_message_names_the_install_and_its_line() -> None:
    finding = next(f for f in lint_text(N + "COPY . .\nRUN npm ci\n").findings if f.code == "PD001")
    assert "`npm ci` on line 3" in finding.message


def test_shell_form_cmd_gets_one_finding_and_dl3025_explains_pid1() -> None:
    findings = [f for f in lint_text(N + U + "CMD python app.py\n").findings if f.line == 3]
    assert [f.code for f in findings] == ["DL3025"]
    from prepdeck.lint.registry import get_rule

    rationale = get_rule("DL3025").rationale
    assert "PID 1" in rationale and "SIGTERM" in rationale


def test_pid1_speaks_for_shell_form_when_dl3025_is_ignored() -> None:
    from prepdeck.lint.config import config_from_mapping

    dl3025_off = config_from_mapping({"ignored": ["DL3025"]})
    text = N + U + 'ENTRYPOINT npm start\nCMD ["--port", "80"]\n'
    assert [str(f.span) for f in lint_text(text, config=dl3025_off).findings if f.code == "PD006"] == [
        "3:12-3:15"
    ]
    finding = next(
        f for f in lint_text(N + "CMD node server.js\n", config=dl3025_off).findings if f.code == "PD006"
    )
    assert "SIGTERM" in finding.message and "PID 1" in finding.message
