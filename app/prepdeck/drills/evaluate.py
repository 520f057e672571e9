"""Check a Dockerfile against a drill: one parse and one lint run shared by every requirement.

    result = check_drill(drill, text)
    result.passed          # every error-severity requirement met
    result.requirements    # [RequirementResult] in the drill's order, each with its failing span
    result.findings        # the lint findings (prepdeck.lint.Finding)

Cheap enough to run on every keystroke: the cost is one `lint_text` plus a walk of the model per
requirement.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from prepdeck.content import model as m
from prepdeck.drills import build_order, images, lint_checks, secrets, structure
from prepdeck.drills.outcome import DrillResult, RequirementResult, Verdict
from prepdeck.drills.subject import Subject
from prepdeck.lint import lint_text
from prepdeck.lint.config import LintConfig
from prepdeck.lint.registry import get_rule

CHECKS: dict[str, Callable[..., Verdict]] = {
    "min_stages": structure.min_stages,
    "final_user_not_root": structure.final_user_not_root,
    "instruction_present": structure.instruction_present,
    "instruction_absent": structure.instruction_absent,
    "exec_form": structure.exec_form,
    "base_image_pinned": images.base_image_pinned,
    "copy_before_run": build_order.copy_before_run,
    "run_mount": build_order.run_mount,
    "no_secrets": secrets.no_secrets,
    "rule_absent": lint_checks.rule_absent,
    "max_level": lint_checks.max_level,
    "regex": lint_checks.regex,
}


def check_drill(
    drill: m.Drill, text: str | bytes, *, lint_config: LintConfig | None = None, path: str = "Dockerfile"
) -> DrillResult:
    """Evaluate every requirement of `drill` on `text` (never raises on any text)."""
    lint = lint_text(text, path=path, config=drill_lint_config(drill, lint_config))
    subject = Subject(text=lint.dockerfile.text, dockerfile=lint.dockerfile, findings=lint.findings)
    results = [evaluate_requirement(requirement, subject) for requirement in drill.requirements]
    return DrillResult(
        drill_id=drill.id, requirements=results, findings=lint.findings, dockerfile=lint.dockerfile
    )


def evaluate_requirement(requirement: m.RequirementBase, subject: Subject) -> RequirementResult:
    check_name = requirement.check  # type: ignore[attr-defined]
    verdict = CHECKS[check_name](requirement, subject)
    return RequirementResult(
        id=requirement.id,
        check=check_name,
        met=verdict.met,
        severity=requirement.severity,
        message=requirement.message,
        hint=requirement.hint,
        span=None if verdict.met else verdict.span,
        reason="" if verdict.met else verdict.reason,
    )


def drill_lint_config(drill: m.Drill, base: LintConfig | None = None) -> LintConfig:
    """The lint settings a drill is judged with.

    Ignore pragmas in the learner's file are not honoured (`# hadolint ignore=DL3008` must not
    satisfy "DL3008 absent"), and a rule that is off by default (DL3057, no HEALTHCHECK) is switched
    on at `info` when a `rule_absent` requirement names it, since the author asked about it.
    """
    config = replace(base or LintConfig(), disable_ignore_pragma=True)
    enabled = dict(config.overrides)
    for requirement in drill.requirements:
        if isinstance(requirement, m.RuleAbsent):
            for code in requirement.params.codes:
                rule = get_rule(code)
                if rule is not None and rule.severity == "ignore" and rule.code not in enabled:
                    enabled[rule.code] = "info"
    if enabled == config.overrides:
        return config
    return replace(config, overrides=enabled)
