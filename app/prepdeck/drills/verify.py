"""Prove a pack's drills are sound, for `prepdeck pack check`.

For every drill: its solution meets every requirement, its starter does not pass, and each
counterexample fails exactly the requirements its `must_fail` lists, no more and no fewer. Also
catches requirement params that can never match (an unknown rule code or instruction name).
Each problem is located at the drill field it concerns.
"""

from __future__ import annotations

from collections.abc import Iterable

from prepdeck.build.patterns import pattern_problem
from prepdeck.content import model as m
from prepdeck.content.loader import Pack, PackFileError
from prepdeck.content.problems import Problem
from prepdeck.drills.evaluate import check_drill
from prepdeck.drills.outcome import DrillResult, RequirementResult
from prepdeck.lint.engine import PARSE_ERROR_CODE
from prepdeck.lint.model import KNOWN_INSTRUCTIONS
from prepdeck.lint.registry import all_rules, get_rule


def verify_pack_drills(pack: Pack) -> list[Problem]:
    problems: list[Problem] = []
    for drill in pack.drills:
        problems += _check_params(pack, drill)
        problems += _check_solution(pack, drill)
        problems += _check_starter(pack, drill)
        for index, alternative in enumerate(drill.alternatives):
            problems += _check_alternative(pack, drill, index, alternative)
        for index, example in enumerate(drill.counterexamples):
            problems += _check_counterexample(pack, drill, index, example)
    return problems


def _problem(
    pack: Pack, drill: m.Drill, fields: tuple[str | int, ...], code: str, message: str, level: str = "error"
) -> Problem:
    return Problem.at(pack.position_of(drill, *fields), level, code, message, file=pack.root)


def _run(
    pack: Pack, drill: m.Drill, value: str, dockerignore: str | None = None
) -> tuple[DrillResult, str] | None:
    """The drill checked on a starter/solution/counterexample (None when the file is unusable:
    `pack check` reports missing and unreadable files already)."""
    try:
        text = pack.drill_text(value)
    except PackFileError:
        return None
    where = "inline text" if "\n" in value else value
    if dockerignore is not None:
        return check_drill(drill, text, path=where, dockerignore=dockerignore), where
    return check_drill(drill, text, path=where), where


def _check_alternative(
    pack: Pack, drill: m.Drill, index: int, alternative: m.Alternative
) -> Iterable[Problem]:
    checked = _run(pack, drill, alternative.file, alternative.dockerignore)
    if checked is None:
        return
    result, where = checked
    for unmet in result.unmet:
        if unmet.severity == "error":
            yield _problem(
                pack,
                drill,
                ("alternatives", index, "file"),
                "alternative-fails",
                f"{where} is listed as a valid solution but does not meet requirement '{unmet.id}': "
                f"{unmet.reason}{_at(unmet, where)}",
            )


def _at(result: RequirementResult, where: str) -> str:
    span = result.span
    return f" ({where}:{span.line}:{span.column})" if span is not None else ""


def _check_solution(pack: Pack, drill: m.Drill) -> Iterable[Problem]:
    ignore = drill.context.solution_dockerignore if drill.context is not None else None
    checked = _run(pack, drill, drill.solution, ignore)
    if checked is None:
        return
    result, where = checked
    for finding in result.findings:
        if finding.code == PARSE_ERROR_CODE:
            yield _problem(
                pack,
                drill,
                ("solution",),
                "solution-parse-error",
                f"the solution does not parse as a Dockerfile: {finding.message} ({where}:{finding.line}:{finding.column})",
                "warning",
            )
    for unmet in result.unmet:
        level = "error" if unmet.severity == "error" else "warning"
        yield _problem(
            pack,
            drill,
            ("solution",),
            "solution-fails",
            f"the solution does not meet requirement '{unmet.id}': {unmet.reason}{_at(unmet, where)}",
            level,
        )


def _check_starter(pack: Pack, drill: m.Drill) -> Iterable[Problem]:
    checked = _run(pack, drill, drill.starter)
    if checked is None:
        return
    result, _ = checked
    if result.passed:
        yield _problem(
            pack,
            drill,
            ("starter",),
            "starter-passes",
            "the starter already meets every error requirement, so the learner has nothing to fix",
        )


def _check_counterexample(
    pack: Pack, drill: m.Drill, index: int, example: m.Counterexample
) -> Iterable[Problem]:
    checked = _run(pack, drill, example.file, example.dockerignore)
    if checked is None:
        return
    result, where = checked
    known = {requirement.id for requirement in drill.requirements}
    failed = {unmet.id: unmet for unmet in result.unmet}
    for inner, requirement_id in enumerate(example.must_fail):
        if requirement_id in known and requirement_id not in failed:
            yield _problem(
                pack,
                drill,
                ("counterexamples", index, "must_fail", inner),
                "counterexample-passes",
                f"{where} meets requirement '{requirement_id}', but must_fail says it fails it",
            )
    listed = set(example.must_fail)
    for requirement_id, unmet in failed.items():
        if requirement_id not in listed:
            yield _problem(
                pack,
                drill,
                ("counterexamples", index, "must_fail"),
                "counterexample-fails-more",
                f"{where} also fails requirement '{requirement_id}', which must_fail does not list: "
                f"{unmet.reason}{_at(unmet, where)}",
            )


def _check_params(pack: Pack, drill: m.Drill) -> Iterable[Problem]:
    for index, requirement in enumerate(drill.requirements):
        fields = ("requirements", index, "params")
        pattern = _pack_pattern(requirement)
        if pattern is not None:
            name, text, multiline = pattern
            reason = pattern_problem(text, multiline=multiline)
            if reason is not None:
                yield _problem(
                    pack,
                    drill,
                    (*fields, name),
                    "bad-pattern",
                    f"the pattern {text!r} cannot run on RE2, the linear-time engine every pack pattern uses: {reason}",
                )
        if isinstance(requirement, m.RuleAbsent):
            for inner, code in enumerate(requirement.params.codes):
                if get_rule(code) is None:
                    suggestion = _suggest(code.upper(), [rule.code for rule in all_rules()])
                    yield _problem(
                        pack,
                        drill,
                        (*fields, "codes", inner),
                        "unknown-rule",
                        f"'{code}' is not a lint rule code{suggestion}",
                    )
        elif isinstance(requirement, (m.InstructionPresent, m.InstructionAbsent)):
            name = requirement.params.instruction.strip().upper()
            if name not in KNOWN_INSTRUCTIONS:
                suggestion = _suggest(name, sorted(KNOWN_INSTRUCTIONS))
                yield _problem(
                    pack,
                    drill,
                    (*fields, "instruction"),
                    "unknown-instruction",
                    f"'{requirement.params.instruction}' is not a Dockerfile instruction{suggestion}",
                )


def _pack_pattern(requirement: m.RequirementBase) -> tuple[str, str, bool] | None:
    """(field, pattern, multiline) of the pattern a requirement ships, if any."""
    if isinstance(requirement, m.RegexRequirement):
        return "pattern", requirement.params.pattern, True
    if isinstance(requirement, (m.InstructionPresent, m.InstructionAbsent)) and requirement.params.args_regex:
        return "args_regex", requirement.params.args_regex, False
    return None


def _suggest(wrong: str, known: list[str]) -> str:
    from rapidfuzz import process

    match = process.extractOne(wrong, known, score_cutoff=70)
    return f"; did you mean '{match[0]}'?" if match else ""
