"""What the container runs: PID 1's argv from ENTRYPOINT + CMD exactly as Docker builds it,
whether PID 1 passes signals on, and whether the healthcheck's program exists.

Docker's rules, as implemented here:
- argv = ENTRYPOINT + CMD; a shell-form instruction is `SHELL` (default `/bin/sh -c`) + its text;
- a shell-form ENTRYPOINT therefore ignores CMD and `docker run` arguments (they become `$0`...);
- a Dockerfile's ENTRYPOINT resets the CMD inherited from the base image;
- exec form runs argv[0] without a shell: `["python -m inventory"]` looks for a program whose
  name contains spaces, and cannot start.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from prepdeck.build.catalogue import same_program_path, shell_traits
from prepdeck.build.filesystem import Entry, elsewhere, is_under, normpath
from prepdeck.build.scripts import ScriptEnd, script_end, shebang_shell
from prepdeck.build.state import CommandSpec, StageBuild
from prepdeck.lint.shell import SHELLS

INITS = frozenset({"tini", "tini-static", "dumb-init", "catatonit", "s6-svscan"})
# Scripts of official images that end with `exec "$@"` (the program after them becomes PID 1).
EXEC_SCRIPTS = frozenset({"docker-entrypoint.sh"})
SWITCHERS = frozenset({"gosu", "su-exec"})
PACKAGE_RUNNERS = frozenset({"npm", "yarn", "pnpm", "npx"})
NO_OP = frozenset({"true", ":", "exit", "echo"})


@dataclass
class Process:
    """PID 1 and what it starts. `argv` as Docker execs it; `program` is the real workload's argv
    (after inits, `exec "$@"` scripts and `sh -c "exec ..."`); `problems` say why it cannot run or
    cannot get signals, each with the instruction at fault."""

    argv: tuple[str, ...]
    program: tuple[str, ...]
    pid1: str
    init: str | None = None
    signals: bool = True
    signal_problem: str = ""
    cannot_run: str = ""
    ignores_run_arguments: str = ""
    blamed: CommandSpec | None = None
    chain: list[str] = field(default_factory=list)
    skipped: str = ""  # commands after an `exec` that never run
    background: str = ""  # a job a PID 1 script leaves running with `&`
    unclear: str = ""  # why the model cannot tell what PID 1 ends up running


def argv_of(stage: StageBuild) -> tuple[str, ...]:
    entrypoint = stage.entrypoint.argv if stage.entrypoint is not None else ()
    if stage.entrypoint is not None and stage.entrypoint.shell_form:
        return entrypoint + (stage.cmd.argv if stage.cmd is not None else ())
    return entrypoint + (stage.cmd.argv if stage.cmd is not None else ())


def pid1(stage: StageBuild, run_arguments: tuple[str, ...] | None = None) -> Process:
    """PID 1 of a container of this stage (`run_arguments`: what `docker run IMAGE ...` passes)."""
    entrypoint = stage.entrypoint.argv if stage.entrypoint is not None else ()
    cmd = run_arguments if run_arguments is not None else (stage.cmd.argv if stage.cmd is not None else ())
    argv = entrypoint + cmd
    blamed = stage.entrypoint if stage.entrypoint is not None and stage.entrypoint.line else stage.cmd
    process = Process(argv=argv, program=argv, pid1=argv[0] if argv else "", blamed=blamed)
    if not argv:
        process.cannot_run = "the image has no ENTRYPOINT or CMD, so there is nothing to run"
        process.signals = False
        return process
    _follow(stage, process, list(argv), first=True)
    _shell_form_problems(stage, process, cmd_from_run=run_arguments is not None)
    return process


def _shell_form_problems(stage: StageBuild, process: Process, cmd_from_run: bool) -> None:
    """A shell-form instruction needs a shell in the image, and a shell-form CMD after an exec-form
    ENTRYPOINT only works when that ENTRYPOINT hands its arguments to a shell."""
    if process.cannot_run:
        return
    specs = [spec for spec in (stage.entrypoint, None if cmd_from_run else stage.cmd) if spec is not None]
    for spec in specs:
        if spec.shell_form and spec.line is not None:
            shell = program_available(stage, spec.argv[0])
            if shell.present is False:
                process.cannot_run = f"{spec.keyword} on line {spec.line} is in shell form, but {shell.how}"
                process.signals = False
                return
    entry, cmd = stage.entrypoint, stage.cmd
    if (
        cmd_from_run
        or entry is None
        or cmd is None
        or entry.shell_form
        or not cmd.shell_form
        or cmd.line is None
    ):
        return
    runner = process.program[0].rsplit("/", 1)[-1] if process.program else ""
    if not any(name in SHELLS for name in process.chain):
        process.cannot_run = (
            f"CMD on line {cmd.line} is in shell form, so Docker passes `{' '.join(cmd.argv[:2])} ...` as arguments to "
            f"ENTRYPOINT's {runner or 'program'}, which does not run them as a command"
        )
        process.signals = False


def _follow(stage: StageBuild, process: Process, argv: list[str], first: bool) -> None:
    while argv:
        program = argv[0]
        name = program.rsplit("/", 1)[-1]
        process.chain.append(name)
        if " " in program.strip():
            process.cannot_run = (
                f"`{program}` is one JSON item, so Docker looks for a program with that whole name "
                "(spaces included) and the container cannot start; give each word its own item"
            )
            process.signals = False
            process.program = tuple(argv)
            return
        script = _script_file(stage, program)
        if script is not None and not _executable(stage, script):
            process.cannot_run = (
                f"{script.path} has mode {script.mode or 0:04o} ({script.origin}): it is not executable, so the "
                "container cannot start (permission denied); COPY --chmod=0755 or chmod +x it"
            )
            process.signals = False
            process.program = tuple(argv)
            return
        if name in INITS:
            process.init = process.init or name
            rest = argv[1:]
            while rest and rest[0].startswith("-") and rest[0] != "--":
                rest = rest[1:]
            argv = rest[1:] if rest[:1] == ["--"] else rest
            first = False
            continue
        if script is not None:
            shell = shebang_shell(script.content or "")
            if shell is not None and script.content is not None:
                body = script.content.partition("\n")[2]  # the #! line is a comment to the shell
                end = script_end(body, argv[1:], stage.env)
                _after_script(stage, process, f"{program} (a {shell.rsplit('/', 1)[-1]} script)", end, first)
                return
        if name in EXEC_SCRIPTS:
            argv = argv[1:]
            if argv and argv[0].startswith("-"):
                argv = ["node", *argv]
            continue
        if name in SWITCHERS:
            argv = argv[2:]
            continue
        command_index = command_option(argv) if name in SHELLS else None
        if command_index is not None:
            # `bash -o pipefail -c "..."` (a SHELL with options) runs its script like `bash -c`
            _shell(stage, process, [argv[0], *argv[command_index:]], first)
            return
        if name in SHELLS and len(argv) >= 2 and not argv[1].startswith("-"):
            script_file = _script_file(stage, argv[1] if "/" in argv[1] else f"./{argv[1]}")
            if script_file is not None and script_file.content is not None:
                # `sh script.sh args`: the shell reads the file; no execute bit is needed
                body = (
                    script_file.content.partition("\n")[2]
                    if script_file.content.startswith("#!")
                    else script_file.content
                )
                end = script_end(body, argv[2:], stage.env)
                _after_script(stage, process, f"{program} {argv[1]}", end, first)
                return
        if name in SHELLS:
            process.program = tuple(argv)
            if first:
                process.signals = False
                process.signal_problem = f"PID 1 is {program}, an interactive shell, not the service"
            return
        process.program = tuple(argv)
        missing = _missing_script_argument(stage, argv)
        if missing:
            process.cannot_run = missing
            process.signals = False
            return
        if name in PACKAGE_RUNNERS and first and process.init is None:
            process.signals = False
            process.signal_problem = (
                f"PID 1 is {name}, which runs the app as its child and does not pass SIGTERM on reliably"
            )
        elif name in PACKAGE_RUNNERS and process.signals:
            process.signal_problem = f"{name} starts the app as its child"
        return


def command_option(argv: list[str]) -> int | None:
    """The index of `-c` in `sh [options] -c SCRIPT ...` (`-o pipefail`, `-e`, `-eu`, `-euo pipefail`,
    `-ec`...), or None."""
    index = 1
    while index < len(argv) - 1:
        word = argv[index]
        if word == "-c":
            return index
        if word[:1] not in ("-", "+") or word.startswith("--"):
            return None
        letters = word[1:]
        if "c" in letters and "o" not in letters:
            return index  # `-ec SCRIPT`: the script is the word after the bundle
        index += 2 if letters.endswith("o") else 1
    return None


def _shell(stage: StageBuild, process: Process, argv: list[str], first: bool) -> None:
    shell, script, extra = argv[0], argv[2], argv[3:]
    uses_args = any(marker in script for marker in ('"$@"', "$@", "$*", "$1"))
    if extra and not uses_args:
        process.ignores_run_arguments = (
            f"`{shell} -c` runs only its script `{script}`; the arguments after it ({' '.join(extra)}) become "
            "$0 and $1... and the script never reads them"
        )
    end = script_end(script, extra[1:], stage.env)
    traits = shell_traits(shell, stage.base)
    if end.execs is None and not end.unclear and end.last_is_tail and end.last:
        if traits.execs_last_command:
            # busybox ash and bash replace themselves with the last command of `-c`: it becomes PID 1
            end = replace(end, execs=end.last)
        elif traits.execs_last_command is None:
            end = replace(
                end,
                unclear=f"whether {shell} replaces itself with `{' '.join(end.last)}` depends on which shell "
                f"it is, and I do not know {stage.base_reference or 'the base image'}",
            )
    label = shell
    if traits.kind and shell.rsplit("/", 1)[-1] == "sh":
        label = f"{shell} ({traits.kind} in {stage.base_reference or 'the base image'})"
    _after_script(stage, process, label, end, first)


def _after_script(stage: StageBuild, process: Process, shell: str, end: ScriptEnd, first: bool) -> None:
    """PID 1 is a shell running a script: the program it execs takes its place; otherwise the
    shell stays PID 1, waits for its last command and passes no signal on."""
    if end.unclear:
        process.unclear = end.unclear
        process.program = end.last
        return
    if end.background:
        process.background = end.background
    if end.execs is not None:
        process.skipped = end.skipped
        _follow(stage, process, list(end.execs), first)
        return
    process.program = end.last
    target = process.program[0].rsplit("/", 1)[-1] if process.program else "the command"
    process.signals = False
    if first and process.init is None:
        process.signal_problem = f"PID 1 is {shell}, which does not pass SIGTERM on to {target}"
    else:
        process.signal_problem = (
            f"{process.init or 'PID 1'} passes SIGTERM to {shell}, which does not pass it on to {target}"
        )


# Options after which the interpreter runs no script file; and node's options that take a value.
NO_SCRIPT_OPTIONS = {"-m", "-c", "-e", "--eval", "-p", "--print", "-W", "-X", "-r", "--require", "--import"}


def _script_argument(argv: list[str]) -> str | None:
    """The script file `python [options] FILE` or `node [options] FILE` runs, or None."""
    for word in argv[1:]:
        if word in NO_SCRIPT_OPTIONS or word.partition("=")[0] in NO_SCRIPT_OPTIONS:
            return None
        if not word.startswith("-"):
            return word
    return None


def _missing_script_argument(stage: StageBuild, argv: list[str]) -> str:
    """`node server.js` or `python app.py` when the build context is known and nothing puts that
    file in the image: the program starts and exits at once. '' when it is there or cannot be told."""
    name = argv[0].rsplit("/", 1)[-1]
    kind = "python" if name.startswith("python") else name
    script = _script_argument(argv) if kind in ("python", "node") else None
    if script is None or "$" in script:
        return ""
    if not stage.context_declared or stage.unknowns or stage.base is None:
        return ""  # the file may come from a context, a command or an image the model cannot list
    path = normpath(script, stage.workdir)
    # node finds `dist/server` as dist/server.js or dist/server/index.js
    candidates = (
        [path] if kind == "python" else [path, f"{path}.js", f"{path}.mjs", f"{path}.cjs", f"{path}/index.js"]
    )
    for candidate in candidates:
        if stage.fs.get(candidate) is not None:
            return ""
        if any(e.opaque and is_under(candidate, e.path) for e in stage.fs.entries.values()):
            return ""
    problem = f"{kind} cannot find {path}: nothing in the Dockerfile puts that file in the final image, so the container exits at once"
    if script.rsplit("/", 1)[-1].startswith(kind):
        problem += f"; the ENTRYPOINT already runs {kind}, so CMD should hold only its arguments"
    return problem


DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def _script_file(stage: StageBuild, program: str) -> Entry | None:
    """The file the build put in the image that Docker runs for `program` (a path, or a name
    looked up on PATH), when the model knows it."""
    if "/" in program:
        entry = stage.fs.get(normpath(program, stage.workdir))
        return entry if entry is not None and entry.kind == "file" else None
    path = stage.env.get("PATH") or DEFAULT_PATH
    for folder in path.split(":"):
        if folder.startswith("/"):
            entry = stage.fs.get(normpath(f"{folder}/{program}"))
            if entry is not None and entry.kind == "file":
                return entry
    return None


def _executable(stage: StageBuild, entry: Entry) -> bool:
    """False only when the file's mode is known and the run-time user has no execute bit on it."""
    if entry.mode is None or not entry.mode_declared:
        return True
    uid, gid = stage.uid(), stage.gid()
    if entry.mode & 0o001 or (uid == 0 and entry.mode & 0o111):
        return True
    if uid is None or uid < 0 or entry.uid is None:
        return bool(entry.mode & 0o111)
    if entry.uid == uid:
        return bool(entry.mode & 0o100)
    if gid is not None and entry.gid == gid:
        return bool(entry.mode & 0o010)
    return False


@dataclass(frozen=True)
class Availability:
    present: bool | None  # None: cannot tell
    how: str


def program_available(stage: StageBuild, program: str) -> Availability:
    """Is `program` (a name or an absolute path) in the image, and how do we know?"""
    name = program.rsplit("/", 1)[-1]
    base = stage.base_reference or "the base image"
    if "/" in program:
        path = normpath(program, stage.workdir)
        entry = stage.fs.get(path)
        if entry is not None:
            return Availability(True, f"{path} is added on line {entry.line}")
        folder = next((e for e in stage.fs.entries.values() if e.opaque and is_under(path, e.path)), None)
        if folder is not None:
            return Availability(None, f"{folder.origin} puts files in {folder.path} that I cannot list")
    installed = stage.programs.get(name)
    if installed is not None:
        if "/" in program:
            same = same_program_path(normpath(program, stage.workdir), installed[0], stage.base)
            if not same:
                where = f"{name} is installed on line {installed[1]} at {installed[0]}, not at {program}"
                if same is None:
                    return Availability(None, f"{where}, and I cannot tell whether {base} merges /usr")
                return Availability(False, where)
        return Availability(True, f"{name} is installed on line {installed[1]}")
    if stage.base is not None and stage.base.has_program(name):
        return Availability(True, f"{base} has {name}")
    guess = next((u for u in stage.unknowns if name in u.text), None)
    if guess is not None:
        return Availability(
            None, f"line {guess.line} runs `{guess.program}`, which I cannot follow, and it names {name}"
        )
    if stage.base is None and base != "scratch":
        unknown = f"{base} is not in the image catalogue, so I cannot tell whether it has {name}"
        return Availability(None, unknown)
    if "/" in program:
        path = normpath(program, stage.workdir)
        return Availability(
            False,
            f"{base} has no {path}, and nothing in the Dockerfile installs or puts it there{elsewhere(stage.fs, path)}",
        )
    return Availability(False, f"{base} has no {name}, and nothing in the Dockerfile installs it")
