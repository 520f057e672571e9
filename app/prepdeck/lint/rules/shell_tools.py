"""What RUN scripts call: DL3001 (pointless interactive tools), DL3003 (cd), DL3004 (sudo),
DL3046 (useradd with a huge UID), DL3047 (noisy wget), DL4001 (curl and wget), DL4005 (ln to
/bin/sh) and DL4006 (pipes without pipefail)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from prepdeck.lint.model import Dockerfile, Instruction, Span, Stage
from prepdeck.lint.registry import Hit, RuleContext, rule
from prepdeck.lint.rules._commands import commands, flag_names, stage_runs
from prepdeck.lint.shell import Command, Script, inline_script, sets_pipefail, substitutions

_POINTLESS = frozenset(
    {"ssh", "vim", "shutdown", "service", "ps", "free", "top", "kill", "mount", "ifconfig"}
)


@rule(
    "DL3001",
    severity="info",
    title="Do not run interactive or host-management tools in RUN",
    on=("RUN",),
    programs=_POINTLESS,
    section="anti-patterns",
    rationale="""
        A RUN step executes once, at build time, in a throw-away container with no terminal and
        no running services. `service nginx start`, `ps`, `top`, `kill`, `mount` or `vim` either
        do nothing useful there or describe the build container, not the one that will run. A
        service started in RUN is gone when the step ends: the container's process is whatever
        ENTRYPOINT/CMD start. Editing files belongs in COPY or a scripted `sed`.
    """,
    bad="RUN service ssh start",
    good='CMD ["/usr/sbin/sshd", "-D"]',
    fix="Remove the command; start long-running processes from ENTRYPOINT/CMD, edit files with COPY or sed.",
)
def check_pointless_tools(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    for command in commands(instruction):
        if command.program in _POINTLESS and command.name is not None:
            yield Hit(command.name.span, f"`{command.program}` does nothing useful in a build step")


@rule(
    "DL3003",
    severity="warning",
    title="Use WORKDIR instead of cd",
    on=("RUN",),
    programs=("cd",),
    section="anti-patterns",
    rationale="""
        `cd` lasts only until the end of its RUN; the next instruction starts again in the
        WORKDIR. Scripts full of `cd /app && ...` are hard to read and easy to get wrong when a
        step is moved. WORKDIR sets the directory for every following RUN, COPY, CMD and
        ENTRYPOINT, creates it if needed, and documents where the image works.
    """,
    bad="RUN cd /usr/src/app && make",
    good="WORKDIR /usr/src/app\nRUN make",
    fix="Replace the `cd` with a WORKDIR instruction before the RUN (or use `make -C dir`, `git -C dir`).",
)
def check_cd(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    for command in commands(instruction):
        if command.program == "cd" and command.name is not None:
            yield Hit(command.name.span, "`cd` only lasts for this RUN: set the directory with WORKDIR")


@rule(
    "DL3004",
    severity="error",
    title="Do not use sudo",
    on=("RUN",),
    section="security-model",
    rationale="""
        Build steps already run as the current USER, root by default, so `sudo` adds nothing but
        a setuid binary and a sudoers policy to the image - a privilege-escalation path for
        anyone who gets a shell in the container, and unpredictable TTY and signal behaviour.
        Switch users with the USER instruction; at run time use `gosu`/`su-exec` if a script
        must drop privileges.
    """,
    bad="USER app\nRUN sudo apt-get update",
    good="USER root\nRUN apt-get update && rm -rf /var/lib/apt/lists/*\nUSER app",
    fix="Run the step before switching USER (or switch back with USER root, then drop again).",
)
def check_sudo(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    for command in commands(instruction):
        for word in (*command.wrappers, *command.words[:1]):
            if word.value.rsplit("/", 1)[-1] == "sudo":
                yield Hit(word.span, "`sudo` in a build step: use the USER instruction instead")
                break


@rule(
    "DL3046",
    severity="warning",
    title="useradd with a high UID needs -l",
    on=("RUN",),
    programs=("useradd",),
    section="runtime-hardening",
    rationale="""
        `useradd` records every user in /var/log/lastlog and /var/log/faillog, sparse files
        indexed by UID. With a UID such as 123456789 the files claim gigabytes, and layer
        tarballs do not keep them sparse: the image balloons. `-l` (`--no-log-init`) skips
        those logs; or pick a UID below 100000.
    """,
    bad="RUN useradd -u 123456789 -m app",
    good="RUN useradd -l -u 123456789 -m app",
    fix="Add `-l` (`--no-log-init`) to useradd, or use a smaller UID.",
)
def check_useradd_uid(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    for command in commands(instruction):
        if command.program != "useradd" or flag_names(command) & {"l", "no-log-init"}:
            continue
        args = command.args
        for position, word in enumerate(args):
            value = None
            if word.value in ("-u", "--uid") and position + 1 < len(args):
                value = args[position + 1]
            elif word.value.startswith("--uid="):
                value = word
            if value is not None:
                uid = value.value.split("=", 1)[-1]
                if len(uid) > 5:
                    yield Hit(value.span, f"UID {uid} without `-l` makes /var/log/lastlog and faillog huge")


@rule(
    "DL3047",
    severity="info",
    title="Quiet wget's progress output",
    on=("RUN",),
    programs=("wget",),
    section="logging",
    rationale="""
        wget's default progress bar redraws many times a second. In a build log with no
        terminal each redraw becomes a new line, so a large download floods the log with
        thousands of lines and hides the output that matters. `-q`, `-nv` or
        `--progress=dot:giga` keep the log readable.
    """,
    bad="RUN wget https://example.com/data.tar.gz",
    good="RUN wget --progress=dot:giga https://example.com/data.tar.gz",
    fix="Add `-q`, `-nv` or `--progress=dot:giga` to wget.",
)
def check_wget_progress(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    for command in commands(instruction):
        if command.program != "wget" or command.name is None:
            continue
        flags = flag_names(command)
        if flags & {"progress", "q", "quiet", "no-verbose", "o", "output-file", "a", "append-output"}:
            continue
        if any(word.value == "-nv" for word in command.args):
            continue
        yield Hit(
            command.name.span, "wget's progress bar floods the build log: add `-q` or `--progress=dot:giga`"
        )


def _download_words(instruction: Instruction) -> Iterator[tuple[str, Command]]:
    for command in commands(instruction):
        if command.program in ("curl", "wget"):
            yield command.program, command


@rule(
    "DL4001",
    severity="warning",
    title="Use either wget or curl, not both",
    section="build-optimisation",
    rationale="""
        curl and wget do the same job. Installing both doubles the tools (and their CVEs) in the
        image, and mixing them makes the scripts inconsistent. Pick one - curl is in most base
        images, BusyBox has a small wget - and use it everywhere in the stage.
    """,
    bad="FROM debian:12.5-slim\nRUN curl -fsSLo a.tgz https://example.com/a.tgz\nRUN wget -q https://example.com/b.tgz",
    good="FROM debian:12.5-slim\nRUN curl -fsSLo a.tgz https://example.com/a.tgz\nRUN curl -fsSLo b.tgz https://example.com/b.tgz",
    fix="Replace the wget calls with curl (or the other way round) and install only one of them.",
)
def check_curl_and_wget(dockerfile: Dockerfile, ctx: RuleContext) -> Iterator[Hit]:
    for stage in dockerfile.stages:
        seen: set[str] = set()
        for instruction in stage_runs(stage):
            found = list(_download_words(instruction))
            seen.update(program for program, _ in found)
            if found and len(seen) == 2:
                program, command = found[0]
                other = "wget" if program == "curl" else "curl"
                assert command.name is not None
                yield Hit(
                    command.name.span,
                    f"this stage uses both curl and wget: keep one (here `{program}`, elsewhere `{other}`)",
                )


@rule(
    "DL4005",
    severity="warning",
    title="Use SHELL to change the default shell",
    on=("RUN",),
    programs=("ln",),
    section="anti-patterns",
    rationale="""
        `ln -sf /bin/bash /bin/sh` swaps the shell under every script in the image, including
        those of system packages that expect a POSIX sh, and hides from readers which shell the
        RUN steps use. The SHELL instruction changes the shell of the following RUN, CMD and
        ENTRYPOINT steps only, in plain sight.
    """,
    bad="RUN ln -sf /bin/bash /bin/sh",
    good='SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
    fix="Remove the symlink and add a SHELL instruction.",
)
def check_ln_shell(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    for command in commands(instruction):
        if command.program != "ln":
            continue
        for word in command.args:
            if word.value == "/bin/sh":
                yield Hit(word.span, "replacing /bin/sh changes the shell of every script: use SHELL")


# Shells where a failing command in a pipeline would otherwise go unnoticed.
_NON_POSIX = ("pwsh", "powershell", "cmd")


def _shell_instruction_before(instruction: Instruction, ctx: RuleContext) -> Instruction | None:
    """The SHELL in force for a RUN: the last one before it in its stage or in the stages it builds on."""
    stage: Stage | None = instruction.stage if instruction.parent is None else instruction.parent.stage
    limit = (instruction.parent or instruction).index
    seen: set[int] = set()
    while stage is not None and stage.index not in seen:
        seen.add(stage.index)
        shells = ctx.once(f"shells:{stage.index}", partial(stage.instructions_of, "SHELL"))
        for candidate in reversed(shells):
            if candidate.index < limit:
                return candidate
        limit = stage.from_instruction.index
        stage = stage.base_stage
    return None


def _pipe_span(instruction: Instruction, ctx: RuleContext, before: Command, after: Command) -> Span:
    """The `|` between two commands, found in the source between them; the next command otherwise."""
    end = before.span
    start = after.span
    for line in range(end.end_line, start.line + 1):
        text = ctx.dockerfile.line_text(line)
        first = end.end_column - 1 if line == end.end_line else 0
        last = start.column - 1 if line == start.line else len(text)
        column = text.find("|", first, max(first, last))
        if column >= 0:
            return Span(line, column + 1, line, column + 2)
    return start if after.name is None else after.name.span


@rule(
    "DL4006",
    severity="warning",
    title="Set pipefail before using a pipe in RUN",
    on=("RUN",),
    section="build-cache",
    rationale="""
        A shell pipeline's exit status is the last command's. In
        `RUN curl -fsSL https://example.com/install.sh | sh` a failed download still lets the
        step succeed (sh happily runs an empty script), and the broken layer is cached as good.
        With `-o pipefail` the pipeline fails when any part fails. Set it once with
        `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (Alpine: `/bin/ash`; BusyBox sh supports it
        too), or start the script with `set -o pipefail`.
    """,
    bad="FROM debian:12.5-slim\nRUN curl -fsSL https://example.com/install.sh | sh",
    good='FROM debian:12.5-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/install.sh | bash',
    fix='Add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the RUN, or begin it with `set -o pipefail &&`.',
)
def check_pipefail(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    if instruction.is_json or not _may_pipe(instruction):
        return  # most RUNs have no pipe: skip the look-up of the SHELL in force
    shell = _shell_instruction_before(instruction, ctx)
    if shell is not None:
        values = [word.value for word in (shell.exec_args if shell.is_json else shell.words)]
        program = values[0].rsplit("/", 1)[-1].lower() if values else ""
        if program.startswith(_NON_POSIX) or sets_pipefail(values):
            return
    pipes = []
    for script in _scripts_within(instruction.script):
        commands_ = script.commands
        for position, command in enumerate(commands_[1:], 1):
            # `a | b`, or `{ a; b; } | tee f`, where only the command after the pipe knows of it
            if command.before in ("|", "|&") or commands_[position - 1].after in ("|", "|&"):
                pipes.append((commands_[position - 1], command))
                break
    if not pipes:
        return
    before, after = min(pipes, key=lambda pair: (pair[1].span.line, pair[1].span.column))
    for command in instruction.script.commands:
        values = [word.value for word in command.words]
        if values[:1] == ["set"] and sets_pipefail(values):
            if (command.span.line, command.span.column) < (after.span.line, after.span.column):
                return  # pipefail set inline before the first pipe
            break
    yield Hit(
        _pipe_span(instruction, ctx, before, after),
        "a failure before this pipe is ignored: set `-o pipefail`",
    )


def _may_pipe(instruction: Instruction) -> bool:
    return "|" in instruction.arguments or any("|" in heredoc.content for heredoc in instruction.heredocs)


def _scripts_within(script: Script, depth: int = 0) -> Iterator[Script]:
    """The script, then the scripts nested in it: `$(...)`, backticks and `sh -c '...'` strings.

    A pipeline inside `x="$(dpkg --print-architecture | awk ...)"` hides a failure as well as one
    on its own: under `set -e` the assignment takes the substitution's status, the last command's.
    """
    yield script
    if depth >= 8:
        return
    for command in script.commands:
        unwrapped = command.unwrap()
        inline = inline_script(unwrapped)
        # `bash -o pipefail -c "a | b"`: that inner shell already fails the pipe
        if inline is not None and not sets_pipefail([word.value for word in unwrapped.words[:-1]]):
            yield from _scripts_within(inline, depth + 1)
        words = [*command.assignments, *command.words]
        words.extend(redirect.target for redirect in command.redirects if redirect.target is not None)
        for word in words:
            for nested in substitutions(word):
                yield from _scripts_within(nested, depth + 1)
