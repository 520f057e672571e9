"""v2 checks on what the container runs: PID 1, its argv, run arguments, the healthcheck."""

from __future__ import annotations

from prepdeck.build.command_lines import difference, invocation
from prepdeck.build.filesystem import normpath
from prepdeck.build.probes import local_ports, operator_as_argument, status_ignored
from prepdeck.build.runtime import NO_OP, Process, pid1, program_available
from prepdeck.build.state import CommandSpec, StageBuild
from prepdeck.content import model as m
from prepdeck.drills.model_common import final_or_verdict, normalise_argv, show
from prepdeck.drills.outcome import Verdict
from prepdeck.drills.subject import Subject, quoted
from prepdeck.lint.model import Span
from prepdeck.lint.shell import SHELLS, parse_script

RUN_ARGUMENT = "migrate"  # what `docker run IMAGE migrate` passes, to see where it lands


def _span(subject: Subject, spec: CommandSpec | None) -> Span:
    return spec.span if spec is not None and spec.span is not None else subject.missing_span()


def _blame(subject: Subject, final: StageBuild, process: Process) -> Span:
    spec = final.entrypoint if final.entrypoint is not None and final.entrypoint.line else final.cmd
    return _span(subject, spec or process.blamed)


def _where(final: StageBuild) -> str:
    parts = []
    for spec in (final.entrypoint, final.cmd):
        if spec is None:
            continue
        place = f"line {spec.line}" if spec.line else "the base image"
        # shell form as written (`python -m api`), not as a one-item JSON array, which reads as exec form
        shown = f"{quoted(spec.argv[-1], 80)} in shell form" if spec.shell_form else show(spec.argv)
        parts.append(f"{spec.keyword} {shown} ({place})")
    return " + ".join(parts) if parts else "nothing"


def _init_problem(final: StageBuild, process: Process) -> tuple[bool | None, str]:
    """Is the init PID 1 names really in the image?"""
    init_word = next(
        (word for word in process.argv if word.rsplit("/", 1)[-1] == process.init), process.init or ""
    )
    found = program_available(final, init_word)
    if found.present:
        return True, ""
    return found.present, f"{_where(final)} runs {init_word}, but {found.how}"


def pid1_handles_signals(requirement: m.Pid1HandlesSignals, subject: Subject) -> Verdict:
    final, verdict = final_or_verdict(subject)
    if final is None:
        return verdict  # type: ignore[return-value]
    process = pid1(final)
    span = _blame(subject, final, process)
    if process.cannot_run:
        return Verdict.fail(span, process.cannot_run)
    if process.unclear:
        return Verdict.cannot_tell(span, f"{process.unclear} ({_where(final)})")
    if process.init is not None:
        present, problem = _init_problem(final, process)
        if present is None:
            return Verdict.cannot_tell(span, problem)
        if not present:
            return Verdict.fail(span, problem)
    if not process.signals:
        return Verdict.fail(span, f"{process.signal_problem} ({_where(final)})")
    if process.background:
        return Verdict.fail(
            span,
            f"`{process.background} &` runs in the background ({_where(final)}): the program after it starts before "
            "it ends, and the exec'd program, now PID 1, never waits for that child",
        )
    if requirement.params.init and process.init is None:
        name = process.program[0].rsplit("/", 1)[-1] if process.program else "the app"
        return Verdict.fail(
            span,
            f"PID 1 is {name} itself ({_where(final)}): nothing reaps zombie processes or forwards signals for it; "
            "put an init such as tini in front",
        )
    if requirement.params.init and process.program:
        # The init must outlive a replaced command (`docker run IMAGE node other.js`, a pod's `args:`).
        overridden = pid1(final, run_arguments=tuple(process.program))
        if overridden.init is None and not overridden.cannot_run:
            cmd = final.cmd
            return Verdict.fail(
                _span(subject, cmd),
                f"{process.init} is started by CMD{f' on line {cmd.line}' if cmd and cmd.line else ''}, which "
                f"`docker run IMAGE {' '.join(process.program)}` (or a pod's `args:`) replaces: then "
                f"{process.program[0].rsplit('/', 1)[-1]} is PID 1 again; put {process.init} in ENTRYPOINT",
            )
    return Verdict.ok()


def argv_is(requirement: m.ArgvIs, subject: Subject) -> Verdict:
    final, verdict = final_or_verdict(subject)
    if final is None:
        return verdict  # type: ignore[return-value]
    params = requirement.params
    process = pid1(final)
    span = _blame(subject, final, process)
    if process.cannot_run:
        return Verdict.fail(span, process.cannot_run)
    if process.unclear:
        return Verdict.cannot_tell(span, f"{process.unclear} ({_where(final)})")
    if params.program is not None:
        why = _program_difference(final, process.program, params.program)
        if why is not None:
            extra = f": {why}" if why else ""
            if process.ignores_run_arguments:
                extra += f"; {process.ignores_run_arguments}"
            if process.skipped:
                extra += f"; `exec` replaces the shell, so `{process.skipped}` after it never runs"
            return Verdict.fail(
                span,
                f"the container runs {show(process.program)} ({_where(final)}), not {show(params.program)}{extra}",
            )
    if params.entrypoint is not None:
        entry = final.entrypoint
        if entry is None or entry.line is None:
            return Verdict.fail(
                subject.missing_span(),
                f"the final stage sets no ENTRYPOINT; it should be {show(params.entrypoint)}",
            )
        if entry.shell_form:
            return Verdict.fail(
                _span(subject, entry),
                f"ENTRYPOINT on line {entry.line} is in shell form, so Docker runs `{' '.join(entry.argv[:2])} ...` and "
                "ignores CMD and any `docker run` arguments",
            )
        fixed = pid1(final, run_arguments=())
        if fixed.cannot_run:
            return Verdict.fail(_span(subject, entry), fixed.cannot_run)
        if fixed.ignores_run_arguments:
            return Verdict.fail(_span(subject, entry), fixed.ignores_run_arguments)
        if normalise_argv(fixed.program) != normalise_argv(params.entrypoint):
            return Verdict.fail(
                _span(subject, entry),
                f"ENTRYPOINT on line {entry.line} runs {show(fixed.program)}, not {show(params.entrypoint)}",
            )
    if params.cmd is not None:
        cmd = final.cmd
        if cmd is None or cmd.line is None:
            return Verdict.fail(
                subject.missing_span(), f"the final stage sets no CMD; it should be {show(params.cmd)}"
            )
        if cmd.shell_form:
            return Verdict.fail(
                _span(subject, cmd),
                f"CMD on line {cmd.line} is in shell form, so its arguments are {show(cmd.argv)}, not {show(params.cmd)}",
            )
        want = normalise_argv(["x", *params.cmd])[1:]
        if normalise_argv(["x", *cmd.argv])[1:] != want:
            return Verdict.fail(
                _span(subject, cmd), f"CMD on line {cmd.line} is {show(cmd.argv)}, not {show(params.cmd)}"
            )
    return Verdict.ok()


def _program_difference(final: StageBuild, got: tuple[str, ...], want: list[str]) -> str | None:
    """None when the container runs what the requirement asks for; else why not ('' when the
    argvs differ and the program has no spec to say more). A program in command_lines.yaml is
    compared by meaning (aliases, option order, `python -m gunicorn`, what it reads from ENV);
    any other word for word."""
    env = {name: value for name, value in final.env.items()}
    mine = invocation(got, env, final.workdir)
    wanted = invocation(want, env, final.workdir)
    if mine is not None and wanted is not None:
        why = difference(mine, wanted)
        return why or None
    return None if normalise_argv(got) == normalise_argv(want) else ""


def cmd_is_overridable(requirement: m.CmdIsOverridable, subject: Subject) -> Verdict:
    final, verdict = final_or_verdict(subject)
    if final is None:
        return verdict  # type: ignore[return-value]
    entry = final.entrypoint
    if entry is None:
        return Verdict.fail(
            _span(subject, final.cmd),
            f"there is no ENTRYPOINT, so `docker run IMAGE {RUN_ARGUMENT}` replaces the whole command and runs "
            f"a program called {RUN_ARGUMENT}",
        )
    if entry.shell_form:
        return Verdict.fail(
            _span(subject, entry),
            f"ENTRYPOINT on line {entry.line} is in shell form, so `docker run IMAGE {RUN_ARGUMENT}` passes "
            f"{RUN_ARGUMENT} to /bin/sh as $0 and the program never sees it",
        )
    process = pid1(final, run_arguments=(RUN_ARGUMENT,))
    if process.cannot_run:
        return Verdict.fail(_span(subject, entry), process.cannot_run)
    if process.ignores_run_arguments or RUN_ARGUMENT not in process.program:
        reason = process.ignores_run_arguments or f"the program it runs is {show(process.program)}"
        return Verdict.fail(
            _span(subject, entry), f"`docker run IMAGE {RUN_ARGUMENT}` never reaches the program: {reason}"
        )
    if process.program[-1:] != (RUN_ARGUMENT,) or len(process.program) < 2:
        return Verdict.fail(
            _span(subject, entry), f"`docker run IMAGE {RUN_ARGUMENT}` runs {show(process.program)}"
        )
    return Verdict.ok()


def healthcheck_probes(requirement: m.HealthcheckProbes, subject: Subject) -> Verdict:
    final, verdict = final_or_verdict(subject)
    if final is None:
        return verdict  # type: ignore[return-value]
    check = final.healthcheck
    if check is None:
        return Verdict.fail(subject.missing_span(), "the final image has no HEALTHCHECK")
    if check.command is None:
        return Verdict.fail(check.span, f"HEALTHCHECK NONE on line {check.line} turns the check off")
    spec = check.command
    span = spec.span or check.span
    argv = list(spec.argv)
    if spec.shell_form:
        shell = argv[0]
        has_shell = program_available(final, shell)
        if not has_shell.present:
            reason = f"the shell-form HEALTHCHECK on line {check.line} needs {shell}, but {has_shell.how}"
            return (
                Verdict.cannot_tell(span, reason) if has_shell.present is None else Verdict.fail(span, reason)
            )
    swallowed = _status_swallowed(argv)
    if swallowed:
        return Verdict.fail(
            span,
            f"the HEALTHCHECK on line {check.line} ends with `{swallowed}`, so it exits 0 even when the probe "
            "fails and the container is always healthy",
        )
    words = _probe_words(argv)
    if not words:
        return Verdict.fail(span, f"the HEALTHCHECK on line {check.line} runs nothing")
    program = words[0]
    name = program.rsplit("/", 1)[-1]
    if name in NO_OP or words == ["exit", "0"]:
        return Verdict.fail(
            span,
            f"`{' '.join(words)}` always succeeds, so the HEALTHCHECK on line {check.line} never probes the service",
        )
    found = program_available(final, program)
    if found.present is None:
        return Verdict.cannot_tell(span, f"the HEALTHCHECK on line {check.line} runs {name}, and {found.how}")
    if not found.present:
        return Verdict.fail(span, f"the HEALTHCHECK on line {check.line} runs {name}, but {found.how}")
    operator = operator_as_argument(argv, spec.shell_form)
    if operator:
        return Verdict.fail(
            span,
            f"the HEALTHCHECK on line {check.line} is in exec form, so `{operator}` is an argument to {name}, not "
            "shell syntax, and the probe does not do what it says; drop it (the exit status already counts) or "
            'use `CMD ["sh", "-c", "..."]`',
        )
    ignored = status_ignored(words)
    if ignored:
        return Verdict.fail(span, f"the HEALTHCHECK on line {check.line} never fails on an error: {ignored}")
    params = requirement.params
    probe_text = " ".join(spec.argv) + _script_text(final, words)
    called = local_ports(probe_text)
    serving, how = _service_ports(final, params.port)
    if called and serving and not set(called) & set(serving):
        return Verdict.fail(
            span,
            f"the HEALTHCHECK on line {check.line} calls port {called[0]}, but the service listens on "
            f"{', '.join(map(str, serving))} ({how}), so the container never turns healthy",
        )
    if params.path and params.path not in probe_text:
        return Verdict.fail(span, f"the HEALTHCHECK on line {check.line} never calls {params.path}")
    if params.start_period and "start-period" not in check.options:
        return Verdict.fail(check.span, f"the HEALTHCHECK on line {check.line} has no --start-period")
    return Verdict.ok()


def _service_ports(final: StageBuild, drill_port: int | None) -> tuple[list[int], str]:
    """The ports the container's service listens on, and how I know: its command line (gunicorn's
    --bind, uvicorn's --port and their defaults), else the drill's word, else EXPOSE."""
    process = pid1(final)
    found = invocation(process.program, dict(final.env), final.workdir) if process.program else None
    if found is not None and found.ports():
        return found.ports(), f"{found.program} {found.listens_on}"
    if drill_port is not None:
        return [drill_port], "the service's port, as the task says"
    exposed = [int(port.partition("/")[0]) for port, _ in final.exposed if port.partition("/")[0].isdigit()]
    if exposed:
        return exposed, f"EXPOSE on line {final.exposed[0][1]}"
    return [], ""


def _script_text(final: StageBuild, words: list[str]) -> str:
    """The text of scripts the probe runs, when the build wrote them (a COPY heredoc, echo > file)."""
    texts = []
    for word in words:
        entry = final.fs.get(normpath(word, final.workdir)) if "/" in word or "." in word else None
        if entry is not None and entry.content:
            texts.append(entry.content)
    return "\n".join(texts)


def _status_swallowed(argv: list[str]) -> str:
    """`probe || true`, `probe; exit 0`: a shell probe whose last command always succeeds. Returns
    that command ('' when the probe's own status decides)."""
    if len(argv) < 3 or argv[0].rsplit("/", 1)[-1] not in SHELLS or argv[1] != "-c":
        return ""
    commands = [command for command in parse_script(argv[2]).commands if command.words]
    if len(commands) < 2:
        return ""
    last = commands[-1]
    words = [word.value for word in last.words]
    always = words[0] in ("true", ":") or words in (["exit", "0"], ["exit"])
    if always and last.before in ("||", ";", "\n") and last.depth == 0:
        joined = "|| " if last.before == "||" else "; "
        return joined + " ".join(words)
    return ""


def _probe_words(argv: list[str]) -> list[str]:
    """The probe's own program and arguments, looking through `sh -c "..."`."""
    if len(argv) >= 3 and argv[0].rsplit("/", 1)[-1] in SHELLS and argv[1] == "-c":
        commands = [command for command in parse_script(argv[2]).commands if command.words]
        if not commands:
            return []
        first = commands[0].unwrap()
        return [word.value for word in first.words]
    return argv
