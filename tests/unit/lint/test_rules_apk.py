"""apk rules (DL3018, DL3019): must-fire cases with the exact span, and must-not-fire cases."""

from __future__ import annotations

import pytest

from prepdeck.lint import lint_text

A = "FROM alpine:3.19.1\n"

CASES = [
    # DL3018: each unpinned package word
    ("DL3018", A + "RUN apk add --no-cache curl=8.5.0-r0 bash\n", ["2:38-2:42"]),
    ("DL3018", A + "RUN apk add --no-cache --virtual .build-deps gcc musl-dev~1.2\n", ["2:46-2:49"]),
    ("DL3018", A + "RUN apk add --no-cache ca-certificates=20240226-r0 tzdata~2024\n", []),
    # a variable whose value is unknown here: said at the variable, as hadolint does
    ("DL3018", A + 'RUN apk add --no-cache --allow-untrusted /tmp/tool.apk "$PACKAGES"\n', ["2:56-2:67"]),
    ("DL3018", A + 'ENV PACKAGES="curl=8.5.0-r0 git=2.43.0-r0"\nRUN apk add --no-cache $PACKAGES\n', []),
    ("DL3018", A + 'RUN deps="curl git=2.43.0-r0" && apk add --no-cache $deps\n', ["2:53-2:58"]),
    ("DL3018", A + "RUN apk del curl && apk info bash\n", []),
    # DL3019: the `add` word without --no-cache, unless a cache mount keeps the index out
    ("DL3019", A + "RUN apk update && apk add curl=8.5.0-r0\n", ["2:23-2:26"]),
    ("DL3019", A + "RUN apk --update add git=2.43.0-r0\n", ["2:18-2:21"]),
    ("DL3019", A + "RUN apk add --no-cache curl=8.5.0-r0\n", []),
    ("DL3019", A + "RUN --mount=type=cache,target=/var/cache/apk apk add curl=8.5.0-r0\n", []),
    ("DL3019", A + "RUN apk upgrade --no-cache\n", []),
]


@pytest.mark.parametrize(("code", "text", "expected"), CASES)
def test_rule(code: str, text: str, expected: list[str]) -> None:
    found = [str(finding.span) for finding in lint_text(text).findings if finding.code == code]
    assert found == expected
