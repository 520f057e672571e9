"""What the build knows about each stage while walking its instructions (filled by build/walk.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from prepdeck.build.catalogue import BaseImage
from prepdeck.build.filesystem import FileSystem
from prepdeck.lint.model import Instruction, Span, Stage

# A user created without a fixed uid (useradd --system app): not root, uid unknown.
SOME_NON_ROOT_UID = -1

# Values BuildKit fills in per build; shown as these placeholders, never as a guess.
PLATFORM_ARGS = {
    "TARGETPLATFORM": "{target platform}",
    "TARGETOS": "{target os}",
    "TARGETARCH": "{target arch}",
    "TARGETVARIANT": "{target variant}",
    "BUILDPLATFORM": "{build platform}",
    "BUILDOS": "{build os}",
    "BUILDARCH": "{build arch}",
    "BUILDVARIANT": "{build variant}",
}


@dataclass(frozen=True)
class CommandSpec:
    """ENTRYPOINT, CMD or a HEALTHCHECK's command: the argv Docker stores in the image config."""

    keyword: str
    argv: tuple[str, ...]
    shell_form: bool
    line: int | None  # None: inherited from the base image
    span: Span | None
    text: str


@dataclass(frozen=True)
class Healthcheck:
    command: CommandSpec | None  # None for HEALTHCHECK NONE
    options: dict[str, str]
    line: int
    span: Span


@dataclass(frozen=True)
class Unknown:
    """A command the model cannot follow: its effects on the image are not known."""

    line: int
    program: str
    span: Span
    text: str


@dataclass(frozen=True)
class PackageStep:
    manager: str  # apt, apk, dnf, pip, npm, yarn, go
    action: str  # install, remove, prune, download, build, ci
    names: tuple[str, ...]
    line: int
    span: Span
    instruction: Instruction
    options: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class SecretWrite:
    """A file a RUN wrote with a secret's value in it (it stays in that RUN's layer unless removed there)."""

    path: str
    source: str
    line: int
    span: Span


@dataclass(eq=False)  # a stage is itself: comparing whole models field by field is slow and meaningless
class StageBuild:
    stage: Stage
    parent: StageBuild | None = None
    base: BaseImage | None = None
    base_reference: str | None = None  # the FROM image with build arguments expanded (None: unknown)
    platform: str | None = None  # FROM --platform, expanded
    fs: FileSystem = field(default_factory=FileSystem)
    env: dict[str, str | None] = field(default_factory=dict)
    env_lines: dict[str, int] = field(default_factory=dict)
    args: dict[str, str | None] = field(default_factory=dict)
    arg_lines: dict[str, int] = field(default_factory=dict)
    user: str = "0:0"
    user_line: int | None = None
    user_span: Span | None = None
    users: dict[str, int] = field(default_factory=lambda: {"root": 0})
    groups: dict[str, int] = field(default_factory=lambda: {"root": 0})
    created_users: dict[str, int] = field(default_factory=dict)  # name -> the line of its useradd/adduser
    workdir: str = "/"
    shell: tuple[str, ...] = ("/bin/sh", "-c")
    entrypoint: CommandSpec | None = None
    cmd: CommandSpec | None = None
    cmd_set_here: bool = False
    healthcheck: Healthcheck | None = None
    exposed: list[tuple[str, int]] = field(default_factory=list)
    packages: list[PackageStep] = field(default_factory=list)
    programs: dict[str, tuple[str, int]] = field(default_factory=dict)  # name -> (path, line)
    unknowns: list[Unknown] = field(default_factory=list)
    secret_writes: list[SecretWrite] = field(default_factory=list)
    go_env: dict[str, str] = field(default_factory=dict)
    venvs: dict[str, str | None] = field(default_factory=dict)  # venv folder -> python minor version
    context_declared: bool = False  # the drill declares the build context, so COPY's files are known
    failure: tuple[int, str] | None = None  # (line, why) where building this stage stops

    @property
    def index(self) -> int:
        return self.stage.index

    @property
    def name(self) -> str | None:
        return self.stage.name

    def label(self) -> str:
        return f"stage `{self.name}`" if self.name else f"stage {self.index}"

    def chain(self) -> list[StageBuild]:
        """This stage and the stages it is built FROM, oldest first."""
        found: list[StageBuild] = []
        current: StageBuild | None = self
        while current is not None and current not in found:
            found.append(current)
            current = current.parent
        return found[::-1]

    def variables(self) -> dict[str, str | None]:
        """ARGs declared in this stage and ENV (inherited too): what BuildKit expands with."""
        return {**self.env, **self.args}

    def home(self) -> str:
        if self.env.get("HOME"):
            return str(self.env["HOME"])
        uid = self.uid()
        return "/root" if uid in (0, None) else "/"

    def uid(self) -> int | None:
        """The uid the stage runs as (None: unknown; SOME_NON_ROOT_UID: a created user without a fixed uid)."""
        name = self.user.partition(":")[0]
        if name.isdigit():
            return int(name)
        return self.users.get(name)

    def gid(self) -> int | None:
        _, _, group = self.user.partition(":")
        if group:
            return int(group) if group.isdigit() else self.groups.get(group)
        uid = self.uid()
        return uid if uid is not None and uid >= 0 else None

    def has_program(self, name: str) -> bool | None:
        """Is `name` on the image? True/False, or None when the base image is unknown."""
        base = name.rsplit("/", 1)[-1]
        if base in self.programs:
            return True
        if name.startswith("/") and self.fs.get(name) is not None:
            return True
        if self.base is None:
            return None if self.base_reference != "scratch" else False
        return self.base.has_program(base)
