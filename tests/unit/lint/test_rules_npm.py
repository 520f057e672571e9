"""npm and yarn rules (DL3016, DL3060): must-fire cases with the exact span, and must-not-fire cases."""

from __future__ import annotations

import pytest

from prepdeck.lint import lint_text

N = "FROM node:20.11.1-alpine\n"

CASES = [
    # DL3016: each named package without a version
    ("DL3016", N + "RUN npm install -g typescript@5.3.3 ts-node\n", ["2:37-2:44"]),
    ("DL3016", N + "RUN npm i --global @nestjs/cli\n", ["2:20-2:31"]),
    ("DL3016", N + "RUN npm install\n", []),
    ("DL3016", N + "RUN npm ci --omit=dev && npm install -g pnpm@8.15.4 @scope/tool@1.0.0\n", []),
    (
        "DL3016",
        N
        + "RUN npm install ./packages/shared git+https://github.com/example/lib.git#v1.2.0 vendor/lib.tgz\n",
        [],
    ),
    # DL3060: the `install` word when the yarn cache stays
    ("DL3060", N + "RUN yarn install --frozen-lockfile\n", ["2:10-2:17"]),
    ("DL3060", N + "RUN yarn install --frozen-lockfile && yarn build\n", ["2:10-2:17"]),
    ("DL3060", N + "RUN yarn install --frozen-lockfile && yarn cache clean\n", []),
    (
        "DL3060",
        N + "RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile\n",
        [],
    ),
    ("DL3060", N + "RUN yarn build && yarn test\n", []),
]


@pytest.mark.parametrize(("code", "text", "expected"), CASES)
def test_rule(code: str, text: str, expected: list[str]) -> None:
    found = [str(finding.span) for finding in lint_text(text).findings if finding.code == code]
    assert found == expected
