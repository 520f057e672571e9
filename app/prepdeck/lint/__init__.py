"""Dockerfile parser, rules, engine and reports (no Textual here).

from prepdeck.lint import lint_text, parse
result = lint_text(text)            # .findings, .dockerfile
dockerfile = parse(text)            # the model alone
"""

from __future__ import annotations

from prepdeck.lint.engine import Finding, LintResult, lint_dockerfile, lint_text
from prepdeck.lint.parser import parse

__all__ = ["Finding", "LintResult", "lint_dockerfile", "lint_text", "parse"]
