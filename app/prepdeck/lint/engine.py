"""Runs the registered rules on a parsed Dockerfile and returns findings sorted by position.

The one entry point for programs (drills, the TUI editor, the CLI):

    result = lint_text(text, path="Dockerfile", config=None)
    result.findings      # [Finding(code, level, message, line, column, end_line, end_column, rule, file)]
    result.dockerfile    # the parsed model (prepdeck.lint.model.Dockerfile)

Parse problems are findings too (rule DL1000 reports the parser's diagnostics); every other rule
still runs on what was parsed.
A rule that raises does not stop the run: its error is kept in `result.rule_errors`.
"""

from __future__ import annotations

import re

from prepdeck.collector import collector_paused
from prepdeck.lint.config import LintConfig, Pragmas, read_pragmas
from prepdeck.lint.model import Dockerfile, Span
from prepdeck.lint.parser import parse
from prepdeck.lint.registry import (
    TYPE_CHECKING,
    Hit,
    Rule,
    RuleContext,
    every_rule_loaded,
    level_rank,
    rules_for_programs,
)

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterable
    from typing import Any

__all__ = [
    "MAX_TEXT_BYTES",
    "PARSE_ERROR_CODE",
    "Finding",
    "LintResult",
    "lint_dockerfile",
    "lint_text",
    "parse",
    "parse_for_lint",
]

PARSE_ERROR_CODE = "DL1000"


class Finding:
    """One problem found: code, level, message, exact span, the rule that found it, and the file."""

    __slots__ = (
        "code",
        "column",
        "end_column",
        "end_line",
        "file",
        "level",
        "line",
        "message",
        "related",
        "rule",
    )

    def __init__(
        self,
        code: str,
        level: str,
        message: str,
        line: int,
        column: int,
        end_line: int,
        end_column: int,
        rule: Rule | None = None,
        file: str = "Dockerfile",
        related: tuple[tuple[Span, str], ...] = (),
    ) -> None:
        self.code = code
        self.level = level
        self.message = message
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        self.rule = rule
        self.file = file
        self.related = related  # ((Span, note), ...): other places the message refers to

    def _key(self) -> tuple[str, int, int, int, int, str, str, str]:
        return (
            self.file,
            self.line,
            self.column,
            self.end_line,
            self.end_column,
            self.code,
            self.level,
            self.message,
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Finding) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Finding({self})"

    @property
    def span(self) -> Span:
        return Span(self.line, self.column, self.end_line, self.end_column)

    def to_dict(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "level": self.level,
            "message": self.message,
        }
        if self.related:
            record["related"] = [
                {
                    "line": span.line,
                    "column": span.column,
                    "end_line": span.end_line,
                    "end_column": span.end_column,
                    "message": note,
                }
                for span, note in self.related
            ]
        return record

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.level} [{self.code}] {self.message}"


class LintResult:
    """The findings of one file (sorted by position), its parsed model, and any rule that failed."""

    __slots__ = ("dockerfile", "findings", "path", "rule_errors")

    def __init__(self, path: str, dockerfile: Dockerfile, findings: list[Finding] | None = None) -> None:
        self.path = path
        self.dockerfile = dockerfile
        self.findings: list[Finding] = findings if findings is not None else []
        self.rule_errors: list[str] = []

    def at_or_above(self, level: str) -> list[Finding]:
        """Findings whose level is at least `level` ("none" gives none)."""
        if level == "none":
            return []
        threshold = level_rank(level)
        return [finding for finding in self.findings if level_rank(finding.level) >= threshold]

    def codes(self) -> list[str]:
        return [finding.code for finding in self.findings]


class _Plan:
    """The rules to run, grouped by keyword once per rule set (cheap to reuse across keystrokes)."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.by_keyword: dict[str, list[Rule]] = {}
        self.whole_file: list[Rule] = []
        self.has_same_as = False
        for rule in rules:
            self.has_same_as = self.has_same_as or bool(rule.same_as)
            if rule.on is None:
                self.whole_file.append(rule)
            else:
                for keyword in rule.on:
                    self.by_keyword.setdefault(keyword, []).append(rule)


# (rules loaded, codes ignored, level overrides) -> the plan for that configuration
_plan_cache: dict[tuple[int, frozenset[str], tuple[tuple[str, str], ...]], _Plan] = {}


def _switched_on(rules: Iterable[Rule], config: LintConfig) -> list[Rule]:
    """The rules whose findings could be shown: one at level "ignore" or in `ignored` is not run."""
    return [
        rule
        for rule in rules
        if rule.code not in config.ignored and config.level_for(rule.code, rule.severity) != "ignore"
    ]


def _default_plan(config: LintConfig, dockerfile: Dockerfile) -> _Plan:
    """The plan for every rule that can fire on `dockerfile` under `config`, kept while the config's
    switches and the loaded rule modules stay the same (modules are only ever added, so their
    rule count names them)."""
    programs: set[str] = set()
    if not every_rule_loaded():  # the editor, after its first lints: no walk needed
        for instruction in dockerfile.walk():
            if instruction.keyword == "RUN":
                programs.update(instruction.script.programs())
    rules = rules_for_programs(programs)
    key = (len(rules), config.ignored, tuple(sorted(config.overrides.items())))
    plan = _plan_cache.get(key)
    if plan is None:
        if len(_plan_cache) >= 8:
            _plan_cache.clear()
        plan = _plan_cache[key] = _Plan(_switched_on(rules, config))
    return plan


# What a text may hold to be linted. At its peak a lint holds about 2-4 KB per line of code (the
# instruction and its findings) and 0.3-0.7 KB per shell word or operator: 1/2 MB of dense RUN
# lines is 1.0 s and 100 MB, and 488 KB of one-letter lines, each a parse error, was 5.7 s and
# 483 MB. Real Dockerfiles have a few hundred lines (the biggest of the 551 fixture files is
# 10 KB). So a text may hold MAX_WORK units, a word or operator being one and a line of code three
# (comment lines cost little and do not count: a 10 MB file of them is linted); 14 hostile shapes
# at the limit took 2-4 s and 140-230 MB (bench/lint.py section 4 prints some). A text over it,
# or over MAX_TEXT_BYTES, is refused in milliseconds with one finding that says so.
MAX_TEXT_BYTES = 16 * 1024 * 1024
MAX_WORK = 300_000
_WORK_CHECKED_ABOVE = 64 * 1024  # a smaller text cannot reach MAX_WORK
_CODE_LINE = r"(?m)^[ \t]*[^\s#]"  # patterns compiled only for a large text
_WORD_OR_COMMENT = r"(?m)(^[ \t]*#[^\n]*)|[^\s;&|<>()]+|[;&|<>()]"


def lint_text(
    text: str | bytes,
    *,
    path: str = "Dockerfile",
    config: LintConfig | None = None,
    context_dir: str | None = None,
) -> LintResult:
    """Parse and lint one Dockerfile's text. Never raises on any input; a text over MAX_TEXT_BYTES
    or MAX_WORK is not linted: its one finding says so (an error no config silences, so it never
    passes)."""
    parsed = parse_for_lint(text, path=path)
    if isinstance(parsed, LintResult):
        return parsed
    with collector_paused():
        return lint_dockerfile(parsed, path=path, config=config, context_dir=context_dir)


def parse_for_lint(text: str | bytes, *, path: str = "Dockerfile") -> Dockerfile | LintResult:
    """The parsed text, for lint_dockerfile; or, for a text over MAX_TEXT_BYTES or MAX_WORK, its
    whole LintResult (one finding that says so). `prepdeck lint` starts ShellCheck between the two."""
    refusal = _too_large(text)
    if refusal is not None:
        return _refused(refusal, path)
    with collector_paused():
        return parse(text)


def _too_large(text: str | bytes) -> str | None:
    """Why `text` is too large to lint, or None."""
    size = len(text)
    if size <= _WORK_CHECKED_ABOVE:
        return None
    if isinstance(text, str) and size * 4 > MAX_TEXT_BYTES:  # UTF-8 spends up to 4 bytes a character
        size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_TEXT_BYTES:
        from prepdeck.capped import size_text

        return f"this Dockerfile is {size_text(size)}, over the {size_text(MAX_TEXT_BYTES)} prepdeck lints"
    decoded = text if isinstance(text, str) else text.decode("utf-8", errors="replace")
    work = 0
    for _line in re.finditer(_CODE_LINE, decoded):
        work += 3
        if work > MAX_WORK:
            return _too_much()
    for match in re.finditer(_WORD_OR_COMMENT, decoded):
        if match.group(1) is None:
            work += 1
            if work > MAX_WORK:
                return _too_much()
    return None


def _too_much() -> str:
    return "this Dockerfile holds more lines and words outside comments than prepdeck lints"


def _refused(reason: str, path: str) -> LintResult:
    message = f"{reason} (real Dockerfiles are a few KB); nothing in it was checked"
    finding = Finding(PARSE_ERROR_CODE, "error", message, 1, 1, 1, 1, file=path)
    return LintResult(path=path, dockerfile=parse(""), findings=[finding])


def lint_dockerfile(
    dockerfile: Dockerfile,
    *,
    path: str = "Dockerfile",
    config: LintConfig | None = None,
    context_dir: str | None = None,
    rules: Iterable[Rule] | None = None,
) -> LintResult:
    """Lint an already parsed Dockerfile (`rules` restricts the run to those rules)."""
    config = config or LintConfig()
    plan = _Plan(_switched_on(rules, config)) if rules is not None else _default_plan(config, dockerfile)
    result = LintResult(path=path, dockerfile=dockerfile)
    pragmas = read_pragmas(dockerfile)
    ctx = RuleContext(dockerfile=dockerfile, config=config, path=path, context_dir=context_dir)
    raw: list[tuple[Rule, Hit]] = []

    by_keyword = plan.by_keyword
    for instruction in dockerfile.walk():
        programs = None
        for rule in by_keyword.get(instruction.keyword, ()):
            if rule.programs is not None:
                if programs is None:
                    programs = instruction.script.programs()
                if rule.programs.isdisjoint(programs):
                    continue
            try:
                for hit in rule.check(instruction, ctx) or ():
                    raw.append((rule, hit))
            except Exception as error:  # noqa: BLE001 - a faulty rule must never take the editor or the CLI down
                result.rule_errors.append(f"rule {rule.code} failed: {error.__class__.__name__}: {error}")
    for rule in plan.whole_file:
        _run(rule, (dockerfile, ctx), raw, result)

    for rule, hit in raw:
        finding = _finding(rule, hit, config, pragmas, dockerfile, path)
        if finding is not None:
            result.findings.append(finding)
    if plan.has_same_as:
        result.findings = _without_repeats(result.findings, dockerfile)
    result.findings.sort(key=lambda f: (f.line, f.column, f.code, f.end_line, f.end_column, f.message))
    return result


def _without_repeats(findings: list[Finding], dockerfile: Dockerfile) -> list[Finding]:
    """Drop each finding of a `same_as` rule when a rule it repeats fired on the same instruction."""
    if not any(finding.rule is not None and finding.rule.same_as for finding in findings):
        return findings

    def where(finding: Finding) -> int:
        instruction = dockerfile.instruction_at(finding.line)
        return instruction.index if instruction is not None else -1

    reported = {(finding.code, where(finding)) for finding in findings}
    return [
        finding
        for finding in findings
        if finding.rule is None
        or not finding.rule.same_as
        or not any((code, where(finding)) in reported for code in finding.rule.same_as)
    ]


def _run(
    rule: Rule, args: tuple[Dockerfile, RuleContext], raw: list[tuple[Rule, Hit]], result: LintResult
) -> None:
    try:
        for hit in rule.check(*args) or ():
            raw.append((rule, hit))
    except Exception as error:  # noqa: BLE001 - a faulty rule must never take the editor or the CLI down
        result.rule_errors.append(f"rule {rule.code} failed: {error.__class__.__name__}: {error}")


def _finding(
    rule: Rule, hit: Hit, config: LintConfig, pragmas: Pragmas, dockerfile: Dockerfile, path: str
) -> Finding | None:
    code = rule.code
    level = config.level_for(code, rule.severity)
    if level == "ignore" or code in config.ignored:
        return None
    if rule.buildkit_name is not None and pragmas.skip_checks:
        # BuildKit's `# check=skip=Name` also silences a hadolint rule that carries that check's name
        names = {code.lower(), rule.buildkit_name.lower()}
        if "all" in pragmas.skip_checks or names & pragmas.skip_checks:
            return None
    if rule.origin == "buildkit" and pragmas.checks_are_errors:
        level = "error"
    if not config.disable_ignore_pragma:
        if code in pragmas.file_codes:
            return None
        if pragmas.by_instruction:
            instruction = dockerfile.instruction_at(hit.span.line)
            if instruction is not None and code in pragmas.by_instruction.get(instruction.index, ()):
                return None
    span = hit.span
    return Finding(
        code=code,
        level=level,
        message=hit.message,
        line=span.line,
        column=span.column,
        end_line=span.end_line,
        end_column=span.end_column,
        rule=rule,
        file=path,
        related=hit.related,
    )
