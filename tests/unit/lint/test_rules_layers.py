"""DL3059 (consecutive one-command RUNs): must-fire cases with the exact span, and must-not-fire cases."""

from __future__ import annotations

import pytest

from prepdeck.lint import lint_text

D = "FROM debian:12.5-slim\n"

CASES = [
    ("DL3059", D + "RUN mkdir -p /opt/app\nRUN chown 1000:1000 /opt/app\n", ["3:1-3:4"]),
    (
        "DL3059",
        D + "RUN mkdir /a\n# a comment between them\nRUN mkdir /b\nRUN mkdir /c\n",
        ["4:1-4:4", "5:1-5:4"],
    ),
    ("DL3059", D + 'RUN mkdir /a\nRUN ["mkdir", "/b"]\n', ["3:1-3:4"]),
    ("DL3059", D + "RUN mkdir /a\nWORKDIR /a\nRUN touch .keep\n", []),
    ("DL3059", D + "RUN mkdir /a && chown 1000 /a\nRUN touch /a/.keep\n", []),
    ("DL3059", D + "RUN --mount=type=cache,target=/root/.cache pip download x==1\nRUN pip wheel x==1\n", []),
    ("DL3059", D + 'RUN mkdir /a\nRUN ["/bin/sh", "-c", "cd /a && touch b"]\n', []),
    ("DL3059", "FROM debian:12.5-slim AS a\nRUN mkdir /a\nFROM debian:12.5-slim\nRUN mkdir /b\n", []),
]


@pytest.mark.parametrize(("code", "text", "expected"), CASES)
def test_rule(code: str, text: str, expected: list[str]) -> None:
    found = [str(finding.span) for finding in lint_text(text).findings if finding.code == code]
    assert found == expected
