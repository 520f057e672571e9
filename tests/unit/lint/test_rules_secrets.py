"""Secret rules (DL3064, PD003, PD004, PD005): must-fire cases with the exact span, and must-not-fire."""

from __future__ import annotations

import pytest

from prepdeck.lint import lint_text

N = "FROM node:20.11.1-slim\n"

CASES = [
    # DL3064: the secret-looking name
    ("DL3064", N + "ARG NPM_TOKEN\n", ["2:5-2:14"]),
    ("DL3064", N + "ENV APP_ENV=prod DB_PASSWORD=x\n", ["2:18-2:29"]),
    ("DL3064", N + "ARG github_token=\n", ["2:5-2:17"]),
    ("DL3064", N + "ARG TOKEN_URL=https://auth.example.com/token\nENV PASSWORD_MIN_LENGTH=12\n", []),
    ("DL3064", N + "ENV MYSQL_PASSWORD_FILE=/run/secrets/db\n", []),
    ("DL3064", N + "ARG NODE_VERSION=20\nENV KEY_ALGORITHM=rsa\n", []),
    # PD004: a literal secret value, at the value
    ("PD004", N + "ENV MYSQL_ROOT_PASSWORD=root\n", ["2:25-2:29"]),
    ("PD004", N + 'ARG API_SECRET="s3cr3t value"\n', ["2:16-2:30"]),
    ("PD004", N + "ARG NPM_TOKEN\nENV GITHUB_TOKEN=$GITHUB_TOKEN\n", []),
    ("PD004", N + "ENV DB_PASSWORD_FILE=/run/secrets/db APP_ENV=prod\n", []),
    # PD003: a secret ARG used in a RUN, at the reference
    (
        "PD003",
        N + 'ARG NPM_TOKEN\nRUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci\n',
        ["3:44-3:56"],
    ),
    (
        "PD003",
        "ARG GH_TOKEN\n"
        + N
        + "ARG GH_TOKEN\nRUN git clone https://$GH_TOKEN@github.com/example/private.git\n",
        ["4:23-4:32"],
    ),
    ("PD003", N + "ARG NPM_TOKEN\nRUN npm ci\n", []),
    ("PD003", N + "RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n", []),
    ("PD003", N + "ARG NODE_ENV=production\nRUN echo $NODE_ENV\n", []),
    # PD005: the copied secret file
    ("PD005", N + "COPY .npmrc package.json ./\n", ["2:6-2:12"]),
    ("PD005", N + "COPY config/.env.production keys/server.key /app/\n", ["2:6-2:28", "2:29-2:44"]),
    ("PD005", N + "COPY .env.example package.json ./\n", []),
    ("PD005", N + "COPY --from=build /app/dist ./dist\nCOPY src/ ./src/\n", []),
    ("PD005", N + "COPY certs/ca.crt /usr/local/share/ca-certificates/\n", []),
    ("PD004", N + "ENV NPM_CONFIG_LOGLEVEL=warn\n", []),
    ("PD004", N + 'ARG GITHUB_TOKEN=""\n', []),
    ("DL3064", N + "ENV NODE_ENV=production PORT=3000\n", []),
    ("DL3064", N + "ARG SECRET_FILE=/run/secrets/app\n", []),
    ("DL3064", N + 'LABEL token="nothing secret here"\n', []),
]


@pytest.mark.parametrize(("code", "text", "expected"), CASES)
def test_rule(code: str, text: str, expected: list[str]) -> None:
    found = [str(finding.span) for finding in lint_text(text).findings if finding.code == code]
    assert found == expected


def test_hard_coded_secret_is_an_error() -> None:
    finding = next(f for f in lint_text(N + "ENV MYSQL_ROOT_PASSWORD=root\n").findings if f.code == "PD004")
    assert finding.level == "error"
    assert "MYSQL_ROOT_PASSWORD" in finding.message
