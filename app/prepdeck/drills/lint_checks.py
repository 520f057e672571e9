"""Checks read from the lint findings (rule_absent, max_level) and the last resort, regex."""

from __future__ import annotations

from prepdeck.build.patterns import PatternError, compile_pattern
from prepdeck.content import model as m
from prepdeck.drills.outcome import Verdict
from prepdeck.drills.subject import Subject, and_more
from prepdeck.lint.engine import Finding
from prepdeck.lint.model import Span
from prepdeck.lint.registry import level_rank


def rule_absent(requirement: m.RuleAbsent, subject: Subject) -> Verdict:
    codes = {code.strip().upper() for code in requirement.params.codes}
    return _none_of(
        [finding for finding in subject.findings if finding.code.upper() in codes], with_level=False
    )


def max_level(requirement: m.MaxLevel, subject: Subject) -> Verdict:
    threshold = level_rank(requirement.params.level)
    return _none_of(
        [finding for finding in subject.findings if level_rank(finding.level) >= threshold], with_level=True
    )


def _none_of(hits: list[Finding], *, with_level: bool) -> Verdict:
    """Met when there are no such findings; else fails at the first, quoting its message."""
    if not hits:
        return Verdict.ok()
    first = hits[0]
    level = f"{first.level} " if with_level else ""
    return Verdict.fail(
        first.span, f"{level}{first.code} on line {first.line}: {first.message}{and_more(hits)}"
    )


def regex(requirement: m.RegexRequirement, subject: Subject) -> Verdict:
    params = requirement.params
    try:
        pattern = compile_pattern(params.pattern, multiline=True)
    except PatternError as error:
        return Verdict.cannot_tell(
            subject.missing_span(), f"the drill's pattern cannot run ({error}); `pack check` reports it"
        )
    text = subject.text
    match = pattern.search(text)
    if params.must_match:
        if match is not None:
            return Verdict.ok()
        return Verdict.fail(subject.missing_span(), "nothing in the file does what this requirement asks")
    if match is None:
        return Verdict.ok()
    span = span_of_offsets(text, match.start(), match.end())
    return Verdict.fail(span, f"line {span.line} has what this requirement forbids")


def span_of_offsets(text: str, start: int, end: int) -> Span:
    """The 1-based span (end exclusive) of text[start:end]."""

    def position(offset: int) -> tuple[int, int]:
        line = text.count("\n", 0, offset) + 1
        return line, offset - (text.rfind("\n", 0, offset) + 1) + 1

    line, column = position(start)
    end_line, end_column = position(end)
    return Span(line, column, end_line, end_column)
