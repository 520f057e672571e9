"""Patterns that come from outside the program (packs, .dockerignore files) run on RE2.

RE2 matches in linear time, so no pattern a pack ships can hang `pack check`, `drill check` or
the editor (Python's `re` takes exponential time on `(a+)+$`). A pattern RE2 cannot compile
(lookarounds, backreferences, a syntax error) raises PatternError with RE2's reason.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Protocol

import re2

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # RE2 prints parse errors to stderr by default; we report them ourselves


class PatternMatch(Protocol):
    def start(self) -> int: ...

    def end(self) -> int: ...


class CompiledPattern(Protocol):
    """What the checks use of a compiled RE2 pattern."""

    def search(self, text: str) -> PatternMatch | None: ...


class PatternError(ValueError):
    """A pattern RE2 refuses; `str(error)` says why."""


@lru_cache(maxsize=512)
def compile_pattern(pattern: str, *, multiline: bool = False) -> CompiledPattern:
    """The compiled RE2 pattern (cached); `multiline` makes ^ and $ match at each line."""
    try:
        compiled: CompiledPattern = re2.compile(("(?m)" if multiline else "") + pattern, _OPTIONS)
        return compiled
    except re2.error as error:
        reason = error.args[0] if error.args else "not a valid pattern"
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise PatternError(str(reason)) from None


def pattern_problem(pattern: str, *, multiline: bool = False) -> str | None:
    """Why RE2 cannot run `pattern`, or None when it can."""
    try:
        compile_pattern(pattern, multiline=multiline)
    except PatternError as error:
        return str(error)
    return None
