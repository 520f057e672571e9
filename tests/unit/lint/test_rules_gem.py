"""RubyGems rule (DL3028): must-fire cases with the exact span, and must-not-fire cases."""

from __future__ import annotations

import pytest

from prepdeck.lint import lint_text

R = "FROM ruby:3.3.0-alpine3.19\n"

CASES = [
    ("DL3028", R + "RUN gem install bundler rails:7.1.3\n", ["2:17-2:24"]),
    ("DL3028", R + "RUN gem i --no-document nokogiri\n", ["2:25-2:33"]),
    ("DL3028", R + "RUN gem install bundler:2.5.6 rake:13.1.0\n", []),
    ("DL3028", R + "RUN gem install nokogiri -v 1.16.2 && gem install rake --version=13.1.0\n", []),
    ("DL3028", R + "RUN gem update --system && gem list\n", []),
]


@pytest.mark.parametrize(("code", "text", "expected"), CASES)
def test_rule(code: str, text: str, expected: list[str]) -> None:
    found = [str(finding.span) for finding in lint_text(text).findings if finding.code == code]
    assert found == expected
