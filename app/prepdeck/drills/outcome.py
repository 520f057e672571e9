"""What checking one requirement gives: met or not, where it fails, and why.

A check function returns a `Verdict` (the bare judgement); `evaluate.py` dresses it with the
requirement's id, message, hint and severity into a `RequirementResult` for screens and the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from prepdeck.lint.model import Span


@dataclass(frozen=True, slots=True)
class Verdict:
    """`span` is the token that fails the requirement (None when met); `reason` says why in one sentence."""

    met: bool
    span: Span | None = None
    reason: str = ""
    undecided: bool = False  # "cannot tell": never met, and said so

    @classmethod
    def ok(cls) -> Verdict:
        return cls(True)

    @classmethod
    def fail(cls, span: Span | None, reason: str) -> Verdict:
        return cls(False, span, reason)

    @classmethod
    def cannot_tell(cls, span: Span | None, reason: str) -> Verdict:
        """The model cannot decide: the requirement is not met, and the reason says why."""
        return cls(False, span, f"cannot tell: {reason}", undecided=True)


@dataclass(frozen=True, slots=True)
class RequirementResult:
    id: str
    check: str
    met: bool
    severity: str  # "error" blocks a pass; "warning" is shown only
    message: str
    hint: str | None
    span: Span | None = None
    reason: str = ""
    undecided: bool = False

    @property
    def status(self) -> str:
        return "met" if self.met else "cannot tell" if self.undecided else "unmet"

    @property
    def blocks_pass(self) -> bool:
        return not self.met and self.severity == "error"

    def as_json(self) -> dict[str, Any]:
        span = self.span
        return {
            "id": self.id,
            "check": self.check,
            "met": self.met,
            "status": self.status,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
            "reason": self.reason or None,
            "line": span.line if span else None,
            "column": span.column if span else None,
            "end_line": span.end_line if span else None,
            "end_column": span.end_column if span else None,
        }


@dataclass(slots=True)
class DrillResult:
    """A Dockerfile checked against a drill. `passed`: every error-severity requirement is met."""

    drill_id: str
    requirements: list[RequirementResult]
    findings: list[Any] = field(default_factory=list)  # lint findings, in the engine's order
    dockerfile: Any = None  # the parsed file (prepdeck.lint.model.Dockerfile)

    @property
    def passed(self) -> bool:
        return not any(result.blocks_pass for result in self.requirements)

    @property
    def met_count(self) -> int:
        """How many requirements are met (the drill's status line: 'N of M requirements met')."""
        return sum(1 for result in self.requirements if result.met)

    @property
    def unmet(self) -> list[RequirementResult]:
        return [result for result in self.requirements if not result.met]

    def result(self, requirement_id: str) -> RequirementResult | None:
        return next((result for result in self.requirements if result.id == requirement_id), None)

    def as_json(self) -> dict[str, Any]:
        """The verdict as a drill attempt stores it and `drill check --format json` prints it."""
        return {
            "passed": self.passed,
            "requirements": [requirement.as_json() for requirement in self.requirements],
            "findings": [finding.to_dict() for finding in self.findings],
        }
