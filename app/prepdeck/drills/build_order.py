"""Checks on how RUN steps are fed: copy_before_run (layer order for the cache) and run_mount."""

from __future__ import annotations

import posixpath
import re
from fnmatch import fnmatchcase

from prepdeck.content import model as m
from prepdeck.drills.outcome import Verdict
from prepdeck.drills.subject import Subject, quoted, stage_chain
from prepdeck.lint.model import Instruction, Mount

# COPY sources that mean "the whole build context".
WHOLE_CONTEXT = frozenset({".", "./", "*", "./*", "/", "./."})


def run_text(ins: Instruction) -> str:
    """A RUN's command as one line (exec form joined, heredoc bodies appended), whitespace collapsed."""
    pieces = [" ".join(word.value for word in ins.exec_args)] if ins.is_json else [ins.arguments]
    pieces += [heredoc.content for heredoc in ins.heredocs]
    return " ".join(" ".join(pieces).split())


def runs_matching(subject: Subject, piece: str | None) -> list[Instruction]:
    """Every RUN of the file (file order) whose command contains `piece` as whole words (any RUN when
    piece is empty): `npm ci` is found in `npm ci --omit=dev`, not in `pnpm ci` or `npm city`."""
    runs = subject.dockerfile.instructions_of("RUN")
    wanted = " ".join((piece or "").split())
    if not wanted:
        return runs
    pattern = re.compile(r"(?<![\w-])" + re.escape(wanted) + r"(?![\w-])")
    return [ins for ins in runs if pattern.search(run_text(ins))]


def copy_before_run(requirement: m.CopyBeforeRun, subject: Subject) -> Verdict:
    params = requirement.params
    runs = runs_matching(subject, params.run)
    if not runs:
        return Verdict.fail(subject.missing_span(), f"no RUN runs `{params.run}`")
    run = runs[0]
    earlier = _instructions_before(run)
    whole = next((ins for ins in earlier if _copies_whole_context(ins)), None)
    if whole is not None:
        return Verdict.fail(
            whole.head_span,
            f"{quoted(whole.keyword_text + ' ' + whole.arguments)} on line {whole.line} copies the whole context before "
            f"`{params.run}` on line {run.line}, so every source edit re-runs it",
        )
    if any(_copies(ins, params.copy_) for ins in earlier) or _binds(run, params.copy_):
        return Verdict.ok()
    return Verdict.fail(
        run.head_span, f"nothing matching `{params.copy_}` is copied before `{params.run}` on line {run.line}"
    )


def _instructions_before(run: Instruction) -> list[Instruction]:
    """COPY/ADD from the build context that run before `run`: in its stage and the stages it builds on."""
    if run.stage is None:
        return []
    found: list[Instruction] = []
    for stage in stage_chain(run.stage):
        for ins in stage.instructions:
            if ins is run:
                return found
            if ins.keyword in ("COPY", "ADD") and ins.flag("from") is None:
                found.append(ins)
    return found


def _normalise(source: str) -> str:
    cleaned = source.strip()
    while cleaned.startswith("./") and len(cleaned) > 2:
        cleaned = cleaned[2:]
    return cleaned


def _copies_whole_context(ins: Instruction) -> bool:
    return any(source.value.strip() in WHOLE_CONTEXT for source in ins.sources)


def _source_matches(source: str, pattern: str) -> bool:
    """Either side may be a glob: `COPY go.* ./` copies the wanted `go.sum`, and `COPY package.json`
    is one of the wanted `package*.json`. A wanted name without a folder matches a source's basename."""
    source, pattern = _normalise(source), _normalise(pattern)
    if source == pattern or fnmatchcase(source, pattern) or fnmatchcase(pattern, source):
        return True
    if "/" in pattern:
        return False
    base = posixpath.basename(source.rstrip("/"))
    return fnmatchcase(base, pattern) or fnmatchcase(pattern, base)


def _copies(ins: Instruction, pattern: str) -> bool:
    return any(_source_matches(source.value, pattern) for source in ins.sources)


def _binds(run: Instruction, pattern: str) -> bool:
    """`RUN --mount=type=bind,source=package.json,...` reads the file without a COPY layer."""
    for mount in run.mounts:
        source = mount.options.get("source") or mount.options.get("src")
        if (
            mount.type == "bind"
            and source
            and "from" not in mount.options
            and _source_matches(source, pattern)
        ):
            return True
    return False


def mount_target(mount: Mount) -> str | None:
    """Where a mount appears; a secret without a target lands in /run/secrets/<id>."""
    target = mount.target
    if target is None and mount.type == "secret":
        name = mount.options.get("id") or ""
        target = f"/run/secrets/{name}" if name else None
    return (target.rstrip("/") or "/") if target else None


def mount_id(mount: Mount) -> str | None:
    """A mount's id: `id=`, else a secret's target file name (BuildKit's default), else its target."""
    if mount.options.get("id"):
        return mount.options["id"]
    if mount.type == "secret" and mount.target:
        return posixpath.basename(mount.target.rstrip("/"))
    return mount_target(mount)


# Files a tool reads by itself from its usual place: a secret mounted there needs no `cat`.
TOOL_CONFIG_FILES = frozenset(
    {
        ".npmrc",
        "npmrc",
        ".yarnrc",
        ".yarnrc.yml",
        ".netrc",
        "pip.conf",
        "pip.ini",
        ".pypirc",
        "uv.toml",
        "poetry.toml",
        "auth.toml",
        ".git-credentials",
        ".gitconfig",
        "config.json",
        "credentials",
        "credentials.toml",
        "settings.xml",
        "auth.json",
        ".pgpass",
    }
)
TOOL_CONFIG_FOLDERS = (
    "/root/.ssh/",
    "/root/.aws/",
    "/root/.docker/",
    "/root/.config/",
    "/etc/apt/auth.conf.d/",
)
# Environment variables tools read without being named in the command: prefix -> the programs
# that read them (a variable no program of the RUN reads passes nothing on).
_PYTHON_TOOLS = ("pip", "pip3", "python", "python3", "uv", "poetry", "pipenv")
_GIT_USERS = ("git", "go", "npm", "yarn", "pnpm", "pip", "pip3", "cargo", "uv", "poetry")
TOOL_ENV_PREFIXES: dict[str, tuple[str, ...]] = {
    "PIP_": _PYTHON_TOOLS,
    "UV_": ("uv",),
    "POETRY_": ("poetry",),
    "TWINE_": ("twine",),
    "NPM_CONFIG_": ("npm", "npx", "yarn", "pnpm"),
    "npm_config_": ("npm", "npx", "yarn", "pnpm"),
    "YARN_": ("yarn",),
    "AWS_": ("aws", "python", "python3", "terraform", "s3cmd"),
    "GIT_": _GIT_USERS,
    "GH_": ("gh",),
    "GITHUB_": ("gh",),
    "GOPROXY": ("go",),
    "GOPRIVATE": ("go",),
    "GONOSUMDB": ("go",),
    "GOFLAGS": ("go",),
    "GOAUTH": ("go",),
    "CARGO_": ("cargo",),
    "HF_": ("python", "python3", "huggingface-cli", "hf"),
}


def _read_by_tool(env_name: str, run: Instruction) -> bool:
    """Does a program of this RUN read `env_name` itself (PIP_INDEX_URL for pip)?"""
    readers = {
        program
        for prefix, tools in TOOL_ENV_PREFIXES.items()
        if env_name.startswith(prefix)
        for program in tools
    }
    if not readers:
        return False
    programs = {command.program.rsplit("/", 1)[-1] for command in run.script.unwrapped()}
    programs |= {"python" for program in programs if re.fullmatch(r"python[\d.]*", program)}
    return bool(readers & programs)


def secret_unread(
    subject: Subject, run: Instruction, mount: Mount, bare_value: bool = False
) -> tuple[bool | None, str]:
    """Is a secret mount read by its RUN? (True, ''), (False, why not), or (None, why I cannot tell).
    `bare_value`: the secret is a token, so a tool reading it as its config file finds no credential."""
    text = run_text(run)
    secret_id = mount.options.get("id") or posixpath.basename(mount.target or "") or "secret"
    env_name = mount.options.get("env")
    contents = " ".join(file.contents or "" for file in subject.context.files.values())
    if env_name and (env_name in text or _read_by_tool(env_name, run) or env_name in contents):
        return True, ""
    path = mount_target(mount) if (mount.target or not env_name) else None
    stage = next((s for s in subject.build.stages if s.stage is run.stage), None)
    env_values = " ".join(str(value) for value in stage.env.values() if value) if stage is not None else ""
    as_config = path is not None and (
        posixpath.basename(path) in TOOL_CONFIG_FILES or path.startswith(TOOL_CONFIG_FOLDERS)
    )
    if path is not None and (
        path in text
        or path in env_values  # ENV NETRC=/run/secrets/netrc: the tool finds it through its variable
        or (as_config and not bare_value)
        or (path.startswith("/run/secrets/") and secret_id in text and "/run/secrets" in text)
    ):
        return True, ""
    if as_config:
        return False, (
            f"the `{secret_id}` secret holds the token itself, yet line {run.line} mounts it at {path}, where the "
            f"tool reads it as its config file and finds no credential setting in it; expose it with `env=` "
            "or read it from its file into the variable the config expands"
        )
    unknown = next((u for u in stage.unknowns if u.line == run.line), None) if stage is not None else None
    where = f"the variable {env_name}" if path is None else path
    if unknown is not None:
        return None, (
            f"the `{secret_id}` secret is mounted at {where} on line {run.line}, and `{unknown.program}` may read it, "
            "but I cannot follow that command"
        )
    if env_name:
        # A variable is read by a tool's config file that names it (`.npmrc`: `${NPM_TOKEN}`).
        unseen = [
            path
            for path, file in subject.context.files.items()
            if file.contents is None and posixpath.basename(path) in TOOL_CONFIG_FILES
        ]
        if not subject.context.declared or unseen:
            config = f"the context's {unseen[0]}" if unseen else "a config file of the build context"
            return None, (
                f"the `{secret_id}` secret is exposed as {env_name} on line {run.line}, and nothing in that RUN names it; "
                f"{config} may read it, but this drill does not show me its contents"
            )
        named = sorted(
            {
                f"{path} reads ${{{name}}}"
                for path, file in subject.context.files.items()
                if posixpath.basename(path) in TOOL_CONFIG_FILES
                for name in re.findall(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)", file.contents or "")
            }
        )
        if named:
            where += f" ({', '.join(named)})"
    return False, (
        f"the `{secret_id}` secret is mounted at {where} on line {run.line}, but nothing in that RUN reads it, "
        "so the command runs without the credential"
    )


def run_mount(requirement: m.RunMount, subject: Subject) -> Verdict:
    params = requirement.params
    wanted_target = (params.target.rstrip("/") or "/") if params.target else None
    runs = runs_matching(subject, params.run)
    unread: tuple[Instruction, bool | None, str] | None = None
    for run in runs:
        for mount in run.mounts:
            if (
                mount.type == params.type
                and (wanted_target is None or mount_target(mount) == wanted_target)
                and (params.id is None or mount_id(mount) == params.id)
            ):
                if mount.type != "secret":
                    return Verdict.ok()
                read, why = secret_unread(subject, run, mount, params.value)
                if read:
                    return Verdict.ok()
                unread = unread or (run, read, why)
    if unread is not None:
        run, read, why = unread
        return Verdict.cannot_tell(run.head_span, why) if read is None else Verdict.fail(run.head_span, why)
    what = (
        f"`--mount=type={params.type}"
        + (f",id={params.id}" if params.id else "")
        + (f",target={params.target}`" if params.target else "`")
    )
    if not runs:
        scope = f"no RUN runs `{params.run}`" if params.run else "the file has no RUN"
        return Verdict.fail(subject.missing_span(), f"{scope}, so nothing uses {what}")
    if params.run:
        return Verdict.fail(runs[0].head_span, f"`{params.run}` on line {runs[0].line} runs without {what}")
    return Verdict.fail(runs[0].head_span, f"no RUN uses {what}")
