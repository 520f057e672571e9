"""v2 checks on how the build runs: the cache, cache mounts, build-argument scope, step order."""

from __future__ import annotations

from collections.abc import Iterable

from prepdeck.build.cache import reruns
from prepdeck.build.filesystem import Entry, normpath
from prepdeck.build.ignore import DockerIgnore
from prepdeck.build.state import PackageStep, StageBuild
from prepdeck.content import model as m
from prepdeck.drills.model_common import final_or_verdict, line_span, run_matches, run_text
from prepdeck.drills.outcome import Verdict
from prepdeck.drills.subject import Subject, stage_chain
from prepdeck.lint.model import Instruction

# Where each tool keeps its download cache by default (besides what its variables say).
CACHE_DIRS = {
    "apt": ("/var/cache/apt", "/var/lib/apt"),
    "apk": ("/var/cache/apk", "/etc/apk/cache"),
    "go": ("/go/pkg/mod", "/root/.cache/go-build"),
    "yarn": ("/usr/local/share/.cache/yarn", "/root/.cache/yarn"),
}
TOOL_STEPS = {
    "pip": ("pip", ("install",)),
    "npm": ("npm", ("ci", "install")),
    "yarn": ("yarn", ("install",)),
    "go": ("go", ("build", "download")),
    "apt": ("apt", ("install",)),
    "apk": ("apk", ("install",)),
}


def _shipped_runs(subject: Subject, piece: str) -> list[Instruction]:
    stages = {stage.index for stage in subject.build.shipped_stages()}
    return [
        step.instruction
        for step in subject.build.steps
        if step.stage in stages
        and step.instruction.keyword == "RUN"
        and run_matches(run_text(step.instruction), piece)
    ]


def _example_path(subject: Subject, changed: str) -> list[str]:
    """Context files that match `changed`: the declared ones, else one made up from the glob."""
    matcher = DockerIgnore(changed)
    context = subject.build.context
    if context.declared:
        return [path for path in context.files if matcher.excludes(path)]
    return [changed.replace("**", "x").replace("*", "x").replace("?", "x")]


def unchanged_steps_when(requirement: m.UnchangedStepsWhen, subject: Subject) -> Verdict:
    final, verdict = final_or_verdict(subject)
    if final is None:
        return verdict  # type: ignore[return-value]
    params = requirement.params
    targets = _shipped_runs(subject, params.must_not_rerun)
    if not targets:
        return Verdict.fail(
            subject.missing_span(), f"no RUN in the build of the final image runs `{params.must_not_rerun}`"
        )
    for name in params.args:
        busted = _arg_before(targets, name)
        if busted is not None:
            arg, ins = busted
            return Verdict.fail(
                arg.head_span,
                f"a new {name} re-runs `{params.must_not_rerun}` (line {ins.line}): ARG {name} on line {arg.line} "
                f"comes before it, and every RUN after an ARG has its value in its environment; declare it after",
            )
    for path in _example_path(subject, params.changed):
        for rerun in reruns(subject.build, path):
            if rerun.instruction in targets:
                ins = rerun.instruction
                return Verdict.fail(
                    rerun.cause.head_span,
                    f"changing {path} re-runs `{params.must_not_rerun}` (line {ins.line}), because {rerun.why} first",
                )
    return Verdict.ok()


def _arg_before(targets: Iterable[Instruction], name: str) -> tuple[Instruction, Instruction] | None:
    """(the ARG, the RUN) when `ARG name` is declared in a RUN's stage (or a stage it is built on) before it."""
    for run in targets:
        if run.stage is None:
            continue
        for stage in stage_chain(run.stage):
            for ins in stage.instructions:
                if ins is run:
                    break
                if ins.keyword == "ARG" and any(pair.name == name for pair in ins.pairs):
                    return ins, run
    return None


def cache_mount_for(requirement: m.CacheMountFor, subject: Subject) -> Verdict:
    final, verdict = final_or_verdict(subject)
    if final is None:
        return verdict  # type: ignore[return-value]
    tool = requirement.params.tool
    manager, actions = TOOL_STEPS[tool]
    steps = [
        step
        for stage in subject.build.shipped_stages()
        for step in stage.packages
        if step.manager == manager and step.action in actions and step.instruction.stage is stage.stage
    ]
    if not steps:
        return Verdict.fail(subject.missing_span(), f"no RUN in the build runs {tool}")
    for step in steps:
        ins = step.instruction
        workdir = subject.build.stages[ins.stage.index].workdir if ins.stage is not None else "/"
        targets = {
            normpath(mount.target, workdir)
            for mount in ins.mounts
            if mount.type == "cache" and mount.target and not _read_only(mount.options)
        }
        expected = _cache_dirs(tool, step)
        if tool == "pip" and step.options.get("no_cache"):
            return Verdict.fail(
                line_span(subject, ins.line),
                f"pip runs with --no-cache-dir on line {ins.line}, so nothing is kept in a cache mount",
            )
        if expected is None:
            return Verdict.fail(
                line_span(subject, ins.line), f"{tool}'s cache is turned off on line {ins.line}"
            )
        if not targets & set(expected):
            read_only = [
                mount.target
                for mount in ins.mounts
                if mount.type == "cache"
                and mount.target
                and _read_only(mount.options)
                and normpath(mount.target, workdir) in expected
            ]
            if read_only:
                return Verdict.fail(
                    line_span(subject, ins.line),
                    f"the cache mount on {read_only[0]} (line {ins.line}) is read-only, so {tool} cannot keep anything in it",
                )
            where = " or ".join(expected)
            got = f" (it mounts {', '.join(sorted(targets))})" if targets else ""
            return Verdict.fail(
                line_span(subject, ins.line),
                f"{tool} on line {ins.line} keeps its cache in {where}, and no cache mount covers it{got}",
            )
    return Verdict.ok()


def _read_only(options: dict[str, str]) -> bool:
    """A cache mount with `ro`/`readonly`: the tool cannot write to it, so nothing is kept."""
    return any(options.get(key, "false").lower() not in ("false", "0") for key in ("ro", "readonly"))


def _cache_dirs(tool: str, step: PackageStep) -> tuple[str, ...] | None:
    if tool in ("pip", "npm"):
        folder = step.options.get("cache_dir")
        return (str(folder),) if folder else None
    return CACHE_DIRS[tool]


def arg_defined_where_used(requirement: m.ArgDefinedWhereUsed, subject: Subject) -> Verdict:
    final, verdict = final_or_verdict(subject)
    if final is None:
        return verdict  # type: ignore[return-value]
    names = set(requirement.params.names)
    build = subject.build
    for use in build.arg_uses:
        if use.declared or (names and use.name not in names):
            continue
        stage = build.stages[use.stage]
        return Verdict.fail(
            use.span,
            f"line {use.span.line} uses ${use.name}, but {stage.label()} never declares `ARG {use.name}`, so it is "
            "empty there (a global ARG reaches only FROM lines)",
        )
    for name in names:
        if not any(use.name == name for use in build.arg_uses):
            return Verdict.fail(subject.missing_span(), f"no instruction uses ${name}")
    return Verdict.ok()


def run_order(requirement: m.RunOrder, subject: Subject) -> Verdict:
    final, verdict = final_or_verdict(subject)
    if final is None:
        return verdict  # type: ignore[return-value]
    params = requirement.params
    firsts = _shipped_runs(subject, params.first)
    thens = _shipped_runs(subject, params.then)
    if not firsts:
        return Verdict.fail(
            subject.missing_span(), f"no RUN in the build of the final image runs `{params.first}`"
        )
    if not thens:
        if run_matches(params.then, "npm prune") and _ships_production_modules(final):
            built = _runs_without_dev(subject, firsts[0], params.first) if params.first_needs_dev else None
            return built or Verdict.ok()
        return Verdict.fail(
            subject.missing_span(), f"no RUN in the build of the final image runs `{params.then}`"
        )
    first, then = firsts[0], thens[0]
    if then.line < first.line or (
        then is first and _position(then, params.then) < _position(first, params.first)
    ):
        return Verdict.fail(
            then.head_span,
            f"`{params.then}` (line {then.line}) runs before `{params.first}` (line {first.line})",
        )
    if params.first_needs_dev:
        return _runs_without_dev(subject, first, params.first) or Verdict.ok()
    return Verdict.ok()


def _runs_without_dev(subject: Subject, ins: Instruction, piece: str) -> Verdict | None:
    """The npm script on `ins` runs where node_modules was installed without devDependencies."""
    for stage in subject.build.stages:
        for step in stage.packages:
            if step.line != ins.line or step.manager != "npm" or step.action != "run":
                continue
            modules = step.options.get("modules")
            if isinstance(modules, Entry) and modules.dev_dependencies is False:
                return Verdict.fail(
                    ins.head_span,
                    f"`{piece}` (line {ins.line}) finds node_modules without devDependencies "
                    f"({modules.origin}), so the compiler it needs is not installed",
                )
    return None


def _ships_production_modules(final: StageBuild) -> bool:
    """The final image's node_modules come from an install without devDependencies (`npm ci
    --omit=dev` in a stage of its own): the same result as pruning after the build."""
    modules = [entry for entry in final.fs.entries.values() if entry.dev_dependencies is not None]
    return bool(modules) and not any(entry.dev_dependencies for entry in modules)


def _position(ins: Instruction, piece: str) -> int:
    words = run_text(ins).split()
    wanted = piece.split()
    for index in range(len(words) - len(wanted) + 1):
        if words[index : index + len(wanted)] == wanted:
            return index
    return -1
