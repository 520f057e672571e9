"""The pack format, version 1: pydantic models that are the one source of truth.

Validation, the JSON Schema (`prepdeck pack schema`) and editor autocompletion all come from these
classes, so a field's docstring here is what an instructor sees on hover.

Ids are the contract with the learner's progress: progress is stored under (pack id, item id).
Renaming an item loses its progress unless the new item lists the old id under `replaces`.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

FORMAT_VERSION = 1

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SEMVER_PATTERN = r"^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$"
CLOZE_PATTERN = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)

ItemId = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=120)]
Text = Annotated[str, StringConstraints(min_length=1)]
Difficulty = Literal["easy", "medium", "hard"]
Level = Literal["error", "warning", "info", "style"]


class Model(BaseModel):
    """Unknown keys are errors (with a "did you mean"); `x-*` keys are stripped by the loader."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        defer_build=True,  # built on first use: a pack without drills never builds the drill models
        json_schema_extra={"patternProperties": {"^x-": {}}},
    )


# --- the pack's own description -------------------------------------------------------------


class Author(Model):
    name: Text
    email: str | None = None
    url: str | None = None


class PackMeta(Model):
    id: ItemId = Field(description="kebab-case and permanent: learners' progress is stored under it")
    title: Text
    version: Annotated[str, StringConstraints(pattern=SEMVER_PATTERN)] = Field(
        description='SemVer as a quoted string, e.g. "1.0.0"'
    )
    summary: str = ""
    language: str = "en"
    license: str | None = Field(default=None, description="an SPDX license id, e.g. CC-BY-4.0")
    authors: list[Author] = Field(default_factory=list)
    requires_app: str | None = Field(default=None, description='a version specifier, e.g. ">=0.1"')
    tags: list[str] = Field(default_factory=list)
    welcome: str = Field(default="", description="shown on the learner's first run (Markdown)")


# --- theory ---------------------------------------------------------------------------------


class Reference(Model):
    title: Text
    url: Text


class Section(Model):
    id: ItemId
    title: Text
    body: str | None = Field(default=None, description="Markdown text; or use body_file")
    body_file: str | None = Field(default=None, description="a Markdown file inside the pack folder")
    references: list[Reference] = Field(default_factory=list)
    prerequisites: list[ItemId] = Field(default_factory=list, description="ids of sections to read first")

    @model_validator(mode="after")
    def _one_body(self) -> Section:
        if (self.body is None) == (self.body_file is None):
            raise ValueError("a section needs exactly one of `body` and `body_file`")
        return self


# --- cards ----------------------------------------------------------------------------------


class CardBase(Model):
    id: ItemId
    section: ItemId | None = None
    hint: str | None = None
    extra: str | None = Field(default=None, description="shown after the answer")
    tags: list[str] = Field(default_factory=list)
    difficulty: Difficulty | None = None
    replaces: list[ItemId] = Field(
        default_factory=list, description="old ids whose progress carries over to this item"
    )

    def variants(self) -> list[str]:
        """The sides a learner reviews separately (each has its own schedule)."""
        return ["main"]


class BasicCard(CardBase):
    type: Literal["basic"]
    front: Text
    back: Text


class ReversedCard(CardBase):
    """Reviewed both ways: front to back and back to front."""

    type: Literal["reversed"]
    front: Text
    back: Text

    def variants(self) -> list[str]:
        return ["forward", "reverse"]


class ClozeCard(CardBase):
    """`{{c1::answer}}` or `{{c1::answer::hint}}`; each c-number is reviewed as its own card."""

    type: Literal["cloze"]
    text: Text

    def deletion_numbers(self) -> list[int]:
        return sorted({int(match.group(1)) for match in CLOZE_PATTERN.finditer(self.text)})

    def variants(self) -> list[str]:
        return [f"c{number}" for number in self.deletion_numbers()]


class AnswerMatch(Model):
    case: bool = Field(default=False, description="true: letter case must match")
    trim: bool = Field(default=True, description="ignore surrounding white space")
    fuzzy: int | None = Field(
        default=None, ge=0, le=100, description="accept answers this similar (0-100) to an accepted one"
    )


class TypeInCard(CardBase):
    type: Literal["type_in"]
    prompt: Text
    answers: list[Text] = Field(min_length=1, description="every accepted answer")
    accept: list[Text] = Field(
        default_factory=list,
        description="more forms accepted but not shown as the answer, e.g. the whole command for a flag "
        "('docker build --no-cache' for '--no-cache'); quoting, spacing and --flag=value vs --flag value "
        "never need listing",
    )
    match: AnswerMatch = AnswerMatch()


class ChoiceOption(Model):
    text: Text
    correct: bool = False
    why: str | None = Field(
        default=None, description="shown after answering: why this option is right or wrong"
    )


class ChoiceCard(CardBase):
    """Exactly one option is correct."""

    type: Literal["choice"]
    prompt: Text
    options: list[ChoiceOption] = Field(min_length=2)


class MultiChoiceCard(CardBase):
    """One or more options are correct; the learner picks all of them."""

    type: Literal["multi_choice"]
    prompt: Text
    options: list[ChoiceOption] = Field(min_length=2)


class OrderCard(CardBase):
    """`items` are listed in the correct order; the learner sees them shuffled."""

    type: Literal["order"]
    prompt: Text
    items: list[Text] = Field(min_length=2)


Card = Annotated[
    BasicCard | ReversedCard | ClozeCard | TypeInCard | ChoiceCard | MultiChoiceCard | OrderCard,
    Field(discriminator="type"),
]
CARD_TYPES = ("basic", "reversed", "cloze", "type_in", "choice", "multi_choice", "order")


# --- interview questions --------------------------------------------------------------------


class KeyPoint(Model):
    id: ItemId
    label: Text = Field(description="a short name for the point, shown as covered or missed")
    aliases: list[Text] = Field(
        min_length=1, description="phrases that count as covering the point when found in an answer"
    )
    weight: float = Field(default=1.0, gt=0)
    about: list[Text] = Field(
        default_factory=list,
        description="what the point is about, with its other names (e.g. [namespaces, namespace]): the "
        "point then counts only when its claim is bound to that subject, and a claim bound to another "
        "point's subject is a swapped role",
    )
    contradicted_by: list[Text] = Field(
        default_factory=list, description="claims that contradict the point (matched like aliases)"
    )


class Misconception(Model):
    claim: Text = Field(description="a wrong claim, matched like an alias (a negated claim does not count)")
    about: list[Text] = Field(default_factory=list, description="the subject the claim must be bound to")
    correction: str | None = Field(default=None, description="the correct claim, shown to the learner")


class Question(Model):
    id: ItemId
    section: ItemId | None = None
    level: Literal["junior", "mid", "senior"] = "mid"
    prompt: Text
    model_answer: Text
    key_points: list[KeyPoint] = Field(min_length=1)
    misconceptions: list[Text | Misconception] = Field(
        default_factory=list, description="wrong claims: a phrase, or a claim with `about` and `correction`"
    )
    follow_ups: list[Text] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    difficulty: Difficulty | None = None
    replaces: list[ItemId] = Field(default_factory=list)

    def variants(self) -> list[str]:
        return ["main"]


# --- drills and their requirement vocabulary -------------------------------------------------


class RequirementBase(Model):
    id: ItemId
    message: Text = Field(description="what the learner must do, shown in the checklist")
    hint: str | None = None
    severity: Literal["error", "warning"] = Field(
        default="error", description="warning requirements are shown but do not block a pass"
    )


class NoParams(Model):
    pass


class MinStagesParams(Model):
    count: int = Field(ge=1, description="at least this many FROM stages")


class MinStages(RequirementBase):
    """At least `count` stages (FROM lines): a multi-stage build."""

    check: Literal["min_stages"]
    params: MinStagesParams


class FinalUserNotRoot(RequirementBase):
    """The final stage (or a stage it builds on with FROM <stage>) sets USER to a user other than root or 0."""

    check: Literal["final_user_not_root"]
    params: NoParams = NoParams()


class InstructionParams(Model):
    instruction: Text = Field(description="e.g. HEALTHCHECK, USER, COPY")
    stage: Literal["final", "any"] = Field(
        default="final", description="final: the final stage; any: the whole file"
    )
    flag: str | None = Field(
        default=None,
        description="the instruction must carry this flag, e.g. chown; from=build for an exact value",
    )
    args_regex: str | None = Field(
        default=None, description="a regular expression searched in its arguments (the text after its flags)"
    )


class InstructionPresent(RequirementBase):
    """At least one instruction of that kind, with the flag and arguments given, in the stage."""

    check: Literal["instruction_present"]
    params: InstructionParams


class InstructionAbsent(RequirementBase):
    """No instruction of that kind (with the flag and arguments given, if any) in the stage."""

    check: Literal["instruction_absent"]
    params: InstructionParams


class ExecFormParams(Model):
    instructions: list[Literal["CMD", "ENTRYPOINT", "RUN", "SHELL", "HEALTHCHECK"]] = ["CMD", "ENTRYPOINT"]


class ExecForm(RequirementBase):
    """Every instruction of the named kinds, anywhere in the file, uses the JSON (exec) form."""

    check: Literal["exec_form"]
    params: ExecFormParams = ExecFormParams()


class BaseImageParams(Model):
    by: Literal["tag", "digest"] = Field(
        default="tag", description="tag: a version tag (not latest) or a digest"
    )
    stage: Literal["all", "final"] = Field(
        default="all", description="all: every stage's image; final: the image the final stage is built on"
    )
    match: list[str] = Field(
        default_factory=list, description="globs the image must match (any one), e.g. gcr.io/distroless/*"
    )
    digests: dict[str, str] = Field(
        default_factory=dict,
        description="the digest each image name:tag resolves to (what the task says CI resolved); "
        "that image pinned by another digest fails",
    )


class BaseImagePinned(RequirementBase):
    """Base images pinned by a version tag (not latest) or a digest, and matching `match` when given."""

    check: Literal["base_image_pinned"]
    params: BaseImageParams = BaseImageParams()


class CopyBeforeRunParams(Model):
    copy_: str = Field(alias="copy", description="a glob of a COPY source, e.g. package*.json")
    run: Text = Field(description="a piece of the RUN command, e.g. npm ci")

    model_config = ConfigDict(populate_by_name=True)


class CopyBeforeRun(RequirementBase):
    """The first RUN containing `run` comes after a COPY matching `copy`, and after no COPY of the whole context."""

    check: Literal["copy_before_run"]
    params: CopyBeforeRunParams


class RunMountParams(Model):
    type: Literal["cache", "secret", "bind", "ssh", "tmpfs"]
    target: str | None = Field(
        default=None, description="the mount target; a secret defaults to /run/secrets/<id>"
    )
    id: str | None = Field(
        default=None, description="the mount's id (a secret's defaults to its target's file name)"
    )
    value: bool = Field(
        default=False,
        description="the secret holds a bare value (a token), not a config file: mounted where a tool "
        "reads its config (.npmrc, pip.conf...), it is not read as a credential",
    )
    run: str | None = Field(default=None, description="only a RUN whose command contains this")


class RunMount(RequirementBase):
    """Some RUN (containing `run`, if given) has a --mount of that type (and target)."""

    check: Literal["run_mount"]
    params: RunMountParams


class NoSecrets(RequirementBase):
    """No ARG or ENV whose name or value looks like a credential (docs/drills.md lists what counts)."""

    check: Literal["no_secrets"]
    params: NoParams = NoParams()


class RuleAbsentParams(Model):
    codes: list[Text] = Field(min_length=1, description="lint rule codes, e.g. DL3008")


class RuleAbsent(RequirementBase):
    """No lint finding with one of these codes."""

    check: Literal["rule_absent"]
    params: RuleAbsentParams


class MaxLevelParams(Model):
    level: Level = Field(description="no lint finding at or above this level")


class MaxLevel(RequirementBase):
    """No lint finding at this level or a more severe one (error > warning > info > style)."""

    check: Literal["max_level"]
    params: MaxLevelParams


class RegexParams(Model):
    pattern: Text
    must_match: bool = True


class RegexRequirement(RequirementBase):
    """The last resort: a regular expression over the whole Dockerfile (multiline mode)."""

    check: Literal["regex"]
    params: RegexParams


# --- vocabulary v2: judged on the build model (app/prepdeck/build), see docs/drills.md ----------


class StageCountParams(Model):
    min: int = Field(default=1, ge=1, description="at least this many stages")
    max: int | None = Field(default=None, ge=1, description="at most this many stages")


class StageCount(RequirementBase):
    """The number of stages (FROM lines) is within min..max."""

    check: Literal["stage_count"]
    params: StageCountParams = StageCountParams()


class FinalBaseParams(Model):
    images: list[Text] = Field(
        default_factory=list,
        description="globs the final image's base must match (any one), e.g. gcr.io/distroless/*",
    )
    pinned: Literal["tag", "digest", "any"] = Field(
        default="tag", description="tag: a version tag or digest; digest: a digest; any: not checked"
    )
    no_shell: bool = Field(
        default=False, description="the final base must have no shell (distroless, scratch)"
    )


class FinalBaseMatches(RequirementBase):
    """The image the final stage is built on (FROM <stage> chains followed) matches, and is pinned."""

    check: Literal["final_base_matches"]
    params: FinalBaseParams = FinalBaseParams()


class NonRootParams(Model):
    numeric: bool = Field(
        default=False, description="the user must be a numeric uid (Kubernetes runAsNonRoot can verify it)"
    )
    uid: int | None = Field(default=None, description="the uid it must run as")
    gid: int | None = Field(default=None, description="the gid it must run as")
    created_users_fixed: bool = Field(
        default=False,
        description="every user the final image creates (useradd, adduser) gets the fixed `uid` (and `gid`)",
    )


class RunsAsNonRoot(RequirementBase):
    """The final image runs as a user other than root: its USER, or the base image's default user."""

    check: Literal["runs_as_non_root"]
    params: NonRootParams = NonRootParams()


class SignalParams(Model):
    init: bool = Field(
        default=False, description="PID 1 must be an init (tini, dumb-init) installed in the image"
    )


class Pid1HandlesSignals(RequirementBase):
    """PID 1 passes SIGTERM to the app: the app itself exec'd, or an installed init in front of it."""

    check: Literal["pid1_handles_signals"]
    params: SignalParams = SignalParams()


class ArgvParams(Model):
    program: list[str] | None = Field(
        default=None, description="the workload's argv (after an init or exec script), e.g. [python, -m, app]"
    )
    entrypoint: list[str] | None = Field(
        default=None, description="the fixed part: ENTRYPOINT's argv (after an init)"
    )
    cmd: list[str] | None = Field(default=None, description="the default arguments: CMD's argv")


class ArgvIs(RequirementBase):
    """What the container runs, resolved from ENTRYPOINT + CMD as Docker does."""

    check: Literal["argv_is"]
    params: ArgvParams


class CmdIsOverridable(RequirementBase):
    """`docker run IMAGE args...` replaces CMD and the arguments reach the program behind ENTRYPOINT."""

    check: Literal["cmd_is_overridable"]
    params: NoParams = NoParams()


class HealthcheckParams(Model):
    path: str | None = Field(default=None, description="the URL path the check must call, e.g. /healthz")
    start_period: bool = Field(default=False, description="--start-period must be set")
    port: int | None = Field(
        default=None,
        description="the port the service listens on, when its command does not say (a probe of another local port fails)",
    )


class HealthcheckProbes(RequirementBase):
    """The final image has a HEALTHCHECK whose program exists in the image and really probes the service."""

    check: Literal["healthcheck_probes"]
    params: HealthcheckParams = HealthcheckParams()


class FileParams(Model):
    path: Text = Field(description="a path in the final image; a relative one is under the final WORKDIR")
    kind: Literal["file", "dir", "link", "any"] = "any"
    link_to: list[str] = Field(default_factory=list, description="a symbolic link to one of these targets")
    owner: str | None = Field(default=None, description="uid or uid:gid")
    writable_by: int | None = Field(default=None, description="this uid can write it")
    not_writable_by: int | None = Field(
        default=None, description="this uid can neither write it nor own it (an owner can chmod it back)"
    )
    readable_by: int | None = Field(default=None, description="this uid can read it")
    not_writable_by_others: bool = Field(default=False, description="not world-writable")
    except_under: list[Text] = Field(
        default_factory=list,
        description="folders below `path` that not_writable_by leaves out (the one place the app writes)",
    )
    only_owner_writes: bool = Field(
        default=False,
        description="writable by its owner alone: not by every user, nor by a group other than the owner's own (gid = uid)",
    )
    not_empty: bool = Field(
        default=False, description="a folder that holds files (an empty `mkdir` does not count)"
    )


class ImageHasFile(RequirementBase):
    """A path exists in the final image, with the kind, owner and permissions given."""

    check: Literal["image_has_file"]
    params: FileParams


class ImageLacksParams(Model):
    paths: list[Text] = Field(min_length=1, description="globs of absolute paths (** for any folders)")
    what: str | None = Field(default=None, description="what they are, for messages, e.g. the .env file")


class ImageLacks(RequirementBase):
    """No layer of the final image holds a path matching these globs (a later delete does not help)."""

    check: Literal["image_lacks"]
    params: ImageLacksParams


class NoSecretInImage(RequirementBase):
    """No credential in any layer of the final image, in ENV or ARG, or written from a secret mount."""

    check: Literal["no_secret_in_image"]
    params: NoParams = NoParams()


class ProgramParams(Model):
    name: Text = Field(description="a program name (tini) or an absolute path (/usr/bin/tini)")


class ProgramAvailable(RequirementBase):
    """The program exists in the final image: from the base image (catalogue), a package, or a copy."""

    check: Literal["program_available"]
    params: ProgramParams


class UnchangedStepsParams(Model):
    changed: Text = Field(description="a context path or glob that changes, e.g. src/**")
    must_not_rerun: Text = Field(description="a piece of a RUN command, e.g. npm ci")
    args: list[Text] = Field(
        default_factory=list,
        description="build arguments whose new value must not re-run it either (an ARG declared before it does)",
    )


class UnchangedStepsWhen(RequirementBase):
    """When a context file matching `changed` changes, the RUN containing `must_not_rerun` stays cached."""

    check: Literal["unchanged_steps_when"]
    params: UnchangedStepsParams


class ArgNamesParams(Model):
    names: list[Text] = Field(
        default_factory=list, description="only these build arguments (default: every global or platform ARG)"
    )


class ArgDefinedWhereUsed(RequirementBase):
    """Every use of a global or platform build argument is in a stage that declares it (else it is empty)."""

    check: Literal["arg_defined_where_used"]
    params: ArgNamesParams = ArgNamesParams()


class CacheMountParams(Model):
    tool: Literal["pip", "npm", "yarn", "go", "apt", "apk"]


class CacheMountFor(RequirementBase):
    """The RUN that runs the tool has a cache mount where that tool really keeps its cache."""

    check: Literal["cache_mount_for"]
    params: CacheMountParams


class PackagesParams(Model):
    manager: Literal["apt", "apk", "dnf", "pip", "npm", "any"] = "any"
    names: list[Text] = Field(default_factory=list, description="package names")
    requirements: str | None = Field(
        default=None,
        description="pip: the requirements file whose install must reach the final image; npm: a file npm ci must read",
    )


class PackagesInstalled(RequirementBase):
    """The final image has these packages (pip: installed where the final image's python finds them)."""

    check: Literal["packages_installed"]
    params: PackagesParams


class PackagesAbsent(RequirementBase):
    """None of these packages is installed in the final image."""

    check: Literal["packages_absent"]
    params: PackagesParams


class RuntimeCacheParams(Model):
    tool: Literal["npm", "pip"]
    paths: list[Text] = Field(min_length=1, description="folders the cache may be in, e.g. [/tmp]")


class RuntimeCacheIn(RequirementBase):
    """When the container runs, the tool's cache folder (from its variables and HOME) is under one of these."""

    check: Literal["runtime_cache_in"]
    params: RuntimeCacheParams


class RunOrderParams(Model):
    first: Text = Field(description="a piece of a RUN command that must run first, e.g. npm run build")
    then: Text = Field(description="a piece of a RUN command that must run after it, e.g. npm prune")
    first_needs_dev: bool = Field(
        default=False,
        description="the first step is an npm script that needs the devDependencies (a compiler): node_modules must hold them when it runs",
    )


class RunOrder(RequirementBase):
    """Both commands run in the build of the final image, `first` before `then`."""

    check: Literal["run_order"]
    params: RunOrderParams


class BinaryParams(Model):
    static: bool = Field(default=True, description="built with cgo off, so it needs no C library")
    for_target: bool = Field(default=False, description="built for the target architecture ($TARGETARCH)")


class BinaryBuilt(RequirementBase):
    """The program the final image runs was compiled in the build (go build), static and for the target."""

    check: Literal["binary_built"]
    params: BinaryParams = BinaryParams()


class NoRewrittenFiles(RequirementBase):
    """No RUN changes the owner or mode of files an earlier layer added (that copies them into a new layer)."""

    check: Literal["no_rewritten_files"]
    params: NoParams = NoParams()


class NoDevDependencies(RequirementBase):
    """No node_modules in the final image still holds devDependencies (npm ci without --omit=dev, never pruned)."""

    check: Literal["no_dev_dependencies"]
    params: NoParams = NoParams()


class ContextExcludesParams(Model):
    paths: list[Text] = Field(
        min_length=1, description="context paths the .dockerignore must exclude, e.g. .env"
    )


class ContextExcludes(RequirementBase):
    """The .dockerignore keeps these files out of the build context (so no COPY can take them)."""

    check: Literal["context_excludes"]
    params: ContextExcludesParams


class ModuleImportableParams(Model):
    module: Text = Field(
        description="the module `python -m` runs, e.g. ledger (its package is in the context)"
    )


class ModuleImportable(RequirementBase):
    """The final image's python finds this module: the package is copied into the WORKDIR, a PYTHONPATH
    folder or the interpreter's site-packages."""

    check: Literal["module_importable"]
    params: ModuleImportableParams


Requirement = Annotated[
    MinStages
    | FinalUserNotRoot
    | InstructionPresent
    | InstructionAbsent
    | ExecForm
    | BaseImagePinned
    | CopyBeforeRun
    | RunMount
    | NoSecrets
    | RuleAbsent
    | MaxLevel
    | RegexRequirement
    | StageCount
    | FinalBaseMatches
    | RunsAsNonRoot
    | Pid1HandlesSignals
    | ArgvIs
    | CmdIsOverridable
    | HealthcheckProbes
    | ImageHasFile
    | ImageLacks
    | NoSecretInImage
    | ProgramAvailable
    | UnchangedStepsWhen
    | ArgDefinedWhereUsed
    | CacheMountFor
    | PackagesInstalled
    | PackagesAbsent
    | RunOrder
    | BinaryBuilt
    | NoRewrittenFiles
    | RuntimeCacheIn
    | NoDevDependencies
    | ContextExcludes
    | ModuleImportable,
    Field(discriminator="check"),
]
REQUIREMENT_CHECKS = (
    "min_stages",
    "final_user_not_root",
    "instruction_present",
    "instruction_absent",
    "exec_form",
    "base_image_pinned",
    "copy_before_run",
    "run_mount",
    "no_secrets",
    "rule_absent",
    "max_level",
    "regex",
    "stage_count",
    "final_base_matches",
    "runs_as_non_root",
    "pid1_handles_signals",
    "argv_is",
    "cmd_is_overridable",
    "healthcheck_probes",
    "image_has_file",
    "image_lacks",
    "no_secret_in_image",
    "program_available",
    "unchanged_steps_when",
    "arg_defined_where_used",
    "cache_mount_for",
    "packages_installed",
    "packages_absent",
    "run_order",
    "binary_built",
    "no_rewritten_files",
    "runtime_cache_in",
    "no_dev_dependencies",
    "context_excludes",
    "module_importable",
)


class Counterexample(Model):
    file: Text = Field(description="a Dockerfile inside the pack folder")
    must_fail: list[ItemId] = Field(min_length=1, description="exactly the requirement ids it fails")
    dockerignore: str | None = Field(
        default=None, description="the .dockerignore it is built with (default: the drill context's)"
    )


class Alternative(Model):
    file: Text = Field(description="a valid solution in another idiom (a Dockerfile inside the pack folder)")
    dockerignore: str | None = Field(
        default=None, description="the .dockerignore it is built with (default: the drill context's)"
    )


class ContextEntry(Model):
    path: Text = Field(description="a path relative to the context root, e.g. src/server.js")
    contents: str | None = Field(default=None, description="the file's text, when a requirement reads it")
    mode: str | None = Field(default=None, pattern=r"^0?[0-7]{3,4}$", description="octal, e.g. 0755")
    secret: bool = Field(default=False, description="the file holds a credential")


class Download(Model):
    """An archive the build downloads, and what it holds (tar -x and unzip unpack these paths)."""

    url: Text = Field(description="its URL, or a glob of it: https://example.com/agent-*-linux.tar.gz")
    files: list[Text | ContextEntry] = Field(
        min_length=1, description="the paths inside the archive (agent/bin/agent), with optional modes"
    )


class DrillContext(Model):
    """The build context the drill's Dockerfile is built with (docs/drills.md)."""

    files: list[Text | ContextEntry] = Field(
        default_factory=list, description="paths, or entries with contents"
    )
    downloads: list[Download] = Field(
        default_factory=list, description="archives the build downloads, with the files they hold"
    )
    dockerignore: str | None = Field(default=None, description="the .dockerignore text; absent: none")
    dockerignore_editable: bool = Field(
        default=False, description="the learner edits the .dockerignore beside the Dockerfile"
    )
    solution_dockerignore: str | None = Field(
        default=None,
        description="the .dockerignore the reference solution is built with (default: dockerignore)",
    )


class Drill(Model):
    id: ItemId
    title: Text
    kind: Literal["dockerfile"] = "dockerfile"
    section: ItemId | None = None
    difficulty: Difficulty | None = None
    instructions: str | None = Field(default=None, description="Markdown; or use instructions_file")
    instructions_file: str | None = None
    starter: Text = Field(description="a file inside the pack folder, or the text itself when it spans lines")
    solution: Text = Field(
        description="a file inside the pack folder, or the text itself when it spans lines"
    )
    requirements: list[Requirement] = Field(min_length=1)
    hints: list[Text] = Field(default_factory=list)
    counterexamples: list[Counterexample] = Field(default_factory=list)
    alternatives: list[Alternative] = Field(
        default_factory=list,
        description="more valid solutions, in other idioms; pack check proves each passes",
    )
    context: DrillContext | None = Field(default=None, description="the build context (files, .dockerignore)")
    tags: list[str] = Field(default_factory=list)
    replaces: list[ItemId] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_instructions(self) -> Drill:
        if (self.instructions is None) == (self.instructions_file is None):
            raise ValueError("a drill needs exactly one of `instructions` and `instructions_file`")
        return self

    def variants(self) -> list[str]:
        return ["main"]


# --- files ----------------------------------------------------------------------------------


class ContentFile(Model):
    """A file named by `include`: it adds items to the pack."""

    sections: list[Section] = Field(default_factory=list)
    cards: list[Card] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list)
    drills: list[Drill] = Field(default_factory=list)


class PackFile(ContentFile):
    """pack.yaml, the file that makes a folder a pack."""

    format: Literal[1] = Field(description="the pack format version; this prepdeck reads 1")
    pack: PackMeta
    include: list[str] = Field(
        default=[], description="more YAML files of the pack (globs relative to the pack folder), in order"
    )
    synonyms: list[Annotated[list[Text], Field(min_length=2)]] = Field(
        default=[],
        description="groups of words or phrases that mean the same in answers, for every question of "
        "the pack, e.g. [vm, virtual machine]; each is read as the first of its group",
    )


def json_schema(part: Literal["pack", "include"] = "pack") -> dict[str, Any]:
    """The draft-07 JSON Schema of pack.yaml (or of a file it includes), for editors and tools."""
    model = PackFile if part == "pack" else ContentFile
    schema = model.model_json_schema(by_alias=True, ref_template="#/definitions/{model}")
    schema["definitions"] = schema.pop("$defs", {})
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    schema["title"] = (
        "prepdeck content pack (format 1)" if part == "pack" else "a file included by a prepdeck pack"
    )
    return schema
