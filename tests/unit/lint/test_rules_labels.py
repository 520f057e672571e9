"""The label-schema family (DL3049-DL3058), driven by `label-schema` and `strict-labels` in the config."""

from __future__ import annotations

import pytest

from prepdeck.lint import lint_text
from prepdeck.lint.config import config_from_mapping

SCHEMA = config_from_mapping(
    {
        "label-schema": {
            "org.opencontainers.image.source": "url",
            "org.opencontainers.image.created": "rfc3339",
            "org.opencontainers.image.licenses": "spdx",
            "org.opencontainers.image.revision": "hash",
            "org.opencontainers.image.version": "semver",
            "org.opencontainers.image.authors": "email",
            "org.opencontainers.image.title": "text",
        },
        "strict-labels": True,
    }
)
F = "FROM alpine:3.19.1\n"
FULL = (
    'LABEL org.opencontainers.image.source="https://github.com/example/app" \\\n'
    '      org.opencontainers.image.created="2026-11-28T01:00:00Z" \\\n'
    '      org.opencontainers.image.licenses="MIT OR Apache-2.0" \\\n'
    '      org.opencontainers.image.revision="3f9c2a1d0b8e7f6a5c4b3a2d1e0f9a8b7c6d5e4f" \\\n'
    '      org.opencontainers.image.version="1.4.2-rc.1" \\\n'
    '      org.opencontainers.image.authors="platform@example.com" \\\n'
    '      org.opencontainers.image.title="inventory"\n'
)

CASES = [
    ("DL3049", F + 'LABEL org.opencontainers.image.title="x"\n', ["1:1-1:5"] * 6),
    ("DL3049", F + FULL, []),
    ("DL3049", "FROM alpine:3.19.1 AS base\n" + FULL + "FROM base\n", []),
    ("DL3050", F + FULL + 'LABEL team="payments"\n', ["9:7-9:11"]),
    ("DL3050", F + FULL, []),
    ("DL3051", F + 'LABEL org.opencontainers.image.title=""\n', ["2:38-2:40"]),
    ("DL3051", F + 'LABEL org.opencontainers.image.title="x" other=""\n', []),
    ("DL3052", F + 'LABEL org.opencontainers.image.source="github.com/example/app"\n', ["2:39-2:63"]),
    ("DL3052", F + 'LABEL org.opencontainers.image.source="https://github.com/example/app"\n', []),
    ("DL3052", F + 'ARG SOURCE\nLABEL org.opencontainers.image.source="${SOURCE}"\n', []),
    ("DL3053", F + 'LABEL org.opencontainers.image.created="28/11/2026"\n', ["2:40-2:52"]),
    ("DL3053", F + 'LABEL org.opencontainers.image.created="2026-11-28T01:00:00+01:00"\n', []),
    ("DL3054", F + 'LABEL org.opencontainers.image.licenses="Apache 2"\n', ["2:41-2:51"]),
    (
        "DL3054",
        F + 'LABEL org.opencontainers.image.licenses="GPL-3.0-only WITH Classpath-exception-2.0"\n',
        [],
    ),
    ("DL3055", F + 'LABEL org.opencontainers.image.revision="main"\n', ["2:41-2:47"]),
    ("DL3055", F + 'LABEL org.opencontainers.image.revision="3f9c2a1"\n', []),
    ("DL3056", F + 'LABEL org.opencontainers.image.version="1.4"\n', ["2:40-2:45"]),
    ("DL3056", F + 'LABEL org.opencontainers.image.version="v2.0.0+build.7"\n', []),
    ("DL3058", F + 'LABEL org.opencontainers.image.authors="platform team"\n', ["2:40-2:55"]),
    ("DL3058", F + 'LABEL org.opencontainers.image.authors="platform@example.com"\n', []),
]


@pytest.mark.parametrize(("code", "text", "expected"), CASES)
def test_rule(code: str, text: str, expected: list[str]) -> None:
    found = [str(finding.span) for finding in lint_text(text, config=SCHEMA).findings if finding.code == code]
    assert found == expected


@pytest.mark.parametrize(
    "code", ["DL3049", "DL3050", "DL3051", "DL3052", "DL3053", "DL3054", "DL3055", "DL3056", "DL3058"]
)
def test_without_a_schema_the_label_rules_stay_quiet(code: str) -> None:
    text = F + 'LABEL org.opencontainers.image.source="nope" org.opencontainers.image.version="1" x=""\n'
    assert [f for f in lint_text(text).findings if f.code == code] == []


def test_without_strict_labels_unknown_labels_are_fine() -> None:
    relaxed = config_from_mapping({"label-schema": {"org.opencontainers.image.title": "text"}})
    text = F + 'LABEL org.opencontainers.image.title="x" team="payments"\n'
    assert [f.code for f in lint_text(text, config=relaxed).findings if f.code.startswith("DL30")] == []
