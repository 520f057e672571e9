"""Rules about instructions other than RUN: WORKDIR, USER, COPY/ADD, EXPOSE, CMD/ENTRYPOINT,
HEALTHCHECK, ENV, LABEL, ONBUILD, MAINTAINER, and the inline-pragma rule."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from prepdeck.lint.model import Dockerfile, Instruction, Span, Stage, Word
from prepdeck.lint.registry import Hit, RuleContext, rule
from prepdeck.lint.shell import Command

# Kept as pattern strings: `re` compiles each on first use (and caches it), not on every start
# of `prepdeck lint FILE` (3.5 ms of regex compiling for files that mostly never need them).
_WINDOWS_PATH = r"^[A-Za-z]:[\\/]"


def _is_absolute(path: str) -> bool:
    """Absolute, Windows-absolute, or decided at build time (a variable)."""
    path = path.strip("\"'")
    return path.startswith(("/", "$")) or bool(re.match(_WINDOWS_PATH, path))


@rule(
    "DL3000",
    severity="error",
    buildkit_name="WorkdirRelativePath",
    title="Use an absolute WORKDIR",
    rationale="A relative WORKDIR is resolved against whatever the previous WORKDIR was, possibly "
    "one set by the base image, so the same line lands in different folders on different bases. "
    "An absolute path says exactly where the following commands run.",
    bad="WORKDIR app",
    good="WORKDIR /app",
    fix="Start the path with `/` (e.g. `/app`, or `$HOME/app` with a variable you define).",
    on=("WORKDIR",),
    section="dockerfile-instructions",
)
def relative_workdir(ins: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    path = ins.arguments
    if path and not _is_absolute(path):
        yield Hit(
            ins.arguments_span or ins.keyword_span,
            f"`{path}` is relative; write an absolute path such as `/{path.lstrip('./~')}`",
        )


_ROOT_USERS = frozenset({"root", "0"})


@rule(
    "DL3002",
    severity="warning",
    title="The final image should not run as root",
    rationale="A process running as root in a container is root on the container's filesystem and, "
    "with a kernel or runtime escape, close to root on the host. Switching to an unprivileged user "
    "at the end limits what an exploited app can do. Build stages may stay root: they are not "
    "shipped (hadolint also flags them; we only flag the image that runs).",
    bad='FROM node:22-slim\nUSER root\nCMD ["node", "server.js"]',
    good='FROM node:22-slim\nUSER node\nCMD ["node", "server.js"]',
    fix="Make the last USER of the final stage an unprivileged user (create one with useradd if needed).",
    on=("USER",),
    section="runtime-hardening",
)
def last_user_root(ins: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    final = ctx.dockerfile.final_stage
    if final is None or ins.stage is not final or ins.parent is not None or final.user is not ins:
        return
    user = ins.arguments.split(":", 1)[0].strip()
    if user in _ROOT_USERS:
        yield Hit(
            ins.arguments_span or ins.keyword_span,
            "the final stage's last USER is root, so the container runs as root",
        )


_ARCHIVE_SUFFIXES = (
    ".tar",
    ".tar.gz",
    ".tgz",
    ".tar.bz2",
    ".tbz",
    ".tbz2",
    ".tb2",
    ".tar.xz",
    ".txz",
    ".tar.lz",
    ".tar.lzma",
    ".tlz",
    ".tar.z",
    ".tz",
    ".tpz",
    ".tar.zst",
    ".tzst",
)


def _is_archive(path: str) -> bool:
    return path.lower().endswith(_ARCHIVE_SUFFIXES)


def _extracts(command: Command, name: str) -> bool:
    """A `tar -x...` command naming the archive `name` (by its base name)."""
    if command.program != "tar" or not command.has_option("-x", "--extract", "--get"):
        return False
    return any(
        word.value.rsplit("/", 1)[-1] == name or word.value.endswith("f" + name) for word in command.args
    )


@rule(
    "DL3010",
    severity="info",
    title="Let ADD extract a local archive",
    rationale="Copying a tarball and then running `tar -x` keeps the archive in one layer and its "
    "contents in another: the image carries the data twice. `ADD archive.tar.gz /dest/` unpacks "
    "local tar archives in a single layer, which is one of the few good reasons to use ADD.",
    bad="COPY app.tar.gz /opt/\nRUN tar -xzf /opt/app.tar.gz -C /opt",
    good="ADD app.tar.gz /opt/",
    fix="Replace the COPY and the extraction with `ADD archive /dest/` (local tar archives only).",
    on=("COPY",),
    section="dockerfile-instructions",
)
def copy_then_extract(ins: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    if ins.flag("from") is not None or ins.stage is None or ins.parent is not None:
        return
    archives = [word for word in ins.sources if _is_archive(word.value)]
    if not archives:
        return
    later = (
        ins.stage.instructions[ins.stage.instructions.index(ins) + 1 :]
        if ins in ins.stage.instructions
        else []
    )
    runs = [following for following in later if following.keyword == "RUN"]
    for word in archives:
        name = word.value.rsplit("/", 1)[-1]
        if any(_extracts(command.unwrap(), name) for run in runs for command in run.script.commands):
            yield Hit(
                word.span, f"`{word.value}` is copied and then extracted; `ADD` extracts it in one layer"
            )


@rule(
    "DL3011",
    severity="error",
    title="EXPOSE ports must be 0-65535",
    rationale="TCP and UDP port numbers are 16-bit; a larger number is a typo that BuildKit or the "
    "runtime will reject, and a reader cannot tell which port was meant.",
    bad="EXPOSE 80800",
    good="EXPOSE 8080",
    fix="Use a port between 0 and 65535 (optionally with /tcp or /udp).",
    on=("EXPOSE",),
    section="dockerfile-instructions",
)
def port_out_of_range(ins: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    for word in ins.words:
        ports = word.value.split("/", 1)[0]
        if "$" in ports:
            continue
        for part in ports.split("-"):
            if part.isdigit() and int(part) > 65535:
                yield Hit(word.span, f"port {part} is out of range (0-65535)")
                break


def _repeated(stage_instructions: Iterable[Instruction], keyword: str) -> Iterator[Instruction]:
    """The second and later instructions with `keyword` in one stage."""
    seen = False
    for ins in stage_instructions:
        if ins.keyword == keyword:
            if seen:
                yield ins
            seen = True


@rule(
    "DL3012",
    severity="error",
    title="Only one HEALTHCHECK per stage",
    rationale="An image has one health check; each HEALTHCHECK replaces the previous one, so an "
    "earlier one is dead code that misleads readers about how the container is probed.",
    bad="HEALTHCHECK CMD curl -f http://localhost/\nHEALTHCHECK CMD wget -q http://localhost/",
    good="HEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1",
    fix="Keep the one HEALTHCHECK you mean, at the end of the stage.",
    section="production-readiness",
)
def several_healthchecks(dockerfile: Dockerfile, ctx: RuleContext) -> Iterator[Hit]:
    for stage in dockerfile.stages:
        for ins in _repeated(stage.instructions, "HEALTHCHECK"):
            yield Hit(ins.keyword_span, "another HEALTHCHECK in this stage already; only the last one counts")


@rule(
    "DL4003",
    severity="warning",
    title="Only one CMD per stage",
    rationale="Only the last CMD takes effect; earlier ones are silently ignored, so they mislead "
    "readers about what the container runs.",
    bad='CMD ["npm", "start"]\nCMD ["node", "server.js"]',
    good='CMD ["node", "server.js"]',
    fix="Delete all but the CMD you mean.",
    section="entrypoint-cmd",
)
def several_cmds(dockerfile: Dockerfile, ctx: RuleContext) -> Iterator[Hit]:
    for stage in dockerfile.stages:
        for ins in _repeated(stage.instructions, "CMD"):
            yield Hit(ins.keyword_span, "this stage already has a CMD; only the last one takes effect")


@rule(
    "DL4004",
    severity="error",
    title="Only one ENTRYPOINT per stage",
    rationale="Only the last ENTRYPOINT takes effect; an earlier one is dead code and hides which "
    "program really starts as PID 1.",
    bad='ENTRYPOINT ["/docker-entrypoint.sh"]\nENTRYPOINT ["nginx"]',
    good='ENTRYPOINT ["/docker-entrypoint.sh"]\nCMD ["nginx", "-g", "daemon off;"]',
    fix="Keep one ENTRYPOINT; put default arguments in CMD.",
    section="entrypoint-cmd",
)
def several_entrypoints(dockerfile: Dockerfile, ctx: RuleContext) -> Iterator[Hit]:
    for stage in dockerfile.stages:
        for ins in _repeated(stage.instructions, "ENTRYPOINT"):
            yield Hit(
                ins.keyword_span, "this stage already has an ENTRYPOINT; only the last one takes effect"
            )


_URL = r"(?i)^(?:https?|ftp|git)://|^git@|^[\w.-]+@[\w.-]+:"


@rule(
    "DL3020",
    severity="error",
    title="Use COPY, not ADD, for local files",
    rationale="ADD does more than copy: it fetches URLs and unpacks local tar archives. Using it for "
    "plain files hides that magic where nobody expects it, and a file renamed to .tar.gz one day "
    "gets extracted. COPY does exactly one thing.",
    bad="ADD requirements.txt /app/",
    good="COPY requirements.txt /app/",
    fix="Replace ADD with COPY; keep ADD for URLs (with --checksum), git sources and archives to extract.",
    on=("ADD",),
    section="dockerfile-instructions",
)
def add_for_local_files(ins: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    for word in ins.sources:
        value = word.value
        # Unlike hadolint we leave git sources and build-time values alone: both are valid ADD uses.
        if "$" in value or value.startswith("<<") or re.match(_URL, value) or _is_archive(value):
            continue
        yield Hit(word.span, f"`{value}` is a local path; COPY it instead of ADD")


@rule(
    "DL3021",
    severity="error",
    title="COPY of several sources needs a destination ending in /",
    rationale="With more than one source the destination must be a folder; BuildKit requires the "
    "trailing slash to be sure you mean one, instead of guessing and overwriting a file.",
    bad="COPY package.json package-lock.json /app",
    good="COPY package.json package-lock.json /app/",
    fix="End the destination with `/`.",
    on=("COPY",),
    section="dockerfile-instructions",
)
def several_sources_need_folder(ins: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    destination = ins.destination
    if destination is None or len(ins.sources) < 2:
        return
    if not destination.value.endswith("/"):
        yield Hit(
            destination.span,
            f"{len(ins.sources)} sources are copied into `{destination.value}`; end it with `/`",
        )


@rule(
    "DL3025",
    severity="warning",
    title="Write CMD and ENTRYPOINT in exec (JSON) form",
    rationale='In shell form Docker runs `/bin/sh -c "..."`, so the shell is PID 1 and your app is '
    "its child: `docker stop` sends SIGTERM to the shell, which does not pass it on, and after the "
    "grace period the app is killed without a clean shutdown. Exec form runs the app as PID 1. "
    "Another fix is `docker run --init` (tini) to reap and forward signals. (hadolint also flags "
    "`HEALTHCHECK CMD` in shell form; that runs briefly beside PID 1, so we do not.)",
    bad="CMD node server.js",
    good='CMD ["node", "server.js"]',
    fix="Write the command as a JSON array of strings; if you need shell features, use `exec` in a script.",
    on=("CMD", "ENTRYPOINT"),
    section="entrypoint-cmd",
)
def shell_form_cmd(ins: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    if ins.is_json or not ins.arguments:
        return
    yield Hit(
        ins.arguments_span or ins.keyword_span,
        f'{ins.keyword} in shell form runs under /bin/sh as PID 1; use ["...", "..."]',
    )


@rule(
    "DL3043",
    severity="error",
    title="ONBUILD cannot trigger ONBUILD, FROM or MAINTAINER",
    rationale="ONBUILD stores an instruction to run in images built FROM this one. Chaining ONBUILD, "
    "or deferring FROM/MAINTAINER, is not allowed by Docker: these instructions cannot run as a "
    "trigger.",
    bad="ONBUILD ONBUILD RUN make",
    good="ONBUILD RUN make",
    fix="Trigger ordinary instructions only (RUN, COPY, ...).",
    on=("ONBUILD",),
    section="dockerfile-instructions",
)
def forbidden_onbuild(ins: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    sub = ins.sub
    if sub is not None and sub.keyword in ("ONBUILD", "FROM", "MAINTAINER"):
        yield Hit(sub.keyword_span, f"{sub.keyword} is not allowed inside ONBUILD")


_REFERENCE = re.compile(r"(?<![\\`])\$(?:\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|([A-Za-z_][A-Za-z0-9_]*))")


def _reference_span(value: Word, match: re.Match[str]) -> Span:
    """The span of the `$NAME` reference inside a one-line value word; the word's span otherwise."""
    span = value.span
    if span.line != span.end_line or span.end_column - span.column != len(value.text):
        return span
    start = span.column + match.start()
    return Span(span.line, start, span.line, start + len(match.group()))


@rule(
    "DL3044",
    severity="error",
    title="ENV cannot use a variable set in the same ENV",
    rationale="All pairs of one ENV are evaluated against the environment *before* the instruction, "
    "so `ENV A=1 B=$A` gives B the old value of A (often empty), not 1.",
    bad="ENV APP_HOME=/app APP_BIN=$APP_HOME/bin",
    good="ENV APP_HOME=/app\nENV APP_BIN=$APP_HOME/bin",
    fix="Split it into two ENV instructions.",
    on=("ENV",),
    section="dockerfile-instructions",
)
def env_self_reference(ins: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    defined: set[str] = set()
    for pair in ins.pairs:
        if pair.value is not None and "$" in pair.value.text:
            for match in _REFERENCE.finditer(pair.value.text):
                name = match.group(1) or match.group(2)
                if name in defined:
                    yield Hit(
                        _reference_span(pair.value, match),
                        f"`{name}` is set earlier in this same ENV, so ${name} still has its old value here",
                    )
                    break
        defined.add(pair.name)


def _stage_has_workdir_before(stage: Stage | None, ins: Instruction, dockerfile: Dockerfile) -> bool:
    current = stage
    limit: Instruction | None = ins  # in a base stage every instruction is before `ins`
    seen = set()
    while current is not None and current.index not in seen:
        seen.add(current.index)
        for earlier in current.instructions:
            if earlier is limit:
                break
            if earlier.keyword == "WORKDIR":
                return True
        current = current.base_stage
        limit = None
    return False


@rule(
    "DL3045",
    severity="warning",
    title="COPY to a relative path needs a WORKDIR",
    rationale="A relative destination is relative to the current WORKDIR. Without one set in this "
    "stage it is whatever the base image chose (often `/`), so files land somewhere that changes "
    "when the base image does.",
    bad="FROM python:3.12-slim\nCOPY app.py .",
    good="FROM python:3.12-slim\nWORKDIR /app\nCOPY app.py .",
    fix="Set `WORKDIR /app` before the COPY, or use an absolute destination.",
    on=("COPY",),
    section="dockerfile-instructions",
)
def relative_copy_without_workdir(ins: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    destination = ins.destination
    if destination is None or ins.stage is None or ins.parent is not None:
        return
    if _is_absolute(destination.value):
        return
    if not _stage_has_workdir_before(ins.stage, ins, ctx.dockerfile):
        yield Hit(destination.span, f"`{destination.value}` is relative and no WORKDIR is set in this stage")


_LABEL_KEY = r"^[a-z](?:[a-z0-9._-]*[a-z0-9])?$"
_RESERVED_NAMESPACES = ("com.docker.", "io.docker.", "org.dockerproject.")


def label_key_problem(key: str) -> str | None:
    """Why `key` is not a valid label key (Docker's recommendations, as hadolint reads them), or None."""
    if key.startswith(_RESERVED_NAMESPACES):
        return "uses a namespace reserved by Docker"
    if not re.match(_LABEL_KEY, key):
        return "must start with a lower-case letter, end with a letter or digit, and use only a-z, 0-9, `.`, `-`, `_`"
    if ".." in key or "--" in key:
        return "must not repeat `.` or `-`"
    return None


@rule(
    "DL3048",
    severity="style",
    title="Use valid label keys",
    rationale="Label keys are read by tools (registries, scanners, orchestrators). Docker recommends "
    "lower-case reverse-DNS keys such as `org.opencontainers.image.source`, and reserves the "
    "`com.docker.*`, `io.docker.*` and `org.dockerproject.*` namespaces for itself.",
    bad="LABEL Maintainer=me com.docker.thing=x",
    good="LABEL org.opencontainers.image.authors=me",
    fix="Use a lower-case key made of letters, digits, `.`, `-` and `_`, preferably an OCI key.",
    on=("LABEL",),
    section="dockerfile-instructions",
)
def invalid_label_key(ins: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    for pair in ins.pairs:
        key = pair.key.value
        if "$" in key:
            continue
        problem = label_key_problem(key)
        if problem:
            yield Hit(pair.key.span, f"label key `{key}` {problem}")


@rule(
    "DL3057",
    severity="ignore",
    title="Add a HEALTHCHECK",
    rationale="Without a health check Docker only knows whether the process exists, not whether it "
    "answers. A HEALTHCHECK lets `docker ps`, Compose `depends_on: condition: service_healthy` and "
    "Swarm restart or hold back a container that is up but broken. (Off by default, as in hadolint; "
    "orchestrators like Kubernetes use their own probes instead.)",
    bad="FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/",
    good="FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\nHEALTHCHECK CMD curl -fsS http://localhost/ || exit 1",
    fix="Add `HEALTHCHECK CMD <a command that fails when the service is unhealthy>` to the final stage.",
    section="production-readiness",
)
def missing_healthcheck(dockerfile: Dockerfile, ctx: RuleContext) -> Iterator[Hit]:
    final = dockerfile.final_stage
    if final is None:
        return
    stage: Stage | None = final
    seen = set()
    while stage is not None and stage.index not in seen:
        seen.add(stage.index)
        if stage.instructions_of("HEALTHCHECK"):
            return
        stage = stage.base_stage
    # hadolint flags every stage; only the final one runs, so only it needs a health check.
    yield Hit(final.from_instruction.head_span, "the final stage has no HEALTHCHECK")


@rule(
    "DL3066",
    severity="info",
    title="Prefer a numeric USER id",
    rationale="A user name is looked up in the image's /etc/passwd at run time. Kubernetes' "
    "`runAsNonRoot` cannot verify a name is not root and refuses to start the pod, and volumes "
    "owned by a name may map to a different uid elsewhere. A numeric uid (and gid) is unambiguous.",
    bad="USER app",
    good="USER 10001:10001",
    fix="Use the numeric uid (and gid) of the user you created, e.g. `USER 10001:10001`.",
    on=("USER",),
    section="runtime-hardening",
)
def non_numeric_user(ins: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    value = ins.arguments
    if not value:
        return
    user = value.split(":", 1)[0]
    if "$" in user:
        known = ctx.dockerfile.expand(user, ins)
        if known is None:
            if _declared_as_arg(user, ins, ctx):
                return  # a build argument: the build command may well pass a number
            yield Hit(
                ins.arguments_span or ins.keyword_span,
                f"`{user}` is not an ARG of this Dockerfile (set by the base image?), so nothing "
                "here shows it is a numeric uid",
            )
            return
        user = known
    if not user.isdigit():
        yield Hit(
            ins.arguments_span or ins.keyword_span,
            f"`{user}` is a name; the numeric uid is unambiguous at run time",
        )


def _declared_as_arg(text: str, ins: Instruction, ctx: RuleContext) -> bool:
    """Every variable in `text` is declared by an ARG above `ins` (any stage, as hadolint reads it)."""
    declared: set[str] = set()
    for earlier in ctx.dockerfile.instructions:
        if earlier.index >= (ins.parent or ins).index:
            break
        if earlier.keyword == "ARG":
            declared.update(pair.name for pair in earlier.pairs)
    names = re.findall(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)", text)
    return bool(names) and all(name in declared for name in names)


@rule(
    "DL4000",
    severity="error",
    buildkit_name="MaintainerDeprecated",
    title="MAINTAINER is deprecated",
    rationale="MAINTAINER was replaced by labels years ago; a label is queryable with `docker "
    "inspect` like any other metadata and follows the OCI annotation keys.",
    bad="MAINTAINER Jane Doe <jane@example.com>",
    good='LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"',
    fix="Replace it with `LABEL org.opencontainers.image.authors=...`.",
    on=("MAINTAINER",),
    section="dockerfile-instructions",
)
def maintainer_deprecated(ins: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    yield Hit(ins.keyword_span, "MAINTAINER is deprecated; use LABEL org.opencontainers.image.authors=...")


@rule(
    "DL1001",
    severity="ignore",
    title="Avoid inline ignore pragmas",
    rationale="Each `# hadolint ignore=` silences a rule where nobody reviews it again. Some teams "
    "prefer to keep exceptions in one reviewed config file; enable this rule to enforce that.",
    bad="# hadolint ignore=DL3008\nRUN apt-get install -y curl",
    good="# .hadolint.yaml\nignored: [DL3008]",
    fix="Move the exception to `.hadolint.yaml` (or fix the finding).",
)
def inline_pragma(dockerfile: Dockerfile, ctx: RuleContext) -> Iterator[Hit]:
    from prepdeck.lint.config import read_pragmas

    for comment in read_pragmas(dockerfile).pragma_comments:
        yield Hit(comment.span, "inline ignore pragma")
