"""How the container will run: PD002 (no USER at all), PD006 (a shell as PID 1), PD011 (port 22),
PD014 (WORKDIR on a system directory)."""

from __future__ import annotations

from collections.abc import Iterator

from prepdeck.lint.model import Dockerfile, Instruction, Stage, Word
from prepdeck.lint.registry import Hit, RuleContext, rule
from prepdeck.lint.shell import SHELLS

# Bases whose default user is not root, so a missing USER is fine.
_NON_ROOT_MARKERS = ("nonroot", "nginx-unprivileged", "cgr.dev/chainguard/")
_INITS = frozenset({"tini", "dumb-init", "catatonit", "s6-svscan", "init", "docker-init"})


def _runs_as_non_root_by_default(stage: Stage) -> bool:
    base = stage.base
    while stage is not None and stage.base_stage is not None:
        stage = stage.base_stage
        base = stage.base
    if base is None:
        return False
    text = (base.resolved or base.text).lower()
    if any(marker in text for marker in _NON_ROOT_MARKERS):
        return True
    return "/ubi" in text and "openjdk" in text  # Red Hat's OpenJDK images run as uid 185


@rule(
    "PD002",
    severity="warning",
    title="The final stage never sets USER, so the container runs as root",
    origin="prepdeck",
    section="runtime-hardening",
    rationale="""
        Without a USER instruction the process runs as the image's default user, root (uid 0)
        for almost every base image. Root in a container is still root on the host's kernel:
        with a kernel or runtime escape, a writable host mount or an extra capability, it is
        the attacker's best starting point, and many clusters (Kubernetes `runAsNonRoot`,
        OpenShift) refuse such images. hadolint's DL3002 only catches an explicit `USER root`;
        forgetting USER altogether has the same effect. Create an unprivileged user, give it
        the files it writes (`COPY --chown`), and switch to it, preferably by numeric id.
    """,
    bad='FROM debian:12.5-slim\nCOPY app /usr/local/bin/app\nCMD ["app"]',
    good='FROM debian:12.5-slim\nCOPY app /usr/local/bin/app\nUSER 10001\nCMD ["app"]',
    fix="Add `USER <uid>` (e.g. `USER 10001`, or a distroless `:nonroot` base) near the end of the final stage.",
)
def check_no_user(dockerfile: Dockerfile, ctx: RuleContext) -> Iterator[Hit]:
    stage = dockerfile.final_stage
    if stage is None or stage.effective_user() is not None or _runs_as_non_root_by_default(stage):
        return
    anchor = stage.base.span if stage.base is not None else stage.from_instruction.keyword_span
    yield Hit(anchor, "the final stage never sets USER: the container will run as root")


def _process_instruction(stage: Stage) -> Instruction | None:
    """The instruction that decides PID 1: ENTRYPOINT if any, else CMD; None when an init runs first."""
    entrypoint = stage.last("ENTRYPOINT")
    if entrypoint is not None:
        if entrypoint.is_json:
            values = [word.value for word in entrypoint.exec_args]
            if values and values[0].rsplit("/", 1)[-1] in _INITS:
                return None
        return entrypoint
    return stage.last("CMD")


def _shell_as_pid1(instruction: Instruction) -> tuple[Word, str] | None:
    """(the word to point at, the program the shell runs) when a shell would be PID 1."""
    if not instruction.is_json:
        if not instruction.words or instruction.arguments.lstrip().startswith("["):
            return None  # nothing to run, or a broken JSON array (reported as a parse problem)
        first = instruction.words[0]
        return None if first.value == "exec" else (first, first.value)
    args = instruction.exec_args
    if len(args) >= 3 and args[0].value.rsplit("/", 1)[-1] in SHELLS and args[1].value == "-c":
        script = args[2].value.strip()
        program = script.split(None, 1)[0] if script else ""
        if program and program != "exec":
            return args[0], program
    return None


@rule(
    "PD006",
    severity="info",
    title="A shell becomes PID 1 and swallows SIGTERM",
    origin="prepdeck",
    section="pid1-signals",
    same_as=("DL3025",),
    rationale="""
        In shell form, `CMD node server.js` runs as `/bin/sh -c "node server.js"`: the shell is
        PID 1 and your program is its child. `docker stop` (and Kubernetes) send SIGTERM to PID
        1 only; the shell neither forwards it nor exits, so the program never gets the chance to
        finish requests and close connections. After the grace period (10 s by default) it is
        killed with SIGKILL. PID 1 also has no default signal handlers and must reap zombie
        children. The exec form `["sh", "-c", "node server.js"]` has the same problem, and
        hadolint does not see it. Use the exec form with the program itself so it is PID 1, end
        a wrapper script with `exec "$@"`, or put a tiny init (`docker run --init`, tini,
        dumb-init) in front. Shell-form CMD and ENTRYPOINT are DL3025's to report; this rule
        speaks for them only when DL3025 is ignored.
    """,
    bad="FROM node:20.11.1-slim\nCMD node server.js",
    good='FROM node:20.11.1-slim\nCMD ["node", "server.js"]',
    fix='Write `CMD ["program", "arg"]`; if a shell is needed, end the script with `exec program`, or use tini.',
)
def check_shell_pid1(dockerfile: Dockerfile, ctx: RuleContext) -> Iterator[Hit]:
    stage = dockerfile.final_stage
    if stage is None:
        return
    instruction = _process_instruction(stage)
    found = _shell_as_pid1(instruction) if instruction is not None else None
    if instruction is None or found is None:
        return  # exec form, an init in front, or a shell that `exec`s the program
    word, program = found
    shown = instruction.arguments.strip()[:40]
    yield Hit(
        word.span,
        f"`{instruction.keyword} {shown}` runs under a shell: the shell is PID 1 and SIGTERM never reaches `{program}`",
    )


@rule(
    "PD011",
    severity="warning",
    title="Do not expose SSH (port 22)",
    on=("EXPOSE",),
    origin="prepdeck",
    section="anti-patterns",
    rationale="""
        A container should run one service, and it is not a VM to log into. An SSH server adds a
        daemon, host keys and credentials to manage, and an open door. To look inside a running
        container use `docker exec` or `kubectl exec` (or `kubectl debug`), which go through the
        API with its authentication and audit log.
    """,
    bad="EXPOSE 22",
    good="EXPOSE 8080",
    fix="Remove port 22 and the SSH server; use `docker exec -it <container> sh` to debug.",
)
def check_ssh_port(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    for word in instruction.words:
        if word.value.split("/", 1)[0] == "22":
            yield Hit(word.span, "port 22 (SSH) is exposed: use `docker exec` instead of an SSH server")


_SYSTEM_DIRECTORIES = frozenset(
    {
        "/",
        "/bin",
        "/sbin",
        "/boot",
        "/dev",
        "/etc",
        "/lib",
        "/lib32",
        "/lib64",
        "/proc",
        "/sys",
        "/usr",
        "/usr/bin",
        "/usr/sbin",
        "/usr/lib",
        "/usr/local/bin",
        "/usr/local/sbin",
        "/var",
        "/run",
    }
)


@rule(
    "PD014",
    severity="warning",
    title="Do not use a system directory as WORKDIR",
    on=("WORKDIR",),
    origin="prepdeck",
    section="production-readiness",
    rationale="""
        WORKDIR is where `COPY . .` lands and where the application writes relative paths. On
        `/`, `/usr/bin` or `/etc` the application's files mix with the operating system's: a
        copied file can shadow a system binary or config, cleaning up becomes guesswork, and a
        read-only root filesystem becomes impossible to set up sensibly. Give the application
        its own folder, such as /app or /srv/app.
    """,
    bad="WORKDIR /usr/bin\nCOPY tool .",
    good="WORKDIR /app\nCOPY tool .",
    fix="Use a dedicated directory (`WORKDIR /app`).",
)
def check_system_workdir(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    path = instruction.arguments.strip().strip("\"'")
    normal = path.rstrip("/") or "/"
    if normal in _SYSTEM_DIRECTORIES:
        yield Hit(
            instruction.arguments_span or instruction.keyword_span,
            f"`{path}` is a system directory: give the application its own, e.g. /app",
        )
