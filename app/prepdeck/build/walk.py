"""Walk a parsed Dockerfile the way BuildKit builds it, stage by stage, into a `Build`.

    from prepdeck.build import build_image
    built = build_image(dockerfile, context)      # dockerfile: prepdeck.lint.model.Dockerfile
    built.final.user, built.final.fs.get("/app/.npmrc"), built.final.entrypoint

Scoping follows BuildKit: a global ARG (before the first FROM) is visible in FROM lines only,
unless a stage declares it again (`ARG NAME`, which takes the global default); the platform
arguments (TARGETARCH, BUILDPLATFORM...) are automatic but still need `ARG` inside a stage; ENV
is inherited by a stage built FROM another; `${VAR:-default}` forms expand as the shell would.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from prepdeck.build.catalogue import lookup
from prepdeck.build.context import BuildContext, why_secret
from prepdeck.build.credentials import connection_name, secret_name
from prepdeck.build.filesystem import Entry, is_under, normpath
from prepdeck.build.ignore import clean_path
from prepdeck.build.modes import apply_chmod
from prepdeck.build.run import model_run
from prepdeck.build.state import PLATFORM_ARGS, CommandSpec, Healthcheck, StageBuild, Unknown
from prepdeck.lint.lexing import _VARIABLE
from prepdeck.lint.model import Dockerfile, Instruction, Span, Stage

MAX_INSTRUCTIONS = 2000  # past this the model stops and says so: a verdict, never a hang

_CREDENTIAL_USE = (
    r"(?i)(?:_authtoken|_auth|_password|password|passwd|token|apikey|api_key|secret)\s*[=:]\s*[\"']?\$\{?NAME\b",
    r"://[^/\s:@]*:\$\{?NAME\b[^@\s]*@",
    r"(?i)authorization:[^\"']*\$\{?NAME\b",
    r"(?i)--(?:password|token|auth)[= ][\"']?\$\{?NAME\b",
    r"(?i)\s-u\s+[\"']?[^\s:]*:\$\{?NAME\b",
    # written into a file a tool reads credentials from: `printf '%s' "$NETRC" > /root/.netrc`
    r"\$\{?NAME\b[^\n;&|]*(?:>>?|\|\s*tee(?:\s+-a)?)\s*[\"']?[^\s;&|\"']*"
    r"(?:\.netrc|npmrc|pip\.conf|\.pypirc|\.git-credentials|\.gitconfig|config\.json|credentials(?:\.toml)?|auth\.json|\.pgpass)\b",
)


@dataclass(frozen=True)
class ArgUse:
    """A `$NAME` that reads a build argument: `declared` False when the stage never declared it."""

    name: str
    line: int
    span: Span
    declared: bool
    stage: int


@dataclass
class Step:
    """One instruction as the cache sees it: what from the context (or other stages) it reads."""

    instruction: Instruction
    stage: int
    context_sources: list[str] = field(default_factory=list)
    from_stages: list[int] = field(default_factory=list)


@dataclass
class Build:
    context: BuildContext
    stages: list[StageBuild] = field(default_factory=list)
    global_args: dict[str, str | None] = field(default_factory=dict)
    secret_args: dict[str, int] = field(default_factory=dict)  # ARG name -> line declared
    arg_names: set[str] = field(default_factory=set)  # every name an ARG declares, in any stage
    arg_uses: list[ArgUse] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    too_large: Instruction | None = None  # the instruction where the model stopped
    _shipped: tuple[tuple[int, int], list[StageBuild]] | None = field(default=None, repr=False, compare=False)

    @property
    def final(self) -> StageBuild | None:
        return self.stages[-1] if self.stages else None

    def stage_by_ref(self, ref: str, before: int) -> StageBuild | None:
        """`--from=build` or `--from=0`: an earlier stage (None when it names an image)."""
        if ref.isdigit():
            index = int(ref)
            return self.stages[index] if index < min(before, len(self.stages)) else None
        for stage in self.stages[:before]:
            if stage.name == ref.lower():
                return stage
        return None

    def shipped_stages(self) -> list[StageBuild]:
        """Stages whose output the final image needs: its chain and every stage it copies from."""
        final = self.final
        if final is None:
            return []
        key = (len(self.stages), len(self.steps))
        if self._shipped is not None and self._shipped[0] == key:
            return list(self._shipped[1])
        sources: dict[int, list[int]] = {}
        for step in self.steps:
            if step.from_stages:
                sources.setdefault(step.stage, []).extend(step.from_stages)
        needed: dict[int, StageBuild] = {}  # by index: StageBuild's == compares whole models
        todo = [final]
        while todo:
            stage = todo.pop()
            if stage.index in needed:
                continue
            needed[stage.index] = stage
            if stage.parent is not None:
                todo.append(stage.parent)
            todo.extend(self.stages[index] for index in sources.get(stage.index, ()))
        shipped = [needed[index] for index in sorted(needed)]
        self._shipped = (key, shipped)
        return list(shipped)


def expand_build(text: str, values: dict[str, str | None]) -> str | None:
    """BuildKit's expansion: an undeclared name is empty; a declared one without value is unknown."""
    if "$" not in text:
        return text
    unknown = False

    def substitute(match: re.Match[str]) -> str:
        nonlocal unknown
        name = match.group("braced") or match.group("plain")
        op, word = match.group("op"), match.group("word") or ""
        declared = name in values
        value = values.get(name)
        if declared and value is None:
            if op in (":-", "-", ":+", "+"):
                unknown = True
                return ""
            unknown = True
            return ""
        current = value or ""
        if op in (":-", "-"):
            return current if (current or (op == "-" and declared)) else word
        if op in (":+", "+"):
            return word if (current or (op == "+" and declared)) else ""
        return current

    result = _VARIABLE.sub(substitute, text)
    return None if unknown else result


def build_image(dockerfile: Dockerfile, context: BuildContext | None = None) -> Build:
    build = Build(context=context or BuildContext.unknown())
    globals_: dict[str, str | None] = dict(PLATFORM_ARGS)
    for ins in dockerfile.global_args:
        for pair in ins.pairs:
            value = expand_build(pair.value.value, globals_) if pair.value is not None else None
            globals_[pair.name] = value if pair.value is not None else globals_.get(pair.name)
            build.global_args[pair.name] = globals_[pair.name]
    build.secret_args = _secret_args(dockerfile)
    build.arg_names = {pair.name for ins in dockerfile.walk() if ins.keyword == "ARG" for pair in ins.pairs}
    count = 0
    for stage in dockerfile.stages:
        state = _start_stage(build, stage, globals_)
        build.stages.append(state)
        for ins in stage.instructions:
            count += 1
            if count > MAX_INSTRUCTIONS:
                build.too_large = ins
                return build
            _record_arg_uses(build, state, ins)
            _apply(build, state, ins)
    return build


def _secret_args(dockerfile: Dockerfile) -> dict[str, int]:
    """ARGs that carry a credential: by name, or because a RUN or ENV uses them as one."""
    found: dict[str, int] = {}
    args = [(pair.name, ins.line) for ins in dockerfile.walk() if ins.keyword == "ARG" for pair in ins.pairs]
    texts = []
    for ins in dockerfile.walk():
        if ins.keyword == "RUN":
            texts.append(ins.arguments + "".join(h.content for h in ins.heredocs))
        elif ins.keyword == "ENV":
            texts += [
                f"{pair.name}={pair.value.value}"
                for pair in ins.pairs
                if pair.value is not None and secret_name(pair.name)
            ]
            texts += [
                f"token={pair.value.value}"
                for pair in ins.pairs
                if pair.value is not None and secret_name(pair.name)
            ]
    joined = "\n".join(texts)
    for name, line in args:
        if name in found or name in PLATFORM_ARGS:
            continue
        if (
            secret_name(name)
            or connection_name(name)
            or any(re.search(pattern.replace("NAME", re.escape(name)), joined) for pattern in _CREDENTIAL_USE)
            or (
                re.search(r"\b([A-Za-z_][A-Za-z0-9_]*)=[\"']?\$\{?" + re.escape(name) + r"\b", joined)
                and any(
                    secret_name(assigned)
                    for assigned in re.findall(
                        r"\b([A-Za-z_][A-Za-z0-9_]*)=[\"']?\$\{?" + re.escape(name) + r"\b", joined
                    )
                )
            )
        ):
            found[name] = line
    return found


def _start_stage(build: Build, stage: Stage, globals_: dict[str, str | None]) -> StageBuild:
    from_ins = stage.from_instruction
    image = stage.base
    parent_stage = stage.base_stage
    platform_flag = from_ins.flag("platform")
    platform = expand_build(platform_flag.value or "", globals_) if platform_flag is not None else None
    if parent_stage is not None and parent_stage.index < len(build.stages):
        parent = build.stages[parent_stage.index]
        state = StageBuild(
            stage=stage,
            parent=parent,
            base=parent.base,
            base_reference=parent.base_reference,
            platform=platform or parent.platform,
            fs=parent.fs.copy(),
            env=dict(parent.env),
            env_lines=dict(parent.env_lines),
            user=parent.user,
            user_line=parent.user_line,
            user_span=parent.user_span,
            users=dict(parent.users),
            groups=dict(parent.groups),
            created_users=dict(parent.created_users),
            workdir=parent.workdir,
            shell=parent.shell,
            entrypoint=parent.entrypoint,
            cmd=parent.cmd,
            healthcheck=parent.healthcheck,
            exposed=list(parent.exposed),
            packages=list(parent.packages),
            programs=dict(parent.programs),
            unknowns=list(parent.unknowns),
            secret_writes=list(parent.secret_writes),
            go_env=dict(parent.go_env),
            venvs=dict(parent.venvs),
            context_declared=build.context.declared,
        )
        return state
    reference = expand_build(image.text, globals_) if image is not None else None
    base = lookup(reference) if reference else None
    state = StageBuild(
        stage=stage,
        base=base,
        base_reference=reference,
        platform=platform,
        context_declared=build.context.declared,
    )
    if base is not None:
        state.user = base.user
        state.users = dict(base.users)
        state.groups = {name: uid for name, uid in base.users.items()}
        state.env["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
        if base.entrypoint:
            state.entrypoint = CommandSpec(
                "ENTRYPOINT", base.entrypoint, False, None, None, " ".join(base.entrypoint)
            )
        if base.cmd:
            state.cmd = CommandSpec("CMD", base.cmd, False, None, None, " ".join(base.cmd))
    return state


def _record_arg_uses(build: Build, state: StageBuild, ins: Instruction) -> None:
    """Every `$NAME` of a global or platform ARG, and whether this stage declared it first."""
    if (
        ins.keyword in ("CMD", "ENTRYPOINT", "HEALTHCHECK", "ARG", "ONBUILD") or "$" not in ins.arguments
    ) and not (ins.keyword == "RUN" and any("$" in h.content for h in ins.heredocs)):
        return
    text = ins.arguments + "".join(h.content for h in ins.heredocs)
    if ins.keyword == "LABEL":  # LABEL expands like ENV, except inside single quotes
        text = re.sub(r"'[^']*'", "''", text)
    scope = state.variables()
    assigned = set(re.findall(r"(?:^|[\s;&|(])(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=", text))
    for match in _VARIABLE.finditer(text):
        name = match.group("braced") or match.group("plain")
        if name not in build.global_args and name not in PLATFORM_ARGS and name not in build.arg_names:
            continue
        if name in assigned:
            continue
        start = ins.arguments.find(match.group(0))
        span = (
            ins.span_of(ins.arguments_offset + start, ins.arguments_offset + start + len(match.group(0)))
            if (start >= 0 and ins.text_map is not None)
            else ins.head_span
        )
        build.arg_uses.append(ArgUse(name, ins.line, span, name in scope, state.index))


def _apply(build: Build, state: StageBuild, ins: Instruction) -> None:
    keyword = ins.keyword
    step = Step(ins, state.index)
    build.steps.append(step)
    if keyword == "ARG":
        for pair in ins.pairs:
            if pair.value is not None:
                state.args[pair.name] = expand_build(pair.value.value, state.variables())
            elif pair.name in build.global_args:
                state.args[pair.name] = build.global_args[pair.name]
            else:
                state.args[pair.name] = PLATFORM_ARGS.get(pair.name)
            state.arg_lines[pair.name] = ins.line
    elif keyword == "ENV":
        before = state.variables()
        for pair in ins.pairs:
            state.env[pair.name] = expand_build(pair.value.value, before) if pair.value is not None else ""
            state.env_lines[pair.name] = ins.line
    elif keyword == "WORKDIR":
        value = expand_build(ins.arguments.strip(), state.variables())
        if value:
            state.workdir = normpath(value, state.workdir)
            if state.fs.get(state.workdir) is None:
                state.fs.ensure_dir(
                    state.workdir, ins.line, state.uid(), state.gid(), f"WORKDIR on line {ins.line}"
                )
    elif keyword == "USER":
        value = expand_build(ins.arguments.strip(), state.variables())
        state.user = value if value is not None else "?"
        state.user_line = ins.line
        state.user_span = ins.arguments_span or ins.head_span
    elif keyword in ("COPY", "ADD"):
        _copy(build, state, ins, step)
    elif keyword == "RUN":
        _run(build, state, ins, step)
    elif keyword in ("CMD", "ENTRYPOINT"):
        spec = _command_spec(state, ins, ins.keyword)
        if keyword == "ENTRYPOINT":
            state.entrypoint = spec
            if not state.cmd_set_here:
                state.cmd = None  # as BuildKit: ENTRYPOINT resets a CMD this stage did not set itself
        else:
            state.cmd = spec
            state.cmd_set_here = True
    elif keyword == "HEALTHCHECK":
        _healthcheck(state, ins)
    elif keyword == "SHELL" and ins.is_json:
        state.shell = tuple(word.value for word in ins.exec_args)
    elif keyword == "EXPOSE":
        for word in ins.words:
            port = expand_build(word.value, state.variables()) if "$" in word.value else word.value
            state.exposed.append((port or word.value, ins.line))
    elif not ins.known:
        state.unknowns.append(Unknown(ins.line, ins.keyword_text, ins.head_span, ins.arguments))


def _command_spec(state: StageBuild, ins: Instruction, keyword: str) -> CommandSpec:
    if ins.is_json:
        argv = tuple(word.value for word in ins.exec_args)
        return CommandSpec(keyword, argv, False, ins.line, ins.arguments_span or ins.head_span, ins.arguments)
    text = ins.command_text.strip()
    return CommandSpec(
        keyword, (*state.shell, text), True, ins.line, ins.arguments_span or ins.head_span, text
    )


def _healthcheck(state: StageBuild, ins: Instruction) -> None:
    options = {flag.name: flag.value or "" for flag in ins.flags}
    first = ins.words[0].value.upper() if ins.words else ""
    if first == "NONE" or not ins.words:
        state.healthcheck = Healthcheck(None, options, ins.line, ins.head_span)
        return
    if ins.is_json:
        argv = tuple(word.value for word in ins.exec_args)
        spec = CommandSpec(
            "HEALTHCHECK", argv, False, ins.line, ins.arguments_span or ins.head_span, ins.arguments
        )
    else:
        text = ins.command_text.strip()
        spec = CommandSpec(
            "HEALTHCHECK", (*state.shell, text), True, ins.line, ins.arguments_span or ins.head_span, text
        )
    state.healthcheck = Healthcheck(spec, options, ins.line, ins.head_span)


def _owner_of(state: StageBuild, spec: str | None) -> tuple[int | None, int | None, str | None]:
    if not spec:
        return 0, 0, None
    user, _, group = spec.partition(":")
    uid = int(user) if user.isdigit() else state.users.get(user)
    gid = int(group) if group.isdigit() else state.groups.get(group) if group else uid
    return uid, gid, spec


def _owner_elsewhere(build: Build, state: StageBuild, ins: Instruction, spec: str) -> None:
    """`--chown=app` where only another stage creates `app`: BuildKit looks the name up in this
    stage's /etc/passwd, does not find it, and the build stops."""
    name = spec.partition(":")[0]
    if state.failure is not None or name in state.users:
        return
    other = next((stage for stage in build.stages if stage is not state and name in stage.users), None)
    if other is None:
        return
    state.failure = (
        ins.line,
        f"{ins.keyword} --chown={spec} on line {ins.line} names the user `{name}`, which only "
        f"{other.label()} creates; this stage has no such user, so the build stops",
    )


def _copy(build: Build, state: StageBuild, ins: Instruction, step: Step) -> None:
    variables = state.variables()
    chown = ins.flag("chown")
    chown_value = expand_build(chown.value or "", variables) if chown is not None else None
    uid, gid, owner_text = _owner_of(state, chown_value)
    if chown_value and uid is None:
        _owner_elsewhere(build, state, ins, chown_value)
    chmod = ins.flag("chmod")
    mode_override = apply_chmod(None, chmod.value) if chmod is not None and chmod.value else None
    destination = ins.destination
    if destination is None:
        return
    dest_text = expand_build(destination.value, variables) or destination.value
    dest = normpath(dest_text, state.workdir)
    sources = [word.value for word in ins.sources]
    existing = state.fs.get(dest)
    into_dir = (
        dest_text.endswith("/")
        or len(sources) > 1
        or (existing is not None and existing.kind == "dir")
        or dest in ("/", state.workdir)  # `COPY f .`: the working folder always exists
    )
    fs = state.fs
    fs.ensure_dir(
        dest if into_dir else posixpath.dirname(dest), ins.line, 0, 0, f"{ins.keyword} on line {ins.line}"
    )

    def put(path: str, kind: str, mode: int | None, origin: str, **extra: Any) -> None:
        fs.put(
            Entry(
                path,
                kind,
                uid,
                gid,
                mode_override if mode_override is not None else mode,
                ins.line,
                origin,
                owner_text=owner_text,
                **extra,
            )
        )

    from_flag = ins.flag("from")
    heredoc_names = {heredoc.name for heredoc in ins.heredocs}
    for heredoc in ins.heredocs:
        target = dest if not into_dir else normpath(heredoc.name, dest)
        put(target, "file", 0o644, f"written by the heredoc of line {ins.line}", content=heredoc.content)
    for source in sources:
        if source.lstrip("<-").strip("'\"") in heredoc_names:
            continue
        value = expand_build(source, variables) or source
        if from_flag is not None:
            _copy_from_stage(build, state, ins, step, from_flag.value or "", value, dest, into_dir, put)
        elif "://" in value and ins.keyword == "ADD":
            name = posixpath.basename(value.split("?")[0]) or "download"
            put(
                normpath(name, dest) if into_dir else dest,
                "file",
                0o600,
                f"downloaded by ADD on line {ins.line}",
                content=value,
            )
        else:
            step.context_sources.append(value)
            _copy_context(build, state, ins, value, dest, into_dir, put)


def _copy_from_stage(
    build: Build,
    state: StageBuild,
    ins: Instruction,
    step: Step,
    ref: str,
    source: str,
    dest: str,
    into_dir: bool,
    put: Callable[..., None],
) -> None:
    origin_stage = build.stage_by_ref(ref.lower(), state.index)
    path = normpath(source, "/")
    if origin_stage is None:
        put(dest, "dir", None, f"copied from the image {ref} on line {ins.line}", opaque=True)
        return
    step.from_stages.append(origin_stage.index)
    found = origin_stage.fs.under(path)
    what = f"copied from {origin_stage.label()} on line {ins.line}"
    if not found:
        kind = "dir" if source.endswith("/") else "file" if "." in posixpath.basename(path) else "dir"
        target = normpath(posixpath.basename(path), dest) if into_dir and kind == "file" else dest
        put(
            target,
            kind,
            0o755 if kind == "dir" else 0o644,
            what,
            opaque=True,
            copied_from=(origin_stage.index, path),
        )
        return
    top = origin_stage.fs.get(path)
    is_dir = top is None or top.kind == "dir"
    base = dest if is_dir or not into_dir else normpath(posixpath.basename(path), dest)
    for entry in found:
        target = normpath(entry.path[len(path) :].lstrip("/"), base) if entry.path != path else base
        put(
            target,
            entry.kind,
            entry.mode,
            what,
            target=entry.target,
            secret=entry.secret,
            binary=entry.binary,
            opaque=entry.opaque,
            copied_from=(origin_stage.index, entry.path),
            content=entry.content,
            dev_dependencies=entry.dev_dependencies,
            mode_declared=entry.mode_declared,
        )


def _copy_context(
    build: Build,
    state: StageBuild,
    ins: Instruction,
    source: str,
    dest: str,
    into_dir: bool,
    put: Callable[..., None],
) -> None:
    context = build.context
    if not context.declared:
        put(
            dest,
            "dir" if into_dir or source.rstrip("/") in (".", "") else "file",
            None,
            f"copied from the build context on line {ins.line}",
            opaque=True,
        )
        return
    chosen, is_dir = context.select(source)
    if not chosen:
        _unlisted_secret(ins, source, dest, into_dir, put)
    for path, relative in chosen:
        item = context.files[path]
        if is_dir or into_dir:
            target = normpath(relative if is_dir else posixpath.basename(path), dest)
        else:
            target = dest
        origin = f"copied from the context ({path}) on line {ins.line}"
        if ins.keyword == "ADD" and path.endswith((".tar", ".tar.gz", ".tgz", ".tar.xz", ".tar.bz2")):
            put(dest, "dir", 0o755, f"unpacked by ADD from {path} on line {ins.line}", opaque=True)
            continue
        parents = []
        folder = posixpath.dirname(target)
        while (
            folder not in ("/", dest)
            and folder != posixpath.dirname(folder)
            and is_under(folder, dest)
            and state.fs.get(folder) is None
        ):
            parents.append(folder)
            folder = posixpath.dirname(folder)
        for parent in reversed(parents):
            put(parent, "dir", 0o755, origin)
        mode = item.mode if item.mode is not None else 0o644
        declared = item.mode is not None or ins.flag("chmod") is not None
        put(target, "file", mode, origin, secret=item.secret, content=item.contents, mode_declared=declared)


def _unlisted_secret(
    ins: Instruction, source: str, dest: str, into_dir: bool, put: Callable[..., None]
) -> None:
    """A source the drill's context does not list, named like a credential (`.env.production`):
    either the build stops on it, or the image holds that file; both are wrong, so it counts as copied."""
    name = posixpath.basename(clean_path(source))
    why = why_secret(name, None) if not any(char in name for char in "*?[") else None
    if why is None:
        return
    target = normpath(name, dest) if into_dir else dest
    origin = f"copied from the context ({name}, which this drill's context does not list) on line {ins.line}"
    put(target, "file", 0o644, origin, secret=why, mode_declared=False)


def _run(build: Build, state: StageBuild, ins: Instruction, step: Step) -> None:
    for mount in ins.mounts:
        if mount.type == "bind":
            source = mount.options.get("source") or mount.options.get("src") or "."
            ref = mount.options.get("from")
            if ref:
                origin = build.stage_by_ref(ref.lower(), state.index)
                if origin is not None:
                    step.from_stages.append(origin.index)
            else:
                step.context_sources.append(source)
    model_run(state, ins, set(build.secret_args), build.global_args, build.context.archives)
    _drop_mounted_writes(state, ins)


def _drop_mounted_writes(state: StageBuild, ins: Instruction) -> None:
    """What a RUN writes under a cache or tmpfs mount stays in the mount, never in the layer."""
    for mount in ins.mounts:
        if mount.type not in ("cache", "tmpfs"):
            continue
        target = mount.options.get("target") or mount.options.get("dst") or mount.options.get("destination")
        if not target:
            continue
        folder = normpath(target, state.workdir)
        for entry in state.fs.under(folder):
            if entry.line == ins.line and entry.path != folder:
                state.fs.remove(entry.path, ins.line, recursive=False)
