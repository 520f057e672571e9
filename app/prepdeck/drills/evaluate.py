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

from prepdeck.build import BuildContext, ContextFile
from prepdeck.build.context import Archive
from prepdeck.content import model as m
from prepdeck.drills import (
    build_order,
    cache_checks,
    file_checks,
    image_checks,
    images,
    lint_checks,
    reach_checks,
    runtime_checks,
    secrets,
    structure,
)
from prepdeck.drills.model_common import line_span
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
    "stage_count": image_checks.stage_count,
    "final_base_matches": image_checks.final_base_matches,
    "runs_as_non_root": image_checks.runs_as_non_root,
    "pid1_handles_signals": runtime_checks.pid1_handles_signals,
    "argv_is": runtime_checks.argv_is,
    "cmd_is_overridable": runtime_checks.cmd_is_overridable,
    "healthcheck_probes": runtime_checks.healthcheck_probes,
    "image_has_file": file_checks.image_has_file,
    "image_lacks": file_checks.image_lacks,
    "no_secret_in_image": file_checks.no_secret_in_image,
    "program_available": image_checks.program_available_check,
    "unchanged_steps_when": cache_checks.unchanged_steps_when,
    "arg_defined_where_used": cache_checks.arg_defined_where_used,
    "cache_mount_for": cache_checks.cache_mount_for,
    "packages_installed": image_checks.packages_installed,
    "packages_absent": image_checks.packages_absent,
    "run_order": cache_checks.run_order,
    "binary_built": image_checks.binary_built,
    "no_rewritten_files": file_checks.no_rewritten_files,
    "runtime_cache_in": image_checks.runtime_cache_in,
    "no_dev_dependencies": reach_checks.no_dev_dependencies,
    "context_excludes": reach_checks.context_excludes,
    "module_importable": reach_checks.module_importable,
}

# Checks that read the text or the lint findings, not the model: a file whose build stops cannot
# meet them either (the model's checks say so themselves).
TEXT_CHECKS = frozenset(
    name
    for name, check in CHECKS.items()
    if check.__module__
    in {module.__name__ for module in (structure, images, build_order, secrets, lint_checks)}
)


def _build_stops(subject: Subject) -> Verdict | None:
    """A failed verdict when a RUN the final image needs stops the build."""
    if subject.build.final is None or subject.build.too_large is not None:
        return None
    for stage in subject.build.shipped_stages():
        if stage.failure is not None:
            line, why = stage.failure
            return Verdict.fail(line_span(subject, line), f"the build stops: {why}")
    return None


KEEP_DRILL_DOCKERIGNORE = object()  # check_drill's default: the .dockerignore the drill declares


def check_drill(
    drill: m.Drill,
    text: str | bytes,
    *,
    lint_config: LintConfig | None = None,
    path: str = "Dockerfile",
    dockerignore: str | object | None = KEEP_DRILL_DOCKERIGNORE,
) -> DrillResult:
    """Evaluate every requirement of `drill` on `text` (never raises on any text).

    `dockerignore`: the learner's `.dockerignore` text (None: no file), instead of the drill's own."""
    lint = lint_text(text, path=path, config=drill_lint_config(drill, lint_config))
    context = drill_context(drill)
    if dockerignore is not KEEP_DRILL_DOCKERIGNORE:
        context = context.with_dockerignore(dockerignore)  # type: ignore[arg-type]
    subject = Subject(
        text=lint.dockerfile.text, dockerfile=lint.dockerfile, findings=lint.findings, context=context
    )
    results = [evaluate_requirement(requirement, subject) for requirement in drill.requirements]
    return DrillResult(
        drill_id=drill.id, requirements=results, findings=lint.findings, dockerfile=lint.dockerfile
    )


def drill_context(drill: m.Drill) -> BuildContext:
    """The build context a drill declares (an unknown one when it declares none)."""
    declared = drill.context
    if declared is None:
        return BuildContext.unknown()
    archives = tuple(
        Archive(download.url, tuple(_context_file(item) for item in download.files))
        for download in declared.downloads
    )
    return BuildContext.of(
        [_context_file(item) for item in declared.files], declared.dockerignore, archives=archives
    )


def _context_file(item: str | m.ContextEntry) -> ContextFile:
    if isinstance(item, str):
        return ContextFile(item)
    mode = int(item.mode, 8) if item.mode else None
    return ContextFile(item.path, item.contents, mode, "the drill marks it secret" if item.secret else None)


def evaluate_requirement(requirement: m.RequirementBase, subject: Subject) -> RequirementResult:
    check_name = requirement.check  # type: ignore[attr-defined]
    try:
        verdict = CHECKS[check_name](requirement, subject)
    except RecursionError:
        verdict = Verdict.cannot_tell(subject.missing_span(), "the file is too deeply nested to model")
    if verdict.met and check_name in TEXT_CHECKS:
        verdict = _build_stops(subject) or verdict
    return RequirementResult(
        id=requirement.id,
        check=check_name,
        met=verdict.met,
        severity=requirement.severity,
        message=requirement.message,
        hint=requirement.hint,
        span=None if verdict.met else verdict.span,
        reason="" if verdict.met else verdict.reason,
        undecided=verdict.undecided and not verdict.met,
    )


def drill_lint_config(drill: m.Drill, base: LintConfig | None = None) -> LintConfig:
    """The lint settings a drill is judged with.

    Ignore pragmas in the learner's file are not honoured (`# hadolint ignore=DL3008` must not
    satisfy "DL3008 absent"), and a rule that is off by default (DL3057, no HEALTHCHECK) is switched
    on at `info` when a `rule_absent` requirement names it, since the author asked about it.
    """
    config = (base or LintConfig()).replace(disable_ignore_pragma=True)
    enabled = dict(config.overrides)
    for requirement in drill.requirements:
        if isinstance(requirement, m.RuleAbsent):
            for code in requirement.params.codes:
                rule = get_rule(code)
                if rule is not None and rule.severity == "ignore" and rule.code not in enabled:
                    enabled[rule.code] = "info"
    if enabled == config.overrides:
        return config
    return config.replace(overrides=enabled)
